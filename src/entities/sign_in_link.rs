//! `sign_in_links`: single-use links sent by email. Global; only the
//! digest of the link's secret is kept.

use sea_orm::entity::prelude::*;

use crate::stored_enum::stored_enum;

stored_enum!(
    /// What a link does.
    LinkPurpose {
        /// Signs in without a password.
        MagicLink = "MAGIC_LINK",
        /// Sets a new password.
        PasswordReset = "PASSWORD_RESET",
        /// Proves the email address belongs to the account.
        VerifyEmail = "VERIFY_EMAIL",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sign_in_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_hash: String,
    pub user_id: Uuid,
    pub purpose: LinkPurpose,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! `unsubscribe_tokens`: the secrets of one-click unsubscribe links, kept
//! as their digest. Global.

use sea_orm::entity::prelude::*;

use crate::stored_enum::stored_enum;

stored_enum!(
    /// Mail a person may turn off.
    MailCategory {
        /// The reminder the day before a booking.
        Reminders = "REMINDERS",
        /// The managers' daily digest of undelivered messages.
        Digests = "DIGESTS",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unsubscribe_tokens")]
pub struct Model {
    /// SHA-256 (hex) of the secret in the link; the secret is never kept.
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_hash: String,
    pub user_id: Uuid,
    /// What the link turns off.
    pub category: MailCategory,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! `answer_links`: one-click answers to a booking request, sent by email to
//! the hub's managers and the listing's providers. Hub-owned; only the
//! digest of the link's secret is kept.

use sea_orm::entity::prelude::*;

use crate::stored_enum::stored_enum;

stored_enum!(
    /// What following a link answers.
    AnswerDecision {
        /// Confirms the request.
        Approve = "APPROVE",
        /// Refuses the request.
        Decline = "DECLINE",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answer_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The request it answers.
    pub booking_id: Uuid,
    /// Who answers through it (their standing is checked again on use).
    pub user_id: Uuid,
    pub decision: AnswerDecision,
    /// SHA-256 (hex) of the secret address; the address itself is never kept.
    pub token_hash: String,
    pub expires_at: DateTimeUtc,
    /// When it (or its sibling) was used; it works no more.
    pub used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

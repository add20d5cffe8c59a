//! `outbox_messages`: a rendered email to one recipient and its delivery
//! state. Global (a message may concern no hub); a hub's carry `tenant_id`.

use sea_orm::entity::prelude::*;

use crate::stored_enum::stored_enum;

stored_enum!(
    /// Where a message's delivery stands.
    DeliveryStatus {
        /// Waiting for its (next) attempt.
        Pending = "PENDING",
        /// Accepted by the mail server.
        Sent = "SENT",
        /// Given up on after its attempts; a manager may send it again.
        Dead = "DEAD",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Option<Uuid>,
    pub kind: String,
    /// One message per (event, recipient): a second planning writes nothing.
    #[sea_orm(unique)]
    pub dedupe_key: String,
    pub recipient: String,
    pub locale: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub text_body: String,
    #[sea_orm(column_type = "Text")]
    pub html_body: String,
    /// JSON: `[{"name", "contentType", "content"}]`.
    #[sea_orm(column_type = "Text")]
    pub attachments: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// The one-click unsubscribe link of an optional message
    /// (`List-Unsubscribe`), none for the others.
    pub list_unsubscribe: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

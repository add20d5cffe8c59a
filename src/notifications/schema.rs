//! GraphQL for the hub's managers: messages that could not be delivered
//! (`deadLetters`) and sending one again (`retryDeadLetter`).

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::accounts::guard::Authorize;
use crate::accounts::policy::Action;
use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::db::{self, Access};
use crate::entities::outbox_message;
use crate::error::AppError;
use crate::msg;

use super::outbox;

/// A message that could not be delivered.
#[derive(SimpleObject)]
pub struct DeadLetter {
    id: ID,
    /// Which message (`booking-confirmed`, …).
    kind: String,
    /// To whom.
    recipient: String,
    /// Its subject.
    subject: String,
    /// Attempts made.
    attempts: i32,
    /// The mail server's last answer.
    last_error: Option<String>,
    /// When it was written.
    created_at: DateTime<Utc>,
}

impl From<outbox_message::Model> for DeadLetter {
    fn from(row: outbox_message::Model) -> DeadLetter {
        DeadLetter {
            id: ID(row.id.to_string()),
            kind: row.kind,
            recipient: row.recipient,
            subject: row.subject,
            attempts: row.attempts,
            last_error: row.last_error,
            created_at: row.created_at,
        }
    }
}

/// Notification queries.
#[derive(Default)]
pub struct NotificationsQuery;

#[Object]
impl NotificationsQuery {
    /// The hub's messages that could not be delivered, newest first (at
    /// most 100). Managers only.
    async fn dead_letters(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DeadLetter>> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.require(Action::ManageMembers)?;
        let hub = request.hub()?;
        let tx = services.db.begin(Access::Read, None).await?;
        let rows = outbox::dead_letters(&tx, hub.id, 100).await?;
        db::commit(tx).await?;
        Ok(rows.into_iter().map(DeadLetter::from).collect())
    }
}

/// Notification mutations.
#[derive(Default)]
pub struct NotificationsMutation;

#[Object]
impl NotificationsMutation {
    /// Sends a dead letter again, from a fresh first attempt. Managers only.
    async fn retry_dead_letter(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.require(Action::ManageMembers)?;
        let hub = request.hub()?;
        let id = parse_id(&id, "id")?;
        let tx = services.db.begin(Access::Write, None).await?;
        let revived = outbox::revive(&tx, hub.id, id, services.clock.now()).await?;
        db::commit(tx).await?;
        if !revived {
            return Err(AppError::NotFound(msg!("dead-letter-not-found")).into());
        }
        Ok(true)
    }
}

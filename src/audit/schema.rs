//! GraphQL for the audit log: `auditLog`, for a hub's managers.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::accounts::guard::Authorize;
use crate::accounts::policy::Action;
use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::api::pagination::{Page, decode_after, into_page, page_size};
use crate::db::Access;

use super::store;

/// One recorded change.
#[derive(SimpleObject)]
pub struct AuditEvent {
    id: ID,
    /// Who made it; absent for the server's own worker.
    actor_id: Option<ID>,
    /// BOOKING, LISTING, PAYMENT (the payment of the booking `subjectId`),
    /// SERIES (a recurring booking made in one call; `subjectId` is the
    /// series), CALENDAR_FEED (a feed made or given a new address) or HUB
    /// (its settings changed).
    subject: String,
    subject_id: ID,
    action: String,
    from_status: Option<String>,
    to_status: Option<String>,
    at: DateTime<Utc>,
}

/// Audit queries.
#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The hub's audit log, newest first; optionally about one booking or listing. Managers only.
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        subject_id: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<uuid::Uuid, AuditEvent>> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.require(Action::ReadAuditLog)?;
        let limit = page_size(first)?;
        let subject = subject_id
            .as_ref()
            .map(|id| parse_id(id, "subjectId"))
            .transpose()?;
        let after = decode_after::<uuid::Uuid>(after)?;
        let hx = request.begin_hub(services, Access::Read).await?;
        let rows = store::page(&hx, subject, after, limit as u64 + 1).await?;
        hx.commit().await?;
        Ok(into_page(rows, limit, after.is_some(), |e| {
            (
                e.id,
                AuditEvent {
                    id: ID(e.id.to_string()),
                    actor_id: e.actor_id.map(|a| ID(a.to_string())),
                    subject: e.subject,
                    subject_id: ID(e.subject_id.to_string()),
                    action: e.action,
                    from_status: e.from_status,
                    to_status: e.to_status,
                    at: e.at,
                },
            )
        }))
    }
}

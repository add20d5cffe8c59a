//! Writing and reading audit events.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::db::scope::HubTx;
use crate::entities::audit_event;
use crate::error::{AppError, AppResult};
use crate::ids::UserId;

/// One change to record.
pub struct Change<'a> {
    /// Who made it (`None` for the server's own worker).
    pub actor: Option<UserId>,
    /// `BOOKING`, `LISTING`, `PAYMENT`, `SERIES`, `CALENDAR_FEED` or `HUB`.
    pub subject: &'static str,
    /// The row changed.
    pub subject_id: uuid::Uuid,
    /// What was done (`createBooking`, `approveBooking`, `expire`, …).
    pub action: &'a str,
    /// The status before, if any.
    pub from: Option<&'a str>,
    /// The status after, if any.
    pub to: Option<&'a str>,
}

/// Appends an event to the transaction's hub's log.
pub async fn record(hx: &HubTx, change: Change<'_>, at: DateTime<Utc>) -> AppResult<()> {
    insert(hx, change, None, at).await
}

/// Appends an event with `details`, what its statuses cannot say, kept as
/// JSON for whoever announces the change.
pub async fn record_with_details(
    hx: &HubTx,
    change: Change<'_>,
    details: &impl serde::Serialize,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let details = serde_json::to_string(details).map_err(AppError::internal)?;
    insert(hx, change, Some(details), at).await
}

/// The details of `event`, as they were recorded; an error when they are
/// missing or unreadable, never a default.
pub fn details_of<T: serde::de::DeserializeOwned>(event: &audit_event::Model) -> AppResult<T> {
    let text = event.details.as_deref().ok_or_else(|| {
        AppError::Internal(format!("audit event {} has no details", event.id).into())
    })?;
    serde_json::from_str(text).map_err(AppError::internal)
}

async fn insert(
    hx: &HubTx,
    change: Change<'_>,
    details: Option<String>,
    at: DateTime<Utc>,
) -> AppResult<()> {
    hx.insert(audit_event::ActiveModel {
        tenant_id: Set(hx.hub().0),
        id: Set(uuid::Uuid::now_v7()),
        actor_id: Set(change.actor.map(|a| a.0)),
        subject: Set(change.subject.to_owned()),
        subject_id: Set(change.subject_id),
        action: Set(change.action.to_owned()),
        from_status: Set(change.from.map(str::to_owned)),
        to_status: Set(change.to.map(str::to_owned)),
        details: Set(details),
        at: Set(at),
    })
    .await?;
    Ok(())
}

/// One page of the hub's log, newest first, before the id `before`;
/// optionally about one row only.
pub async fn page(
    hx: &HubTx,
    subject_id: Option<uuid::Uuid>,
    before: Option<uuid::Uuid>,
    limit: u64,
) -> AppResult<Vec<audit_event::Model>> {
    let mut query = hx
        .find::<audit_event::Entity>()
        .order_by_desc(audit_event::Column::Id)
        .limit(limit);
    if let Some(subject) = subject_id {
        query = query.filter(audit_event::Column::SubjectId.eq(subject));
    }
    if let Some(before) = before {
        query = query.filter(audit_event::Column::Id.lt(before));
    }
    Ok(query.all(hx.conn()).await?)
}

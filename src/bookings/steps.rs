//! A person's step in a booking's life (approve, decline, cancel, mark a
//! no-show), the same whichever door it comes through: the GraphQL
//! mutations, or a one-click answer from an email.
//!
//! The caller owns the write transaction, so it can do more in it (spend
//! the link that asked for the step) and retry it on contention.

use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::booking;
use crate::error::AppResult;
use crate::listings::access::ListingAccess;
use crate::name::parse_name;
use crate::request::RequestContext;
use crate::state::Services;

use super::access::visible_booking;
use super::checkout::SharedPaymentHook;
use super::engine::{self, Actor};
use super::model::BookingEvent;

/// The most characters a reason may have.
pub const REASON_MAX: usize = 1000;

/// One step asked of one booking.
#[derive(Debug, Clone)]
pub struct Step {
    /// The booking.
    pub booking: uuid::Uuid,
    /// What happens to it.
    pub event: BookingEvent,
    /// Why, as typed (checked by [`Step::new`]).
    pub reason: Option<String>,
}

impl Step {
    /// The step, with its reason trimmed and bounded.
    pub fn new(booking: uuid::Uuid, event: BookingEvent, reason: Option<&str>) -> AppResult<Step> {
        let reason = reason
            .map(|r| parse_name(r, "reason", REASON_MAX))
            .transpose()?;
        Ok(Step {
            booking,
            event,
            reason,
        })
    }
}

/// What must happen before the step's transaction: an approval takes the
/// authorised money first, so a request that cannot be paid is not
/// confirmed. Checks the caller's standing on the way.
pub async fn prepare(
    services: &Services,
    request: &RequestContext,
    payments: &SharedPaymentHook,
    step: &Step,
) -> AppResult<()> {
    if step.event != BookingEvent::Approve {
        return Ok(());
    }
    let hx = request.begin_hub(services, Access::Read).await?;
    let access = ListingAccess::of(request, &hx).await?;
    let (row, standing) = visible_booking(&hx, &access, step.booking, false).await?;
    standing.require(step.event)?;
    hx.commit().await?;
    payments
        .before(services, request.hub()?, &row, step.event)
        .await
}

/// Takes the step in the caller's write transaction `hx` of the request's
/// hub: the booking is locked, the caller's standing checked, the change
/// checked, written and audited.
pub async fn apply(
    hx: &HubTx,
    request: &RequestContext,
    step: &Step,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<booking::Model> {
    let viewer = request.viewer()?;
    let access = ListingAccess::of(request, hx).await?;
    let (row, standing) = visible_booking(hx, &access, step.booking, true).await?;
    standing.require(step.event)?;
    let actor = Actor {
        user: Some(viewer.id()),
        for_the_hub: standing.for_the_hub(),
    };
    engine::transition(hx, row, step.event, actor, step.reason.clone(), now).await
}

//! GraphQL mutations of bookings: `createBooking`, `approveBooking`,
//! `declineBooking`, `cancelBooking`, `markNoShow`.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};

use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::api::quantity::parse_quantity;
use crate::db::Access;
use crate::db::failure::retrying;
use crate::error::AppResult;
use crate::listings::access::ListingAccess;

use super::checkout;
use super::eligibility::ensure_may_book;
use super::engine::{self, BookingRequest};
use super::model::BookingEvent;
use super::period::Period;
use super::schema::Booking;
use super::steps::{self, Step};

/// What `createBooking` needs.
#[derive(InputObject)]
pub struct CreateBookingInput {
    pub listing_id: ID,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Seats or units; 1 when absent.
    pub quantity: Option<i32>,
    /// A key new for each booking you mean to make: retrying with the same
    /// key returns the first booking instead of making another.
    pub idempotency_key: String,
    pub note: Option<String>,
}

/// Booking mutations.
#[derive(Default)]
pub struct BookingsMutation;

async fn step(
    ctx: &Context<'_>,
    id: &ID,
    event: BookingEvent,
    reason: Option<String>,
) -> AppResult<Booking> {
    let services = ctx.services()?;
    let request = ctx.request()?;
    request.viewer()?;
    let step = Step::new(parse_id(id, "id")?, event, reason.as_deref())?;
    let payments = checkout::hook(ctx)?;
    let hub = request.hub()?;
    steps::prepare(services, request, payments, &step).await?;
    let row = retrying(|| async {
        let hx = request.begin_hub(services, Access::Write).await?;
        match steps::apply(&hx, request, &step, services.clock.now()).await {
            Ok(row) => {
                hx.commit().await?;
                Ok(row)
            }
            Err(refused) => {
                // The booking's row is locked: free it before answering.
                hx.rollback().await?;
                Err(refused.into())
            }
        }
    })
    .await?;
    payments.after(services, hub, &[row.id]).await;
    Ok(Booking(row))
}

#[Object]
impl BookingsMutation {
    /// Books a published listing: CONFIRMED at once for instant listings,
    /// REQUESTED (holding the place until answered) for the others.
    async fn create_booking(
        &self,
        ctx: &Context<'_>,
        input: CreateBookingInput,
    ) -> async_graphql::Result<Booking> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let viewer = request.viewer()?;
        let hub = request.hub()?;
        ensure_may_book(hub, &viewer.user)?;
        let payments = checkout::hook(ctx)?;
        let listing = parse_id(&input.listing_id, "input.listingId")?;
        let checkout = payments.checkout(services, request, listing).await?;
        let booking = BookingRequest {
            listing,
            period: Period {
                start: input.start,
                end: input.end,
                quantity: parse_quantity(input.quantity, "input.quantity")?,
            },
            idempotency_key: input.idempotency_key,
            note: input.note.unwrap_or_default(),
            series: None,
            checkout,
        };
        let row = retrying(|| async {
            let hx = request.begin_hub(services, Access::Write).await?;
            let access = ListingAccess::of(request, &hx).await?;
            let (row, _) = engine::create(
                &hx,
                hub,
                &access,
                viewer.id(),
                request.role.is_some(),
                booking.clone(),
                services.clock.now(),
            )
            .await?;
            hx.commit().await?;
            Ok(row)
        })
        .await?;
        payments.after(services, hub, &[row.id]).await;
        Ok(Booking(row))
    }

    /// Confirms a request, if its place is still free. Managers and the listing's providers.
    async fn approve_booking(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Booking> {
        Ok(step(ctx, &id, BookingEvent::Approve, None).await?)
    }

    /// Refuses a request. Managers and the listing's providers.
    async fn decline_booking(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Booking> {
        Ok(step(ctx, &id, BookingEvent::Decline, Some(reason)).await?)
    }

    /// Calls a booking off and records the refund due: what the listing's
    /// policy allows when the customer cancels, everything when a manager does.
    async fn cancel_booking(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: Option<String>,
    ) -> async_graphql::Result<Booking> {
        Ok(step(ctx, &id, BookingEvent::Cancel, reason).await?)
    }

    /// Records that nobody came to a confirmed booking that has started. Managers only.
    async fn mark_no_show(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Booking> {
        Ok(step(ctx, &id, BookingEvent::MarkNoShow, None).await?)
    }
}

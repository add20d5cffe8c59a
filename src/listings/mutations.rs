//! GraphQL mutations of listings: parse the input, open the transaction,
//! run the use case of `commands`, map the result.

use async_graphql::{Context, ID, Object};

use crate::accounts::guard::Authorize;
use crate::accounts::policy::Action;
use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::listing;
use crate::error::{AppError, AppResult};
use crate::ids::UserId;
use crate::tenancy::model::{hub_commission_bps, hub_time_zone};

use super::access::ListingAccess;
use super::bookings_view::SharedBookingsView;
use super::commands::{self, Editor};
use super::inputs::{ExceptionInput, ListingInput, WeeklyRuleInput, opening_hours};
use super::model::ReviewStep;
use super::schema::Listing;

/// Listing mutations.
#[derive(Default)]
pub struct ListingsMutation;

/// A write transaction of a manager or provider in the request's hub, with
/// the facts the commands need.
struct EditSession<'c> {
    hx: HubTx,
    access: ListingAccess,
    actor: UserId,
    tz: chrono_tz::Tz,
    commission_bps: u32,
    now: chrono::DateTime<chrono::Utc>,
    bookings: &'c SharedBookingsView,
    currency: String,
}

impl<'c> EditSession<'c> {
    async fn begin(ctx: &'c Context<'_>) -> AppResult<EditSession<'c>> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let viewer = request.require(Action::EditListings)?;
        let hub = request.hub()?;
        let tz = hub_time_zone(hub)?;
        let bookings = ctx
            .data::<SharedBookingsView>()
            .map_err(|e| AppError::Internal(e.message.into()))?;
        let hx = request.begin_hub(services, Access::Write).await?;
        let access = ListingAccess::of(request, &hx).await?;
        Ok(EditSession {
            hx,
            access,
            actor: viewer.id(),
            tz,
            commission_bps: hub_commission_bps(hub)?,
            now: services.clock.now(),
            bookings,
            currency: hub.currency.clone(),
        })
    }

    fn editor(&self) -> Editor<'_> {
        Editor {
            hx: &self.hx,
            access: &self.access,
            actor: Some(self.actor),
            tz: self.tz,
            commission_bps: self.commission_bps,
            now: self.now,
            bookings: self.bookings.0.as_ref(),
        }
    }

    /// Commits, and answers with the changed listing.
    async fn finish(self, row: listing::Model) -> async_graphql::Result<Listing> {
        self.hx.commit().await?;
        Ok(Listing {
            row,
            currency: self.currency,
            distance_km: None,
        })
    }
}

#[Object]
impl ListingsMutation {
    /// Creates a draft listing for an organization: managers for any, providers for their own.
    async fn create_listing(
        &self,
        ctx: &Context<'_>,
        input: ListingInput,
    ) -> async_graphql::Result<Listing> {
        let spec = input.into_new_spec()?;
        let session = EditSession::begin(ctx).await?;
        let row = commands::create(&session.editor(), &spec).await?;
        session.finish(row).await
    }

    /// Changes the given fields. A provider may move a listing only to
    /// another organization of their own. A smaller capacity that would
    /// leave future bookings without room is refused with `CONFLICT`.
    async fn update_listing(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ListingInput,
    ) -> async_graphql::Result<Listing> {
        let id = parse_id(&id, "id")?;
        let session = EditSession::begin(ctx).await?;
        let row =
            commands::update(&session.editor(), id, |current| input.apply_to(current)).await?;
        session.finish(row).await
    }

    /// Asks the hub's managers to review a draft.
    async fn submit_listing(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Listing> {
        review(ctx, &id, ReviewStep::Submit, None).await
    }

    /// Publishes a listing under review (or a draft). Managers only.
    async fn publish_listing(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Listing> {
        review(ctx, &id, ReviewStep::Publish, None).await
    }

    /// Sends a listing under review back to draft, with the reason. Managers only.
    async fn reject_listing(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Listing> {
        let reason = crate::name::parse_name(&reason, "reason", 1000)?;
        review(ctx, &id, ReviewStep::Reject, Some(reason)).await
    }

    /// Withdraws a listing for good.
    async fn archive_listing(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Listing> {
        review(ctx, &id, ReviewStep::Archive, None).await
    }

    /// Replaces a listing's weekly opening hours and dated exceptions (in
    /// the hub's time zone). Hours that would leave future bookings outside
    /// them are refused with `CONFLICT`.
    async fn set_availability(
        &self,
        ctx: &Context<'_>,
        listing_id: ID,
        rules: Vec<WeeklyRuleInput>,
        exceptions: Option<Vec<ExceptionInput>>,
    ) -> async_graphql::Result<Listing> {
        let hours = opening_hours(rules, exceptions.unwrap_or_default())?;
        let id = parse_id(&listing_id, "listingId")?;
        let session = EditSession::begin(ctx).await?;
        let row = commands::set_hours(&session.editor(), id, &hours).await?;
        session.finish(row).await
    }
}

async fn review(
    ctx: &Context<'_>,
    id: &ID,
    step: ReviewStep,
    note: Option<String>,
) -> async_graphql::Result<Listing> {
    let id = parse_id(id, "id")?;
    let session = EditSession::begin(ctx).await?;
    let row = commands::review(&session.editor(), id, step, note).await?;
    session.finish(row).await
}

//! GraphQL mutations of listings: create, update, the review workflow, and
//! opening hours.

use async_graphql::{Context, ID, Object};

use crate::accounts::guard::Authorize;
use crate::accounts::policy::Action;
use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::audit::store::{self as audit, Change};
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::listing;
use crate::error::{AppError, AppResult};
use crate::msg;
use crate::organizations::store as organizations_store;
use crate::request::RequestContext;

use super::access::ListingAccess;
use super::inputs::{ExceptionInput, ListingInput, WeeklyRuleInput, opening_hours};
use super::model::{ListingStatus, ReviewStep};
use super::schema::Listing;
use super::store;
use super::stored::{hours_from_row, spec_from_row};

/// Listing mutations.
#[derive(Default)]
pub struct ListingsMutation;

/// A write transaction in the request's hub, for a manager or provider.
async fn begin_edit<'c>(
    ctx: &'c Context<'_>,
) -> AppResult<(HubTx, ListingAccess, &'c RequestContext)> {
    let services = ctx.services()?;
    let request = ctx.request()?;
    request.require(Action::EditListings)?;
    let hx = request.begin_hub(services, Access::Write).await?;
    let access = ListingAccess::of(request, &hx).await?;
    Ok((hx, access, request))
}

/// The listing `id`, locked for the rest of the transaction, if the caller may see it.
async fn locked_listing(
    hx: &HubTx,
    access: &ListingAccess,
    id: &ID,
    field: &'static str,
) -> AppResult<listing::Model> {
    let id = parse_id(id, field)?;
    let row = store::find(hx, id, true)
        .await?
        .ok_or_else(store::not_found)?;
    if access.may_view(&row) {
        Ok(row)
    } else {
        Err(store::not_found())
    }
}

/// Checks that `organization` is one of the hub's (the input names it).
async fn require_organization(hx: &HubTx, organization: uuid::Uuid) -> AppResult<()> {
    organizations_store::find(hx, organization)
        .await?
        .map(|_| ())
        .ok_or_else(|| AppError::validation("input.organizationId", msg!("organization-not-found")))
}

/// Records a change of `row` by the caller in the hub's audit log.
async fn audited(
    ctx: &Context<'_>,
    hx: &HubTx,
    row: &listing::Model,
    action: &str,
    from: Option<&str>,
) -> AppResult<()> {
    let change = Change {
        actor: ctx.request()?.viewer.as_ref().map(|v| v.id()),
        subject: "LISTING",
        subject_id: row.id,
        action,
        from,
        to: Some(row.status.as_str()),
    };
    audit::record(hx, change, ctx.services()?.clock.now()).await
}

fn listing(ctx: &Context<'_>, row: listing::Model) -> AppResult<Listing> {
    let currency = ctx.request()?.hub()?.currency.clone();
    Ok(Listing {
        row,
        currency,
        distance_km: None,
    })
}

/// Moves a listing one step through review.
async fn review(
    ctx: &Context<'_>,
    id: &ID,
    step: ReviewStep,
    note: Option<String>,
) -> AppResult<Listing> {
    let (hx, access, _) = begin_edit(ctx).await?;
    let row = locked_listing(&hx, &access, id, "id").await?;
    match step {
        ReviewStep::Publish | ReviewStep::Reject => access.check_review(&row)?,
        ReviewStep::Submit | ReviewStep::Archive => access.check_edit(&row)?,
    }
    let next = row.status.after(step)?;
    if next == ListingStatus::PendingReview || next == ListingStatus::Published {
        // Nothing without opening hours can be booked: catch it before review.
        let hours = hours_from_row(&row)?;
        if hours.rules.is_empty() && hours.exceptions.is_empty() {
            return Err(AppError::validation("id", msg!("listing-hours-needed")));
        }
    }
    let now = ctx.services()?.clock.now();
    let from = row.status;
    let row = store::set_status(&hx, row, next, note, now).await?;
    let action = match step {
        ReviewStep::Submit => "submitListing",
        ReviewStep::Publish => "publishListing",
        ReviewStep::Reject => "rejectListing",
        ReviewStep::Archive => "archiveListing",
    };
    audited(ctx, &hx, &row, action, Some(from.as_str())).await?;
    hx.commit().await?;
    listing(ctx, row)
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
        let (hx, access, _) = begin_edit(ctx).await?;
        require_organization(&hx, spec.organization_id).await?;
        if !access.may_edit_for(spec.organization_id) {
            return Err(AppError::Forbidden(msg!("listing-own-organization-only")).into());
        }
        let row = store::insert(&hx, &spec, ctx.services()?.clock.now()).await?;
        audited(ctx, &hx, &row, "createListing", None).await?;
        hx.commit().await?;
        Ok(listing(ctx, row)?)
    }

    /// Changes the given fields. A provider may move a listing only to
    /// another organization of their own.
    async fn update_listing(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ListingInput,
    ) -> async_graphql::Result<Listing> {
        let (hx, access, _) = begin_edit(ctx).await?;
        let row = locked_listing(&hx, &access, &id, "id").await?;
        access.check_edit(&row)?;
        if row.status == ListingStatus::Archived {
            return Err(AppError::Conflict(msg!("listing-archived")).into());
        }
        let mut current = spec_from_row(&row)?;
        current.tags = store::tags_of(&hx, &[row.id])
            .await?
            .remove(&row.id)
            .unwrap_or_default();
        let spec = input.apply_to(current)?;
        if spec.organization_id != row.organization_id {
            require_organization(&hx, spec.organization_id).await?;
            if !access.may_edit_for(spec.organization_id) {
                return Err(AppError::not_allowed().into());
            }
        }
        let row = store::update_spec(&hx, row, &spec, ctx.services()?.clock.now()).await?;
        audited(ctx, &hx, &row, "updateListing", Some(row.status.as_str())).await?;
        hx.commit().await?;
        Ok(listing(ctx, row)?)
    }

    /// Asks the hub's managers to review a draft.
    async fn submit_listing(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Listing> {
        Ok(review(ctx, &id, ReviewStep::Submit, None).await?)
    }

    /// Publishes a listing under review (or a draft). Managers only.
    async fn publish_listing(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Listing> {
        Ok(review(ctx, &id, ReviewStep::Publish, None).await?)
    }

    /// Sends a listing under review back to draft, with the reason. Managers only.
    async fn reject_listing(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Listing> {
        let reason = crate::name::parse_name(&reason, "reason", 1000)?;
        Ok(review(ctx, &id, ReviewStep::Reject, Some(reason)).await?)
    }

    /// Withdraws a listing for good.
    async fn archive_listing(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Listing> {
        Ok(review(ctx, &id, ReviewStep::Archive, None).await?)
    }

    /// Replaces a listing's weekly opening hours and dated exceptions (in the hub's time zone).
    async fn set_availability(
        &self,
        ctx: &Context<'_>,
        listing_id: ID,
        rules: Vec<WeeklyRuleInput>,
        exceptions: Option<Vec<ExceptionInput>>,
    ) -> async_graphql::Result<Listing> {
        let hours = opening_hours(rules, exceptions.unwrap_or_default())?;
        let (hx, access, _) = begin_edit(ctx).await?;
        let row = locked_listing(&hx, &access, &listing_id, "listingId").await?;
        access.check_edit(&row)?;
        let row = store::set_hours(&hx, row, &hours, ctx.services()?.clock.now()).await?;
        audited(ctx, &hx, &row, "setAvailability", Some(row.status.as_str())).await?;
        hx.commit().await?;
        Ok(listing(ctx, row)?)
    }
}

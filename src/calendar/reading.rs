//! Reading calendars: a feed by its secret token (no login: the token is the
//! credential) and one booking's `.ics` for someone who may see it.

use std::collections::HashMap;

use crate::accounts::policy::{self, Action, Actor, ListingFacts};
use crate::accounts::store as accounts_store;
use crate::bookings::access::visible_booking;
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::{hub, listing};
use crate::error::{AppError, AppResult};
use crate::ids::UserId;
use crate::listings::access::ListingAccess;
use crate::listings::store as listings_store;
use crate::locale::Locale;
use crate::organizations::store as organizations_store;
use crate::request::RequestContext;
use crate::state::Services;
use crate::tenancy::model::{Role, hub_time_zone};
use crate::tenancy::store as tenancy_store;

use super::event::booking_event;
use super::feed::feed_calendar;
use super::identity::Method;
use super::issuer::Issuer;
use super::model::{FeedScope, window};
use super::store;
use super::token::FeedToken;

/// The text of the feed `token` opens; `None` when it opens none (unknown,
/// rotated, or its owner may no longer see what it shows), which the
/// caller answers exactly like a malformed token.
///
/// Everything is read in one transaction of the token's own hub: the token
/// is looked up by its digest among that hub's feeds only.
pub async fn feed_text(services: &Services, token: &FeedToken) -> AppResult<Option<String>> {
    let now = services.clock.now();
    let hx = HubTx::begin(&services.db, Access::Read, token.hub(), None).await?;
    let Some(feed) = store::find_by_token(&hx, &token.hash()).await? else {
        hx.commit().await?;
        return Ok(None);
    };
    let scope = FeedScope::of_row(feed.kind, feed.listing_id).ok_or_else(|| {
        AppError::Internal(format!("calendar feed {}: kind and listing disagree", feed.id).into())
    })?;
    let owner = UserId(feed.owner_id);
    let listing = match scope.listing() {
        Some(id) => match listings_store::find(&hx, id, false).await? {
            Some(row) => Some(row),
            None => return Ok(None),
        },
        None => None,
    };
    // The owner's standing today, not when the feed was made: a provider
    // who left the organization, or a manager no longer one, sees nothing.
    if !still_allowed(&hx, owner, scope, listing.as_ref()).await? {
        hx.commit().await?;
        return Ok(None);
    }
    let hub = tenancy_store::find_hubs(hx.conn(), &[token.hub()])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::Internal("a calendar feed without its hub".into()))?;
    let reader = accounts_store::find_by_id(hx.conn(), owner).await?;
    let bookings = store::bookings_in(&hx, scope, owner, window(now)).await?;
    let mut listing_ids: Vec<uuid::Uuid> = bookings.iter().map(|b| b.listing_id).collect();
    listing_ids.sort_unstable();
    listing_ids.dedup();
    let listings: HashMap<uuid::Uuid, listing::Model> =
        listings_store::find_many(&hx, &listing_ids)
            .await?
            .into_iter()
            .map(|row| (row.id, row))
            .collect();
    hx.commit().await?;

    let locale = reader
        .and_then(|user| Locale::parse(&user.locale))
        .or_else(|| Locale::parse(&hub.locale))
        .unwrap_or_default();
    let issuer = Issuer::new(&services.settings.public_url, locale);
    let name = scope
        .name(&hub.name, listing.as_ref().map(|l| l.title.as_str()))
        .render(locale);
    Ok(Some(feed_calendar(
        &issuer,
        &hub,
        hub_time_zone(&hub)?,
        &name,
        &bookings,
        &listings,
    )))
}

/// Whether `owner` may still have a feed of `scope` in the transaction's hub.
async fn still_allowed(
    hx: &HubTx,
    owner: UserId,
    scope: FeedScope,
    listing: Option<&listing::Model>,
) -> AppResult<bool> {
    let role = tenancy_store::role_of(hx, owner).await?;
    let organizations = if role == Some(Role::Provider) {
        organizations_store::organizations_of(hx, owner).await?
    } else {
        Vec::new()
    };
    let actor = Actor {
        user: Some(owner),
        platform_admin: false,
        role,
        organizations,
    };
    let action = match (scope, listing) {
        (FeedScope::Own, _) => Action::SubscribeOwnCalendar,
        (FeedScope::Hub, _) => Action::SubscribeHubCalendar,
        (FeedScope::Listing(_), Some(row)) => {
            Action::SubscribeListingCalendar(ListingFacts::of(row))
        }
        (FeedScope::Listing(_), None) => return Ok(false),
    };
    Ok(policy::may(&actor, action).is_allowed())
}

/// One booking's `.ics` for the request's caller (its customer, the hub's
/// managers, the listing's providers), in the caller's language, with the
/// method its status calls for.
pub async fn booking_text(
    services: &Services,
    request: &RequestContext,
    id: uuid::Uuid,
) -> AppResult<(String, Method)> {
    request.viewer()?;
    let hub: &hub::Model = request.hub()?;
    let hx = request.begin_hub(services, Access::Read).await?;
    let access = ListingAccess::of(request, &hx).await?;
    let (booking, _) = visible_booking(&hx, &access, id, false).await?;
    let listing = listings_store::find(&hx, booking.listing_id, false)
        .await?
        .ok_or_else(|| AppError::Internal("a booking without its listing".into()))?;
    let customer = accounts_store::find_by_id(hx.conn(), UserId(booking.customer_id))
        .await?
        .ok_or_else(|| AppError::Internal("a booking without its customer".into()))?;
    hx.commit().await?;
    let issuer = Issuer::new(&services.settings.public_url, request.locale);
    let method = Method::for_status(booking.status);
    let text = booking_event(&issuer, hub, &listing, &booking, &customer, method);
    Ok((text, method))
}

//! GraphQL for calendar feeds: `calendarFeed` and `rotateCalendarFeed`.
//! Thin: parse, authorize, call the use case, map.
//!
//! Both are mutations: asking may make the feed, and the answer carries a
//! secret, which must never travel in a GET's URL (mutations are refused
//! over GET).

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::db::Access;
use crate::db::failure::retrying;
use crate::entities::calendar_feed;
use crate::error::AppResult;
use crate::listings::access::ListingAccess;
use crate::request::RequestContext;
use crate::state::Services;

use super::issuer::Issuer;
use super::model::{CalendarFeedKind, FeedScope};
use super::subscriptions::{self, Subscription};

/// A subscribable calendar of bookings.
pub struct CalendarFeed {
    feed: calendar_feed::Model,
    url: Option<String>,
}

#[Object]
impl CalendarFeed {
    /// Whose bookings it shows.
    async fn kind(&self) -> CalendarFeedKind {
        self.feed.kind
    }
    /// The listing of a `LISTING` feed.
    async fn listing_id(&self) -> Option<ID> {
        self.feed.listing_id.map(|id| ID(id.to_string()))
    }
    /// The address to subscribe to (`https://…/calendar/<secret>.ics`).
    /// Shown only when the feed is made and when it is rotated: the server
    /// keeps only a digest of it. Lost it? `rotateCalendarFeed` makes a new
    /// one (and the old one stops working).
    async fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }
    /// When the feed was first made.
    async fn created_at(&self) -> DateTime<Utc> {
        self.feed.created_at
    }
}

/// Which use case a resolver runs.
#[derive(Clone, Copy)]
enum Ask {
    Open,
    Rotate,
}

async fn run(
    services: &Services,
    request: &RequestContext,
    kind: CalendarFeedKind,
    listing_id: Option<ID>,
    ask: Ask,
) -> AppResult<CalendarFeed> {
    let viewer = request.viewer()?;
    request.hub()?;
    let listing = listing_id
        .as_ref()
        .map(|id| parse_id(id, "listingId"))
        .transpose()?;
    let scope = FeedScope::parse(kind, listing)?;
    let subscription = retrying(|| async {
        let hx = request.begin_hub(services, Access::Write).await?;
        let access = ListingAccess::of(request, &hx).await?;
        subscriptions::authorize(&hx, &access, scope).await?;
        let now = services.clock.now();
        let subscription = match ask {
            Ask::Open => subscriptions::open(&hx, viewer.id(), scope, now).await?,
            Ask::Rotate => subscriptions::rotate(&hx, viewer.id(), scope, now).await?,
        };
        hx.commit().await?;
        Ok(subscription)
    })
    .await?;
    let Subscription { feed, token } = subscription;
    let issuer = Issuer::new(&services.settings.public_url, request.locale);
    Ok(CalendarFeed {
        url: token.map(|t| issuer.feed_url(t.reveal())),
        feed,
    })
}

/// Calendar mutations.
#[derive(Default)]
pub struct CalendarMutation;

#[Object]
impl CalendarMutation {
    /// The caller's feed of `kind` (`USER`: their own bookings in the hub;
    /// `LISTING` with `listingId`: a listing's confirmed bookings, for its
    /// organization's providers and the managers; `HUB`: every confirmed
    /// booking, for managers), made on first ask. Its `url` is shown when
    /// it is made; afterwards it comes back without one.
    async fn calendar_feed(
        &self,
        ctx: &Context<'_>,
        kind: CalendarFeedKind,
        listing_id: Option<ID>,
    ) -> async_graphql::Result<CalendarFeed> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        Ok(run(services, request, kind, listing_id, Ask::Open).await?)
    }

    /// A new secret address for the caller's feed of `kind` (made if
    /// missing): the old address stops working at once.
    async fn rotate_calendar_feed(
        &self,
        ctx: &Context<'_>,
        kind: CalendarFeedKind,
        listing_id: Option<ID>,
    ) -> async_graphql::Result<CalendarFeed> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        Ok(run(services, request, kind, listing_id, Ask::Rotate).await?)
    }
}

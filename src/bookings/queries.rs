//! GraphQL queries of bookings: `quoteBooking`, `booking`, `myBookings`,
//! `bookings` (managers and providers) and `dayView` (a calendar's day).

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use crate::accounts::guard::Authorize;
use crate::accounts::policy::{self, Action};
use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::api::pagination::{Page, decode_after, into_page, page_size};
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::error::{AppError, AppResult};
use crate::listings::access::ListingAccess;
use crate::listings::schema::Listing;
use crate::listings::store as listings_store;
use crate::organizations::store as organizations_store;
use crate::request::RequestContext;
use crate::tenancy::model::hub_time_zone;
use crate::wall_clock;

use super::access::visible_booking;
use super::capacity::ensure_room;
use super::engine::{bookable, price};
use super::error::BookingError;
use super::model::BookingStatus;
use super::period::Period;
use super::schema::{Booking, QuoteOutput, QuoteProblem};
use super::store::{self, Against, BookingQuery};
use crate::api::quantity::parse_quantity;

/// Bookings page by start, then id.
type BookingPage = Page<(DateTime<Utc>, uuid::Uuid), Booking>;

/// What the managers' and providers' view filters on.
#[derive(InputObject, Default)]
pub struct BookingFilter {
    /// Starting at or after.
    pub from: Option<DateTime<Utc>>,
    /// Starting before.
    pub to: Option<DateTime<Utc>>,
    pub listing_id: Option<ID>,
    pub organization_id: Option<ID>,
    pub status: Option<BookingStatus>,
    pub customer_id: Option<ID>,
}

/// One listing's bookings on a day.
#[derive(SimpleObject)]
pub struct CalendarRow {
    listing: Listing,
    bookings: Vec<Booking>,
}

/// The statuses a calendar draws.
const ON_THE_CALENDAR: [BookingStatus; 5] = [
    BookingStatus::Requested,
    BookingStatus::AwaitingPayment,
    BookingStatus::Confirmed,
    BookingStatus::Completed,
    BookingStatus::NoShow,
];

async fn connection(
    hx: HubTx,
    query: BookingQuery,
    first: Option<i32>,
    after: Option<String>,
) -> AppResult<BookingPage> {
    let limit = page_size(first)?;
    let after = decode_after::<(DateTime<Utc>, uuid::Uuid)>(after)?;
    let rows = store::page(&hx, &query, after, limit as u64 + 1).await?;
    hx.commit().await?;
    Ok(into_page(rows, limit, after.is_some(), |b| {
        ((b.starts_at, b.id), Booking(b))
    }))
}

/// The listings whose bookings a provider (not a manager) may see; `None` for managers.
async fn staff_listings(
    request: &RequestContext,
    hx: &HubTx,
) -> AppResult<Option<Vec<uuid::Uuid>>> {
    let viewer = request.require(Action::ViewBookings)?;
    if policy::may(&request.actor(), Action::ViewAllBookings).is_allowed() {
        return Ok(None);
    }
    let organizations = organizations_store::organizations_of(hx, viewer.id()).await?;
    Ok(Some(
        listings_store::ids_of_organizations(hx, &organizations).await?,
    ))
}

/// Booking queries.
#[derive(Default)]
pub struct BookingsQuery;

#[Object]
impl BookingsQuery {
    /// Prices a period and says whether it can be booked now, and if not, why.
    async fn quote_booking(
        &self,
        ctx: &Context<'_>,
        listing_id: ID,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        quantity: Option<i32>,
    ) -> async_graphql::Result<QuoteOutput> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let id = parse_id(&listing_id, "listingId")?;
        let period = Period {
            start,
            end,
            quantity: parse_quantity(quantity, "quantity")?,
        };
        let hx = request.begin_hub(services, Access::Read).await?;
        let access = ListingAccess::of(request, &hx).await?;
        let listing = bookable(&hx, &access, id, false).await?;
        let now = services.clock.now();
        let refused = |err: AppError| -> async_graphql::Result<QuoteOutput> {
            match QuoteProblem::from_error(&err, request.locale) {
                Some(problem) => Ok(QuoteOutput::priced_or_refused(problem)),
                None => Err(err.into()),
            }
        };
        let (units, quote) = match price(
            request.hub()?,
            &listing,
            period,
            request.role.is_some(),
            now,
        ) {
            Ok(priced) => priced,
            Err(err) => return refused(err),
        };
        let capacity =
            ensure_room(&hx, &listing.row, &listing.spec, period, Against::Holding).await;
        hx.commit().await?;
        let problem = match capacity {
            Ok(()) => None,
            Err(err) => Some(QuoteProblem::from_error(&err, request.locale).ok_or(err)?),
        };
        Ok(QuoteOutput::priced(
            units,
            &quote,
            listing.spec.cancellation.schedule(start),
            problem,
        ))
    }

    /// One booking: for its customer, the hub's managers and the listing's providers.
    async fn booking(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Booking> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.viewer()?;
        let id = parse_id(&id, "id")?;
        let hx = request.begin_hub(services, Access::Read).await?;
        let access = ListingAccess::of(request, &hx).await?;
        let (row, _) = visible_booking(&hx, &access, id, false).await?;
        hx.commit().await?;
        Ok(Booking(row))
    }

    /// The caller's bookings in the hub, by start.
    async fn my_bookings(
        &self,
        ctx: &Context<'_>,
        status: Option<BookingStatus>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<BookingPage> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let viewer = request.viewer()?;
        let hx = request.begin_hub(services, Access::Read).await?;
        let query = BookingQuery {
            customer: Some(viewer.user.id),
            status,
            ..BookingQuery::default()
        };
        Ok(connection(hx, query, first, after).await?)
    }

    /// The hub's bookings, by start: all of them for managers, their
    /// organizations' for providers.
    async fn bookings(
        &self,
        ctx: &Context<'_>,
        filter: Option<BookingFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<BookingPage> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let filter = filter.unwrap_or_default();
        let hx = request.begin_hub(services, Access::Read).await?;
        let mut listings_in = staff_listings(request, &hx).await?;
        if let Some(organization) = &filter.organization_id {
            let organization = parse_id(organization, "filter.organizationId")?;
            let of_organization =
                listings_store::ids_of_organizations(&hx, &[organization]).await?;
            listings_in = Some(match listings_in {
                Some(mine) => of_organization
                    .into_iter()
                    .filter(|id| mine.contains(id))
                    .collect(),
                None => of_organization,
            });
        }
        let query = BookingQuery {
            from: filter.from,
            to: filter.to,
            listing: filter
                .listing_id
                .as_ref()
                .map(|id| parse_id(id, "filter.listingId"))
                .transpose()?,
            listings_in,
            status: filter.status,
            customer: filter
                .customer_id
                .as_ref()
                .map(|id| parse_id(id, "filter.customerId"))
                .transpose()?,
            overlapping: None,
            series: None,
        };
        Ok(connection(hx, query, first, after).await?)
    }

    /// A day of the hub's calendar (`date` is `YYYY-MM-DD` in the hub's time
    /// zone): each listing with the bookings that overlap the day, requested,
    /// confirmed or past; managers see every listing, providers their own.
    async fn day_view(
        &self,
        ctx: &Context<'_>,
        date: String,
    ) -> async_graphql::Result<Vec<CalendarRow>> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let hub = request.hub()?;
        let tz = hub_time_zone(hub)?;
        let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
            AppError::from(BookingError::NotADate {
                field: "date",
                value: date.to_string(),
            })
        })?;
        // Where a DST change falls at midnight (America/Santiago), the day
        // starts when the clock jumps; only a date at the end of the calendar
        // has no span.
        let (from, to) =
            wall_clock::day(tz, day).ok_or(AppError::from(BookingError::DayUnavailable))?;
        let hx = request.begin_hub(services, Access::Read).await?;
        let listings_in = staff_listings(request, &hx).await?;
        let query = BookingQuery {
            listings_in,
            overlapping: Some((from, to)),
            ..BookingQuery::default()
        };
        let rows = store::page(&hx, &query, None, 10_000).await?;
        let rows: Vec<_> = rows
            .into_iter()
            .filter(|b| ON_THE_CALENDAR.contains(&b.status))
            .collect();
        let mut listing_ids: Vec<uuid::Uuid> = rows.iter().map(|b| b.listing_id).collect();
        listing_ids.sort();
        listing_ids.dedup();
        let mut listings = listings_store::find_many(&hx, &listing_ids).await?;
        hx.commit().await?;
        listings.sort_by(|a, b| a.title.cmp(&b.title).then(a.id.cmp(&b.id)));
        Ok(listings
            .into_iter()
            .map(|row| {
                let bookings = rows
                    .iter()
                    .filter(|b| b.listing_id == row.id)
                    .cloned()
                    .map(Booking)
                    .collect();
                CalendarRow {
                    listing: Listing {
                        row,
                        currency: hub.currency.clone(),
                        distance_km: None,
                    },
                    bookings,
                }
            })
            .collect())
    }
}

//! GraphQL queries of a hub's listings: `listing`, `listings` (search) and
//! `availability` (free slots).
//!
//! Search asks the database for the hub's rows that pass the cheap filters
//! (status, kind, category, tag, words, bounding box, price: all on indexed
//! or hub-local columns), then decides in memory what SQL cannot say portably:
//! visibility, exact distance, opening hours, relevance; free capacity is
//! then counted only for the listings still in the running. A hub's catalogue is
//! small (the benchmark seeds 1,000 listings), so this stays fast; the sort
//! keys make cursors stable, without gaps or repeats.

use async_graphql::connection::{Connection, Edge, OpaqueCursor};
use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Duration, Utc};

use crate::bookings::capacity::{Against, holdings_around};
use crate::bookings::store::holding_many;
use crate::db::Access;
use crate::entities::listing;
use crate::error::{AppError, AppResult};
use crate::graphql::pagination::{Page, decode_after, page_size, parse_id};
use crate::graphql::request::{ContextExt, RequestContext};
use crate::msg;
use crate::tenancy::model::parse_time_zone;
use crate::tenancy::scope::HubTx;

use super::access::ListingAccess;
use super::availability::{Holding, Interval, SlotRules, free_slots, open_intervals, peak_usage};
use super::geo::{BoundingBox, Point};
use super::model::{ListingKind, ListingStatus};
use super::schema::Listing;
use super::store::{self, CatalogueFilter};
use super::stored::{hours_from_row, spec_from_row};
use super::text_search::{fold, words};

/// A period and a quantity that must be free.
#[derive(InputObject)]
pub struct FreeWindowInput {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    #[graphql(default = 1)]
    pub quantity: i32,
}

/// A circle on the map.
#[derive(InputObject)]
pub struct NearInput {
    pub latitude: f64,
    pub longitude: f64,
    pub radius_km: f64,
}

/// A box on the map.
#[derive(InputObject)]
pub struct WithinInput {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

/// What to look for; every filter given must hold.
#[derive(InputObject, Default)]
pub struct ListingFilter {
    pub kind: Option<ListingKind>,
    pub category: Option<String>,
    pub tag: Option<String>,
    /// Words to find in title, description, category and tags (any case, any accents).
    pub text: Option<String>,
    /// PUBLISHED when absent; other statuses show only what the caller may edit.
    pub status: Option<ListingStatus>,
    pub organization_id: Option<ID>,
    pub free_between: Option<FreeWindowInput>,
    pub near: Option<NearInput>,
    pub within: Option<WithinInput>,
    /// The highest unit price, in minor units.
    pub max_price: Option<i64>,
}

/// The order of search results.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListingSort {
    /// Best text match first (titles count most), then newest.
    #[default]
    Relevance,
    /// Nearest first; needs `near`.
    Distance,
    /// Cheapest unit price first.
    Price,
    /// Newest first.
    Newest,
}

/// A free slot and what is left of it.
#[derive(SimpleObject)]
pub struct FreeSlotOutput {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    /// Seats or units still free for the whole slot.
    remaining: i32,
}

fn slot_rules(row: &listing::Model) -> AppResult<SlotRules> {
    let spec = spec_from_row(row)?;
    Ok(SlotRules {
        unit: spec.unit,
        capacity: spec.capacity,
        buffer_before: Duration::minutes(i64::from(spec.buffer_before_minutes)),
        buffer_after: Duration::minutes(i64::from(spec.buffer_after_minutes)),
        lead_time: Duration::minutes(i64::from(spec.lead_time_minutes)),
        horizon: Duration::days(i64::from(spec.horizon_days)),
    })
}

fn parse_quantity(value: i32, field: &'static str) -> AppResult<u32> {
    u32::try_from(value)
        .ok()
        .filter(|q| *q >= 1)
        .ok_or_else(|| AppError::validation(field, msg!("input-choose-at-least-one")))
}

fn window(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    field: &'static str,
    max_days: i64,
) -> AppResult<Interval> {
    if end <= start {
        return Err(AppError::validation(field, msg!("input-end-before-start")));
    }
    if end - start > Duration::days(max_days) {
        return Err(AppError::validation(
            field,
            msg!("search-too-many-days", max = max_days),
        ));
    }
    Ok(Interval { start, end })
}

/// Whether `row` is open for the whole `window`.
fn open_throughout(row: &listing::Model, tz: chrono_tz::Tz, window: Interval) -> AppResult<bool> {
    let open = open_intervals(&hours_from_row(row)?, tz, window.start, window.end);
    Ok(matches!(open.as_slice(), [only] if *only == window))
}

/// Whether `quantity` places are free on `row` for the whole `window`,
/// beside `held`, the bookings that hold capacity on it around then.
fn room_during(
    row: &listing::Model,
    window: Interval,
    quantity: u32,
    held: &[Holding],
) -> AppResult<bool> {
    let rules = slot_rules(row)?;
    let used = peak_usage(held, &window, rules.buffer_before, rules.buffer_after);
    Ok(rules.capacity.saturating_sub(used) >= quantity)
}

/// The listing `id` of the request's hub, if the caller may see it.
async fn visible_listing(
    hx: &HubTx,
    request: &RequestContext,
    id: &ID,
    field: &'static str,
) -> AppResult<listing::Model> {
    let id = parse_id(id, field)?;
    let access = ListingAccess::of(request, hx).await?;
    store::find(hx, id, false)
        .await?
        .filter(|r| access.may_view(r))
        .ok_or_else(store::not_found)
}

/// Sort key of one result: primary, secondary, id. Smaller comes first.
type SortKey = (i64, i64, uuid::Uuid);

/// Listing queries.
#[derive(Default)]
pub struct ListingsQuery;

#[Object]
impl ListingsQuery {
    /// One listing of the hub, if the caller may see it.
    async fn listing(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Listing> {
        let request = ctx.request()?;
        let services = ctx.services()?;
        let hx = request.begin_hub(services, Access::Read).await?;
        let row = visible_listing(&hx, request, &id, "id").await?;
        hx.commit().await?;
        Ok(Listing {
            row,
            currency: request.hub()?.currency.clone(),
            distance_km: None,
        })
    }

    /// Searches the hub's listings.
    async fn listings(
        &self,
        ctx: &Context<'_>,
        filter: Option<ListingFilter>,
        sort: Option<ListingSort>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<SortKey, Listing>> {
        let (filter, sort) = (filter.unwrap_or_default(), sort.unwrap_or_default());
        let services = ctx.services()?;
        let request = ctx.request()?;
        let hub = request.hub()?;
        let tz = parse_time_zone(&hub.time_zone, "hub.timeZone")?;
        let limit = page_size(first)?;
        let after = decode_after::<SortKey>(after)?;

        let near = filter
            .near
            .as_ref()
            .map(|n| -> AppResult<(Point, f64)> {
                let point = Point::parse(n.latitude, n.longitude, "filter.near")?;
                if !(n.radius_km > 0.0 && n.radius_km <= 500.0) {
                    return Err(AppError::validation(
                        "filter.near.radiusKm",
                        msg!("search-radius"),
                    ));
                }
                Ok((point, n.radius_km))
            })
            .transpose()?;
        let within = filter
            .within
            .as_ref()
            .map(|w| BoundingBox::parse(w.south, w.west, w.north, w.east, "filter.within"))
            .transpose()?;
        if near.is_some() && within.is_some() {
            return Err(
                AppError::validation("filter.within", msg!("search-near-or-within")).into(),
            );
        }
        if sort == ListingSort::Distance && near.is_none() {
            return Err(AppError::validation("sort", msg!("search-distance-needs-near")).into());
        }
        let free = filter
            .free_between
            .as_ref()
            .map(|f| {
                Ok::<_, AppError>((
                    window(f.start, f.end, "filter.freeBetween.end", 62)?,
                    parse_quantity(f.quantity, "filter.freeBetween.quantity")?,
                ))
            })
            .transpose()?;
        if let Some(max) = filter.max_price {
            crate::money::parse_amount(max, "filter.maxPrice")?;
        }
        let organization = filter
            .organization_id
            .as_ref()
            .map(|id| parse_id(id, "filter.organizationId"))
            .transpose()?;
        let query_words = filter.text.as_deref().map(words).unwrap_or_default();

        let hx = request.begin_hub(services, Access::Read).await?;
        let access = ListingAccess::of(request, &hx).await?;
        let wanted = filter.status.unwrap_or(ListingStatus::Published);
        let statuses: Vec<ListingStatus> = access
            .visible_statuses()
            .into_iter()
            .filter(|s| *s == wanted)
            .collect();
        let rows = if statuses.is_empty() {
            Vec::new()
        } else {
            store::catalogue(
                &hx,
                &CatalogueFilter {
                    statuses,
                    kind: filter.kind,
                    category: filter.category.as_deref().map(fold),
                    tag: filter.tag.as_deref().map(fold),
                    words: query_words.clone(),
                    within: within.or(near.map(|(p, r)| p.bounding_box(r))),
                    max_unit_price: filter.max_price,
                    organization,
                },
            )
            .await?
        };

        // One query for the bookings around the window of every candidate;
        // the widest pair of buffers bounds how far around to look.
        let held = match free {
            Some((window, _)) => {
                let reach = rows
                    .iter()
                    .map(|r| i64::from(r.buffer_before_minutes) + i64::from(r.buffer_after_minutes))
                    .max()
                    .unwrap_or(0);
                let reach = Duration::minutes(reach);
                let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.id).collect();
                holding_many(&hx, &ids, window.start - reach, window.end + reach).await?
            }
            None => Default::default(),
        };
        let mut results: Vec<(SortKey, Listing)> = Vec::new();
        for row in rows {
            if !access.may_view(&row) {
                continue;
            }
            let distance = match (near, row.latitude.zip(row.longitude)) {
                (Some((point, radius)), Some((latitude, longitude))) => {
                    let d = point.distance_km(Point {
                        latitude,
                        longitude,
                    });
                    if d > radius {
                        continue;
                    }
                    Some(d)
                }
                (Some(_), None) => continue,
                (None, _) => None,
            };
            if let Some((window, quantity)) = free
                && !(open_throughout(&row, tz, window)?
                    && room_during(
                        &row,
                        window,
                        quantity,
                        held.get(&row.id).map_or(&[], Vec::as_slice),
                    )?)
            {
                continue;
            }
            let newest = -row.created_at.timestamp_micros();
            let key = match sort {
                ListingSort::Relevance => {
                    let title = fold(&row.title);
                    let score: i64 = query_words
                        .iter()
                        .map(|w| if title.contains(w.as_str()) { 3 } else { 1 })
                        .sum();
                    (-score, newest, row.id)
                }
                // Metres, so the key is an integer.
                ListingSort::Distance => (
                    distance.map_or(i64::MAX, |d| (d * 1000.0).round() as i64),
                    0,
                    row.id,
                ),
                ListingSort::Price => (
                    if row.price_kind == "FREE" {
                        0
                    } else {
                        row.unit_price
                    },
                    newest,
                    row.id,
                ),
                ListingSort::Newest => (newest, 0, row.id),
            };
            let currency = hub.currency.clone();
            results.push((
                key,
                Listing {
                    row,
                    currency,
                    distance_km: distance,
                },
            ));
        }
        hx.commit().await?;
        results.sort_by_key(|(key, _)| *key);
        let start = after.map_or(0, |cursor| {
            results.partition_point(|(key, _)| *key <= cursor)
        });
        let has_next = results.len() > start + limit;
        let mut connection = Connection::new(start > 0, has_next);
        connection.edges.extend(
            results
                .into_iter()
                .skip(start)
                .take(limit)
                .map(|(key, listing)| Edge::new(OpaqueCursor(key), listing)),
        );
        Ok(connection)
    }

    /// The free bookable slots of a listing in [from, to) for `quantity`
    /// seats (1 when absent), cut to its booking unit (at most 62 days at a time).
    async fn availability(
        &self,
        ctx: &Context<'_>,
        listing_id: ID,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        quantity: Option<i32>,
    ) -> async_graphql::Result<Vec<FreeSlotOutput>> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let window = window(from, to, "to", 62)?;
        let quantity = parse_quantity(quantity.unwrap_or(1), "quantity")?;
        let tz = parse_time_zone(&request.hub()?.time_zone, "hub.timeZone")?;
        let hx = request.begin_hub(services, Access::Read).await?;
        let row = visible_listing(&hx, request, &listing_id, "listingId").await?;
        let spec = spec_from_row(&row)?;
        let held = holdings_around(
            &hx,
            row.id,
            &spec,
            window.start,
            window.end,
            Against::Holding,
        )
        .await?;
        hx.commit().await?;
        let rules = slot_rules(&row)?;
        let hours = hours_from_row(&row)?;
        let slots = free_slots(
            &hours,
            tz,
            &rules,
            &held,
            services.clock.now(),
            window.start,
            window.end,
            quantity,
        );
        Ok(slots
            .into_iter()
            .map(|s| FreeSlotOutput {
                start: s.start,
                end: s.end,
                remaining: i32::try_from(s.remaining).unwrap_or(i32::MAX),
            })
            .collect())
    }
}

//! GraphQL queries of a hub's listings: `listing` and `listings` (search).
//!
//! Search asks the database for the hub's rows that pass the cheap filters
//! (status, kind, category, tag, words, bounding box, price: all on indexed
//! or hub-local columns), reading only the columns deciding and ranking need
//! (`catalogue`), then decides in memory what SQL cannot say portably:
//! visibility, exact distance, opening hours and relevance (`ranking`); free
//! capacity is asked of the booking engine only for the listings still in
//! the running, in one query. Whole rows are read for the page shown only.
//! A hub's catalogue is small (the benchmark seeds 1,000 listings), so this
//! stays fast.

use std::collections::HashMap;

use async_graphql::connection::{Connection, Edge, OpaqueCursor};
use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};

use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::api::pagination::{Page, decode_after, page_size};
use crate::api::quantity::parse_quantity;
use crate::db::Access;
use crate::entities::listing;
use crate::error::{AppError, AppResult};
use crate::msg;
use crate::tenancy::model::hub_time_zone;

use super::access::{ListingAccess, visible_listing};
use super::bookings_view::SharedBookingsView;
use super::catalogue::{CatalogueFilter, CatalogueRow, catalogue};
use super::geo::{BoundingBox, Point};
use super::hours::{checked_window, open_intervals};
use super::model::{ListingKind, ListingStatus};
use super::ranking::{ListingSort, SortKey, distance_within, page_after, sort_key};
use super::schema::Listing;
use super::store;
use super::text_search::{fold, search_words};

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

/// Whether `row` is open for the whole `window`.
fn open_throughout(
    row: &CatalogueRow,
    tz: chrono_tz::Tz,
    window: super::hours::Interval,
) -> AppResult<bool> {
    let open = open_intervals(&row.hours()?, tz, window.start, window.end);
    Ok(matches!(open.as_slice(), [only] if *only == window))
}

/// Listing queries.
#[derive(Default)]
pub struct ListingsQuery;

#[Object]
impl ListingsQuery {
    /// One listing of the hub, if the caller may see it.
    async fn listing(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Listing> {
        let request = ctx.request()?;
        let services = ctx.services()?;
        let id = parse_id(&id, "id")?;
        let hx = request.begin_hub(services, Access::Read).await?;
        let access = ListingAccess::of(request, &hx).await?;
        let row = visible_listing(&hx, &access, id, false).await?;
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
        let tz = hub_time_zone(hub)?;
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
                    checked_window(f.start, f.end, "filter.freeBetween.end", 62)?,
                    parse_quantity(Some(f.quantity), "filter.freeBetween.quantity")?,
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
        let query_words = filter
            .text
            .as_deref()
            .map(|text| search_words(text, "filter.text"))
            .transpose()?
            .unwrap_or_default();

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
            catalogue(
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

        let mut open_ones = Vec::new();
        for row in rows {
            if !access.may_view_listing(row.facts()) {
                continue;
            }
            let Some(distance) = distance_within(&row.candidate(), near) else {
                continue;
            };
            if let Some((window, _)) = free
                && !open_throughout(&row, tz, window)?
            {
                continue;
            }
            open_ones.push((row, distance));
        }
        // One question to the booking engine for every listing still in the running.
        let with_room = match free {
            Some((window, quantity)) => {
                let view = ctx
                    .data::<SharedBookingsView>()
                    .map_err(|e| AppError::Internal(e.message.into()))?;
                let facts = open_ones
                    .iter()
                    .map(|(r, _)| r.room_facts())
                    .collect::<AppResult<Vec<_>>>()?;
                Some(view.0.with_room(&hx, &facts, window, quantity).await?)
            }
            None => None,
        };
        let results: Vec<(SortKey, (uuid::Uuid, Option<f64>))> = open_ones
            .into_iter()
            .filter(|(row, _)| with_room.as_ref().is_none_or(|ids| ids.contains(&row.id)))
            .map(|(row, distance)| {
                let key = sort_key(&row.candidate(), sort, &query_words, distance);
                (key, (row.id, distance))
            })
            .collect();
        let (page, had_previous, has_next) = page_after(results, after, limit);
        // The whole rows of the page only, in the page's order.
        let ids: Vec<uuid::Uuid> = page.iter().map(|(_, (id, _))| *id).collect();
        let mut full: HashMap<uuid::Uuid, listing::Model> = store::find_many(&hx, &ids)
            .await?
            .into_iter()
            .map(|row| (row.id, row))
            .collect();
        hx.commit().await?;
        let mut connection = Connection::new(had_previous, has_next);
        connection
            .edges
            .extend(page.into_iter().filter_map(|(key, (id, distance))| {
                let row = full.remove(&id)?;
                let listing = Listing {
                    row,
                    currency: hub.currency.clone(),
                    distance_km: distance,
                };
                Some(Edge::new(OpaqueCursor(key), listing))
            }));
        Ok(connection)
    }
}

//! The first read of a search: the hub's listings that pass the filters SQL
//! can decide (status, kind, category, tag, words, bounding box, price), with
//! only the columns that deciding the rest and ranking need. Descriptions,
//! photos and the other long columns are read afterwards for the one page
//! shown (`store::find_many`), not for every candidate.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, FromQueryResult, QueryFilter, QuerySelect};

use crate::accounts::policy::ListingFacts;
use crate::db::scope::HubTx;
use crate::entities::listing::{self, BookingUnitKind, PriceKind};
use crate::entities::listing_tag;
use crate::error::{AppError, AppResult};

use super::bookings_view::RoomFacts;
use super::geo::{BoundingBox, Point};
use super::hours::OpeningHours;
use super::model::{ListingKind, ListingStatus, Visibility};
use super::ranking::Candidate;
use super::stored::{hours_from_json, unit_from_row};

/// The filters search hands to the database; the rest (visibility, exact
/// distance, free time) is decided on the rows it returns.
#[derive(Debug, Default)]
pub struct CatalogueFilter {
    /// Statuses to include.
    pub statuses: Vec<ListingStatus>,
    /// Space or service.
    pub kind: Option<ListingKind>,
    /// A folded category.
    pub category: Option<String>,
    /// A folded tag.
    pub tag: Option<String>,
    /// Folded words that must all appear.
    pub words: Vec<String>,
    /// A box the listing's point must be in.
    pub within: Option<BoundingBox>,
    /// The highest unit price (minor units).
    pub max_unit_price: Option<i64>,
    /// One organization's listings.
    pub organization: Option<uuid::Uuid>,
}

/// What search decides and ranks on, of one listing.
#[derive(Debug, Clone, FromQueryResult)]
pub struct CatalogueRow {
    /// The listing.
    pub id: uuid::Uuid,
    organization_id: uuid::Uuid,
    status: ListingStatus,
    visibility: Visibility,
    title: String,
    created_at: DateTime<Utc>,
    price_kind: PriceKind,
    unit_price: i64,
    latitude: Option<f64>,
    longitude: Option<f64>,
    opening_hours: String,
    capacity: i32,
    unit_kind: BookingUnitKind,
    unit_minutes: i32,
    max_units: i32,
    buffer_before_minutes: i32,
    buffer_after_minutes: i32,
}

impl CatalogueRow {
    /// What the policy needs to say who may see it.
    pub fn facts(&self) -> ListingFacts {
        ListingFacts {
            organization: self.organization_id,
            status: self.status,
            visibility: self.visibility,
        }
    }

    /// What ranking needs.
    pub fn candidate(&self) -> Candidate<'_> {
        Candidate {
            id: self.id,
            title: &self.title,
            created_at: self.created_at,
            price: (self.price_kind, self.unit_price),
            position: self
                .latitude
                .zip(self.longitude)
                .map(|(latitude, longitude)| Point {
                    latitude,
                    longitude,
                }),
        }
    }

    /// Its opening hours.
    pub fn hours(&self) -> AppResult<OpeningHours> {
        hours_from_json(&self.opening_hours, self.id)
    }

    /// What the booking engine needs to tell whether it has room.
    pub fn room_facts(&self) -> AppResult<RoomFacts> {
        let count = |n: i32| {
            u32::try_from(n).map_err(|_| {
                AppError::Internal(
                    format!("listing {}: stored numbers are unreadable", self.id).into(),
                )
            })
        };
        Ok(RoomFacts {
            id: self.id,
            capacity: count(self.capacity)?,
            unit: unit_from_row(self.unit_kind, self.unit_minutes, self.id)?,
            max_units: count(self.max_units)?,
            buffer_before_minutes: count(self.buffer_before_minutes)?,
            buffer_after_minutes: count(self.buffer_after_minutes)?,
        })
    }
}

/// The hub's listings matching `filter`.
pub async fn catalogue(hx: &HubTx, filter: &CatalogueFilter) -> AppResult<Vec<CatalogueRow>> {
    use listing::Column as C;
    let mut query = hx
        .find::<listing::Entity>()
        .select_only()
        .columns([
            C::Id,
            C::OrganizationId,
            C::Status,
            C::Visibility,
            C::Title,
            C::CreatedAt,
            C::PriceKind,
            C::UnitPrice,
            C::Latitude,
            C::Longitude,
            C::OpeningHours,
            C::Capacity,
            C::UnitKind,
            C::UnitMinutes,
            C::MaxUnits,
            C::BufferBeforeMinutes,
            C::BufferAfterMinutes,
        ])
        .filter(C::Status.is_in(filter.statuses.iter().copied()));
    if let Some(kind) = filter.kind {
        query = query.filter(C::Kind.eq(kind));
    }
    if let Some(category) = &filter.category {
        query = query.filter(C::Category.eq(category.as_str()));
    }
    if let Some(organization) = filter.organization {
        query = query.filter(C::OrganizationId.eq(organization));
    }
    if let Some(tag) = &filter.tag {
        query = query.filter(
            C::Id.in_subquery(
                Query::select()
                    .column(listing_tag::Column::ListingId)
                    .from(listing_tag::Entity)
                    .and_where(listing_tag::Column::TenantId.eq(hx.hub().0))
                    .and_where(listing_tag::Column::Tag.eq(tag.as_str()))
                    .to_owned(),
            ),
        );
    }
    for word in &filter.words {
        // The words are folded to letters, digits and spaces: no LIKE wildcard survives.
        query = query.filter(C::SearchText.like(format!("%{word}%")));
    }
    if let Some(bbox) = filter.within {
        query = query
            .filter(C::Latitude.between(bbox.south, bbox.north))
            .filter(C::Longitude.between(bbox.west, bbox.east));
    }
    if let Some(max) = filter.max_unit_price {
        query = query.filter(
            Condition::any()
                .add(C::PriceKind.eq(PriceKind::Free))
                .add(C::UnitPrice.lte(max)),
        );
    }
    Ok(query.into_model::<CatalogueRow>().all(hx.conn()).await?)
}

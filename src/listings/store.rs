//! The queries of listings and their tags.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, IntoActiveModel, QueryFilter, QueryOrder, Set};

use crate::db::scope::HubTx;
use crate::entities::{listing, listing_tag};
use crate::error::{AppError, AppResult};

use super::error::ListingError;
use super::hours::OpeningHours;
use super::model::ListingStatus;
use super::spec::ListingSpec;
use super::stored::{hours_to_json, photos_to_json, policy_to_json, price_to_row, unit_to_row};

/// The standard answer for a listing that is missing, in another hub, or not visible to the caller.
pub fn not_found() -> AppError {
    ListingError::NotFound.into()
}

fn write_spec(model: &mut listing::ActiveModel, spec: &ListingSpec, now: DateTime<Utc>) {
    let (unit_kind, unit_minutes) = unit_to_row(&spec.unit);
    let (price_kind, unit_price, member_unit_price) = price_to_row(&spec.price);
    let as_i32 = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    model.organization_id = Set(spec.organization_id);
    model.kind = Set(spec.kind);
    model.category = Set(spec.category.clone());
    model.title = Set(spec.title.clone());
    model.description = Set(spec.description.clone());
    model.search_text = Set(spec.search_text());
    model.address = Set(spec.address.clone());
    model.latitude = Set(spec.point.map(|p| p.latitude));
    model.longitude = Set(spec.point.map(|p| p.longitude));
    model.capacity = Set(as_i32(spec.capacity));
    model.unit_kind = Set(unit_kind);
    model.unit_minutes = Set(unit_minutes);
    model.min_units = Set(as_i32(spec.min_units));
    model.max_units = Set(as_i32(spec.max_units));
    model.buffer_before_minutes = Set(as_i32(spec.buffer_before_minutes));
    model.buffer_after_minutes = Set(as_i32(spec.buffer_after_minutes));
    model.lead_time_minutes = Set(as_i32(spec.lead_time_minutes));
    model.horizon_days = Set(as_i32(spec.horizon_days));
    model.approval_mode = Set(spec.approval);
    model.price_kind = Set(price_kind);
    model.unit_price = Set(unit_price);
    model.member_unit_price = Set(member_unit_price);
    model.tax_rate_bps = Set(spec.tax.as_i32());
    model.cancellation_policy = Set(policy_to_json(&spec.cancellation));
    model.photos = Set(photos_to_json(&spec.photos));
    model.visibility = Set(spec.visibility);
    model.updated_at = Set(now);
}

async fn replace_tags(hx: &HubTx, listing: uuid::Uuid, tags: &[String]) -> AppResult<()> {
    hx.delete_many::<listing_tag::Entity>()
        .filter(listing_tag::Column::ListingId.eq(listing))
        .exec(hx.conn())
        .await?;
    for tag in tags {
        hx.insert(listing_tag::ActiveModel {
            tenant_id: Set(hx.hub().0),
            listing_id: Set(listing),
            tag: Set(tag.clone()),
        })
        .await?;
    }
    Ok(())
}

/// Creates a draft listing with no opening hours.
pub async fn insert(
    hx: &HubTx,
    spec: &ListingSpec,
    now: DateTime<Utc>,
) -> AppResult<listing::Model> {
    let id = uuid::Uuid::now_v7();
    let mut model = listing::ActiveModel {
        tenant_id: Set(hx.hub().0),
        id: Set(id),
        status: Set(ListingStatus::Draft),
        review_note: Set(None),
        opening_hours: Set(hours_to_json(&OpeningHours {
            rules: Vec::new(),
            exceptions: Vec::new(),
        })),
        created_at: Set(now),
        ..Default::default()
    };
    write_spec(&mut model, spec, now);
    let row = hx.insert(model).await?;
    replace_tags(hx, id, &spec.tags).await?;
    Ok(row)
}

/// Replaces a listing's content.
pub async fn update_spec(
    hx: &HubTx,
    row: listing::Model,
    spec: &ListingSpec,
    now: DateTime<Utc>,
) -> AppResult<listing::Model> {
    let id = row.id;
    let mut model = row.into_active_model();
    write_spec(&mut model, spec, now);
    let row = hx.update(model).await?;
    replace_tags(hx, id, &spec.tags).await?;
    Ok(row)
}

/// Moves a listing to `status`, with the reviewer's note (kept until the next review step).
pub async fn set_status(
    hx: &HubTx,
    row: listing::Model,
    status: ListingStatus,
    note: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<listing::Model> {
    let mut model = row.into_active_model();
    model.status = Set(status);
    model.review_note = Set(note);
    model.updated_at = Set(now);
    hx.update(model).await
}

/// Replaces a listing's opening hours.
pub async fn set_hours(
    hx: &HubTx,
    row: listing::Model,
    hours: &OpeningHours,
    now: DateTime<Utc>,
) -> AppResult<listing::Model> {
    let mut model = row.into_active_model();
    model.opening_hours = Set(hours_to_json(hours));
    model.updated_at = Set(now);
    hx.update(model).await
}

/// The listing with this id in the transaction's hub, for update when
/// `lock` (so two editors cannot interleave their read-modify-write).
pub async fn find(hx: &HubTx, id: uuid::Uuid, lock: bool) -> AppResult<Option<listing::Model>> {
    let mut query = hx
        .find::<listing::Entity>()
        .filter(listing::Column::Id.eq(id));
    if lock {
        query = sea_orm::QuerySelect::lock_exclusive(query);
    }
    Ok(query.one(hx.conn()).await?)
}

/// The listings with these ids in the transaction's hub.
pub async fn find_many(hx: &HubTx, ids: &[uuid::Uuid]) -> AppResult<Vec<listing::Model>> {
    Ok(hx
        .find::<listing::Entity>()
        .filter(listing::Column::Id.is_in(ids.iter().copied()))
        .all(hx.conn())
        .await?)
}

/// The ids of the listings of these organizations.
pub async fn ids_of_organizations(
    hx: &HubTx,
    organizations: &[uuid::Uuid],
) -> AppResult<Vec<uuid::Uuid>> {
    Ok(hx
        .find::<listing::Entity>()
        .filter(listing::Column::OrganizationId.is_in(organizations.iter().copied()))
        .all(hx.conn())
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect())
}

/// The tags of these listings, each list sorted.
pub async fn tags_of(
    hx: &HubTx,
    ids: &[uuid::Uuid],
) -> AppResult<HashMap<uuid::Uuid, Vec<String>>> {
    let rows = hx
        .find::<listing_tag::Entity>()
        .filter(listing_tag::Column::ListingId.is_in(ids.iter().copied()))
        .order_by_asc(listing_tag::Column::Tag)
        .all(hx.conn())
        .await?;
    let mut tags: HashMap<uuid::Uuid, Vec<String>> = HashMap::new();
    for row in rows {
        tags.entry(row.listing_id).or_default().push(row.tag);
    }
    Ok(tags)
}

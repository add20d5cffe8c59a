//! The queries of bookings.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::LockBehavior;
use sea_orm::sea_query::LockType;
use sea_orm::{
    ColumnTrait, Condition, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Select, Set,
};

use super::usage::Holding;
use crate::db::scope::HubTx;
use crate::entities::booking;
use crate::error::{AppError, AppResult};
use crate::ids::UserId;

use super::error::BookingError;
use super::model::{BookingStatus, HOLDING};

/// Which bookings a new claim on capacity is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Against {
    /// Every booking that holds capacity, requested or confirmed: a new
    /// booking must fit beside all of them.
    Holding,
    /// The confirmed bookings, but not this request: approving a request
    /// only turns a hold into a confirmation, so it must fit beside what is
    /// already confirmed; pending requests compete, and whichever is
    /// approved first wins.
    ConfirmedBesides(uuid::Uuid),
}

/// The standard answer for a booking that is missing, in another hub, or not the caller's.
pub fn not_found() -> AppError {
    BookingError::NotFound.into()
}

/// The bookings of `listing` that hold capacity and overlap [from, to).
/// `longest` (the listing's longest booking) bounds the start from below
/// too, so the index on (hub, listing, start) is scanned over a short range.
pub async fn holding(
    hx: &HubTx,
    listing: uuid::Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    longest: Duration,
    against: Against,
) -> AppResult<Vec<Holding>> {
    let (statuses, except): (&[BookingStatus], _) = match against {
        Against::Holding => (&HOLDING, None),
        Against::ConfirmedBesides(id) => (&[BookingStatus::Confirmed], Some(id)),
    };
    let mut query = hx
        .find::<booking::Entity>()
        .filter(booking::Column::ListingId.eq(listing))
        .filter(booking::Column::Status.is_in(statuses.iter().copied()))
        .filter(booking::Column::StartsAt.lt(to))
        .filter(booking::Column::StartsAt.gte(from - longest))
        .filter(booking::Column::EndsAt.gt(from));
    if let Some(except) = except {
        query = query.filter(booking::Column::Id.ne(except));
    }
    Ok(holdings_of(hx, query)
        .await?
        .into_iter()
        .map(|(_, holding)| holding)
        .collect())
}

/// A booking's id, listing, start, end and quantity.
type HoldingColumns = (uuid::Uuid, uuid::Uuid, DateTime<Utc>, DateTime<Utc>, i32);

/// The bookings `query` selects, as holdings with their listing: only the
/// columns a holding needs are read (a search may read thousands).
async fn holdings_of(
    hx: &HubTx,
    query: Select<booking::Entity>,
) -> AppResult<Vec<(uuid::Uuid, Holding)>> {
    let rows: Vec<HoldingColumns> = query
        .select_only()
        .columns([
            booking::Column::Id,
            booking::Column::ListingId,
            booking::Column::StartsAt,
            booking::Column::EndsAt,
            booking::Column::Quantity,
        ])
        .into_tuple()
        .all(hx.conn())
        .await?;
    rows.into_iter()
        .map(|(id, listing, start, end, quantity)| {
            let quantity = readable_quantity(id, quantity)?;
            Ok((
                listing,
                Holding {
                    start,
                    end,
                    quantity,
                },
            ))
        })
        .collect()
}

/// A booking's stored quantity. One that cannot be read (not a positive
/// whole number) is a fault reported as such: counted as zero it would let
/// the overbooking check pass (fail open).
pub fn stored_quantity(booking: &booking::Model) -> AppResult<u32> {
    readable_quantity(booking.id, booking.quantity)
}

/// The stored `quantity` of booking `id`, if it is a positive whole number.
fn readable_quantity(id: uuid::Uuid, quantity: i32) -> AppResult<u32> {
    u32::try_from(quantity)
        .ok()
        .filter(|q| *q > 0)
        .ok_or_else(|| {
            AppError::Internal(
                format!("booking {id}: stored quantity {quantity} is unreadable").into(),
            )
        })
}

/// The bookings of `listing` that hold capacity and have not ended by
/// `now`, with their ids, earliest first.
pub async fn future_holding(
    hx: &HubTx,
    listing: uuid::Uuid,
    now: DateTime<Utc>,
) -> AppResult<Vec<(Holding, uuid::Uuid)>> {
    hx.find::<booking::Entity>()
        .filter(booking::Column::ListingId.eq(listing))
        .filter(booking::Column::Status.is_in(HOLDING))
        .filter(booking::Column::EndsAt.gt(now))
        .order_by_asc(booking::Column::StartsAt)
        .all(hx.conn())
        .await?
        .into_iter()
        .map(|b| {
            let holding = Holding {
                start: b.starts_at,
                end: b.ends_at,
                quantity: stored_quantity(&b)?,
            };
            Ok((holding, b.id))
        })
        .collect()
}

/// The capacity-holding bookings of each of `listings` overlapping [from, to),
/// in one query (search asks this of many listings at once). Each listing
/// comes with its longest booking, which bounds the start from below as in
/// [`holding`]: the scan covers the bookings around the window, not every
/// booking the listings ever had, and a listing of long bookings widens it
/// for itself only.
pub async fn holding_many(
    hx: &HubTx,
    listings: &[(uuid::Uuid, Duration)],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> AppResult<HashMap<uuid::Uuid, Vec<Holding>>> {
    let mut by_longest: BTreeMap<Duration, Vec<uuid::Uuid>> = BTreeMap::new();
    for (listing, longest) in listings {
        by_longest.entry(*longest).or_default().push(*listing);
    }
    let started = by_longest
        .into_iter()
        .fold(Condition::any(), |any, (longest, ids)| {
            any.add(
                Condition::all()
                    .add(booking::Column::ListingId.is_in(ids))
                    .add(booking::Column::StartsAt.gte(from - longest)),
            )
        });
    let query = hx
        .find::<booking::Entity>()
        .filter(started)
        .filter(booking::Column::Status.is_in(HOLDING))
        .filter(booking::Column::StartsAt.lt(to))
        .filter(booking::Column::EndsAt.gt(from));
    let mut held: HashMap<uuid::Uuid, Vec<Holding>> = HashMap::new();
    for (listing, holding) in holdings_of(hx, query).await? {
        held.entry(listing).or_default().push(holding);
    }
    Ok(held)
}

/// The customer's booking made with this idempotency key, if any.
pub async fn find_by_key(
    hx: &HubTx,
    customer: UserId,
    key: &str,
) -> AppResult<Option<booking::Model>> {
    Ok(hx
        .find::<booking::Entity>()
        .filter(booking::Column::CustomerId.eq(customer.0))
        .filter(booking::Column::IdempotencyKey.eq(key))
        .one(hx.conn())
        .await?)
}

/// The booking with this id, locked for the rest of the transaction when `lock`.
pub async fn find(hx: &HubTx, id: uuid::Uuid, lock: bool) -> AppResult<Option<booking::Model>> {
    let mut query = hx
        .find::<booking::Entity>()
        .filter(booking::Column::Id.eq(id));
    if lock {
        query = query.lock_exclusive();
    }
    Ok(query.one(hx.conn()).await?)
}

/// Inserts a booking.
pub async fn insert(hx: &HubTx, model: booking::ActiveModel) -> AppResult<booking::Model> {
    hx.insert(model).await
}

/// Inserts a booking unless the customer already has one under its
/// idempotency key (then `None`, and nothing changes).
pub async fn insert_unless_key_taken(
    hx: &HubTx,
    model: booking::ActiveModel,
) -> AppResult<Option<booking::Model>> {
    let row = sea_orm::TryIntoModel::try_into_model(model.clone())?;
    Ok(hx.insert_unless_present(model).await?.then_some(row))
}

/// Moves a booking to `status` with a reason and the refund due, if any.
pub async fn set_status(
    hx: &HubTx,
    row: booking::Model,
    status: BookingStatus,
    reason: Option<String>,
    refund_due: Option<i64>,
    now: DateTime<Utc>,
) -> AppResult<booking::Model> {
    let mut model = row.into_active_model();
    model.status = Set(status);
    if reason.is_some() {
        model.reason = Set(reason);
    }
    if refund_due.is_some() {
        model.refund_due = Set(refund_due);
    }
    model.response_deadline = Set(None);
    model.updated_at = Set(now);
    hx.update(model).await
}

/// Bookings in `status` whose `column` instant has passed, locked; rows
/// another worker holds are skipped rather than waited for.
pub async fn due(
    hx: &HubTx,
    status: BookingStatus,
    column: booking::Column,
    now: DateTime<Utc>,
    limit: u64,
) -> AppResult<Vec<booking::Model>> {
    Ok(hx
        .find::<booking::Entity>()
        .filter(booking::Column::Status.eq(status.as_str()))
        .filter(column.lte(now))
        .order_by_asc(column)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(hx.conn())
        .await?)
}

/// What a bookings view asks for.
#[derive(Debug, Default)]
pub struct BookingQuery {
    /// Starting at or after.
    pub from: Option<DateTime<Utc>>,
    /// Starting before.
    pub to: Option<DateTime<Utc>>,
    /// Of one listing.
    pub listing: Option<uuid::Uuid>,
    /// Of these listings only (a provider's).
    pub listings_in: Option<Vec<uuid::Uuid>>,
    /// In one status.
    pub status: Option<BookingStatus>,
    /// Of one customer.
    pub customer: Option<uuid::Uuid>,
    /// Overlapping this period.
    pub overlapping: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// Of one series.
    pub series: Option<uuid::Uuid>,
}

/// One page of bookings by start, then id, after the cursor `after`.
pub async fn page(
    hx: &HubTx,
    query: &BookingQuery,
    after: Option<(DateTime<Utc>, uuid::Uuid)>,
    limit: u64,
) -> AppResult<Vec<booking::Model>> {
    let mut select = hx
        .find::<booking::Entity>()
        .order_by_asc(booking::Column::StartsAt)
        .order_by_asc(booking::Column::Id)
        .limit(limit);
    if let Some(from) = query.from {
        select = select.filter(booking::Column::StartsAt.gte(from));
    }
    if let Some(to) = query.to {
        select = select.filter(booking::Column::StartsAt.lt(to));
    }
    if let Some(listing) = query.listing {
        select = select.filter(booking::Column::ListingId.eq(listing));
    }
    if let Some(listings) = &query.listings_in {
        select = select.filter(booking::Column::ListingId.is_in(listings.iter().copied()));
    }
    if let Some(status) = query.status {
        select = select.filter(booking::Column::Status.eq(status.as_str()));
    }
    if let Some(customer) = query.customer {
        select = select.filter(booking::Column::CustomerId.eq(customer));
    }
    if let Some(series) = query.series {
        select = select.filter(booking::Column::SeriesId.eq(series));
    }
    if let Some((from, to)) = query.overlapping {
        select = select
            .filter(booking::Column::StartsAt.lt(to))
            .filter(booking::Column::EndsAt.gt(from));
    }
    if let Some((start, id)) = after {
        select = select.filter(
            sea_orm::Condition::any()
                .add(booking::Column::StartsAt.gt(start))
                .add(
                    sea_orm::Condition::all()
                        .add(booking::Column::StartsAt.eq(start))
                        .add(booking::Column::Id.gt(id)),
                ),
        );
    }
    Ok(select.all(hx.conn()).await?)
}

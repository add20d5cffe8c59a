//! The queries of calendar feeds, and of the bookings a feed shows; all
//! through the hub's transaction.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::db::scope::HubTx;
use crate::entities::{booking, calendar_feed};
use crate::error::AppResult;
use crate::ids::UserId;

use super::model::{FeedScope, MOST_EVENTS};

/// The feed of `owner` with `scope`, if made.
pub async fn find_for(
    hx: &HubTx,
    owner: UserId,
    scope: FeedScope,
) -> AppResult<Option<calendar_feed::Model>> {
    let mut query = hx
        .find::<calendar_feed::Entity>()
        .filter(calendar_feed::Column::Kind.eq(scope.kind()))
        .filter(calendar_feed::Column::OwnerId.eq(owner.0));
    query = match scope.listing() {
        Some(listing) => query.filter(calendar_feed::Column::ListingId.eq(listing)),
        None => query.filter(calendar_feed::Column::ListingId.is_null()),
    };
    Ok(query.one(hx.conn()).await?)
}

/// Makes the feed of `owner` with `scope` and the token digest `token_hash`,
/// unless it exists already (`false`: a request at the same time made it).
pub async fn insert(
    hx: &HubTx,
    owner: UserId,
    scope: FeedScope,
    token_hash: String,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    hx.insert_unless_present(calendar_feed::ActiveModel {
        tenant_id: Set(hx.hub().0),
        id: Set(uuid::Uuid::now_v7()),
        kind: Set(scope.kind()),
        owner_id: Set(owner.0),
        listing_id: Set(scope.listing()),
        token_hash: Set(token_hash),
        created_at: Set(now),
    })
    .await
}

/// Gives `feed` a new token digest: the old token stops opening it.
pub async fn replace_token(
    hx: &HubTx,
    feed: calendar_feed::Model,
    token_hash: String,
) -> AppResult<calendar_feed::Model> {
    let mut model = feed.into_active_model();
    model.token_hash = Set(token_hash);
    hx.update(model).await
}

/// The hub's feed whose token has the digest `token_hash`, if any.
pub async fn find_by_token(
    hx: &HubTx,
    token_hash: &str,
) -> AppResult<Option<calendar_feed::Model>> {
    Ok(hx
        .find::<calendar_feed::Entity>()
        .filter(calendar_feed::Column::TokenHash.eq(token_hash))
        .one(hx.conn())
        .await?)
}

/// The bookings `scope` shows for `owner` overlapping `[from, to)`, by
/// start, at most [`MOST_EVENTS`].
pub async fn bookings_in(
    hx: &HubTx,
    scope: FeedScope,
    owner: UserId,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> AppResult<Vec<booking::Model>> {
    let mut query = hx
        .find::<booking::Entity>()
        .filter(booking::Column::Status.is_in(scope.statuses().iter().copied()))
        .filter(booking::Column::StartsAt.lt(to))
        .filter(booking::Column::EndsAt.gt(from))
        .order_by_asc(booking::Column::StartsAt)
        .order_by_asc(booking::Column::Id)
        .limit(MOST_EVENTS);
    query = match scope {
        FeedScope::Own => query.filter(booking::Column::CustomerId.eq(owner.0)),
        FeedScope::Listing(listing) => query.filter(booking::Column::ListingId.eq(listing)),
        FeedScope::Hub => query,
    };
    Ok(query.all(hx.conn()).await?)
}

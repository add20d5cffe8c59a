//! The `stripe_intents` queries, always within one hub.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::db::scope::HubTx;
use crate::entities::booking::{self, BookingStatus};
use crate::entities::stripe_intent::{self, IntentState};
use crate::error::AppResult;

/// The intent of `booking`, if one was made. Changes to it are made with
/// the booking's row locked, which serialises them.
pub async fn find(hx: &HubTx, booking: uuid::Uuid) -> AppResult<Option<stripe_intent::Model>> {
    Ok(hx
        .find::<stripe_intent::Entity>()
        .filter(stripe_intent::Column::BookingId.eq(booking))
        .one(hx.conn())
        .await?)
}

/// Records a new intent.
pub async fn insert(hx: &HubTx, row: stripe_intent::Model) -> AppResult<stripe_intent::Model> {
    hx.insert(row.into_active_model()).await
}

/// Writes what was learnt of an intent.
pub async fn save(hx: &HubTx, row: stripe_intent::Model, now: DateTime<Utc>) -> AppResult<()> {
    let mut model = row.into_active_model().reset_all();
    model.updated_at = Set(now);
    hx.update(model).await?;
    Ok(())
}

/// Up to `limit` intents of the hub with something left to do, oldest first.
pub async fn unsettled(hx: &HubTx, limit: u64) -> AppResult<Vec<stripe_intent::Model>> {
    Ok(hx
        .find::<stripe_intent::Entity>()
        .filter(stripe_intent::Column::Settled.eq(false))
        .order_by_asc(stripe_intent::Column::UpdatedAt)
        .limit(limit)
        .all(hx.conn())
        .await?)
}

/// The intents of these bookings.
pub async fn of_bookings(
    hx: &HubTx,
    bookings: &[uuid::Uuid],
) -> AppResult<Vec<stripe_intent::Model>> {
    Ok(hx
        .find::<stripe_intent::Entity>()
        .filter(stripe_intent::Column::BookingId.is_in(bookings.iter().copied()))
        .all(hx.conn())
        .await?)
}

/// Up to `limit` authorisations waiting for a decision.
pub async fn authorized(hx: &HubTx, limit: u64) -> AppResult<Vec<stripe_intent::Model>> {
    Ok(hx
        .find::<stripe_intent::Entity>()
        .filter(stripe_intent::Column::Status.eq(IntentState::RequiresCapture))
        .order_by_asc(stripe_intent::Column::UpdatedAt)
        .limit(limit)
        .all(hx.conn())
        .await?)
}

/// Up to `limit` priced bookings made to be paid online, waiting for the
/// payment (or a decision on a request), that have no intent yet.
pub async fn waiting_without_intent(hx: &HubTx, limit: u64) -> AppResult<Vec<uuid::Uuid>> {
    let with_intent = Query::select()
        .column(stripe_intent::Column::BookingId)
        .from(stripe_intent::Entity)
        .and_where(stripe_intent::Column::TenantId.eq(hx.hub().0))
        .to_owned();
    Ok(hx
        .find::<booking::Entity>()
        .filter(
            booking::Column::Status
                .is_in([BookingStatus::AwaitingPayment, BookingStatus::Requested]),
        )
        .filter(booking::Column::PaidOnline.eq(true))
        .filter(booking::Column::Gross.gt(0))
        .filter(booking::Column::Id.not_in_subquery(with_intent))
        .order_by_asc(booking::Column::CreatedAt)
        .limit(limit)
        .all(hx.conn())
        .await?
        .into_iter()
        .map(|b| b.id)
        .collect())
}

//! The payment tables' queries, always within one hub.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, Set};

use crate::db::scope::HubTx;
use crate::entities::{booking, payment, payment_movement};
use crate::error::AppResult;
use crate::ids::UserId;

use super::gateway::Movement;

/// The payment opened for `booking`, if any.
pub async fn find(hx: &HubTx, booking: uuid::Uuid) -> AppResult<Option<payment::Model>> {
    Ok(hx
        .find::<payment::Entity>()
        .filter(payment::Column::BookingId.eq(booking))
        .one(hx.conn())
        .await?)
}

/// Opens a payment.
pub async fn insert(hx: &HubTx, model: payment::ActiveModel) -> AppResult<payment::Model> {
    hx.insert(model).await
}

/// The ledger of `booking`, oldest first.
pub async fn movements(hx: &HubTx, booking: uuid::Uuid) -> AppResult<Vec<payment_movement::Model>> {
    Ok(hx
        .find::<payment_movement::Entity>()
        .filter(payment_movement::Column::BookingId.eq(booking))
        .order_by_asc(payment_movement::Column::At)
        .order_by_asc(payment_movement::Column::Id)
        .all(hx.conn())
        .await?)
}

/// The hub's movements in `[from, to)`.
pub async fn movements_between(
    hx: &HubTx,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> AppResult<Vec<payment_movement::Model>> {
    Ok(hx
        .find::<payment_movement::Entity>()
        .filter(payment_movement::Column::At.gte(from))
        .filter(payment_movement::Column::At.lt(to))
        .order_by_asc(payment_movement::Column::At)
        .all(hx.conn())
        .await?)
}

/// The whole ledgers of these bookings, each oldest first.
pub async fn movements_of(
    hx: &HubTx,
    bookings: &[uuid::Uuid],
) -> AppResult<Vec<payment_movement::Model>> {
    Ok(hx
        .find::<payment_movement::Entity>()
        .filter(payment_movement::Column::BookingId.is_in(bookings.iter().copied()))
        .order_by_asc(payment_movement::Column::At)
        .order_by_asc(payment_movement::Column::Id)
        .all(hx.conn())
        .await?)
}

/// The payments of these bookings.
pub async fn find_many(hx: &HubTx, bookings: &[uuid::Uuid]) -> AppResult<Vec<payment::Model>> {
    Ok(hx
        .find::<payment::Entity>()
        .filter(payment::Column::BookingId.is_in(bookings.iter().copied()))
        .all(hx.conn())
        .await?)
}

/// Appends `movement` to the ledger of `booking`.
pub async fn append(
    hx: &HubTx,
    booking: uuid::Uuid,
    movement: Movement,
    actor: Option<UserId>,
    at: DateTime<Utc>,
) -> AppResult<payment_movement::Model> {
    hx.insert(payment_movement::ActiveModel {
        tenant_id: Set(hx.hub().0),
        id: Set(uuid::Uuid::now_v7()),
        booking_id: Set(booking),
        kind: Set(movement.kind),
        amount: Set(movement.amount),
        method: Set(movement.method),
        reference: Set(movement.reference),
        actor_id: Set(actor.map(|a| a.0)),
        at: Set(at),
    })
    .await
}

/// The hub's bookings with these ids.
pub async fn bookings(hx: &HubTx, ids: &[uuid::Uuid]) -> AppResult<Vec<booking::Model>> {
    Ok(hx
        .find::<booking::Entity>()
        .filter(booking::Column::Id.is_in(ids.iter().copied()))
        .all(hx.conn())
        .await?)
}

//! The background work of bookings: requests nobody answered in time and
//! bookings left unpaid past their payment deadline expire, confirmed
//! bookings whose period is over complete.
//!
//! It goes hub by hub, each in its own transaction confined to that hub, so
//! it can never touch two hubs' rows at once. Due rows are claimed with
//! `FOR UPDATE SKIP LOCKED`, so several server processes can sweep at the
//! same time without doing anything twice (on SQLite, `BEGIN IMMEDIATE`
//! serialises the sweeps instead).

use std::time::Duration;

use crate::db::scope::HubTx;
use crate::db::{self, Access};
use crate::entities::booking;
use crate::error::AppResult;
use crate::ids::HubId;
use crate::state::Services;

use super::engine::{Actor, transition};
use super::model::{BookingEvent, BookingStatus};
use super::store;

/// Rows one sweep takes per hub and kind, so one busy hub cannot hold a
/// transaction open for long; the next sweep takes the rest.
const BATCH: u64 = 500;

/// What one sweep did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sweep {
    /// Requests that expired.
    pub expired: usize,
    /// Bookings that completed.
    pub completed: usize,
    /// Hubs whose sweep failed (logged, rolled back, retried next time).
    pub failed_hubs: usize,
}

/// Expires and completes whatever is due now, in every hub.
///
/// One hub's failure (a row that cannot be read, say) is logged with the hub
/// and rolls back that hub's transaction only: the other hubs are still
/// swept, and the broken one is tried again next time.
pub async fn sweep(services: &Services) -> AppResult<Sweep> {
    let tx = services.db.begin(Access::Read, None).await?;
    let hubs = crate::tenancy::store::all_hub_ids(&tx).await?;
    db::commit(tx).await?;
    let mut done = Sweep::default();
    for hub in hubs {
        match sweep_hub(services, hub).await {
            Ok((expired, completed)) => {
                done.expired += expired;
                done.completed += completed;
            }
            Err(err) => {
                done.failed_hubs += 1;
                tracing::error!(
                    hub = %hub.0,
                    error = %err.explain(),
                    "bookings sweep of a hub failed"
                );
            }
        }
    }
    Ok(done)
}

/// Expires and completes what is due in `hub`, in one transaction; returns
/// how many (expired, completed).
async fn sweep_hub(services: &Services, hub: HubId) -> AppResult<(usize, usize)> {
    let worker = Actor {
        user: None,
        for_the_hub: true,
    };
    let now = services.clock.now();
    let hx = HubTx::begin(&services.db, Access::Write, hub, None).await?;
    let mut done = [0; 3];
    let due = [
        (
            BookingStatus::Requested,
            booking::Column::ResponseDeadline,
            BookingEvent::Expire,
        ),
        (
            BookingStatus::AwaitingPayment,
            booking::Column::ResponseDeadline,
            BookingEvent::Expire,
        ),
        (
            BookingStatus::Confirmed,
            booking::Column::EndsAt,
            BookingEvent::Complete,
        ),
    ];
    for ((status, column, event), count) in due.into_iter().zip(&mut done) {
        for row in store::due(&hx, status, column, now, BATCH).await? {
            transition(&hx, row, event, worker, None, now).await?;
            *count += 1;
        }
    }
    let [unanswered, unpaid, completed] = done;
    hx.commit().await?;
    Ok((unanswered + unpaid, completed))
}

/// Sweeps every `every` until the task is dropped; failures are logged and retried next time.
pub async fn run(services: Services, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match sweep(&services).await {
            Ok(done) if done != Sweep::default() => {
                tracing::info!(
                    expired = done.expired,
                    completed = done.completed,
                    failed_hubs = done.failed_hubs,
                    "bookings swept"
                );
            }
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err.explain(), "bookings sweep failed"),
        }
    }
}

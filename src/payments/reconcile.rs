//! Reconciliation: payments left half-way are read again from Stripe and
//! settled, so a lost webhook or a call whose answer never came loses
//! nothing. Run by a worker in the server and by `portineria payments
//! reconcile`.
//!
//! Per hub that pays online, it takes the intents not yet at rest, the
//! authorisations waiting for a decision (a request may have expired
//! meanwhile, or its authorisation be about to lapse), and the bookings
//! waiting for a payment that has no intent yet (the server stopped
//! between the booking and its intent).

use std::time::Duration;

use crate::db::Access;
use crate::db::scope::HubTx;
use crate::error::AppResult;
use crate::ids::HubId;
use crate::state::Services;

use super::intents_store;
use super::online::OnlinePayments;
use super::settle;

/// Bookings one pass takes per hub and kind; the next pass takes the rest.
const BATCH: u64 = 200;

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Reconciled {
    /// Bookings whose payment was read and settled.
    pub settled: usize,
    /// Bookings that could not be (logged; tried again next pass).
    pub failed: usize,
}

/// One pass over every hub.
pub async fn reconcile(online: &OnlinePayments, services: &Services) -> AppResult<Reconciled> {
    let mut done = Reconciled::default();
    if online.api.is_none() {
        return Ok(done);
    }
    let tx = services.db.begin(Access::Read, None).await?;
    let ids = crate::tenancy::store::all_hub_ids(&tx).await?;
    let hubs = crate::tenancy::store::find_hubs(&tx, &ids).await?;
    crate::db::commit(tx).await?;
    for hub in hubs {
        // Every hub: one that went back to the desk may still have online
        // payments to settle.
        let Some(api) = online.api.as_ref() else {
            continue;
        };
        let hx = HubTx::begin(&services.db, Access::Read, HubId(hub.id), None).await?;
        let mut bookings: Vec<uuid::Uuid> = intents_store::unsettled(&hx, BATCH)
            .await?
            .into_iter()
            .chain(intents_store::authorized(&hx, BATCH).await?)
            .map(|row| row.booking_id)
            .collect();
        bookings.extend(intents_store::waiting_without_intent(&hx, BATCH).await?);
        hx.commit().await?;
        bookings.sort_unstable();
        bookings.dedup();
        for booking in bookings {
            match settle::open(api, services, &hub, booking).await {
                Ok(()) => done.settled += 1,
                Err(err) => {
                    done.failed += 1;
                    tracing::warn!(
                        hub = %hub.id,
                        booking = %booking,
                        error = %err.explain(),
                        "payment not reconciled; next pass tries again"
                    );
                }
            }
        }
    }
    Ok(done)
}

/// Reconciles every `every` until the task is dropped.
pub async fn run(online: std::sync::Arc<OnlinePayments>, services: Services, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match reconcile(&online, &services).await {
            Ok(done) if done != Reconciled::default() => tracing::info!(
                settled = done.settled,
                failed = done.failed,
                "payments reconciled"
            ),
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err.explain(), "payments reconciliation failed"),
        }
    }
}

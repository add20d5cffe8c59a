//! A booking paid on Stripe's own page: the Checkout Session's
//! PaymentIntent takes the place of the booking's unpaid one.
//!
//! A booking has one PaymentIntent we follow (`stripe_intents`). Stripe's
//! Checkout makes an intent of its own when the customer pays, so once a
//! session the booking opened is complete, [`follow`] puts that intent in
//! the row, then calls the old one off so it can never take money too.
//! The row is changed first: a settle running meanwhile never sees the old
//! intent canceled and expires the booking. Should the old intent have
//! been paid anyway (its client secret used by an API client), the money
//! stays on it and the session's is given back whole.
//!
//! A session still open when the booking stops waiting (cancelled, lapsed)
//! is expired, so nobody pays for a place that is gone; one paid at that
//! very moment is adopted and given back by the usual plan.

use crate::bookings::model::BookingStatus;
use crate::bookings::store as bookings_store;
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::hub::StripeMode;
use crate::entities::stripe_intent::{self, IntentState};
use crate::entities::{booking, hub};
use crate::error::{AppError, AppResult};
use crate::ids::HubId;
use crate::state::Services;

use super::intents_store;
use super::stripe::api::{Call, StripeApi};
use super::stripe::checkout::{self, SessionState};
use super::stripe::intents::{self, Intent};
use super::stripe::refunds;

/// Whether an intent in `state` holds the customer's money (taken,
/// authorised or on its way).
pub fn holds_money(state: IntentState) -> bool {
    matches!(
        state,
        IntentState::Succeeded | IntentState::RequiresCapture | IntentState::Processing
    )
}

async fn read(
    services: &Services,
    hub: &hub::Model,
    id: uuid::Uuid,
) -> AppResult<Option<(booking::Model, stripe_intent::Model)>> {
    let hx = HubTx::begin(&services.db, Access::Read, HubId(hub.id), None).await?;
    let booking = bookings_store::find(&hx, id, false).await?;
    let row = intents_store::find(&hx, id).await?;
    hx.commit().await?;
    Ok(booking.zip(row))
}

/// Brings booking `id`'s Checkout Session in line: its payment adopted,
/// or the session expired when the booking no longer waits.
pub async fn follow(
    api: &StripeApi,
    services: &Services,
    hub: &hub::Model,
    id: uuid::Uuid,
) -> AppResult<()> {
    let Some((booking, row)) = read(services, hub, id).await? else {
        return Ok(());
    };
    let Some(session_id) = row.checkout_session_id.clone() else {
        return Ok(());
    };
    if holds_money(row.status) {
        return Ok(());
    }
    let account = row.account_id.as_deref();
    let mut session = checkout::retrieve(api, &session_id, &Call::read(account)).await?;
    let waiting = matches!(
        booking.status,
        BookingStatus::AwaitingPayment | BookingStatus::Requested
    );
    if session.state == SessionState::Open && !waiting {
        let call = Call::new(format!("expire-{session_id}"), account);
        session = checkout::expire(api, &session_id, &call).await?;
    }
    match (session.state, session.intent) {
        (SessionState::Complete, Some(intent)) if intent != row.intent_id => {
            adopt(api, services, hub, &row, &intent).await
        }
        _ => Ok(()),
    }
}

/// Makes `new_id` the intent of `row`'s booking, the old one called off.
async fn adopt(
    api: &StripeApi,
    services: &Services,
    hub: &hub::Model,
    row: &stripe_intent::Model,
    new_id: &str,
) -> AppResult<()> {
    let account = row.account_id.as_deref();
    let read = Call::read(account);
    let new = intents::retrieve(api, new_id, &read).await?;
    let old = intents::retrieve(api, &row.intent_id, &read).await?;
    if holds_money(old.state) {
        tracing::warn!(
            booking = %row.booking_id,
            kept = %old.id,
            returned = %new.id,
            "a booking was paid twice; the Checkout payment is given back"
        );
        return give_back(api, hub, &new, account).await;
    }
    let now = services.clock.now();
    let hx = HubTx::begin(&services.db, Access::Write, HubId(hub.id), None).await?;
    bookings_store::find(&hx, row.booking_id, true)
        .await?
        .ok_or_else(bookings_store::not_found)?;
    let mut current = intents_store::find(&hx, row.booking_id)
        .await?
        .ok_or_else(|| AppError::Internal("the intent vanished".into()))?;
    if current.intent_id != row.intent_id {
        // Adopted meanwhile by another settle.
        hx.commit().await?;
        return Ok(());
    }
    current.intent_id = new.id.clone();
    current.client_secret = new.client_secret.clone();
    current.status = new.state;
    current.manual = new.manual;
    current.last_error = new.last_error.clone();
    current.settled = false;
    intents_store::save(&hx, current, now).await?;
    hx.commit().await?;
    call_off(api, hub, &old, account).await
}

/// Cancels the old intent; should it have been paid after all, its money
/// is given back: the booking is paid by the adopted one.
async fn call_off(
    api: &StripeApi,
    hub: &hub::Model,
    old: &Intent,
    account: Option<&str>,
) -> AppResult<()> {
    if old.state == IntentState::Canceled {
        return Ok(());
    }
    let call = Call::new(format!("cancel-{}", old.id), account);
    match intents::cancel(api, &old.id, &call).await {
        Ok(_) => Ok(()),
        Err(failure) if failure.is_unexpected_state() => {
            let now = intents::retrieve(api, &old.id, &Call::read(account)).await?;
            if holds_money(now.state) {
                tracing::warn!(
                    kept = %old.id,
                    "a replaced PaymentIntent was paid too; its money is given back"
                );
                give_back(api, hub, &now, account).await?;
            }
            Ok(())
        }
        Err(failure) => Err(failure.into()),
    }
}

/// Releases or refunds in full the money on `intent`, which no booking keeps.
async fn give_back(
    api: &StripeApi,
    hub: &hub::Model,
    intent: &Intent,
    account: Option<&str>,
) -> AppResult<()> {
    match intent.state {
        IntentState::RequiresCapture => {
            let call = Call::new(format!("cancel-{}", intent.id), account);
            intents::cancel(api, &intent.id, &call).await?;
        }
        IntentState::Succeeded if intent.received > 0 => {
            let call = Call::new(format!("refund-whole-{}", intent.id), account);
            let connect = hub.stripe_mode == Some(StripeMode::Connect);
            refunds::refund(api, &intent.id, intent.received, connect, &call).await?;
        }
        // Processing: Stripe answers later; the next settle sees it again.
        _ => {}
    }
    Ok(())
}

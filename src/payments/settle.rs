//! One booking's online payment brought in line with Stripe.
//!
//! [`open`] makes the booking's PaymentIntent (once: the idempotency key is
//! the booking's id) and records it. [`settle`] reads the intent from
//! Stripe, plans the next step from the booking, the ledger and the intent
//! ([`plan`](super::plan)), makes the one call the plan asks for, then
//! records, under the booking's lock, what the intent now shows. It goes
//! round until nothing is left to do, so a webhook, the reconciliation and
//! a user's mutation all end in the same place whatever their order.
//!
//! A booking paid on Stripe's own page (a Checkout Session) has its
//! session's intent adopted first ([`adopt`](super::adopt)).
//!
//! Calls to Stripe are made outside any transaction: a slow answer never
//! holds a lock. What a call did is read back from Stripe and recorded
//! only if the ledger does not already show it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::bookings::engine::{Actor, transition};
use crate::bookings::model::{BookingEvent, BookingStatus};
use crate::bookings::store as bookings_store;
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::hub::StripeMode;
use crate::entities::payment_movement::MovementKind;
use crate::entities::{booking, hub, stripe_intent};
use crate::error::{AppError, AppResult};
use crate::ids::{HubId, UserId};
use crate::listings::store as listings_store;
use crate::organizations::store as organizations_store;
use crate::state::Services;

use super::adopt;
use super::engine;
use super::error::PaymentError;
use super::gateway::Movement;
use super::intents_store;
use super::model::{self, Totals};
use super::plan::{self, BookingSide, Change, Plan};
use super::shares::Split;
use super::store;
use super::stripe::api::{Call, StripeApi};
use super::stripe::intents::{self, Intent, NewIntent};
use super::stripe::refunds::{self, Refunded};

/// Rounds of read, act, record before giving up until the next attempt.
const ROUNDS: usize = 4;

/// The server's own hand in a booking's change.
const STRIPE: Actor = Actor {
    user: None,
    for_the_hub: true,
};

pub(super) async fn read_booking(
    services: &Services,
    hub: &hub::Model,
    id: uuid::Uuid,
) -> AppResult<Option<(booking::Model, Option<stripe_intent::Model>, Totals)>> {
    let hx = HubTx::begin(&services.db, Access::Read, HubId(hub.id), None).await?;
    let Some(booking) = bookings_store::find(&hx, id, false).await? else {
        return Ok(None);
    };
    let intent = intents_store::find(&hx, id).await?;
    let totals = totals(&hx, id).await?;
    hx.commit().await?;
    Ok(Some((booking, intent, totals)))
}

async fn totals(hx: &HubTx, booking: uuid::Uuid) -> AppResult<Totals> {
    let movements = store::movements(hx, booking).await?;
    Ok(Totals::of(movements.iter().map(|m| (m.kind, m.amount))))
}

/// Where a booking's intent is made: the connected account charged (a
/// merchant hub's own, or none for the platform's) and, with Connect, the
/// organization's account the money goes to.
pub(super) async fn destination(
    services: &Services,
    hub: &hub::Model,
    booking: &booking::Model,
) -> AppResult<(Option<String>, Option<String>)> {
    if hub.stripe_mode != Some(StripeMode::Connect) {
        return Ok((hub.stripe_account_id.clone(), None));
    }
    let hx = HubTx::begin(&services.db, Access::Read, HubId(hub.id), None).await?;
    let listing = listings_store::find(&hx, booking.listing_id, false)
        .await?
        .ok_or_else(listings_store::not_found)?;
    let organization = organizations_store::find(&hx, listing.organization_id)
        .await?
        .ok_or_else(organizations_store::not_found)?;
    hx.commit().await?;
    match organization.stripe_account_id {
        Some(account) if organization.payouts_ready => Ok((None, Some(account))),
        _ => Err(PaymentError::NoPayoutAccount.into()),
    }
}

/// Makes the PaymentIntent of booking `id` if it has none and waits for
/// one; then settles it.
pub async fn open(
    api: &StripeApi,
    services: &Services,
    hub: &hub::Model,
    id: uuid::Uuid,
) -> AppResult<()> {
    let Some((booking, existing, _)) = read_booking(services, hub, id).await? else {
        return Ok(());
    };
    let waiting = matches!(
        booking.status,
        BookingStatus::AwaitingPayment | BookingStatus::Requested
    );
    if existing.is_some() || !booking.paid_online || booking.gross == 0 || !waiting {
        return settle(api, services, hub, id).await;
    }
    let (account, destination) = destination(services, hub, &booking).await?;
    let manual = booking.status == BookingStatus::Requested;
    let metadata = HashMap::from([
        ("hub".to_owned(), hub.id.to_string()),
        ("booking".to_owned(), booking.id.to_string()),
    ]);
    let new = NewIntent {
        amount: booking.gross,
        currency: booking.currency.clone(),
        manual,
        destination: destination.map(|d| (d, booking.commission)),
        description: format!("{} {}", hub.name, booking.id),
        metadata,
    };
    let call = Call::new(format!("intent-{}", booking.id), account.as_deref());
    let intent = intents::create(api, new, &call).await?;
    let now = services.clock.now();
    let hx = HubTx::begin(&services.db, Access::Write, HubId(hub.id), None).await?;
    let locked = bookings_store::find(&hx, id, true)
        .await?
        .ok_or_else(bookings_store::not_found)?;
    if intents_store::find(&hx, id).await?.is_none() {
        engine::open(&hx, hub, &locked, now).await?;
        intents_store::insert(
            &hx,
            stripe_intent::Model {
                tenant_id: hub.id,
                booking_id: id,
                intent_id: intent.id.clone(),
                account_id: account,
                client_secret: intent.client_secret.clone(),
                status: intent.state,
                manual,
                last_error: intent.last_error.clone(),
                authorized_at: None,
                seen_booking_status: locked.status,
                settled: false,
                checkout_session_id: None,
                created_at: now,
                updated_at: now,
            },
        )
        .await?;
    }
    hx.commit().await?;
    // The booking may have changed while the intent was made.
    settle(api, services, hub, id).await
}

/// Brings booking `id` and its intent in line; nothing when it has none.
pub async fn settle(
    api: &StripeApi,
    services: &Services,
    hub: &hub::Model,
    id: uuid::Uuid,
) -> AppResult<()> {
    // A payment made on Stripe's page comes in as the booking's intent first.
    adopt::follow(api, services, hub, id).await?;
    for _ in 0..ROUNDS {
        let Some((booking, Some(row), totals)) = read_booking(services, hub, id).await? else {
            return Ok(());
        };
        let now = services.clock.now();
        let read = Call::read(row.account_id.as_deref());
        let mut intent = intents::retrieve(api, &row.intent_id, &read).await?;
        let planned = plan::plan(side(&booking, &row), totals, &intent, now);
        let mut refunded = None;
        match planned.call {
            Some(plan::Call::Capture) => {
                let call = Call::new(format!("capture-{id}"), row.account_id.as_deref());
                intent = after_state_change(
                    api,
                    &row,
                    &read,
                    intents::capture(api, &row.intent_id, &call).await,
                )
                .await?;
            }
            Some(plan::Call::Cancel) => {
                let call = Call::new(format!("cancel-{id}"), row.account_id.as_deref());
                intent = after_state_change(
                    api,
                    &row,
                    &read,
                    intents::cancel(api, &row.intent_id, &call).await,
                )
                .await?;
            }
            Some(plan::Call::Refund(amount)) => {
                let call = Call::new(
                    format!("refund-{id}-{}-{amount}", totals.refunded),
                    row.account_id.as_deref(),
                );
                let connect = hub.stripe_mode == Some(StripeMode::Connect);
                refunded =
                    Some(refunds::refund(api, &row.intent_id, amount, connect, &call).await?);
            }
            None => {}
        }
        let done = record(services, hub, id, (&intent, refunded), None, now).await?;
        if done {
            return Ok(());
        }
    }
    Ok(())
}

/// Gives back `amount` of booking `id`'s online payment, for a manager
/// (`actor`): at most what was taken and not yet given back.
pub async fn refund(
    api: &StripeApi,
    services: &Services,
    hub: &hub::Model,
    id: uuid::Uuid,
    amount: i64,
    actor: UserId,
) -> AppResult<()> {
    let Some((_, Some(row), totals)) = read_booking(services, hub, id).await? else {
        return Err(bookings_store::not_found());
    };
    model::check_refund(amount, totals)?;
    let call = Call::new(
        format!("refund-{id}-{}-{amount}", totals.refunded),
        row.account_id.as_deref(),
    );
    let connect = hub.stripe_mode == Some(StripeMode::Connect);
    let refunded = refunds::refund(api, &row.intent_id, amount, connect, &call).await?;
    let read = Call::read(row.account_id.as_deref());
    let intent = intents::retrieve(api, &row.intent_id, &read).await?;
    let now = services.clock.now();
    record(
        services,
        hub,
        id,
        (&intent, Some(refunded)),
        Some(actor),
        now,
    )
    .await?;
    Ok(())
}

/// The intent after a capture or cancel: what the call answered, or, when
/// Stripe says the intent is no longer in a state for it (someone else got
/// there first), the intent as it now stands.
async fn after_state_change(
    api: &StripeApi,
    row: &stripe_intent::Model,
    read: &Call,
    answer: Result<Intent, super::stripe::failure::Failure>,
) -> AppResult<Intent> {
    match answer {
        Ok(intent) => Ok(intent),
        Err(failure) if failure.is_unexpected_state() => {
            Ok(intents::retrieve(api, &row.intent_id, read).await?)
        }
        Err(failure) => Err(failure.into()),
    }
}

fn side(booking: &booking::Model, row: &stripe_intent::Model) -> BookingSide {
    BookingSide {
        status: booking.status,
        refund_due: booking.refund_due,
        authorized_at: row.authorized_at,
    }
}

/// The ledger lines a refund makes: the refund, and with Connect the part
/// of it taken back from the hub's fee and from the organization's transfer.
fn refund_movements(
    refund: &Refunded,
    booking: &booking::Model,
    connect: bool,
    refunded_before: i64,
) -> Vec<Movement> {
    let line = |kind, amount| Movement {
        kind,
        amount,
        method: None,
        reference: refund.id.clone(),
    };
    let mut lines = vec![line(MovementKind::Refund, refund.amount)];
    if connect {
        // The hub's fee gives back its share of the refund, as the report
        // counts it; the organization's transfer the rest.
        let split = Split {
            gross: booking.gross,
            commission: booking.commission,
            tax: booking.tax,
        };
        let fee = split.refunded(refunded_before, refund.amount).commission;
        lines.push(line(MovementKind::FeeRefund, fee));
        lines.push(line(MovementKind::TransferReversal, refund.amount - fee));
    }
    lines.retain(|m| m.amount > 0);
    lines
}

/// Records under the booking's lock what `intent` (and `refunded`) show
/// and the booking change they call for; whether nothing is left to do.
async fn record(
    services: &Services,
    hub: &hub::Model,
    id: uuid::Uuid,
    (intent, refunded): (&Intent, Option<Refunded>),
    actor: Option<UserId>,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let hx = HubTx::begin(&services.db, Access::Write, HubId(hub.id), None).await?;
    let booking = bookings_store::find(&hx, id, true)
        .await?
        .ok_or_else(bookings_store::not_found)?;
    let mut row = intents_store::find(&hx, id)
        .await?
        .ok_or_else(|| AppError::Internal("the intent vanished".into()))?;
    let before = engine::view(&hx, hub, &booking, now).await?;
    engine::open(&hx, hub, &booking, now).await?;
    let ledger = store::movements(&hx, id).await?;
    let totals = before.totals;
    let planned = plan::plan(side(&booking, &row), totals, intent, now);
    let mut lines = Vec::new();
    let line = |kind, amount| Movement {
        kind,
        amount,
        method: None,
        reference: intent.id.clone(),
    };
    if let Some(amount) = planned.authorization {
        lines.push(line(MovementKind::Authorization, amount));
        row.authorized_at = Some(now);
    }
    if let Some(amount) = planned.capture {
        lines.push(line(MovementKind::Capture, amount));
    }
    if let Some(refund) = &refunded
        && !ledger.iter().any(|m| m.reference == refund.id)
    {
        let connect = hub.stripe_mode == Some(StripeMode::Connect);
        lines.extend(refund_movements(refund, &booking, connect, totals.refunded));
    }
    for movement in lines {
        store::append(&hx, id, movement, actor, now).await?;
    }
    let booking = match planned.change {
        Some(change) => {
            let event = match change {
                Change::Confirm => BookingEvent::Pay,
                Change::Expire => BookingEvent::Expire,
            };
            transition(&hx, booking, event, STRIPE, None, now).await?
        }
        None => booking,
    };
    let after = engine::view(&hx, hub, &booking, now).await?;
    if after.status != before.status {
        let action = if actor.is_some() {
            "markRefunded"
        } else {
            "stripe"
        };
        engine::record(
            &hx,
            &booking,
            actor,
            action,
            (before.status, after.status),
            now,
        )
        .await?;
    }
    let rest: Plan = plan::plan(side(&booking, &row), after.totals, intent, now);
    let done = rest.is_empty() && planned.change.is_none() && refunded.is_none();
    row.status = intent.state;
    row.last_error = intent.last_error.clone();
    row.seen_booking_status = booking.status;
    row.settled = rest.is_empty() && plan::at_rest(intent.state);
    intents_store::save(&hx, row, now).await?;
    hx.commit().await?;
    Ok(done)
}

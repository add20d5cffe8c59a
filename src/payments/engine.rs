//! The payment use cases: read a booking's payment, record money taken at
//! the desk, record money given back. Each runs inside the caller's hub
//! transaction, with the booking row locked by the caller for changes.
//!
//! How a payment comes into being: lazily. A booking already carries the
//! money it was sold for (gross, commission, tax, provider net, currency), so
//! until money moves its payment is fully described by the booking itself:
//! a free booking reads as `NOT_REQUIRED`, a priced one as `DUE` (or
//! `CANCELLED` once called off). The `payments` row is written, from the
//! booking's figures, in the same transaction as the first movement of
//! money. This keeps bookings unaware of payments (bookings sit below
//! payments; a hook from the booking engine would be a second path to keep
//! in step) and needs no backfill for bookings made before payments existed.

use chrono::{DateTime, Utc};
use sea_orm::Set;

use crate::audit::store::{self as audit, Change};
use crate::db::scope::HubTx;
use crate::entities::payment::{PaymentProvider, PaymentStatus};
use crate::entities::stripe_intent::{self, IntentState};
use crate::entities::{booking, hub, payment, payment_movement};
use crate::error::{AppError, AppResult};
use crate::ids::UserId;

use super::error::PaymentError;
use super::gateway::{self, Collection, Movement, Refund};
use super::intents_store;
use super::model::Online;
use super::model::{self, Totals};
use super::store;

/// A booking's payment as it stands.
#[derive(Debug, Clone)]
pub struct PaymentView {
    /// Who moves the money.
    pub provider: PaymentProvider,
    /// ISO 4217 code.
    pub currency: String,
    /// What the customer pays, minor units.
    pub gross: i64,
    /// The hub's share.
    pub commission: i64,
    /// The tax the gross includes.
    pub tax: i64,
    /// The provider's share: `gross − commission − tax`.
    pub provider_net: i64,
    /// What the ledger adds up to.
    pub totals: Totals,
    /// Derived from the ledger.
    pub status: PaymentStatus,
    /// The ledger, oldest first.
    pub movements: Vec<payment_movement::Model>,
    /// The PaymentIntent, when paid online.
    pub intent: Option<stripe_intent::Model>,
}

/// What the intent's state means for the payment's status.
fn online_of(intent: &stripe_intent::Model) -> Online {
    match intent.status {
        IntentState::RequiresPaymentMethod => Online::AwaitingCard {
            failed: intent.last_error.is_some(),
        },
        IntentState::RequiresConfirmation | IntentState::Processing => {
            Online::AwaitingCard { failed: false }
        }
        IntentState::RequiresAction => Online::RequiresAction,
        IntentState::RequiresCapture => Online::Authorized,
        IntentState::Canceled => Online::Canceled,
        IntentState::Succeeded => Online::Taken,
    }
}

/// Who moves the money of `booking`: Stripe when it was made to be paid
/// online (the hub's choice then, whatever it is now), the desk otherwise.
pub fn provider_of(hub: &hub::Model, booking: &booking::Model) -> PaymentProvider {
    if booking.paid_online {
        PaymentProvider::Stripe
    } else {
        gateway::for_hub(hub).provider()
    }
}

/// The payment's figures as `booking` was sold, for a hub paying with `provider`.
fn opened(
    booking: &booking::Model,
    provider: PaymentProvider,
    now: DateTime<Utc>,
) -> payment::Model {
    payment::Model {
        tenant_id: booking.tenant_id,
        booking_id: booking.id,
        provider,
        currency: booking.currency.clone(),
        gross: booking.gross,
        commission: booking.commission,
        provider_share: booking.provider_net + booking.tax,
        tax: booking.tax,
        created_at: now,
    }
}

fn view_of(
    booking: &booking::Model,
    payment: payment::Model,
    movements: Vec<payment_movement::Model>,
    intent: Option<stripe_intent::Model>,
) -> PaymentView {
    let totals = Totals::of(movements.iter().map(|m| (m.kind, m.amount)));
    PaymentView {
        provider: payment.provider,
        status: model::status(
            payment.gross,
            booking.status,
            totals,
            intent.as_ref().map(online_of),
        ),
        intent,
        currency: payment.currency,
        gross: payment.gross,
        commission: payment.commission,
        tax: payment.tax,
        provider_net: payment.provider_share - payment.tax,
        totals,
        movements,
    }
}

/// The payment of `booking` (visible to the caller), opened or not.
pub async fn view(
    hx: &HubTx,
    hub: &hub::Model,
    booking: &booking::Model,
    now: DateTime<Utc>,
) -> AppResult<PaymentView> {
    let intent = intents_store::find(hx, booking.id).await?;
    match store::find(hx, booking.id).await? {
        Some(payment) => {
            let movements = store::movements(hx, booking.id).await?;
            Ok(view_of(booking, payment, movements, intent))
        }
        None => {
            let provider = provider_of(hub, booking);
            Ok(view_of(
                booking,
                opened(booking, provider, now),
                Vec::new(),
                intent,
            ))
        }
    }
}

/// The stored payment of `booking`, written now if money is moving for
/// the first time.
pub(super) async fn open(
    hx: &HubTx,
    hub: &hub::Model,
    booking: &booking::Model,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if store::find(hx, booking.id).await?.is_some() {
        return Ok(());
    }
    let row = opened(booking, provider_of(hub, booking), now);
    store::insert(
        hx,
        payment::ActiveModel {
            tenant_id: Set(row.tenant_id),
            booking_id: Set(row.booking_id),
            provider: Set(row.provider),
            currency: Set(row.currency),
            gross: Set(row.gross),
            commission: Set(row.commission),
            provider_share: Set(row.provider_share),
            tax: Set(row.tax),
            created_at: Set(row.created_at),
        },
    )
    .await?;
    Ok(())
}

pub(super) async fn record(
    hx: &HubTx,
    booking: &booking::Model,
    actor: Option<UserId>,
    action: &str,
    (from, to): (PaymentStatus, PaymentStatus),
    now: DateTime<Utc>,
) -> AppResult<()> {
    audit::record(
        hx,
        Change {
            actor,
            subject: "PAYMENT",
            subject_id: booking.id,
            action,
            from: Some(from.as_str()),
            to: Some(to.as_str()),
        },
        now,
    )
    .await
}

/// Records that the amount due for `booking` (locked by the caller) was
/// paid at the desk. Once only: a second receipt is a conflict.
pub async fn mark_paid(
    hx: &HubTx,
    hub: &hub::Model,
    booking: &booking::Model,
    actor: UserId,
    method: payment_movement::PaymentMethod,
    reference: &str,
    now: DateTime<Utc>,
) -> AppResult<PaymentView> {
    let before = view(hx, hub, booking, now).await?;
    if before.intent.is_some() {
        return Err(PaymentError::PaidOnline.into());
    }
    model::check_receipt(before.gross, booking.status, before.totals)?;
    open(hx, hub, booking, now).await?;
    let movement = gateway::for_hub(hub)
        .collect(Collection {
            booking: booking.id,
            amount: before.gross,
            currency: &before.currency,
            method,
            reference,
        })
        .await?;
    settle(
        hx,
        hub,
        booking,
        (movement, actor),
        "markPaid",
        before.status,
        now,
    )
    .await
}

/// Records that `amount` of what was received for `booking` (locked by the
/// caller) was given back.
pub async fn mark_refunded(
    hx: &HubTx,
    hub: &hub::Model,
    booking: &booking::Model,
    actor: UserId,
    amount: i64,
    reference: &str,
    now: DateTime<Utc>,
) -> AppResult<PaymentView> {
    let before = view(hx, hub, booking, now).await?;
    model::check_refund(amount, before.totals)?;
    let movement = gateway::for_hub(hub)
        .refund(Refund {
            booking: booking.id,
            amount,
            currency: &before.currency,
            reference,
        })
        .await?;
    if movement.amount != amount {
        return Err(AppError::Internal(
            "the provider refunded another amount than asked".into(),
        ));
    }
    settle(
        hx,
        hub,
        booking,
        (movement, actor),
        "markRefunded",
        before.status,
        now,
    )
    .await
}

/// Appends `movement` to the booking's ledger, audits the change of status
/// it makes under `action`, and answers the payment as it now stands.
async fn settle(
    hx: &HubTx,
    hub: &hub::Model,
    booking: &booking::Model,
    (movement, actor): (Movement, UserId),
    action: &str,
    before: PaymentStatus,
    now: DateTime<Utc>,
) -> AppResult<PaymentView> {
    store::append(hx, booking.id, movement, Some(actor), now).await?;
    let after = view(hx, hub, booking, now).await?;
    record(
        hx,
        booking,
        Some(actor),
        action,
        (before, after.status),
        now,
    )
    .await?;
    Ok(after)
}

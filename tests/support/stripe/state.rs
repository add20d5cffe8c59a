//! What the fake Stripe holds: connected accounts and the objects made under
//! each account (no `Stripe-Account` header = the platform's own), the
//! events they raised, the calls it received, and its clock.
//!
//! Every lookup of an object carries the caller's account, so an object can
//! only be reached from the account it was made under.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use rand::Rng;
use rand::distr::Alphanumeric;
use serde_json::Value;

use super::cards::Card;
use super::errors::ApiError;
use super::faults::Faults;
use super::idempotency::Idempotency;

/// A fresh Stripe-looking id: `pi_3Qh…`.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", random_text(24))
}

/// Letters and digits, as Stripe's ids and secrets are made of.
pub fn random_text(length: usize) -> String {
    rand::rng()
        .sample_iter(Alphanumeric)
        .take(length)
        .map(char::from)
        .collect()
}

/// The statuses a payment intent goes through here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntentStatus {
    RequiresPaymentMethod,
    RequiresAction,
    RequiresCapture,
    Succeeded,
    Canceled,
}

impl IntentStatus {
    /// As the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            IntentStatus::RequiresPaymentMethod => "requires_payment_method",
            IntentStatus::RequiresAction => "requires_action",
            IntentStatus::RequiresCapture => "requires_capture",
            IntentStatus::Succeeded => "succeeded",
            IntentStatus::Canceled => "canceled",
        }
    }
}

/// One attempt to charge a card for an intent.
#[derive(Debug, Clone)]
pub struct Charge {
    pub id: String,
    pub created: i64,
    pub payment_method: String,
    pub succeeded: bool,
    pub captured: bool,
    /// The platform's fee object and the transfer to the destination, once
    /// captured.
    pub application_fee: Option<String>,
    pub transfer: Option<String>,
}

/// A payment intent and the money it moved.
#[derive(Debug, Clone)]
pub struct PaymentIntent {
    pub id: String,
    /// The connected account it was made under; `None` for the platform.
    pub account: Option<String>,
    pub client_secret: String,
    pub created: i64,
    pub amount: i64,
    pub currency: String,
    pub capture_method: String,
    pub status: IntentStatus,
    pub description: Option<String>,
    pub metadata: BTreeMap<String, String>,
    pub application_fee_amount: Option<i64>,
    pub destination: Option<String>,
    pub on_behalf_of: Option<String>,
    /// False when `payment_method_types` was given instead.
    pub automatic_payment_methods: bool,
    pub payment_method: Option<String>,
    pub charges: Vec<Charge>,
    pub amount_capturable: i64,
    pub amount_received: i64,
    pub last_payment_error: Option<Value>,
    pub canceled_at: Option<i64>,
    pub cancellation_reason: Option<String>,
    pub refunded: i64,
    pub application_fee_refunded: i64,
    pub transfer_reversed: i64,
}

impl PaymentIntent {
    /// Captured by a separate call, not at confirmation.
    pub fn is_manual(&self) -> bool {
        self.capture_method == "manual"
    }

    /// The last attempt to charge.
    pub fn latest_charge(&self) -> Option<&Charge> {
        self.charges.last()
    }

    /// What the destination account was sent: the captured amount less the
    /// platform's fee.
    pub fn transferred(&self) -> i64 {
        match &self.destination {
            Some(_) => self.amount_received - self.application_fee_amount.unwrap_or(0),
            None => 0,
        }
    }
}

/// A card presented at a confirmation.
#[derive(Debug, Clone)]
pub struct PaymentMethod {
    pub id: String,
    pub card: Card,
    pub created: i64,
}

/// A refund of (part of) an intent.
#[derive(Debug, Clone)]
pub struct Refund {
    pub id: String,
    pub account: Option<String>,
    pub payment_intent: String,
    pub charge: String,
    pub amount: i64,
    pub currency: String,
    pub created: i64,
    pub metadata: BTreeMap<String, String>,
    pub reason: Option<String>,
    pub transfer_reversal: Option<String>,
}

/// The statuses of a Checkout Session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStatus {
    Open,
    Complete,
    Expired,
}

impl SessionStatus {
    /// As the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Open => "open",
            SessionStatus::Complete => "complete",
            SessionStatus::Expired => "expired",
        }
    }
}

/// One line of a Checkout Session, priced inline (`price_data`).
#[derive(Debug, Clone)]
pub struct LineItem {
    pub name: String,
    pub unit_amount: i64,
    pub quantity: i64,
}

/// `payment_intent_data`: what the intent made at payment will carry.
#[derive(Debug, Clone, Default)]
pub struct IntentData {
    pub capture_method: String,
    pub description: Option<String>,
    pub metadata: BTreeMap<String, String>,
    pub application_fee_amount: Option<i64>,
    pub destination: Option<String>,
}

/// A Stripe-hosted Checkout Session in `payment` mode.
#[derive(Debug, Clone)]
pub struct CheckoutSession {
    pub id: String,
    /// The connected account it was made under; `None` for the platform.
    pub account: Option<String>,
    /// The hosted page: `{base_url}c/pay/{id}`.
    pub url: String,
    pub created: i64,
    pub expires_at: i64,
    pub currency: String,
    pub line_items: Vec<LineItem>,
    pub success_url: String,
    pub cancel_url: String,
    pub client_reference_id: Option<String>,
    pub customer_email: Option<String>,
    pub locale: Option<String>,
    pub metadata: BTreeMap<String, String>,
    pub intent_data: IntentData,
    pub status: SessionStatus,
    /// `paid` once the money is taken, `unpaid` before (and for an
    /// authorization waiting for a manual capture).
    pub paid: bool,
    /// Made at the customer's first attempt to pay, kept for retries.
    pub payment_intent: Option<String>,
}

impl CheckoutSession {
    /// The sum of its lines.
    pub fn amount_total(&self) -> i64 {
        self.line_items
            .iter()
            .map(|line| line.unit_amount * line.quantity)
            .sum()
    }
}

/// A connected account of the platform.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: String,
    pub kind: String,
    pub country: String,
    pub default_currency: String,
    pub email: Option<String>,
    pub business_type: Option<String>,
    /// The capabilities asked for (`capabilities[transfers][requested]`).
    pub capabilities: Vec<String>,
    pub metadata: BTreeMap<String, String>,
    pub created: i64,
    pub charges_enabled: bool,
    pub payouts_enabled: bool,
    pub details_submitted: bool,
}

/// A connected account of the platform.
#[derive(Debug, Clone)]
pub struct AccountLink {
    pub token: String,
    pub account: String,
    pub refresh_url: String,
    pub return_url: String,
    pub created: i64,
    pub expires_at: i64,
    pub visited: bool,
}

/// Who caused a change: an API request (with its idempotency key) or
/// Stripe itself (`request.id` null).
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub request_id: Option<String>,
    pub idempotency_key: Option<String>,
}

impl Origin {
    /// An API request, with a fresh request id.
    pub fn request(idempotency_key: Option<String>) -> Self {
        Origin {
            request_id: Some(new_id("req")),
            idempotency_key,
        }
    }
}

/// A change, to be delivered as a webhook.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub kind: String,
    pub created: i64,
    /// The connected account it happened on, if not the platform.
    pub account: Option<String>,
    /// The object as it was at that moment.
    pub object: Value,
    pub origin: Origin,
    /// Acknowledged with a 2xx by the endpoint.
    pub delivered: bool,
    /// Never to be sent by `deliver_pending` (a lost webhook).
    pub lost: bool,
}

/// Where events are sent.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub url: String,
    pub secret: String,
}

/// One call the server received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    pub idempotency_key: Option<String>,
    pub stripe_account: Option<String>,
    pub status: u16,
    /// Answered from the idempotency store, nothing done again.
    pub replayed: bool,
    /// Processed, then the connection was closed without an answer.
    pub dropped: bool,
}

/// Everything the server holds.
#[derive(Debug, Default)]
pub struct Ledger {
    pub accounts: Vec<Account>,
    pub intents: Vec<PaymentIntent>,
    pub checkout_sessions: Vec<CheckoutSession>,
    pub payment_methods: Vec<PaymentMethod>,
    pub refunds: Vec<Refund>,
    pub links: Vec<AccountLink>,
    pub events: Vec<Event>,
    pub requests: Vec<LoggedRequest>,
    pub idempotency: Idempotency,
    pub faults: Faults,
    pub endpoint: Option<Endpoint>,
    /// A fixed time set by the test; the system clock otherwise.
    pub fixed_now: Option<i64>,
}

impl Ledger {
    /// The server's unix time.
    pub fn now(&self) -> i64 {
        self.fixed_now.unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX))
                .unwrap_or(0)
        })
    }

    /// A connected account by id.
    pub fn account(&self, id: &str) -> Option<&Account> {
        self.accounts.iter().find(|account| account.id == id)
    }

    /// The intent `id` as seen from `account`: 404 from any other account.
    pub fn intent_index(&self, account: Option<&str>, id: &str) -> Result<usize, ApiError> {
        self.intents
            .iter()
            .position(|intent| intent.id == id && intent.account.as_deref() == account)
            .ok_or_else(|| ApiError::no_such("payment_intent", id, "intent"))
    }

    /// The intent `id` whatever its account (for the customer's browser and
    /// Stripe's own actions, which need no key).
    pub fn any_intent_index(&self, id: &str) -> Option<usize> {
        self.intents.iter().position(|intent| intent.id == id)
    }

    /// The Checkout Session `id` as seen from `account`: 404 from any other
    /// account.
    pub fn session_index(&self, account: Option<&str>, id: &str) -> Result<usize, ApiError> {
        self.checkout_sessions
            .iter()
            .position(|session| session.id == id && session.account.as_deref() == account)
            .ok_or_else(|| ApiError::no_such("checkout.session", id, "session"))
    }

    /// The Checkout Session `id` whatever its account (for the customer on
    /// the hosted page and Stripe's own actions).
    pub fn any_session_index(&self, id: &str) -> Option<usize> {
        self.checkout_sessions
            .iter()
            .position(|session| session.id == id)
    }

    /// A payment method by id.
    pub fn payment_method(&self, id: &str) -> Option<&PaymentMethod> {
        self.payment_methods.iter().find(|method| method.id == id)
    }

    /// The refunds of an intent, oldest first.
    pub fn refunds_of(&self, intent: &str) -> impl Iterator<Item = &Refund> {
        self.refunds
            .iter()
            .filter(move |refund| refund.payment_intent == intent)
    }

    /// Adds an event for a change, as Stripe does for every change.
    pub fn record(&mut self, kind: &str, account: Option<String>, object: Value, origin: &Origin) {
        let event = Event {
            id: new_id("evt"),
            kind: kind.to_owned(),
            created: self.now(),
            account,
            object,
            origin: origin.clone(),
            delivered: false,
            lost: false,
        };
        self.events.push(event);
    }
}

/// Who is calling: the account the request acts for (`Stripe-Account`) and
/// the request itself.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account: Option<String>,
    pub origin: Origin,
}

/// Where the money of one payment intent stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settlement {
    pub amount: i64,
    pub capturable: i64,
    pub received: i64,
    pub refunded: i64,
    pub application_fee: i64,
    pub application_fee_refunded: i64,
    /// Sent to the destination account (received less the fee).
    pub transferred: i64,
    pub transfer_reversed: i64,
}

impl PaymentIntent {
    /// Where its money stands.
    pub fn settlement(&self) -> Settlement {
        Settlement {
            amount: self.amount,
            capturable: self.amount_capturable,
            received: self.amount_received,
            refunded: self.refunded,
            application_fee: if self.amount_received > 0 {
                self.application_fee_amount.unwrap_or(0)
            } else {
                0
            },
            application_fee_refunded: self.application_fee_refunded,
            transferred: self.transferred(),
            transfer_reversed: self.transfer_reversed,
        }
    }
}

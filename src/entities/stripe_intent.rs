//! `stripe_intents`: the PaymentIntent of a booking paid online, with the
//! state last read from Stripe. Hub-owned; follows Stripe, so updated.

use sea_orm::entity::prelude::*;

use crate::stored_enum::stored_enum;

use super::booking::BookingStatus;

stored_enum!(
    /// Where a PaymentIntent stands at Stripe.
    IntentState {
        /// Waiting for a card (again, after a failed one).
        RequiresPaymentMethod = "REQUIRES_PAYMENT_METHOD",
        /// A card given, not yet confirmed.
        RequiresConfirmation = "REQUIRES_CONFIRMATION",
        /// The customer must pass their bank's check (3-D Secure).
        RequiresAction = "REQUIRES_ACTION",
        /// Stripe is working on it.
        Processing = "PROCESSING",
        /// Authorised, waiting to be captured.
        RequiresCapture = "REQUIRES_CAPTURE",
        /// Called off: nothing taken.
        Canceled = "CANCELED",
        /// The money was taken.
        Succeeded = "SUCCEEDED",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stripe_intents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub booking_id: Uuid,
    pub intent_id: String,
    /// The connected account it lives on (`Stripe-Account`), if not the platform's.
    pub account_id: Option<String>,
    /// For the customer's browser only.
    pub client_secret: String,
    pub status: IntentState,
    /// Authorise now, capture on approval.
    pub manual: bool,
    /// Why the last attempt failed, in Stripe's words.
    pub last_error: Option<String>,
    pub authorized_at: Option<DateTimeUtc>,
    /// The booking's status when the two were last brought in line.
    pub seen_booking_status: BookingStatus,
    /// Whether nothing is left to do until the booking changes.
    pub settled: bool,
    /// The Checkout Session (`cs_…`) last opened to pay this booking on
    /// Stripe's own page; its PaymentIntent replaces this one once paid.
    pub checkout_session_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! `payments`: what a booking costs and who gets what, as the payment was
//! opened; its status is derived from the ledger (`payment_movement`).
//! Hub-owned.

use sea_orm::entity::prelude::*;

use crate::stored_enum::stored_enum;

stored_enum!(
    /// Who moves the money.
    PaymentProvider {
        /// Paid at the desk; a manager records it.
        Offline = "OFFLINE",
        /// Paid online through Stripe.
        Stripe = "STRIPE",
    }
);

stored_enum!(
    /// Where a booking's payment stands (derived, never stored).
    PaymentStatus {
        /// Nothing to pay: a free booking.
        NotRequired = "NOT_REQUIRED",
        /// To be paid.
        Due = "DUE",
        /// The customer must confirm the payment with their bank.
        RequiresAction = "REQUIRES_ACTION",
        /// Authorized, not yet taken.
        Authorized = "AUTHORIZED",
        /// Paid in full.
        Paid = "PAID",
        /// Paid, and part of it given back.
        PartiallyRefunded = "PARTIALLY_REFUNDED",
        /// Paid, and all of it given back.
        Refunded = "REFUNDED",
        /// The payment did not go through.
        Failed = "FAILED",
        /// The booking was called off before anything was paid.
        Cancelled = "CANCELLED",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub booking_id: Uuid,
    pub provider: PaymentProvider,
    pub currency: String,
    pub gross: i64,
    pub commission: i64,
    /// What is left of the gross after the hub's commission: the provider's
    /// net plus the tax it passes on (`gross − commission`). The column kept
    /// its first name, `provider_net`, from before listings had a tax rate:
    /// its CHECK, `gross = provider_net + commission`, is part of the table on
    /// SQLite, which cannot change it without rebuilding the table, so the
    /// column keeps that meaning on both backends and the tax is split off
    /// beside it (see migration 000009).
    #[sea_orm(column_name = "provider_net")]
    pub provider_share: i64,
    /// The tax within the gross, at most `provider_share`.
    pub tax: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

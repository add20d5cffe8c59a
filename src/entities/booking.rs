//! `bookings`: a customer's hold on a listing for a period. Hub-owned.

use sea_orm::entity::prelude::*;

use crate::stored_enum::stored_enum;

stored_enum!(
    /// Where a booking stands.
    BookingStatus {
        /// Waiting for the provider's answer; holds capacity meanwhile.
        Requested = "REQUESTED",
        /// Waiting for the customer's online payment until its deadline;
        /// holds capacity meanwhile.
        AwaitingPayment = "AWAITING_PAYMENT",
        /// Booked; holds capacity.
        Confirmed = "CONFIRMED",
        /// Refused by the provider or a manager.
        Declined = "DECLINED",
        /// Called off by the customer or a manager.
        Cancelled = "CANCELLED",
        /// Not answered before its deadline.
        Expired = "EXPIRED",
        /// Its period is over.
        Completed = "COMPLETED",
        /// The customer did not come (set by a manager).
        NoShow = "NO_SHOW",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bookings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub listing_id: Uuid,
    pub customer_id: Uuid,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub quantity: i32,
    pub status: BookingStatus,
    pub currency: String,
    pub gross: i64,
    pub commission: i64,
    pub provider_net: i64,
    pub refund_due: Option<i64>,
    pub idempotency_key: String,
    pub fingerprint: String,
    pub note: String,
    pub reason: Option<String>,
    pub response_deadline: Option<DateTimeUtc>,
    pub series_id: Option<Uuid>,
    /// The quote's lines as sold, JSON: `[{kind, quantity, unitAmount, amount}]`.
    pub price_lines: String,
    /// The cancellation policy as sold, JSON: `[[notice hours, refund percent], …]`.
    pub cancellation_policy: String,
    /// The hub's commission rate as sold, in basis points.
    pub commission_bps: i32,
    /// Made to be paid online (the hub's choice at the time).
    pub paid_online: bool,
    /// The listing's tax rate as sold, in basis points (0: untaxed).
    pub tax_rate_bps: i32,
    /// The tax within `gross` at `tax_rate_bps`; `gross = provider_net +
    /// commission + tax`.
    pub tax: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The rules every booking, listing and hub row obeys, enforced by the
//! database as well as the application: a bug or a hand-written statement
//! cannot store a booking for no seats, a period that ends before it
//! starts, or money that does not add up. See [`row_rules`] for how each
//! backend enforces them and how old rows are checked first.

use sea_orm_migration::prelude::*;

use crate::constraints::*;
use crate::row_rules::{self, RowRule};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The bookings' money rule as first written, before listings had a tax
/// rate; migration 000009 replaces it with one that counts the tax.
pub(crate) const BOOKING_GROSS_RULE: RowRule = RowRule {
    name: BOOKING_GROSS_ADDS_UP,
    table: "bookings",
    columns: &["gross", "commission", "provider_net"],
    condition: "gross = provider_net + commission",
    sqlite_condition: None,
};

const RULES: &[RowRule] = &[
    RowRule {
        name: BOOKING_QUANTITY_POSITIVE,
        table: "bookings",
        columns: &["quantity"],
        condition: "quantity > 0",
        sqlite_condition: None,
    },
    RowRule {
        name: BOOKING_ENDS_AFTER_START,
        table: "bookings",
        columns: &["starts_at", "ends_at"],
        condition: "ends_at > starts_at",
        // SQLite keeps instants as RFC 3339 text: compare the instants, not
        // the strings (offsets and fractions would order text wrongly), and
        // refuse text that is no instant at all.
        sqlite_condition: Some("COALESCE(julianday(ends_at) > julianday(starts_at), 0)"),
    },
    RowRule {
        name: BOOKING_GROSS_NON_NEGATIVE,
        table: "bookings",
        columns: &["gross"],
        condition: "gross >= 0",
        sqlite_condition: None,
    },
    RowRule {
        name: BOOKING_COMMISSION_NON_NEGATIVE,
        table: "bookings",
        columns: &["commission"],
        condition: "commission >= 0",
        sqlite_condition: None,
    },
    RowRule {
        name: BOOKING_PROVIDER_NET_NON_NEGATIVE,
        table: "bookings",
        columns: &["provider_net"],
        condition: "provider_net >= 0",
        sqlite_condition: None,
    },
    BOOKING_GROSS_RULE,
    RowRule {
        name: BOOKING_REFUND_WITHIN_GROSS,
        table: "bookings",
        columns: &["refund_due", "gross"],
        condition: "refund_due IS NULL OR (refund_due >= 0 AND refund_due <= gross)",
        sqlite_condition: None,
    },
    RowRule {
        name: LISTING_CAPACITY_POSITIVE,
        table: "listings",
        columns: &["capacity"],
        condition: "capacity >= 1",
        sqlite_condition: None,
    },
    RowRule {
        name: LISTING_UNIT_PRICE_NON_NEGATIVE,
        table: "listings",
        columns: &["unit_price"],
        condition: "unit_price >= 0",
        sqlite_condition: None,
    },
    RowRule {
        name: LISTING_MEMBER_UNIT_PRICE_NON_NEGATIVE,
        table: "listings",
        columns: &["member_unit_price"],
        condition: "member_unit_price IS NULL OR member_unit_price >= 0",
        sqlite_condition: None,
    },
    RowRule {
        name: LISTING_MIN_UNITS_POSITIVE,
        table: "listings",
        columns: &["min_units"],
        condition: "min_units >= 1",
        sqlite_condition: None,
    },
    RowRule {
        name: LISTING_MAX_UNITS_AT_LEAST_MIN,
        table: "listings",
        columns: &["min_units", "max_units"],
        condition: "max_units >= min_units",
        sqlite_condition: None,
    },
    RowRule {
        name: LISTING_BUFFERS_NON_NEGATIVE,
        table: "listings",
        columns: &["buffer_before_minutes", "buffer_after_minutes"],
        condition: "buffer_before_minutes >= 0 AND buffer_after_minutes >= 0",
        sqlite_condition: None,
    },
    RowRule {
        name: LISTING_LEAD_TIME_NON_NEGATIVE,
        table: "listings",
        columns: &["lead_time_minutes"],
        condition: "lead_time_minutes >= 0",
        sqlite_condition: None,
    },
    RowRule {
        name: LISTING_HORIZON_NON_NEGATIVE,
        table: "listings",
        columns: &["horizon_days"],
        condition: "horizon_days >= 0",
        sqlite_condition: None,
    },
    RowRule {
        name: HUB_COMMISSION_BPS_RANGE,
        table: "hubs",
        columns: &["commission_bps"],
        condition: "commission_bps BETWEEN 0 AND 10000",
        sqlite_condition: None,
    },
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // SQLite too: a migration stopped by an old row must leave no rule half added.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        row_rules::add(manager, RULES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        row_rules::drop(manager, RULES).await
    }
}

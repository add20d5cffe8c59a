//! Tax where a listing sets a rate: prices include it, and a booking keeps
//! the rate and the tax it was sold with.
//!
//! - `listings.tax_rate_bps`: the rate its prices include, 0 to 5000.
//! - `bookings.tax_rate_bps` and `bookings.tax`: the rate and the tax as
//!   sold; the provider's net is now what is left after both the commission
//!   and the tax, so `gross = provider_net + commission + tax`.
//! - `payments.tax`: the tax within the payment's gross.
//!
//! Every column is NOT NULL DEFAULT 0, which is what every older row means
//! (no tax), so old bookings and payments need no backfill and a server of
//! the previous release keeps working (expand/contract): it writes no tax,
//! which the rules below accept as a booking without a rate.
//!
//! The bookings' rule `gross = provider_net + commission` was added by
//! migration 000005 as a row rule (triggers on SQLite, a named CHECK on
//! PostgreSQL), so it is replaced under the same name with the tax in it.
//!
//! The payments' `gross = provider_net + commission` is a CHECK inside the
//! table itself; SQLite cannot drop it without rebuilding the table (and the
//! ledger's foreign key into it). Rather than one meaning of
//! `payments.provider_net` per backend, it keeps its meaning on both: what
//! is left after the commission, the provider's net and the tax together.
//! A new rule bounds the tax within it, so that with the old CHECK the
//! database holds `gross = (provider_net − tax) + commission + tax` with
//! every part non-negative; the application reads the provider's net as
//! `provider_net − tax`.

use sea_orm_migration::prelude::*;

use crate::constraints::*;
use crate::m20261124_000005_invariants::BOOKING_GROSS_RULE;
use crate::row_rules::{self, RowRule};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Listings {
    Table,
    TaxRateBps,
}

#[derive(DeriveIden)]
enum Bookings {
    Table,
    TaxRateBps,
    Tax,
}

#[derive(DeriveIden)]
enum Payments {
    Table,
    Tax,
}

/// The bookings' money rule with the tax in it.
const BOOKING_GROSS_WITH_TAX: RowRule = RowRule {
    name: BOOKING_GROSS_ADDS_UP,
    table: "bookings",
    columns: &["gross", "commission", "provider_net", "tax"],
    condition: "gross = provider_net + commission + tax",
    sqlite_condition: None,
};

const RULES: &[RowRule] = &[
    RowRule {
        name: LISTING_TAX_RATE_RANGE,
        table: "listings",
        columns: &["tax_rate_bps"],
        condition: "tax_rate_bps BETWEEN 0 AND 5000",
        sqlite_condition: None,
    },
    RowRule {
        name: BOOKING_TAX_RATE_RANGE,
        table: "bookings",
        columns: &["tax_rate_bps"],
        condition: "tax_rate_bps BETWEEN 0 AND 5000",
        sqlite_condition: None,
    },
    RowRule {
        name: BOOKING_TAX_MATCHES_RATE,
        table: "bookings",
        columns: &["gross", "tax_rate_bps", "tax"],
        // tax = round_half_up(gross × rate / (10 000 + rate)), in integers
        // on both backends. The gross is split into whole multiples of the
        // divisor and a remainder first, so no product leaves 64 bits
        // whatever the gross. A rate out of range is the rule above's to
        // name (and would divide by zero here), so this one passes it.
        condition: "CASE WHEN tax_rate_bps BETWEEN 0 AND 5000 THEN tax = \
              (gross / (10000 + tax_rate_bps)) * tax_rate_bps \
            + (2 * (gross % (10000 + tax_rate_bps)) * tax_rate_bps + 10000 + tax_rate_bps) \
              / (2 * (10000 + tax_rate_bps)) \
            ELSE TRUE END",
        sqlite_condition: None,
    },
    BOOKING_GROSS_WITH_TAX,
    RowRule {
        name: PAYMENT_TAX_WITHIN_SHARE,
        table: "payments",
        columns: &["tax", "provider_net"],
        condition: "tax >= 0 AND tax <= provider_net",
        sqlite_condition: None,
    },
];

async fn add_column(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: ColumnDef,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).add_column(column).to_owned())
        .await
}

fn zero_int(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .integer()
        .not_null()
        .default(0)
        .take()
}

fn zero_money(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .big_integer()
        .not_null()
        .default(0)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // SQLite too: a rule refused by old rows must leave no column half added.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        add_column(manager, Listings::Table, zero_int(Listings::TaxRateBps)).await?;
        add_column(manager, Bookings::Table, zero_int(Bookings::TaxRateBps)).await?;
        add_column(manager, Bookings::Table, zero_money(Bookings::Tax)).await?;
        add_column(manager, Payments::Table, zero_money(Payments::Tax)).await?;
        row_rules::drop(manager, &[BOOKING_GROSS_RULE]).await?;
        row_rules::add(manager, RULES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        row_rules::drop(manager, RULES).await?;
        // Taxed bookings break the old rule: going back stops on them, naming
        // how many, rather than dropping their tax silently.
        row_rules::add(manager, &[BOOKING_GROSS_RULE]).await?;
        for (table, column) in [
            (Payments::Table.into_iden(), Payments::Tax.into_iden()),
            (Bookings::Table.into_iden(), Bookings::Tax.into_iden()),
            (
                Bookings::Table.into_iden(),
                Bookings::TaxRateBps.into_iden(),
            ),
            (
                Listings::Table.into_iden(),
                Listings::TaxRateBps.into_iden(),
            ),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}

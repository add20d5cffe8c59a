//! The terms a booking was sold under, kept on the booking: its price lines,
//! its cancellation policy and the hub's commission rate. A later change to
//! the listing or the hub never changes what a customer was promised.
//!
//! The three columns are NOT NULL and have no usable default: a writer that
//! does not know the terms is refused rather than recording a booking with
//! no refund terms. That is a deliberate exception to expand/contract: a
//! server of the previous release can still read bookings but can no longer
//! create them, so stop old servers before this migration runs. On
//! PostgreSQL the columns end without a default. SQLite cannot add a NOT NULL
//! column without one, nor drop it later without rebuilding the table; its
//! defaults are values that [`BOOKING_TERMS_RECORDED`] and
//! [`BOOKING_COMMISSION_BPS_RANGE`] refuse, so a forgotten term fails there too.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::constraints::{BOOKING_COMMISSION_BPS_RANGE, BOOKING_TERMS_RECORDED};
use crate::rls;
use crate::row_rules::{self, RowRule};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Bookings {
    Table,
    PriceLines,
    CancellationPolicy,
    CommissionBps,
}

const RULES: &[RowRule] = &[
    RowRule {
        name: BOOKING_COMMISSION_BPS_RANGE,
        table: "bookings",
        columns: &["commission_bps"],
        condition: "commission_bps BETWEEN 0 AND 10000",
        sqlite_condition: None,
    },
    RowRule {
        name: BOOKING_TERMS_RECORDED,
        table: "bookings",
        columns: &["price_lines", "cancellation_policy"],
        // Both are JSON arrays; the first character is what both backends
        // can check cheaply without a JSON parser in a CHECK.
        condition: "substr(price_lines, 1, 1) = '[' AND substr(cancellation_policy, 1, 1) = '['",
        sqlite_condition: None,
    },
];

/// Fills the terms of the bookings made before this migration.
///
/// The policy and the rate are the listing's and the hub's as they are now,
/// the closest record there is of what applied. The true price lines of old
/// bookings were never stored and cannot be rebuilt (the listing's price may
/// have changed since), so each gets one `BASE` line for its whole gross,
/// which keeps the lines summing to the gross; a free booking has no lines,
/// as a free quote has none.
const BACKFILL: &str = r#"
UPDATE bookings SET
  cancellation_policy = (
    SELECT l.cancellation_policy FROM listings l
    WHERE l.tenant_id = bookings.tenant_id AND l.id = bookings.listing_id),
  commission_bps = (SELECT h.commission_bps FROM hubs h WHERE h.id = bookings.tenant_id),
  price_lines = CASE WHEN gross > 0
    THEN '[{"kind":"BASE","quantity":1,"unitAmount":' || gross || ',"amount":' || gross || '}]'
    ELSE '[]' END
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // SQLite too: a failed backfill or rule must leave no column half added.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sqlite = manager.get_database_backend() == DbBackend::Sqlite;
        let mut price_lines = ColumnDef::new(Bookings::PriceLines);
        let mut policy = ColumnDef::new(Bookings::CancellationPolicy);
        let mut rate = ColumnDef::new(Bookings::CommissionBps);
        price_lines.text();
        policy.text();
        rate.integer();
        if sqlite {
            price_lines.not_null().default("");
            policy.not_null().default("");
            rate.not_null().default(-1);
        }
        // SQLite adds one column per statement.
        for column in [price_lines, policy, rate] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Bookings::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        let lifted = rls::lift_force(manager, "bookings").await?;
        let listings_lifted = rls::lift_force(manager, "listings").await?;
        manager
            .get_connection()
            .execute_unprepared(BACKFILL)
            .await?;
        rls::restore_force(manager, "listings", listings_lifted).await?;
        rls::restore_force(manager, "bookings", lifted).await?;
        if !sqlite {
            manager
                .get_connection()
                .execute_unprepared(
                    "ALTER TABLE bookings
                       ALTER COLUMN price_lines SET NOT NULL,
                       ALTER COLUMN cancellation_policy SET NOT NULL,
                       ALTER COLUMN commission_bps SET NOT NULL;",
                )
                .await?;
        }
        row_rules::add(manager, RULES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        row_rules::drop(manager, RULES).await?;
        for column in [
            Bookings::PriceLines,
            Bookings::CancellationPolicy,
            Bookings::CommissionBps,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Bookings::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

//! Payments: one row per booking that money moves for, and its append-only
//! ledger of movements (receipts, refunds). Both hub-owned, keyed by
//! `tenant_id` first, behind row-level security like bookings. The tables
//! are new, so their amount rules are named CHECKs in the tables themselves
//! (no old rows to check first, as `row_rules` does for older tables); both
//! backends name them in a violation.

use sea_orm_migration::{prelude::*, schema::*};

use crate::constraints::*;
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Payments {
    Table,
    TenantId,
    BookingId,
    Provider,
    Currency,
    Gross,
    Commission,
    ProviderNet,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PaymentMovements {
    Table,
    TenantId,
    Id,
    BookingId,
    Kind,
    Amount,
    Method,
    Reference,
    ActorId,
    At,
}

#[derive(DeriveIden)]
enum Bookings {
    Table,
    TenantId,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Payments::Table)
                    .col(uuid(Payments::TenantId))
                    .col(uuid(Payments::BookingId))
                    .col(string_len(Payments::Provider, 16))
                    .col(string_len(Payments::Currency, 3))
                    .col(big_integer(Payments::Gross))
                    .col(big_integer(Payments::Commission))
                    .col(big_integer(Payments::ProviderNet))
                    .col(timestamp_with_time_zone(Payments::CreatedAt))
                    .check(Check::named(
                        PAYMENT_AMOUNTS_NON_NEGATIVE,
                        Expr::cust("gross >= 0 AND commission >= 0 AND provider_net >= 0"),
                    ))
                    .check(Check::named(
                        PAYMENT_GROSS_ADDS_UP,
                        Expr::cust("gross = provider_net + commission"),
                    ))
                    .primary_key(
                        Index::create()
                            .col(Payments::TenantId)
                            .col(Payments::BookingId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_payments_booking")
                            .from_tbl(Payments::Table)
                            .from_col(Payments::TenantId)
                            .from_col(Payments::BookingId)
                            .to_tbl(Bookings::Table)
                            .to_col(Bookings::TenantId)
                            .to_col(Bookings::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PaymentMovements::Table)
                    .col(uuid(PaymentMovements::TenantId))
                    .col(uuid(PaymentMovements::Id))
                    .col(uuid(PaymentMovements::BookingId))
                    .col(string_len(PaymentMovements::Kind, 24))
                    .col(big_integer(PaymentMovements::Amount))
                    .col(string_len_null(PaymentMovements::Method, 16))
                    .col(string_len(PaymentMovements::Reference, 200))
                    .col(uuid_null(PaymentMovements::ActorId))
                    .col(timestamp_with_time_zone(PaymentMovements::At))
                    .check(Check::named(
                        PAYMENT_MOVEMENT_AMOUNT_POSITIVE,
                        Expr::cust("amount > 0"),
                    ))
                    .primary_key(
                        Index::create()
                            .col(PaymentMovements::TenantId)
                            .col(PaymentMovements::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_payment_movements_payment")
                            .from_tbl(PaymentMovements::Table)
                            .from_col(PaymentMovements::TenantId)
                            .from_col(PaymentMovements::BookingId)
                            .to_tbl(Payments::Table)
                            .to_col(Payments::TenantId)
                            .to_col(Payments::BookingId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_payment_movements_booking")
                    .table(PaymentMovements::Table)
                    .col(PaymentMovements::TenantId)
                    .col(PaymentMovements::BookingId)
                    .to_owned(),
            )
            .await?;
        // The report reads the hub's movements by date.
        manager
            .create_index(
                Index::create()
                    .name("ix_payment_movements_at")
                    .table(PaymentMovements::Table)
                    .col(PaymentMovements::TenantId)
                    .col(PaymentMovements::At)
                    .to_owned(),
            )
            .await?;
        rls::protect_hub_table(manager, "payments").await?;
        rls::protect_hub_table(manager, "payment_movements").await?;
        // A payment's terms are written once; the ledger only grows.
        rls::forbid_changes(manager, "payments").await?;
        rls::forbid_changes(manager, "payment_movements").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PaymentMovements::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Payments::Table).to_owned())
            .await
    }
}

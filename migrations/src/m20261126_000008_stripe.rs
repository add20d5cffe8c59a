//! Online payments through Stripe.
//!
//! - `hubs` choose their provider (`OFFLINE`, the default, or `STRIPE`),
//!   the Stripe mode (`MERCHANT`: the hub's account takes the money;
//!   `CONNECT`: each organization's connected account does) and, as a
//!   merchant, the connected account to charge on (none: the platform's own).
//! - `organizations` keep their connected account and whether it can take
//!   payments and receive payouts (from `account.updated`).
//! - `stripe_intents`: one PaymentIntent per booking paid online, with the
//!   state last read from Stripe. Unlike `payments` (terms written once) and
//!   its ledger (append-only), this row follows Stripe and is updated.
//! - `bookings.paid_online`: whether a booking was made to be paid online
//!   (the hub's choice when it was made, kept when the hub changes it).
//! - `stripe_events`: every webhook event id applied, so a redelivered event
//!   is recognised. Events belong to the platform, not to a hub.
//!
//! Every new column is nullable or has a default, so a server of the previous
//! release keeps working against this schema (expand/contract).

use sea_orm_migration::{prelude::*, schema::*};

use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Hubs {
    Table,
    PaymentProvider,
    StripeMode,
    StripeAccountId,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    StripeAccountId,
    PayoutsReady,
}

#[derive(DeriveIden)]
enum StripeIntents {
    Table,
    TenantId,
    BookingId,
    IntentId,
    AccountId,
    ClientSecret,
    Status,
    Manual,
    LastError,
    AuthorizedAt,
    SeenBookingStatus,
    Settled,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StripeEvents {
    Table,
    Id,
    Kind,
    AccountId,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum Bookings {
    Table,
    TenantId,
    Id,
    PaidOnline,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_len(Hubs::PaymentProvider, 16)
                .default("OFFLINE")
                .to_owned(),
            string_len_null(Hubs::StripeMode, 16),
            string_len_null(Hubs::StripeAccountId, 64),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Hubs::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            string_len_null(Organizations::StripeAccountId, 64),
            boolean(Organizations::PayoutsReady)
                .default(false)
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organizations::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Bookings::Table)
                    .add_column(boolean(Bookings::PaidOnline).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StripeIntents::Table)
                    .col(uuid(StripeIntents::TenantId))
                    .col(uuid(StripeIntents::BookingId))
                    .col(string_len(StripeIntents::IntentId, 255))
                    .col(string_len_null(StripeIntents::AccountId, 64))
                    .col(string_len(StripeIntents::ClientSecret, 255))
                    .col(string_len(StripeIntents::Status, 32))
                    .col(boolean(StripeIntents::Manual))
                    .col(string_len_null(StripeIntents::LastError, 500))
                    .col(timestamp_with_time_zone_null(StripeIntents::AuthorizedAt))
                    .col(string_len(StripeIntents::SeenBookingStatus, 24))
                    .col(boolean(StripeIntents::Settled))
                    .col(timestamp_with_time_zone(StripeIntents::CreatedAt))
                    .col(timestamp_with_time_zone(StripeIntents::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(StripeIntents::TenantId)
                            .col(StripeIntents::BookingId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stripe_intents_booking")
                            .from_tbl(StripeIntents::Table)
                            .from_col(StripeIntents::TenantId)
                            .from_col(StripeIntents::BookingId)
                            .to_tbl(Bookings::Table)
                            .to_col(Bookings::TenantId)
                            .to_col(Bookings::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Reconciliation reads a hub's unsettled intents.
        manager
            .create_index(
                Index::create()
                    .name("ix_stripe_intents_settled")
                    .table(StripeIntents::Table)
                    .col(StripeIntents::TenantId)
                    .col(StripeIntents::Settled)
                    .to_owned(),
            )
            .await?;
        rls::protect_hub_table(manager, "stripe_intents").await?;
        manager
            .create_table(
                Table::create()
                    .table(StripeEvents::Table)
                    .col(string_len(StripeEvents::Id, 255).primary_key())
                    .col(string_len(StripeEvents::Kind, 100))
                    .col(string_len_null(StripeEvents::AccountId, 64))
                    .col(timestamp_with_time_zone(StripeEvents::ReceivedAt))
                    .to_owned(),
            )
            .await?;
        rls::grant_global_table(manager, "stripe_events").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StripeEvents::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(StripeIntents::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Bookings::Table)
                    .drop_column(Bookings::PaidOnline)
                    .to_owned(),
            )
            .await?;
        for column in [Organizations::StripeAccountId, Organizations::PayoutsReady] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organizations::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            Hubs::PaymentProvider,
            Hubs::StripeMode,
            Hubs::StripeAccountId,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Hubs::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

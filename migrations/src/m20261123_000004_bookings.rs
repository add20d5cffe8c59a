//! Bookings and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Bookings {
    Table,
    TenantId,
    Id,
    ListingId,
    CustomerId,
    StartsAt,
    EndsAt,
    Quantity,
    Status,
    Currency,
    Gross,
    Commission,
    ProviderNet,
    RefundDue,
    IdempotencyKey,
    Fingerprint,
    Note,
    Reason,
    ResponseDeadline,
    SeriesId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    TenantId,
    Id,
    ActorId,
    Subject,
    SubjectId,
    Action,
    FromStatus,
    ToStatus,
    At,
}

#[derive(DeriveIden)]
enum Listings {
    Table,
    TenantId,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Hubs {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Bookings::Table)
                    .col(uuid(Bookings::TenantId))
                    .col(uuid(Bookings::Id))
                    .col(uuid(Bookings::ListingId))
                    .col(uuid(Bookings::CustomerId))
                    .col(timestamp_with_time_zone(Bookings::StartsAt))
                    .col(timestamp_with_time_zone(Bookings::EndsAt))
                    .col(integer(Bookings::Quantity))
                    .col(string_len(Bookings::Status, 16))
                    .col(string_len(Bookings::Currency, 3))
                    .col(big_integer(Bookings::Gross))
                    .col(big_integer(Bookings::Commission))
                    .col(big_integer(Bookings::ProviderNet))
                    .col(big_integer_null(Bookings::RefundDue))
                    .col(string_len(Bookings::IdempotencyKey, 100))
                    // A digest of the request, so a reused key with other input is refused.
                    .col(string_len(Bookings::Fingerprint, 64))
                    .col(text(Bookings::Note))
                    .col(text_null(Bookings::Reason))
                    .col(timestamp_with_time_zone_null(Bookings::ResponseDeadline))
                    .col(uuid_null(Bookings::SeriesId))
                    .col(timestamp_with_time_zone(Bookings::CreatedAt))
                    .col(timestamp_with_time_zone(Bookings::UpdatedAt))
                    .primary_key(Index::create().col(Bookings::TenantId).col(Bookings::Id))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bookings_listing")
                            .from_tbl(Bookings::Table)
                            .from_col(Bookings::TenantId)
                            .from_col(Bookings::ListingId)
                            .to_tbl(Listings::Table)
                            .to_col(Listings::TenantId)
                            .to_col(Listings::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bookings_customer")
                            .from(Bookings::Table, Bookings::CustomerId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The capacity check: a listing's bookings by start (the overlap
        // query bounds the start from both sides: a booking is at most the
        // listing's longest duration long).
        manager
            .create_index(
                Index::create()
                    .name("ix_bookings_listing_start")
                    .table(Bookings::Table)
                    .col(Bookings::TenantId)
                    .col(Bookings::ListingId)
                    .col(Bookings::StartsAt)
                    .to_owned(),
            )
            .await?;
        // One first result per (customer, idempotency key).
        manager
            .create_index(
                Index::create()
                    .name("ux_bookings_idempotency")
                    .table(Bookings::Table)
                    .col(Bookings::TenantId)
                    .col(Bookings::CustomerId)
                    .col(Bookings::IdempotencyKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // "My bookings" and the managers' calendar, by start.
        manager
            .create_index(
                Index::create()
                    .name("ix_bookings_customer_start")
                    .table(Bookings::Table)
                    .col(Bookings::TenantId)
                    .col(Bookings::CustomerId)
                    .col(Bookings::StartsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_bookings_hub_start")
                    .table(Bookings::Table)
                    .col(Bookings::TenantId)
                    .col(Bookings::StartsAt)
                    .to_owned(),
            )
            .await?;
        // The worker: due requests and finished bookings of a hub, by status.
        manager
            .create_index(
                Index::create()
                    .name("ix_bookings_hub_status_end")
                    .table(Bookings::Table)
                    .col(Bookings::TenantId)
                    .col(Bookings::Status)
                    .col(Bookings::EndsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditEvents::Table)
                    .col(uuid(AuditEvents::TenantId))
                    .col(uuid(AuditEvents::Id))
                    .col(uuid_null(AuditEvents::ActorId))
                    .col(string_len(AuditEvents::Subject, 16))
                    .col(uuid(AuditEvents::SubjectId))
                    .col(string_len(AuditEvents::Action, 32))
                    .col(string_len_null(AuditEvents::FromStatus, 24))
                    .col(string_len_null(AuditEvents::ToStatus, 24))
                    .col(timestamp_with_time_zone(AuditEvents::At))
                    .primary_key(
                        Index::create()
                            .col(AuditEvents::TenantId)
                            .col(AuditEvents::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_audit_events_hub")
                            .from(AuditEvents::Table, AuditEvents::TenantId)
                            .to(Hubs::Table, Hubs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_events_subject")
                    .table(AuditEvents::Table)
                    .col(AuditEvents::TenantId)
                    .col(AuditEvents::SubjectId)
                    .to_owned(),
            )
            .await?;
        rls::protect_hub_table(manager, "bookings").await?;
        rls::protect_hub_table(manager, "audit_events").await?;
        // The log is append-only for the application.
        rls::forbid_changes(manager, "audit_events").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditEvents::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Bookings::Table).to_owned())
            .await
    }
}

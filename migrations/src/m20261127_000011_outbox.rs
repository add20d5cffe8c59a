//! The outbox of email.
//!
//! - `notified_events`: the audit events already turned into messages.
//!   Every change that concerns someone writes its audit event in the
//!   change's own transaction; planning reads the events not yet listed
//!   here and writes their messages and this row in one transaction, so a
//!   change is announced once, never lost, whatever dies in between.
//! - `outbox_messages`: each rendered message to one recipient, with its
//!   delivery state (`PENDING`, `SENT`, `DEAD`), attempts and next try.
//! - `outbox_attempts`: every delivery attempt and how it ended.
//!
//! - `sign_in_links`: single-use, short-lived links sent by email (sign in
//!   without a password, set a new password); only their digest is kept.
//!
//! They belong to the platform (a message may concern no hub: a sign-in
//! link); rows of a hub carry its `tenant_id`, and every read made for a
//! hub's managers filters on it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum NotifiedEvents {
    Table,
    EventId,
    TenantId,
    At,
}

#[derive(DeriveIden)]
enum OutboxMessages {
    Table,
    Id,
    TenantId,
    Kind,
    DedupeKey,
    Recipient,
    Locale,
    Subject,
    TextBody,
    HtmlBody,
    Attachments,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    SentAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SignInLinks {
    Table,
    TokenHash,
    UserId,
    Purpose,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OutboxAttempts {
    Table,
    Id,
    MessageId,
    At,
    Outcome,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(NotifiedEvents::Table)
                    .col(uuid(NotifiedEvents::EventId).primary_key())
                    .col(uuid(NotifiedEvents::TenantId))
                    .col(timestamp_with_time_zone(NotifiedEvents::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OutboxMessages::Table)
                    .col(uuid(OutboxMessages::Id).primary_key())
                    .col(uuid_null(OutboxMessages::TenantId))
                    .col(string_len(OutboxMessages::Kind, 64))
                    .col(string_len(OutboxMessages::DedupeKey, 255).unique_key())
                    .col(string_len(OutboxMessages::Recipient, 320))
                    .col(string_len(OutboxMessages::Locale, 8))
                    .col(string_len(OutboxMessages::Subject, 500))
                    .col(text(OutboxMessages::TextBody))
                    .col(text(OutboxMessages::HtmlBody))
                    .col(text(OutboxMessages::Attachments))
                    .col(string_len(OutboxMessages::Status, 16))
                    .col(integer(OutboxMessages::Attempts))
                    .col(timestamp_with_time_zone(OutboxMessages::NextAttemptAt))
                    .col(string_len_null(OutboxMessages::LastError, 500))
                    .col(timestamp_with_time_zone_null(OutboxMessages::SentAt))
                    .col(timestamp_with_time_zone(OutboxMessages::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // Delivery takes the due pending messages, oldest due first.
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_messages_due")
                    .table(OutboxMessages::Table)
                    .col(OutboxMessages::Status)
                    .col(OutboxMessages::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_messages_hub")
                    .table(OutboxMessages::Table)
                    .col(OutboxMessages::TenantId)
                    .col(OutboxMessages::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OutboxAttempts::Table)
                    .col(uuid(OutboxAttempts::Id).primary_key())
                    .col(uuid(OutboxAttempts::MessageId))
                    .col(timestamp_with_time_zone(OutboxAttempts::At))
                    .col(string_len(OutboxAttempts::Outcome, 16))
                    .col(string_len_null(OutboxAttempts::Detail, 500))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_outbox_attempts_message")
                            .from_tbl(OutboxAttempts::Table)
                            .from_col(OutboxAttempts::MessageId)
                            .to_tbl(OutboxMessages::Table)
                            .to_col(OutboxMessages::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_attempts_message")
                    .table(OutboxAttempts::Table)
                    .col(OutboxAttempts::MessageId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInLinks::Table)
                    .col(string_len(SignInLinks::TokenHash, 64).primary_key())
                    .col(uuid(SignInLinks::UserId))
                    .col(string_len(SignInLinks::Purpose, 24))
                    .col(timestamp_with_time_zone(SignInLinks::ExpiresAt))
                    .col(timestamp_with_time_zone_null(SignInLinks::UsedAt))
                    .col(timestamp_with_time_zone(SignInLinks::CreatedAt))
                    .to_owned(),
            )
            .await?;
        for table in [
            "notified_events",
            "outbox_messages",
            "outbox_attempts",
            "sign_in_links",
        ] {
            rls::grant_global_table(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SignInLinks::Table.into_iden(),
            OutboxAttempts::Table.into_iden(),
            OutboxMessages::Table.into_iden(),
            NotifiedEvents::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

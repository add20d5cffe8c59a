//! Verified email addresses, and hubs that ask for one before booking.
//!
//! - `users.email_verified_at`: when the person proved the address is
//!   theirs (a verification link from the welcome email, or a sign-in
//!   link: both reach only that mailbox). NULL until then, which is what
//!   every older account means: nobody has proved anything yet.
//! - `hubs.require_verified_email`: whether the hub takes bookings only
//!   from people with a verified address. NOT NULL DEFAULT false, so every
//!   existing hub keeps booking as before.
//!
//! The verification link is a row of `sign_in_links` with the new purpose
//! `VERIFY_EMAIL`. Migration 000011 stores a purpose as plain text of up to
//! 24 characters, checked by the application when read (a purpose it does
//! not know is an error, never a default), so the new purpose needs no
//! change to the table on either backend.
//!
//! Two new columns with defaults, nothing rewritten: a server of the
//! previous release keeps working against this schema (expand/contract).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    EmailVerifiedAt,
}

#[derive(DeriveIden)]
enum Hubs {
    Table,
    RequireVerifiedEmail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // SQLite too: both columns or neither.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::EmailVerifiedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Hubs::Table)
                    .add_column(
                        boolean(Hubs::RequireVerifiedEmail)
                            .default(false)
                            .to_owned(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Hubs::Table)
                    .drop_column(Hubs::RequireVerifiedEmail)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::EmailVerifiedAt)
                    .to_owned(),
            )
            .await
    }
}

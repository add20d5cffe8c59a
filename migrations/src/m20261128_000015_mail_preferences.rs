//! What mail a person wants, and the one-click way to stop it.
//!
//! - `mail_preferences`: per user, whether reminders and the dead-letter
//!   digest are sent. No row means both on: a person hears of their
//!   bookings until they say otherwise.
//! - `unsubscribe_tokens`: the secret of each `List-Unsubscribe` link sent
//!   in an optional message, kept only as its SHA-256, with the person and
//!   the category it turns off. A random secret looked up by its digest
//!   needs no server-wide signing key (nothing to rotate, nothing whose
//!   leak forges links), and a stolen database yields no working link.
//!   Tokens never expire: a link in an old email must keep working, and
//!   all one can do with it is stop mail of one category for one person.
//! - `outbox_messages.list_unsubscribe`: the link an optional message
//!   carries in its `List-Unsubscribe` header (RFC 2369, RFC 8058).
//!
//! Global tables (a person's mail is theirs across hubs). Expand only:
//! new tables and a nullable column, which older code ignores.

use sea_orm_migration::{prelude::*, schema::*};

use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MailPreferences {
    Table,
    UserId,
    Reminders,
    Digests,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum UnsubscribeTokens {
    Table,
    TokenHash,
    UserId,
    Category,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OutboxMessages {
    Table,
    ListUnsubscribe,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MailPreferences::Table)
                    .col(uuid(MailPreferences::UserId).primary_key())
                    .col(boolean(MailPreferences::Reminders))
                    .col(boolean(MailPreferences::Digests))
                    .col(timestamp_with_time_zone(MailPreferences::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_mail_preferences_user")
                            .from(MailPreferences::Table, MailPreferences::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UnsubscribeTokens::Table)
                    .col(string_len(UnsubscribeTokens::TokenHash, 64).primary_key())
                    .col(uuid(UnsubscribeTokens::UserId))
                    .col(string_len(UnsubscribeTokens::Category, 16))
                    .col(timestamp_with_time_zone(UnsubscribeTokens::CreatedAt))
                    .check((
                        "unsubscribe_tokens_category",
                        Expr::cust("category IN ('REMINDERS', 'DIGESTS')"),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_unsubscribe_tokens_user")
                            .from(UnsubscribeTokens::Table, UnsubscribeTokens::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessages::Table)
                    .add_column(string_len_null(OutboxMessages::ListUnsubscribe, 500))
                    .to_owned(),
            )
            .await?;
        for table in ["mail_preferences", "unsubscribe_tokens"] {
            rls::grant_global_table(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessages::Table)
                    .drop_column(OutboxMessages::ListUnsubscribe)
                    .to_owned(),
            )
            .await?;
        for table in [
            UnsubscribeTokens::Table.into_iden(),
            MailPreferences::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

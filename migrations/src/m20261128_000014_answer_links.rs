//! One-click answers to booking requests.
//!
//! - `answer_links`: the links a request's email gives each manager and
//!   provider, one to approve and one to decline, for the user it was made
//!   for. Only the SHA-256 of the secret address is kept. A link works
//!   once, until `expires_at`; `used_at` marks it (and its sibling) spent.
//!
//! Hub-owned, with row-level security like every hub table: the address
//! names its hub, so a link is looked up inside that hub's transaction and
//! one hub's address can never reach another hub's rows. A new table only:
//! nothing older reads it (expand/contract).

use sea_orm_migration::{prelude::*, schema::*};

use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AnswerLinks {
    Table,
    TenantId,
    Id,
    BookingId,
    UserId,
    Decision,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Bookings {
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
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AnswerLinks::Table)
                    .col(uuid(AnswerLinks::TenantId))
                    .col(uuid(AnswerLinks::Id))
                    .col(uuid(AnswerLinks::BookingId))
                    .col(uuid(AnswerLinks::UserId))
                    .col(string_len(AnswerLinks::Decision, 16))
                    .col(string_len(AnswerLinks::TokenHash, 64))
                    .col(timestamp_with_time_zone(AnswerLinks::ExpiresAt))
                    .col(timestamp_with_time_zone_null(AnswerLinks::UsedAt))
                    .col(timestamp_with_time_zone(AnswerLinks::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(AnswerLinks::TenantId)
                            .col(AnswerLinks::Id),
                    )
                    .check((
                        "answer_links_decision",
                        Expr::cust("decision IN ('APPROVE', 'DECLINE')"),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_answer_links_hub")
                            .from(AnswerLinks::Table, AnswerLinks::TenantId)
                            .to(Hubs::Table, Hubs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_answer_links_user")
                            .from(AnswerLinks::Table, AnswerLinks::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_answer_links_booking")
                            .from_tbl(AnswerLinks::Table)
                            .from_col(AnswerLinks::TenantId)
                            .from_col(AnswerLinks::BookingId)
                            .to_tbl(Bookings::Table)
                            .to_col(Bookings::TenantId)
                            .to_col(Bookings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The one lookup an address costs: its digest, inside its hub.
        manager
            .create_index(
                Index::create()
                    .name("ux_answer_links_token")
                    .table(AnswerLinks::Table)
                    .col(AnswerLinks::TenantId)
                    .col(AnswerLinks::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // A pair is spent together: its links are found by booking and user.
        manager
            .create_index(
                Index::create()
                    .name("ix_answer_links_booking_user")
                    .table(AnswerLinks::Table)
                    .col(AnswerLinks::TenantId)
                    .col(AnswerLinks::BookingId)
                    .col(AnswerLinks::UserId)
                    .to_owned(),
            )
            .await?;
        rls::protect_hub_table(manager, "answer_links").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AnswerLinks::Table).to_owned())
            .await
    }
}

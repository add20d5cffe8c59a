//! Hubs (the tenants) and the memberships that give users a role in a hub.

use sea_orm_migration::{prelude::*, schema::*};

use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Hubs {
    Table,
    Id,
    Slug,
    Name,
    TimeZone,
    Currency,
    Locale,
    CommissionBps,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    TenantId,
    UserId,
    Role,
    CreatedAt,
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
                    .table(Hubs::Table)
                    .col(uuid(Hubs::Id).primary_key())
                    .col(string_uniq(Hubs::Slug))
                    .col(string(Hubs::Name))
                    .col(string(Hubs::TimeZone))
                    .col(string_len(Hubs::Currency, 3))
                    .col(string_len(Hubs::Locale, 8))
                    // Commission in basis points (1/100 of a percent): integers only.
                    .col(integer(Hubs::CommissionBps).default(0))
                    .col(timestamp_with_time_zone(Hubs::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Memberships::Table)
                    .col(uuid(Memberships::TenantId))
                    .col(uuid(Memberships::UserId))
                    .col(string_len(Memberships::Role, 16))
                    .col(timestamp_with_time_zone(Memberships::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(Memberships::TenantId)
                            .col(Memberships::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_hub")
                            .from(Memberships::Table, Memberships::TenantId)
                            .to(Hubs::Table, Hubs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_user")
                            .from(Memberships::Table, Memberships::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // "Which hubs am I in?" looks memberships up by user across hubs.
        manager
            .create_index(
                Index::create()
                    .name("ix_memberships_user")
                    .table(Memberships::Table)
                    .col(Memberships::UserId)
                    .to_owned(),
            )
            .await?;
        rls::grant_global_table(manager, "hubs").await?;
        rls::protect_hub_table(manager, "memberships").await?;
        // A user may list their own memberships in every hub (`myHubs`), and
        // nothing else of those hubs' member lists.
        rls::allow_own_rows(manager, "memberships", "user_id").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Memberships::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Hubs::Table).to_owned())
            .await
    }
}

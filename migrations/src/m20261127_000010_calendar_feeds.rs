//! Calendar feeds: subscribable `.ics` addresses, each behind a secret that
//! can be replaced.
//!
//! - `calendar_feeds`: one row per (hub, kind, owner, listing): a person's
//!   own bookings (`USER`), one listing's (`LISTING`, for its organization's
//!   providers and the managers) or the whole hub's (`HUB`, managers). Only
//!   the SHA-256 of the secret address is kept, never the address itself.
//!
//! Hub-owned, with row-level security like every hub table: the address
//! names its hub, so a feed is looked up inside that hub's transaction and
//! one hub's address can never reach another hub's rows.
//!
//! The uniqueness per (hub, kind, owner, listing) is two partial indexes,
//! because a plain unique index treats two NULL listings as different on
//! both backends. A new table only: nothing older reads it (expand/contract).

use sea_orm_migration::{prelude::*, schema::*};

use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    TenantId,
    Id,
    Kind,
    OwnerId,
    ListingId,
    TokenHash,
    CreatedAt,
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

/// A listing feed names its listing; the others name none.
const KIND_MATCHES_LISTING: &str = "kind IN ('USER', 'LISTING', 'HUB') \
     AND (kind = 'LISTING') = (listing_id IS NOT NULL)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CalendarFeeds::Table)
                    .col(uuid(CalendarFeeds::TenantId))
                    .col(uuid(CalendarFeeds::Id))
                    .col(string_len(CalendarFeeds::Kind, 16))
                    .col(uuid(CalendarFeeds::OwnerId))
                    .col(uuid_null(CalendarFeeds::ListingId))
                    .col(string_len(CalendarFeeds::TokenHash, 64))
                    .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(CalendarFeeds::TenantId)
                            .col(CalendarFeeds::Id),
                    )
                    .check((
                        "calendar_feeds_kind_matches_listing",
                        Expr::cust(KIND_MATCHES_LISTING),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_calendar_feeds_hub")
                            .from(CalendarFeeds::Table, CalendarFeeds::TenantId)
                            .to(Hubs::Table, Hubs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_calendar_feeds_owner")
                            .from(CalendarFeeds::Table, CalendarFeeds::OwnerId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_calendar_feeds_listing")
                            .from_tbl(CalendarFeeds::Table)
                            .from_col(CalendarFeeds::TenantId)
                            .from_col(CalendarFeeds::ListingId)
                            .to_tbl(Listings::Table)
                            .to_col(Listings::TenantId)
                            .to_col(Listings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The one lookup an address costs: its digest, inside its hub.
        manager
            .create_index(
                Index::create()
                    .name("ux_calendar_feeds_token")
                    .table(CalendarFeeds::Table)
                    .col(CalendarFeeds::TenantId)
                    .col(CalendarFeeds::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // One feed per (hub, kind, owner, listing); the same SQL on both backends.
        rls::run(
            manager,
            "CREATE UNIQUE INDEX ux_calendar_feeds_owner_listing \
               ON calendar_feeds (tenant_id, kind, owner_id, listing_id) \
               WHERE listing_id IS NOT NULL",
        )
        .await?;
        rls::run(
            manager,
            "CREATE UNIQUE INDEX ux_calendar_feeds_owner \
               ON calendar_feeds (tenant_id, kind, owner_id) \
               WHERE listing_id IS NULL",
        )
        .await?;
        rls::protect_hub_table(manager, "calendar_feeds").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CalendarFeeds::Table).to_owned())
            .await
    }
}

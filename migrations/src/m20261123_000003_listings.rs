//! Organizations, their members, and the listings they offer.
//!
//! Opening hours, the cancellation policy and photos are JSON text on the
//! listing: they are always read and replaced whole with it, never queried
//! inside. What search filters on (status, kind, category, price, position,
//! tags, a folded search text) has columns and indices of its own.

use sea_orm_migration::{prelude::*, schema::*};

use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    TenantId,
    Id,
    Name,
    Kind,
    Description,
    ContactEmail,
    ContactPhone,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OrganizationMembers {
    Table,
    TenantId,
    OrganizationId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Listings {
    Table,
    TenantId,
    Id,
    OrganizationId,
    Kind,
    Category,
    Title,
    Description,
    SearchText,
    Address,
    Latitude,
    Longitude,
    Capacity,
    UnitKind,
    UnitMinutes,
    MinUnits,
    MaxUnits,
    BufferBeforeMinutes,
    BufferAfterMinutes,
    LeadTimeMinutes,
    HorizonDays,
    ApprovalMode,
    PriceKind,
    UnitPrice,
    MemberUnitPrice,
    CancellationPolicy,
    OpeningHours,
    Photos,
    Visibility,
    Status,
    ReviewNote,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ListingTags {
    Table,
    TenantId,
    ListingId,
    Tag,
}

#[derive(DeriveIden)]
enum Hubs {
    Table,
    Id,
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
                    .table(Organizations::Table)
                    .col(uuid(Organizations::TenantId))
                    .col(uuid(Organizations::Id))
                    .col(string(Organizations::Name))
                    .col(string_len(Organizations::Kind, 16))
                    .col(text(Organizations::Description))
                    .col(string_null(Organizations::ContactEmail))
                    .col(string_null(Organizations::ContactPhone))
                    .col(timestamp_with_time_zone(Organizations::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(Organizations::TenantId)
                            .col(Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organizations_hub")
                            .from(Organizations::Table, Organizations::TenantId)
                            .to(Hubs::Table, Hubs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrganizationMembers::Table)
                    .col(uuid(OrganizationMembers::TenantId))
                    .col(uuid(OrganizationMembers::OrganizationId))
                    .col(uuid(OrganizationMembers::UserId))
                    .col(timestamp_with_time_zone(OrganizationMembers::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(OrganizationMembers::TenantId)
                            .col(OrganizationMembers::OrganizationId)
                            .col(OrganizationMembers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organization_members_organization")
                            .from_tbl(OrganizationMembers::Table)
                            .from_col(OrganizationMembers::TenantId)
                            .from_col(OrganizationMembers::OrganizationId)
                            .to_tbl(Organizations::Table)
                            .to_col(Organizations::TenantId)
                            .to_col(Organizations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organization_members_user")
                            .from(OrganizationMembers::Table, OrganizationMembers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // "Which organizations do I act for?" on every listing permission check.
        manager
            .create_index(
                Index::create()
                    .name("ix_organization_members_user")
                    .table(OrganizationMembers::Table)
                    .col(OrganizationMembers::TenantId)
                    .col(OrganizationMembers::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Listings::Table)
                    .col(uuid(Listings::TenantId))
                    .col(uuid(Listings::Id))
                    .col(uuid(Listings::OrganizationId))
                    .col(string_len(Listings::Kind, 16))
                    .col(string_len(Listings::Category, 60))
                    .col(string(Listings::Title))
                    .col(text(Listings::Description))
                    // Lower-cased, accent-folded title, description, category
                    // and tags: text search is a LIKE over this on both databases.
                    .col(text(Listings::SearchText))
                    .col(string(Listings::Address))
                    .col(double_null(Listings::Latitude))
                    .col(double_null(Listings::Longitude))
                    .col(integer(Listings::Capacity))
                    .col(string_len(Listings::UnitKind, 16))
                    .col(integer(Listings::UnitMinutes))
                    .col(integer(Listings::MinUnits))
                    .col(integer(Listings::MaxUnits))
                    .col(integer(Listings::BufferBeforeMinutes))
                    .col(integer(Listings::BufferAfterMinutes))
                    .col(integer(Listings::LeadTimeMinutes))
                    .col(integer(Listings::HorizonDays))
                    .col(string_len(Listings::ApprovalMode, 16))
                    .col(string_len(Listings::PriceKind, 24))
                    .col(big_integer(Listings::UnitPrice))
                    .col(big_integer_null(Listings::MemberUnitPrice))
                    .col(text(Listings::CancellationPolicy))
                    .col(text(Listings::OpeningHours))
                    .col(text(Listings::Photos))
                    .col(string_len(Listings::Visibility, 16))
                    .col(string_len(Listings::Status, 24))
                    .col(text_null(Listings::ReviewNote))
                    .col(timestamp_with_time_zone(Listings::CreatedAt))
                    .col(timestamp_with_time_zone(Listings::UpdatedAt))
                    .primary_key(Index::create().col(Listings::TenantId).col(Listings::Id))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_listings_organization")
                            .from_tbl(Listings::Table)
                            .from_col(Listings::TenantId)
                            .from_col(Listings::OrganizationId)
                            .to_tbl(Organizations::Table)
                            .to_col(Organizations::TenantId)
                            .to_col(Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Search always starts from a hub's listings in one status (the
        // catalogue: PUBLISHED; the review queue: PENDING_REVIEW), usually
        // of one kind and category.
        manager
            .create_index(
                Index::create()
                    .name("ix_listings_catalogue")
                    .table(Listings::Table)
                    .col(Listings::TenantId)
                    .col(Listings::Status)
                    .col(Listings::Kind)
                    .col(Listings::Category)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_listings_organization")
                    .table(Listings::Table)
                    .col(Listings::TenantId)
                    .col(Listings::OrganizationId)
                    .to_owned(),
            )
            .await?;
        // The public directory reads across hubs by status and visibility.
        manager
            .create_index(
                Index::create()
                    .name("ix_listings_directory")
                    .table(Listings::Table)
                    .col(Listings::Status)
                    .col(Listings::Visibility)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ListingTags::Table)
                    .col(uuid(ListingTags::TenantId))
                    .col(uuid(ListingTags::ListingId))
                    .col(string_len(ListingTags::Tag, 40))
                    .primary_key(
                        Index::create()
                            .col(ListingTags::TenantId)
                            .col(ListingTags::ListingId)
                            .col(ListingTags::Tag),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_listing_tags_listing")
                            .from_tbl(ListingTags::Table)
                            .from_col(ListingTags::TenantId)
                            .from_col(ListingTags::ListingId)
                            .to_tbl(Listings::Table)
                            .to_col(Listings::TenantId)
                            .to_col(Listings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The tag filter: which listings of this hub carry this tag.
        manager
            .create_index(
                Index::create()
                    .name("ix_listing_tags_tag")
                    .table(ListingTags::Table)
                    .col(ListingTags::TenantId)
                    .col(ListingTags::Tag)
                    .to_owned(),
            )
            .await?;
        for table in [
            "organizations",
            "organization_members",
            "listings",
            "listing_tags",
        ] {
            rls::protect_hub_table(manager, table).await?;
        }
        // The public directory: anyone may read published public listings
        // (and their tags and organizations) of every hub.
        rls::allow_rows_where(
            manager,
            "listings",
            "status = 'PUBLISHED' AND visibility = 'PUBLIC'",
        )
        .await?;
        rls::allow_rows_where(
            manager,
            "listing_tags",
            "EXISTS (SELECT 1 FROM listings l WHERE l.tenant_id = listing_tags.tenant_id AND l.id = listing_tags.listing_id AND l.status = 'PUBLISHED' AND l.visibility = 'PUBLIC')",
        )
        .await?;
        rls::allow_rows_where(
            manager,
            "organizations",
            "EXISTS (SELECT 1 FROM listings l WHERE l.tenant_id = organizations.tenant_id AND l.organization_id = organizations.id AND l.status = 'PUBLISHED' AND l.visibility = 'PUBLIC')",
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ListingTags::Table.into_iden(),
            Listings::Table.into_iden(),
            OrganizationMembers::Table.into_iden(),
            Organizations::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

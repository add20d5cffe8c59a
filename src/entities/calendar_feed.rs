//! `calendar_feeds`: subscribable calendars behind secret addresses. Hub-owned.

use sea_orm::entity::prelude::*;

use crate::stored_enum::stored_enum;

stored_enum!(
    /// Whose bookings a calendar feed shows.
    CalendarFeedKind {
        /// The owner's own bookings in the hub.
        User = "USER",
        /// One listing's confirmed bookings (its organization's providers, managers).
        Listing = "LISTING",
        /// Every confirmed booking of the hub (managers).
        Hub = "HUB",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_feeds")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: CalendarFeedKind,
    /// Who asked for it; the feed shows what they may still see.
    pub owner_id: Uuid,
    /// The listing of a `LISTING` feed.
    pub listing_id: Option<Uuid>,
    /// SHA-256 (hex) of the secret address; the address itself is never kept.
    pub token_hash: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! `listings`: what can be booked. Hub-owned.

use sea_orm::entity::prelude::*;

use crate::stored_enum::stored_enum;

stored_enum!(
    /// The step in which a listing is booked.
    BookingUnitKind {
        /// Slots of a number of minutes.
        Minutes = "MINUTES",
        /// Hours.
        Hour = "HOUR",
        /// Whole days.
        Day = "DAY",
        /// Calendar months.
        Month = "MONTH",
    }
);

stored_enum!(
    /// How a listing is priced.
    PriceKind {
        /// No charge.
        Free = "FREE",
        /// A price per booking unit, whatever the seats.
        PerUnit = "PER_UNIT",
        /// A price per booking unit and per seat.
        PerUnitAndSeat = "PER_UNIT_AND_SEAT",
    }
);

stored_enum!(
    /// What is on offer.
    ListingKind {
        /// A room, a desk, a piece of equipment.
        Space = "SPACE",
        /// A zero-km local service: repair, delivery, childcare…
        Service = "SERVICE",
    }
);

stored_enum!(
    /// Where a listing stands in review.
    ListingStatus {
        /// Being written; only its organization and the managers see it.
        Draft = "DRAFT",
        /// Waiting for a manager.
        PendingReview = "PENDING_REVIEW",
        /// Bookable and searchable.
        Published = "PUBLISHED",
        /// Withdrawn for good.
        Archived = "ARCHIVED",
    }
);

stored_enum!(
    /// Whether a booking needs the provider's yes.
    ApprovalMode {
        /// Confirmed at once.
        Instant = "INSTANT",
        /// Requested, then approved or declined.
        Request = "REQUEST",
    }
);

stored_enum!(
    /// Who can see a published listing.
    Visibility {
        /// The hub's members only.
        Hub = "HUB",
        /// Anyone, and the public directory of every hub.
        Public = "PUBLIC",
    }
);

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "listings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub kind: ListingKind,
    pub category: String,
    pub title: String,
    pub description: String,
    pub search_text: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub capacity: i32,
    pub unit_kind: BookingUnitKind,
    pub unit_minutes: i32,
    pub min_units: i32,
    pub max_units: i32,
    pub buffer_before_minutes: i32,
    pub buffer_after_minutes: i32,
    pub lead_time_minutes: i32,
    pub horizon_days: i32,
    pub approval_mode: ApprovalMode,
    pub price_kind: PriceKind,
    pub unit_price: i64,
    pub member_unit_price: Option<i64>,
    /// The tax its prices include, in basis points (2200 is 22 %).
    pub tax_rate_bps: i32,
    pub cancellation_policy: String,
    pub opening_hours: String,
    pub photos: String,
    pub visibility: Visibility,
    pub status: ListingStatus,
    pub review_note: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

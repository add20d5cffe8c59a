//! What listings ask of the booking engine without importing it.
//!
//! Bookings sit above listings (a booking needs its listing's rules), so a
//! listing question that depends on bookings (is there room in this window?
//! would this change leave bookings without room?) is asked through this
//! trait: the booking engine implements it, and the composition root hands
//! it to the schema as [`SharedBookingsView`].

use std::collections::HashSet;
use std::pin::Pin;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::db::scope::HubTx;
use crate::entities::listing;
use crate::error::AppResult;

use super::hours::{BookingUnit, Interval, OpeningHours};

/// The future a view answers with.
pub type ViewFuture<'a, T> = Pin<Box<dyn Future<Output = AppResult<T>> + Send + 'a>>;

/// Bookings that a proposed change to a listing would leave without room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stranded {
    /// How many bookings stand in the way.
    pub count: usize,
    /// When the first of them starts.
    pub first: DateTime<Utc>,
}

/// What the booking engine needs of a listing to tell whether it has room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomFacts {
    /// The listing.
    pub id: uuid::Uuid,
    /// Seats or units at once.
    pub capacity: u32,
    /// How it sells its time.
    pub unit: BookingUnit,
    /// The most units one booking can have.
    pub max_units: u32,
    /// Minutes kept free before each booking.
    pub buffer_before_minutes: u32,
    /// Minutes kept free after each booking.
    pub buffer_after_minutes: u32,
}

/// A change to a listing that bookings may stand in the way of.
#[derive(Debug, Clone)]
pub struct ProposedRules<'a> {
    /// The listing's row as it is now (locked by the caller).
    pub row: &'a listing::Model,
    /// The capacity it would have.
    pub capacity: u32,
    /// The booking unit it would have.
    pub unit: BookingUnit,
    /// The most units one booking could have.
    pub max_units: u32,
    /// The opening hours it would have.
    pub hours: &'a OpeningHours,
    /// The hub's time zone.
    pub tz: Tz,
}

/// The booking engine, as listings see it.
pub trait BookingsView: Send + Sync {
    /// Of `rows`, the ids of those with `quantity` places free for the whole
    /// of `window` (opening hours are the caller's check).
    fn with_room<'a>(
        &'a self,
        hx: &'a HubTx,
        rows: &'a [RoomFacts],
        window: Interval,
        quantity: u32,
    ) -> ViewFuture<'a, HashSet<uuid::Uuid>>;

    /// The future bookings holding capacity that `proposed` would leave
    /// without room (outside the hours, or beyond the capacity); `None` when
    /// every one still fits.
    fn stranded<'a>(
        &'a self,
        hx: &'a HubTx,
        proposed: ProposedRules<'a>,
        now: DateTime<Utc>,
    ) -> ViewFuture<'a, Option<Stranded>>;
}

/// The view the schema holds.
#[derive(Clone)]
pub struct SharedBookingsView(pub Arc<dyn BookingsView>);

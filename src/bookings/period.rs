//! Whether a requested period fits a listing's rules, and how many booking
//! units it is. Pure: the capacity check, which needs the other bookings,
//! lives in `capacity`.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::error::BookingError;
use crate::listings::hours::{BookingUnit, OpeningHours};
use crate::listings::slot_grid::{candidate_slots, is_on_grid};
use crate::listings::spec::ListingSpec;

/// A period a customer asks for.
#[derive(Debug, Clone, Copy)]
pub struct Period {
    /// The first instant.
    pub start: DateTime<Utc>,
    /// The first instant after.
    pub end: DateTime<Utc>,
    /// Seats or units.
    pub quantity: u32,
}

/// The longest period one booking of this listing can span.
pub fn longest_booking(spec: &ListingSpec) -> Duration {
    longest_span(spec.unit, spec.max_units)
}

/// The longest period `max_units` of `unit` can span.
pub fn longest_span(unit: BookingUnit, max_units: u32) -> Duration {
    let units = i64::from(max_units);
    match unit {
        BookingUnit::Minutes(n) => Duration::minutes(units * i64::from(n)),
        BookingUnit::Hour => Duration::hours(units),
        // A local day lasts up to 25 hours, a month up to 31 days of those.
        BookingUnit::Day => Duration::hours(units * 25),
        BookingUnit::Month => Duration::hours(units * 31 * 25),
    }
}

/// Checks the period against the listing's rules at `now`; returns the
/// number of booking units it spans. Errors name the offending input field.
pub fn check(
    spec: &ListingSpec,
    hours: &OpeningHours,
    tz: Tz,
    period: Period,
    now: DateTime<Utc>,
) -> Result<u32, BookingError> {
    if period.end <= period.start {
        return Err(BookingError::EndBeforeStart { field: "input.end" });
    }
    if period.quantity == 0 || period.quantity > spec.capacity {
        return Err(BookingError::SeatsRange {
            capacity: spec.capacity,
        });
    }
    if period.start < now + Duration::minutes(i64::from(spec.lead_time_minutes)) {
        return Err(BookingError::LeadTime {
            minutes: spec.lead_time_minutes,
        });
    }
    if period.start > now + Duration::days(i64::from(spec.horizon_days)) {
        return Err(BookingError::Horizon {
            days: spec.horizon_days,
        });
    }
    // Before walking the slot grid, whose cost grows with the period: a
    // period of thousands of years must be refused at once, not timed out.
    if period.end - period.start > longest_booking(spec) {
        return Err(BookingError::UnitsRange {
            min: spec.min_units,
            max: spec.max_units,
        });
    }
    if !is_on_grid(hours, tz, &spec.unit, period.start, period.end) {
        return Err(BookingError::ClosedThen);
    }
    let units =
        u32::try_from(candidate_slots(hours, tz, &spec.unit, period.start, period.end).len())
            .unwrap_or(u32::MAX);
    if units < spec.min_units || units > spec.max_units {
        return Err(BookingError::UnitsRange {
            min: spec.min_units,
            max: spec.max_units,
        });
    }
    Ok(units)
}

//! Whether a requested period fits a listing's rules, and how many booking
//! units it is. Pure: the capacity check, which needs the other bookings,
//! lives in `capacity`.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::error::{AppError, AppResult};
use crate::listings::availability::{OpeningHours, candidate_slots, is_on_grid};
use crate::listings::spec::ListingSpec;
use crate::locale::Text;

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

/// Checks the period against the listing's rules at `now`; returns the
/// number of booking units it spans. Errors name the offending input field.
pub fn check(
    spec: &ListingSpec,
    hours: &OpeningHours,
    tz: Tz,
    period: Period,
    now: DateTime<Utc>,
) -> AppResult<u32> {
    if period.end <= period.start {
        return Err(AppError::validation(
            "input.end",
            Text::new(
                "The end must come after the start.",
                "La fine deve venire dopo l'inizio.",
            ),
        ));
    }
    if period.quantity == 0 || period.quantity > spec.capacity {
        return Err(AppError::validation(
            "input.quantity",
            Text::new(
                format!("Book from 1 to {} seats or units.", spec.capacity),
                format!("Prenota da 1 a {} posti o unità.", spec.capacity),
            ),
        ));
    }
    if period.start < now + Duration::minutes(i64::from(spec.lead_time_minutes)) {
        return Err(AppError::validation(
            "input.start",
            Text::new(
                format!(
                    "Book at least {} minutes ahead, and not in the past.",
                    spec.lead_time_minutes
                ),
                format!(
                    "Prenota con almeno {} minuti di anticipo, e non nel passato.",
                    spec.lead_time_minutes
                ),
            ),
        ));
    }
    if period.start > now + Duration::days(i64::from(spec.horizon_days)) {
        return Err(AppError::validation(
            "input.start",
            Text::new(
                format!("Bookings open at most {} days ahead.", spec.horizon_days),
                format!(
                    "Si può prenotare al massimo {} giorni prima.",
                    spec.horizon_days
                ),
            ),
        ));
    }
    if !is_on_grid(hours, tz, &spec.unit, period.start, period.end) {
        return Err(AppError::validation(
            "input.start",
            Text::new(
                "The period must be whole slots of the listing, within its opening hours (see availability).",
                "Il periodo deve essere fatto di fasce intere dell'annuncio, negli orari di apertura (vedi availability).",
            ),
        ));
    }
    let units =
        u32::try_from(candidate_slots(hours, tz, &spec.unit, period.start, period.end).len())
            .unwrap_or(u32::MAX);
    if units < spec.min_units || units > spec.max_units {
        return Err(AppError::validation(
            "input.end",
            Text::new(
                format!(
                    "Book from {} to {} units of this listing.",
                    spec.min_units, spec.max_units
                ),
                format!(
                    "Prenota da {} a {} unità di questo annuncio.",
                    spec.min_units, spec.max_units
                ),
            ),
        ));
    }
    Ok(units)
}

//! Everything a booking can be refused for, as values: rules return these,
//! tests match them, and [`From`] turns each into the client's answer (its
//! `extensions.code`, field and catalogue message) in this one place.
//!
//! Like `AppError`, it deliberately has no `Display`: async-graphql turns
//! any `Display` error reached by `?` into a message without a code, so the
//! compiler makes every path to a client go through `AppError`.

use crate::error::AppError;
use crate::msg;

use crate::entities::booking::BookingStatus;

/// Why a booking, or a change to one, is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingError {
    /// Missing, in another hub, or not the caller's to see.
    NotFound,
    /// The caller's part in the booking does not allow this.
    PartNotAllowed,
    /// Not enough places left for the period.
    SlotTaken {
        /// Places still free.
        left: u32,
        /// The listing's capacity.
        capacity: u32,
    },
    /// The listing is not published.
    ListingClosed,
    /// The hub books only people who confirmed their email address.
    EmailNotVerified,
    /// Paid online, and the listing's organization cannot be paid yet.
    PayoutsNotReady,
    /// The idempotency key is empty or too long.
    KeyInvalid,
    /// The idempotency key was used for a different booking.
    KeyReused,
    /// The note is longer than `max` characters.
    NoteTooLong {
        /// The most characters allowed.
        max: u32,
    },
    /// A no-show before the booking started.
    NoShowTooEarly,
    /// The lifecycle does not allow this change from `status`.
    CannotChange {
        /// Where the booking stands.
        status: BookingStatus,
    },
    /// The period ends before it starts.
    EndBeforeStart {
        /// The input field.
        field: &'static str,
    },
    /// More places than the listing has, or none.
    SeatsRange {
        /// The listing's capacity.
        capacity: u32,
    },
    /// Too soon (or in the past).
    LeadTime {
        /// The least notice, in minutes.
        minutes: u32,
    },
    /// Too far ahead.
    Horizon {
        /// The furthest ahead, in days.
        days: u32,
    },
    /// Outside the opening hours or off the slot grid.
    ClosedThen,
    /// Too few or too many units of time.
    UnitsRange {
        /// The fewest units.
        min: u32,
        /// The most units.
        max: u32,
    },
    /// A date that is not one.
    NotADate {
        /// The input field.
        field: &'static str,
        /// What was sent.
        value: String,
    },
    /// A calendar day that cannot be shown.
    DayUnavailable,
    /// A series needs an end: a date or a count, not both.
    SeriesUntilOrCount,
    /// No date of the series could be booked.
    SeriesNothingBookable,
    /// A clock change swallows a booking of the series.
    SeriesClockChange {
        /// The local date.
        date: String,
    },
    /// The repeat is not 1 to 12 weeks.
    SeriesEveryWeeks,
    /// No weekday chosen.
    SeriesNoWeekday,
    /// A weekday chosen twice.
    SeriesWeekdayTwice,
    /// The first booking is not on a chosen weekday.
    SeriesFirstNotOnWeekday,
    /// The count is out of range.
    SeriesCountRange {
        /// The most bookings of a series.
        max: u32,
    },
    /// The last date comes before the first booking.
    SeriesEndBeforeFirst {
        /// The first booking's local date.
        date: String,
    },
    /// The last date allows too many bookings.
    SeriesTooMany {
        /// The most bookings of a series.
        max: u32,
    },
    /// The series runs past the calendar we can handle.
    SeriesBeyondCalendar,
}

impl From<BookingError> for AppError {
    fn from(err: BookingError) -> AppError {
        use BookingError::*;
        let invalid = AppError::validation;
        match err {
            NotFound => AppError::NotFound(msg!("booking-not-found")),
            PartNotAllowed => AppError::Forbidden(msg!("booking-part-not-allowed")),
            SlotTaken { left, capacity } => {
                AppError::Conflict(msg!("booking-slot-taken", left = left, capacity = capacity))
            }
            ListingClosed => AppError::Conflict(msg!("booking-listing-closed")),
            EmailNotVerified => AppError::Forbidden(msg!("booking-email-not-verified")),
            PayoutsNotReady => AppError::Conflict(msg!("booking-payouts-not-ready")),
            KeyInvalid => invalid("input.idempotencyKey", msg!("booking-key-invalid")),
            KeyReused => invalid("input.idempotencyKey", msg!("booking-key-reused")),
            NoteTooLong { max } => invalid("input.note", msg!("input-too-long", max = max)),
            NoShowTooEarly => AppError::Conflict(msg!("booking-no-show-too-early")),
            CannotChange { status } => {
                AppError::Conflict(msg!("booking-cannot-change", status = status.as_str()))
            }
            EndBeforeStart { field } => invalid(field, msg!("input-end-before-start")),
            SeatsRange { capacity } => invalid(
                "input.quantity",
                msg!("booking-seats-range", capacity = capacity),
            ),
            LeadTime { minutes } => {
                invalid("input.start", msg!("booking-lead-time", minutes = minutes))
            }
            Horizon { days } => invalid("input.start", msg!("booking-horizon", days = days)),
            ClosedThen => invalid("input.start", msg!("booking-closed-then")),
            UnitsRange { min, max } => invalid(
                "input.end",
                msg!("booking-units-range", min = min, max = max),
            ),
            NotADate { field, value } => invalid(field, msg!("input-not-a-date", value = value)),
            DayUnavailable => invalid("date", msg!("booking-day-unavailable")),
            SeriesUntilOrCount => invalid("series.end", msg!("series-until-or-count")),
            SeriesNothingBookable => AppError::Conflict(msg!("series-nothing-bookable")),
            SeriesClockChange { date } => {
                invalid("input.start", msg!("series-clock-change", date = date))
            }
            SeriesEveryWeeks => invalid("series.everyWeeks", msg!("series-every-weeks")),
            SeriesNoWeekday => invalid("series.weekdays", msg!("series-no-weekday")),
            SeriesWeekdayTwice => invalid("series.weekdays", msg!("series-weekday-twice")),
            SeriesFirstNotOnWeekday => {
                invalid("series.weekdays", msg!("series-first-not-on-weekday"))
            }
            SeriesCountRange { max } => {
                invalid("series.end", msg!("series-count-range", max = max))
            }
            SeriesEndBeforeFirst { date } => {
                invalid("series.end", msg!("series-end-before-first", date = date))
            }
            SeriesTooMany { max } => invalid("series.end", msg!("series-too-many", max = max)),
            SeriesBeyondCalendar => invalid("series.end", msg!("series-beyond-calendar")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_a_code_and_a_sentence() {
        let samples = [
            BookingError::SlotTaken {
                left: 1,
                capacity: 4,
            },
            BookingError::KeyReused,
            BookingError::PayoutsNotReady,
            BookingError::EmailNotVerified,
            BookingError::CannotChange {
                status: BookingStatus::Expired,
            },
            BookingError::SeriesTooMany { max: 104 },
        ];
        crate::error::assert_typed_and_worded(&samples);
    }
}

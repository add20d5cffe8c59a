//! What a person types into the resident's forms (a day, a time of day, a
//! number of seats), read into instants on the hub's clock. A value that
//! cannot be read is refused with the sentence that says which and why,
//! before anything is asked of the API.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::i18n::Message;
use crate::msg;
use crate::wall_clock;

/// A field that could not be read: its name and the sentence to show.
#[derive(Debug, Clone)]
pub struct Unreadable {
    /// The form field (`date`, `start`, `end`, `quantity`, …).
    pub field: &'static str,
    /// Why, in the catalogue's words.
    pub message: Message,
}

fn unreadable(field: &'static str, message: Message) -> Unreadable {
    Unreadable { field, message }
}

/// The most seats or units a form may ask for: far above any listing's
/// capacity, well inside the API's `Int`.
const MOST_SEATS: u32 = 10_000;

/// `YYYY-MM-DD`, as `<input type="date">` sends it.
pub fn date(field: &'static str, raw: &str) -> Result<NaiveDate, Unreadable> {
    if raw.is_empty() {
        return Err(unreadable(field, msg!("page-resident-date-missing")));
    }
    let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| unreadable(field, msg!("page-resident-date-wrong")))?;
    // Far enough for any booking; near enough that every instant of the
    // day and the weeks after it still has an RFC 3339 form.
    if !(FIRST_YEAR..=LAST_YEAR).contains(&day.year()) {
        return Err(unreadable(field, msg!("page-resident-date-too-far")));
    }
    Ok(day)
}

/// The first and last years a form may name.
const FIRST_YEAR: i32 = 1970;
const LAST_YEAR: i32 = 9000;

/// `HH:MM` (or `HH:MM:SS`), as `<input type="time">` sends it.
pub fn time(field: &'static str, raw: &str) -> Result<NaiveTime, Unreadable> {
    if raw.is_empty() {
        return Err(unreadable(field, msg!("page-resident-time-missing")));
    }
    NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
        .map_err(|_| unreadable(field, msg!("page-resident-time-wrong")))
}

/// A whole number of seats from 1 up; `1` when the field was left empty.
pub fn seats(field: &'static str, raw: &str) -> Result<u32, Unreadable> {
    if raw.is_empty() {
        return Ok(1);
    }
    match raw.parse::<u32>() {
        Ok(n) if (1..=MOST_SEATS).contains(&n) => Ok(n),
        _ => Err(unreadable(
            field,
            msg!("page-resident-seats-wrong", most = i64::from(MOST_SEATS)),
        )),
    }
}

/// A period on one day of the hub's calendar: `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first instant.
    pub start: DateTime<Utc>,
    /// The instant after the last.
    pub end: DateTime<Utc>,
}

/// The period from `start` to `end` o'clock on `day`, on `tz`'s clock
/// (DST-correct). An end at `00:00` is midnight at the end of the day, as
/// in opening hours; any other end must come after the start.
pub fn period(
    tz: Tz,
    day: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
) -> Result<Period, Unreadable> {
    let end_day = if end == NaiveTime::MIN {
        day.succ_opt()
            .ok_or_else(|| unreadable("date", msg!("page-resident-date-wrong")))?
    } else {
        day
    };
    if end_day == day && end <= start {
        return Err(unreadable("end", msg!("page-resident-end-before-start")));
    }
    let start = wall_clock::instant(tz, day.and_time(start))
        .ok_or_else(|| unreadable("date", msg!("page-resident-date-wrong")))?;
    let end = wall_clock::instant(tz, end_day.and_time(end))
        .ok_or_else(|| unreadable("date", msg!("page-resident-date-wrong")))?;
    // On a night the clocks change, two wall times can name one instant.
    if end <= start {
        return Err(unreadable("end", msg!("page-resident-end-before-start")));
    }
    Ok(Period { start, end })
}

/// The period a booking form asks for: `date`, `start`, `end` read
/// together; the first unreadable field wins.
pub fn booking_period(tz: Tz, day: &str, start: &str, end: &str) -> Result<Period, Unreadable> {
    let day = date("date", day)?;
    let start = time("start", start)?;
    let end = time("end", end)?;
    period(tz, day, start, end)
}

/// The first instant of `day` and of the day `days` later, on `tz`'s clock.
pub fn days(tz: Tz, day: NaiveDate, days: i64) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let (from, _) = wall_clock::day(tz, day)?;
    let (to, _) = wall_clock::day(tz, day.checked_add_signed(Duration::days(days))?)?;
    Some((from, to))
}

#[cfg(test)]
mod tests {
    use chrono_tz::Europe::Rome;

    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn a_period_is_read_on_the_hubs_clock() {
        let read = booking_period(Rome, "2026-11-25", "10:00", "12:30").map_err(|e| e.field);
        assert_eq!(
            read.map(|p| (p.start.to_rfc3339(), p.end.to_rfc3339())),
            Ok((
                "2026-11-25T09:00:00+00:00".to_owned(),
                "2026-11-25T11:30:00+00:00".to_owned()
            ))
        );
        // Summer time: two hours ahead of UTC.
        let summer = booking_period(Rome, "2026-07-01", "10:00", "11:00").map_err(|e| e.field);
        assert_eq!(
            summer.map(|p| p.start.to_rfc3339()),
            Ok("2026-07-01T08:00:00+00:00".to_owned())
        );
        // The night the clocks go back lasts 25 hours on the wall.
        let night = booking_period(Rome, "2026-10-25", "00:00", "00:00").map_err(|e| e.field);
        assert_eq!(night.map(|p| p.end - p.start), Ok(Duration::hours(25)));
    }

    #[test]
    fn unreadable_values_name_their_field() {
        let field =
            |d: &str, s: &str, e: &str| booking_period(Rome, d, s, e).err().map(|u| u.field);
        assert_eq!(field("", "10:00", "11:00"), Some("date"));
        assert_eq!(field("2026-02-30", "10:00", "11:00"), Some("date"));
        assert_eq!(field("25/11/2026", "10:00", "11:00"), Some("date"));
        assert_eq!(field("9999-12-31", "23:00", "00:00"), Some("date"));
        assert_eq!(field("+10000-01-01", "10:00", "11:00"), Some("date"));
        assert_eq!(field("2026-11-25", "25:00", "11:00"), Some("start"));
        assert_eq!(field("2026-11-25", "10:00", "soon"), Some("end"));
        assert_eq!(field("2026-11-25", "10:00", "09:00"), Some("end"));
        assert_eq!(field("2026-11-25", "10:00", "10:00"), Some("end"));
        assert_eq!(field("2026-11-25", "10:00", "11:00"), None);
        assert_eq!(day("2026-11-25").to_string(), "2026-11-25");
    }

    #[test]
    fn seats_are_whole_positive_numbers() {
        assert_eq!(seats("quantity", "").ok(), Some(1));
        assert_eq!(seats("quantity", "3").ok(), Some(3));
        for wrong in ["0", "-1", "2.5", "tre", "99999999999", "10001"] {
            assert!(seats("quantity", wrong).is_err(), "{wrong}");
        }
    }
}

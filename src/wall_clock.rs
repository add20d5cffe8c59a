//! Wall-clock times in a hub's time zone, turned into instants honestly
//! across daylight-saving changes.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant a wall-clock time names in `tz`: the earlier one when the
/// clock repeats it, the first instant after the jump when the clock skips it.
pub fn instant(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    if let Some(found) = tz.from_local_datetime(&local).earliest() {
        return Some(found.with_timezone(&Utc));
    }
    // In a gap chrono gives nothing: bisect for the first second whose wall
    // clock has passed `local`; real offsets stay well within a day.
    let passed = |secs| {
        DateTime::from_timestamp(secs, 0)
            .is_some_and(|t| t.with_timezone(&tz).naive_local() >= local)
    };
    let target = local.and_utc().timestamp();
    let (mut before, mut after) = (target - 86_400, target + 86_400);
    while after - before > 1 {
        let middle = before + (after - before) / 2;
        if passed(middle) {
            after = middle;
        } else {
            before = middle;
        }
    }
    DateTime::from_timestamp(after, 0)
}

/// The instants a local calendar day spans in `tz`, `[start, end)`: from its
/// first wall-clock instant to the next day's. Where a DST change falls at
/// midnight the day starts when the clock jumps (00:00 does not exist) or at
/// the first of two midnights, and lasts 23 or 25 hours.
pub fn day(tz: Tz, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start = instant(tz, date.and_time(NaiveTime::MIN))?;
    let end = instant(tz, date.succ_opt()?.and_time(NaiveTime::MIN))?;
    Some((start, end))
}

/// The period `[start, end)` as people read it on `tz`'s clock, with the
/// time zone named: `2026-11-25 11:00–13:00 (Europe/Rome)` (the end's date
/// is written only when it is another day).
pub fn period_text(tz: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let (start, end) = (start.with_timezone(&tz), end.with_timezone(&tz));
    let end = if start.date_naive() == end.date_naive() {
        end.format("%H:%M").to_string()
    } else {
        end.format("%Y-%m-%d %H:%M").to_string()
    };
    format!("{}–{end} ({})", start.format("%Y-%m-%d %H:%M"), tz.name())
}

#[cfg(test)]
mod tests {
    use chrono_tz::America::{Havana, Santiago};
    use chrono_tz::Europe::Rome;

    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|_| panic!("a date: {s}"))
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap_or_else(|_| panic!("an instant: {s}"))
    }

    fn hours((start, end): (DateTime<Utc>, DateTime<Utc>)) -> i64 {
        (end - start).num_hours()
    }

    #[test]
    fn a_period_reads_on_the_hubs_clock_with_its_zone_named() {
        let within = period_text(
            Rome,
            utc("2026-11-25T10:00:00Z"),
            utc("2026-11-25T12:00:00Z"),
        );
        assert_eq!(within, "2026-11-25 11:00–13:00 (Europe/Rome)");
        let across = period_text(
            Rome,
            utc("2026-11-25T22:00:00Z"),
            utc("2026-11-26T08:00:00Z"),
        );
        assert_eq!(across, "2026-11-25 23:00–2026-11-26 09:00 (Europe/Rome)");
    }

    #[test]
    fn santiago_springs_forward_at_midnight_so_its_day_starts_at_one() {
        // 6 September 2026: 00:00 -04 jumps to 01:00 -03; midnight never happens.
        let midnight = date("2026-09-06").and_time(NaiveTime::MIN);
        assert!(Santiago.from_local_datetime(&midnight).earliest().is_none());
        let spanned = day(Santiago, date("2026-09-06"));
        assert_eq!(
            spanned,
            Some((utc("2026-09-06T04:00:00Z"), utc("2026-09-07T03:00:00Z")))
        );
        assert_eq!(spanned.map(hours), Some(23));
        assert_eq!(day(Santiago, date("2026-09-05")).map(hours), Some(24));
    }

    #[test]
    fn santiago_falls_back_at_midnight_so_the_evening_before_repeats() {
        // 5 April 2026: 00:00 -03 goes back to 23:00 -04 on the 4th.
        assert_eq!(day(Santiago, date("2026-04-04")).map(hours), Some(25));
        let spanned = day(Santiago, date("2026-04-05"));
        assert_eq!(
            spanned.map(|(start, _)| start),
            Some(utc("2026-04-05T04:00:00Z"))
        );
    }

    #[test]
    fn havana_repeats_midnight_and_the_day_starts_at_the_first() {
        // 1 November 2026: 01:00 CDT goes back to 00:00 CST; midnight happens twice.
        let spanned = day(Havana, date("2026-11-01"));
        assert_eq!(
            spanned,
            Some((utc("2026-11-01T04:00:00Z"), utc("2026-11-02T05:00:00Z")))
        );
        assert_eq!(spanned.map(hours), Some(25));
        // 8 March 2026: 00:00 CST jumps to 01:00 CDT.
        let spring = day(Havana, date("2026-03-08"));
        assert_eq!(
            spring,
            Some((utc("2026-03-08T05:00:00Z"), utc("2026-03-09T04:00:00Z")))
        );
    }

    #[test]
    fn an_ordinary_day_and_a_change_away_from_midnight_keep_their_midnights() {
        assert_eq!(
            day(Rome, date("2026-11-25")),
            Some((utc("2026-11-24T23:00:00Z"), utc("2026-11-25T23:00:00Z")))
        );
        assert_eq!(
            day(Rome, date("2026-03-29")),
            Some((utc("2026-03-28T23:00:00Z"), utc("2026-03-29T22:00:00Z")))
        );
    }

    #[test]
    fn the_last_day_chrono_knows_has_no_end() {
        assert_eq!(day(Rome, NaiveDate::MAX), None);
    }
}

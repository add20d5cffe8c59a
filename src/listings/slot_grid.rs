//! The slot grid: the periods one booking unit of a listing can occupy,
//! cut from its opening hours (minutes and hours run through each unbroken
//! opening; days and months follow the local calendar). Pure.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use chrono_tz::Tz;

use super::hours::{
    BookingUnit, Interval, OpeningHours, Span, WHOLE_DAY, dates, day_ranges, local_instant, to_utc,
};

/// The periods one unit could occupy inside `[from, to)`; days and months need only start in it.
pub fn candidate_slots(
    hours: &OpeningHours,
    tz: Tz,
    unit: &BookingUnit,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Interval> {
    let length = match *unit {
        _ if from >= to => return Vec::new(),
        BookingUnit::Day => return calendar_slots(hours, tz, false, (from, to)),
        BookingUnit::Month => return calendar_slots(hours, tz, true, (from, to)),
        BookingUnit::Hour => Duration::hours(1),
        BookingUnit::Minutes(n) if (5..=720).contains(&n) => Duration::minutes(i64::from(n)),
        BookingUnit::Minutes(_) => return Vec::new(),
    };
    let mut slots = Vec::new();
    for (mut start, segment_end) in grid_segments(hours, tz, (from, to)) {
        while let Some(end) = start.checked_add_signed(length)
            && end <= segment_end
            && start < to
        {
            if start >= from && end <= to {
                slots.push(Interval { start, end });
            }
            start = end;
        }
    }
    slots
}

/// Whether `[start, end)` is one or more consecutive candidate slots of `unit`.
pub fn is_on_grid(
    hours: &OpeningHours,
    tz: Tz,
    unit: &BookingUnit,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> bool {
    // Touching slots are open without a break, so a chain of them lies inside one open interval.
    let slots = candidate_slots(hours, tz, unit, start, end);
    slots.first().is_some_and(|s| s.start == start)
        && slots.last().is_some_and(|s| s.end == end)
        && slots.windows(2).all(|pair| pair[0].end == pair[1].start)
}

/// Stretches the slot grid runs through unbroken, anchored where each begins.
/// They follow the opening across midnight (a bar open 20:00–02:00 keeps one
/// grid) but restart after a day open around the clock, so a listing that
/// never closes still has a grid that does not depend on the window asked for.
fn grid_segments(hours: &OpeningHours, tz: Tz, window: Span) -> Vec<Span> {
    let mut segments: Vec<Span> = Vec::new();
    let mut after_round_the_clock = false;
    // Two days back reach a grid start that no earlier day can move.
    for date in dates(tz, window, 2) {
        let ranges = day_ranges(hours, date);
        for (start, end) in to_utc(tz, date, &ranges) {
            match segments.last_mut() {
                Some(last) if last.1 == start && !after_round_the_clock => last.1 = end,
                _ => segments.push((start, end)),
            }
        }
        after_round_the_clock = ranges == [WHOLE_DAY];
    }
    segments
}

/// Whole local days or months with any opening, starting inside the window.
fn calendar_slots(hours: &OpeningHours, tz: Tz, months: bool, (from, to): Span) -> Vec<Interval> {
    let first = from.with_timezone(&tz).date_naive();
    let last = to.with_timezone(&tz).date_naive();
    let mut date = if months {
        first.with_day(1).unwrap_or(first)
    } else {
        first
    };
    let has_opening = |d: NaiveDate| !to_utc(tz, d, &day_ranges(hours, d)).is_empty();
    let mut slots = Vec::new();
    while date <= last {
        let next = match months {
            true => date.checked_add_months(Months::new(1)),
            false => date.succ_opt(),
        };
        let Some(next) = next else { break };
        if date.iter_days().take_while(|d| *d < next).any(has_opening)
            && let (Some(start), Some(end)) =
                (local_instant(tz, date, 0), local_instant(tz, next, 0))
            && (from..to).contains(&start)
        {
            slots.push(Interval { start, end });
        }
        date = next;
    }
    slots
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use crate::listings::hours::test_support::*;
    use chrono_tz::Europe::Rome;

    pub(crate) fn slots(
        hours: &OpeningHours,
        unit: BookingUnit,
        from: &str,
        to: &str,
    ) -> Vec<String> {
        spans(&candidate_slots(hours, Rome, &unit, t(from), t(to)))
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;
    use crate::listings::hours::test_support::*;
    use BookingUnit::{Day, Hour, Minutes, Month};
    use chrono::Weekday::{Fri, Mon, Sat, Sun};
    use chrono_tz::Europe::Rome;

    #[test]
    fn window_clips_intervals_but_not_the_slot_grid() {
        let clipped = open(&mondays(), "01-05 10:30", "01-05 12:00");
        assert_eq!(clipped, ["01-05 10:30/12:00"]);
        let hourly = slots(&mondays(), Hour, "01-05 08:30", "01-05 11:30");
        assert_eq!(hourly, ["01-05 09:00/10:00", "01-05 10:00/11:00"]);
    }

    #[test]
    fn dst_days_keep_wall_clock_hours_and_nine_hourly_slots() {
        let sundays = week(&[(Sun, 9, 18)]);
        for (from, to, expected) in [
            ("03-29 00:00", "03-30 00:00", "03-29 07:00/16:00"),
            ("10-25 00:00", "10-26 00:00", "10-25 08:00/17:00"),
        ] {
            assert_eq!(open(&sundays, from, to), [expected]);
            let hourly = candidate_slots(&sundays, Rome, &Hour, t(from), t(to));
            assert_eq!(hourly.len(), 9);
            assert_eq!(show([(hourly[0].start, hourly[8].end)]), [expected]);
        }
    }

    #[test]
    fn month_and_day_slots_follow_the_local_calendar() {
        let months = slots(&mondays(), Month, "01-31 23:00", "03-31 22:00");
        assert_eq!(
            months,
            ["01-31 23:00/02-28 23:00", "02-28 23:00/03-31 22:00"]
        );
        let days = slots(&mondays(), Day, "01-04 23:00", "01-11 23:00");
        assert_eq!(days, ["01-04 23:00/01-05 23:00"]);
    }

    #[test]
    fn grid_runs_across_midnight_but_restarts_after_a_round_the_clock_day() {
        let bar = week(&[(Fri, 20, 24), (Sat, 0, 2)]);
        let late = slots(&bar, Minutes(90), "01-05 00:00", "01-12 00:00");
        let expected = [
            "19:00/20:30",
            "20:30/22:00",
            "22:00/23:30",
            "23:30/01-10 01:00",
        ];
        assert_eq!(late, expected.map(|s| format!("01-09 {s}")));
        let fifties = slots(&always(), Minutes(50), "01-04 23:00", "01-11 23:00");
        // 28 slots a day, the 40 minutes before each midnight unsold.
        assert_eq!(fifties.len(), 7 * 28);
        assert_eq!(fifties[27..29], ["01-05 21:30/22:20", "01-05 23:00/23:50"]);
    }

    #[test]
    fn grid_accepts_whole_slots_and_refuses_misaligned_or_gapped_periods() {
        let split = week(&[(Mon, 9, 13), (Mon, 14, 18)]);
        let on_grid = |unit, start, end| is_on_grid(&split, Rome, &unit, t(start), t(end));
        assert!(on_grid(Hour, "01-05 09:00", "01-05 11:00"));
        assert!(!on_grid(Hour, "01-05 09:30", "01-05 10:30"));
        assert!(
            !on_grid(Hour, "01-05 11:00", "01-05 14:00"),
            "crosses a closure"
        );
        assert!(!on_grid(Hour, "01-05 09:00", "01-05 09:00"));
        assert!(on_grid(Day, "01-04 23:00", "01-05 23:00"));
        assert!(
            !on_grid(Day, "01-04 23:00", "01-06 23:00"),
            "Tuesday is shut"
        );
    }

    #[test]
    fn round_the_clock_dst_days_last_23_and_25_hours() {
        let sundays = week(&[(Sun, 0, 24)]);
        for (midnight, next, expected) in [
            ("03-28 23:00", "03-29 22:00", "03-28 23:00/03-29 22:00"),
            ("10-24 22:00", "10-25 23:00", "10-24 22:00/10-25 23:00"),
        ] {
            assert_eq!(open(&sundays, midnight, next), [expected]);
            assert_eq!(slots(&sundays, Day, midnight, next), [expected]);
        }
    }
}

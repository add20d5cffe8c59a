//! Recurring bookings: a weekly pattern turned into the concrete periods to
//! book. The pattern lives in the hub's local wall-clock time, so a weekly
//! 18:00 class stays at 18:00 across daylight-saving changes. Pure: checking
//! each period against the listing and its capacity is the caller's job.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;

use super::error::BookingError;
use crate::wall_clock::instant;

/// The most occurrences one series may produce, whatever its end.
pub const MAX_OCCURRENCES: u32 = 104;

/// How a weekly series repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    /// Repeat every this many weeks (1 to 12).
    pub every_weeks: u32,
    /// The days of the week it falls on; non-empty, without duplicates.
    pub weekdays: Vec<Weekday>,
    /// When the series stops.
    pub end: SeriesEnd,
}

/// When a series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesEnd {
    /// The last local date an occurrence may start on, inclusive.
    Until(NaiveDate),
    /// The number of occurrences, the first included (1 to 104).
    Count(u32),
}

/// One concrete period of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// Its position in the series, from 0.
    pub index: u32,
    /// The first instant.
    pub start: DateTime<Utc>,
    /// The first instant after.
    pub end: DateTime<Utc>,
}

impl Recurrence {
    /// Checks the pattern against the first occurrence's start in `tz`.
    pub fn validate(&self, first_start: DateTime<Utc>, tz: Tz) -> Result<(), BookingError> {
        self.dates(first_start.with_timezone(&tz).date_naive())
            .map(drop)
    }

    /// The periods of the series, the first being `[first_start, first_end)`.
    pub fn occurrences(
        &self,
        first_start: DateTime<Utc>,
        first_end: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Vec<Occurrence>, BookingError> {
        if first_end <= first_start {
            return Err(BookingError::EndBeforeStart { field: "input.end" });
        }
        let local_start = first_start.with_timezone(&tz).naive_local();
        // The wall-clock span, not the elapsed one: on a clock-change day the
        // booking keeps its printed hours and gains or loses real time.
        let span = first_end.with_timezone(&tz).naive_local() - local_start;
        let dates = self.dates(local_start.date())?;
        // The first is given as instants and kept as is: re-resolving its
        // wall clock could move a start that sits in a repeated hour.
        let first = Occurrence {
            index: 0,
            start: first_start,
            end: first_end,
        };
        let mut occurrences = vec![first];
        for (index, date) in (1..).zip(dates.into_iter().skip(1)) {
            let local = date.and_time(local_start.time());
            let start = instant(tz, local);
            let end = local.checked_add_signed(span).and_then(|l| instant(tz, l));
            let (Some(start), Some(end)) = (start, end) else {
                return Err(beyond_calendar());
            };
            // Empty only when a skipped hour swallows the whole booking, or a
            // first booking spanning a repeated hour is replayed on a plain day.
            if end <= start {
                return Err(BookingError::SeriesClockChange {
                    date: date.to_string(),
                });
            }
            occurrences.push(Occurrence { index, start, end });
        }
        Ok(occurrences)
    }

    /// Checks the pattern and lists the local dates it falls on, from `first`.
    fn dates(&self, first: NaiveDate) -> Result<Vec<NaiveDate>, BookingError> {
        self.check(first)?;
        let mut weekdays = self.weekdays.clone();
        weekdays.sort_by_key(|d| d.num_days_from_monday());
        let back = Days::new(first.weekday().num_days_from_monday().into());
        let monday = first.checked_sub_days(back).ok_or_else(beyond_calendar)?;
        let stride = u64::from(self.every_weeks) * 7;
        let mut dates = Vec::new();
        // Ends: a count is at most 104, and an Until date is either passed or
        // hits the cap; the calendar's own end is an error, not a hang.
        for week in 0.. {
            for weekday in &weekdays {
                let day = Days::new(week * stride + u64::from(weekday.num_days_from_monday()));
                let date = monday.checked_add_days(day).ok_or_else(beyond_calendar)?;
                if date < first {
                    continue;
                }
                match self.end {
                    SeriesEnd::Count(count) if dates.len() == count as usize => return Ok(dates),
                    SeriesEnd::Until(until) if date > until => return Ok(dates),
                    _ if dates.len() == MAX_OCCURRENCES as usize => return Err(too_many()),
                    _ => dates.push(date),
                }
            }
        }
        Err(beyond_calendar())
    }

    /// The checks that need no calendar walk.
    fn check(&self, first: NaiveDate) -> Result<(), BookingError> {
        if !(1..=12).contains(&self.every_weeks) {
            return Err(BookingError::SeriesEveryWeeks);
        }
        let days = &self.weekdays;
        let problem = if days.is_empty() {
            Some(BookingError::SeriesNoWeekday)
        } else if (1..days.len()).any(|i| days[..i].contains(&days[i])) {
            Some(BookingError::SeriesWeekdayTwice)
        } else if !days.contains(&first.weekday()) {
            Some(BookingError::SeriesFirstNotOnWeekday)
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(problem);
        }
        match self.end {
            SeriesEnd::Count(count) if !(1..=MAX_OCCURRENCES).contains(&count) => {
                Err(BookingError::SeriesCountRange {
                    max: MAX_OCCURRENCES,
                })
            }
            SeriesEnd::Until(until) if until < first => Err(BookingError::SeriesEndBeforeFirst {
                date: first.to_string(),
            }),
            _ => Ok(()),
        }
    }
}

fn too_many() -> BookingError {
    BookingError::SeriesTooMany {
        max: MAX_OCCURRENCES,
    }
}

fn beyond_calendar() -> BookingError {
    BookingError::SeriesBeyondCalendar
}

#[cfg(test)]
mod tests {
    use chrono::Weekday::{Fri, Mon, Sun, Thu, Tue, Wed};
    use chrono_tz::Europe::Rome;

    use chrono::TimeZone;

    use super::*;

    fn rome(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        let local = Rome.with_ymd_and_hms(y, m, d, h, min, 0);
        local.earliest().unwrap().with_timezone(&Utc)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn series(every_weeks: u32, weekdays: &[Weekday], end: SeriesEnd) -> Recurrence {
        let weekdays = weekdays.to_vec();
        Recurrence {
            every_weeks,
            weekdays,
            end,
        }
    }

    fn days(list: &[Occurrence]) -> Vec<u32> {
        list.iter()
            .map(|o| o.start.with_timezone(&Rome).day())
            .collect()
    }

    /// Each occurrence as `day/month start–end` in UTC, for readable expectations.
    fn spans(list: &[Occurrence]) -> Vec<String> {
        let hm = |t: DateTime<Utc>| t.format("%H:%M").to_string();
        let span =
            |o: &Occurrence| format!("{} {}–{}", o.start.format("%d/%m"), hm(o.start), hm(o.end));
        list.iter().map(span).collect()
    }

    fn field<T: std::fmt::Debug>(result: Result<T, BookingError>) -> String {
        let result = result.map_err(crate::error::AppError::from);
        match result.unwrap_err() {
            crate::error::AppError::Validation { field, .. } => field.into_owned(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn tuesday_and_thursday_each_week_for_six_bookings() {
        let weekly = series(1, &[Thu, Tue], SeriesEnd::Count(6));
        let list = weekly.occurrences(rome(2026, 5, 5, 10, 0), rome(2026, 5, 5, 11, 0), Rome);
        let list = list.unwrap();
        assert_eq!(days(&list), [5, 7, 12, 14, 19, 21]);
        assert!(list.iter().zip(0..).all(|(o, i)| o.index == i));
        assert!(spans(&list).iter().all(|s| s.ends_with("08:00–09:00")));
    }

    #[test]
    fn every_two_weeks_on_monday_until_a_date_includes_that_date() {
        let (start, end) = (rome(2026, 6, 1, 9, 0), rome(2026, 6, 1, 10, 0));
        let until = |day| series(2, &[Mon], SeriesEnd::Until(date(2026, 6, day)));
        let run = |day| days(&until(day).occurrences(start, end, Rome).unwrap());
        assert_eq!(run(29), [1, 15, 29]);
        assert_eq!(run(28), [1, 15]);
    }

    #[test]
    fn evening_series_keeps_its_local_hours_when_summer_time_ends() {
        let weekly = series(1, &[Thu], SeriesEnd::Count(3));
        let list = weekly.occurrences(rome(2026, 10, 15, 18, 0), rome(2026, 10, 15, 21, 0), Rome);
        let expected = [
            "15/10 16:00–19:00",
            "22/10 16:00–19:00",
            "29/10 17:00–20:00",
        ];
        assert_eq!(spans(&list.unwrap()), expected);
    }

    #[test]
    fn evening_series_keeps_its_local_hours_when_summer_time_starts() {
        let weekly = series(1, &[Thu], SeriesEnd::Until(date(2026, 4, 2)));
        let list = weekly.occurrences(rome(2026, 3, 26, 18, 0), rome(2026, 3, 26, 21, 0), Rome);
        assert_eq!(
            spans(&list.unwrap()),
            ["26/03 17:00–20:00", "02/04 16:00–19:00"]
        );
    }

    #[test]
    fn skipped_start_moves_after_the_gap_and_repeated_one_takes_the_earlier() {
        let sundays = series(1, &[Sun], SeriesEnd::Count(2));
        // 02:30 does not exist on 29 March: 03:00 CEST, still ending at 04:00 local.
        let list = sundays.occurrences(rome(2026, 3, 22, 2, 30), rome(2026, 3, 22, 4, 0), Rome);
        assert_eq!(spans(&list.unwrap())[1], "29/03 01:00–02:00");
        // 02:30 happens twice on 25 October: the CEST one; 03:30 is CET.
        let list = sundays.occurrences(rome(2026, 10, 18, 2, 30), rome(2026, 10, 18, 3, 30), Rome);
        assert_eq!(spans(&list.unwrap())[1], "25/10 00:30–02:30");
    }

    #[test]
    fn booking_swallowed_by_the_skipped_hour_is_refused() {
        let sundays = series(1, &[Sun], SeriesEnd::Count(2));
        let result = sundays.occurrences(rome(2026, 3, 22, 2, 15), rome(2026, 3, 22, 2, 45), Rome);
        assert_eq!(field(result), "input.start");
    }

    #[test]
    fn first_booking_on_an_unchosen_weekday_is_refused() {
        let wednesday = rome(2026, 5, 6, 10, 0);
        let result = series(1, &[Mon, Fri], SeriesEnd::Count(4)).validate(wednesday, Rome);
        assert_eq!(field(result), "series.weekdays");
    }

    #[test]
    fn out_of_range_counts_intervals_and_weekdays_name_their_field() {
        let tuesday = rome(2026, 5, 5, 10, 0);
        let check = |every, days: &[Weekday], count| {
            series(every, days, SeriesEnd::Count(count)).validate(tuesday, Rome)
        };
        assert_eq!(field(check(1, &[Tue], 0)), "series.end");
        assert_eq!(field(check(1, &[Tue], 105)), "series.end");
        assert_eq!(field(check(0, &[Tue], 2)), "series.everyWeeks");
        assert_eq!(field(check(13, &[Tue], 2)), "series.everyWeeks");
        assert_eq!(field(check(1, &[], 2)), "series.weekdays");
        assert_eq!(field(check(1, &[Tue, Tue], 2)), "series.weekdays");
        assert!(check(12, &[Tue], 104).is_ok());
    }

    #[test]
    fn end_date_before_the_first_booking_or_too_far_is_refused() {
        let tuesday = rome(2026, 5, 5, 10, 0);
        let until = |end| series(1, &[Tue], SeriesEnd::Until(end)).validate(tuesday, Rome);
        assert_eq!(field(until(date(2026, 5, 4))), "series.end");
        assert!(until(date(2026, 5, 5)).is_ok());
        // Weekly: the 104th Tuesday is 25 April 2028, the 105th 2 May 2028.
        assert!(until(date(2028, 5, 1)).is_ok());
        assert_eq!(field(until(date(2028, 5, 2))), "series.end");
    }

    #[test]
    fn mid_week_start_skips_earlier_days_of_its_week() {
        let fortnightly = series(2, &[Fri, Mon, Wed], SeriesEnd::Count(5));
        let list = fortnightly.occurrences(rome(2026, 5, 6, 10, 0), rome(2026, 5, 6, 12, 0), Rome);
        // Wed 6, Fri 8; not Mon 4, before the first; then Mon 18 two weeks on.
        assert_eq!(days(&list.unwrap()), [6, 8, 18, 20, 22]);
    }
}

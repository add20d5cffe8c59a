//! Opening hours: a listing's weekly ranges and dated exceptions in the
//! hub's time zone, their validation, and the UTC intervals when it is open
//! (DST days last what the wall clock says). Pure.

use std::borrow::Cow;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;

use crate::error::{AppError, AppResult};
use crate::i18n::Message;
use crate::msg;

/// Minutes after local midnight, 0..=1440 (1440 = the end of the day, "24:00").
pub type DayMinute = u16;

/// A local range of minutes, `[opens, closes)`.
pub(crate) type Range = (DayMinute, DayMinute);
/// A UTC span `[start, end)`.
pub(crate) type Span = (DateTime<Utc>, DateTime<Utc>);

/// "24:00": the end of a local day.
pub(crate) const END_OF_DAY: DayMinute = 1440;
pub(crate) const WHOLE_DAY: Range = (0, END_OF_DAY);
const MAX_RULES: usize = 7 * 8;
const MAX_EXCEPTIONS: usize = 366;

/// A weekly opening range, such as Mondays 09:00–13:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyRule {
    /// The weekday it applies to.
    pub weekday: Weekday,
    /// Local opening time.
    pub opens: DayMinute,
    /// Local closing time, after `opens`.
    pub closes: DayMinute,
}

/// Whether a dated exception closes or opens the listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionKind {
    /// Closed all day, or during the range.
    Closed,
    /// Open during the range, on top of the weekly hours.
    Open,
}

/// A change to the weekly hours on one local date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatedException {
    /// The local date it applies to.
    pub date: NaiveDate,
    /// A closure or an extra opening.
    pub kind: ExceptionKind,
    /// The local range; `None` only for a closure of the whole day.
    pub range: Option<(DayMinute, DayMinute)>,
}

/// A listing's weekly hours and their dated exceptions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpeningHours {
    /// The weekly ranges.
    pub rules: Vec<WeeklyRule>,
    /// Closures and extra openings on particular dates.
    pub exceptions: Vec<DatedException>,
}

/// The length of one bookable slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingUnit {
    /// Slots of this many minutes, 5..=720.
    Minutes(u16),
    /// One-hour slots.
    Hour,
    /// Whole local days.
    Day,
    /// Whole local calendar months.
    Month,
}

/// A half-open UTC period `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// First instant inside.
    pub start: DateTime<Utc>,
    /// First instant after.
    pub end: DateTime<Utc>,
}

impl OpeningHours {
    /// Checks that ranges are well formed, do not overlap and are few enough.
    pub fn validate(&self) -> AppResult<()> {
        if self.rules.len() > MAX_RULES {
            return invalid("rules", msg!("hours-too-many-rules", max = MAX_RULES));
        }
        if self.exceptions.len() > MAX_EXCEPTIONS {
            let message = msg!("hours-too-many-exceptions", max = MAX_EXCEPTIONS);
            return invalid("exceptions", message);
        }
        for (i, rule) in self.rules.iter().enumerate() {
            let field = |name: &str| format!("rules[{i}].{name}");
            if rule.closes > END_OF_DAY {
                return invalid(field("closes"), msg!("hours-close-by-midnight"));
            }
            if rule.opens >= rule.closes {
                return invalid(field("closes"), msg!("hours-close-after-open"));
            }
            // Earlier rules are known valid by now, so one pass finds every overlap.
            let range = (rule.opens, rule.closes);
            let mut same_day = self.rules[..i].iter().filter(|o| o.weekday == rule.weekday);
            if same_day.any(|o| overlaps((o.opens, o.closes), range)) {
                return invalid(field("opens"), msg!("hours-overlap"));
            }
        }
        for (i, exception) in self.exceptions.iter().enumerate() {
            let field = |name: &str| format!("exceptions[{i}].{name}");
            match exception.range {
                None if exception.kind == ExceptionKind::Open => {
                    return invalid(field("range"), msg!("hours-extra-opening-needs-range"));
                }
                Some((opens, closes)) if opens >= closes || closes > END_OF_DAY => {
                    return invalid(field("range"), msg!("hours-exception-range"));
                }
                _ => {}
            }
            let mut same_date = self.exceptions[..i]
                .iter()
                .filter(|o| o.date == exception.date);
            if same_date.any(|o| clash(o, exception)) {
                let name = exception.range.map_or("date", |_| "range");
                return invalid(field(name), msg!("hours-exception-overlap"));
            }
        }
        Ok(())
    }
}

fn invalid(field: impl Into<Cow<'static, str>>, message: Message) -> AppResult<()> {
    Err(AppError::validation(field, message))
}

fn overlaps(a: Range, b: Range) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Whether two exceptions of one date overlap; a missing range is the whole day.
fn clash(a: &DatedException, b: &DatedException) -> bool {
    // A whole-day closure plus extra openings is how a day's hours are replaced.
    let replaces =
        |c: &DatedException, o: &DatedException| c.range.is_none() && o.kind == ExceptionKind::Open;
    let (a_range, b_range) = (a.range.unwrap_or(WHOLE_DAY), b.range.unwrap_or(WHOLE_DAY));
    !replaces(a, b) && !replaces(b, a) && overlaps(a_range, b_range)
}

/// `[start, end)` as asked by a client: the end after the start, at most
/// `max_days` long (a `VALIDATION` error on `field` otherwise).
pub fn checked_window(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    field: &'static str,
    max_days: i64,
) -> AppResult<Interval> {
    if end <= start {
        return Err(AppError::validation(field, msg!("input-end-before-start")));
    }
    if end - start > chrono::Duration::days(max_days) {
        return Err(AppError::validation(
            field,
            msg!("search-too-many-days", max = max_days),
        ));
    }
    Ok(Interval { start, end })
}

/// The UTC intervals when the listing is open, merged and clipped to `[from, to)`.
pub fn open_intervals(
    hours: &OpeningHours,
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Interval> {
    if from >= to {
        return Vec::new();
    }
    let days = dates(tz, (from, to), 1).flat_map(|date| to_utc(tz, date, &day_ranges(hours, date)));
    let clipped = merge(days)
        .into_iter()
        .map(|(start, end)| (start.max(from), end.min(to)));
    clipped
        .filter(|(start, end)| start < end)
        .map(|(start, end)| Interval { start, end })
        .collect()
}

/// The local ranges open on `date`, sorted and merged, exceptions applied.
pub(crate) fn day_ranges(hours: &OpeningHours, date: NaiveDate) -> Vec<Range> {
    let weekly = hours.rules.iter().filter(|r| r.weekday == date.weekday());
    let mut ranges: Vec<Range> = weekly.map(|r| (r.opens, r.closes)).collect();
    let todays = || hours.exceptions.iter().filter(move |e| e.date == date);
    for closure in todays().filter(|e| e.kind == ExceptionKind::Closed) {
        let (cut_start, cut_end) = closure.range.unwrap_or(WHOLE_DAY);
        let split = |(s, e): Range| [(s, e.min(cut_start)), (s.max(cut_end), e)];
        ranges = ranges.into_iter().flat_map(split).collect();
    }
    let extra = todays().filter(|e| e.kind == ExceptionKind::Open);
    ranges.extend(extra.filter_map(|e| e.range));
    merge(ranges.into_iter().filter(|(s, e)| s < e))
}

/// Local ranges of `date` as UTC spans; a DST gap may join two of them.
pub(crate) fn to_utc(tz: Tz, date: NaiveDate, ranges: &[Range]) -> Vec<Span> {
    let instant = |minute| local_instant(tz, date, minute);
    let span = |&(opens, closes): &Range| Some((instant(opens)?, instant(closes)?));
    merge(ranges.iter().filter_map(span).filter(|(s, e)| s < e))
}

/// The UTC instant of a wall-clock time: after a DST gap when it falls in one,
/// the earlier of two when it is repeated, and 1440 (or, unvalidated, later)
/// as the next local midnight, so no range spills into the following day.
pub(crate) fn local_instant(tz: Tz, date: NaiveDate, minute: DayMinute) -> Option<DateTime<Utc>> {
    let (date, minute) = match minute {
        END_OF_DAY.. => (date.succ_opt()?, 0),
        _ => (date, minute),
    };
    let naive = date.and_hms_opt(u32::from(minute / 60), u32::from(minute % 60), 0)?;
    crate::wall_clock::instant(tz, naive)
}

/// Local dates from `back` days before the one holding `from` to the one holding `to`.
pub(crate) fn dates(tz: Tz, (from, to): Span, back: u64) -> impl Iterator<Item = NaiveDate> {
    let first = from.with_timezone(&tz).date_naive();
    let first = first.checked_sub_days(Days::new(back)).unwrap_or(first);
    let last = to.with_timezone(&tz).date_naive();
    first.iter_days().take_while(move |day| *day <= last)
}

/// Sorts spans and joins those that overlap or touch.
pub(crate) fn merge<T: Ord + Copy>(spans: impl IntoIterator<Item = (T, T)>) -> Vec<(T, T)> {
    let mut spans: Vec<(T, T)> = spans.into_iter().collect();
    spans.sort_unstable();
    let mut merged: Vec<(T, T)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Helpers for the tests of the time arithmetic built on opening hours.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use Weekday::Mon;
    use chrono_tz::Europe::Rome;

    /// "01-05 08:00" is 2026-01-05T08:00Z; 2026-01-05 is a Monday and Rome is on UTC+1.
    pub(crate) fn t(s: &str) -> DateTime<Utc> {
        format!("2026-{s}:00Z").replace(' ', "T").parse().unwrap()
    }

    /// Periods as "01-05 08:00/17:00", the end's date shown only when it differs.
    pub(crate) fn show(
        periods: impl IntoIterator<Item = (DateTime<Utc>, DateTime<Utc>)>,
    ) -> Vec<String> {
        let show = |(start, end): Span| {
            let same_day = start.date_naive() == end.date_naive();
            let end_format = if same_day { "%H:%M" } else { "%m-%d %H:%M" };
            format!("{}/{}", start.format("%m-%d %H:%M"), end.format(end_format))
        };
        periods.into_iter().map(show).collect()
    }

    pub(crate) fn spans(intervals: &[Interval]) -> Vec<String> {
        show(intervals.iter().map(|i| (i.start, i.end)))
    }

    /// Weekly hours from (weekday, opening hour, closing hour).
    pub(crate) fn week(rules: &[(Weekday, u16, u16)]) -> OpeningHours {
        let rule = |&(weekday, opens, closes): &(Weekday, u16, u16)| {
            let (opens, closes) = (opens * 60, closes * 60);
            WeeklyRule {
                weekday,
                opens,
                closes,
            }
        };
        let rules = rules.iter().map(rule).collect();
        OpeningHours {
            rules,
            exceptions: vec![],
        }
    }

    pub(crate) fn mondays() -> OpeningHours {
        week(&[(Mon, 9, 18)])
    }

    pub(crate) fn always() -> OpeningHours {
        week(&[0, 1, 2, 3, 4, 5, 6].map(|d| (Weekday::try_from(d).unwrap(), 0, 24)))
    }

    pub(crate) fn except(date: &str, kind: ExceptionKind, range: Option<Range>) -> DatedException {
        let date = format!("2026-{date}").parse().unwrap();
        DatedException { date, kind, range }
    }

    pub(crate) fn open(hours: &OpeningHours, from: &str, to: &str) -> Vec<String> {
        spans(&open_intervals(hours, Rome, t(from), t(to)))
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;
    use ExceptionKind::{Closed, Open};
    use Weekday::{Fri, Mon, Sun};

    fn field_of(hours: &OpeningHours) -> String {
        match hours.validate() {
            Err(AppError::Validation { field, .. }) => field.into_owned(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn ordinary_weekday_hours_are_open_in_utc() {
        let open = open(&mondays(), "01-05 00:00", "01-12 00:00");
        assert_eq!(open, ["01-05 08:00/17:00"]);
    }

    #[test]
    fn several_ranges_a_day_stay_apart() {
        let split = week(&[(Mon, 14, 18), (Mon, 9, 13)]);
        let open = open(&split, "01-05 00:00", "01-06 00:00");
        assert_eq!(open, ["01-05 08:00/12:00", "01-05 13:00/17:00"]);
    }

    #[test]
    fn closed_all_day_exception_removes_the_day() {
        let mut hours = mondays();
        hours.exceptions.push(except("01-12", Closed, None));
        let open = open(&hours, "01-05 00:00", "01-19 00:00");
        assert_eq!(open, ["01-05 08:00/17:00"]);
    }

    #[test]
    fn closed_range_exception_cuts_a_hole() {
        let mut hours = mondays();
        hours.exceptions = vec![except("01-05", Closed, Some((720, 780)))];
        let open = open(&hours, "01-05 00:00", "01-06 00:00");
        assert_eq!(open, ["01-05 08:00/11:00", "01-05 12:00/17:00"]);
    }

    #[test]
    fn extra_opening_on_a_sunday_and_a_replaced_day() {
        let mut hours = mondays();
        let sunday = except("01-11", Open, Some((600, 720)));
        // A whole-day closure plus an extra opening replaces that day's hours.
        let monday = [
            except("01-05", Closed, None),
            except("01-05", Open, Some((900, 960))),
        ];
        hours.exceptions = [sunday, monday[0], monday[1]].into();
        assert!(hours.validate().is_ok());
        let open = open(&hours, "01-05 00:00", "01-12 00:00");
        assert_eq!(open, ["01-05 14:00/15:00", "01-11 09:00/11:00"]);
    }

    #[test]
    fn opening_in_the_spring_gap_starts_after_it_and_repeated_times_take_the_first() {
        let (weekday, opens, closes) = (Sun, 150, 1440);
        let mut hours = OpeningHours::default();
        hours.rules.push(WeeklyRule {
            weekday,
            opens,
            closes,
        });
        let spring = open(&hours, "03-28 00:00", "03-30 00:00");
        assert_eq!(spring, ["03-29 01:00/22:00"]);
        hours.rules[0].closes = 240;
        let autumn = open(&hours, "10-24 00:00", "10-26 00:00");
        assert_eq!(autumn, ["10-25 00:30/03:00"]);
    }

    #[test]
    fn validation_errors_name_the_offending_field() {
        let mut bad = week(&[(Mon, 9, 18), (Fri, 10, 25)]);
        assert_eq!(field_of(&bad), "rules[1].closes");
        bad.rules[1].closes = 600;
        assert_eq!(field_of(&bad), "rules[1].closes");
        bad.rules[1] = week(&[(Mon, 17, 20)]).rules[0];
        assert_eq!(field_of(&bad), "rules[1].opens");
        bad.rules[1].opens = 1080;
        assert!(bad.validate().is_ok(), "touching ranges are fine");
        bad.exceptions.push(except("01-05", Open, None));
        assert_eq!(field_of(&bad), "exceptions[0].range");
        bad.exceptions[0].range = Some((700, 600));
        assert_eq!(field_of(&bad), "exceptions[0].range");
        bad.exceptions[0] = except("01-05", Closed, Some((600, 700)));
        bad.exceptions.push(except("01-05", Open, Some((650, 800))));
        assert_eq!(field_of(&bad), "exceptions[1].range");
        bad.exceptions[1] = except("01-05", Closed, None);
        assert_eq!(field_of(&bad), "exceptions[1].date");
        bad.exceptions.truncate(1);
        bad.rules = vec![bad.rules[0]; MAX_RULES + 1];
        assert_eq!(field_of(&bad), "rules");
    }
}

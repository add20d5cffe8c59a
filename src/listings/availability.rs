//! Opening hours and availability: turns a listing's weekly hours and dated
//! exceptions into UTC open intervals, the grid of bookable slots, and the
//! capacity each slot has left once existing holdings are counted.
//!
//! Pure arithmetic on a time zone; loading hours and holdings, and rechecking
//! capacity inside a transaction, belong to the booking engine.

use std::borrow::Cow;

use chrono::{DateTime, Datelike, Days, Duration, Months, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;

use crate::error::{AppError, AppResult};
use crate::i18n::Message;
use crate::msg;

/// Minutes after local midnight, 0..=1440 (1440 = the end of the day, "24:00").
pub type DayMinute = u16;

type Range = (DayMinute, DayMinute);
type Span = (DateTime<Utc>, DateTime<Utc>);
/// An instant where the held quantity changes, and the level from then on.
type Step = (DateTime<Utc>, i64);

const END_OF_DAY: DayMinute = 1440;
const WHOLE_DAY: Range = (0, END_OF_DAY);
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

/// A booking, or a hold on one, that takes capacity during `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holding {
    /// First instant held.
    pub start: DateTime<Utc>,
    /// First instant no longer held.
    pub end: DateTime<Utc>,
    /// Units of capacity held.
    pub quantity: u32,
}

/// How a listing sells its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotRules {
    /// The length of one slot.
    pub unit: BookingUnit,
    /// Units that may be held at the same instant.
    pub capacity: u32,
    /// Time kept free before every booking.
    pub buffer_before: Duration,
    /// Time kept free after every booking.
    pub buffer_after: Duration,
    /// The least notice: slots starting sooner than this are not offered.
    pub lead_time: Duration,
    /// The furthest ahead a slot may start.
    pub horizon: Duration,
}

/// A slot that can still take the requested quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreeSlot {
    /// Start of the slot.
    pub start: DateTime<Utc>,
    /// End of the slot.
    pub end: DateTime<Utc>,
    /// Units still free for the whole slot.
    pub remaining: u32,
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

/// The candidate slots inside lead time and horizon that can still take `quantity`.
#[expect(
    clippy::too_many_arguments,
    reason = "the booking engine's single query for a calendar"
)]
pub fn free_slots(
    hours: &OpeningHours,
    tz: Tz,
    rules: &SlotRules,
    holdings: &[Holding],
    now: DateTime<Utc>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    quantity: u32,
) -> Vec<FreeSlot> {
    let (earliest, latest) = (shift(now, rules.lead_time), shift(now, rules.horizon));
    let (before, after) = (rules.buffer_before, rules.buffer_after);
    let steps = usage_steps(holdings, before, after);
    let offered = candidate_slots(hours, tz, &rules.unit, from, to).into_iter();
    let offered = offered.filter(|slot| slot.start >= earliest && slot.start <= latest);
    let priced = offered.map(|Interval { start, end }| {
        let used = peak(&steps, footprint(start, end, before, after));
        let remaining = rules.capacity.saturating_sub(used);
        FreeSlot {
            start,
            end,
            remaining,
        }
    });
    priced.filter(|slot| slot.remaining >= quantity).collect()
}

/// The most capacity that holdings take at any instant of `window`, buffers included.
pub fn peak_usage(
    holdings: &[Holding],
    window: &Interval,
    buffer_before: Duration,
    buffer_after: Duration,
) -> u32 {
    let (before, after) = (buffer_before, buffer_after);
    let footprint = footprint(window.start, window.end, before, after);
    peak(&usage_steps(holdings, before, after), footprint)
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

/// The local ranges open on `date`, sorted and merged, exceptions applied.
fn day_ranges(hours: &OpeningHours, date: NaiveDate) -> Vec<Range> {
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
fn to_utc(tz: Tz, date: NaiveDate, ranges: &[Range]) -> Vec<Span> {
    let instant = |minute| local_instant(tz, date, minute);
    let span = |&(opens, closes): &Range| Some((instant(opens)?, instant(closes)?));
    merge(ranges.iter().filter_map(span).filter(|(s, e)| s < e))
}

/// The UTC instant of a wall-clock time: after a DST gap when it falls in one,
/// the earlier of two when it is repeated, and 1440 (or, unvalidated, later)
/// as the next local midnight, so no range spills into the following day.
fn local_instant(tz: Tz, date: NaiveDate, minute: DayMinute) -> Option<DateTime<Utc>> {
    let (date, minute) = match minute {
        END_OF_DAY.. => (date.succ_opt()?, 0),
        _ => (date, minute),
    };
    let naive = date.and_hms_opt(u32::from(minute / 60), u32::from(minute % 60), 0)?;
    crate::wall_clock::instant(tz, naive)
}

/// Local dates from `back` days before the one holding `from` to the one holding `to`.
fn dates(tz: Tz, (from, to): Span, back: u64) -> impl Iterator<Item = NaiveDate> {
    let first = from.with_timezone(&tz).date_naive();
    let first = first.checked_sub_days(Days::new(back)).unwrap_or(first);
    let last = to.with_timezone(&tz).date_naive();
    first.iter_days().take_while(move |day| *day <= last)
}

/// Sorts spans and joins those that overlap or touch.
fn merge<T: Ord + Copy>(spans: impl IntoIterator<Item = (T, T)>) -> Vec<(T, T)> {
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

/// `instant + by`, pinned to the representable range instead of panicking.
fn shift(instant: DateTime<Utc>, by: Duration) -> DateTime<Utc> {
    let limit = if by < Duration::zero() {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    };
    instant.checked_add_signed(by).unwrap_or(limit)
}

/// `[start, end)` widened by the buffers; a negative buffer counts as none.
fn footprint(start: DateTime<Utc>, end: DateTime<Utc>, before: Duration, after: Duration) -> Span {
    let zero = Duration::zero();
    (shift(start, -before.max(zero)), shift(end, after.max(zero)))
}

/// Held quantity as a step function: each instant it changes at, with the level from there on.
fn usage_steps(holdings: &[Holding], before: Duration, after: Duration) -> Vec<Step> {
    let mut events = Vec::with_capacity(holdings.len() * 2);
    let live = holdings
        .iter()
        .filter(|h| h.start < h.end && h.quantity > 0);
    for holding in live {
        let (start, end) = footprint(holding.start, holding.end, before, after);
        let quantity = i64::from(holding.quantity);
        events.extend([(start, quantity), (end, -quantity)]);
    }
    events.sort_unstable();
    let mut steps: Vec<Step> = Vec::with_capacity(events.len());
    let mut level = 0;
    for (instant, change) in events {
        level += change;
        // Ends and starts at one instant fold into one step: touching footprints never add up.
        match steps.last_mut() {
            Some(last) if last.0 == instant => last.1 = level,
            _ => steps.push((instant, level)),
        }
    }
    steps
}

/// The highest level at any instant of `[from, to)`: the step in force at
/// `from` and every step starting before `to`. Disjoint slots visit each step
/// about once, so a calendar costs a sort plus a binary search per slot.
fn peak(steps: &[Step], (from, to): Span) -> u32 {
    let first = steps.partition_point(|s| s.0 <= from).saturating_sub(1);
    let end = steps.partition_point(|s| s.0 < to);
    let within = steps.get(first..end).unwrap_or_default();
    let highest = within.iter().map(|s| s.1).max().unwrap_or(0);
    u32::try_from(highest.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use BookingUnit::{Day, Hour, Minutes, Month};
    use ExceptionKind::{Closed, Open};
    use Weekday::{Fri, Mon, Sat, Sun};
    use chrono_tz::Europe::Rome;

    /// "01-05 08:00" is 2026-01-05T08:00Z; 2026-01-05 is a Monday and Rome is on UTC+1.
    fn t(s: &str) -> DateTime<Utc> {
        format!("2026-{s}:00Z").replace(' ', "T").parse().unwrap()
    }

    /// Periods as "01-05 08:00/17:00", the end's date shown only when it differs.
    fn show(periods: impl IntoIterator<Item = (DateTime<Utc>, DateTime<Utc>)>) -> Vec<String> {
        let show = |(start, end): Span| {
            let same_day = start.date_naive() == end.date_naive();
            let end_format = if same_day { "%H:%M" } else { "%m-%d %H:%M" };
            format!("{}/{}", start.format("%m-%d %H:%M"), end.format(end_format))
        };
        periods.into_iter().map(show).collect()
    }

    fn spans(intervals: &[Interval]) -> Vec<String> {
        show(intervals.iter().map(|i| (i.start, i.end)))
    }

    /// Weekly hours from (weekday, opening hour, closing hour).
    fn week(rules: &[(Weekday, u16, u16)]) -> OpeningHours {
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

    fn mondays() -> OpeningHours {
        week(&[(Mon, 9, 18)])
    }

    fn always() -> OpeningHours {
        week(&[0, 1, 2, 3, 4, 5, 6].map(|d| (Weekday::try_from(d).unwrap(), 0, 24)))
    }

    fn except(date: &str, kind: ExceptionKind, range: Option<Range>) -> DatedException {
        let date = format!("2026-{date}").parse().unwrap();
        DatedException { date, kind, range }
    }

    fn open(hours: &OpeningHours, from: &str, to: &str) -> Vec<String> {
        spans(&open_intervals(hours, Rome, t(from), t(to)))
    }

    fn slots(hours: &OpeningHours, unit: BookingUnit, from: &str, to: &str) -> Vec<String> {
        spans(&candidate_slots(hours, Rome, &unit, t(from), t(to)))
    }

    fn rules(capacity: u32) -> SlotRules {
        let (unit, zero, horizon) = (Hour, Duration::zero(), Duration::days(99));
        let (buffer_before, buffer_after, lead_time) = (zero, zero, zero);
        SlotRules {
            unit,
            capacity,
            buffer_before,
            buffer_after,
            lead_time,
            horizon,
        }
    }

    /// Free slots of `mondays` in the week of 2026-01-05, as "start remaining".
    fn free(rules: &SlotRules, taken: &[Holding], now: &str, n: u32) -> Vec<String> {
        let (from, to) = (t("01-05 00:00"), t("01-12 00:00"));
        let free = free_slots(&mondays(), Rome, rules, taken, t(now), from, to, n);
        let show = |s: &FreeSlot| format!("{} {}", s.start.format("%H:%M"), s.remaining);
        free.iter().map(show).collect()
    }

    fn iv(start: &str, end: &str) -> Interval {
        let (start, end) = (t(start), t(end));
        Interval { start, end }
    }

    fn held(start: &str, end: &str, quantity: u32) -> Holding {
        let Interval { start, end } = iv(start, end);
        Holding {
            start,
            end,
            quantity,
        }
    }

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
    fn after_buffer_of_a_holding_blocks_the_next_hourly_slot() {
        let holding = [held("01-05 09:00", "01-05 10:00", 1)];
        let plain = free(&rules(1), &holding, "01-01 00:00", 1);
        assert_eq!(plain[..3], ["08:00 1", "10:00 1", "11:00 1"]);
        let buffered = SlotRules {
            buffer_after: Duration::minutes(15),
            ..rules(1)
        };
        // The 09:00 local slot's own after-buffer runs into the holding as well.
        let buffered = free(&buffered, &holding, "01-01 00:00", 1);
        assert_eq!(buffered[..2], ["11:00 1", "12:00 1"]);
    }

    #[test]
    fn capacity_is_shared_by_mixed_quantities() {
        let holdings = [
            held("01-05 09:00", "01-05 11:00", 2),
            held("01-05 10:00", "01-05 11:00", 1),
        ];
        let free = free(&rules(5), &holdings, "01-01 00:00", 3);
        assert_eq!(free[..3], ["08:00 5", "09:00 3", "11:00 5"]);
        assert_eq!(free.len(), 8);
    }

    #[test]
    fn lead_time_and_horizon_bound_the_offered_starts() {
        let (lead_time, horizon) = (Duration::hours(1), Duration::hours(5));
        let rules = SlotRules {
            lead_time,
            horizon,
            ..rules(1)
        };
        let offered = free(&rules, &[], "01-05 08:30", 1);
        assert_eq!(offered, ["10:00 1", "11:00 1", "12:00 1", "13:00 1"]);
    }

    #[test]
    fn peak_usage_adds_overlaps_but_not_adjacent_holdings() {
        let (zero, quarter, hour) = (Duration::zero(), Duration::minutes(15), Duration::hours(1));
        let window = iv("01-05 10:00", "01-05 12:00");
        let adjacent = [
            held("01-05 10:00", "01-05 11:00", 1),
            held("01-05 11:00", "01-05 12:00", 1),
        ];
        assert_eq!(peak_usage(&adjacent, &window, zero, zero), 1);
        assert_eq!(peak_usage(&adjacent, &window, zero, quarter), 2);
        let overlapping = [
            adjacent[0],
            adjacent[1],
            held("01-05 10:30", "01-05 11:30", 3),
        ];
        assert_eq!(peak_usage(&overlapping, &window, zero, zero), 4);
        let later = iv("01-05 12:00", "01-05 13:00");
        assert_eq!(peak_usage(&overlapping, &later, zero, zero), 0);
        assert_eq!(peak_usage(&overlapping, &later, hour, zero), 4);
    }

    #[test]
    fn sweep_agrees_with_brute_force_on_a_busy_month() {
        let (from, to, after) = (t("03-01 00:00"), t("04-01 00:00"), Duration::minutes(10));
        let mut seed = 7_u64;
        let mut next = |modulo: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            u32::try_from((seed >> 33) % modulo).unwrap()
        };
        let minutes = |n: u32| Duration::minutes(i64::from(n));
        let holdings: Vec<Holding> = (0..1000)
            .map(|_| {
                let start = from + minutes(15 * next(31 * 96));
                let (end, quantity) = (start + minutes(15 * next(8) + 5), next(3) + 1);
                Holding {
                    start,
                    end,
                    quantity,
                }
            })
            .collect();
        let rules = SlotRules {
            unit: Minutes(15),
            buffer_after: after,
            ..rules(400)
        };
        let free = free_slots(&always(), Rome, &rules, &holdings, from, from, to, 0);
        assert_eq!(free.len(), 31 * 96);
        for slot in &free {
            let level = |at: DateTime<Utc>| -> u32 {
                let active = holdings
                    .iter()
                    .filter(|h| h.start <= at && at < h.end + after);
                active.map(|h| h.quantity).sum()
            };
            let (low, high) = (slot.start, slot.end + after);
            let inside = holdings
                .iter()
                .map(|h| h.start)
                .filter(|s| low < *s && *s < high);
            assert_eq!(
                slot.remaining,
                400 - inside.chain([low]).map(level).max().unwrap()
            );
        }
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

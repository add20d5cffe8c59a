//! Capacity arithmetic: how much of a listing the bookings that hold
//! capacity use at any instant, buffers included, as a step function swept
//! once per calendar. Pure; `capacity` applies it under the listing lock.

use chrono::{DateTime, Duration, Utc};

use crate::listings::hours::{Interval, Span};

/// An instant where the held quantity changes, and the level from then on.
type Step = (DateTime<Utc>, i64);

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

/// `instant + by`, pinned to the representable range instead of panicking.
pub(crate) fn shift(instant: DateTime<Utc>, by: Duration) -> DateTime<Utc> {
    let limit = if by < Duration::zero() {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    };
    instant.checked_add_signed(by).unwrap_or(limit)
}

/// `[start, end)` widened by the buffers; a negative buffer counts as none.
pub(crate) fn footprint(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    before: Duration,
    after: Duration,
) -> Span {
    let zero = Duration::zero();
    (shift(start, -before.max(zero)), shift(end, after.max(zero)))
}

/// Held quantity as a step function: each instant it changes at, with the level from there on.
pub(crate) fn usage_steps(holdings: &[Holding], before: Duration, after: Duration) -> Vec<Step> {
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
pub(crate) fn peak(steps: &[Step], (from, to): Span) -> u32 {
    let first = steps.partition_point(|s| s.0 <= from).saturating_sub(1);
    let end = steps.partition_point(|s| s.0 < to);
    let within = steps.get(first..end).unwrap_or_default();
    let highest = within.iter().map(|s| s.1).max().unwrap_or(0);
    u32::try_from(highest.max(0)).unwrap_or(u32::MAX)
}

//! Free slots: the listing's slot grid inside lead time and horizon, each
//! with the capacity the holding bookings leave. Pure.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::listings::hours::{BookingUnit, Interval, OpeningHours};
use crate::listings::slot_grid::candidate_slots;

use super::usage::{Holding, footprint, peak, shift, usage_steps};

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

#[cfg(test)]
mod tests {
    use super::super::usage::peak_usage;
    use super::*;
    use crate::listings::hours::test_support::*;
    use BookingUnit::{Hour, Minutes};
    use chrono_tz::Europe::Rome;

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
}

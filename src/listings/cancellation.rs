//! A listing's cancellation policy: refund tiers by notice, their validation,
//! the refund due for a cancellation, and the schedule shown to customers.

use chrono::{DateTime, TimeDelta, Utc};

use crate::error::{AppError, AppResult};
use crate::money::Money;
use crate::msg;

/// The most tiers a policy may have.
pub const MAX_TIERS: usize = 10;

/// The longest notice a tier may ask for, in hours: one year.
pub const MAX_NOTICE_HOURS: u32 = 8_760;

/// Cancelling at least `min_notice_hours` before the start refunds `refund_percent` %.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefundTier {
    /// The notice, in hours before the start, that this tier needs.
    pub min_notice_hours: u32,
    /// The share of what was paid that is refunded, 0 to 100.
    pub refund_percent: u8,
}

/// The refund tiers of a listing; a cancellation gets the tier with the
/// longest notice it meets, or nothing if it meets none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancellationPolicy {
    /// The tiers, in any order.
    pub tiers: Vec<RefundTier>,
}

impl Default for CancellationPolicy {
    fn default() -> Self {
        CancellationPolicy::flexible()
    }
}

impl CancellationPolicy {
    /// The default policy: full refund until 48 h before, half until 24 h, then nothing.
    pub fn flexible() -> CancellationPolicy {
        CancellationPolicy {
            tiers: vec![
                RefundTier {
                    min_notice_hours: 48,
                    refund_percent: 100,
                },
                RefundTier {
                    min_notice_hours: 24,
                    refund_percent: 50,
                },
            ],
        }
    }

    /// Checks the tiers; errors name `{field_prefix}.tiers` or a field of
    /// `{field_prefix}.tiers[i]`.
    pub fn validate(&self, field_prefix: &str) -> AppResult<()> {
        if self.tiers.len() > MAX_TIERS {
            return Err(AppError::validation(
                format!("{field_prefix}.tiers"),
                msg!("cancellation-too-many-tiers", max = MAX_TIERS),
            ));
        }
        let field = |i: usize, name: &str| format!("{field_prefix}.tiers[{i}].{name}");
        for (i, tier) in self.tiers.iter().enumerate() {
            if tier.refund_percent > 100 {
                return Err(AppError::validation(
                    field(i, "refundPercent"),
                    msg!("cancellation-refund-over-100"),
                ));
            }
            if tier.min_notice_hours > MAX_NOTICE_HOURS {
                return Err(AppError::validation(
                    field(i, "minNoticeHours"),
                    msg!("cancellation-notice-too-long", max = MAX_NOTICE_HOURS),
                ));
            }
        }
        // Each tier is compared with the earlier ones so that the error points
        // at the later of the two, the one the client most likely just added.
        for (i, tier) in self.tiers.iter().enumerate() {
            for other in &self.tiers[..i] {
                if tier.min_notice_hours == other.min_notice_hours {
                    return Err(AppError::validation(
                        field(i, "minNoticeHours"),
                        msg!("cancellation-duplicate-notice"),
                    ));
                }
                let longer_refunds_less = (tier.min_notice_hours > other.min_notice_hours
                    && tier.refund_percent < other.refund_percent)
                    || (tier.min_notice_hours < other.min_notice_hours
                        && tier.refund_percent > other.refund_percent);
                if longer_refunds_less {
                    return Err(AppError::validation(
                        field(i, "refundPercent"),
                        msg!("cancellation-earlier-refunds-less"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The percentage refunded for a cancellation `notice` before the start;
    /// 0 when cancelled after the start or when no tier is met.
    pub fn refund_percent(&self, notice: TimeDelta) -> u8 {
        if notice < TimeDelta::zero() {
            return 0;
        }
        self.tiers
            .iter()
            .filter(|tier| notice >= TimeDelta::hours(i64::from(tier.min_notice_hours)))
            .max_by_key(|tier| tier.min_notice_hours)
            .map_or(0, |tier| tier.refund_percent.min(100))
    }

    /// What to give back of `paid` for a cancellation `notice` before the
    /// start, rounded down to the minor unit.
    pub fn refund_due(&self, paid: &Money, notice: chrono::Duration) -> Money {
        // Rounding down means the customer never receives more than the tier
        // promises, and the provider never pays out a cent it did not agree
        // to; the half cent at most goes to the provider. A non-positive
        // payment has nothing to refund.
        let percent = i128::from(self.refund_percent(notice));
        let paid_amount = i128::from(paid.amount.max(0));
        // `percent <= 100`, so the result is at most `paid.amount` and fits.
        let amount = i64::try_from(paid_amount * percent / 100).unwrap_or(0);
        Money::new(amount, paid.currency)
    }

    /// For a booking starting at `start`: each instant (inclusive) until which
    /// a percentage is refunded, earliest first; after the last one, nothing.
    pub fn schedule(&self, start: DateTime<Utc>) -> Vec<(DateTime<Utc>, u8)> {
        let mut tiers = self.tiers.clone();
        // Longest notice first is earliest deadline first.
        tiers.sort_by_key(|tier| std::cmp::Reverse(tier.min_notice_hours));
        let mut schedule: Vec<(DateTime<Utc>, u8)> = Vec::with_capacity(tiers.len());
        for tier in tiers {
            let until = start
                .checked_sub_signed(TimeDelta::hours(i64::from(tier.min_notice_hours)))
                // Only unvalidated notices reach that far back; "always" is
                // the honest reading of such a deadline.
                .unwrap_or(DateTime::<Utc>::MIN_UTC);
            let percent = tier.refund_percent.min(100);
            match schedule.last_mut() {
                // Same percentage as the previous deadline: that deadline is
                // not where anything changes, so only the later one is shown.
                Some(last) if last.1 == percent => *last = (until, percent),
                // A duplicated notice: the later-listed tier decides, as in
                // `refund_percent`.
                Some(last) if last.0 == until => *last = (until, percent),
                _ => schedule.push((until, percent)),
            }
        }
        // "0 % until …" says nothing the customer needs: after the last
        // deadline the refund is 0 % anyway.
        while schedule.last().is_some_and(|&(_, percent)| percent == 0) {
            schedule.pop();
        }
        schedule
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use chrono::TimeZone;

    fn eur(amount: i64) -> Money {
        Money::new(amount, Currency::EUR)
    }

    fn tier(min_notice_hours: u32, refund_percent: u8) -> RefundTier {
        RefundTier {
            min_notice_hours,
            refund_percent,
        }
    }

    fn field_of(err: AppError) -> String {
        match err {
            AppError::Validation { field, .. } => field.into_owned(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    fn invalid_field(tiers: Vec<RefundTier>) -> String {
        let err = CancellationPolicy { tiers }
            .validate("input.cancellationPolicy")
            .unwrap_err();
        field_of(err)
    }

    #[test]
    fn flexible_refunds_by_notice() {
        let policy = CancellationPolicy::flexible();
        let paid = eur(10_000);
        let at = |minutes: i64| policy.refund_due(&paid, TimeDelta::minutes(minutes));
        assert_eq!(at(49 * 60), eur(10_000));
        assert_eq!(
            at(48 * 60),
            eur(10_000),
            "exactly 48 h still meets the tier"
        );
        assert_eq!(at(48 * 60 - 1), eur(5_000));
        assert_eq!(at(47 * 60), eur(5_000));
        assert_eq!(at(24 * 60), eur(5_000));
        assert_eq!(at(23 * 60), eur(0));
        assert_eq!(at(0), eur(0));
        assert_eq!(at(-60), eur(0), "after the start nothing is refunded");
    }

    #[test]
    fn after_start_is_nothing_even_with_a_zero_hour_tier() {
        let policy = CancellationPolicy {
            tiers: vec![tier(0, 30)],
        };
        assert_eq!(policy.refund_due(&eur(1000), TimeDelta::zero()), eur(300));
        assert_eq!(
            policy.refund_due(&eur(1000), TimeDelta::seconds(-1)),
            eur(0)
        );
    }

    #[test]
    fn odd_amounts_round_down() {
        let policy = CancellationPolicy::flexible();
        assert_eq!(policy.refund_due(&eur(999), TimeDelta::hours(30)), eur(499));
        assert_eq!(policy.refund_due(&eur(1), TimeDelta::hours(30)), eur(0));
        let thirds = CancellationPolicy {
            tiers: vec![tier(0, 33)],
        };
        assert_eq!(thirds.refund_due(&eur(1999), TimeDelta::hours(1)), eur(659));
    }

    #[test]
    fn refund_never_exceeds_paid() {
        let policies = [
            CancellationPolicy::flexible(),
            CancellationPolicy {
                tiers: vec![tier(0, 100), tier(12, 100), tier(72, 100)],
            },
            CancellationPolicy {
                tiers: vec![tier(6, 1), tier(100, 99), tier(36, 67)],
            },
            CancellationPolicy { tiers: vec![] },
        ];
        for policy in &policies {
            for paid in [0, 1, 2, 3, 99, 999, 1999, 10_000, 1_234_567, i64::MAX] {
                for hours in -2..=200 {
                    let refund = policy.refund_due(&eur(paid), TimeDelta::hours(hours));
                    assert!(
                        refund.amount >= 0 && refund.amount <= paid,
                        "{policy:?} {paid} {hours}"
                    );
                    assert_eq!(refund.currency, Currency::EUR);
                }
            }
        }
        assert_eq!(
            CancellationPolicy::flexible().refund_due(&eur(-500), TimeDelta::hours(100)),
            eur(0)
        );
    }

    #[test]
    fn the_longest_met_notice_wins_whatever_the_order() {
        let policy = CancellationPolicy {
            tiers: vec![tier(24, 50), tier(168, 100), tier(72, 80)],
        };
        assert_eq!(policy.refund_percent(TimeDelta::hours(200)), 100);
        assert_eq!(policy.refund_percent(TimeDelta::hours(100)), 80);
        assert_eq!(policy.refund_percent(TimeDelta::hours(30)), 50);
        assert_eq!(policy.refund_percent(TimeDelta::hours(10)), 0);
    }

    #[test]
    fn valid_policies_pass() {
        let valid = [
            CancellationPolicy::flexible(),
            CancellationPolicy::default(),
            CancellationPolicy { tiers: vec![] },
            CancellationPolicy {
                tiers: vec![tier(0, 0)],
            },
            CancellationPolicy {
                tiers: vec![tier(24, 50), tier(MAX_NOTICE_HOURS, 100), tier(72, 50)],
            },
            CancellationPolicy {
                tiers: (0..10).map(|i| tier(i * 10, 100)).collect(),
            },
        ];
        for policy in valid {
            assert!(
                policy.validate("input.cancellationPolicy").is_ok(),
                "{policy:?}"
            );
        }
    }

    #[test]
    fn validation_errors_name_the_field() {
        assert_eq!(
            invalid_field(vec![tier(48, 100), tier(24, 50), tier(12, 101)]),
            "input.cancellationPolicy.tiers[2].refundPercent"
        );
        assert_eq!(
            invalid_field((0..11).map(|i| tier(i, 0)).collect()),
            "input.cancellationPolicy.tiers"
        );
        assert_eq!(
            invalid_field(vec![tier(48, 100), tier(48, 100)]),
            "input.cancellationPolicy.tiers[1].minNoticeHours"
        );
        assert_eq!(
            invalid_field(vec![tier(MAX_NOTICE_HOURS + 1, 100)]),
            "input.cancellationPolicy.tiers[0].minNoticeHours"
        );
        // A longer notice refunding less, in either listing order.
        assert_eq!(
            invalid_field(vec![tier(24, 50), tier(48, 40)]),
            "input.cancellationPolicy.tiers[1].refundPercent"
        );
        assert_eq!(
            invalid_field(vec![tier(48, 40), tier(72, 100), tier(24, 50)]),
            "input.cancellationPolicy.tiers[2].refundPercent"
        );
    }

    #[test]
    fn schedule_lists_deadlines_earliest_first() {
        let start = Utc.with_ymd_and_hms(2026, 3, 10, 10, 0, 0).unwrap();
        let day = |d: u32, h: u32| Utc.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap();
        assert_eq!(
            CancellationPolicy::flexible().schedule(start),
            vec![(day(8, 10), 100), (day(9, 10), 50)]
        );
        // Unsorted input, a repeated percentage and a trailing 0 % tier.
        let policy = CancellationPolicy {
            tiers: vec![
                tier(0, 0),
                tier(24, 50),
                tier(168, 100),
                tier(72, 100),
                tier(6, 0),
            ],
        };
        assert_eq!(
            policy.schedule(start),
            vec![(day(7, 10), 100), (day(9, 10), 50)]
        );
        assert!(
            CancellationPolicy { tiers: vec![] }
                .schedule(start)
                .is_empty()
        );
        assert_eq!(
            CancellationPolicy {
                tiers: vec![tier(0, 30)]
            }
            .schedule(start),
            vec![(start, 30)]
        );
    }

    #[test]
    fn schedule_agrees_with_refund_due() {
        let start = Utc.with_ymd_and_hms(2026, 3, 10, 10, 0, 0).unwrap();
        let policies = [
            CancellationPolicy::flexible(),
            CancellationPolicy {
                tiers: vec![tier(0, 10), tier(5, 20), tier(50, 20), tier(120, 100)],
            },
        ];
        for policy in &policies {
            let schedule = policy.schedule(start);
            for minutes in -120..=(200 * 60) {
                let cancelled = start - TimeDelta::minutes(minutes);
                let shown = schedule
                    .iter()
                    .find(|(until, _)| cancelled <= *until)
                    .map_or(0, |&(_, percent)| percent);
                assert_eq!(shown, policy.refund_percent(TimeDelta::minutes(minutes)));
            }
        }
    }
}

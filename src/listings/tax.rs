//! A listing's tax rate (VAT, IVA) and the tax a price includes.
//!
//! Prices are what the customer pays, tax included: the tax is taken out of
//! the gross, never added on top, so a room at 122.00 with a 22 % rate costs
//! 122.00, of which 22.00 is tax. In integer minor units:
//! `tax = round_half_up(gross × rate / (10 000 + rate))`.
//!
//! The hub's commission is a share of the same gross, so a high commission
//! and a high rate together could leave the provider less than nothing. A
//! rate is accepted only when, beside the hub's commission, it leaves the
//! provider something for every gross ([`TaxRate::fits_beside`]); see
//! `pricing` for what a quote does if the commission changed afterwards.

use crate::error::{AppError, AppResult};
use crate::money::{BPS_PER_WHOLE, MAX_TAX_RATE_BPS, Money};
use crate::msg;

/// A tax rate in basis points (2200 is 22 %), from 0 (no tax) to
/// [`TaxRate::MAX_BPS`]; valid by construction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct TaxRate(u32);

impl TaxRate {
    /// No tax.
    pub const NONE: TaxRate = TaxRate(0);

    /// The highest rate a listing may set, 50 %.
    pub const MAX_BPS: u32 = MAX_TAX_RATE_BPS;

    /// Reads a rate a client entered; the error names `field`.
    pub fn parse(raw: i32, field: &'static str) -> AppResult<TaxRate> {
        u32::try_from(raw)
            .ok()
            .and_then(TaxRate::from_bps)
            .ok_or_else(|| {
                AppError::validation(
                    field,
                    msg!("listing-tax-rate-range", max = TaxRate::MAX_BPS),
                )
            })
    }

    /// A rate in basis points, if within range.
    pub fn from_bps(bps: u32) -> Option<TaxRate> {
        (bps <= TaxRate::MAX_BPS).then_some(TaxRate(bps))
    }

    /// A rate read from storage, if within range (a stored rate out of range
    /// is corrupt, never a default).
    pub fn from_stored(raw: i32) -> Option<TaxRate> {
        u32::try_from(raw).ok().and_then(TaxRate::from_bps)
    }

    /// The rate in basis points.
    pub fn bps(self) -> u32 {
        self.0
    }

    /// The rate in basis points, as stored and shown.
    pub fn as_i32(self) -> i32 {
        // At most `MAX_BPS`, so always in range.
        i32::try_from(self.0).unwrap_or(i32::MAX)
    }

    /// The tax within `gross`, which includes it: `gross × rate / (10 000 +
    /// rate)`, rounded half up to whole minor units.
    pub fn included_in(self, gross: &Money) -> Money {
        gross.fraction(u64::from(self.0), u64::from(BPS_PER_WHOLE + self.0))
    }

    /// The highest rate that leaves the provider something beside a
    /// commission of `commission_bps` on the gross, whatever the gross:
    /// the largest `r` with `commission × (10 000 + r) ≤ 10 000²`, at most
    /// [`TaxRate::MAX_BPS`].
    pub fn highest_beside(commission_bps: u32) -> TaxRate {
        let whole = u64::from(BPS_PER_WHOLE);
        let highest = match u64::from(commission_bps) {
            0 => u64::from(TaxRate::MAX_BPS),
            commission => (whole * whole / commission).saturating_sub(whole),
        };
        TaxRate(u32::try_from(highest.min(u64::from(TaxRate::MAX_BPS))).unwrap_or(0))
    }

    /// Whether this rate, beside a commission of `commission_bps` on the
    /// gross, leaves the provider something for every gross. With both
    /// shares rounded half up, the exact shares summing to at most the gross
    /// keeps the rounded ones within it too (the unit tests walk the edges).
    pub fn fits_beside(self, commission_bps: u32) -> bool {
        self <= TaxRate::highest_beside(commission_bps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn eur(amount: i64) -> Money {
        Money::new(amount, Currency::EUR)
    }

    fn rate(bps: u32) -> TaxRate {
        TaxRate::from_bps(bps).unwrap()
    }

    #[test]
    fn italian_vat_is_taken_out_of_the_price_not_added_to_it() {
        // 122.00 with 22 % IVA included: 22.00 of it is tax.
        assert_eq!(rate(2200).included_in(&eur(12_200)), eur(2_200));
        // 110.00 at 10 %, 104.00 at 4 %.
        assert_eq!(rate(1000).included_in(&eur(11_000)), eur(1_000));
        assert_eq!(rate(400).included_in(&eur(10_400)), eur(400));
        // 100.00 at 22 %: 18.0327… → 18.03.
        assert_eq!(rate(2200).included_in(&eur(10_000)), eur(1_803));
    }

    #[test]
    fn halves_round_up_and_just_under_half_rounds_down() {
        // 3 at 20 %: 3 × 2000 / 12 000 = 0.5 → 1; 9 → 1.5 → 2.
        assert_eq!(rate(2000).included_in(&eur(3)), eur(1));
        assert_eq!(rate(2000).included_in(&eur(9)), eur(2));
        // 13 at 4 %: 13 × 400 / 10 400 = 0.5 → 1; 12 → 0.46 → 0.
        assert_eq!(rate(400).included_in(&eur(13)), eur(1));
        assert_eq!(rate(400).included_in(&eur(12)), eur(0));
    }

    #[test]
    fn no_rate_is_no_tax_and_the_highest_rate_is_a_third_of_the_price() {
        for gross in [0, 1, 999, 12_200, 10_000_000_000] {
            assert_eq!(TaxRate::NONE.included_in(&eur(gross)), eur(0));
        }
        let highest = rate(TaxRate::MAX_BPS);
        assert_eq!(highest.included_in(&eur(15_000)), eur(5_000));
        assert_eq!(highest.included_in(&eur(1)), eur(0), "0.33 → 0");
        assert_eq!(highest.included_in(&eur(2)), eur(1), "0.67 → 1");
        assert_eq!(highest.included_in(&eur(0)), eur(0));
        // No overflow at the largest amounts.
        assert_eq!(highest.included_in(&eur(i64::MAX)).amount, i64::MAX / 3);
    }

    #[test]
    fn rates_outside_0_to_5000_are_refused_naming_the_field() {
        for ok in [0, 400, 1000, 2200, 5000] {
            assert_eq!(TaxRate::parse(ok, "input.taxRateBps").unwrap().as_i32(), ok);
        }
        for bad in [-1, 5001, 22_000, i32::MIN, i32::MAX] {
            match TaxRate::parse(bad, "input.taxRateBps") {
                Err(AppError::Validation { field, message }) => {
                    assert_eq!(field, "input.taxRateBps");
                    assert_eq!(message.id(), "listing-tax-rate-range");
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert_eq!(TaxRate::from_stored(-1), None);
        assert_eq!(TaxRate::from_stored(5001), None);
        assert_eq!(TaxRate::from_stored(2200), Some(rate(2200)));
    }

    #[test]
    fn the_highest_rate_beside_a_commission_leaves_the_provider_something() {
        assert_eq!(TaxRate::highest_beside(0).bps(), 5000);
        assert_eq!(TaxRate::highest_beside(6666).bps(), 5000);
        assert_eq!(TaxRate::highest_beside(6667).bps(), 4999);
        assert_eq!(TaxRate::highest_beside(8000).bps(), 2500);
        assert_eq!(TaxRate::highest_beside(9000).bps(), 1111);
        assert_eq!(TaxRate::highest_beside(10_000).bps(), 0);
        assert_eq!(TaxRate::highest_beside(u32::MAX).bps(), 0);
        assert!(rate(2200).fits_beside(8000));
        assert!(!rate(2600).fits_beside(8000));
    }

    #[test]
    fn a_fitting_rate_and_its_commission_never_exceed_the_gross() {
        // Every commission, the highest rate beside it, every gross up to a
        // few hundred euros: the rounded shares stay within the gross.
        for commission in (0..=10_000).step_by(7).chain([6666, 8000, 9000, 10_000]) {
            let tax = TaxRate::highest_beside(commission);
            assert!(tax.fits_beside(commission));
            for gross in (0..600).chain((600..60_000).step_by(101)) {
                let gross = eur(gross);
                let shares = gross.percent_of(commission).amount + tax.included_in(&gross).amount;
                assert!(shares <= gross.amount, "{commission} {tax:?} {gross:?}");
            }
            // One basis point more no longer fits, and some gross shows why.
            if let Some(above) = TaxRate::from_bps(tax.bps() + 1) {
                assert!(!above.fits_beside(commission));
                let gross = eur(10_000_000_000);
                let shares = gross.percent_of(commission).amount + above.included_in(&gross).amount;
                assert!(shares > gross.amount, "{commission} {above:?}");
            }
        }
    }
}

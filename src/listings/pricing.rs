//! A listing's price rule, its validation, and the quote of a booking: the
//! priced lines, the gross, the platform commission, the tax the gross
//! includes and the provider's net.
//!
//! How a quote is built, so that the lines always sum to the gross:
//!
//! - `Free`: no lines; gross, commission and net are zero.
//! - `PerUnit`: one `Base` line, `units × unit_price`; the seats do not count.
//! - `PerUnitAndSeat`: a `Base` line for the first seat, `units × unit_price`,
//!   and, when more than one seat is booked, a `Seats` line for the others,
//!   `units × (seats − 1) × unit_price`.
//! - A hub member, when the rule has a member price below the normal one,
//!   gets a `MemberDiscount` line with the negative per-item difference
//!   `member_unit_price − unit_price` over every charged item (`units`, or
//!   `units × seats` for `PerUnitAndSeat`).
//!
//! Every line's `amount` is exactly `quantity × unit_amount`, and the gross is
//! computed as the sum of the lines, never separately, so the two cannot
//! disagree. The commission is the gross's `commission_bps` rounded half up,
//! the tax is the part of the gross its rate includes (see `tax`), and the
//! provider's net is what is left: `gross − commission − tax`.
//!
//! Commission and tax never take more than the gross. A listing's rate that,
//! beside the hub's commission, could leave the provider less than nothing
//! is refused when it is set (`commands`), so normally the commission is
//! exactly its rate of the gross. Should the hub's commission have risen
//! since the rate was set, the tax is still owed in full and the provider's
//! net never goes below zero: the hub's commission gives way, down to
//! `gross − tax`. A hub that raised its rate after its providers set theirs
//! takes what is left, never the state's share.

use std::fmt;

use crate::error::{AppError, AppResult};
use crate::money::{BPS_PER_WHOLE, Currency, Money, parse_amount};
use crate::msg;

use super::tax::TaxRate;

/// How a listing is priced; amounts are minor units of the listing's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceRule {
    /// Nothing to pay.
    Free,
    /// A price per booking unit, whatever the seats.
    PerUnit {
        /// The price of one unit.
        unit_price: i64,
        /// The price of one unit for hub members, at most `unit_price`.
        member_unit_price: Option<i64>,
    },
    /// A price per booking unit for each seat booked.
    PerUnitAndSeat {
        /// The price of one unit for one seat.
        unit_price: i64,
        /// The price of one unit for one seat for hub members, at most `unit_price`.
        member_unit_price: Option<i64>,
    },
}

impl PriceRule {
    /// Checks the prices; errors name `{field_prefix}.unitPrice` or
    /// `{field_prefix}.memberUnitPrice`.
    pub fn validate(&self, field_prefix: &str) -> AppResult<()> {
        let (unit_price, member_unit_price) = match *self {
            PriceRule::Free => return Ok(()),
            PriceRule::PerUnit {
                unit_price,
                member_unit_price,
            }
            | PriceRule::PerUnitAndSeat {
                unit_price,
                member_unit_price,
            } => (unit_price, member_unit_price),
        };
        parse_amount(unit_price, format!("{field_prefix}.unitPrice"))?;
        if let Some(member_unit_price) = member_unit_price {
            let field = format!("{field_prefix}.memberUnitPrice");
            parse_amount(member_unit_price, field.clone())?;
            if member_unit_price > unit_price {
                return Err(AppError::validation(
                    field,
                    msg!("price-member-above-normal"),
                ));
            }
        }
        Ok(())
    }

    /// The highest price of one unit (for one seat) anyone pays; 0 when free.
    pub fn max_unit_price(&self) -> i64 {
        // The normal price, not the member one: a price-ceiling filter must
        // not show a listing that a non-member would find above the ceiling.
        match *self {
            PriceRule::Free => 0,
            PriceRule::PerUnit { unit_price, .. }
            | PriceRule::PerUnitAndSeat { unit_price, .. } => unit_price,
        }
    }
}

/// The priced breakdown of a booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The lines, in the order `Base`, `Seats`, `MemberDiscount`; they sum to `gross`.
    pub lines: Vec<QuoteLine>,
    /// What the customer pays.
    pub gross: Money,
    /// The platform's share of the gross.
    pub commission: Money,
    /// The tax the gross includes.
    pub tax: Money,
    /// The rate `tax` was computed at.
    pub tax_rate: TaxRate,
    /// The provider's share: `gross − commission − tax`.
    pub provider_net: Money,
}

/// One line of a quote: `amount` is `quantity × unit_amount`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteLine {
    /// What the line charges for.
    pub kind: QuoteLineKind,
    /// How many items the line counts.
    pub quantity: u32,
    /// The amount per item in minor units; negative for a discount.
    pub unit_amount: i64,
    /// `quantity × unit_amount`, in the quote's currency.
    pub amount: Money,
}

/// What a quote line charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteLineKind {
    /// The booked units at the normal price (for the first seat, when priced per seat).
    Base,
    /// The seats beyond the first, per unit, at the normal price.
    Seats,
    /// The hub-member reduction over every charged item; a negative amount.
    MemberDiscount,
}

/// Prices `units` units with `seats` seats under `rule`, taking
/// `commission_bps` basis points of the gross as commission and the tax
/// that `tax_rate` includes in it.
///
/// `units` and `seats` must be at least 1 (validation errors on `input.units`
/// and `input.seats`); a rate above 100 % or an invalid stored rule is an
/// internal fault.
pub fn quote(
    rule: &PriceRule,
    currency: Currency,
    units: u32,
    seats: u32,
    is_member: bool,
    commission_bps: u32,
    tax_rate: TaxRate,
) -> AppResult<Quote> {
    if units == 0 {
        return Err(AppError::validation(
            "input.units",
            msg!("price-at-least-one-unit"),
        ));
    }
    if seats == 0 {
        return Err(AppError::validation(
            "input.seats",
            msg!("price-at-least-one-seat"),
        ));
    }
    if commission_bps > BPS_PER_WHOLE {
        return Err(Fault::CommissionAboveWhole(commission_bps).into());
    }
    // Rules are validated when saved; one that fails now was corrupted in
    // storage, and pricing it would produce negative or nonsensical totals.
    if rule.validate("price").is_err() {
        return Err(Fault::InvalidRule(*rule).into());
    }

    let lines = match *rule {
        PriceRule::Free => Vec::new(),
        PriceRule::PerUnit {
            unit_price,
            member_unit_price,
        } => {
            let mut lines = vec![line(QuoteLineKind::Base, units, unit_price, currency)?];
            lines.extend(discount(
                unit_price,
                member_unit_price,
                is_member,
                units,
                currency,
            )?);
            lines
        }
        PriceRule::PerUnitAndSeat {
            unit_price,
            member_unit_price,
        } => {
            let mut lines = vec![line(QuoteLineKind::Base, units, unit_price, currency)?];
            if seats > 1 {
                let extra = units.checked_mul(seats - 1).ok_or(Fault::Overflow)?;
                lines.push(line(QuoteLineKind::Seats, extra, unit_price, currency)?);
            }
            let items = units.checked_mul(seats).ok_or(Fault::Overflow)?;
            lines.extend(discount(
                unit_price,
                member_unit_price,
                is_member,
                items,
                currency,
            )?);
            lines
        }
    };

    let gross = lines
        .iter()
        .try_fold(Money::zero(currency), |sum, line| sum.add(&line.amount))?;
    let tax = tax_rate.included_in(&gross);
    let untaxed = gross.sub(&tax)?;
    // See the module's notes: the commission gives way, the tax does not.
    let commission = Money::new(
        gross.percent_of(commission_bps).amount.min(untaxed.amount),
        currency,
    );
    let provider_net = untaxed.sub(&commission)?;
    Ok(Quote {
        lines,
        gross,
        commission,
        tax,
        tax_rate,
        provider_net,
    })
}

fn line(
    kind: QuoteLineKind,
    quantity: u32,
    unit_amount: i64,
    currency: Currency,
) -> AppResult<QuoteLine> {
    Ok(QuoteLine {
        kind,
        quantity,
        unit_amount,
        amount: Money::new(unit_amount, currency).times(quantity)?,
    })
}

/// The member-discount line, if this customer gets one.
fn discount(
    unit_price: i64,
    member_unit_price: Option<i64>,
    is_member: bool,
    items: u32,
    currency: Currency,
) -> AppResult<Option<QuoteLine>> {
    match member_unit_price {
        // A member price equal to the normal one would be a zero line: noise.
        Some(member) if is_member && member < unit_price => {
            // Both prices are validated into 0..=MAX_AMOUNT, so this cannot
            // overflow.
            let reduction = member - unit_price;
            line(QuoteLineKind::MemberDiscount, items, reduction, currency).map(Some)
        }
        _ => Ok(None),
    }
}

/// A quote that cannot be computed through no fault of the client.
#[derive(Debug)]
enum Fault {
    CommissionAboveWhole(u32),
    InvalidRule(PriceRule),
    Overflow,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::CommissionAboveWhole(bps) => {
                write!(f, "commission of {bps} bps is above 100 %")
            }
            Fault::InvalidRule(rule) => write!(f, "stored price rule is invalid: {rule:?}"),
            Fault::Overflow => f.write_str("quote quantity overflow"),
        }
    }
}

impl std::error::Error for Fault {}

impl From<Fault> for AppError {
    fn from(fault: Fault) -> AppError {
        AppError::Internal(Box::new(fault))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::MAX_AMOUNT;

    fn eur(amount: i64) -> Money {
        Money::new(amount, Currency::EUR)
    }

    fn field_of(err: AppError) -> String {
        match err {
            AppError::Validation { field, .. } => field.into_owned(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    fn per_unit(unit_price: i64, member_unit_price: Option<i64>) -> PriceRule {
        PriceRule::PerUnit {
            unit_price,
            member_unit_price,
        }
    }

    fn per_seat(unit_price: i64, member_unit_price: Option<i64>) -> PriceRule {
        PriceRule::PerUnitAndSeat {
            unit_price,
            member_unit_price,
        }
    }

    #[test]
    fn valid_rules_pass() {
        for rule in [
            PriceRule::Free,
            per_unit(0, None),
            per_unit(1999, Some(1999)),
            per_seat(1999, Some(0)),
            per_seat(MAX_AMOUNT, Some(MAX_AMOUNT)),
        ] {
            assert!(rule.validate("input.price").is_ok(), "{rule:?}");
        }
    }

    #[test]
    fn invalid_rules_name_the_field() {
        let cases = [
            (per_unit(-1, None), "input.price.unitPrice"),
            (per_seat(MAX_AMOUNT + 1, None), "input.price.unitPrice"),
            (per_unit(1000, Some(-1)), "input.price.memberUnitPrice"),
            (per_seat(1000, Some(1001)), "input.price.memberUnitPrice"),
            (
                per_unit(MAX_AMOUNT, Some(MAX_AMOUNT + 1)),
                "input.price.memberUnitPrice",
            ),
        ];
        for (rule, field) in cases {
            let err = rule.validate("input.price").unwrap_err();
            assert_eq!(field_of(err), field, "{rule:?}");
        }
    }

    #[test]
    fn max_unit_price_is_the_normal_price() {
        assert_eq!(PriceRule::Free.max_unit_price(), 0);
        assert_eq!(per_unit(1999, Some(1500)).max_unit_price(), 1999);
        assert_eq!(per_seat(700, None).max_unit_price(), 700);
    }

    #[test]
    fn per_seat_quote_for_a_member_has_three_lines() {
        let q = quote(
            &per_seat(1999, Some(1500)),
            Currency::EUR,
            2,
            3,
            true,
            850,
            TaxRate::NONE,
        )
        .unwrap();
        let expected = vec![
            QuoteLine {
                kind: QuoteLineKind::Base,
                quantity: 2,
                unit_amount: 1999,
                amount: eur(3998),
            },
            QuoteLine {
                kind: QuoteLineKind::Seats,
                quantity: 4,
                unit_amount: 1999,
                amount: eur(7996),
            },
            QuoteLine {
                kind: QuoteLineKind::MemberDiscount,
                quantity: 6,
                unit_amount: -499,
                amount: eur(-2994),
            },
        ];
        assert_eq!(q.lines, expected);
        assert_eq!(q.gross, eur(9000));
        assert_eq!(q.commission, eur(765));
        assert_eq!(q.provider_net, eur(8235));
    }

    #[test]
    fn per_unit_quote_ignores_seats() {
        let q = quote(
            &per_unit(2500, Some(2000)),
            Currency::EUR,
            3,
            4,
            false,
            1000,
            TaxRate::NONE,
        )
        .unwrap();
        assert_eq!(q.lines.len(), 1);
        assert_eq!(q.lines[0].kind, QuoteLineKind::Base);
        assert_eq!(q.gross, eur(7500));
        assert_eq!(q.commission, eur(750));
        assert_eq!(q.provider_net, eur(6750));
    }

    #[test]
    fn one_seat_has_no_seats_line() {
        let q = quote(
            &per_seat(1000, None),
            Currency::EUR,
            2,
            1,
            false,
            0,
            TaxRate::NONE,
        )
        .unwrap();
        assert_eq!(q.lines.len(), 1);
        assert_eq!(q.gross, eur(2000));
        assert!(q.commission.is_zero());
        assert_eq!(q.provider_net, eur(2000));
    }

    #[test]
    fn member_discount_only_when_it_reduces_something() {
        let no_member_price = quote(
            &per_unit(1000, None),
            Currency::EUR,
            1,
            1,
            true,
            0,
            TaxRate::NONE,
        )
        .unwrap();
        let same_price = quote(
            &per_unit(1000, Some(1000)),
            Currency::EUR,
            1,
            1,
            true,
            0,
            TaxRate::NONE,
        )
        .unwrap();
        let not_a_member = quote(
            &per_unit(1000, Some(800)),
            Currency::EUR,
            1,
            1,
            false,
            0,
            TaxRate::NONE,
        )
        .unwrap();
        for q in [no_member_price, same_price, not_a_member] {
            assert_eq!(q.lines.len(), 1);
            assert_eq!(q.gross, eur(1000));
        }
        let member = quote(
            &per_unit(1000, Some(0)),
            Currency::EUR,
            1,
            1,
            true,
            850,
            TaxRate::NONE,
        )
        .unwrap();
        assert_eq!(member.lines.len(), 2);
        assert!(member.gross.is_zero());
        assert!(member.commission.is_zero());
    }

    #[test]
    fn free_is_zero_everywhere() {
        let q = quote(
            &PriceRule::Free,
            Currency::EUR,
            3,
            2,
            true,
            850,
            TaxRate::NONE,
        )
        .unwrap();
        assert!(q.lines.is_empty());
        assert!(q.gross.is_zero() && q.commission.is_zero() && q.provider_net.is_zero());
        assert_eq!(q.gross.currency, Currency::EUR);
    }

    #[test]
    fn zero_units_or_seats_are_refused() {
        let rule = per_seat(1000, None);
        let units = quote(&rule, Currency::EUR, 0, 1, false, 0, TaxRate::NONE).unwrap_err();
        assert_eq!(field_of(units), "input.units");
        let seats = quote(&rule, Currency::EUR, 1, 0, false, 0, TaxRate::NONE).unwrap_err();
        assert_eq!(field_of(seats), "input.seats");
    }

    #[test]
    fn bad_configuration_is_internal() {
        let over = quote(
            &per_unit(1000, None),
            Currency::EUR,
            1,
            1,
            false,
            10_001,
            TaxRate::NONE,
        );
        assert!(matches!(over, Err(AppError::Internal(_))));
        let corrupt = quote(
            &per_unit(1000, Some(2000)),
            Currency::EUR,
            1,
            1,
            true,
            0,
            TaxRate::NONE,
        );
        assert!(matches!(corrupt, Err(AppError::Internal(_))));
        let huge = quote(
            &per_seat(MAX_AMOUNT, None),
            Currency::EUR,
            u32::MAX,
            u32::MAX,
            false,
            0,
            TaxRate::NONE,
        );
        assert!(matches!(huge, Err(AppError::Internal(_))));
    }

    /// Commission rates beside tax rates, the ones that do not fit included.
    fn rates() -> Vec<(u32, TaxRate)> {
        let taxes = [0, 1, 400, 1000, 2200, 5000].map(|bps| TaxRate::from_bps(bps).unwrap());
        [0, 1, 850, 3333, 9000, 10_000]
            .into_iter()
            .flat_map(|bps| taxes.map(|tax| (bps, tax)))
            .collect()
    }

    #[test]
    fn a_22_percent_rate_takes_its_tax_out_of_the_gross_beside_the_commission() {
        let iva = TaxRate::from_bps(2200).unwrap();
        // 2 hours at 61.00, IVA included: 122.00, of which 22.00 tax.
        let q = quote(&per_unit(6100, None), Currency::EUR, 2, 1, false, 1000, iva).unwrap();
        assert_eq!(q.gross, eur(12_200));
        assert_eq!(q.tax, eur(2_200));
        assert_eq!(q.tax_rate, iva);
        assert_eq!(q.commission, eur(1_220), "the commission is on the gross");
        assert_eq!(q.provider_net, eur(8_780));
        let free = quote(&PriceRule::Free, Currency::EUR, 1, 1, false, 1000, iva).unwrap();
        assert!(free.tax.is_zero() && free.provider_net.is_zero());
    }

    #[test]
    fn a_commission_raised_past_the_rate_gives_way_to_the_tax() {
        // 90 % commission and 22 % tax on 122.00: 109.80 + 22.00 > 122.00.
        // The tax is owed in full; the hub keeps what is left; the provider
        // is left nothing, never less.
        let iva = TaxRate::from_bps(2200).unwrap();
        assert!(!iva.fits_beside(9000));
        let q = quote(
            &per_unit(12_200, None),
            Currency::EUR,
            1,
            1,
            false,
            9000,
            iva,
        )
        .unwrap();
        assert_eq!(q.tax, eur(2_200));
        assert_eq!(q.commission, eur(10_000));
        assert_eq!(q.provider_net, eur(0));
        // At the highest rate that fits, the commission is untouched.
        let fitting = TaxRate::highest_beside(9000);
        let q = quote(
            &per_unit(12_200, None),
            Currency::EUR,
            1,
            1,
            false,
            9000,
            fitting,
        )
        .unwrap();
        assert_eq!(q.commission, eur(10_980));
        assert_eq!(
            q.tax,
            eur(1_220),
            "11.11 % included in 122.00: 12.1989 → 12.20"
        );
        assert_eq!(q.provider_net, eur(0));
    }

    #[test]
    fn invariants_hold_for_many_combinations() {
        let prices = [
            (0, None),
            (1, Some(0)),
            (1999, None),
            (1999, Some(1499)),
            (2501, Some(2501)),
            (333, Some(1)),
        ];
        let mut checked = 0;
        for (unit_price, member_unit_price) in prices {
            for rule in [
                PriceRule::Free,
                per_unit(unit_price, member_unit_price),
                per_seat(unit_price, member_unit_price),
            ] {
                for units in 1..=5u32 {
                    for seats in 1..=4u32 {
                        for is_member in [false, true] {
                            for (bps, tax) in rates() {
                                let q =
                                    quote(&rule, Currency::EUR, units, seats, is_member, bps, tax)
                                        .unwrap();
                                let ctx = format!(
                                    "{rule:?} u={units} s={seats} m={is_member} bps={bps} {tax:?}"
                                );
                                let sum: i64 = q.lines.iter().map(|l| l.amount.amount).sum();
                                assert_eq!(sum, q.gross.amount, "lines sum to gross: {ctx}");
                                assert_eq!(
                                    q.provider_net
                                        .add(&q.commission)
                                        .unwrap()
                                        .add(&q.tax)
                                        .unwrap(),
                                    q.gross,
                                    "net + commission + tax = gross: {ctx}"
                                );
                                assert_eq!(q.tax, tax.included_in(&q.gross), "{ctx}");
                                if tax.fits_beside(bps) {
                                    assert_eq!(q.commission, q.gross.percent_of(bps), "{ctx}");
                                }
                                assert!(q.gross.amount >= 0, "{ctx}");
                                assert!(q.commission.amount >= 0, "{ctx}");
                                assert!(q.tax.amount >= 0, "{ctx}");
                                assert!(q.provider_net.amount >= 0, "{ctx}");
                                for l in &q.lines {
                                    assert_eq!(
                                        l.amount.amount,
                                        l.unit_amount * i64::from(l.quantity),
                                        "{ctx}"
                                    );
                                    match l.kind {
                                        QuoteLineKind::MemberDiscount => {
                                            assert!(l.amount.amount < 0, "{ctx}")
                                        }
                                        QuoteLineKind::Base | QuoteLineKind::Seats => {
                                            assert!(l.amount.amount >= 0, "{ctx}")
                                        }
                                    }
                                }
                                // The gross matches the price computed directly.
                                let price = match (is_member, member_unit_price) {
                                    (true, Some(member)) => member,
                                    _ => unit_price,
                                };
                                let items = i64::from(units) * i64::from(seats);
                                let direct = match rule {
                                    PriceRule::Free => 0,
                                    PriceRule::PerUnit { .. } => price * i64::from(units),
                                    PriceRule::PerUnitAndSeat { .. } => price * items,
                                };
                                assert_eq!(q.gross.amount, direct, "{ctx}");
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 6 * 3 * 5 * 4 * 2 * rates().len());
    }
}

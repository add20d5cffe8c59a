//! Money: integer amounts in minor units tagged with their currency, the
//! checked arithmetic on them, and the ceiling on amounts a client may enter.
//!
//! Floats never appear here: every amount is an `i64` count of minor units
//! (cents for EUR), so sums are exact and the same input always gives the
//! same figure on every machine.

use std::borrow::Cow;
use std::fmt;

use crate::error::{AppError, AppResult};
use crate::msg;

/// The largest amount a client may enter, in minor units: a million in
/// major units for a two-decimal currency.
pub const MAX_AMOUNT: i64 = 10_000_000_000;

/// One whole, in basis points: 10 000 bps are 100 %.
pub const BPS_PER_WHOLE: u32 = 10_000;

/// The highest tax rate a listing may set, in basis points (50 %): no sales
/// tax comes near it, and above it a slip (22 000 meant as 22 %) is likelier
/// than a rate.
pub const MAX_TAX_RATE_BPS: u32 = 5_000;

/// An ISO 4217 currency code: three upper-case ASCII letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The euro, the currency of most hubs.
    pub const EUR: Currency = Currency(*b"EUR");

    /// Reads a three-letter code in either case (`eur`, `EUR`); `None` otherwise.
    pub fn parse(code: &str) -> Option<Currency> {
        let bytes: [u8; 3] = code.as_bytes().try_into().ok()?;
        bytes
            .iter()
            .all(u8::is_ascii_alphabetic)
            .then(|| Currency(bytes.map(|b| b.to_ascii_uppercase())))
    }

    /// The code as text (`EUR`).
    pub fn as_str(&self) -> &str {
        // `parse` admits ASCII letters only, so the bytes are always UTF-8 and
        // the fallback is unreachable; it keeps this path free of panics.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An amount of money: integer minor units in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// The amount in minor units (cents for EUR); negative for discounts.
    pub amount: i64,
    /// The currency the amount is counted in.
    pub currency: Currency,
}

impl Money {
    /// `amount` minor units of `currency`.
    pub fn new(amount: i64, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// Nothing, in `currency`.
    pub fn zero(currency: Currency) -> Money {
        Money::new(0, currency)
    }

    /// Whether the amount is exactly zero.
    pub fn is_zero(&self) -> bool {
        self.amount == 0
    }

    /// The sum; a currency mismatch or an overflow is an internal fault.
    pub fn add(&self, other: &Money) -> AppResult<Money> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or(Fault::Overflow("add"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// The difference; a currency mismatch or an overflow is an internal fault.
    pub fn sub(&self, other: &Money) -> AppResult<Money> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_sub(other.amount)
            .ok_or(Fault::Overflow("sub"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// The amount taken `n` times; an overflow is an internal fault.
    pub fn times(&self, n: u32) -> AppResult<Money> {
        let amount = self
            .amount
            .checked_mul(i64::from(n))
            .ok_or(Fault::Overflow("times"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// `bps` basis points of the amount, rounded half up (away from zero) to
    /// whole minor units.
    pub fn percent_of(&self, bps: u32) -> Money {
        self.fraction(u64::from(bps), u64::from(BPS_PER_WHOLE))
    }

    /// `numerator / denominator` of the amount, rounded half up (away from
    /// zero) to whole minor units; nothing when `denominator` is 0.
    pub fn fraction(&self, numerator: u64, denominator: u64) -> Money {
        // Shares (commission, tax) must be reproducible to the cent: the same
        // booking has to yield the same figures on every run and every
        // machine, so the rounding is a fixed integer rule rather than
        // whatever a float gives. Only the shares are rounded; the provider's
        // net is derived as what is left, so the parts always add up to the
        // gross exactly. Halves round away from zero so that a reversal (a
        // negative amount) mirrors its charge to the cent.
        if denominator == 0 {
            return Money::zero(self.currency);
        }
        let whole = i128::from(denominator);
        let product = i128::from(self.amount) * i128::from(numerator);
        // floor(x / d + 1/2) = floor((2x + d) / 2d), exact for odd d too.
        let magnitude = (2 * product.abs() + whole) / (2 * whole);
        let rounded = if product < 0 { -magnitude } else { magnitude };
        // Only rates far above 100 % on amounts far above `MAX_AMOUNT` leave
        // the i64 range; saturating keeps this infallible for everyone else.
        let amount =
            i64::try_from(rounded).unwrap_or(if rounded < 0 { i64::MIN } else { i64::MAX });
        Money::new(amount, self.currency)
    }

    fn same_currency(&self, other: &Money) -> AppResult<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Fault::CurrencyMismatch(self.currency, other.currency).into())
        }
    }
}

/// Checks a client-entered amount in minor units: not negative, at most
/// [`MAX_AMOUNT`]; the error names `field`.
pub fn parse_amount(amount: i64, field: impl Into<Cow<'static, str>>) -> AppResult<i64> {
    if amount < 0 {
        return Err(AppError::validation(field, msg!("money-negative")));
    }
    if amount > MAX_AMOUNT {
        return Err(AppError::validation(field, msg!("money-too-large")));
    }
    Ok(amount)
}

/// Arithmetic that cannot happen with validated data: a bug, reported as
/// internal rather than shown to the client.
#[derive(Debug)]
enum Fault {
    CurrencyMismatch(Currency, Currency),
    Overflow(&'static str),
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::CurrencyMismatch(left, right) => {
                write!(f, "money arithmetic across currencies: {left} and {right}")
            }
            Fault::Overflow(op) => write!(f, "money overflow in {op}"),
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

    fn eur(amount: i64) -> Money {
        Money::new(amount, Currency::EUR)
    }

    fn is_internal(result: AppResult<Money>) -> bool {
        matches!(result, Err(AppError::Internal(_)))
    }

    fn field_of(err: AppError) -> String {
        match err {
            AppError::Validation { field, .. } => field.into_owned(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn currency_codes_are_three_letters_upper_cased() {
        assert_eq!(Currency::parse("eur"), Some(Currency::EUR));
        assert_eq!(
            Currency::parse("Chf").map(|c| c.to_string()),
            Some("CHF".to_owned())
        );
        assert_eq!(Currency::EUR.as_str(), "EUR");
        for bad in ["", "EU", "EURO", "E1R", "EU ", "ÉUR", "€"] {
            assert_eq!(Currency::parse(bad), None, "{bad:?} must be refused");
        }
    }

    #[test]
    fn add_and_sub_stay_in_one_currency() {
        assert_eq!(eur(150).add(&eur(-50)).unwrap(), eur(100));
        assert_eq!(eur(150).sub(&eur(200)).unwrap(), eur(-50));
        let chf = Money::new(1, Currency::parse("CHF").unwrap());
        assert!(is_internal(eur(1).add(&chf)));
        assert!(is_internal(eur(1).sub(&chf)));
    }

    #[test]
    fn overflow_is_internal_not_a_wrong_figure() {
        assert!(is_internal(eur(i64::MAX).add(&eur(1))));
        assert!(is_internal(eur(i64::MIN).sub(&eur(1))));
        assert!(is_internal(eur(i64::MAX / 2 + 1).times(2)));
        assert_eq!(eur(1999).times(3).unwrap(), eur(5997));
        assert_eq!(eur(1999).times(0).unwrap(), eur(0));
    }

    #[test]
    fn percent_of_rounds_half_up_in_minor_units() {
        // 1999 × 8.5 % = 169.915 → 170
        assert_eq!(eur(1999).percent_of(850), eur(170));
        // exactly half a cent rounds up, just under half rounds down
        assert_eq!(eur(1).percent_of(5_000), eur(1));
        assert_eq!(eur(1).percent_of(4_999), eur(0));
        assert_eq!(eur(3).percent_of(5_000), eur(2));
        // the identity and zero rates are exact
        assert_eq!(eur(1999).percent_of(10_000), eur(1999));
        assert_eq!(eur(1999).percent_of(0), eur(0));
        // a reversal mirrors its charge
        assert_eq!(eur(-1).percent_of(5_000), eur(-1));
        assert_eq!(eur(-1999).percent_of(850), eur(-170));
        // far out of range saturates instead of panicking
        assert_eq!(eur(i64::MAX).percent_of(u32::MAX).amount, i64::MAX);
    }

    #[test]
    fn fraction_rounds_half_up_with_any_denominator() {
        // 3 / 6 = 0.5 → 1; 2 / 6 = 0.33 → 0; odd denominators round the same way
        assert_eq!(eur(3).fraction(1, 6), eur(1));
        assert_eq!(eur(2).fraction(1, 6), eur(0));
        assert_eq!(eur(7).fraction(1, 3), eur(2));
        assert_eq!(eur(-3).fraction(1, 6), eur(-1));
        assert_eq!(eur(5).fraction(0, 7), eur(0));
        assert_eq!(eur(5).fraction(1, 0), eur(0));
    }

    #[test]
    fn zero_is_zero() {
        assert!(Money::zero(Currency::EUR).is_zero());
        assert!(!eur(-1).is_zero());
    }

    #[test]
    fn parse_amount_refuses_negatives_and_more_than_a_million() {
        assert_eq!(parse_amount(0, "input.amount").unwrap(), 0);
        assert_eq!(
            parse_amount(MAX_AMOUNT, "input.amount").unwrap(),
            MAX_AMOUNT
        );
        assert_eq!(
            field_of(parse_amount(-1, "input.amount").unwrap_err()),
            "input.amount"
        );
        assert_eq!(
            field_of(parse_amount(MAX_AMOUNT + 1, String::from("input.price")).unwrap_err()),
            "input.price"
        );
    }
}

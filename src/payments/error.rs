//! Everything a payment operation can be refused for, as values, turned into
//! the client's answer in one place. No `Display`, like `AppError`.

use crate::error::AppError;
use crate::msg;

/// Why a payment operation is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentError {
    /// The booking is free: there is nothing to pay.
    NotRequired,
    /// The booking was called off before it was paid.
    BookingClosed,
    /// The payment was already recorded.
    AlreadyPaid,
    /// A refund of nothing or less.
    RefundNotPositive,
    /// A refund of more than is left of what was received.
    RefundTooMuch {
        /// The most that can still be given back, in minor units.
        max: i64,
    },
    /// A report whose end comes before its start.
    ReportEndBeforeStart,
    /// Paid online: the desk does not record it.
    PaidOnline,
    /// A request whose card was not authorised cannot be approved yet.
    NotAuthorized,
    /// The hub cannot take payments online: the server has no Stripe account.
    StripeNotConfigured,
    /// Connect needs the organization to onboard first.
    NoPayoutAccount,
}

impl From<PaymentError> for AppError {
    fn from(err: PaymentError) -> AppError {
        use PaymentError::*;
        match err {
            NotRequired => AppError::Conflict(msg!("payment-not-required")),
            BookingClosed => AppError::Conflict(msg!("payment-booking-closed")),
            AlreadyPaid => AppError::Conflict(msg!("payment-already-paid")),
            RefundNotPositive => AppError::validation("amount", msg!("payment-refund-positive")),
            RefundTooMuch { max } => {
                AppError::validation("amount", msg!("payment-refund-too-much", max = max))
            }
            ReportEndBeforeStart => AppError::validation("to", msg!("input-end-before-start")),
            PaidOnline => AppError::Conflict(msg!("payment-paid-online")),
            NotAuthorized => AppError::Conflict(msg!("payment-not-authorized")),
            StripeNotConfigured => {
                AppError::validation("input.provider", msg!("payment-stripe-not-configured"))
            }
            NoPayoutAccount => AppError::Conflict(msg!("payment-no-payout-account")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_a_code_and_a_sentence() {
        let samples = [
            PaymentError::NotRequired,
            PaymentError::BookingClosed,
            PaymentError::AlreadyPaid,
            PaymentError::RefundNotPositive,
            PaymentError::RefundTooMuch { max: 2500 },
            PaymentError::ReportEndBeforeStart,
            PaymentError::PaidOnline,
            PaymentError::NotAuthorized,
            PaymentError::StripeNotConfigured,
            PaymentError::NoPayoutAccount,
        ];
        crate::error::assert_typed_and_worded(&samples);
    }
}

//! The money rules of a booking's payment, pure: what the ledger adds up
//! to, the status it means, and whether a receipt or a refund may be
//! recorded. The status is never stored: it is read from the ledger every
//! time, so it cannot disagree with the movements.

use crate::entities::booking::BookingStatus;
use crate::entities::payment::PaymentStatus;
use crate::entities::payment_movement::MovementKind;

use super::error::PaymentError;

/// What the ledger of one payment adds up to, in minor units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Held on the card, not taken.
    pub authorized: i64,
    /// Money taken (at the desk or from the card).
    pub received: i64,
    /// Money given back.
    pub refunded: i64,
    /// Of the refunds, what came back out of the hub's commission.
    pub fee_refunded: i64,
    /// Of the refunds, what came back out of an organization's payout.
    pub reversed: i64,
}

impl Totals {
    /// The sums of `movements` (kind, amount).
    pub fn of(movements: impl IntoIterator<Item = (MovementKind, i64)>) -> Totals {
        movements
            .into_iter()
            .fold(Totals::default(), |mut totals, (kind, amount)| {
                let sum = match kind {
                    MovementKind::Authorization => &mut totals.authorized,
                    MovementKind::OfflineReceipt | MovementKind::Capture => &mut totals.received,
                    MovementKind::Refund => &mut totals.refunded,
                    MovementKind::FeeRefund => &mut totals.fee_refunded,
                    MovementKind::TransferReversal => &mut totals.reversed,
                };
                *sum += amount;
                totals
            })
    }

    /// What can still be given back.
    pub fn refundable(&self) -> i64 {
        self.received - self.refunded
    }
}

/// What an online payment's intent says, as far as the status goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Online {
    /// Waiting for a card; `failed` after a refused one.
    AwaitingCard {
        /// Whether the last attempt was refused.
        failed: bool,
    },
    /// The customer must pass their bank's check.
    RequiresAction,
    /// Authorised, not yet taken.
    Authorized,
    /// Called off without taking anything.
    Canceled,
    /// Taken (the ledger has the amounts).
    Taken,
}

/// Whether a booking in `status` still expects to be paid.
fn expects_payment(status: BookingStatus) -> bool {
    !matches!(
        status,
        BookingStatus::Cancelled | BookingStatus::Declined | BookingStatus::Expired
    )
}

/// The status a payment of `gross` is in, for a booking in `booking`, after
/// the movements summed in `totals`, with what Stripe last said of an
/// online payment (`online`).
pub fn status(
    gross: i64,
    booking: BookingStatus,
    totals: Totals,
    online: Option<Online>,
) -> PaymentStatus {
    if totals.received == 0 {
        if gross == 0 {
            return PaymentStatus::NotRequired;
        }
        let open = expects_payment(booking);
        return match online {
            Some(Online::Authorized) if open => PaymentStatus::Authorized,
            Some(Online::RequiresAction) if open => PaymentStatus::RequiresAction,
            Some(Online::AwaitingCard { failed: true }) if open => PaymentStatus::Failed,
            Some(Online::Canceled) => PaymentStatus::Cancelled,
            _ if open => PaymentStatus::Due,
            _ => PaymentStatus::Cancelled,
        };
    }
    if totals.refunded == 0 {
        PaymentStatus::Paid
    } else if totals.refunded < totals.received {
        PaymentStatus::PartiallyRefunded
    } else {
        PaymentStatus::Refunded
    }
}

/// Whether the amount due (`gross`) may be recorded as received now.
pub fn check_receipt(
    gross: i64,
    booking: BookingStatus,
    totals: Totals,
) -> Result<(), PaymentError> {
    match status(gross, booking, totals, None) {
        PaymentStatus::Due => Ok(()),
        PaymentStatus::NotRequired => Err(PaymentError::NotRequired),
        PaymentStatus::Cancelled => Err(PaymentError::BookingClosed),
        _ => Err(PaymentError::AlreadyPaid),
    }
}

/// Whether `amount` may be given back after the movements in `totals`.
pub fn check_refund(amount: i64, totals: Totals) -> Result<(), PaymentError> {
    if amount <= 0 {
        return Err(PaymentError::RefundNotPositive);
    }
    if amount > totals.refundable() {
        return Err(PaymentError::RefundTooMuch {
            max: totals.refundable(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use BookingStatus::*;
    use MovementKind::*;

    /// A payment of a gross, for a booking in a status, after movements, and
    /// the status that makes.
    type Case = (
        i64,
        BookingStatus,
        &'static [(MovementKind, i64)],
        PaymentStatus,
    );

    fn totals(movements: &[(MovementKind, i64)]) -> Totals {
        Totals::of(movements.iter().copied())
    }

    #[test]
    fn the_ledger_decides_the_status() {
        let cases: &[Case] = &[
            (0, Confirmed, &[], PaymentStatus::NotRequired),
            (0, Cancelled, &[], PaymentStatus::NotRequired),
            (4000, Requested, &[], PaymentStatus::Due),
            (4000, Confirmed, &[], PaymentStatus::Due),
            (4000, Completed, &[], PaymentStatus::Due),
            (4000, NoShow, &[], PaymentStatus::Due),
            (4000, Cancelled, &[], PaymentStatus::Cancelled),
            (4000, Declined, &[], PaymentStatus::Cancelled),
            (4000, Expired, &[], PaymentStatus::Cancelled),
            (
                4000,
                Confirmed,
                &[(OfflineReceipt, 4000)],
                PaymentStatus::Paid,
            ),
            (
                4000,
                Cancelled,
                &[(OfflineReceipt, 4000)],
                PaymentStatus::Paid,
            ),
            (
                4000,
                Cancelled,
                &[(OfflineReceipt, 4000), (Refund, 1000)],
                PaymentStatus::PartiallyRefunded,
            ),
            (
                4000,
                Cancelled,
                &[(OfflineReceipt, 4000), (Refund, 1000), (Refund, 3000)],
                PaymentStatus::Refunded,
            ),
        ];
        for (gross, booking, movements, want) in cases {
            assert_eq!(
                status(*gross, *booking, totals(movements), None),
                *want,
                "{gross} {booking:?} {movements:?}"
            );
        }
    }

    #[test]
    fn only_a_due_payment_takes_a_receipt() {
        assert_eq!(check_receipt(4000, Confirmed, Totals::default()), Ok(()));
        assert_eq!(
            check_receipt(0, Confirmed, Totals::default()),
            Err(PaymentError::NotRequired)
        );
        assert_eq!(
            check_receipt(4000, Cancelled, Totals::default()),
            Err(PaymentError::BookingClosed)
        );
        let paid = totals(&[(OfflineReceipt, 4000)]);
        assert_eq!(
            check_receipt(4000, Confirmed, paid),
            Err(PaymentError::AlreadyPaid)
        );
        let refunded = totals(&[(OfflineReceipt, 4000), (Refund, 4000)]);
        assert_eq!(
            check_receipt(4000, Cancelled, refunded),
            Err(PaymentError::AlreadyPaid)
        );
    }

    #[test]
    fn refunds_never_exceed_what_was_received() {
        let paid = totals(&[(OfflineReceipt, 4000), (Refund, 1500)]);
        assert_eq!(check_refund(2500, paid), Ok(()));
        assert_eq!(
            check_refund(2501, paid),
            Err(PaymentError::RefundTooMuch { max: 2500 })
        );
        assert_eq!(check_refund(0, paid), Err(PaymentError::RefundNotPositive));
        assert_eq!(
            check_refund(1, Totals::default()),
            Err(PaymentError::RefundTooMuch { max: 0 })
        );
    }
}

//! The booking lifecycle: statuses and the only transitions between them.

use super::error::BookingError;

pub use crate::entities::booking::BookingStatus;

/// The statuses that hold capacity.
pub const HOLDING: [BookingStatus; 3] = [
    BookingStatus::Requested,
    BookingStatus::AwaitingPayment,
    BookingStatus::Confirmed,
];

/// Something that happens to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingEvent {
    /// The provider or a manager says yes.
    Approve,
    /// The provider or a manager says no.
    Decline,
    /// The customer or a manager calls it off.
    Cancel,
    /// The answer deadline passed.
    Expire,
    /// The period ended.
    Complete,
    /// A manager records that nobody came.
    MarkNoShow,
    /// The online payment of a booking waiting for it went through.
    Pay,
}

impl BookingStatus {
    /// Whether a booking in this status takes capacity.
    pub fn holds_capacity(self) -> bool {
        HOLDING.contains(&self)
    }

    /// The status after `event`, or `CONFLICT` (nothing changes) when the
    /// lifecycle does not allow it from here.
    pub fn after(self, event: BookingEvent) -> Result<BookingStatus, BookingError> {
        use BookingEvent::*;
        use BookingStatus::*;
        match (self, event) {
            (Requested, Approve) => Ok(Confirmed),
            (Requested, Decline) => Ok(Declined),
            (Requested, Expire) => Ok(Expired),
            (Requested | AwaitingPayment | Confirmed, Cancel) => Ok(Cancelled),
            (AwaitingPayment, Pay) => Ok(Confirmed),
            (AwaitingPayment, Expire) => Ok(Expired),
            (Confirmed, Complete) => Ok(Completed),
            (Confirmed, MarkNoShow) => Ok(NoShow),
            (status, _) => Err(BookingError::CannotChange { status }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BookingEvent::*;
    use super::BookingStatus::*;
    use super::*;

    #[test]
    fn only_the_lifecycles_transitions_are_allowed() {
        let all = [
            Requested,
            AwaitingPayment,
            Confirmed,
            Declined,
            Cancelled,
            Expired,
            Completed,
            NoShow,
        ];
        let events = [Approve, Decline, Cancel, Expire, Complete, MarkNoShow, Pay];
        let allowed = [
            (Requested, Approve, Confirmed),
            (Requested, Decline, Declined),
            (Requested, Expire, Expired),
            (Requested, Cancel, Cancelled),
            (AwaitingPayment, Pay, Confirmed),
            (AwaitingPayment, Expire, Expired),
            (AwaitingPayment, Cancel, Cancelled),
            (Confirmed, Cancel, Cancelled),
            (Confirmed, Complete, Completed),
            (Confirmed, MarkNoShow, NoShow),
        ];
        for from in all {
            for event in events {
                let expected = allowed
                    .iter()
                    .find(|(f, e, _)| *f == from && *e == event)
                    .map(|(_, _, to)| *to);
                match (from.after(event), expected) {
                    (Ok(to), Some(expected)) => assert_eq!(to, expected),
                    (Err(BookingError::CannotChange { status }), None) => assert_eq!(status, from),
                    (got, _) => panic!("{from:?} + {event:?} gave {got:?}"),
                }
            }
        }
    }

    #[test]
    fn only_requested_awaiting_payment_and_confirmed_hold_capacity() {
        assert!(
            Requested.holds_capacity()
                && AwaitingPayment.holds_capacity()
                && Confirmed.holds_capacity()
        );
        assert!(
            ![Declined, Cancelled, Expired, Completed, NoShow]
                .iter()
                .any(|s| s.holds_capacity())
        );
    }
}

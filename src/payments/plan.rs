//! What to do to bring a booking and its PaymentIntent in line, pure.
//!
//! Whatever order things happened in (a webhook late or lost, a call whose
//! answer was lost, a booking cancelled while the customer was paying), the
//! booking's status, our ledger and the intent as Stripe now reports it
//! decide the next step. Applying the plan and asking again converges:
//! every step moves towards a state with nothing left to do.

use chrono::{DateTime, Duration, Utc};

use crate::entities::booking::BookingStatus;
use crate::entities::stripe_intent::IntentState;

use super::model::Totals;
use super::stripe::intents::Intent;

/// Stripe cancels an uncaptured authorisation after about seven days; a
/// request still undecided this long after it was authorised is expired
/// first, so the authorisation is released by us, never lost.
pub const AUTHORIZATION_LIFETIME: Duration = Duration::hours(6 * 24 + 12);

/// The booking side of the picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookingSide {
    /// Where the booking stands.
    pub status: BookingStatus,
    /// What its cancellation gives back (`None` unless cancelled).
    pub refund_due: Option<i64>,
    /// When the card was authorised, as we recorded it.
    pub authorized_at: Option<DateTime<Utc>>,
}

/// A call to make at Stripe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// Take the authorised money.
    Capture,
    /// Release the authorisation / stop the card paying.
    Cancel,
    /// Give back this much.
    Refund(i64),
}

/// A booking change to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The payment went through: confirm it.
    Confirm,
    /// The payment can no longer come (canceled, lapsed): release the place.
    Expire,
}

/// The next steps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Plan {
    /// Authorised money to write in the ledger.
    pub authorization: Option<i64>,
    /// Taken money to write in the ledger.
    pub capture: Option<i64>,
    /// A change of the booking.
    pub change: Option<Change>,
    /// A call to make at Stripe.
    pub call: Option<Call>,
}

impl Plan {
    /// Whether nothing is left to do now.
    pub fn is_empty(&self) -> bool {
        *self == Plan::default()
    }
}

fn closed(status: BookingStatus) -> bool {
    matches!(
        status,
        BookingStatus::Cancelled | BookingStatus::Declined | BookingStatus::Expired
    )
}

/// What to do for `booking`, whose ledger sums to `totals`, given `intent`.
pub fn plan(booking: BookingSide, totals: Totals, intent: &Intent, now: DateTime<Utc>) -> Plan {
    let mut plan = Plan::default();
    if intent.capturable > 0 && totals.authorized == 0 {
        plan.authorization = Some(intent.capturable);
    }
    if intent.received > totals.received {
        plan.capture = Some(intent.received - totals.received);
    }
    let received = intent.received.max(totals.received);
    use BookingStatus::*;
    use IntentState::*;
    match (booking.status, intent.state) {
        (AwaitingPayment, Succeeded) => plan.change = Some(Change::Confirm),
        (AwaitingPayment | Requested, Canceled) => plan.change = Some(Change::Expire),
        (Requested, RequiresCapture)
            if booking
                .authorized_at
                .is_some_and(|at| now - at >= AUTHORIZATION_LIFETIME) =>
        {
            plan.change = Some(Change::Expire);
        }
        // Approved (or over) but not yet taken: take it.
        (Confirmed | Completed | NoShow, RequiresCapture) => plan.call = Some(Call::Capture),
        (
            status,
            RequiresPaymentMethod | RequiresConfirmation | RequiresAction | RequiresCapture,
        ) if closed(status) => plan.call = Some(Call::Cancel),
        (status, Succeeded) if closed(status) => {
            // A late payment of a booking called off is given back: in
            // full unless a cancellation's own policy says less.
            let target = match (status, booking.refund_due) {
                (Cancelled, Some(due)) => due.min(received),
                _ => received,
            };
            if target > totals.refunded {
                plan.call = Some(Call::Refund(target - totals.refunded));
            }
        }
        _ => {}
    }
    plan
}

/// Whether an intent in `state`, once `plan` is empty, needs no more
/// reading until its booking changes: the money was taken, released, or is
/// held waiting for a decision. The others are re-read by reconciliation.
pub fn at_rest(state: IntentState) -> bool {
    matches!(
        state,
        IntentState::Succeeded | IntentState::Canceled | IntentState::RequiresCapture
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use BookingStatus::*;
    use IntentState::*;

    fn intent(state: IntentState, received: i64, capturable: i64) -> Intent {
        Intent {
            id: "pi_1".into(),
            state,
            amount: 4000,
            received,
            capturable,
            client_secret: "pi_1_secret".into(),
            last_error: None,
            manual: false,
        }
    }

    fn side(status: BookingStatus, refund_due: Option<i64>) -> BookingSide {
        BookingSide {
            status,
            refund_due,
            authorized_at: None,
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).expect("a valid instant")
    }

    fn paid(received: i64, refunded: i64) -> Totals {
        Totals {
            received,
            refunded,
            ..Totals::default()
        }
    }

    #[test]
    fn a_payment_confirms_a_booking_waiting_for_it_and_is_written_once() {
        let p = plan(
            side(AwaitingPayment, None),
            Totals::default(),
            &intent(Succeeded, 4000, 0),
            now(),
        );
        assert_eq!(p.capture, Some(4000));
        assert_eq!(p.change, Some(Change::Confirm));
        // Once written and confirmed, nothing is left.
        let p = plan(
            side(Confirmed, None),
            paid(4000, 0),
            &intent(Succeeded, 4000, 0),
            now(),
        );
        assert!(p.is_empty());
    }

    #[test]
    fn a_late_payment_never_resurrects_a_closed_booking_it_is_refunded() {
        for status in [Expired, Declined] {
            let p = plan(
                side(status, None),
                Totals::default(),
                &intent(Succeeded, 4000, 0),
                now(),
            );
            assert_eq!(p.change, None, "{status:?}");
            assert_eq!(p.call, Some(Call::Refund(4000)), "{status:?}");
        }
        // A cancellation refunds what its policy allowed, no more.
        let p = plan(
            side(Cancelled, Some(2000)),
            paid(4000, 0),
            &intent(Succeeded, 4000, 0),
            now(),
        );
        assert_eq!(p.call, Some(Call::Refund(2000)));
        let p = plan(
            side(Cancelled, Some(2000)),
            paid(4000, 2000),
            &intent(Succeeded, 4000, 0),
            now(),
        );
        assert!(p.is_empty());
    }

    #[test]
    fn an_authorisation_waits_for_the_decision_and_follows_it() {
        let held = intent(RequiresCapture, 0, 4000);
        let p = plan(side(Requested, None), Totals::default(), &held, now());
        assert_eq!(p.authorization, Some(4000));
        assert_eq!(p.call, None);
        let authorized = Totals {
            authorized: 4000,
            ..Totals::default()
        };
        assert!(plan(side(Requested, None), authorized, &held, now()).is_empty());
        assert_eq!(
            plan(side(Confirmed, None), authorized, &held, now()).call,
            Some(Call::Capture)
        );
        for status in [Declined, Expired, Cancelled] {
            assert_eq!(
                plan(side(status, Some(4000)), authorized, &held, now()).call,
                Some(Call::Cancel)
            );
        }
    }

    #[test]
    fn an_authorisation_about_to_lapse_expires_the_request_first() {
        let held = intent(RequiresCapture, 0, 4000);
        let authorized = Totals {
            authorized: 4000,
            ..Totals::default()
        };
        let mut booking = side(Requested, None);
        booking.authorized_at = Some(now() - AUTHORIZATION_LIFETIME + Duration::minutes(1));
        assert!(plan(booking, authorized, &held, now()).is_empty());
        booking.authorized_at = Some(now() - AUTHORIZATION_LIFETIME);
        assert_eq!(
            plan(booking, authorized, &held, now()).change,
            Some(Change::Expire)
        );
        // Stripe let it lapse anyway: the request expires, nothing is taken.
        let lapsed = intent(Canceled, 0, 0);
        assert_eq!(
            plan(side(Requested, None), authorized, &lapsed, now()).change,
            Some(Change::Expire)
        );
    }

    #[test]
    fn an_unpaid_intent_of_a_closed_booking_is_canceled() {
        for state in [RequiresPaymentMethod, RequiresAction, RequiresConfirmation] {
            let p = plan(
                side(Expired, None),
                Totals::default(),
                &intent(state, 0, 0),
                now(),
            );
            assert_eq!(p.call, Some(Call::Cancel), "{state:?}");
            assert!(!at_rest(state));
        }
        assert!(
            plan(
                side(Expired, None),
                Totals::default(),
                &intent(Canceled, 0, 0),
                now()
            )
            .is_empty()
        );
    }
}

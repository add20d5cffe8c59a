//! The messages the server sends, and what each needs.

use crate::entities::unsubscribe_token::MailCategory;

/// A message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// To the hub's managers and the listing's providers: a new request.
    BookingRequested,
    /// To the customer: booked.
    BookingConfirmed,
    /// To the customer: the request was refused.
    BookingDeclined,
    /// To the customer: not answered, or not paid, in time.
    BookingExpired,
    /// To the customer: called off, with the refund.
    BookingCancelled,
    /// To the customer: the money arrived.
    PaymentReceived,
    /// To the customer: the card was refused.
    PaymentFailed,
    /// To the customer: money given back.
    PaymentRefunded,
    /// To anyone who asked: a link that signs them in.
    MagicLink,
    /// To anyone who asked: a link to set a new password.
    PasswordReset,
    /// To the hub's managers: a listing waits for their review.
    ListingSubmitted,
    /// To the providers of the listing's organization: it is bookable.
    ListingPublished,
    /// To the providers of the listing's organization: sent back, with why.
    ListingRejected,
    /// To the customer: what a recurring series booked and what it skipped.
    SeriesCreated,
    /// To the customer, the day before: a booking is coming up.
    BookingReminder,
    /// To each manager, at most daily: messages could not be delivered.
    DeadLettersWaiting,
    /// To a new account: welcome, with a link that verifies the address.
    Welcome,
    /// To a signed-in person who asked again: a link that verifies the address.
    VerifyEmail,
}

impl Kind {
    /// Every message, for the test that renders them all.
    pub const ALL: [Kind; 18] = [
        Kind::BookingRequested,
        Kind::BookingConfirmed,
        Kind::BookingDeclined,
        Kind::BookingExpired,
        Kind::BookingCancelled,
        Kind::PaymentReceived,
        Kind::PaymentFailed,
        Kind::PaymentRefunded,
        Kind::MagicLink,
        Kind::PasswordReset,
        Kind::ListingSubmitted,
        Kind::ListingPublished,
        Kind::ListingRejected,
        Kind::SeriesCreated,
        Kind::BookingReminder,
        Kind::DeadLettersWaiting,
        Kind::Welcome,
        Kind::VerifyEmail,
    ];

    /// Its folder in `emails/` and its name in the outbox.
    pub fn name(self) -> &'static str {
        match self {
            Kind::BookingRequested => "booking-requested",
            Kind::BookingConfirmed => "booking-confirmed",
            Kind::BookingDeclined => "booking-declined",
            Kind::BookingExpired => "booking-expired",
            Kind::BookingCancelled => "booking-cancelled",
            Kind::PaymentReceived => "payment-received",
            Kind::PaymentFailed => "payment-failed",
            Kind::PaymentRefunded => "payment-refunded",
            Kind::MagicLink => "magic-link",
            Kind::PasswordReset => "password-reset",
            Kind::ListingSubmitted => "listing-submitted",
            Kind::ListingPublished => "listing-published",
            Kind::ListingRejected => "listing-rejected",
            Kind::SeriesCreated => "series-created",
            Kind::BookingReminder => "booking-reminder",
            Kind::DeadLettersWaiting => "dead-letters-waiting",
            Kind::Welcome => "welcome",
            Kind::VerifyEmail => "verify-email",
        }
    }

    /// Why the recipient gets it, as the footer says.
    pub fn footer(self) -> &'static str {
        match self {
            Kind::BookingRequested | Kind::ListingSubmitted => "staff",
            Kind::ListingPublished | Kind::ListingRejected => "provider",
            Kind::MagicLink | Kind::PasswordReset | Kind::Welcome | Kind::VerifyEmail => "account",
            Kind::BookingReminder => "reminder",
            Kind::DeadLettersWaiting => "digest",
            _ => "customer",
        }
    }

    /// Whether it goes to the people who run the hub or offer the listing
    /// rather than to the customer (it may carry the customer's note).
    pub fn for_staff(self) -> bool {
        matches!(
            self,
            Kind::BookingRequested | Kind::ListingSubmitted | Kind::DeadLettersWaiting
        )
    }

    /// The category a person may turn off that it belongs to; `None` for
    /// what always goes (a booking's state, money, sign-in links).
    pub fn category(self) -> Option<MailCategory> {
        match self {
            Kind::BookingReminder => Some(MailCategory::Reminders),
            Kind::DeadLettersWaiting => Some(MailCategory::Digests),
            _ => None,
        }
    }

    /// Whether a person may turn it off (it then carries an unsubscribe link).
    pub fn optional(self) -> bool {
        self.category().is_some()
    }

    /// The message an audited change calls for: `subject` (a booking, its
    /// payment, a listing or a series), `action`, status after.
    pub fn of_change(subject: &str, action: &str, to: Option<&str>) -> Option<Kind> {
        match (subject, action, to) {
            ("BOOKING", "createBooking", Some("REQUESTED")) => Some(Kind::BookingRequested),
            ("BOOKING", _, Some("CONFIRMED")) => Some(Kind::BookingConfirmed),
            ("BOOKING", _, Some("DECLINED")) => Some(Kind::BookingDeclined),
            ("BOOKING", _, Some("EXPIRED")) => Some(Kind::BookingExpired),
            ("BOOKING", _, Some("CANCELLED")) => Some(Kind::BookingCancelled),
            ("PAYMENT", _, Some("PAID")) => Some(Kind::PaymentReceived),
            ("PAYMENT", _, Some("FAILED")) => Some(Kind::PaymentFailed),
            ("PAYMENT", _, Some("PARTIALLY_REFUNDED" | "REFUNDED")) => Some(Kind::PaymentRefunded),
            ("LISTING", "submitListing", Some("PENDING_REVIEW")) => Some(Kind::ListingSubmitted),
            ("LISTING", "publishListing", Some("PUBLISHED")) => Some(Kind::ListingPublished),
            ("LISTING", "rejectListing", Some("DRAFT")) => Some(Kind::ListingRejected),
            ("SERIES", "createBookingSeries", None) => Some(Kind::SeriesCreated),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reminders_and_digests_can_be_turned_off() {
        let optional: Vec<Kind> = Kind::ALL.into_iter().filter(|k| k.optional()).collect();
        assert_eq!(optional, [Kind::BookingReminder, Kind::DeadLettersWaiting]);
        assert_eq!(Kind::BookingConfirmed.category(), None);
        assert_eq!(Kind::PaymentReceived.category(), None);
        assert_eq!(
            Kind::DeadLettersWaiting.category(),
            Some(MailCategory::Digests)
        );
    }

    #[test]
    fn each_change_that_concerns_someone_has_its_message() {
        let cases = [
            (
                "BOOKING",
                "createBooking",
                Some("REQUESTED"),
                Some(Kind::BookingRequested),
            ),
            (
                "BOOKING",
                "createBooking",
                Some("CONFIRMED"),
                Some(Kind::BookingConfirmed),
            ),
            ("BOOKING", "createBooking", Some("AWAITING_PAYMENT"), None),
            (
                "BOOKING",
                "approveBooking",
                Some("CONFIRMED"),
                Some(Kind::BookingConfirmed),
            ),
            (
                "BOOKING",
                "paid",
                Some("CONFIRMED"),
                Some(Kind::BookingConfirmed),
            ),
            (
                "BOOKING",
                "expire",
                Some("EXPIRED"),
                Some(Kind::BookingExpired),
            ),
            ("BOOKING", "complete", Some("COMPLETED"), None),
            (
                "PAYMENT",
                "markPaid",
                Some("PAID"),
                Some(Kind::PaymentReceived),
            ),
            (
                "PAYMENT",
                "stripe",
                Some("REFUNDED"),
                Some(Kind::PaymentRefunded),
            ),
            ("PAYMENT", "stripe", Some("AUTHORIZED"), None),
            (
                "LISTING",
                "submitListing",
                Some("PENDING_REVIEW"),
                Some(Kind::ListingSubmitted),
            ),
            (
                "LISTING",
                "publishListing",
                Some("PUBLISHED"),
                Some(Kind::ListingPublished),
            ),
            (
                "LISTING",
                "rejectListing",
                Some("DRAFT"),
                Some(Kind::ListingRejected),
            ),
            ("LISTING", "archiveListing", Some("ARCHIVED"), None),
            ("LISTING", "updateListing", Some("PUBLISHED"), None),
            ("LISTING", "createListing", Some("DRAFT"), None),
            (
                "SERIES",
                "createBookingSeries",
                None,
                Some(Kind::SeriesCreated),
            ),
            ("SERIES", "cancelBookingSeries", None, None),
            ("BOOKING", "x", None, None),
        ];
        for (subject, action, to, want) in cases {
            assert_eq!(
                Kind::of_change(subject, action, to),
                want,
                "{subject} {action} {to:?}"
            );
        }
    }
}

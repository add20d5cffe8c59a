//! The messages the server sends, and what each needs.

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
    /// To a new account: welcome, with a link that verifies the address.
    Welcome,
    /// To a signed-in person who asked again: a link that verifies the address.
    VerifyEmail,
}

impl Kind {
    /// Every message, for the test that renders them all.
    pub const ALL: [Kind; 12] = [
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
            Kind::Welcome => "welcome",
            Kind::VerifyEmail => "verify-email",
        }
    }

    /// Why the recipient gets it, as the footer says.
    pub fn footer(self) -> &'static str {
        match self {
            Kind::BookingRequested => "staff",
            Kind::MagicLink | Kind::PasswordReset | Kind::Welcome | Kind::VerifyEmail => "account",
            _ => "customer",
        }
    }

    /// Whether it goes to the hub's staff rather than the customer.
    pub fn for_staff(self) -> bool {
        self == Kind::BookingRequested
    }

    /// The message an audited change of a booking or its payment calls
    /// for: `subject`, `action`, status after.
    pub fn of_change(subject: &str, action: &str, to: Option<&str>) -> Option<Kind> {
        match (subject, action, to?) {
            ("BOOKING", "createBooking", "REQUESTED") => Some(Kind::BookingRequested),
            ("BOOKING", _, "CONFIRMED") => Some(Kind::BookingConfirmed),
            ("BOOKING", _, "DECLINED") => Some(Kind::BookingDeclined),
            ("BOOKING", _, "EXPIRED") => Some(Kind::BookingExpired),
            ("BOOKING", _, "CANCELLED") => Some(Kind::BookingCancelled),
            ("PAYMENT", _, "PAID") => Some(Kind::PaymentReceived),
            ("PAYMENT", _, "FAILED") => Some(Kind::PaymentFailed),
            ("PAYMENT", _, "PARTIALLY_REFUNDED" | "REFUNDED") => Some(Kind::PaymentRefunded),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            ("LISTING", "publishListing", Some("PUBLISHED"), None),
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

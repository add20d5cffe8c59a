//! How a person's calendar recognises one booking's event and orders its
//! revisions: the `UID`, the `SEQUENCE`, the iTIP method and the `STATUS`.
//!
//! - `UID` is `booking-<booking id>@<host>`: the same for every message and
//!   feed that ever shows the booking, so a confirmation, a cancellation and
//!   a feed refresh all touch one event. The host is the public URL's, so
//!   it must not change once calendars hold events (`PORTINERIA_PUBLIC_URL`).
//! - `SEQUENCE` is the booking's stage in its lifecycle. A booking's period,
//!   listing and quantity never change after it is made; only its status
//!   does, and the lifecycle never goes back (requested or waiting for
//!   payment → confirmed → called off, completed or no-show). So the stage
//!   grows with every change a calendar shows, is the same whenever and
//!   wherever it is computed (no clock, no extra query, no counter to keep
//!   in step), and a late or repeated message can never undo a newer one.
//!   `updated_at` was the other candidate, but two changes within the same
//!   second (or the same instant of a test's clock) would share a number.
//!   Should bookings ever move in time, this needs a revision column.

use crate::entities::booking::BookingStatus;

/// What an emailed `.ics` asks of the calendar that receives it (RFC 5546).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Add or update the event.
    Request,
    /// Remove the event.
    Cancel,
}

impl Method {
    /// The method that says where `status` stands: a booking called off
    /// (cancelled, declined, expired) is removed, any other one is shown.
    pub fn for_status(status: BookingStatus) -> Method {
        if called_off(status) {
            Method::Cancel
        } else {
            Method::Request
        }
    }

    /// The iTIP name (`METHOD:` value).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// Whether a booking in `status` no longer takes place.
pub fn called_off(status: BookingStatus) -> bool {
    matches!(
        status,
        BookingStatus::Declined | BookingStatus::Cancelled | BookingStatus::Expired
    )
}

/// The event's `UID`: one per booking, whoever sends it and whenever.
pub fn uid(booking: uuid::Uuid, host: &str) -> String {
    format!("booking-{booking}@{host}")
}

/// The event's `SEQUENCE`: the booking's stage in its lifecycle (see the
/// module's comment). A cancellation is always at least the last stage,
/// even when sent before the status is stored, so it outranks the request.
pub fn sequence(status: BookingStatus, method: Method) -> u32 {
    use BookingStatus::*;
    let stage = match status {
        Requested | AwaitingPayment => 0,
        // Completed and no-show change nothing a calendar shows.
        Confirmed | Completed | NoShow => 1,
        Declined | Cancelled | Expired => 2,
    };
    match method {
        Method::Request => stage,
        Method::Cancel => stage.max(2),
    }
}

/// The event's `STATUS`, as a calendar shows it.
pub fn event_status(status: BookingStatus, method: Method) -> &'static str {
    use BookingStatus::*;
    if method == Method::Cancel || called_off(status) {
        return "CANCELLED";
    }
    match status {
        Requested | AwaitingPayment => "TENTATIVE",
        _ => "CONFIRMED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookings::model::BookingEvent;

    const ALL: [BookingStatus; 8] = [
        BookingStatus::Requested,
        BookingStatus::AwaitingPayment,
        BookingStatus::Confirmed,
        BookingStatus::Declined,
        BookingStatus::Cancelled,
        BookingStatus::Expired,
        BookingStatus::Completed,
        BookingStatus::NoShow,
    ];
    const EVENTS: [BookingEvent; 7] = [
        BookingEvent::Approve,
        BookingEvent::Decline,
        BookingEvent::Cancel,
        BookingEvent::Expire,
        BookingEvent::Complete,
        BookingEvent::MarkNoShow,
        BookingEvent::Pay,
    ];

    /// What a calendar sees of a booking in `status`.
    fn shown(status: BookingStatus) -> (Method, &'static str, u32) {
        let method = Method::for_status(status);
        (
            method,
            event_status(status, method),
            sequence(status, method),
        )
    }

    #[test]
    fn every_transition_of_the_lifecycle_keeps_or_raises_the_sequence() {
        for from in ALL {
            for event in EVENTS {
                let Ok(to) = from.after(event) else { continue };
                let (before, after) = (shown(from), shown(to));
                assert!(
                    after.2 >= before.2,
                    "{from:?} -> {to:?}: {before:?} then {after:?}"
                );
                if (after.0, after.1) != (before.0, before.1) {
                    assert!(
                        after.2 > before.2,
                        "{from:?} -> {to:?} changes what is shown, so the sequence grows"
                    );
                }
            }
        }
    }

    #[test]
    fn a_confirmed_booking_is_requested_and_its_cancellation_outranks_it() {
        assert_eq!(
            shown(BookingStatus::Confirmed),
            (Method::Request, "CONFIRMED", 1)
        );
        assert_eq!(
            shown(BookingStatus::Cancelled),
            (Method::Cancel, "CANCELLED", 2)
        );
        assert_eq!(
            shown(BookingStatus::Declined),
            (Method::Cancel, "CANCELLED", 2)
        );
        assert_eq!(
            shown(BookingStatus::Expired),
            (Method::Cancel, "CANCELLED", 2)
        );
        assert_eq!(
            shown(BookingStatus::Requested),
            (Method::Request, "TENTATIVE", 0)
        );
        // Sent while the row still says confirmed, a cancellation still wins.
        assert_eq!(sequence(BookingStatus::Confirmed, Method::Cancel), 2);
        assert_eq!(
            event_status(BookingStatus::Confirmed, Method::Cancel),
            "CANCELLED"
        );
    }

    #[test]
    fn the_uid_is_the_bookings_own_whenever_it_is_made() {
        let id = uuid::Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0001);
        let first = uid(id, "portineria.example.org");
        assert_eq!(
            first,
            "booking-01920000-0000-7000-8000-000000000001@portineria.example.org"
        );
        assert_eq!(uid(id, "portineria.example.org"), first);
        assert_ne!(
            uid(uuid::Uuid::from_u128(2), "portineria.example.org"),
            first
        );
    }
}

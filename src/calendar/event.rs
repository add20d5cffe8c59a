//! One booking as an iCalendar event: the `VEVENT` that feeds list, and the
//! whole `.ics` message an email attaches ([`booking_event`], or
//! [`bookings_event`] for the occurrences of a series, one `VEVENT` each).
//!
//! Times are written in UTC (`DTSTART:20260329T070000Z`), which is how they
//! are stored: every calendar shows them at the right wall-clock time in
//! any zone, the hub's included, with no `VTIMEZONE` to keep in step with
//! the zone database (a hand-made one is where DST bugs live). The hub's
//! zone is still named on feeds (`X-WR-TIMEZONE`) for clients that want a
//! default for the calendar.

use icalendar::{Calendar, Component, Event, EventLike, Property};

use crate::entities::{booking, hub, listing, user};
use crate::msg;

use super::identity::{Method, event_status, sequence, uid};
use super::issuer::Issuer;
use super::text::{multiline, one_line};

/// The product that wrote the calendar (`PRODID`).
pub const PRODUCT: &str = "-//portineria//Bookings//EN";

/// `booking` of `listing` in `hub` as an `.ics` message with `method`: what
/// an email attaches for its `customer` (the attendee). Pure: the same rows
/// give the same text, so a message sent twice is the same message.
pub fn booking_event(
    issuer: &Issuer,
    hub: &hub::Model,
    listing: &listing::Model,
    booking: &booking::Model,
    customer: &user::Model,
    method: Method,
) -> String {
    bookings_event(
        issuer,
        hub,
        listing,
        std::slice::from_ref(booking),
        customer,
        method,
    )
}

/// `bookings` of `listing` (one customer's, such as the occurrences of a
/// series) as one `.ics` message with `method`, a `VEVENT` each under the
/// booking's own `UID`: a later message about one occurrence touches only
/// its event. Pure, like [`booking_event`].
pub fn bookings_event(
    issuer: &Issuer,
    hub: &hub::Model,
    listing: &listing::Model,
    bookings: &[booking::Model],
    customer: &user::Model,
    method: Method,
) -> String {
    let mut calendar = calendar_head();
    calendar.append_property(("METHOD", method.as_str()));
    for booking in bookings {
        let mut event = vevent(issuer, hub, listing, booking, method);
        event.append_property(
            Property::new("ORGANIZER", format!("mailto:{}", issuer.organizer()))
                .add_parameter("CN", &parameter_text(&hub.name))
                .done(),
        );
        event.append_multi_property(
            Property::new("ATTENDEE", format!("mailto:{}", customer.email))
                .add_parameter("CN", &parameter_text(&customer.name))
                .add_parameter("ROLE", "REQ-PARTICIPANT")
                .add_parameter("PARTSTAT", "ACCEPTED")
                .add_parameter("RSVP", "FALSE")
                .done(),
        );
        calendar.push(event.done());
    }
    calendar.to_string()
}

/// A calendar with the properties every one of ours starts with.
pub(super) fn calendar_head() -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", PRODUCT))
        .append_property(("CALSCALE", "GREGORIAN"));
    calendar
}

/// The `VEVENT` of `booking`, as a calendar shows it after `method`.
pub(super) fn vevent(
    issuer: &Issuer,
    hub: &hub::Model,
    listing: &listing::Model,
    booking: &booking::Model,
    method: Method,
) -> Event {
    let mut event = Event::new();
    event
        .uid(&uid(booking.id, issuer.host()))
        // The time of this revision: the booking's last change, so the
        // same revision always carries the same stamp.
        .timestamp(booking.updated_at)
        .created(booking.created_at)
        .last_modified(booking.updated_at)
        .sequence(sequence(booking.status, method))
        .starts(booking.starts_at)
        .ends(booking.ends_at)
        .summary(&one_line(&listing.title))
        .description(
            &msg!(
                "calendar-event-description",
                hub = one_line(&hub.name),
                quantity = booking.quantity
            )
            .render(issuer.locale()),
        )
        .add_property("STATUS", event_status(booking.status, method));
    let address = multiline(&listing.address);
    if !address.is_empty() {
        event.location(&address);
    }
    if let (Some(latitude), Some(longitude)) = (listing.latitude, listing.longitude) {
        event.add_property("GEO", format!("{latitude};{longitude}"));
    }
    event.done()
}

/// Text for a parameter value, which may hold no double quote or line break.
fn parameter_text(raw: &str) -> String {
    one_line(raw).replace('"', "'")
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};

    use super::*;
    use crate::entities::booking::BookingStatus;
    use crate::locale::Locale;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap_or_else(|_| panic!("an instant: {s}"))
    }

    pub(crate) fn hub() -> hub::Model {
        hub::Model {
            id: uuid::Uuid::from_u128(1),
            slug: "aurora".into(),
            name: "Casa Aurora".into(),
            time_zone: "Europe/Rome".into(),
            currency: "EUR".into(),
            locale: "it".into(),
            commission_bps: 0,
            payment_provider: hub::PaymentProvider::Offline,
            stripe_mode: None,
            stripe_account_id: None,
            require_verified_email: false,
            created_at: Utc.timestamp_opt(0, 0).single().unwrap_or_default(),
        }
    }

    fn listing() -> listing::Model {
        use crate::entities::listing::*;
        Model {
            tenant_id: uuid::Uuid::from_u128(1),
            id: uuid::Uuid::from_u128(2),
            organization_id: uuid::Uuid::from_u128(3),
            kind: ListingKind::Space,
            category: "room".into(),
            title: "Sala del camino, primo piano".into(),
            description: String::new(),
            search_text: String::new(),
            address: "Via Roma 1; Torino".into(),
            latitude: Some(45.0795),
            longitude: Some(7.6835),
            capacity: 20,
            unit_kind: BookingUnitKind::Hour,
            unit_minutes: 60,
            min_units: 1,
            max_units: 8,
            buffer_before_minutes: 0,
            buffer_after_minutes: 0,
            lead_time_minutes: 0,
            horizon_days: 365,
            approval_mode: ApprovalMode::Instant,
            price_kind: PriceKind::Free,
            unit_price: 0,
            member_unit_price: None,
            tax_rate_bps: 0,
            cancellation_policy: "[]".into(),
            opening_hours: "[]".into(),
            photos: "[]".into(),
            visibility: Visibility::Hub,
            status: ListingStatus::Published,
            review_note: None,
            created_at: at("2026-01-01T00:00:00Z"),
            updated_at: at("2026-01-01T00:00:00Z"),
        }
    }

    fn booking(status: BookingStatus) -> booking::Model {
        booking::Model {
            tenant_id: uuid::Uuid::from_u128(1),
            id: uuid::Uuid::from_u128(4),
            listing_id: uuid::Uuid::from_u128(2),
            customer_id: uuid::Uuid::from_u128(5),
            starts_at: at("2026-03-29T07:00:00Z"),
            ends_at: at("2026-03-29T10:00:00Z"),
            quantity: 12,
            status,
            currency: "EUR".into(),
            gross: 0,
            commission: 0,
            provider_net: 0,
            refund_due: None,
            idempotency_key: "k".into(),
            fingerprint: String::new(),
            note: String::new(),
            reason: None,
            response_deadline: None,
            series_id: None,
            price_lines: "[]".into(),
            cancellation_policy: "[]".into(),
            commission_bps: 0,
            paid_online: false,
            tax_rate_bps: 0,
            tax: 0,
            created_at: at("2026-03-01T09:00:00Z"),
            updated_at: at("2026-03-02T09:30:00Z"),
        }
    }

    fn customer() -> user::Model {
        user::Model {
            id: uuid::Uuid::from_u128(5),
            email: "mimma@example.org".into(),
            email_key: "mimma@example.org".into(),
            name: "Mimma \"la rossa\"".into(),
            password_hash: None,
            locale: "it".into(),
            is_platform_admin: false,
            email_verified_at: None,
            created_at: at("2026-01-01T00:00:00Z"),
        }
    }

    /// The unfolded content lines of `text`.
    fn lines(text: &str) -> Vec<String> {
        text.replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn a_confirmed_booking_is_a_request_in_utc_with_its_identity() {
        let issuer = Issuer::new("https://hub.example.org", Locale::It);
        let text = booking_event(
            &issuer,
            &hub(),
            &listing(),
            &booking(BookingStatus::Confirmed),
            &customer(),
            Method::Request,
        );
        let lines = lines(&text);
        for expected in [
            "BEGIN:VCALENDAR",
            "METHOD:REQUEST",
            "PRODID:-//portineria//Bookings//EN",
            "UID:booking-00000000-0000-0000-0000-000000000004@hub.example.org",
            "SEQUENCE:1",
            "STATUS:CONFIRMED",
            "DTSTAMP:20260302T093000Z",
            "DTSTART:20260329T070000Z",
            "DTEND:20260329T100000Z",
            "SUMMARY:Sala del camino\\, primo piano",
            "LOCATION:Via Roma 1\\; Torino",
            "GEO:45.0795;7.6835",
            "DESCRIPTION:Casa Aurora · 12 posti",
            "ORGANIZER;CN=Casa Aurora:mailto:noreply@hub.example.org",
            "END:VCALENDAR",
        ] {
            assert!(lines.iter().any(|l| l == expected), "{expected} in\n{text}");
        }
        assert!(
            lines.iter().any(|l| l.starts_with("ATTENDEE;")
                && l.contains("CN=Mimma 'la rossa'")
                && l.ends_with(":mailto:mimma@example.org")),
            "{text}"
        );
        assert!(text.ends_with("\r\n") && !text.contains("\n\n"));
    }

    #[test]
    fn a_series_is_one_calendar_with_an_event_per_booking_under_its_own_uid() {
        let issuer = Issuer::new("https://hub.example.org", Locale::En);
        let first = booking(BookingStatus::Confirmed);
        let second = booking::Model {
            id: uuid::Uuid::from_u128(6),
            starts_at: at("2026-04-05T07:00:00Z"),
            ends_at: at("2026-04-05T10:00:00Z"),
            ..first.clone()
        };
        let text = bookings_event(
            &issuer,
            &hub(),
            &listing(),
            &[first.clone(), second],
            &customer(),
            Method::Request,
        );
        let lines = lines(&text);
        let count = |wanted: &str| lines.iter().filter(|l| l.as_str() == wanted).count();
        assert_eq!(count("BEGIN:VCALENDAR"), 1);
        assert_eq!(count("METHOD:REQUEST"), 1);
        assert_eq!(count("BEGIN:VEVENT"), 2);
        assert_eq!(
            count("UID:booking-00000000-0000-0000-0000-000000000004@hub.example.org"),
            1
        );
        assert_eq!(
            count("UID:booking-00000000-0000-0000-0000-000000000006@hub.example.org"),
            1
        );
        assert_eq!(count("DTSTART:20260405T070000Z"), 1);
        // One booking alone is the same calendar as before.
        assert_eq!(
            bookings_event(
                &issuer,
                &hub(),
                &listing(),
                std::slice::from_ref(&first),
                &customer(),
                Method::Request
            ),
            booking_event(
                &issuer,
                &hub(),
                &listing(),
                &first,
                &customer(),
                Method::Request
            )
        );
    }

    #[test]
    fn a_cancellation_keeps_the_uid_and_raises_the_sequence() {
        let issuer = Issuer::new("https://hub.example.org", Locale::En);
        let text = booking_event(
            &issuer,
            &hub(),
            &listing(),
            &booking(BookingStatus::Cancelled),
            &customer(),
            Method::Cancel,
        );
        let lines = lines(&text);
        for expected in [
            "METHOD:CANCEL",
            "STATUS:CANCELLED",
            "SEQUENCE:2",
            "UID:booking-00000000-0000-0000-0000-000000000004@hub.example.org",
            "DESCRIPTION:Casa Aurora · 12 places",
        ] {
            assert!(lines.iter().any(|l| l == expected), "{expected} in\n{text}");
        }
    }
}

//! A subscribed calendar's text: the bookings a feed shows, each as the
//! same event an email would carry (same `UID`, same `SEQUENCE`), in a
//! published calendar (`METHOD:PUBLISH`) named for its reader.
//!
//! A booking called off is left out rather than listed as cancelled: a
//! subscribing calendar drops an event that is no longer in the feed,
//! while some clients would draw a cancelled one as if it were on.

use std::collections::HashMap;

use icalendar::Calendar;

use crate::entities::{booking, hub, listing};

use super::event::{calendar_head, vevent};
use super::identity::Method;
use super::issuer::Issuer;
use super::text::one_line;

/// How often a subscribing calendar is asked to look again.
const REFRESH: chrono::Duration = chrono::Duration::minutes(15);

/// The calendar named `name` with `bookings` (each of a listing in
/// `listings`; one whose listing is missing is left out); `time_zone` is
/// the hub's, named as the calendar's default.
pub fn feed_calendar(
    issuer: &Issuer,
    hub: &hub::Model,
    time_zone: chrono_tz::Tz,
    name: &str,
    bookings: &[booking::Model],
    listings: &HashMap<uuid::Uuid, listing::Model>,
) -> String {
    let mut calendar: Calendar = calendar_head();
    calendar
        .append_property(("METHOD", "PUBLISH"))
        .name(&one_line(name))
        .append_property(("X-WR-TIMEZONE", time_zone.name()))
        .ttl(&REFRESH);
    for booking in bookings {
        if let Some(listing) = listings.get(&booking.listing_id) {
            calendar.push(vevent(
                issuer,
                hub,
                listing,
                booking,
                Method::for_status(booking.status),
            ));
        }
    }
    calendar.to_string()
}

//! The `.ics` a customer's message carries: one booking's event, or every
//! confirmed occurrence of a series, each under its booking's own `UID`.

use crate::accounts::store as accounts_store;
use crate::calendar::event::bookings_event;
use crate::calendar::identity::Method;
use crate::calendar::issuer::Issuer;
use crate::entities::{booking, listing};
use crate::error::AppResult;
use crate::ids::UserId;

use super::super::outbox::Attachment;
use super::super::recipients::Recipient;
use super::Announcement;

/// `bookings` of `listing` as a calendar file for `person` with `method`;
/// none unless `person` is their customer (the attendee it names) and
/// there is at least one booking.
pub async fn attach(
    announcement: &Announcement<'_>,
    listing: &listing::Model,
    bookings: &[booking::Model],
    person: &Recipient,
    method: Method,
) -> AppResult<Vec<Attachment>> {
    let Some(first) = bookings.first() else {
        return Ok(Vec::new());
    };
    if bookings.iter().any(|b| b.customer_id != person.user) {
        return Ok(Vec::new());
    }
    let hx = announcement.hx;
    let Some(customer) = accounts_store::find_by_id(hx.conn(), UserId(first.customer_id)).await?
    else {
        return Ok(Vec::new());
    };
    let issuer = Issuer::new(announcement.public_url, person.locale);
    Ok(vec![Attachment {
        name: if bookings.len() == 1 {
            "booking.ics"
        } else {
            "bookings.ics"
        }
        .to_owned(),
        content_type: format!("text/calendar; charset=utf-8; method={}", method.as_str()),
        content: bookings_event(
            &issuer,
            announcement.hub,
            listing,
            bookings,
            &customer,
            method,
        ),
    }])
}

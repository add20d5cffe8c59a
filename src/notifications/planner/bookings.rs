//! Messages about one booking or its payment: the request to the hub's
//! managers and the listing's providers, every other change to the customer.

use crate::answers::store::issue as answer_links;
use crate::bookings::store as bookings_store;
use crate::calendar::identity::Method;
use crate::entities::booking;
use crate::error::AppResult;
use crate::listings::store as listings_store;
use crate::payments::engine as payments;

use super::super::kinds::Kind;
use super::super::recipients;
use super::super::templates::Facts;
use super::wording::{money, when};
use super::{Announcement, Letter, calendar_file};

/// The letters the change of the booking `event.subject_id` calls for.
pub async fn letters(announcement: &Announcement<'_>) -> AppResult<Vec<Letter>> {
    let Announcement {
        hx,
        hub,
        event,
        kind,
        public_url,
        now,
    } = *announcement;
    let Some(booking) = bookings_store::find(hx, event.subject_id, false).await? else {
        return Ok(Vec::new());
    };
    if told_by_its_series(event.action.as_str(), &booking, kind) {
        return Ok(Vec::new());
    }
    let Some(listing) = listings_store::find(hx, booking.listing_id, false).await? else {
        return Ok(Vec::new());
    };
    let customers = recipients::customer(hx, hub, booking.customer_id).await?;
    let customer = customers
        .first()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let people = if kind.for_staff() {
        recipients::staff(hx, hub, listing.organization_id).await?
    } else {
        customers
    };
    let amount = match kind {
        Kind::BookingCancelled => booking.refund_due.unwrap_or(0),
        Kind::PaymentRefunded => {
            payments::view(hx, hub, &booking, now)
                .await?
                .totals
                .refunded
        }
        _ => booking.gross,
    };
    let facts = Facts {
        hub: hub.name.clone(),
        listing: listing.title.clone(),
        when: when(hub, &booking)?,
        amount: money(amount, &booking.currency),
        reason: booking.reason.clone().unwrap_or_default(),
        customer,
        // The customer's note is for those who answer the request.
        details: if kind.for_staff() {
            booking.note.clone()
        } else {
            String::new()
        },
        ..Facts::default()
    };
    let method = calendar_method(event.from_status.as_deref(), event.to_status.as_deref());
    let mut letters = Vec::new();
    for person in people {
        let attachments = match method {
            Some(method) => {
                let one = std::slice::from_ref(&booking);
                calendar_file::attach(announcement, &listing, one, &person, method).await?
            }
            None => Vec::new(),
        };
        let mut facts = facts.clone();
        if kind == Kind::BookingRequested {
            // Each answers with links of their own, made in this transaction.
            let links = answer_links(hx, &booking, person.user, public_url, now).await?;
            (facts.approve, facts.decline) =
                links.map(|l| (l.approve, l.decline)).unwrap_or_default();
        }
        letters.push(Letter {
            person,
            facts,
            attachments,
        });
    }
    Ok(letters)
}

/// Whether the customer hears of this change in the message about its
/// series instead: the creation of an occurrence of a series.
///
/// The rule is the booking's own `series_id` and the action, not timing:
/// only `createBookingSeries` sets a series id, and whenever it creates a
/// booking it records, in the same transaction, the `SERIES` event that
/// lists it, so that event's message covers every such creation, and no
/// other creation is covered. Messages for staff still go out (each
/// request is answered on its own), and so does every later change of an
/// occurrence (approved, cancelled, paid), which is about that one alone.
fn told_by_its_series(action: &str, booking: &booking::Model, kind: Kind) -> bool {
    action == "createBooking" && booking.series_id.is_some() && !kind.for_staff()
}

/// The calendar method a change of status calls for: the event added when
/// the booking is confirmed, removed when a confirmed booking is called off.
fn calendar_method(from: Option<&str>, to: Option<&str>) -> Option<Method> {
    match (from, to) {
        (_, Some("CONFIRMED")) => Some(Method::Request),
        (Some("CONFIRMED"), Some("CANCELLED")) => Some(Method::Cancel),
        _ => None,
    }
}

//! Paying a booking by card on Stripe's own page: the customer is sent to
//! a Checkout Session opened for their booking and comes back to it.
//!
//! One session at a time per booking: asking again while it is open
//! answers the same page. A session is opened under an idempotency key
//! made of the booking, the session it follows and the minute, so a double
//! click opens one; should two be opened at once anyway, the one recorded
//! first is kept and the other expired before anybody sees it.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use crate::bookings::access::visible_booking;
use crate::bookings::error::BookingError;
use crate::bookings::model::BookingStatus;
use crate::bookings::store as bookings_store;
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::{booking, hub};
use crate::error::{AppError, AppResult};
use crate::ids::HubId;
use crate::listings::access::ListingAccess;
use crate::listings::store as listings_store;
use crate::request::RequestContext;
use crate::state::Services;

use super::adopt::holds_money;
use super::error::PaymentError;
use super::intents_store;
use super::settle;
use super::stripe::api::{Call, StripeApi};
use super::stripe::checkout::{self, NewSession, Session, SessionState};

/// Stripe keeps a session open at least this long…
const SHORTEST: Duration = Duration::minutes(31);
/// …and at most this long.
const LONGEST: Duration = Duration::minutes(23 * 60 + 59);
/// A session closer than this to its end is not handed out again.
const TIME_TO_PAY: Duration = Duration::minutes(5);

/// Stripe's page for paying a booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardCheckout {
    /// Where to send the customer.
    pub url: String,
    /// When the page stops taking the payment.
    pub expires_at: DateTime<Utc>,
}

/// When a session opened `now` for a booking whose payment is due by
/// `deadline` expires: the deadline, within what Stripe allows. Whole
/// minutes, so a repeated click makes the same request.
pub fn session_end(now: DateTime<Utc>, deadline: Option<DateTime<Utc>>) -> i64 {
    let end = deadline
        .unwrap_or(now + LONGEST)
        .clamp(now + SHORTEST, now + LONGEST)
        .timestamp();
    end - end.rem_euclid(60)
}

fn handed_out(session: &Session, now: DateTime<Utc>) -> AppResult<Option<CardCheckout>> {
    if session.state != SessionState::Open || session.expires_at < (now + TIME_TO_PAY).timestamp() {
        return Ok(None);
    }
    let (Some(url), Some(expires_at)) = (
        session.url.clone(),
        DateTime::from_timestamp(session.expires_at, 0),
    ) else {
        return Err(AppError::Internal(
            "an open Checkout Session without a page".into(),
        ));
    };
    Ok(Some(CardCheckout { url, expires_at }))
}

/// The booking `id` the viewer of `request` pays for, waiting for it.
async fn payable(
    services: &Services,
    request: &RequestContext,
    id: uuid::Uuid,
) -> AppResult<(booking::Model, String)> {
    let viewer = request.viewer()?;
    let hx = request.begin_hub(services, Access::Read).await?;
    let access = ListingAccess::of(request, &hx).await?;
    let (booking, _) = visible_booking(&hx, &access, id, false).await?;
    let listing = listings_store::find(&hx, booking.listing_id, false)
        .await?
        .ok_or_else(listings_store::not_found)?;
    hx.commit().await?;
    if booking.customer_id != viewer.user.id {
        return Err(BookingError::PartNotAllowed.into());
    }
    if !booking.paid_online || booking.gross == 0 {
        return Err(PaymentError::NotRequired.into());
    }
    let waiting = matches!(
        booking.status,
        BookingStatus::AwaitingPayment | BookingStatus::Requested
    );
    // Past its deadline a booking is about to lapse: not paid for now.
    let lapsing = booking
        .response_deadline
        .is_some_and(|deadline| deadline <= services.clock.now());
    if !waiting || lapsing {
        return Err(PaymentError::BookingClosed.into());
    }
    Ok((booking, listing.title))
}

/// Stripe's page where the viewer of `request` pays booking `id` by card:
/// the open one, or a new one. `api` is `None` when this server has no
/// Stripe account: then nothing is paid by card.
pub async fn start(
    api: Option<&StripeApi>,
    services: &Services,
    request: &RequestContext,
    id: uuid::Uuid,
) -> AppResult<CardCheckout> {
    let hub = request.hub()?;
    // The booking is checked first: another's or another hub's is not
    // found, whatever this server's payments.
    let (booking, title) = payable(services, request, id).await?;
    let Some(api) = api else {
        return Err(PaymentError::NotRequired.into());
    };
    settle::open(api, services, hub, id).await?;
    let Some((booking_now, Some(row), _)) = settle::read_booking(services, hub, id).await? else {
        return Err(PaymentError::BookingClosed.into());
    };
    if holds_money(row.status) {
        return Err(PaymentError::AlreadyPaid.into());
    }
    if booking_now.status != booking.status {
        return Err(PaymentError::BookingClosed.into());
    }
    let now = services.clock.now();
    let account = row.account_id.clone();
    if let Some(previous) = &row.checkout_session_id {
        let mut session =
            checkout::retrieve(api, previous, &Call::read(account.as_deref())).await?;
        if let Some(open) = handed_out(&session, now)? {
            return Ok(open);
        }
        if session.state == SessionState::Open {
            // About to end: closed now, so that only the new one can be paid.
            let call = Call::new(format!("expire-{previous}"), account.as_deref());
            session = checkout::expire(api, previous, &call).await?;
        }
        if session.state == SessionState::Complete {
            settle::settle(api, services, hub, id).await?;
            return Err(PaymentError::AlreadyPaid.into());
        }
    }
    let expires_at = session_end(now, booking.response_deadline);
    let new = new_session(services, request, hub, &booking, title, expires_at).await?;
    let key = format!(
        "checkout-{id}-{}-{}-{expires_at}",
        row.checkout_session_id.as_deref().unwrap_or("first"),
        request.locale.tag()
    );
    let session = checkout::create(api, new, &Call::new(key, account.as_deref())).await?;
    let kept = record(
        services,
        hub,
        id,
        row.checkout_session_id.as_deref(),
        &session,
    )
    .await?;
    if kept != session.id {
        let call = Call::new(format!("expire-{}", session.id), account.as_deref());
        checkout::expire(api, &session.id, &call).await?;
        let session = checkout::retrieve(api, &kept, &Call::read(account.as_deref())).await?;
        return handed_out(&session, now)?.ok_or_else(|| PaymentError::BookingClosed.into());
    }
    handed_out(&session, now)?.ok_or_else(|| {
        AppError::Internal("Stripe answered a new Checkout Session that is not open".into())
    })
}

async fn new_session(
    services: &Services,
    request: &RequestContext,
    hub: &hub::Model,
    booking: &booking::Model,
    title: String,
    expires_at: i64,
) -> AppResult<NewSession> {
    let (_, destination) = settle::destination(services, hub, booking).await?;
    let back = format!(
        "{}/hubs/{}/bookings/{}",
        services.settings.public_url.trim_end_matches('/'),
        hub.slug,
        booking.id
    );
    Ok(NewSession {
        name: title,
        amount: booking.gross,
        currency: booking.currency.clone(),
        manual: booking.status == BookingStatus::Requested,
        destination: destination.map(|d| (d, booking.commission)),
        description: format!("{} {}", hub.name, booking.id),
        metadata: HashMap::from([
            ("hub".to_owned(), hub.id.to_string()),
            ("booking".to_owned(), booking.id.to_string()),
        ]),
        success_url: format!("{back}?card=paid"),
        cancel_url: format!("{back}?card=back"),
        email: request.viewer()?.user.email.clone(),
        locale: request.locale.tag().to_owned(),
        expires_at,
    })
}

/// Records `session` as booking `id`'s unless another was recorded since
/// `previous` was read; the session kept.
async fn record(
    services: &Services,
    hub: &hub::Model,
    id: uuid::Uuid,
    previous: Option<&str>,
    session: &Session,
) -> AppResult<String> {
    let now = services.clock.now();
    let hx = HubTx::begin(&services.db, Access::Write, HubId(hub.id), None).await?;
    bookings_store::find(&hx, id, true)
        .await?
        .ok_or_else(bookings_store::not_found)?;
    let mut row = intents_store::find(&hx, id)
        .await?
        .ok_or_else(|| AppError::Internal("the intent vanished".into()))?;
    let current = row.checkout_session_id.clone();
    let kept = match current {
        Some(current) if Some(current.as_str()) != previous && current != session.id => current,
        _ => {
            row.checkout_session_id = Some(session.id.clone());
            intents_store::save(&hx, row, now).await?;
            session.id.clone()
        }
    };
    hx.commit().await?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("an instant")
    }

    #[test]
    fn a_session_ends_at_the_deadline_within_what_stripe_allows() {
        let now = at("2026-11-24T10:00:20Z");
        // A 15-minute payment window: Stripe's shortest, 31 minutes.
        let soon = session_end(now, Some(now + Duration::minutes(15)));
        assert_eq!(soon, at("2026-11-24T10:31:00Z").timestamp());
        // Two hours away: the deadline, to the minute.
        let later = session_end(now, Some(at("2026-11-24T12:00:50Z")));
        assert_eq!(later, at("2026-11-24T12:00:00Z").timestamp());
        // A request answered within days, or no deadline: Stripe's longest.
        let far = session_end(now, Some(now + Duration::days(3)));
        assert_eq!(far, at("2026-11-25T09:59:00Z").timestamp());
        assert_eq!(session_end(now, None), far);
        // Whole minutes: the same request a few seconds later.
        let again = session_end(
            now + Duration::seconds(30),
            Some(now + Duration::minutes(15)),
        );
        assert_eq!(again, soon);
        // Always within Stripe's bounds.
        for end in [soon, later, far] {
            assert!(end >= (now + Duration::minutes(30)).timestamp());
            assert!(end <= (now + Duration::hours(24)).timestamp());
        }
    }
}

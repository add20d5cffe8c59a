//! Creating bookings and moving them through their lifecycle, each change
//! checked, audited and written in one transaction.

use chrono::{DateTime, Duration, Utc};
use sea_orm::Set;
use sha2::{Digest, Sha256};

use crate::audit::store::{self as audit, Change};
use crate::db::scope::HubTx;
use crate::entities::{booking, hub, listing};
use crate::error::{AppError, AppResult};
use crate::ids::UserId;
use crate::listings::access::{ListingAccess, visible_listing};
use crate::listings::model::{ApprovalMode, ListingStatus};
use crate::listings::pricing::{Quote, quote};
use crate::listings::spec::ListingSpec;
use crate::listings::store as listings_store;
use crate::listings::stored::{hours_from_row, policy_to_json, spec_from_row};
use crate::money::Currency;
use crate::tenancy::model::{hub_commission_bps, hub_time_zone};

use super::capacity::ensure_room;
use super::checkout::Checkout;
use super::error::BookingError;
use super::model::{BookingEvent, BookingStatus};
use super::period::{self, Period};
use super::store::{self, Against};
use super::terms;

/// How long a provider has to answer a request (never past its start).
pub const RESPONSE_TIME: Duration = Duration::hours(48);

/// What a customer asks for.
#[derive(Debug, Clone)]
pub struct BookingRequest {
    /// The listing.
    pub listing: uuid::Uuid,
    /// When, and how many.
    pub period: Period,
    /// The customer's key for retrying safely.
    pub idempotency_key: String,
    /// A message for the provider.
    pub note: String,
    /// Part of this series, if any.
    pub series: Option<uuid::Uuid>,
    /// How it is paid.
    pub checkout: Checkout,
}

/// A listing read (and locked) for booking, with its rules decoded.
pub struct Bookable {
    /// The row, locked when read for a change.
    pub row: listing::Model,
    /// Its rules.
    pub spec: ListingSpec,
}

/// Reads the listing `id` if the caller may see it, locking it when `lock`.
pub async fn bookable(
    hx: &HubTx,
    access: &ListingAccess,
    id: uuid::Uuid,
    lock: bool,
) -> AppResult<Bookable> {
    let row = visible_listing(hx, access, id, lock).await?;
    let spec = spec_from_row(&row)?;
    Ok(Bookable { row, spec })
}

/// The price of `period` on `listing` and the number of units, after
/// checking the period against the listing's rules.
pub fn price(
    hub: &hub::Model,
    listing: &Bookable,
    period: Period,
    is_member: bool,
    now: DateTime<Utc>,
) -> AppResult<(u32, Quote)> {
    if listing.row.status != ListingStatus::Published {
        return Err(BookingError::ListingClosed.into());
    }
    let tz = hub_time_zone(hub)?;
    let units = period::check(
        &listing.spec,
        &hours_from_row(&listing.row)?,
        tz,
        period,
        now,
    )?;
    let currency = Currency::parse(&hub.currency)
        .ok_or_else(|| AppError::Internal("hub currency unreadable".into()))?;
    let quote = quote(
        &listing.spec.price,
        currency,
        units,
        period.quantity,
        is_member,
        hub_commission_bps(hub)?,
        listing.spec.tax,
    )?;
    Ok((units, quote))
}

/// The digest of a request kept with its booking, so a retry with the same
/// key and other input is refused.
pub fn fingerprint(request: &BookingRequest) -> String {
    let text = format!(
        "{}|{}|{}|{}|{}|{:?}",
        request.listing,
        request.period.start.to_rfc3339(),
        request.period.end.to_rfc3339(),
        request.period.quantity,
        request.note,
        request.series
    );
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Creates a booking for `customer`, or returns the one already made with
/// the same idempotency key (the flag says which). The same key with other
/// input is a `VALIDATION` error.
pub async fn create(
    hx: &HubTx,
    hub: &hub::Model,
    access: &ListingAccess,
    customer: UserId,
    is_member: bool,
    request: BookingRequest,
    now: DateTime<Utc>,
) -> AppResult<(booking::Model, bool)> {
    let key = request.idempotency_key.trim().to_owned();
    if key.is_empty() || key.chars().count() > 100 {
        return Err(BookingError::KeyInvalid.into());
    }
    if request.note.chars().count() > 1000 {
        return Err(BookingError::NoteTooLong { max: 1000 }.into());
    }
    let digest = fingerprint(&request);
    // The lock comes first: it also serialises two retries of one key.
    let listing = bookable(hx, access, request.listing, true).await?;
    // A retry finds the slot taken by its own first booking, or the
    // listing changed since: whatever the checks say, the key's first
    // booking is the answer. Only a refusal asks for it (one statement
    // less on the way that books), and the insert below cannot make a
    // second booking under a key.
    let checked = match checks(hx, hub, &listing, &request, is_member, now).await {
        Ok(checked) => checked,
        Err(refusal) => {
            return match first_with_key(hx, customer, &key, &digest).await? {
                Some(first) => Ok((first, true)),
                None => Err(refusal),
            };
        }
    };
    let (quote, online) = (checked.quote, checked.window);
    let (status, deadline) = match (listing.spec.approval, online) {
        // Paid online at once: the place is held until the payment
        // deadline, then released unless paid.
        (ApprovalMode::Instant, Some(window)) => (
            BookingStatus::AwaitingPayment,
            Some((now + window).min(request.period.start)),
        ),
        (ApprovalMode::Instant, None) => (BookingStatus::Confirmed, None),
        (ApprovalMode::Request, _) => (
            BookingStatus::Requested,
            Some((now + RESPONSE_TIME).min(request.period.start)),
        ),
    };
    let Some(row) = store::insert_unless_key_taken(
        hx,
        booking::ActiveModel {
            tenant_id: Set(hx.hub().0),
            id: Set(uuid::Uuid::now_v7()),
            listing_id: Set(listing.row.id),
            customer_id: Set(customer.0),
            starts_at: Set(request.period.start),
            ends_at: Set(request.period.end),
            quantity: Set(i32::try_from(request.period.quantity).unwrap_or(i32::MAX)),
            status: Set(status),
            currency: Set(hub.currency.clone()),
            gross: Set(quote.gross.amount),
            commission: Set(quote.commission.amount),
            provider_net: Set(quote.provider_net.amount),
            tax: Set(quote.tax.amount),
            tax_rate_bps: Set(quote.tax_rate.as_i32()),
            refund_due: Set(None),
            idempotency_key: Set(key.clone()),
            fingerprint: Set(digest.clone()),
            note: Set(request.note.trim().to_owned()),
            reason: Set(None),
            response_deadline: Set(deadline),
            series_id: Set(request.series),
            price_lines: Set(terms::lines_to_json(&quote)?),
            cancellation_policy: Set(policy_to_json(&listing.spec.cancellation)),
            commission_bps: Set(hub.commission_bps),
            paid_online: Set(online.is_some()),
            created_at: Set(now),
            updated_at: Set(now),
        },
    )
    .await?
    else {
        // The same key, on another listing, booked at this very moment.
        return match first_with_key(hx, customer, &key, &digest).await? {
            Some(first) => Ok((first, true)),
            None => Err(AppError::Internal(
                "a booking key taken but not found".into(),
            )),
        };
    };
    audit::record(
        hx,
        Change {
            actor: Some(customer),
            subject: "BOOKING",
            subject_id: row.id,
            action: "createBooking",
            from: None,
            to: Some(status.as_str()),
        },
        now,
    )
    .await?;
    Ok((row, false))
}

/// What the checks of a new booking found: its price, and how long its
/// place is held for an online payment (if paid online).
struct Checked {
    quote: Quote,
    window: Option<Duration>,
}

/// The listing's rules, the room left and the payment of a new booking.
async fn checks(
    hx: &HubTx,
    hub: &hub::Model,
    listing: &Bookable,
    request: &BookingRequest,
    is_member: bool,
    now: DateTime<Utc>,
) -> AppResult<Checked> {
    let (_, quote) = price(hub, listing, request.period, is_member, now)?;
    ensure_room(
        hx,
        &listing.row,
        &listing.spec,
        request.period,
        Against::Holding,
    )
    .await?;
    let window = match request.checkout {
        Checkout::Online { window, payable } if quote.gross.amount > 0 => {
            if !payable {
                return Err(BookingError::PayoutsNotReady.into());
            }
            Some(window)
        }
        _ => None,
    };
    Ok(Checked { quote, window })
}

/// The customer's first booking under `key`: `Some` when it was asked with
/// the same input, `VALIDATION` when with other input.
async fn first_with_key(
    hx: &HubTx,
    customer: UserId,
    key: &str,
    digest: &str,
) -> AppResult<Option<booking::Model>> {
    match store::find_by_key(hx, customer, key).await? {
        Some(first) if first.fingerprint == digest => Ok(Some(first)),
        Some(_) => Err(BookingError::KeyReused.into()),
        None => Ok(None),
    }
}

/// Who caused a transition, and in which capacity.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    /// The user, or `None` for the server's worker.
    pub user: Option<UserId>,
    /// Whether they act for the hub or the provider (a cancellation by
    /// them refunds in full) rather than as the customer.
    pub for_the_hub: bool,
}

/// Applies `event` to a booking read with its row locked, checking the
/// lifecycle (`CONFLICT` otherwise) and, when approving, capacity again.
pub async fn transition(
    hx: &HubTx,
    row: booking::Model,
    event: BookingEvent,
    actor: Actor,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<booking::Model> {
    let from = row.status;
    let to = from.after(event)?;
    if event == BookingEvent::MarkNoShow && now < row.starts_at {
        return Err(BookingError::NoShowTooEarly.into());
    }
    let mut refund = None;
    if event == BookingEvent::Approve {
        let listing = listings_store::find(hx, row.listing_id, true)
            .await?
            .ok_or_else(listings_store::not_found)?;
        let spec = spec_from_row(&listing)?;
        let period = Period {
            start: row.starts_at,
            end: row.ends_at,
            quantity: store::stored_quantity(&row)?,
        };
        ensure_room(
            hx,
            &listing,
            &spec,
            period,
            Against::ConfirmedBesides(row.id),
        )
        .await?;
    }
    if event == BookingEvent::Cancel {
        refund = Some(terms::refund_on_cancel(&row, actor.for_the_hub, now)?);
    }
    let action = match event {
        BookingEvent::Approve => "approveBooking",
        BookingEvent::Decline => "declineBooking",
        BookingEvent::Cancel => "cancelBooking",
        BookingEvent::Expire => "expire",
        BookingEvent::Complete => "complete",
        BookingEvent::MarkNoShow => "markNoShow",
        BookingEvent::Pay => "paid",
    };
    let updated = store::set_status(hx, row, to, reason, refund, now).await?;
    audit::record(
        hx,
        Change {
            actor: actor.user,
            subject: "BOOKING",
            subject_id: updated.id,
            action,
            from: Some(from.as_str()),
            to: Some(to.as_str()),
        },
        now,
    )
    .await?;
    Ok(updated)
}

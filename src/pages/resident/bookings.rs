//! My bookings in a hub (`GET /hubs/{slug}/bookings`), one booking
//! (`GET …/bookings/{id}`: its status, period, price, payment, the refund
//! cancelling now gives, the cancel form), its calendar file
//! (`GET …/bookings/{id}.ics`, with the page's cookie session), and
//! cancelling it (`POST …/bookings/{id}/cancel`).

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde_json::{Value, json};

use crate::http::AppState;
use crate::msg;

use super::super::posted::Posted;
use super::super::render::{Notice, Page, data, see_other, unidentified};
use super::super::visitor::{Unidentified, Visitor};
use super::super::{api, ask};
use super::{Asked, now};

/// How many bookings a page of the list shows.
const PAGE_SIZE: i64 = 50;

const MINE: &str = "query($first: Int, $after: String) {
    myBookings(first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id status start end quantity price { gross { amount currency } }
                listing { id title } } } }";

const ONE: &str = "query($id: ID!) { booking(id: $id) {
    id status start end quantity note reason responseDeadline seriesId
    price { gross { amount currency } tax { amount currency } }
    lines { kind quantity unitAmount { amount currency } amount { amount currency } }
    refundSchedule { until refundPercent }
    refundDue { amount currency } refundIfCancelledNow { amount currency }
    listing { id title address approvalMode organization { name } } } }";

const PAYMENT: &str = "query($id: ID!) { bookingPayment(bookingId: $id) {
    provider status gross { amount currency } received { amount currency }
    refunded { amount currency } authorized { amount currency } failure } }";

const SYNC: &str = "mutation($id: ID!) { payBooking(bookingId: $id) { status } }";

const CANCEL: &str = "mutation($id: ID!, $reason: String) {
    cancelBooking(id: $id, reason: $reason) { id status refundDue { amount currency } } }";

/// `GET /hubs/{slug}/bookings`: upcoming first (soonest first), then past
/// (latest first).
pub async fn mine(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(raw): RawQuery,
    visitor: Visitor,
) -> Response {
    let who = match ask::logged_in(&state, &visitor, &slug).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let asked = Asked::read(raw.as_deref());
    let after = Some(asked.get("after")).filter(|a| !a.is_empty());
    let variables = json!({ "first": PAGE_SIZE, "after": after });
    let answer = match ask::read(&state, &visitor, &who, MINE, variables).await {
        Ok(answer) => answer,
        Err(page) => return page,
    };
    let page = &answer["myBookings"];
    let now = now(&state);
    let nodes = page["nodes"].as_array().cloned().unwrap_or_default();
    let is_past = |booking: &Value| {
        booking["end"]
            .as_str()
            .and_then(|end| chrono::DateTime::parse_from_rfc3339(end).ok())
            .is_some_and(|end| end <= now)
    };
    let (mut past, upcoming): (Vec<Value>, Vec<Value>) = nodes.into_iter().partition(is_past);
    past.reverse();
    let next = page["pageInfo"]["hasNextPage"]
        .as_bool()
        .filter(|more| *more)
        .and_then(|_| page["pageInfo"]["endCursor"].as_str())
        .map(|cursor| {
            let cursor: String = url::form_urlencoded::byte_serialize(cursor.as_bytes()).collect();
            format!("?after={cursor}")
        });
    Page::new(
        "resident/bookings.html",
        minijinja::context! {
            upcoming => data(upcoming),
            past => data(past),
            next => next,
        },
    )
    .show(&visitor, Some(&who))
}

/// `GET /hubs/{slug}/bookings/{id}` (or `{id}.ics`). Back from paying
/// on Stripe's page (`?card=paid`), the payment is read from Stripe first,
/// so the page shows it without waiting for Stripe's own message.
pub async fn one(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    visitor: Visitor,
) -> Response {
    let who = match ask::logged_in(&state, &visitor, &slug).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    if let Some(id) = id.strip_suffix(".ics") {
        return calendar_file(&state, &visitor, &who, id).await;
    }
    let card = match Asked::read(raw.as_deref()).get("card") {
        "paid" => "paid",
        "back" => "back",
        _ => "",
    };
    if card == "paid" {
        // `payBooking` (safe to repeat) reads the payment from Stripe and
        // records it; the page shows whatever came of it.
        let _ = api::ask(&state, &who, SYNC, json!({ "id": id })).await;
    }
    let answer = match ask::read(&state, &visitor, &who, ONE, json!({ "id": id })).await {
        Ok(answer) => answer,
        Err(page) => return page,
    };
    // The payment is a part of the page: a booking with none yet (or one
    // the API will not show) still shows everything else.
    let payment = api::ask(&state, &who, PAYMENT, json!({ "id": id }))
        .await
        .map(|data| data["bookingPayment"].clone())
        .unwrap_or(Value::Null);
    Page::new(
        "resident/booking.html",
        minijinja::context! {
            booking => data(&answer["booking"]),
            payment => data(payment),
            card => card,
        },
    )
    .show(&visitor, Some(&who))
}

/// The booking's `.ics`, for whoever may see the booking.
async fn calendar_file(
    state: &AppState,
    visitor: &Visitor,
    who: &super::super::visitor::Identified,
    id: &str,
) -> Response {
    let locale = who.locale();
    let failed = |error| unidentified(visitor, Unidentified { error, locale });
    let Ok(id) = uuid::Uuid::try_parse(id) else {
        return failed(crate::error::AppError::NotFound(msg!("booking-not-found")));
    };
    match crate::calendar::reading::booking_text(&state.services, &who.context, id).await {
        Ok((text, method)) => crate::http::calendar::booking_file(id, text, method),
        Err(error) => failed(error),
    }
}

/// `POST /hubs/{slug}/bookings/{id}/cancel`: back to the booking, which
/// then shows it cancelled and the refund.
pub async fn cancel(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    Posted(visitor, fields): Posted,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&slug)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let back = format!("/hubs/{slug}/bookings/{}", url_segment(&id));
    let variables = json!({ "id": id, "reason": fields.optional("reason") });
    match super::act(&state, &visitor, &who, CANCEL, variables, &back).await {
        Ok(done) => {
            let refund = &done["cancelBooking"]["refundDue"];
            let said = match refund["amount"].as_i64() {
                Some(amount) if amount > 0 => msg!(
                    "page-resident-cancelled-refund",
                    amount = super::super::format::money(
                        amount,
                        refund["currency"].as_str().unwrap_or_default(),
                        who.locale()
                    )
                ),
                _ => msg!("page-resident-cancelled-no-refund"),
            }
            .render(who.locale());
            see_other(&back, &visitor, Some(Notice::Done(&said)))
        }
        Err(page) => page,
    }
}

/// `id` as one path segment (an id is a UUID; anything else is escaped,
/// so a crafted one cannot lead the browser elsewhere).
pub(super) fn url_segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

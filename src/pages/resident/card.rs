//! Paying a booking by card: `POST /hubs/{slug}/bookings/{id}/card` opens
//! (or reopens) Stripe's page for it (`payBookingByCard`) and answers the
//! page with the link there. Stripe sends the customer back to the booking
//! (`?card=paid` or `?card=back`), whose page then reads the payment.

use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::json;

use crate::http::AppState;
use crate::msg;

use super::super::ask;
use super::super::onward::{Onward, onward};
use super::super::posted::Posted;

const PAY: &str = "mutation($id: ID!) { payBookingByCard(bookingId: $id) { url expiresAt } }";

/// `POST /hubs/{slug}/bookings/{id}/card`.
pub async fn pay(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    Posted(visitor, _): Posted,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&slug)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let back = format!(
        "/hubs/{slug}/bookings/{}",
        super::bookings::url_segment(&id)
    );
    let done = match super::act(&state, &visitor, &who, PAY, json!({ "id": id }), &back).await {
        Ok(done) => done,
        Err(page) => return page,
    };
    let checkout = &done["payBookingByCard"];
    let locale = who.locale();
    let until = checkout["expiresAt"]
        .as_str()
        .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
        .map(|at| {
            let tz = super::tz_of(&who);
            super::super::format::when(at.with_timezone(&chrono::Utc), tz, locale)
        })
        .unwrap_or_default();
    onward(
        &visitor,
        &who,
        Onward {
            url: checkout["url"].as_str().unwrap_or_default(),
            title: msg!("page-resident-card-title").render(locale),
            text: msg!("page-resident-card-onward", until = until).render(locale),
            link: msg!("page-resident-card-link").render(locale),
            back: &back,
            unusable: msg!("page-resident-card-no-link").render(locale),
        },
    )
}

//! `GET /hubs/{slug}/manage/bookings/{id}`: one booking for the manager,
//! with its payment and history, and what can be done to it: answer a
//! request, cancel (the API records the refund its terms allow), record a
//! payment at the desk, or record that nobody came.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::json;

use crate::http::AppState;
use crate::msg;

use super::super::ask;
use super::super::format::minor_units;
use super::super::posted::Posted;
use super::super::render::{Notice, Page, data, see_other};
use super::super::visitor::Visitor;
use super::{act, desk_path, manager};

/// This page's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/hubs/{hub}/manage/bookings/{id}", get(booking))
        .route("/hubs/{hub}/manage/bookings/{id}/cancel", post(cancel))
        .route("/hubs/{hub}/manage/bookings/{id}/paid", post(paid))
        .route("/hubs/{hub}/manage/bookings/{id}/no-show", post(no_show))
        .route("/hubs/{hub}/manage/bookings/{id}/refunded", post(refunded))
}

const BOOKING: &str = "query($id: ID!) {
    booking(id: $id) { id status start end quantity note reason responseDeadline createdAt
        price { gross { amount currency } commission { amount currency } providerNet { amount currency } }
        refundDue { amount currency }
        listing { id title organization { name } }
        customer { name email } }
    bookingPayment(bookingId: $id) { provider status
        gross { amount currency } received { amount currency } refunded { amount currency } }
    auditLog(subjectId: $id, first: 20) { nodes { id action fromStatus toStatus at } } }";

/// The ways of paying at the desk, as the API names them.
const METHODS: [&str; 4] = ["CASH", "BANK_TRANSFER", "CARD_AT_DESK", "OTHER"];

async fn booking(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    visitor: Visitor,
) -> Response {
    let who = match manager(&state, &visitor, &hub, &visitor.here).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    match ask::read(&state, &visitor, &who, BOOKING, json!({ "id": id })).await {
        Ok(answer) => Page::new(
            "manager/booking.html",
            minijinja::context! {
                desk => "calendar",
                booking => data(&answer["booking"]),
                payment => data(&answer["bookingPayment"]),
                history => data(&answer["auditLog"]["nodes"]),
                methods => METHODS,
            },
        )
        .show(&visitor, Some(&who)),
        Err(page) => page,
    }
}

/// This booking's page.
fn page_of(hub: &str, id: &str) -> String {
    desk_path(hub, &format!("bookings/{id}"))
}

async fn cancel(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, fields): Posted,
) -> Response {
    let document =
        "mutation($id: ID!, $reason: String) { cancelBooking(id: $id, reason: $reason) { id } }";
    let variables = json!({ "id": id, "reason": fields.optional("reason") });
    let done = msg!("page-manager-booking-cancelled");
    act(
        &state,
        &visitor,
        &hub,
        &page_of(&hub, &id),
        document,
        variables,
        done,
    )
    .await
}

async fn paid(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, fields): Posted,
) -> Response {
    let back = page_of(&hub, &id);
    if !METHODS.contains(&fields.get("method")) {
        let said = msg!("page-manager-booking-method").render(visitor.locale());
        return see_other(&back, &visitor, Some(Notice::Refused(&said)));
    }
    let document = "mutation($id: ID!, $method: PaymentMethod!, $reference: String) {
        markPaid(bookingId: $id, method: $method, reference: $reference) { status } }";
    let variables = json!({
        "id": id,
        "method": fields.get("method"),
        "reference": fields.optional("reference"),
    });
    let done = msg!("page-manager-booking-paid");
    act(&state, &visitor, &hub, &back, document, variables, done).await
}

async fn no_show(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, _): Posted,
) -> Response {
    let document = "mutation($id: ID!) { markNoShow(id: $id) { id } }";
    let done = msg!("page-manager-booking-no-show");
    act(
        &state,
        &visitor,
        &hub,
        &page_of(&hub, &id),
        document,
        json!({ "id": id }),
        done,
    )
    .await
}

/// Records money given back at the desk (`markRefunded`): the amount as
/// people type it (`12,50`); the API refuses more than was received.
async fn refunded(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, fields): Posted,
) -> Response {
    let back = page_of(&hub, &id);
    let Some(amount) = minor_units(fields.get("amount")).filter(|a| *a > 0) else {
        let said = msg!("page-manager-booking-amount").render(visitor.locale());
        return see_other(&back, &visitor, Some(Notice::Refused(&said)));
    };
    let document = "mutation($id: ID!, $amount: Int!, $reference: String) {
        markRefunded(bookingId: $id, amount: $amount, reference: $reference) { status } }";
    let variables = json!({
        "id": id,
        "amount": amount,
        "reference": fields.optional("reference"),
    });
    let done = msg!("page-manager-booking-refunded");
    act(&state, &visitor, &hub, &back, document, variables, done).await
}

//! The requests waiting for the provider's answer, on their organizations'
//! listings, each with the shared approve and decline forms, and the next
//! confirmed bookings. The API answers providers only their organizations'
//! bookings, managers every one.

use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::json;

use crate::http::AppState;

use super::super::ask;
use super::super::render::{Page, data};
use super::super::visitor::Visitor;

/// How many confirmed bookings the page shows ahead.
const NEXT_CONFIRMED: usize = 30;

const BOOKINGS: &str = "query($from: DateTime!, $next: Int!) {
    requested: bookings(filter: { status: REQUESTED }, first: 100) {
        pageInfo { hasNextPage }
        nodes { id start end quantity note responseDeadline
                price { gross { amount currency } }
                listing { id title } customer { name } } }
    confirmed: bookings(filter: { status: CONFIRMED, from: $from }, first: $next) {
        pageInfo { hasNextPage }
        nodes { id start end quantity note
                price { gross { amount currency } }
                listing { id title } customer { name } } } }";

/// `GET /hubs/{hub}/provider/requests`.
pub(super) async fn show(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    visitor: Visitor,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&hub)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let variables =
        json!({ "from": state.services.clock.now().to_rfc3339(), "next": NEXT_CONFIRMED });
    let found = match ask::read(&state, &visitor, &who, BOOKINGS, variables).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    Page::new(
        "provider/requests.html",
        minijinja::context! {
            section => "requests",
            requested => data(&found["requested"]["nodes"]),
            more_requested => found["requested"]["pageInfo"]["hasNextPage"] == true,
            confirmed => data(&found["confirmed"]["nodes"]),
        },
    )
    .show(&visitor, Some(&who))
}

//! `GET /hubs/{slug}/manage`: the requests waiting for an answer, soonest
//! first, each with the shared approve and decline forms (`answering`).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;

use crate::http::AppState;

use super::super::render::data;
use super::super::visitor::Visitor;
use super::{Paging, desk_page};

/// This page's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/hubs/{hub}/manage", get(inbox))
}

/// Requests on one page of the inbox.
const PAGE: i32 = 25;

const REQUESTS: &str = "query($first: Int!, $after: String) {
    bookings(filter: { status: REQUESTED }, first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id start end quantity note responseDeadline createdAt
            price { gross { amount currency } }
            listing { id title }
            customer { name email } } } }";

async fn inbox(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    Query(paging): Query<Paging>,
    visitor: Visitor,
) -> Response {
    let (read, paged) = paging.read(REQUESTS, PAGE);
    desk_page(
        &state,
        &visitor,
        &hub,
        read,
        "manager/inbox.html",
        |answer, _| {
            minijinja::context! {
                desk => "inbox",
                requests => data(&answer["bookings"]["nodes"]),
                next => data(&answer["bookings"]["pageInfo"]),
                paged => paged,
            }
        },
    )
    .await
}

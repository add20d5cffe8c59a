//! `GET /hubs/{slug}/manage`: the requests waiting for an answer, soonest
//! first, each with the shared approve and decline forms (`answering`).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use serde_json::json;

use crate::http::AppState;

use super::super::ask;
use super::super::render::{Page, data};
use super::super::visitor::Visitor;
use super::manager;

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

#[derive(Debug, Deserialize)]
struct Paging {
    after: Option<String>,
}

async fn inbox(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    Query(paging): Query<Paging>,
    visitor: Visitor,
) -> Response {
    let who = match manager(&state, &visitor, &hub, &visitor.here).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let after = paging.after.filter(|a| !a.is_empty());
    let variables = json!({ "first": PAGE, "after": after });
    match ask::read(&state, &visitor, &who, REQUESTS, variables).await {
        Ok(answer) => Page::new(
            "manager/inbox.html",
            minijinja::context! {
                desk => "inbox",
                requests => data(&answer["bookings"]["nodes"]),
                next => data(&answer["bookings"]["pageInfo"]),
                paged => after.is_some(),
            },
        )
        .show(&visitor, Some(&who)),
        Err(page) => page,
    }
}

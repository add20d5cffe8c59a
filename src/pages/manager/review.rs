//! `GET /hubs/{slug}/manage/review`: the listings waiting for a manager,
//! each to publish, or to send back to its organization with a reason.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::json;

use crate::http::AppState;
use crate::msg;

use super::super::posted::Posted;
use super::super::render::data;
use super::super::visitor::Visitor;
use super::{act, desk_page, desk_path};

/// This page's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/hubs/{hub}/manage/review", get(queue))
        .route("/hubs/{hub}/manage/review/{id}/publish", post(publish))
        .route("/hubs/{hub}/manage/review/{id}/reject", post(reject))
}

const WAITING: &str = "{ listings(filter: { status: PENDING_REVIEW }, first: 50) {
    nodes { id title kind category description address capacity approvalMode updatedAt
        organization { name }
        price { unitPrice { amount currency } } } } }";

async fn queue(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    visitor: Visitor,
) -> Response {
    let read = (WAITING, json!({}));
    desk_page(
        &state,
        &visitor,
        &hub,
        read,
        "manager/review.html",
        |answer, _| {
            minijinja::context! {
                desk => "review",
                listings => data(&answer["listings"]["nodes"]),
            }
        },
    )
    .await
}

async fn publish(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, _): Posted,
) -> Response {
    let document = "mutation($id: ID!) { publishListing(id: $id) { id status } }";
    let back = desk_path(&hub, "review");
    let done = msg!("page-manager-review-published");
    act(
        &state,
        &visitor,
        &hub,
        &back,
        document,
        json!({ "id": id }),
        done,
    )
    .await
}

async fn reject(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, fields): Posted,
) -> Response {
    let document = "mutation($id: ID!, $reason: String!) { rejectListing(id: $id, reason: $reason) { id status } }";
    let back = desk_path(&hub, "review");
    let variables = json!({ "id": id, "reason": fields.get("reason") });
    let done = msg!("page-manager-review-rejected");
    act(&state, &visitor, &hub, &back, document, variables, done).await
}

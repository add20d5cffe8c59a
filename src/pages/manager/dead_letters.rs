//! `GET /hubs/{slug}/manage/dead-letters`: the emails the hub could not
//! deliver after every attempt, each with a button that sends it again.

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
        .route("/hubs/{hub}/manage/dead-letters", get(dead_letters))
        .route("/hubs/{hub}/manage/dead-letters/{id}/retry", post(retry))
}

const DEAD_LETTERS: &str =
    "{ deadLetters { id kind recipient subject attempts lastError createdAt } }";

async fn dead_letters(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    visitor: Visitor,
) -> Response {
    let read = (DEAD_LETTERS, json!({}));
    desk_page(
        &state,
        &visitor,
        &hub,
        read,
        "manager/dead-letters.html",
        |answer, _| {
            minijinja::context! {
                desk => "dead-letters",
                letters => data(&answer["deadLetters"]),
            }
        },
    )
    .await
}

async fn retry(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, _): Posted,
) -> Response {
    let document = "mutation($id: ID!) { retryDeadLetter(id: $id) }";
    let back = desk_path(&hub, "dead-letters");
    let done = msg!("page-manager-dead-letters-retried");
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

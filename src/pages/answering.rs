//! Answering a booking request from a page, for the hub's managers and
//! the listing's providers alike: approve in one click, or decline with a
//! reason. The API decides who may (and re-checks the capacity); the page
//! goes back where the form was, saying what happened.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::post;
use serde_json::{Value, json};

use crate::http::AppState;
use crate::i18n::Message;
use crate::msg;

use super::ask;
use super::posted::{Fields, Posted};
use super::render::{Notice, local_path, see_other};
use super::visitor::Visitor;

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/hubs/{hub}/requests/{id}/approve", post(approve))
        .route("/hubs/{hub}/requests/{id}/decline", post(decline))
}

/// The page the form was on (its `back` field), if it is one of this hub's.
fn back_of(hub: &str, back: &str) -> String {
    local_path(back)
        .filter(|path| path.starts_with(&format!("/hubs/{hub}/")))
        .map_or_else(|| format!("/hubs/{hub}"), str::to_owned)
}

async fn approve(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, fields): Posted,
) -> Response {
    let document = "mutation($id: ID!) { approveBooking(id: $id) { id status } }";
    let done = msg!("page-request-approved");
    answer(
        &state,
        &hub,
        (&visitor, &fields),
        (document, json!({ "id": id })),
        done,
    )
    .await
}

async fn decline(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, fields): Posted,
) -> Response {
    let document = "mutation($id: ID!, $reason: String!) { declineBooking(id: $id, reason: $reason) { id status } }";
    let variables = json!({ "id": id, "reason": fields.get("reason") });
    let done = msg!("page-request-declined");
    answer(
        &state,
        &hub,
        (&visitor, &fields),
        (document, variables),
        done,
    )
    .await
}

/// Sends the answer (`document`) as the visitor, then back where the form
/// was, saying `done` or why not.
async fn answer(
    state: &AppState,
    hub: &str,
    (visitor, fields): (&Visitor, &Fields),
    (document, variables): (&str, Value),
    done: Message,
) -> Response {
    let back = back_of(hub, fields.get("back"));
    let who = match ask::identified(state, visitor, Some(hub)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    match ask::act(state, visitor, &who, document, variables, &back).await {
        Ok(_) => {
            let said = done.render(who.locale());
            see_other(&back, visitor, Some(Notice::Done(&said)))
        }
        Err(page) => page,
    }
}

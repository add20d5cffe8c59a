//! `GET /hubs/{slug}/manage/audit`: the hub's audit log, newest first, a
//! page at a time (the next page by the cursor of the last event shown).
//! The log names people by id; the page names the hub's members by name.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Serialize;
use serde_json::Value;

use crate::http::AppState;

use super::super::render::data;
use super::super::visitor::Visitor;
use super::{Paging, desk_page};

/// This page's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/hubs/{hub}/manage/audit", get(audit))
}

/// Events on one page.
const PAGE: i32 = 30;

const EVENTS: &str = "query($first: Int!, $after: String) {
    auditLog(first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id actorId subject subjectId action fromStatus toStatus at } }
    hub { members(first: 100) { nodes { user { id name } } } } }";

/// An event as the page shows it: who by name when they are a member.
#[derive(Debug, Serialize)]
struct Event {
    at: Value,
    actor: Option<String>,
    by_server: bool,
    subject: Value,
    subject_id: Value,
    action: Value,
    from_status: Value,
    to_status: Value,
}

/// Each event of `answer`, with its actor's name where the hub knows them.
fn events(answer: &Value) -> Vec<Event> {
    let names: HashMap<&str, &str> = answer["hub"]["members"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| Some((m["user"]["id"].as_str()?, m["user"]["name"].as_str()?)))
        .collect();
    answer["auditLog"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|event| {
            let actor = event["actorId"].as_str();
            Event {
                at: event["at"].clone(),
                actor: actor.map(|id| {
                    names
                        .get(id)
                        .map_or_else(|| id.to_owned(), |n| (*n).to_owned())
                }),
                by_server: actor.is_none(),
                subject: event["subject"].clone(),
                subject_id: event["subjectId"].clone(),
                action: event["action"].clone(),
                from_status: event["fromStatus"].clone(),
                to_status: event["toStatus"].clone(),
            }
        })
        .collect()
}

async fn audit(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    Query(paging): Query<Paging>,
    visitor: Visitor,
) -> Response {
    let (read, paged) = paging.read(EVENTS, PAGE);
    desk_page(
        &state,
        &visitor,
        &hub,
        read,
        "manager/audit.html",
        |answer, _| {
            minijinja::context! {
                desk => "audit",
                events => data(events(answer)),
                next => data(&answer["auditLog"]["pageInfo"]),
                paged => paged,
            }
        },
    )
    .await
}

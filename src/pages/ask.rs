//! The steps every page handler takes, each answering with the right page
//! when it cannot go on: identify the visitor (in a hub), read what the
//! page shows, or carry out what a form asked and go back.

use axum::response::Response;
use serde_json::Value;

use crate::error::AppError;
use crate::http::AppState;
use crate::msg;
use crate::tenancy::model::HubSlug;

use super::api;
use super::render::{Notice, login_first, login_then, refused, see_other, unidentified};
use super::visitor::{Identified, Unidentified, Visitor};

/// The visitor identified in the hub `slug` (or in none), else the page
/// that says why not (an unknown hub is `404`).
pub async fn identified(
    state: &AppState,
    visitor: &Visitor,
    hub: Option<&str>,
) -> Result<Identified, Response> {
    // A path that cannot be a hub's is a hub that does not exist (404),
    // not a malformed header as the API would say.
    if let Some(slug) = hub
        && HubSlug::parse(slug, "hub").is_err()
    {
        let failure = Unidentified {
            error: AppError::NotFound(msg!("error-hub-unknown", slug = slug)),
            locale: visitor.locale(),
        };
        return Err(unidentified(visitor, failure));
    }
    visitor
        .identify(state, hub)
        .await
        .map_err(|failure| unidentified(visitor, failure))
}

/// The visitor identified in the hub `slug` and logged in; else the log-in
/// page, which comes back here.
pub async fn logged_in(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
) -> Result<Identified, Response> {
    let who = identified(state, visitor, Some(slug)).await?;
    if who.context.viewer.is_none() {
        return Err(login_first(visitor));
    }
    Ok(who)
}

/// What the page shows: the API's `data`, else the page for the refusal
/// (a log-in for a visitor who must log in, `404`, `403`, …).
pub async fn read(
    state: &AppState,
    visitor: &Visitor,
    who: &Identified,
    document: &str,
    variables: Value,
) -> Result<Value, Response> {
    api::ask(state, who, document, variables)
        .await
        .map_err(|refusal| refused(visitor, Some(who), refusal))
}

/// Carries out a form's mutation: its `data`, else back to `back` (the
/// page the form was on) with the reason shown there, or to the log-in
/// page, which returns to `back`.
pub async fn act(
    state: &AppState,
    visitor: &Visitor,
    who: &Identified,
    document: &str,
    variables: Value,
    back: &str,
) -> Result<Value, Response> {
    match api::ask(state, who, document, variables).await {
        Ok(data) => Ok(data),
        Err(refusal) if refusal.code == "UNAUTHENTICATED" => Err(login_then(back, visitor)),
        Err(refusal) => Err(see_other(
            back,
            visitor,
            Some(Notice::Refused(&refusal.message)),
        )),
    }
}

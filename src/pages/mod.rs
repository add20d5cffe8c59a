//! The pages people use, served by the same binary: server-rendered HTML
//! whose forms work without JavaScript (post, redirect, get). A page asks
//! the API's own schema as its visitor (`api`), so no rule is written
//! twice; it only chooses what to show and in which words.
//!
//! Areas: `account` (log in, sign up, links from emails, language), `home`
//! (the hubs and the open map), `resident` (a hub, its listings, booking,
//! my bookings), `provider` (an organization's listings and requests),
//! `manager` (the hub's desk).

mod account;
mod answering;
mod api;
mod ask;
mod assets;
mod cookies;
mod format;
mod home;
mod manager;
mod onward;
mod posted;
mod provider;
mod render;
mod resident;
mod visitor;

use axum::Router;

use crate::http::AppState;

/// Every page's route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(assets::routes())
        .merge(account::routes())
        .merge(answering::routes())
        .merge(home::routes())
        .merge(resident::routes())
        .merge(provider::routes())
        .merge(manager::routes())
        .fallback(not_found)
}

/// Any other path: a page that says so, in the visitor's language.
async fn not_found(visitor: visitor::Visitor) -> axum::response::Response {
    let locale = visitor.locale();
    render::message(
        &crate::msg!("page-not-found-title").render(locale),
        &crate::msg!("page-not-found").render(locale),
        axum::http::StatusCode::NOT_FOUND,
    )
    .show(&visitor, None)
}

/// Every page template, by name.
fn templates() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    [
        render::SHARED,
        account::TEMPLATES,
        home::TEMPLATES,
        resident::TEMPLATES,
        provider::TEMPLATES,
        manager::TEMPLATES,
    ]
    .into_iter()
    .flatten()
}

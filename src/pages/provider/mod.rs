//! The provider's pages, under `/hubs/{slug}/provider`, for the people who
//! act for an organization (and the hub's managers, who may act for every
//! one): their organizations and listings, writing a listing, its opening
//! hours, and the booking requests waiting for an answer. The API decides
//! who may see and do what; a page only asks it as the visitor.

mod hours;
mod hours_form;
mod listing;
mod listing_form;
mod overview;
mod requests;

use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};

use crate::http::AppState;
use crate::msg;

use super::api::Refusal;
use super::render::refused;
use super::visitor::{Identified, Visitor};

/// `(name, source)` of this area's templates. (`page_templates!` names
/// files relative to `src/pages/`; this area lives one folder deeper.)
macro_rules! provider_templates {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/pages/templates/", $name)))),+]
    };
}

/// This area's templates.
pub(super) const TEMPLATES: &[(&str, &str)] = provider_templates!(
    "provider/nav.html",
    "provider/controls.html",
    "provider/overview.html",
    "provider/listing.html",
    "provider/hours.html",
    "provider/requests.html",
);

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/hubs/{hub}/provider", get(overview::show))
        .route(
            "/hubs/{hub}/provider/organizations/{id}/payouts",
            post(overview::connect_payouts),
        )
        .route(
            "/hubs/{hub}/provider/listings/new",
            get(listing::new_form).post(listing::create),
        )
        .route(
            "/hubs/{hub}/provider/listings/{id}",
            get(listing::edit_form).post(listing::update),
        )
        .route(
            "/hubs/{hub}/provider/listings/{id}/submit",
            post(listing::submit),
        )
        .route(
            "/hubs/{hub}/provider/listings/{id}/archive",
            post(listing::archive),
        )
        .route(
            "/hubs/{hub}/provider/listings/{id}/hours",
            get(hours::show).post(hours::save),
        )
        .route("/hubs/{hub}/provider/requests", get(requests::show))
}

/// The organizations the visitor acts for, as `myOrganizations` lists them.
const MY_ORGANIZATIONS: &str = "myOrganizations { id name kind }";

/// Whether `organization` (an id) is one of `data.myOrganizations`.
fn acts_for(data: &serde_json::Value, organization: &serde_json::Value) -> bool {
    data["myOrganizations"]
        .as_array()
        .is_some_and(|mine| mine.iter().any(|o| &o["id"] == organization))
}

/// The page for a listing the visitor may see but not change: another
/// organization's, in the same hub.
fn not_yours(visitor: &Visitor, who: &Identified) -> Response {
    let refusal = Refusal {
        code: "FORBIDDEN".to_owned(),
        message: msg!("page-provider-not-yours").render(who.locale()),
        field: None,
    };
    refused(visitor, Some(who), refusal)
}

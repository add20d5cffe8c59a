//! The pages of a hub's residents and startups: the hub and its search,
//! a listing with its free times, the quote and the booking, paying by
//! card on Stripe's page, my bookings with cancelling, the calendar file
//! and the calendar feed, and a weekly series. Every page
//! asks the API as its visitor; times are read and shown on the hub's clock.

mod book;
mod bookings;
mod card;
mod feed;
mod hub;
mod input;
mod listing;
mod series;

use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use minijinja::Value;

use crate::http::AppState;

use super::render::Page;
use super::visitor::{Identified, Visitor};
use input::Unreadable;

/// `(name, source)` of templates under `pages/templates/`, read from this
/// folder (one level deeper than `render::page_templates!` reads from).
macro_rules! templates_here {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!("../../../pages/templates/", $name)))),+]
    };
}

/// This area's templates.
pub(super) const TEMPLATES: &[(&str, &str)] = templates_here!(
    "resident/words.html",
    "resident/hub.html",
    "resident/listing.html",
    "resident/quote.html",
    "resident/bookings.html",
    "resident/booking.html",
    "resident/series.html",
    "resident/feed.html",
);

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/hubs/{hub}", get(hub::show))
        .route("/hubs/{hub}/listings/{id}", get(listing::show))
        .route(
            "/hubs/{hub}/listings/{id}/book",
            get(book::quote).post(book::confirm),
        )
        .route(
            "/hubs/{hub}/listings/{id}/series",
            get(series::form).post(series::book),
        )
        .route("/hubs/{hub}/bookings", get(bookings::mine))
        // `{id}` is a booking's id, or its id and `.ics` for its calendar file.
        .route("/hubs/{hub}/bookings/{id}", get(bookings::one))
        .route(
            "/hubs/{hub}/bookings/{id}/cancel",
            axum::routing::post(bookings::cancel),
        )
        .route(
            "/hubs/{hub}/bookings/{id}/card",
            axum::routing::post(card::pay),
        )
        .route("/hubs/{hub}/calendar-feed", axum::routing::post(feed::make))
}

/// The query string of a page, as the browser sent it.
#[derive(Debug, Default)]
struct Asked(Vec<(String, String)>);

impl Asked {
    fn read(raw: Option<&str>) -> Asked {
        Asked(
            url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `name`, trimmed; `""` when absent.
    fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.trim())
    }
}

/// The hub's time zone, from the hub the visitor was identified in.
fn tz_of(who: &Identified) -> Tz {
    who.context
        .hub
        .as_ref()
        .and_then(|hub| hub.time_zone.parse().ok())
        .unwrap_or(Tz::UTC)
}

/// Today on the hub's clock.
fn today(state: &AppState, tz: Tz) -> NaiveDate {
    now(state).with_timezone(&tz).date_naive()
}

/// The server's clock (a test's manual clock in tests).
fn now(state: &AppState) -> DateTime<Utc> {
    state.services.clock.now()
}

/// Carries out a form's mutation like `ask::act`, except that a thing
/// that does not exist here or is not the visitor's to touch (another
/// hub's id, someone else's booking) answers its own page (`404`, `403`)
/// rather than going back to a page that could not show it either.
async fn act(
    state: &AppState,
    visitor: &Visitor,
    who: &Identified,
    document: &str,
    variables: serde_json::Value,
    back: &str,
) -> Result<serde_json::Value, Response> {
    match super::api::ask(state, who, document, variables).await {
        Ok(data) => Ok(data),
        Err(refusal) if matches!(refusal.code.as_str(), "NOT_FOUND" | "FORBIDDEN") => {
            Err(super::render::refused(visitor, Some(who), refusal))
        }
        Err(refusal) if refusal.code == "UNAUTHENTICATED" => {
            Err(super::render::login_then(back, visitor))
        }
        Err(refusal) => Err(super::render::see_other(
            back,
            visitor,
            Some(super::render::Notice::Refused(&refusal.message)),
        )),
    }
}

/// `template` again with `values`, saying what could not be read (`400`).
fn unreadable_page(
    template: &'static str,
    values: Value,
    wrong: &Unreadable,
    visitor: &Visitor,
    who: &Identified,
) -> Response {
    let values = minijinja::context! {
        error => wrong.message.render(who.locale()),
        error_field => wrong.field,
        ..values
    };
    Page::new(template, values)
        .status(StatusCode::BAD_REQUEST)
        .show(visitor, Some(who))
}

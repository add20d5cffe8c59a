//! My bookings in a calendar app: `POST /hubs/{slug}/calendar-feed` makes
//! (or replaces) the visitor's secret feed address (`rotateCalendarFeed`)
//! and answers the page that shows it, once: the server keeps only a
//! digest of it, and an address never travels in a redirect or a log.

use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::json;

use crate::http::AppState;

use super::super::ask;
use super::super::posted::Posted;
use super::super::render::Page;

const ROTATE: &str = "mutation { rotateCalendarFeed(kind: USER) { url } }";

/// `webcal://…` for an `https://…` (or `http://…`) feed address: calendar
/// apps open it as a subscription.
fn webcal(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    Some(format!("webcal://{rest}"))
}

/// `POST /hubs/{slug}/calendar-feed`.
pub async fn make(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Posted(visitor, _): Posted,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&slug)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let back = format!("/hubs/{slug}/bookings");
    let done = match super::act(&state, &visitor, &who, ROTATE, json!({}), &back).await {
        Ok(done) => done,
        Err(page) => return page,
    };
    let url = done["rotateCalendarFeed"]["url"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    Page::new(
        "resident/feed.html",
        minijinja::context! {
            subscribe => webcal(&url),
            url => url,
        },
    )
    .show(&visitor, Some(&who))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_address_opens_as_a_subscription() {
        assert_eq!(
            webcal("https://hub.example.org/calendar/abc.ics").as_deref(),
            Some("webcal://hub.example.org/calendar/abc.ics")
        );
        assert_eq!(
            webcal("http://127.0.0.1:8080/calendar/abc.ics").as_deref(),
            Some("webcal://127.0.0.1:8080/calendar/abc.ics")
        );
        assert_eq!(webcal("javascript:alert(1)"), None);
        assert_eq!(webcal(""), None);
    }
}

//! Calendars over HTTP.
//!
//! - `GET /calendar/<token>.ics`: a subscribed feed. No login: the secret
//!   token is the credential. Anything that does not open a feed (garbage,
//!   unknown, rotated, or an owner who may no longer see it) gets the same
//!   bare 404, and a token not of our shape costs no database work at all.
//! - `GET /bookings/<id>.ics`: one booking's event, for whoever may see the
//!   booking (`X-Tenant` and a bearer token, as for GraphQL).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::calendar::reading;
use crate::calendar::token::FeedToken;
use crate::error::AppError;
use crate::msg;
use crate::state::Services;

use super::identify::identify;
use super::payments_report::fail;

const CALENDAR_TYPE: &str = "text/calendar; charset=utf-8";

/// The one answer for every address that opens no feed.
fn no_feed() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CACHE_CONTROL, "no-store")],
        "not found\n",
    )
        .into_response()
}

/// `GET /calendar/{token}.ics`.
pub async fn feed(State(services): State<Services>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics").and_then(FeedToken::parse) else {
        return no_feed();
    };
    match reading::feed_text(&services, &token).await {
        Ok(Some(text)) => (
            [
                (header::CONTENT_TYPE, CALENDAR_TYPE),
                // Calendar clients poll; a few minutes' staleness is fine,
                // and no shared cache may keep a secret feed.
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            text,
        )
            .into_response(),
        Ok(None) => no_feed(),
        Err(err) => {
            tracing::error!(error = %err.explain(), "calendar feed failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CACHE_CONTROL, "no-store")],
                "calendar unavailable\n",
            )
                .into_response()
        }
    }
}

/// `GET /bookings/{id}.ics`.
pub async fn booking(
    State(services): State<Services>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    let request = match identify(&services, &headers).await {
        Ok(request) => request,
        Err((err, locale)) => return fail(err, locale),
    };
    let locale = request.locale;
    let id = file
        .strip_suffix(".ics")
        .and_then(|id| uuid::Uuid::try_parse(id).ok());
    let Some(id) = id else {
        return fail(AppError::NotFound(msg!("booking-not-found")), locale);
    };
    match reading::booking_text(&services, &request, id).await {
        Ok((text, method)) => booking_file(id, text, method),
        Err(err) => fail(err, locale),
    }
}

/// Booking `id`'s calendar `text` as a file to download (the API's
/// `GET /bookings/{id}.ics` and the pages' own).
pub fn booking_file(
    id: uuid::Uuid,
    text: String,
    method: crate::calendar::identity::Method,
) -> Response {
    let mut response = text.into_response();
    let headers = response.headers_mut();
    // The iTIP method in the type, as RFC 6047 asks of attachments.
    if let Ok(value) =
        HeaderValue::from_str(&format!("{CALENDAR_TYPE}; method={}", method.as_str()))
    {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"booking-{id}.ics\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// A request's address as logs may show it: the secret of a feed, an answer link
/// or an unsubscribe link hidden.
pub fn loggable_uri(uri: &Uri) -> String {
    for secret in ["/calendar/", "/answer/", "/unsubscribe/"] {
        if uri.path().starts_with(secret) {
            return format!("{secret}…");
        }
    }
    // The pages emailed links open carry their secret as `?token=`, and a
    // page's language switch carries that page's address (`back=…token%3D…`).
    if uri
        .query()
        .is_some_and(|query| query.to_ascii_lowercase().contains("token"))
    {
        return format!("{}?…", uri.path());
    }
    uri.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feeds_secret_never_reaches_the_logs() {
        let uri: Uri = "/calendar/abc-def.ics?x=1".parse().unwrap_or_default();
        assert_eq!(loggable_uri(&uri), "/calendar/…");
        let link: Uri = "/unsubscribe/ptn_abc".parse().unwrap_or_default();
        assert_eq!(loggable_uri(&link), "/unsubscribe/…");
        let other: Uri = "/graphql?query=1".parse().unwrap_or_default();
        assert_eq!(loggable_uri(&other), "/graphql?query=1");
        let answer: Uri = "/answer/abc-def".parse().unwrap_or_default();
        assert_eq!(loggable_uri(&answer), "/answer/…");
        let sign_in: Uri = "/sign-in?token=ptn_abc".parse().unwrap_or_default();
        assert_eq!(loggable_uri(&sign_in), "/sign-in?…");
        let switch: Uri = "/language?to=en&back=%2Fsign-in%3Ftoken%3Dptn_abc"
            .parse()
            .unwrap_or_default();
        assert_eq!(loggable_uri(&switch), "/language?…");
    }
}

//! One-click answers over HTTP.
//!
//! - `GET /answer/<token>`: a small page in the link's user's language
//!   naming the request and asking to confirm. Mail scanners follow links,
//!   so opening one never changes anything.
//! - `POST /answer/<token>`: its form; takes the step (a decline may carry
//!   a reason), spending the link and its sibling.
//!
//! No login: the secret token is the credential. A link that does not act
//! gets a plain page saying why, with the status that means it: 404 for an
//! unknown or malformed token (no database work for the latter), 410 for a
//! used or expired one, 409 for a request no longer waiting, 403 for a
//! user who may no longer answer.

use axum::body::{Body, HttpBody};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use std::sync::Arc;

use crate::answers::answering::{self, Outcome, Why};
use crate::answers::page;
use crate::bookings::checkout::SharedPaymentHook;
use crate::hub_token::HubToken;
use crate::payments::online::OnlinePayments;
use crate::state::Services;

use super::plain_response::{browser_locale, html};

/// The most bytes a form may have: a reason of the longest length, each
/// character four bytes, each byte percent-encoded, and room to spare.
const FORM_LIMIT: usize = 16 * 1024;

/// What a sender may send past [`FORM_LIMIT`] and still read our answer:
/// the rest is read and dropped, so the refusal reaches a client still
/// writing (answering mid-upload resets its connection). Past this, the
/// connection is closed unread.
const DRAIN_LIMIT: usize = 1024 * 1024;

/// The form's bytes, or `None` when it is longer than [`FORM_LIMIT`] or
/// broke off (then nothing acts on a part of it).
async fn read_form(mut body: Body) -> Option<Vec<u8>> {
    let mut form = Vec::new();
    let mut seen = 0usize;
    loop {
        let frame = std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await;
        let Some(frame) = frame else {
            break;
        };
        let Ok(data) = frame.ok()?.into_data() else {
            continue;
        };
        seen = seen.saturating_add(data.len());
        if seen <= FORM_LIMIT {
            form.extend_from_slice(&data);
        } else if seen > DRAIN_LIMIT {
            break;
        }
    }
    (seen <= FORM_LIMIT).then_some(form)
}

/// The status a refusal means.
fn status_of(why: &Why) -> StatusCode {
    match why {
        Why::Unknown => StatusCode::NOT_FOUND,
        Why::Used | Why::Expired => StatusCode::GONE,
        Why::Answered => StatusCode::CONFLICT,
        Why::NotAllowed => StatusCode::FORBIDDEN,
        Why::Refused(err) => match err.code() {
            "VALIDATION" | "BAD_REQUEST" => StatusCode::BAD_REQUEST,
            "RATE_LIMITED" => StatusCode::TOO_MANY_REQUESTS,
            "UNAVAILABLE" => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::CONFLICT,
        },
    }
}

/// The page of `outcome`; `shown` is the page of a usable link.
fn answer_page(
    outcome: crate::error::AppResult<Outcome>,
    headers: &HeaderMap,
    shown: fn(&answering::Question) -> String,
) -> Response {
    match outcome {
        Ok(Ok(question)) => html(StatusCode::OK, shown(&question)),
        Ok(Err(refusal)) => {
            let locale = refusal.locale.unwrap_or_else(|| browser_locale(headers));
            html(status_of(&refusal.why), page::refusal(&refusal.why, locale))
        }
        Err(err) => {
            tracing::error!(error = %err.explain(), "answer link failed");
            html(
                StatusCode::INTERNAL_SERVER_ERROR,
                page::failed(browser_locale(headers)),
            )
        }
    }
}

/// The page of a token not of our shape: as for an unknown one.
fn unknown(headers: &HeaderMap) -> Response {
    html(
        StatusCode::NOT_FOUND,
        page::refusal(&Why::Unknown, browser_locale(headers)),
    )
}

/// `GET /answer/{token}`.
pub async fn open(
    State(services): State<Services>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let Some(token) = HubToken::parse(&token) else {
        return unknown(&headers);
    };
    answer_page(
        answering::open(&services, &token).await,
        &headers,
        page::question,
    )
}

/// `POST /answer/{token}`, with the form `reason=…` (optional).
pub async fn act(
    State(services): State<Services>,
    State(online): State<Arc<OnlinePayments>>,
    headers: HeaderMap,
    Path(token): Path<String>,
    body: Body,
) -> Response {
    let Some(token) = HubToken::parse(&token) else {
        return unknown(&headers);
    };
    let Some(form) = read_form(body).await else {
        // Said in the link's language when the link is known.
        let locale = match answering::open(&services, &token).await {
            Ok(Ok(question)) => question.locale,
            Ok(Err(refusal)) => refusal.locale.unwrap_or_else(|| browser_locale(&headers)),
            Err(_) => browser_locale(&headers),
        };
        return html(StatusCode::PAYLOAD_TOO_LARGE, page::too_large(locale));
    };
    let reason = url::form_urlencoded::parse(&form)
        .find(|(name, _)| name == "reason")
        .map(|(_, value)| value.split_whitespace().collect::<Vec<_>>().join(" "));
    let payments: SharedPaymentHook = online;
    answer_page(
        answering::act(&services, &payments, &token, reason.as_deref()).await,
        &headers,
        page::done,
    )
}

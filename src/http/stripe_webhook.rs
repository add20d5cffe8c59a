//! `POST /webhooks/stripe`: Stripe's event deliveries. A delivery that is
//! not signed by Stripe (forged, stale, unreadable) is answered 400 and
//! changes nothing; a signed one is applied once and answered 200. When
//! applying fails on our side (the database or Stripe did not answer), 503
//! asks Stripe to deliver it again later; nothing was recorded for it.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::payments::online::OnlinePayments;
use crate::payments::webhook::{self, Outcome, Refusal};
use crate::state::Services;

fn refused(refusal: Refusal) -> Response {
    let why = match refusal {
        Refusal::Unreadable => "no readable Stripe-Signature header",
        Refusal::Stale => "the signature's timestamp is outside the tolerance",
        Refusal::Forged => "no signature matches the endpoint's secret",
        Refusal::NotAnEvent => "the body is not a Stripe event",
    };
    (StatusCode::BAD_REQUEST, axum::Json(json!({ "error": why }))).into_response()
}

/// Receives one delivery.
pub async fn receive(
    State(services): State<Services>,
    State(online): State<Arc<OnlinePayments>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(stripe) = &online.settings.stripe else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let signature = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if let Err(refusal) = webhook::verify(
        &body,
        signature,
        &stripe.webhook_secrets,
        services.clock.now(),
    ) {
        return refused(refusal);
    }
    let event = match webhook::parse(&body) {
        Ok(event) => event,
        Err(refusal) => return refused(refusal),
    };
    match webhook::apply(&online, &services, &event).await {
        Ok(outcome) => {
            let outcome = match outcome {
                Outcome::Applied => "applied",
                Outcome::Duplicate => "duplicate",
                Outcome::Ignored => "ignored",
            };
            axum::Json(json!({ "received": true, "outcome": outcome })).into_response()
        }
        Err(err) => {
            tracing::warn!(
                event = %event.id,
                kind = %event.kind,
                error = %err.explain(),
                "Stripe event not applied; Stripe will deliver it again"
            );
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "60")],
                axum::Json(json!({ "error": "not applied; deliver again later" })),
            )
                .into_response()
        }
    }
}

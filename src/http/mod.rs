//! The HTTP surface: routes, middleware and the handlers that are not GraphQL.

mod answer;
pub mod calendar;
pub mod client_addr;
pub mod connections;
mod cors;
mod graphiql;
mod graphql;
mod health;
pub mod identify;
mod metrics;
pub mod payments_report;
mod plain_response;
mod security_headers;
mod stripe_webhook;
mod unsubscribe;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use metrics_exporter_prometheus::PrometheusHandle;

use crate::graphql::AppSchema;
use crate::listings::directory;
use crate::payments::online::OnlinePayments;
use crate::state::Services;

/// The router's state.
#[derive(Clone)]
pub struct AppState {
    /// Shared services.
    pub services: Services,
    /// The executable GraphQL schema.
    pub schema: AppSchema,
    /// The Prometheus recorder, if this process could install it.
    pub metrics: Option<PrometheusHandle>,
    /// Online payments (the Stripe webhook).
    pub online: Arc<OnlinePayments>,
}

impl axum::extract::FromRef<AppState> for Arc<OnlinePayments> {
    fn from_ref(state: &AppState) -> Arc<OnlinePayments> {
        state.online.clone()
    }
}

impl axum::extract::FromRef<AppState> for Services {
    fn from_ref(state: &AppState) -> Services {
        state.services.clone()
    }
}

/// The server's routes, with `pages` (the pages for people) beside the API's.
pub fn router(state: AppState, pages: Router<AppState>) -> Router {
    let edge = &state.services.settings.edge;
    let graphql = if edge.graphiql {
        get(graphiql::page).post(graphql::execute)
    } else {
        post(graphql::execute)
    };
    let mut router = Router::new().route("/graphql", graphql);
    if edge.graphiql {
        router = router.route("/graphql/graphiql.js", get(graphiql::start_script));
    }
    if let Some(cors) = cors::layer(&edge.cors_origins) {
        router = router.layer(cors);
    }
    router
        .merge(pages)
        .route("/health/live", get(health::live))
        .route("/health/ready", get(health::ready))
        .route("/metrics", get(metrics::render))
        .route("/directory.geojson", get(directory::geojson))
        .route("/directory/{hub}/{id}", get(directory::entry))
        .route("/payments/report.csv", get(payments_report::csv))
        .route("/calendar/{file}", get(calendar::feed))
        .route("/bookings/{file}", get(calendar::booking))
        .route("/webhooks/stripe", post(stripe_webhook::receive))
        .route(
            "/unsubscribe/{token}",
            get(unsubscribe::ask).post(unsubscribe::confirm),
        )
        .route("/answer/{token}", get(answer::open).post(answer::act))
        .layer(axum::middleware::from_fn(security_headers::add))
        .layer(axum::middleware::from_fn(metrics::track))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::extract::Request| {
                // As tower-http's default span, but a secret token (the
                // credential in a feed's or an answer's URL) is never logged.
                tracing::debug_span!(
                    "request",
                    method = %request.method(),
                    uri = %calendar::loggable_uri(request.uri()),
                    version = ?request.version(),
                )
            }),
        )
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .with_state(state)
}

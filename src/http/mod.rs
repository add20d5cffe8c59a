//! The HTTP surface: routes, middleware and the handlers that are not GraphQL.

mod graphql;
mod health;
pub mod identify;
mod metrics;

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use metrics_exporter_prometheus::PrometheusHandle;

use crate::graphql::AppSchema;
use crate::listings::directory;
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
}

impl axum::extract::FromRef<AppState> for Services {
    fn from_ref(state: &AppState) -> Services {
        state.services.clone()
    }
}

/// The server's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/graphql", get(graphql::graphiql).post(graphql::execute))
        .route("/health/live", get(health::live))
        .route("/health/ready", get(health::ready))
        .route("/metrics", get(metrics::render))
        .route("/directory.geojson", get(directory::geojson))
        .route("/directory/{hub}/{id}", get(directory::entry))
        .layer(axum::middleware::from_fn(metrics::track))
        .layer(TraceLayer::new_for_http())
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .with_state(state)
}

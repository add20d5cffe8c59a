//! The resident's pages.

use axum::Router;

use crate::http::AppState;

/// This area's templates.
pub(super) const TEMPLATES: &[(&str, &str)] = &[];

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
}

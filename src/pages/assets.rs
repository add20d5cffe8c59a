//! The pages' own files: one style sheet and the icon, compiled in and
//! served from this server (no CDN, nothing from elsewhere).

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::http::AppState;

const STYLE: &str = include_str!("../../pages/assets/site.css");
const ICON: &str = include_str!("../../pages/assets/icon.svg");

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/assets/site.css",
            get(|| async { file(STYLE, "text/css; charset=utf-8") }),
        )
        .route(
            "/assets/icon.svg",
            get(|| async { file(ICON, "image/svg+xml") }),
        )
}

fn file(body: &'static str, content_type: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}

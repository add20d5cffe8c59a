//! `GET /payments/report.csv?from=…&to=…`: the payments report as a
//! spreadsheet, for the hub's managers (`X-Tenant` and a bearer token, as
//! for GraphQL). A refusal answers the GraphQL error body with the HTTP
//! status its code means, so a browser or `curl -f` sees it fail.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use crate::error::AppError;
use crate::locale::Locale;
use crate::msg;
use crate::payments::report;
use crate::request::RequestContext;
use crate::state::Services;

use super::graphql::refuse;
use super::identify::identify;

fn instant(
    query: &HashMap<String, String>,
    field: &'static str,
) -> Result<DateTime<Utc>, AppError> {
    let raw = query.get(field).map(String::as_str).unwrap_or_default();
    DateTime::parse_from_rfc3339(raw)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| {
            AppError::validation(
                field,
                msg!("payment-report-instant", value = raw.to_owned()),
            )
        })
}

/// The HTTP status an error's code means.
fn status_of(err: &AppError) -> StatusCode {
    match err.code() {
        "UNAUTHENTICATED" => StatusCode::UNAUTHORIZED,
        "FORBIDDEN" => StatusCode::FORBIDDEN,
        "NOT_FOUND" => StatusCode::NOT_FOUND,
        "VALIDATION" | "BAD_REQUEST" => StatusCode::BAD_REQUEST,
        "CONFLICT" => StatusCode::CONFLICT,
        "RATE_LIMITED" => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The GraphQL error body with the HTTP status its code means.
pub(super) fn fail(err: AppError, locale: Locale) -> Response {
    let status = status_of(&err);
    let mut response = refuse(err, locale);
    *response.status_mut() = status;
    response
}

/// Answers the report for `[from, to)` as `text/csv`.
pub async fn csv(
    State(services): State<Services>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let request = match identify(&services, &headers).await {
        Ok(request) => request,
        Err((err, locale)) => return fail(err, locale),
    };
    let locale = request.locale;
    let answer = async {
        let from = instant(&query, "from")?;
        let to = instant(&query, "to")?;
        download(&services, &request, from, to).await
    }
    .await;
    answer.unwrap_or_else(|err| fail(err, locale))
}

/// The report for `[from, to)` as a `text/csv` download, for a manager of
/// `request`'s hub: the one answer of this route and of the manager's
/// page (which identifies its visitor by the session cookie instead).
pub async fn download(
    services: &Services,
    request: &RequestContext,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Response, AppError> {
    let (lines, currency) = report::for_manager(services, request, from, to).await?;
    let body = report::to_csv(&lines, &currency)?;
    let name = format!(
        "attachment; filename=\"payments-{}-{}.csv\"",
        from.format("%Y%m%d"),
        to.format("%Y%m%d")
    );
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&name) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

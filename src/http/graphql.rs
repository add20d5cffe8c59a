//! `POST /graphql`.
//!
//! Only `application/json` bodies are executed (others are answered 415,
//! with a GraphQL error carrying `BAD_REQUEST`) and nothing is executed over GET: a cross-site "simple"
//! request (form or `text/plain`, no preflight) can never reach a mutation.
//!
//! Before async-graphql sees a document, it is parsed and measured here
//! (`graphql::limits`): a document over the limits, a batch over its cap, or
//! more than one password check in a request is refused at once. What is
//! left runs on its own task, so the request timeout covers validation too
//! (validation never yields; on its own task it holds one worker, not this
//! request's timer). Errors async-graphql raises without a code (a document
//! that does not validate, an argument of the wrong type) get one here.

use std::net::SocketAddr;

use async_graphql::parser::parse_query;
use async_graphql::{BatchRequest, BatchResponse, Pos, Response as GqlResponse, ServerError};
use async_graphql_axum::GraphQLResponse;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::error::{AppError, with_locale};
use crate::graphql::limits::{self, DocumentLimits};
use crate::http::identify::identify;
use crate::locale::Locale;
use crate::msg;

use super::client_addr;

/// Executes one GraphQL request, or a batch of them (a JSON array).
pub async fn execute(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<BatchRequest>, JsonRejection>,
) -> Response {
    let edge = &state.services.settings.edge;
    let asked = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::from_accept_language)
        .unwrap_or_default();
    // A body that is not a JSON GraphQL request still gets a GraphQL answer
    // with a code, under the status axum chose (415 for another content
    // type, which is what keeps cross-site form posts out; 400 or 422 else).
    let batch = match body {
        Ok(Json(batch)) => batch,
        Err(rejection) => {
            let status = rejection.status();
            let mut response = refuse(unreadable(&rejection.body_text()), asked);
            *response.status_mut() = status;
            return response;
        }
    };
    let (mut requests, batched) = match batch {
        BatchRequest::Single(request) => (vec![request], false),
        BatchRequest::Batch(requests) => (requests, true),
    };
    if requests.len() > edge.graphql_max_batch {
        let max = edge.graphql_max_batch;
        return refuse(
            AppError::validation("query", msg!("limit-batch", max = max)),
            asked,
        );
    }
    let document_limits = DocumentLimits {
        max_cost: edge.graphql_max_cost,
        max_aliases: edge.graphql_max_aliases,
    };
    let mut password_checks = 0u64;
    for request in &mut requests {
        let document = match parse_query(&request.query) {
            Ok(document) => document,
            Err(err) => return refuse(unreadable(&err.to_string()), asked),
        };
        match limits::check(&document, &request.variables, document_limits) {
            Ok(checks) => password_checks = password_checks.saturating_add(checks),
            Err(refusal) => return refuse(refusal.into_error(), asked),
        }
        // async-graphql executes this document rather than parsing it again.
        request.set_parsed_query(document);
    }
    if password_checks > 1 {
        return refuse(limits::too_many_password_checks(), asked);
    }

    let context = match identify(&state.services, &headers).await {
        Ok(context) => context,
        Err((err, locale)) => return refuse(err, locale),
    };
    let locale = context.locale;
    let client = client_addr::resolve(peer, &headers, &edge.trusted_proxies);
    let requests: Vec<_> = requests
        .into_iter()
        .map(|request| {
            let request = request.data(context.clone()).data(client);
            crate::graphql::loaders::attach(request, &state.services)
        })
        .collect();
    let schema = state.schema.clone();
    let work = tokio::spawn(with_locale(locale, async move {
        let mut responses = Vec::with_capacity(requests.len());
        for request in requests {
            responses.push(schema.execute(request).await);
        }
        responses
    }));
    let mut responses = match AbortOnDrop(work).join().await {
        Ok(responses) => responses,
        Err(err) => return refuse(AppError::internal(err), locale),
    };
    for response in &mut responses {
        give_codes(&mut response.errors, locale);
    }
    let retry_after = responses
        .iter()
        .flat_map(|r| &r.errors)
        .filter_map(|e| {
            e.extensions
                .as_ref()?
                .get("retryAfter")?
                .clone()
                .into_json()
                .ok()
        })
        .filter_map(|seconds| seconds.as_u64())
        .max();
    let batch = match (batched, responses.pop()) {
        (false, Some(single)) => BatchResponse::Single(single),
        (_, last) => {
            responses.extend(last);
            BatchResponse::Batch(responses)
        }
    };
    let mut response = GraphQLResponse::from(batch).into_response();
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// A request answered with one error, before anything ran.
pub(super) fn refuse(err: AppError, locale: Locale) -> Response {
    let error = err.into_graphql(locale).into_server_error(Pos::default());
    let retry_after = error
        .extensions
        .as_ref()
        .and_then(|e| e.get("retryAfter")?.clone().into_json().ok()?.as_u64());
    let mut response = GraphQLResponse::from(GqlResponse::from_errors(vec![error])).into_response();
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

fn unreadable(detail: &str) -> AppError {
    AppError::BadRequest(msg!("error-bad-request", detail = detail))
}

/// Gives `VALIDATION` (and the field, when the message names it) to the
/// errors async-graphql raised without a code: a document that does not
/// validate, or a value that does not fit its argument's type.
fn give_codes(errors: &mut [ServerError], locale: Locale) {
    for error in errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_some() {
            continue;
        }
        extensions.set("code", "VALIDATION");
        extensions.set("messageId", "error-invalid-request");
        if let Some(field) = named_field(&error.message) {
            extensions.set("field", field);
        }
        let detail = std::mem::take(&mut error.message);
        error.message = msg!("error-invalid-request", detail = detail).render(locale);
    }
}

/// The argument, variable or field an async-graphql message names in quotes
/// (`Invalid value for argument "input.email"…`, `Unknown field "x"…`).
fn named_field(message: &str) -> Option<String> {
    ["argument \"", "variable \"", "field \""]
        .iter()
        .find_map(|prefix| {
            let start = message.find(prefix)? + prefix.len();
            let end = message[start..].find('"')?;
            Some(
                message[start..start + end]
                    .trim_start_matches('$')
                    .to_owned(),
            )
        })
        .filter(|name| !name.is_empty())
}

/// A spawned task that stops (at its next await) when its request is dropped,
/// as on the request timeout.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> AbortOnDrop<T> {
    async fn join(mut self) -> Result<T, tokio::task::JoinError> {
        (&mut self.0).await
    }
}

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_named_argument_or_field_becomes_the_field() {
        assert_eq!(
            named_field(r#"Invalid value for argument "input.capacity", expected type "Int""#),
            Some("input.capacity".to_owned())
        );
        assert_eq!(
            named_field(r#"Unknown field "nope" on type "Query"."#),
            Some("nope".to_owned())
        );
        assert_eq!(named_field("Query is nested too deep."), None);
    }
}

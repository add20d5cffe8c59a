//! A page asks the API: its GraphQL documents run on the very schema
//! `POST /graphql` serves, in-process, as the visitor. Every rule (who may
//! see or do what, prices, capacity, refunds) is the API's; a page only
//! shows what came back.

use async_graphql::{Request, Variables};
use serde_json::Value;

use crate::error::with_locale;
use crate::http::AppState;

use super::visitor::Identified;

/// What the API refused, in the visitor's language.
#[derive(Debug, Clone)]
pub struct Refusal {
    /// `extensions.code`: `NOT_FOUND`, `VALIDATION`, `CONFLICT`, …
    pub code: String,
    /// The sentence to show.
    pub message: String,
    /// The input the refusal is about, for `VALIDATION`.
    pub field: Option<String>,
}

/// Runs `document` with `variables` as the visitor; the `data` on success,
/// else the first error.
pub async fn ask(
    state: &AppState,
    who: &Identified,
    document: &str,
    variables: Value,
) -> Result<Value, Refusal> {
    let request = Request::new(document)
        .variables(Variables::from_json(variables))
        .data(who.context.clone())
        .data(who.client);
    let request = crate::graphql::loaders::attach(request, &state.services);
    let schema = state.schema.clone();
    let response = with_locale(who.locale(), async move { schema.execute(request).await }).await;
    if let Some(error) = response.errors.into_iter().next() {
        let extension = |name: &str| {
            error
                .extensions
                .as_ref()
                .and_then(|e| e.get(name))
                .and_then(|v| v.clone().into_json().ok())
                .and_then(|v| v.as_str().map(str::to_owned))
        };
        return Err(Refusal {
            code: extension("code").unwrap_or_else(|| "INTERNAL".to_owned()),
            field: extension("field"),
            message: error.message,
        });
    }
    response.data.into_json().map_err(|_| Refusal {
        code: "INTERNAL".to_owned(),
        message: String::new(),
        field: None,
    })
}

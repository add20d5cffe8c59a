//! `POST /graphql` and GraphiQL on `GET /graphql`.
//!
//! Only `application/json` bodies are executed (axum's `Json` answers 415
//! otherwise) and nothing is executed over GET: a cross-site "simple"
//! request (form or `text/plain`, no preflight) can never reach a mutation.

use async_graphql::http::GraphiQLSource;
use async_graphql::{Pos, Response as GqlResponse};
use async_graphql_axum::GraphQLResponse;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Html;

use super::AppState;
use crate::error::with_locale;
use crate::http::identify::identify;

/// The GraphiQL IDE.
pub async fn graphiql() -> Html<String> {
    Html(GraphiQLSource::build().endpoint("/graphql").finish())
}

/// Executes one GraphQL request.
pub async fn execute(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(request): Json<async_graphql::Request>,
) -> GraphQLResponse {
    let context = match identify(&state.services, &headers).await {
        Ok(context) => context,
        Err((err, locale)) => {
            let error = err.into_graphql(locale).into_server_error(Pos::default());
            return GqlResponse::from_errors(vec![error]).into();
        }
    };
    let locale = context.locale;
    let request = crate::graphql::loaders::attach(request.data(context), &state.services);
    with_locale(locale, state.schema.execute(request))
        .await
        .into()
}

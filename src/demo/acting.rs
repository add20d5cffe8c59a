//! The demo acts through the API: each step is a GraphQL document run on the
//! in-process schema as one of the demo accounts, so every rule (roles,
//! opening hours, capacity, prices, approval) holds for the demo data
//! exactly as for anyone's.

use std::net::{IpAddr, Ipv4Addr};

use async_graphql::{Request, Variables};
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use serde_json::{Value, json};

use crate::error::{AppError, AppResult};
use crate::graphql::AppSchema;
use crate::http::identify::identify;
use crate::rate_limit::ClientAddr;
use crate::request::{RequestContext, TENANT_HEADER};
use crate::state::Services;

/// A refused demo step: which one, and what the API said.
#[derive(Debug, thiserror::Error)]
#[error("demo step '{step}' refused: {answer}")]
pub struct StepRefused {
    step: String,
    answer: String,
}

impl StepRefused {
    /// A refusal of `step` for `answer`.
    pub fn new(step: &str, answer: String) -> StepRefused {
        StepRefused {
            step: step.to_owned(),
            answer,
        }
    }
}

/// The API, as seen by one demo account in the demo hub.
pub struct Actor<'a> {
    services: &'a Services,
    schema: &'a AppSchema,
    context: RequestContext,
}

/// The seeding runs on this machine: loopback is its address.
const HERE: ClientAddr = ClientAddr(IpAddr::V4(Ipv4Addr::LOCALHOST));

impl<'a> Actor<'a> {
    /// Logs `email` in with `password` and identifies them in hub `slug`, as
    /// a request with their token and `X-Tenant` would be.
    pub async fn log_in(
        services: &'a Services,
        schema: &'a AppSchema,
        slug: &str,
        email: &str,
        password: &str,
    ) -> AppResult<Actor<'a>> {
        let nobody = Actor {
            services,
            schema,
            context: RequestContext::default(),
        };
        let answer = nobody
            .run(
                "log in",
                "mutation($i: LogInInput!) { logIn(input: $i) { token } }",
                json!({"i": {"email": email, "password": password}}),
            )
            .await?;
        let token = answer["logIn"]["token"].as_str().unwrap_or_default();
        let mut headers = HeaderMap::new();
        let bearer =
            HeaderValue::from_str(&format!("Bearer {token}")).map_err(AppError::internal)?;
        headers.insert(header::AUTHORIZATION, bearer);
        headers.insert(
            HeaderName::from_static(TENANT_HEADER),
            HeaderValue::from_str(slug).map_err(AppError::internal)?,
        );
        let context = identify(services, &headers)
            .await
            .map_err(|(error, _)| error)?;
        Ok(Actor {
            services,
            schema,
            context,
        })
    }

    /// Runs `document` as this account; its `data`, or the refusal as an
    /// error naming `step` (the demo's data must pass every rule).
    pub async fn run(&self, step: &str, document: &str, variables: Value) -> AppResult<Value> {
        let request = Request::new(document)
            .variables(Variables::from_json(variables))
            .data(self.context.clone())
            .data(HERE);
        let request = crate::graphql::loaders::attach(request, self.services);
        let response = self.schema.execute(request).await;
        if let Some(error) = response.errors.first() {
            return Err(AppError::internal(StepRefused {
                step: step.to_owned(),
                answer: format!("{} {:?}", error.message, error.extensions),
            }));
        }
        response.data.into_json().map_err(AppError::internal)
    }

    /// Runs a mutation that answers `{ <field> { id } }` and returns the id.
    pub async fn create(
        &self,
        step: &str,
        field: &str,
        document: &str,
        variables: Value,
    ) -> AppResult<String> {
        let data = self.run(step, document, variables).await?;
        data[field]["id"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| {
                AppError::internal(StepRefused {
                    step: step.to_owned(),
                    answer: format!("no id in {data}"),
                })
            })
    }
}

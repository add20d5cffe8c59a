//! The settings of the HTTP edge: what one client may ask of the server
//! (rate limits, GraphQL document limits, connections), what it may see
//! (GraphiQL, introspection, metrics) and from where (CORS, trusted proxies).

use std::net::IpAddr;
use std::time::Duration;

use super::{ConfigError, invalid, number};
use crate::rate_limit::{Rate, Rates};

/// The validated edge settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeSettings {
    /// Rate limits per client address and per account.
    pub rates: Rates,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// The most a GraphQL operation may cost, fragments and pages expanded.
    pub graphql_max_cost: u64,
    /// The most aliased fields in one operation.
    pub graphql_max_aliases: u64,
    /// The most operations in one batched request.
    pub graphql_max_batch: usize,
    /// Whether `GET /graphql` serves the GraphiQL page.
    pub graphiql: bool,
    /// Whether the schema answers introspection queries.
    pub introspection: bool,
    /// The bearer token `/metrics` asks for; open when `None`.
    pub metrics_token: Option<String>,
    /// Browser origins allowed to call the API (CORS); none by default.
    pub cors_origins: Vec<String>,
    /// How long a new connection has to send its first request's headers.
    pub header_read_timeout: Duration,
    /// How long a connection may wait, idle, for its next request.
    pub keep_alive_timeout: Duration,
    /// The most connections served at once; more wait to be accepted.
    pub max_connections: usize,
}

impl EdgeSettings {
    /// Reads the edge's variables through `get` (trimmed, non-empty values).
    pub(super) fn read<'a>(
        get: impl Fn(&'static str) -> Option<&'a str>,
    ) -> Result<EdgeSettings, ConfigError> {
        let rate = |var: &'static str, default: &str| {
            let text = get(var).unwrap_or(default);
            Rate::parse(text).ok_or_else(|| {
                invalid(
                    var,
                    format!("'{text}' is not a rate like 10/1m (a count, then s, m or h)"),
                )
            })
        };
        let rates = Rates {
            log_in_per_address: rate("PORTINERIA_RATE_LOG_IN_PER_ADDRESS", "100/1m")?,
            log_in_per_account: rate("PORTINERIA_RATE_LOG_IN_PER_ACCOUNT", "10/2m")?,
            sign_up_per_address: rate("PORTINERIA_RATE_SIGN_UP_PER_ADDRESS", "100/1h")?,
            sign_up_per_account: rate("PORTINERIA_RATE_SIGN_UP_PER_ACCOUNT", "3/1h")?,
            email_per_address: rate("PORTINERIA_RATE_EMAIL_PER_ADDRESS", "20/1h")?,
            email_per_account: rate("PORTINERIA_RATE_EMAIL_PER_ACCOUNT", "5/1h")?,
        };
        let trusted_proxies = list(get("PORTINERIA_TRUSTED_PROXIES"))
            .map(|text| {
                text.parse::<IpAddr>().map_err(|_| {
                    invalid(
                        "PORTINERIA_TRUSTED_PROXIES",
                        format!("'{text}' is not an IP address"),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let cors_origins = list(get("PORTINERIA_CORS_ORIGINS"))
            .map(|origin| {
                let origin = origin.trim_end_matches('/');
                if (origin.starts_with("http://") || origin.starts_with("https://"))
                    && !origin["https://".len().min(origin.len())..].contains('/')
                {
                    Ok(origin.to_owned())
                } else {
                    Err(invalid(
                        "PORTINERIA_CORS_ORIGINS",
                        format!("'{origin}' is not an origin like https://app.example.org"),
                    ))
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(EdgeSettings {
            rates,
            trusted_proxies,
            graphql_max_cost: u64::from(number(
                get("PORTINERIA_GRAPHQL_MAX_COST"),
                "PORTINERIA_GRAPHQL_MAX_COST",
                10_000,
                1..=10_000_000,
            )?),
            graphql_max_aliases: u64::from(number(
                get("PORTINERIA_GRAPHQL_MAX_ALIASES"),
                "PORTINERIA_GRAPHQL_MAX_ALIASES",
                100,
                0..=100_000,
            )?),
            graphql_max_batch: number(
                get("PORTINERIA_GRAPHQL_MAX_BATCH"),
                "PORTINERIA_GRAPHQL_MAX_BATCH",
                10,
                1..=1_000,
            )? as usize,
            graphiql: flag(get("PORTINERIA_GRAPHIQL"), "PORTINERIA_GRAPHIQL")?,
            introspection: flag(get("PORTINERIA_INTROSPECTION"), "PORTINERIA_INTROSPECTION")?,
            metrics_token: get("PORTINERIA_METRICS_TOKEN").map(str::to_owned),
            cors_origins,
            header_read_timeout: seconds(
                get("PORTINERIA_HEADER_READ_TIMEOUT_SECONDS"),
                "PORTINERIA_HEADER_READ_TIMEOUT_SECONDS",
                10,
            )?,
            keep_alive_timeout: seconds(
                get("PORTINERIA_KEEP_ALIVE_TIMEOUT_SECONDS"),
                "PORTINERIA_KEEP_ALIVE_TIMEOUT_SECONDS",
                20,
            )?,
            max_connections: number(
                get("PORTINERIA_MAX_CONNECTIONS"),
                "PORTINERIA_MAX_CONNECTIONS",
                1_024,
                1..=1_000_000,
            )? as usize,
        })
    }
}

/// The comma-separated items of an optional setting.
fn list(value: Option<&str>) -> impl Iterator<Item = &str> {
    value
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

fn flag(value: Option<&str>, var: &'static str) -> Result<bool, ConfigError> {
    match value.unwrap_or("true") {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        other => Err(invalid(
            var,
            format!("'{other}' is not one of: true, false"),
        )),
    }
}

/// Whole seconds, 1 to an hour (a connection limit of 0 would refuse everyone).
fn seconds(value: Option<&str>, var: &'static str, default: u32) -> Result<Duration, ConfigError> {
    number(value, var, default, 1..=3_600).map(|s| Duration::from_secs(u64::from(s)))
}

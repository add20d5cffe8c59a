//! Settings from `PORTINERIA_*` environment variables, validated once at start.
//!
//! An unknown `PORTINERIA_*` variable is an error rather than silently
//! ignored: a misspelt `PORTINERIA_DATABSE_URL` would otherwise start the
//! server on the wrong database.

mod edge;
mod mail;
mod payments;

use std::collections::BTreeMap;
use std::net::SocketAddr;

pub use edge::EdgeSettings;
pub use mail::{MailDelivery, MailSettings, SmtpCredentials, SmtpSecurity, SmtpServer};
pub use payments::{PaymentSettings, StripeSettings};

/// Every variable the server reads, with its default and meaning (the README's table).
pub const VARIABLES: &[(&str, &str, &str)] = &[
    (
        "PORTINERIA_DATABASE_URL",
        "sqlite://portineria.sqlite?mode=rwc",
        "database: `sqlite://FILE?mode=rwc` or `postgres://USER@HOST:PORT/DB`",
    ),
    (
        "PORTINERIA_LISTEN",
        "127.0.0.1:8080",
        "address and port the HTTP server binds",
    ),
    (
        "PORTINERIA_PUBLIC_URL",
        "http://<PORTINERIA_LISTEN>",
        "base URL people reach the server at (links in emails)",
    ),
    (
        "PORTINERIA_LOG_FORMAT",
        "text",
        "`text` for people, `json` for log collectors",
    ),
    (
        "PORTINERIA_LOG",
        "info",
        "log filter, `tracing` syntax (`info,portineria=debug`)",
    ),
    (
        "PORTINERIA_SESSION_TTL_HOURS",
        "720",
        "hours a login token stays valid (1 to 8760)",
    ),
    (
        "PORTINERIA_AUTO_MIGRATE",
        "true",
        "apply pending migrations when `serve` starts",
    ),
    (
        "PORTINERIA_WORKER_INTERVAL_SECONDS",
        "30",
        "how often bookings are expired and completed and email is planned and sent; 0 turns these workers off in this process",
    ),
    (
        "PORTINERIA_STRIPE_SECRET_KEY",
        "",
        "Stripe secret key (`sk_live_…`, `sk_test_…`); without it every hub pays at the desk",
    ),
    (
        "PORTINERIA_STRIPE_WEBHOOK_SECRETS",
        "",
        "signing secrets (`whsec_…`) of the `/webhooks/stripe` endpoint, comma-separated while one is rotated; required with the key",
    ),
    (
        "PORTINERIA_STRIPE_API_BASE",
        "https://api.stripe.com/",
        "where the Stripe API is",
    ),
    (
        "PORTINERIA_STRIPE_TIMEOUT_SECONDS",
        "10",
        "seconds one Stripe call may take (1 to 120)",
    ),
    (
        "PORTINERIA_PAYMENT_WINDOW_MINUTES",
        "15",
        "minutes an instant booking paid online holds its place waiting for the payment (1 to 1440)",
    ),
    (
        "PORTINERIA_RECONCILE_INTERVAL_SECONDS",
        "300",
        "how often payments left half-way are re-read from Stripe; 0 turns it off in this process",
    ),
    (
        "PORTINERIA_SMTP_URL",
        "",
        "the SMTP server email leaves by: `smtps://USER:PASSWORD@HOST:465` (TLS from the start) or `smtp://USER:PASSWORD@HOST:587` (STARTTLS, required); user and password URL-encoded; `?tls=none` (no TLS) only to `localhost`/`127.0.0.1`/`::1`. Without it email is written to `PORTINERIA_MAIL_DIR`",
    ),
    (
        "PORTINERIA_MAIL_DIR",
        "mail",
        "without an SMTP server, the folder (relative to the working directory) each email is written to as an `.eml` file; created when missing",
    ),
    (
        "PORTINERIA_MAIL_FROM",
        "Portineria <noreply@localhost>",
        "the sender of every email, `Name <address>`",
    ),
    (
        "PORTINERIA_SMTP_CA_FILE",
        "",
        "a PEM file with a certificate authority trusted for the SMTP server besides the public ones (a private CA)",
    ),
    (
        "PORTINERIA_SMTP_TIMEOUT_SECONDS",
        "10",
        "seconds one email may take to send (1 to 300); after that it is tried again later",
    ),
    (
        "PORTINERIA_MAIL_LEASE_SECONDS",
        "300",
        "seconds a sender holds the emails it took before another process may send them (10 to 3600, more than `PORTINERIA_SMTP_TIMEOUT_SECONDS`); a process that died mid-batch delays its emails this long",
    ),
    (
        "PORTINERIA_DB_MAX_CONNECTIONS",
        "10",
        "size of the database connection pool (1 to 1000)",
    ),
    (
        "PORTINERIA_RATE_LOG_IN_PER_ADDRESS",
        "100/1m",
        "`logIn` attempts per client address: a burst of COUNT, then COUNT per period (`s`, `m`, `h`)",
    ),
    (
        "PORTINERIA_RATE_LOG_IN_PER_ACCOUNT",
        "10/2m",
        "`logIn` attempts per email address, same form",
    ),
    (
        "PORTINERIA_RATE_SIGN_UP_PER_ADDRESS",
        "100/1h",
        "`signUp` per client address",
    ),
    (
        "PORTINERIA_RATE_SIGN_UP_PER_ACCOUNT",
        "3/1h",
        "`signUp` per email address",
    ),
    (
        "PORTINERIA_RATE_EMAIL_PER_ADDRESS",
        "20/1h",
        "mutations that send an email, per client address",
    ),
    (
        "PORTINERIA_RATE_EMAIL_PER_ACCOUNT",
        "5/1h",
        "mutations that send an email, per recipient",
    ),
    (
        "PORTINERIA_TRUSTED_PROXIES",
        "",
        "comma-separated addresses of reverse proxies whose `X-Forwarded-For` names the client; without them the socket's address is the client",
    ),
    (
        "PORTINERIA_GRAPHQL_MAX_COST",
        "10000",
        "the most fields one GraphQL operation may select, fragments expanded and list fields multiplied by their `first` (20 when absent)",
    ),
    (
        "PORTINERIA_GRAPHQL_MAX_ALIASES",
        "100",
        "the most aliased fields (`__typename` included) in one operation",
    ),
    (
        "PORTINERIA_GRAPHQL_MAX_BATCH",
        "10",
        "the most operations in one batched request (a JSON array)",
    ),
    (
        "PORTINERIA_GRAPHIQL",
        "true",
        "serve the GraphiQL page on `GET /graphql`",
    ),
    (
        "PORTINERIA_INTROSPECTION",
        "true",
        "answer GraphQL introspection (`__schema`, `__type`)",
    ),
    (
        "PORTINERIA_METRICS_TOKEN",
        "",
        "when set, `GET /metrics` asks for `Authorization: Bearer <token>`",
    ),
    (
        "PORTINERIA_CORS_ORIGINS",
        "",
        "comma-separated browser origins allowed to call the API (`https://app.example.org`); none by default",
    ),
    (
        "PORTINERIA_HEADER_READ_TIMEOUT_SECONDS",
        "10",
        "seconds a new connection has to send its first request's headers, then it is closed",
    ),
    (
        "PORTINERIA_KEEP_ALIVE_TIMEOUT_SECONDS",
        "20",
        "seconds an idle connection waits for its next request (and its headers), then it is closed",
    ),
    (
        "PORTINERIA_MAX_CONNECTIONS",
        "1024",
        "the most connections served at once; further ones wait to be accepted",
    ),
];

/// Variables for the test harness, which the server itself never reads.
const TEST_PREFIX: &str = "PORTINERIA_TEST_";

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// The validated configuration of one server process.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the data lives.
    pub database_url: String,
    /// The address the HTTP server binds (port 0 picks a free one).
    pub listen: SocketAddr,
    /// The base URL people use to reach this server.
    pub public_url: String,
    /// How logs are written.
    pub log_format: LogFormat,
    /// The `tracing` filter.
    pub log_filter: String,
    /// How long a login token stays valid.
    pub session_ttl: chrono::Duration,
    /// Whether `serve` applies pending migrations first.
    pub auto_migrate: bool,
    /// The database pool size.
    pub db_max_connections: u32,
    /// How often the bookings worker runs; `None` when off.
    pub worker_interval: Option<std::time::Duration>,
    /// Limits, exposure and connections at the HTTP edge.
    pub edge: EdgeSettings,
    pub payments: PaymentSettings,
    /// Where email goes and who it is from.
    pub mail: MailSettings,
}

/// A setting that is unknown or malformed; its `Display` is the one line shown.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// A variable with our prefix that we do not know.
    #[error("{0}: unknown setting (see the configuration table in README.md)")]
    Unknown(String),
    /// A known variable with a value we cannot use.
    #[error("{var}: {problem}")]
    Invalid {
        /// The variable's name.
        var: &'static str,
        /// What is wrong, and what would be right.
        problem: String,
    },
}

impl Settings {
    /// Reads the process environment.
    pub fn from_env() -> Result<Settings, ConfigError> {
        Settings::from_vars(std::env::vars())
    }

    /// Reads settings from `(name, value)` pairs; other programs' variables are ignored.
    pub fn from_vars(
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, ConfigError> {
        let mut given = BTreeMap::new();
        for (name, value) in vars {
            if !name.starts_with("PORTINERIA_") || name.starts_with(TEST_PREFIX) {
                continue;
            }
            match VARIABLES.iter().find(|(known, _, _)| *known == name) {
                Some((known, _, _)) => {
                    given.insert(*known, value);
                }
                None => return Err(ConfigError::Unknown(name)),
            }
        }
        let get = |var: &'static str| given.get(var).map(|v| v.trim()).filter(|v| !v.is_empty());

        let database_url = get("PORTINERIA_DATABASE_URL")
            .unwrap_or("sqlite://portineria.sqlite?mode=rwc")
            .to_owned();
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(invalid(
                "PORTINERIA_DATABASE_URL",
                format!("'{database_url}' is neither a sqlite: nor a postgres:// URL"),
            ));
        }
        let listen_text = get("PORTINERIA_LISTEN").unwrap_or("127.0.0.1:8080");
        let listen: SocketAddr = listen_text.parse().map_err(|_| {
            invalid(
                "PORTINERIA_LISTEN",
                format!("'{listen_text}' is not an address with a port, like 127.0.0.1:8080"),
            )
        })?;
        let public_url = match get("PORTINERIA_PUBLIC_URL") {
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                url.trim_end_matches('/').to_owned()
            }
            Some(url) => {
                return Err(invalid(
                    "PORTINERIA_PUBLIC_URL",
                    format!("'{url}' must start with http:// or https://"),
                ));
            }
            None => format!("http://{listen}"),
        };
        let log_format = match get("PORTINERIA_LOG_FORMAT").unwrap_or("text") {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(invalid(
                    "PORTINERIA_LOG_FORMAT",
                    format!("'{other}' is not one of: text, json"),
                ));
            }
        };
        let log_filter = get("PORTINERIA_LOG").unwrap_or("info").to_owned();
        let ttl_hours = number(
            get("PORTINERIA_SESSION_TTL_HOURS"),
            "PORTINERIA_SESSION_TTL_HOURS",
            720,
            1..=8760,
        )?;
        let auto_migrate = match get("PORTINERIA_AUTO_MIGRATE").unwrap_or("true") {
            "true" | "1" | "yes" => true,
            "false" | "0" | "no" => false,
            other => {
                return Err(invalid(
                    "PORTINERIA_AUTO_MIGRATE",
                    format!("'{other}' is not one of: true, false"),
                ));
            }
        };
        let db_max_connections = number(
            get("PORTINERIA_DB_MAX_CONNECTIONS"),
            "PORTINERIA_DB_MAX_CONNECTIONS",
            10,
            1..=1000,
        )?;
        let worker_seconds = number(
            get("PORTINERIA_WORKER_INTERVAL_SECONDS"),
            "PORTINERIA_WORKER_INTERVAL_SECONDS",
            30,
            0..=86_400,
        )?;
        let edge = EdgeSettings::read(get)?;
        let payments = PaymentSettings::read(get)?;
        let mail = MailSettings::read(get, &public_url)?;
        Ok(Settings {
            edge,
            payments,
            mail,
            worker_interval: (worker_seconds > 0)
                .then(|| std::time::Duration::from_secs(u64::from(worker_seconds))),
            database_url,
            listen,
            public_url,
            log_format,
            log_filter,
            session_ttl: chrono::Duration::hours(i64::from(ttl_hours)),
            auto_migrate,
            db_max_connections,
        })
    }
}

fn invalid(var: &'static str, problem: String) -> ConfigError {
    ConfigError::Invalid { var, problem }
}

fn number(
    value: Option<&str>,
    var: &'static str,
    default: u32,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, ConfigError> {
    let Some(text) = value else {
        return Ok(default);
    };
    text.parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            invalid(
                var,
                format!(
                    "'{text}' is not a whole number from {} to {}",
                    range.start(),
                    range.end()
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn no_configuration_means_sqlite_on_localhost_8080() {
        let settings = Settings::from_vars(vars(&[("HOME", "/root")])).expect("defaults are valid");
        assert_eq!(settings.listen.to_string(), "127.0.0.1:8080");
        assert!(settings.database_url.starts_with("sqlite:"));
        assert_eq!(settings.public_url, "http://127.0.0.1:8080");
        assert_eq!(settings.session_ttl, chrono::Duration::hours(720));
        assert!(settings.auto_migrate);
    }

    #[test]
    fn a_misspelt_variable_is_named() {
        let err = Settings::from_vars(vars(&[("PORTINERIA_DATABSE_URL", "x")])).unwrap_err();
        assert_eq!(err, ConfigError::Unknown("PORTINERIA_DATABSE_URL".into()));
        assert!(
            err.to_string()
                .starts_with("PORTINERIA_DATABSE_URL: unknown setting")
        );
    }

    #[test]
    fn malformed_values_name_their_variable() {
        let cases = [
            ("PORTINERIA_LISTEN", "8080"),
            ("PORTINERIA_DATABASE_URL", "mysql://x"),
            ("PORTINERIA_LOG_FORMAT", "yaml"),
            ("PORTINERIA_SESSION_TTL_HOURS", "0"),
            ("PORTINERIA_SESSION_TTL_HOURS", "ten"),
            ("PORTINERIA_AUTO_MIGRATE", "maybe"),
            ("PORTINERIA_DB_MAX_CONNECTIONS", "-1"),
            ("PORTINERIA_PUBLIC_URL", "example.org"),
            ("PORTINERIA_RATE_SIGN_UP_PER_ADDRESS", "5"),
            ("PORTINERIA_TRUSTED_PROXIES", "proxy.local"),
            ("PORTINERIA_CORS_ORIGINS", "app.example.org"),
            ("PORTINERIA_GRAPHIQL", "off"),
            ("PORTINERIA_MAX_CONNECTIONS", "0"),
            ("PORTINERIA_HEADER_READ_TIMEOUT_SECONDS", "0"),
        ];
        for (var, value) in cases {
            let err = Settings::from_vars(vars(&[(var, value)])).unwrap_err();
            assert!(
                err.to_string().starts_with(&format!("{var}: '{value}'")),
                "{var}={value} gave: {err}"
            );
        }
    }

    #[test]
    fn the_readme_lists_every_setting_with_its_default() {
        let readme = include_str!("../README.md");
        for (var, default, _) in VARIABLES {
            let row = readme
                .lines()
                .find(|line| line.starts_with(&format!("| `{var}` |")))
                .unwrap_or_else(|| panic!("README.md's configuration table lacks {var}"));
            let shown = row.split('|').nth(2).map(str::trim);
            let expected = if default.is_empty() {
                String::new()
            } else {
                format!("`{default}`")
            };
            assert_eq!(
                shown,
                Some(expected.as_str()),
                "README.md's default for {var}"
            );
        }
    }

    #[test]
    fn edge_settings_have_safe_defaults() {
        let edge = Settings::from_vars(vars(&[]))
            .expect("defaults are valid")
            .edge;
        assert!(
            edge.cors_origins.is_empty(),
            "no origin is allowed by default"
        );
        assert!(
            edge.trusted_proxies.is_empty(),
            "no proxy is believed by default"
        );
        assert!(edge.metrics_token.is_none());
        assert!(edge.header_read_timeout <= std::time::Duration::from_secs(30));
        let edge = Settings::from_vars(vars(&[
            ("PORTINERIA_TRUSTED_PROXIES", "10.0.0.1, ::1"),
            (
                "PORTINERIA_CORS_ORIGINS",
                "https://app.example.org/,http://localhost:5173",
            ),
        ]))
        .expect("valid")
        .edge;
        assert_eq!(edge.trusted_proxies.len(), 2);
        assert_eq!(
            edge.cors_origins,
            ["https://app.example.org", "http://localhost:5173"]
        );
    }

    #[test]
    fn test_harness_variables_are_not_the_servers_business() {
        let settings = Settings::from_vars(vars(&[
            ("PORTINERIA_TEST_POSTGRES_URL", "postgres://x"),
            ("PORTINERIA_LISTEN", "0.0.0.0:9000"),
            ("PORTINERIA_LOG_FORMAT", "json"),
        ]))
        .expect("valid");
        assert_eq!(settings.listen.port(), 9000);
        assert_eq!(settings.log_format, LogFormat::Json);
    }
}

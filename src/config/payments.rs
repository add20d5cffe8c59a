//! The settings of online payments: the Stripe account the server talks to
//! (secret key, webhook signing secrets, API address), how long an instant
//! booking waits for its payment, and how often payments are reconciled.

use std::time::Duration;

use super::{ConfigError, invalid, number};

/// Stripe, when configured.
#[derive(Clone, PartialEq, Eq)]
pub struct StripeSettings {
    /// `sk_live_…` or `sk_test_…`.
    pub secret_key: String,
    /// The endpoint's signing secrets (`whsec_…`): several while one is
    /// being rotated, any of them accepted.
    pub webhook_secrets: Vec<String>,
    /// Where the API is (`https://api.stripe.com/`; a local server in tests).
    pub api_base: String,
    /// How long one call may take before it counts as failed.
    pub timeout: Duration,
}

impl std::fmt::Debug for StripeSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Secrets never reach a log.
        f.debug_struct("StripeSettings")
            .field("api_base", &self.api_base)
            .field("webhook_secrets", &self.webhook_secrets.len())
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// The validated payment settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentSettings {
    /// Stripe, or `None`: then every hub pays at the desk.
    pub stripe: Option<StripeSettings>,
    /// How long an instant booking holds its place waiting for payment.
    pub payment_window: chrono::Duration,
    /// How often payments left half-way are re-read; `None` turns it off here.
    pub reconcile_interval: Option<Duration>,
}

impl Default for PaymentSettings {
    fn default() -> PaymentSettings {
        PaymentSettings {
            stripe: None,
            payment_window: chrono::Duration::minutes(15),
            reconcile_interval: Some(Duration::from_secs(300)),
        }
    }
}

impl PaymentSettings {
    /// Reads the payment variables through `get` (trimmed, non-empty values).
    pub(super) fn read<'a>(
        get: impl Fn(&'static str) -> Option<&'a str>,
    ) -> Result<PaymentSettings, ConfigError> {
        let stripe = match get("PORTINERIA_STRIPE_SECRET_KEY") {
            None => None,
            Some(key) if key.starts_with("sk_") || key.starts_with("rk_") => {
                let webhook_secrets: Vec<String> = get("PORTINERIA_STRIPE_WEBHOOK_SECRETS")
                    .unwrap_or_default()
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                if webhook_secrets.is_empty() {
                    return Err(invalid(
                        "PORTINERIA_STRIPE_WEBHOOK_SECRETS",
                        "Stripe needs the webhook endpoint's signing secret (whsec_…)".into(),
                    ));
                }
                let api_base =
                    get("PORTINERIA_STRIPE_API_BASE").unwrap_or("https://api.stripe.com/");
                if !(api_base.starts_with("https://") || api_base.starts_with("http://")) {
                    return Err(invalid(
                        "PORTINERIA_STRIPE_API_BASE",
                        format!("'{api_base}' must start with https:// or http://"),
                    ));
                }
                let timeout = number(
                    get("PORTINERIA_STRIPE_TIMEOUT_SECONDS"),
                    "PORTINERIA_STRIPE_TIMEOUT_SECONDS",
                    10,
                    1..=120,
                )?;
                Some(StripeSettings {
                    secret_key: key.to_owned(),
                    webhook_secrets,
                    api_base: format!("{}/", api_base.trim_end_matches('/')),
                    timeout: Duration::from_secs(u64::from(timeout)),
                })
            }
            Some(_) => {
                return Err(invalid(
                    "PORTINERIA_STRIPE_SECRET_KEY",
                    "not a Stripe secret key (sk_… or rk_…)".into(),
                ));
            }
        };
        let window = number(
            get("PORTINERIA_PAYMENT_WINDOW_MINUTES"),
            "PORTINERIA_PAYMENT_WINDOW_MINUTES",
            15,
            1..=1440,
        )?;
        let reconcile = number(
            get("PORTINERIA_RECONCILE_INTERVAL_SECONDS"),
            "PORTINERIA_RECONCILE_INTERVAL_SECONDS",
            300,
            0..=86_400,
        )?;
        Ok(PaymentSettings {
            stripe,
            payment_window: chrono::Duration::minutes(i64::from(window)),
            reconcile_interval: (reconcile > 0).then(|| Duration::from_secs(u64::from(reconcile))),
        })
    }
}

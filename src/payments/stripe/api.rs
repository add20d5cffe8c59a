//! The configured client and the options of one call.

use stripe_client_core::{IdempotencyKey, RequestStrategy, StripeRequest};

use crate::config::StripeSettings;
use crate::error::{AppError, AppResult};

use super::failure::Failure;

/// A client for the configured Stripe account.
#[derive(Clone)]
pub struct StripeApi {
    /// The async-stripe client.
    pub(super) client: ::stripe::Client,
}

impl StripeApi {
    /// The client for `settings`.
    pub fn new(settings: &StripeSettings) -> AppResult<StripeApi> {
        let client = ::stripe::ClientBuilder::new(settings.secret_key.clone())
            .url(settings.api_base.clone())
            .timeout(settings.timeout)
            .app_info(
                "portineria",
                Some(env!("CARGO_PKG_VERSION").to_owned()),
                None,
            )
            .build()
            .map_err(AppError::internal)?;
        Ok(StripeApi { client })
    }
}

/// How one call is sent: under which idempotency key, on which account.
#[derive(Debug, Clone)]
pub struct Call {
    /// The idempotency key: the same for the same intended effect.
    pub key: String,
    /// The connected account acted on (`Stripe-Account`); the platform's when `None`.
    pub account: Option<String>,
}

impl Call {
    /// A call under `key` on `account`.
    pub fn new(key: impl Into<String>, account: Option<&str>) -> Call {
        Call {
            key: key.into(),
            account: account.map(str::to_owned),
        }
    }

    /// A read of an object on `account`. Reads change nothing, so each
    /// carries a key of its own.
    pub fn read(account: Option<&str>) -> Call {
        Call::new(format!("read-{}", uuid::Uuid::now_v7()), account)
    }

    /// Sends `request` once, under this call's key and account. Retrying
    /// is the caller's: the same key again, after a lost answer.
    pub(super) async fn send<R>(&self, api: &StripeApi, request: &R) -> Result<R::Output, Failure>
    where
        R: StripeRequest,
        R::Output: miniserde::Deserialize,
    {
        let key = IdempotencyKey::new(&self.key)
            .map_err(|e| Failure::NoAnswer(format!("idempotency key {}: {e}", self.key)))?;
        let mut customized = request
            .customize()
            .request_strategy(RequestStrategy::Idempotent(key));
        if let Some(account) = &self.account {
            customized = customized.account_id(account.as_str().into());
        }
        Ok(customized.send(&api.client).await?)
    }
}

//! Webhook deliveries signed as Stripe signs them,
//! `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<payload>">`,
//! and the other ways a test can sign one (forged, stale, during a secret
//! rotation, at a chosen time, unsigned).

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How old a stale signature is: twice the five minutes a receiver
/// tolerates.
const STALE_SECONDS: i64 = 600;

/// How a delivery is signed.
#[derive(Debug, Clone, Default)]
pub struct Signature {
    /// One `v1=` entry per secret; the endpoint's secret when empty.
    secrets: Vec<String>,
    /// The unix time signed; now when unset.
    at: Option<i64>,
    /// Seconds before that time.
    age: i64,
    /// This exact header (`Some(None)`: no header at all).
    raw: Option<Option<String>>,
}

impl Signature {
    /// What Stripe sends: the endpoint's secret, now.
    pub fn genuine() -> Self {
        Self::default()
    }

    /// Signed with another secret: a forgery.
    pub fn forged(secret: &str) -> Self {
        Self::rotated([secret])
    }

    /// One `v1=` entry per secret, in order: Stripe signs with the old and
    /// the new secret while the endpoint's secret is being rolled.
    pub fn rotated<S: Into<String>>(secrets: impl IntoIterator<Item = S>) -> Self {
        Self {
            secrets: secrets.into_iter().map(Into::into).collect(),
            ..Self::default()
        }
    }

    /// No `Stripe-Signature` header.
    pub fn missing() -> Self {
        Self {
            raw: Some(None),
            ..Self::default()
        }
    }

    /// This exact header value.
    pub fn raw(header: &str) -> Self {
        Self {
            raw: Some(Some(header.to_owned())),
            ..Self::default()
        }
    }

    /// Signed at this unix time.
    pub fn at(mut self, unix: i64) -> Self {
        self.at = Some(unix);
        self
    }

    /// Signed ten minutes early: a replayed or long-delayed delivery.
    pub fn stale(mut self) -> Self {
        self.age = STALE_SECONDS;
        self
    }

    /// The header for `payload`, if any.
    pub fn header(&self, payload: &str, endpoint_secret: &str, now: i64) -> Option<String> {
        if let Some(raw) = &self.raw {
            return raw.clone();
        }
        let timestamp = self.at.unwrap_or(now) - self.age;
        let endpoint = [endpoint_secret.to_owned()];
        let secrets = if self.secrets.is_empty() {
            &endpoint[..]
        } else {
            &self.secrets[..]
        };
        let entries: Vec<String> = secrets
            .iter()
            .map(|secret| format!("v1={}", sign(secret, timestamp, payload)))
            .collect();
        Some(format!("t={timestamp},{}", entries.join(",")))
    }
}

/// Stripe's signature: HMAC-SHA256 of `"<timestamp>.<payload>"`, in hex.
pub fn sign(secret: &str, timestamp: i64, payload: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("{timestamp}.{payload}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// One delivery of an event to the endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub event_id: String,
    pub kind: String,
    /// The endpoint's answer; `None` when it gave no HTTP answer at all.
    pub status: Option<u16>,
}

/// Posts `payload` as Stripe does.
pub async fn post(
    http: &reqwest::Client,
    url: &str,
    payload: String,
    signature: Option<String>,
) -> Option<u16> {
    let mut request = http
        .post(url)
        .header("content-type", "application/json; charset=utf-8")
        .body(payload);
    if let Some(signature) = signature {
        request = request.header("stripe-signature", signature);
    }
    request
        .send()
        .await
        .ok()
        .map(|response| response.status().as_u16())
}

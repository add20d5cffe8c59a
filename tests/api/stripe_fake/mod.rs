//! The fake Stripe itself, driven by the real `async-stripe` client: every
//! object it answers with parses strictly, and it behaves as Stripe's API
//! reference says. No database; each test starts its own server.

mod accounts;
mod checkout;
mod idempotency;
mod isolation;
mod payment_intents;
mod refunds;
mod webhooks;

use stripe::{ApiErrors, StripeError};

use crate::stripe_server::StripeServer;

pub const KEY: &str = "sk_test_portineria_fake";

/// A fresh server and a client for it.
pub async fn start() -> (StripeServer, stripe::Client) {
    let server = StripeServer::start(KEY).await;
    let client = server.client();
    (server, client)
}

/// The error Stripe answered a call with, and its HTTP status.
/// A 40 € intent on the platform, waiting for a card.
pub async fn created(client: &stripe::Client) -> stripe_shared::PaymentIntent {
    stripe_core::payment_intent::CreatePaymentIntent::new(4000, stripe_types::Currency::EUR)
        .send(client)
        .await
        .expect("created")
}

/// A new Express account, not yet onboarded.
pub async fn express_account(client: &stripe::Client) -> stripe_shared::Account {
    stripe_connect::account::CreateAccount::new()
        .type_(stripe_connect::account::CreateAccountType::Express)
        .send(client)
        .await
        .expect("an account")
}

pub fn stripe_error<T: std::fmt::Debug>(result: Result<T, StripeError>) -> (ApiErrors, u16) {
    match result {
        Err(StripeError::Stripe(error, status)) => (*error, status),
        other => panic!("expected an error from Stripe, got {other:?}"),
    }
}

/// The code of an error, as Stripe spells it.
pub fn code(error: &ApiErrors) -> Option<&str> {
    error.code.as_ref().map(|code| code.as_str())
}

/// A form posted without the client: (status, headers, body).
pub async fn post(
    server: &StripeServer,
    path: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut request = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("an HTTP client")
        .post(format!(
            "{}{}",
            server.base_url(),
            path.trim_start_matches('/')
        ))
        .bearer_auth(server.secret_key())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_owned());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("the fake Stripe answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.text().await.expect("a body");
    (status, headers, body)
}

//! Which endpoint answers which `/v1/…` path.

use serde_json::Value;

use super::errors::ApiError;
use super::form::Form;
use super::state::{Caller, Ledger};
use super::{accounts, checkout, confirmation, payment_intents, refunds};

/// The endpoint's answer, or `None` for a path Stripe does not have.
pub fn run(
    ledger: &mut Ledger,
    caller: &Caller,
    method: &str,
    path: &str,
    form: &Form,
    base_url: &str,
) -> Option<Result<Value, ApiError>> {
    let segments: Vec<&str> = path.strip_prefix("/v1/")?.split('/').collect();
    Some(match (method, segments.as_slice()) {
        ("POST", ["payment_intents"]) => payment_intents::create(ledger, caller, form),
        ("GET", ["payment_intents", id]) => payment_intents::retrieve(ledger, caller, form, id),
        ("POST", ["payment_intents", id, "confirm"]) => {
            confirmation::confirm(ledger, caller, form, id)
        }
        ("POST", ["payment_intents", id, "capture"]) => {
            payment_intents::capture(ledger, caller, form, id)
        }
        ("POST", ["payment_intents", id, "cancel"]) => {
            payment_intents::cancel(ledger, caller, form, id)
        }
        ("POST", ["checkout", "sessions"]) => checkout::create(ledger, caller, form, base_url),
        ("GET", ["checkout", "sessions", id]) => checkout::retrieve(ledger, caller, form, id),
        ("POST", ["checkout", "sessions", id, "expire"]) => {
            checkout::expire(ledger, caller, form, id)
        }
        ("POST", ["refunds"]) => refunds::create(ledger, caller, form),
        ("GET", ["refunds", id]) => refunds::retrieve(ledger, caller, form, id),
        ("POST", ["accounts"]) => accounts::create(ledger, caller, form),
        ("GET", ["accounts", id]) => accounts::retrieve(ledger, caller, form, id),
        ("POST", ["account_links"]) => accounts::create_link(ledger, caller, form, base_url),
        _ => return None,
    })
}

/// The 404 for a path Stripe does not have.
pub fn unrecognized(method: &str, path: &str) -> ApiError {
    ApiError::invalid(format!(
        "Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."
    ))
    .status(404)
}

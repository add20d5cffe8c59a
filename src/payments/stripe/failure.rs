//! What a failed Stripe call means for us: a refusal Stripe stated (a card
//! declined, a state that does not allow the call) or no answer at all
//! (network, timeout, Stripe's own fault, too many requests, the same
//! idempotency key still in use), which may be sent again under the same
//! idempotency key.

use ::stripe::StripeError;

use crate::error::AppError;
use crate::msg;

/// A failed call, reduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No usable answer: try again later with the same key.
    NoAnswer(String),
    /// Stripe refused: `kind` and `code` in Stripe's words.
    Refused {
        /// `card_error`, `invalid_request_error`, …
        kind: String,
        /// `card_declined`, `payment_intent_unexpected_state`, …
        code: Option<String>,
        /// Stripe's sentence, for the log.
        message: String,
        /// The HTTP status.
        status: u16,
    },
}

impl Failure {
    /// Whether Stripe refused because the object is not in a state for it
    /// (already captured, already canceled, already refunded).
    pub fn is_unexpected_state(&self) -> bool {
        matches!(self, Failure::Refused { code: Some(code), .. }
            if code == "payment_intent_unexpected_state" || code == "charge_already_refunded")
    }

    /// The operator's account of it.
    pub fn describe(&self) -> String {
        match self {
            Failure::NoAnswer(why) => format!("no answer from Stripe: {why}"),
            Failure::Refused {
                kind,
                code,
                message,
                status,
            } => format!(
                "Stripe refused ({status} {kind} {}): {message}",
                code.as_deref().unwrap_or("-")
            ),
        }
    }
}

impl From<StripeError> for Failure {
    fn from(err: StripeError) -> Failure {
        match err {
            // 429 (too many requests) and 409 (the same idempotency key in
            // use by a request still running) are answered by trying again.
            StripeError::Stripe(api, status) if status < 500 && status != 429 && status != 409 => {
                let kind = api.type_.as_str().to_owned();
                Failure::Refused {
                    kind,
                    code: api.code.as_ref().map(|c| c.as_str().to_owned()),
                    message: api.message.clone().unwrap_or_default(),
                    status,
                }
            }
            other => Failure::NoAnswer(other.to_string()),
        }
    }
}

impl From<Failure> for AppError {
    /// No answer is `UNAVAILABLE` (the client may send the same request
    /// again); a refusal of a call we built is our fault, logged as such.
    fn from(failure: Failure) -> AppError {
        match failure {
            Failure::NoAnswer(why) => {
                tracing::warn!(why, "Stripe did not answer");
                AppError::Unavailable(msg!("payment-provider-unavailable"))
            }
            refused => AppError::Internal(refused.describe().into()),
        }
    }
}

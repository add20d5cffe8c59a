//! Stripe's error object (`{"error": {"type", "code", "message", "param", …}}`)
//! and the HTTP status each kind of failure answers with.

use serde_json::{Map, Value, json};

/// A failed request, as Stripe reports it (boxed: it travels in every
/// `Result` of the endpoints).
#[derive(Debug, Clone)]
pub struct ApiError(Box<Details>);

#[derive(Debug, Clone)]
struct Details {
    status: u16,
    kind: &'static str,
    code: Option<&'static str>,
    decline_code: Option<&'static str>,
    message: String,
    param: Option<String>,
    /// What a card error carries besides the message: the failed charge's
    /// id, the payment method and the payment intent as they now are.
    attached: Map<String, Value>,
}

impl ApiError {
    /// A 400 `invalid_request_error`, the answer to most mistakes.
    pub fn invalid(message: impl Into<String>) -> Self {
        ApiError(Box::new(Details {
            status: 400,
            kind: "invalid_request_error",
            code: None,
            decline_code: None,
            message: message.into(),
            param: None,
            attached: Map::new(),
        }))
    }

    /// `parameter_missing`.
    pub fn missing(param: &str) -> Self {
        Self::invalid(format!("Missing required param: {param}."))
            .code("parameter_missing")
            .param(param)
    }

    /// `parameter_unknown`.
    pub fn unknown_parameter(param: &str) -> Self {
        Self::invalid(format!("Received unknown parameter: {param}"))
            .code("parameter_unknown")
            .param(param)
    }

    /// `parameter_invalid_integer`.
    pub fn invalid_integer(param: &str, value: &str) -> Self {
        Self::invalid(format!("Invalid integer: {value}"))
            .code("parameter_invalid_integer")
            .param(param)
    }

    /// 404 for an object that does not exist under the caller's account.
    pub fn no_such(object: &str, id: &str, param: &str) -> Self {
        Self::invalid(format!("No such {object}: '{id}'"))
            .status(404)
            .code("resource_missing")
            .param(param)
    }

    /// `payment_intent_unexpected_state`: not allowed in the current status.
    pub fn unexpected_state(message: impl Into<String>) -> Self {
        Self::invalid(message).code("payment_intent_unexpected_state")
    }

    /// A 401: the key is missing or wrong.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::invalid(message).status(401)
    }

    /// A `Stripe-Account` header naming an account the key cannot reach.
    pub fn account_invalid(key: &str, account: &str) -> Self {
        Self::invalid(format!(
            "The provided key '{}' does not have access to account '{account}' (or that account does not exist). Application access may have been revoked.",
            masked(key)
        ))
        .status(403)
        .code("account_invalid")
    }

    /// A 400 `idempotency_error`: the key was used with other parameters.
    pub fn idempotency(key: &str) -> Self {
        let mut error = Self::invalid(format!(
            "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."
        ));
        error.0.kind = "idempotency_error";
        error
    }

    /// A 409 `idempotency_error`: the key is in use by a request still running.
    pub fn key_in_use() -> Self {
        let mut error = Self::invalid(
            "There is currently another in-progress request using this Stripe-Idempotency-Key. Please try again later.",
        )
        .status(409);
        error.0.kind = "idempotency_error";
        error
    }

    /// A 402 `card_error`: the issuer declined.
    pub fn card_declined(message: &str, decline_code: &'static str) -> Self {
        let mut error = Self::invalid(message).status(402).code("card_declined");
        error.0.kind = "card_error";
        error.0.decline_code = Some(decline_code);
        error
    }

    /// A 500 `api_error`: something went wrong on Stripe's side.
    pub fn server() -> Self {
        let mut error = Self::invalid("An unknown error occurred").status(500);
        error.0.kind = "api_error";
        error
    }

    /// Answers with another HTTP status.
    pub fn status(mut self, status: u16) -> Self {
        self.0.status = status;
        self
    }

    /// Sets the error code.
    pub fn code(mut self, code: &'static str) -> Self {
        self.0.code = Some(code);
        self
    }

    /// Names the parameter at fault.
    pub fn param(mut self, param: &str) -> Self {
        self.0.param = Some(param.to_owned());
        self
    }

    /// Adds a field to the error object.
    pub fn attach(mut self, name: &str, value: Value) -> Self {
        self.0.attached.insert(name.to_owned(), value);
        self
    }

    /// The HTTP status it answers with.
    pub fn http_status(&self) -> u16 {
        self.0.status
    }

    /// Whether Stripe keeps this answer under the request's idempotency key:
    /// only once the request began executing (a card decline), never for a
    /// request refused at validation.
    pub fn is_stored(&self) -> bool {
        self.0.kind == "card_error"
    }

    /// The inner object, as `last_payment_error` holds it.
    pub fn object(&self) -> Value {
        let error = &self.0;
        let mut object = error.attached.clone();
        object.insert("type".into(), json!(error.kind));
        object.insert("message".into(), json!(error.message));
        if let Some(code) = error.code {
            object.insert("code".into(), json!(code));
            object.insert(
                "doc_url".into(),
                json!(format!(
                    "https://stripe.com/docs/error-codes/{}",
                    code.replace('_', "-")
                )),
            );
        }
        if let Some(decline_code) = error.decline_code {
            object.insert("decline_code".into(), json!(decline_code));
        }
        if let Some(param) = &error.param {
            object.insert("param".into(), json!(param));
        }
        Value::Object(object)
    }

    /// The response body.
    pub fn body(&self) -> Value {
        json!({ "error": self.object() })
    }
}

/// Stripe never echoes a whole key back.
fn masked(key: &str) -> String {
    let tail: String = key
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let head: String = key.chars().take(8).collect();
    format!("{head}********{tail}")
}

/// The answer to a key that is not the server's.
pub fn invalid_key(presented: Option<&str>) -> ApiError {
    match presented {
        None => ApiError::unauthorized(
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
        ),
        Some(key) => ApiError::unauthorized(format!("Invalid API Key provided: {}", masked(key))),
    }
}

//! The HTTP side: connections on 127.0.0.1, and every call through the same
//! steps as Stripe's: the key, the `Stripe-Account`, an armed fault, the
//! idempotency store, the endpoint, and the log.
//!
//! hyper serves the connections itself (not `axum::serve`) so that a fault
//! can close a connection without any answer.

use std::fmt;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{HeaderMap, Request, Response, StatusCode};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;

use super::errors::{ApiError, invalid_key};
use super::faults::Fault;
use super::form::Form;
use super::idempotency::{self, Lookup, Stored};
use super::state::{Caller, Ledger, LoggedRequest, Origin, new_id};
use super::{accounts, checkout, routes};

const BODY_LIMIT: usize = 1 << 20;

/// What every connection shares.
pub struct Shared {
    pub ledger: Mutex<Ledger>,
    pub secret_key: String,
    pub base_url: String,
}

impl Shared {
    /// The state, for one step (never held across an await).
    pub fn ledger(&self) -> std::sync::MutexGuard<'_, Ledger> {
        self.ledger
            .lock()
            .expect("no test panicked while holding the fake Stripe's state")
    }
}

/// A connection closed on purpose without an answer.
#[derive(Debug)]
pub struct Dropped;

impl fmt::Display for Dropped {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("connection dropped by an armed fault")
    }
}

impl std::error::Error for Dropped {}

/// Accepts connections until the task is aborted.
pub async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = service_fn(move |request| answer(Arc::clone(&shared), request));
            // Ends in an error when a fault drops the connection or the
            // client goes away; neither is the server's concern.
            let _ended = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// One request as received.
struct Call<'a> {
    method: &'a str,
    path: &'a str,
    query: &'a str,
    headers: &'a HeaderMap,
    body: &'a [u8],
}

impl Call<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// What goes back.
struct Answer {
    status: u16,
    body: String,
    headers: Vec<(&'static str, String)>,
    replayed: bool,
    dropped: bool,
}

impl Answer {
    fn json(status: u16, body: String) -> Self {
        Answer {
            status,
            body,
            headers: vec![("content-type", "application/json".into())],
            replayed: false,
            dropped: false,
        }
    }

    fn error(error: &ApiError) -> Self {
        Self::json(error.http_status(), pretty(&error.body()))
    }
}

async fn answer(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<Body>, Dropped> {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(Body::new(body), BODY_LIMIT).await else {
        return Ok(response(Answer::error(&ApiError::invalid(
            "The request body could not be read.",
        ))));
    };
    let call = Call {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or(""),
        headers: &parts.headers,
        body: &body,
    };
    let answer = respond(&shared, &call);
    if answer.dropped {
        return Err(Dropped);
    }
    Ok(response(answer))
}

fn response(answer: Answer) -> Response<Body> {
    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    for (name, value) in answer.headers {
        if let Ok(value) = value.parse() {
            response.headers_mut().append(name, value);
        }
    }
    response
}

fn respond(shared: &Shared, call: &Call<'_>) -> Answer {
    let mut ledger = shared.ledger();
    if let Some(rest) = call.path.strip_prefix("/setup/e/") {
        return onboarding(&mut ledger, rest);
    }
    if let Some(id) = call.path.strip_prefix("/c/pay/") {
        if call.method == "POST" {
            return hosted_payment(&mut ledger, id);
        }
        return hosted_checkout(&ledger, id);
    }
    let mut answer = process(&mut ledger, shared, call);
    if !answer.headers.iter().any(|(name, _)| *name == "request-id") {
        answer.headers.push(("request-id", new_id("req")));
    }
    ledger.requests.push(LoggedRequest {
        method: call.method.to_owned(),
        path: call.path.to_owned(),
        idempotency_key: call.header("idempotency-key").map(str::to_owned),
        stripe_account: call.header("stripe-account").map(str::to_owned),
        status: answer.status,
        replayed: answer.replayed,
        dropped: answer.dropped,
    });
    answer
}

/// The customer opening a Checkout Session's hosted page.
fn hosted_checkout(ledger: &Ledger, id: &str) -> Answer {
    let (status, body) = match checkout::hosted_page(ledger, id) {
        Some(page) => (200, page),
        None => (
            404,
            "This Checkout Session is no longer available.".to_owned(),
        ),
    };
    Answer {
        status,
        body,
        headers: vec![("content-type", "text/html; charset=utf-8".into())],
        replayed: false,
        dropped: false,
    }
}

/// The customer paying on the hosted page with the test Visa card: back to
/// the session's `success_url`, as Stripe sends them.
fn hosted_payment(ledger: &mut Ledger, id: &str) -> Answer {
    let paid = checkout::pay(ledger, id, super::cards::Card::Visa);
    let (status, body, headers) = match paid {
        Ok(Ok(session)) => (
            303,
            String::new(),
            vec![(
                "location",
                session["success_url"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )],
        ),
        Ok(Err(error)) => (402, error.to_string(), Vec::new()),
        Err(problem) => (404, problem, Vec::new()),
    };
    Answer {
        status,
        body,
        headers,
        replayed: false,
        dropped: false,
    }
}

/// The person following an onboarding link, in a browser.
fn onboarding(ledger: &mut Ledger, rest: &str) -> Answer {
    let token = rest.rsplit('/').next().unwrap_or_default();
    match accounts::visit_link(ledger, token) {
        Some(location) => Answer {
            status: 302,
            body: String::new(),
            headers: vec![("location", location)],
            replayed: false,
            dropped: false,
        },
        None => Answer {
            status: 404,
            body: "This link is not valid.".into(),
            headers: vec![("content-type", "text/plain".into())],
            replayed: false,
            dropped: false,
        },
    }
}

fn process(ledger: &mut Ledger, shared: &Shared, call: &Call<'_>) -> Answer {
    if !call.path.starts_with("/v1/") {
        return Answer::error(&routes::unrecognized(call.method, call.path));
    }
    let presented = call
        .header("authorization")
        .map(|value| value.strip_prefix("Bearer ").unwrap_or(value));
    if presented != Some(shared.secret_key.as_str()) {
        return Answer::error(&invalid_key(presented));
    }
    let account = call.header("stripe-account");
    if let Some(account) = account
        && ledger.account(account).is_none()
    {
        return Answer::error(&ApiError::account_invalid(&shared.secret_key, account));
    }
    let fault = ledger.faults.take(call.path);
    if fault == Some(Fault::ServerError) {
        let mut answer = Answer::error(&ApiError::server());
        answer.headers.push(("stripe-should-retry", "true".into()));
        return answer;
    }
    if fault == Some(Fault::KeyInUse) {
        return Answer::error(&ApiError::key_in_use());
    }
    let encoded = if call.method == "GET" {
        call.query.as_bytes()
    } else {
        call.body
    };
    let form = match Form::parse(encoded) {
        Ok(form) => form,
        Err(error) => return Answer::error(&error),
    };
    let key = call
        .header("idempotency-key")
        .filter(|_| call.method == "POST");
    let fingerprint = idempotency::fingerprint(call.method, call.path, &form);
    if let Some(key) = key {
        if key.len() > 255 {
            return Answer::error(&ApiError::invalid(
                "Invalid idempotency key: must be at most 255 characters long.",
            ));
        }
        match ledger
            .idempotency
            .lookup(account, key, &fingerprint, ledger.now())
        {
            Lookup::Replay(stored) => return replay(stored, key, fault),
            Lookup::Mismatch => return Answer::error(&ApiError::idempotency(key)),
            Lookup::Fresh => {}
        }
    }
    let caller = Caller {
        account: account.map(str::to_owned),
        origin: Origin::request(key.map(str::to_owned)),
    };
    let Some(result) = routes::run(
        ledger,
        &caller,
        call.method,
        call.path,
        &form,
        &shared.base_url,
    ) else {
        return Answer::error(&routes::unrecognized(call.method, call.path));
    };
    let (status, body, kept) = match result {
        Ok(object) => (200, pretty(&object), true),
        Err(error) => (
            error.http_status(),
            pretty(&error.body()),
            error.is_stored(),
        ),
    };
    let request_id = caller.origin.request_id.clone().unwrap_or_default();
    if let Some(key) = key
        && kept
    {
        let now = ledger.now();
        ledger.idempotency.store(
            account,
            key,
            Stored {
                fingerprint,
                status,
                body: body.clone(),
                request_id: request_id.clone(),
                created: now,
            },
        );
    }
    let mut answer = Answer::json(status, body);
    answer.headers.push(("request-id", request_id));
    answer.headers.push((
        "stripe-version",
        stripe_shared::version::VERSION.as_str().to_owned(),
    ));
    if let Some(key) = key {
        answer.headers.push(("idempotency-key", key.to_owned()));
    }
    answer.dropped = fault == Some(Fault::DropAfterProcessing);
    answer
}

/// The first answer again, byte for byte.
fn replay(stored: Stored, key: &str, fault: Option<Fault>) -> Answer {
    let mut answer = Answer::json(stored.status, stored.body);
    answer.headers.push(("request-id", new_id("req")));
    answer.headers.push(("idempotency-key", key.to_owned()));
    answer.headers.push(("idempotent-replayed", "true".into()));
    answer.headers.push(("original-request", stored.request_id));
    answer.replayed = true;
    answer.dropped = fault == Some(Fault::DropAfterProcessing);
    answer
}

/// Stripe answers with indented JSON.
fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

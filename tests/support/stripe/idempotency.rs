//! `Idempotency-Key`: the first answer to a POST is kept per (account, key)
//! with a fingerprint of the request; the same request again gets the same
//! answer byte for byte and nothing is done again; other parameters under
//! the same key are refused. Keys are forgotten after 24 hours, as Stripe's
//! are.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::form::Form;

const KEPT_FOR_SECONDS: i64 = 24 * 60 * 60;

/// The answer kept for a key.
#[derive(Debug, Clone)]
pub struct Stored {
    pub fingerprint: String,
    pub status: u16,
    pub body: String,
    /// The request that first ran (`Original-Request` on replays).
    pub request_id: String,
    pub created: i64,
}

/// What a key says about a request.
#[derive(Debug)]
pub enum Lookup {
    /// Not seen (or expired): run the request.
    Fresh,
    /// Seen with the same request: answer as the first time.
    Replay(Stored),
    /// Seen with another request: refuse.
    Mismatch,
}

/// The kept answers, per (account, key).
#[derive(Debug, Default)]
pub struct Idempotency {
    stored: HashMap<(Option<String>, String), Stored>,
}

/// The request's identity: method, path and parameters, whatever order the
/// parameters were sent in.
pub fn fingerprint(method: &str, path: &str, form: &Form) -> String {
    let mut digest = Sha256::new();
    digest.update(method.as_bytes());
    digest.update(b"\n");
    digest.update(path.as_bytes());
    digest.update(b"\n");
    digest.update(form.canonical().as_bytes());
    hex::encode(digest.finalize())
}

impl Idempotency {
    /// What the key says about a request with this fingerprint.
    pub fn lookup(&self, account: Option<&str>, key: &str, fingerprint: &str, now: i64) -> Lookup {
        match self
            .stored
            .get(&(account.map(str::to_owned), key.to_owned()))
        {
            Some(stored) if now - stored.created >= KEPT_FOR_SECONDS => Lookup::Fresh,
            Some(stored) if stored.fingerprint == fingerprint => Lookup::Replay(stored.clone()),
            Some(_) => Lookup::Mismatch,
            None => Lookup::Fresh,
        }
    }

    /// Keeps the first answer under the key.
    pub fn store(&mut self, account: Option<&str>, key: &str, answer: Stored) {
        self.stored
            .insert((account.map(str::to_owned), key.to_owned()), answer);
    }
}

//! Failures a test arms for the next matching call: the network losing the
//! answer, or Stripe failing before it did anything.

/// What goes wrong with the next call to a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The request is processed (and stored under its idempotency key), then
    /// the connection is closed without an answer: the caller cannot know
    /// whether it happened.
    DropAfterProcessing,
    /// A 500 `api_error` with `Stripe-Should-Retry: true`; nothing is done
    /// and nothing is stored under the idempotency key, so a retry with the
    /// same key runs the request afresh.
    ServerError,
    /// A 409 `idempotency_error`: another request under the same key is
    /// still running (a double click reaching Stripe at once); nothing is
    /// done, and the same key works again once the first is answered.
    KeyInUse,
}

/// The armed faults, each used once, first armed first.
#[derive(Debug, Default)]
pub struct Faults {
    armed: Vec<(String, Fault)>,
}

impl Faults {
    /// Arms `fault` for the next call under `path_prefix`.
    pub fn arm(&mut self, path_prefix: &str, fault: Fault) {
        self.armed.push((path_prefix.to_owned(), fault));
    }

    /// The fault armed for this path, if any, now spent.
    pub fn take(&mut self, path: &str) -> Option<Fault> {
        let position = self
            .armed
            .iter()
            .position(|(prefix, _)| path.starts_with(prefix.as_str()))?;
        Some(self.armed.remove(position).1)
    }
}

//! A Stripe-compatible HTTP server for the tests, written from Stripe's
//! public API reference and spoken to by the real `async-stripe` client:
//! payment intents (confirm, capture, cancel), hosted Checkout Sessions,
//! refunds, connected accounts and their onboarding links, idempotency
//! keys, `Stripe-Account`, events delivered as signed webhooks, and faults
//! armed by the test.
//!
//! `StripeServer` is the test's handle: it also plays the customer's
//! browser (`confirm`, `complete_action`, `pay_checkout`) and Stripe's own
//! actions (`lapse_authorization`, `expire_checkout`,
//! `complete_onboarding`), and shows what the server holds and received.

mod account_objects;
mod accounts;
mod cards;
mod checkout;
mod checkout_objects;
mod checkout_params;
mod confirmation;
mod errors;
mod events;
mod faults;
mod form;
mod idempotency;
mod intent_params;
mod objects;
mod payment_intents;
mod refunds;
mod routes;
mod server;
mod state;
mod webhooks;

use std::sync::{Arc, Mutex};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use cards::Card;
pub use faults::Fault;
pub use state::{LoggedRequest, Settlement};
pub use webhooks::{Delivery, Signature};

use server::Shared;
use state::{Endpoint, Ledger};

/// A running fake Stripe on 127.0.0.1, stopped when dropped.
pub struct StripeServer {
    shared: Arc<Shared>,
    http: reqwest::Client,
    accept: JoinHandle<()>,
}

impl Drop for StripeServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

impl StripeServer {
    /// Starts a server on a free port that accepts `secret_key` only.
    pub async fn start(secret_key: &str) -> StripeServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port on 127.0.0.1");
        let address = listener.local_addr().expect("a bound address");
        let shared = Arc::new(Shared {
            ledger: Mutex::new(Ledger::default()),
            secret_key: secret_key.to_owned(),
            base_url: format!("http://{address}/"),
        });
        let accept = tokio::spawn(server::serve(listener, Arc::clone(&shared)));
        let http = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client for deliveries");
        StripeServer {
            shared,
            http,
            accept,
        }
    }

    /// For `ClientBuilder::url`: the client appends `v1/…` to it.
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    /// The only key the server accepts.
    pub fn secret_key(&self) -> &str {
        &self.shared.secret_key
    }

    /// A real `async-stripe` client pointed at this server.
    pub fn client(&self) -> stripe::Client {
        stripe::ClientBuilder::new(self.secret_key())
            .url(self.base_url())
            .build()
            .expect("a client for the fake Stripe")
    }

    /// The server's unix time (the system clock unless set).
    pub fn now(&self) -> i64 {
        self.shared.ledger().now()
    }

    /// Fixes the server's clock (object timestamps, link expiry,
    /// signatures), e.g. to the application's test clock.
    pub fn set_time(&self, unix: i64) {
        self.shared.ledger().fixed_now = Some(unix);
    }

    // Webhooks.

    /// Where events are delivered, and the secret they are signed with.
    pub fn webhook_to(&self, url: &str, signing_secret: &str) {
        self.shared.ledger().endpoint = Some(Endpoint {
            url: url.to_owned(),
            secret: signing_secret.to_owned(),
        });
    }

    /// Every event so far, oldest first, as it would be delivered.
    pub fn events(&self) -> Vec<Value> {
        let ledger = self.shared.ledger();
        ledger
            .events
            .iter()
            .map(|event| events::event(event, pending(&ledger, event)))
            .collect()
    }

    /// The events of one type, oldest first.
    pub fn events_of(&self, kind: &str) -> Vec<Value> {
        self.events()
            .into_iter()
            .filter(|event| event["type"] == kind)
            .collect()
    }

    /// Loses every event not yet delivered: `deliver_pending` will never
    /// send them (`deliver` still can). Their ids.
    pub fn drop_pending(&self) -> Vec<String> {
        let mut ledger = self.shared.ledger();
        ledger
            .events
            .iter_mut()
            .filter(|event| !event.delivered && !event.lost)
            .map(|event| {
                event.lost = true;
                event.id.clone()
            })
            .collect()
    }

    /// Sends, in order, every event not yet acknowledged (Stripe retries
    /// those that were not answered with a 2xx).
    pub async fn deliver_pending(&self) -> Vec<Delivery> {
        let due: Vec<String> = self
            .shared
            .ledger()
            .events
            .iter()
            .filter(|event| !event.delivered && !event.lost)
            .map(|event| event.id.clone())
            .collect();
        let mut deliveries = Vec::new();
        for event_id in due {
            deliveries.push(self.deliver(&event_id).await);
        }
        deliveries
    }

    /// Sends one event (again, if it was sent before: a duplicate).
    pub async fn deliver(&self, event_id: &str) -> Delivery {
        self.deliver_with(event_id, Signature::genuine()).await
    }

    /// Sends one event signed as `signature` says.
    pub async fn deliver_with(&self, event_id: &str, signature: Signature) -> Delivery {
        let (url, kind, payload, header) = {
            let ledger = self.shared.ledger();
            let endpoint = ledger
                .endpoint
                .clone()
                .expect("webhook_to was called before delivering");
            let event = ledger
                .events
                .iter()
                .find(|event| event.id == event_id)
                .unwrap_or_else(|| panic!("no event {event_id}"));
            let payload =
                serde_json::to_string_pretty(&events::event(event, 1)).expect("an event is JSON");
            let header = signature.header(&payload, &endpoint.secret, ledger.now());
            (endpoint.url, event.kind.clone(), payload, header)
        };
        let status = webhooks::post(&self.http, &url, payload, header).await;
        if status.is_some_and(|status| (200..300).contains(&status)) {
            let mut ledger = self.shared.ledger();
            if let Some(event) = ledger.events.iter_mut().find(|event| event.id == event_id) {
                event.delivered = true;
            }
        }
        Delivery {
            event_id: event_id.to_owned(),
            kind,
            status,
        }
    }

    // The customer's browser and Stripe's own actions.

    /// The customer confirming `intent_id` with `card` in the browser (as the
    /// HTTP confirm does): the intent, or the error Stripe.js receives.
    pub fn confirm(&self, intent_id: &str, card: Card) -> Result<Value, Value> {
        confirmation::confirm_in_browser(&mut self.shared.ledger(), intent_id, card)
            .unwrap_or_else(|problem| panic!("{problem}"))
    }

    /// The customer passed 3-D Secure: the payment proceeds as with a good
    /// card.
    pub fn complete_action(&self, intent_id: &str) -> Value {
        confirmation::complete_action(&mut self.shared.ledger(), intent_id)
            .unwrap_or_else(|problem| panic!("{problem}"))
    }

    /// The customer failed 3-D Secure: the intent wants another card.
    pub fn fail_action(&self, intent_id: &str) -> Value {
        confirmation::fail_action(&mut self.shared.ledger(), intent_id)
            .unwrap_or_else(|problem| panic!("{problem}"))
    }

    /// The customer paying Checkout Session `session_id` with `card` on the
    /// hosted page (3-D Secure passed): the session, or the error the page
    /// shows (the session stays open for another card).
    pub fn pay_checkout(&self, session_id: &str, card: Card) -> Result<Value, Value> {
        checkout::pay(&mut self.shared.ledger(), session_id, card)
            .unwrap_or_else(|problem| panic!("{problem}"))
    }

    /// Stripe expiring an open Checkout Session at its `expires_at`:
    /// `checkout.session.expired` raised.
    pub fn expire_checkout(&self, session_id: &str) -> Value {
        checkout::lapse(&mut self.shared.ledger(), session_id)
            .unwrap_or_else(|problem| panic!("{problem}"))
    }

    /// Stripe cancelling an authorization nobody captured (after about 7
    /// days): `canceled`, `cancellation_reason: automatic`.
    pub fn lapse_authorization(&self, intent_id: &str) -> Value {
        payment_intents::lapse(&mut self.shared.ledger(), intent_id)
            .unwrap_or_else(|problem| panic!("{problem}"))
    }

    /// The account finished onboarding: charges and payouts enabled,
    /// `account.updated` raised.
    pub fn complete_onboarding(&self, account_id: &str) -> Value {
        accounts::complete_onboarding(&mut self.shared.ledger(), account_id)
            .unwrap_or_else(|| panic!("no account {account_id}"))
    }

    // Faults.

    /// The next call whose path starts with `path_prefix` (`/v1/refunds`)
    /// fails as `fault` says.
    pub fn fail_next(&self, path_prefix: &str, fault: Fault) {
        self.shared.ledger().faults.arm(path_prefix, fault);
    }

    // What the server holds and received.

    /// The intent as the API shows it, whatever its account.
    pub fn intent(&self, intent_id: &str) -> Option<Value> {
        let ledger = self.shared.ledger();
        let index = ledger.any_intent_index(intent_id)?;
        Some(objects::payment_intent(
            &ledger,
            &ledger.intents[index],
            &[],
        ))
    }

    /// Every intent, oldest first.
    pub fn intents(&self) -> Vec<Value> {
        let ledger = self.shared.ledger();
        ledger
            .intents
            .iter()
            .map(|intent| objects::payment_intent(&ledger, intent, &[]))
            .collect()
    }

    /// The Checkout Session as the API shows it, whatever its account.
    pub fn checkout_session(&self, id: &str) -> Option<Value> {
        let ledger = self.shared.ledger();
        let index = ledger.any_session_index(id)?;
        Some(checkout::session_object(&ledger, index))
    }

    /// Every Checkout Session, oldest first.
    pub fn checkout_sessions(&self) -> Vec<Value> {
        let ledger = self.shared.ledger();
        (0..ledger.checkout_sessions.len())
            .map(|index| checkout::session_object(&ledger, index))
            .collect()
    }

    /// Where the intent's money stands: received, refunded, fee refunded,
    /// transfer reversed.
    pub fn settlement(&self, intent_id: &str) -> Option<Settlement> {
        let ledger = self.shared.ledger();
        let index = ledger.any_intent_index(intent_id)?;
        Some(ledger.intents[index].settlement())
    }

    /// The refunds of an intent, oldest first.
    pub fn refunds(&self, intent_id: &str) -> Vec<Value> {
        self.shared
            .ledger()
            .refunds_of(intent_id)
            .map(objects::refund)
            .collect()
    }

    /// A connected account as the API shows it.
    pub fn account(&self, account_id: &str) -> Option<Value> {
        self.shared
            .ledger()
            .account(account_id)
            .map(account_objects::account)
    }

    /// Every connected account, oldest first.
    pub fn accounts(&self) -> Vec<Value> {
        self.shared
            .ledger()
            .accounts
            .iter()
            .map(account_objects::account)
            .collect()
    }

    /// Every call received, oldest first.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.ledger().requests.clone()
    }
}

/// Deliveries still owed for an event (one endpoint at most).
fn pending(ledger: &Ledger, event: &state::Event) -> i64 {
    i64::from(ledger.endpoint.is_some() && !event.delivered)
}

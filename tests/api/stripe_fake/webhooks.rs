//! Events delivered as Stripe delivers them: signed, retried until
//! acknowledged, and (when a test says so) duplicated, reordered, lost,
//! forged or stale. Signatures are checked with an HMAC computed here.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use stripe_core::payment_intent::CreatePaymentIntent;
use stripe_types::Currency;

use super::start;
use crate::stripe_server::{Card, Signature};

const SECRET: &str = "whsec_portineria";

/// One delivery as received: its Stripe-Signature header and its payload.
type Received = (Option<String>, String);

/// An endpoint that keeps what it receives and answers with a set status.
#[derive(Clone, Default)]
struct Receiver {
    received: Arc<Mutex<Vec<Received>>>,
    answer: Arc<AtomicU16>,
}

impl Receiver {
    async fn start() -> (Receiver, String) {
        let receiver = Receiver::default();
        receiver.answer_with(200);
        let app = axum::Router::new()
            .route("/stripe/webhooks", axum::routing::post(receive))
            .with_state(receiver.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let url = format!(
            "http://{}/stripe/webhooks",
            listener.local_addr().expect("an address")
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
        (receiver, url)
    }

    fn answer_with(&self, status: u16) {
        self.answer.store(status, Ordering::SeqCst);
    }

    /// (Stripe-Signature, payload) of every delivery so far.
    fn received(&self) -> Vec<Received> {
        self.received.lock().expect("not poisoned").clone()
    }

    fn event_ids(&self) -> Vec<String> {
        self.received()
            .iter()
            .map(|(_, payload)| event(payload)["id"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: String) -> StatusCode {
    let signature = headers
        .get("stripe-signature")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    receiver
        .received
        .lock()
        .expect("not poisoned")
        .push((signature, body));
    StatusCode::from_u16(receiver.answer.load(Ordering::SeqCst)).expect("a status")
}

fn event(payload: &str) -> Value {
    serde_json::from_str(payload).expect("an event is JSON")
}

/// `t=…` and every `v1=…` of a Stripe-Signature header.
fn parts(header: &str) -> (i64, Vec<String>) {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for item in header.split(',') {
        match item.split_once('=') {
            Some(("t", value)) => timestamp = value.parse().ok(),
            Some(("v1", value)) => signatures.push(value.to_owned()),
            _ => {}
        }
    }
    (timestamp.expect("a timestamp"), signatures)
}

fn expected(secret: &str, timestamp: i64, payload: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(payload.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[tokio::test]
async fn deliveries_are_signed_as_stripe_signs_them() {
    let (server, client) = start().await;
    let (receiver, url) = Receiver::start().await;
    server.webhook_to(&url, SECRET);
    let intent = super::created(&client).await;
    server
        .confirm(intent.id.as_str(), Card::Visa)
        .expect("paid");

    let deliveries = server.deliver_pending().await;
    assert_eq!(
        deliveries
            .iter()
            .map(|delivery| (delivery.kind.as_str(), delivery.status))
            .collect::<Vec<_>>(),
        [
            ("payment_intent.created", Some(200)),
            ("payment_intent.succeeded", Some(200))
        ]
    );
    for (header, payload) in receiver.received() {
        let (timestamp, signatures) = parts(&header.expect("signed"));
        assert!((timestamp - server.now()).abs() <= 5);
        assert_eq!(signatures, [expected(SECRET, timestamp, &payload)]);
        let event = event(&payload);
        assert!(
            event["id"]
                .as_str()
                .is_some_and(|id| id.starts_with("evt_"))
        );
        assert_eq!(event["object"], "event");
        assert_eq!(
            event["api_version"],
            stripe_shared::version::VERSION.as_str()
        );
        assert_eq!(event["livemode"], false);
        assert_eq!(event["pending_webhooks"], 1);
        assert!(event["created"].is_i64());
        assert!(event.get("account").is_none(), "a platform event");
        assert_eq!(event["data"]["object"]["id"], intent.id.as_str());
    }
    let succeeded = event(&receiver.received()[1].1);
    assert_eq!(succeeded["data"]["object"]["status"], "succeeded");
    assert!(
        succeeded["request"]["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("req_"))
    );
    assert!(
        server.deliver_pending().await.is_empty(),
        "all acknowledged"
    );
    assert!(
        server
            .events()
            .iter()
            .all(|event| event["pending_webhooks"] == 0)
    );
}

#[tokio::test]
async fn a_refused_delivery_is_sent_again_until_acknowledged() {
    let (server, client) = start().await;
    let (receiver, url) = Receiver::start().await;
    server.webhook_to(&url, SECRET);
    CreatePaymentIntent::new(4000, Currency::EUR)
        .send(&client)
        .await
        .expect("created");
    receiver.answer_with(500);
    let refused = server.deliver_pending().await;
    assert_eq!(refused[0].status, Some(500));
    receiver.answer_with(200);
    let accepted = server.deliver_pending().await;
    assert_eq!(accepted[0].event_id, refused[0].event_id);
    assert_eq!(accepted[0].status, Some(200));
    assert!(server.deliver_pending().await.is_empty());
}

#[tokio::test]
async fn events_can_be_duplicated_reordered_or_lost() {
    let (server, client) = start().await;
    let (receiver, url) = Receiver::start().await;
    server.webhook_to(&url, SECRET);
    let intent = super::created(&client).await;
    server
        .confirm(intent.id.as_str(), Card::Visa)
        .expect("paid");
    let events = server.events();
    let created = events[0]["id"].as_str().expect("an id").to_owned();
    let succeeded = events[1]["id"].as_str().expect("an id").to_owned();

    server.deliver(&succeeded).await;
    server.deliver(&created).await;
    server.deliver(&created).await;
    assert_eq!(
        receiver.event_ids(),
        [&succeeded, &created, &created].map(String::as_str)
    );
    let (_, first) = &receiver.received()[1];
    let (_, duplicate) = &receiver.received()[2];
    assert_eq!(event(first), event(duplicate));

    let other = CreatePaymentIntent::new(2500, Currency::EUR)
        .send(&client)
        .await
        .expect("created");
    let lost = server.drop_pending();
    assert_eq!(lost.len(), 1);
    assert!(server.deliver_pending().await.is_empty());
    assert_eq!(
        server.events_of("payment_intent.created")[1]["data"]["object"]["id"],
        other.id.as_str()
    );
}

#[tokio::test]
async fn signatures_can_be_forged_stale_rotated_timed_or_missing() {
    let (server, client) = start().await;
    let (receiver, url) = Receiver::start().await;
    server.webhook_to(&url, SECRET);
    server.set_time(1_800_000_000);
    CreatePaymentIntent::new(4000, Currency::EUR)
        .send(&client)
        .await
        .expect("created");
    let id = server.events()[0]["id"].as_str().expect("an id").to_owned();

    server
        .deliver_with(&id, Signature::forged("whsec_attacker"))
        .await;
    server.deliver_with(&id, Signature::genuine().stale()).await;
    server
        .deliver_with(&id, Signature::rotated(["whsec_old", SECRET]))
        .await;
    server
        .deliver_with(&id, Signature::genuine().at(1_700_000_000))
        .await;
    server.deliver_with(&id, Signature::missing()).await;
    server.deliver_with(&id, Signature::raw("t=1,v1=00")).await;

    let received = receiver.received();
    let signed = |index: usize| {
        let (header, payload) = &received[index];
        let (timestamp, signatures) = parts(header.as_deref().expect("signed"));
        (timestamp, signatures, payload.clone())
    };
    let (timestamp, signatures, payload) = signed(0);
    assert_eq!(timestamp, 1_800_000_000);
    assert_eq!(
        signatures,
        [expected("whsec_attacker", timestamp, &payload)]
    );
    assert_ne!(signatures, [expected(SECRET, timestamp, &payload)]);

    let (timestamp, signatures, payload) = signed(1);
    assert_eq!(timestamp, 1_800_000_000 - 600);
    assert_eq!(signatures, [expected(SECRET, timestamp, &payload)]);

    let (timestamp, signatures, payload) = signed(2);
    assert_eq!(
        signatures,
        [
            expected("whsec_old", timestamp, &payload),
            expected(SECRET, timestamp, &payload)
        ]
    );

    let (timestamp, signatures, payload) = signed(3);
    assert_eq!(timestamp, 1_700_000_000);
    assert_eq!(signatures, [expected(SECRET, timestamp, &payload)]);

    assert_eq!(received[4].0, None);
    assert_eq!(received[5].0.as_deref(), Some("t=1,v1=00"));
}

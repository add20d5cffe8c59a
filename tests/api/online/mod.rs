//! Paying online through Stripe, end to end over HTTP: the server talks to
//! the Stripe-compatible server of `tests/support/stripe` with the real
//! async-stripe client, and that server delivers signed webhooks back.
//! Every flow runs on SQLite and PostgreSQL; the money invariants are
//! checked after every step.

pub mod card;
mod connect;
mod failures;
mod instant;
mod requests;
mod settings;
mod webhooks;

use serde_json::{Value, json};

use crate::catalogue::{self, Aurora, aurora};
use crate::helpers::{Backend, GqlResponse, TestApp};
use crate::stripe_server::StripeServer;

pub const SECRET_KEY: &str = "sk_test_portineria";
pub const WEBHOOK_SECRET: &str = "whsec_portineria";

pub const PAYMENT: &str = "query($b: ID!) { bookingPayment(bookingId: $b) { provider status currency gross { amount } commission { amount } providerNet { amount } received { amount } refunded { amount } authorized { amount } clientSecret failure movements { kind amount { amount } reference } } }";
pub const BOOKING: &str = "query($id: ID!) { booking(id: $id) { id status refundDue { amount } } }";
pub const APPROVE: &str = "mutation($id: ID!) { approveBooking(id: $id) { status } }";
pub const DECLINE: &str =
    "mutation($id: ID!) { declineBooking(id: $id, reason: \"full\") { status } }";
pub const CANCEL: &str =
    "mutation($id: ID!) { cancelBooking(id: $id) { status refundDue { amount } } }";
pub const PAY: &str = "mutation($b: ID!) { payBooking(bookingId: $b) { status clientSecret } }";
pub const SET_PROVIDER: &str = "mutation($p: PaymentProvider!, $m: StripeMode, $a: String) { setPaymentProvider(provider: $p, stripeMode: $m, stripeAccountId: $a) { provider stripeMode } }";

/// A hub paying online, its server and the Stripe it talks to.
pub struct Online {
    pub app: TestApp,
    pub stripe: StripeServer,
    pub hub: Aurora,
}

impl Online {
    /// Hub `aurora` on `backend`, taking payments with Stripe in `mode`
    /// (`MERCHANT` or `CONNECT`); `None` when PostgreSQL is skipped.
    pub async fn start(backend: Backend, mode: &str) -> Option<Online> {
        let stripe = StripeServer::start(SECRET_KEY).await;
        let app = TestApp::spawn_with(
            backend,
            &[
                ("PORTINERIA_STRIPE_SECRET_KEY", SECRET_KEY),
                ("PORTINERIA_STRIPE_WEBHOOK_SECRETS", WEBHOOK_SECRET),
                ("PORTINERIA_STRIPE_API_BASE", stripe.base_url()),
                ("PORTINERIA_STRIPE_TIMEOUT_SECONDS", "5"),
                ("PORTINERIA_RECONCILE_INTERVAL_SECONDS", "0"),
            ],
        )
        .await?;
        stripe.webhook_to(&app.url("/webhooks/stripe"), WEBHOOK_SECRET);
        stripe.set_time(app.services.clock.now().timestamp());
        let hub = aurora(&app).await;
        let set = app
            .gql(SET_PROVIDER)
            .vars(json!({"p": "STRIPE", "m": mode}))
            .token(&hub.manager)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(set.data()["setPaymentProvider"]["provider"], "STRIPE");
        Some(Online { app, stripe, hub })
    }

    /// A published listing of the cooperative at 10 € an hour.
    pub async fn room(&self, approval: &str) -> String {
        catalogue::published(
            &self.app,
            "aurora",
            &self.hub.manager,
            &self.hub.cooperative,
            json!({"approvalMode": approval, "capacity": 1,
                   "price": {"kind": "PER_UNIT", "unitPrice": 1000}}),
        )
        .await
    }

    /// `token` books `listing` on 25 November from `from` to `to` o'clock.
    pub async fn book(
        &self,
        token: &str,
        listing: &str,
        (from, to): (u32, u32),
        key: &str,
    ) -> GqlResponse {
        catalogue::book(&self.app, token, listing, from, to, 1, key).await
    }

    /// The booking's payment as `token` sees it, invariants checked.
    pub async fn payment(&self, token: &str, booking: &str) -> Value {
        let payment = crate::payments::fetch(&self.app, PAYMENT, token, booking).await;
        assert_invariants(&payment);
        payment
    }

    /// The booking's status.
    pub async fn status(&self, booking: &str) -> String {
        let answer = self
            .app
            .gql(BOOKING)
            .vars(json!({"id": booking}))
            .token(&self.hub.manager)
            .tenant("aurora")
            .send()
            .await;
        answer.data()["booking"]["status"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// `token` runs `query` on booking `id`.
    pub async fn on(&self, query: &str, token: &str, id: &str) -> GqlResponse {
        self.app
            .gql(query)
            .vars(json!({"id": id}))
            .token(token)
            .tenant("aurora")
            .send()
            .await
    }

    /// The id of the intent made for `booking` (from its metadata).
    pub fn intent_of(&self, booking: &str) -> String {
        self.stripe
            .intents()
            .into_iter()
            .find(|i| i["metadata"]["booking"] == booking)
            .unwrap_or_else(|| panic!("no intent for {booking}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Delivers every pending event; each is answered 200.
    pub async fn deliver(&self) {
        for delivery in self.stripe.deliver_pending().await {
            assert_eq!(delivery.status, Some(200), "{delivery:?}");
        }
    }

    /// Runs one reconciliation pass.
    pub async fn reconcile(&self) -> portineria::payments::reconcile::Reconciled {
        portineria::payments::reconcile::reconcile(&self.app.online, &self.app.services)
            .await
            .map_err(|e| e.explain())
            .unwrap()
    }
}

pub fn booking_id(response: &GqlResponse) -> String {
    response.data()["createBooking"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// gross = net + commission; refunded ≤ received; the ledger sums to the
/// totals shown; the status is what the ledger says.
pub fn assert_invariants(payment: &Value) {
    let amount = |v: &Value| v["amount"].as_i64().unwrap();
    let (gross, commission, net) = (
        amount(&payment["gross"]),
        amount(&payment["commission"]),
        amount(&payment["providerNet"]),
    );
    assert_eq!(
        gross,
        net + commission,
        "gross = net + commission: {payment}"
    );
    let (received, refunded, authorized) = (
        amount(&payment["received"]),
        amount(&payment["refunded"]),
        amount(&payment["authorized"]),
    );
    assert!(refunded <= received, "refunded ≤ received: {payment}");
    let sum = |kinds: &[&str]| -> i64 {
        payment["movements"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| kinds.contains(&m["kind"].as_str().unwrap()))
            .map(|m| amount(&m["amount"]))
            .sum()
    };
    assert_eq!(sum(&["OFFLINE_RECEIPT", "CAPTURE"]), received, "{payment}");
    assert_eq!(sum(&["REFUND"]), refunded, "{payment}");
    let split = sum(&["FEE_REFUND", "TRANSFER_REVERSAL"]);
    assert!(
        split == 0 || split == refunded,
        "fee refunds and reversals split the refunds: {payment}"
    );
    assert!(sum(&["FEE_REFUND"]) <= commission, "{payment}");
    let status = payment["status"].as_str().unwrap();
    let expected: &[&str] = match (received, refunded) {
        (0, _) if gross == 0 => &["NOT_REQUIRED"],
        (0, _) if authorized > 0 => &["AUTHORIZED"],
        (0, _) => &["DUE", "CANCELLED", "REQUIRES_ACTION", "FAILED"],
        (r, 0) if r == gross => &["PAID"],
        (r, f) if f < r => &["PARTIALLY_REFUNDED"],
        _ => &["REFUNDED"],
    };
    assert!(expected.contains(&status), "{status} for {payment}");
    if authorized > 0 {
        assert_eq!(authorized, gross, "{payment}");
        assert_eq!(sum(&["AUTHORIZATION"]), gross, "{payment}");
    }
}

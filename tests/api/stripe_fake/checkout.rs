//! Stripe-hosted Checkout through the real client: sessions created, read,
//! refused when malformed or out of reach, paid on the hosted page with each
//! test card, expired by the API and by Stripe, with their events.

use std::collections::HashMap;

use serde_json::Value;
use stripe::{ApiErrorsType, IdempotencyKey, RequestStrategy, StripeRequest};
use stripe_checkout::checkout_session::{
    CreateCheckoutSession, CreateCheckoutSessionLineItems, CreateCheckoutSessionLineItemsPriceData,
    CreateCheckoutSessionPaymentIntentData, CreateCheckoutSessionPaymentIntentDataCaptureMethod,
    CreateCheckoutSessionPaymentIntentDataTransferData, ExpireCheckoutSession, ProductData,
    RetrieveCheckoutSession,
};
use stripe_core::payment_intent::RetrievePaymentIntent;
use stripe_shared::{
    CheckoutSession, CheckoutSessionLocale, CheckoutSessionMode, CheckoutSessionPaymentStatus,
    CheckoutSessionStatus, CheckoutSessionUiMode, PaymentIntent, PaymentIntentCaptureMethod,
    PaymentIntentStatus,
};
use stripe_types::{Currency, Expandable};

use super::{code, express_account, start, stripe_error};
use crate::stripe_server::{Card, StripeServer};

const NOW: i64 = 1_795_000_000;
const DAY: i64 = 24 * 60 * 60;

/// A line priced inline: `quantity` × `unit_amount` euro cents.
fn line(name: &str, unit_amount: i64, quantity: u64) -> CreateCheckoutSessionLineItems {
    let mut price = CreateCheckoutSessionLineItemsPriceData::new(Currency::EUR);
    price.unit_amount = Some(unit_amount);
    price.product_data = Some(ProductData::new(name));
    let mut line = CreateCheckoutSessionLineItems::new();
    line.price_data = Some(price);
    line.quantity = Some(quantity);
    line
}

/// What the application sends: two lines (2 × 20 € + 5 €), the hosted
/// page's urls, and the booking in the metadata.
fn booking_session() -> CreateCheckoutSession {
    CreateCheckoutSession::new()
        .mode(CheckoutSessionMode::Payment)
        .line_items(vec![
            line("Sala Aurora, one hour", 2000, 2),
            line("Cleaning", 500, 1),
        ])
        .success_url("https://portineria.test/bookings/b-1/paid")
        .cancel_url("https://portineria.test/bookings/b-1")
        .client_reference_id("b-1")
        .customer_email("ada@example.test")
        .locale(CheckoutSessionLocale::It)
        .metadata(HashMap::from([("booking".to_owned(), "b-1".to_owned())]))
}

/// `payment_intent_data` for a destination charge with a 1.50 € fee.
fn destination_data(
    destination: &str,
    capture: CreateCheckoutSessionPaymentIntentDataCaptureMethod,
) -> CreateCheckoutSessionPaymentIntentData {
    let mut data = CreateCheckoutSessionPaymentIntentData::new();
    data.capture_method = Some(capture);
    data.description = Some("Sala Aurora, two hours".to_owned());
    data.metadata = Some(HashMap::from([("booking".to_owned(), "b-1".to_owned())]));
    data.application_fee_amount = Some(150);
    data.transfer_data = Some(CreateCheckoutSessionPaymentIntentDataTransferData::new(
        destination,
    ));
    data
}

/// An onboarded connected account that can receive transfers.
async fn onboarded(server: &StripeServer, client: &stripe::Client) -> String {
    let account = express_account(client).await;
    server.complete_onboarding(account.id.as_str());
    account.id.to_string()
}

/// Parses a JSON object strictly, as the client parses answers.
fn parsed<T: miniserde::Deserialize>(object: &Value) -> T {
    miniserde::json::from_str(&object.to_string()).expect("parses as the client's type")
}

fn types(server: &StripeServer) -> Vec<String> {
    server
        .events()
        .iter()
        .map(|event| event["type"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn get_page(url: &str) -> u16 {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("an HTTP client")
        .get(url)
        .send()
        .await
        .expect("the fake Stripe answers")
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_created_session_parses_reads_back_and_raises_no_event() {
    let (server, client) = start().await;
    server.set_time(NOW);
    let session = booking_session().send(&client).await.expect("created");
    assert!(session.id.as_str().starts_with("cs_test_"));
    assert_eq!(session.status, Some(CheckoutSessionStatus::Open));
    assert_eq!(session.payment_status, CheckoutSessionPaymentStatus::Unpaid);
    assert_eq!(session.mode, CheckoutSessionMode::Payment);
    assert_eq!(session.ui_mode, Some(CheckoutSessionUiMode::HostedPage));
    assert_eq!(
        (session.amount_subtotal, session.amount_total),
        (Some(4500), Some(4500))
    );
    assert_eq!(session.currency, Some(Currency::EUR));
    assert_eq!(session.locale, Some(CheckoutSessionLocale::It));
    assert_eq!(session.client_reference_id.as_deref(), Some("b-1"));
    assert_eq!(session.customer_email.as_deref(), Some("ada@example.test"));
    assert_eq!(
        session.metadata.as_ref().expect("metadata")["booking"],
        "b-1"
    );
    assert_eq!(session.payment_method_types, ["card"]);
    assert!(session.payment_intent.is_none());
    assert!(!session.livemode);
    assert_eq!((session.created, session.expires_at), (NOW, NOW + DAY));
    let url = session.url.clone().expect("a hosted page");
    assert_eq!(url, format!("{}c/pay/{}", server.base_url(), session.id));
    assert_eq!(get_page(&url).await, 200);

    let read = RetrieveCheckoutSession::new(session.id.clone())
        .send(&client)
        .await
        .expect("read back");
    assert_eq!(read.id, session.id);
    assert_eq!(
        read.success_url.as_deref(),
        Some("https://portineria.test/bookings/b-1/paid")
    );
    assert!(server.events().is_empty());
    assert!(server.intents().is_empty());
    assert_eq!(server.checkout_sessions().len(), 1);
}

#[tokio::test]
async fn parameters_the_application_does_not_send_and_other_modes_are_refused() {
    let (server, client) = start().await;
    let (error, status) = stripe_error(
        booking_session()
            .allow_promotion_codes(true)
            .send(&client)
            .await,
    );
    assert_eq!((status, code(&error)), (400, Some("parameter_unknown")));
    assert_eq!(error.param.as_deref(), Some("allow_promotion_codes"));

    let (error, status) = stripe_error(
        booking_session()
            .mode(CheckoutSessionMode::Subscription)
            .send(&client)
            .await,
    );
    assert_eq!(status, 400);
    assert_eq!(error.type_, ApiErrorsType::InvalidRequestError);
    assert_eq!(error.param.as_deref(), Some("mode"));

    // A fee on the platform's own charge has nobody to be taken from.
    let mut data = CreateCheckoutSessionPaymentIntentData::new();
    data.application_fee_amount = Some(150);
    let (error, status) = stripe_error(
        booking_session()
            .payment_intent_data(data)
            .send(&client)
            .await,
    );
    assert_eq!(status, 400);
    assert_eq!(error.param.as_deref(), Some("application_fee_amount"));
    assert!(server.checkout_sessions().is_empty());
}

#[tokio::test]
async fn expires_at_must_fall_between_thirty_minutes_and_a_day_away() {
    let (server, client) = start().await;
    server.set_time(NOW);
    for too_soon_or_late in [NOW + 29 * 60, NOW + DAY + 1] {
        let (error, status) = stripe_error(
            booking_session()
                .expires_at(too_soon_or_late)
                .send(&client)
                .await,
        );
        assert_eq!(status, 400);
        assert_eq!(error.type_, ApiErrorsType::InvalidRequestError);
        assert_eq!(error.param.as_deref(), Some("expires_at"));
    }
    let session = booking_session()
        .expires_at(NOW + 30 * 60)
        .send(&client)
        .await
        .expect("half an hour is allowed");
    assert_eq!(session.expires_at, NOW + 30 * 60);
}

#[tokio::test]
async fn a_session_of_a_connected_account_is_invisible_to_any_other() {
    let (server, client) = start().await;
    let account = onboarded(&server, &client).await;
    let session = booking_session()
        .customize()
        .account_id(account.as_str().into())
        .send(&client)
        .await
        .expect("created on the connected account");

    let (error, status) = stripe_error(
        RetrieveCheckoutSession::new(session.id.clone())
            .send(&client)
            .await,
    );
    assert_eq!((status, code(&error)), (404, Some("resource_missing")));
    let (_, status) = stripe_error(
        ExpireCheckoutSession::new(session.id.clone())
            .send(&client)
            .await,
    );
    assert_eq!(status, 404);

    let read = RetrieveCheckoutSession::new(session.id.clone())
        .customize()
        .account_id(account.as_str().into())
        .send(&client)
        .await
        .expect("visible from its own account");
    assert_eq!(read.status, Some(CheckoutSessionStatus::Open));
}

#[tokio::test]
async fn an_idempotent_create_returns_the_same_session() {
    let (server, client) = start().await;
    let request = || {
        booking_session()
            .customize()
            .request_strategy(RequestStrategy::Idempotent(
                IdempotencyKey::new("booking-b-1-checkout").expect("a valid key"),
            ))
    };
    let first = request().send(&client).await.expect("created");
    let second = request().send(&client).await.expect("replayed");
    assert_eq!(first.id, second.id);
    assert_eq!(server.checkout_sessions().len(), 1);
    assert!(server.requests().iter().any(|request| request.replayed));
}

#[tokio::test]
async fn paying_with_a_good_card_completes_the_session_with_a_destination_charge() {
    let (server, client) = start().await;
    let account = onboarded(&server, &client).await;
    let session = booking_session()
        .payment_intent_data(destination_data(
            &account,
            CreateCheckoutSessionPaymentIntentDataCaptureMethod::AutomaticAsync,
        ))
        .send(&client)
        .await
        .expect("created");
    let before = server.events().len();

    let paid: CheckoutSession = parsed(
        &server
            .pay_checkout(session.id.as_str(), Card::Visa)
            .expect("paid"),
    );
    assert_eq!(paid.status, Some(CheckoutSessionStatus::Complete));
    assert_eq!(paid.payment_status, CheckoutSessionPaymentStatus::Paid);
    let intent_id = paid.payment_intent.expect("an intent").id().to_string();

    let intent = RetrievePaymentIntent::new(intent_id.clone())
        .send(&client)
        .await
        .expect("the intent is the platform's");
    assert_eq!(intent.status, PaymentIntentStatus::Succeeded);
    assert_eq!((intent.amount, intent.amount_received), (4500, 4500));
    assert_eq!(intent.metadata["booking"], "b-1");
    assert_eq!(
        intent.description.as_deref(),
        Some("Sala Aurora, two hours")
    );
    assert_eq!(intent.application_fee_amount, Some(150));
    let transfer = intent.transfer_data.expect("a destination charge");
    assert_eq!(transfer.destination.id().as_str(), account);
    assert_eq!(
        server.settlement(&intent_id).expect("money").transferred,
        4350
    );

    let events = server.events()[before..].to_vec();
    let kinds: Vec<&str> = events
        .iter()
        .map(|event| event["type"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        kinds,
        [
            "payment_intent.created",
            "payment_intent.succeeded",
            "checkout.session.completed"
        ]
    );
    let succeeded: PaymentIntent = parsed(&events[1]["data"]["object"]);
    assert_eq!(succeeded.metadata["booking"], "b-1");
    let completed: CheckoutSession = parsed(&events[2]["data"]["object"]);
    assert_eq!(completed.id, session.id);
    assert_eq!(completed.metadata.expect("metadata")["booking"], "b-1");
    assert_eq!(completed.status, Some(CheckoutSessionStatus::Complete));

    let expanded = RetrieveCheckoutSession::new(session.id.clone())
        .expand(vec!["payment_intent".to_owned()])
        .send(&client)
        .await
        .expect("read with its intent");
    assert!(matches!(
        expanded.payment_intent,
        Some(Expandable::Object(ref intent)) if intent.id.as_str() == intent_id
    ));
    assert!(expanded.url.is_none());
    assert_eq!(
        get_page(&format!("{}c/pay/{}", server.base_url(), session.id)).await,
        404
    );
    assert!(
        server
            .pay_checkout(session.id.as_str(), Card::Visa)
            .is_err()
    );
}

#[tokio::test]
async fn a_manual_capture_is_only_authorised_and_the_session_stays_unpaid() {
    let (server, client) = start().await;
    let account = onboarded(&server, &client).await;
    let session = booking_session()
        .payment_intent_data(destination_data(
            &account,
            CreateCheckoutSessionPaymentIntentDataCaptureMethod::Manual,
        ))
        .send(&client)
        .await
        .expect("created");
    let paid = server
        .pay_checkout(session.id.as_str(), Card::Visa)
        .expect("authorised");
    assert_eq!(paid["status"], "complete");
    assert_eq!(paid["payment_status"], "unpaid");
    let intent = server
        .intent(paid["payment_intent"].as_str().expect("an intent id"))
        .expect("the intent");
    let intent: PaymentIntent = parsed(&intent);
    assert_eq!(intent.status, PaymentIntentStatus::RequiresCapture);
    assert_eq!(intent.capture_method, PaymentIntentCaptureMethod::Manual);
    assert_eq!(intent.amount_capturable, 4500);
    let kinds = types(&server);
    let authorised = kinds
        .iter()
        .position(|kind| kind == "payment_intent.amount_capturable_updated")
        .expect("authorised");
    let completed = kinds
        .iter()
        .position(|kind| kind == "checkout.session.completed")
        .expect("completed");
    assert!(authorised < completed);
    assert!(!kinds.iter().any(|kind| kind == "payment_intent.succeeded"));
}

#[tokio::test]
async fn a_declined_card_leaves_the_session_open_for_another_card() {
    let (server, client) = start().await;
    let session = booking_session().send(&client).await.expect("created");

    let refused = server
        .pay_checkout(session.id.as_str(), Card::Declined)
        .expect_err("declined");
    assert_eq!(refused["error"]["type"], "card_error");
    assert_eq!(refused["error"]["decline_code"], "generic_decline");
    let open = RetrieveCheckoutSession::new(session.id.clone())
        .send(&client)
        .await
        .expect("read");
    assert_eq!(open.status, Some(CheckoutSessionStatus::Open));
    assert_eq!(open.payment_status, CheckoutSessionPaymentStatus::Unpaid);
    let held = server
        .checkout_session(session.id.as_str())
        .expect("the server holds it");
    assert_eq!(held["status"], "open");
    assert!(held["payment_intent"].is_string());
    assert!(server.events_of("checkout.session.completed").is_empty());

    let paid = server
        .pay_checkout(session.id.as_str(), Card::Visa)
        .expect("paid with another card");
    assert_eq!(paid["status"], "complete");
    assert_eq!(paid["payment_status"], "paid");
    // The intent made at the first attempt is the one charged.
    let intents = server.intents();
    assert_eq!(intents.len(), 1);
    assert_eq!(intents[0]["id"], paid["payment_intent"]);
    assert_eq!(intents[0]["status"], "succeeded");
    assert_eq!(server.events_of("payment_intent.payment_failed").len(), 1);
}

#[tokio::test]
async fn a_card_asking_for_3d_secure_is_paid_once_the_customer_passes_it() {
    let (server, client) = start().await;
    let session = booking_session().send(&client).await.expect("created");
    let paid = server
        .pay_checkout(session.id.as_str(), Card::ThreeDSecure)
        .expect("paid after 3-D Secure");
    assert_eq!(paid["payment_status"], "paid");
    assert_eq!(server.events_of("checkout.session.completed").len(), 1);
}

#[tokio::test]
async fn an_expired_session_can_be_neither_paid_nor_expired_again() {
    let (server, client) = start().await;
    let session = booking_session().send(&client).await.expect("created");
    let expired = ExpireCheckoutSession::new(session.id.clone())
        .send(&client)
        .await
        .expect("expired");
    assert_eq!(expired.status, Some(CheckoutSessionStatus::Expired));
    assert!(expired.url.is_none());
    let events = server.events_of("checkout.session.expired");
    assert_eq!(events.len(), 1);
    let object: CheckoutSession = parsed(&events[0]["data"]["object"]);
    assert_eq!(object.id, session.id);
    assert!(events[0]["request"]["id"].is_string());

    assert!(
        server
            .pay_checkout(session.id.as_str(), Card::Visa)
            .is_err()
    );
    assert!(server.intents().is_empty());
    let (error, status) = stripe_error(
        ExpireCheckoutSession::new(session.id.clone())
            .send(&client)
            .await,
    );
    assert_eq!(status, 400);
    assert_eq!(error.type_, ApiErrorsType::InvalidRequestError);
    assert_ne!(code(&error), Some("resource_missing"));
    let page = session.url.expect("it had a hosted page");
    assert_eq!(get_page(&page).await, 404);
}

#[tokio::test]
async fn stripe_expires_a_session_at_its_time_and_cancels_a_failed_attempt() {
    let (server, client) = start().await;
    let session = booking_session().send(&client).await.expect("created");
    server
        .pay_checkout(session.id.as_str(), Card::InsufficientFunds)
        .expect_err("declined");
    let expired = server.expire_checkout(session.id.as_str());
    assert_eq!(expired["status"], "expired");
    let intent = server
        .intent(
            expired["payment_intent"]
                .as_str()
                .expect("the failed attempt"),
        )
        .expect("its intent");
    assert_eq!(intent["status"], "canceled");
    let kinds = types(&server);
    assert_eq!(
        kinds[kinds.len() - 2..],
        ["payment_intent.canceled", "checkout.session.expired"]
    );
    let event = server
        .events_of("checkout.session.expired")
        .pop()
        .expect("an event");
    assert!(event["request"]["id"].is_null());
    let _: CheckoutSession = parsed(&event["data"]["object"]);
}

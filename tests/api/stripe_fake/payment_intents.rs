//! Payment intents through the real client: created, confirmed with each
//! test card, captured, cancelled, lapsed, and refused when malformed.

use std::collections::HashMap;

use stripe::{ApiErrorsCode, ApiErrorsType};
use stripe_core::payment_intent::{
    CancelPaymentIntent, CancelPaymentIntentCancellationReason, CapturePaymentIntent,
    ConfirmPaymentIntent, CreatePaymentIntent, RetrievePaymentIntent,
};
use stripe_shared::{
    PaymentIntentCancellationReason, PaymentIntentCaptureMethod, PaymentIntentStatus,
};
use stripe_types::{Currency, Expandable};

use super::{code, created, post, start, stripe_error};
use crate::stripe_server::Card;

#[tokio::test]
async fn a_created_intent_parses_and_reads_back() {
    let (server, client) = start().await;
    let intent = CreatePaymentIntent::new(4000, Currency::EUR)
        .metadata(HashMap::from([("booking".to_owned(), "b-1".to_owned())]))
        .description("Sala Aurora, two hours")
        .send(&client)
        .await
        .expect("created");
    assert_eq!(intent.status, PaymentIntentStatus::RequiresPaymentMethod);
    assert_eq!((intent.amount, intent.amount_received), (4000, 0));
    assert_eq!(intent.currency, Currency::EUR);
    assert_eq!(intent.metadata["booking"], "b-1");
    assert_eq!(
        intent.capture_method,
        PaymentIntentCaptureMethod::AutomaticAsync
    );
    let secret = intent.client_secret.clone().expect("a client secret");
    assert!(secret.starts_with(&format!("{}_secret_", intent.id)));

    let read = RetrievePaymentIntent::new(intent.id.clone())
        .send(&client)
        .await
        .expect("read back");
    assert_eq!(read.id, intent.id);
    assert_eq!(read.description.as_deref(), Some("Sala Aurora, two hours"));
    let created = server.events_of("payment_intent.created");
    assert_eq!(created.len(), 1);
    assert_eq!(created[0]["data"]["object"]["id"], intent.id.as_str());
}

#[tokio::test]
async fn a_good_card_is_charged_and_the_charge_expands() {
    let (server, client) = start().await;
    let intent = created(&client).await;
    let paid = ConfirmPaymentIntent::new(intent.id.clone())
        .payment_method(Card::Visa.payment_method())
        .send(&client)
        .await
        .expect("paid");
    assert_eq!(paid.status, PaymentIntentStatus::Succeeded);
    assert_eq!(paid.amount_received, 4000);
    let charge = paid.latest_charge.expect("a charge");
    assert!(charge.id().as_str().starts_with("ch_"));

    let expanded = RetrievePaymentIntent::new(intent.id.clone())
        .expand(vec![
            "latest_charge".to_owned(),
            "payment_method".to_owned(),
        ])
        .send(&client)
        .await
        .expect("read with its charge");
    let Some(Expandable::Object(charge)) = expanded.latest_charge else {
        panic!("the charge is expanded");
    };
    assert!(charge.paid && charge.captured);
    assert_eq!(charge.amount_captured, 4000);
    assert!(matches!(
        expanded.payment_method,
        Some(Expandable::Object(_))
    ));
    assert_eq!(server.events_of("payment_intent.succeeded").len(), 1);
}

#[tokio::test]
async fn a_declined_card_is_a_card_error_and_the_intent_wants_another_card() {
    let (server, client) = start().await;
    let intent = created(&client).await;
    let (error, status) = stripe_error(
        ConfirmPaymentIntent::new(intent.id.clone())
            .payment_method(Card::Declined.payment_method())
            .send(&client)
            .await,
    );
    assert_eq!(status, 402);
    assert_eq!(error.type_, ApiErrorsType::CardError);
    assert_eq!(error.code, Some(ApiErrorsCode::CardDeclined));
    assert_eq!(error.decline_code.as_deref(), Some("generic_decline"));
    assert!(error.charge.is_some_and(|charge| charge.starts_with("ch_")));
    assert!(error.payment_method.is_some());
    let failed = error
        .payment_intent
        .expect("the intent comes with the error");
    assert_eq!(failed.status, PaymentIntentStatus::RequiresPaymentMethod);
    let last_error = failed.last_payment_error.expect("the decline is kept");
    assert_eq!(last_error.code, Some(ApiErrorsCode::CardDeclined));
    assert_eq!(server.events_of("payment_intent.payment_failed").len(), 1);

    // The customer tries another card in the browser.
    let paid = server
        .confirm(intent.id.as_str(), Card::Visa)
        .expect("a good card succeeds");
    assert_eq!(paid["status"], "succeeded");
    let refused = server
        .confirm(intent.id.as_str(), Card::InsufficientFunds)
        .expect_err("a paid intent cannot be confirmed again");
    assert_eq!(refused["error"]["code"], "payment_intent_unexpected_state");
}

#[tokio::test]
async fn three_d_secure_waits_for_the_customer() {
    let (server, client) = start().await;
    let intent = created(&client).await;
    let waiting = ConfirmPaymentIntent::new(intent.id.clone())
        .payment_method(Card::ThreeDSecure.payment_method())
        .send(&client)
        .await
        .expect("confirmed");
    assert_eq!(waiting.status, PaymentIntentStatus::RequiresAction);
    assert_eq!(
        waiting.next_action.expect("an action").type_,
        "use_stripe_sdk"
    );
    assert_eq!(server.events_of("payment_intent.requires_action").len(), 1);

    let done = server.complete_action(intent.id.as_str());
    assert_eq!(done["status"], "succeeded");
    assert_eq!(done["next_action"], serde_json::Value::Null);

    // Failing the challenge sends the customer back for another card.
    let other = CreatePaymentIntent::new(2500, Currency::EUR)
        .send(&client)
        .await
        .expect("created");
    server
        .confirm(other.id.as_str(), Card::ThreeDSecure)
        .expect("waiting for 3-D Secure");
    let failed = server.fail_action(other.id.as_str());
    assert_eq!(failed["status"], "requires_payment_method");
    assert_eq!(
        failed["last_payment_error"]["code"],
        "payment_intent_authentication_failure"
    );
    let read = RetrievePaymentIntent::new(other.id.clone())
        .send(&client)
        .await
        .expect("it parses with its error");
    assert!(read.last_payment_error.is_some());
}

#[tokio::test]
async fn a_manual_capture_holds_the_amount_until_captured() {
    let (server, client) = start().await;
    let intent = CreatePaymentIntent::new(5000, Currency::EUR)
        .capture_method(PaymentIntentCaptureMethod::Manual)
        .send(&client)
        .await
        .expect("created");
    let held = server
        .confirm(intent.id.as_str(), Card::Visa)
        .expect("authorized");
    assert_eq!(held["status"], "requires_capture");
    assert_eq!(held["amount_capturable"], 5000);
    assert_eq!(
        server
            .events_of("payment_intent.amount_capturable_updated")
            .len(),
        1
    );

    let captured = CapturePaymentIntent::new(intent.id.clone())
        .amount_to_capture(3000)
        .send(&client)
        .await
        .expect("captured");
    assert_eq!(captured.status, PaymentIntentStatus::Succeeded);
    assert_eq!(
        (captured.amount_received, captured.amount_capturable),
        (3000, 0)
    );
    let held = server.intent(intent.id.as_str()).expect("held");
    assert_eq!(held["amount_received"], 3000);
    let (error, status) = stripe_error(
        CapturePaymentIntent::new(intent.id.clone())
            .send(&client)
            .await,
    );
    assert_eq!(status, 400);
    assert_eq!(
        error.code,
        Some(ApiErrorsCode::PaymentIntentUnexpectedState)
    );
}

#[tokio::test]
async fn cancelling_works_until_the_money_moved() {
    let (server, client) = start().await;
    let open = CreatePaymentIntent::new(4000, Currency::EUR)
        .send(&client)
        .await
        .expect("created");
    let canceled = CancelPaymentIntent::new(open.id.clone())
        .cancellation_reason(CancelPaymentIntentCancellationReason::RequestedByCustomer)
        .send(&client)
        .await
        .expect("canceled");
    assert_eq!(canceled.status, PaymentIntentStatus::Canceled);
    assert_eq!(
        canceled.cancellation_reason,
        Some(PaymentIntentCancellationReason::RequestedByCustomer)
    );
    assert!(canceled.canceled_at.is_some());
    let (again, _) = stripe_error(
        CancelPaymentIntent::new(open.id.clone())
            .send(&client)
            .await,
    );
    assert_eq!(
        again.code,
        Some(ApiErrorsCode::PaymentIntentUnexpectedState)
    );

    let paid = CreatePaymentIntent::new(4000, Currency::EUR)
        .send(&client)
        .await
        .expect("created");
    server.confirm(paid.id.as_str(), Card::Visa).expect("paid");
    let (error, status) = stripe_error(
        CancelPaymentIntent::new(paid.id.clone())
            .send(&client)
            .await,
    );
    assert_eq!(status, 400);
    assert_eq!(
        error.code,
        Some(ApiErrorsCode::PaymentIntentUnexpectedState)
    );

    // An authorization nobody captures lapses after about a week.
    let held = CreatePaymentIntent::new(4000, Currency::EUR)
        .capture_method(PaymentIntentCaptureMethod::Manual)
        .send(&client)
        .await
        .expect("created");
    server
        .confirm(held.id.as_str(), Card::Visa)
        .expect("authorized");
    server.lapse_authorization(held.id.as_str());
    let lapsed = RetrievePaymentIntent::new(held.id.clone())
        .send(&client)
        .await
        .expect("read");
    assert_eq!(lapsed.status, PaymentIntentStatus::Canceled);
    assert_eq!(
        lapsed.cancellation_reason,
        Some(PaymentIntentCancellationReason::Automatic)
    );
    assert_eq!(server.events_of("payment_intent.canceled").len(), 2);
}

#[tokio::test]
async fn malformed_requests_are_refused_as_stripe_refuses_them() {
    let (server, client) = start().await;
    let (error, status) = stripe_error(
        CreatePaymentIntent::new(0, Currency::EUR)
            .send(&client)
            .await,
    );
    assert_eq!(status, 400);
    assert_eq!(error.code, Some(ApiErrorsCode::ParameterInvalidInteger));
    assert_eq!(error.param.as_deref(), Some("amount"));

    let (error, _) = stripe_error(
        CreatePaymentIntent::new(4000, Currency::Unknown("xyz".into()))
            .send(&client)
            .await,
    );
    assert_eq!(error.param.as_deref(), Some("currency"));

    let (status, _, body) = post(&server, "/v1/payment_intents", "amount=4000", &[]).await;
    assert_eq!(status, 400);
    let body: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(body["error"]["code"], "parameter_missing");
    assert_eq!(body["error"]["param"], "currency");

    let (status, _, body) = post(
        &server,
        "/v1/payment_intents",
        "amount=4000&currency=eur&colour=blue",
        &[],
    )
    .await;
    assert_eq!(status, 400);
    assert!(body.contains("Received unknown parameter: colour"));

    let (error, status) =
        stripe_error(RetrievePaymentIntent::new("pi_missing").send(&client).await);
    assert_eq!(status, 404);
    assert_eq!(code(&error), Some("resource_missing"));
    assert!(server.intents().is_empty());
}

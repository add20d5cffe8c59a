//! `Idempotency-Key`: replays, mismatches, and the faults it exists for.

use std::collections::HashMap;

use stripe::{ApiErrorsType, IdempotencyKey, RequestStrategy, StripeError, StripeRequest};
use stripe_connect::account::{CreateAccount, CreateAccountType};
use stripe_core::payment_intent::CreatePaymentIntent;
use stripe_types::Currency;

use super::{post, start, stripe_error};
use crate::stripe_server::Fault;

fn once_with(key: &str) -> RequestStrategy {
    RequestStrategy::Idempotent(IdempotencyKey::new(key).expect("a valid key"))
}

#[tokio::test]
async fn a_replay_returns_the_same_intent_and_creates_nothing() {
    let (server, client) = start().await;
    // Metadata in a map: the client may send its entries in any order.
    let metadata = HashMap::from([
        ("booking".to_owned(), "b-1".to_owned()),
        ("hub".to_owned(), "aurora".to_owned()),
        ("room".to_owned(), "sala".to_owned()),
    ]);
    let request = || {
        CreatePaymentIntent::new(4000, Currency::EUR)
            .metadata(metadata.clone())
            .customize()
            .request_strategy(once_with("booking-b-1-payment"))
    };
    let first = request().send(&client).await.expect("created");
    let second = request().send(&client).await.expect("replayed");
    assert_eq!(first.id, second.id);
    assert_eq!(server.intents().len(), 1);
    assert_eq!(server.events_of("payment_intent.created").len(), 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(
        requests
            .iter()
            .all(|request| { request.idempotency_key.as_deref() == Some("booking-b-1-payment") })
    );
    assert_eq!(
        requests
            .iter()
            .map(|request| request.replayed)
            .collect::<Vec<_>>(),
        [false, true]
    );

    // Byte for byte, and marked as a replay.
    let form = "amount=1500&currency=eur&metadata[booking]=b-2";
    let key = [("idempotency-key", "booking-b-2-payment")];
    let (status, headers, body) = post(&server, "/v1/payment_intents", form, &key).await;
    let (again_status, again_headers, again_body) =
        post(&server, "/v1/payment_intents", form, &key).await;
    assert_eq!((status, again_status), (200, 200));
    assert_eq!(body, again_body);
    assert!(headers.get("idempotent-replayed").is_none());
    assert_eq!(
        again_headers
            .get("idempotent-replayed")
            .and_then(|value| value.to_str().ok()),
        Some("true")
    );
    assert_eq!(server.intents().len(), 2);
}

#[tokio::test]
async fn the_same_key_with_other_parameters_is_an_idempotency_error() {
    let (server, client) = start().await;
    CreatePaymentIntent::new(4000, Currency::EUR)
        .customize()
        .request_strategy(once_with("k"))
        .send(&client)
        .await
        .expect("created");
    let (error, status) = stripe_error(
        CreatePaymentIntent::new(5000, Currency::EUR)
            .customize()
            .request_strategy(once_with("k"))
            .send(&client)
            .await,
    );
    assert_eq!(status, 400);
    assert_eq!(error.type_, ApiErrorsType::IdempotencyError);
    assert!(error.message.is_some_and(|message| message.starts_with(
        "Keys for idempotent requests can only be used with the same parameters they were first used with."
    )));
    assert_eq!(server.intents().len(), 1);

    // Keys are kept per account: under a connected account "k" is new.
    let account = CreateAccount::new()
        .type_(CreateAccountType::Standard)
        .send(&client)
        .await
        .expect("an account");
    CreatePaymentIntent::new(5000, Currency::EUR)
        .customize()
        .account_id(account.id)
        .request_strategy(once_with("k"))
        .send(&client)
        .await
        .expect("created under the connected account");
    assert_eq!(server.intents().len(), 2);
}

#[tokio::test]
async fn an_answer_lost_on_the_way_is_recovered_with_the_same_key() {
    let (server, client) = start().await;
    server.fail_next("/v1/payment_intents", Fault::DropAfterProcessing);
    let request = || {
        CreatePaymentIntent::new(4000, Currency::EUR)
            .customize()
            .request_strategy(once_with("booking-b-1-payment"))
    };
    let lost = request().send(&client).await;
    assert!(
        matches!(lost, Err(StripeError::ClientError(_))),
        "the caller saw a broken connection: {lost:?}"
    );
    // It happened all the same.
    let made = server.intents();
    assert_eq!(made.len(), 1);

    let retried = request().send(&client).await.expect("the stored answer");
    assert_eq!(retried.id.as_str(), made[0]["id"]);
    assert_eq!(server.intents().len(), 1);
    let requests = server.requests();
    assert!(requests[0].dropped && !requests[0].replayed);
    assert!(requests[1].replayed && !requests[1].dropped);
}

#[tokio::test]
async fn a_server_error_does_nothing_and_the_retry_runs_afresh() {
    let (server, client) = start().await;
    server.fail_next("/v1/payment_intents", Fault::ServerError);
    let request = || {
        CreatePaymentIntent::new(4000, Currency::EUR)
            .customize()
            .request_strategy(once_with("booking-b-1-payment"))
    };
    let (error, status) = stripe_error(request().send(&client).await);
    assert_eq!(status, 500);
    assert_eq!(error.type_, ApiErrorsType::ApiError);
    assert!(server.intents().is_empty());

    request().send(&client).await.expect("created on retry");
    assert_eq!(server.intents().len(), 1);
    // Faults are spent once: other paths were never affected.
    assert_eq!(
        server
            .requests()
            .iter()
            .map(|request| request.status)
            .collect::<Vec<_>>(),
        [500, 200]
    );
}

//! Who may reach what: the secret key, and objects kept to the account
//! (`Stripe-Account`) they were made under.

use stripe::{ApiErrorsCode, ApiErrorsType, StripeRequest};
use stripe_connect::account::{CreateAccount, CreateAccountType};
use stripe_core::payment_intent::{
    CapturePaymentIntent, CreatePaymentIntent, RetrievePaymentIntent,
};
use stripe_types::Currency;

use super::{KEY, start, stripe_error};

#[tokio::test]
async fn objects_belong_to_the_account_they_were_made_under() {
    let (server, client) = start().await;
    let account = CreateAccount::new()
        .type_(CreateAccountType::Standard)
        .send(&client)
        .await
        .expect("an account");
    let intent = CreatePaymentIntent::new(4000, Currency::EUR)
        .customize()
        .account_id(account.id.clone())
        .send(&client)
        .await
        .expect("created on the connected account");

    let (error, status) = stripe_error(
        RetrievePaymentIntent::new(intent.id.clone())
            .send(&client)
            .await,
    );
    assert_eq!(status, 404);
    assert_eq!(error.code, Some(ApiErrorsCode::ResourceMissing));
    assert_eq!(
        error.message.as_deref(),
        Some(format!("No such payment_intent: '{}'", intent.id).as_str())
    );
    let (error, _) = stripe_error(
        CapturePaymentIntent::new(intent.id.clone())
            .send(&client)
            .await,
    );
    assert_eq!(error.code, Some(ApiErrorsCode::ResourceMissing));

    let read = RetrievePaymentIntent::new(intent.id.clone())
        .customize()
        .account_id(account.id.clone())
        .send(&client)
        .await
        .expect("visible from its own account");
    assert_eq!(read.id, intent.id);

    let created = server.events_of("payment_intent.created");
    assert_eq!(created[0]["account"], account.id.as_str());
    let logged = server.requests();
    assert_eq!(
        logged[1].stripe_account.as_deref(),
        Some(account.id.as_str())
    );
    assert_eq!(logged[0].stripe_account, None);
}

#[tokio::test]
async fn an_account_the_key_cannot_reach_is_refused() {
    let (server, client) = start().await;
    let (error, status) = stripe_error(
        CreatePaymentIntent::new(4000, Currency::EUR)
            .customize()
            .account_id("acct_1Unknown".into())
            .send(&client)
            .await,
    );
    assert_eq!(status, 403);
    assert_eq!(error.code, Some(ApiErrorsCode::AccountInvalid));
    assert!(server.intents().is_empty());
}

#[tokio::test]
async fn another_key_is_refused() {
    let (server, _) = start().await;
    let stranger = stripe::ClientBuilder::new("sk_test_someone_else")
        .url(server.base_url())
        .build()
        .expect("a client");
    let (error, status) = stripe_error(
        CreatePaymentIntent::new(4000, Currency::EUR)
            .send(&stranger)
            .await,
    );
    assert_eq!(status, 401);
    assert_eq!(error.type_, ApiErrorsType::InvalidRequestError);
    assert!(
        error
            .message
            .is_some_and(|message| message.starts_with("Invalid API Key provided"))
    );
    assert!(server.intents().is_empty());
    assert_eq!(server.requests()[0].status, 401);
    assert_ne!(server.secret_key(), "sk_test_someone_else");
    assert_eq!(server.secret_key(), KEY);
}

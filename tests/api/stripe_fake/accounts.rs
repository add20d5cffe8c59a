//! Connected accounts and onboarding links through the real client.

use std::collections::HashMap;

use stripe_connect::account::{
    CreateAccount, CreateAccountCapabilities, CreateAccountCapabilitiesCardPayments,
    CreateAccountCapabilitiesTransfers, CreateAccountType, RetrieveAccount,
};
use stripe_connect::account_link::{CreateAccountLink, CreateAccountLinkType};
use stripe_shared::AccountType;

use super::start;

async fn express(client: &stripe::Client) -> stripe_shared::Account {
    let mut capabilities = CreateAccountCapabilities::new();
    let mut card_payments = CreateAccountCapabilitiesCardPayments::new();
    card_payments.requested = Some(true);
    let mut transfers = CreateAccountCapabilitiesTransfers::new();
    transfers.requested = Some(true);
    capabilities.card_payments = Some(card_payments);
    capabilities.transfers = Some(transfers);
    CreateAccount::new()
        .type_(CreateAccountType::Express)
        .country("IT")
        .email("sala@aurora.example")
        .capabilities(capabilities)
        .metadata(HashMap::from([(
            "organization".to_owned(),
            "o-1".to_owned(),
        )]))
        .send(client)
        .await
        .expect("an express account")
}

#[tokio::test]
async fn an_express_account_parses_and_cannot_charge_before_onboarding() {
    let (server, client) = start().await;
    let account = express(&client).await;
    assert!(account.id.as_str().starts_with("acct_"));
    assert_eq!(account.type_, Some(AccountType::Express));
    assert_eq!(account.charges_enabled, Some(false));
    assert_eq!(account.payouts_enabled, Some(false));
    assert_eq!(account.details_submitted, Some(false));
    assert_eq!(account.country.as_deref(), Some("IT"));
    assert_eq!(
        account
            .metadata
            .as_ref()
            .map(|metadata| metadata["organization"].as_str()),
        Some("o-1")
    );

    let read = RetrieveAccount::new(account.id.clone())
        .send(&client)
        .await
        .expect("read back");
    assert_eq!(read.id, account.id);
    let stored = server.account(account.id.as_str()).expect("held");
    assert_eq!(stored["capabilities"]["transfers"], "inactive");
    assert_eq!(server.accounts().len(), 1);
}

#[tokio::test]
async fn an_onboarding_link_parses_and_following_it_enables_the_account() {
    let (server, client) = start().await;
    let account = express(&client).await;
    let link = CreateAccountLink::new(account.id.clone(), CreateAccountLinkType::AccountOnboarding)
        .refresh_url("https://portineria.example/stripe/refresh")
        .return_url("https://portineria.example/stripe/return")
        .send(&client)
        .await
        .expect("a link");
    assert!(link.url.starts_with(server.base_url()));
    assert_eq!(link.expires_at - link.created, 300);

    let browser = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a browser");
    let location = |response: reqwest::Response| {
        assert_eq!(response.status().as_u16(), 302);
        response
            .headers()
            .get("location")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let first = browser.get(&link.url).send().await.expect("followed");
    assert_eq!(
        location(first).as_deref(),
        Some("https://portineria.example/stripe/return")
    );
    let onboarded = RetrieveAccount::new(account.id.clone())
        .send(&client)
        .await
        .expect("read");
    assert_eq!(onboarded.charges_enabled, Some(true));
    assert_eq!(onboarded.payouts_enabled, Some(true));
    let updated = server.events_of("account.updated");
    assert_eq!(updated.len(), 1);
    assert_eq!(updated[0]["account"], account.id.as_str());
    assert_eq!(updated[0]["data"]["object"]["charges_enabled"], true);

    // Links are single use.
    let again = browser.get(&link.url).send().await.expect("followed");
    assert_eq!(
        location(again).as_deref(),
        Some("https://portineria.example/stripe/refresh")
    );
}

//! The Stripe onboarding button, and the API reads the pages brought.

use reqwest::StatusCode;
use serde_json::json;

use crate::catalogue::{self, aurora};
use crate::db_test;
use crate::online::Online;
use crate::page_client::PageClient;

db_test! {
    async fn the_stripe_button_leads_to_the_onboarding_page_stripe_gave(backend: Backend) {
        let Some(o) = Online::start(backend, "CONNECT").await else { return };
        let mut browser = PageClient::new(&o.app, "it");
        browser.log_in("paolo@example.org").await;
        let overview = browser.get("/hubs/aurora/provider").await;
        assert_eq!(overview.status, StatusCode::OK);
        let action = format!("/hubs/aurora/provider/organizations/{}/payouts", o.hub.cooperative);
        assert!(overview.body.contains(&action), "{}", overview.body);
        assert!(overview.text().contains("Configura i pagamenti per Cooperativa Aggiusto su Stripe"), "{}", overview.text());
        assert!(o.stripe.accounts().is_empty());
        // A form may post only back here, redirect included: the answer is
        // a page whose one link leads to Stripe.
        let sent = browser.post(&action, &[]).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.text());
        let link = format!("href=\"{}", o.stripe.base_url());
        assert!(sent.body.replace("&#x2f;", "/").contains(&link), "{}", sent.body);
        assert!(sent.body.contains("rel=\"noreferrer\""), "{}", sent.body);
        assert!(sent.text().contains("Vai su Stripe"), "{}", sent.text());
        let accounts = o.stripe.accounts();
        assert_eq!(accounts.len(), 1, "the organization's account was opened");
        assert_eq!(accounts[0]["metadata"]["organization"], o.hub.cooperative.as_str());

        // A member cannot open one for the cooperative.
        let mut member = PageClient::new(&o.app, "en");
        member.log_in("mimma@example.org").await;
        member.get("/").await;
        let refused = member.post(&action, &[]).await;
        assert_eq!(refused.status, StatusCode::SEE_OTHER);
        assert_eq!(refused.location.as_deref(), Some("/hubs/aurora/provider"));
        assert_eq!(o.stripe.accounts().len(), 1);

        // A hub paid on its own account has nothing for providers to set up.
        let merchant = o
            .app
            .gql(crate::online::SET_PROVIDER)
            .vars(json!({"p": "STRIPE", "m": "MERCHANT"}))
            .token(&o.hub.manager)
            .tenant("aurora")
            .send()
            .await;
        merchant.data();
        let overview = browser.get("/hubs/aurora/provider").await;
        assert!(!overview.body.contains(&action));
        assert!(overview.text().contains("sul proprio conto"), "{}", overview.text());
    }
}

db_test!(
    async fn the_api_tells_a_provider_their_organizations_and_how_the_hub_is_paid(app) {
        let hub = aurora(&app).await;
        let other = catalogue::organization(&app, "aurora", &hub.manager, "Altra Bottega").await;
        const MINE: &str = "{ myOrganizations { id name } hubPayments { provider stripeMode } }";
        let provider = app.gql(MINE).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(provider.data()["myOrganizations"], json!([{"id": hub.cooperative, "name": "Cooperativa Aggiusto"}]));
        assert_eq!(provider.data()["hubPayments"], json!({"provider": "OFFLINE", "stripeMode": null}));
        let manager = app.gql(MINE).token(&hub.manager).tenant("aurora").send().await;
        let names: Vec<&str> = manager.data()["myOrganizations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Altra Bottega", "Cooperativa Aggiusto"]);
        assert!(manager.data()["myOrganizations"].to_string().contains(&other));
        let member = app.gql("{ myOrganizations { id } }").token(&hub.member).tenant("aurora").send().await;
        assert_eq!(member.code(), "FORBIDDEN");
        let member = app.gql("{ hubPayments { provider } }").token(&hub.member).tenant("aurora").send().await;
        assert_eq!(member.code(), "FORBIDDEN");
        let nobody = app.gql("{ myOrganizations { id } }").tenant("aurora").send().await;
        assert_eq!(nobody.code(), "UNAUTHENTICATED");
        // In another hub the provider acts for nothing.
        app.create_hub("borgo", "rita@example.org").await;
        app.add_member("borgo", &hub.manager, "paolo@example.org", "PROVIDER").await;
        let elsewhere = app.gql(MINE).token(&hub.provider).tenant("borgo").send().await;
        assert_eq!(elsewhere.data()["myOrganizations"], json!([]));
    }
);

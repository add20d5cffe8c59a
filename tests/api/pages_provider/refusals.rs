//! What members, strangers, other hubs' ids and forms without their token reach: nothing.

use reqwest::StatusCode;
use serde_json::json;

use crate::catalogue::{self, aurora};
use crate::db_test;
use crate::page_client::PageClient;

use super::*;

db_test!(
    async fn members_strangers_and_other_hubs_ids_reach_nothing(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({})).await;
        let other_org = catalogue::organization(&app, "aurora", &hub.manager, "Bottega Altrui").await;
        let others = catalogue::published(&app, "aurora", &hub.manager, &other_org, json!({"title": "Banco altrui"})).await;
        let (_, borgo_manager) = app.person("bruno@example.org").await;
        app.create_hub("borgo", "bruno@example.org").await;
        let borgo_org = catalogue::organization(&app, "borgo", &borgo_manager, "Borgo Coop").await;
        let borgo_room = catalogue::listing(&app, "borgo", &borgo_manager, &borgo_org, json!({"title": "Sala del borgo"})).await;

        // Nobody logged in: to the log-in page, coming back here.
        let mut stranger = PageClient::new(&app, "en");
        let away = stranger.get("/hubs/aurora/provider").await;
        assert_eq!(away.status, StatusCode::SEE_OTHER);
        assert_eq!(away.location.as_deref(), Some("/login?next=%2Fhubs%2Faurora%2Fprovider"));

        // A plain member: refused everywhere, nothing changed.
        let mut member = PageClient::new(&app, "it");
        member.log_in("mimma@example.org").await;
        for path in [
            "/hubs/aurora/provider".to_owned(),
            "/hubs/aurora/provider/requests".to_owned(),
            "/hubs/aurora/provider/listings/new".to_owned(),
            format!("/hubs/aurora/provider/listings/{room}"),
            format!("/hubs/aurora/provider/listings/{room}/hours"),
        ] {
            let page = member.get(&path).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}: {}", page.text());
            assert!(page.body.contains("<html lang=\"it\">"));
        }
        let tried = member
            .post("/hubs/aurora/provider/listings/new", &form(&hub.cooperative, &[]))
            .await;
        assert_eq!(tried.status, StatusCode::FORBIDDEN, "{}", tried.text());
        let tried = member
            .post(&format!("/hubs/aurora/provider/listings/{room}"), &form(&hub.cooperative, &[("title", "Mia")]))
            .await;
        assert_eq!(tried.status, StatusCode::FORBIDDEN, "{}", tried.text());
        let tried = member
            .post(&format!("/hubs/aurora/provider/listings/{room}/hours"), &[("MONDAY", "closed")])
            .await;
        assert_eq!(tried.status, StatusCode::FORBIDDEN, "{}", tried.text());
        let tried = member.post(&format!("/hubs/aurora/provider/listings/{room}/archive"), &[]).await;
        assert_eq!(tried.status, StatusCode::SEE_OTHER);
        let unchanged = listing(&app, &hub.manager, &room).await;
        assert_eq!((unchanged["title"].as_str(), unchanged["status"].as_str()), (Some("Sala del camino"), Some("PUBLISHED")));
        assert_eq!(unchanged["openingHours"]["rules"].as_array().unwrap().len(), 7);
        let drafts = app
            .gql("{ listings(filter: { status: DRAFT }) { nodes { id } } }")
            .token(&hub.manager)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(drafts.data()["listings"]["nodes"], json!([]), "the member created nothing");

        // The provider: another organization's listing is not theirs to edit.
        let mut provider = PageClient::new(&app, "en");
        provider.log_in("paolo@example.org").await;
        let page = provider.get(&format!("/hubs/aurora/provider/listings/{others}")).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{}", page.text());
        let page = provider.get(&format!("/hubs/aurora/provider/listings/{others}/hours")).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        let overview = provider.get("/hubs/aurora/provider").await;
        assert!(!overview.text().contains("Banco altrui"), "{}", overview.text());
        assert!(!overview.text().contains("Bottega Altrui"));

        // Another hub's listing: not found, and left as it was.
        let page = provider.get(&format!("/hubs/aurora/provider/listings/{borgo_room}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", page.text());
        let page = provider.get(&format!("/hubs/aurora/provider/listings/{borgo_room}/hours")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        let tried = provider
            .post(&format!("/hubs/aurora/provider/listings/{borgo_room}"), &form(&hub.cooperative, &[("title", "Presa")]))
            .await;
        assert_eq!(tried.status, StatusCode::NOT_FOUND, "{}", tried.text());
        let tried = provider
            .post(&format!("/hubs/aurora/provider/listings/{borgo_room}/hours"), &[("MONDAY", "open"), ("MONDAY-1-opens", "09:00"), ("MONDAY-1-closes", "10:00")])
            .await;
        assert_eq!(tried.status, StatusCode::NOT_FOUND, "{}", tried.text());
        let tried = provider.post(&format!("/hubs/aurora/provider/listings/{borgo_room}/archive"), &[]).await;
        assert_eq!(tried.status, StatusCode::SEE_OTHER);
        let borgo = app
            .gql(LISTING)
            .vars(json!({"id": borgo_room}))
            .token(&borgo_manager)
            .tenant("borgo")
            .send()
            .await;
        let borgo = &borgo.data()["listing"];
        assert_eq!((borgo["title"].as_str(), borgo["status"].as_str()), (Some("Sala del borgo"), Some("DRAFT")));
        assert_eq!(borgo["openingHours"]["rules"], json!([]));
        // Ids that are no ids: a page with the reason, never a failure.
        let page = provider.get("/hubs/aurora/provider/listings/not-an-id").await;
        assert!(page.status.is_client_error(), "{}", page.status);

        // The manager acts for every organization.
        let mut manager = PageClient::new(&app, "en");
        manager.log_in("rita@example.org").await;
        let overview = manager.get("/hubs/aurora/provider").await;
        assert_eq!(overview.status, StatusCode::OK);
        assert!(overview.text().contains("Banco altrui") && overview.text().contains("Sala del camino"), "{}", overview.text());
    }
);

db_test!(
    async fn posts_without_the_form_token_change_nothing(app) {
        let hub = aurora(&app).await;
        let id = catalogue::listing(&app, "aurora", &hub.provider, &hub.cooperative, json!({})).await;
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("paolo@example.org").await;
        browser.get("/hubs/aurora/provider").await;
        let tries = [
            ("/hubs/aurora/provider/listings/new".to_owned(), form(&hub.cooperative, &[])),
            (format!("/hubs/aurora/provider/listings/{id}"), form(&hub.cooperative, &[("title", "Cambiato")])),
            (format!("/hubs/aurora/provider/listings/{id}/hours"), vec![("MONDAY", "open"), ("MONDAY-1-opens", "09:00"), ("MONDAY-1-closes", "10:00")]),
            (format!("/hubs/aurora/provider/listings/{id}/archive"), vec![]),
            (format!("/hubs/aurora/provider/organizations/{}/payouts", hub.cooperative), vec![]),
        ];
        for (path, fields) in &tries {
            let refused = browser.post_raw(path, fields, None).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path}");
            let forged = browser.post_raw(path, fields, Some(&"f".repeat(64))).await;
            assert_eq!(forged.status, StatusCode::FORBIDDEN, "{path}");
        }
        let after = listing(&app, &hub.provider, &id).await;
        assert_eq!((after["title"].as_str(), after["status"].as_str()), (Some("Sala del camino"), Some("DRAFT")));
        assert_eq!(after["openingHours"]["rules"], json!([]));
        let drafts = app
            .gql("{ listings(filter: { status: DRAFT }) { nodes { id } } }")
            .token(&hub.provider)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(drafts.data()["listings"]["nodes"].as_array().unwrap().len(), 1);
    }
);

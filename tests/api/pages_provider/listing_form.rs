//! The listing form: written, refused next to its field, edited, reviewed, archived.

use reqwest::StatusCode;
use serde_json::json;

use crate::catalogue::{self, aurora};
use crate::db_test;
use crate::page_client::PageClient;

use super::*;

db_test!(
    async fn a_provider_writes_a_listing_fixes_a_field_and_asks_for_review(app) {
        let hub = aurora(&app).await;
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("paolo@example.org").await;
        let overview = browser.get("/hubs/aurora/provider").await;
        assert_eq!(overview.status, StatusCode::OK, "{}", overview.text());
        assert!(overview.text().contains("Cooperativa Aggiusto"), "{}", overview.text());
        assert!(overview.text().contains("made at the desk"), "offline hub: {}", overview.text());
        assert!(!overview.body.contains("/payouts"), "no Stripe button on an offline hub");
        assert!(overview.text().contains("No listings yet."));

        let new = browser.get("/hubs/aurora/provider/listings/new").await;
        assert_eq!(new.status, StatusCode::OK);
        assert!(new.body.contains(&format!("<option value=\"{}\" selected>", hub.cooperative)), "{}", new.body);

        // A capacity the API refuses: named next to its field, what was typed kept.
        let refused = browser
            .post("/hubs/aurora/provider/listings/new", &form(&hub.cooperative, &[("capacity", "0")]))
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text());
        assert!(refused.body.contains("id=\"f-capacity-error\""), "{}", refused.body);
        assert!(refused.body.contains("value=\"Sala &lt;b&gt;prove&lt;"), "{}", refused.body);
        assert!(refused.body.contains("value=\"12,50\""));
        assert!(!refused.body.contains("<b>prove</b>"));
        // A number nobody could read: the page names it before the API is asked.
        let malformed = browser
            .post("/hubs/aurora/provider/listings/new", &form(&hub.cooperative, &[("unitPrice", "12.345")]))
            .await;
        assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
        assert!(malformed.body.contains("id=\"f-unitPrice-error\""), "{}", malformed.body);
        assert!(malformed.text().contains("at most two decimals"), "{}", malformed.text());
        let tier = browser
            .post("/hubs/aurora/provider/listings/new", &form(&hub.cooperative, &[("tierPercent2", "")]))
            .await;
        assert_eq!(tier.status, StatusCode::BAD_REQUEST);
        assert!(tier.body.contains("fieldset id=\"f-cancellationPolicy\" class=\"wrong\""), "{}", tier.body);
        let none = app
            .gql("{ listings(filter: { status: DRAFT }) { nodes { id } } }")
            .token(&hub.provider)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(none.data()["listings"]["nodes"], json!([]), "nothing was created");

        let created = browser
            .post("/hubs/aurora/provider/listings/new", &form(&hub.cooperative, &[]))
            .await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
        let location = created.location.clone().unwrap();
        assert!(location.starts_with("/hubs/aurora/provider/listings/"), "{location}");
        let id = listing_id(&location);
        let page = browser.follow(created).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("saved as a draft"), "{}", page.text());
        assert!(page.text().contains("Listing: Sala &lt;b&gt;prove&lt;/b&gt;"), "{}", page.text());
        assert!(!page.body.contains("<b>prove</b>"));
        let saved = listing(&app, &hub.provider, &id).await;
        assert_eq!(saved["capacity"], 4);
        assert_eq!(saved["price"], json!({"kind": "PER_UNIT", "unitPrice": {"amount": 1250}}));
        assert_eq!(saved["taxRateBps"], 2200);
        assert_eq!(
            saved["cancellationPolicy"],
            json!([{"minNoticeHours": 48, "refundPercent": 100}, {"minNoticeHours": 24, "refundPercent": 50}])
        );
        // The form shows what was saved.
        assert!(page.body.contains("id=\"f-unitPrice\" name=\"unitPrice\" type=\"text\" value=\"12.50\""), "{}", page.body);

        let edited = browser
            .post(
                &format!("/hubs/aurora/provider/listings/{id}"),
                &form(&hub.cooperative, &[("title", "Sala prove"), ("capacity", "6"), ("bookingUnit", "MINUTES"), ("minutes", "30"), ("maxUnits", "8")]),
            )
            .await;
        assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.text());
        let page = browser.follow(edited).await;
        assert!(page.text().contains("The changes are saved."), "{}", page.text());
        let saved = listing(&app, &hub.provider, &id).await;
        assert_eq!((saved["title"].as_str(), saved["capacity"].as_i64()), (Some("Sala prove"), Some(6)));
        assert_eq!(saved["bookingUnit"], json!({"kind": "MINUTES", "minutes": 30}));

        // Not yet: a listing without opening hours cannot be reviewed.
        let early = browser.post(&format!("/hubs/aurora/provider/listings/{id}/submit"), &[]).await;
        assert_eq!(early.status, StatusCode::SEE_OTHER);
        let page = browser.follow(early).await;
        assert!(page.body.contains("role=\"alert\""), "{}", page.body);
        assert_eq!(listing(&app, &hub.provider, &id).await["status"], "DRAFT");

        catalogue::every_day(&app, "aurora", &hub.provider, &id, "09:00", "18:00").await;
        let submitted = browser.post(&format!("/hubs/aurora/provider/listings/{id}/submit"), &[]).await;
        assert_eq!(submitted.status, StatusCode::SEE_OTHER);
        let page = browser.follow(submitted).await;
        assert!(page.text().contains("sent to the hub for review"), "{}", page.text());
        assert_eq!(listing(&app, &hub.provider, &id).await["status"], "PENDING_REVIEW");
        let overview = browser.get("/hubs/aurora/provider").await;
        assert!(overview.text().contains("Waiting for review"), "{}", overview.text());
        assert!(overview.body.contains(&format!("/hubs/aurora/provider/listings/{id}/hours")));

        let archived = browser.post(&format!("/hubs/aurora/provider/listings/{id}/archive"), &[]).await;
        assert_eq!(archived.status, StatusCode::SEE_OTHER);
        assert_eq!(listing(&app, &hub.provider, &id).await["status"], "ARCHIVED");
        let overview = browser.get("/hubs/aurora/provider").await;
        assert!(overview.text().contains("Archived"), "{}", overview.text());
    }
);

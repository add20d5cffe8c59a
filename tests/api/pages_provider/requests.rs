//! Answering requests from the requests page.

use reqwest::StatusCode;
use serde_json::json;

use crate::catalogue::{self, aurora};
use crate::db_test;
use crate::page_client::PageClient;

use super::*;

db_test!(
    async fn a_provider_approves_and_declines_requests_from_the_requests_page(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(
            &app,
            "aurora",
            &hub.manager,
            &hub.cooperative,
            json!({"title": "Officina <script>x</script>", "capacity": 2}),
        )
        .await;
        let first = catalogue::book(&app, &hub.member, &room, 9, 10, 1, "uno").await;
        let first = first.data()["createBooking"]["id"].as_str().unwrap().to_owned();
        let second = catalogue::book(&app, &hub.member, &room, 11, 12, 1, "due").await;
        let second = second.data()["createBooking"]["id"].as_str().unwrap().to_owned();

        let mut browser = PageClient::new(&app, "en");
        browser.log_in("paolo@example.org").await;
        let page = browser.get("/hubs/aurora/provider/requests").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        assert!(page.body.contains(&format!("/hubs/aurora/requests/{first}/approve")), "{}", page.body);
        assert!(page.body.contains(&format!("/hubs/aurora/requests/{second}/decline")));
        assert!(page.body.contains("Officina &lt;script&gt;"), "{}", page.body);
        assert!(!page.body.contains("<script>"));
        assert!(page.text().contains("No confirmed bookings ahead."));
        // 10:00–11:00 on the hub's clock.
        assert!(page.text().contains("10:00"), "{}", page.text());

        let back = "/hubs/aurora/provider/requests";
        let forged = browser
            .post_raw(&format!("/hubs/aurora/requests/{first}/approve"), &[("back", back)], None)
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        assert_eq!(booking_status(&app, &hub.provider, &first).await, "REQUESTED");

        let approved = browser.post(&format!("/hubs/aurora/requests/{first}/approve"), &[("back", back)]).await;
        assert_eq!(approved.status, StatusCode::SEE_OTHER);
        assert_eq!(approved.location.as_deref(), Some(back));
        let page = browser.follow(approved).await;
        assert!(page.text().contains("The request is approved"), "{}", page.text());
        assert_eq!(booking_status(&app, &hub.provider, &first).await, "CONFIRMED");
        assert!(page.text().contains("Confirmed"), "{}", page.text());
        assert!(!page.body.contains(&format!("/hubs/aurora/requests/{first}/approve")));

        let declined = browser
            .post(&format!("/hubs/aurora/requests/{second}/decline"), &[("back", back), ("reason", "Chiuso per lavori")])
            .await;
        assert_eq!(declined.status, StatusCode::SEE_OTHER);
        let page = browser.follow(declined).await;
        assert!(page.text().contains("The request is declined"), "{}", page.text());
        assert_eq!(booking_status(&app, &hub.provider, &second).await, "DECLINED");
        assert!(page.text().contains("No request is waiting for an answer."), "{}", page.text());
    }
);

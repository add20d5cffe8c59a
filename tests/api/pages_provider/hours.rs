//! Opening hours and special days, on the hub's clock across the change to summer time.

use reqwest::StatusCode;
use serde_json::json;

use crate::catalogue::{self, aurora};
use crate::db_test;
use crate::page_client::PageClient;

use super::*;

db_test!(
    async fn opening_hours_follow_the_hub_clock_across_the_change_to_summer_time(app) {
        let hub = aurora(&app).await;
        let id = catalogue::listing(&app, "aurora", &hub.provider, &hub.cooperative, json!({})).await;
        let mut browser = PageClient::new(&app, "it");
        browser.log_in("paolo@example.org").await;
        let hours = format!("/hubs/aurora/provider/listings/{id}/hours");
        let page = browser.get(&hours).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        assert!(page.text().contains("Europe/Rome"), "{}", page.text());
        assert!(page.text().contains("Domenica"));

        let mut week: Vec<(String, String)> = Vec::new();
        for day in ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] {
            week.push((day.into(), "open".into()));
            week.push((format!("{day}-1-opens"), "09:00".into()));
            week.push((format!("{day}-1-closes"), "13:00".into()));
            week.push((format!("{day}-2-opens"), "14:00".into()));
            week.push((format!("{day}-2-closes"), "18:00".into()));
        }
        let post = |extra: &[(&str, &str)]| {
            let mut fields: Vec<(String, String)> = week.clone();
            for (name, value) in extra {
                fields.retain(|(n, _)| n != name);
                fields.push(((*name).into(), (*value).into()));
            }
            fields
        };

        // Half a range: named next to the missing time, in Italian.
        let half = post(&[("MONDAY-2-closes", ""), ("exceptions", "1"), ("ex-0-date", "2027-03-27"), ("ex-0-kind", "closed")]);
        let refused = browser.post(&hours, &send(&half)).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(refused.body.contains("id=\"f-MONDAY-2-closes-error\""), "{}", refused.body);
        assert!(refused.text().contains("Scrivi tutti e due gli orari"), "{}", refused.text());
        assert!(refused.body.contains("value=\"2027-03-27\""), "the typed exception is kept");
        // Closing before opening: the API's refusal, put next to its field.
        let backwards = post(&[("TUESDAY-1-closes", "08:00")]);
        let refused = browser.post(&hours, &send(&backwards)).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(refused.body.contains("id=\"f-TUESDAY-1-closes-error\""), "{}", refused.body);
        assert_eq!(listing(&app, &hub.provider, &id).await["openingHours"]["rules"], json!([]), "nothing saved");

        // Saturday 27 March 2027 closed; Monday 29 open only 10–12.
        let fields = post(&[
            ("exceptions", "2"),
            ("ex-0-date", "2027-03-27"),
            ("ex-0-kind", "closed"),
            ("ex-1-date", "2027-03-29"),
            ("ex-1-kind", "instead"),
            ("ex-1-opens", "10:00"),
            ("ex-1-closes", "12:00"),
        ]);
        let saved = browser.post(&hours, &send(&fields)).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let page = browser.follow(saved).await;
        assert!(page.text().contains("Gli orari sono salvati."), "{}", page.text());
        assert!(page.body.contains("value=\"2027-03-29\""));
        let stored = listing(&app, &hub.provider, &id).await["openingHours"].clone();
        assert_eq!(stored["rules"].as_array().unwrap().len(), 14);
        assert_eq!(stored["exceptions"].as_array().unwrap().len(), 3, "{stored}");

        catalogue::publish(&app, "aurora", &hub.manager, &id).await;
        let free = |from: &'static str, to: &'static str| {
            let app = &app;
            let token = hub.provider.clone();
            let id = id.clone();
            async move {
                app.gql(FREE)
                    .vars(json!({"id": id, "from": from, "to": to}))
                    .token(&token)
                    .tenant("aurora")
                    .send()
                    .await
                    .data()["availability"]
                    .as_array()
                    .unwrap()
                    .clone()
            }
        };
        // 09:00 on the wall is 08:00 UTC in winter, 07:00 UTC from 28 March.
        let winter = free("2027-03-21T00:00:00Z", "2027-03-22T00:00:00Z").await;
        assert_eq!(winter.first().unwrap()["start"], "2027-03-21T08:00:00+00:00", "{winter:?}");
        let summer = free("2027-03-28T00:00:00Z", "2027-03-29T00:00:00Z").await;
        assert_eq!(summer.first().unwrap()["start"], "2027-03-28T07:00:00+00:00", "{summer:?}");
        assert_eq!(summer.last().unwrap()["end"], "2027-03-28T16:00:00+00:00", "{summer:?}");
        let closed = free("2027-03-27T00:00:00Z", "2027-03-28T00:00:00Z").await;
        assert!(closed.is_empty(), "{closed:?}");
        let other = free("2027-03-29T00:00:00Z", "2027-03-30T00:00:00Z").await;
        assert_eq!(other.first().unwrap()["start"], "2027-03-29T08:00:00+00:00", "{other:?}");
        assert_eq!(other.last().unwrap()["end"], "2027-03-29T10:00:00+00:00", "{other:?}");

        // A request on Wednesday 25 November holds its place: closing
        // Wednesdays is refused with the API's words, nothing saved.
        let booked = catalogue::book(&app, &hub.member, &id, 9, 10, 1, "mercoledi").await;
        assert_eq!(booked.data()["createBooking"]["status"], "REQUESTED");
        let stranding = post(&[("WEDNESDAY", "closed"), ("exceptions", "0")]);
        let refused = browser.post(&hours, &send(&stranding)).await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
        assert!(refused.body.contains("role=\"alert\""));
        let after = listing(&app, &hub.provider, &id).await["openingHours"].clone();
        assert_eq!(after, stored, "nothing saved");

        // Removing a special day.
        let removed = post(&[
            ("exceptions", "2"),
            ("ex-0-date", "2027-03-27"),
            ("ex-0-kind", "closed"),
            ("remove", "0"),
            ("ex-1-date", "2027-03-29"),
            ("ex-1-kind", "instead"),
            ("ex-1-opens", "10:00"),
            ("ex-1-closes", "12:00"),
        ]);
        let saved = browser.post(&hours, &send(&removed)).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let after = listing(&app, &hub.provider, &id).await["openingHours"]["exceptions"].clone();
        assert_eq!(after.as_array().unwrap().len(), 2, "{after}");
        assert!(after.as_array().unwrap().iter().all(|e| e["date"] == "2027-03-29"));
    }
);

//! Free slots: ordinary days, exceptions, the two DST days of Europe/Rome,
//! lead time and horizon, and bad windows.

use chrono::Duration;
use serde_json::{Value, json};

use crate::catalogue::{self, HOURS, aurora};
use crate::db_test;
use crate::helpers::TestApp;

const FREE: &str = "query($id: ID!, $from: DateTime!, $to: DateTime!, $q: Int) { availability(listingId: $id, from: $from, to: $to, quantity: $q) { start end remaining } }";

async fn slots(app: &TestApp, token: &str, id: &str, from: &str, to: &str) -> Vec<Value> {
    let answer = app
        .gql(FREE)
        .vars(json!({"id": id, "from": from, "to": to}))
        .token(token)
        .tenant("aurora")
        .send()
        .await;
    answer.data()["availability"].as_array().unwrap().clone()
}

fn starts(slots: &[Value]) -> Vec<String> {
    slots
        .iter()
        .map(|s| s["start"].as_str().unwrap()[11..16].to_owned())
        .collect()
}

db_test! {
    async fn an_ordinary_day_is_cut_into_hourly_slots_in_the_hubs_time(app) {
        let hub = aurora(&app).await;
        let id = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"capacity": 4})).await;
        // Tuesday 24 November 2026: Rome is UTC+1, so 09:00–18:00 is 08:00Z–17:00Z.
        let day = slots(&app, &hub.member, &id, "2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z").await;
        assert_eq!(starts(&day), ["08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"]);
        assert_eq!(day[0], json!({"start": "2026-11-24T08:00:00+00:00", "end": "2026-11-24T09:00:00+00:00", "remaining": 4}));

        let too_many = app.gql(FREE).vars(json!({"id": id, "from": "2026-11-24T00:00:00Z", "to": "2026-11-25T00:00:00Z", "q": 5})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(too_many.data()["availability"], json!([]));
    }
}

db_test! {
    async fn dst_days_keep_the_wall_clock_hours(app) {
        let hub = aurora(&app).await;
        let id = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"horizonDays": 730})).await;
        app.services.clock.advance(-Duration::days(250)); // back to March 2026
        // 29 March 2026: clocks go 02:00 → 03:00; 09:00–18:00 CEST is 07:00Z–16:00Z.
        let spring = slots(&app, &hub.member, &id, "2026-03-29T00:00:00Z", "2026-03-30T00:00:00Z").await;
        assert_eq!(spring.len(), 9);
        assert_eq!((spring[0]["start"].as_str().unwrap(), spring[8]["end"].as_str().unwrap()), ("2026-03-29T07:00:00+00:00", "2026-03-29T16:00:00+00:00"));
        // 25 October 2026: clocks go 03:00 → 02:00; 09:00–18:00 CET is 08:00Z–17:00Z.
        let autumn = slots(&app, &hub.member, &id, "2026-10-25T00:00:00Z", "2026-10-26T00:00:00Z").await;
        assert_eq!(autumn.len(), 9);
        assert_eq!((autumn[0]["start"].as_str().unwrap(), autumn[8]["end"].as_str().unwrap()), ("2026-10-25T08:00:00+00:00", "2026-10-25T17:00:00+00:00"));
    }
}

db_test! {
    async fn exceptions_close_days_and_ranges_and_open_extra_ones(app) {
        let hub = aurora(&app).await;
        let id = catalogue::listing(&app, "aurora", &hub.manager, &hub.cooperative, json!({})).await;
        let weekdays: Vec<Value> = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]
            .iter()
            .flat_map(|d| [json!({"weekday": d, "opens": "09:00", "closes": "13:00"}), json!({"weekday": d, "opens": "14:00", "closes": "18:00"})])
            .collect();
        let exceptions = json!([
            {"date": "2026-12-08", "kind": "CLOSED"},
            {"date": "2026-12-09", "kind": "CLOSED", "opens": "09:00", "closes": "11:00"},
            {"date": "2026-12-13", "kind": "OPEN", "opens": "10:00", "closes": "12:00"}
        ]);
        app.gql(HOURS).vars(json!({"id": id, "r": weekdays, "e": exceptions})).token(&hub.manager).tenant("aurora").send().await.data();
        catalogue::publish(&app, "aurora", &hub.manager, &id).await;

        let monday = slots(&app, &hub.member, &id, "2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z").await;
        assert_eq!(starts(&monday), ["08:00", "09:00", "10:00", "11:00", "13:00", "14:00", "15:00", "16:00"], "lunch break");
        assert!(slots(&app, &hub.member, &id, "2026-12-08T00:00:00Z", "2026-12-09T00:00:00Z").await.is_empty(), "closed all day");
        let wednesday = slots(&app, &hub.member, &id, "2026-12-09T00:00:00Z", "2026-12-10T00:00:00Z").await;
        assert_eq!(starts(&wednesday), ["10:00", "11:00", "13:00", "14:00", "15:00", "16:00"], "closed 09–11");
        assert!(slots(&app, &hub.member, &id, "2026-12-12T00:00:00Z", "2026-12-13T00:00:00Z").await.is_empty(), "Saturday");
        let sunday = slots(&app, &hub.member, &id, "2026-12-13T00:00:00Z", "2026-12-14T00:00:00Z").await;
        assert_eq!(starts(&sunday), ["09:00", "10:00"], "extra opening");
    }
}

db_test! {
    async fn lead_time_and_horizon_bound_what_can_be_booked(app) {
        let hub = aurora(&app).await;
        let id = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"leadTimeMinutes": 1440, "horizonDays": 2})).await;
        // Now is Monday 23 November 10:00 in Rome; a day's notice and two days ahead.
        let week = slots(&app, &hub.member, &id, "2026-11-23T00:00:00Z", "2026-11-28T00:00:00Z").await;
        assert_eq!(week.first().unwrap()["start"], "2026-11-24T09:00:00+00:00");
        assert_eq!(week.last().unwrap()["start"], "2026-11-25T09:00:00+00:00");
    }
}

db_test! {
    async fn bad_windows_are_refused(app) {
        let hub = aurora(&app).await;
        let id = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({})).await;
        let backwards = app.gql(FREE).vars(json!({"id": id, "from": "2026-11-25T00:00:00Z", "to": "2026-11-24T00:00:00Z"})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!((backwards.code(), backwards.field()), ("VALIDATION", "to"));
        let huge = app.gql(FREE).vars(json!({"id": id, "from": "2026-11-25T00:00:00Z", "to": "2027-11-24T00:00:00Z"})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!((huge.code(), huge.field()), ("VALIDATION", "to"));
        let none = app.gql(FREE).vars(json!({"id": id, "from": "2026-11-25T00:00:00Z", "to": "2026-11-26T00:00:00Z", "q": 0})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!((none.code(), none.field()), ("VALIDATION", "quantity"));
    }
}

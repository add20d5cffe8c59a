//! Recurring bookings: weekly series that skip conflicts or fail whole, and
//! cancelling the rest of a series.

use serde_json::{Value, json};

use crate::catalogue::{self, aurora};
use crate::db_test;
use crate::helpers::TestApp;

const SERIES: &str = "mutation($i: BookingSeriesInput!) { createBookingSeries(input: $i) { seriesId bookings { id start status } skipped { start problem { code message } } } }";
const CANCEL_REST: &str = "mutation($s: ID!, $f: DateTime) { cancelBookingSeries(seriesId: $s, from: $f) { start status } }";

/// Four Wednesdays 10:00–11:00Z from 25 November 2026.
fn four_wednesdays(room: &str, skip: bool, key: &str) -> Value {
    json!({"i": {"listingId": room, "start": "2026-11-25T10:00:00Z", "end": "2026-11-25T11:00:00Z",
        "recurrence": {"weekdays": ["WEDNESDAY"], "count": 4}, "skipConflicts": skip, "idempotencyKey": key}})
}

async fn series(app: &TestApp, token: &str, vars: Value) -> crate::helpers::GqlResponse {
    app.gql(SERIES)
        .vars(vars)
        .token(token)
        .tenant("aurora")
        .send()
        .await
}

db_test! {
    async fn a_weekly_series_skips_taken_dates_or_fails_whole(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT"})).await;
        // Someone already has the second Wednesday.
        app.gql(catalogue::BOOK)
            .vars(json!({"i": {"listingId": room, "start": "2026-12-02T10:00:00Z", "end": "2026-12-02T11:00:00Z", "idempotencyKey": "taken"}}))
            .token(&hub.provider)
            .tenant("aurora")
            .send()
            .await
            .data();

        let whole = series(&app, &hub.member, four_wednesdays(&room, false, "whole")).await;
        assert_eq!(whole.code(), "CONFLICT");
        let mine = app.gql("{ myBookings { edges { node { id } } } }").token(&hub.member).tenant("aurora").send().await;
        assert_eq!(mine.data()["myBookings"]["edges"], json!([]), "failing whole books nothing");

        let made = series(&app, &hub.member, four_wednesdays(&room, true, "weekly")).await;
        let payload = &made.data()["createBookingSeries"];
        let starts: Vec<&str> = payload["bookings"].as_array().unwrap().iter().map(|b| b["start"].as_str().unwrap()).collect();
        assert_eq!(starts, ["2026-11-25T10:00:00+00:00", "2026-12-09T10:00:00+00:00", "2026-12-16T10:00:00+00:00"]);
        assert_eq!(payload["skipped"][0]["start"], "2026-12-02T10:00:00+00:00");
        assert_eq!(payload["skipped"][0]["problem"]["code"], "CONFLICT");

        // Retrying the same series returns the same bookings.
        let again = series(&app, &hub.member, four_wednesdays(&room, true, "weekly")).await;
        assert_eq!(again.data()["createBookingSeries"]["seriesId"], payload["seriesId"]);
        assert_eq!(again.data()["createBookingSeries"]["bookings"], payload["bookings"]);

        let bad = series(&app, &hub.member, json!({"i": {"listingId": room, "start": "2026-11-25T10:00:00Z", "end": "2026-11-25T11:00:00Z",
            "recurrence": {"weekdays": ["MONDAY"], "count": 4}, "skipConflicts": true, "idempotencyKey": "bad"}})).await;
        assert_eq!((bad.code(), bad.field()), ("VALIDATION", "series.weekdays"));
    }
}

db_test! {
    async fn the_rest_of_a_series_can_be_cancelled_at_once(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT"})).await;
        let made = series(&app, &hub.member, four_wednesdays(&room, false, "weekly")).await;
        let series_id = made.data()["createBookingSeries"]["seriesId"].clone();

        let stranger = app.gql(CANCEL_REST).vars(json!({"s": series_id})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(stranger.code(), "NOT_FOUND");
        let cancelled = app.gql(CANCEL_REST).vars(json!({"s": series_id, "f": "2026-12-09T00:00:00Z"})).token(&hub.member).tenant("aurora").send().await;
        let statuses: Vec<(&str, &str)> = cancelled.data()["cancelBookingSeries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| (b["start"].as_str().unwrap(), b["status"].as_str().unwrap()))
            .collect();
        assert_eq!(statuses, [("2026-12-09T10:00:00+00:00", "CANCELLED"), ("2026-12-16T10:00:00+00:00", "CANCELLED")]);
        // The first two still stand, and the freed Wednesdays can be booked again.
        let mine = app.gql("{ myBookings(status: CONFIRMED) { edges { node { start } } } }").token(&hub.member).tenant("aurora").send().await;
        assert_eq!(mine.data()["myBookings"]["edges"].as_array().unwrap().len(), 2);
        app.gql(catalogue::BOOK)
            .vars(json!({"i": {"listingId": room, "start": "2026-12-16T10:00:00Z", "end": "2026-12-16T11:00:00Z", "idempotencyKey": "freed"}}))
            .token(&hub.provider)
            .tenant("aurora")
            .send()
            .await
            .data();
    }
}

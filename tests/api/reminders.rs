//! The reminder the day before a booking: planned by the clock across
//! passes, once, only for a booking still confirmed and made at least a
//! day ahead, its time read on the hub's clock even on a DST change day.

use chrono::{DateTime, TimeZone, Utc};
use portineria::entities::outbox_message;
use serde_json::json;

use crate::catalogue::{self, BOOK, aurora, book};
use crate::db_test;
use crate::helpers::TestApp;
use crate::notifications::{Recorder, all_messages, pass};

/// Moves the test's clock forward to `at`.
pub(crate) fn travel_to(app: &TestApp, at: DateTime<Utc>) {
    let now = app.services.clock.now();
    assert!(at >= now, "the clock only moves forward");
    app.services.clock.advance(at - now);
}

pub(crate) fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().unwrap()
}

/// The outbox's messages of `kind`.
pub(crate) async fn of_kind(app: &TestApp, kind: &str) -> Vec<outbox_message::Model> {
    all_messages(app)
        .await
        .into_iter()
        .filter(|m| m.kind == kind)
        .collect()
}

db_test! {
    async fn a_booking_made_days_ahead_is_reminded_once_a_day_before_it_starts(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2, "address": "Via Cecchi 17, Torino"})).await;
        app.discard_mail().await;
        // Made Monday 09:00Z for Wednesday 10:00Z: due Tuesday 10:00Z.
        book(&app, &hub.member, &room, 10, 12, 1, "k").await.data();
        let courier = Recorder::default();
        pass(&app, &courier).await;
        assert_eq!(courier.sent().iter().map(|m| m.0.as_str()).collect::<Vec<_>>(), ["booking-confirmed"]);
        travel_to(&app, utc(2026, 11, 24, 9, 59));
        pass(&app, &courier).await;
        assert!(of_kind(&app, "booking-reminder").await.is_empty(), "not before a day ahead");

        travel_to(&app, utc(2026, 11, 24, 10, 1));
        assert_eq!(pass(&app, &courier).await.sent, 1);
        let reminders = of_kind(&app, "booking-reminder").await;
        assert_eq!(reminders.len(), 1);
        let reminder = &reminders[0];
        assert_eq!(reminder.recipient, "mimma@example.org");
        assert_eq!(reminder.subject, "Reminder: your booking is coming up");
        assert!(reminder.text_body.contains("\"Sala del camino\" at Hub aurora on 2026-11-25 11:00–13:00 (Europe/Rome)"), "{}", reminder.text_body);
        assert!(reminder.text_body.contains("Where: Via Cecchi 17, Torino"), "{}", reminder.text_body);
        let link = reminder.list_unsubscribe.clone().expect("an optional message carries its unsubscribe link");
        assert!(link.contains("/unsubscribe/ptn_"), "{link}");
        assert!(reminder.text_body.contains(&format!("Stop them with one click: {link}")), "the footer says how to stop them: {}", reminder.text_body);

        // Not again, however many passes follow.
        for _ in 0..3 {
            app.services.clock.advance(chrono::Duration::hours(3));
            pass(&app, &courier).await;
        }
        assert_eq!(of_kind(&app, "booking-reminder").await.len(), 1);
        assert_eq!(courier.sent().iter().filter(|m| m.0 == "booking-reminder").count(), 1);
        // The confirmation carries no unsubscribe link: it always goes.
        let confirmation = &of_kind(&app, "booking-confirmed").await[0];
        assert_eq!(confirmation.list_unsubscribe, None);
        assert!(!confirmation.text_body.contains("/unsubscribe/"));
    }
}

db_test! {
    async fn only_a_booking_still_confirmed_and_made_a_day_ahead_is_reminded(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 3})).await;
        // Made days ahead, then cancelled before its reminder fell due.
        let cancelled = book(&app, &hub.member, &room, 13, 15, 1, "cancelled").await;
        let cancelled = cancelled.data()["createBooking"]["id"].as_str().unwrap().to_owned();
        let done = app.gql("mutation($id: ID!) { cancelBooking(id: $id) { status } }").vars(json!({"id": cancelled})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(done.data()["cancelBooking"]["status"], "CANCELLED");
        // Made two hours before it starts.
        travel_to(&app, utc(2026, 11, 25, 8, 0));
        book(&app, &hub.member, &room, 10, 12, 1, "late").await.data();
        let courier = Recorder::default();
        for hour in [8, 9, 11, 12, 14] {
            travel_to(&app, utc(2026, 11, 25, hour, 30));
            pass(&app, &courier).await;
        }
        assert!(of_kind(&app, "booking-reminder").await.is_empty(), "{:?}", courier.sent());
        assert_eq!(of_kind(&app, "booking-confirmed").await.len(), 2, "both were confirmed");
    }
}

db_test! {
    async fn on_the_day_summer_time_starts_the_reminder_reads_the_hubs_clock(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2, "horizonDays": 365})).await;
        // Sunday 28 March 2027: Rome moves from UTC+1 to UTC+2 at 02:00.
        // 08:00Z is 10:00 on the wall that day.
        let booked = app.gql(BOOK).vars(json!({"i": {
            "listingId": room,
            "start": "2027-03-28T08:00:00Z",
            "end": "2027-03-28T10:00:00Z",
            "quantity": 1,
            "idempotencyKey": "dst",
        }})).token(&hub.member).tenant("aurora").send().await;
        booked.data();
        let courier = Recorder::default();
        travel_to(&app, utc(2027, 3, 27, 7, 59));
        pass(&app, &courier).await;
        assert!(of_kind(&app, "booking-reminder").await.is_empty());
        travel_to(&app, utc(2027, 3, 27, 8, 0));
        pass(&app, &courier).await;
        let reminders = of_kind(&app, "booking-reminder").await;
        assert_eq!(reminders.len(), 1);
        assert!(reminders[0].text_body.contains("2027-03-28 10:00–12:00 (Europe/Rome)"), "{}", reminders[0].text_body);
    }
}

db_test! {
    async fn each_booking_of_a_weekly_series_gets_its_own_reminder(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        let made = app.gql("mutation($i: BookingSeriesInput!) { createBookingSeries(input: $i) { bookings { id } } }")
            .vars(json!({"i": {"listingId": room, "start": "2026-11-25T10:00:00Z", "end": "2026-11-25T11:00:00Z", "recurrence": {"weekdays": ["WEDNESDAY"], "count": 2}, "skipConflicts": false, "idempotencyKey": "weekly"}}))
            .token(&hub.member).tenant("aurora").send().await;
        let ids: Vec<String> = made.data()["createBookingSeries"]["bookings"].as_array().unwrap().iter().map(|b| b["id"].as_str().unwrap().to_owned()).collect();
        assert_eq!(ids.len(), 2);
        let courier = Recorder::default();
        travel_to(&app, utc(2026, 11, 24, 10, 0));
        pass(&app, &courier).await;
        assert_eq!(of_kind(&app, "booking-reminder").await.len(), 1, "only the first is a day away");
        travel_to(&app, utc(2026, 12, 1, 10, 0));
        pass(&app, &courier).await;
        let mut keys: Vec<String> = of_kind(&app, "booking-reminder").await.into_iter().map(|m| m.dedupe_key).collect();
        keys.sort();
        let mut want: Vec<String> = ids.iter().map(|id| format!("reminder:{id}")).collect();
        want.sort();
        assert_eq!(keys, want);
    }
}

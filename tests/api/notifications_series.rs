//! The message about a recurring series: the customer gets one, listing the
//! dates booked and the dates skipped with why, with one calendar file
//! holding every confirmed occurrence under the UID each booking has on its
//! own; staff still get each request of a series that needs approval; a
//! later change to one occurrence is its own message.

use std::collections::BTreeSet;

use portineria::entities::outbox_message;
use portineria::notifications::outbox;
use serde_json::{Value, json};

use crate::calendar::{get, parse, uid, value};
use crate::catalogue::{self, aurora};
use crate::db_test;
use crate::helpers::TestApp;
use crate::notifications::{Recorder, pass};

const SERIES: &str = "mutation($i: BookingSeriesInput!) { createBookingSeries(input: $i) { seriesId bookings { id start status } skipped { start problem { code } } } }";

/// `count` Wednesdays 10:00–11:00Z from 25 November 2026, skipping what cannot be booked.
fn wednesdays(room: &str, count: u32, key: &str) -> Value {
    json!({"i": {"listingId": room, "start": "2026-11-25T10:00:00Z", "end": "2026-11-25T11:00:00Z",
        "recurrence": {"weekdays": ["WEDNESDAY"], "count": count}, "skipConflicts": true, "idempotencyKey": key}})
}

async fn series(app: &TestApp, token: &str, vars: Value) -> Value {
    app.gql(SERIES)
        .vars(vars)
        .token(token)
        .tenant("aurora")
        .send()
        .await
        .data()["createBookingSeries"]
        .clone()
}

fn ids(payload: &Value) -> Vec<String> {
    payload["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The messages of `kind` this courier sent.
fn of_kind(courier: &Recorder, kind: &str) -> Vec<outbox_message::Model> {
    courier
        .sent
        .lock()
        .unwrap()
        .iter()
        .filter(|m| m.kind == kind)
        .cloned()
        .collect()
}

/// A hub `borgo` whose manager must never hear of aurora's bookings.
async fn another_hub(app: &TestApp) {
    app.person("nadia@example.org").await;
    app.create_hub("borgo", "nadia@example.org").await;
}

db_test! {
    async fn a_series_with_skipped_dates_is_one_message_with_every_confirmed_date_in_one_calendar(app) {
        let hub = aurora(&app).await;
        another_hub(&app).await;
        let room = catalogue::listing(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 1})).await;
        let rules: Vec<Value> = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]
            .iter()
            .map(|day| json!({"weekday": day, "opens": "09:00", "closes": "18:00"}))
            .collect();
        app.gql(catalogue::HOURS)
            .vars(json!({"id": room, "r": rules, "e": [{"date": "2026-12-16", "kind": "CLOSED"}]}))
            .token(&hub.manager).tenant("aurora").send().await.data();
        catalogue::publish(&app, "aurora", &hub.manager, &room).await;
        // Someone already has the second Wednesday; the fourth is a closing day.
        app.gql(catalogue::BOOK)
            .vars(json!({"i": {"listingId": room, "start": "2026-12-02T10:00:00Z", "end": "2026-12-02T11:00:00Z", "idempotencyKey": "taken"}}))
            .token(&hub.provider).tenant("aurora").send().await.data();
        let courier = Recorder::default();
        pass(&app, &courier).await;

        let made = series(&app, &hub.member, wednesdays(&room, 5, "weekly")).await;
        let booked = ids(&made);
        assert_eq!(booked.len(), 3, "{made}");
        assert_eq!(made["skipped"].as_array().unwrap().len(), 2, "{made}");
        // A retry books nothing new and says nothing new.
        let again = series(&app, &hub.member, wednesdays(&room, 5, "weekly")).await;
        assert_eq!(ids(&again), booked);

        let courier = Recorder::default();
        pass(&app, &courier).await;
        assert_eq!(courier.sent().into_iter().map(|m| (m.0, m.1)).collect::<Vec<_>>(), [("series-created".to_owned(), "mimma@example.org".to_owned())], "one message, to the customer only");
        let message = of_kind(&courier, "series-created").remove(0);
        assert_eq!(message.locale, "en");
        assert_eq!(message.subject, "Your recurring booking is confirmed");
        let text = &message.text_body;
        assert!(text.contains("on these 3 dates:"), "{text}");
        for date in ["2026-11-25 11:00–12:00 (Europe/Rome)", "2026-12-09 11:00–12:00 (Europe/Rome)", "2026-12-23 11:00–12:00 (Europe/Rome)"] {
            assert!(text.contains(&format!("- {date}\n")), "{date} booked: {text}");
        }
        assert!(text.contains("2 dates could not be booked:"), "{text}");
        assert!(text.contains("- 2026-12-02 11:00–12:00 (Europe/Rome): This time is already fully booked."), "{text}");
        assert!(text.contains("- 2026-12-16 11:00–12:00 (Europe/Rome): It is closed at that time"), "{text}");
        assert!(message.html_body.contains("<li>2026-12-09 11:00–12:00 (Europe&#x2f;Rome)</li>"), "{}", message.html_body);

        let attachments = outbox::attachments_of(&message).map_err(|e| e.explain()).unwrap();
        let [file] = attachments.as_slice() else { panic!("one calendar file: {attachments:?}") };
        assert_eq!(file.content_type, "text/calendar; charset=utf-8; method=REQUEST");
        let calendar = parse(&file.content);
        assert_eq!(value(&calendar.properties, "METHOD"), "REQUEST");
        let uids: BTreeSet<String> = calendar.events.iter().map(|e| value(&e.properties, "UID").to_owned()).collect();
        let expected: BTreeSet<String> = booked.iter().map(|id| uid(id)).collect();
        assert_eq!(uids, expected);
        assert_eq!(calendar.events.len(), 3);
        // The same UID as the booking's own calendar entry.
        let (status, _, _, own) = get(&app, &format!("/bookings/{}.ics", booked[1]), Some((&hub.member, "aurora"))).await;
        assert_eq!(status, 200, "{own}");
        assert_eq!(value(&parse(&own).events[0].properties, "UID"), uid(&booked[1]));

        // Later, cancelling one occurrence is one message about it alone.
        let cancelled = app.gql("mutation($id: ID!) { cancelBooking(id: $id) { status } }").vars(json!({"id": booked[1]})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(cancelled.data()["cancelBooking"]["status"], "CANCELLED");
        let courier = Recorder::default();
        pass(&app, &courier).await;
        assert_eq!(courier.sent().into_iter().map(|m| (m.0, m.1)).collect::<Vec<_>>(), [("booking-cancelled".to_owned(), "mimma@example.org".to_owned())]);
        let message = of_kind(&courier, "booking-cancelled").remove(0);
        assert!(message.text_body.contains("2026-12-09 11:00–12:00"), "{}", message.text_body);
        let attachments = outbox::attachments_of(&message).map_err(|e| e.explain()).unwrap();
        let calendar = parse(&attachments[0].content);
        assert_eq!(value(&calendar.properties, "METHOD"), "CANCEL");
        assert_eq!(calendar.events.len(), 1);
        assert_eq!(value(&calendar.events[0].properties, "UID"), uid(&booked[1]));
    }
}

db_test! {
    async fn a_series_that_needs_approval_tells_the_customer_the_requests_wait_and_staff_get_each_request(app) {
        let hub = aurora(&app).await;
        another_hub(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "REQUEST", "capacity": 2})).await;
        let courier = Recorder::default();
        pass(&app, &courier).await;

        let made = series(&app, &hub.member, wednesdays(&room, 3, "asked")).await;
        let asked = ids(&made);
        assert_eq!(asked.len(), 3);
        assert!(made["bookings"].as_array().unwrap().iter().all(|b| b["status"] == "REQUESTED"), "{made}");
        let courier = Recorder::default();
        pass(&app, &courier).await;
        let to_customer: Vec<_> = courier.sent().into_iter().filter(|m| m.1 == "mimma@example.org").collect();
        assert_eq!(to_customer.len(), 1, "{to_customer:?}");
        let message = of_kind(&courier, "series-created").remove(0);
        assert_eq!(message.subject, "Your recurring booking requests were sent");
        assert!(message.text_body.contains("The requests wait for the hub's answer."), "{}", message.text_body);
        assert!(!message.text_body.contains("could not be booked"), "{}", message.text_body);
        assert_eq!(outbox::attachments_of(&message).map_err(|e| e.explain()).unwrap(), [], "nothing is in the calendar yet");
        let mut requests: Vec<String> = of_kind(&courier, "booking-requested").into_iter().map(|m| m.recipient).collect();
        requests.sort();
        assert_eq!(requests, ["paolo@example.org", "paolo@example.org", "paolo@example.org", "rita@example.org", "rita@example.org", "rita@example.org"]);
        assert!(courier.sent().iter().all(|m| m.1 != "nadia@example.org"), "another hub hears nothing");

        // Each request is answered on its own, and the customer hears of each.
        app.gql("mutation($id: ID!) { approveBooking(id: $id) { status } }").vars(json!({"id": asked[0]})).token(&hub.provider).tenant("aurora").send().await.data();
        let courier = Recorder::default();
        pass(&app, &courier).await;
        assert_eq!(courier.sent().into_iter().map(|m| (m.0, m.1)).collect::<Vec<_>>(), [("booking-confirmed".to_owned(), "mimma@example.org".to_owned())]);
        let message = of_kind(&courier, "booking-confirmed").remove(0);
        let attachments = outbox::attachments_of(&message).map_err(|e| e.explain()).unwrap();
        assert_eq!(value(&parse(&attachments[0].content).events[0].properties, "UID"), uid(&asked[0]));
    }
}

db_test! {
    async fn the_same_series_sent_twice_at_once_is_one_message_in_the_customers_own_language(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 1})).await;
        // Someone already has the third Wednesday.
        app.gql(catalogue::BOOK)
            .vars(json!({"i": {"listingId": room, "start": "2026-12-09T10:00:00Z", "end": "2026-12-09T11:00:00Z", "idempotencyKey": "taken"}}))
            .token(&hub.provider).tenant("aurora").send().await.data();
        app.gql("mutation($i: SignUpInput!) { signUp(input: $i) { id } }")
            .vars(json!({"i": {"email": "lucia@example.org", "password": crate::helpers::PASSWORD, "name": "Lucia", "locale": "IT"}}))
            .send().await.data();
        let lucia = app.log_in("lucia@example.org").await;
        app.add_member("aurora", &hub.manager, "lucia@example.org", "MEMBER").await;
        let courier = Recorder::default();
        pass(&app, &courier).await;

        // Two tabs send the same series at the same moment, asking in English.
        let send = || app.gql(SERIES).vars(wednesdays(&room, 3, "twice")).token(&lucia).tenant("aurora").language("en").send();
        let (a, b) = tokio::join!(send(), send());
        let (a, b) = (a.data()["createBookingSeries"].clone(), b.data()["createBookingSeries"].clone());
        assert_eq!(ids(&a), ids(&b), "one series, whoever came second");
        assert_eq!(ids(&a).len(), 2);
        assert_eq!(a["skipped"][0]["problem"]["code"], "CONFLICT");

        let courier = Recorder::default();
        pass(&app, &courier).await;
        let sent = of_kind(&courier, "series-created");
        assert_eq!(sent.len(), 1, "{:?}", courier.sent());
        assert_eq!(courier.sent().len(), 1, "{:?}", courier.sent());
        let message = &sent[0];
        assert_eq!((message.recipient.as_str(), message.locale.as_str()), ("lucia@example.org", "it"));
        assert_eq!(message.subject, "La tua prenotazione ricorrente è confermata");
        assert!(message.text_body.contains("per queste 2 date:"), "{}", message.text_body);
        assert!(message.text_body.contains("Una data non si è potuta prenotare:"), "{}", message.text_body);
        assert!(message.text_body.contains("- 2026-12-09 11:00–12:00 (Europe/Rome): Questo orario è già tutto prenotato."), "the reason in her language: {}", message.text_body);
        let attachments = outbox::attachments_of(message).map_err(|e| e.explain()).unwrap();
        assert_eq!(parse(&attachments[0].content).events.len(), 2);
    }
}

//! A change to a listing never strands held bookings: a smaller capacity or
//! shorter hours that would leave future bookings without room is refused
//! with `CONFLICT`, naming how many and the first, and changes nothing.

use serde_json::json;

use crate::catalogue::{self, HOURS, aurora, book};
use crate::db_test;

const UPDATE: &str =
    "mutation($id: ID!, $i: ListingInput!) { updateListing(id: $id, input: $i) { capacity } }";
const LISTING: &str = "query($id: ID!) { listing(id: $id) { capacity openingHours { rules { weekday opens closes } } } }";

db_test! {
    async fn a_smaller_capacity_under_held_bookings_is_refused_and_changes_nothing(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "REQUEST", "capacity": 3})).await;
        book(&app, &hub.member, &room, 10, 12, 1, "a").await.data();
        book(&app, &hub.provider, &room, 11, 13, 2, "b").await.data();
        let refused = app.gql(UPDATE).vars(json!({"id": room, "i": {"capacity": 2}})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(refused.code(), "CONFLICT");
        assert_eq!(refused.message_id(), "listing-strands-bookings");
        assert!(refused.message().contains("2 bookings"), "{}", refused.message());
        assert!(refused.message().contains("2026-11-25 11:00"), "the first, in the hub's time: {}", refused.message());
        let now = app.gql(LISTING).vars(json!({"id": room})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(now.data()["listing"]["capacity"], 3);
        // Three places still fit both; more is always fine.
        app.gql(UPDATE).vars(json!({"id": room, "i": {"capacity": 4}})).token(&hub.manager).tenant("aurora").send().await.data();
        app.gql(UPDATE).vars(json!({"id": room, "i": {"capacity": 3}})).token(&hub.manager).tenant("aurora").send().await.data();
    }
}

db_test! {
    async fn closing_hours_under_a_booking_is_refused_in_the_callers_language(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT"})).await;
        // Wednesday 25 November, 15:00-16:00 in Rome.
        book(&app, &hub.member, &room, 14, 15, 1, "late").await.data();
        let mornings = json!([{"weekday": "WEDNESDAY", "opens": "09:00", "closes": "13:00"}]);
        let refused = app.gql(HOURS).vars(json!({"id": room, "r": mornings})).token(&hub.manager).tenant("aurora").language("it").send().await;
        assert_eq!(refused.code(), "CONFLICT");
        assert_eq!(refused.message_id(), "listing-strands-bookings");
        assert!(refused.message().starts_with("Una prenotazione resterebbe"), "{}", refused.message());
        let now = app.gql(LISTING).vars(json!({"id": room})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(now.data()["listing"]["openingHours"]["rules"].as_array().unwrap().len(), 7, "hours unchanged");
        // Hours that still cover the booking are accepted; so is closing once it is cancelled.
        let afternoons = json!([{"weekday": "WEDNESDAY", "opens": "13:00", "closes": "18:00"}]);
        app.gql(HOURS).vars(json!({"id": room, "r": afternoons})).token(&hub.manager).tenant("aurora").send().await.data();
    }
}

db_test! {
    async fn bookings_in_the_past_or_cancelled_never_stand_in_the_way(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        let made = book(&app, &hub.member, &room, 10, 11, 2, "full").await;
        let id = made.data()["createBooking"]["id"].as_str().unwrap().to_owned();
        app.gql("mutation($id: ID!) { cancelBooking(id: $id) { status } }").vars(json!({"id": id})).token(&hub.member).tenant("aurora").send().await.data();
        app.gql(UPDATE).vars(json!({"id": room, "i": {"capacity": 1}})).token(&hub.manager).tenant("aurora").send().await.data();
        book(&app, &hub.member, &room, 12, 13, 1, "then").await.data();
        app.services.clock.advance(chrono::Duration::days(3));
        let closed = json!([{"weekday": "MONDAY", "opens": "09:00", "closes": "10:00"}]);
        app.gql(HOURS).vars(json!({"id": room, "r": closed})).token(&hub.manager).tenant("aurora").send().await.data();
    }
}

db_test! {
    async fn a_shorter_longest_booking_under_a_longer_one_is_refused_so_it_stays_counted(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 1})).await;
        // 09:00-14:00 UTC: five hours, within the default longest booking.
        book(&app, &hub.member, &room, 9, 14, 1, "long").await.data();
        let refused = app.gql(UPDATE).vars(json!({"id": room, "i": {"maxUnits": 1}})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(refused.code(), "CONFLICT", "{:?}", refused.error());
        assert_eq!(refused.message_id(), "listing-strands-bookings");
        assert!(refused.message().contains("longest booking"), "{}", refused.message());
        let in_italian = app.gql(UPDATE).vars(json!({"id": room, "i": {"maxUnits": 1}})).token(&hub.manager).tenant("aurora").language("it").send().await;
        assert_eq!(in_italian.code(), "CONFLICT");
        assert!(in_italian.message().contains("la durata massima attuale"), "{}", in_italian.message());
        // Nothing changed: the hour at 13:00 is still taken by the long booking.
        let taken = book(&app, &hub.provider, &room, 13, 14, 1, "inside").await;
        assert_eq!(taken.code(), "CONFLICT");
        assert_eq!(taken.message_id(), "booking-slot-taken");
        // A limit the booking still fits is accepted, and the booking still counts.
        app.gql(UPDATE).vars(json!({"id": room, "i": {"maxUnits": 5}})).token(&hub.manager).tenant("aurora").send().await.data();
        let still = book(&app, &hub.provider, &room, 13, 14, 1, "inside-again").await;
        assert_eq!(still.message_id(), "booking-slot-taken");
    }
}

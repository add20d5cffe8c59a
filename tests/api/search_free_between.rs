//! `freeBetween` reads only the bookings around the window, bounded below
//! by the longest booking any candidate can have: a booking that started
//! days before the window and still runs through it must keep its listing
//! out, and one that ended just before the window must not.

use serde_json::{Value, json};

use crate::catalogue::{self, BOOK, aurora};
use crate::db_test;
use crate::helpers::TestApp;

const FREE: &str = "query($s: DateTime!, $e: DateTime!) { listings(filter: {freeBetween: {start: $s, end: $e}}, sort: NEWEST, first: 100) { edges { node { title } } } }";
const SLOTS: &str = "query($l: ID!, $f: DateTime!, $t: DateTime!) { availability(listingId: $l, from: $f, to: $t) { start } }";

/// The window every question here asks about: Friday 27 November 2026,
/// 10:00–11:00 in Rome (the listings open 09:00–18:00 every day).
const WINDOW: (&str, &str) = ("2026-11-27T09:00:00Z", "2026-11-27T10:00:00Z");

async fn book_period(app: &TestApp, token: &str, listing: &str, start: &str, end: &str, key: &str) {
    let answer = app
        .gql(BOOK)
        .vars(json!({"i": {"listingId": listing, "start": start, "end": end, "quantity": 1, "idempotencyKey": key}}))
        .token(token)
        .tenant("aurora")
        .send()
        .await;
    assert_eq!(
        answer.data()["createBooking"]["status"],
        "CONFIRMED",
        "{key}"
    );
}

async fn free_titles(app: &TestApp, token: &str) -> Vec<String> {
    let answer = app
        .gql(FREE)
        .vars(json!({"s": WINDOW.0, "e": WINDOW.1}))
        .token(token)
        .tenant("aurora")
        .send()
        .await;
    let mut titles: Vec<String> = answer.data()["listings"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap().to_owned())
        .collect();
    titles.sort();
    titles
}

async fn slots(app: &TestApp, token: &str, listing: &str, (from, to): (&str, &str)) -> Vec<Value> {
    let answer = app
        .gql(SLOTS)
        .vars(json!({"l": listing, "f": from, "t": to}))
        .token(token)
        .tenant("aurora")
        .send()
        .await;
    answer.data()["availability"].as_array().unwrap().clone()
}

db_test! {
    async fn bookings_held_across_the_window_count_and_those_ended_before_it_do_not(app) {
        let hub = aurora(&app).await;
        let (m, coop, who) = (&hub.manager, &hub.cooperative, &hub.member);
        let days = |title: &str| json!({"title": title, "approvalMode": "INSTANT", "bookingUnit": {"kind": "DAY"}, "maxUnits": 7});
        let hours = |title: &str, after: i32| json!({"title": title, "approvalMode": "INSTANT", "bufferAfterMinutes": after});
        let long_stay = catalogue::published(&app, "aurora", m, coop, days("Foresteria lunga")).await;
        let short_stay = catalogue::published(&app, "aurora", m, coop, days("Foresteria breve")).await;
        let touching = catalogue::published(&app, "aurora", m, coop, hours("Sala a filo", 0)).await;
        let cleaned = catalogue::published(&app, "aurora", m, coop, hours("Sala da pulire", 60)).await;
        let untouched = catalogue::published(&app, "aurora", m, coop, hours("Sala libera", 0)).await;

        // Four days from Wednesday midnight in Rome: started 58 hours before
        // the window, longer than any hourly listing's longest booking.
        book_period(&app, who, &long_stay, "2026-11-24T23:00:00Z", "2026-11-28T23:00:00Z", "long").await;
        // Two days, ended at Friday midnight, nine hours before the window.
        book_period(&app, who, &short_stay, "2026-11-24T23:00:00Z", "2026-11-26T23:00:00Z", "short").await;
        // Ends the instant the window starts: touching is not overlapping.
        book_period(&app, who, &touching, "2026-11-27T08:00:00Z", WINDOW.0, "touching").await;
        // Ends there too, but an hour of cleaning after it reaches into the window.
        book_period(&app, who, &cleaned, "2026-11-27T08:00:00Z", WINDOW.0, "cleaned").await;

        assert_eq!(free_titles(&app, who).await, ["Foresteria breve", "Sala a filo", "Sala libera"]);
        // Availability reads the same bookings for one listing: Friday as a
        // whole day for the day listings, the window's hour for the others.
        let friday = ("2026-11-26T23:00:00Z", "2026-11-27T23:00:00Z");
        assert!(slots(&app, who, &long_stay, friday).await.is_empty(), "held across Friday");
        assert_eq!(slots(&app, who, &short_stay, friday).await.len(), 1);
        assert_eq!(slots(&app, who, &touching, WINDOW).await.len(), 1);
        assert!(slots(&app, who, &cleaned, WINDOW).await.is_empty(), "cleaning time");
        assert_eq!(slots(&app, who, &untouched, WINDOW).await.len(), 1);
    }
}

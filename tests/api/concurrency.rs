//! No overbooking under concurrency: many requests at once, two server
//! processes on one database, two managers approving at the same moment, one key raced across listings,
//! two workers sweeping at once.

use serde_json::json;
use tokio::task::JoinSet;

use crate::catalogue::{self, BOOK, aurora};
use crate::db_test;
use crate::second_server::{SecondServer, post};

/// Sends `n` bookings of the same last place, spread over `urls`; returns
/// how many were confirmed, and the error codes of the others.
async fn race_for_the_last_place(
    urls: &[String],
    token: &str,
    listing: &str,
    n: usize,
) -> (usize, Vec<String>) {
    let client = reqwest::Client::new();
    let mut racers = JoinSet::new();
    for i in 0..n {
        let body = json!({"query": BOOK, "variables": {"i": {
            "listingId": listing, "start": "2026-11-25T10:00:00Z", "end": "2026-11-25T11:00:00Z",
            "idempotencyKey": format!("racer-{i}"),
        }}});
        racers.spawn(post(
            client.clone(),
            urls[i % urls.len()].clone(),
            token.to_owned(),
            body,
        ));
    }
    let mut confirmed = 0;
    let mut codes = Vec::new();
    while let Some(answer) = racers.join_next().await {
        let answer = answer.expect("racer finished");
        if answer["data"]["createBooking"]["status"] == "CONFIRMED" {
            confirmed += 1;
        } else {
            codes.push(
                answer["errors"][0]["extensions"]["code"]
                    .as_str()
                    .unwrap_or("none")
                    .to_owned(),
            );
            assert_eq!(
                answer["errors"][0]["extensions"]["messageId"], "booking-slot-taken",
                "{answer}"
            );
        }
    }
    (confirmed, codes)
}

db_test! {
    async fn fifty_concurrent_requests_for_the_last_seat_confirm_exactly_one(app) {
        let hub = aurora(&app).await;
        let desks = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 3})).await;
        catalogue::book(&app, &hub.provider, &desks, 10, 11, 2, "first two").await.data();
        let (confirmed, codes) = race_for_the_last_place(&[app.url("/graphql")], &hub.member, &desks, 50).await;
        assert_eq!(confirmed, 1);
        assert_eq!(codes.len(), 49);
        assert!(codes.iter().all(|c| c == "CONFLICT"), "{codes:?}");
    }
}

db_test! {
    async fn two_server_processes_on_one_database_confirm_exactly_one(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT"})).await;
        let second = SecondServer::start(&app);
        let (confirmed, codes) = race_for_the_last_place(&[app.url("/graphql"), second.url.clone()], &hub.member, &room, 50).await;
        assert_eq!((confirmed, codes.len()), (1, 49));
        assert!(codes.iter().all(|c| c == "CONFLICT"), "{codes:?}");
    }
}

db_test! {
    async fn two_managers_approving_one_request_at_once_confirm_it_once(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "REQUEST", "capacity": 2})).await;
        let a = catalogue::book(&app, &hub.member, &room, 10, 12, 1, "a").await.data()["createBooking"]["id"].clone();
        app.sign_up("seconda@example.org", "Seconda").await;
        app.add_member("aurora", &hub.manager, "seconda@example.org", "MANAGER").await;
        let second_manager = app.log_in("seconda@example.org").await;
        let client = reqwest::Client::new();
        let approve = "mutation($id: ID!) { approveBooking(id: $id) { status } }";
        let mut approvals = JoinSet::new();
        for token in [hub.manager.clone(), second_manager] {
            approvals.spawn(post(client.clone(), app.url("/graphql"), token, json!({"query": approve, "variables": {"id": a}})));
        }
        let mut outcomes = Vec::new();
        while let Some(answer) = approvals.join_next().await {
            let answer = answer.unwrap();
            outcomes.push(answer["data"]["approveBooking"]["status"].as_str().map_or_else(
                || answer["errors"][0]["extensions"]["code"].as_str().unwrap_or("none").to_owned(),
                str::to_owned,
            ));
        }
        outcomes.sort();
        assert_eq!(outcomes, ["CONFIRMED", "CONFLICT"]);
    }
}

db_test! {
    async fn one_idempotency_key_sent_for_two_listings_at_once_is_refused_as_invalid_never_internal(app) {
        let hub = aurora(&app).await;
        let one = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT"})).await;
        let other = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT"})).await;
        let client = reqwest::Client::new();
        let mut racers = JoinSet::new();
        for n in 0..12 {
            let listing = if n % 2 == 0 { &one } else { &other };
            let body = json!({"query": BOOK, "variables": {"i": {
                "listingId": listing, "start": "2026-11-25T10:00:00Z", "end": "2026-11-25T11:00:00Z",
                "quantity": 1, "idempotencyKey": "the-same-key"}}});
            racers.spawn(post(client.clone(), app.url("/graphql"), hub.member.clone(), body));
        }
        let mut made = std::collections::BTreeSet::new();
        while let Some(answer) = racers.join_next().await {
            let answer = answer.unwrap();
            match answer["data"]["createBooking"]["id"].as_str() {
                Some(id) => {
                    made.insert(id.to_owned());
                }
                None => {
                    let error = &answer["errors"][0];
                    assert_eq!(error["extensions"]["code"], "VALIDATION", "{answer}");
                    assert_eq!(error["extensions"]["field"], "input.idempotencyKey", "{answer}");
                }
            }
        }
        assert_eq!(made.len(), 1, "one key, one booking: {made:?}");
    }
}

db_test! {
    async fn two_workers_sweeping_at_once_expire_each_request_once(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "REQUEST", "capacity": 20})).await;
        for n in 0..12 {
            catalogue::book(&app, &hub.member, &room, 10, 11, 1, &format!("k{n}")).await.data();
        }
        app.services.clock.advance(chrono::Duration::hours(49));
        let (one, two) = tokio::join!(
            portineria::bookings::worker::sweep(&app.services),
            portineria::bookings::worker::sweep(&app.services)
        );
        let (one, two) = (one.map_err(|e| e.explain()).unwrap(), two.map_err(|e| e.explain()).unwrap());
        assert_eq!(one.expired + two.expired, 12);
        let log = app.gql("{ auditLog(first: 100) { edges { node { action } } } }").token(&hub.manager).tenant("aurora").send().await;
        let expiries = log.data()["auditLog"]["edges"].as_array().unwrap().iter().filter(|e| e["node"]["action"] == "expire").count();
        assert_eq!(expiries, 12);
    }
}

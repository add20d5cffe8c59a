//! Who is asking is remembered between requests (`src/identity_cache.rs`),
//! but never past a change: a log-out, a role taken away, a hub setting, a
//! new member count from the very next request, in this process and in
//! another one on the same database.

use serde_json::{Value, json};

use crate::catalogue::{self, BOOK, aurora};
use crate::db_test;
use crate::helpers::TestApp;
use crate::second_server::{SecondServer, post};

/// Sends `query` to `url` in hub aurora with `token`.
async fn ask(url: &str, token: &str, query: &str, variables: Value) -> Value {
    let body = json!({"query": query, "variables": variables});
    post(
        reqwest::Client::new(),
        url.to_owned(),
        token.to_owned(),
        body,
    )
    .await
}

fn code(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("none")
}

async fn user_id(app: &TestApp, token: &str) -> String {
    ask(&app.url("/graphql"), token, "{ me { id } }", json!({})).await["data"]["me"]["id"]
        .as_str()
        .expect("an id")
        .to_owned()
}

const ROLE: &str = "{ me { name } hub { name viewerRole } }";

db_test! {
    async fn a_log_out_in_one_process_ends_the_session_in_the_other_at_once(app) {
        let hub = aurora(&app).await;
        let second = SecondServer::start(&app);
        for _ in 0..3 {
            let answer = ask(&second.url, &hub.member, ROLE, json!({})).await;
            assert_eq!(answer["data"]["hub"]["viewerRole"], "MEMBER", "{answer}");
        }
        let out = ask(&app.url("/graphql"), &hub.member, "mutation { logOut }", json!({})).await;
        assert_eq!(out["data"]["logOut"], true, "{out}");
        for url in [second.url.clone(), app.url("/graphql")] {
            let answer = ask(&url, &hub.member, ROLE, json!({})).await;
            assert_eq!(code(&answer), "UNAUTHENTICATED", "{answer}");
        }
    }
}

db_test! {
    async fn a_role_changed_in_one_process_counts_in_the_other_at_once(app) {
        let hub = aurora(&app).await;
        let second = SecondServer::start(&app);
        let paolo = user_id(&app, &hub.provider).await;
        let rooms = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({})).await;
        let approve = "mutation($id: ID!) { approveBooking(id: $id) { status } }";
        let first = catalogue::book(&app, &hub.member, &rooms, 10, 11, 1, "first").await;
        let first = first.data()["createBooking"]["id"].as_str().expect("id").to_owned();
        let answer = ask(&second.url, &hub.provider, ROLE, json!({})).await;
        assert_eq!(answer["data"]["hub"]["viewerRole"], "PROVIDER", "{answer}");

        let demoted = ask(
            &app.url("/graphql"),
            &hub.manager,
            "mutation($u: ID!) { changeMemberRole(userId: $u, role: MEMBER) { role } }",
            json!({"u": paolo}),
        )
        .await;
        assert_eq!(demoted["data"]["changeMemberRole"]["role"], "MEMBER", "{demoted}");
        let answer = ask(&second.url, &hub.provider, ROLE, json!({})).await;
        assert_eq!(answer["data"]["hub"]["viewerRole"], "MEMBER", "{answer}");
        // A member does not see other people's bookings at all.
        let refused = ask(&second.url, &hub.provider, approve, json!({"id": first})).await;
        assert_eq!(code(&refused), "NOT_FOUND", "{refused}");

        let removed = ask(
            &app.url("/graphql"),
            &hub.manager,
            "mutation($u: ID!) { removeMember(userId: $u) }",
            json!({"u": paolo}),
        )
        .await;
        assert_eq!(removed["data"]["removeMember"], paolo, "{removed}");
        let answer = ask(&second.url, &hub.provider, ROLE, json!({})).await;
        assert_eq!(answer["data"]["hub"]["viewerRole"], Value::Null, "{answer}");
    }
}

db_test! {
    async fn a_new_member_and_a_hub_setting_count_in_the_other_process_at_once(app) {
        let hub = aurora(&app).await;
        let (_, newcomer) = app.person("nuova@example.org").await;
        let second = SecondServer::start(&app);
        let answer = ask(&second.url, &newcomer, ROLE, json!({})).await;
        assert_eq!(answer["data"]["hub"]["viewerRole"], Value::Null, "{answer}");
        app.add_member("aurora", &hub.manager, "nuova@example.org", "MEMBER").await;
        let answer = ask(&second.url, &newcomer, ROLE, json!({})).await;
        assert_eq!(answer["data"]["hub"]["viewerRole"], "MEMBER", "{answer}");

        let rooms = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT"})).await;
        let book = |hour: u32, key: &str| json!({"i": {"listingId": rooms, "start": format!("2026-11-25T{hour:02}:00:00Z"),
            "end": format!("2026-11-25T{:02}:00:00Z", hour + 1), "idempotencyKey": key}});
        let booked = ask(&second.url, &newcomer, BOOK, book(10, "before")).await;
        assert_eq!(booked["data"]["createBooking"]["status"], "CONFIRMED", "{booked}");
        let set = ask(
            &app.url("/graphql"),
            &hub.manager,
            "mutation { updateHubSettings(input: {requireVerifiedEmail: true}) { requireVerifiedEmail } }",
            json!({}),
        )
        .await;
        assert_eq!(set["data"]["updateHubSettings"]["requireVerifiedEmail"], true, "{set}");
        let refused = ask(&second.url, &newcomer, BOOK, book(12, "after")).await;
        assert_eq!(code(&refused), "FORBIDDEN", "{refused}");
        assert_eq!(refused["errors"][0]["extensions"]["messageId"], "booking-email-not-verified", "{refused}");
    }
}

//! One-click answers to booking requests: the links in a request's email
//! show a page on `GET` (nothing changes), act on `POST`, once, as their
//! user, and say plainly why when they cannot.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::json;

use crate::catalogue::{self, Aurora, aurora, book};
use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};
use crate::notifications::{Recorder, pass};

/// The two links a person got for a request: (approve, decline) paths.
#[derive(Debug, Clone)]
struct Pair {
    approve: String,
    decline: String,
}

/// A request for aurora's room, Wednesday 25 November from `from` to `to`
/// (UTC hours); its id.
async fn request(app: &TestApp, hub: &Aurora, room: &str, from: u32, to: u32, key: &str) -> String {
    let asked = book(app, &hub.member, room, from, to, 1, key).await;
    assert_eq!(asked.data()["createBooking"]["status"], "REQUESTED");
    asked.data()["createBooking"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn room(app: &TestApp, hub: &Aurora) -> String {
    catalogue::published(
        app,
        "aurora",
        &hub.manager,
        &hub.cooperative,
        json!({"approvalMode": "REQUEST", "capacity": 1}),
    )
    .await
}

/// Sends what is due; the answer links each request email gave `email`,
/// in the order the emails were sent.
async fn links_for(app: &TestApp, courier: &Recorder, email: &str) -> Vec<Pair> {
    pass(app, courier).await;
    courier
        .sent
        .lock()
        .unwrap()
        .iter()
        .filter(|m| m.kind == "booking-requested" && m.recipient == email)
        .map(|m| {
            let paths: Vec<String> = m
                .text_body
                .lines()
                .filter_map(|line| line.find("/answer/").map(|at| line[at..].trim().to_owned()))
                .collect();
            assert_eq!(paths.len(), 2, "two links: {}", m.text_body);
            Pair {
                approve: paths[0].clone(),
                decline: paths[1].clone(),
            }
        })
        .collect()
}

async fn get(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = app.http().get(app.url(path)).send().await.unwrap();
    let status = response.status();
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    assert_eq!(response.headers()["cache-control"], "no-store");
    (status, response.text().await.unwrap())
}

async fn post(app: &TestApp, path: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
    let response = app
        .http()
        .post(app.url(path))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}

async fn status_of(app: &TestApp, token: &str, id: &str) -> String {
    let found = app
        .gql("query($id: ID!) { booking(id: $id) { status } }")
        .vars(json!({"id": id}))
        .token(token)
        .tenant("aurora")
        .send()
        .await;
    found.data()["booking"]["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The kinds of message queued for `email`, after planning.
async fn queued_for(app: &TestApp, email: &str) -> Vec<(String, String)> {
    portineria::notifications::planner::plan(&app.services)
        .await
        .map_err(|e| e.explain())
        .unwrap();
    let db = sea_orm::Database::connect(&app.database_url).await.unwrap();
    let rows = portineria::db::global::find::<portineria::entities::outbox_message::Entity>()
        .all(&db)
        .await
        .unwrap();
    db.close().await.unwrap();
    rows.into_iter()
        .filter(|m| m.recipient == email)
        .map(|m| (m.kind, m.text_body))
        .collect()
}

db_test! {
    async fn an_approve_link_asks_on_get_and_confirms_on_post_once(app) {
        let hub = aurora(&app).await;
        let room = room(&app, &hub).await;
        let id = request(&app, &hub, &room, 10, 12, "k").await;
        let courier = Recorder::default();
        let rita = links_for(&app, &courier, "rita@example.org").await;
        assert_eq!(rita.len(), 1);
        let paolo = links_for(&app, &courier, "paolo@example.org").await;
        assert_ne!(rita[0].approve, paolo[0].approve, "each person has their own links");

        // Opening it, twice, as a mail scanner would: a page, nothing changes.
        for _ in 0..2 {
            let (status, page) = get(&app, &rita[0].approve).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            assert!(page.contains("Approve this booking request?"), "{page}");
            assert!(page.contains("Hub aurora") && page.contains("Sala del camino") && page.contains("mimma"), "{page}");
            assert!(page.contains("2026-11-25 11:00–13:00 (Europe/Rome)"), "the hub's clock: {page}");
            assert!(page.contains("<form method=\"post\">") && !page.contains("<textarea"), "{page}");
            assert_eq!(status_of(&app, &hub.manager, &id).await, "REQUESTED");
        }
        assert!(!queued_for(&app, "mimma@example.org").await.iter().any(|(kind, _)| kind == "booking-confirmed"));

        let (status, page) = post(&app, &rita[0].approve, &[]).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("Request approved"), "{page}");
        assert_eq!(status_of(&app, &hub.manager, &id).await, "CONFIRMED");
        let audit = app.gql("query($id: ID!) { booking(id: $id) { status } }").vars(json!({"id": id})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(audit.data()["booking"]["status"], "CONFIRMED", "the customer sees it too");
        let told = queued_for(&app, "mimma@example.org").await;
        assert!(told.iter().any(|(kind, _)| kind == "booking-confirmed"), "the customer hears of it: {told:?}");

        // Once only, and the sibling link is spent with it.
        let (again, page) = post(&app, &rita[0].approve, &[]).await;
        assert_eq!(again, StatusCode::GONE, "{page}");
        assert!(page.contains("This link was already used"), "{page}");
        let (sibling, page) = get(&app, &rita[0].decline).await;
        assert_eq!(sibling, StatusCode::GONE, "{page}");
        let (sibling, _) = post(&app, &rita[0].decline, &[("reason", "changed my mind")]).await;
        assert_eq!(sibling, StatusCode::GONE);
        assert_eq!(status_of(&app, &hub.manager, &id).await, "CONFIRMED");
        // Paolo's links are not spent, but the request no longer waits.
        let (late, page) = post(&app, &paolo[0].decline, &[]).await;
        assert_eq!(late, StatusCode::CONFLICT, "{page}");
        assert!(page.contains("no longer waiting"), "{page}");
        assert_eq!(status_of(&app, &hub.manager, &id).await, "CONFIRMED");
    }
}

db_test! {
    async fn each_link_leads_to_its_own_booking_and_a_decline_carries_its_reason(app) {
        let hub = aurora(&app).await;
        let room = room(&app, &hub).await;
        let morning = request(&app, &hub, &room, 8, 9, "morning").await;
        let afternoon = request(&app, &hub, &room, 14, 15, "afternoon").await;
        let courier = Recorder::default();
        let links = links_for(&app, &courier, "paolo@example.org").await;
        assert_eq!(links.len(), 2);
        let (_, first) = get(&app, &links[0].decline).await;
        let (_, second) = get(&app, &links[1].decline).await;
        assert!(first.contains("09:00–10:00") && second.contains("15:00–16:00"), "{first}\n{second}");
        assert!(first.contains("Decline this booking request?") && first.contains("<textarea id=\"reason\" name=\"reason\""), "{first}");

        // The provider declines the morning with a reason (lines joined), the afternoon without.
        let (status, page) = post(&app, &links[0].decline, &[("reason", "  Sala già\r\noccupata  ")]).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("Request declined"), "{page}");
        let (status, _) = post(&app, &links[1].decline, &[("reason", "   ")]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(status_of(&app, &hub.manager, &morning).await, "DECLINED");
        assert_eq!(status_of(&app, &hub.manager, &afternoon).await, "DECLINED");
        pass(&app, &courier).await;
        let sent = courier.sent.lock().unwrap().clone();
        let declined: Vec<_> = sent.iter().filter(|m| m.kind == "booking-declined" && m.recipient == "mimma@example.org").collect();
        assert_eq!(declined.len(), 2);
        assert!(declined.iter().any(|m| m.text_body.contains("The reason given: Sala già occupata.")), "{declined:?}");
        assert!(declined.iter().any(|m| !m.text_body.contains("The reason given") && m.text_body.contains("was declined. Nothing was charged.")), "{declined:?}");
    }
}

db_test! {
    async fn an_expired_link_and_a_forged_one_say_so_and_change_nothing(app) {
        let hub = aurora(&app).await;
        let room = room(&app, &hub).await;
        let id = request(&app, &hub, &room, 10, 12, "k").await;
        let courier = Recorder::default();
        let links = links_for(&app, &courier, "rita@example.org").await;
        let approve = links[0].approve.clone();
        let token = approve.trim_start_matches("/answer/").to_owned();

        // Forged: garbage, our shape with another secret, another hub's id.
        let hub_part = &token[..32];
        let forged_secret = format!("/answer/{hub_part}-{}", "0".repeat(64));
        let other_hub = format!("/answer/{}{}", "f".repeat(32), &token[32..]);
        for path in ["/answer/garbage", "/answer/%3Cscript%3E", forged_secret.as_str(), other_hub.as_str()] {
            let (status, page) = get(&app, path).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {page}");
            assert!(page.contains("This link does not work"), "{page}");
            let (status, _) = post(&app, path, &[]).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        }
        // Unknown links answer in the browser's language.
        let italian = app.http().get(app.url(&forged_secret)).header("accept-language", "it").send().await.unwrap();
        assert!(italian.text().await.unwrap().contains("Questo link non funziona"));

        // The request would expire in 48 hours: the link with it.
        app.services.clock.advance(Duration::hours(48) + Duration::seconds(1));
        let (status, page) = get(&app, &approve).await;
        assert_eq!(status, StatusCode::GONE, "{page}");
        assert!(page.contains("This link has expired"), "{page}");
        let (status, _) = post(&app, &approve, &[]).await;
        assert_eq!(status, StatusCode::GONE);
        assert_eq!(status_of(&app, &hub.manager, &id).await, "REQUESTED", "not swept yet, and not approved");
    }
}

db_test! {
    async fn a_request_answered_in_the_api_meanwhile_is_no_longer_waiting(app) {
        let hub = aurora(&app).await;
        let room = room(&app, &hub).await;
        let id = request(&app, &hub, &room, 10, 12, "k").await;
        let courier = Recorder::default();
        let links = links_for(&app, &courier, "rita@example.org").await;
        let approved = app.gql("mutation($id: ID!) { approveBooking(id: $id) { status } }").vars(json!({"id": id})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(approved.data()["approveBooking"]["status"], "CONFIRMED");
        let (status, page) = get(&app, &links[0].decline).await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        let (status, page) = post(&app, &links[0].decline, &[("reason", "too late")]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        assert!(page.contains("Nothing was changed."), "{page}");
        assert_eq!(status_of(&app, &hub.manager, &id).await, "CONFIRMED");
    }
}

db_test! {
    async fn a_demoted_manager_and_a_provider_who_left_are_refused(app) {
        let hub = aurora(&app).await;
        let (nadia_id, _) = app.person("nadia@example.org").await;
        app.add_member("aurora", &hub.manager, "nadia@example.org", "MANAGER").await;
        let room = room(&app, &hub).await;
        let id = request(&app, &hub, &room, 10, 12, "k").await;
        let courier = Recorder::default();
        let nadia = links_for(&app, &courier, "nadia@example.org").await;
        let paolo = links_for(&app, &courier, "paolo@example.org").await;

        let demoted = app.gql("mutation($u: ID!) { changeMemberRole(userId: $u, role: MEMBER) { role } }").vars(json!({"u": nadia_id})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(demoted.data()["changeMemberRole"]["role"], "MEMBER");
        let me = app.gql("{ me { id } }").token(&hub.provider).send().await;
        let paolo_id = me.data()["me"]["id"].as_str().unwrap().to_owned();
        let left = app.gql("mutation($o: ID!, $u: ID!) { removeOrganizationMember(organizationId: $o, userId: $u) { id } }").vars(json!({"o": hub.cooperative, "u": paolo_id})).token(&hub.manager).tenant("aurora").send().await;
        left.data();

        for path in [&nadia[0].approve, &paolo[0].approve] {
            let (status, page) = get(&app, path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
            assert!(page.contains("You can no longer answer this request"), "{page}");
            assert!(!page.contains("mimma"), "a refused page names nobody: {page}");
            let (status, _) = post(&app, path, &[]).await;
            assert_eq!(status, StatusCode::FORBIDDEN);
        }
        assert_eq!(status_of(&app, &hub.manager, &id).await, "REQUESTED");
        // Refusals spend nothing: once a manager again, Nadia's link works.
        app.gql("mutation($u: ID!) { changeMemberRole(userId: $u, role: MANAGER) { role } }").vars(json!({"u": nadia_id})).token(&hub.manager).tenant("aurora").send().await.data();
        let (status, page) = post(&app, &nadia[0].approve, &[]).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(status_of(&app, &hub.manager, &id).await, "CONFIRMED");
    }
}

db_test! {
    async fn two_answers_at_once_act_exactly_once(app) {
        let hub = aurora(&app).await;
        let room = room(&app, &hub).await;
        let same = request(&app, &hub, &room, 8, 9, "same").await;
        let rival = request(&app, &hub, &room, 14, 15, "rival").await;
        let courier = Recorder::default();
        let rita = links_for(&app, &courier, "rita@example.org").await;
        let paolo = links_for(&app, &courier, "paolo@example.org").await;

        // The same link posted twice at once.
        let (a, b) = tokio::join!(post(&app, &rita[0].approve, &[]), post(&app, &rita[0].approve, &[]));
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::GONE], "{a:?} {b:?}");
        assert_eq!(status_of(&app, &hub.manager, &same).await, "CONFIRMED");

        // Two people answering the other request differently at once.
        let (a, b) = tokio::join!(
            post(&app, &rita[1].approve, &[]),
            post(&app, &paolo[1].decline, &[("reason", "no")])
        );
        let oks = [a.0, b.0].iter().filter(|s| **s == StatusCode::OK).count();
        assert_eq!(oks, 1, "{a:?} {b:?}");
        assert!([a.0, b.0].contains(&StatusCode::CONFLICT), "{a:?} {b:?}");
        let ended = status_of(&app, &hub.manager, &rival).await;
        assert_eq!(ended, if a.0 == StatusCode::OK { "CONFIRMED" } else { "DECLINED" });
        // One answer each, so one message each to the customer.
        let told = queued_for(&app, "mimma@example.org").await;
        let answers = told.iter().filter(|(kind, _)| kind == "booking-confirmed" || kind == "booking-declined").count();
        assert_eq!(answers, 2, "{told:?}");
    }
}

db_test! {
    async fn an_italian_manager_reads_italian(app) {
        let hub = aurora(&app).await;
        app.gql("mutation($i: SignUpInput!) { signUp(input: $i) { id } }")
            .vars(json!({"i": {"email": "bea@example.org", "password": PASSWORD, "name": "Bea", "locale": "IT"}}))
            .send().await.data();
        app.add_member("aurora", &hub.manager, "bea@example.org", "MANAGER").await;
        let room = room(&app, &hub).await;
        request(&app, &hub, &room, 10, 12, "k").await;
        let courier = Recorder::default();
        let links = links_for(&app, &courier, "bea@example.org").await;
        let mail = courier.sent.lock().unwrap().iter().find(|m| m.recipient == "bea@example.org" && m.kind == "booking-requested").unwrap().clone();
        assert!(mail.text_body.contains("Accetta la richiesta") && mail.text_body.contains("Rifiuta la richiesta"), "{}", mail.text_body);
        // Whatever the browser says: the page speaks the link's user's language.
        let page = app.http().get(app.url(&links[0].decline)).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(page.contains("<html lang=\"it\">"), "{page}");
        assert!(page.contains("Vuoi rifiutare questa richiesta di prenotazione?") && page.contains("Sì, rifiuta la richiesta"), "{page}");
        let (status, done) = post(&app, &links[0].decline, &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(done.contains("Richiesta rifiutata"), "{done}");
        let (status, used) = post(&app, &links[0].decline, &[]).await;
        assert_eq!(status, StatusCode::GONE);
        assert!(used.contains("Questo link è già stato usato"), "{used}");
    }
}

db_test! {
    async fn a_hostile_reason_is_escaped_or_refused_with_a_plain_page(app) {
        let hub = aurora(&app).await;
        let room = room(&app, &hub).await;
        let id = request(&app, &hub, &room, 10, 12, "k").await;
        let courier = Recorder::default();
        let links = links_for(&app, &courier, "rita@example.org").await;
        let decline = &links[0].decline;

        // 100 KB: refused before it is read, in the link's language.
        let huge = "<b>".repeat(100 * 1024 / 3);
        let (status, page) = post(&app, decline, &[("reason", huge.as_str())]).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{page}");
        assert!(page.contains("at most 1000 characters") && !page.contains("<b>"), "{page}");
        // Small enough to read, too long to keep.
        let long = "x".repeat(1001);
        let (status, page) = post(&app, decline, &[("reason", long.as_str())]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
        assert!(page.contains("Please use at most 1000 characters."), "{page}");
        assert_eq!(status_of(&app, &hub.manager, &id).await, "REQUESTED", "nothing changed, the link still works");

        let hostile = "<script>alert(1)</script> & \"friends\"";
        let (status, page) = post(&app, decline, &[("reason", hostile)]).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(!page.contains("<script>"), "{page}");
        assert_eq!(status_of(&app, &hub.manager, &id).await, "DECLINED");
        pass(&app, &courier).await;
        let sent = courier.sent.lock().unwrap().clone();
        let told = sent.iter().find(|m| m.kind == "booking-declined").unwrap();
        assert!(told.text_body.contains(hostile), "the words as typed: {}", told.text_body);
        assert!(!told.html_body.contains("<script>") && told.html_body.contains("&lt;script&gt;"), "{}", told.html_body);
    }
}

db_test! {
    async fn the_pages_run_no_script_and_obey_the_strict_policy(app) {
        let hub = aurora(&app).await;
        let room = room(&app, &hub).await;
        request(&app, &hub, &room, 10, 12, "k").await;
        let courier = Recorder::default();
        let links = links_for(&app, &courier, "rita@example.org").await;
        let response = app.http().get(app.url(&links[0].decline)).send().await.unwrap();
        let csp = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert!(csp.contains("default-src 'none'") && csp.contains("form-action 'self'"), "{csp}");
        assert_eq!(response.headers()["x-frame-options"], "DENY");
        let page = response.text().await.unwrap();
        assert!(!page.contains("<script") && !page.contains("style=") && !page.contains("action="), "{page}");
    }
}

//! Mail preferences and one-click unsubscribe: a person turns reminders or
//! digests off in GraphQL or from the link in the email (RFC 8058), and
//! nothing of that category is queued for them any more, while messages
//! about their bookings still go.

use std::time::Duration;

use portineria::entities::outbox_message;
use serde_json::json;

use crate::catalogue::{self, aurora, book};
use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};
use crate::notifications::{Recorder, pass};
use crate::reminders::{of_kind, travel_to, utc};
use crate::smtp_server::MailDev;

const PREFERENCES: &str = "{ me { mailPreferences { reminders digests } } }";
const SET: &str = "mutation($r: Boolean, $d: Boolean) { setMailPreferences(reminders: $r, digests: $d) { reminders digests } }";

/// The address of `message`'s unsubscribe link on the test server.
fn unsubscribe_url(app: &TestApp, message: &outbox_message::Model) -> String {
    let link = message
        .list_unsubscribe
        .as_deref()
        .expect("an unsubscribe link");
    let path = &link[link.find("/unsubscribe/").expect("its path")..];
    app.url(path)
}

/// Books a room for Wednesday as mimma and moves the clock to Tuesday,
/// when its reminder is due; the reminder queued, if any.
async fn reminder_for(
    app: &TestApp,
    member: &str,
    room: &str,
    key: &str,
) -> Option<outbox_message::Model> {
    book(app, member, room, 10, 12, 1, key).await.data();
    travel_to(app, utc(2026, 11, 24, 10, 30));
    pass(app, &Recorder::default()).await;
    of_kind(app, "booking-reminder").await.pop()
}

async fn preferences(app: &TestApp, token: &str) -> serde_json::Value {
    app.gql(PREFERENCES).token(token).send().await.data()["me"]["mailPreferences"].clone()
}

db_test! {
    async fn mail_preferences_need_sign_in_and_change_only_what_is_named(app) {
        let anonymous = app.gql(PREFERENCES).send().await;
        assert_eq!(anonymous.code(), "UNAUTHENTICATED");
        let anonymous = app.gql(SET).vars(json!({"r": false})).send().await;
        assert_eq!(anonymous.code(), "UNAUTHENTICATED");
        let forged = app.gql(SET).vars(json!({"r": false})).token("ptn_0000000000000000000000000000000000000000000000000000000000000000").language("it").send().await;
        assert_eq!(forged.code(), "UNAUTHENTICATED");
        let (_, token) = app.person("mimma@example.org").await;
        assert_eq!(preferences(&app, &token).await, json!({"reminders": true, "digests": true}), "on until turned off");
        let set = app.gql(SET).vars(json!({"r": false})).token(&token).send().await;
        assert_eq!(set.data()["setMailPreferences"], json!({"reminders": false, "digests": true}));
        let set = app.gql(SET).vars(json!({"d": false})).token(&token).send().await;
        assert_eq!(set.data()["setMailPreferences"], json!({"reminders": false, "digests": false}));
        let set = app.gql(SET).vars(json!({"r": true})).token(&token).send().await;
        assert_eq!(set.data()["setMailPreferences"], json!({"reminders": true, "digests": false}));
        assert_eq!(preferences(&app, &token).await, json!({"reminders": true, "digests": false}));
        // Someone else's choices stay their own, even from their hub's manager.
        let (_, other) = app.person("paolo@example.org").await;
        assert_eq!(preferences(&app, &other).await, json!({"reminders": true, "digests": true}));
        app.create_hub("aurora", "paolo@example.org").await;
        app.add_member("aurora", &other, "mimma@example.org", "MEMBER").await;
        let peek = app.gql("{ hub { members { nodes { user { email mailPreferences { reminders } } } } } }").token(&other).tenant("aurora").send().await;
        assert_eq!(peek.code(), "FORBIDDEN", "{:?}", peek.error());
        assert_eq!(peek.message_id(), "error-mail-preferences-not-yours");
    }
}

db_test! {
    async fn two_requests_changing_different_choices_at_once_both_count(app) {
        let (_, token) = app.person("mimma@example.org").await;
        let first = app.gql(SET).vars(json!({"r": false})).token(&token).send();
        let second = app.gql(SET).vars(json!({"d": false})).token(&token).send();
        let (first, second) = tokio::join!(first, second);
        first.data();
        second.data();
        assert_eq!(preferences(&app, &token).await, json!({"reminders": false, "digests": false}));
    }
}

db_test! {
    async fn with_reminders_off_the_confirmation_still_goes_and_no_reminder_is_queued(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        app.gql(SET).vars(json!({"r": false})).token(&hub.member).send().await.data();
        assert!(reminder_for(&app, &hub.member, &room, "k").await.is_none());
        assert_eq!(of_kind(&app, "booking-confirmed").await.len(), 1, "a booking's confirmation always goes");
    }
}

db_test! {
    async fn the_unsubscribe_link_asks_on_get_and_turns_reminders_off_on_a_one_click_post(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        let reminder = reminder_for(&app, &hub.member, &room, "k").await.expect("a reminder");
        let url = unsubscribe_url(&app, &reminder);

        // A scanner following the link changes nothing.
        for _ in 0..2 {
            let page = app.http().get(&url).send().await.unwrap();
            assert_eq!(page.status(), 200);
            assert!(page.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
            let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
            assert!(csp.contains("form-action 'self'") && !csp.contains("script-src"), "{csp}");
            let html = page.text().await.unwrap();
            assert!(html.contains("<form method=\"post\">"), "{html}");
            assert!(html.contains("stop getting a reminder the day before each booking"), "{html}");
            assert!(!html.contains("<script"), "{html}");
        }
        assert_eq!(preferences(&app, &hub.member).await, json!({"reminders": true, "digests": true}));

        // The mail program's one-click POST (RFC 8058).
        for _ in 0..2 {
            let done = app.http().post(&url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click")
                .send().await.unwrap();
            assert_eq!(done.status(), 200);
            let html = done.text().await.unwrap();
            assert!(html.contains("you will not get reminders any more"), "{html}");
        }
        assert_eq!(preferences(&app, &hub.member).await, json!({"reminders": false, "digests": true}), "only that category");

        // The next booking gets no reminder.
        let room2 = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2, "title": "Laboratorio"})).await;
        let booked = app.gql(catalogue::BOOK).vars(json!({"i": {"listingId": room2, "start": "2026-11-26T10:00:00Z", "end": "2026-11-26T11:00:00Z", "quantity": 1, "idempotencyKey": "later"}})).token(&hub.member).tenant("aurora").send().await;
        booked.data();
        travel_to(&app, utc(2026, 11, 25, 10, 30));
        pass(&app, &Recorder::default()).await;
        assert_eq!(of_kind(&app, "booking-reminder").await.len(), 1, "still only the first");

        // Unknown and malformed links: a plain 404, nothing else.
        let unknown = app.url("/unsubscribe/ptn_00000000000000000000000000000000000000000000000000000000000000ff");
        for url in [unknown, app.url("/unsubscribe/garbage"), app.url("/unsubscribe/%3Cscript%3E")] {
            let get = app.http().get(&url).send().await.unwrap();
            assert_eq!(get.status(), 404, "{url}");
            let html = get.text().await.unwrap();
            assert!(html.contains("This link does not work"), "{html}");
            assert!(!html.contains("<script>"));
            let post = app.http().post(&url).body("List-Unsubscribe=One-Click").send().await.unwrap();
            assert_eq!(post.status(), 404, "{url}");
        }
    }
}

db_test! {
    async fn an_italian_recipient_gets_the_email_and_the_page_in_italian(app) {
        let hub = aurora(&app).await;
        let signed_up = app.gql("mutation($i: SignUpInput!) { signUp(input: $i) { id } }")
            .vars(json!({"i": {"email": "giulia@example.org", "password": PASSWORD, "name": "Giulia", "locale": "IT"}}))
            .send().await;
        signed_up.data();
        let giulia = app.log_in("giulia@example.org").await;
        app.add_member("aurora", &hub.manager, "giulia@example.org", "MEMBER").await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        let reminder = reminder_for(&app, &giulia, &room, "k").await.expect("a reminder");
        assert_eq!(reminder.subject, "Promemoria: la tua prenotazione si avvicina");
        assert!(reminder.text_body.contains("Non vuoi più i promemoria? Disattivali con un clic:"), "{}", reminder.text_body);
        let url = unsubscribe_url(&app, &reminder);
        // Her language, whatever the browser says.
        let page = app.http().get(&url).header("accept-language", "en").send().await.unwrap();
        let html = page.text().await.unwrap();
        assert!(html.contains("<html lang=\"it\">"), "{html}");
        assert!(html.contains("Sì, non inviarle più"), "{html}");
        let done = app.http().post(&url).body("List-Unsubscribe=One-Click").send().await.unwrap();
        assert!(done.text().await.unwrap().contains("Fatto: non riceverai più promemoria."));
        // An unknown link answers in the browser's language.
        let unknown = app.http().get(app.url("/unsubscribe/nope")).header("accept-language", "it").send().await.unwrap();
        assert_eq!(unknown.status(), 404);
        assert!(unknown.text().await.unwrap().contains("Questo link non funziona."));
    }
}

db_test! {
    async fn a_reminder_read_back_through_maildev_carries_the_one_click_headers(backend: Backend) {
        let Some(maildev) = MailDev::start().await else { return };
        let ca = maildev.ca_file().display().to_string();
        let url = maildev.smtp_url();
        let Some(app) = TestApp::spawn_with(backend, &[("PORTINERIA_SMTP_URL", &url), ("PORTINERIA_SMTP_CA_FILE", &ca)]).await else { return };
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        app.discard_mail().await;
        book(&app, &hub.member, &room, 10, 12, 1, "k").await.data();
        travel_to(&app, utc(2026, 11, 24, 10, 30));
        let delivered = portineria::notifications::delivery::pass(&app.services, &app.mailer).await.map_err(|e| e.explain()).unwrap();
        assert_eq!(delivered.sent, 2, "the confirmation and the reminder");
        let messages = maildev.wait_for(2, Duration::from_secs(10)).await;
        let stored = of_kind(&app, "booking-reminder").await.pop().unwrap();
        let link = stored.list_unsubscribe.clone().unwrap();
        let reminder = messages.iter().find(|m| m["subject"] == stored.subject.as_str()).expect("the reminder arrived");
        let source = maildev.source(reminder["id"].as_str().unwrap()).await;
        let headers = source.split("\r\n\r\n").next().unwrap();
        assert!(headers.contains(&format!("\r\nList-Unsubscribe: <{link}>\r\n")), "{headers}");
        assert!(headers.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), "{headers}");
        let confirmation = messages.iter().find(|m| m["subject"] != stored.subject.as_str()).unwrap();
        let source = maildev.source(confirmation["id"].as_str().unwrap()).await;
        assert!(!source.contains("List-Unsubscribe"), "a confirmation cannot be unsubscribed from");
        assert!(reminder["text"].as_str().unwrap().contains(&link));
        // The link the mail program would POST to works.
        let done = app.http().post(unsubscribe_url(&app, &stored)).body("List-Unsubscribe=One-Click").send().await.unwrap();
        assert_eq!(done.status(), 200);
        assert_eq!(preferences(&app, &hub.member).await["reminders"], false);
    }
}

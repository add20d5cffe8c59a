//! Verified email addresses: the welcome email's link confirms the address
//! once, a new link can be asked for, and a hub can take bookings only
//! from people who confirmed theirs.

use std::time::Duration as StdDuration;

use chrono::Duration;
use serde_json::{Value, json};

use crate::catalogue::{self, aurora, book};
use crate::db_test;
use crate::helpers::{GqlResponse, TestApp};
use crate::signin::{deliver, token_in};
use crate::smtp_server::MailDev;

const ME: &str = "{ me { email emailVerified } }";
const VERIFY: &str = "mutation($t: String!) { verifyEmail(token: $t) { email emailVerified } }";
const RESEND: &str = "mutation { resendVerificationEmail }";
const SETTINGS: &str = "mutation($r: Boolean) { updateHubSettings(input: {requireVerifiedEmail: $r}) { slug requireVerifiedEmail } }";
const SERIES: &str =
    "mutation($i: BookingSeriesInput!) { createBookingSeries(input: $i) { bookings { status } } }";
const MINE: &str = "{ myBookings { edges { node { id } } } }";

async fn verify(app: &TestApp, token: &str) -> GqlResponse {
    app.gql(VERIFY).vars(json!({"t": token})).send().await
}

async fn verified(app: &TestApp, bearer: &str) -> Value {
    app.gql(ME).token(bearer).send().await.data()["me"]["emailVerified"].clone()
}

/// Asks for a new link as `bearer` and answers its token, sent to `to`.
async fn new_link(app: &TestApp, bearer: &str, to: &str) -> String {
    let asked = app.gql(RESEND).token(bearer).send().await;
    assert_eq!(asked.data()["resendVerificationEmail"], true);
    token_in(&deliver(app).await, to).expect("a new link")
}

/// Two Wednesdays of `room`, 10:00–11:00Z from 25 November 2026.
async fn two_wednesdays(app: &TestApp, bearer: &str, room: &str, key: &str) -> GqlResponse {
    let input = json!({"i": {"listingId": room, "start": "2026-11-25T10:00:00Z", "end": "2026-11-25T11:00:00Z",
        "recurrence": {"weekdays": ["WEDNESDAY"], "count": 2}, "skipConflicts": false, "idempotencyKey": key}});
    app.gql(SERIES)
        .vars(input)
        .token(bearer)
        .tenant("aurora")
        .send()
        .await
}

db_test! {
    async fn signing_up_sends_one_welcome_whose_link_confirms_the_address_once(app) {
        let (_, ada) = app.person("ada@example.org").await;
        assert_eq!(verified(&app, &ada).await, false);
        let sent = deliver(&app).await;
        assert_eq!(sent.len(), 1, "one welcome");
        let welcome = &sent[0];
        assert_eq!((welcome.kind.as_str(), welcome.recipient.as_str()), ("welcome", "ada@example.org"));
        assert_eq!(welcome.subject, "Welcome to portineria");
        assert!(welcome.text_body.contains("Hello ada,"), "{}", welcome.text_body);
        assert!(welcome.text_body.contains("for 48 hours"), "{}", welcome.text_body);
        assert!(welcome.text_body.contains("/verify-email?token=ptn_"), "{}", welcome.text_body);
        let token = token_in(&sent, "ada@example.org").unwrap();

        let done = verify(&app, &token).await;
        assert_eq!(done.data()["verifyEmail"], json!({"email": "ada@example.org", "emailVerified": true}));
        assert_eq!(verified(&app, &ada).await, true);

        let again = verify(&app, &token).await;
        assert_eq!((again.code(), again.field(), again.message_id()), ("VALIDATION", "token", "verify-link-unusable"));
        let italian = app.gql(VERIFY).vars(json!({"t": token})).language("it").send().await;
        assert!(italian.message().starts_with("Questo link di conferma non funziona più"), "{}", italian.message());
        for forged in ["ptn_forged", "", &format!("{token}x")] {
            assert_eq!(verify(&app, forged).await.message_id(), "verify-link-unusable", "{forged:?}");
        }
        assert_eq!(deliver(&app).await.len(), 0, "nothing more is sent");
    }
}

db_test! {
    async fn an_expired_or_misused_link_is_refused_and_confirms_nothing(app) {
        let (_, ada) = app.person("ada@example.org").await;
        let token = token_in(&deliver(&app).await, "ada@example.org").unwrap();
        // A verification link is no sign-in link, and a sign-in link no verification link.
        let sign_in = app.gql("mutation($t: String!) { signInWithLink(token: $t) { token } }").vars(json!({"t": token})).send().await;
        assert_eq!(sign_in.message_id(), "link-unusable");
        app.gql("mutation { requestMagicLink(email: \"ada@example.org\") }").send().await.data();
        let magic = token_in(&deliver(&app).await, "ada@example.org").unwrap();
        assert_eq!(verify(&app, &magic).await.message_id(), "verify-link-unusable");

        app.services.clock.advance(Duration::hours(48) + Duration::minutes(1));
        let late = verify(&app, &token).await;
        assert_eq!((late.code(), late.message_id()), ("VALIDATION", "verify-link-unusable"));
        assert_eq!(verified(&app, &ada).await, false, "an expired link changes nothing");
    }
}

db_test! {
    async fn the_link_confirms_its_own_account_whoever_follows_it(app) {
        let (_, ada) = app.person("ada@example.org").await;
        let (_, bruno) = app.person("bruno@example.org").await;
        let sent = deliver(&app).await;
        let adas = token_in(&sent, "ada@example.org").unwrap();
        let followed = app.gql(VERIFY).vars(json!({"t": adas})).token(&bruno).send().await;
        assert_eq!(followed.data()["verifyEmail"]["email"], "ada@example.org");
        assert_eq!(verified(&app, &ada).await, true);
        assert_eq!(verified(&app, &bruno).await, false, "the session does not decide whose address it is");
    }
}

db_test! {
    async fn two_requests_racing_with_one_link_confirm_once(app) {
        let (_, ada) = app.person("ada@example.org").await;
        let token = token_in(&deliver(&app).await, "ada@example.org").unwrap();
        let (a, b) = tokio::join!(verify(&app, &token), verify(&app, &token));
        let won: Vec<&GqlResponse> = [&a, &b].into_iter().filter(|r| r.0.get("errors").is_none()).collect();
        assert_eq!(won.len(), 1, "{} {}", a.0, b.0);
        assert_eq!(won[0].data()["verifyEmail"]["emailVerified"], true);
        let lost = if won[0].0 == a.0 { &b } else { &a };
        assert_eq!(lost.message_id(), "verify-link-unusable");
        assert_eq!(verified(&app, &ada).await, true);
    }
}

db_test! {
    async fn a_new_link_can_be_asked_for_once_signed_in_and_not_too_often(app) {
        let anonymous = app.gql(RESEND).send().await;
        assert_eq!(anonymous.code(), "UNAUTHENTICATED");
        let (_, ada) = app.person("ada@example.org").await;
        let welcome = token_in(&deliver(&app).await, "ada@example.org").unwrap();
        let asked = app.gql(RESEND).token(&ada).send().await;
        assert_eq!(asked.data()["resendVerificationEmail"], true);
        let sent = deliver(&app).await;
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].kind, "verify-email");
        assert_eq!(sent[0].subject, "Confirm your email address");
        let fresh = token_in(&sent, "ada@example.org").unwrap();
        assert_ne!(fresh, welcome);
        assert_eq!(verify(&app, &fresh).await.data()["verifyEmail"]["emailVerified"], true);
        // Confirmed: the same answer, nothing sent, still counted.
        for _ in 2..=5 {
            assert_eq!(app.gql(RESEND).token(&ada).send().await.data()["resendVerificationEmail"], true);
        }
        assert_eq!(deliver(&app).await.len(), 0, "nothing to confirm any more");
        let limited = app.gql(RESEND).token(&ada).language("it").send().await;
        assert_eq!(limited.code(), "RATE_LIMITED");
        assert!(limited.message().contains("secondi"), "{}", limited.message());
    }
}

db_test! {
    async fn signing_in_with_an_emailed_link_confirms_the_address(app) {
        let (_, ada) = app.person("ada@example.org").await;
        app.discard_mail().await;
        app.gql("mutation { requestMagicLink(email: \"ada@example.org\") }").send().await.data();
        let magic = token_in(&deliver(&app).await, "ada@example.org").unwrap();
        let signed = app.gql("mutation($t: String!) { signInWithLink(token: $t) { user { emailVerified } } }").vars(json!({"t": magic})).send().await;
        assert_eq!(signed.data()["signInWithLink"]["user"]["emailVerified"], true);
        assert_eq!(verified(&app, &ada).await, true);
        let asked = app.gql(RESEND).token(&ada).send().await;
        assert_eq!(asked.data()["resendVerificationEmail"], true);
        assert_eq!(deliver(&app).await.len(), 0, "no link for a confirmed address");
    }
}

db_test! {
    async fn an_italian_account_is_welcomed_in_italian(app) {
        let signed = app.gql("mutation($i: SignUpInput!) { signUp(input: $i) { emailVerified } }")
            .vars(json!({"i": {"email": "mimma@example.org", "password": crate::helpers::PASSWORD, "name": "Mimma", "locale": "IT"}}))
            .send().await;
        assert_eq!(signed.data()["signUp"]["emailVerified"], false);
        let sent = deliver(&app).await;
        let welcome = &sent[0];
        assert_eq!(welcome.locale, "it");
        assert_eq!(welcome.subject, "Ti diamo il benvenuto su portineria");
        assert!(welcome.text_body.contains("Ciao Mimma,"), "{}", welcome.text_body);
        assert!(welcome.text_body.contains("per 48 ore"), "{}", welcome.text_body);
        assert!(welcome.html_body.contains("Conferma il mio indirizzo email"), "{}", welcome.html_body);
    }
}

db_test! {
    async fn only_the_hubs_managers_can_ask_for_confirmed_addresses(app) {
        let hub = aurora(&app).await;
        let shown = app.gql("{ hub { requireVerifiedEmail } }").tenant("aurora").send().await;
        assert_eq!(shown.data()["hub"]["requireVerifiedEmail"], false, "off unless asked for");
        for (who, token) in [("provider", &hub.provider), ("member", &hub.member)] {
            let refused = app.gql(SETTINGS).vars(json!({"r": true})).token(token).tenant("aurora").language("it").send().await;
            assert_eq!((refused.code(), refused.message_id()), ("FORBIDDEN", "hub-settings-managers-only"), "{who}");
            assert!(refused.message().contains("impostazioni"), "{}", refused.message());
        }
        let anonymous = app.gql(SETTINGS).vars(json!({"r": true})).tenant("aurora").send().await;
        assert_eq!(anonymous.code(), "UNAUTHENTICATED");
        // Another hub's manager reaches only their own hub.
        let (_, nadia) = app.person("nadia@example.org").await;
        app.create_hub("borgo", "nadia@example.org").await;
        let foreign = app.gql(SETTINGS).vars(json!({"r": true})).token(&nadia).tenant("aurora").send().await;
        assert_eq!(foreign.code(), "FORBIDDEN");
        let own = app.gql(SETTINGS).vars(json!({"r": true})).token(&nadia).tenant("borgo").send().await;
        assert_eq!(own.data()["updateHubSettings"], json!({"slug": "borgo", "requireVerifiedEmail": true}));
        let shown = app.gql("{ hub { requireVerifiedEmail } }").tenant("aurora").send().await;
        assert_eq!(shown.data()["hub"]["requireVerifiedEmail"], false, "nothing changed in aurora");
        // Leaving the setting out leaves it as it is.
        let unchanged = app.gql("mutation { updateHubSettings(input: {}) { requireVerifiedEmail } }").token(&nadia).tenant("borgo").send().await;
        assert_eq!(unchanged.data()["updateHubSettings"]["requireVerifiedEmail"], true);
    }
}

db_test! {
    async fn a_hub_that_asks_for_confirmed_addresses_books_mimma_once_she_confirms(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        app.discard_mail().await;
        let set = app.gql(SETTINGS).vars(json!({"r": true})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(set.data()["updateHubSettings"]["requireVerifiedEmail"], true);

        let refused = book(&app, &hub.member, &room, 10, 12, 1, "k").await;
        assert_eq!((refused.code(), refused.message_id()), ("FORBIDDEN", "booking-email-not-verified"));
        let italian = app.gql("mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }")
            .vars(json!({"i": {"listingId": room, "start": "2026-11-25T10:00:00Z", "end": "2026-11-25T12:00:00Z", "quantity": 1, "idempotencyKey": "k"}}))
            .token(&hub.member).tenant("aurora").language("it").send().await;
        assert!(italian.message().contains("email di benvenuto"), "{}", italian.message());
        let series = two_wednesdays(&app, &hub.member, &room, "weekly").await;
        assert_eq!((series.code(), series.message_id()), ("FORBIDDEN", "booking-email-not-verified"));
        let mine = app.gql(MINE).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(mine.data()["myBookings"]["edges"], json!([]), "refused books nothing");
        assert_eq!(deliver(&app).await.len(), 0, "and announces nothing");

        let token = new_link(&app, &hub.member, "mimma@example.org").await;
        verify(&app, &token).await.data();
        let booked = book(&app, &hub.member, &room, 10, 11, 1, "k").await;
        assert_eq!(booked.data()["createBooking"]["status"], "CONFIRMED");
        let series = two_wednesdays(&app, &hub.member, &room, "weekly").await;
        assert_eq!(series.data()["createBookingSeries"]["bookings"], json!([{"status": "CONFIRMED"}, {"status": "CONFIRMED"}]));
    }
}

db_test! {
    async fn a_hub_that_does_not_ask_books_unconfirmed_people_as_before(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        assert_eq!(verified(&app, &hub.member).await, false);
        let booked = book(&app, &hub.member, &room, 10, 12, 1, "k").await;
        assert_eq!(booked.data()["createBooking"]["status"], "CONFIRMED");
        // Switched on, then off again.
        for required in [true, false] {
            app.gql(SETTINGS).vars(json!({"r": required})).token(&hub.manager).tenant("aurora").send().await.data();
        }
        let series = two_wednesdays(&app, &hub.member, &room, "weekly").await;
        assert_eq!(series.data()["createBookingSeries"]["bookings"].as_array().unwrap().len(), 2);
    }
}

db_test! {
    async fn a_welcome_reaches_maildev_and_its_link_confirms_the_address(backend: Backend) {
        let Some(maildev) = MailDev::start().await else { return };
        let ca = maildev.ca_file().display().to_string();
        let url = maildev.smtp_url();
        let Some(app) = TestApp::spawn_with(backend, &[("PORTINERIA_SMTP_URL", &url), ("PORTINERIA_SMTP_CA_FILE", &ca)]).await else { return };
        let (_, ada) = app.person("ada@example.org").await;
        let delivered = portineria::notifications::delivery::pass(&app.services, &app.mailer).await.map_err(|e| e.explain()).unwrap();
        assert_eq!(delivered.sent, 1);
        let messages = maildev.wait_for(1, StdDuration::from_secs(10)).await;
        let welcome = &messages[0];
        assert_eq!(welcome["to"][0]["address"], "ada@example.org");
        assert_eq!(welcome["subject"], "Welcome to portineria");
        let html = welcome["html"].as_str().unwrap();
        assert!(html.contains("Confirm my email address"), "{html}");
        let text = welcome["text"].as_str().unwrap();
        let token = text.split("token=").nth(1).and_then(|rest| rest.split_whitespace().next()).expect("a link in the text").to_owned();
        assert!(token.starts_with("ptn_"), "{token}");
        assert_eq!(verify(&app, &token).await.data()["verifyEmail"]["emailVerified"], true);
        assert_eq!(verified(&app, &ada).await, true);
    }
}

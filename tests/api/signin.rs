//! Signing in by email: links that work once, expire, and never tell who
//! has an account.

use chrono::Duration;
use portineria::entities::outbox_message;
use portineria::notifications::delivery::{self, Courier, SendFuture};
use serde_json::json;

use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};

const ME: &str = "{ me { email } }";
const ASK_LINK: &str = "mutation($e: String!) { requestMagicLink(email: $e) }";
const USE_LINK: &str =
    "mutation($t: String!) { signInWithLink(token: $t) { token user { email } } }";
const ASK_RESET: &str = "mutation($e: String!) { requestPasswordReset(email: $e) }";
const RESET: &str = "mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }";

/// Keeps what it is given.
#[derive(Default)]
struct Inbox(std::sync::Mutex<Vec<outbox_message::Model>>);

impl Courier for Inbox {
    fn deliver<'a>(&'a self, message: &'a outbox_message::Model) -> SendFuture<'a> {
        Box::pin(async move {
            self.0.lock().unwrap().push(message.clone());
            Ok(())
        })
    }
}

/// Delivers the outbox; what went out.
pub(crate) async fn deliver(app: &TestApp) -> Vec<outbox_message::Model> {
    let inbox = Inbox::default();
    delivery::pass(&app.services, &inbox)
        .await
        .map_err(|e| e.explain())
        .unwrap();
    inbox.0.into_inner().unwrap()
}

/// Delivers the outbox and answers the token of the last link sent to `to`.
async fn link_sent_to(app: &TestApp, to: &str) -> Option<String> {
    token_in(&deliver(app).await, to)
}

pub(crate) fn token_in(messages: &[outbox_message::Model], to: &str) -> Option<String> {
    let message = messages.iter().rev().find(|m| m.recipient == to)?;
    assert!(
        message.html_body.contains("token=ptn_"),
        "{}",
        message.html_body
    );
    let token = message
        .text_body
        .split("token=")
        .nth(1)?
        .split_whitespace()
        .next()?;
    Some(token.to_owned())
}

db_test! {
    async fn a_magic_link_signs_in_once_and_expires(app) {
        app.sign_up("ada@example.org", "Ada").await;
        app.discard_mail().await;
        for email in ["ada@example.org", "nobody@example.org"] {
            let asked = app.gql(ASK_LINK).vars(json!({"e": email})).send().await;
            assert_eq!(asked.data()["requestMagicLink"], true, "the same answer for {email}");
        }
        let sent = deliver(&app).await;
        assert_eq!(sent.len(), 1, "nothing goes to an address without an account");
        let token = token_in(&sent, "ada@example.org").expect("ada gets a link");
        let signed = app.gql(USE_LINK).vars(json!({"t": token})).send().await;
        let bearer = signed.data()["signInWithLink"]["token"].as_str().unwrap().to_owned();
        assert_eq!(app.gql(ME).token(&bearer).send().await.data()["me"]["email"], "ada@example.org");
        let again = app.gql(USE_LINK).vars(json!({"t": token})).language("it").send().await;
        assert_eq!(again.code(), "VALIDATION");
        assert_eq!(again.message_id(), "link-unusable");
        assert!(again.message().contains("link"), "{}", again.message());

        app.gql(ASK_LINK).vars(json!({"e": "ada@example.org"})).send().await.data();
        let late = link_sent_to(&app, "ada@example.org").await.unwrap();
        app.services.clock.advance(Duration::minutes(16));
        assert_eq!(app.gql(USE_LINK).vars(json!({"t": late})).send().await.message_id(), "link-unusable");
        assert_eq!(app.gql(USE_LINK).vars(json!({"t": "ptn_forged"})).send().await.message_id(), "link-unusable");
    }
}

db_test! {
    async fn a_password_reset_sets_the_password_once_and_ends_every_session(app) {
        app.sign_up("ada@example.org", "Ada").await;
        app.discard_mail().await;
        let old_session = app.log_in("ada@example.org").await;
        app.gql(ASK_RESET).vars(json!({"e": "ada@example.org"})).send().await.data();
        let token = link_sent_to(&app, "ada@example.org").await.unwrap();
        let weak = app.gql(RESET).vars(json!({"t": token, "p": "short"})).send().await;
        assert_eq!(weak.code(), "VALIDATION", "a weak password uses nothing up");
        let reset = app.gql(RESET).vars(json!({"t": token, "p": "a brand new long password"})).send().await;
        assert_eq!(reset.data()["resetPassword"], true);
        assert_eq!(app.gql(ME).token(&old_session).send().await.code(), "UNAUTHENTICATED", "signed out everywhere");
        let again = app.gql(RESET).vars(json!({"t": token, "p": "another long password"})).send().await;
        assert_eq!(again.message_id(), "link-unusable");
        let old = app.gql("mutation($i: LogInInput!) { logIn(input: $i) { token } }").vars(json!({"i": {"email": "ada@example.org", "password": PASSWORD}})).send().await;
        assert_eq!(old.code(), "UNAUTHENTICATED");
        let new = app.gql("mutation($i: LogInInput!) { logIn(input: $i) { token } }").vars(json!({"i": {"email": "ada@example.org", "password": "a brand new long password"}})).send().await;
        assert!(new.data()["logIn"]["token"].is_string());
    }
}

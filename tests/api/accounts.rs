//! Sign-up, log-in, log-out, token expiry, and the answers to bad input.

use serde_json::json;

use crate::db_test;
use crate::helpers::PASSWORD;

const SIGN_UP: &str = "mutation($i: SignUpInput!) { signUp(input: $i) { id email name locale } }";
const LOG_IN: &str =
    "mutation($i: LogInInput!) { logIn(input: $i) { token expiresAt user { email } } }";
const ME: &str = "{ me { id email name } }";

db_test! {
    async fn a_new_account_logs_in_and_sees_itself(app) {
        let signed_up = app
            .gql(SIGN_UP)
            .vars(json!({"i": {"email": " Ada@Example.org ", "password": PASSWORD, "name": " Ada "}}))
            .send()
            .await;
        let user = &signed_up.data()["signUp"];
        assert_eq!(user["email"], "Ada@Example.org");
        assert_eq!(user["name"], "Ada");
        assert_eq!(user["locale"], "EN");

        let logged_in = app
            .gql(LOG_IN)
            .vars(json!({"i": {"email": "ada@EXAMPLE.org", "password": PASSWORD}}))
            .send()
            .await;
        let token = logged_in.data()["logIn"]["token"].as_str().unwrap().to_owned();
        assert_eq!(logged_in.data()["logIn"]["expiresAt"], "2026-12-23T09:00:00+00:00");

        let me = app.gql(ME).token(&token).send().await;
        assert_eq!(me.data()["me"]["id"], user["id"]);
    }
}

db_test! {
    async fn an_address_is_one_account_whatever_its_letter_case(app) {
        app.sign_up("ada@example.org", "Ada").await;
        let again = app
            .gql(SIGN_UP)
            .vars(json!({"i": {"email": "ADA@example.org", "password": PASSWORD, "name": "Ada Two"}}))
            .send()
            .await;
        assert_eq!(again.code(), "CONFLICT");
    }
}

db_test! {
    async fn wrong_password_and_unknown_address_get_the_same_answer(app) {
        app.sign_up("ada@example.org", "Ada").await;
        let wrong_password = app
            .gql(LOG_IN)
            .vars(json!({"i": {"email": "ada@example.org", "password": "not the password"}}))
            .send()
            .await;
        let unknown = app
            .gql(LOG_IN)
            .vars(json!({"i": {"email": "nobody@example.org", "password": "not the password"}}))
            .send()
            .await;
        assert_eq!(wrong_password.code(), "UNAUTHENTICATED");
        assert_eq!(wrong_password.0, unknown.0);
    }
}

db_test! {
    async fn logging_out_revokes_only_that_token(app) {
        let (_, first) = app.person("ada@example.org").await;
        let second = app.log_in("ada@example.org").await;
        let out = app.gql("mutation { logOut }").token(&first).send().await;
        assert_eq!(out.data()["logOut"], true);

        let revoked = app.gql(ME).token(&first).send().await;
        assert_eq!(revoked.code(), "UNAUTHENTICATED");
        assert!(revoked.message().contains("log in again"), "{}", revoked.message());
        app.gql(ME).token(&second).send().await.data();
    }
}

db_test! {
    async fn tokens_expire_after_the_session_lifetime(app) {
        let (_, token) = app.person("ada@example.org").await;
        app.services.clock.advance(chrono::Duration::hours(720) - chrono::Duration::seconds(1));
        app.gql(ME).token(&token).send().await.data();
        app.services.clock.advance(chrono::Duration::seconds(1));
        assert_eq!(app.gql(ME).token(&token).send().await.code(), "UNAUTHENTICATED");
    }
}

db_test! {
    async fn me_needs_a_valid_bearer_token(app) {
        assert_eq!(app.gql(ME).send().await.code(), "UNAUTHENTICATED");
        assert_eq!(app.gql(ME).token("ptn_forged").send().await.code(), "UNAUTHENTICATED");
        let response = app
            .http()
            .post(app.url("/graphql"))
            .header("Authorization", "Basic YWRhOnB3")
            .json(&json!({"query": ME}))
            .send()
            .await
            .unwrap();
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    }
}

db_test! {
    async fn malformed_sign_ups_name_the_field_and_create_nothing(app) {
        let cases = [
            (json!({"email": "not-an-email", "password": PASSWORD, "name": "Ada"}), "input.email"),
            (json!({"email": "ada@example.org", "password": PASSWORD, "name": "   "}), "input.name"),
            (json!({"email": "ada@example.org", "password": "short", "name": "Ada"}), "input.password"),
            (json!({"email": "ada@example.org", "password": PASSWORD, "name": "x".repeat(101)}), "input.name"),
        ];
        for (input, field) in cases {
            let response = app.gql(SIGN_UP).vars(json!({"i": input})).send().await;
            assert_eq!(response.code(), "VALIDATION", "{input}");
            assert_eq!(response.field(), field, "{input}");
        }
        // Nothing was created: the address is still free.
        app.sign_up("ada@example.org", "Ada").await;
    }
}

db_test! {
    async fn repeated_failed_log_ins_are_rate_limited(app) {
        app.sign_up("ada@example.org", "Ada").await;
        let mut codes = Vec::new();
        for _ in 0..11 {
            let response = app
                .gql(LOG_IN)
                .vars(json!({"i": {"email": "ada@example.org", "password": "guess guess guess"}}))
                .send()
                .await;
            codes.push(response.code().to_owned());
        }
        assert!(codes[..10].iter().all(|c| c == "UNAUTHENTICATED"), "{codes:?}");
        assert_eq!(codes[10], "RATE_LIMITED");
        // Another address is not affected.
        app.sign_up("bea@example.org", "Bea").await;
        app.log_in("bea@example.org").await;
    }
}

db_test! {
    async fn messages_speak_the_callers_language(app) {
        let ask = |language: &'static str| {
            app.gql(SIGN_UP)
                .vars(json!({"i": {"email": "nope", "password": PASSWORD, "name": "Ada"}}))
                .language(language)
                .send()
        };
        assert!(ask("it-IT,it;q=0.9").await.message().contains("non è un indirizzo email"));
        assert!(ask("en-GB").await.message().contains("is not an email address"));

        // With no Accept-Language, a logged-in user's own locale applies.
        app.gql(SIGN_UP)
            .vars(json!({"i": {"email": "bea@example.org", "password": PASSWORD, "name": "Bea", "locale": "IT"}}))
            .send()
            .await
            .data();
        let token = app.log_in("bea@example.org").await;
        let response = app.gql("{ hub { name } }").token(&token).send().await;
        assert!(response.message().contains("intestazione X-Tenant"), "{}", response.message());
    }
}

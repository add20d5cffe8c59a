//! The pages' own sessions: logging in and out through forms, the form
//! token every post must carry, the language switch, the public front.

use reqwest::StatusCode;

use crate::catalogue::aurora;
use crate::db_test;
use crate::helpers::*;
use crate::page_client::PageClient;

db_test!(
    async fn a_person_logs_in_sees_their_hub_and_logs_out(app) {
        aurora(&app).await;
        let mut browser = PageClient::new(&app, "en");
        let login = browser.get("/login").await;
        assert_eq!(login.status, StatusCode::OK);
        assert!(login.text().contains("Log in"), "{}", login.text());
        let wrong = browser
            .post("/login", &[("email", "mimma@example.org"), ("password", "not the password"), ("next", "/")])
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(wrong.text().contains("wrong"), "{}", wrong.text());
        browser.log_in("mimma@example.org").await;
        let home = browser.get("/").await;
        assert!(home.body.contains("href=\"/hubs/aurora\""), "{}", home.body);
        let out = browser.post("/logout", &[]).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        let home = browser.follow(out).await;
        assert!(home.text().contains("You are logged out."), "{}", home.text());
        assert!(!home.body.contains("href=\"/hubs/aurora\""));
    }
);

db_test!(
    async fn a_form_without_its_token_or_from_another_site_changes_nothing(app) {
        aurora(&app).await;
        let mut browser = PageClient::new(&app, "it");
        browser.get("/login").await;
        let fields = [("email", "mimma@example.org"), ("password", PASSWORD), ("next", "/")];
        let missing = browser.post_raw("/login", &fields, None).await;
        assert_eq!(missing.status, StatusCode::FORBIDDEN);
        assert!(missing.text().contains("modulo"), "{}", missing.text());
        let forged = browser.post_raw("/login", &fields, Some(&"0".repeat(64))).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        // A page of another site posting with the visitor's cookies.
        let cross = app
            .http()
            .post(app.url("/login"))
            .header("sec-fetch-site", "cross-site")
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(cross.status(), StatusCode::FORBIDDEN);
        let home = browser.get("/").await;
        assert!(!home.body.contains("href=\"/hubs/aurora\""), "nobody logged in");
    }
);

db_test!(
    async fn the_language_is_switched_remembered_and_only_goes_back_here(app) {
        let mut browser = PageClient::new(&app, "en");
        let home = browser.get("/").await;
        assert!(home.text().contains("Hubs near you"));
        let switched = browser.get("/language?to=it&back=/map").await;
        assert_eq!(switched.status, StatusCode::SEE_OTHER);
        assert_eq!(switched.location.as_deref(), Some("/map"));
        let map = browser.get("/map").await;
        assert!(map.body.contains("<html lang=\"it\">"), "{}", map.body);
        let away = browser.get("/language?to=en&back=//evil.example/").await;
        assert_eq!(away.location.as_deref(), Some("/"));
    }
);

db_test!(
    async fn an_unknown_address_answers_a_page_that_says_so(app) {
        let mut browser = PageClient::new(&app, "it");
        let missing = browser.get("/nessuna/pagina").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.text().contains("nessuna pagina"), "{}", missing.text());
        let link = browser.get("/sign-in?token=ptn_nope").await;
        assert_eq!(link.status, StatusCode::OK, "the link page only shows a button");
        let used = browser.post("/sign-in", &[("token", "ptn_nope")]).await;
        assert_eq!(used.status, StatusCode::BAD_REQUEST, "{}", used.text());
        assert!(used.text().contains("non funziona più"), "{}", used.text());
        assert!(used.body.contains("href=\"/magic-link\""), "a way to ask for a new link");
    }
);

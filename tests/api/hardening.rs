//! What one client may ask of the server: document limits, password checks,
//! rate limits with their Retry-After, batches, and the headers and origins
//! browsers see.

use serde_json::json;

use crate::db_test;
use crate::helpers::{Backend, PASSWORD, TestApp};

async fn sqlite_with(extra: &[(&str, &str)]) -> TestApp {
    TestApp::spawn_with(Backend::Sqlite, extra)
        .await
        .expect("SQLite always runs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fragment_fan_out_is_refused_before_validation_in_the_callers_language() {
    let app = sqlite_with(&[]).await;
    for levels in [24, 31] {
        let response = app
            .gql(&crate::documents::fan_out(levels))
            .language("it")
            .send()
            .await;
        assert_eq!(response.code(), "VALIDATION", "{:#}", response.0);
        assert_eq!(response.field(), "query");
        assert!(
            response.message().contains("chiede troppo"),
            "{}",
            response.message()
        );
    }
    let english = app.gql(&crate::documents::fan_out(24)).send().await;
    assert!(
        english.message().contains("asks for too much"),
        "{}",
        english.message()
    );
    // A small fan-out is an ordinary query.
    app.gql(&crate::documents::fan_out(3)).send().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typename_aliases_and_pages_count_against_the_limits() {
    let app = sqlite_with(&[("PORTINERIA_GRAPHQL_MAX_COST", "500")]).await;
    let aliases: String = (0..101).map(|i| format!("a{i}: __typename ")).collect();
    let response = app.gql(&format!("{{ {aliases} }}")).send().await;
    assert_eq!(response.code(), "VALIDATION");
    assert!(
        response.message().contains("101 aliases"),
        "{}",
        response.message()
    );

    let page = |first: u32| {
        format!("{{ directory(first: {first}) {{ edges {{ node {{ id title category }} }} }} }}")
    };
    let big = app.gql(&page(100)).send().await;
    assert!(big.message().contains("501 fields"), "{}", big.message());
    app.gql(&page(10)).send().await.data();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batches_are_capped_and_answered_as_arrays() {
    let app = sqlite_with(&[("PORTINERIA_GRAPHQL_MAX_BATCH", "2")]).await;
    let send = |count: usize| {
        let batch: Vec<_> = (0..count)
            .map(|_| json!({"query": "{ __typename }"}))
            .collect();
        app.http().post(app.url("/graphql")).json(&batch).send()
    };
    let two: serde_json::Value = send(2).await.unwrap().json().await.unwrap();
    assert_eq!(
        two,
        json!([{"data": {"__typename": "Query"}}, {"data": {"__typename": "Query"}}])
    );
    let three: serde_json::Value = send(3).await.unwrap().json().await.unwrap();
    assert_eq!(
        three["errors"][0]["extensions"]["code"], "VALIDATION",
        "{three:#}"
    );
}

db_test! {
    async fn one_password_check_per_request(app) {
        app.sign_up("ada@example.org", "Ada").await;
        let log_in = format!("logIn(input: {{email: \"ada@example.org\", password: \"{PASSWORD}\"}}) {{ token }}");
        let aliased = format!("mutation {{ a: {log_in} b: {log_in} }}");
        let response = app.gql(&aliased).send().await;
        assert_eq!(response.code(), "VALIDATION", "{:#}", response.0);
        assert!(response.message().contains("one logIn or signUp"), "{}", response.message());

        let through_fragment = format!("mutation {{ {log_in} ...M }} fragment M on Mutation {{ again: {log_in} }}");
        assert_eq!(app.gql(&through_fragment).send().await.code(), "VALIDATION");

        let query = json!({"query": format!("mutation {{ {log_in} }}")});
        let batch: serde_json::Value = app.http().post(app.url("/graphql"))
            .json(&json!([query, query])).send().await.unwrap().json().await.unwrap();
        assert_eq!(batch["errors"][0]["extensions"]["code"], "VALIDATION", "{batch:#}");
        // One is fine.
        app.log_in("ada@example.org").await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_ups_are_rate_limited_per_address_with_a_retry_after() {
    let app = sqlite_with(&[("PORTINERIA_RATE_SIGN_UP_PER_ADDRESS", "2/1h")]).await;
    app.sign_up("a@example.org", "A").await;
    app.sign_up("b@example.org", "B").await;
    let response = app
        .http()
        .post(app.url("/graphql"))
        .header("Accept-Language", "it")
        .json(&json!({
            "query": "mutation($i: SignUpInput!) { signUp(input: $i) { id } }",
            "variables": {"i": {"email": "c@example.org", "password": PASSWORD, "name": "C"}}
        }))
        .send()
        .await
        .unwrap();
    let header: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], "RATE_LIMITED", "{body:#}");
    assert_eq!(error["extensions"]["retryAfter"].as_u64(), Some(header));
    assert!((1..=1_800).contains(&header), "{header}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("Troppe registrazioni")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_for_counts_only_through_a_trusted_proxy() {
    let sign_up_from = |app: &TestApp, forwarded: &str, email: &str| {
        app.http()
            .post(app.url("/graphql"))
            .header("X-Forwarded-For", forwarded)
            .json(&json!({
                "query": "mutation($i: SignUpInput!) { signUp(input: $i) { id } }",
                "variables": {"i": {"email": email, "password": PASSWORD, "name": "N"}}
            }))
            .send()
    };
    let limit = ("PORTINERIA_RATE_SIGN_UP_PER_ADDRESS", "1/1h");
    // Untrusted: a forged header does not reset the client's limit.
    let app = sqlite_with(&[limit]).await;
    let first: serde_json::Value = sign_up_from(&app, "198.51.100.1", "a@example.org")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(first.get("errors").is_none(), "{first:#}");
    let forged: serde_json::Value = sign_up_from(&app, "198.51.100.2", "b@example.org")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(forged["errors"][0]["extensions"]["code"], "RATE_LIMITED");
    // Behind a trusted proxy, each forwarded client has its own limit.
    let app = sqlite_with(&[limit, ("PORTINERIA_TRUSTED_PROXIES", "127.0.0.1")]).await;
    for (client, email) in [
        ("198.51.100.1", "a@example.org"),
        ("198.51.100.2", "b@example.org"),
    ] {
        let answer: serde_json::Value = sign_up_from(&app, client, email)
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(answer.get("errors").is_none(), "{answer:#}");
    }
}

db_test! {
    async fn errors_async_graphql_raises_carry_a_code(app) {
        let unparsable = app.gql("{ hub { name }").language("it").send().await;
        assert_eq!(unparsable.code(), "BAD_REQUEST", "{:#}", unparsable.0);
        assert_eq!(unparsable.message_id(), "error-bad-request");
        assert!(unparsable.message().contains("Non riusciamo a leggere"), "{}", unparsable.message());

        let unknown = app.gql("{ nope }").send().await;
        assert_eq!(unknown.code(), "VALIDATION", "{:#}", unknown.0);
        assert_eq!(unknown.field(), "nope");
        assert_eq!(unknown.message_id(), "error-invalid-request");

        let wrong_type = app.gql("{ directory(first: \"many\") { edges { node { id } } } }").send().await;
        assert_eq!(wrong_type.code(), "VALIDATION", "{:#}", wrong_type.0);
        assert_eq!(wrong_type.field(), "first");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_security_headers_and_pinned_assets() {
    let app = sqlite_with(&[]).await;
    let page = app.http().get(app.url("/graphql")).send().await.unwrap();
    let headers = page.headers().clone();
    let html = page.text().await.unwrap();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-eval"), "{csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert!(!html.contains("development"), "production builds only");
    let scripts = html.matches("<script src=\"https://").count();
    assert_eq!(
        scripts,
        html.matches("integrity=\"sha384-").count() - 1,
        "every CDN file is pinned (plus the CSS)"
    );
    assert!(html.contains("react@18.3.1"));
    let start = app
        .http()
        .get(app.url("/graphql/graphiql.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(start.status(), 200);

    let json = app
        .http()
        .get(app.url("/health/live"))
        .send()
        .await
        .unwrap();
    assert!(
        json.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphiql_introspection_and_metrics_follow_configuration() {
    let app = sqlite_with(&[
        ("PORTINERIA_GRAPHIQL", "false"),
        ("PORTINERIA_INTROSPECTION", "false"),
        ("PORTINERIA_METRICS_TOKEN", "s3cret"),
    ])
    .await;
    let page = app.http().get(app.url("/graphql")).send().await.unwrap();
    assert_eq!(page.status(), 405);
    let introspection = app.gql("{ __schema { types { name } } }").send().await;
    // async-graphql answers a disabled introspection with nothing.
    assert!(
        introspection.0["data"]["__schema"].is_null(),
        "{:#}",
        introspection.0
    );
    let open = app.http().get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(open.status(), 401);
    let wrong = app
        .http()
        .get(app.url("/metrics"))
        .bearer_auth("guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let right = app
        .http()
        .get(app.url("/metrics"))
        .bearer_auth("s3cret")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_allows_only_configured_origins() {
    let preflight = |app: &TestApp, origin: &str| {
        app.http()
            .request(reqwest::Method::OPTIONS, app.url("/graphql"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "content-type,x-tenant,authorization",
            )
            .send()
    };
    let closed = sqlite_with(&[]).await;
    let answer = preflight(&closed, "https://app.example.org").await.unwrap();
    assert!(
        answer
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );

    let open = sqlite_with(&[("PORTINERIA_CORS_ORIGINS", "https://app.example.org")]).await;
    let allowed = preflight(&open, "https://app.example.org").await.unwrap();
    assert_eq!(allowed.status(), 200);
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://app.example.org"
    );
    let methods = allowed.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(methods.contains("POST"), "{methods}");
    let other = preflight(&open, "https://evil.example").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

//! Health, metrics, GraphiQL, and the refusal of requests a browser could
//! forge across sites.

use crate::db_test;
use crate::helpers::{Backend, TestApp};

db_test! {
    async fn health_metrics_and_graphiql_answer(app) {
        let live = app.http().get(app.url("/health/live")).send().await.unwrap();
        assert_eq!(live.status(), 200);
        let ready = app.http().get(app.url("/health/ready")).send().await.unwrap();
        assert_eq!((ready.status().as_u16(), ready.text().await.unwrap()), (200, "ready".to_owned()));

        let graphiql = app.http().get(app.url("/graphql")).send().await.unwrap();
        assert_eq!(graphiql.status(), 200);
        assert!(graphiql.text().await.unwrap().contains("graphiql"));

        app.gql("{ __typename }").send().await.data();
        let metrics = app.http().get(app.url("/metrics")).send().await.unwrap().text().await.unwrap();
        assert!(metrics.contains("http_requests_total{method=\"POST\",route=\"/graphql\",status=\"200\"}"), "{metrics}");
        assert!(metrics.contains("http_request_duration_seconds_bucket"), "{metrics}");
    }
}

db_test! {
    async fn mutations_cannot_arrive_as_simple_cross_site_requests(app) {
        let body = r#"{"query":"mutation { signUp(input: {email: \"x@example.org\", password: \"a long enough password\", name: \"X\"}) { id } }"}"#;
        for content_type in ["text/plain", "application/x-www-form-urlencoded"] {
            let response = app
                .http()
                .post(app.url("/graphql"))
                .header("Content-Type", content_type)
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 415, "{content_type}");
            let answer: serde_json::Value = response.json().await.unwrap();
            assert_eq!(answer["errors"][0]["extensions"]["code"], "BAD_REQUEST", "{answer}");
        }
        // Not JSON at all, or JSON that is no GraphQL request: a typed answer, in the caller's language.
        for (body, status) in [("{bad json", 400), (r#"{"query": 5}"#, 422)] {
            let response = app
                .http()
                .post(app.url("/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept-Language", "it")
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), status, "{body}");
            let answer: serde_json::Value = response.json().await.unwrap();
            assert_eq!(answer["errors"][0]["extensions"]["code"], "BAD_REQUEST", "{answer}");
            let message = answer["errors"][0]["message"].as_str().unwrap_or_default();
            assert!(message.starts_with("Non riusciamo a leggere"), "{message}");
        }
        let over_get = app
            .http()
            .get(app.url("/graphql?query=mutation%20%7B%20logOut%20%7D"))
            .send()
            .await
            .unwrap();
        assert!(over_get.text().await.unwrap().contains("graphiql"), "GET only serves the IDE");
        // None of them created the account.
        app.sign_up("x@example.org", "X").await;
    }
}

/// Not a database test: the limit is the schema's, whatever the store.
#[tokio::test]
async fn too_deep_a_query_is_refused() {
    let app = TestApp::spawn(Backend::Sqlite)
        .await
        .expect("SQLite always runs");
    let nested = format!(
        "{{ __schema {{ types {{ fields {{ type {{ {} name {} }} }} }} }} }}",
        "ofType { ".repeat(12),
        "}".repeat(12)
    );
    let response = app.gql(&nested).send().await;
    assert!(
        response.message().contains("nested too deep"),
        "{:#}",
        response.0
    );
}

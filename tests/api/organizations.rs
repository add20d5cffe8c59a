//! Organizations: managers create and staff them, their providers edit them,
//! and everyone in the hub can list them.

use serde_json::json;

use crate::catalogue::{self, aurora};
use crate::db_test;

const UPDATE: &str = "mutation($id: ID!, $i: OrganizationInput!) { updateOrganization(id: $id, input: $i) { name kind contactEmail contactPhone } }";
const ONE: &str = "query($id: ID!) { organization(id: $id) { name members { email } } }";
const REMOVE: &str = "mutation($o: ID!, $u: ID!) { removeOrganizationMember(organizationId: $o, userId: $u) { id } }";
const ADD: &str = "mutation($o: ID!, $e: String!) { addOrganizationMember(organizationId: $o, email: $e) { id } }";

db_test! {
    async fn managers_staff_organizations_and_providers_edit_their_own(app) {
        let hub = aurora(&app).await;
        let other = catalogue::organization(&app, "aurora", &hub.manager, "Bottega Altrui").await;

        let edited = app
            .gql(UPDATE)
            .vars(json!({"id": hub.cooperative, "i": {"name": "Cooperativa Aggiusto Tutto", "kind": "COOPERATIVE",
                "contactEmail": "info@aggiusto.example", "contactPhone": "+39 011 123 4567"}}))
            .token(&hub.provider)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(edited.data()["updateOrganization"]["contactPhone"], "+39 011 123 4567");
        let refused = app.gql(UPDATE).vars(json!({"id": other, "i": {"name": "Mia", "kind": "BUSINESS"}})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(refused.code(), "FORBIDDEN");
        let bad = app.gql(UPDATE).vars(json!({"id": hub.cooperative, "i": {"name": "X", "kind": "BUSINESS", "contactPhone": "call me"}})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!((bad.code(), bad.field()), ("VALIDATION", "input.contactPhone"));
        let created = app
            .gql("mutation { createOrganization(input: {name: \"Mia\", kind: STARTUP}) { id } }")
            .token(&hub.provider)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(created.code(), "FORBIDDEN");

        // A member must become a provider before acting for an organization.
        let member = app.gql(ADD).vars(json!({"o": other, "e": "mimma@example.org"})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(member.code(), "CONFLICT");
        let stranger = app.gql(ADD).vars(json!({"o": other, "e": "nobody@example.org"})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(stranger.code(), "NOT_FOUND");
        let twice = app.gql(ADD).vars(json!({"o": hub.cooperative, "e": "paolo@example.org"})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(twice.code(), "CONFLICT");

        let staff = app.gql(ONE).vars(json!({"id": hub.cooperative})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(staff.data()["organization"]["members"], json!([{"email": "paolo@example.org"}]));
        let hidden = app.gql(ONE).vars(json!({"id": hub.cooperative})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(hidden.code(), "FORBIDDEN");

        let me = app.gql("{ me { id } }").token(&hub.provider).send().await;
        let paolo = me.data()["me"]["id"].as_str().unwrap().to_owned();
        app.gql(REMOVE).vars(json!({"o": hub.cooperative, "u": paolo})).token(&hub.manager).tenant("aurora").send().await.data();
        let again = app.gql(REMOVE).vars(json!({"o": hub.cooperative, "u": paolo})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(again.code(), "NOT_FOUND");
        let no_longer = app.gql(UPDATE).vars(json!({"id": hub.cooperative, "i": {"name": "Ancora mia", "kind": "COOPERATIVE"}})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(no_longer.code(), "FORBIDDEN");
    }
}

db_test! {
    async fn organizations_are_listed_per_hub_with_pages(app) {
        let hub = aurora(&app).await;
        for name in ["Bottega Altrui", "Forno Sociale", "Startup Ciclo"] {
            catalogue::organization(&app, "aurora", &hub.manager, name).await;
        }
        let (_, bea) = app.person("bea@example.org").await;
        app.create_hub("borgo", "bea@example.org").await;
        let foreign = catalogue::organization(&app, "borgo", &bea, "Borgo Coop").await;

        let mut names = Vec::new();
        let mut after = serde_json::Value::Null;
        loop {
            let page = app
                .gql("query($a: String) { organizations(first: 2, after: $a) { edges { node { name } } pageInfo { hasNextPage endCursor } } }")
                .vars(json!({"a": after}))
                .token(&hub.member)
                .tenant("aurora")
                .send()
                .await;
            let orgs = &page.data()["organizations"];
            names.extend(orgs["edges"].as_array().unwrap().iter().map(|e| e["node"]["name"].as_str().unwrap().to_owned()));
            if orgs["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = orgs["pageInfo"]["endCursor"].clone();
        }
        assert_eq!(names, ["Cooperativa Aggiusto", "Bottega Altrui", "Forno Sociale", "Startup Ciclo"]);
        let cross = app.gql(ONE).vars(json!({"id": foreign})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(cross.code(), "NOT_FOUND");
    }
}

db_test! {
    async fn contact_details_are_for_the_hubs_members_and_outsiders_see_the_directory_view(app) {
        let hub = aurora(&app).await;
        app.gql(UPDATE)
            .vars(json!({"id": hub.cooperative, "i": {"name": "Cooperativa Aggiusto", "kind": "COOPERATIVE",
                "description": "Riparazioni a km zero", "contactEmail": "info@aggiusto.example", "contactPhone": "+39 011 123 4567"}}))
            .token(&hub.manager)
            .tenant("aurora")
            .send()
            .await
            .data();
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"visibility": "PUBLIC"})).await;
        // Bea manages another hub, and names aurora in X-Tenant.
        let (_, bea) = app.person("bea@example.org").await;
        app.create_hub("borgo", "bea@example.org").await;

        const LIST: &str = "{ organizations { edges { node { name kind description contactEmail contactPhone } } } }";
        const DETAILS: &str = "query($id: ID!) { organization(id: $id) { name kind description contactEmail contactPhone } }";
        const VIA_LISTING: &str = "query($id: ID!) { listing(id: $id) { organization { name contactEmail contactPhone } } }";
        let inside = json!({"name": "Cooperativa Aggiusto", "kind": "COOPERATIVE", "description": "Riparazioni a km zero",
            "contactEmail": "info@aggiusto.example", "contactPhone": "+39 011 123 4567"});
        let outside = json!({"name": "Cooperativa Aggiusto", "kind": "COOPERATIVE", "description": null,
            "contactEmail": null, "contactPhone": null});

        for token in [&hub.member, &hub.provider, &hub.manager] {
            let ask = |query| app.gql(query).vars(json!({"id": hub.cooperative})).token(token).tenant("aurora");
            assert_eq!(ask(LIST).send().await.data()["organizations"]["edges"], json!([{"node": inside}]));
            assert_eq!(ask(DETAILS).send().await.data()["organization"], inside);
        }
        // Outsiders, logged in or not, see only the directory's view.
        for token in [Some(&bea), None] {
            let ask = |query, id: &str| {
                let call = app.gql(query).vars(json!({"id": id})).tenant("aurora");
                match token {
                    Some(token) => call.token(token),
                    None => call,
                }
            };
            assert_eq!(ask(LIST, "").send().await.data()["organizations"]["edges"], json!([{"node": outside}]), "{token:?}");
            assert_eq!(ask(DETAILS, &hub.cooperative).send().await.data()["organization"], outside, "{token:?}");
            let listed = ask(VIA_LISTING, &room).send().await;
            assert_eq!(listed.data()["listing"]["organization"], json!({"name": "Cooperativa Aggiusto", "contactEmail": null, "contactPhone": null}));
            let staff = ask(ONE, &hub.cooperative).send().await;
            assert!(["FORBIDDEN", "UNAUTHENTICATED"].contains(&staff.code()), "{token:?}: members stay private");
            assert!(!staff.0.to_string().contains("paolo@example.org"));
        }
    }
}

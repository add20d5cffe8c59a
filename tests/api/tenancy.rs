//! Hubs and memberships: who may create, add, change and remove, and what a
//! hub's managers see.

use serde_json::json;

use crate::db_test;

const CREATE_HUB: &str = "mutation($i: CreateHubInput!) { createHub(input: $i) { id slug timeZone currency locale commissionBasisPoints } }";
const ADD: &str = "mutation($i: AddMemberInput!) { addMember(input: $i) { role user { email } } }";
const CHANGE: &str =
    "mutation($u: ID!, $r: Role!) { changeMemberRole(userId: $u, role: $r) { role } }";
const REMOVE: &str = "mutation($u: ID!) { removeMember(userId: $u) }";
const MEMBERS: &str = "query($first: Int, $after: String) { hub { members(first: $first, after: $after) { edges { cursor node { role user { email } } } pageInfo { hasNextPage endCursor } } } }";

fn hub_input(slug: &str, manager: &str) -> serde_json::Value {
    json!({"slug": slug, "name": "Casa del Quartiere", "timeZone": "Europe/Rome", "currency": "eur",
           "locale": "IT", "commissionBasisPoints": 850, "managerEmail": manager})
}

db_test! {
    async fn only_platform_admins_create_hubs(app) {
        app.sign_up("rita@example.org", "Rita").await;
        let (_, someone) = app.person("someone@example.org").await;
        let anonymous = app.gql(CREATE_HUB).vars(json!({"i": hub_input("aurora", "rita@example.org")})).send().await;
        assert_eq!(anonymous.code(), "UNAUTHENTICATED");
        let refused = app
            .gql(CREATE_HUB)
            .vars(json!({"i": hub_input("aurora", "rita@example.org")}))
            .token(&someone)
            .send()
            .await;
        assert_eq!(refused.code(), "FORBIDDEN");

        app.make_platform_admin("someone@example.org").await;
        let created = app
            .gql(CREATE_HUB)
            .vars(json!({"i": hub_input("aurora", "rita@example.org")}))
            .token(&someone)
            .send()
            .await;
        let hub = &created.data()["createHub"];
        assert_eq!(hub["currency"], "EUR");
        assert_eq!(hub["commissionBasisPoints"], 850);

        let rita = app.log_in("rita@example.org").await;
        let seen = app.gql("{ hub { slug viewerRole } }").token(&rita).tenant("aurora").send().await;
        assert_eq!(seen.data()["hub"], json!({"slug": "aurora", "viewerRole": "MANAGER"}));

        let taken = app
            .gql(CREATE_HUB)
            .vars(json!({"i": hub_input("aurora", "rita@example.org")}))
            .token(&someone)
            .send()
            .await;
        assert_eq!(taken.code(), "CONFLICT");
    }
}

db_test! {
    async fn malformed_hubs_name_the_field_and_create_nothing(app) {
        app.sign_up("rita@example.org", "Rita").await;
        let (_, admin) = app.person("admin@example.org").await;
        app.make_platform_admin("admin@example.org").await;
        let cases = [
            ("slug", json!("Casa Aurora"), "input.slug"),
            ("timeZone", json!("Europe/Atlantis"), "input.timeZone"),
            ("currency", json!("EURO"), "input.currency"),
            ("commissionBasisPoints", json!(-5), "input.commissionBasisPoints"),
            ("name", json!(""), "input.name"),
            ("managerEmail", json!("rita"), "input.managerEmail"),
        ];
        for (key, value, field) in cases {
            let mut input = hub_input("aurora", "rita@example.org");
            input[key] = value;
            let response = app.gql(CREATE_HUB).vars(json!({"i": input})).token(&admin).send().await;
            assert_eq!((response.code(), response.field()), ("VALIDATION", field));
        }
        let no_account = app
            .gql(CREATE_HUB)
            .vars(json!({"i": hub_input("aurora", "nobody@example.org")}))
            .token(&admin)
            .send()
            .await;
        assert_eq!(no_account.code(), "NOT_FOUND");
        // None of the refused attempts took the slug.
        app.gql(CREATE_HUB).vars(json!({"i": hub_input("aurora", "rita@example.org")})).token(&admin).send().await.data();
    }
}

db_test! {
    async fn managers_add_change_and_remove_members(app) {
        let (_, rita) = app.person("rita@example.org").await;
        app.create_hub("aurora", "rita@example.org").await;
        let (paolo_id, paolo) = app.person("paolo@example.org").await;
        let (mimma_id, mimma) = app.person("mimma@example.org").await;

        let added = app
            .gql(ADD)
            .vars(json!({"i": {"email": "Paolo@Example.org", "role": "PROVIDER"}}))
            .token(&rita)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(added.data()["addMember"]["role"], "PROVIDER");
        app.add_member("aurora", &rita, "mimma@example.org", "MEMBER").await;

        // Neither a provider nor a member may manage members.
        for token in [&paolo, &mimma] {
            let refused = app
                .gql(ADD)
                .vars(json!({"i": {"email": "rita@example.org", "role": "MEMBER"}}))
                .token(token)
                .tenant("aurora")
                .send()
                .await;
            assert_eq!(refused.code(), "FORBIDDEN");
            let refused = app.gql(CHANGE).vars(json!({"u": mimma_id, "r": "MANAGER"})).token(token).tenant("aurora").send().await;
            assert_eq!(refused.code(), "FORBIDDEN");
            assert_eq!(app.gql(MEMBERS).token(token).tenant("aurora").send().await.code(), "FORBIDDEN");
        }
        let refused = app.gql(REMOVE).vars(json!({"u": paolo_id})).token(&mimma).tenant("aurora").send().await;
        assert_eq!(refused.code(), "FORBIDDEN");

        let again = app
            .gql(ADD)
            .vars(json!({"i": {"email": "mimma@example.org", "role": "PROVIDER"}}))
            .token(&rita)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(again.code(), "CONFLICT");

        let changed = app.gql(CHANGE).vars(json!({"u": mimma_id, "r": "PROVIDER"})).token(&rita).tenant("aurora").send().await;
        assert_eq!(changed.data()["changeMemberRole"]["role"], "PROVIDER");
        let seen = app.gql("{ hub { viewerRole } }").token(&mimma).tenant("aurora").send().await;
        assert_eq!(seen.data()["hub"]["viewerRole"], "PROVIDER");

        let removed = app.gql(REMOVE).vars(json!({"u": paolo_id})).token(&rita).tenant("aurora").send().await;
        assert_eq!(removed.data()["removeMember"], json!(paolo_id));
        let seen = app.gql("{ hub { viewerRole } }").token(&paolo).tenant("aurora").send().await;
        assert_eq!(seen.data()["hub"]["viewerRole"], serde_json::Value::Null);

        // A member may leave on their own.
        let left = app.gql(REMOVE).vars(json!({"u": mimma_id})).token(&mimma).tenant("aurora").send().await;
        left.data();
        let gone = app.gql(CHANGE).vars(json!({"u": mimma_id, "r": "MEMBER"})).token(&rita).tenant("aurora").send().await;
        assert_eq!(gone.code(), "NOT_FOUND");
    }
}

db_test! {
    async fn a_hub_always_keeps_a_manager(app) {
        let (rita_id, rita) = app.person("rita@example.org").await;
        app.create_hub("aurora", "rita@example.org").await;
        let demote = app.gql(CHANGE).vars(json!({"u": rita_id, "r": "MEMBER"})).token(&rita).tenant("aurora").send().await;
        assert_eq!(demote.code(), "CONFLICT");
        let leave = app.gql(REMOVE).vars(json!({"u": rita_id})).token(&rita).tenant("aurora").send().await;
        assert_eq!(leave.code(), "CONFLICT");

        let (_, bea) = app.person("bea@example.org").await;
        app.add_member("aurora", &rita, "bea@example.org", "MANAGER").await;
        let demote = app.gql(CHANGE).vars(json!({"u": rita_id, "r": "MEMBER"})).token(&bea).tenant("aurora").send().await;
        assert_eq!(demote.data()["changeMemberRole"]["role"], "MEMBER");
    }
}

db_test! {
    async fn my_hubs_lists_each_hub_with_my_role_there(app) {
        let (_, rita) = app.person("rita@example.org").await;
        let (_, bea) = app.person("bea@example.org").await;
        app.create_hub("aurora", "rita@example.org").await;
        app.create_hub("borgo", "bea@example.org").await;
        app.create_hub("cortile", "bea@example.org").await;
        app.add_member("borgo", &bea, "rita@example.org", "PROVIDER").await;

        let mine = app.gql("{ myHubs { role hub { slug } } }").token(&rita).send().await;
        assert_eq!(
            mine.data()["myHubs"],
            json!([
                {"role": "MANAGER", "hub": {"slug": "aurora"}},
                {"role": "PROVIDER", "hub": {"slug": "borgo"}},
            ])
        );
    }
}

db_test! {
    async fn members_are_paged_by_email_without_gaps_or_repeats(app) {
        let (_, rita) = app.person("rita@example.org").await;
        app.create_hub("aurora", "rita@example.org").await;
        let mut expected = vec!["rita@example.org".to_owned()];
        for n in 0..6 {
            let email = format!("m{n}@example.org");
            app.sign_up(&email, "Member").await;
            app.add_member("aurora", &rita, &email, "MEMBER").await;
            expected.push(email);
        }
        expected.sort();

        let mut seen = Vec::new();
        let mut after = serde_json::Value::Null;
        loop {
            let page = app.gql(MEMBERS).vars(json!({"first": 3, "after": after})).token(&rita).tenant("aurora").send().await;
            let members = &page.data()["hub"]["members"];
            for edge in members["edges"].as_array().unwrap() {
                seen.push(edge["node"]["user"]["email"].as_str().unwrap().to_owned());
            }
            if members["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = members["pageInfo"]["endCursor"].clone();
        }
        assert_eq!(seen, expected);

        let too_many = app.gql(MEMBERS).vars(json!({"first": 1000})).token(&rita).tenant("aurora").send().await;
        assert_eq!((too_many.code(), too_many.field()), ("VALIDATION", "first"));
        let forged = app.gql(MEMBERS).vars(json!({"after": "!!"})).token(&rita).tenant("aurora").send().await;
        assert_eq!((forged.code(), forged.field()), ("VALIDATION", "after"));
    }
}

db_test! {
    async fn the_tenant_header_is_checked(app) {
        let unknown = app.gql("{ hub { name } }").tenant("atlantide").send().await;
        assert_eq!(unknown.code(), "NOT_FOUND");
        let malformed = app.gql("{ hub { name } }").tenant("Not A Slug!").send().await;
        assert_eq!((malformed.code(), malformed.field()), ("VALIDATION", "X-Tenant"));
        let missing = app.gql("{ hub { name } }").send().await;
        assert_eq!((missing.code(), missing.field()), ("VALIDATION", "X-Tenant"));
    }
}

db_test! {
    async fn an_unreadable_stored_role_is_internal_never_a_members_view(app) {
        let (_, rita) = app.person("rita@example.org").await;
        let (_, mimma) = app.person("mimma@example.org").await;
        app.create_hub("aurora", "rita@example.org").await;
        app.add_member("aurora", &rita, "mimma@example.org", "MEMBER").await;
        let db = sea_orm::Database::connect(&app.database_url).await.unwrap();
        sea_orm::ConnectionTrait::execute_unprepared(
            &db,
            "UPDATE memberships SET role = 'ADMIN' WHERE user_id = (SELECT id FROM users WHERE email = 'mimma@example.org')",
        )
        .await
        .unwrap();
        db.close().await.unwrap();

        for query in ["{ hub { name } }", "{ myBookings { edges { node { id } } } }", "{ organizations { edges { node { name } } } }"] {
            let answer = app.gql(query).token(&mimma).tenant("aurora").send().await;
            assert_eq!((answer.code(), answer.message_id()), ("INTERNAL", "error-internal"), "{query}");
            assert!(answer.0["data"].is_null(), "{query}: {}", answer.0);
            assert!(!answer.0.to_string().contains("ADMIN"), "{query}: {}", answer.0);
        }
        // Her hubs list the broken row too, so it fails rather than guess a role.
        let hubs = app.gql("{ myHubs { role hub { slug } } }").token(&mimma).send().await;
        assert_eq!(hubs.code(), "INTERNAL");
        assert!(!hubs.0.to_string().contains("ADMIN"));
        // Nothing else of hers depends on that row; the manager's list of members does.
        assert_eq!(app.gql("{ me { email } }").token(&mimma).send().await.data()["me"]["email"], "mimma@example.org");
        let members = app.gql(MEMBERS).token(&rita).tenant("aurora").send().await;
        assert_eq!(members.code(), "INTERNAL");
        assert_eq!(app.gql("{ hub { name } }").token(&rita).tenant("aurora").send().await.data()["hub"]["name"], "Hub aurora");
    }
}

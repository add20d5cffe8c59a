//! The review workflow, who may do what to which listing, and bad input.

use serde_json::json;

use crate::catalogue::{self, CREATE, HOURS, aurora};
use crate::db_test;

const STEP: &str = "mutation($id: ID!) { submitListing(id: $id) { status } }";
const PUBLISH: &str = "mutation($id: ID!) { publishListing(id: $id) { status } }";
const REJECT: &str =
    "mutation($id: ID!, $r: String!) { rejectListing(id: $id, reason: $r) { status reviewNote } }";
const ARCHIVE: &str = "mutation($id: ID!) { archiveListing(id: $id) { status } }";
const UPDATE: &str = "mutation($id: ID!, $i: ListingInput!) { updateListing(id: $id, input: $i) { title capacity price { kind unitPrice { amount currency } } tags } }";
const GET: &str = "query($id: ID!) { listing(id: $id) { title status capacity tags organization { name } price { unitPrice { amount } } openingHours { rules { weekday opens closes } } } }";

db_test! {
    async fn a_listing_goes_from_draft_through_review_to_published(app) {
        let hub = aurora(&app).await;
        let created = app
            .gql(CREATE)
            .vars(json!({"i": {"organizationId": hub.cooperative, "kind": "SERVICE", "title": "Riparazione biciclette",
                "category": "Repair", "tags": ["Bici", "bici", "Ciclofficina"], "capacity": 2,
                "price": {"kind": "PER_UNIT", "unitPrice": 1500}}}))
            .token(&hub.provider)
            .tenant("aurora")
            .send()
            .await;
        let id = created.data()["createListing"]["id"].as_str().unwrap().to_owned();
        assert_eq!(created.data()["createListing"]["status"], "DRAFT");

        // Nobody but its organization and the managers sees a draft.
        assert_eq!(app.gql(GET).vars(json!({"id": id})).token(&hub.member).tenant("aurora").send().await.code(), "NOT_FOUND");

        let early = app.gql(STEP).vars(json!({"id": id})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!((early.code(), early.field()), ("VALIDATION", "id"), "no hours yet");
        catalogue::every_day(&app, "aurora", &hub.provider, &id, "09:00", "18:00").await;
        let submitted = app.gql(STEP).vars(json!({"id": id})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(submitted.data()["submitListing"]["status"], "PENDING_REVIEW");

        let queue = app
            .gql("{ listings(filter: {status: PENDING_REVIEW}) { edges { node { id } } } }")
            .token(&hub.manager)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(queue.data()["listings"]["edges"][0]["node"]["id"], json!(id));

        let refused = app.gql(PUBLISH).vars(json!({"id": id})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(refused.code(), "FORBIDDEN");
        let rejected = app.gql(REJECT).vars(json!({"id": id, "r": "Aggiungi una foto"})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(rejected.data()["rejectListing"], json!({"status": "DRAFT", "reviewNote": "Aggiungi una foto"}));

        app.gql(STEP).vars(json!({"id": id})).token(&hub.provider).tenant("aurora").send().await.data();
        let published = app.gql(PUBLISH).vars(json!({"id": id})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(published.data()["publishListing"]["status"], "PUBLISHED");

        let seen = app.gql(GET).vars(json!({"id": id})).token(&hub.member).tenant("aurora").send().await;
        let listing = &seen.data()["listing"];
        assert_eq!(listing["tags"], json!(["bici", "ciclofficina"]));
        assert_eq!(listing["organization"]["name"], "Cooperativa Aggiusto");
        assert_eq!(listing["price"]["unitPrice"]["amount"], 1500);
        assert_eq!(listing["openingHours"]["rules"][0], json!({"weekday": "MONDAY", "opens": "09:00", "closes": "18:00"}));
        // Hub-only by default: an anonymous caller does not see it.
        assert_eq!(app.gql(GET).vars(json!({"id": id})).tenant("aurora").send().await.code(), "NOT_FOUND");

        let archived = app.gql(ARCHIVE).vars(json!({"id": id})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(archived.data()["archiveListing"]["status"], "ARCHIVED");
        assert_eq!(app.gql(PUBLISH).vars(json!({"id": id})).token(&hub.manager).tenant("aurora").send().await.code(), "CONFLICT");
        assert_eq!(app.gql(STEP).vars(json!({"id": id})).token(&hub.manager).tenant("aurora").send().await.code(), "CONFLICT");
    }
}

db_test! {
    async fn members_cannot_offer_and_providers_edit_only_their_own(app) {
        let hub = aurora(&app).await;
        let other = catalogue::organization(&app, "aurora", &hub.manager, "Bottega Altrui").await;
        let input = json!({"i": {"organizationId": hub.cooperative, "kind": "SPACE", "title": "Sala", "category": "room"}});
        assert_eq!(app.gql(CREATE).vars(input.clone()).token(&hub.member).tenant("aurora").send().await.code(), "FORBIDDEN");
        assert_eq!(app.gql(CREATE).vars(input).send().await.code(), "UNAUTHENTICATED");
        let elsewhere = json!({"i": {"organizationId": other, "kind": "SPACE", "title": "Sala", "category": "room"}});
        assert_eq!(app.gql(CREATE).vars(elsewhere).token(&hub.provider).tenant("aurora").send().await.code(), "FORBIDDEN");

        let theirs = catalogue::published(&app, "aurora", &hub.manager, &other, json!({})).await;
        let edit = app.gql(UPDATE).vars(json!({"id": theirs, "i": {"title": "Mia"}})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(edit.code(), "FORBIDDEN");
        let hours = app.gql(HOURS).vars(json!({"id": theirs, "r": []})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(hours.code(), "FORBIDDEN");
        let steal = app
            .gql(UPDATE)
            .vars(json!({"id": catalogue::listing(&app, "aurora", &hub.provider, &hub.cooperative, json!({})).await, "i": {"organizationId": other}}))
            .token(&hub.provider)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(steal.code(), "FORBIDDEN");
        let draft = catalogue::listing(&app, "aurora", &hub.manager, &other, json!({})).await;
        let unseen = app.gql(UPDATE).vars(json!({"id": draft, "i": {"title": "Mia"}})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(unseen.code(), "NOT_FOUND");
    }
}

db_test! {
    async fn another_hubs_listing_is_not_found(app) {
        let hub = aurora(&app).await;
        let (_, bea) = app.person("bea@example.org").await;
        app.create_hub("borgo", "bea@example.org").await;
        let borgo_org = catalogue::organization(&app, "borgo", &bea, "Borgo Coop").await;
        let foreign = catalogue::published(&app, "borgo", &bea, &borgo_org, json!({"visibility": "PUBLIC"})).await;
        for (query, vars) in [
            (GET, json!({"id": foreign})),
            (UPDATE, json!({"id": foreign, "i": {"title": "Presa"}})),
            (ARCHIVE, json!({"id": foreign})),
        ] {
            let answer = app.gql(query).vars(vars).token(&hub.manager).tenant("aurora").send().await;
            assert_eq!(answer.code(), "NOT_FOUND", "{query}");
        }
        let cross = app
            .gql(CREATE)
            .vars(json!({"i": {"organizationId": borgo_org, "kind": "SPACE", "title": "Sala", "category": "room"}}))
            .token(&hub.manager)
            .tenant("aurora")
            .send()
            .await;
        // Another hub's organization is as unknown here as any other id of it.
        assert_eq!((cross.code(), cross.message_id()), ("NOT_FOUND", "organization-not-found"));
        let intact = app.gql(GET).vars(json!({"id": foreign})).token(&bea).tenant("borgo").send().await;
        assert_eq!(intact.data()["listing"]["status"], "PUBLISHED");
    }
}

db_test! {
    async fn bad_listing_input_is_refused_and_changes_nothing(app) {
        let hub = aurora(&app).await;
        let id = catalogue::listing(&app, "aurora", &hub.manager, &hub.cooperative, json!({"capacity": 3})).await;
        let cases = [
            (json!({"capacity": 0}), "input.capacity"),
            (json!({"capacity": -2}), "input.capacity"),
            (json!({"price": {"kind": "PER_UNIT", "unitPrice": -100}}), "input.price.unitPrice"),
            (json!({"price": {"kind": "PER_UNIT", "unitPrice": 100, "memberUnitPrice": 200}}), "input.price.memberUnitPrice"),
            (json!({"latitude": 200.0, "longitude": 7.6}), "input.latitude"),
            (json!({"latitude": 45.0}), "input.longitude"),
            (json!({"title": "  "}), "input.title"),
            (json!({"minUnits": 4, "maxUnits": 2}), "input.maxUnits"),
            (json!({"photos": ["javascript:alert(1)"]}), "input.photos[0]"),
            (json!({"bookingUnit": {"kind": "MINUTES", "minutes": 2}}), "input.bookingUnit.minutes"),
            (json!({"cancellationPolicy": [{"minNoticeHours": 24, "refundPercent": 150}]}), "input.cancellationPolicy.tiers[0].refundPercent"),
        ];
        for (input, field) in cases {
            let answer = app.gql(UPDATE).vars(json!({"id": id, "i": input})).token(&hub.manager).tenant("aurora").send().await;
            assert_eq!((answer.code(), answer.field()), ("VALIDATION", field), "{input}");
        }
        let hours = [
            (json!([{"weekday": "MONDAY", "opens": "18:00", "closes": "09:00"}]), json!([]), "rules[0].closes"),
            (json!([{"weekday": "MONDAY", "opens": "25:00", "closes": "26:00"}]), json!([]), "rules[0].opens"),
            (
                json!([{"weekday": "MONDAY", "opens": "09:00", "closes": "13:00"}, {"weekday": "MONDAY", "opens": "12:00", "closes": "18:00"}]),
                json!([]),
                "rules[1].opens",
            ),
            (json!([]), json!([{"date": "2026-02-30", "kind": "CLOSED"}]), "exceptions[0].date"),
            (json!([]), json!([{"date": "2026-12-24", "kind": "OPEN"}]), "exceptions[0].range"),
        ];
        for (rules, exceptions, field) in hours {
            let answer = app.gql(HOURS).vars(json!({"id": id, "r": rules, "e": exceptions})).token(&hub.manager).tenant("aurora").send().await;
            assert_eq!((answer.code(), answer.field()), ("VALIDATION", field), "{rules} {exceptions}");
        }
        let after = app.gql(GET).vars(json!({"id": id})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(after.data()["listing"]["capacity"], 3);
        assert_eq!(after.data()["listing"]["title"], "Sala del camino");
        assert_eq!(after.data()["listing"]["openingHours"]["rules"], json!([]));
    }
}

db_test! {
    async fn a_listing_for_another_hubs_or_an_unknown_organization_is_not_found(app) {
        let hub = aurora(&app).await;
        let (_, bea) = app.person("bea@example.org").await;
        app.create_hub("borgo", "bea@example.org").await;
        let borgo_org = catalogue::organization(&app, "borgo", &bea, "Borgo Coop").await;
        let unknown = uuid::Uuid::now_v7().to_string();
        let draft = catalogue::listing(&app, "aurora", &hub.manager, &hub.cooperative, json!({})).await;

        let mut answers = Vec::new();
        for organization in [&borgo_org, &unknown] {
            let created = app
                .gql(CREATE)
                .vars(json!({"i": {"organizationId": organization, "kind": "SPACE", "title": "Sala", "category": "room"}}))
                .token(&hub.manager)
                .tenant("aurora")
                .send()
                .await;
            let moved = app
                .gql(UPDATE)
                .vars(json!({"id": draft, "i": {"organizationId": organization}}))
                .token(&hub.manager)
                .tenant("aurora")
                .send()
                .await;
            for answer in [created, moved] {
                assert_eq!((answer.code(), answer.message_id()), ("NOT_FOUND", "organization-not-found"), "{organization}");
                answers.push(answer.message().to_owned());
            }
        }
        // Another hub's organization answers exactly like one that does not exist.
        assert!(answers.iter().all(|m| *m == answers[0]), "{answers:?}");

        let unchanged = app.gql(GET).vars(json!({"id": draft})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(unchanged.data()["listing"]["organization"]["name"], "Cooperativa Aggiusto");
        let borgo = app.gql("{ listings { edges { node { id } } } }").token(&bea).tenant("borgo").send().await;
        assert_eq!(borgo.data()["listings"]["edges"], json!([]));
    }
}

//! Search: each filter alone and combined, the orders, and pages without
//! gaps or repeats.

use serde_json::{Value, json};

use crate::catalogue::{self, aurora};
use crate::db_test;
use crate::helpers::TestApp;

const SEARCH: &str = "query($f: ListingFilter, $s: ListingSort, $first: Int, $after: String) { listings(filter: $f, sort: $s, first: $first, after: $after) { edges { node { title distanceKm } } pageInfo { hasNextPage endCursor } } }";

async fn titles(app: &TestApp, token: &str, filter: Value, sort: &str) -> Vec<String> {
    let answer = app
        .gql(SEARCH)
        .vars(json!({"f": filter, "s": sort, "first": 100}))
        .token(token)
        .tenant("aurora")
        .send()
        .await;
    answer.data()["listings"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap().to_owned())
        .collect()
}

/// Five listings around Turin's Porta Palazzo, one of them a draft.
async fn catalogue_of_aurora(app: &TestApp) -> catalogue::Aurora {
    let hub = aurora(app).await;
    let m = &hub.manager;
    let coop = &hub.cooperative;
    for extra in [
        json!({"title": "Sala prove musicali", "category": "room", "tags": ["musica"], "capacity": 1,
               "latitude": 45.0790, "longitude": 7.6830, "price": {"kind": "PER_UNIT", "unitPrice": 1200}}),
        json!({"title": "Scrivania coworking", "category": "desk", "tags": ["coworking", "wifi"], "capacity": 10,
               "latitude": 45.0700, "longitude": 7.6900, "price": {"kind": "PER_UNIT_AND_SEAT", "unitPrice": 800}}),
        json!({"title": "Caffè sospeso e sala lettura", "description": "Un angolo per leggere", "category": "room",
               "tags": ["lettura"], "capacity": 6, "latitude": 45.1200, "longitude": 7.7400}),
        json!({"kind": "SERVICE", "title": "Riparazione biciclette", "description": "Ciclofficina popolare: MUSICA e caffè",
               "category": "repair", "tags": ["bici"], "capacity": 2, "price": {"kind": "PER_UNIT", "unitPrice": 1500}}),
    ] {
        catalogue::published(app, "aurora", m, coop, extra).await;
    }
    catalogue::listing(
        app,
        "aurora",
        m,
        coop,
        json!({"title": "Bozza segreta", "category": "room"}),
    )
    .await;
    hub
}

db_test! {
    async fn each_filter_narrows_the_catalogue(app) {
        let hub = catalogue_of_aurora(&app).await;
        let t = &hub.member;
        let mut all = titles(&app, t, json!({}), "NEWEST").await;
        all.sort();
        assert_eq!(all, ["Caffè sospeso e sala lettura", "Riparazione biciclette", "Sala prove musicali", "Scrivania coworking"], "no draft");
        assert_eq!(titles(&app, t, json!({"kind": "SERVICE"}), "NEWEST").await, ["Riparazione biciclette"]);
        assert_eq!(titles(&app, t, json!({"category": "Desk"}), "NEWEST").await, ["Scrivania coworking"]);
        assert_eq!(titles(&app, t, json!({"tag": "WiFi"}), "NEWEST").await, ["Scrivania coworking"]);
        // Case- and accent-insensitive, in title or description; titles rank first.
        assert_eq!(titles(&app, t, json!({"text": "CAFFE"}), "RELEVANCE").await, ["Caffè sospeso e sala lettura", "Riparazione biciclette"]);
        assert_eq!(titles(&app, t, json!({"text": "musica"}), "RELEVANCE").await, ["Sala prove musicali", "Riparazione biciclette"]);
        assert_eq!(titles(&app, t, json!({"maxPrice": 1000}), "PRICE").await, ["Caffè sospeso e sala lettura", "Scrivania coworking"]);
        let near = json!({"near": {"latitude": 45.0760, "longitude": 7.6850, "radiusKm": 1.5}});
        assert_eq!(titles(&app, t, near, "DISTANCE").await, ["Sala prove musicali", "Scrivania coworking"]);
        let within = json!({"within": {"south": 45.10, "west": 7.70, "north": 45.15, "east": 7.80}});
        assert_eq!(titles(&app, t, within, "NEWEST").await, ["Caffè sospeso e sala lettura"]);
        // Open 09–18 in Rome: a slot at 08:00Z–10:00Z fits, 16:00Z–18:00Z does not; seats count.
        let fits = json!({"freeBetween": {"start": "2026-11-24T08:00:00Z", "end": "2026-11-24T10:00:00Z", "quantity": 6}});
        let mut free = titles(&app, t, fits, "NEWEST").await;
        free.sort();
        assert_eq!(free, ["Caffè sospeso e sala lettura", "Scrivania coworking"]);
        let late = json!({"freeBetween": {"start": "2026-11-24T16:00:00Z", "end": "2026-11-24T18:00:00Z"}});
        assert!(titles(&app, t, late, "NEWEST").await.is_empty());
    }
}

db_test! {
    async fn filters_combine_and_sorts_order(app) {
        let hub = catalogue_of_aurora(&app).await;
        let t = &hub.member;
        assert_eq!(titles(&app, t, json!({"category": "room", "maxPrice": 1000}), "NEWEST").await, ["Caffè sospeso e sala lettura"]);
        assert_eq!(titles(&app, t, json!({"kind": "SPACE", "text": "sala", "tag": "musica"}), "NEWEST").await, ["Sala prove musicali"]);
        assert_eq!(
            titles(&app, t, json!({}), "PRICE").await,
            ["Caffè sospeso e sala lettura", "Scrivania coworking", "Sala prove musicali", "Riparazione biciclette"]
        );
        let answer = app
            .gql(SEARCH)
            .vars(json!({"f": {"near": {"latitude": 45.0760, "longitude": 7.6850, "radiusKm": 10.0}}, "s": "DISTANCE"}))
            .token(t)
            .tenant("aurora")
            .send()
            .await;
        let distances: Vec<f64> = answer.data()["listings"]["edges"].as_array().unwrap().iter().map(|e| e["node"]["distanceKm"].as_f64().unwrap()).collect();
        assert_eq!(distances.len(), 3);
        assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
        assert!(distances[0] < 0.5);
        // The manager's review view sees drafts; a member asking for them sees nothing.
        assert_eq!(titles(&app, &hub.manager, json!({"status": "DRAFT"}), "NEWEST").await, ["Bozza segreta"]);
        assert!(titles(&app, t, json!({"status": "DRAFT"}), "NEWEST").await.is_empty());
    }
}

db_test! {
    async fn pages_have_no_gaps_or_repeats(app) {
        let hub = catalogue_of_aurora(&app).await;
        for sort in ["RELEVANCE", "PRICE", "NEWEST"] {
            let mut seen = Vec::new();
            let mut after = Value::Null;
            loop {
                let page = app.gql(SEARCH).vars(json!({"s": sort, "first": 1, "after": after})).token(&hub.member).tenant("aurora").send().await;
                let listings = &page.data()["listings"];
                seen.extend(listings["edges"].as_array().unwrap().iter().map(|e| e["node"]["title"].as_str().unwrap().to_owned()));
                if listings["pageInfo"]["hasNextPage"] != true {
                    break;
                }
                after = listings["pageInfo"]["endCursor"].clone();
            }
            let mut expected = titles(&app, &hub.member, json!({}), sort).await;
            assert_eq!(seen, expected, "{sort}");
            expected.dedup();
            assert_eq!(expected.len(), 4);
        }
    }
}

db_test! {
    async fn bad_search_input_is_refused(app) {
        let hub = aurora(&app).await;
        let cases = [
            (json!({"near": {"latitude": 200.0, "longitude": 7.0, "radiusKm": 1.0}}), "NEWEST", "filter.near.latitude"),
            (json!({"near": {"latitude": 45.0, "longitude": 7.0, "radiusKm": -1.0}}), "NEWEST", "filter.near.radiusKm"),
            (json!({"within": {"south": 46.0, "west": 7.0, "north": 45.0, "east": 8.0}}), "NEWEST", "filter.within"),
            (json!({"freeBetween": {"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T09:00:00Z"}}), "NEWEST", "filter.freeBetween.end"),
            (json!({"maxPrice": -5}), "NEWEST", "filter.maxPrice"),
            (json!({}), "DISTANCE", "sort"),
            // A thousand words once overflowed the stack building the query.
            (json!({"text": "sala ".repeat(1000)}), "NEWEST", "filter.text"),
            (json!({"text": "x".repeat(201)}), "NEWEST", "filter.text"),
        ];
        for (filter, sort, field) in cases {
            let answer = app.gql(SEARCH).vars(json!({"f": filter, "s": sort})).token(&hub.member).tenant("aurora").send().await;
            assert_eq!((answer.code(), answer.field()), ("VALIDATION", field), "{filter}");
        }
        let directory = app.gql("query($t: String) { directory(filter: {text: $t}) { edges { node { id } } } }")
            .vars(json!({"t": "sala ".repeat(1000)}))
            .send()
            .await;
        assert_eq!((directory.code(), directory.field()), ("VALIDATION", "filter.text"));
        let ten = app.gql(SEARCH).vars(json!({"f": {"text": "sala ".repeat(10)}, "s": "NEWEST"})).token(&hub.member).tenant("aurora").send().await;
        ten.data();
    }
}

//! The demo hub (`seed-demo`, `serve --demo`): a working hub at once, made
//! through the API's rules, and seeding it twice changes nothing.

use portineria::demo::{self, DEMO_HUB, DEMO_PASSWORD, DEMO_USERS, Seeded};
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::TestApp;

const LISTINGS: &str = "{ listings(first: 50) { nodes { id title kind status visibility approvalMode location { latitude longitude } organization { name kind } openingHours { rules { weekday opens closes } } } } }";
const BOOKINGS: &str =
    "{ bookings(first: 50) { nodes { status start listing { title } customer { email } } } }";

async fn seed(app: &TestApp) -> Seeded {
    let schema = portineria::app::schema(&app.services, &app.online);
    demo::seed_demo(&app.services, &schema)
        .await
        .map_err(|e| e.explain())
        .expect("the demo seeds")
}

async fn manager_token(app: &TestApp) -> String {
    let answer = app
        .gql("mutation($i: LogInInput!) { logIn(input: $i) { token } }")
        .vars(json!({"i": {"email": DEMO_USERS[0].0, "password": DEMO_PASSWORD}}))
        .send()
        .await;
    answer.data()["logIn"]["token"].as_str().unwrap().to_owned()
}

async fn read(app: &TestApp, token: &str, query: &str, field: &str) -> Vec<Value> {
    let answer = app.gql(query).token(token).tenant(DEMO_HUB).send().await;
    answer.data()[field]["nodes"].as_array().unwrap().clone()
}

db_test! {
    async fn the_demo_hub_is_a_working_hub_and_seeding_again_changes_nothing(app) {
        assert_eq!(seed(&app).await, Seeded::Created);
        let manager = manager_token(&app).await;

        let listings = read(&app, &manager, LISTINGS, "listings").await;
        let titles: Vec<&str> = listings.iter().map(|l| l["title"].as_str().unwrap()).collect();
        for title in [demo::FREE_ROOM, demo::PAID_ROOM, demo::DESKS, demo::BIKE_REPAIR, demo::PRINTER] {
            assert!(titles.contains(&title), "{title} missing from {titles:?}");
        }
        for listing in &listings {
            assert_eq!(listing["status"], "PUBLISHED", "{listing}");
            assert_eq!(listing["visibility"], "PUBLIC", "{listing}");
            assert!(!listing["openingHours"]["rules"].as_array().unwrap().is_empty(), "{listing}");
            // Around Turin.
            let latitude = listing["location"]["latitude"].as_f64().unwrap();
            let longitude = listing["location"]["longitude"].as_f64().unwrap();
            assert!((44.9..45.2).contains(&latitude) && (7.5..7.8).contains(&longitude), "{listing}");
        }
        let by_title = |title: &str| listings.iter().find(|l| l["title"] == title).unwrap();
        assert_eq!(by_title(demo::FREE_ROOM)["approvalMode"], "INSTANT");
        assert_eq!(by_title(demo::PAID_ROOM)["approvalMode"], "REQUEST");
        assert_eq!(by_title(demo::BIKE_REPAIR)["kind"], "SERVICE");
        assert_eq!(by_title(demo::BIKE_REPAIR)["organization"]["kind"], "COOPERATIVE");
        assert_eq!(by_title(demo::PRINTER)["organization"]["kind"], "STARTUP");

        // The public directory (and so /map) shows them to anyone.
        let public = app
            .gql("{ directory(first: 50) { nodes { title location { latitude } } } }")
            .send()
            .await;
        let shown = public.data()["directory"]["nodes"].as_array().unwrap().len();
        assert_eq!(shown, listings.len());

        let bookings = read(&app, &manager, BOOKINGS, "bookings").await;
        let with = |status: &str| bookings.iter().filter(|b| b["status"] == status).count();
        assert_eq!(with("REQUESTED"), 1, "{bookings:#?}");
        assert!(with("CONFIRMED") >= 4, "{bookings:#?}");
        let now = app.services.clock.now();
        for booking in &bookings {
            let start = chrono::DateTime::parse_from_rfc3339(booking["start"].as_str().unwrap()).unwrap();
            assert!(start > now && start < now + chrono::Duration::days(10), "{booking}");
        }
        let pending = bookings.iter().find(|b| b["status"] == "REQUESTED").unwrap();
        assert_eq!(pending["listing"]["title"], demo::PRINTER);
        assert_eq!(pending["customer"]["email"], DEMO_USERS[2].0);

        assert_eq!(seed(&app).await, Seeded::AlreadyThere);
        assert_eq!(read(&app, &manager, LISTINGS, "listings").await, listings);
        assert_eq!(read(&app, &manager, BOOKINGS, "bookings").await, bookings);
    }
}

//! Measures search and availability on a hub with 1,000 published listings.
//!
//! `cargo run --release --example bench_catalogue` (SQLite in a temporary
//! folder), or with `PORTINERIA_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres`
//! for PostgreSQL. Every figure is the median over the iterations, with its
//! ratio to a baseline measured in the same run: `{ hub { name } }`, which
//! pays for HTTP, auth and hub resolution but no search.

#[path = "harness.rs"]
mod harness;

use std::cell::RefCell;

use portineria::listings::geo::Point;
use portineria::listings::hours::{OpeningHours, WeeklyRule};
use portineria::listings::model::{ApprovalMode, ListingKind, Visibility};
use portineria::listings::pricing::PriceRule;
use portineria::listings::spec::ListingSpec;
use serde_json::json;

const LISTINGS: usize = 1_000;
const ITERATIONS: usize = 200;
const CATEGORIES: [&str; 6] = [
    "room",
    "desk",
    "equipment",
    "repair",
    "delivery",
    "childcare",
];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let weekdays = [
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
        chrono::Weekday::Wed,
        chrono::Weekday::Thu,
        chrono::Weekday::Fri,
    ];
    let hours = OpeningHours {
        rules: weekdays
            .into_iter()
            .map(|weekday| WeeklyRule {
                weekday,
                opens: 9 * 60,
                closes: 18 * 60,
            })
            .collect(),
        exceptions: Vec::new(),
    };
    let rng = RefCell::new(harness::Lcg(42));
    let bench = harness::start(LISTINGS, &hours, |n, organization| {
        let mut rng = rng.borrow_mut();
        let category = CATEGORIES[n % CATEGORIES.len()];
        let kind = if n % CATEGORIES.len() < 3 {
            ListingKind::Space
        } else {
            ListingKind::Service
        };
        let mut spec = ListingSpec::new(
            organization,
            kind,
            format!("{category} {n} sala quartiere"),
            category.into(),
        );
        spec.description = format!("Listing number {n}: a {category} offered by the neighbourhood");
        spec.tags = vec![format!("tag{}", n % 25)];
        spec.capacity = 1 + rng.next(10) as u32;
        spec.point = Some(Point {
            latitude: 45.0 + rng.next(2_000) as f64 / 10_000.0,
            longitude: 7.6 + rng.next(2_000) as f64 / 10_000.0,
        });
        spec.price = PriceRule::PerUnit {
            unit_price: 500 + rng.next(3_000) as i64,
            member_unit_price: None,
        };
        spec.approval = ApprovalMode::Instant;
        spec.visibility = if n % 2 == 0 {
            Visibility::Public
        } else {
            Visibility::Hub
        };
        spec
    })
    .await?;

    let client = reqwest::Client::new();
    let page =
        "edges { node { id title tags organization { name } price { unitPrice { amount } } } }";
    let cases = [
        ("baseline { hub { name } }", "{ hub { name } }".to_owned(), json!({})),
        ("search: text", format!("query($t: String) {{ listings(filter: {{text: $t}}, first: 20) {{ {page} }} }}"), json!({"t": "sala quartiere"})),
        (
            "search: category + near 3 km + max price, by distance",
            format!("{{ listings(filter: {{category: \"room\", near: {{latitude: 45.1, longitude: 7.7, radiusKm: 3}}, maxPrice: 2500}}, sort: DISTANCE, first: 20) {{ {page} }} }}"),
            json!({}),
        ),
        (
            "search: free 2 seats Tue 10-12, by price",
            format!("{{ listings(filter: {{freeBetween: {{start: \"2026-11-24T09:00:00Z\", end: \"2026-11-24T11:00:00Z\", quantity: 2}}}}, sort: PRICE, first: 20) {{ {page} }} }}"),
            json!({}),
        ),
        (
            "availability: one listing, 7 days, hourly",
            "query($id: ID!) { availability(listingId: $id, from: \"2026-11-24T00:00:00Z\", to: \"2026-12-01T00:00:00Z\") { start remaining } }".to_owned(),
            json!({"id": bench.listings[0].to_string()}),
        ),
    ];
    let mut baseline = None;
    println!("{:<55} {:>10} {:>8}", "query", "median", "ratio");
    for (name, query, variables) in &cases {
        let median = bench.median(&client, query, variables, ITERATIONS).await?;
        let base = *baseline.get_or_insert(median);
        println!(
            "{name:<55} {:>8.2}ms {:>7.1}x",
            median.as_secs_f64() * 1e3,
            median.as_secs_f64() / base.as_secs_f64()
        );
    }
    bench.finish().await
}

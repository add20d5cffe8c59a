//! Measures `createBooking` throughput with 16 clients at once: on distinct
//! listings (no two requests wait for the same lock) and on one contended
//! slot of one listing (every request takes the same listing-row lock), each
//! as a ratio to `{ hub { name } }` driven the same way in the same run.
//!
//! `cargo run --release --example bench_bookings`, with
//! `PORTINERIA_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres`
//! for PostgreSQL (SQLite otherwise).

#[path = "harness.rs"]
mod harness;

use std::sync::Arc;
use std::time::Instant;

use portineria::listings::hours::{OpeningHours, WeeklyRule};
use portineria::listings::model::{ApprovalMode, ListingKind};
use portineria::listings::spec::ListingSpec;
use serde_json::{Value, json};
use tokio::task::JoinSet;

const LISTINGS: usize = 400;
const REQUESTS: usize = 800;
const CLIENTS: usize = 16;
const BOOK: &str = "mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }";

/// Runs `REQUESTS` calls from `CLIENTS` concurrent clients; returns calls per second.
async fn throughput(
    bench: &Arc<harness::Bench>,
    request: impl Fn(usize) -> (String, Value),
) -> anyhow::Result<f64> {
    let requests: Vec<(String, Value)> = (0..REQUESTS).map(request).collect();
    let requests = Arc::new(requests);
    let started = Instant::now();
    let mut clients = JoinSet::new();
    for c in 0..CLIENTS {
        let (bench, requests) = (Arc::clone(bench), Arc::clone(&requests));
        clients.spawn(async move {
            let http = reqwest::Client::new();
            for (query, variables) in requests.iter().skip(c).step_by(CLIENTS) {
                bench.call(&http, query, variables.clone()).await?;
            }
            anyhow::Ok(())
        });
    }
    while let Some(done) = clients.join_next().await {
        done??;
    }
    Ok(REQUESTS as f64 / started.elapsed().as_secs_f64())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let every_day = [
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
        chrono::Weekday::Wed,
        chrono::Weekday::Thu,
        chrono::Weekday::Fri,
        chrono::Weekday::Sat,
        chrono::Weekday::Sun,
    ];
    let hours = OpeningHours {
        rules: every_day
            .into_iter()
            .map(|weekday| WeeklyRule {
                weekday,
                opens: 0,
                closes: 1440,
            })
            .collect(),
        exceptions: Vec::new(),
    };
    let bench = harness::start(LISTINGS, &hours, |n, organization| {
        let mut spec = ListingSpec::new(
            organization,
            ListingKind::Space,
            format!("Desk {n}"),
            "desk".into(),
        );
        spec.approval = ApprovalMode::Instant;
        spec.capacity = 10_000;
        spec
    })
    .await?;
    let bench = Arc::new(bench);
    let listings = bench.listings.clone();
    let baseline = throughput(&bench, |_| ("{ hub { name } }".to_owned(), json!({}))).await?;
    let distinct = throughput(&bench, |i| {
        // Each request its own listing and hour: nobody waits for anybody.
        let hour = 10 + i / LISTINGS;
        let booking = json!({"i": {"listingId": listings[i % LISTINGS].to_string(),
            "start": format!("2026-11-25T{hour:02}:00:00Z"), "end": format!("2026-11-25T{:02}:00:00Z", hour + 1),
            "idempotencyKey": format!("distinct-{i}")}});
        (BOOK.to_owned(), booking)
    })
    .await?;
    let contended = throughput(&bench, |i| {
        let booking = json!({"i": {"listingId": listings[0].to_string(),
            "start": "2026-11-26T10:00:00Z", "end": "2026-11-26T11:00:00Z", "idempotencyKey": format!("contended-{i}")}});
        (BOOK.to_owned(), booking)
    })
    .await?;
    println!("{} requests from {} clients at once", REQUESTS, CLIENTS);
    println!("{:<45} {:>10} {:>8}", "operation", "per second", "ratio");
    for (name, rate) in [
        ("baseline { hub { name } }", baseline),
        ("createBooking, distinct listings", distinct),
        ("createBooking, one contended slot", contended),
    ] {
        println!("{name:<45} {rate:>10.0} {:>7.2}x", rate / baseline);
    }
    match Arc::try_unwrap(bench) {
        Ok(bench) => bench.finish().await,
        Err(_) => anyhow::bail!("benchmark clients still running"),
    }
}

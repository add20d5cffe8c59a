//! The phases, in order, each driven by the same clients: the empty HTTP
//! ceiling, the reads (in the big hub and in a small one without history),
//! the bookings, and the plain-`INSERT` ceiling.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use serde_json::{Value, json};

use crate::catalogue::TURIN;
use crate::driver::{self, Caller, Outcome, Stats};
use crate::history::{self, Row, Terms};
use crate::report::Line;
use crate::server::Server;
use crate::slots::Calendar;
use crate::{CLIENTS, Seeded};

const HUB_NAME: &str = "{ hub { name } }";
const BOOK: &str = "mutation($i: CreateBookingInput!) { createBooking(input: $i) { id status } }";
const AVAILABILITY: &str = "query($id: ID!, $from: DateTime!, $to: DateTime!) { availability(listingId: $id, from: $from, to: $to) { start remaining } }";
const SEARCH: &str = "query($f: ListingFilter, $s: ListingSort) { listings(filter: $f, sort: $s, first: 20) { edges { node { id title } } } }";

/// What every phase shares.
pub struct Plan<'a> {
    pub clients: &'a [reqwest::Client],
    pub warmup: Duration,
    pub measured: Duration,
    pub server: &'a Server,
    pub token: String,
    pub calendar: Calendar,
    pub seeded: &'a Seeded,
    pub pool: DatabaseConnection,
}

impl Plan<'_> {
    fn caller(&self, hub: &str) -> Caller {
        Caller {
            endpoint: self.server.endpoint.clone(),
            tenant: hub.to_owned(),
            token: self.token.clone(),
        }
    }

    async fn drive<F, Fut>(&self, name: &str, op: F) -> anyhow::Result<Stats>
    where
        F: Fn(reqwest::Client, u64) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Outcome> + Send + 'static,
    {
        self.drive_from(self.clients, name, op).await
    }

    /// [`Plan::drive`] from `clients` only.
    async fn drive_from<F, Fut>(
        &self,
        clients: &[reqwest::Client],
        name: &str,
        op: F,
    ) -> anyhow::Result<Stats>
    where
        F: Fn(reqwest::Client, u64) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Outcome> + Send + 'static,
    {
        let stats = driver::run(clients, self.warmup, self.measured, op).await?;
        println!(
            "{name:<55} {:>8.0}/s p50 {:>7.2} ms p99 {:>7.2} ms conflicts {:>6} failures {}",
            stats.rate,
            stats.p50.as_secs_f64() * 1e3,
            stats.p99.as_secs_f64() * 1e3,
            stats.conflicts,
            stats.failures
        );
        Ok(stats)
    }

    /// The same GraphQL document and variables from every client.
    async fn query(
        &self,
        name: &str,
        hub: &str,
        query: &'static str,
        variables: Value,
    ) -> anyhow::Result<Stats> {
        self.query_from(self.clients, name, hub, query, variables)
            .await
    }

    /// [`Plan::query`] from `clients` only.
    async fn query_from(
        &self,
        clients: &[reqwest::Client],
        name: &str,
        hub: &str,
        query: &'static str,
        variables: Value,
    ) -> anyhow::Result<Stats> {
        let caller = Arc::new(self.caller(hub));
        let variables = Arc::new(variables);
        self.drive_from(clients, name, move |client, _| {
            let (caller, variables) = (Arc::clone(&caller), Arc::clone(&variables));
            async move {
                caller
                    .call(&client, query, (*variables).clone(), false)
                    .await
            }
        })
        .await
    }

    /// `createBooking` for the slot `slot(n)` of the big hub.
    async fn book(
        &self,
        name: &str,
        prefix: &'static str,
        conflicts_expected: bool,
        slot: impl Fn(u64) -> (usize, DateTime<Utc>) + Send + Sync + 'static,
    ) -> anyhow::Result<Stats> {
        let caller = Arc::new(self.caller("bench"));
        let listings = Arc::new(self.seeded.big.clone());
        self.drive(name, move |client, n| {
            let (listing, start) = slot(n);
            let variables = json!({"i": {
                "listingId": listings[listing].to_string(),
                "start": start.to_rfc3339(),
                "end": (start + chrono::Duration::hours(1)).to_rfc3339(),
                "idempotencyKey": format!("{prefix}-{n}"),
            }});
            let caller = Arc::clone(&caller);
            async move {
                caller
                    .call(&client, BOOK, variables, conflicts_expected)
                    .await
            }
        })
        .await
    }

    /// Availability and the three searches in `hub`, `listing` one of its
    /// own: each from every client (throughput: with 32 requests always in
    /// flight on two cores, their latency is mostly queueing, 32 ÷ rate),
    /// then from one client alone (latency: what one request costs, the
    /// figure the 10 ms p99 target is for).
    async fn reads(
        &self,
        hub: &str,
        listing: uuid::Uuid,
    ) -> anyhow::Result<Vec<(String, Stats, bool)>> {
        let tomorrow = self.calendar.today + chrono::Duration::days(1);
        let window = |from: i64, to: i64| {
            (
                (tomorrow + chrono::Duration::hours(from)).to_rfc3339(),
                (tomorrow + chrono::Duration::hours(to)).to_rfc3339(),
            )
        };
        let (week_from, week_to) = window(0, 7 * 24);
        let (free_from, free_to) = window(9, 11);
        let cases = [
            (
                "availability, one listing, 7 days",
                AVAILABILITY,
                json!({"id": listing.to_string(), "from": week_from, "to": week_to}),
            ),
            (
                "search: text \"sala\"",
                SEARCH,
                json!({"f": {"text": "sala"}, "s": "RELEVANCE"}),
            ),
            (
                "search: near, 2 km, by distance",
                SEARCH,
                json!({"f": {"near": {"latitude": TURIN.latitude, "longitude": TURIN.longitude, "radiusKm": 2.0}}, "s": "DISTANCE"}),
            ),
            (
                "search: free 1 seat tomorrow 09-11 UTC",
                SEARCH,
                json!({"f": {"freeBetween": {"start": free_from, "end": free_to, "quantity": 1}}}),
            ),
        ];
        let mut measured = Vec::new();
        for (what, query, variables) in cases {
            let name = format!("{what} ({hub})");
            let stats = self.query(&name, hub, query, variables.clone()).await?;
            measured.push((name, stats, false));
            let alone = format!("{what} ({hub}), 1 connection");
            let one = &self.clients[..1];
            let stats = self.query_from(one, &alone, hub, query, variables).await?;
            measured.push((alone, stats, true));
        }
        Ok(measured)
    }
}

/// Runs every phase; the lines of the table, ratios to their ceilings.
pub async fn run_all(plan: &Plan<'_>) -> anyhow::Result<Vec<Line>> {
    let live = Arc::new(format!("http://{}/health/live", plan.server.addr));
    let empty = plan
        .drive(
            "ceiling: empty HTTP (GET /health/live)",
            move |client, _| {
                let live = Arc::clone(&live);
                async move { driver::get(&client, &live).await }
            },
        )
        .await?;
    let hub_name = plan
        .query("{ hub { name } }", "bench", HUB_NAME, json!({}))
        .await?;
    let mut reads = plan.reads("bench", plan.seeded.big[5]).await?;
    reads.extend(plan.reads("bench-2", plan.seeded.small[5]).await?);
    let calendar = plan.calendar;
    let distinct = plan
        .book(
            "createBooking, distinct slots",
            "distinct",
            false,
            move |n| calendar.distinct(n),
        )
        .await?;
    let contended = plan
        .book(
            "createBooking, one contended listing",
            "contended",
            true,
            move |n| calendar.contended(n, CLIENTS as u64),
        )
        .await?;
    let insert = insert_ceiling(plan).await?;

    let (empty_rate, insert_rate) = (empty.rate, insert.rate);
    let mut lines = vec![
        Line {
            phase: "ceiling: empty HTTP (GET /health/live)".into(),
            stats: empty,
            ceiling: None,
            p99_target: false,
        },
        Line {
            phase: "ceiling: SQL INSERT, one per transaction".into(),
            stats: insert,
            ceiling: None,
            p99_target: false,
        },
        Line {
            phase: "`{ hub { name } }`".into(),
            stats: hub_name,
            ceiling: Some(("empty HTTP", empty_rate)),
            p99_target: false,
        },
    ];
    for (phase, stats, alone) in reads {
        lines.push(Line {
            phase,
            stats,
            ceiling: Some(("empty HTTP", empty_rate)),
            p99_target: alone,
        });
    }
    for (phase, stats) in [
        ("createBooking, distinct slots", distinct),
        ("createBooking, one contended listing", contended),
    ] {
        lines.push(Line {
            phase: phase.into(),
            stats,
            ceiling: Some(("INSERT", insert_rate)),
            p99_target: false,
        });
    }
    Ok(lines)
}

/// One plain `INSERT` of a booking row per transaction, straight to the
/// database as its owner, from as many connections as there are clients.
async fn insert_ceiling(plan: &Plan<'_>) -> anyhow::Result<Stats> {
    let pool = plan.pool.clone();
    let owner = plan.seeded.owner;
    let terms = Arc::new(Terms::free_listing(crate::harness::COMMISSION_BPS)?);
    let listings = Arc::new(plan.seeded.big.clone());
    let calendar = plan.calendar;
    plan.drive("ceiling: SQL INSERT, one per transaction", move |_, n| {
        let (pool, terms, listings) = (pool.clone(), Arc::clone(&terms), Arc::clone(&listings));
        async move {
            let (listing, start) = calendar.ceiling(n);
            let row = Row {
                listing: listings[listing],
                start,
                key: format!("ceiling-{n}"),
            };
            match history::insert_one(&pool, owner, &terms, &row).await {
                Ok(()) => Outcome::Success,
                Err(err) => Outcome::Failure(format!("INSERT failed: {err}")),
            }
        }
    })
    .await
}

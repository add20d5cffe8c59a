//! The load benchmark: seeds ten hubs (one with 1,000 listings and a long
//! booking history), starts the real server as a child process and drives it
//! with 32 keep-alive connections, phase after phase, against two ceilings
//! measured by the same client: an empty HTTP endpoint and one plain SQL
//! `INSERT` per transaction. Prints the table and writes it to
//! `BENCHMARKS.md`.
//!
//! `bench/run` builds and runs it on SQLite and, when reachable, PostgreSQL.
//! Alone: `cargo run --release --example bench_load` (SQLite), with
//! `PORTINERIA_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres`
//! for PostgreSQL; `PORTINERIA_BENCH_SECONDS` (10) is each phase's length,
//! `PORTINERIA_BENCH_BOOKINGS` (1,000,000) the history's size.

#[path = "harness.rs"]
mod harness;
mod server;

#[path = "load/catalogue.rs"]
mod catalogue;
#[path = "load/driver.rs"]
mod driver;
#[path = "load/history.rs"]
mod history;
#[path = "load/phases.rs"]
mod phases;
#[path = "load/report.rs"]
mod report;
#[path = "load/slots.rs"]
mod slots;

use std::time::{Duration, Instant};

use anyhow::Context as _;
use portineria::clock::Clock;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use serde_json::{Value, json};

use harness::BenchDb;
use history::{Owner, Row, Terms};
use server::Server;
use slots::Calendar;

/// Concurrent connections of every phase.
pub const CLIENTS: usize = 32;
/// Listings of the big hub.
const BIG_HUB: usize = 1_000;
/// The other hubs (`bench-2` … `bench-10`) and their listings.
const SMALL_HUBS: usize = 9;
const SMALL_HUB: usize = 100;
/// Connections held open for the memory figure.
const CONNECTIONS: usize = 1_000;

fn setting(name: &str, default: u64) -> anyhow::Result<u64> {
    match std::env::var(name) {
        Ok(text) => text
            .parse()
            .with_context(|| format!("{name} must be a whole number")),
        Err(_) => Ok(default),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let seconds = setting("PORTINERIA_BENCH_SECONDS", 10)?;
    let bookings = setting("PORTINERIA_BENCH_BOOKINGS", 1_000_000)?;
    let db = BenchDb::create().await?;
    let outcome = run(&db, seconds, bookings).await;
    let dropped = db.drop_database().await;
    outcome?;
    dropped
}

/// What seeding made.
pub struct Seeded {
    /// The big hub and its member.
    pub owner: Owner,
    /// The big hub's listings.
    pub big: Vec<uuid::Uuid>,
    /// `bench-2`'s listings.
    pub small: Vec<uuid::Uuid>,
}

async fn seed(
    db: &BenchDb,
    calendar: &Calendar,
    bookings: u64,
) -> anyhow::Result<(Seeded, String)> {
    calendar.check_history(bookings)?;
    let started = Instant::now();
    let app = harness::open(&db.url, Clock::System).await?;
    let member = harness::create_member(&app).await?;
    let hours = harness::always_open();
    let (hub, big) =
        harness::seed_hub(&app, member, "bench", BIG_HUB, &hours, catalogue::listing).await?;
    let mut small = Vec::new();
    for k in 2..=SMALL_HUBS + 1 {
        let (_, ids) = harness::seed_hub(
            &app,
            member,
            &format!("bench-{k}"),
            SMALL_HUB,
            &hours,
            catalogue::listing,
        )
        .await?;
        if small.is_empty() {
            small = ids;
        }
    }
    app.state
        .services
        .db
        .close()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    drop(app);
    let listed = started.elapsed();

    let started = Instant::now();
    let owner = Owner {
        hub: hub.0,
        customer: member.0,
    };
    let conn = history::owner_pool(&db.url, 1).await?;
    let terms = Terms::free_listing(harness::COMMISSION_BPS)?;
    let rows = (0..bookings).map(|i| {
        let (listing, start) = calendar.history(i, bookings);
        Row {
            listing: big[listing],
            start,
            key: format!("history-{i}"),
        }
    });
    history::insert_all(&conn, owner, &terms, rows).await?;
    conn.close().await?;
    let booked = started.elapsed();
    let summary = format!(
        "migrations, {} hubs and {} listings in {:.1} s; {bookings} bookings and ANALYZE in {:.1} s ({:.0} rows/s)",
        SMALL_HUBS + 1,
        BIG_HUB + SMALL_HUBS * SMALL_HUB,
        listed.as_secs_f64(),
        booked.as_secs_f64(),
        bookings as f64 / booked.as_secs_f64().max(1e-9)
    );
    println!("seeded: {summary}");
    Ok((Seeded { owner, big, small }, summary))
}

async fn version(conn: &DatabaseConnection) -> anyhow::Result<String> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "SELECT version()",
        _ => "SELECT 'SQLite ' || sqlite_version()",
    };
    let row = conn
        .query_one_raw(Statement::from_string(backend, sql))
        .await?
        .context("no version")?;
    Ok(row.try_get_by_index::<String>(0)?)
}

/// Starts the server on the seeded database; the time until it answers.
async fn start_server(url: &str) -> anyhow::Result<(Server, Duration)> {
    let started = Instant::now();
    let server = Server::start_on(
        url,
        &[
            ("PORTINERIA_WORKER_INTERVAL_SECONDS", "0"),
            ("PORTINERIA_DB_MAX_CONNECTIONS", "32"),
            ("PORTINERIA_MAX_CONNECTIONS", "1100"),
        ],
    )?;
    let live = format!("http://{}/health/live", server.addr);
    let client = reqwest::Client::new();
    loop {
        if let Ok(answer) = client.get(&live).send().await
            && answer.status() == reqwest::StatusCode::OK
        {
            break;
        }
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(60),
            "the server did not answer"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    Ok((server, started.elapsed()))
}

async fn log_in(endpoint: &str) -> anyhow::Result<String> {
    let answer: Value = reqwest::Client::new()
        .post(endpoint)
        .json(&json!({
            "query": "mutation($e: String!, $p: String!) { logIn(input: {email: $e, password: $p}) { token } }",
            "variables": {"e": harness::EMAIL, "p": harness::PASSWORD}
        }))
        .send()
        .await?
        .json()
        .await?;
    Ok(answer["data"]["logIn"]["token"]
        .as_str()
        .with_context(|| format!("log-in failed: {answer}"))?
        .to_owned())
}

async fn run(db: &BenchDb, seconds: u64, bookings: u64) -> anyhow::Result<()> {
    println!("backend: {}", db.backend);
    let calendar = Calendar::new(BIG_HUB);
    let (seeded, seeding) = seed(db, &calendar, bookings).await?;
    let (server, cold_start) = start_server(&db.url).await?;
    println!("cold start: {:.0} ms", cold_start.as_secs_f64() * 1e3);
    let token = log_in(&server.endpoint).await?;
    let pool = history::owner_pool(&db.url, CLIENTS as u32).await?;
    let version = version(&pool).await?;

    let clients = driver::clients(CLIENTS)?;
    let plan = phases::Plan {
        clients: &clients,
        warmup: Duration::from_secs(1),
        measured: Duration::from_secs(seconds),
        server: &server,
        token,
        calendar,
        seeded: &seeded,
        pool: pool.clone(),
    };
    let lines = phases::run_all(&plan).await?;
    let (_, peak_rss) = server.memory()?;
    drop(clients);
    pool.close().await?;
    let open = server::open_connections(&server.addr, CONNECTIONS).await?;
    let (rss_connections, _) = server.memory()?;
    drop(open);
    drop(server);

    let postgres = std::env::var("PORTINERIA_BENCH_POSTGRES_URL").is_ok();
    let context = report::Context {
        backend: db.backend,
        version,
        command: format!(
            "{}PORTINERIA_BENCH_SECONDS={seconds} PORTINERIA_BENCH_BOOKINGS={bookings} cargo run --release --example bench_load",
            if postgres {
                "PORTINERIA_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres "
            } else {
                ""
            }
        ),
        seconds,
        clients: CLIENTS,
        bookings,
        seeding,
        cold_start,
        peak_rss,
        rss_connections,
        connections: CONNECTIONS,
    };
    let section = report::section(&context, &lines);
    println!("\n{section}");
    report::write(db.backend, &section)?;
    let failed: Vec<&report::Line> = lines.iter().filter(|l| l.stats.failures > 0).collect();
    for line in &failed {
        eprintln!(
            "FAILED: {}: {} failures; first answer: {}",
            line.phase,
            line.stats.failures,
            line.stats.first_failure.as_deref().unwrap_or("")
        );
    }
    anyhow::ensure!(failed.is_empty(), "{} phases had failures", failed.len());
    Ok(())
}

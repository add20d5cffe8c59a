//! Measures search and availability on a hub with 1,000 published listings.
//!
//! `cargo run --release --example bench_catalogue` (SQLite in a temporary
//! folder), or with `PORTINERIA_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres`
//! for PostgreSQL (a database is created and dropped). Every figure is the
//! median over the iterations, with its ratio to a baseline measured in the
//! same run: `{ hub { name } }`, which pays for HTTP, auth and hub resolution
//! but no search.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{TimeZone, Utc};
use portineria::app::App;
use portineria::clock::Clock;
use portineria::config::Settings;
use portineria::db::Access;
use portineria::ids::{HubId, UserId};
use portineria::listings::availability::{OpeningHours, WeeklyRule};
use portineria::listings::geo::Point;
use portineria::listings::model::{ApprovalMode, ListingKind, ListingStatus, Visibility};
use portineria::listings::pricing::PriceRule;
use portineria::listings::spec::ListingSpec;
use portineria::listings::store as listings_store;
use portineria::organizations::model::OrganizationKind;
use portineria::organizations::store::{self as organizations_store, OrganizationDetails};
use portineria::tenancy::scope::HubTx;
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

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

/// A small deterministic generator, so every run seeds the same catalogue.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

async fn seed(app: &App) -> anyhow::Result<String> {
    let services = &app.state.services;
    let explain = |e: portineria::error::AppError| anyhow::anyhow!(e.explain());
    let now = services.clock.now();
    let tx = services
        .db
        .begin(Access::Write, None)
        .await
        .map_err(explain)?;
    let hash = portineria::accounts::password::Password::parse("bench password 1", "p")
        .map_err(explain)?
        .hash()
        .await
        .map_err(explain)?;
    let email = portineria::accounts::email::EmailAddress::parse("bench@example.org", "e")
        .map_err(explain)?;
    let user = portineria::accounts::store::create_user(
        &tx,
        portineria::accounts::store::NewUser {
            email,
            name: "Bench".into(),
            password_hash: Some(hash),
            locale: portineria::locale::Locale::It,
        },
        now,
    )
    .await
    .map_err(explain)?;
    let hub = portineria::tenancy::store::create_hub(
        tx,
        portineria::tenancy::store::NewHub {
            slug: portineria::tenancy::model::HubSlug::parse("bench", "s").map_err(explain)?,
            name: "Bench hub".into(),
            time_zone: chrono_tz::Europe::Rome,
            currency: "EUR".into(),
            locale: portineria::locale::Locale::It,
            commission_bps: 500,
        },
        UserId(user.id),
        now,
    )
    .await
    .map_err(explain)?;
    let hx = HubTx::begin(&services.db, Access::Write, HubId(hub.id), None)
        .await
        .map_err(explain)?;
    let org = organizations_store::insert(
        &hx,
        OrganizationDetails {
            name: "Bench coop".into(),
            kind: OrganizationKind::Cooperative,
            description: String::new(),
            contact_email: None,
            contact_phone: None,
        },
        now,
    )
    .await
    .map_err(explain)?;
    let hours = OpeningHours {
        rules: [
            chrono::Weekday::Mon,
            chrono::Weekday::Tue,
            chrono::Weekday::Wed,
            chrono::Weekday::Thu,
            chrono::Weekday::Fri,
        ]
        .into_iter()
        .map(|weekday| WeeklyRule {
            weekday,
            opens: 9 * 60,
            closes: 18 * 60,
        })
        .collect(),
        exceptions: Vec::new(),
    };
    let mut rng = Lcg(42);
    for n in 0..LISTINGS {
        let category = CATEGORIES[n % CATEGORIES.len()];
        let kind = if n % CATEGORIES.len() < 3 {
            ListingKind::Space
        } else {
            ListingKind::Service
        };
        let mut spec = ListingSpec::new(
            org.id,
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
        let spec = spec.validate().map_err(explain)?;
        let row = listings_store::insert(&hx, &spec, now)
            .await
            .map_err(explain)?;
        let row = listings_store::set_hours(&hx, row, &hours, now)
            .await
            .map_err(explain)?;
        listings_store::set_status(&hx, row, ListingStatus::Published, None, now)
            .await
            .map_err(explain)?;
    }
    hx.commit().await.map_err(explain)?;
    Ok(hub.slug)
}

async fn time(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    query: &str,
    variables: Value,
) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let body: Value = client
        .post(url)
        .header("X-Tenant", "bench")
        .bearer_auth(token)
        .json(&json!({"query": query, "variables": variables}))
        .send()
        .await?
        .json()
        .await?;
    let elapsed = started.elapsed();
    anyhow::ensure!(body.get("errors").is_none(), "query failed: {body}");
    Ok(elapsed)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let admin = std::env::var("PORTINERIA_BENCH_POSTGRES_URL").ok();
    let database = format!("portineria_bench_{}", uuid::Uuid::new_v4().simple());
    let url = match &admin {
        Some(admin) => {
            let conn = Database::connect(admin).await?;
            conn.execute_unprepared(&format!("CREATE DATABASE \"{database}\""))
                .await?;
            let server = admin.rsplit_once('/').map_or(admin.as_str(), |(s, _)| s);
            format!("{server}/{database}")
        }
        None => format!("sqlite://{}/bench.sqlite?mode=rwc", dir.path().display()),
    };
    let settings = Settings::from_vars([
        ("PORTINERIA_DATABASE_URL".to_owned(), url.clone()),
        ("PORTINERIA_LISTEN".to_owned(), "127.0.0.1:0".to_owned()),
        ("PORTINERIA_LOG".to_owned(), "warn".to_owned()),
    ])?;
    let clock = Clock::manual(
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .single()
            .context("instant")?,
    );
    let app = App::build(settings, clock).await?;
    let addr = app.local_addr()?;
    let seeding = Instant::now();
    seed(&app).await?;
    println!(
        "backend: {}; seeded {LISTINGS} listings in {:.1} s",
        if admin.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        seeding.elapsed().as_secs_f64()
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.serve(async move {
        let _ = stopped.await;
    }));

    let client = reqwest::Client::new();
    let endpoint = format!("http://{addr}/graphql");
    let login: Value = client
        .post(&endpoint)
        .json(&json!({"query": "mutation { logIn(input: {email: \"bench@example.org\", password: \"bench password 1\"}) { token } }"}))
        .send()
        .await?
        .json()
        .await?;
    let token = login["data"]["logIn"]["token"]
        .as_str()
        .context("log-in failed")?
        .to_owned();
    let one: Value = client
        .post(&endpoint)
        .header("X-Tenant", "bench")
        .bearer_auth(&token)
        .json(&json!({"query": "{ listings(first: 1) { edges { node { id } } } }"}))
        .send()
        .await?
        .json()
        .await?;
    let listing_id = one["data"]["listings"]["edges"][0]["node"]["id"]
        .as_str()
        .context("no listing")?
        .to_owned();

    let page =
        "edges { node { id title tags organization { name } price { unitPrice { amount } } } }";
    let cases: Vec<(&str, String, Value)> = vec![
        ("baseline { hub { name } }", "{ hub { name } }".into(), json!({})),
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
            "query($id: ID!) { availability(listingId: $id, from: \"2026-11-24T00:00:00Z\", to: \"2026-12-01T00:00:00Z\") { start remaining } }".into(),
            json!({"id": listing_id}),
        ),
    ];
    let mut baseline = Duration::ZERO;
    println!("{:<55} {:>10} {:>8}", "query", "median", "ratio");
    for (name, query, variables) in &cases {
        for _ in 0..20 {
            time(&client, &endpoint, &token, query, variables.clone()).await?;
        }
        let mut samples = Vec::with_capacity(ITERATIONS);
        for _ in 0..ITERATIONS {
            samples.push(time(&client, &endpoint, &token, query, variables.clone()).await?);
        }
        let m = median(samples);
        if baseline.is_zero() {
            baseline = m;
        }
        println!(
            "{name:<55} {:>8.2}ms {:>7.1}x",
            m.as_secs_f64() * 1e3,
            m.as_secs_f64() / baseline.as_secs_f64()
        );
    }
    let _ = stop.send(());
    server.await??;
    if let Some(admin) = admin {
        let conn = Database::connect(&admin).await?;
        conn.execute_unprepared(&format!(
            "DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)"
        ))
        .await?;
    }
    Ok(())
}

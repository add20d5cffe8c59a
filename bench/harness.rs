//! What both benchmarks share: a server on a fresh database (SQLite in a
//! temporary folder, or a PostgreSQL database created for the run and
//! dropped after it), a hub seeded with published listings, and a logged-in
//! member's token.
#![allow(dead_code, reason = "each benchmark uses part of the shared harness")]

use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{TimeZone, Utc};
use portineria::accounts::email::EmailAddress;
use portineria::accounts::password::Password;
use portineria::accounts::store::{self as accounts_store, NewUser};
use portineria::app::App;
use portineria::clock::Clock;
use portineria::config::Settings;
use portineria::db::Access;
use portineria::db::scope::HubTx;
use portineria::error::AppError;
use portineria::ids::{HubId, UserId};
use portineria::listings::hours::OpeningHours;
use portineria::listings::model::ListingStatus;
use portineria::listings::spec::ListingSpec;
use portineria::listings::store as listings_store;
use portineria::locale::Locale;
use portineria::organizations::model::OrganizationKind;
use portineria::organizations::store::{self as organizations_store, OrganizationDetails};
use portineria::tenancy::model::HubSlug;
use portineria::tenancy::store::{self as tenancy_store, NewHub};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

/// The hub every benchmark seeds.
pub const HUB: &str = "bench";
const EMAIL: &str = "bench@example.org";
const PASSWORD: &str = "bench password 1";

/// A running server on a fresh database.
pub struct Bench {
    /// The GraphQL endpoint.
    pub endpoint: String,
    /// A member's bearer token.
    pub token: String,
    /// The ids of the seeded listings.
    pub listings: Vec<uuid::Uuid>,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    postgres: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

fn explain(err: AppError) -> anyhow::Error {
    anyhow::anyhow!(err.explain())
}

/// Starts a server (PostgreSQL when `PORTINERIA_BENCH_POSTGRES_URL` names a
/// maintenance database) and seeds `count` listings made by `listing(n)`.
pub async fn start(
    count: usize,
    hours: &OpeningHours,
    listing: impl Fn(usize, uuid::Uuid) -> ListingSpec,
) -> anyhow::Result<Bench> {
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
        ("PORTINERIA_DATABASE_URL".to_owned(), url),
        ("PORTINERIA_LISTEN".to_owned(), "127.0.0.1:0".to_owned()),
        ("PORTINERIA_LOG".to_owned(), "warn".to_owned()),
        (
            "PORTINERIA_WORKER_INTERVAL_SECONDS".to_owned(),
            "0".to_owned(),
        ),
        ("PORTINERIA_DB_MAX_CONNECTIONS".to_owned(), "16".to_owned()),
    ])?;
    let clock = Clock::manual(
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .single()
            .context("instant")?,
    );
    let app = App::build(settings, clock).await?;
    let addr = app.local_addr()?;
    let seeding = Instant::now();
    let listings = seed(&app, count, hours, listing).await?;
    let backend = if admin.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "backend: {backend}; seeded {count} listings in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.serve(async move {
        let _ = stopped.await;
    }));
    let endpoint = format!("http://{addr}/graphql");
    let login: Value = reqwest::Client::new()
        .post(&endpoint)
        .json(&json!({"query": format!("mutation {{ logIn(input: {{email: \"{EMAIL}\", password: \"{PASSWORD}\"}}) {{ token }} }}")}))
        .send()
        .await?
        .json()
        .await?;
    let token = login["data"]["logIn"]["token"]
        .as_str()
        .context("log-in failed")?
        .to_owned();
    Ok(Bench {
        endpoint,
        token,
        listings,
        stop,
        server,
        postgres: admin.map(|a| (a, database)),
        _dir: dir,
    })
}

async fn seed(
    app: &App,
    count: usize,
    hours: &OpeningHours,
    listing: impl Fn(usize, uuid::Uuid) -> ListingSpec,
) -> anyhow::Result<Vec<uuid::Uuid>> {
    let services = &app.state.services;
    let now = services.clock.now();
    let tx = services
        .db
        .begin(Access::Write, None)
        .await
        .map_err(explain)?;
    let new_user = NewUser {
        email: EmailAddress::parse(EMAIL, "email").map_err(explain)?,
        name: "Bench".into(),
        password_hash: Some(
            Password::parse(PASSWORD, "password")
                .map_err(explain)?
                .hash()
                .await
                .map_err(explain)?,
        ),
        locale: Locale::It,
    };
    let user = accounts_store::create_user(&tx, new_user, now)
        .await
        .map_err(explain)?;
    let new_hub = NewHub {
        slug: HubSlug::parse(HUB, "slug").map_err(explain)?,
        name: "Bench hub".into(),
        time_zone: chrono_tz::Europe::Rome,
        currency: "EUR".into(),
        locale: Locale::It,
        commission_bps: 500,
    };
    let hub = tenancy_store::create_hub(tx, new_hub, UserId(user.id), now)
        .await
        .map_err(explain)?;
    let hx = HubTx::begin(&services.db, Access::Write, HubId(hub.id), None)
        .await
        .map_err(explain)?;
    let details = OrganizationDetails {
        name: "Bench coop".into(),
        kind: OrganizationKind::Cooperative,
        description: String::new(),
        contact_email: None,
        contact_phone: None,
    };
    let org = organizations_store::insert(&hx, details, now)
        .await
        .map_err(explain)?;
    let mut ids = Vec::with_capacity(count);
    for n in 0..count {
        let spec = listing(n, org.id).validate().map_err(explain)?;
        let row = listings_store::insert(&hx, &spec, now)
            .await
            .map_err(explain)?;
        let row = listings_store::set_hours(&hx, row, hours, now)
            .await
            .map_err(explain)?;
        ids.push(
            listings_store::set_status(&hx, row, ListingStatus::Published, None, now)
                .await
                .map_err(explain)?
                .id,
        );
    }
    hx.commit().await.map_err(explain)?;
    Ok(ids)
}

impl Bench {
    /// Sends one GraphQL request as the member; fails on any error.
    pub async fn call(
        &self,
        client: &reqwest::Client,
        query: &str,
        variables: Value,
    ) -> anyhow::Result<Value> {
        let body: Value = client
            .post(&self.endpoint)
            .header("X-Tenant", HUB)
            .bearer_auth(&self.token)
            .json(&json!({"query": query, "variables": variables}))
            .send()
            .await?
            .json()
            .await?;
        anyhow::ensure!(body.get("errors").is_none(), "query failed: {body}");
        Ok(body)
    }

    /// The median time of `iterations` sequential runs of a query, after a warm-up.
    pub async fn median(
        &self,
        client: &reqwest::Client,
        query: &str,
        variables: &Value,
        iterations: usize,
    ) -> anyhow::Result<Duration> {
        for _ in 0..iterations / 10 {
            self.call(client, query, variables.clone()).await?;
        }
        let mut samples = Vec::with_capacity(iterations);
        for _ in 0..iterations {
            let started = Instant::now();
            self.call(client, query, variables.clone()).await?;
            samples.push(started.elapsed());
        }
        samples.sort();
        Ok(samples[samples.len() / 2])
    }

    /// Stops the server and drops a PostgreSQL database made for the run.
    pub async fn finish(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        self.server.await??;
        if let Some((admin, database)) = self.postgres {
            let conn = Database::connect(&admin).await?;
            conn.execute_unprepared(&format!(
                "DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)"
            ))
            .await?;
        }
        Ok(())
    }
}

/// A small deterministic generator, so every run seeds the same data.
pub struct Lcg(pub u64);

impl Lcg {
    /// A number below `below`.
    pub fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

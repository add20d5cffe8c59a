//! Seeding a benchmark database through the library's own store functions:
//! a fresh database (SQLite in a temporary folder, or a PostgreSQL database
//! created for the run and dropped after it), a member who manages every
//! hub, and hubs of published listings.
#![allow(dead_code, reason = "each benchmark uses part of the shared harness")]

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
use portineria::listings::hours::{OpeningHours, WeeklyRule};
use portineria::listings::model::ListingStatus;
use portineria::listings::spec::ListingSpec;
use portineria::listings::store as listings_store;
use portineria::locale::Locale;
use portineria::organizations::model::OrganizationKind;
use portineria::organizations::store::{self as organizations_store, OrganizationDetails};
use portineria::tenancy::model::HubSlug;
use portineria::tenancy::store::{self as tenancy_store, NewHub};
use sea_orm::{ConnectionTrait, Database};

/// The member's email and password.
pub const EMAIL: &str = "bench@example.org";
pub const PASSWORD: &str = "bench password 1";
/// Every seeded hub's commission, in basis points.
pub const COMMISSION_BPS: i32 = 500;

/// A database made for one run.
pub struct BenchDb {
    /// Its URL, for the server and for direct connections as its owner.
    pub url: String,
    /// "PostgreSQL" or "SQLite".
    pub backend: &'static str,
    postgres: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

impl BenchDb {
    /// A new PostgreSQL database when `PORTINERIA_BENCH_POSTGRES_URL` names a
    /// maintenance database, otherwise a SQLite file in a temporary folder.
    pub async fn create() -> anyhow::Result<BenchDb> {
        let dir = tempfile::tempdir()?;
        let admin = std::env::var("PORTINERIA_BENCH_POSTGRES_URL").ok();
        let database = format!("portineria_bench_{}", uuid::Uuid::new_v4().simple());
        let url = match &admin {
            Some(admin) => {
                let conn = Database::connect(admin).await?;
                conn.execute_unprepared(&format!("CREATE DATABASE \"{database}\""))
                    .await?;
                conn.close().await?;
                let server = admin.rsplit_once('/').map_or(admin.as_str(), |(s, _)| s);
                format!("{server}/{database}")
            }
            None => format!("sqlite://{}/bench.sqlite?mode=rwc", dir.path().display()),
        };
        Ok(BenchDb {
            url,
            backend: if admin.is_some() {
                "PostgreSQL"
            } else {
                "SQLite"
            },
            postgres: admin.map(|a| (a, database)),
            _dir: dir,
        })
    }

    /// Drops a PostgreSQL database made for the run (the SQLite folder goes
    /// with the value).
    pub async fn drop_database(self) -> anyhow::Result<()> {
        if let Some((admin, database)) = &self.postgres {
            let conn = Database::connect(admin).await?;
            conn.execute_unprepared(&format!(
                "DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)"
            ))
            .await?;
            conn.close().await?;
        }
        Ok(())
    }
}

fn explain(err: AppError) -> anyhow::Error {
    anyhow::anyhow!(err.explain())
}

/// The library on `url`, migrated, with the given clock; not serving.
pub async fn open(url: &str, clock: Clock) -> anyhow::Result<App> {
    let settings = Settings::from_vars([
        ("PORTINERIA_DATABASE_URL".to_owned(), url.to_owned()),
        ("PORTINERIA_LISTEN".to_owned(), "127.0.0.1:0".to_owned()),
        ("PORTINERIA_LOG".to_owned(), "warn".to_owned()),
        (
            "PORTINERIA_WORKER_INTERVAL_SECONDS".to_owned(),
            "0".to_owned(),
        ),
    ])?;
    Ok(App::build(settings, clock).await?)
}

/// Open every day, all day.
pub fn always_open() -> OpeningHours {
    let every_day = [
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
        chrono::Weekday::Wed,
        chrono::Weekday::Thu,
        chrono::Weekday::Fri,
        chrono::Weekday::Sat,
        chrono::Weekday::Sun,
    ];
    OpeningHours {
        rules: every_day
            .into_iter()
            .map(|weekday| WeeklyRule {
                weekday,
                opens: 0,
                closes: 1440,
            })
            .collect(),
        exceptions: Vec::new(),
    }
}

/// Creates the benchmark's member (`EMAIL`, `PASSWORD`).
pub async fn create_member(app: &App) -> anyhow::Result<UserId> {
    let services = &app.state.services;
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
    let user = accounts_store::create_user(&tx, new_user, services.clock.now())
        .await
        .map_err(explain)?;
    portineria::db::commit(tx).await.map_err(explain)?;
    Ok(UserId(user.id))
}

/// Creates the hub `slug`, managed by `manager`, with one organization and
/// `count` published listings made by `listing(n, organization)`; returns
/// the hub and the listings' ids in order.
pub async fn seed_hub(
    app: &App,
    manager: UserId,
    slug: &str,
    count: usize,
    hours: &OpeningHours,
    listing: impl Fn(usize, uuid::Uuid) -> ListingSpec,
) -> anyhow::Result<(HubId, Vec<uuid::Uuid>)> {
    let services = &app.state.services;
    let now = services.clock.now();
    let tx = services
        .db
        .begin(Access::Write, None)
        .await
        .map_err(explain)?;
    let new_hub = NewHub {
        slug: HubSlug::parse(slug, "slug").map_err(explain)?,
        name: format!("Hub {slug}"),
        time_zone: chrono_tz::Europe::Rome,
        currency: "EUR".into(),
        locale: Locale::It,
        commission_bps: COMMISSION_BPS,
    };
    let hub = tenancy_store::create_hub(tx, new_hub, manager, now)
        .await
        .map_err(explain)?;
    let hx = HubTx::begin(&services.db, Access::Write, HubId(hub.id), None)
        .await
        .map_err(explain)?;
    let details = OrganizationDetails {
        name: format!("Coop {slug}"),
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
    Ok((HubId(hub.id), ids))
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

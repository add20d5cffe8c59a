//! The command line: `serve`, `migrate`, `create-hub`, `grant-admin`,
//! `revoke-admin`, `seed-demo`, `export-schema`.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, anyhow};
use clap::{Parser, Subcommand};
use rand::RngCore;

use crate::accounts::email::EmailAddress;
use crate::accounts::password::Password;
use crate::accounts::store::{self as accounts_store, NewUser};
use crate::app::{App, shutdown_signal};
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{self, Access, Db};
use crate::demo::{self, DEMO_HUB, DEMO_PASSWORD, DEMO_USERS, Seeded};
use crate::error::AppError;
use crate::ids::UserId;
use crate::locale::Locale;
use crate::name::parse_name;
use crate::tenancy::model::{HubSlug, parse_commission_bps, parse_currency, parse_time_zone};
use crate::tenancy::store::{self as tenancy_store, NewHub};

/// portineria: the porter's lodge of a neighbourhood. Configuration comes from
/// PORTINERIA_* environment variables (see README.md).
#[derive(Parser, Debug)]
#[command(name = "portineria", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the GraphQL API (applies migrations first unless PORTINERIA_AUTO_MIGRATE=false).
    Serve {
        /// Also create the demo hub and its accounts if missing.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Create a hub with its first manager.
    CreateHub {
        /// Address of the hub in X-Tenant (3-40 lower-case letters, digits, hyphens).
        #[arg(long)]
        slug: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// IANA time zone.
        #[arg(long, default_value = "Europe/Rome")]
        time_zone: String,
        /// ISO 4217 currency.
        #[arg(long, default_value = "EUR")]
        currency: String,
        /// Default language: it or en.
        #[arg(long, default_value = "it")]
        locale: String,
        /// Commission on paid bookings, in basis points.
        #[arg(long, default_value_t = 0)]
        commission_bps: i32,
        /// The first manager; an account is created (with a printed password) if none exists.
        #[arg(long)]
        manager_email: String,
        /// The manager's name, for a new account.
        #[arg(long)]
        manager_name: Option<String>,
    },
    /// Let an account create hubs.
    GrantAdmin {
        /// The account's email.
        #[arg(long)]
        email: String,
    },
    /// Withdraw an account's platform administration.
    RevokeAdmin {
        /// The account's email.
        #[arg(long)]
        email: String,
    },
    /// Create the demo hub and its accounts (idempotent).
    SeedDemo,
    /// Read online payments left half-way from Stripe again and settle them.
    ReconcilePayments,
    /// Write the GraphQL schema (SDL).
    ExportSchema {
        /// Where to write it; `-` for standard output.
        #[arg(long, default_value = "graphql/schema.graphql")]
        out: PathBuf,
    },
}

fn domain(err: AppError) -> anyhow::Error {
    anyhow!(err.explain())
}

async fn open_database(settings: &Settings) -> anyhow::Result<Db> {
    crate::startup::check_database(&settings.database_url)
        .await
        .map_err(|line| anyhow!(line))?;
    Db::migrate(&settings.database_url)
        .await
        .context("migrating the database")?;
    Db::connect(&settings.database_url, 2)
        .await
        .context("connecting to the database")
}

/// Runs one command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    crate::telemetry::init_logs(&settings);
    let clock = Clock::System;
    match cli.command {
        Command::ExportSchema { out } => export_schema(&out),
        Command::Serve { demo } => serve(settings, demo).await,
        Command::Migrate => {
            Db::migrate(&settings.database_url).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::CreateHub {
            slug,
            name,
            time_zone,
            currency,
            locale,
            commission_bps,
            manager_email,
            manager_name,
        } => {
            let new = NewHub {
                slug: HubSlug::parse(&slug, "--slug").map_err(domain)?,
                name: parse_name(&name, "--name", 120).map_err(domain)?,
                time_zone: parse_time_zone(&time_zone, "--time-zone").map_err(domain)?,
                currency: parse_currency(&currency, "--currency").map_err(domain)?,
                locale: Locale::parse(&locale)
                    .ok_or_else(|| anyhow!("--locale: '{locale}' is not one of: it, en"))?,
                commission_bps: parse_commission_bps(commission_bps, "--commission-bps")
                    .map_err(domain)?,
            };
            let email = EmailAddress::parse(&manager_email, "--manager-email").map_err(domain)?;
            let db = open_database(&settings).await?;
            let tx = db.begin(Access::Write, None).await.map_err(domain)?;
            let manager = match accounts_store::find_by_email(&tx, &email)
                .await
                .map_err(domain)?
            {
                Some(user) => user,
                None => {
                    let mut bytes = [0u8; 12];
                    rand::rng().fill_bytes(&mut bytes);
                    let password = hex::encode(bytes);
                    let name = manager_name.unwrap_or_else(|| {
                        email
                            .as_str()
                            .split('@')
                            .next()
                            .unwrap_or("manager")
                            .to_owned()
                    });
                    let new_user = NewUser {
                        email: email.clone(),
                        name: parse_name(&name, "--manager-name", 100).map_err(domain)?,
                        password_hash: Some(
                            Password::parse(&password, "password")
                                .map_err(domain)?
                                .hash()
                                .await
                                .map_err(domain)?,
                        ),
                        locale: new.locale,
                    };
                    let user = accounts_store::create_user(&tx, new_user, clock.now())
                        .await
                        .map_err(domain)?;
                    println!(
                        "created account {} with password {password} (change it after logging in)",
                        email.as_str()
                    );
                    user
                }
            };
            let hub = tenancy_store::create_hub(tx, new, UserId(manager.id), clock.now())
                .await
                .map_err(domain)?;
            println!(
                "created hub '{}' ({}), managed by {}",
                hub.slug, hub.id, manager.email
            );
            Ok(())
        }
        Command::GrantAdmin { email } => set_admin(&settings, &email, true).await,
        Command::RevokeAdmin { email } => set_admin(&settings, &email, false).await,
        Command::SeedDemo => {
            let db = open_database(&settings).await?;
            let online =
                crate::payments::online::OnlinePayments::new(&settings.payments).map_err(domain)?;
            let services = crate::state::Services::new(db, clock, settings);
            let schema = crate::app::schema(&services, &online);
            report_demo(demo::seed_demo(&services, &schema).await.map_err(domain)?);
            Ok(())
        }
        Command::ReconcilePayments => {
            let online =
                crate::payments::online::OnlinePayments::new(&settings.payments).map_err(domain)?;
            if online.api.is_none() {
                return Err(anyhow!(
                    "PORTINERIA_STRIPE_SECRET_KEY is not set: there is nothing to reconcile"
                ));
            }
            let db = open_database(&settings).await?;
            let services = crate::state::Services::new(db, clock, settings);
            let done = crate::payments::reconcile::reconcile(&online, &services)
                .await
                .map_err(domain)?;
            println!(
                "{} payment(s) settled, {} could not be (see the log)",
                done.settled, done.failed
            );
            if done.failed > 0 {
                return Err(anyhow!(
                    "{} payment(s) could not be reconciled",
                    done.failed
                ));
            }
            Ok(())
        }
    }
}

async fn set_admin(settings: &Settings, email: &str, admin: bool) -> anyhow::Result<()> {
    let email = EmailAddress::parse(email, "--email").map_err(domain)?;
    let db = open_database(settings).await?;
    let tx = db.begin(Access::Write, None).await.map_err(domain)?;
    if !accounts_store::set_platform_admin(&tx, &email, admin)
        .await
        .map_err(domain)?
    {
        return Err(anyhow!("--email: no account uses {}", email.as_str()));
    }
    db::commit(tx).await.map_err(domain)?;
    let verb = if admin { "can now" } else { "can no longer" };
    println!("{} {verb} create hubs", email.as_str());
    Ok(())
}

fn report_demo(seeded: Seeded) {
    match seeded {
        Seeded::Created => println!("demo hub '{DEMO_HUB}' created"),
        Seeded::AlreadyThere => println!("demo hub '{DEMO_HUB}' already there"),
    }
    for (email, _, role) in DEMO_USERS {
        println!("  {role:?}: {email} / {DEMO_PASSWORD}");
    }
}

async fn serve(settings: Settings, with_demo: bool) -> anyhow::Result<()> {
    let public_url = settings.public_url.clone();
    // Listen for SIGTERM/SIGINT before anything else, so none is missed.
    let shutdown = shutdown_signal();
    let app = App::build(settings, Clock::System).await?;
    if with_demo {
        report_demo(
            demo::seed_demo(&app.state.services, &app.state.schema)
                .await
                .map_err(domain)?,
        );
    }
    let addr = app.local_addr()?;
    tracing::info!(%addr, "listening");
    // A closed standard output (a supervisor that stopped reading) must not
    // bring the server down, so these writes ignore failure.
    let mut out = std::io::stdout();
    let _ = writeln!(out, "portineria is listening on http://{addr}");
    let _ = writeln!(out, "GraphiQL: {public_url}/graphql");
    let _ = out.flush();
    app.serve(shutdown).await?;
    Ok(())
}

fn export_schema(out: &std::path::Path) -> anyhow::Result<()> {
    let sdl = crate::graphql::sdl();
    if out.as_os_str() == "-" {
        print!("{sdl}");
    } else {
        std::fs::write(out, sdl).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}

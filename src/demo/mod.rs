//! `seed-demo` (and `serve --demo`): a believable hub to look at, a Casa
//! del Quartiere in Turin with a manager, a provider and a member, rooms,
//! desks, a cooperative's service and a startup's 3D printer, and bookings
//! around "now". The hub and its accounts are made directly (no one may
//! create a hub through the API yet: it takes a platform administrator);
//! everything else goes through the API as the demo's people
//! (`catalogue`, `bookings`), so the demo obeys every rule the API
//! enforces. Running it twice changes nothing.

mod acting;
mod bookings;
mod catalogue;

pub use catalogue::{BIKE_REPAIR, DESKS, FREE_ROOM, PAID_ROOM, PRINTER};

use crate::accounts::email::EmailAddress;
use crate::accounts::password::Password;
use crate::accounts::store::{self as accounts_store, NewUser};
use crate::db::scope::HubTx;
use crate::db::{self, Access};
use crate::error::AppResult;
use crate::graphql::AppSchema;
use crate::ids::{HubId, UserId};
use crate::locale::Locale;
use crate::state::Services;
use crate::tenancy::model::{HubSlug, Role};
use crate::tenancy::store::{self as tenancy_store, NewHub};

/// The demo hub's slug.
pub const DEMO_HUB: &str = "demo";
/// The demo hub's time zone: Turin's.
pub const TIME_ZONE: chrono_tz::Tz = chrono_tz::Europe::Rome;
/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "portineria-demo";
/// The demo accounts: email, name, role.
pub const DEMO_USERS: &[(&str, &str, Role)] = &[
    (
        "manager@demo.portineria.test",
        "Maria Gestore",
        Role::Manager,
    ),
    (
        "provider@demo.portineria.test",
        "Paolo Fornitore",
        Role::Provider,
    ),
    (
        "member@demo.portineria.test",
        "Mimma Residente",
        Role::Member,
    ),
];

/// What `seed_demo` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Seeded {
    /// The demo hub was created.
    Created,
    /// It was already there; nothing changed.
    AlreadyThere,
}

/// Creates the demo hub, its accounts, listings and bookings unless the hub
/// exists, at the time of `services`' clock, through `schema` (the
/// server's own).
///
/// The hub is created first and the rest follows it, so a run that fails
/// half-way (it names the refused step) leaves a hub with part of the demo:
/// a demo database is disposable, start from an empty one.
pub async fn seed_demo(services: &Services, schema: &AppSchema) -> AppResult<Seeded> {
    let db = &services.db;
    let clock = &services.clock;
    let slug = HubSlug::parse(DEMO_HUB, "slug")?;
    let tx = db.begin(Access::Write, None).await?;
    if tenancy_store::find_hub_by_slug(&tx, &slug).await?.is_some() {
        db::commit(tx).await?;
        return Ok(Seeded::AlreadyThere);
    }
    let now = clock.now();
    let mut users = Vec::new();
    for (email, name, role) in DEMO_USERS {
        let email = EmailAddress::parse(email, "email")?;
        let user = match accounts_store::find_by_email(&tx, &email).await? {
            Some(user) => user,
            None => {
                let hash = Password::parse(DEMO_PASSWORD, "password")?.hash().await?;
                let new = NewUser {
                    email,
                    name: (*name).to_owned(),
                    password_hash: Some(hash),
                    locale: Locale::It,
                };
                accounts_store::create_user(&tx, new, now).await?
            }
        };
        users.push((UserId(user.id), *role));
    }
    let new = NewHub {
        slug,
        name: "Casa del Quartiere San Salvario (demo)".to_owned(),
        time_zone: TIME_ZONE,
        currency: "EUR".to_owned(),
        locale: Locale::It,
        commission_bps: 500,
    };
    let (manager, _) = users[0];
    let hub = tenancy_store::create_hub(tx, new, manager, now).await?;
    let hx = HubTx::begin(db, Access::Write, HubId(hub.id), None).await?;
    for (user, role) in users.into_iter().skip(1) {
        tenancy_store::add_member(&hx, user, role, now).await?;
    }
    hx.commit().await?;

    let as_demo = |index: usize| {
        let (email, _, _) = DEMO_USERS[index];
        acting::Actor::log_in(services, schema, DEMO_HUB, email, DEMO_PASSWORD)
    };
    let (manager, provider, member) = (as_demo(0).await?, as_demo(1).await?, as_demo(2).await?);
    let listings = catalogue::stock(&manager, DEMO_USERS[1].0).await?;
    let people = bookings::People {
        manager: &manager,
        provider: &provider,
        member: &member,
    };
    bookings::fill(&people, &listings, TIME_ZONE, clock.now()).await?;
    Ok(Seeded::Created)
}

//! `seed-demo`: a demo hub with a manager, a provider and a member, so a new
//! user has something to log in to. Running it twice changes nothing.

use crate::accounts::email::EmailAddress;
use crate::accounts::password::Password;
use crate::accounts::store::{self as accounts_store, NewUser};
use crate::clock::Clock;
use crate::db::scope::HubTx;
use crate::db::{self, Access, Db};
use crate::error::AppResult;
use crate::ids::{HubId, UserId};
use crate::locale::Locale;
use crate::tenancy::model::{HubSlug, Role};
use crate::tenancy::store::{self as tenancy_store, NewHub};

/// The demo hub's slug.
pub const DEMO_HUB: &str = "demo";
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

/// Creates the demo hub and its accounts unless the hub exists.
pub async fn seed_demo(db: &Db, clock: &Clock) -> AppResult<Seeded> {
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
        name: "Casa del Quartiere (demo)".to_owned(),
        time_zone: chrono_tz::Europe::Rome,
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
    Ok(Seeded::Created)
}

//! What identifying earlier requests found (hubs by slug, live sessions
//! with their users by token hash, roles by hub and user), kept for the
//! next requests of this process.
//!
//! Every entry belongs to the identity generation read *before* it was
//! read from the database (migration 000017: the generation moves, in the
//! same transaction, with every change to a hub, user, session or
//! membership, made by any process). A request reads the generation first
//! and uses the entries only when they belong to exactly that generation; a
//! newer one empties the cache. So an answer from here is never older than
//! the database at the moment the request began: a log-out, a revoked
//! session, a changed role or hub setting count from the next request on,
//! in every process.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Utc};

use crate::entities::membership::Role;
use crate::entities::{hub, session, user};

/// At most this many sessions (and as many roles) are kept; past it the
/// cache starts again empty, so a flood of distinct tokens cannot grow it.
const MAX_SESSIONS: usize = 10_000;
/// At most this many hubs are kept.
const MAX_HUBS: usize = 1_000;

/// A live session and its user.
pub type SessionOf = (session::Model, user::Model);

/// What one request asked to identify.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    /// The hub's slug, if the request named one.
    pub slug: Option<&'a str>,
    /// The hash of the bearer token, if one came.
    pub token_hash: Option<&'a str>,
}

/// What the cache knew about every part asked.
#[derive(Debug, Clone)]
pub struct Known {
    /// The hub named, if one was asked.
    pub hub: Option<hub::Model>,
    /// The session and user of the token, if one was asked.
    pub session: Option<SessionOf>,
    /// The user's role in the hub, if both were asked.
    pub role: Option<Role>,
}

#[derive(Default)]
struct Entries {
    generation: Option<i64>,
    hubs: HashMap<String, hub::Model>,
    sessions: HashMap<String, SessionOf>,
    roles: HashMap<(uuid::Uuid, uuid::Uuid), Option<Role>>,
}

/// The cache of one server process.
#[derive(Default)]
pub struct IdentityCache {
    entries: Mutex<Entries>,
}

impl IdentityCache {
    /// An empty cache.
    pub fn new() -> IdentityCache {
        IdentityCache::default()
    }

    /// The entries, if they belong to `generation` (emptied first when
    /// `generation` is newer than theirs); `None` when the caller read an
    /// older generation than the cache already holds.
    fn at(&self, generation: i64) -> Option<MutexGuard<'_, Entries>> {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        match entries.generation {
            Some(held) if held > generation => None,
            Some(held) if held == generation => Some(entries),
            _ => {
                *entries = Entries {
                    generation: Some(generation),
                    ..Entries::default()
                };
                Some(entries)
            }
        }
    }

    /// Everything `asked` needs, if all of it is known at `generation` and
    /// the session is still live at `now`; `None` sends the caller to the
    /// database.
    pub fn known(&self, generation: i64, asked: Asked<'_>, now: DateTime<Utc>) -> Option<Known> {
        let entries = self.at(generation)?;
        let hub = match asked.slug {
            Some(slug) => Some(entries.hubs.get(slug)?.clone()),
            None => None,
        };
        let session = match asked.token_hash {
            Some(hash) => {
                let found = entries.sessions.get(hash)?;
                if found.0.expires_at <= now || found.0.revoked_at.is_some() {
                    return None;
                }
                Some(found.clone())
            }
            None => None,
        };
        let role = match (&hub, &session) {
            (Some(hub), Some((_, user))) => *entries.roles.get(&(hub.id, user.id))?,
            _ => None,
        };
        Some(Known { hub, session, role })
    }

    /// Keeps what the database answered for `asked`, read after `generation`.
    /// Unknown hubs and tokens are not kept: they are answered from the
    /// database every time.
    pub fn remember(&self, generation: i64, asked: Asked<'_>, known: &Known) {
        let Some(mut entries) = self.at(generation) else {
            return;
        };
        if let (Some(slug), Some(hub)) = (asked.slug, &known.hub) {
            if entries.hubs.len() >= MAX_HUBS {
                entries.hubs.clear();
            }
            entries.hubs.insert(slug.to_owned(), hub.clone());
        }
        if let (Some(hash), Some(session)) = (asked.token_hash, &known.session) {
            if entries.sessions.len() >= MAX_SESSIONS {
                entries.sessions.clear();
                entries.roles.clear();
            }
            entries.sessions.insert(hash.to_owned(), session.clone());
            if let Some(hub) = &known.hub {
                entries.roles.insert((hub.id, session.1.id), known.role);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn instant(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, hour, 0, 0)
            .single()
            .expect("instant")
    }

    fn hub_row(slug: &str) -> hub::Model {
        hub::Model {
            id: uuid::Uuid::new_v4(),
            slug: slug.into(),
            name: "Hub".into(),
            time_zone: "Europe/Rome".into(),
            currency: "EUR".into(),
            locale: "it".into(),
            commission_bps: 0,
            payment_provider: crate::entities::hub::PaymentProvider::Offline,
            stripe_mode: None,
            stripe_account_id: None,
            require_verified_email: false,
            created_at: instant(0),
        }
    }

    fn session_of(expires: DateTime<Utc>) -> SessionOf {
        let user = user::Model {
            id: uuid::Uuid::new_v4(),
            email: "a@example.org".into(),
            email_key: "a@example.org".into(),
            name: "A".into(),
            password_hash: None,
            locale: "it".into(),
            is_platform_admin: false,
            email_verified_at: None,
            created_at: instant(0),
        };
        let session = session::Model {
            id: uuid::Uuid::new_v4(),
            user_id: user.id,
            token_hash: "hash".into(),
            created_at: instant(0),
            expires_at: expires,
            revoked_at: None,
        };
        (session, user)
    }

    fn asked() -> Asked<'static> {
        Asked {
            slug: Some("casa"),
            token_hash: Some("hash"),
        }
    }

    fn filled(generation: i64) -> IdentityCache {
        let cache = IdentityCache::new();
        let known = Known {
            hub: Some(hub_row("casa")),
            session: Some(session_of(instant(12))),
            role: Some(Role::Manager),
        };
        cache.remember(generation, asked(), &known);
        cache
    }

    #[test]
    fn answers_only_at_the_generation_it_was_filled_at() {
        let cache = filled(7);
        let known = cache.known(7, asked(), instant(9)).expect("known at 7");
        assert_eq!(known.role, Some(Role::Manager));
        assert!(
            cache.known(8, asked(), instant(9)).is_none(),
            "a newer generation empties it"
        );
        assert!(
            cache.known(7, asked(), instant(9)).is_none(),
            "and nothing old comes back"
        );
    }

    #[test]
    fn a_reader_of_an_older_generation_neither_reads_nor_writes() {
        let cache = filled(7);
        assert!(cache.known(6, asked(), instant(9)).is_none());
        let stale = Known {
            hub: Some(hub_row("casa")),
            session: Some(session_of(instant(12))),
            role: None,
        };
        cache.remember(6, asked(), &stale);
        let known = cache
            .known(7, asked(), instant(9))
            .expect("still the newer entries");
        assert_eq!(known.role, Some(Role::Manager));
    }

    #[test]
    fn an_expired_session_or_a_missing_part_goes_to_the_database() {
        let cache = filled(1);
        assert!(
            cache.known(1, asked(), instant(12)).is_none(),
            "expired at noon"
        );
        let other_hub = Asked {
            slug: Some("altro"),
            token_hash: Some("hash"),
        };
        assert!(cache.known(1, other_hub, instant(9)).is_none());
        let hub_only = Asked {
            slug: Some("casa"),
            token_hash: None,
        };
        let known = cache.known(1, hub_only, instant(9)).expect("the hub alone");
        assert!(known.session.is_none() && known.role.is_none());
    }

    #[test]
    fn a_flood_of_sessions_starts_it_again_instead_of_growing() {
        let cache = IdentityCache::new();
        for n in 0..=MAX_SESSIONS {
            let hash = format!("hash-{n}");
            let known = Known {
                hub: None,
                session: Some(session_of(instant(12))),
                role: None,
            };
            let asked = Asked {
                slug: None,
                token_hash: Some(&hash),
            };
            cache.remember(1, asked, &known);
        }
        let entries = cache.at(1).expect("generation 1");
        assert!(entries.sessions.len() <= MAX_SESSIONS);
    }
}

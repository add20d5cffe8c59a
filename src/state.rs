//! What every capability may use: the shared services of one server
//! process. A leaf: it imports no capability.

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::identity_cache::IdentityCache;
use crate::rate_limit::RateLimits;

/// What resolvers and handlers share.
#[derive(Clone)]
pub struct Services {
    /// The database pool.
    pub db: Db,
    /// Where "now" comes from.
    pub clock: Clock,
    /// The validated configuration.
    pub settings: Arc<Settings>,
    /// Rate limits per client address and per account.
    pub rate_limits: Arc<RateLimits>,
    /// Hubs, sessions and roles identified for earlier requests.
    pub identities: Arc<IdentityCache>,
}

impl Services {
    /// The services of a process with this database, clock and settings.
    pub fn new(db: Db, clock: Clock, settings: Settings) -> Services {
        Services {
            db,
            clock,
            rate_limits: Arc::new(RateLimits::new(&settings.edge.rates)),
            identities: Arc::new(IdentityCache::new()),
            settings: Arc::new(settings),
        }
    }
}

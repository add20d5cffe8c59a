//! The time source of the server: the system clock in production, a clock the
//! test moves by hand so that expiry and deadlines are tested without sleeping.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, SubsecRound, Utc};

/// Where "now" comes from.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The machine's clock.
    #[default]
    System,
    /// A clock that only moves when told to.
    Manual(Arc<RwLock<DateTime<Utc>>>),
}

impl Clock {
    /// A manual clock showing `at`.
    pub fn manual(at: DateTime<Utc>) -> Clock {
        Clock::Manual(Arc::new(RwLock::new(at)))
    }

    /// The current instant, to the microsecond (what both databases store).
    pub fn now(&self) -> DateTime<Utc> {
        let now = match self {
            Clock::System => Utc::now(),
            Clock::Manual(at) => *at.read().unwrap_or_else(|poisoned| poisoned.into_inner()),
        };
        now.trunc_subsecs(6)
    }

    /// Moves a manual clock forward; the system clock cannot be moved.
    pub fn advance(&self, by: Duration) {
        if let Clock::Manual(at) = self {
            let mut at = at.write().unwrap_or_else(|poisoned| poisoned.into_inner());
            *at += by;
        }
    }
}

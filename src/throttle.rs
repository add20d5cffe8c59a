//! Slows down password guessing: each email address gets a small burst of
//! log-in attempts, then one more per interval.
//!
//! Kept in the process's memory: with several servers the effective limit is
//! per server, which still turns a brute-force attack from millions of
//! guesses into a handful a minute.

use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;
use crate::msg;

/// Attempts allowed at once for one address.
const BURST: u32 = 10;
/// Sustained attempts per minute for one address.
const PER_MINUTE: u32 = 5;

/// Log-in attempts per email key.
#[derive(Debug)]
pub struct LoginLimiter(DefaultKeyedRateLimiter<String>);

impl Default for LoginLimiter {
    fn default() -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(PER_MINUTE).unwrap_or(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(BURST).unwrap_or(NonZeroU32::MIN));
        LoginLimiter(RateLimiter::keyed(quota))
    }
}

impl LoginLimiter {
    /// Counts an attempt for `email_key`; `RATE_LIMITED` past the quota.
    pub fn attempt(&self, email_key: &str) -> Result<(), AppError> {
        self.0
            .check_key(&email_key.to_owned())
            .map_err(|_| AppError::RateLimited(msg!("login-rate-limited")))?;
        // Forget idle addresses now and then, so the map does not grow forever.
        if self.0.len() > 10_000 {
            self.0.retain_recent();
        }
        Ok(())
    }
}

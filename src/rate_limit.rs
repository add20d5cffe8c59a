//! Rate limits on the actions an attacker would repeat: logging in, signing
//! up, and anything that sends an email. Each is limited twice, per client
//! address and per account (the email address it names), so neither many
//! addresses against one account nor one address against many accounts gets
//! through.
//!
//! Kept in the process's memory: with several servers the effective limit is
//! per server, which still turns a brute-force attack from millions of tries
//! into a handful a minute.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::{AppError, AppResult};
use crate::msg;

/// The client's address, as the HTTP edge resolved it (socket, or a trusted
/// proxy's `X-Forwarded-For`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// `count` tries at once, then one more every `per / count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Tries allowed in a burst, and per `per`.
    pub count: NonZeroU32,
    /// The period over which `count` tries come back.
    pub per: Duration,
}

impl Rate {
    /// Reads `COUNT/PERIOD`, the period a number with `s`, `m` or `h` (`10/1m`).
    pub fn parse(text: &str) -> Option<Rate> {
        let (count, period) = text.trim().split_once('/')?;
        let count = NonZeroU32::new(count.trim().parse().ok()?)?;
        let period = period.trim();
        let unit = match period.chars().last()? {
            's' => 1,
            'm' => 60,
            'h' => 3_600,
            _ => return None,
        };
        let amount: u64 = period[..period.len() - 1].parse().ok()?;
        let per = Duration::from_secs(amount.checked_mul(unit).filter(|s| *s > 0)?);
        Some(Rate { count, per })
    }

    fn quota(self) -> Quota {
        let interval = self.per / self.count.get();
        Quota::with_period(interval.max(Duration::from_millis(1)))
            .unwrap_or_else(|| Quota::per_second(self.count))
            .allow_burst(self.count)
    }
}

/// The configured rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    /// `logIn` per client address.
    pub log_in_per_address: Rate,
    /// `logIn` per email address tried.
    pub log_in_per_account: Rate,
    /// `signUp` per client address.
    pub sign_up_per_address: Rate,
    /// `signUp` per email address.
    pub sign_up_per_account: Rate,
    /// Mutations that send an email, per client address.
    pub email_per_address: Rate,
    /// Mutations that send an email, per recipient account.
    pub email_per_account: Rate,
}

/// What is being limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A password check for a log-in.
    LogIn,
    /// A new account.
    SignUp,
    /// Any mutation that sends an email.
    SendEmail,
}

struct Limiters {
    by_address: DefaultKeyedRateLimiter<IpAddr>,
    by_account: DefaultKeyedRateLimiter<String>,
}

impl Limiters {
    fn new(per_address: Rate, per_account: Rate) -> Limiters {
        Limiters {
            by_address: RateLimiter::keyed(per_address.quota()),
            by_account: RateLimiter::keyed(per_account.quota()),
        }
    }
}

/// Every rate limit of one server process.
pub struct RateLimits {
    log_in: Limiters,
    sign_up: Limiters,
    send_email: Limiters,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RateLimits")
    }
}

/// Past this many remembered keys, idle ones are forgotten.
const FORGET_AFTER: usize = 10_000;

impl RateLimits {
    /// Limits at the configured rates.
    pub fn new(rates: &Rates) -> RateLimits {
        RateLimits {
            log_in: Limiters::new(rates.log_in_per_address, rates.log_in_per_account),
            sign_up: Limiters::new(rates.sign_up_per_address, rates.sign_up_per_account),
            send_email: Limiters::new(rates.email_per_address, rates.email_per_account),
        }
    }

    /// Counts one `action` from `client` on `account` (an email key);
    /// `RATE_LIMITED` with the seconds to wait when either limit is spent.
    pub fn check(&self, action: Action, client: IpAddr, account: &str) -> AppResult<()> {
        let limiters = match action {
            Action::LogIn => &self.log_in,
            Action::SignUp => &self.sign_up,
            Action::SendEmail => &self.send_email,
        };
        let now = DefaultClock::default().now();
        let outcome = limiters
            .by_address
            .check_key(&client)
            .and_then(|()| limiters.by_account.check_key(&account.to_owned()));
        if limiters.by_address.len() > FORGET_AFTER {
            limiters.by_address.retain_recent();
        }
        if limiters.by_account.len() > FORGET_AFTER {
            limiters.by_account.retain_recent();
        }
        outcome.map_err(|not_until| {
            let wait = not_until.wait_time_from(now);
            // Rounded up: a client that waits the whole seconds said succeeds.
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            refused(action, seconds.max(1))
        })
    }
}

fn refused(action: Action, seconds: u64) -> AppError {
    let message = match action {
        Action::LogIn => msg!("rate-limited-log-in", seconds = seconds),
        Action::SignUp => msg!("rate-limited-sign-up", seconds = seconds),
        Action::SendEmail => msg!("rate-limited-email", seconds = seconds),
    };
    AppError::RateLimited {
        message,
        retry_after_seconds: seconds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(text: &str) -> Rate {
        Rate::parse(text).expect("valid rate")
    }

    fn limits(tight: &str) -> RateLimits {
        let loose = rate("1000/1m");
        RateLimits::new(&Rates {
            log_in_per_address: loose,
            log_in_per_account: rate(tight),
            sign_up_per_address: rate(tight),
            sign_up_per_account: loose,
            email_per_address: loose,
            email_per_account: rate(tight),
        })
    }

    #[test]
    fn rates_read_a_count_and_a_period() {
        assert_eq!(
            Rate::parse("10/2m"),
            Some(Rate {
                count: NonZeroU32::new(10).expect("non-zero"),
                per: Duration::from_secs(120)
            })
        );
        for bad in ["10", "0/1m", "10/0m", "10/m", "10/1d", "ten/1m", "-1/1m"] {
            assert_eq!(Rate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn each_action_is_limited_per_address_and_per_account() {
        let limits = limits("2/1h");
        let here: IpAddr = [192, 0, 2, 1].into();
        let there: IpAddr = [192, 0, 2, 2].into();
        // Per account: a third log-in for one address fails from anywhere.
        limits.check(Action::LogIn, here, "ada").expect("first");
        limits.check(Action::LogIn, there, "ada").expect("second");
        let refused = limits.check(Action::LogIn, there, "ada");
        let Err(AppError::RateLimited {
            retry_after_seconds,
            ..
        }) = refused
        else {
            panic!("expected RATE_LIMITED, got {refused:?}");
        };
        // One try comes back every 30 minutes.
        assert!(
            (1_790..=1_800).contains(&retry_after_seconds),
            "{retry_after_seconds}"
        );
        limits
            .check(Action::LogIn, here, "grace")
            .expect("another account");
        // Per address: a third sign-up from one client fails for any account.
        limits.check(Action::SignUp, here, "a").expect("first");
        limits.check(Action::SignUp, here, "b").expect("second");
        assert!(limits.check(Action::SignUp, here, "c").is_err());
        limits
            .check(Action::SignUp, there, "c")
            .expect("another client");
        // The email limiter any sending mutation can call.
        limits.check(Action::SendEmail, here, "ada").expect("first");
        limits
            .check(Action::SendEmail, there, "ada")
            .expect("second");
        assert!(limits.check(Action::SendEmail, here, "ada").is_err());
    }
}

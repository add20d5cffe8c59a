//! The one place a database error becomes a client's answer.
//!
//! A violated named constraint (see `migration::constraints`) is the
//! database refusing what the application should have refused first, or a
//! race that the application's checks could not see (two requests with one
//! idempotency key at the same instant): either way it is a typed error,
//! never `INTERNAL`. A serialization failure or a deadlock (PostgreSQL 40001,
//! 40P01; SQLite busy or locked) means "run the transaction again":
//! [`retrying`] does, a bounded number of times. Anything else is a fault: `INTERNAL`, logged.

use std::borrow::Cow;

use migration::constraints as named;
use sea_orm::{DbErr, RuntimeErr};

use crate::error::AppError;
use crate::i18n::Message;
use crate::money::MAX_TAX_RATE_BPS;
use crate::msg;

/// How many times a transaction is run before contention is reported.
pub const ATTEMPTS: u32 = 4;

/// The SQLSTATE of a database error, when the driver gave one.
fn sqlstate(err: &DbErr) -> Option<String> {
    match err {
        DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e))
        | DbErr::Conn(RuntimeErr::SqlxError(e)) => {
            e.as_database_error()?.code().map(Cow::into_owned)
        }
        _ => None,
    }
}

/// Whether running the same transaction again may succeed: PostgreSQL's
/// serialization failure and deadlock, SQLite's busy and locked (past the
/// busy timeout, or a read turned write in a snapshot that moved on).
pub fn is_transient(err: &DbErr) -> bool {
    matches!(
        sqlstate(err).as_deref(),
        Some("40001" | "40P01" | "5" | "6" | "261" | "517")
    )
}

fn invalid(field: &'static str, message: Message) -> AppError {
    AppError::validation(field, message)
}

/// The typed error for a violated constraint `name`, if it is one of ours.
pub fn for_constraint(name: &str) -> Option<AppError> {
    let broken = || msg!("error-rule-broken", rule = name.to_owned());
    Some(match name {
        named::BOOKING_IDEMPOTENCY_UNIQUE => {
            invalid("input.idempotencyKey", msg!("booking-key-reused"))
        }
        named::MEMBERSHIP_UNIQUE => AppError::Conflict(msg!("member-exists")),
        named::ORGANIZATION_MEMBER_UNIQUE => {
            AppError::Conflict(msg!("organization-already-acting"))
        }
        named::USER_EMAIL_UNIQUE => AppError::Conflict(msg!("account-exists")),
        named::HUB_SLUG_UNIQUE => AppError::Conflict(msg!("hub-slug-taken")),
        named::BOOKING_QUANTITY_POSITIVE => {
            invalid("input.quantity", msg!("input-choose-at-least-one"))
        }
        named::BOOKING_ENDS_AFTER_START => invalid("input.end", msg!("input-end-before-start")),
        named::LISTING_CAPACITY_POSITIVE => invalid("input.capacity", broken()),
        named::LISTING_UNIT_PRICE_NON_NEGATIVE | named::LISTING_MEMBER_UNIT_PRICE_NON_NEGATIVE => {
            invalid("input.price", msg!("money-negative"))
        }
        named::LISTING_MIN_UNITS_POSITIVE | named::LISTING_MAX_UNITS_AT_LEAST_MIN => {
            invalid("input.minUnits", broken())
        }
        named::LISTING_BUFFERS_NON_NEGATIVE
        | named::LISTING_LEAD_TIME_NON_NEGATIVE
        | named::LISTING_HORIZON_NON_NEGATIVE => invalid("input", msg!("input-not-negative")),
        named::LISTING_TAX_RATE_RANGE => invalid(
            "input.taxRateBps",
            msg!("listing-tax-rate-range", max = MAX_TAX_RATE_BPS),
        ),
        named::HUB_COMMISSION_BPS_RANGE => {
            invalid("input.commissionBps", msg!("hub-commission-range"))
        }
        // The money of a booking is our own arithmetic, not the caller's
        // input; refusing it still answers in words, and is logged.
        other if named::CHECKS.contains(&other) || named::PAYMENT_CHECKS.contains(&other) => {
            tracing::error!(
                constraint = other,
                "a booking's figures broke a database rule"
            );
            AppError::Conflict(broken())
        }
        _ => return None,
    })
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> AppError {
        classify(err)
    }
}

/// What the client is told about `err`.
pub fn classify(err: DbErr) -> AppError {
    if is_transient(&err) {
        return AppError::Conflict(msg!("error-retry-exhausted"));
    }
    let typed = named::violated(&err.to_string()).and_then(for_constraint);
    typed.unwrap_or_else(|| AppError::internal(err))
}

/// Runs `work` (a whole transaction) again when the database asks for it
/// (a serialization failure or a deadlock), at most [`ATTEMPTS`] times.
pub async fn retrying<T, F, Fut>(mut work: F) -> Result<T, AppError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Retry>>,
{
    let mut attempt = 1;
    loop {
        match work().await {
            Ok(done) => return Ok(done),
            Err(Retry::Transient) if attempt < ATTEMPTS => {
                attempt += 1;
                // A short, growing pause lets the competing transaction finish.
                tokio::time::sleep(std::time::Duration::from_millis(5 * u64::from(attempt))).await;
            }
            Err(Retry::Transient) => return Err(AppError::Conflict(msg!("error-retry-exhausted"))),
            Err(Retry::Final(err)) => return Err(err),
        }
    }
}

/// The failure of one attempt.
#[derive(Debug)]
pub enum Retry {
    /// The database asked for the transaction to run again.
    Transient,
    /// A final answer.
    Final(AppError),
}

impl From<AppError> for Retry {
    fn from(err: AppError) -> Retry {
        if err.is_contention() {
            Retry::Transient
        } else {
            Retry::Final(err)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    #[test]
    fn every_named_constraint_has_a_typed_answer() {
        for name in named::CHECKS.iter().chain(named::PAYMENT_CHECKS) {
            let err = for_constraint(name).expect(name);
            assert_ne!(err.code(), "INTERNAL", "{name}");
        }
        for key in [
            named::BOOKING_IDEMPOTENCY_UNIQUE,
            named::MEMBERSHIP_UNIQUE,
            named::ORGANIZATION_MEMBER_UNIQUE,
            named::USER_EMAIL_UNIQUE,
            named::HUB_SLUG_UNIQUE,
        ] {
            assert_ne!(for_constraint(key).expect(key).code(), "INTERNAL", "{key}");
        }
        let reused = for_constraint(named::BOOKING_IDEMPOTENCY_UNIQUE).expect("key");
        assert!(
            matches!(reused, AppError::Validation { ref field, .. } if field == "input.idempotencyKey")
        );
    }

    #[test]
    fn a_unique_violation_message_from_either_database_is_typed() {
        let postgres = DbErr::Custom(
            r#"duplicate key value violates unique constraint "ux_bookings_idempotency""#
                .to_owned(),
        );
        assert_eq!(classify(postgres).code(), "VALIDATION");
        let other = DbErr::Custom("disk I/O error".to_owned());
        assert_eq!(classify(other).code(), "INTERNAL");
    }

    #[tokio::test]
    async fn contention_is_retried_a_bounded_number_of_times() {
        let runs = AtomicU32::new(0);
        let outcome: Result<(), AppError> = retrying(|| async {
            runs.fetch_add(1, Ordering::SeqCst);
            Err(Retry::Transient)
        })
        .await;
        assert_eq!(runs.load(Ordering::SeqCst), ATTEMPTS);
        assert!(matches!(outcome, Err(AppError::Conflict(_))));
        let runs = AtomicU32::new(0);
        let outcome = retrying(|| async {
            if runs.fetch_add(1, Ordering::SeqCst) == 0 {
                Err(Retry::Transient)
            } else {
                Ok(7)
            }
        })
        .await;
        assert_eq!(outcome.ok(), Some(7));
    }
}

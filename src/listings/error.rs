//! What a listing change can be refused for (who may do it is the
//! authorization policy's answer, `accounts::policy`), as values: rules return these,
//! tests match them, and [`From`] turns each into the client's answer (code,
//! field and catalogue message) in this one place. Malformed input (a bad
//! time, a negative price, too many tags) is refused where it is parsed, as a
//! `VALIDATION` error naming its field.
//!
//! Like `AppError`, it deliberately has no `Display`: async-graphql turns
//! any `Display` error reached by `?` into a message without a code, so the
//! compiler makes every path to a client go through `AppError`.

use crate::error::AppError;
use crate::msg;

use super::model::{ListingStatus, ReviewStep};

/// Why a change to a listing is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListingError {
    /// Missing, in another hub, or hidden from the caller.
    NotFound,
    /// The organization named is not one of the hub's.
    OrganizationNotFound,
    /// A provider offering for an organization they do not act for.
    OwnOrganizationOnly,
    /// The review workflow does not allow `step` from `status`.
    StepNotAllowed {
        /// Where the listing stands.
        status: ListingStatus,
        /// The step asked for.
        step: ReviewStep,
    },
    /// A listing without opening hours cannot go to review.
    HoursNeeded,
    /// Archived listings are kept as they were.
    Archived,
    /// The tax rate, beside the hub's commission, could leave the provider
    /// less than nothing.
    TaxBesideCommission {
        /// The hub's commission, in basis points.
        commission_bps: u32,
        /// The highest rate that fits beside it, in basis points.
        highest_bps: u32,
    },
    /// The change would leave held bookings without room.
    StrandsBookings {
        /// How many bookings stand in the way.
        count: usize,
        /// When the first starts, on the hub's wall clock.
        first: String,
        /// What the change was to: `capacity` or `hours`.
        what: &'static str,
    },
}

impl From<ListingError> for AppError {
    fn from(err: ListingError) -> AppError {
        use ListingError::*;
        match err {
            NotFound => AppError::NotFound(msg!("listing-not-found")),
            OrganizationNotFound => AppError::NotFound(msg!("organization-not-found")),
            OwnOrganizationOnly => AppError::Forbidden(msg!("listing-own-organization-only")),
            StepNotAllowed { status, step } => AppError::Conflict(msg!(
                "listing-step-not-allowed",
                status = status.as_str(),
                step = step.as_str()
            )),
            HoursNeeded => AppError::validation("id", msg!("listing-hours-needed")),
            Archived => AppError::Conflict(msg!("listing-archived")),
            TaxBesideCommission {
                commission_bps,
                highest_bps,
            } => AppError::validation(
                "input.taxRateBps",
                msg!(
                    "listing-tax-beside-commission",
                    commission = commission_bps,
                    max = highest_bps
                ),
            ),
            StrandsBookings { count, first, what } => AppError::Conflict(msg!(
                "listing-strands-bookings",
                count = count,
                first = first,
                what = what,
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tax_rate_beside_too_high_a_commission_names_the_highest_that_fits() {
        let err = AppError::from(ListingError::TaxBesideCommission {
            commission_bps: 9000,
            highest_bps: 1111,
        });
        assert_eq!(err.code(), "VALIDATION");
        let (field, it) = err.describe(crate::locale::Locale::It).expect("public");
        assert_eq!(field, Some("input.taxRateBps"));
        assert!(
            it.contains("9000") && it.contains("al massimo 1111"),
            "{it}"
        );
    }

    #[test]
    fn stranding_says_how_many_and_when_in_both_languages() {
        let err = AppError::from(ListingError::StrandsBookings {
            count: 3,
            first: "2026-11-25 11:00".to_owned(),
            what: "capacity",
        });
        let en = err.describe(crate::locale::Locale::En).expect("public").1;
        assert!(
            en.starts_with("3 bookings would be left without room"),
            "{en}"
        );
        assert!(
            en.contains("2026-11-25 11:00") && en.contains("number of places"),
            "{en}"
        );
        let it = err.describe(crate::locale::Locale::It).expect("public").1;
        assert!(it.starts_with("3 prenotazioni resterebbero"), "{it}");
        assert_eq!(err.code(), "CONFLICT");
    }
}

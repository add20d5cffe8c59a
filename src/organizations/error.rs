//! What a change to an organization can be refused for, as values, each
//! turned into the client's answer here. No `Display`: every path to a
//! client goes through `AppError` (see `bookings::error`).

use crate::error::AppError;
use crate::msg;

/// Why a change to an organization is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrganizationError {
    /// Missing, or in another hub.
    NotFound,
    /// The person acts for it already.
    AlreadyActing,
    /// The person does not act for it.
    NotActing,
    /// Only providers (and managers) act for organizations.
    ProvidersOnly,
    /// The person is not a member of the hub.
    NotAMember {
        /// Their email address.
        email: String,
    },
}

impl From<OrganizationError> for AppError {
    fn from(err: OrganizationError) -> AppError {
        use OrganizationError::*;
        match err {
            NotFound => AppError::NotFound(msg!("organization-not-found")),
            AlreadyActing => AppError::Conflict(msg!("organization-already-acting")),
            NotActing => AppError::NotFound(msg!("organization-not-acting")),
            ProvidersOnly => AppError::Conflict(msg!("organization-providers-only")),
            NotAMember { email } => {
                AppError::NotFound(msg!("organization-not-a-member", email = email))
            }
        }
    }
}

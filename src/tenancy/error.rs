//! What a change to a hub's members can be refused for, as values, each
//! turned into the client's answer here. No `Display`: every path to a
//! client goes through `AppError` (see `bookings::error`).

use crate::error::AppError;
use crate::msg;

/// Why a change to a hub's members is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HubError {
    /// The person is a member already.
    AlreadyMember,
    /// The person is not a member.
    NotAMember,
    /// The change would leave the hub without a manager.
    LastManager,
    /// Nobody has an account with this email address.
    UnknownAccount {
        /// The address asked for.
        email: String,
    },
}

impl From<HubError> for AppError {
    fn from(err: HubError) -> AppError {
        match err {
            HubError::AlreadyMember => AppError::Conflict(msg!("member-exists")),
            HubError::NotAMember => AppError::NotFound(msg!("member-missing")),
            HubError::LastManager => AppError::Conflict(msg!("hub-last-manager")),
            HubError::UnknownAccount { email } => {
                AppError::NotFound(msg!("account-unknown-email", email = email))
            }
        }
    }
}

//! Everything asking for a calendar feed can be refused for (besides the
//! policy's own denials), turned into the client's answer in one place.
//! No `Display`, like `AppError`.

use crate::error::AppError;
use crate::msg;

/// Why a feed cannot be made or rotated as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// A listing feed asked for without its listing.
    ListingNeeded,
    /// A listing named for a feed of a person or of the hub.
    ListingNotExpected,
}

impl From<CalendarError> for AppError {
    fn from(err: CalendarError) -> AppError {
        match err {
            CalendarError::ListingNeeded => {
                AppError::validation("listingId", msg!("calendar-listing-needed"))
            }
            CalendarError::ListingNotExpected => {
                AppError::validation("listingId", msg!("calendar-listing-not-expected"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_is_typed_and_worded() {
        crate::error::assert_typed_and_worded(&[
            CalendarError::ListingNeeded,
            CalendarError::ListingNotExpected,
        ]);
    }
}

//! Who may book in a hub beyond what their role allows: a hub can take
//! bookings only from people who proved their email address.
//!
//! Checked by `createBooking` and `createBookingSeries` before anything is
//! written, for the person the booking is for (today always the caller).
//! `quoteBooking` does not check it: a price is information anyone may
//! read, and the refusal names its remedy when the person books.

use crate::entities::{hub, user};
use crate::error::AppResult;

use super::error::BookingError;

/// `Ok` if `customer` may book in `hub` as far as their address goes.
pub fn ensure_may_book(hub: &hub::Model, customer: &user::Model) -> AppResult<()> {
    Ok(address_allows_booking(
        hub.require_verified_email,
        customer.email_verified_at.is_some(),
    )?)
}

/// The rule on plain facts: whether the hub asks for a verified address,
/// and whether the customer's is.
fn address_allows_booking(hub_requires: bool, verified: bool) -> Result<(), BookingError> {
    if hub_requires && !verified {
        return Err(BookingError::EmailNotVerified);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_hub_that_asks_refuses_an_unverified_address() {
        let cases = [
            (false, false, None),
            (false, true, None),
            (true, true, None),
            (true, false, Some(BookingError::EmailNotVerified)),
        ];
        for (requires, verified, refusal) in cases {
            assert_eq!(
                address_allows_booking(requires, verified).err(),
                refusal,
                "hub requires {requires}, verified {verified}"
            );
        }
    }
}

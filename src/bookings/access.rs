//! Who may see and act on which booking: its customer, the hub's managers,
//! and the providers of the listing's organization, as the policy
//! (`accounts::policy`) says. Anyone else gets `NOT_FOUND`, as for a booking
//! that does not exist.

use crate::accounts::policy::{self, Action, Actor, BookingFacts};
use crate::db::scope::HubTx;
use crate::entities::booking;
use crate::error::AppResult;
use crate::ids::UserId;
use crate::listings::access::ListingAccess;
use crate::listings::store as listings_store;

use super::error::BookingError;
use super::model::BookingEvent;
use super::store;

/// The caller's standing towards one booking.
#[derive(Debug, Clone)]
pub struct Standing {
    actor: Actor,
    booking: BookingFacts,
}

impl Standing {
    /// `Ok` if the caller may take `event` on the booking; `FORBIDDEN` if
    /// their part in it does not allow that.
    pub fn require(&self, event: BookingEvent) -> AppResult<()> {
        let action = match event {
            BookingEvent::Approve => Action::ApproveBooking(self.booking),
            BookingEvent::Decline => Action::DeclineBooking(self.booking),
            BookingEvent::Cancel => Action::CancelBooking(self.booking),
            BookingEvent::MarkNoShow => Action::MarkNoShow(self.booking),
            // The server's own steps: nobody asks for them.
            BookingEvent::Expire | BookingEvent::Complete | BookingEvent::Pay => {
                return Err(BookingError::PartNotAllowed.into());
            }
        };
        policy::check(&self.actor, action)
    }

    /// Whether the caller acts for the hub rather than as the customer (a
    /// manager calling off someone's booking refunds it in full).
    pub fn for_the_hub(&self) -> bool {
        self.actor.manages_hub() && !self.actor.is(self.booking.customer)
    }
}

/// The booking `id` and the caller's standing towards it; locked when `lock`.
pub async fn visible_booking(
    hx: &HubTx,
    access: &ListingAccess,
    id: uuid::Uuid,
    lock: bool,
) -> AppResult<(booking::Model, Standing)> {
    let row = store::find(hx, id, lock)
        .await?
        .ok_or_else(store::not_found)?;
    let listing = listings_store::find(hx, row.listing_id, false)
        .await?
        .ok_or_else(store::not_found)?;
    let booking = BookingFacts {
        customer: UserId(row.customer_id),
        organization: listing.organization_id,
    };
    access.require(Action::ViewBooking(booking))?;
    let standing = Standing {
        actor: access.actor().clone(),
        booking,
    };
    Ok((row, standing))
}

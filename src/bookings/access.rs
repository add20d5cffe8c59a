//! Who may see and act on which booking: its customer, the hub's managers,
//! and the providers of the listing's organization. Anyone else gets
//! `NOT_FOUND`, as for a booking that does not exist.

use crate::db::scope::HubTx;
use crate::entities::booking;
use crate::error::AppResult;
use crate::listings::access::ListingAccess;
use crate::listings::store as listings_store;
use crate::request::Viewer;

use super::error::BookingError;
use super::store;

/// The caller's standing towards one booking.
#[derive(Debug, Clone, Copy)]
pub struct Standing {
    /// The caller made the booking.
    pub customer: bool,
    /// The caller manages the hub.
    pub manager: bool,
    /// The caller manages the hub or acts for the listing's organization.
    pub staff: bool,
}

impl Standing {
    /// `FORBIDDEN` unless `allowed`.
    pub fn require(&self, allowed: bool) -> AppResult<()> {
        if allowed {
            Ok(())
        } else {
            Err(BookingError::PartNotAllowed.into())
        }
    }
}

/// The booking `id` and the caller's standing towards it; locked when `lock`.
pub async fn visible_booking(
    hx: &HubTx,
    access: &ListingAccess,
    viewer: &Viewer,
    id: uuid::Uuid,
    lock: bool,
) -> AppResult<(booking::Model, Standing)> {
    let row = store::find(hx, id, lock)
        .await?
        .ok_or_else(store::not_found)?;
    let listing = listings_store::find(hx, row.listing_id, false)
        .await?
        .ok_or_else(store::not_found)?;
    let standing = Standing {
        customer: row.customer_id == viewer.user.id,
        manager: access.is_manager(),
        staff: access.may_edit_for(listing.organization_id),
    };
    if standing.customer || standing.staff {
        Ok((row, standing))
    } else {
        Err(store::not_found())
    }
}

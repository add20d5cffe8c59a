//! The one place overbooking is prevented.
//!
//! Mechanism: every change that can add capacity use on a listing (creating
//! a booking, approving a request) first locks the listing's row
//! (`SELECT … FOR UPDATE` on PostgreSQL; on SQLite every write transaction is
//! `BEGIN IMMEDIATE`, so writers are already serialised), then recounts the
//! capacity-holding bookings around the period and refuses if the new
//! quantity does not fit. Because the lock is on the listing row in the
//! database, it serialises competing requests across any number of server
//! processes, and because it is taken before the count, the count cannot be
//! stale. An exclusion constraint would guard capacity 1 only; the row lock
//! guards any capacity and seat counts, and costs one row lock per booking.
//! Bookings of different listings never wait for each other.

use chrono::Duration;

use super::usage::{Holding, peak_usage};
use crate::db::scope::HubTx;
use crate::entities::listing;
use crate::error::AppResult;
use crate::listings::hours::Interval;
use crate::listings::spec::ListingSpec;

use super::error::BookingError;
use super::period::{Period, longest_booking};
use super::store::{self, Against};

/// The capacity-holding bookings of `listing` whose footprints could touch
/// [from, to) (buffers of both sides included).
pub async fn holdings_around(
    hx: &HubTx,
    listing: uuid::Uuid,
    spec: &ListingSpec,
    from: chrono::DateTime<chrono::Utc>,
    to: chrono::DateTime<chrono::Utc>,
    against: Against,
) -> AppResult<Vec<Holding>> {
    // Two footprints [start − before, end + after) overlap exactly when the
    // bookings are closer than both buffers together.
    let reach = Duration::minutes(
        i64::from(spec.buffer_before_minutes) + i64::from(spec.buffer_after_minutes),
    );
    store::holding(
        hx,
        listing,
        from - reach,
        to + reach,
        longest_booking(spec) + reach,
        against,
    )
    .await
}

/// Refuses with `CONFLICT` unless `period` fits beside the bookings that
/// already hold capacity on `listing` (buffers included). `listing` must
/// have been read with its row locked in this transaction; `against` says which
/// bookings count.
pub async fn ensure_room(
    hx: &HubTx,
    listing: &listing::Model,
    spec: &ListingSpec,
    period: Period,
    against: Against,
) -> AppResult<()> {
    let before = Duration::minutes(i64::from(spec.buffer_before_minutes));
    let after = Duration::minutes(i64::from(spec.buffer_after_minutes));
    let holdings = holdings_around(hx, listing.id, spec, period.start, period.end, against).await?;
    let used = peak_usage(
        &holdings,
        &Interval {
            start: period.start,
            end: period.end,
        },
        before,
        after,
    );
    if used.saturating_add(period.quantity) > spec.capacity {
        let left = spec.capacity.saturating_sub(used);
        return Err(BookingError::SlotTaken {
            left,
            capacity: spec.capacity,
        }
        .into());
    }
    Ok(())
}

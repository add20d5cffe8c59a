//! The reminder the day before a booking, to its customer.
//!
//! The rule: a booking's reminder falls due [`AHEAD`] (24 hours) before it
//! starts and is queued by the first pass from then until the start, if
//! at that moment the booking is `CONFIRMED` and was made at or before the
//! moment the reminder fell due. A booking made less than a day ahead
//! gets none: its confirmation arrived moments ago and says the same. A
//! booking called off before the pass is no longer confirmed and gets
//! none; each occurrence of a series is a booking of its own and gets its
//! own. Once per booking: the dedupe key is `reminder:<booking>`.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::db::scope::HubTx;
use crate::entities::booking::{self, BookingStatus};
use crate::entities::{hub, listing};
use crate::error::AppResult;
use crate::listings::store as listings_store;

use super::kinds::Kind;
use super::outbox;
use super::planner::wording::when;
use super::recipients;
use super::schedule::{Optional, enqueue_optional};
use super::templates::Facts;

/// How long before its start a booking is reminded of.
pub const AHEAD: Duration = Duration::hours(24);

/// Bookings read at a time: the window holds one day of the hub's
/// bookings, read in pages along the `(tenant_id, starts_at)` index.
const PAGE: u64 = 200;

/// Whether a booking starting at `starts_at`, made at `booked_at`, is due
/// its reminder at `now` (its status aside).
pub fn due(starts_at: DateTime<Utc>, booked_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    let reminder_at = starts_at - AHEAD;
    booked_at <= reminder_at && reminder_at <= now && now < starts_at
}

/// The dedupe key of `booking`'s reminder.
fn key(booking: &booking::Model) -> String {
    format!("reminder:{}", booking.id)
}

/// Queues the reminders due in `hub` by `now`; how many.
pub async fn plan(
    hx: &HubTx,
    hub: &hub::Model,
    public_url: &str,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let mut listings: HashMap<uuid::Uuid, Option<listing::Model>> = HashMap::new();
    let mut queued = 0;
    let mut offset = 0;
    loop {
        let page = hx
            .find::<booking::Entity>()
            .filter(booking::Column::StartsAt.gt(now))
            .filter(booking::Column::StartsAt.lte(now + AHEAD))
            .filter(booking::Column::Status.eq(BookingStatus::Confirmed))
            .order_by_asc(booking::Column::StartsAt)
            .order_by_asc(booking::Column::Id)
            .offset(offset)
            .limit(PAGE)
            .all(hx.conn())
            .await?;
        let read = page.len();
        let due: Vec<booking::Model> = page
            .into_iter()
            .filter(|b| due(b.starts_at, b.created_at, now))
            .collect();
        let sent = outbox::queued_among(hx.conn(), due.iter().map(key).collect()).await?;
        for booking in due.iter().filter(|b| !sent.contains(&key(b))) {
            let listing = match listings.get(&booking.listing_id) {
                Some(known) => known.clone(),
                None => {
                    let found = listings_store::find(hx, booking.listing_id, false).await?;
                    listings.insert(booking.listing_id, found.clone());
                    found
                }
            };
            let Some(listing) = listing else {
                continue;
            };
            queued += remind(hx, hub, (&listing, booking), public_url, now).await?;
        }
        if read < usize::try_from(PAGE).unwrap_or(usize::MAX) {
            return Ok(queued);
        }
        offset += PAGE;
    }
}

/// Queues the reminder of `booking` to its customer.
async fn remind(
    hx: &HubTx,
    hub: &hub::Model,
    (listing, booking): (&listing::Model, &booking::Model),
    public_url: &str,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let facts = Facts {
        hub: hub.name.clone(),
        listing: listing.title.clone(),
        when: when(hub, booking)?,
        address: listing.address.clone(),
        ..Facts::default()
    };
    let mut queued = 0;
    for person in recipients::customer(hx, hub, booking.customer_id).await? {
        let message = Optional {
            kind: Kind::BookingReminder,
            person: &person,
            dedupe_key: key(booking),
            facts: facts.clone(),
        };
        if enqueue_optional(hx, hub, message, public_url, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(0, 0).expect("epoch") + Duration::days(100) + Duration::hours(hour)
    }

    #[test]
    fn a_booking_made_days_ahead_is_reminded_from_a_day_before_until_it_starts() {
        let start = at(48);
        let booked = at(0);
        assert!(!due(start, booked, at(23)), "too early");
        assert!(due(start, booked, at(24)), "exactly a day before");
        assert!(due(start, booked, at(47)), "a late pass still reminds");
        assert!(!due(start, booked, at(48)), "once it started, no reminder");
    }

    #[test]
    fn a_booking_made_less_than_a_day_ahead_gets_no_reminder() {
        let start = at(48);
        assert!(due(start, at(24), at(30)), "made exactly a day ahead");
        assert!(!due(start, at(25), at(30)), "made 23 hours ahead");
        assert!(!due(start, at(46), at(47)), "made 2 hours ahead");
    }
}

//! What a feed is and what it shows, free of storage: its scope (whose
//! bookings), the statuses each scope lists, and the window of time.

use chrono::{DateTime, Duration, Utc};

use crate::entities::booking::BookingStatus;
pub use crate::entities::calendar_feed::CalendarFeedKind;
use crate::error::AppResult;
use crate::i18n::Message;
use crate::msg;

use super::error::CalendarError;

/// How far back a feed reaches.
pub const DAYS_BACK: i64 = 30;
/// How far ahead a feed reaches.
pub const DAYS_AHEAD: i64 = 365;
/// The most events one feed answer carries (the earliest first).
pub const MOST_EVENTS: u64 = 2_000;

/// The bookings of a person's own feed: all that take place or may, not the
/// ones called off (a subscribed calendar drops what leaves the feed).
const OWN: [BookingStatus; 5] = [
    BookingStatus::Requested,
    BookingStatus::AwaitingPayment,
    BookingStatus::Confirmed,
    BookingStatus::Completed,
    BookingStatus::NoShow,
];

/// The bookings of a listing's or the hub's feed: the confirmed ones,
/// including those that have since taken place.
const CONFIRMED: [BookingStatus; 3] = [
    BookingStatus::Confirmed,
    BookingStatus::Completed,
    BookingStatus::NoShow,
];

/// Whose bookings a feed shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedScope {
    /// The owner's own.
    Own,
    /// One listing's.
    Listing(uuid::Uuid),
    /// The whole hub's.
    Hub,
}

impl FeedScope {
    /// The scope a client asks for: a listing feed names its listing, the
    /// others name none.
    pub fn parse(kind: CalendarFeedKind, listing: Option<uuid::Uuid>) -> AppResult<FeedScope> {
        match (kind, listing) {
            (CalendarFeedKind::Listing, Some(listing)) => Ok(FeedScope::Listing(listing)),
            (CalendarFeedKind::Listing, None) => Err(CalendarError::ListingNeeded.into()),
            (CalendarFeedKind::User | CalendarFeedKind::Hub, Some(_)) => {
                Err(CalendarError::ListingNotExpected.into())
            }
            (CalendarFeedKind::User, None) => Ok(FeedScope::Own),
            (CalendarFeedKind::Hub, None) => Ok(FeedScope::Hub),
        }
    }

    /// The scope of a stored feed; `None` when its row does not add up
    /// (which the database's own rule forbids).
    pub fn of_row(kind: CalendarFeedKind, listing: Option<uuid::Uuid>) -> Option<FeedScope> {
        FeedScope::parse(kind, listing).ok()
    }

    /// The stored kind.
    pub fn kind(self) -> CalendarFeedKind {
        match self {
            FeedScope::Own => CalendarFeedKind::User,
            FeedScope::Listing(_) => CalendarFeedKind::Listing,
            FeedScope::Hub => CalendarFeedKind::Hub,
        }
    }

    /// The stored listing.
    pub fn listing(self) -> Option<uuid::Uuid> {
        match self {
            FeedScope::Listing(listing) => Some(listing),
            FeedScope::Own | FeedScope::Hub => None,
        }
    }

    /// The statuses whose bookings the feed lists.
    pub fn statuses(self) -> &'static [BookingStatus] {
        match self {
            FeedScope::Own => &OWN,
            FeedScope::Listing(_) | FeedScope::Hub => &CONFIRMED,
        }
    }

    /// The calendar's name, for the reader to tell feeds apart.
    pub fn name(self, hub: &str, listing: Option<&str>) -> Message {
        match (self, listing) {
            (FeedScope::Listing(_), Some(title)) => {
                msg!("calendar-feed-listing", hub = hub, listing = title)
            }
            (FeedScope::Hub, _) | (FeedScope::Listing(_), None) => {
                msg!("calendar-feed-hub", hub = hub)
            }
            (FeedScope::Own, _) => msg!("calendar-feed-own", hub = hub),
        }
    }
}

/// The period a feed read at `now` covers, `[from, to)`.
pub fn window(now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        now - Duration::days(DAYS_BACK),
        now + Duration::days(DAYS_AHEAD),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_feed_names_its_listing_and_no_other_does() {
        let id = uuid::Uuid::from_u128(9);
        assert_eq!(
            FeedScope::parse(CalendarFeedKind::Listing, Some(id)).ok(),
            Some(FeedScope::Listing(id))
        );
        assert_eq!(
            FeedScope::parse(CalendarFeedKind::User, None).ok(),
            Some(FeedScope::Own)
        );
        assert_eq!(
            FeedScope::parse(CalendarFeedKind::Hub, None).ok(),
            Some(FeedScope::Hub)
        );
        assert!(FeedScope::parse(CalendarFeedKind::Listing, None).is_err());
        assert!(FeedScope::parse(CalendarFeedKind::Hub, Some(id)).is_err());
        for scope in [FeedScope::Own, FeedScope::Hub, FeedScope::Listing(id)] {
            assert_eq!(
                FeedScope::of_row(scope.kind(), scope.listing()),
                Some(scope)
            );
        }
    }

    #[test]
    fn staff_feeds_list_confirmed_bookings_and_nobody_sees_called_off_ones() {
        for scope in [FeedScope::Own, FeedScope::Hub] {
            for status in [
                BookingStatus::Cancelled,
                BookingStatus::Declined,
                BookingStatus::Expired,
            ] {
                assert!(!scope.statuses().contains(&status), "{scope:?} {status:?}");
            }
        }
        assert!(
            !FeedScope::Hub
                .statuses()
                .contains(&BookingStatus::Requested)
        );
        assert!(
            FeedScope::Own
                .statuses()
                .contains(&BookingStatus::Requested)
        );
    }

    #[test]
    fn the_window_is_thirty_days_back_and_a_year_ahead() {
        let now: DateTime<Utc> = "2026-11-23T09:00:00Z".parse().unwrap_or_default();
        let (from, to) = window(now);
        assert_eq!((now - from).num_days(), 30);
        assert_eq!((to - now).num_days(), 365);
    }
}

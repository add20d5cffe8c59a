//! How long an answer link works: while the request can still be answered,
//! and never more than a week (a link in an old inbox should not act).

use chrono::{DateTime, Duration, Utc};

/// The longest a link works.
pub const LONGEST: Duration = Duration::days(7);

/// When links made at `now` for a request stop working: when the request
/// expires unanswered (`deadline`) or when the booking starts, whichever
/// is first, and at most [`LONGEST`] from now. `None` when that is already
/// past: such a request gets no links.
pub fn expiry(
    now: DateTime<Utc>,
    deadline: Option<DateTime<Utc>>,
    starts_at: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let until = deadline
        .map_or(starts_at, |d| d.min(starts_at))
        .min(now + LONGEST);
    (until > now).then_some(until)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hours: i64) -> DateTime<Utc> {
        DateTime::UNIX_EPOCH + Duration::hours(hours)
    }

    #[test]
    fn a_link_works_until_the_first_of_deadline_start_and_a_week() {
        let now = at(0);
        // The deadline comes first.
        assert_eq!(expiry(now, Some(at(48)), at(100)), Some(at(48)));
        // The booking starts before its deadline.
        assert_eq!(expiry(now, Some(at(48)), at(10)), Some(at(10)));
        // No deadline recorded: the start.
        assert_eq!(expiry(now, None, at(30)), Some(at(30)));
        // Never more than a week.
        assert_eq!(
            expiry(now, Some(at(24 * 30)), at(24 * 60)),
            Some(at(24 * 7))
        );
        assert_eq!(expiry(now, None, at(24 * 60)), Some(now + LONGEST));
    }

    #[test]
    fn a_request_past_its_time_gets_no_links() {
        let now = at(50);
        assert_eq!(expiry(now, Some(at(48)), at(100)), None);
        assert_eq!(expiry(now, Some(at(50)), at(100)), None);
        assert_eq!(expiry(now, None, at(20)), None);
    }
}

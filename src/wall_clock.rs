//! Wall-clock times in a hub's time zone, turned into instants honestly
//! across daylight-saving changes.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant a wall-clock time names in `tz`: the earlier one when the
/// clock repeats it, the first instant after the jump when the clock skips it.
pub fn instant(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    if let Some(found) = tz.from_local_datetime(&local).earliest() {
        return Some(found.with_timezone(&Utc));
    }
    // In a gap chrono gives nothing: bisect for the first second whose wall
    // clock has passed `local`; real offsets stay well within a day.
    let passed = |secs| {
        DateTime::from_timestamp(secs, 0)
            .is_some_and(|t| t.with_timezone(&tz).naive_local() >= local)
    };
    let target = local.and_utc().timestamp();
    let (mut before, mut after) = (target - 86_400, target + 86_400);
    while after - before > 1 {
        let middle = before + (after - before) / 2;
        if passed(middle) {
            after = middle;
        } else {
            before = middle;
        }
    }
    DateTime::from_timestamp(after, 0)
}

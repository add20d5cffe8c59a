//! The managers' daily digest: when the hub has dead letters, each manager
//! hears once per calendar day on the hub's clock, from 08:00 there, how
//! many there are, how long the oldest has waited and where to see and
//! send them again. The day is the hub's local date, so a DST change moves
//! nothing: 08:00 is 08:00 on the wall. Once per (hub, day, manager): the
//! dedupe key is `dead-letters:<hub>:<local date>:<manager>`; the next day,
//! if they still wait, a new one.

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;

use crate::db::scope::HubTx;
use crate::entities::hub;
use crate::error::AppResult;
use crate::locale::Locale;
use crate::msg;
use crate::tenancy::model::hub_time_zone;

use super::kinds::Kind;
use super::outbox;
use super::recipients;
use super::schedule::{Optional, enqueue_optional};
use super::templates::Facts;

/// The hour on the hub's clock from which the day's digest may go.
const FROM_HOUR: u32 = 8;

/// The hub-local day whose digest may go at `now`, or `None` before
/// [`FROM_HOUR`] on the hub's clock.
pub fn due_day(now: DateTime<Utc>, tz: Tz) -> Option<NaiveDate> {
    let local = now.with_timezone(&tz);
    (local.hour() >= FROM_HOUR).then(|| local.date_naive())
}

/// How long something has waited, in words of `locale`.
pub fn age_words(age: Duration, locale: Locale) -> String {
    let message = if age < Duration::hours(1) {
        msg!("email-age-under-an-hour")
    } else if age < Duration::hours(48) {
        msg!("email-age-hours", hours = age.num_hours())
    } else {
        msg!("email-age-days", days = age.num_days())
    };
    message.render(locale)
}

/// Queues the hub's digest to each manager who has not had today's; how
/// many.
pub async fn plan(
    hx: &HubTx,
    hub: &hub::Model,
    public_url: &str,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let Some(day) = due_day(now, hub_time_zone(hub)?) else {
        return Ok(0);
    };
    let Some((count, oldest)) = outbox::dead_letter_summary(hx.conn(), hub.id).await? else {
        return Ok(0);
    };
    let key = |manager: uuid::Uuid| format!("dead-letters:{}:{day}:{manager}", hub.id);
    let managers = recipients::managers(hx, hub).await?;
    let sent =
        outbox::queued_among(hx.conn(), managers.iter().map(|m| key(m.user)).collect()).await?;
    let mut queued = 0;
    for person in managers.iter().filter(|m| !sent.contains(&key(m.user))) {
        let facts = Facts {
            hub: hub.name.clone(),
            count: i64::try_from(count).unwrap_or(i64::MAX),
            age: age_words(now - oldest, person.locale),
            link: format!("{public_url}/hubs/{}/manage/dead-letters", hub.slug),
            ..Facts::default()
        };
        let message = Optional {
            kind: Kind::DeadLettersWaiting,
            person,
            dedupe_key: key(person.user),
            facts,
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

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("instant")
            .to_utc()
    }

    #[test]
    fn the_day_starts_at_eight_on_the_hubs_clock_across_a_dst_change() {
        let rome = chrono_tz::Europe::Rome;
        // Winter (UTC+1): 08:00 in Rome is 07:00 UTC.
        assert_eq!(due_day(utc("2026-11-25T06:59:00Z"), rome), None);
        assert_eq!(
            due_day(utc("2026-11-25T07:00:00Z"), rome),
            NaiveDate::from_ymd_opt(2026, 11, 25)
        );
        // The day summer time starts (UTC+2 from 03:00): 08:00 is 06:00 UTC.
        assert_eq!(due_day(utc("2026-03-29T05:59:00Z"), rome), None);
        assert_eq!(
            due_day(utc("2026-03-29T06:00:00Z"), rome),
            NaiveDate::from_ymd_opt(2026, 3, 29)
        );
        // Late evening UTC is already the next day in Auckland.
        assert_eq!(
            due_day(utc("2026-11-25T20:00:00Z"), chrono_tz::Pacific::Auckland),
            NaiveDate::from_ymd_opt(2026, 11, 26)
        );
    }

    #[test]
    fn ages_read_in_hours_then_days_in_each_language() {
        assert_eq!(
            age_words(Duration::minutes(5), Locale::En),
            "less than an hour"
        );
        assert_eq!(age_words(Duration::minutes(90), Locale::En), "one hour");
        assert_eq!(age_words(Duration::hours(30), Locale::It), "30 ore");
        assert_eq!(age_words(Duration::days(3), Locale::En), "3 days");
        assert_eq!(age_words(Duration::days(3), Locale::It), "3 giorni");
    }
}

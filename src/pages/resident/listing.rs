//! `GET /hubs/{slug}/listings/{id}`: a listing, its terms in words, its
//! opening hours and its free times for two weeks (from `?from=`, today
//! by default, on the hub's clock), with the form that asks for a quote.

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use serde_json::{Value, json};

use crate::http::AppState;
use crate::msg;

use super::super::render::{Page, data};
use super::super::visitor::Visitor;
use super::super::{api, ask};
use super::input::{self, Unreadable};
use super::{Asked, today, tz_of, unreadable_page};

/// How many days of free times the page shows at once.
const WINDOW_DAYS: i64 = 14;

/// How far from today the free times can be looked at, in days.
const FURTHEST_DAYS: i64 = 3660;

/// What a listing page and the quote page show of a listing.
pub const LISTING_FIELDS: &str = "id title description kind category address capacity
    organization { name kind }
    bookingUnit { kind minutes } minUnits maxUnits leadTimeMinutes horizonDays approvalMode
    price { kind unitPrice { amount currency } memberUnitPrice { amount currency } }
    cancellationPolicy { minNoticeHours refundPercent }
    openingHours { rules { weekday opens closes } exceptions { date kind opens closes } }";

const FREE: &str = "query($id: ID!, $from: DateTime!, $to: DateTime!) {
    availability(listingId: $id, from: $from, to: $to) { start end remaining } }";

/// One day of the window and its free times.
#[derive(Debug, Serialize)]
struct Day {
    /// `YYYY-MM-DD`.
    date: String,
    /// Its first instant, for the `day` filter.
    at: DateTime<Utc>,
    free: Vec<Free>,
}

/// Free time: slots next to each other joined into one stretch.
#[derive(Debug, Serialize)]
struct Free {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    /// The fewest seats free at any moment of the stretch.
    remaining: i64,
}

/// The free slots of `[from, +days)` laid out day by day on `tz`'s clock.
fn days(slots: &[Value], tz: Tz, first: NaiveDate, count: i64) -> Vec<Day> {
    let mut days: Vec<Day> = (0..count)
        .filter_map(|n| {
            let date = first.checked_add_signed(Duration::days(n))?;
            let (at, _) = input::days(tz, date, 1)?;
            Some(Day {
                date: date.format("%Y-%m-%d").to_string(),
                at,
                free: Vec::new(),
            })
        })
        .collect();
    for slot in slots {
        let instant = |name: &str| {
            slot[name]
                .as_str()
                .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                .map(|t| t.with_timezone(&Utc))
        };
        let (Some(start), Some(end)) = (instant("start"), instant("end")) else {
            continue;
        };
        let remaining = slot["remaining"].as_i64().unwrap_or(0);
        let date = start
            .with_timezone(&tz)
            .date_naive()
            .format("%Y-%m-%d")
            .to_string();
        let Some(day) = days.iter_mut().find(|d| d.date == date) else {
            continue;
        };
        match day.free.last_mut() {
            Some(last) if last.end == start => {
                last.end = end;
                last.remaining = last.remaining.min(remaining);
            }
            _ => day.free.push(Free {
                start,
                end,
                remaining,
            }),
        }
    }
    days
}

/// `GET /hubs/{slug}/listings/{id}`.
pub async fn show(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    visitor: Visitor,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&slug)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let document = format!("query($id: ID!) {{ listing(id: $id) {{ {LISTING_FIELDS} }} }}");
    let answer = match ask::read(&state, &visitor, &who, &document, json!({ "id": id })).await {
        Ok(answer) => answer,
        Err(page) => return page,
    };
    let tz = tz_of(&who);
    let today = today(&state, tz);
    let asked = Asked::read(raw.as_deref());
    let values = |week: minijinja::Value, unavailable: Option<String>| {
        minijinja::context! {
            listing => data(&answer["listing"]),
            week => week,
            unavailable => unavailable,
            today => today.format("%Y-%m-%d").to_string(),
        }
    };
    let first = match asked.get("from") {
        "" => Ok(today),
        raw => input::date("from", raw).and_then(|day| {
            // Ten years either way is further than any listing books; a
            // day past year 9999 would not even have an RFC 3339 instant.
            if (day - today).num_days().abs() > FURTHEST_DAYS {
                Err(Unreadable {
                    field: "from",
                    message: msg!("page-resident-date-too-far"),
                })
            } else {
                Ok(day)
            }
        }),
    };
    let window = first.and_then(|first| {
        input::days(tz, first, WINDOW_DAYS)
            .map(|(from, to)| (first, from, to))
            .ok_or(Unreadable {
                field: "from",
                message: msg!("page-resident-date-wrong"),
            })
    });
    let (first, from, to) = match window {
        Ok(window) => window,
        Err(wrong) => {
            return unreadable_page(
                "resident/listing.html",
                values(minijinja::Value::UNDEFINED, None),
                &wrong,
                &visitor,
                &who,
            );
        }
    };
    let step = |days: i64| {
        first
            .checked_add_signed(Duration::days(days))
            .map(|d| d.format("%Y-%m-%d").to_string())
    };
    // The free times are a part of the page: a refusal (the listing is
    // not bookable now, say) is said there, and the rest still shows.
    let free = api::ask(
        &state,
        &who,
        FREE,
        json!({ "id": id, "from": from, "to": to }),
    )
    .await;
    let (slots, unavailable) = match free {
        Ok(data) => (
            data["availability"].as_array().cloned().unwrap_or_default(),
            None,
        ),
        Err(refusal) => (Vec::new(), Some(refusal.message)),
    };
    let week = json!({
        "days": days(&slots, tz, first, WINDOW_DAYS),
        "from": from,
        "to": to,
        "previous": if first > today { step(-WINDOW_DAYS) } else { None },
        "next": step(WINDOW_DAYS),
    });
    Page::new("resident/listing.html", values(data(week), unavailable)).show(&visitor, Some(&who))
}

#[cfg(test)]
mod tests {
    use chrono_tz::Europe::Rome;

    use super::*;

    #[test]
    fn slots_next_to_each_other_read_as_one_stretch_on_their_day() {
        let slot = |s: &str, e: &str, r: i64| json!({ "start": s, "end": e, "remaining": r });
        let first = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let laid = days(
            &[
                slot("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z", 3),
                slot("2026-11-25T09:00:00Z", "2026-11-25T10:00:00Z", 1),
                slot("2026-11-25T12:00:00Z", "2026-11-25T13:00:00Z", 2),
                // 00:30 in Rome is the next day there.
                slot("2026-11-25T23:30:00Z", "2026-11-26T00:30:00Z", 2),
            ],
            Rome,
            first,
            2,
        );
        assert_eq!(laid.len(), 2);
        assert_eq!(laid[0].free.len(), 2);
        assert_eq!(
            laid[0].free[0].remaining, 1,
            "the fewest seats of the stretch"
        );
        assert_eq!(
            laid[0].free[0].end.to_rfc3339(),
            "2026-11-25T10:00:00+00:00"
        );
        assert_eq!(laid[1].free.len(), 1);
        assert_eq!(laid[1].date, "2026-11-26");
    }
}

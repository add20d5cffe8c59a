//! A weekly series of bookings of one listing (a room every Tuesday
//! 18:00–20:00 for ten weeks): `GET …/series` shows the form, `POST`
//! books what can be booked and shows, on the answer itself, what was
//! booked and what was skipped and why. The form's key makes a second
//! post return the same series instead of booking it again.

use axum::extract::{Path, State};
use axum::response::Response;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde_json::{Value, json};

use crate::http::AppState;
use crate::msg;

use super::super::ask;
use super::super::posted::{Fields, Posted};
use super::super::render::{Page, data, login_first};
use super::super::visitor::{Identified, Visitor};
use super::input::{self, Unreadable};
use super::{today, tz_of, unreadable_page};

/// The most weeks one series may span (the API's limit of occurrences).
const MOST_WEEKS: u32 = 104;

const LISTING: &str = "query($id: ID!) { listing(id: $id) { id title capacity } }";

const SERIES: &str = "mutation($input: BookingSeriesInput!) { createBookingSeries(input: $input) {
    seriesId bookings { id status start end }
    skipped { start end problem { code message } } } }";

/// The API's weekday names, Monday first.
const WEEKDAYS: [&str; 7] = [
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

/// What the series form sent, as typed.
#[derive(Debug, Clone, Default, serde::Serialize)]
struct Wanted {
    weekday: String,
    start: String,
    end: String,
    first: String,
    weeks: String,
    quantity: String,
}

/// A series read: the first occurrence and how many.
#[derive(Debug)]
struct Series {
    weekday: &'static str,
    period: input::Period,
    weeks: u32,
    quantity: u32,
}

impl Wanted {
    fn of(fields: &Fields) -> Wanted {
        let get = |name| fields.get(name).to_owned();
        Wanted {
            weekday: get("weekday"),
            start: get("start"),
            end: get("end"),
            first: get("first"),
            weeks: get("weeks"),
            quantity: get("quantity"),
        }
    }

    fn read(&self, tz: chrono_tz::Tz) -> Result<Series, Unreadable> {
        let weekday = WEEKDAYS
            .iter()
            .position(|day| *day == self.weekday)
            .ok_or(Unreadable {
                field: "weekday",
                message: msg!("page-resident-weekday-wrong"),
            })?;
        let first = input::date("first", &self.first)?;
        let day = first_on(first, weekday).ok_or(Unreadable {
            field: "first",
            message: msg!("page-resident-date-wrong"),
        })?;
        let start = input::time("start", &self.start)?;
        let end = input::time("end", &self.end)?;
        let period = input::period(tz, day, start, end)?;
        let weeks = match self.weeks.parse::<u32>() {
            Ok(n) if (1..=MOST_WEEKS).contains(&n) => n,
            _ => {
                return Err(Unreadable {
                    field: "weeks",
                    message: msg!("page-resident-weeks-wrong", most = i64::from(MOST_WEEKS)),
                });
            }
        };
        let quantity = input::seats("quantity", &self.quantity)?;
        Ok(Series {
            weekday: WEEKDAYS[weekday],
            period,
            weeks,
            quantity,
        })
    }
}

/// The first day on or after `from` that falls on `weekday` (0 = Monday).
fn first_on(from: NaiveDate, weekday: usize) -> Option<NaiveDate> {
    let target = Weekday::try_from(u8::try_from(weekday).ok()?).ok()?;
    let ahead = (7 + target.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from.checked_add_signed(Duration::days(i64::from(ahead)))
}

/// The listing the series is of, or the page that says why not.
async fn listing(
    state: &AppState,
    visitor: &Visitor,
    who: &Identified,
    id: &str,
) -> Result<Value, Response> {
    ask::read(state, visitor, who, LISTING, json!({ "id": id }))
        .await
        .map(|answer| answer["listing"].clone())
}

/// `GET /hubs/{slug}/listings/{id}/series`.
pub async fn form(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    visitor: Visitor,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&slug)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    if who.context.viewer.is_none() {
        return login_first(&visitor);
    }
    let listing = match listing(&state, &visitor, &who, &id).await {
        Ok(listing) => listing,
        Err(page) => return page,
    };
    let wanted = Wanted {
        first: today(&state, tz_of(&who)).format("%Y-%m-%d").to_string(),
        weeks: "4".to_owned(),
        ..Wanted::default()
    };
    Page::new(
        "resident/series.html",
        minijinja::context! {
            listing => data(listing),
            wanted => data(wanted),
            weekdays => WEEKDAYS,
            key => uuid::Uuid::new_v4().to_string(),
        },
    )
    .show(&visitor, Some(&who))
}

/// `POST /hubs/{slug}/listings/{id}/series`.
pub async fn book(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    Posted(visitor, fields): Posted,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&slug)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let listing = match listing(&state, &visitor, &who, &id).await {
        Ok(listing) => listing,
        Err(page) => return page,
    };
    let wanted = Wanted::of(&fields);
    let values = |result: Value, key: String| {
        minijinja::context! {
            listing => data(&listing),
            wanted => data(&wanted),
            weekdays => WEEKDAYS,
            result => data(result),
            key => key,
        }
    };
    let key = uuid::Uuid::try_parse(fields.get("key")).map_err(|_| Unreadable {
        field: "key",
        message: msg!("page-resident-key-wrong"),
    });
    let read = wanted
        .read(tz_of(&who))
        .and_then(|series| Ok((series, key?)));
    let (series, key) = match read {
        Ok(read) => read,
        Err(wrong) => {
            let fresh = uuid::Uuid::new_v4().to_string();
            return unreadable_page("resident/series.html", values(Value::Null, fresh), &wrong, &visitor, &who);
        }
    };
    let input = json!({
        "listingId": id,
        "start": series.period.start,
        "end": series.period.end,
        "quantity": series.quantity,
        "recurrence": { "weekdays": [series.weekday], "count": series.weeks },
        "skipConflicts": true,
        "idempotencyKey": key.to_string(),
    });
    let back = format!("/hubs/{slug}/listings/{}/series", listing["id"].as_str().unwrap_or_default());
    match super::act(&state, &visitor, &who, SERIES, json!({ "input": input }), &back).await {
        // The answer is shown here rather than after a redirect: what was
        // skipped is not kept anywhere else. Sending the form again returns
        // the same series (same key), never a second one.
        Ok(made) => Page::new(
            "resident/series.html",
            values(made["createBookingSeries"].clone(), key.to_string()),
        )
        .show(&visitor, Some(&who)),
        Err(page) => page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_series_starts_on_the_first_chosen_weekday_from_the_first_date() {
        let wednesday = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        assert_eq!(first_on(wednesday, 2), Some(wednesday));
        assert_eq!(
            first_on(wednesday, 1).map(|d| d.to_string()),
            Some("2026-12-01".to_owned())
        );
        assert_eq!(
            first_on(wednesday, 6).map(|d| d.to_string()),
            Some("2026-11-29".to_owned())
        );
    }

    #[test]
    fn a_series_that_cannot_be_read_names_its_field() {
        let field = |weekday: &str, weeks: &str| {
            Wanted {
                weekday: weekday.to_owned(),
                start: "18:00".to_owned(),
                end: "20:00".to_owned(),
                first: "2026-11-25".to_owned(),
                weeks: weeks.to_owned(),
                quantity: String::new(),
            }
            .read(chrono_tz::Europe::Rome)
            .err()
            .map(|w| w.field)
        };
        assert_eq!(field("TUESDAY", "4"), None);
        assert_eq!(field("someday", "4"), Some("weekday"));
        assert_eq!(field("TUESDAY", "0"), Some("weeks"));
        assert_eq!(field("TUESDAY", "105"), Some("weeks"));
        assert_eq!(field("TUESDAY", "four"), Some("weeks"));
    }
}

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
use crate::listings::schema::Weekday as ApiWeekday;
use crate::msg;

use super::super::ask;
use super::super::posted::{Fields, Posted};
use super::super::render::{Page, data};
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
const WEEKDAYS: [&str; 7] = ApiWeekday::API_NAMES;

/// What the series form sent, as typed.
#[derive(Debug, Clone, Default, serde::Serialize)]
struct Wanted {
    /// The chosen days of the week (the API's names), in the form's order.
    weekdays: Vec<String>,
    start: String,
    end: String,
    first: String,
    weeks: String,
    quantity: String,
}

/// A series read: its first occurrence, its days and its last date.
#[derive(Debug)]
struct Series {
    weekdays: Vec<&'static str>,
    period: input::Period,
    /// The last date (`YYYY-MM-DD`) an occurrence may fall on.
    until: String,
    quantity: u32,
}

impl Wanted {
    fn of(fields: &Fields) -> Wanted {
        let get = |name| fields.get(name).to_owned();
        Wanted {
            weekdays: fields
                .all("weekday")
                .into_iter()
                .map(str::to_owned)
                .collect(),
            start: get("start"),
            end: get("end"),
            first: get("first"),
            weeks: get("weeks"),
            quantity: get("quantity"),
        }
    }

    fn read(&self, tz: chrono_tz::Tz) -> Result<Series, Unreadable> {
        let wrong_day = || Unreadable {
            field: "weekday",
            message: msg!("page-resident-weekday-wrong"),
        };
        let chosen: Vec<usize> = WEEKDAYS
            .iter()
            .enumerate()
            .filter(|(_, day)| self.weekdays.iter().any(|w| w == *day))
            .map(|(n, _)| n)
            .collect();
        // Every value sent must be a weekday: a stray one is a form gone wrong.
        if chosen.is_empty() || chosen.len() != self.weekdays.len() {
            return Err(wrong_day());
        }
        let first = input::date("first", &self.first)?;
        // The series starts on the first chosen day on or after `first`.
        let day = chosen
            .iter()
            .filter_map(|weekday| first_on(first, *weekday))
            .min()
            .ok_or(Unreadable {
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
        let until = day
            .checked_add_signed(Duration::days(7 * i64::from(weeks) - 1))
            .ok_or(Unreadable {
                field: "weeks",
                message: msg!("page-resident-weeks-wrong", most = i64::from(MOST_WEEKS)),
            })?;
        Ok(Series {
            weekdays: chosen.iter().map(|n| WEEKDAYS[*n]).collect(),
            period,
            until: until.format("%Y-%m-%d").to_string(),
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
    let who = match ask::logged_in(&state, &visitor, &slug).await {
        Ok(who) => who,
        Err(page) => return page,
    };
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
            return unreadable_page(
                "resident/series.html",
                values(Value::Null, fresh),
                &wrong,
                &visitor,
                &who,
            );
        }
    };
    let input = json!({
        "listingId": id,
        "start": series.period.start,
        "end": series.period.end,
        "quantity": series.quantity,
        "recurrence": { "weekdays": series.weekdays, "until": series.until },
        "skipConflicts": true,
        "idempotencyKey": key.to_string(),
    });
    let back = format!(
        "/hubs/{slug}/listings/{}/series",
        listing["id"].as_str().unwrap_or_default()
    );
    match super::act(
        &state,
        &visitor,
        &who,
        SERIES,
        json!({ "input": input }),
        &back,
    )
    .await
    {
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
    fn a_series_runs_from_the_first_chosen_day_for_the_weeks_asked() {
        let series = Wanted {
            weekdays: vec!["THURSDAY".to_owned(), "WEDNESDAY".to_owned()],
            start: "18:00".to_owned(),
            end: "20:00".to_owned(),
            first: "2026-11-24".to_owned(),
            weeks: "4".to_owned(),
            quantity: String::new(),
        }
        .read(chrono_tz::Europe::Rome);
        let series = series.map_err(|w| w.field);
        assert_eq!(
            series.as_ref().map(|s| (
                s.period.start.to_rfc3339(),
                s.until.clone(),
                s.weekdays.clone()
            )),
            Ok((
                "2026-11-25T17:00:00+00:00".to_owned(),
                "2026-12-22".to_owned(),
                vec!["WEDNESDAY", "THURSDAY"]
            ))
        );
    }

    #[test]
    fn a_series_that_cannot_be_read_names_its_field() {
        let field = |weekday: &str, weeks: &str| {
            Wanted {
                weekdays: weekday.split(',').map(str::to_owned).collect(),
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
        assert_eq!(field("TUESDAY,THURSDAY", "4"), None);
        assert_eq!(field("TUESDAY,someday", "4"), Some("weekday"));
        assert_eq!(field("", "4"), Some("weekday"));
        assert_eq!(field("someday", "4"), Some("weekday"));
        assert_eq!(field("TUESDAY", "0"), Some("weeks"));
        assert_eq!(field("TUESDAY", "105"), Some("weeks"));
        assert_eq!(field("TUESDAY", "four"), Some("weeks"));
    }
}

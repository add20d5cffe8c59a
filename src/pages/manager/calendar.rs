//! `GET /hubs/{slug}/manage/calendar?date=YYYY-MM-DD&view=day|week`: every
//! listing's bookings on a day, or on the seven days of a week from
//! Monday, as the API's `dayView` gives each local day of the hub (so a
//! day when the clocks change lasts what the wall clock says).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use chrono::{Datelike, Days, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::http::AppState;
use crate::{msg, wall_clock};

use super::super::render::{Page, data, message};
use super::super::visitor::{Identified, Visitor};
use super::super::{ask, format};
use super::manager;

/// This page's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/hubs/{hub}/manage/calendar", get(calendar))
}

const DAY: &str = "query($date: String!) { dayView(date: $date) {
    listing { id title }
    bookings { id status start end quantity customer { name } } } }";

#[derive(Debug, Deserialize)]
struct Asked {
    date: Option<String>,
    view: Option<String>,
}

/// A day of the calendar with its bookings, listing by listing.
#[derive(Debug, Serialize)]
struct Day {
    date: String,
    /// The day as people read it (`dom 25 ott 2026`).
    label: String,
    rows: Value,
}

/// The days a view shows: `date` alone, or the week (Monday to Sunday) it falls in.
fn days_of(date: NaiveDate, week: bool) -> Vec<NaiveDate> {
    if !week {
        return vec![date];
    }
    let monday = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
    monday.iter_days().take(7).collect()
}

/// The hub's time zone.
fn time_zone(who: &Identified) -> Tz {
    who.context
        .hub
        .as_ref()
        .and_then(|hub| hub.time_zone.parse().ok())
        .unwrap_or(Tz::UTC)
}

/// `date` as people read it, from the first instant of that day on `tz`'s clock.
fn label(date: NaiveDate, tz: Tz, locale: crate::locale::Locale) -> String {
    wall_clock::day(tz, date).map_or_else(
        || date.format("%Y-%m-%d").to_string(),
        |(start, _)| format::day(start, tz, locale),
    )
}

async fn calendar(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    Query(asked): Query<Asked>,
    visitor: Visitor,
) -> Response {
    let who = match manager(&state, &visitor, &hub, &visitor.here).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let locale = who.locale();
    let week = asked.view.as_deref() == Some("week");
    let tz = time_zone(&who);
    let today = state.services.clock.now().with_timezone(&tz).date_naive();
    let date = match asked
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => today,
        Some(typed) => match NaiveDate::parse_from_str(typed, "%Y-%m-%d") {
            Ok(date) => date,
            Err(_) => {
                return message(
                    &msg!("page-manager-calendar-title").render(locale),
                    &msg!("page-manager-calendar-bad-date", value = typed.to_owned())
                        .render(locale),
                    StatusCode::BAD_REQUEST,
                )
                .show(&visitor, Some(&who));
            }
        },
    };
    let mut days = Vec::new();
    for day in days_of(date, week) {
        let variables = json!({ "date": day.format("%Y-%m-%d").to_string() });
        match ask::read(&state, &visitor, &who, DAY, variables).await {
            Ok(answer) => days.push(Day {
                date: day.format("%Y-%m-%d").to_string(),
                label: label(day, tz, locale),
                rows: answer["dayView"].clone(),
            }),
            Err(page) => return page,
        }
    }
    let step = if week { 7 } else { 1 };
    let shift = |n: i64| {
        let moved = if n < 0 {
            date.checked_sub_days(Days::new(n.unsigned_abs()))
        } else {
            date.checked_add_days(Days::new(n.unsigned_abs()))
        };
        moved.map(|d| d.format("%Y-%m-%d").to_string())
    };
    let first = days.first().map(|d| d.label.clone()).unwrap_or_default();
    let last = days.last().map(|d| d.label.clone()).unwrap_or_default();
    let bookings: usize = days
        .iter()
        .filter_map(|d| d.rows.as_array())
        .flatten()
        .filter_map(|row| row["bookings"].as_array())
        .map(Vec::len)
        .sum();
    Page::new(
        "manager/calendar.html",
        minijinja::context! {
            desk => "calendar",
            view => if week { "week" } else { "day" },
            date => date.format("%Y-%m-%d").to_string(),
            first => first,
            last => last,
            previous => shift(-step),
            following => shift(step),
            today => today.format("%Y-%m-%d").to_string(),
            days => data(&days),
            bookings => bookings,
        },
    )
    .show(&visitor, Some(&who))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_runs_from_monday_to_sunday_around_the_date() {
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let sunday = date("2026-10-25").into_iter().next();
        let week: Vec<_> = sunday.map(|d| days_of(d, true)).unwrap_or_default();
        assert_eq!(week.len(), 7);
        assert_eq!(week.first().copied(), date("2026-10-19"));
        assert_eq!(week.last().copied(), date("2026-10-25"));
        let day: Vec<_> = sunday.map(|d| days_of(d, false)).unwrap_or_default();
        assert_eq!(day, vec![sunday.unwrap_or_default()]);
    }
}

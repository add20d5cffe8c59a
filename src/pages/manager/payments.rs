//! `GET /hubs/{slug}/manage/payments?from=&to=`: the money each
//! organization took, gave back and is owed over a period of days on the
//! hub's clock (this month when none is asked), and the same report as a
//! spreadsheet at `/hubs/{slug}/manage/payments.csv`, which the browser
//! downloads with its session cookie (the API's `/payments/report.csv`
//! wants a bearer token, which a page never shows to the browser).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::json;

use crate::http::AppState;
use crate::http::payments_report;
use crate::locale::Locale;
use crate::{msg, wall_clock};

use super::super::ask;
use super::super::render::{Page, data, message, unidentified};
use super::super::visitor::{Identified, Unidentified, Visitor};
use super::manager;

/// This page's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/hubs/{hub}/manage/payments", get(report))
        .route("/hubs/{hub}/manage/payments.csv", get(spreadsheet))
}

const REPORT: &str =
    "query($from: DateTime!, $to: DateTime!) { paymentsReport(from: $from, to: $to) {
    organizationId name
    gross { amount currency } commission { amount currency } tax { amount currency }
    refunds { amount currency } net { amount currency } } }";

/// The period asked: its first and last day (both included), `YYYY-MM-DD`.
#[derive(Debug, Deserialize)]
struct Asked {
    from: Option<String>,
    to: Option<String>,
}

/// A period of whole days on the hub's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Period {
    first: NaiveDate,
    last: NaiveDate,
}

impl Period {
    /// The month `today` falls in.
    fn month_of(today: NaiveDate) -> Period {
        let first = today.with_day(1).unwrap_or(today);
        let last = first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|next| next.pred_opt())
            .unwrap_or(today);
        Period { first, last }
    }

    /// The instants `[from, to)` the days span on `tz`'s clock.
    fn instants(self, tz: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let (from, _) = wall_clock::day(tz, self.first)?;
        let (_, to) = wall_clock::day(tz, self.last)?;
        Some((from, to))
    }
}

/// The hub's time zone.
fn time_zone(who: &Identified) -> Tz {
    who.context
        .hub
        .as_ref()
        .and_then(|hub| hub.time_zone.parse().ok())
        .unwrap_or(Tz::UTC)
}

/// The period `asked` (this month on the hub's clock for a day left out),
/// else the sentence saying what is wrong with it.
fn period(asked: &Asked, today: NaiveDate, locale: Locale) -> Result<Period, String> {
    let month = Period::month_of(today);
    let read = |typed: Option<&String>, default: NaiveDate| match typed
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        None => Ok(default),
        Some(typed) => NaiveDate::parse_from_str(typed, "%Y-%m-%d").map_err(|_| {
            msg!("page-manager-payments-bad-date", value = typed.to_owned()).render(locale)
        }),
    };
    let first = read(asked.from.as_ref(), month.first)?;
    let last = read(asked.to.as_ref(), month.last)?;
    if last < first {
        return Err(msg!("page-manager-payments-backwards").render(locale));
    }
    Ok(Period { first, last })
}

/// The manager, the period asked and its instants; else the page to answer.
async fn asked_period(
    state: &AppState,
    visitor: &Visitor,
    hub: &str,
    asked: &Asked,
) -> Result<(Identified, Period, DateTime<Utc>, DateTime<Utc>), Response> {
    let who = manager(state, visitor, hub, &visitor.here).await?;
    let locale = who.locale();
    let tz = time_zone(&who);
    let today = state.services.clock.now().with_timezone(&tz).date_naive();
    let wrong = |text: &str| {
        message(
            &msg!("page-manager-payments-title").render(locale),
            text,
            StatusCode::BAD_REQUEST,
        )
        .show(visitor, Some(&who))
    };
    let period = match period(asked, today, locale) {
        Ok(period) => period,
        Err(text) => return Err(wrong(&text)),
    };
    match period.instants(tz) {
        Some((from, to)) => Ok((who, period, from, to)),
        None => Err(wrong(
            &msg!(
                "page-manager-payments-bad-date",
                value = period.last.to_string()
            )
            .render(locale),
        )),
    }
}

async fn report(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    Query(asked): Query<Asked>,
    visitor: Visitor,
) -> Response {
    let (who, period, from, to) = match asked_period(&state, &visitor, &hub, &asked).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let variables = json!({ "from": from.to_rfc3339(), "to": to.to_rfc3339() });
    match ask::read(&state, &visitor, &who, REPORT, variables).await {
        Ok(answer) => Page::new(
            "manager/payments.html",
            minijinja::context! {
                desk => "payments",
                first => period.first.to_string(),
                last => period.last.to_string(),
                from => from.to_rfc3339(),
                until => (to - chrono::Duration::seconds(1)).to_rfc3339(),
                lines => data(&answer["paymentsReport"]),
            },
        )
        .show(&visitor, Some(&who)),
        Err(page) => page,
    }
}

async fn spreadsheet(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    Query(asked): Query<Asked>,
    visitor: Visitor,
) -> Response {
    let (who, _, from, to) = match asked_period(&state, &visitor, &hub, &asked).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    match payments_report::download(&state.services, &who.context, from, to).await {
        Ok(file) => file,
        Err(error) => unidentified(
            &visitor,
            Unidentified {
                error,
                locale: who.locale(),
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn the_period_is_this_month_unless_days_are_asked() {
        let today = date("2026-02-14");
        let none = Asked {
            from: None,
            to: None,
        };
        assert_eq!(
            period(&none, today, Locale::En),
            Ok(Period {
                first: date("2026-02-01"),
                last: date("2026-02-28")
            })
        );
        let asked = Asked {
            from: Some("2026-01-10".into()),
            to: Some(" ".into()),
        };
        assert_eq!(
            period(&asked, today, Locale::En),
            Ok(Period {
                first: date("2026-01-10"),
                last: date("2026-02-28")
            })
        );
        let wrong = Asked {
            from: Some("10/01/2026".into()),
            to: None,
        };
        assert!(period(&wrong, today, Locale::En).is_err());
        let backwards = Asked {
            from: Some("2026-02-10".into()),
            to: Some("2026-02-01".into()),
        };
        assert!(period(&backwards, today, Locale::It).is_err());
    }

    #[test]
    fn the_days_of_a_period_span_the_hubs_clock() {
        let october = Period {
            first: date("2026-10-01"),
            last: date("2026-10-31"),
        };
        let rome: Tz = chrono_tz::Europe::Rome;
        let (from, to) = october.instants(rome).unwrap_or_default();
        assert_eq!(from.to_rfc3339(), "2026-09-30T22:00:00+00:00");
        // The clocks go back on 25 October: November starts at 23:00 UTC.
        assert_eq!(to.to_rfc3339(), "2026-10-31T23:00:00+00:00");
    }
}

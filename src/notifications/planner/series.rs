//! The one message about a recurring series made in one call: to its
//! customer, the dates booked and the dates skipped with why, and, when
//! the occurrences are confirmed, one calendar file holding them all. The
//! per-occurrence confirmations of that call are not sent (see
//! `bookings::told_by_its_series`).

use crate::audit::store as audit;
use crate::bookings::series::MAX_OCCURRENCES;
use crate::bookings::series_record::SeriesRecord;
use crate::bookings::store::{self as bookings_store, BookingQuery};
use crate::calendar::identity::Method;
use crate::entities::booking::{self, BookingStatus};
use crate::error::{AppError, AppResult};
use crate::listings::store as listings_store;

use super::super::recipients;
use super::super::templates::{Facts, SkippedLine};
use super::wording::{period, when};
use super::{Announcement, Letter, calendar_file};

/// The letter the series `event.subject_id` calls for.
pub async fn letters(announcement: &Announcement<'_>) -> AppResult<Vec<Letter>> {
    let Announcement { hx, hub, event, .. } = *announcement;
    let record: SeriesRecord = audit::details_of(event)?;
    let query = BookingQuery {
        series: Some(event.subject_id),
        ..BookingQuery::default()
    };
    // In order of start; only those this call made.
    let booked: Vec<booking::Model> =
        bookings_store::page(hx, &query, None, u64::from(MAX_OCCURRENCES) * 2)
            .await?
            .into_iter()
            .filter(|b| record.booked.contains(&b.id))
            .collect();
    let Some(first) = booked.first() else {
        return Ok(Vec::new());
    };
    let Some(listing) = listings_store::find(hx, first.listing_id, false).await? else {
        return Ok(Vec::new());
    };
    let mut letters = Vec::new();
    for person in recipients::customer(hx, hub, first.customer_id).await? {
        let mut skipped = Vec::new();
        for date in &record.skipped {
            let reason = date.reason.render(person.locale).ok_or_else(|| {
                AppError::Internal(
                    format!("no sentence {} for a skipped date", date.reason.id).into(),
                )
            })?;
            skipped.push(SkippedLine {
                when: period(hub, date.start, date.end)?,
                reason,
            });
        }
        let facts = Facts {
            hub: hub.name.clone(),
            listing: listing.title.clone(),
            dates: booked
                .iter()
                .map(|b| when(hub, b))
                .collect::<AppResult<_>>()?,
            skipped,
            outcome: outcome(&booked).to_owned(),
            ..Facts::default()
        };
        let confirmed: Vec<booking::Model> = booked
            .iter()
            .filter(|b| b.status == BookingStatus::Confirmed)
            .cloned()
            .collect();
        let attachments =
            calendar_file::attach(announcement, &listing, &confirmed, &person, Method::Request)
                .await?;
        letters.push(Letter {
            person,
            facts,
            attachments,
        });
    }
    Ok(letters)
}

/// How the series' bookings stand, as the message says it: waiting for the
/// hub's answer while any request is open, else for the payment while any
/// is due, else confirmed.
fn outcome(booked: &[booking::Model]) -> &'static str {
    let any = |status: BookingStatus| booked.iter().any(|b| b.status == status);
    if any(BookingStatus::Requested) {
        "requested"
    } else if any(BookingStatus::AwaitingPayment) {
        "payment"
    } else {
        "confirmed"
    }
}

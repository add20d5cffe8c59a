//! GraphQL for recurring bookings: `createBookingSeries` books every
//! occurrence of a weekly pattern at once, skipping the ones that cannot be
//! booked or failing whole, as the customer chooses; `cancelBookingSeries`
//! calls off the rest of a series (one occurrence is `cancelBooking`).

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use crate::accounts::policy::Action;
use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::booking;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;
use crate::ids::UserId;
use crate::listings::access::ListingAccess;
use crate::listings::schema::Weekday;
use crate::tenancy::model::hub_time_zone;

use super::checkout;
use super::eligibility::ensure_may_book;
use super::engine::{self, Actor, BookingRequest};
use super::error::BookingError;
use super::model::BookingEvent;
use super::period::Period;
use super::schema::{Booking, QuoteProblem};
use super::series::{Recurrence, SeriesEnd};
use super::series_record::{self, SeriesRecord, SkippedDate};
use super::store::{self, BookingQuery};
use crate::api::quantity::parse_quantity;

/// How a series repeats.
#[derive(InputObject)]
pub struct RecurrenceInput {
    /// Every how many weeks (1 to 12); 1 when absent.
    pub every_weeks: Option<i32>,
    /// The days of the week it falls on; the first booking's day must be one of them.
    pub weekdays: Vec<Weekday>,
    /// The last date (`YYYY-MM-DD`, in the hub's time zone), or…
    pub until: Option<String>,
    /// …the number of occurrences, the first included (at most 104).
    pub count: Option<i32>,
}

/// What `createBookingSeries` needs: the first occurrence and the pattern.
#[derive(InputObject)]
pub struct BookingSeriesInput {
    pub listing_id: ID,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub quantity: Option<i32>,
    pub recurrence: RecurrenceInput,
    /// Book what can be booked and list the rest (true), or book nothing
    /// unless every occurrence can be booked (false).
    pub skip_conflicts: bool,
    /// A key new for each series; retrying with it returns the same bookings.
    pub idempotency_key: String,
    pub note: Option<String>,
}

/// An occurrence that was not booked, and why.
#[derive(SimpleObject)]
pub struct SkippedOccurrence {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    problem: QuoteProblem,
}

/// What `createBookingSeries` answers.
#[derive(SimpleObject)]
pub struct BookingSeriesPayload {
    series_id: ID,
    bookings: Vec<Booking>,
    skipped: Vec<SkippedOccurrence>,
}

fn recurrence(input: RecurrenceInput) -> AppResult<Recurrence> {
    let end = match (input.until, input.count) {
        (Some(until), None) => SeriesEnd::Until(
            NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d").map_err(|_| {
                BookingError::NotADate {
                    field: "series.end",
                    value: until.to_string(),
                }
            })?,
        ),
        (None, Some(count)) => SeriesEnd::Count(u32::try_from(count).unwrap_or(0)),
        _ => {
            return Err(BookingError::SeriesUntilOrCount.into());
        }
    };
    Ok(Recurrence {
        every_weeks: u32::try_from(input.every_weeks.unwrap_or(1)).unwrap_or(0),
        weekdays: input.weekdays.into_iter().map(Weekday::to_chrono).collect(),
        end,
    })
}

/// A series id derived from the customer and the key, so a retry of the same
/// series names the same series.
fn series_id(customer: uuid::Uuid, key: &str) -> uuid::Uuid {
    let digest = Sha256::digest(format!("{customer}|{key}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// Series mutations.
#[derive(Default)]
pub struct SeriesMutation;

#[Object]
impl SeriesMutation {
    /// Books a weekly series in one go.
    async fn create_booking_series(
        &self,
        ctx: &Context<'_>,
        input: BookingSeriesInput,
    ) -> async_graphql::Result<BookingSeriesPayload> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let viewer = request.viewer()?;
        let hub = request.hub()?;
        ensure_may_book(hub, &viewer.user)?;
        let tz = hub_time_zone(hub)?;
        let listing = parse_id(&input.listing_id, "input.listingId")?;
        let quantity = parse_quantity(input.quantity, "input.quantity")?;
        let key = input.idempotency_key.trim().to_owned();
        let occurrences = recurrence(input.recurrence)?
            .occurrences(input.start, input.end, tz)
            .map_err(AppError::from)?;
        let series = series_id(viewer.user.id, &key);
        let payments = checkout::hook(ctx)?;
        let checkout = payments.checkout(services, request, listing).await?;
        let now = services.clock.now();
        let hx = request.begin_hub(services, Access::Write).await?;
        let access = ListingAccess::of(request, &hx).await?;
        let (mut bookings, mut skipped) = (Vec::new(), Vec::new());
        let mut record = SeriesRecord {
            booked: Vec::new(),
            skipped: Vec::new(),
        };
        for occurrence in occurrences {
            let booking = BookingRequest {
                listing,
                period: Period {
                    start: occurrence.start,
                    end: occurrence.end,
                    quantity,
                },
                idempotency_key: format!("{key}#{}", occurrence.index),
                note: input.note.clone().unwrap_or_default(),
                series: Some(series),
                checkout,
            };
            match engine::create(
                &hx,
                hub,
                &access,
                viewer.id(),
                request.role.is_some(),
                booking,
                now,
            )
            .await
            {
                Ok((row, found)) => {
                    if !found {
                        record.booked.push(row.id);
                    }
                    bookings.push(Booking(row));
                }
                // Only the checks' answers are skippable; a fault or a
                // missing listing ends the whole series.
                Err(err @ (AppError::Conflict(_) | AppError::Validation { .. }))
                    if input.skip_conflicts =>
                {
                    let reason = err.message().map(Message::stored);
                    let problem = QuoteProblem::from_error(&err, request.locale).ok_or(err)?;
                    if let Some(reason) = reason {
                        record.skipped.push(SkippedDate {
                            start: occurrence.start,
                            end: occurrence.end,
                            reason,
                        });
                    }
                    skipped.push(SkippedOccurrence {
                        start: occurrence.start,
                        end: occurrence.end,
                        problem,
                    });
                }
                Err(err) => return Err(err.into()),
            }
        }
        if bookings.is_empty() {
            return Err(AppError::from(BookingError::SeriesNothingBookable).into());
        }
        // A retry that books nothing new says nothing new: the customer
        // already has the message of the call that made the bookings.
        if !record.booked.is_empty() {
            series_record::record(&hx, series, viewer.id(), &record, now).await?;
        }
        hx.commit().await?;
        let ids: Vec<uuid::Uuid> = bookings.iter().map(|b| b.0.id).collect();
        payments.after(services, hub, &ids).await;
        Ok(BookingSeriesPayload {
            series_id: ID(series.to_string()),
            bookings,
            skipped,
        })
    }

    /// Cancels the occurrences of a series that start at or after `from`
    /// (now when absent) and still hold a place: the customer's own, or any
    /// for a manager. Returns the cancelled bookings.
    async fn cancel_booking_series(
        &self,
        ctx: &Context<'_>,
        series_id: ID,
        from: Option<DateTime<Utc>>,
        reason: Option<String>,
    ) -> async_graphql::Result<Vec<Booking>> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let viewer = request.viewer()?;
        let series = parse_id(&series_id, "seriesId")?;
        let reason = reason
            .map(|r| crate::name::parse_name(&r, "reason", 1000))
            .transpose()?;
        let now = services.clock.now();
        let hx = request.begin_hub(services, Access::Write).await?;
        let access = ListingAccess::of(request, &hx).await?;
        let rows = series_rows(&hx, series, from.unwrap_or(now)).await?;
        let mine = |row: &booking::Model| row.customer_id == viewer.user.id;
        let may_cancel = |row: &booking::Model| {
            access.may(Action::CancelBookingSeries {
                customer: UserId(row.customer_id),
            })
        };
        if rows.is_empty() || !rows.iter().all(may_cancel) {
            return Err(store::not_found().into());
        }
        let actor = Actor {
            user: Some(viewer.id()),
            for_the_hub: access.is_manager() && !rows.iter().all(mine),
        };
        let mut cancelled = Vec::new();
        for row in rows {
            let locked = store::find(&hx, row.id, true)
                .await?
                .ok_or_else(store::not_found)?;
            cancelled.push(Booking(
                engine::transition(
                    &hx,
                    locked,
                    BookingEvent::Cancel,
                    actor,
                    reason.clone(),
                    now,
                )
                .await?,
            ));
        }
        hx.commit().await?;
        let ids: Vec<uuid::Uuid> = cancelled.iter().map(|b| b.0.id).collect();
        checkout::hook(ctx)?
            .after(services, request.hub()?, &ids)
            .await;
        Ok(cancelled)
    }
}

/// The series' bookings that start at or after `from` and hold a place.
async fn series_rows(
    hx: &HubTx,
    series: uuid::Uuid,
    from: DateTime<Utc>,
) -> AppResult<Vec<booking::Model>> {
    let query = BookingQuery {
        from: Some(from),
        series: Some(series),
        ..BookingQuery::default()
    };
    // A series has at most 104 occurrences.
    let rows = store::page(hx, &query, None, 200).await?;
    Ok(rows
        .into_iter()
        .filter(|b| b.status.holds_capacity())
        .collect())
}

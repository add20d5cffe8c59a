//! How a listing's structured parts are written to and read from its row
//! (JSON text for opening hours, refund tiers and photos).

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::entities::listing::{self, BookingUnitKind, PriceKind};
use crate::error::{AppError, AppResult};

use super::cancellation::{CancellationPolicy, RefundTier};
use super::geo::Point;
use super::hours::{BookingUnit, DatedException, ExceptionKind, OpeningHours, WeeklyRule};
use super::pricing::PriceRule;
use super::spec::ListingSpec;
use super::tax::TaxRate;

#[derive(Serialize, Deserialize, Default)]
struct StoredHours {
    rules: Vec<(u8, u16, u16)>,
    exceptions: Vec<StoredException>,
}

#[derive(Serialize, Deserialize)]
struct StoredException {
    date: NaiveDate,
    open: bool,
    range: Option<(u16, u16)>,
}

fn corrupt(what: &str, listing: uuid::Uuid) -> AppError {
    AppError::Internal(format!("listing {listing}: stored {what} is unreadable").into())
}

/// Opening hours as stored JSON.
pub fn hours_to_json(hours: &OpeningHours) -> String {
    let stored = StoredHours {
        rules: hours
            .rules
            .iter()
            .map(|r| (r.weekday.num_days_from_monday() as u8, r.opens, r.closes))
            .collect(),
        exceptions: hours
            .exceptions
            .iter()
            .map(|e| StoredException {
                date: e.date,
                open: e.kind == ExceptionKind::Open,
                range: e.range,
            })
            .collect(),
    };
    serde_json::to_string(&stored).unwrap_or_else(|_| "{}".to_owned())
}

/// Opening hours from stored JSON.
pub fn hours_from_row(row: &listing::Model) -> AppResult<OpeningHours> {
    hours_from_json(&row.opening_hours, row.id)
}

/// Opening hours from the stored JSON of listing `id`.
pub fn hours_from_json(json: &str, id: uuid::Uuid) -> AppResult<OpeningHours> {
    let stored: StoredHours =
        serde_json::from_str(json).map_err(|_| corrupt("opening hours", id))?;
    let weekday = |n: u8| Weekday::try_from(n).map_err(|_| corrupt("opening hours", id));
    Ok(OpeningHours {
        rules: stored
            .rules
            .into_iter()
            .map(|(day, opens, closes)| {
                Ok(WeeklyRule {
                    weekday: weekday(day)?,
                    opens,
                    closes,
                })
            })
            .collect::<AppResult<_>>()?,
        exceptions: stored
            .exceptions
            .into_iter()
            .map(|e| DatedException {
                date: e.date,
                kind: if e.open {
                    ExceptionKind::Open
                } else {
                    ExceptionKind::Closed
                },
                range: e.range,
            })
            .collect(),
    })
}

/// The booking unit stored as `kind` and `minutes` for listing `id`.
pub fn unit_from_row(
    kind: BookingUnitKind,
    minutes: i32,
    id: uuid::Uuid,
) -> AppResult<BookingUnit> {
    match (kind, u16::try_from(minutes)) {
        (BookingUnitKind::Minutes, Ok(n)) => Ok(BookingUnit::Minutes(n)),
        (BookingUnitKind::Hour, _) => Ok(BookingUnit::Hour),
        (BookingUnitKind::Day, _) => Ok(BookingUnit::Day),
        (BookingUnitKind::Month, _) => Ok(BookingUnit::Month),
        (BookingUnitKind::Minutes, Err(_)) => Err(corrupt("booking unit", id)),
    }
}

/// The stored form of a booking unit: kind and minutes.
pub fn unit_to_row(unit: &BookingUnit) -> (BookingUnitKind, i32) {
    match unit {
        BookingUnit::Minutes(n) => (BookingUnitKind::Minutes, i32::from(*n)),
        BookingUnit::Hour => (BookingUnitKind::Hour, 60),
        BookingUnit::Day => (BookingUnitKind::Day, 1440),
        BookingUnit::Month => (BookingUnitKind::Month, 0),
    }
}

/// The stored form of a price rule: kind, unit price, member unit price.
pub fn price_to_row(price: &PriceRule) -> (PriceKind, i64, Option<i64>) {
    match price {
        PriceRule::Free => (PriceKind::Free, 0, None),
        PriceRule::PerUnit {
            unit_price,
            member_unit_price,
        } => (PriceKind::PerUnit, *unit_price, *member_unit_price),
        PriceRule::PerUnitAndSeat {
            unit_price,
            member_unit_price,
        } => (PriceKind::PerUnitAndSeat, *unit_price, *member_unit_price),
    }
}

/// A cancellation policy as stored JSON: `[[notice hours, percent], …]`.
pub fn policy_to_json(policy: &CancellationPolicy) -> String {
    let tiers: Vec<(u32, u8)> = policy
        .tiers
        .iter()
        .map(|t| (t.min_notice_hours, t.refund_percent))
        .collect();
    serde_json::to_string(&tiers).unwrap_or_else(|_| "[]".to_owned())
}

/// A cancellation policy from its stored JSON (a listing's, or the copy a
/// booking keeps); `None` when unreadable.
pub fn policy_from_json(text: &str) -> Option<CancellationPolicy> {
    let tiers: Vec<(u32, u8)> = serde_json::from_str(text).ok()?;
    Some(CancellationPolicy {
        tiers: tiers
            .into_iter()
            .map(|(min_notice_hours, refund_percent)| RefundTier {
                min_notice_hours,
                refund_percent,
            })
            .collect(),
    })
}

/// Photo URLs as stored JSON.
pub fn photos_to_json(photos: &[String]) -> String {
    serde_json::to_string(photos).unwrap_or_else(|_| "[]".to_owned())
}

/// The tax rate a listing's prices include.
pub fn tax_rate_of(row: &listing::Model) -> AppResult<TaxRate> {
    TaxRate::from_stored(row.tax_rate_bps).ok_or_else(|| corrupt("tax rate", row.id))
}

/// A row's content as a spec (what `updateListing` patches).
pub fn spec_from_row(row: &listing::Model) -> AppResult<ListingSpec> {
    let bad = |what: &str| corrupt(what, row.id);
    let unit = unit_from_row(row.unit_kind, row.unit_minutes, row.id)?;
    let price = match row.price_kind {
        PriceKind::Free => PriceRule::Free,
        PriceKind::PerUnit => PriceRule::PerUnit {
            unit_price: row.unit_price,
            member_unit_price: row.member_unit_price,
        },
        PriceKind::PerUnitAndSeat => PriceRule::PerUnitAndSeat {
            unit_price: row.unit_price,
            member_unit_price: row.member_unit_price,
        },
    };
    let cancellation =
        policy_from_json(&row.cancellation_policy).ok_or_else(|| bad("cancellation policy"))?;
    let count = |n: i32| u32::try_from(n).map_err(|_| bad("numbers"));
    Ok(ListingSpec {
        organization_id: row.organization_id,
        kind: row.kind,
        category: row.category.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        tags: Vec::new(),
        address: row.address.clone(),
        point: row
            .latitude
            .zip(row.longitude)
            .map(|(latitude, longitude)| Point {
                latitude,
                longitude,
            }),
        capacity: count(row.capacity)?,
        unit,
        min_units: count(row.min_units)?,
        max_units: count(row.max_units)?,
        buffer_before_minutes: count(row.buffer_before_minutes)?,
        buffer_after_minutes: count(row.buffer_after_minutes)?,
        lead_time_minutes: count(row.lead_time_minutes)?,
        horizon_days: count(row.horizon_days)?,
        approval: row.approval_mode,
        price,
        tax: tax_rate_of(row)?,
        cancellation,
        photos: serde_json::from_str(&row.photos).map_err(|_| bad("photos"))?,
        visibility: row.visibility,
    })
}

//! The GraphQL inputs of listings, and how each becomes a checked domain value.

use async_graphql::{ID, InputObject};
use chrono::NaiveDate;

use crate::api::id::parse_id;
use crate::error::{AppError, AppResult};
use crate::msg;

use super::cancellation::{CancellationPolicy, RefundTier};
use super::geo::Point;
use super::hours::{BookingUnit, DatedException, ExceptionKind, OpeningHours, WeeklyRule};
use super::model::{ApprovalMode, ListingKind, Visibility};
use super::pricing::PriceRule;
use super::schema::{BookingUnitKind, ExceptionKindOutput, PriceKind, Weekday};
use super::spec::ListingSpec;
use super::tax::TaxRate;

/// A listing's fields. `createListing` needs organizationId, kind, title and
/// category; `updateListing` changes only the fields given.
#[derive(InputObject, Default)]
pub struct ListingInput {
    pub organization_id: Option<ID>,
    pub kind: Option<ListingKind>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// A word such as room, desk, equipment, repair, delivery, childcare.
    pub category: Option<String>,
    pub tags: Option<Vec<String>>,
    pub address: Option<String>,
    /// Give both latitude and longitude, or neither.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Seats or units bookable at the same time (at least 1).
    pub capacity: Option<i32>,
    pub booking_unit: Option<BookingUnitInput>,
    pub min_units: Option<i32>,
    pub max_units: Option<i32>,
    pub buffer_before_minutes: Option<i32>,
    pub buffer_after_minutes: Option<i32>,
    pub lead_time_minutes: Option<i32>,
    pub horizon_days: Option<i32>,
    pub approval_mode: Option<ApprovalMode>,
    pub price: Option<PriceInput>,
    /// The tax the prices include, in basis points: 2200 for 22 % (IVA),
    /// 0 for none, at most 5000, and no more than leaves the provider
    /// something beside the hub's commission.
    pub tax_rate_bps: Option<i32>,
    pub cancellation_policy: Option<Vec<RefundTierInput>>,
    pub photos: Option<Vec<String>>,
    pub visibility: Option<Visibility>,
}

/// The step of bookable periods.
#[derive(InputObject)]
pub struct BookingUnitInput {
    pub kind: BookingUnitKind,
    /// For MINUTES: the slot length, 5 to 720.
    pub minutes: Option<i32>,
}

/// A price rule, in minor units of the hub's currency.
#[derive(InputObject)]
pub struct PriceInput {
    pub kind: PriceKind,
    #[graphql(default)]
    pub unit_price: i64,
    pub member_unit_price: Option<i64>,
}

/// A refund step.
#[derive(InputObject)]
pub struct RefundTierInput {
    pub min_notice_hours: i32,
    pub refund_percent: i32,
}

/// A weekly opening range in the hub's time zone.
#[derive(InputObject)]
pub struct WeeklyRuleInput {
    pub weekday: Weekday,
    /// `HH:MM`.
    pub opens: String,
    /// `HH:MM`, up to `24:00`.
    pub closes: String,
}

/// A dated exception: closed (all day, or `opens`–`closes`), or an extra opening.
#[derive(InputObject)]
pub struct ExceptionInput {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub kind: ExceptionKindOutput,
    pub opens: Option<String>,
    pub closes: Option<String>,
}

fn count(value: i32, field: &'static str) -> AppResult<u32> {
    u32::try_from(value).map_err(|_| AppError::validation(field, msg!("input-not-negative")))
}

fn required<T>(value: Option<T>, field: &'static str) -> AppResult<T> {
    value.ok_or_else(|| AppError::validation(field, msg!("input-required")))
}

impl ListingInput {
    /// The spec of a new listing: the required fields, the defaults, then the rest.
    pub fn into_new_spec(mut self) -> AppResult<ListingSpec> {
        let organization = parse_id(
            &required(self.organization_id.take(), "input.organizationId")?,
            "input.organizationId",
        )?;
        let spec = ListingSpec::new(
            organization,
            required(self.kind.take(), "input.kind")?,
            required(self.title.take(), "input.title")?,
            required(self.category.take(), "input.category")?,
        );
        self.apply_to(spec)
    }

    /// `spec` with the given fields changed, checked as a whole.
    pub fn apply_to(self, mut spec: ListingSpec) -> AppResult<ListingSpec> {
        if let Some(id) = self.organization_id {
            spec.organization_id = parse_id(&id, "input.organizationId")?;
        }
        if let Some(kind) = self.kind {
            spec.kind = kind;
        }
        if let Some(title) = self.title {
            spec.title = title;
        }
        if let Some(description) = self.description {
            spec.description = description;
        }
        if let Some(category) = self.category {
            spec.category = category;
        }
        if let Some(tags) = self.tags {
            spec.tags = tags;
        }
        if let Some(address) = self.address {
            spec.address = address;
        }
        match (self.latitude, self.longitude) {
            (Some(latitude), Some(longitude)) => {
                spec.point = Some(Point::parse(latitude, longitude, "input")?)
            }
            (None, None) => {}
            (Some(_), None) | (None, Some(_)) => {
                return Err(AppError::validation(
                    "input.longitude",
                    msg!("geo-together"),
                ));
            }
        }
        if let Some(capacity) = self.capacity {
            spec.capacity = count(capacity, "input.capacity")?;
        }
        if let Some(unit) = self.booking_unit {
            spec.unit = match unit.kind {
                BookingUnitKind::Minutes => {
                    let minutes = required(unit.minutes, "input.bookingUnit.minutes")?;
                    BookingUnit::Minutes(u16::try_from(minutes).unwrap_or(0))
                }
                BookingUnitKind::Hour => BookingUnit::Hour,
                BookingUnitKind::Day => BookingUnit::Day,
                BookingUnitKind::Month => BookingUnit::Month,
            };
        }
        let numbers = [
            (self.min_units, "input.minUnits", &mut spec.min_units),
            (self.max_units, "input.maxUnits", &mut spec.max_units),
            (
                self.buffer_before_minutes,
                "input.bufferBeforeMinutes",
                &mut spec.buffer_before_minutes,
            ),
            (
                self.buffer_after_minutes,
                "input.bufferAfterMinutes",
                &mut spec.buffer_after_minutes,
            ),
            (
                self.lead_time_minutes,
                "input.leadTimeMinutes",
                &mut spec.lead_time_minutes,
            ),
            (
                self.horizon_days,
                "input.horizonDays",
                &mut spec.horizon_days,
            ),
        ];
        for (value, field, target) in numbers {
            if let Some(value) = value {
                *target = count(value, field)?;
            }
        }
        if let Some(approval) = self.approval_mode {
            spec.approval = approval;
        }
        if let Some(price) = self.price {
            spec.price = match price.kind {
                PriceKind::Free => PriceRule::Free,
                PriceKind::PerUnit => PriceRule::PerUnit {
                    unit_price: price.unit_price,
                    member_unit_price: price.member_unit_price,
                },
                PriceKind::PerUnitAndSeat => PriceRule::PerUnitAndSeat {
                    unit_price: price.unit_price,
                    member_unit_price: price.member_unit_price,
                },
            };
        }
        if let Some(bps) = self.tax_rate_bps {
            spec.tax = TaxRate::parse(bps, "input.taxRateBps")?;
        }
        if let Some(tiers) = self.cancellation_policy {
            spec.cancellation = CancellationPolicy {
                tiers: tiers
                    .into_iter()
                    .map(|t| {
                        Ok(RefundTier {
                            min_notice_hours: count(
                                t.min_notice_hours,
                                "input.cancellationPolicy",
                            )?,
                            refund_percent: u8::try_from(t.refund_percent).unwrap_or(u8::MAX),
                        })
                    })
                    .collect::<AppResult<_>>()?,
            };
        }
        if let Some(photos) = self.photos {
            spec.photos = photos;
        }
        if let Some(visibility) = self.visibility {
            spec.visibility = visibility;
        }
        spec.validate()
    }
}

/// Reads `HH:MM` (up to `24:00`) as minutes after midnight.
pub fn parse_clock(text: &str, field: String) -> AppResult<u16> {
    let parsed = text.trim().split_once(':').and_then(|(h, m)| {
        let (h, m) = (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?);
        (m < 60 && (h < 24 || (h == 24 && m == 0)) && text.trim().len() == 5).then_some(h * 60 + m)
    });
    parsed.ok_or_else(|| AppError::validation(field, msg!("input-not-a-time", value = text)))
}

/// Opening hours from `setAvailability`'s arguments, checked.
pub fn opening_hours(
    rules: Vec<WeeklyRuleInput>,
    exceptions: Vec<ExceptionInput>,
) -> AppResult<OpeningHours> {
    let rules = rules
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            Ok(WeeklyRule {
                weekday: r.weekday.to_chrono(),
                opens: parse_clock(&r.opens, format!("rules[{i}].opens"))?,
                closes: parse_clock(&r.closes, format!("rules[{i}].closes"))?,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let exceptions = exceptions
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let date = NaiveDate::parse_from_str(e.date.trim(), "%Y-%m-%d").map_err(|_| {
                AppError::validation(
                    format!("exceptions[{i}].date"),
                    msg!("input-not-a-date", value = e.date.to_string()),
                )
            })?;
            let range = match (e.opens, e.closes) {
                (Some(opens), Some(closes)) => Some((
                    parse_clock(&opens, format!("exceptions[{i}].opens"))?,
                    parse_clock(&closes, format!("exceptions[{i}].closes"))?,
                )),
                (None, None) => None,
                _ => {
                    return Err(AppError::validation(
                        format!("exceptions[{i}].closes"),
                        msg!("hours-together"),
                    ));
                }
            };
            let kind = match e.kind {
                ExceptionKindOutput::Closed => ExceptionKind::Closed,
                ExceptionKindOutput::Open => ExceptionKind::Open,
            };
            Ok(DatedException { date, kind, range })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let hours = OpeningHours { rules, exceptions };
    hours.validate()?;
    Ok(hours)
}

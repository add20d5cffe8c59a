//! The GraphQL `Listing` type and the small types it is made of.

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::loaders::TagLoader;
use crate::api::money::MoneyOutput;
use crate::entities::listing;
use crate::error::AppError;
use crate::ids::HubId;
use crate::organizations::loader::OrganizationLoader;
use crate::organizations::schema::Organization;

use super::hours::{BookingUnit, ExceptionKind};
use super::model::{ApprovalMode, ListingKind, ListingStatus, Visibility};
use super::pricing::PriceRule;
use super::stored::{hours_from_row, spec_from_row, tax_rate_of};

/// Something bookable.
pub struct Listing {
    /// The stored row.
    pub row: listing::Model,
    /// The hub's currency, for prices.
    pub currency: String,
    /// The distance from the search's point, when searching near one.
    pub distance_km: Option<f64>,
}

/// A listing's booking unit.
#[derive(SimpleObject)]
pub struct BookingUnitOutput {
    kind: BookingUnitKind,
    /// The length of a slot in minutes (MINUTES, HOUR, DAY); absent for MONTH.
    minutes: Option<i32>,
}

pub use crate::entities::listing::{BookingUnitKind, PriceKind};

/// A listing's price, tax included (see `taxRateBps`).
#[derive(SimpleObject)]
pub struct PriceOutput {
    kind: PriceKind,
    unit_price: MoneyOutput,
    /// The price per unit for the hub's members, if lower.
    member_unit_price: Option<MoneyOutput>,
}

/// A refund step: cancelled at least this long before the start, this share back.
#[derive(SimpleObject)]
pub struct RefundTierOutput {
    min_notice_hours: i32,
    refund_percent: i32,
}

/// A position.
#[derive(SimpleObject)]
pub struct Location {
    latitude: f64,
    longitude: f64,
}

impl Location {
    /// A position from its coordinates.
    pub fn new(latitude: f64, longitude: f64) -> Location {
        Location {
            latitude,
            longitude,
        }
    }
}

/// A weekly opening range, in the hub's time zone.
#[derive(SimpleObject)]
pub struct WeeklyRuleOutput {
    weekday: Weekday,
    /// `HH:MM`.
    opens: String,
    /// `HH:MM`; `24:00` is midnight at the end of the day.
    closes: String,
}

/// A dated change to the weekly hours.
#[derive(SimpleObject)]
pub struct ExceptionOutput {
    /// `YYYY-MM-DD`, in the hub's time zone.
    date: String,
    kind: ExceptionKindOutput,
    opens: Option<String>,
    closes: Option<String>,
}

/// Closed or extra opening.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "ExceptionKind")]
pub enum ExceptionKindOutput {
    /// Closed (all day when no range).
    Closed,
    /// Open in addition to the weekly hours.
    Open,
}

/// A day of the week.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// The days as the API names them, Monday first.
    pub const API_NAMES: [&'static str; 7] = [
        "MONDAY",
        "TUESDAY",
        "WEDNESDAY",
        "THURSDAY",
        "FRIDAY",
        "SATURDAY",
        "SUNDAY",
    ];

    /// From chrono's weekday.
    pub fn from_chrono(day: chrono::Weekday) -> Weekday {
        [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
        ][day.num_days_from_monday() as usize]
    }

    /// To chrono's weekday.
    pub fn to_chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Monday => chrono::Weekday::Mon,
            Weekday::Tuesday => chrono::Weekday::Tue,
            Weekday::Wednesday => chrono::Weekday::Wed,
            Weekday::Thursday => chrono::Weekday::Thu,
            Weekday::Friday => chrono::Weekday::Fri,
            Weekday::Saturday => chrono::Weekday::Sat,
            Weekday::Sunday => chrono::Weekday::Sun,
        }
    }
}

/// `HH:MM` of minutes after midnight.
pub fn clock_text(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// A listing's opening hours.
#[derive(SimpleObject)]
pub struct OpeningHoursOutput {
    rules: Vec<WeeklyRuleOutput>,
    exceptions: Vec<ExceptionOutput>,
}

#[Object]
impl Listing {
    async fn id(&self) -> ID {
        ID(self.row.id.to_string())
    }
    /// Who offers it.
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        let loader = ctx.data::<DataLoader<OrganizationLoader>>()?;
        let found = loader
            .load_one((HubId(self.row.tenant_id), self.row.organization_id))
            .await
            .map_err(AppError::from)?;
        Ok(found.map(Organization))
    }
    async fn kind(&self) -> async_graphql::Result<ListingKind> {
        Ok(spec_from_row(&self.row)?.kind)
    }
    async fn title(&self) -> &str {
        &self.row.title
    }
    async fn description(&self) -> &str {
        &self.row.description
    }
    async fn category(&self) -> &str {
        &self.row.category
    }
    async fn tags(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        let loader = ctx.data::<DataLoader<TagLoader>>()?;
        let tags = loader
            .load_one((HubId(self.row.tenant_id), self.row.id))
            .await
            .map_err(AppError::from)?;
        Ok(tags.unwrap_or_default())
    }
    async fn address(&self) -> &str {
        &self.row.address
    }
    async fn location(&self) -> Option<Location> {
        Some(Location {
            latitude: self.row.latitude?,
            longitude: self.row.longitude?,
        })
    }
    /// Kilometres from the point searched near, if any.
    async fn distance_km(&self) -> Option<f64> {
        self.distance_km
    }
    /// Seats or units bookable at the same time.
    async fn capacity(&self) -> i32 {
        self.row.capacity
    }
    async fn booking_unit(&self) -> async_graphql::Result<BookingUnitOutput> {
        let (kind, minutes) = match spec_from_row(&self.row)?.unit {
            BookingUnit::Minutes(n) => (BookingUnitKind::Minutes, Some(i32::from(n))),
            BookingUnit::Hour => (BookingUnitKind::Hour, Some(60)),
            BookingUnit::Day => (BookingUnitKind::Day, Some(1440)),
            BookingUnit::Month => (BookingUnitKind::Month, None),
        };
        Ok(BookingUnitOutput { kind, minutes })
    }
    /// The shortest booking, in units.
    async fn min_units(&self) -> i32 {
        self.row.min_units
    }
    /// The longest booking, in units.
    async fn max_units(&self) -> i32 {
        self.row.max_units
    }
    async fn buffer_before_minutes(&self) -> i32 {
        self.row.buffer_before_minutes
    }
    async fn buffer_after_minutes(&self) -> i32 {
        self.row.buffer_after_minutes
    }
    /// How long before its start a booking must be made.
    async fn lead_time_minutes(&self) -> i32 {
        self.row.lead_time_minutes
    }
    /// How many days ahead a booking may start.
    async fn horizon_days(&self) -> i32 {
        self.row.horizon_days
    }
    async fn approval_mode(&self) -> async_graphql::Result<ApprovalMode> {
        Ok(spec_from_row(&self.row)?.approval)
    }
    async fn price(&self) -> async_graphql::Result<PriceOutput> {
        let money = |amount: i64| MoneyOutput::new(amount, &self.currency);
        Ok(match spec_from_row(&self.row)?.price {
            PriceRule::Free => PriceOutput {
                kind: PriceKind::Free,
                unit_price: money(0),
                member_unit_price: None,
            },
            PriceRule::PerUnit {
                unit_price,
                member_unit_price,
            } => PriceOutput {
                kind: PriceKind::PerUnit,
                unit_price: money(unit_price),
                member_unit_price: member_unit_price.map(money),
            },
            PriceRule::PerUnitAndSeat {
                unit_price,
                member_unit_price,
            } => PriceOutput {
                kind: PriceKind::PerUnitAndSeat,
                unit_price: money(unit_price),
                member_unit_price: member_unit_price.map(money),
            },
        })
    }
    /// The tax its prices include, in basis points (2200 is 22 %); 0 when
    /// none. A booking keeps the rate it was made at.
    async fn tax_rate_bps(&self) -> async_graphql::Result<i32> {
        Ok(tax_rate_of(&self.row)?.as_i32())
    }
    /// Refund steps, longest notice first.
    async fn cancellation_policy(&self) -> async_graphql::Result<Vec<RefundTierOutput>> {
        let mut tiers = spec_from_row(&self.row)?.cancellation.tiers;
        tiers.sort_by_key(|t| std::cmp::Reverse(t.min_notice_hours));
        Ok(tiers
            .into_iter()
            .map(|t| RefundTierOutput {
                min_notice_hours: i32::try_from(t.min_notice_hours).unwrap_or(i32::MAX),
                refund_percent: i32::from(t.refund_percent),
            })
            .collect())
    }
    async fn photos(&self) -> async_graphql::Result<Vec<String>> {
        Ok(spec_from_row(&self.row)?.photos)
    }
    async fn visibility(&self) -> async_graphql::Result<Visibility> {
        Ok(spec_from_row(&self.row)?.visibility)
    }
    async fn status(&self) -> async_graphql::Result<ListingStatus> {
        Ok(self.row.status)
    }
    /// The manager's reason when the listing was sent back.
    async fn review_note(&self) -> Option<&str> {
        self.row.review_note.as_deref()
    }
    /// Weekly hours and dated exceptions, in the hub's time zone.
    async fn opening_hours(&self) -> async_graphql::Result<OpeningHoursOutput> {
        let hours = hours_from_row(&self.row)?;
        Ok(OpeningHoursOutput {
            rules: hours
                .rules
                .iter()
                .map(|r| WeeklyRuleOutput {
                    weekday: Weekday::from_chrono(r.weekday),
                    opens: clock_text(r.opens),
                    closes: clock_text(r.closes),
                })
                .collect(),
            exceptions: hours
                .exceptions
                .iter()
                .map(|e| ExceptionOutput {
                    date: e.date.to_string(),
                    kind: match e.kind {
                        ExceptionKind::Closed => ExceptionKindOutput::Closed,
                        ExceptionKind::Open => ExceptionKindOutput::Open,
                    },
                    opens: e.range.map(|r| clock_text(r.0)),
                    closes: e.range.map(|r| clock_text(r.1)),
                })
                .collect(),
        })
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.row.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.row.updated_at
    }
}

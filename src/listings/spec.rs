//! What a listing offers, validated as a whole: the editable content that
//! `createListing` builds from defaults and `updateListing` patches.

use crate::error::{AppError, AppResult};
use crate::msg;
use crate::name::parse_name;

use super::cancellation::CancellationPolicy;
use super::geo::Point;
use super::hours::BookingUnit;
use super::model::{ApprovalMode, ListingKind, Visibility};
use super::pricing::PriceRule;
use super::tax::TaxRate;
use super::text_search::fold;

/// A listing's content, valid by construction once [`ListingSpec::validate`] passes.
#[derive(Debug, Clone)]
pub struct ListingSpec {
    /// Who offers it.
    pub organization_id: uuid::Uuid,
    /// Space or service.
    pub kind: ListingKind,
    /// A lower-case word such as `room`, `desk`, `repair`.
    pub category: String,
    /// The headline.
    pub title: String,
    /// The details.
    pub description: String,
    /// Folded, distinct keywords.
    pub tags: Vec<String>,
    /// Where it is, in words.
    pub address: String,
    /// Where it is on the map.
    pub point: Option<Point>,
    /// Seats or units bookable at the same time.
    pub capacity: u32,
    /// The step of bookable periods.
    pub unit: BookingUnit,
    /// Shortest booking, in units.
    pub min_units: u32,
    /// Longest booking, in units.
    pub max_units: u32,
    /// Minutes kept free before each booking.
    pub buffer_before_minutes: u32,
    /// Minutes kept free after each booking.
    pub buffer_after_minutes: u32,
    /// How long before its start a booking must be made, in minutes.
    pub lead_time_minutes: u32,
    /// How far ahead a booking may start, in days.
    pub horizon_days: u32,
    /// Instant or on request.
    pub approval: ApprovalMode,
    /// What it costs, tax included.
    pub price: PriceRule,
    /// The tax its prices include.
    pub tax: TaxRate,
    /// What a cancellation refunds.
    pub cancellation: CancellationPolicy,
    /// Photo URLs.
    pub photos: Vec<String>,
    /// Who sees it once published.
    pub visibility: Visibility,
}

impl ListingSpec {
    /// The defaults of a new listing: one seat, by the hour, on request,
    /// free and untaxed, bookable up to a year ahead, seen by the hub's
    /// members only.
    pub fn new(
        organization_id: uuid::Uuid,
        kind: ListingKind,
        title: String,
        category: String,
    ) -> ListingSpec {
        ListingSpec {
            organization_id,
            kind,
            category,
            title,
            description: String::new(),
            tags: Vec::new(),
            address: String::new(),
            point: None,
            capacity: 1,
            unit: BookingUnit::Hour,
            min_units: 1,
            max_units: 24,
            buffer_before_minutes: 0,
            buffer_after_minutes: 0,
            lead_time_minutes: 0,
            horizon_days: 365,
            approval: ApprovalMode::Request,
            price: PriceRule::Free,
            tax: TaxRate::NONE,
            cancellation: CancellationPolicy::flexible(),
            photos: Vec::new(),
            visibility: Visibility::Hub,
        }
    }

    /// Normalises and checks every field; errors name the input field.
    pub fn validate(mut self) -> AppResult<ListingSpec> {
        self.title = parse_name(&self.title, "input.title", 120)?;
        self.category = fold(&parse_name(&self.category, "input.category", 60)?);
        self.description = self.description.trim().to_owned();
        if self.description.chars().count() > 4000 {
            return Err(too_long("input.description", 4000));
        }
        self.address = self.address.trim().to_owned();
        if self.address.chars().count() > 200 {
            return Err(too_long("input.address", 200));
        }
        let mut tags: Vec<String> = self
            .tags
            .iter()
            .map(|t| fold(t))
            .filter(|t| !t.is_empty())
            .collect();
        tags.sort();
        tags.dedup();
        if tags.len() > 20 || tags.iter().any(|t| t.chars().count() > 40) {
            return Err(AppError::validation(
                "input.tags",
                msg!("listing-too-many-tags"),
            ));
        }
        self.tags = tags;
        within("input.capacity", self.capacity, 1, 10_000)?;
        if let BookingUnit::Minutes(minutes) = self.unit {
            within("input.bookingUnit.minutes", u32::from(minutes), 5, 720)?;
        }
        within("input.minUnits", self.min_units, 1, 10_000)?;
        within("input.maxUnits", self.max_units, self.min_units, 10_000)?;
        within(
            "input.bufferBeforeMinutes",
            self.buffer_before_minutes,
            0,
            1440,
        )?;
        within(
            "input.bufferAfterMinutes",
            self.buffer_after_minutes,
            0,
            1440,
        )?;
        within(
            "input.leadTimeMinutes",
            self.lead_time_minutes,
            0,
            60 * 24 * 365,
        )?;
        within("input.horizonDays", self.horizon_days, 1, 730)?;
        self.price.validate("input.price")?;
        self.cancellation.validate("input.cancellationPolicy")?;
        if self.photos.len() > 10 {
            return Err(AppError::validation(
                "input.photos",
                msg!("listing-too-many-photos"),
            ));
        }
        for (i, url) in self.photos.iter_mut().enumerate() {
            *url = url.trim().to_owned();
            if !(url.starts_with("https://") || url.starts_with("http://"))
                || url.len() > 500
                || url.contains(char::is_whitespace)
            {
                return Err(AppError::validation(
                    format!("input.photos[{i}]"),
                    msg!("listing-photo-url"),
                ));
            }
        }
        Ok(self)
    }

    /// The folded text that search matches words against.
    pub fn search_text(&self) -> String {
        fold(&format!(
            "{} {} {} {}",
            self.title,
            self.description,
            self.category,
            self.tags.join(" ")
        ))
    }
}

fn too_long(field: &'static str, max: usize) -> AppError {
    AppError::validation(field, msg!("input-too-long", max = max))
}

fn within(field: &'static str, value: u32, min: u32, max: u32) -> AppResult<()> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(AppError::validation(
            field,
            msg!("input-whole-number-range", min = min, max = max),
        ))
    }
}

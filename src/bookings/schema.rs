//! The GraphQL `Booking` type and the quote it is priced by.

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::accounts::loader::UserLoader;
use crate::accounts::schema::User;
use crate::api::context::ContextExt;
use crate::api::money::MoneyOutput;
use crate::entities::booking;
use crate::error::AppError;
use crate::ids::HubId;
use crate::listings::loaders::ListingLoader;
use crate::listings::pricing::{Quote, QuoteLine, QuoteLineKind};
use crate::listings::schema::Listing;

use super::model::{BookingEvent, BookingStatus};
use super::terms;

/// A customer's booking of a listing.
pub struct Booking(pub booking::Model);

/// What a booking costs and who gets what.
#[derive(SimpleObject)]
pub struct BookingPrice {
    /// What the customer pays.
    gross: MoneyOutput,
    /// The hub's share, a rate of the gross.
    commission: MoneyOutput,
    /// The tax the gross includes, at the booking's `taxRateBps`.
    tax: MoneyOutput,
    /// The provider's share (gross − commission − tax).
    provider_net: MoneyOutput,
}

#[Object]
impl Booking {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn status(&self) -> BookingStatus {
        self.0.status
    }
    async fn start(&self) -> DateTime<Utc> {
        self.0.starts_at
    }
    async fn end(&self) -> DateTime<Utc> {
        self.0.ends_at
    }
    /// Seats or units.
    async fn quantity(&self) -> i32 {
        self.0.quantity
    }
    async fn price(&self) -> BookingPrice {
        let money = |amount| MoneyOutput::new(amount, &self.0.currency);
        BookingPrice {
            gross: money(self.0.gross),
            commission: money(self.0.commission),
            tax: money(self.0.tax),
            provider_net: money(self.0.provider_net),
        }
    }
    /// The tax rate its price includes, in basis points (2200 is 22 %), as
    /// the listing had it when booked; later changes do not apply.
    async fn tax_rate_bps(&self) -> i32 {
        self.0.tax_rate_bps
    }
    /// The priced lines the booking was sold with (they sum to the gross).
    async fn lines(&self) -> async_graphql::Result<Vec<QuoteLineOutput>> {
        Ok(terms::lines_of(&self.0)?
            .iter()
            .map(QuoteLineOutput::from)
            .collect())
    }
    /// What a cancellation refunds, by deadline, under the policy the
    /// booking was sold with (later changes to the listing do not apply).
    async fn refund_schedule(&self) -> async_graphql::Result<Vec<RefundStep>> {
        Ok(terms::policy_of(&self.0)?
            .schedule(self.0.starts_at)
            .into_iter()
            .map(RefundStep::from)
            .collect())
    }
    /// What a cancellation refunds (set when cancelled).
    async fn refund_due(&self) -> Option<MoneyOutput> {
        self.0
            .refund_due
            .map(|amount| MoneyOutput::new(amount, &self.0.currency))
    }
    /// What the customer would get back by cancelling now, under the
    /// booking's own terms (a manager's cancellation refunds everything);
    /// null once the booking can no longer be cancelled.
    async fn refund_if_cancelled_now(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<MoneyOutput>> {
        if self.0.status.after(BookingEvent::Cancel).is_err() {
            return Ok(None);
        }
        let now = ctx.services()?.clock.now();
        let amount = terms::refund_on_cancel(&self.0, false, now)?;
        Ok(Some(MoneyOutput::new(amount, &self.0.currency)))
    }
    /// The customer's message.
    async fn note(&self) -> &str {
        &self.0.note
    }
    /// Why it was declined or cancelled.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    /// For a request: when it expires if nobody answers.
    async fn response_deadline(&self) -> Option<DateTime<Utc>> {
        self.0.response_deadline
    }
    /// The series it belongs to, if any.
    async fn series_id(&self) -> Option<ID> {
        self.0.series_id.map(|id| ID(id.to_string()))
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn listing(&self, ctx: &Context<'_>) -> async_graphql::Result<Listing> {
        let loader = ctx.data::<DataLoader<ListingLoader>>()?;
        let row = loader
            .load_one((HubId(self.0.tenant_id), self.0.listing_id))
            .await
            .map_err(AppError::from)?
            .ok_or_else(|| AppError::Internal("booking without its listing".into()))?;
        Ok(Listing {
            row,
            currency: self.0.currency.clone(),
            distance_km: None,
        })
    }
    async fn customer(&self, ctx: &Context<'_>) -> async_graphql::Result<User> {
        let loader = ctx.data::<DataLoader<UserLoader>>()?;
        let user = loader
            .load_one(self.0.customer_id)
            .await
            .map_err(AppError::from)?
            .ok_or_else(|| AppError::Internal("booking without its customer".into()))?;
        Ok(User(user))
    }
}

/// A line of a quote.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteLineKindOutput {
    /// Units × the unit price.
    Base,
    /// The seats beyond the first, for prices per seat.
    Seats,
    /// The members' discount (negative).
    MemberDiscount,
}

/// One line of a quote.
#[derive(SimpleObject)]
#[graphql(name = "QuoteLine")]
pub struct QuoteLineOutput {
    kind: QuoteLineKindOutput,
    quantity: i32,
    unit_amount: MoneyOutput,
    amount: MoneyOutput,
}

/// A refund step: until `until`, a cancellation refunds `refundPercent` %.
#[derive(SimpleObject)]
pub struct RefundStep {
    until: DateTime<Utc>,
    refund_percent: i32,
}

impl From<&QuoteLine> for QuoteLineOutput {
    fn from(l: &QuoteLine) -> QuoteLineOutput {
        QuoteLineOutput {
            kind: match l.kind {
                QuoteLineKind::Base => QuoteLineKindOutput::Base,
                QuoteLineKind::Seats => QuoteLineKindOutput::Seats,
                QuoteLineKind::MemberDiscount => QuoteLineKindOutput::MemberDiscount,
            },
            quantity: i32::try_from(l.quantity).unwrap_or(i32::MAX),
            unit_amount: MoneyOutput::new(l.unit_amount, l.amount.currency.as_str()),
            amount: MoneyOutput::new(l.amount.amount, l.amount.currency.as_str()),
        }
    }
}

impl From<(DateTime<Utc>, u8)> for RefundStep {
    fn from((until, percent): (DateTime<Utc>, u8)) -> RefundStep {
        RefundStep {
            until,
            refund_percent: i32::from(percent),
        }
    }
}

/// Why a period cannot be booked.
#[derive(SimpleObject)]
pub struct QuoteProblem {
    /// The error code booking would answer with (VALIDATION, CONFLICT, …).
    code: String,
    /// The input field, for VALIDATION.
    field: Option<String>,
    message: String,
}

/// The answer of `quoteBooking`.
#[derive(SimpleObject, Default)]
pub struct QuoteOutput {
    /// Whether `createBooking` with this input would succeed now.
    bookable: bool,
    /// Why not, when it would not.
    problems: Vec<QuoteProblem>,
    /// Booking units the period spans.
    units: Option<i32>,
    lines: Vec<QuoteLineOutput>,
    /// What the customer pays.
    total: Option<MoneyOutput>,
    /// The hub's commission, within the total.
    commission: Option<MoneyOutput>,
    /// The tax included in the total.
    tax: Option<MoneyOutput>,
    /// The listing's tax rate, in basis points.
    tax_rate_bps: Option<i32>,
    /// The provider's share of the total (total − commission − tax).
    provider_net: Option<MoneyOutput>,
    /// Refunds if cancelled, by deadline.
    refund_schedule: Vec<RefundStep>,
}

impl QuoteOutput {
    /// A quote that cannot even be priced, for `problem`.
    pub fn priced_or_refused(problem: QuoteProblem) -> QuoteOutput {
        QuoteOutput {
            problems: vec![problem],
            ..QuoteOutput::default()
        }
    }

    /// A priced quote; `problem` is set when capacity is lacking.
    pub fn priced(
        units: u32,
        quote: &Quote,
        schedule: Vec<(DateTime<Utc>, u8)>,
        problem: Option<QuoteProblem>,
    ) -> QuoteOutput {
        let money = |m: &crate::money::Money| MoneyOutput::new(m.amount, m.currency.as_str());
        QuoteOutput {
            bookable: problem.is_none(),
            problems: problem.into_iter().collect(),
            units: Some(i32::try_from(units).unwrap_or(i32::MAX)),
            lines: quote.lines.iter().map(QuoteLineOutput::from).collect(),
            total: Some(money(&quote.gross)),
            commission: Some(money(&quote.commission)),
            tax: Some(money(&quote.tax)),
            tax_rate_bps: Some(quote.tax_rate.as_i32()),
            provider_net: Some(money(&quote.provider_net)),
            refund_schedule: schedule.into_iter().map(RefundStep::from).collect(),
        }
    }
}

impl QuoteProblem {
    /// A problem from a domain error, in the request's language; `None` for
    /// an internal fault, which is an error rather than an answer.
    pub fn from_error(err: &AppError, locale: crate::locale::Locale) -> Option<QuoteProblem> {
        let (field, message) = err.describe(locale)?;
        Some(QuoteProblem {
            code: err.code().to_owned(),
            field: field.map(str::to_owned),
            message: message.to_owned(),
        })
    }
}

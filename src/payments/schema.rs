//! GraphQL for payments: `bookingPayment`, `paymentsReport`, and the desk's
//! `markPaid` and `markRefunded`. Thin: parse, call the engine, map.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::accounts::guard::Authorize;
use crate::accounts::policy::Action;
use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::api::money::MoneyOutput;
use crate::bookings::access::visible_booking;
use crate::db::Access;
use crate::db::failure::retrying;
use crate::entities::payment::{PaymentProvider, PaymentStatus};
use crate::entities::payment_movement::{self, MovementKind, PaymentMethod};
use crate::error::AppResult;
use crate::listings::access::ListingAccess;
use crate::name::parse_name;
use crate::request::RequestContext;
use crate::state::Services;

use super::engine::{self, PaymentView};
use super::intents_store;
use super::online::online;
use super::online_schema::HubPayments;
use super::report::{self, OrganizationLine};
use super::settle;

/// The most characters of a receipt or refund reference.
const REFERENCE_MAX: usize = 200;

/// A booking's payment: what it costs, what moved, where it stands.
pub struct Payment(pub PaymentView);

impl Payment {
    /// The payment as `viewer` may see it: the client secret that lets a
    /// browser pay is the customer's alone.
    pub fn for_viewer(mut view: PaymentView, customer: uuid::Uuid, viewer: uuid::Uuid) -> Payment {
        if customer != viewer
            && let Some(intent) = view.intent.as_mut()
        {
            intent.client_secret.clear();
        }
        Payment(view)
    }
}

/// One line of a payment's ledger.
pub struct PaymentMovement {
    row: payment_movement::Model,
    currency: String,
}

#[Object]
impl Payment {
    /// Who moves the money.
    async fn provider(&self) -> PaymentProvider {
        self.0.provider
    }
    /// Where the payment stands, read from its ledger.
    async fn status(&self) -> PaymentStatus {
        self.0.status
    }
    /// ISO 4217 code.
    async fn currency(&self) -> &str {
        &self.0.currency
    }
    /// What the customer pays.
    async fn gross(&self) -> MoneyOutput {
        MoneyOutput::new(self.0.gross, &self.0.currency)
    }
    /// The hub's share.
    async fn commission(&self) -> MoneyOutput {
        MoneyOutput::new(self.0.commission, &self.0.currency)
    }
    /// The tax the gross includes, at the booking's tax rate.
    async fn tax(&self) -> MoneyOutput {
        MoneyOutput::new(self.0.tax, &self.0.currency)
    }
    /// The provider's share (gross − commission − tax).
    async fn provider_net(&self) -> MoneyOutput {
        MoneyOutput::new(self.0.provider_net, &self.0.currency)
    }
    /// Money taken so far.
    async fn received(&self) -> MoneyOutput {
        MoneyOutput::new(self.0.totals.received, &self.0.currency)
    }
    /// Money given back so far.
    async fn refunded(&self) -> MoneyOutput {
        MoneyOutput::new(self.0.totals.refunded, &self.0.currency)
    }
    /// Held on the customer's card, not yet taken (a request waiting for
    /// its answer).
    async fn authorized(&self) -> MoneyOutput {
        let held = if self.0.status == PaymentStatus::Authorized {
            self.0.totals.authorized
        } else {
            0
        };
        MoneyOutput::new(held, &self.0.currency)
    }
    /// For the customer's browser, to pay with Stripe (and pass their
    /// bank's check when `status` is `REQUIRES_ACTION`). The customer's
    /// alone; absent for others and for payments at the desk.
    async fn client_secret(&self) -> Option<&str> {
        self.0
            .intent
            .as_ref()
            .map(|i| i.client_secret.as_str())
            .filter(|s| !s.is_empty())
    }
    /// Why the last online attempt failed (a declined card), in the card
    /// network's words.
    async fn failure(&self) -> Option<&str> {
        self.0.intent.as_ref().and_then(|i| i.last_error.as_deref())
    }
    /// Every movement of money, oldest first.
    async fn movements(&self) -> Vec<PaymentMovement> {
        self.0
            .movements
            .iter()
            .map(|row| PaymentMovement {
                row: row.clone(),
                currency: self.0.currency.clone(),
            })
            .collect()
    }
}

#[Object]
impl PaymentMovement {
    /// Which way the money went.
    async fn kind(&self) -> MovementKind {
        self.row.kind
    }
    /// How much.
    async fn amount(&self) -> MoneyOutput {
        MoneyOutput::new(self.row.amount, &self.currency)
    }
    /// How it was paid, for money taken at the desk.
    async fn method(&self) -> Option<PaymentMethod> {
        self.row.method
    }
    /// The receipt number, transfer id or note recorded with it.
    async fn reference(&self) -> &str {
        &self.row.reference
    }
    /// When it was recorded.
    async fn at(&self) -> DateTime<Utc> {
        self.row.at
    }
}

/// The money of one organization's bookings in a period.
#[derive(SimpleObject)]
pub struct OrganizationPayments {
    /// The organization.
    organization_id: ID,
    /// Its name.
    name: String,
    /// Money taken.
    gross: MoneyOutput,
    /// The hub's share of it.
    commission: MoneyOutput,
    /// The tax it includes, which the organization passes on.
    tax: MoneyOutput,
    /// Money given back.
    refunds: MoneyOutput,
    /// What is left for the organization: gross − commission − tax − refunds.
    net: MoneyOutput,
}

impl OrganizationPayments {
    fn of(line: OrganizationLine, currency: &str) -> OrganizationPayments {
        let money = |amount| MoneyOutput::new(amount, currency);
        OrganizationPayments {
            organization_id: ID(line.organization.to_string()),
            name: line.name,
            gross: money(line.received),
            commission: money(line.commission),
            tax: money(line.tax),
            refunds: money(line.refunds),
            net: money(line.net),
        }
    }
}

/// The payment of booking `id` as the caller may see it.
pub(super) async fn read_payment(
    services: &Services,
    request: &RequestContext,
    id: uuid::Uuid,
) -> AppResult<Payment> {
    let viewer = request.viewer()?;
    let hub = request.hub()?;
    let hx = request.begin_hub(services, Access::Read).await?;
    let access = ListingAccess::of(request, &hx).await?;
    let (row, _) = visible_booking(&hx, &access, id, false).await?;
    let view = engine::view(&hx, hub, &row, services.clock.now()).await?;
    hx.commit().await?;
    Ok(Payment::for_viewer(view, row.customer_id, viewer.user.id))
}

/// Payments queries.
#[derive(Default)]
pub struct PaymentsQuery;

#[Object]
impl PaymentsQuery {
    /// The payment of a booking, for whoever may see the booking.
    async fn booking_payment(
        &self,
        ctx: &Context<'_>,
        booking_id: ID,
    ) -> async_graphql::Result<Payment> {
        let id = parse_id(&booking_id, "bookingId")?;
        Ok(read_payment(ctx.services()?, ctx.request()?, id).await?)
    }

    /// How the request's hub takes payments, so a provider knows whether
    /// to connect a payout account. Providers and managers.
    async fn hub_payments(&self, ctx: &Context<'_>) -> async_graphql::Result<HubPayments> {
        let request = ctx.request()?;
        request.require(Action::EditListings)?;
        Ok(HubPayments::of(request.hub()?))
    }

    /// Per organization, the money that moved between `from` (included) and
    /// `to` (excluded), in the hub's currency. Managers only.
    async fn payments_report(
        &self,
        ctx: &Context<'_>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> async_graphql::Result<Vec<OrganizationPayments>> {
        let (lines, currency) =
            report::for_manager(ctx.services()?, ctx.request()?, from, to).await?;
        Ok(lines
            .into_iter()
            .map(|line| OrganizationPayments::of(line, &currency))
            .collect())
    }
}

/// Payments mutations.
#[derive(Default)]
pub struct PaymentsMutation;

fn parse_reference(reference: Option<String>) -> AppResult<String> {
    match reference {
        Some(raw) if !raw.trim().is_empty() => parse_name(&raw, "reference", REFERENCE_MAX),
        _ => Ok(String::new()),
    }
}

/// The desk's operations on the payment of `booking_id`, for a manager.
async fn at_the_desk(ctx: &Context<'_>, booking_id: &ID, operation: Desk) -> AppResult<Payment> {
    let services = ctx.services()?;
    let request = ctx.request()?;
    let viewer = request.viewer()?;
    let hub = request.hub()?;
    let id = parse_id(booking_id, "bookingId")?;
    if let Desk::Refunded { amount, .. } = &operation
        && let Some(api) = online(ctx)?.api.as_ref()
    {
        let hx = request.begin_hub(services, Access::Read).await?;
        let access = ListingAccess::of(request, &hx).await?;
        access.require(Action::ManagePayments)?;
        visible_booking(&hx, &access, id, false).await?;
        let paid_online = intents_store::find(&hx, id).await?.is_some();
        hx.commit().await?;
        if paid_online {
            settle::refund(api, services, hub, id, *amount, viewer.id()).await?;
            return read_payment(services, request, id).await;
        }
    }
    retrying(|| async {
        let hx = request.begin_hub(services, Access::Write).await?;
        let access = ListingAccess::of(request, &hx).await?;
        access.require(Action::ManagePayments)?;
        let (row, _) = visible_booking(&hx, &access, id, true).await?;
        let now = services.clock.now();
        let view = match &operation {
            Desk::Paid { method, reference } => {
                engine::mark_paid(&hx, hub, &row, viewer.id(), *method, reference, now).await?
            }
            Desk::Refunded { amount, reference } => {
                engine::mark_refunded(&hx, hub, &row, viewer.id(), *amount, reference, now).await?
            }
        };
        hx.commit().await?;
        Ok(Payment(view))
    })
    .await
}

enum Desk {
    Paid {
        method: PaymentMethod,
        reference: String,
    },
    Refunded {
        amount: i64,
        reference: String,
    },
}

#[Object]
impl PaymentsMutation {
    /// Records that the customer paid the amount due at the desk. Once per
    /// booking; managers only.
    async fn mark_paid(
        &self,
        ctx: &Context<'_>,
        booking_id: ID,
        method: PaymentMethod,
        reference: Option<String>,
    ) -> async_graphql::Result<Payment> {
        let reference = parse_reference(reference)?;
        Ok(at_the_desk(ctx, &booking_id, Desk::Paid { method, reference }).await?)
    }

    /// Records that `amount` (minor units) was given back to the customer:
    /// part or all of what was received, never more. For a cancelled
    /// booking, its `refundDue` is the amount its terms allow. Managers only.
    async fn mark_refunded(
        &self,
        ctx: &Context<'_>,
        booking_id: ID,
        amount: i64,
        reference: Option<String>,
    ) -> async_graphql::Result<Payment> {
        let reference = parse_reference(reference)?;
        Ok(at_the_desk(ctx, &booking_id, Desk::Refunded { amount, reference }).await?)
    }
}

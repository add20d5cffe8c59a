//! GraphQL for online payments: a hub chooses Stripe (`setPaymentProvider`),
//! an organization connects its payout account (`connectPayoutAccount`),
//! a customer pays (`payBookingByCard`, on Stripe's own page; or
//! `payBooking`, then Stripe.js with the client secret).

use async_graphql::{Context, ID, Object, SimpleObject};
use sea_orm::{ColumnTrait, QueryFilter};

use crate::accounts::guard::Authorize;
use crate::accounts::policy::Action;
use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::bookings::access::visible_booking;
use crate::db::{self, Access};
use crate::entities::hub::{self, PaymentProvider, StripeMode};
use crate::error::{AppError, AppResult};
use crate::listings::access::ListingAccess;
use crate::msg;

use super::card_checkout;
use super::connect;
use super::error::PaymentError;
use super::online::online;
use super::schema::{Payment, read_payment};

/// How a hub takes payments.
#[derive(SimpleObject)]
pub struct HubPayments {
    /// `OFFLINE` (at the desk) or `STRIPE`.
    provider: PaymentProvider,
    /// With Stripe: whose account takes the money.
    stripe_mode: Option<StripeMode>,
}

impl HubPayments {
    /// How `hub` takes payments now.
    pub fn of(hub: &hub::Model) -> HubPayments {
        HubPayments {
            provider: hub.payment_provider,
            stripe_mode: hub.stripe_mode,
        }
    }
}

/// Where an organization continues setting up its payouts.
#[derive(SimpleObject)]
pub struct PayoutOnboarding {
    /// Stripe's onboarding page; open it once, soon.
    url: String,
    /// Whether the organization can already be paid online.
    ready: bool,
}

/// Stripe's page where a customer pays their booking by card.
#[derive(SimpleObject)]
pub struct CardCheckout {
    /// Send the customer here; Stripe sends them back to the booking's
    /// page (`?card=paid`, or `?card=back` if they gave up).
    url: String,
    /// When the page stops taking the payment.
    expires_at: chrono::DateTime<chrono::Utc>,
}

/// A connected account id as Stripe writes them.
fn parse_account(raw: Option<String>) -> AppResult<Option<String>> {
    match raw.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()) {
        None => Ok(None),
        Some(id)
            if id.starts_with("acct_")
                && id.len() <= 64
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            Ok(Some(id))
        }
        Some(_) => Err(AppError::validation(
            "stripeAccountId",
            msg!("payment-account-id-invalid"),
        )),
    }
}

/// Online payment mutations.
#[derive(Default)]
pub struct OnlinePaymentsMutation;

#[Object]
impl OnlinePaymentsMutation {
    /// Chooses how the hub takes payments: `OFFLINE` at the desk, or
    /// `STRIPE` as a merchant (its own account, `stripeAccountId` when it is
    /// a connected account of this platform) or a marketplace (`CONNECT`:
    /// each organization's account). Bookings already made keep the way
    /// they were made to be paid. Managers only.
    async fn set_payment_provider(
        &self,
        ctx: &Context<'_>,
        provider: PaymentProvider,
        stripe_mode: Option<StripeMode>,
        stripe_account_id: Option<String>,
    ) -> async_graphql::Result<HubPayments> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.require(Action::ManagePayments)?;
        let hub = request.hub()?;
        let account = parse_account(stripe_account_id)?;
        let mode = match provider {
            PaymentProvider::Offline => None,
            PaymentProvider::Stripe => {
                if online(ctx)?.api.is_none() {
                    return Err(AppError::from(PaymentError::StripeNotConfigured).into());
                }
                Some(stripe_mode.unwrap_or(StripeMode::Merchant))
            }
        };
        let account = account.filter(|_| mode == Some(StripeMode::Merchant));
        let tx = services.db.begin(Access::Write, None).await?;
        db::global::update_many::<hub::Entity>()
            .col_expr(hub::Column::PaymentProvider, provider.into())
            .col_expr(hub::Column::StripeMode, mode.into())
            .col_expr(hub::Column::StripeAccountId, account.into())
            .filter(hub::Column::Id.eq(hub.id))
            .exec(&tx)
            .await
            .map_err(AppError::from)?;
        db::commit(tx).await?;
        Ok(HubPayments {
            provider,
            stripe_mode: mode,
        })
    }

    /// Opens the organization's Stripe account (once) and answers a fresh
    /// link to Stripe's onboarding. Managers and the organization's providers.
    async fn connect_payout_account(
        &self,
        ctx: &Context<'_>,
        organization_id: ID,
    ) -> async_graphql::Result<PayoutOnboarding> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.viewer()?;
        let id = parse_id(&organization_id, "organizationId")?;
        let onboarding =
            connect::connect_payout_account(online(ctx)?, services, request, id).await?;
        Ok(PayoutOnboarding {
            url: onboarding.url,
            ready: onboarding.ready,
        })
    }

    /// The customer's payment of their booking, made at Stripe if it was
    /// not yet (safe to call again): pay with its `clientSecret`.
    async fn pay_booking(
        &self,
        ctx: &Context<'_>,
        booking_id: ID,
    ) -> async_graphql::Result<Payment> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let viewer = request.viewer()?;
        let hub = request.hub()?;
        let id = parse_id(&booking_id, "bookingId")?;
        let hx = request.begin_hub(services, Access::Read).await?;
        let access = ListingAccess::of(request, &hx).await?;
        let (row, _) = visible_booking(&hx, &access, id, false).await?;
        hx.commit().await?;
        if row.customer_id != viewer.user.id {
            return Err(
                AppError::from(crate::bookings::error::BookingError::PartNotAllowed).into(),
            );
        }
        let online = online(ctx)?;
        if let Some(api) = online.api.as_ref() {
            super::settle::open(api, services, hub, id).await?;
        }
        Ok(read_payment(services, request, id).await?)
    }

    /// Stripe's own page where the customer pays their booking by card
    /// (no script of Stripe's on the caller's page): the same page while
    /// it is open, a new one after it expired. The booking is confirmed
    /// (or, for a request, the card authorised) when Stripe tells us the
    /// payment went through.
    async fn pay_booking_by_card(
        &self,
        ctx: &Context<'_>,
        booking_id: ID,
    ) -> async_graphql::Result<CardCheckout> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.viewer()?;
        let id = parse_id(&booking_id, "bookingId")?;
        let api = online(ctx)?.api.as_ref();
        let checkout = card_checkout::start(api, services, request, id).await?;
        Ok(CardCheckout {
            url: checkout.url,
            expires_at: checkout.expires_at,
        })
    }
}

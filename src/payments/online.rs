//! Online payments as the rest of the server sees them: the booking
//! engine's [`PaymentHook`], the webhook's and the reconciliation's entry.
//!
//! A hub pays online when it chose `STRIPE` and this server has a Stripe
//! account configured; otherwise everything is paid at the desk.

use std::sync::Arc;

use crate::bookings::checkout::{Checkout, HookFuture, PaymentHook};
use crate::bookings::model::{BookingEvent, BookingStatus};
use crate::config::PaymentSettings;
use crate::db::Access;
use crate::entities::hub::{PaymentProvider, StripeMode};
use crate::entities::stripe_intent::IntentState;
use crate::entities::{booking, hub};
use crate::error::AppResult;
use crate::listings::access::{ListingAccess, visible_listing};
use crate::organizations::store as organizations_store;
use crate::request::RequestContext;
use crate::state::Services;

use super::adopt;
use super::error::PaymentError;
use super::settle;
use super::stripe::api::{Call, StripeApi};
use super::stripe::intents;

/// The online payments installed in the schema's data.
pub fn online<'a>(ctx: &async_graphql::Context<'a>) -> AppResult<&'a Arc<OnlinePayments>> {
    ctx.data::<Arc<OnlinePayments>>().map_err(|_| {
        crate::error::AppError::Internal("no online payments in the schema data".into())
    })
}

/// The server's online payments.
pub struct OnlinePayments {
    /// The Stripe client, when configured.
    pub api: Option<StripeApi>,
    /// The payment settings.
    pub settings: PaymentSettings,
}

impl OnlinePayments {
    /// Online payments as `settings` configure them.
    pub fn new(settings: &PaymentSettings) -> AppResult<Arc<OnlinePayments>> {
        let api = settings.stripe.as_ref().map(StripeApi::new).transpose()?;
        Ok(Arc::new(OnlinePayments {
            api,
            settings: settings.clone(),
        }))
    }

    /// The client, when new bookings of `hub` are paid online with this server.
    pub fn for_hub(&self, hub: &hub::Model) -> Option<&StripeApi> {
        (hub.payment_provider == PaymentProvider::Stripe)
            .then_some(self.api.as_ref())
            .flatten()
    }

    /// Makes or settles the intents of `bookings` (those made to be paid
    /// online), logging what fails (reconciliation tries again).
    pub async fn bring_in_line(
        &self,
        services: &Services,
        hub: &hub::Model,
        bookings: &[uuid::Uuid],
    ) {
        let Some(api) = self.api.as_ref() else {
            return;
        };
        for id in bookings {
            if let Err(err) = settle::open(api, services, hub, *id).await {
                tracing::warn!(
                    hub = %hub.id,
                    booking = %id,
                    error = %err.explain(),
                    "online payment not brought in line; reconciliation will retry"
                );
            }
        }
    }

    async fn checkout(
        &self,
        services: &Services,
        request: &RequestContext,
        listing: uuid::Uuid,
    ) -> AppResult<Checkout> {
        let hub = request.hub()?;
        if self.for_hub(hub).is_none() {
            return Ok(Checkout::AtTheDesk);
        }
        let window = self.settings.payment_window;
        if hub.stripe_mode != Some(StripeMode::Connect) {
            return Ok(Checkout::Online {
                window,
                payable: true,
            });
        }
        let hx = request.begin_hub(services, Access::Read).await?;
        let access = ListingAccess::of(request, &hx).await?;
        let listing = visible_listing(&hx, &access, listing, false).await?;
        let organization = organizations_store::find(&hx, listing.organization_id)
            .await?
            .ok_or_else(organizations_store::not_found)?;
        hx.commit().await?;
        Ok(Checkout::Online {
            window,
            payable: organization.payouts_ready && organization.stripe_account_id.is_some(),
        })
    }

    /// Before an approval: the authorised money is taken, or the request
    /// is not approved.
    async fn before_approval(
        &self,
        services: &Services,
        hub: &hub::Model,
        booking: &booking::Model,
    ) -> AppResult<()> {
        let Some(api) = self.api.as_ref() else {
            return Ok(());
        };
        if !booking.paid_online || booking.status != BookingStatus::Requested {
            return Ok(());
        }
        // A card authorised on Stripe's page is the booking's intent first.
        adopt::follow(api, services, hub, booking.id).await?;
        let Some((_, Some(row), _)) = settle::read_booking(services, hub, booking.id).await? else {
            return Err(PaymentError::NotAuthorized.into());
        };
        let account = row.account_id.as_deref();
        let read = Call::read(account);
        let intent = intents::retrieve(api, &row.intent_id, &read).await?;
        match intent.state {
            IntentState::Succeeded => {}
            IntentState::RequiresCapture => {
                let call = Call::new(format!("capture-{}", booking.id), account);
                intents::capture(api, &row.intent_id, &call).await?;
            }
            _ => return Err(PaymentError::NotAuthorized.into()),
        }
        // The capture is recorded now; the approval follows.
        settle::settle(api, services, hub, booking.id).await
    }
}

impl PaymentHook for OnlinePayments {
    fn checkout<'a>(
        &'a self,
        services: &'a Services,
        request: &'a RequestContext,
        listing: uuid::Uuid,
    ) -> HookFuture<'a, AppResult<Checkout>> {
        Box::pin(self.checkout(services, request, listing))
    }

    fn before<'a>(
        &'a self,
        services: &'a Services,
        hub: &'a hub::Model,
        booking: &'a booking::Model,
        event: BookingEvent,
    ) -> HookFuture<'a, AppResult<()>> {
        Box::pin(async move {
            if event == BookingEvent::Approve {
                self.before_approval(services, hub, booking).await
            } else {
                Ok(())
            }
        })
    }

    fn after<'a>(
        &'a self,
        services: &'a Services,
        hub: &'a hub::Model,
        bookings: &'a [uuid::Uuid],
    ) -> HookFuture<'a, ()> {
        Box::pin(self.bring_in_line(services, hub, bookings))
    }
}

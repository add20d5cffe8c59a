//! How a booking is paid for, as far as the booking engine must know: at
//! the desk (nothing to wait for), or online, where an instant booking
//! holds its place for a payment window and a request is authorised
//! before it is approved.
//!
//! The money itself is the payments capability's, which sits above
//! bookings. It plugs in through [`PaymentHook`], installed once in the
//! schema's data and given to the worker, so bookings never import it.

use std::pin::Pin;
use std::sync::Arc;

use chrono::Duration;

use crate::entities::{booking, hub};
use crate::error::{AppError, AppResult};
use crate::request::RequestContext;
use crate::state::Services;

use super::model::BookingEvent;

/// How a new booking of a listing is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checkout {
    /// At the desk, or free: nothing to wait for.
    AtTheDesk,
    /// Online: an instant booking waits `window` for its payment.
    Online {
        /// How long an instant booking holds its place unpaid.
        window: Duration,
        /// Whether the listing's organization can be paid (Connect: its
        /// account is ready). A priced booking is refused otherwise.
        payable: bool,
    },
}

/// The future a hook answers with.
pub type HookFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What the money side does around a booking's life.
pub trait PaymentHook: Send + Sync {
    /// How a booking of `listing` will be paid, asked before it is made.
    fn checkout<'a>(
        &'a self,
        services: &'a Services,
        request: &'a RequestContext,
        listing: uuid::Uuid,
    ) -> HookFuture<'a, AppResult<Checkout>>;

    /// Runs before `event` is applied to `booking`, outside any
    /// transaction (an approval takes the authorised money first).
    fn before<'a>(
        &'a self,
        services: &'a Services,
        hub: &'a hub::Model,
        booking: &'a booking::Model,
        event: BookingEvent,
    ) -> HookFuture<'a, AppResult<()>>;

    /// Runs after `bookings` were made or changed and committed: opens or
    /// brings their payments in line. Failures are the hook's to log; what
    /// it could not do is done again by reconciliation.
    fn after<'a>(
        &'a self,
        services: &'a Services,
        hub: &'a hub::Model,
        bookings: &'a [uuid::Uuid],
    ) -> HookFuture<'a, ()>;
}

/// The hook as the schema's data and the worker hold it.
pub type SharedPaymentHook = Arc<dyn PaymentHook>;

/// The hook installed in the schema's data.
pub fn hook<'a>(ctx: &async_graphql::Context<'a>) -> AppResult<&'a SharedPaymentHook> {
    ctx.data::<SharedPaymentHook>()
        .map_err(|_| AppError::Internal("no payment hook in the schema data".into()))
}

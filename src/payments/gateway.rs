//! The payment seam: every provider that moves money for a hub answers the
//! same two questions (take this amount, give this amount back) with the
//! movement to write in the ledger. Only `Offline` exists: the money changes
//! hands at the desk and the call merely records what the manager says. A
//! provider that talks to a payment service implements the same trait, and
//! [`for_hub`] is where a hub's choice of provider is read.

use std::pin::Pin;
use std::sync::Arc;

use crate::entities::hub;
use crate::entities::payment::PaymentProvider;
use crate::entities::payment_movement::{MovementKind, PaymentMethod};
use crate::error::AppResult;

/// The future a provider answers with.
pub type GatewayFuture<'a, T> = Pin<Box<dyn Future<Output = AppResult<T>> + Send + 'a>>;

/// Money taken for a booking.
#[derive(Debug, Clone)]
pub struct Collection<'a> {
    /// The booking paid for.
    pub booking: uuid::Uuid,
    /// Minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: &'a str,
    /// How the customer paid.
    pub method: PaymentMethod,
    /// The receipt number, transfer id or note the manager gives.
    pub reference: &'a str,
}

/// Money given back for a booking.
#[derive(Debug, Clone)]
pub struct Refund<'a> {
    /// The booking refunded.
    pub booking: uuid::Uuid,
    /// Minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: &'a str,
    /// The manager's reference for the refund.
    pub reference: &'a str,
}

/// What a provider reports moved: one ledger line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    /// Which way the money went.
    pub kind: MovementKind,
    /// Minor units, positive.
    pub amount: i64,
    /// How, when the provider knows.
    pub method: Option<PaymentMethod>,
    /// The provider's or the manager's reference.
    pub reference: String,
}

/// A way of moving a hub's money.
pub trait PaymentGateway: Send + Sync {
    /// Which provider this is.
    fn provider(&self) -> PaymentProvider;

    /// Takes the money of `collection`.
    fn collect<'a>(&'a self, collection: Collection<'a>) -> GatewayFuture<'a, Movement>;

    /// Gives back the money of `refund`.
    fn refund<'a>(&'a self, refund: Refund<'a>) -> GatewayFuture<'a, Movement>;
}

/// Payment at the desk: the money has already changed hands when a manager
/// records it, so there is nothing to call and nothing that can fail.
pub struct Offline;

impl PaymentGateway for Offline {
    fn provider(&self) -> PaymentProvider {
        PaymentProvider::Offline
    }

    fn collect<'a>(&'a self, collection: Collection<'a>) -> GatewayFuture<'a, Movement> {
        Box::pin(async move {
            Ok(Movement {
                kind: MovementKind::OfflineReceipt,
                amount: collection.amount,
                method: Some(collection.method),
                reference: collection.reference.to_owned(),
            })
        })
    }

    fn refund<'a>(&'a self, refund: Refund<'a>) -> GatewayFuture<'a, Movement> {
        Box::pin(async move {
            Ok(Movement {
                kind: MovementKind::Refund,
                amount: refund.amount,
                method: None,
                reference: refund.reference.to_owned(),
            })
        })
    }
}

/// The provider `hub` takes payments with. Every hub pays at the desk until
/// a hub can choose another provider; the hub is the argument so that the
/// choice has one place to be read from.
pub fn for_hub(_hub: &hub::Model) -> Arc<dyn PaymentGateway> {
    Arc::new(Offline)
}

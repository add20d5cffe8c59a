//! Refunds of a captured PaymentIntent.

use stripe_core::refund::CreateRefund;

use super::api::{Call, StripeApi};
use super::failure::Failure;

/// A refund Stripe made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refunded {
    /// `re_…`.
    pub id: String,
    /// Minor units.
    pub amount: i64,
}

/// Gives back `amount` of the intent `intent`. With `connect`, the hub's
/// fee is refunded in proportion and the organization's transfer reversed,
/// so each party gives back its own share.
pub async fn refund(
    api: &StripeApi,
    intent: &str,
    amount: i64,
    connect: bool,
    call: &Call,
) -> Result<Refunded, Failure> {
    let mut request = CreateRefund::new().payment_intent(intent).amount(amount);
    if connect {
        request = request.refund_application_fee(true).reverse_transfer(true);
    }
    let refund = call.send(api, &request).await?;
    Ok(Refunded {
        id: refund.id.as_str().to_owned(),
        amount: refund.amount,
    })
}

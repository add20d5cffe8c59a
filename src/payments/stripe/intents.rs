//! PaymentIntents: made with the booking, read back, captured, canceled.

use std::collections::HashMap;
use std::str::FromStr;

use stripe_core::payment_intent::{
    CancelPaymentIntent, CapturePaymentIntent, CreatePaymentIntent,
    CreatePaymentIntentAutomaticPaymentMethods, CreatePaymentIntentTransferData,
    RetrievePaymentIntent,
};
use stripe_shared::{PaymentIntent, PaymentIntentCaptureMethod, PaymentIntentStatus};
use stripe_types::Currency;

use crate::entities::stripe_intent::IntentState;

use super::api::{Call, StripeApi};
use super::failure::Failure;

/// What we read of a PaymentIntent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intent {
    /// `pi_…`.
    pub id: String,
    /// Where it stands.
    pub state: IntentState,
    /// The amount asked, minor units.
    pub amount: i64,
    /// Taken so far.
    pub received: i64,
    /// Authorised and not yet taken.
    pub capturable: i64,
    /// For the customer's browser.
    pub client_secret: String,
    /// Why the last attempt failed, in Stripe's words.
    pub last_error: Option<String>,
    /// Whether it is captured on approval rather than at once.
    pub manual: bool,
}

fn state_of(status: &PaymentIntentStatus) -> Result<IntentState, Failure> {
    Ok(match status {
        PaymentIntentStatus::RequiresPaymentMethod => IntentState::RequiresPaymentMethod,
        PaymentIntentStatus::RequiresConfirmation => IntentState::RequiresConfirmation,
        PaymentIntentStatus::RequiresAction => IntentState::RequiresAction,
        PaymentIntentStatus::Processing => IntentState::Processing,
        PaymentIntentStatus::RequiresCapture => IntentState::RequiresCapture,
        PaymentIntentStatus::Canceled => IntentState::Canceled,
        PaymentIntentStatus::Succeeded => IntentState::Succeeded,
        other => {
            return Err(Failure::NoAnswer(format!(
                "a PaymentIntent status we do not know: {}",
                other.as_str()
            )));
        }
    })
}

impl TryFrom<PaymentIntent> for Intent {
    type Error = Failure;

    fn try_from(intent: PaymentIntent) -> Result<Intent, Failure> {
        Ok(Intent {
            state: state_of(&intent.status)?,
            id: intent.id.as_str().to_owned(),
            amount: intent.amount,
            received: intent.amount_received,
            capturable: intent.amount_capturable,
            client_secret: intent.client_secret.unwrap_or_default(),
            last_error: intent.last_payment_error.and_then(|e| {
                let code = e.code.map(|c| c.as_str().to_owned());
                e.message.or(code)
            }),
            manual: !matches!(
                intent.capture_method,
                PaymentIntentCaptureMethod::Automatic | PaymentIntentCaptureMethod::AutomaticAsync
            ),
        })
    }
}

/// A PaymentIntent to make for a booking.
#[derive(Debug, Clone)]
pub struct NewIntent {
    /// Minor units.
    pub amount: i64,
    /// ISO 4217, any case.
    pub currency: String,
    /// Authorise now, capture on approval.
    pub manual: bool,
    /// Connect: the organization's account and the hub's fee.
    pub destination: Option<(String, i64)>,
    /// What the customer's statement and Stripe's dashboard show.
    pub description: String,
    /// The hub and booking it pays for, so an event finds its way back.
    pub metadata: HashMap<String, String>,
}

/// Makes the intent `new` (`call.key` derived from the booking).
pub async fn create(api: &StripeApi, new: NewIntent, call: &Call) -> Result<Intent, Failure> {
    let currency = Currency::from_str(&new.currency.to_ascii_lowercase())
        .unwrap_or_else(|never| match never {});
    let mut request = CreatePaymentIntent::new(new.amount, currency)
        .automatic_payment_methods(CreatePaymentIntentAutomaticPaymentMethods::new(true))
        .capture_method(if new.manual {
            PaymentIntentCaptureMethod::Manual
        } else {
            PaymentIntentCaptureMethod::Automatic
        })
        .description(new.description)
        .metadata(new.metadata);
    if let Some((destination, fee)) = new.destination {
        request = request
            .application_fee_amount(fee)
            .transfer_data(CreatePaymentIntentTransferData::new(destination));
    }
    call.send(api, &request).await?.try_into()
}

/// The intent `id` as it stands now.
pub async fn retrieve(api: &StripeApi, id: &str, call: &Call) -> Result<Intent, Failure> {
    let request = RetrievePaymentIntent::new(id);
    call.send(api, &request).await?.try_into()
}

/// Takes the whole authorised amount of `id`.
pub async fn capture(api: &StripeApi, id: &str, call: &Call) -> Result<Intent, Failure> {
    let request = CapturePaymentIntent::new(id);
    call.send(api, &request).await?.try_into()
}

/// Calls `id` off: an authorisation is released, a card can no longer pay.
pub async fn cancel(api: &StripeApi, id: &str, call: &Call) -> Result<Intent, Failure> {
    let request = CancelPaymentIntent::new(id);
    call.send(api, &request).await?.try_into()
}

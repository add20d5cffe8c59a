//! Checkout Sessions: Stripe's own page where a customer pays by card, so
//! no script of Stripe's ever runs on ours. Opened for one booking, read
//! back, expired when the booking no longer waits for the money.

use std::collections::HashMap;
use std::str::FromStr;

use stripe_checkout::checkout_session::{
    CreateCheckoutSession, CreateCheckoutSessionLineItems, CreateCheckoutSessionLineItemsPriceData,
    CreateCheckoutSessionPaymentIntentData, CreateCheckoutSessionPaymentIntentDataCaptureMethod,
    CreateCheckoutSessionPaymentIntentDataTransferData, ExpireCheckoutSession, ProductData,
    RetrieveCheckoutSession,
};
use stripe_shared::{
    CheckoutSession, CheckoutSessionLocale, CheckoutSessionMode, CheckoutSessionStatus,
};
use stripe_types::{Currency, Expandable};

use super::api::{Call, StripeApi};
use super::failure::Failure;

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// The customer can still pay on it.
    Open,
    /// The customer paid (or, with manual capture, the card was authorised).
    Complete,
    /// Nobody can pay on it any more.
    Expired,
}

/// What we read of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// `cs_…`.
    pub id: String,
    /// Where it stands.
    pub state: SessionState,
    /// Stripe's page, while it is open.
    pub url: Option<String>,
    /// When Stripe expires it, unix seconds.
    pub expires_at: i64,
    /// The PaymentIntent it made, once the customer paid.
    pub intent: Option<String>,
}

impl TryFrom<CheckoutSession> for Session {
    type Error = Failure;

    fn try_from(session: CheckoutSession) -> Result<Session, Failure> {
        let state = match session.status {
            Some(CheckoutSessionStatus::Open) => SessionState::Open,
            Some(CheckoutSessionStatus::Complete) => SessionState::Complete,
            Some(CheckoutSessionStatus::Expired) => SessionState::Expired,
            other => {
                return Err(Failure::NoAnswer(format!(
                    "a Checkout Session status we do not know: {:?}",
                    other.as_ref().map(CheckoutSessionStatus::as_str)
                )));
            }
        };
        Ok(Session {
            id: session.id.as_str().to_owned(),
            state,
            url: session.url,
            expires_at: session.expires_at,
            intent: session.payment_intent.map(|intent| match intent {
                Expandable::Id(id) => id.as_str().to_owned(),
                Expandable::Object(intent) => intent.id.as_str().to_owned(),
            }),
        })
    }
}

/// A session to open for one booking.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// What the customer buys, as the page shows it.
    pub name: String,
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
    /// The hub and booking it pays for, on the session and its intent.
    pub metadata: HashMap<String, String>,
    /// Where Stripe sends the customer after paying.
    pub success_url: String,
    /// Where Stripe sends the customer who gives up.
    pub cancel_url: String,
    /// The customer's address, filled in on Stripe's page.
    pub email: String,
    /// `it`, `en`: the page's language.
    pub locale: String,
    /// When Stripe stops taking the payment, unix seconds (30 minutes to
    /// 24 hours ahead).
    pub expires_at: i64,
}

/// Opens the session `new` (`call.key` derived from the booking).
pub async fn create(api: &StripeApi, new: NewSession, call: &Call) -> Result<Session, Failure> {
    let currency = Currency::from_str(&new.currency.to_ascii_lowercase())
        .unwrap_or_else(|never| match never {});
    let locale =
        CheckoutSessionLocale::from_str(&new.locale).unwrap_or_else(|never| match never {});
    let mut price = CreateCheckoutSessionLineItemsPriceData::new(currency);
    price.unit_amount = Some(new.amount);
    price.product_data = Some(ProductData::new(new.name));
    let mut line = CreateCheckoutSessionLineItems::new();
    line.price_data = Some(price);
    line.quantity = Some(1);
    let mut intent = CreateCheckoutSessionPaymentIntentData::new();
    intent.capture_method = Some(if new.manual {
        CreateCheckoutSessionPaymentIntentDataCaptureMethod::Manual
    } else {
        CreateCheckoutSessionPaymentIntentDataCaptureMethod::Automatic
    });
    intent.description = Some(new.description);
    intent.metadata = Some(new.metadata.clone());
    if let Some((destination, fee)) = new.destination {
        intent.application_fee_amount = Some(fee);
        intent.transfer_data = Some(CreateCheckoutSessionPaymentIntentDataTransferData::new(
            destination,
        ));
    }
    let request = CreateCheckoutSession::new()
        .mode(CheckoutSessionMode::Payment)
        .line_items(vec![line])
        .payment_intent_data(intent)
        .metadata(new.metadata)
        .success_url(new.success_url)
        .cancel_url(new.cancel_url)
        .customer_email(new.email)
        .locale(locale)
        .expires_at(new.expires_at);
    call.send(api, &request).await?.try_into()
}

/// The session `id` as it stands now.
pub async fn retrieve(api: &StripeApi, id: &str, call: &Call) -> Result<Session, Failure> {
    let request = RetrieveCheckoutSession::new(id);
    call.send(api, &request).await?.try_into()
}

/// Stops `id` taking payments; a session no longer open is read back as
/// it stands.
pub async fn expire(api: &StripeApi, id: &str, call: &Call) -> Result<Session, Failure> {
    let request = ExpireCheckoutSession::new(id);
    match call.send(api, &request).await {
        Ok(session) => session.try_into(),
        Err(Failure::Refused { .. }) => {
            retrieve(api, id, &Call::read(call.account.as_deref())).await
        }
        Err(failure) => Err(failure),
    }
}

//! Confirming a payment intent with a card: what the customer's browser
//! does through Stripe.js. A good card is charged (or authorized, for manual
//! capture), a bad one is declined, a 3-D Secure card waits for the customer
//! to authenticate.

use serde_json::{Value, json};

use super::cards::Card;
use super::errors::ApiError;
use super::form::Form;
use super::objects;
use super::payment_intents::{EXPANDABLE, announce};
use super::state::{Caller, Charge, IntentStatus, Ledger, Origin, PaymentMethod, new_id};

const CONFIRMABLE: &str = "requires_confirmation, requires_payment_method, requires_action";

/// `POST /v1/payment_intents/:id/confirm`.
pub fn confirm(
    ledger: &mut Ledger,
    caller: &Caller,
    form: &Form,
    id: &str,
) -> Result<Value, ApiError> {
    form.allow_only(&[
        "payment_method",
        "return_url",
        "use_stripe_sdk",
        "client_secret",
        "expand",
    ])?;
    let expand = form.expansions(EXPANDABLE)?;
    let index = ledger.intent_index(caller.account.as_deref(), id)?;
    check_confirmable(ledger, index)?;
    let card = card(ledger, index, form.text("payment_method")?)?;
    attempt(ledger, index, card, &caller.origin)?;
    Ok(objects::payment_intent(
        ledger,
        &ledger.intents[index],
        &expand,
    ))
}

/// The customer's browser confirming intent `id` (any account: it holds
/// the client secret, not a key). The intent, or the error Stripe.js gets.
pub fn confirm_in_browser(
    ledger: &mut Ledger,
    id: &str,
    card: Card,
) -> Result<Result<Value, Value>, String> {
    let index = ledger
        .any_intent_index(id)
        .ok_or_else(|| format!("no payment intent {id}"))?;
    let outcome = check_confirmable(ledger, index)
        .and_then(|()| attempt(ledger, index, card, &Origin::request(None)));
    Ok(match outcome {
        Ok(()) => Ok(objects::payment_intent(ledger, &ledger.intents[index], &[])),
        Err(error) => Err(error.body()),
    })
}

fn check_confirmable(ledger: &Ledger, index: usize) -> Result<(), ApiError> {
    match ledger.intents[index].status {
        IntentStatus::RequiresPaymentMethod | IntentStatus::RequiresAction => Ok(()),
        IntentStatus::Succeeded => Err(ApiError::unexpected_state(
            "You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.",
        )),
        status => Err(ApiError::unexpected_state(format!(
            "You cannot confirm this PaymentIntent because it has a status of {}. Only a PaymentIntent with one of the following statuses may be confirmed: {CONFIRMABLE}.",
            status.as_str()
        ))),
    }
}

/// The card to charge: the one given, or the one already attached.
pub fn card(ledger: &Ledger, index: usize, given: Option<&str>) -> Result<Card, ApiError> {
    match given {
        Some(token) => Card::from_payment_method(token).ok_or_else(|| {
            ApiError::no_such("PaymentMethod", token, "payment_method").status(400)
        }),
        None => ledger.intents[index]
            .payment_method
            .as_deref()
            .and_then(|id| ledger.payment_method(id))
            .map(|method| method.card)
            .ok_or_else(|| {
                ApiError::unexpected_state(
                    "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
                )
            }),
    }
}

/// One try to pay intent `index` with `card`.
pub fn attempt(
    ledger: &mut Ledger,
    index: usize,
    card: Card,
    origin: &Origin,
) -> Result<(), ApiError> {
    let method = PaymentMethod {
        id: new_id("pm"),
        card,
        created: ledger.now(),
    };
    let method_id = method.id.clone();
    ledger.payment_methods.push(method);
    let intent = &mut ledger.intents[index];
    intent.last_payment_error = None;
    match card {
        Card::Visa => {
            intent.payment_method = Some(method_id);
            authorize(ledger, index, origin);
            Ok(())
        }
        Card::ThreeDSecure => {
            intent.payment_method = Some(method_id);
            intent.status = IntentStatus::RequiresAction;
            announce(ledger, index, "payment_intent.requires_action", origin);
            Ok(())
        }
        Card::Declined | Card::InsufficientFunds => {
            Err(decline(ledger, index, &method_id, card, origin))
        }
    }
}

/// The issuer approved: charged now, or held for a manual capture.
fn authorize(ledger: &mut Ledger, index: usize, origin: &Origin) {
    let now = ledger.now();
    let intent = &mut ledger.intents[index];
    let payment_method = intent.payment_method.clone().unwrap_or_default();
    intent.charges.push(Charge {
        id: new_id("ch"),
        created: now,
        payment_method,
        succeeded: true,
        captured: false,
        application_fee: None,
        transfer: None,
    });
    if intent.is_manual() {
        intent.status = IntentStatus::RequiresCapture;
        intent.amount_capturable = intent.amount;
        announce(
            ledger,
            index,
            "payment_intent.amount_capturable_updated",
            origin,
        );
    } else {
        let amount = intent.amount;
        capture(ledger, index, amount);
        announce(ledger, index, "payment_intent.succeeded", origin);
    }
}

/// Takes `amount` of the authorized charge: the platform's fee is kept and
/// the rest goes to the destination.
pub fn capture(ledger: &mut Ledger, index: usize, amount: i64) {
    let intent = &mut ledger.intents[index];
    intent.status = IntentStatus::Succeeded;
    intent.amount_received = amount;
    intent.amount_capturable = 0;
    let fee = intent.application_fee_amount.is_some();
    let transfer = intent.destination.is_some();
    if let Some(charge) = intent.charges.last_mut() {
        charge.captured = true;
        charge.application_fee = fee.then(|| new_id("fee"));
        charge.transfer = transfer.then(|| new_id("tr"));
    }
}

fn decline(
    ledger: &mut Ledger,
    index: usize,
    method_id: &str,
    card: Card,
    origin: &Origin,
) -> ApiError {
    let now = ledger.now();
    let charge_id = new_id("ch");
    let method = ledger
        .payment_method(method_id)
        .map(objects::payment_method)
        .unwrap_or(Value::Null);
    let error = ApiError::card_declined(
        card.decline_message(),
        card.decline_code().unwrap_or("generic_decline"),
    )
    .attach("charge", json!(charge_id))
    .attach("advice_code", json!("try_again_later"))
    .attach("payment_method", method);
    let intent = &mut ledger.intents[index];
    intent.charges.push(Charge {
        id: charge_id,
        created: now,
        payment_method: method_id.to_owned(),
        succeeded: false,
        captured: false,
        application_fee: None,
        transfer: None,
    });
    intent.status = IntentStatus::RequiresPaymentMethod;
    intent.payment_method = None;
    intent.last_payment_error = Some(error.object());
    announce(ledger, index, "payment_intent.payment_failed", origin);
    let intent = objects::payment_intent(ledger, &ledger.intents[index], &[]);
    error.attach("payment_intent", intent)
}

/// The customer passed 3-D Secure: the payment goes on as with a good card.
pub fn complete_action(ledger: &mut Ledger, id: &str) -> Result<Value, String> {
    let index = awaiting_action(ledger, id)?;
    authorize(ledger, index, &Origin::default());
    Ok(objects::payment_intent(ledger, &ledger.intents[index], &[]))
}

/// The customer failed (or abandoned) 3-D Secure.
pub fn fail_action(ledger: &mut Ledger, id: &str) -> Result<Value, String> {
    let index = awaiting_action(ledger, id)?;
    let method = ledger.intents[index]
        .payment_method
        .as_deref()
        .and_then(|method| ledger.payment_method(method))
        .map(objects::payment_method)
        .unwrap_or(Value::Null);
    let error = ApiError::unexpected_state("We are unable to authenticate your payment method. Please choose a different payment method and try again.")
        .code("payment_intent_authentication_failure")
        .attach("payment_method", method);
    let intent = &mut ledger.intents[index];
    intent.status = IntentStatus::RequiresPaymentMethod;
    intent.payment_method = None;
    intent.last_payment_error = Some(error.object());
    announce(
        ledger,
        index,
        "payment_intent.payment_failed",
        &Origin::default(),
    );
    Ok(objects::payment_intent(ledger, &ledger.intents[index], &[]))
}

fn awaiting_action(ledger: &Ledger, id: &str) -> Result<usize, String> {
    let index = ledger
        .any_intent_index(id)
        .ok_or_else(|| format!("no payment intent {id}"))?;
    match ledger.intents[index].status {
        IntentStatus::RequiresAction => Ok(index),
        status => Err(format!(
            "{id} is {}, not waiting for 3-D Secure",
            status.as_str()
        )),
    }
}

//! Payment intents: create, retrieve, capture and cancel, and Stripe
//! cancelling an authorization nobody captured. Confirming lives in
//! `confirmation.rs`.

use serde_json::Value;

use super::confirmation;
use super::errors::ApiError;
use super::form::Form;
use super::intent_params::{
    at_least_one, automatic_payment_methods, capture_method, check_amount, check_fee, currency,
    destination, on_behalf_of,
};
use super::objects;
use super::state::{Caller, IntentStatus, Ledger, Origin, PaymentIntent, new_id, random_text};

/// What an intent can be retrieved with (`expand[…]`).
pub const EXPANDABLE: &[&str] = &["latest_charge", "payment_method"];

const CANCELLABLE: &str =
    "requires_payment_method, requires_capture, requires_confirmation, requires_action, processing";

/// `POST /v1/payment_intents` (with `confirm=true`, confirmed at once).
pub fn create(ledger: &mut Ledger, caller: &Caller, form: &Form) -> Result<Value, ApiError> {
    form.allow_only(&[
        "amount",
        "currency",
        "capture_method",
        "metadata",
        "description",
        "application_fee_amount",
        "transfer_data",
        "on_behalf_of",
        "automatic_payment_methods",
        "payment_method_types",
        "confirm",
        "payment_method",
        "return_url",
        "expand",
    ])?;
    let amount = form.required_integer("amount")?;
    let currency = currency(form)?;
    check_amount(amount, &currency)?;
    let capture_method = capture_method(form)?.unwrap_or_else(|| "automatic_async".to_owned());
    let expand = form.expansions(EXPANDABLE)?;
    let automatic_payment_methods = automatic_payment_methods(form)?;
    let destination = destination(ledger, form)?;
    let on_behalf_of = on_behalf_of(ledger, form)?;
    let application_fee_amount = form.integer("application_fee_amount")?;
    if let Some(fee) = application_fee_amount {
        check_fee(
            fee,
            amount,
            caller.account.is_some() || destination.is_some(),
        )?;
    }
    let id = new_id("pi");
    let intent = PaymentIntent {
        client_secret: format!("{id}_secret_{}", random_text(25)),
        id,
        account: caller.account.clone(),
        created: ledger.now(),
        amount,
        currency,
        capture_method: capture_method.to_owned(),
        status: IntentStatus::RequiresPaymentMethod,
        description: form.text("description")?.map(str::to_owned),
        metadata: form.metadata()?,
        application_fee_amount,
        destination,
        on_behalf_of,
        automatic_payment_methods,
        payment_method: None,
        charges: Vec::new(),
        amount_capturable: 0,
        amount_received: 0,
        last_payment_error: None,
        canceled_at: None,
        cancellation_reason: None,
        refunded: 0,
        application_fee_refunded: 0,
        transfer_reversed: 0,
    };
    ledger.intents.push(intent);
    let index = ledger.intents.len() - 1;
    announce(ledger, index, "payment_intent.created", &caller.origin);
    if form.boolean("confirm")? == Some(true) {
        let card = confirmation::card(ledger, index, form.text("payment_method")?)?;
        confirmation::attempt(ledger, index, card, &caller.origin)?;
    }
    Ok(objects::payment_intent(
        ledger,
        &ledger.intents[index],
        &expand,
    ))
}

/// `GET /v1/payment_intents/:id`.
pub fn retrieve(
    ledger: &Ledger,
    caller: &Caller,
    form: &Form,
    id: &str,
) -> Result<Value, ApiError> {
    form.allow_only(&["expand", "client_secret"])?;
    let expand = form.expansions(EXPANDABLE)?;
    let index = ledger.intent_index(caller.account.as_deref(), id)?;
    Ok(objects::payment_intent(
        ledger,
        &ledger.intents[index],
        &expand,
    ))
}

/// `POST /v1/payment_intents/:id/capture`.
pub fn capture(
    ledger: &mut Ledger,
    caller: &Caller,
    form: &Form,
    id: &str,
) -> Result<Value, ApiError> {
    form.allow_only(&[
        "amount_to_capture",
        "application_fee_amount",
        "metadata",
        "final_capture",
        "expand",
    ])?;
    let expand = form.expansions(EXPANDABLE)?;
    let index = ledger.intent_index(caller.account.as_deref(), id)?;
    let intent = &ledger.intents[index];
    if intent.status != IntentStatus::RequiresCapture {
        return Err(ApiError::unexpected_state(format!(
            "This PaymentIntent could not be captured because it has a status of {}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.",
            intent.status.as_str()
        )));
    }
    let capturable = intent.amount_capturable;
    let amount = form.integer("amount_to_capture")?.unwrap_or(capturable);
    if amount < 1 {
        return Err(at_least_one("amount_to_capture"));
    }
    if amount > capturable {
        return Err(ApiError::invalid(format!(
            "The amount to capture ({amount}) is greater than the amount capturable ({capturable})."
        ))
        .code("amount_too_large")
        .param("amount_to_capture"));
    }
    let fee = match form.integer("application_fee_amount")? {
        Some(fee) => {
            check_fee(
                fee,
                amount,
                intent.account.is_some() || intent.destination.is_some(),
            )?;
            Some(fee)
        }
        None => intent.application_fee_amount,
    };
    if fee.is_some_and(|fee| fee > amount) {
        return Err(ApiError::invalid(
            "The application fee cannot be greater than the amount captured.",
        )
        .param("amount_to_capture"));
    }
    let metadata = form.metadata()?;
    let intent = &mut ledger.intents[index];
    intent.application_fee_amount = fee;
    intent.metadata.extend(metadata);
    confirmation::capture(ledger, index, amount);
    announce(ledger, index, "payment_intent.succeeded", &caller.origin);
    Ok(objects::payment_intent(
        ledger,
        &ledger.intents[index],
        &expand,
    ))
}

/// `POST /v1/payment_intents/:id/cancel`.
pub fn cancel(
    ledger: &mut Ledger,
    caller: &Caller,
    form: &Form,
    id: &str,
) -> Result<Value, ApiError> {
    form.allow_only(&["cancellation_reason", "expand"])?;
    let expand = form.expansions(EXPANDABLE)?;
    let reason = form.one_of(
        "cancellation_reason",
        &[
            "duplicate",
            "fraudulent",
            "requested_by_customer",
            "abandoned",
        ],
    )?;
    let index = ledger.intent_index(caller.account.as_deref(), id)?;
    let status = ledger.intents[index].status;
    if matches!(status, IntentStatus::Succeeded | IntentStatus::Canceled) {
        return Err(ApiError::unexpected_state(format!(
            "You cannot cancel this PaymentIntent because it has a status of {}. Only a PaymentIntent with one of the following statuses may be canceled: {CANCELLABLE}.",
            status.as_str()
        )));
    }
    cancel_now(ledger, index, reason, &caller.origin);
    Ok(objects::payment_intent(
        ledger,
        &ledger.intents[index],
        &expand,
    ))
}

/// Stripe cancels an authorization not captured within about 7 days.
pub fn lapse(ledger: &mut Ledger, id: &str) -> Result<Value, String> {
    let index = ledger
        .any_intent_index(id)
        .ok_or_else(|| format!("no payment intent {id}"))?;
    if ledger.intents[index].status != IntentStatus::RequiresCapture {
        return Err(format!(
            "{id} is {}, not an authorization waiting for capture",
            ledger.intents[index].status.as_str()
        ));
    }
    cancel_now(ledger, index, Some("automatic".into()), &Origin::default());
    Ok(objects::payment_intent(ledger, &ledger.intents[index], &[]))
}

/// Cancels intent `index` now, with `payment_intent.canceled`.
pub fn cancel_now(ledger: &mut Ledger, index: usize, reason: Option<String>, origin: &Origin) {
    let now = ledger.now();
    let intent = &mut ledger.intents[index];
    intent.status = IntentStatus::Canceled;
    intent.canceled_at = Some(now);
    intent.cancellation_reason = reason;
    intent.amount_capturable = 0;
    announce(ledger, index, "payment_intent.canceled", origin);
}

/// Records the event for a change of intent `index`, with the intent as it
/// now is.
pub fn announce(ledger: &mut Ledger, index: usize, kind: &str, origin: &Origin) {
    let intent = &ledger.intents[index];
    let object = objects::payment_intent(ledger, intent, &[]);
    let account = intent.account.clone();
    ledger.record(kind, account, object, origin);
}

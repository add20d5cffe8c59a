//! Stripe-hosted Checkout in `payment` mode: sessions created, read and
//! expired through the API, paid by the customer on the hosted page, and
//! expired by Stripe at `expires_at`.
//!
//! As in API versions since 2022-08-01, the PaymentIntent is made only when
//! the customer first tries to pay (then kept for retries), on the session's
//! account and from its `payment_intent_data`.

use serde_json::Value;

use super::cards::Card;
use super::checkout_objects;
use super::checkout_params::{EXPANDABLE, new_session};
use super::confirmation;
use super::errors::ApiError;
use super::form::Form;
use super::payment_intents::{announce, cancel_now};
use super::state::{
    Caller, IntentStatus, Ledger, Origin, PaymentIntent, SessionStatus, new_id, random_text,
};

/// `POST /v1/checkout/sessions`. No event: Stripe raises none on creation.
pub fn create(
    ledger: &mut Ledger,
    caller: &Caller,
    form: &Form,
    base_url: &str,
) -> Result<Value, ApiError> {
    let session = new_session(ledger, caller, form, base_url)?;
    let expand = form.expansions(EXPANDABLE)?;
    ledger.checkout_sessions.push(session);
    let session = &ledger.checkout_sessions[ledger.checkout_sessions.len() - 1];
    Ok(checkout_objects::session(ledger, session, &expand))
}

/// `GET /v1/checkout/sessions/:id`.
pub fn retrieve(
    ledger: &Ledger,
    caller: &Caller,
    form: &Form,
    id: &str,
) -> Result<Value, ApiError> {
    form.allow_only(&["expand"])?;
    let expand = form.expansions(EXPANDABLE)?;
    let index = ledger.session_index(caller.account.as_deref(), id)?;
    Ok(checkout_objects::session(
        ledger,
        &ledger.checkout_sessions[index],
        &expand,
    ))
}

/// `POST /v1/checkout/sessions/:id/expire`: only an open session.
pub fn expire(
    ledger: &mut Ledger,
    caller: &Caller,
    form: &Form,
    id: &str,
) -> Result<Value, ApiError> {
    form.allow_only(&["expand"])?;
    let expand = form.expansions(EXPANDABLE)?;
    let index = ledger.session_index(caller.account.as_deref(), id)?;
    let status = ledger.checkout_sessions[index].status;
    if status != SessionStatus::Open {
        return Err(ApiError::invalid(format!(
            "Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \"{}\".",
            status.as_str()
        )));
    }
    expire_now(ledger, index, &caller.origin);
    Ok(checkout_objects::session(
        ledger,
        &ledger.checkout_sessions[index],
        &expand,
    ))
}

/// Stripe expiring an open session at its `expires_at`.
pub fn lapse(ledger: &mut Ledger, id: &str) -> Result<Value, String> {
    let index = ledger
        .any_session_index(id)
        .ok_or_else(|| format!("no checkout session {id}"))?;
    let status = ledger.checkout_sessions[index].status;
    if status != SessionStatus::Open {
        return Err(format!("{id} is {}, not open", status.as_str()));
    }
    expire_now(ledger, index, &Origin::default());
    Ok(session_object(ledger, index))
}

/// The intent of a failed attempt is cancelled with the session.
fn expire_now(ledger: &mut Ledger, index: usize, origin: &Origin) {
    let attempt = ledger.checkout_sessions[index]
        .payment_intent
        .as_deref()
        .and_then(|id| ledger.any_intent_index(id));
    if let Some(intent) = attempt
        && ledger.intents[intent].status == IntentStatus::RequiresPaymentMethod
    {
        cancel_now(ledger, intent, None, &Origin::default());
    }
    ledger.checkout_sessions[index].status = SessionStatus::Expired;
    announce_session(ledger, index, "checkout.session.expired", origin);
}

/// The customer paying on the hosted page with `card`: the session, or the
/// error the page shows (the session then stays open for another card).
pub fn pay(ledger: &mut Ledger, id: &str, card: Card) -> Result<Result<Value, Value>, String> {
    let index = ledger
        .any_session_index(id)
        .ok_or_else(|| format!("no checkout session {id}"))?;
    Ok(match pay_open(ledger, index, card) {
        Ok(()) => Ok(session_object(ledger, index)),
        Err(error) => Err(error.body()),
    })
}

fn pay_open(ledger: &mut Ledger, index: usize, card: Card) -> Result<(), ApiError> {
    let status = ledger.checkout_sessions[index].status;
    if status != SessionStatus::Open {
        return Err(ApiError::invalid(format!(
            "This Checkout Session is no longer active: it has a status of {}.",
            status.as_str()
        )));
    }
    let intent = attempt_intent(ledger, index);
    let browser = Origin::request(None);
    confirmation::attempt(ledger, intent, card, &browser)?;
    if ledger.intents[intent].status == IntentStatus::RequiresAction {
        // The hosted page runs 3-D Secure itself; here the customer passes.
        let intent_id = ledger.intents[intent].id.clone();
        confirmation::complete_action(ledger, &intent_id).map_err(ApiError::invalid)?;
    }
    let session = &mut ledger.checkout_sessions[index];
    session.status = SessionStatus::Complete;
    session.paid = ledger.intents[intent].status == IntentStatus::Succeeded;
    announce_session(
        ledger,
        index,
        "checkout.session.completed",
        &Origin::default(),
    );
    Ok(())
}

/// The session's PaymentIntent: made (with `payment_intent.created`) at the
/// first attempt, the same one at every retry.
fn attempt_intent(ledger: &mut Ledger, index: usize) -> usize {
    if let Some(existing) = ledger.checkout_sessions[index]
        .payment_intent
        .as_deref()
        .and_then(|id| ledger.any_intent_index(id))
    {
        return existing;
    }
    let session = &ledger.checkout_sessions[index];
    let data = session.intent_data.clone();
    let id = new_id("pi");
    let intent = PaymentIntent {
        client_secret: format!("{id}_secret_{}", random_text(25)),
        id: id.clone(),
        account: session.account.clone(),
        created: ledger.now(),
        amount: session.amount_total(),
        currency: session.currency.clone(),
        capture_method: data.capture_method,
        status: IntentStatus::RequiresPaymentMethod,
        description: data.description,
        metadata: data.metadata,
        application_fee_amount: data.application_fee_amount,
        destination: data.destination,
        on_behalf_of: None,
        automatic_payment_methods: false,
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
    ledger.checkout_sessions[index].payment_intent = Some(id);
    let made = ledger.intents.len() - 1;
    announce(ledger, made, "payment_intent.created", &Origin::default());
    made
}

/// The hosted page at `/c/pay/:id`: a page for an open session, nothing
/// otherwise.
pub fn hosted_page(ledger: &Ledger, id: &str) -> Option<String> {
    let session = &ledger.checkout_sessions[ledger.any_session_index(id)?];
    if session.status != SessionStatus::Open {
        return None;
    }
    let lines: String = session
        .line_items
        .iter()
        .map(|line| {
            format!(
                "<li>{} × {}: {} {}</li>",
                line.quantity,
                escaped(&line.name),
                line.unit_amount,
                session.currency
            )
        })
        .collect();
    Some(format!(
        "<!doctype html>\n<html lang=\"en\"><head><title>Checkout</title></head><body><main><h1>Checkout</h1><ul>{lines}</ul><p>Total: {} {}</p><form method=\"post\" action=\"/c/pay/{}\"><button type=\"submit\">Pay</button></form></main></body></html>\n",
        session.amount_total(),
        session.currency,
        escaped(&session.id)
    ))
}

/// A product name is the application's text: kept as text on the page.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The session as the API shows it, not expanded.
pub fn session_object(ledger: &Ledger, index: usize) -> Value {
    checkout_objects::session(ledger, &ledger.checkout_sessions[index], &[])
}

/// Records the event for a change of session `index`, with the session as it
/// now is.
fn announce_session(ledger: &mut Ledger, index: usize, kind: &str, origin: &Origin) {
    let object = session_object(ledger, index);
    let account = ledger.checkout_sessions[index].account.clone();
    ledger.record(kind, account, object, origin);
}

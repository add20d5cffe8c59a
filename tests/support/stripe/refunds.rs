//! Refunds of a succeeded payment intent, whole or in parts, with the
//! platform's fee refunded in proportion and the destination's share taken
//! back from its transfer when asked.

use serde_json::Value;

use super::errors::ApiError;
use super::form::Form;
use super::objects;
use super::state::{Caller, IntentStatus, Ledger, Refund, new_id};

/// `POST /v1/refunds`.
pub fn create(ledger: &mut Ledger, caller: &Caller, form: &Form) -> Result<Value, ApiError> {
    form.allow_only(&[
        "payment_intent",
        "charge",
        "amount",
        "metadata",
        "reason",
        "refund_application_fee",
        "reverse_transfer",
        "expand",
    ])?;
    form.expansions(&[])?;
    let index = refunded_intent(ledger, caller, form)?;
    let reason = form.one_of(
        "reason",
        &["duplicate", "fraudulent", "requested_by_customer"],
    )?;
    let refund_fee = form.boolean("refund_application_fee")?.unwrap_or(false);
    let reverse = form.boolean("reverse_transfer")?.unwrap_or(false);
    let metadata = form.metadata()?;
    let intent = &ledger.intents[index];
    let Some(charge) = intent
        .latest_charge()
        .filter(|_| intent.status == IntentStatus::Succeeded)
    else {
        return Err(ApiError::unexpected_state(format!(
            "This PaymentIntent ({}) does not have a successful charge to refund.",
            intent.id
        )));
    };
    let remaining = intent.amount_received - intent.refunded;
    if remaining == 0 {
        return Err(
            ApiError::invalid(format!("Charge {} has already been refunded.", charge.id))
                .code("charge_already_refunded"),
        );
    }
    let amount = form.integer("amount")?.unwrap_or(remaining);
    if amount < 1 {
        return Err(
            ApiError::invalid("This value must be greater than or equal to 1.")
                .code("parameter_invalid_integer")
                .param("amount"),
        );
    }
    if amount > remaining {
        return Err(ApiError::invalid(format!(
            "Refund amount ({}) is greater than unrefunded amount on charge ({})",
            shown(amount, &intent.currency),
            shown(remaining, &intent.currency)
        ))
        .code("amount_too_large")
        .param("amount"));
    }
    if reverse && intent.destination.is_none() {
        return Err(ApiError::invalid(
            "You cannot reverse the transfer of a charge that has no transfer (reverse_transfer needs a destination charge).",
        )
        .param("reverse_transfer"));
    }
    // The platform's part of this refund: its fee in proportion, rounded down.
    let fee = i128::from(intent.application_fee_amount.unwrap_or(0));
    let fee_share =
        i64::try_from(fee * i128::from(amount) / i128::from(intent.amount_received)).unwrap_or(0);
    let fee_left = intent.application_fee_amount.unwrap_or(0) - intent.application_fee_refunded;
    let application_fee_refunded = if refund_fee {
        fee_share.min(fee_left)
    } else {
        0
    };
    // The destination's part, taken back from its transfer.
    let transfer_left = intent.transferred() - intent.transfer_reversed;
    let transfer_reversed = if reverse {
        (amount - fee_share).min(transfer_left)
    } else {
        0
    };
    let refund = Refund {
        id: new_id("re"),
        account: intent.account.clone(),
        payment_intent: intent.id.clone(),
        charge: charge.id.clone(),
        amount,
        currency: intent.currency.clone(),
        created: ledger.now(),
        metadata,
        reason,
        transfer_reversal: reverse.then(|| new_id("trr")),
    };
    let intent = &mut ledger.intents[index];
    intent.refunded += amount;
    intent.application_fee_refunded += application_fee_refunded;
    intent.transfer_reversed += transfer_reversed;
    let answer = objects::refund(&refund);
    let origin = caller.origin.clone();
    let account = refund.account.clone();
    ledger.refunds.push(refund);
    let intent = &ledger.intents[index];
    if let Some(charge) = intent.latest_charge() {
        let charge = objects::charge(ledger, intent, charge);
        ledger.record("charge.refunded", account, charge, &origin);
    }
    Ok(answer)
}

/// `GET /v1/refunds/:id`.
pub fn retrieve(
    ledger: &Ledger,
    caller: &Caller,
    form: &Form,
    id: &str,
) -> Result<Value, ApiError> {
    form.allow_only(&["expand"])?;
    form.expansions(&[])?;
    ledger
        .refunds
        .iter()
        .find(|refund| refund.id == id && refund.account == caller.account)
        .map(objects::refund)
        .ok_or_else(|| ApiError::no_such("refund", id, "refund"))
}

/// The intent named by `payment_intent` or by its `charge`, under the
/// caller's account.
fn refunded_intent(ledger: &Ledger, caller: &Caller, form: &Form) -> Result<usize, ApiError> {
    match (form.text("payment_intent")?, form.text("charge")?) {
        (Some(id), None) => ledger.intent_index(caller.account.as_deref(), id),
        (None, Some(charge)) => ledger
            .intents
            .iter()
            .position(|intent| {
                intent.account == caller.account
                    && intent.charges.iter().any(|made| made.id == charge)
            })
            .ok_or_else(|| ApiError::no_such("charge", charge, "charge")),
        (Some(_), Some(_)) => Err(ApiError::invalid(
            "You may only specify one of these parameters: charge, payment_intent.",
        )
        .code("parameters_exclusive")),
        (None, None) => Err(ApiError::invalid(
            "One of the following params should be provided for this request: payment_intent or charge.",
        )),
    }
}

/// An amount as Stripe writes it in messages: `€40.00`.
fn shown(amount: i64, currency: &str) -> String {
    let symbol = match currency {
        "eur" => "€",
        "usd" => "$",
        "gbp" => "£",
        _ => "",
    };
    let major = format!("{}.{:02}", amount / 100, amount % 100);
    if symbol.is_empty() {
        format!("{major} {}", currency.to_ascii_uppercase())
    } else {
        format!("{symbol}{major}")
    }
}

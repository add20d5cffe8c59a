//! The JSON of complete payment objects (intents, charges, payment methods,
//! refunds), field for field as Stripe's API reference shows them: the
//! client parses strictly, so every field its types do not declare optional
//! is present, and nested objects are whole.

use serde_json::{Value, json};

use super::state::{Charge, IntentStatus, Ledger, PaymentIntent, PaymentMethod, Refund};

const EXP_MONTH: i64 = 12;
const EXP_YEAR: i64 = 2034;

/// A payment intent, with `latest_charge` / `payment_method` expanded when asked.
pub fn payment_intent(ledger: &Ledger, intent: &PaymentIntent, expand: &[String]) -> Value {
    let latest_charge = intent.latest_charge().map(|charge| {
        if expand.iter().any(|path| path == "latest_charge") {
            self::charge(ledger, intent, charge)
        } else {
            json!(charge.id)
        }
    });
    let payment_method =
        intent
            .payment_method
            .as_deref()
            .map(|id| match ledger.payment_method(id) {
                Some(method) if expand.iter().any(|path| path == "payment_method") => {
                    self::payment_method(method)
                }
                _ => json!(id),
            });
    let next_action = (intent.status == IntentStatus::RequiresAction).then(|| {
        json!({
            "type": "use_stripe_sdk",
            "use_stripe_sdk": {
                "type": "stripe_3ds2_fingerprint",
                "three_d_secure_2_source": format!("src_{}", &intent.id[3..]),
                "directory_server_name": "visa",
                "merchant": "acct_platform",
                "server_transaction_id": intent.id.clone(),
            }
        })
    });
    let automatic_payment_methods = intent.automatic_payment_methods.then(|| {
        json!({
            "allow_redirects": "always",
            "enabled": true,
        })
    });
    let transfer_data = intent
        .destination
        .as_ref()
        .map(|destination| json!({ "destination": destination }));
    let transfer_group = intent
        .destination
        .as_ref()
        .map(|_| format!("group_{}", intent.id));
    joined([
        json!({
        "id": intent.id,
        "object": "payment_intent",
        "amount": intent.amount,
        "amount_capturable": intent.amount_capturable,
        "amount_details": {"tip": {}},
        "amount_received": intent.amount_received,
        "application": null,
        "application_fee_amount": intent.application_fee_amount,
        "automatic_payment_methods": automatic_payment_methods,
        "canceled_at": intent.canceled_at,
        "cancellation_reason": intent.cancellation_reason,
        "capture_method": intent.capture_method,
        "client_secret": intent.client_secret,
        "confirmation_method": "automatic",
        "created": intent.created,
        "currency": intent.currency,
        "customer": null,
        "customer_account": null,
        "description": intent.description,
        "excluded_payment_method_types": null,
        }),
        json!({
        "last_payment_error": intent.last_payment_error,
        "latest_charge": latest_charge,
        "livemode": false,
        "metadata": intent.metadata,
        "next_action": next_action,
        "on_behalf_of": intent.on_behalf_of,
        "payment_method": payment_method,
        "payment_method_configuration_details": null,
        "payment_method_options": {
            "card": {
                "installments": null,
                "mandate_options": null,
                "network": null,
                "request_three_d_secure": "automatic",
            }
        },
        "payment_method_types": ["card"],
        "processing": null,
        "receipt_email": null,
        "review": null,
        "setup_future_usage": null,
        "shipping": null,
        "source": null,
        "statement_descriptor": null,
        "statement_descriptor_suffix": null,
        "status": intent.status.as_str(),
        "transfer_data": transfer_data,
        "transfer_group": transfer_group,
        }),
    ])
}

/// One object from the fields of several (`json!` recurses once per field,
/// so a whole object in one call would exceed the macro recursion limit).
fn joined<const N: usize>(parts: [Value; N]) -> Value {
    let mut object = serde_json::Map::new();
    for part in parts {
        if let Value::Object(fields) = part {
            object.extend(fields);
        }
    }
    Value::Object(object)
}

fn card_checks() -> Value {
    json!({
        "address_line1_check": null,
        "address_postal_code_check": null,
        "cvc_check": "pass",
    })
}

/// A card payment method.
pub fn payment_method(method: &PaymentMethod) -> Value {
    json!({
        "id": method.id,
        "object": "payment_method",
        "allow_redisplay": "unspecified",
        "billing_details": {
            "address": {
                "city": null, "country": null, "line1": null,
                "line2": null, "postal_code": null, "state": null,
            },
            "email": null,
            "name": null,
            "phone": null,
            "tax_id": null,
        },
        "card": {
            "brand": "visa",
            "checks": card_checks(),
            "country": "US",
            "display_brand": "visa",
            "exp_month": EXP_MONTH,
            "exp_year": EXP_YEAR,
            "fingerprint": format!("fp{}", method.card.last4()),
            "funding": "credit",
            "generated_from": null,
            "last4": method.card.last4(),
            "networks": {"available": ["visa"], "preferred": null},
            "regulated_status": "unregulated",
            "three_d_secure_usage": {"supported": true},
            "wallet": null,
        },
        "created": method.created,
        "customer": null,
        "livemode": false,
        "metadata": {},
        "type": "card",
    })
}

/// A charge of an intent, with its refunds.
pub fn charge(ledger: &Ledger, intent: &PaymentIntent, charge: &Charge) -> Value {
    let last4 = ledger
        .payment_method(&charge.payment_method)
        .map_or("4242", |method| method.card.last4());
    let captured = if charge.captured {
        intent.amount_received
    } else {
        0
    };
    let refunds: Vec<Value> = ledger
        .refunds_of(&intent.id)
        .filter(|refund| refund.charge == charge.id)
        .map(refund)
        .collect();
    let amount_refunded = if charge.succeeded { intent.refunded } else { 0 };
    let outcome = if charge.succeeded {
        json!({
            "advice_code": null, "network_advice_code": null, "network_decline_code": null,
            "network_status": "approved_by_network", "reason": null,
            "risk_level": "normal", "risk_score": 32,
            "seller_message": "Payment complete.", "type": "authorized",
        })
    } else {
        json!({
            "advice_code": "try_again_later", "network_advice_code": null,
            "network_decline_code": null, "network_status": "declined_by_network",
            "reason": ledger.payment_method(&charge.payment_method)
                .and_then(|method| method.card.decline_code()),
            "risk_level": "normal", "risk_score": 32,
            "seller_message": "The bank did not return any further details with this decline.",
            "type": "issuer_declined",
        })
    };
    let transfer_data = intent.destination.as_ref().map(|destination| {
        json!({
            "amount": null,
            "destination": destination,
        })
    });
    let transfer_group = intent
        .destination
        .as_ref()
        .map(|_| format!("group_{}", intent.id));
    let card = json!({
        "amount_authorized": intent.amount,
        "brand": "visa",
        "checks": card_checks(),
        "country": "US",
        "exp_month": EXP_MONTH,
        "exp_year": EXP_YEAR,
        "funding": "credit",
        "last4": last4,
        "network": "visa",
        "three_d_secure": null,
        "wallet": null,
    });
    joined([
        json!({
        "id": charge.id,
        "object": "charge",
        "amount": intent.amount,
        "amount_captured": captured,
        "amount_refunded": amount_refunded,
        "application": null,
        "application_fee": charge.application_fee,
        "application_fee_amount": intent.application_fee_amount,
        "balance_transaction": null,
        "billing_details": {
            "address": {
                "city": null, "country": null, "line1": null,
                "line2": null, "postal_code": null, "state": null,
            },
            "email": null, "name": null, "phone": null, "tax_id": null,
        },
        "calculated_statement_descriptor": "PORTINERIA",
        "captured": charge.captured,
        "created": charge.created,
        "currency": intent.currency,
        "customer": null,
        "description": intent.description,
        "disputed": false,
        "failure_balance_transaction": null,
        "failure_code": (!charge.succeeded).then_some("card_declined"),
        "failure_message": (!charge.succeeded).then_some("Your card was declined."),
        "fraud_details": {},
        }),
        json!({
        "livemode": false,
        "metadata": intent.metadata,
        "on_behalf_of": intent.on_behalf_of,
        "outcome": outcome,
        "paid": charge.succeeded,
        "payment_intent": intent.id,
        "payment_method": charge.payment_method,
        "payment_method_details": {"card": card, "type": "card"},
        "receipt_email": null,
        "receipt_number": null,
        "receipt_url": null,
        "refunded": charge.succeeded && captured > 0 && amount_refunded == captured,
        "refunds": {
            "object": "list",
            "data": refunds,
            "has_more": false,
            "total_count": refunds.len(),
            "url": format!("/v1/charges/{}/refunds", charge.id),
        },
        "review": null,
        "shipping": null,
        "source": null,
        "source_transfer": null,
        "statement_descriptor": null,
        "statement_descriptor_suffix": null,
        "status": if charge.succeeded { "succeeded" } else { "failed" },
        "transfer": charge.transfer,
        "transfer_data": transfer_data,
        "transfer_group": transfer_group,
        }),
    ])
}

/// A refund (card refunds succeed at once).
pub fn refund(refund: &Refund) -> Value {
    json!({
        "id": refund.id,
        "object": "refund",
        "amount": refund.amount,
        "balance_transaction": null,
        "charge": refund.charge,
        "created": refund.created,
        "currency": refund.currency,
        "destination_details": {
            "card": {
                "reference": null,
                "reference_status": "pending",
                "reference_type": "acquirer_reference_number",
                "type": "refund",
            },
            "type": "card",
        },
        "metadata": refund.metadata,
        "payment_intent": refund.payment_intent,
        "reason": refund.reason,
        "receipt_number": null,
        "source_transfer_reversal": null,
        "status": "succeeded",
        "transfer_reversal": refund.transfer_reversal,
    })
}

//! The JSON of a Checkout Session, field for field as Stripe's API reference
//! shows a hosted session in `payment` mode: what this server does not model
//! (tax, shipping, discounts, customers, invoices) is `null`, empty or off.

use serde_json::{Map, Value, json};

use super::objects;
use super::state::{CheckoutSession, Ledger, SessionStatus};

/// A session, with `payment_intent` expanded when asked.
pub fn session(ledger: &Ledger, session: &CheckoutSession, expand: &[String]) -> Value {
    let payment_intent =
        session
            .payment_intent
            .as_deref()
            .map(|id| match ledger.any_intent_index(id) {
                Some(index) if expand.iter().any(|path| path == "payment_intent") => {
                    objects::payment_intent(ledger, &ledger.intents[index], &[])
                }
                _ => json!(id),
            });
    let total = session.amount_total();
    // The hosted page only leads somewhere while the session can be paid.
    let url = (session.status == SessionStatus::Open).then_some(&session.url);
    let payment_status = if session.paid { "paid" } else { "unpaid" };
    let what_was_asked = json!({
        "id": session.id,
        "object": "checkout.session",
        "amount_subtotal": total,
        "amount_total": total,
        "cancel_url": session.cancel_url,
        "client_reference_id": session.client_reference_id,
        "created": session.created,
        "currency": session.currency,
        "customer_email": session.customer_email,
        "expires_at": session.expires_at,
        "livemode": false,
        "locale": session.locale,
        "metadata": session.metadata,
        "mode": "payment",
        "payment_intent": payment_intent,
        "payment_method_types": ["card"],
        "payment_status": payment_status,
        "status": session.status.as_str(),
        "success_url": session.success_url,
        // The API version async-stripe speaks (2026-09-30) spells the
        // Stripe-hosted page `hosted_page` (formerly `hosted`).
        "ui_mode": "hosted_page",
        "url": url,
    });
    let settings_off = json!({
        "adaptive_pricing": null,
        "after_expiration": null,
        "allow_promotion_codes": null,
        "allowed_payment_method_types": null,
        "automatic_tax": {
            "enabled": false,
            "liability": null,
            "provider": null,
            "status": null,
        },
        "billing_address_collection": null,
        "branding_settings": null,
        "client_secret": null,
        "collected_information": null,
        "consent": null,
        "consent_collection": null,
        "currency_conversion": null,
        "custom_fields": [],
        "custom_text": {
            "after_submit": null,
            "shipping_address": null,
            "submit": null,
            "terms_of_service_acceptance": null,
        },
        "customer": null,
        "customer_account": null,
        "customer_creation": "if_required",
        "customer_details": null,
        "discounts": [],
        "excluded_payment_method_types": null,
        "integration_identifier": null,
        "invoice": null,
        "invoice_creation": null,
    });
    let nothing_else = json!({
        "line_items": null,
        "managed_payments": null,
        "name_collection": null,
        "optional_items": null,
        "origin_context": null,
        "payment_link": null,
        "payment_method_collection": "if_required",
        "payment_method_configuration_details": null,
        "payment_method_options": null,
        "permissions": null,
        "phone_number_collection": {"enabled": false},
        "presentment_details": null,
        "recovered_from": null,
        "redirect_on_completion": null,
        "return_url": null,
        "saved_payment_method_options": null,
        "setup_intent": null,
        "shipping_address_collection": null,
        "shipping_cost": null,
        "shipping_options": [],
        "submit_type": null,
        "subscription": null,
        "tax_id_collection": null,
        "total_details": {
            "amount_discount": 0,
            "amount_shipping": 0,
            "amount_tax": 0,
            "breakdown": null,
        },
        "wallet_options": null,
    });
    // Three parts: one `json!` of every field would pass the macro's
    // recursion limit.
    let mut object = Map::new();
    for part in [what_was_asked, settings_off, nothing_else] {
        if let Value::Object(fields) = part {
            object.extend(fields);
        }
    }
    Value::Object(object)
}

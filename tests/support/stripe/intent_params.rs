//! The parameters of a new payment intent, checked as Stripe checks them:
//! amount, currency, capture method, payment method types, the destination
//! of a destination charge, `on_behalf_of`, and the platform's fee.

use std::str::FromStr;

use super::errors::ApiError;
use super::form::Form;
use super::state::Ledger;

/// An amount below 1.
pub fn at_least_one(param: &str) -> ApiError {
    ApiError::invalid("This value must be greater than or equal to 1.")
        .code("parameter_invalid_integer")
        .param(param)
}

/// A currency Stripe knows, lower case (`EUR` is read as `eur`).
pub fn currency(form: &Form) -> Result<String, ApiError> {
    let currency = form.required_text("currency")?.to_ascii_lowercase();
    match stripe_types::Currency::from_str(&currency) {
        Ok(stripe_types::Currency::Unknown(_)) | Err(_) => Err(ApiError::invalid(format!(
            "Invalid currency: {currency}. Stripe currently supports these currencies: see https://stripe.com/docs/currencies"
        ))
        .param("currency")),
        Ok(_) => Ok(currency),
    }
}

/// At least 1, at least Stripe's minimum charge where it has one for the
/// currency, at most eight digits.
pub fn check_amount(amount: i64, currency: &str) -> Result<(), ApiError> {
    if amount < 1 {
        return Err(at_least_one("amount"));
    }
    let minimum = match currency {
        "eur" | "usd" | "chf" | "cad" | "aud" => 50,
        "gbp" => 30,
        _ => 1,
    };
    if amount < minimum {
        return Err(ApiError::invalid(format!(
            "Amount must be at least {}.{:02} {currency}",
            minimum / 100,
            minimum % 100
        ))
        .code("amount_too_small")
        .param("amount"));
    }
    if amount > 99_999_999 {
        return Err(ApiError::invalid(format!(
            "Amount must be no more than 999,999.99 {currency}"
        ))
        .code("amount_too_large")
        .param("amount"));
    }
    Ok(())
}

/// `capture_method`, if given.
pub fn capture_method(form: &Form) -> Result<Option<String>, ApiError> {
    form.one_of(
        "capture_method",
        &["automatic", "automatic_async", "manual"],
    )
}

/// Whether `automatic_payment_methods` is on: the default unless
/// `payment_method_types` is given (only `card` is offered here).
pub fn automatic_payment_methods(form: &Form) -> Result<bool, ApiError> {
    let automatic = form.group("automatic_payment_methods")?;
    let types = form.list("payment_method_types")?;
    if automatic.is_some() && !types.is_empty() {
        return Err(ApiError::invalid(
            "You may only specify one of these parameters: automatic_payment_methods, payment_method_types.",
        )
        .code("parameters_exclusive"));
    }
    if let Some(unsupported) = types.iter().find(|kind| kind.as_str() != "card") {
        return Err(ApiError::invalid(format!(
            "The payment method type \"{unsupported}\" is invalid. Please ensure the provided type is activated in your dashboard (https://dashboard.stripe.com/account/payments/settings) and your account is enabled for any preview features that you are trying to use."
        ))
        .param("payment_method_types"));
    }
    match automatic {
        Some(group) => {
            group.allow_only(&["enabled", "allow_redirects"])?;
            Ok(group
                .boolean("enabled")?
                .ok_or_else(|| ApiError::missing("automatic_payment_methods[enabled]"))?)
        }
        None => Ok(types.is_empty()),
    }
}

/// `transfer_data[destination]`: a connected account that can receive
/// transfers.
pub fn destination(ledger: &Ledger, form: &Form) -> Result<Option<String>, ApiError> {
    let Some(transfer_data) = form.group("transfer_data")? else {
        return Ok(None);
    };
    transfer_data.allow_only(&["destination"])?;
    let destination = transfer_data.required_text("destination")?;
    let account = ledger.account(destination).ok_or_else(|| {
        ApiError::invalid(format!("No such destination: '{destination}'"))
            .code("resource_missing")
            .param("transfer_data[destination]")
    })?;
    if !account.charges_enabled {
        return Err(ApiError::invalid(
            "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
        )
        .code("insufficient_capabilities_for_transfer")
        .param("transfer_data[destination]"));
    }
    Ok(Some(destination.to_owned()))
}

/// `on_behalf_of`: an onboarded connected account.
pub fn on_behalf_of(ledger: &Ledger, form: &Form) -> Result<Option<String>, ApiError> {
    let Some(id) = form.text("on_behalf_of")? else {
        return Ok(None);
    };
    let account = ledger
        .account(id)
        .ok_or_else(|| ApiError::no_such("account", id, "on_behalf_of").status(400))?;
    if !account.charges_enabled {
        return Err(ApiError::invalid(format!(
            "The account {id} must have the card_payments capability active to be used as on_behalf_of."
        ))
        .param("on_behalf_of"));
    }
    Ok(Some(id.to_owned()))
}

/// A fee needs a connected account to be taken from, and fits the amount.
pub fn check_fee(fee: i64, amount: i64, connected: bool) -> Result<(), ApiError> {
    if fee < 0 {
        return Err(
            ApiError::invalid("This value must be greater than or equal to 0.")
                .code("parameter_invalid_integer")
                .param("application_fee_amount"),
        );
    }
    if !connected {
        return Err(ApiError::invalid(
            "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).",
        )
        .param("application_fee_amount"));
    }
    if fee > amount {
        return Err(ApiError::invalid(
            "The application_fee_amount must be less than or equal to the amount.",
        )
        .param("application_fee_amount"));
    }
    Ok(())
}

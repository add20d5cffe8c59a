//! The parameters of a new Checkout Session, checked as Stripe checks them:
//! `mode=payment` only, lines priced inline (`price_data`), the hosted page's
//! urls, `locale`, the `expires_at` window, and `payment_intent_data` with the
//! same amount, fee and destination rules as a payment intent.

use super::errors::ApiError;
use super::form::Form;
use super::intent_params::{
    at_least_one, automatic_payment_methods, capture_method, check_amount, check_fee, currency,
    destination,
};
use super::state::{Caller, CheckoutSession, IntentData, Ledger, LineItem, SessionStatus, new_id};

/// What a session can be read with (`expand[…]`).
pub const EXPANDABLE: &[&str] = &["payment_intent"];

/// The languages the hosted page speaks (`auto`: the browser's).
const LOCALES: &[&str] = &[
    "auto", "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil", "fr",
    "fr-CA", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl", "pl", "pt",
    "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "vi", "zh", "zh-HK", "zh-TW",
];

/// How soon and how late a session may expire, from its creation.
const SHORTEST_SECONDS: i64 = 30 * 60;
const LONGEST_SECONDS: i64 = 24 * 60 * 60;

/// A session read from `POST /v1/checkout/sessions`, not yet stored.
pub fn new_session(
    ledger: &Ledger,
    caller: &Caller,
    form: &Form,
    base_url: &str,
) -> Result<CheckoutSession, ApiError> {
    form.allow_only(&[
        "mode",
        "line_items",
        "success_url",
        "cancel_url",
        "client_reference_id",
        "customer_email",
        "locale",
        "expires_at",
        "metadata",
        "payment_intent_data",
        "payment_method_types",
        "expand",
    ])?;
    mode(form)?;
    form.expansions(EXPANDABLE)?;
    // Only cards are offered here; the session shows `["card"]` either way.
    automatic_payment_methods(form)?;
    let (currency, line_items) = line_items(form)?;
    let session_total: i64 = line_items
        .iter()
        .map(|line| line.unit_amount * line.quantity)
        .sum();
    check_amount(session_total, &currency)?;
    let success_url = form.required_text("success_url")?.to_owned();
    let cancel_url = form.required_text("cancel_url")?.to_owned();
    let client_reference_id = form.text("client_reference_id")?.map(str::to_owned);
    if client_reference_id
        .as_ref()
        .is_some_and(|id| id.chars().count() > 200)
    {
        return Err(ApiError::invalid(
            "Invalid client_reference_id: must be at most 200 characters",
        )
        .param("client_reference_id"));
    }
    let now = ledger.now();
    let expires_at = expires_at(form, now)?;
    let intent_data = intent_data(ledger, caller, form, session_total)?;
    let id = new_id("cs_test");
    Ok(CheckoutSession {
        url: format!("{base_url}c/pay/{id}"),
        id,
        account: caller.account.clone(),
        created: now,
        expires_at,
        currency,
        line_items,
        success_url,
        cancel_url,
        client_reference_id,
        customer_email: form.text("customer_email")?.map(str::to_owned),
        locale: form.one_of("locale", LOCALES)?,
        metadata: form.metadata()?,
        intent_data,
        status: SessionStatus::Open,
        paid: false,
        payment_intent: None,
    })
}

/// Required; `setup` and `subscription` are Stripe's too, but not served here.
fn mode(form: &Form) -> Result<(), ApiError> {
    let mode = form
        .one_of("mode", &["payment", "setup", "subscription"])?
        .ok_or_else(|| ApiError::missing("mode"))?;
    if mode != "payment" {
        return Err(ApiError::invalid(format!(
            "Checkout Sessions in `{mode}` mode are not supported by this server: use `payment`."
        ))
        .param("mode"));
    }
    Ok(())
}

/// `line_items[n][price_data][…]` and `line_items[n][quantity]`, all in one
/// currency.
fn line_items(form: &Form) -> Result<(String, Vec<LineItem>), ApiError> {
    let group = form
        .group("line_items")?
        .ok_or_else(|| ApiError::missing("line_items"))?;
    let mut positions: Vec<(usize, &str)> = Vec::new();
    for name in group.names() {
        let position = name
            .parse()
            .map_err(|_| ApiError::invalid("Invalid array: line_items").param("line_items"))?;
        positions.push((position, name));
    }
    positions.sort_unstable();
    let mut currency_of_all: Option<String> = None;
    let mut lines = Vec::new();
    for (_, name) in positions {
        let item = group
            .group(name)?
            .ok_or_else(|| ApiError::missing(&format!("line_items[{name}]")))?;
        item.allow_only(&["price_data", "quantity"])?;
        let price = item
            .group("price_data")?
            .ok_or_else(|| ApiError::missing(&format!("line_items[{name}][price_data]")))?;
        price.allow_only(&["currency", "unit_amount", "product_data"])?;
        let currency = currency(&price)?;
        let unit_amount = price.required_integer("unit_amount")?;
        if unit_amount < 0 {
            return Err(
                ApiError::invalid("This value must be greater than or equal to 0.")
                    .code("parameter_invalid_integer")
                    .param(&format!("line_items[{name}][price_data][unit_amount]")),
            );
        }
        let product = price.group("product_data")?.ok_or_else(|| {
            ApiError::missing(&format!("line_items[{name}][price_data][product_data]"))
        })?;
        product.allow_only(&["name"])?;
        let product_name = product.required_text("name")?.to_owned();
        let quantity = item.required_integer("quantity")?;
        if quantity < 1 {
            return Err(at_least_one(&format!("line_items[{name}][quantity]")));
        }
        match &currency_of_all {
            Some(first) if *first != currency => {
                return Err(
                    ApiError::invalid("All line items must use the same currency.")
                        .param("line_items"),
                );
            }
            Some(_) => {}
            None => currency_of_all = Some(currency),
        }
        lines.push(LineItem {
            name: product_name,
            unit_amount,
            quantity,
        });
    }
    let currency = currency_of_all.ok_or_else(|| ApiError::missing("line_items"))?;
    Ok((currency, lines))
}

/// Between 30 minutes and 24 hours from now; 24 hours when not given.
fn expires_at(form: &Form, now: i64) -> Result<i64, ApiError> {
    let Some(expires_at) = form.integer("expires_at")? else {
        return Ok(now + LONGEST_SECONDS);
    };
    if expires_at < now + SHORTEST_SECONDS {
        return Err(ApiError::invalid(
            "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
        )
        .param("expires_at"));
    }
    if expires_at > now + LONGEST_SECONDS {
        return Err(ApiError::invalid(
            "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
        )
        .param("expires_at"));
    }
    Ok(expires_at)
}

/// `payment_intent_data[…]`, checked now as the intent's own parameters
/// would be, though the intent is made only when the customer pays.
fn intent_data(
    ledger: &Ledger,
    caller: &Caller,
    form: &Form,
    amount: i64,
) -> Result<IntentData, ApiError> {
    let Some(data) = form.group("payment_intent_data")? else {
        return Ok(IntentData {
            capture_method: "automatic_async".to_owned(),
            ..IntentData::default()
        });
    };
    data.allow_only(&[
        "capture_method",
        "description",
        "metadata",
        "application_fee_amount",
        "transfer_data",
    ])?;
    let destination = destination(ledger, &data)?;
    let application_fee_amount = data.integer("application_fee_amount")?;
    if let Some(fee) = application_fee_amount {
        check_fee(
            fee,
            amount,
            caller.account.is_some() || destination.is_some(),
        )?;
    }
    Ok(IntentData {
        capture_method: capture_method(&data)?.unwrap_or_else(|| "automatic_async".to_owned()),
        description: data.text("description")?.map(str::to_owned),
        metadata: data.metadata()?,
        application_fee_amount,
        destination,
    })
}

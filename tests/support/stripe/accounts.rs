//! Connected accounts and their onboarding: the platform creates an account,
//! asks for an onboarding link, the person follows it (single use, five
//! minutes), and the account can then take charges and payouts.

use serde_json::Value;

use super::account_objects;
use super::errors::ApiError;
use super::form::Form;
use super::state::{Account, AccountLink, Caller, Ledger, Origin, random_text};

/// The platform's own country, the default for new accounts.
const PLATFORM_COUNTRY: &str = "IT";
const LINK_LIFETIME_SECONDS: i64 = 300;

/// `POST /v1/accounts`.
pub fn create(ledger: &mut Ledger, caller: &Caller, form: &Form) -> Result<Value, ApiError> {
    if caller.account.is_some() {
        return Err(ApiError::invalid(
            "Connected accounts cannot create accounts: send this request without a Stripe-Account header.",
        )
        .status(403));
    }
    form.allow_only(&[
        "type",
        "country",
        "email",
        "capabilities",
        "business_type",
        "default_currency",
        "metadata",
        "expand",
    ])?;
    form.expansions(&[])?;
    let kind = form
        .one_of("type", &["express", "standard", "custom"])?
        .unwrap_or_else(|| "standard".to_owned());
    let country = form
        .text("country")?
        .unwrap_or(PLATFORM_COUNTRY)
        .to_ascii_uppercase();
    if country.len() != 2 || !country.chars().all(|letter| letter.is_ascii_alphabetic()) {
        return Err(
            ApiError::invalid(format!("Country '{country}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'."))
                .param("country"),
        );
    }
    let business_type = form.one_of(
        "business_type",
        &["individual", "company", "non_profit", "government_entity"],
    )?;
    let default_currency = match form.text("default_currency")? {
        Some(currency) => currency.to_ascii_lowercase(),
        None => currency_of(&country).to_owned(),
    };
    let account = Account {
        id: format!("acct_1{}", random_text(15)),
        kind: kind.to_owned(),
        country,
        default_currency,
        email: form.text("email")?.map(str::to_owned),
        business_type,
        capabilities: requested_capabilities(form)?,
        metadata: form.metadata()?,
        created: ledger.now(),
        charges_enabled: false,
        payouts_enabled: false,
        details_submitted: false,
    };
    let answer = account_objects::account(&account);
    ledger.accounts.push(account);
    Ok(answer)
}

/// `GET /v1/accounts/:id`.
pub fn retrieve(
    ledger: &Ledger,
    caller: &Caller,
    form: &Form,
    id: &str,
) -> Result<Value, ApiError> {
    form.allow_only(&["expand"])?;
    form.expansions(&[])?;
    // A connected account may read itself, the platform any of its accounts.
    let visible = caller.account.as_deref().is_none_or(|own| own == id);
    ledger
        .account(id)
        .filter(|_| visible)
        .map(account_objects::account)
        .ok_or_else(|| ApiError::no_such("account", id, "account"))
}

/// `POST /v1/account_links`.
pub fn create_link(
    ledger: &mut Ledger,
    caller: &Caller,
    form: &Form,
    base_url: &str,
) -> Result<Value, ApiError> {
    form.allow_only(&[
        "account",
        "refresh_url",
        "return_url",
        "type",
        "collect",
        "expand",
    ])?;
    form.expansions(&[])?;
    let id = form.required_text("account")?;
    let visible = caller.account.as_deref().is_none_or(|own| own == id);
    let account = ledger
        .account(id)
        .filter(|_| visible)
        .ok_or_else(|| ApiError::no_such("account", id, "account").status(400))?;
    match form.required_text("type")? {
        "account_onboarding" => {}
        "account_update" if account.kind == "custom" => {}
        "account_update" => {
            return Err(ApiError::invalid(format!(
                "You cannot create `account_update` type Account Links for {} accounts.",
                account.kind
            ))
            .param("type"));
        }
        _ => {
            return Err(ApiError::invalid(
                "Invalid type: must be one of account_onboarding or account_update",
            )
            .param("type"));
        }
    }
    let refresh_url = url(form, "refresh_url")?;
    let return_url = url(form, "return_url")?;
    let now = ledger.now();
    let link = AccountLink {
        token: random_text(32),
        account: account.id.clone(),
        refresh_url,
        return_url,
        created: now,
        expires_at: now + LINK_LIFETIME_SECONDS,
        visited: false,
    };
    let answer = account_objects::account_link(&link, base_url);
    ledger.links.push(link);
    Ok(answer)
}

/// The person following an onboarding link: a fresh link completes the
/// onboarding and sends them to `return_url`; a used or expired one sends
/// them to `refresh_url`. `None` for a link that never existed.
pub fn visit_link(ledger: &mut Ledger, token: &str) -> Option<String> {
    let now = ledger.now();
    let link = ledger.links.iter_mut().find(|link| link.token == token)?;
    if link.visited || now > link.expires_at {
        return Some(link.refresh_url.clone());
    }
    link.visited = true;
    let (account, return_url) = (link.account.clone(), link.return_url.clone());
    complete_onboarding(ledger, &account)?;
    Some(return_url)
}

/// The account's details are in and verified: it can take charges and be
/// paid out. Raises `account.updated`, on the connected account.
pub fn complete_onboarding(ledger: &mut Ledger, id: &str) -> Option<Value> {
    let account = ledger
        .accounts
        .iter_mut()
        .find(|account| account.id == id)?;
    account.charges_enabled = true;
    account.payouts_enabled = true;
    account.details_submitted = true;
    let object = account_objects::account(account);
    ledger.record(
        "account.updated",
        Some(id.to_owned()),
        object.clone(),
        &Origin::default(),
    );
    Some(object)
}

/// `capabilities[<name>][requested]=true`, in the order given.
fn requested_capabilities(form: &Form) -> Result<Vec<String>, ApiError> {
    let Some(capabilities) = form.group("capabilities")? else {
        return Ok(Vec::new());
    };
    let mut requested = Vec::new();
    for name in capabilities.names() {
        let capability = capabilities
            .group(name)?
            .ok_or_else(|| ApiError::missing(&format!("capabilities[{name}][requested]")))?;
        capability.allow_only(&["requested"])?;
        if capability.boolean("requested")? == Some(true) {
            requested.push(name.to_owned());
        }
    }
    Ok(requested)
}

fn url(form: &Form, name: &str) -> Result<String, ApiError> {
    let url = form.required_text(name)?;
    if url.starts_with("https://") || url.starts_with("http://") {
        Ok(url.to_owned())
    } else {
        Err(ApiError::invalid("Not a valid URL").param(name))
    }
}

/// Where the account's money is kept by default.
fn currency_of(country: &str) -> &'static str {
    match country {
        "US" => "usd",
        "GB" => "gbp",
        "CH" => "chf",
        "SE" => "sek",
        "DK" => "dkk",
        "NO" => "nok",
        "PL" => "pln",
        _ => "eur",
    }
}

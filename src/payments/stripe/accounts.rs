//! Connect: an organization's connected account, its onboarding link and
//! whether it is ready to take payments and receive payouts.

use std::collections::HashMap;

use stripe_connect::account::{
    CreateAccount, CreateAccountCapabilities, CreateAccountCapabilitiesCardPayments,
    CreateAccountCapabilitiesTransfers, CreateAccountType, RetrieveAccount,
};
use stripe_connect::account_link::{CreateAccountLink, CreateAccountLinkType};

use super::api::{Call, StripeApi};
use super::failure::Failure;

/// What we read of a connected account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// `acct_…`.
    pub id: String,
    /// Charges enabled and payouts enabled: money can reach it.
    pub ready: bool,
}

impl From<stripe_shared::Account> for Account {
    fn from(account: stripe_shared::Account) -> Account {
        Account {
            id: account.id.as_str().to_owned(),
            ready: account.charges_enabled.unwrap_or(false)
                && account.payouts_enabled.unwrap_or(false),
        }
    }
}

/// Opens an Express account for an organization; `metadata` names it.
pub async fn open(
    api: &StripeApi,
    email: Option<&str>,
    metadata: HashMap<String, String>,
    call: &Call,
) -> Result<Account, Failure> {
    let mut capabilities = CreateAccountCapabilities::new();
    let mut card = CreateAccountCapabilitiesCardPayments::new();
    card.requested = Some(true);
    let mut transfers = CreateAccountCapabilitiesTransfers::new();
    transfers.requested = Some(true);
    capabilities.card_payments = Some(card);
    capabilities.transfers = Some(transfers);
    let mut request = CreateAccount::new()
        .type_(CreateAccountType::Express)
        .capabilities(capabilities)
        .metadata(metadata);
    if let Some(email) = email {
        request = request.email(email);
    }
    Ok(call.send(api, &request).await?.into())
}

/// The account `id` as it stands now.
pub async fn retrieve(api: &StripeApi, id: &str, call: &Call) -> Result<Account, Failure> {
    Ok(call.send(api, &RetrieveAccount::new(id)).await?.into())
}

/// A one-time link where the organization fills in Stripe's onboarding.
pub async fn onboarding_link(
    api: &StripeApi,
    account: &str,
    refresh_url: &str,
    return_url: &str,
    call: &Call,
) -> Result<String, Failure> {
    let request = CreateAccountLink::new(account, CreateAccountLinkType::AccountOnboarding)
        .refresh_url(refresh_url)
        .return_url(return_url);
    Ok(call.send(api, &request).await?.url)
}

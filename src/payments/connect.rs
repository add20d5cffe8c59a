//! Stripe Connect: each organization of a marketplace hub gets a connected
//! account, onboards on Stripe's own pages, and can be paid once Stripe
//! says its account takes charges and payouts (`account.updated`).

use std::collections::HashMap;

use sea_orm::Set;

use crate::accounts::policy::Action;
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::{hub, organization};
use crate::error::AppResult;
use crate::ids::HubId;
use crate::organizations::{acting, store as organizations_store};
use crate::request::RequestContext;
use crate::state::Services;

use super::error::PaymentError;
use super::online::OnlinePayments;
use super::stripe::accounts;
use super::stripe::api::{Call, StripeApi};

/// Where an organization continues its onboarding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Onboarding {
    /// Stripe's one-time onboarding page.
    pub url: String,
    /// Whether the account can already be paid.
    pub ready: bool,
}

async fn save(
    services: &Services,
    hub: &hub::Model,
    organization: uuid::Uuid,
    account: &accounts::Account,
) -> AppResult<()> {
    let hx = HubTx::begin(&services.db, Access::Write, HubId(hub.id), None).await?;
    hx.update(organization::ActiveModel {
        tenant_id: Set(hub.id),
        id: Set(organization),
        stripe_account_id: Set(Some(account.id.clone())),
        payouts_ready: Set(account.ready),
        ..Default::default()
    })
    .await?;
    hx.commit().await
}

/// Opens (once) the connected account of `organization` and answers a
/// fresh onboarding link. Managers and the organization's providers.
pub async fn connect_payout_account(
    online: &OnlinePayments,
    services: &Services,
    request: &RequestContext,
    organization: uuid::Uuid,
) -> AppResult<Onboarding> {
    let hub = request.hub()?;
    let hx = request.begin_hub(services, Access::Read).await?;
    let row = organizations_store::find(&hx, organization)
        .await?
        .ok_or_else(organizations_store::not_found)?;
    acting::require(request, &hx, Action::EditOrganization(organization)).await?;
    hx.commit().await?;
    let api = online
        .api
        .as_ref()
        .ok_or(PaymentError::StripeNotConfigured)?;
    let account = match row.stripe_account_id {
        Some(id) => {
            let call = Call::read(None);
            accounts::retrieve(api, &id, &call).await?
        }
        None => {
            let metadata = HashMap::from([
                ("hub".to_owned(), hub.id.to_string()),
                ("organization".to_owned(), organization.to_string()),
            ]);
            let call = Call::new(format!("account-{organization}"), None);
            accounts::open(api, row.contact_email.as_deref(), metadata, &call).await?
        }
    };
    save(services, hub, organization, &account).await?;
    let base = &services.settings.public_url;
    let minute = services.clock.now().timestamp() / 60;
    let call = Call::new(format!("account-link-{organization}-{minute}"), None);
    let url = accounts::onboarding_link(
        api,
        &account.id,
        &format!("{base}/payouts/{organization}/again"),
        &format!("{base}/payouts/{organization}/done"),
        &call,
    )
    .await?;
    Ok(Onboarding {
        url,
        ready: account.ready,
    })
}

/// Reads the connected account `account` of `organization` again and
/// records whether it can be paid (`account.updated`).
pub async fn refresh(
    api: &StripeApi,
    services: &Services,
    hub: &hub::Model,
    organization: uuid::Uuid,
    account: &str,
) -> AppResult<()> {
    let hx = HubTx::begin(&services.db, Access::Read, HubId(hub.id), None).await?;
    let row = organizations_store::find(&hx, organization).await?;
    hx.commit().await?;
    // Only the account we opened for this organization speaks for it.
    if row.and_then(|r| r.stripe_account_id).as_deref() != Some(account) {
        return Ok(());
    }
    let call = Call::read(None);
    let read = accounts::retrieve(api, account, &call).await?;
    save(services, hub, organization, &read).await
}

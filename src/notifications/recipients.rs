//! Who a message goes to, with their address, name and language: the
//! booking's customer, the hub's managers, the providers acting for the
//! listing's organization, or the last two together.

use sea_orm::{ColumnTrait, QueryFilter};

use crate::accounts::store as accounts_store;
use crate::db::scope::HubTx;
use crate::entities::membership::{self, Role};
use crate::entities::{hub, user};
use crate::error::AppResult;
use crate::locale::Locale;
use crate::organizations::store as organizations_store;

/// One person to write to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Their account.
    pub user: uuid::Uuid,
    /// Where to.
    pub email: String,
    /// What to call them.
    pub name: String,
    /// Their language, else the hub's.
    pub locale: Locale,
}

impl Recipient {
    fn of(user: user::Model, hub: &hub::Model) -> Recipient {
        let locale = Locale::parse(&user.locale)
            .or_else(|| Locale::parse(&hub.locale))
            .unwrap_or_default();
        Recipient {
            user: user.id,
            email: user.email,
            name: user.name,
            locale,
        }
    }
}

/// The customer `customer` of the hub.
pub async fn customer(
    hx: &HubTx,
    hub: &hub::Model,
    customer: uuid::Uuid,
) -> AppResult<Vec<Recipient>> {
    let users = accounts_store::find_many(hx.conn(), &[customer]).await?;
    Ok(users.into_iter().map(|u| Recipient::of(u, hub)).collect())
}

/// The hub's managers and the providers acting for `organization`, once each.
pub async fn staff(
    hx: &HubTx,
    hub: &hub::Model,
    organization: uuid::Uuid,
) -> AppResult<Vec<Recipient>> {
    people(hx, hub, true, Some(organization)).await
}

/// The hub's managers.
pub async fn managers(hx: &HubTx, hub: &hub::Model) -> AppResult<Vec<Recipient>> {
    people(hx, hub, true, None).await
}

/// The providers acting for `organization`: members of it with the
/// provider role in the hub.
pub async fn providers(
    hx: &HubTx,
    hub: &hub::Model,
    organization: uuid::Uuid,
) -> AppResult<Vec<Recipient>> {
    people(hx, hub, false, Some(organization)).await
}

/// The managers (when `managers`) and the providers acting for
/// `providers_of`, once each.
async fn people(
    hx: &HubTx,
    hub: &hub::Model,
    managers: bool,
    providers_of: Option<uuid::Uuid>,
) -> AppResult<Vec<Recipient>> {
    let roles = hx
        .find::<membership::Entity>()
        .filter(membership::Column::Role.is_in([Role::Manager, Role::Provider]))
        .all(hx.conn())
        .await?;
    let mut ids: Vec<uuid::Uuid> = Vec::new();
    if managers {
        ids.extend(
            roles
                .iter()
                .filter(|m| m.role == Role::Manager)
                .map(|m| m.user_id),
        );
    }
    if let Some(organization) = providers_of {
        let providers: Vec<uuid::Uuid> = roles
            .iter()
            .filter(|m| m.role == Role::Provider)
            .map(|m| m.user_id)
            .collect();
        // Acting for the organization counts only with the provider role.
        ids.extend(
            organizations_store::members(hx, organization)
                .await?
                .into_iter()
                .map(|u| u.id)
                .filter(|id| providers.contains(id)),
        );
    }
    ids.sort_unstable();
    ids.dedup();
    let users = accounts_store::find_many(hx.conn(), &ids).await?;
    Ok(users.into_iter().map(|u| Recipient::of(u, hub)).collect())
}

//! The queries of organizations and the providers who act for them.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::db::scope::HubTx;
use crate::entities::{organization, organization_member, user};
use crate::error::{AppError, AppResult};
use crate::ids::UserId;

use super::error::OrganizationError;
use super::model::OrganizationKind;

/// An organization's editable details, already validated.
pub struct OrganizationDetails {
    /// Display name.
    pub name: String,
    /// What kind of body it is.
    pub kind: OrganizationKind,
    /// What it does.
    pub description: String,
    /// A contact address.
    pub contact_email: Option<String>,
    /// A contact telephone number.
    pub contact_phone: Option<String>,
}

/// The standard answer for an organization that is missing or in another hub.
pub fn not_found() -> AppError {
    OrganizationError::NotFound.into()
}

/// Creates an organization in the transaction's hub.
pub async fn insert(
    hx: &HubTx,
    details: OrganizationDetails,
    now: DateTime<Utc>,
) -> AppResult<organization::Model> {
    hx.insert(organization::ActiveModel {
        tenant_id: Set(hx.hub().0),
        id: Set(uuid::Uuid::now_v7()),
        name: Set(details.name),
        kind: Set(details.kind),
        description: Set(details.description),
        contact_email: Set(details.contact_email),
        contact_phone: Set(details.contact_phone),
        stripe_account_id: Set(None),
        payouts_ready: Set(false),
        created_at: Set(now),
    })
    .await
}

/// Replaces an organization's details.
pub async fn update(
    hx: &HubTx,
    id: uuid::Uuid,
    details: OrganizationDetails,
) -> AppResult<organization::Model> {
    let mut model = find(hx, id)
        .await?
        .ok_or_else(not_found)?
        .into_active_model();
    model.name = Set(details.name);
    model.kind = Set(details.kind);
    model.description = Set(details.description);
    model.contact_email = Set(details.contact_email);
    model.contact_phone = Set(details.contact_phone);
    hx.update(model).await
}

/// The organization with this id in the transaction's hub.
pub async fn find(hx: &HubTx, id: uuid::Uuid) -> AppResult<Option<organization::Model>> {
    Ok(hx
        .find::<organization::Entity>()
        .filter(organization::Column::Id.eq(id))
        .one(hx.conn())
        .await?)
}

/// The organizations with these ids in the transaction's hub.
pub async fn find_many(hx: &HubTx, ids: &[uuid::Uuid]) -> AppResult<Vec<organization::Model>> {
    Ok(hx
        .find::<organization::Entity>()
        .filter(organization::Column::Id.is_in(ids.iter().copied()))
        .all(hx.conn())
        .await?)
}

/// Every organization of the transaction's hub. A hub has a handful (they
/// are registered one by one by its managers), so no page is needed.
pub async fn all(hx: &HubTx) -> AppResult<Vec<organization::Model>> {
    Ok(hx
        .find::<organization::Entity>()
        .order_by_asc(organization::Column::Id)
        .all(hx.conn())
        .await?)
}

/// One page of the hub's organizations, oldest first, after the id `after`.
pub async fn page(
    hx: &HubTx,
    after: Option<uuid::Uuid>,
    limit: u64,
) -> AppResult<Vec<organization::Model>> {
    let mut query = hx
        .find::<organization::Entity>()
        .order_by_asc(organization::Column::Id)
        .limit(limit);
    if let Some(after) = after {
        query = query.filter(organization::Column::Id.gt(after));
    }
    Ok(query.all(hx.conn()).await?)
}

/// Lets `user` act for `organization`; already acting is a `CONFLICT`.
pub async fn add_member(
    hx: &HubTx,
    organization: uuid::Uuid,
    user: UserId,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if acts_for(hx, user, organization).await? {
        return Err(OrganizationError::AlreadyActing.into());
    }
    hx.insert(organization_member::ActiveModel {
        tenant_id: Set(hx.hub().0),
        organization_id: Set(organization),
        user_id: Set(user.0),
        created_at: Set(now),
    })
    .await?;
    Ok(())
}

/// Stops `user` acting for `organization`; `false` if they did not.
pub async fn remove_member(hx: &HubTx, organization: uuid::Uuid, user: UserId) -> AppResult<bool> {
    let result = hx
        .delete_many::<organization_member::Entity>()
        .filter(organization_member::Column::OrganizationId.eq(organization))
        .filter(organization_member::Column::UserId.eq(user.0))
        .exec(hx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

/// The people who act for `organization`, by email.
pub async fn members(hx: &HubTx, organization: uuid::Uuid) -> AppResult<Vec<user::Model>> {
    let rows = hx
        .find::<organization_member::Entity>()
        .filter(organization_member::Column::OrganizationId.eq(organization))
        .find_also_related(user::Entity)
        .order_by_asc(user::Column::EmailKey)
        .all(hx.conn())
        .await?;
    Ok(rows.into_iter().filter_map(|(_, u)| u).collect())
}

/// Whether `user` acts for `organization`.
pub async fn acts_for(hx: &HubTx, user: UserId, organization: uuid::Uuid) -> AppResult<bool> {
    Ok(organizations_of(hx, user).await?.contains(&organization))
}

/// The organizations `user` acts for in the transaction's hub.
pub async fn organizations_of(hx: &HubTx, user: UserId) -> AppResult<Vec<uuid::Uuid>> {
    Ok(hx
        .find::<organization_member::Entity>()
        .filter(organization_member::Column::UserId.eq(user.0))
        .all(hx.conn())
        .await?
        .into_iter()
        .map(|m| m.organization_id)
        .collect())
}

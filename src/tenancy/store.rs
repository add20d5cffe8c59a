//! The queries of hubs and memberships.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::audit::store::{self as audit, Change};
use crate::entities::{hub, membership, user};
use crate::error::{AppError, AppResult};
use crate::ids::{HubId, UserId};
use crate::locale::Locale;

use super::error::HubError;
use super::model::{HubSlug, Role};
use crate::db::global;
use crate::db::scope::{HubTx, memberships_of};

/// A new hub's details, already validated.
pub struct NewHub {
    /// Its address.
    pub slug: HubSlug,
    /// Its display name.
    pub name: String,
    /// Its IANA time zone.
    pub time_zone: chrono_tz::Tz,
    /// Its ISO 4217 currency.
    pub currency: String,
    /// Its default language.
    pub locale: Locale,
    /// Its commission on paid bookings, in basis points.
    pub commission_bps: i32,
}

/// Inserts a hub; a taken slug is a `CONFLICT`.
async fn insert_hub(
    conn: &impl ConnectionTrait,
    new: NewHub,
    now: DateTime<Utc>,
) -> AppResult<hub::Model> {
    let model = hub::ActiveModel {
        id: Set(HubId::new().0),
        slug: Set(new.slug.as_str().to_owned()),
        name: Set(new.name),
        time_zone: Set(new.time_zone.name().to_owned()),
        currency: Set(new.currency),
        locale: Set(new.locale.tag().to_owned()),
        commission_bps: Set(new.commission_bps),
        payment_provider: Set(hub::PaymentProvider::Offline),
        stripe_mode: Set(None),
        stripe_account_id: Set(None),
        require_verified_email: Set(false),
        created_at: Set(now),
    };
    // A taken slug is the unique key `hubs_slug_key`, answered as such in
    // `db::failure`.
    Ok(global::insert(conn, model).await?)
}

/// The hub with this slug.
pub async fn find_hub_by_slug(
    conn: &impl ConnectionTrait,
    slug: &HubSlug,
) -> AppResult<Option<hub::Model>> {
    Ok(global::find::<hub::Entity>()
        .filter(hub::Column::Slug.eq(slug.as_str()))
        .one(conn)
        .await?)
}

/// Every hub's id (for work that visits each hub in turn).
pub async fn all_hub_ids(conn: &impl ConnectionTrait) -> AppResult<Vec<HubId>> {
    Ok(global::find::<hub::Entity>()
        .order_by_asc(hub::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|h| HubId(h.id))
        .collect())
}

/// The hubs with these ids.
pub async fn find_hubs(conn: &impl ConnectionTrait, ids: &[HubId]) -> AppResult<Vec<hub::Model>> {
    Ok(global::find::<hub::Entity>()
        .filter(hub::Column::Id.is_in(ids.iter().map(|h| h.0)))
        .all(conn)
        .await?)
}

/// Locks the hub's row until the transaction ends, serialising changes to
/// its member list (so two managers cannot demote each other to none).
/// SQLite's `BEGIN IMMEDIATE` already serialises every writer.
async fn lock_hub(hx: &HubTx) -> AppResult<()> {
    global::find_by_id::<hub::Entity>(hx.hub().0)
        .lock_exclusive()
        .one(hx.conn())
        .await?;
    Ok(())
}

/// What a hub's managers may change; `None` leaves a setting as it is.
#[derive(Debug, Clone, Default)]
pub struct HubSettings {
    /// Whether only people with a verified email address may book.
    pub require_verified_email: Option<bool>,
}

/// Changes the transaction's hub's settings, audited as `updateHubSettings`
/// by `actor`; answers the hub as it is now.
pub async fn update_settings(
    hx: &HubTx,
    settings: &HubSettings,
    actor: UserId,
    now: DateTime<Utc>,
) -> AppResult<hub::Model> {
    if let Some(required) = settings.require_verified_email {
        global::update_many::<hub::Entity>()
            .col_expr(hub::Column::RequireVerifiedEmail, Expr::value(required))
            .filter(hub::Column::Id.eq(hx.hub().0))
            .exec(hx.conn())
            .await?;
        let change = Change {
            actor: Some(actor),
            subject: "HUB",
            subject_id: hx.hub().0,
            action: "updateHubSettings",
            from: None,
            to: None,
        };
        audit::record(hx, change, now).await?;
    }
    global::find_by_id::<hub::Entity>(hx.hub().0)
        .one(hx.conn())
        .await?
        .ok_or_else(|| AppError::Internal("the transaction's hub is gone".into()))
}

/// The role of `user` in the transaction's hub, if a member.
pub async fn role_of(hx: &HubTx, user: UserId) -> AppResult<Option<Role>> {
    let found = hx
        .find::<membership::Entity>()
        .filter(membership::Column::UserId.eq(user.0))
        .one(hx.conn())
        .await?;
    Ok(found.map(|m| m.role))
}

/// A user's memberships in every hub, with the hubs, by hub name.
pub async fn hubs_of(
    conn: &impl ConnectionTrait,
    user: UserId,
) -> AppResult<Vec<(membership::Model, hub::Model)>> {
    let rows = memberships_of(user).all(conn).await?;
    let ids: Vec<uuid::Uuid> = rows.iter().map(|m| m.tenant_id).collect();
    let hubs = global::find::<hub::Entity>()
        .filter(hub::Column::Id.is_in(ids))
        .order_by_asc(hub::Column::Name)
        .all(conn)
        .await?;
    Ok(hubs
        .into_iter()
        .filter_map(|h| {
            let m = rows.iter().find(|m| m.tenant_id == h.id)?.clone();
            Some((m, h))
        })
        .collect())
}

/// One page of the hub's members with their accounts, by email, after the
/// cursor `after` (an email key).
pub async fn members_page(
    hx: &HubTx,
    after: Option<&str>,
    limit: u64,
) -> AppResult<Vec<(membership::Model, user::Model)>> {
    let mut query = hx
        .find::<membership::Entity>()
        .find_also_related(user::Entity)
        .order_by_asc(user::Column::EmailKey)
        .limit(limit);
    if let Some(after) = after {
        query = query.filter(user::Column::EmailKey.gt(after));
    }
    let rows = query.all(hx.conn()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(m, u)| Some((m, u?)))
        .collect())
}

/// Makes `user` a member with `role`; already a member is a `CONFLICT`.
pub async fn add_member(
    hx: &HubTx,
    user: UserId,
    role: Role,
    now: DateTime<Utc>,
) -> AppResult<membership::Model> {
    if role_of(hx, user).await?.is_some() {
        return Err(HubError::AlreadyMember.into());
    }
    hx.insert(membership::ActiveModel {
        tenant_id: Set(hx.hub().0),
        user_id: Set(user.0),
        role: Set(role),
        created_at: Set(now),
    })
    .await
}

fn not_a_member() -> AppError {
    HubError::NotAMember.into()
}

fn last_manager() -> AppError {
    HubError::LastManager.into()
}

/// Whether taking the manager role away from `user` would leave the hub without one.
async fn is_last_manager(hx: &HubTx, user: UserId) -> AppResult<bool> {
    if role_of(hx, user).await? != Some(Role::Manager) {
        return Ok(false);
    }
    let managers = hx
        .find::<membership::Entity>()
        .filter(membership::Column::Role.eq(Role::Manager))
        .count(hx.conn())
        .await?;
    Ok(managers <= 1)
}

/// Changes a member's role, keeping at least one manager.
pub async fn change_role(hx: &HubTx, user: UserId, role: Role) -> AppResult<membership::Model> {
    lock_hub(hx).await?;
    if role_of(hx, user).await?.is_none() {
        return Err(not_a_member());
    }
    if role != Role::Manager && is_last_manager(hx, user).await? {
        return Err(last_manager());
    }
    hx.update_many::<membership::Entity>()
        .col_expr(membership::Column::Role, Expr::value(role.as_str()))
        .filter(membership::Column::UserId.eq(user.0))
        .exec(hx.conn())
        .await?;
    hx.find::<membership::Entity>()
        .filter(membership::Column::UserId.eq(user.0))
        .one(hx.conn())
        .await?
        .ok_or_else(not_a_member)
}

/// Removes a member, keeping at least one manager.
pub async fn remove_member(hx: &HubTx, user: UserId) -> AppResult<()> {
    lock_hub(hx).await?;
    if role_of(hx, user).await?.is_none() {
        return Err(not_a_member());
    }
    if is_last_manager(hx, user).await? {
        return Err(last_manager());
    }
    hx.delete_many::<membership::Entity>()
        .filter(membership::Column::UserId.eq(user.0))
        .exec(hx.conn())
        .await?;
    Ok(())
}

/// Creates a hub and makes `manager` its first manager, in the transaction
/// `tx`, which it commits.
pub async fn create_hub(
    tx: sea_orm::DatabaseTransaction,
    new: NewHub,
    manager: UserId,
    now: DateTime<Utc>,
) -> AppResult<hub::Model> {
    let hub = insert_hub(&tx, new, now).await?;
    let hx = HubTx::enter(tx, HubId(hub.id)).await?;
    add_member(&hx, manager, Role::Manager, now).await?;
    hx.commit().await?;
    Ok(hub)
}

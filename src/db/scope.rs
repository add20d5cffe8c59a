//! The tenant-scoped data layer: the only way code reaches hub-owned rows.
//!
//! A [`HubTx`] is a transaction bound to one hub. Its `find`, `insert`,
//! `update`, `update_many` and `delete_many` add (or check) `tenant_id`
//! themselves, so a store function cannot forget the filter; on PostgreSQL
//! the same hub is the transaction's `app.tenant_id`, which row-level
//! security enforces again. sea-orm's own builders are refused outside
//! src/db/ by clippy's `disallowed-methods` (`clippy.toml`), so these methods
//! are the only way in; the calls below are the sanctioned ones.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, DatabaseTransaction, DeleteMany,
    EntityTrait, IntoActiveModel, QueryFilter, Select, UpdateMany, Value,
};

use super::{Access, Db};
use crate::entities::{
    answer_link, audit_event, booking, calendar_feed, listing, listing_tag, membership,
    organization, organization_member, payment, payment_movement, stripe_intent,
};
use crate::error::{AppError, AppResult};
use crate::ids::{HubId, UserId};

/// An entity whose rows belong to one hub.
pub trait HubOwned: EntityTrait {
    /// The `tenant_id` column.
    fn tenant_column() -> Self::Column;
}

macro_rules! hub_owned {
    ($($entity:ident),+ $(,)?) => {
        $(impl HubOwned for $entity::Entity {
            fn tenant_column() -> Self::Column {
                $entity::Column::TenantId
            }
        })+
    };
}

hub_owned!(
    membership,
    organization,
    organization_member,
    listing,
    listing_tag,
    booking,
    audit_event,
    payment,
    payment_movement,
    stripe_intent,
    calendar_feed,
    answer_link,
);

/// The one read of a hub-owned table across hubs: a user's own memberships
/// (`myHubs`). On PostgreSQL the `memberships_own_rows` policy admits exactly
/// these rows to a transaction begun for `user`.
#[expect(
    clippy::disallowed_methods,
    reason = "the sanctioned, filtered entry to a hub-owned table"
)]
pub fn memberships_of(user: UserId) -> Select<membership::Entity> {
    membership::Entity::find().filter(membership::Column::UserId.eq(user.0))
}

/// The other read across hubs: the public directory, every hub's published
/// public listings. On PostgreSQL the `listings_public_rows` policy admits
/// exactly these rows to a transaction begun outside any hub.
#[expect(
    clippy::disallowed_methods,
    reason = "the sanctioned, filtered entry to a hub-owned table"
)]
pub fn public_listings() -> Select<listing::Entity> {
    listing::Entity::find()
        .filter(listing::Column::Status.eq(listing::ListingStatus::Published))
        .filter(listing::Column::Visibility.eq(listing::Visibility::Public))
}

/// A transaction inside one hub.
pub struct HubTx {
    tx: DatabaseTransaction,
    hub: HubId,
}

impl HubTx {
    /// Opens a transaction in `hub`, acting for `user`.
    pub async fn begin(
        db: &Db,
        access: Access,
        hub: HubId,
        user: Option<UserId>,
    ) -> AppResult<HubTx> {
        let tx = db.begin_in(access, Some(hub), user).await?;
        Ok(HubTx { tx, hub })
    }

    /// Confines an open transaction to `hub` from here on (a hub created in
    /// this very transaction, say).
    pub async fn enter(tx: DatabaseTransaction, hub: HubId) -> AppResult<HubTx> {
        super::set_hub(&tx, hub).await?;
        Ok(HubTx { tx, hub })
    }

    /// The hub this transaction is confined to.
    pub fn hub(&self) -> HubId {
        self.hub
    }

    /// The hub's rows of `E`.
    #[expect(
        clippy::disallowed_methods,
        reason = "the sanctioned, filtered entry to a hub-owned table"
    )]
    pub fn find<E: HubOwned>(&self) -> Select<E> {
        E::find().filter(E::tenant_column().eq(self.hub.0))
    }

    /// An update of the hub's rows of `E`.
    #[expect(
        clippy::disallowed_methods,
        reason = "the sanctioned, filtered entry to a hub-owned table"
    )]
    pub fn update_many<E: HubOwned>(&self) -> UpdateMany<E> {
        E::update_many().filter(E::tenant_column().eq(self.hub.0))
    }

    /// A delete of the hub's rows of `E`.
    #[expect(
        clippy::disallowed_methods,
        reason = "the sanctioned, filtered entry to a hub-owned table"
    )]
    pub fn delete_many<E: HubOwned>(&self) -> DeleteMany<E> {
        E::delete_many().filter(E::tenant_column().eq(self.hub.0))
    }

    /// Inserts a row into this hub, whatever `tenant_id` the model carried.
    #[expect(
        clippy::disallowed_methods,
        reason = "the sanctioned, filtered entry to a hub-owned table"
    )]
    pub async fn insert<A>(&self, mut model: A) -> AppResult<<A::Entity as EntityTrait>::Model>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        A::Entity: HubOwned,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        model.set(A::Entity::tenant_column(), self.hub.0.into());
        Ok(model.insert(&self.tx).await?)
    }

    /// Inserts a row into this hub unless a row already holds one of its
    /// unique keys, in which case nothing changes and the answer is `false`:
    /// "made on first ask" by two requests at once makes it once, and the
    /// later one reads the earlier's row instead of failing.
    #[expect(
        clippy::disallowed_methods,
        reason = "the sanctioned, filtered entry to a hub-owned table"
    )]
    pub async fn insert_unless_present<A>(&self, mut model: A) -> AppResult<bool>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        A::Entity: HubOwned,
    {
        model.set(A::Entity::tenant_column(), self.hub.0.into());
        // No conflict target: any unique key (both backends accept this
        // with DO NOTHING), partial unique indexes included.
        let inserted = A::Entity::insert(model)
            .on_conflict(OnConflict::new().do_nothing().to_owned())
            .exec_without_returning(&self.tx)
            .await?;
        Ok(inserted > 0)
    }

    /// Saves the changed columns of a row read from this hub. The primary
    /// key leads with `tenant_id`, so the `UPDATE` touches this hub's row
    /// only if the model carries this hub: anything else is refused.
    #[expect(
        clippy::disallowed_methods,
        reason = "the sanctioned, hub-checked update of a hub-owned row"
    )]
    pub async fn update<A>(&self, model: A) -> AppResult<<A::Entity as EntityTrait>::Model>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        A::Entity: HubOwned,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        if model.get(A::Entity::tenant_column()).into_value() != Some(Value::from(self.hub.0)) {
            return Err(AppError::Internal(
                "an update of a row outside the transaction's hub".into(),
            ));
        }
        Ok(model.update(&self.tx).await?)
    }

    /// The transaction itself, for global tables (users) read alongside the
    /// hub's rows. Hub-owned entities go through the scoped methods above.
    pub fn conn(&self) -> &DatabaseTransaction {
        &self.tx
    }

    /// Makes the transaction's changes permanent.
    pub async fn commit(self) -> AppResult<()> {
        Ok(self.tx.commit().await?)
    }

    /// Undoes the transaction's changes and releases its locks now. A
    /// transaction merely dropped is rolled back too, but only when its
    /// connection goes back to the pool, a moment later: until then its row
    /// locks hold, and a worker's `SKIP LOCKED` passes those rows over.
    pub async fn rollback(self) -> AppResult<()> {
        Ok(self.tx.rollback().await?)
    }
}

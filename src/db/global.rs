//! The global tables (hubs, users, sessions): rows that belong to no hub.
//!
//! Their queries start here, as the hub-owned ones start in [`super::scope`].
//! Clippy's `disallowed-methods` (see `clippy.toml`) refuses sea-orm's own
//! query builders everywhere else, and the [`Global`] bound refuses a
//! hub-owned entity here, so no query can reach a hub's rows unscoped.

use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    Select, UpdateMany,
};

use crate::entities::{
    hub, mail_preference, notified_event, outbox_attempt, outbox_message, session, sign_in_link,
    stripe_event, unsubscribe_token, user,
};

/// An entity whose rows belong to no hub.
pub trait Global: EntityTrait {}

impl Global for hub::Entity {}
impl Global for user::Entity {}
impl Global for session::Entity {}
impl Global for stripe_event::Entity {}
impl Global for notified_event::Entity {}
impl Global for outbox_message::Entity {}
impl Global for outbox_attempt::Entity {}
impl Global for sign_in_link::Entity {}
impl Global for mail_preference::Entity {}
impl Global for unsubscribe_token::Entity {}

/// Every row of `E`, to filter.
#[expect(
    clippy::disallowed_methods,
    reason = "the sanctioned entry to a global table"
)]
pub fn find<E: Global>() -> Select<E> {
    E::find()
}

/// The row of `E` with this primary key.
#[expect(
    clippy::disallowed_methods,
    reason = "the sanctioned entry to a global table"
)]
pub fn find_by_id<E: Global>(
    id: impl Into<<E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType>,
) -> Select<E> {
    E::find_by_id(id)
}

/// An update of rows of `E`, to filter.
#[expect(
    clippy::disallowed_methods,
    reason = "the sanctioned entry to a global table"
)]
pub fn update_many<E: Global>() -> UpdateMany<E> {
    E::update_many()
}

/// Inserts a row of `E`. The database's own error comes back, so a caller
/// can name a unique key it violated.
#[expect(
    clippy::disallowed_methods,
    reason = "the sanctioned entry to a global table"
)]
pub async fn insert<A>(
    conn: &impl ConnectionTrait,
    model: A,
) -> Result<<A::Entity as EntityTrait>::Model, DbErr>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    A::Entity: Global,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    model.insert(conn).await
}

/// Inserts a row of `E` unless a row already holds one of its unique
/// keys; `false` then, and nothing changes (two requests making the same
/// row at once make it once).
#[expect(
    clippy::disallowed_methods,
    reason = "the sanctioned entry to a global table"
)]
pub async fn insert_unless_present<A>(conn: &impl ConnectionTrait, model: A) -> Result<bool, DbErr>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    A::Entity: Global,
{
    let inserted = A::Entity::insert(model)
        .on_conflict(
            sea_orm::sea_query::OnConflict::new()
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(inserted > 0)
}

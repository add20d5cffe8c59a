//! Batch loaders for the relations of listings, so a page of listings costs
//! one query per relation, not one per listing. Keys carry the hub, and each
//! batch reads inside that hub's scope.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};

use crate::app::Services;
use crate::db::Access;
use crate::entities::{hub, listing, organization, user};
use crate::error::AppError;
use crate::ids::HubId;
use crate::listings::store as listings_store;
use crate::organizations::store as organizations_store;
use crate::tenancy::scope::HubTx;

/// A loader's failure: a database fault, reported once per batch.
#[derive(Debug, Clone)]
pub struct LoadFailed(pub Arc<str>);

impl From<AppError> for LoadFailed {
    fn from(err: AppError) -> Self {
        LoadFailed(err.explain().into())
    }
}

impl From<LoadFailed> for AppError {
    fn from(err: LoadFailed) -> Self {
        AppError::Internal(err.0.to_string().into())
    }
}

fn by_hub<K: Copy>(keys: &[(HubId, K)]) -> HashMap<HubId, Vec<K>> {
    let mut grouped: HashMap<HubId, Vec<K>> = HashMap::new();
    for (hub, key) in keys {
        grouped.entry(*hub).or_default().push(*key);
    }
    grouped
}

/// Organizations by (hub, id).
pub struct OrganizationLoader(pub Services);

impl Loader<(HubId, uuid::Uuid)> for OrganizationLoader {
    type Value = organization::Model;
    type Error = LoadFailed;

    async fn load(
        &self,
        keys: &[(HubId, uuid::Uuid)],
    ) -> Result<HashMap<(HubId, uuid::Uuid), organization::Model>, LoadFailed> {
        let mut found = HashMap::new();
        for (hub, ids) in by_hub(keys) {
            let hx = HubTx::begin(&self.0.db, Access::Read, hub, None).await?;
            for org in organizations_store::find_many(&hx, &ids).await? {
                found.insert((hub, org.id), org);
            }
            hx.commit().await?;
        }
        Ok(found)
    }
}

/// A listing's tags by (hub, listing id).
pub struct TagLoader(pub Services);

impl Loader<(HubId, uuid::Uuid)> for TagLoader {
    type Value = Vec<String>;
    type Error = LoadFailed;

    async fn load(
        &self,
        keys: &[(HubId, uuid::Uuid)],
    ) -> Result<HashMap<(HubId, uuid::Uuid), Vec<String>>, LoadFailed> {
        let mut found = HashMap::new();
        for (hub, ids) in by_hub(keys) {
            let hx = HubTx::begin(&self.0.db, Access::Read, hub, None).await?;
            for (listing, tags) in listings_store::tags_of(&hx, &ids).await? {
                found.insert((hub, listing), tags);
            }
            hx.commit().await?;
        }
        Ok(found)
    }
}

/// Hubs by id (the directory lists listings of many hubs).
pub struct HubLoader(pub Services);

impl Loader<HubId> for HubLoader {
    type Value = hub::Model;
    type Error = LoadFailed;

    async fn load(&self, keys: &[HubId]) -> Result<HashMap<HubId, hub::Model>, LoadFailed> {
        let tx = self.0.db.begin(Access::Read, None).await?;
        let hubs = crate::tenancy::store::find_hubs(&tx, keys).await?;
        crate::db::commit(tx).await?;
        Ok(hubs.into_iter().map(|h| (HubId(h.id), h)).collect())
    }
}

/// Listings by (hub, id), whatever their status (a booking shows its listing
/// even after the listing is archived).
pub struct ListingLoader(pub Services);

impl Loader<(HubId, uuid::Uuid)> for ListingLoader {
    type Value = listing::Model;
    type Error = LoadFailed;

    async fn load(
        &self,
        keys: &[(HubId, uuid::Uuid)],
    ) -> Result<HashMap<(HubId, uuid::Uuid), listing::Model>, LoadFailed> {
        let mut found = HashMap::new();
        for (hub, ids) in by_hub(keys) {
            let hx = HubTx::begin(&self.0.db, Access::Read, hub, None).await?;
            for row in listings_store::find_many(&hx, &ids).await? {
                found.insert((hub, row.id), row);
            }
            hx.commit().await?;
        }
        Ok(found)
    }
}

/// Users by id (the customers of bookings).
pub struct UserLoader(pub Services);

impl Loader<uuid::Uuid> for UserLoader {
    type Value = user::Model;
    type Error = LoadFailed;

    async fn load(
        &self,
        keys: &[uuid::Uuid],
    ) -> Result<HashMap<uuid::Uuid, user::Model>, LoadFailed> {
        let tx = self.0.db.begin(Access::Read, None).await?;
        let users = crate::accounts::store::find_many(&tx, keys).await?;
        crate::db::commit(tx).await?;
        Ok(users.into_iter().map(|u| (u.id, u)).collect())
    }
}

/// Adds a fresh set of loaders (their caches live for one request) to `request`.
pub fn attach(request: async_graphql::Request, services: &Services) -> async_graphql::Request {
    request
        .data(DataLoader::new(
            OrganizationLoader(services.clone()),
            tokio::spawn,
        ))
        .data(DataLoader::new(TagLoader(services.clone()), tokio::spawn))
        .data(DataLoader::new(HubLoader(services.clone()), tokio::spawn))
        .data(DataLoader::new(
            ListingLoader(services.clone()),
            tokio::spawn,
        ))
        .data(DataLoader::new(UserLoader(services.clone()), tokio::spawn))
}

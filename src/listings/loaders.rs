//! Listings and their tags by (hub, id), a batch per request.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;

use crate::api::loading::{LoadFailed, by_hub};
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::listing;
use crate::ids::HubId;
use crate::state::Services;

use super::store as listings_store;

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

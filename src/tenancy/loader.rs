//! Hubs by id, a batch per request (the directory lists many hubs' listings).

use std::collections::HashMap;

use async_graphql::dataloader::Loader;

use crate::api::loading::LoadFailed;
use crate::db::Access;
use crate::entities::hub;
use crate::ids::HubId;
use crate::state::Services;

/// Hubs by id (the directory lists listings of many hubs).
pub struct HubLoader(pub Services);

impl Loader<HubId> for HubLoader {
    type Value = hub::Model;
    type Error = LoadFailed;

    async fn load(&self, keys: &[HubId]) -> Result<HashMap<HubId, hub::Model>, LoadFailed> {
        let tx = self.0.db.begin(Access::Read, None).await?;
        let hubs = super::store::find_hubs(&tx, keys).await?;
        crate::db::commit(tx).await?;
        Ok(hubs.into_iter().map(|h| (HubId(h.id), h)).collect())
    }
}

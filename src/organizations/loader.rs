//! Organizations by (hub, id), a batch per request.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;

use crate::api::loading::{LoadFailed, by_hub};
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::organization;
use crate::ids::HubId;
use crate::state::Services;

use super::store as organizations_store;

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

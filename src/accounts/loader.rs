//! Users by id, a batch per request (the customers of bookings).

use std::collections::HashMap;

use async_graphql::dataloader::Loader;

use crate::api::loading::LoadFailed;
use crate::db::Access;
use crate::entities::user;
use crate::state::Services;

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
        let users = super::store::find_many(&tx, keys).await?;
        crate::db::commit(tx).await?;
        Ok(users.into_iter().map(|u| (u.id, u)).collect())
    }
}

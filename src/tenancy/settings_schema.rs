//! GraphQL: `updateHubSettings`, what a hub's managers decide for the
//! whole hub.

use async_graphql::{Context, InputObject, Object};

use crate::accounts::guard::Authorize;
use crate::accounts::policy::Action;
use crate::api::context::ContextExt;
use crate::db::Access;

use super::schema::Hub;
use super::store::{self, HubSettings};

/// What `updateHubSettings` changes; a setting left out stays as it is.
#[derive(InputObject)]
pub struct HubSettingsInput {
    /// Take bookings only from people who confirmed their email address.
    pub require_verified_email: Option<bool>,
}

/// Hub settings mutations.
#[derive(Default)]
pub struct HubSettingsMutation;

#[Object]
impl HubSettingsMutation {
    /// Changes the request's hub's settings. Managers only.
    async fn update_hub_settings(
        &self,
        ctx: &Context<'_>,
        input: HubSettingsInput,
    ) -> async_graphql::Result<Hub> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let viewer = request.require(Action::ConfigureHub)?;
        let settings = HubSettings {
            require_verified_email: input.require_verified_email,
        };
        let hx = request.begin_hub(services, Access::Write).await?;
        let hub = store::update_settings(&hx, &settings, viewer.id(), services.clock.now()).await?;
        hx.commit().await?;
        Ok(Hub(hub))
    }
}

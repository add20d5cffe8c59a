//! The caller as the authorization policy sees them inside a hub: the
//! request's facts and the organizations they act for, which this
//! capability keeps.

use crate::accounts::guard::Authorize;
use crate::accounts::policy::{self, Action, Actor};
use crate::db::scope::HubTx;
use crate::error::AppResult;
use crate::request::{RequestContext, Viewer};
use crate::tenancy::model::Role;

use super::store;

/// The caller in the transaction's hub, with their organizations. Only a
/// provider's count (the policy lets managers do all an organization may),
/// so nobody else costs a query.
pub async fn actor(request: &RequestContext, hx: &HubTx) -> AppResult<Actor> {
    let mut actor = request.actor();
    if let (Some(viewer), Some(Role::Provider)) = (&request.viewer, request.role) {
        actor.organizations = store::organizations_of(hx, viewer.id()).await?;
    }
    Ok(actor)
}

/// The viewer, if the policy lets them do `action` in the transaction's hub
/// (checked in the order of [`Authorize::require`]).
pub async fn require<'r>(
    request: &'r RequestContext,
    hx: &HubTx,
    action: Action,
) -> AppResult<&'r Viewer> {
    let viewer = request.viewer()?;
    request.hub()?;
    policy::check(&actor(request, hx).await?, action)?;
    Ok(viewer)
}

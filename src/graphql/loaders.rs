//! The request's batch loaders: one fresh set per request, so their caches
//! never outlive it. Each loader lives with its capability.

use async_graphql::dataloader::DataLoader;

use crate::accounts::loader::UserLoader;
use crate::listings::loaders::{ListingLoader, TagLoader};
use crate::organizations::loader::OrganizationLoader;
use crate::state::Services;
use crate::tenancy::loader::HubLoader;

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

//! Typed access to the request and the services from a resolver's context.

use async_graphql::Context;

use crate::error::{AppError, AppResult};
use crate::request::RequestContext;
use crate::state::Services;

/// Typed access to what every resolver needs from the GraphQL context.
pub trait ContextExt {
    /// The server's shared services.
    fn services(&self) -> AppResult<&Services>;
    /// The request's identity.
    fn request(&self) -> AppResult<&RequestContext>;
}

impl ContextExt for Context<'_> {
    fn services(&self) -> AppResult<&Services> {
        self.data::<Services>()
            .map_err(|e| AppError::Internal(e.message.into()))
    }

    fn request(&self) -> AppResult<&RequestContext> {
        self.data::<RequestContext>()
            .map_err(|e| AppError::Internal(e.message.into()))
    }
}

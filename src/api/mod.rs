//! The GraphQL building blocks every capability's resolvers share: reaching
//! the request and the services from the context, ids, pagination and money.
//! Imports no capability, so any capability may import it.

pub mod context;
pub mod id;
pub mod loading;
pub mod money;
pub mod pagination;
pub mod quantity;

//! Tenancy: hubs, memberships and roles, and the scope that keeps each hub's
//! rows apart.

pub mod error;
pub mod loader;
pub mod model;
pub mod schema;
pub mod settings_schema;
pub mod store;

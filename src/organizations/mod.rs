//! Organizations: the businesses, cooperatives, startups and associations
//! (and the hub itself) that offer listings, and the providers who act for them.

pub mod acting;
pub mod error;
pub mod loader;
pub mod model;
pub mod schema;
pub mod store;

//! Listings: what a hub offers (spaces and services), when it can be booked,
//! and how people find it.

pub mod access;
pub mod availability;
pub mod cancellation;
pub mod directory;
pub mod geo;
pub mod inputs;
pub mod model;
pub mod mutations;
pub mod pricing;
pub mod schema;
pub mod search;
pub mod spec;
pub mod store;
pub mod stored;
pub mod text_search;

//! Listings: what a hub offers (spaces and services), when it can be booked,
//! and how people find it.

pub mod access;
pub mod bookings_view;
pub mod cancellation;
pub mod catalogue;
pub mod commands;
pub mod directory;
pub mod error;
pub mod geo;
pub mod hours;
pub mod inputs;
pub mod loaders;
pub mod model;
pub mod mutations;
pub mod pricing;
pub mod ranking;
pub mod rejection;
pub mod schema;
pub mod search;
pub mod slot_grid;
pub mod spec;
pub mod store;
pub mod stored;
pub mod tax;
pub mod text_search;

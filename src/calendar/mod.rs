//! Calendars people can use: a booking as an iCalendar (RFC 5545) event
//! with a stable identity, and subscribable feeds of bookings at secret,
//! rotatable addresses.
//!
//! Built on bookings, listings and tenancy; only the top of the crate
//! (`graphql`, `http`, and notifications when they come) may use it.

pub mod error;
pub mod event;
pub mod feed;
pub mod identity;
pub mod issuer;
pub mod model;
pub mod reading;
pub mod schema;
pub mod store;
pub mod subscriptions;
pub mod text;
pub mod token;

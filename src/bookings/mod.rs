//! Bookings: quote, book, approve, decline, cancel, expire, complete — and
//! never overbook.

pub mod access;
pub mod availability;
pub mod capacity;
pub mod checkout;
pub mod eligibility;
pub mod engine;
pub mod error;
pub mod model;
pub mod mutations;
pub mod period;
pub mod queries;
pub mod schema;
pub mod series;
pub mod series_record;
pub mod series_schema;
pub mod slots;
pub mod steps;
pub mod store;
pub mod terms;
pub mod usage;
pub mod worker;

//! The audit log: who did what to which booking or listing, and when; per
//! hub and append-only, written in the same transaction as the change.

pub mod schema;
pub mod store;

//! Notifications: people learn of every change that concerns them, by
//! email, in their language.
//!
//! A change writes its audit event in its own transaction; planning turns
//! each new event into rendered messages in the outbox (once: the event is
//! marked in the same transaction), and delivery sends them with retries,
//! giving up into dead letters that managers see and can send again.
//! Reminders and the managers' digest are planned by the clock; a person
//! may turn them off, from their settings or with one click in the email.

pub mod dead_letter_digest;
pub mod delivery;
pub mod kinds;
pub mod outbox;
pub mod planner;
pub mod recipients;
pub mod reminders;
pub mod schedule;
pub mod schema;
pub mod sending;
pub mod templates;
pub mod transport;
pub mod unsubscribe_headers;

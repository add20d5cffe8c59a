//! Accounts: who people are (users, passwords, sessions) across all hubs.

pub mod email;
pub mod guard;
pub mod hashing;
pub mod loader;
pub mod mail_preferences;
pub mod password;
pub mod policy;
pub mod schema;
pub mod store;
pub mod token;
pub mod unsubscribe;

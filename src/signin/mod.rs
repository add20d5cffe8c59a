//! Signing in by email: a link that signs someone in without a password,
//! and a link to set a new password. Each link is single-use, short-lived
//! and sent through the outbox; asking answers the same whether or not the
//! address has an account, so nobody learns who is registered.

pub mod links;
pub mod schema;

//! Signing in and proving an address by email: a link that signs someone
//! in without a password, a link to set a new password, and the link that
//! verifies a new account's address, sent in its welcome email by
//! `signUp`. Each link is single-use, expiring and sent through the
//! outbox; asking for a sign-in or reset link answers the same whether or
//! not the address has an account, so nobody learns who is registered.

pub mod links;
pub mod schema;
pub mod sign_up;
pub mod verification;
pub mod verification_schema;

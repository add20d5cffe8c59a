//! The Stripe API as portineria uses it: payment intents, Checkout
//! Sessions, refunds and Connect accounts, over the async-stripe client.
//!
//! Every call carries an idempotency key derived from our own ids (the
//! booking, the organization, what the ledger already holds), so a call
//! sent again after a lost answer is answered by Stripe with the first
//! result and never charges, captures or refunds twice. Every answer is
//! reduced here to the few facts the rest of payments reads.

pub mod accounts;
pub mod api;
pub mod checkout;
pub mod failure;
pub mod intents;
pub mod refunds;

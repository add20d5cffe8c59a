//! Payments: what each booking costs, the ledger of money taken and given
//! back, the status that ledger adds up to, the providers that move the
//! money (`gateway`), and the managers' report. Paying at the desk
//! (`OFFLINE`) is the only provider so far.

pub mod adopt;
pub mod card_checkout;
pub mod connect;
pub mod engine;
pub mod error;
pub mod gateway;
pub mod intents_store;
pub mod model;
pub mod online;
pub mod online_schema;
pub mod plan;
pub mod reconcile;
pub mod report;
pub mod schema;
pub mod settle;
pub mod shares;
pub mod store;
pub mod stripe;
pub mod webhook;

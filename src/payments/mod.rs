//! Payments: what each booking costs, the ledger of money taken and given
//! back, the status that ledger adds up to, the providers that move the
//! money (`gateway`), and the managers' report. Paying at the desk
//! (`OFFLINE`) is the only provider so far.

pub mod engine;
pub mod error;
pub mod gateway;
pub mod model;
pub mod report;
pub mod schema;
pub mod shares;
pub mod store;

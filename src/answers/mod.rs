//! One-click answers to booking requests, for the hub's managers and the
//! listing's providers.
//!
//! A request's email carries two signed links per recipient (approve,
//! decline), made in the planner's transaction. Mail scanners follow links,
//! so opening one (`GET`) only shows a small page asking to confirm; its
//! form (`POST`) takes the step through the booking engine's usual path,
//! as the link's user, checking again that they may still answer. A link
//! works once, until the request would expire; using either link of a pair
//! spends both.

pub mod answering;
pub mod lifetime;
pub mod page;
pub mod store;

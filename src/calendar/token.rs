//! The secret in a feed's address: a [`HubToken`], so a feed is looked up
//! inside the hub its address names.

pub use crate::hub_token::HubToken as FeedToken;

//! Money as GraphQL shows it: integer minor units and an ISO 4217 code.

use async_graphql::SimpleObject;

/// An amount in minor units (cents) of a currency.
#[derive(SimpleObject, Debug, Clone, PartialEq, Eq)]
#[graphql(name = "Money")]
pub struct MoneyOutput {
    /// Minor units: 1250 EUR is €12.50.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
}

impl MoneyOutput {
    /// `amount` minor units of `currency`.
    pub fn new(amount: i64, currency: &str) -> MoneyOutput {
        MoneyOutput {
            amount,
            currency: currency.to_owned(),
        }
    }
}

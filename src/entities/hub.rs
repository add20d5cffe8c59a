//! `hubs`: the tenants.

use sea_orm::entity::prelude::*;

use crate::stored_enum::stored_enum;

pub use super::payment::PaymentProvider;

stored_enum!(
    /// Whose Stripe account takes a hub's online payments.
    StripeMode {
        /// The hub's: it takes the whole amount and pays each organization
        /// what the payouts report says it owes.
        Merchant = "MERCHANT",
        /// Each organization's connected account, the hub keeping its
        /// commission as an application fee (Stripe Connect).
        Connect = "CONNECT",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hubs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub time_zone: String,
    pub currency: String,
    pub locale: String,
    pub commission_bps: i32,
    pub payment_provider: PaymentProvider,
    pub stripe_mode: Option<StripeMode>,
    /// As a merchant, the connected account charged (`Stripe-Account`);
    /// none charges the platform's own account.
    pub stripe_account_id: Option<String>,
    /// Whether only people with a verified email address may book here.
    pub require_verified_email: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

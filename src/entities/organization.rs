//! `organizations`: who offers listings in a hub. Hub-owned.

use sea_orm::entity::prelude::*;

use crate::stored_enum::stored_enum;

stored_enum!(
    /// What kind of body offers listings.
    OrganizationKind {
        /// A shop or a firm.
        Business = "BUSINESS",
        /// A cooperative.
        Cooperative = "COOPERATIVE",
        /// A startup.
        Startup = "STARTUP",
        /// A non-profit association.
        Association = "ASSOCIATION",
        /// The hub itself.
        Hub = "HUB",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organizations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub kind: OrganizationKind,
    pub description: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    /// Its Stripe connected account, once onboarding started.
    pub stripe_account_id: Option<String>,
    /// Whether that account can take payments and receive payouts.
    pub payouts_ready: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

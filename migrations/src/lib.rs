//! portineria's database migrations, applied in order by [`Migrator`].
//!
//! Migrations are expand/contract: a new migration never breaks the code that
//! ran against the previous one, so servers can be upgraded one at a time.

pub use sea_orm_migration::prelude::*;

pub mod constraints;
mod m20261123_000001_identity;
mod m20261123_000002_hubs;
mod m20261123_000003_listings;
mod m20261123_000004_bookings;
mod m20261124_000005_invariants;
mod m20261124_000006_booking_terms;
mod m20261125_000007_payments;
mod m20261126_000008_stripe;
mod m20261126_000009_tax;
mod m20261127_000010_calendar_feeds;
mod m20261127_000011_outbox;
mod m20261128_000012_email_verification;
mod m20261128_000013_audit_details;
mod m20261128_000014_answer_links;
mod m20261128_000015_mail_preferences;
mod m20261128_000016_planning_indexes;
mod m20261201_000017_identity_generation;
mod m20261202_000018_card_checkout;
pub mod rls;
mod row_rules;

/// Every migration of the project, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_identity::Migration),
            Box::new(m20261123_000002_hubs::Migration),
            Box::new(m20261123_000003_listings::Migration),
            Box::new(m20261123_000004_bookings::Migration),
            Box::new(m20261124_000005_invariants::Migration),
            Box::new(m20261124_000006_booking_terms::Migration),
            Box::new(m20261125_000007_payments::Migration),
            Box::new(m20261126_000008_stripe::Migration),
            Box::new(m20261126_000009_tax::Migration),
            Box::new(m20261127_000010_calendar_feeds::Migration),
            Box::new(m20261127_000011_outbox::Migration),
            Box::new(m20261128_000012_email_verification::Migration),
            Box::new(m20261128_000013_audit_details::Migration),
            Box::new(m20261128_000014_answer_links::Migration),
            Box::new(m20261128_000015_mail_preferences::Migration),
            Box::new(m20261128_000016_planning_indexes::Migration),
            Box::new(m20261201_000017_identity_generation::Migration),
            Box::new(m20261202_000018_card_checkout::Migration),
        ]
    }
}

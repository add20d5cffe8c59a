//! Paying by card on Stripe's own page (a Checkout Session) rather than
//! with Stripe.js on ours.
//!
//! - `stripe_intents.checkout_session_id`: the booking's latest Checkout
//!   Session (`cs_…`), while one was opened. When the customer pays there,
//!   the session's PaymentIntent takes the place of the booking's unpaid
//!   one (`src/payments/card_checkout.rs`).
//!
//! Expand only: a nullable column, which older code ignores.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StripeIntents {
    Table,
    CheckoutSessionId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StripeIntents::Table)
                    .add_column(string_len_null(StripeIntents::CheckoutSessionId, 255))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StripeIntents::Table)
                    .drop_column(StripeIntents::CheckoutSessionId)
                    .to_owned(),
            )
            .await
    }
}

//! What an audit event cannot say in its status columns.
//!
//! - `audit_events.details`: nullable JSON text. A recurring series records
//!   here the bookings it made and the dates it skipped, with why, which
//!   nothing else keeps; a rejected listing records the reason it was given,
//!   so the provider reads the words of that rejection even when the
//!   listing has moved on before the message is written.
//!
//! Nullable, as every older event is (expand/contract): a server of the
//! previous release writes no details and keeps working.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Details,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEvents::Table)
                    .add_column(ColumnDef::new(AuditEvents::Details).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEvents::Table)
                    .drop_column(AuditEvents::Details)
                    .to_owned(),
            )
            .await
    }
}

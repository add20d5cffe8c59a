//! The two reads every delivery pass makes per hub, by time: the hub's
//! audit events of the last days, and which of them were already
//! announced. Without these indexes both read the hub's whole history on
//! every pass, and a pass grows slower with every booking ever made.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    TenantId,
    At,
}

#[derive(DeriveIden)]
enum NotifiedEvents {
    Table,
    TenantId,
    At,
}

const AUDIT_BY_TIME: &str = "ix_audit_events_tenant_at";
const NOTIFIED_BY_TIME: &str = "ix_notified_events_tenant_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(AUDIT_BY_TIME)
                    .table(AuditEvents::Table)
                    .col(AuditEvents::TenantId)
                    .col(AuditEvents::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(NOTIFIED_BY_TIME)
                    .table(NotifiedEvents::Table)
                    .col(NotifiedEvents::TenantId)
                    .col(NotifiedEvents::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NOTIFIED_BY_TIME)
                    .table(NotifiedEvents::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(AUDIT_BY_TIME)
                    .table(AuditEvents::Table)
                    .to_owned(),
            )
            .await
    }
}

//! PostgreSQL's second wall between hubs: the application role and row-level
//! security. Every helper is a no-op on SQLite, where the application layer's
//! tenant scope is the only wall.
//!
//! The server connects as the owner (it runs migrations) but every transaction
//! it opens switches to [`APP_ROLE`] with `SET LOCAL ROLE`, so owner bypass
//! never applies to a request. Policies read the per-transaction settings
//! `app.tenant_id` and `app.user_id`, set with `set_config(…, true)` so they
//! vanish at commit and cannot leak to the next user of a pooled connection.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{DbBackend, Statement};

/// The role that request transactions run as; it owns no table.
pub const APP_ROLE: &str = "portineria_app";

fn is_postgres(manager: &SchemaManager) -> bool {
    manager.get_database_backend() == DbBackend::Postgres
}

/// Runs one statement of SQL text.
pub(crate) async fn run(manager: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    manager
        .get_connection()
        .execute_unprepared(sql)
        .await
        .map(|_| ())
}

/// Creates the application role once per cluster and lets the migrating user
/// switch to it. Several test databases migrate at once, so losing the race
/// to create the role is expected and harmless.
pub async fn create_app_role(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if !is_postgres(manager) {
        return Ok(());
    }
    run(
        manager,
        &format!(
            "DO $$ BEGIN
               IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                 CREATE ROLE {APP_ROLE} NOLOGIN;
               END IF;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
             END $$;
             DO $$ BEGIN
               IF NOT pg_has_role(current_user, '{APP_ROLE}', 'MEMBER') THEN
                 EXECUTE format('GRANT {APP_ROLE} TO %I', current_user);
               END IF;
             END $$;
             GRANT USAGE ON SCHEMA public TO {APP_ROLE};"
        ),
    )
    .await
}

/// Lets the application role use a table that belongs to no hub.
pub async fn grant_global_table(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if !is_postgres(manager) {
        return Ok(());
    }
    run(
        manager,
        &format!("GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {APP_ROLE};"),
    )
    .await
}

/// Grants a hub-owned table to the application role and confines every read
/// and write to the rows of the transaction's hub. An unset hub sees nothing.
pub async fn protect_hub_table(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if !is_postgres(manager) {
        return Ok(());
    }
    let current = "NULLIF(current_setting('app.tenant_id', true), '')::uuid";
    run(
        manager,
        &format!(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {APP_ROLE};
             ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
             ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
             CREATE POLICY {table}_hub_isolation ON {table}
               USING (tenant_id = {current})
               WITH CHECK (tenant_id = {current});"
        ),
    )
    .await
}

/// Adds a read-only policy letting the transaction's user see the rows whose
/// `column` names them, whatever hub they belong to.
pub async fn allow_own_rows(
    manager: &SchemaManager<'_>,
    table: &str,
    column: &str,
) -> Result<(), DbErr> {
    if !is_postgres(manager) {
        return Ok(());
    }
    run(
        manager,
        &format!(
            "CREATE POLICY {table}_own_rows ON {table} FOR SELECT
               USING ({column} = NULLIF(current_setting('app.user_id', true), '')::uuid);"
        ),
    )
    .await
}

/// Adds a read-only policy admitting the rows that meet `condition` to every
/// transaction, whatever its hub (the public directory).
pub async fn allow_rows_where(
    manager: &SchemaManager<'_>,
    table: &str,
    condition: &str,
) -> Result<(), DbErr> {
    if !is_postgres(manager) {
        return Ok(());
    }
    run(
        manager,
        &format!("CREATE POLICY {table}_public_rows ON {table} FOR SELECT USING ({condition});"),
    )
    .await
}

/// Takes `UPDATE` and `DELETE` on `table` away from the application role:
/// rows can only be added (an append-only log).
pub async fn forbid_changes(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if !is_postgres(manager) {
        return Ok(());
    }
    run(
        manager,
        &format!("REVOKE UPDATE, DELETE ON {table} FROM {APP_ROLE};"),
    )
    .await
}

/// Lets the migrating owner's own statements read and change every hub's rows
/// of `table`, which `FORCE ROW LEVEL SECURITY` would otherwise hide from it
/// (no hub is set while migrating). Returns whether it was forced, for
/// [`restore_force`]; call both inside the migration's transaction, so a
/// failure in between rolls the lift back too.
pub async fn lift_force(manager: &SchemaManager<'_>, table: &str) -> Result<bool, DbErr> {
    if !is_postgres(manager) {
        return Ok(false);
    }
    let forced = manager
        .get_connection()
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            format!(
                "SELECT relforcerowsecurity AS forced FROM pg_class WHERE oid = '{table}'::regclass"
            ),
        ))
        .await?
        .map(|row| row.try_get::<bool>("", "forced"))
        .transpose()?
        .unwrap_or(false);
    if forced {
        run(
            manager,
            &format!("ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;"),
        )
        .await?;
    }
    Ok(forced)
}

/// Forces row-level security on `table` again after [`lift_force`].
pub async fn restore_force(
    manager: &SchemaManager<'_>,
    table: &str,
    was_forced: bool,
) -> Result<(), DbErr> {
    if !was_forced {
        return Ok(());
    }
    run(
        manager,
        &format!("ALTER TABLE {table} FORCE ROW LEVEL SECURITY;"),
    )
    .await
}

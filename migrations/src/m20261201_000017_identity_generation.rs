//! A counter that moves whenever anything a request's identity is read from
//! changes: a hub, a user, a session, a membership. A server process keeps
//! the hubs, sessions and roles it resolved, tagged with the counter it read
//! before reading them, and uses them only while the counter has not moved
//! (`src/identity_cache.rs`): one read of one row instead of a transaction
//! of four reads, and never a stale answer, whichever process made the change.
//!
//! The counter moves in the same transaction as the change, so the two
//! become visible together. On PostgreSQL the triggers are deferred to the
//! commit: the counter's row lock is then always a transaction's last, held
//! for the commit only, so two changes never wait for each other in a circle.

use sea_orm_migration::prelude::*;

use crate::rls::{APP_ROLE, run};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables, and the changes to each, that move the counter. A new
/// session or user is not in any process's memory yet; a new membership
/// replaces a remembered "no role".
const WATCHED: [(&str, &str); 4] = [
    ("hubs", "UPDATE OR DELETE"),
    ("users", "UPDATE OR DELETE"),
    ("sessions", "UPDATE OR DELETE"),
    ("memberships", "INSERT OR UPDATE OR DELETE"),
];

fn postgres(manager: &SchemaManager) -> bool {
    manager.get_database_backend() == sea_orm_migration::sea_orm::DbBackend::Postgres
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            "CREATE TABLE identity_generation (
               id integer PRIMARY KEY CHECK (id = 1),
               generation bigint NOT NULL
             );
             INSERT INTO identity_generation (id, generation) VALUES (1, 0);",
        )
        .await?;
        if postgres(manager) {
            run(
                manager,
                &format!(
                    // Read and moved by requests (the triggers run as the
                    // caller); never emptied by them.
                    "GRANT SELECT, UPDATE ON identity_generation TO {APP_ROLE};
                     CREATE FUNCTION bump_identity_generation() RETURNS trigger
                       LANGUAGE plpgsql AS $$
                       BEGIN
                         UPDATE identity_generation SET generation = generation + 1 WHERE id = 1;
                         RETURN NULL;
                       END $$;"
                ),
            )
            .await?;
        }
        for (table, events) in WATCHED {
            let sql = if postgres(manager) {
                format!(
                    "CREATE CONSTRAINT TRIGGER {table}_identity_generation
                       AFTER {events} ON {table}
                       DEFERRABLE INITIALLY DEFERRED
                       FOR EACH ROW EXECUTE FUNCTION bump_identity_generation();"
                )
            } else {
                // SQLite: one trigger per kind of change, run at once (its
                // writers take turns, so there is no circle to avoid).
                events
                    .split(" OR ")
                    .map(|event| {
                        format!(
                            "CREATE TRIGGER {table}_identity_generation_{} AFTER {event} ON {table}
                             BEGIN
                               UPDATE identity_generation SET generation = generation + 1 WHERE id = 1;
                             END;",
                            event.to_lowercase()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            run(manager, &sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, events) in WATCHED {
            let sql = if postgres(manager) {
                format!("DROP TRIGGER {table}_identity_generation ON {table};")
            } else {
                events
                    .split(" OR ")
                    .map(|event| {
                        format!(
                            "DROP TRIGGER {table}_identity_generation_{};",
                            event.to_lowercase()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            run(manager, &sql).await?;
        }
        if postgres(manager) {
            run(manager, "DROP FUNCTION bump_identity_generation();").await?;
        }
        run(manager, "DROP TABLE identity_generation;").await
    }
}

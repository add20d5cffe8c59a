//! Row rules (CHECK constraints) added to tables that already hold data, the
//! same rule on both backends, each under its name from
//! [`constraints`](crate::constraints).
//!
//! - Old rows are checked first: when some break a rule, the migration stops
//!   with every broken rule, its table and the number of rows, so an operator
//!   can fix them and migrate again, and nothing is changed.
//! - PostgreSQL: `ALTER TABLE … ADD CONSTRAINT … CHECK`.
//! - SQLite cannot add a CHECK to an existing table without rebuilding it,
//!   and a rebuild under foreign keys inside the migration's transaction is
//!   fragile; `BEFORE INSERT` and `BEFORE UPDATE OF <its columns>` triggers
//!   raise `CHECK constraint failed: <name>`, SQLite's own wording for a
//!   named CHECK, so a violation reads alike on both backends.
//!
//! A rule holds unless it is false, as SQL's CHECK does: a NULL result passes.
//! Both mechanisms bind every writer, the application role included.

use crate::rls::run;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{DbBackend, Statement};

use crate::rls;

/// A named rule over some columns of one table.
pub struct RowRule {
    /// Its name, from [`constraints`](crate::constraints).
    pub name: &'static str,
    /// The table it guards.
    pub table: &'static str,
    /// The columns `condition` reads (a SQLite update re-checks only when one changes).
    pub columns: &'static [&'static str],
    /// A boolean SQL expression over `columns`, valid on both backends.
    pub condition: &'static str,
    /// SQLite's spelling, where it must differ.
    pub sqlite_condition: Option<&'static str>,
}

impl RowRule {
    fn condition(&self, backend: DbBackend) -> &'static str {
        match (backend, self.sqlite_condition) {
            (DbBackend::Sqlite, Some(sqlite)) => sqlite,
            _ => self.condition,
        }
    }
}

/// How many rows of `rule.table` break it.
async fn broken_rows(manager: &SchemaManager<'_>, rule: &RowRule) -> Result<i64, DbErr> {
    let backend = manager.get_database_backend();
    let sql = format!(
        "SELECT COUNT(*) AS broken FROM {} WHERE NOT ({})",
        rule.table,
        rule.condition(backend)
    );
    let row = manager
        .get_connection()
        .query_one_raw(Statement::from_string(backend, sql))
        .await?
        .ok_or_else(|| DbErr::Migration(format!("no count for {}", rule.name)))?;
    row.try_get("", "broken")
}

/// Fails, naming each rule and how many rows break it, when old rows do.
async fn refuse_broken_rows(manager: &SchemaManager<'_>, rules: &[RowRule]) -> Result<(), DbErr> {
    let mut tables: Vec<&str> = rules.iter().map(|r| r.table).collect();
    tables.sort_unstable();
    tables.dedup();
    // The count must see every hub's rows, whoever migrates.
    let mut lifted = Vec::new();
    for table in &tables {
        lifted.push((*table, rls::lift_force(manager, table).await?));
    }
    let mut broken = Vec::new();
    for rule in rules {
        let rows = broken_rows(manager, rule).await?;
        if rows > 0 {
            broken.push(format!(
                "{} ({rows} row(s) of {} where NOT ({}))",
                rule.name,
                rule.table,
                rule.condition(manager.get_database_backend())
            ));
        }
    }
    for (table, was_forced) in lifted {
        rls::restore_force(manager, table, was_forced).await?;
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(DbErr::Migration(format!(
            "old rows break new constraints; fix them and migrate again: {}",
            broken.join("; ")
        )))
    }
}

/// Adds `rules` after checking that no existing row breaks them.
pub async fn add(manager: &SchemaManager<'_>, rules: &[RowRule]) -> Result<(), DbErr> {
    refuse_broken_rows(manager, rules).await?;
    let backend = manager.get_database_backend();
    for rule in rules {
        let condition = rule.condition(backend);
        let (name, table) = (rule.name, rule.table);
        let sql = if backend == DbBackend::Sqlite {
            // Trigger conditions must read `NEW.column`; a one-row subquery
            // renames the new values so the rule is written once.
            let new_values = rule
                .columns
                .iter()
                .map(|c| format!("NEW.{c} AS {c}"))
                .collect::<Vec<_>>()
                .join(", ");
            let broken =
                format!("EXISTS (SELECT 1 FROM (SELECT {new_values}) WHERE NOT ({condition}))");
            let raise = format!("SELECT RAISE(ABORT, 'CHECK constraint failed: {name}');");
            let columns = rule.columns.join(", ");
            format!(
                "CREATE TRIGGER {name}_on_insert BEFORE INSERT ON {table}
                   WHEN {broken} BEGIN {raise} END;
                 CREATE TRIGGER {name}_on_update BEFORE UPDATE OF {columns} ON {table}
                   WHEN {broken} BEGIN {raise} END;"
            )
        } else {
            // One transaction holds the table's lock until commit anyway, so
            // `NOT VALID` + `VALIDATE` would shorten nothing here.
            format!("ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({condition});")
        };
        run(manager, &sql).await?;
    }
    Ok(())
}

/// Drops what [`add`] added for `rules`.
pub async fn drop(manager: &SchemaManager<'_>, rules: &[RowRule]) -> Result<(), DbErr> {
    for rule in rules {
        let (name, table) = (rule.name, rule.table);
        let sql = if manager.get_database_backend() == DbBackend::Sqlite {
            format!(
                "DROP TRIGGER IF EXISTS {name}_on_insert; DROP TRIGGER IF EXISTS {name}_on_update;"
            )
        } else {
            format!("ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name};")
        };
        run(manager, &sql).await?;
    }
    Ok(())
}

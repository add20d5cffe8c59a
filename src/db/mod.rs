//! The database: connecting, migrating, and opening the transactions every
//! request runs in.
//!
//! Every transaction is opened here, so the per-transaction PostgreSQL
//! settings (application role, current hub, current user) can never be
//! forgotten. On SQLite, write transactions start with `BEGIN IMMEDIATE`: a
//! deferred transaction that reads and then writes fails with SQLITE_BUSY,
//! which `busy_timeout` does not cure.

pub mod failure;
pub mod global;
pub mod scope;

use std::time::Duration;

use migration::{Migrator, MigratorTrait, rls::APP_ROLE};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};

use crate::error::{AppError, AppResult};
use crate::ids::{HubId, UserId};

/// Whether a transaction may write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads only.
    Read,
    /// Reads and writes.
    Write,
}

/// A pool of connections to one database.
#[derive(Debug, Clone)]
pub struct Db {
    conn: DatabaseConnection,
}

/// An arbitrary key for the advisory lock that serialises migrations across
/// processes starting at once.
const MIGRATION_LOCK: i64 = 0x706f_7274_696e;

impl Db {
    /// Connects a pool of at most `max_connections`.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, DbErr> {
        Ok(Db {
            conn: Database::connect(connect_options(url, max_connections)).await?,
        })
    }

    /// Applies pending migrations; safe when several processes start at once.
    pub async fn migrate(url: &str) -> Result<(), DbErr> {
        // One connection, so the session-level advisory lock covers every
        // statement the migrator runs.
        let db = Db::connect(url, 1).await?;
        let postgres = db.backend() == DbBackend::Postgres;
        if postgres {
            db.conn
                .execute_unprepared(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))
                .await?;
        }
        let outcome = Migrator::up(&db.conn, None).await;
        if postgres {
            db.conn
                .execute_unprepared(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
                .await?;
        }
        db.conn.close().await?;
        outcome
    }

    /// Which database this is.
    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.conn.ping().await
    }

    /// Closes every connection of the pool.
    pub async fn close(&self) -> Result<(), DbErr> {
        self.conn.close_by_ref().await
    }

    /// Opens a transaction acting for `user` (if any), outside any hub: it
    /// sees global tables, and on PostgreSQL no hub-owned row but the user's own.
    pub async fn begin(
        &self,
        access: Access,
        user: Option<UserId>,
    ) -> AppResult<DatabaseTransaction> {
        Ok(self.begin_in(access, None, user).await?)
    }

    /// Opens a transaction, setting the PostgreSQL role and the settings that
    /// row-level security reads. Private to the data layer: a transaction in
    /// a hub is a [`scope::HubTx`], never a raw connection.
    async fn begin_in(
        &self,
        access: Access,
        hub: Option<HubId>,
        user: Option<UserId>,
    ) -> Result<DatabaseTransaction, DbErr> {
        let options = TransactionOptions {
            isolation_level: None,
            access_mode: None,
            sqlite_transaction_mode: match access {
                Access::Write => Some(SqliteTransactionMode::Immediate),
                Access::Read => None,
            },
        };
        let tx = self.conn.begin_with_options(options).await?;
        if self.backend() == DbBackend::Postgres {
            // `is_local = true`: the settings end with the transaction, so a
            // pooled connection never carries one hub's identity to the next.
            // A reading transaction is made read-only in the same statement
            // (turning read-only on is allowed after a query, unlike the
            // reverse), one round trip instead of a `SET TRANSACTION` of its own.
            let read_only = match access {
                Access::Read => ", set_config('transaction_read_only', 'on', true)",
                Access::Write => "",
            };
            tx.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "SELECT set_config('role', '{APP_ROLE}', true), \
                            set_config('app.tenant_id', $1, true), \
                            set_config('app.user_id', $2, true){read_only}"
                ),
                [
                    setting(hub.map(Into::into)).into(),
                    setting(user.map(Into::into)).into(),
                ],
            ))
            .await?;
        }
        Ok(tx)
    }

    /// The identity generation (migration 000017): it moves, in the same
    /// transaction, with every change to a hub, user, session or membership.
    /// One read of one row, outside any transaction: the counter belongs to
    /// no hub and says nothing about anyone.
    pub async fn identity_generation(&self) -> AppResult<i64> {
        let row = self
            .conn
            .query_one_raw(Statement::from_string(
                self.backend(),
                "SELECT generation FROM identity_generation WHERE id = 1",
            ))
            .await?
            .ok_or_else(|| AppError::Internal("the identity generation row is missing".into()))?;
        Ok(row.try_get_by_index::<i64>(0)?)
    }
}

/// How the server connects a pool of at most `max_connections`: on SQLite
/// in WAL mode, waiting up to 30 s for the write lock, with foreign keys on.
pub fn connect_options(url: &str, max_connections: u32) -> ConnectOptions {
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(max_connections)
        .min_connections(0)
        .acquire_timeout(Duration::from_secs(30))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(30))
                .foreign_keys(true)
                .create_if_missing(true)
        });
    options
}

/// Switches an open transaction's hub (PostgreSQL's `app.tenant_id`).
async fn set_hub(tx: &DatabaseTransaction, hub: HubId) -> Result<(), DbErr> {
    if tx.get_database_backend() == DbBackend::Postgres {
        tx.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT set_config('app.tenant_id', $1, true)",
            [setting(Some(hub.0)).into()],
        ))
        .await?;
    }
    Ok(())
}

/// A setting's text: the id, or '' for none (which the policies read as NULL).
fn setting(id: Option<uuid::Uuid>) -> String {
    id.map(|id| id.to_string()).unwrap_or_default()
}

/// Commits a transaction opened by [`Db::begin`].
pub async fn commit(tx: DatabaseTransaction) -> AppResult<()> {
    Ok(sea_orm::TransactionSession::commit(tx).await?)
}

//! All SQL lives below this module. Statements are portable where the dialects allow
//! (`RETURNING`, `ON CONFLICT`, integer times); SQLite specifics stay in [`connect`].

pub mod accounts;
pub mod audit;
pub mod contests;
pub mod entries;
pub mod form_return;
pub mod judging;
pub mod outbox;
pub mod password_resets;
pub mod results;
pub mod sessions;
pub mod throttle;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

pub type Db = SqlitePool;

/// What a query that may run inside a caller's transaction takes: the pool or `&mut *tx`.
pub trait Exec<'e>: sqlx::Executor<'e, Database = sqlx::Sqlite> {}
impl<'e, T: sqlx::Executor<'e, Database = sqlx::Sqlite>> Exec<'e> for T {}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");

/// Opens (creating if needed) the SQLite database: WAL, foreign keys on, a busy timeout
/// so concurrent writers wait instead of failing.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    SqlitePoolOptions::new().max_connections(8).connect_with(options).await
}

pub async fn migrate(db: &Db) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(db).await
}

/// Starts a transaction that will write: it takes SQLite's write lock at once
/// (`BEGIN IMMEDIATE`), so a transaction that reads before it writes waits its turn under
/// the busy timeout instead of failing with `SQLITE_BUSY` when another writer got there first.
pub async fn write(db: &Db) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    db.begin_with("BEGIN IMMEDIATE").await
}

/// `true` when the database answers.
pub async fn ping(db: &Db) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(db).await.is_ok()
}

/// Is this error a violation of a UNIQUE constraint?
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

//! All SQL lives below this module, written once for both engines: SQLite (embedded, the
//! default) and PostgreSQL (several instances on one database). Statements are portable
//! where the dialects allow (`$n` parameters, `RETURNING`, `ON CONFLICT`, integer times,
//! `TRUE`/`FALSE`); each store function's body is compiled once per engine by [`on!`] and
//! runs on that engine's own driver, so a type or statement one engine rejects fails in
//! the tests of that engine, never silently. Engine specifics stay in this file: how to
//! connect, how a writing transaction takes its lock ([`Writer`]), the migrations.

pub mod accounts;
pub mod appeals;
pub mod audience;
pub mod audit;
pub mod calibration;
pub mod contest_parts;
pub mod contests;
pub mod email_confirmations;
pub mod entries;
pub mod files;
pub mod form_return;
pub mod identity;
pub mod invariants;
pub mod judging;
pub mod leases;
pub mod gallery;
pub mod likeness;
pub mod outbox;
pub mod privacy;
pub mod password_resets;
pub mod queues;
pub mod questions;
pub mod results;
pub mod rounds;
pub mod sessions;
pub mod staff;
pub mod telegram;
pub mod throttle;
pub mod transfer;
pub mod two_step;
pub mod uploads;

pub use crate::on;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection as _, PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};
use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::time::Duration;

/// A type kept in a text column, whatever the engine.
macro_rules! stored_as_text {
    ($t:ty $(, $g:ident)?) => {
        impl<DB: sqlx::Database $(, $g)?> sqlx::Type<DB> for $t
        where
            str: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <str as sqlx::Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <str as sqlx::Type<DB>>::compatible(ty)
            }
        }
    };
}

/// Stores a domain enum as its text (`as_str`) and decodes it with its `parse`: a value the
/// code does not know is a decoding error, never a silent default. Generic over the engine.
macro_rules! text_enum {
    ($($t:ty),* $(,)?) => {$(
        stored_as_text!($t);

        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $t
        where
            &'r str: sqlx::Decode<'r, DB>,
        {
            fn decode(value: <DB as sqlx::Database>::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&'r str as sqlx::Decode<'r, DB>>::decode(value)?;
                let name = stringify!($t).rsplit("::").next().unwrap_or_default().trim();
                <$t>::parse(text).ok_or_else(|| format!("unknown {name} {text:?} in the database").into())
            }
        }

        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $t
        where
            &'q str: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(&self, buf: &mut <DB as sqlx::Database>::ArgumentBuffer) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                let text: &'q str = self.as_str();
                <&'q str as sqlx::Encode<'q, DB>>::encode_by_ref(&text, buf)
            }
        }
    )*};
}

/// A JSON value kept in a text column (portable: no engine's JSON type involved). Text
/// that is not the expected JSON is a decoding error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonText<T>(pub T);

stored_as_text!(JsonText<T>, T);

impl<'r, DB: sqlx::Database, T: serde::de::DeserializeOwned> sqlx::Decode<'r, DB> for JsonText<T>
where
    &'r str: sqlx::Decode<'r, DB>,
{
    fn decode(value: <DB as sqlx::Database>::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let text = <&'r str as sqlx::Decode<'r, DB>>::decode(value)?;
        Ok(JsonText(serde_json::from_str(text)?))
    }
}

/// A nomination's file kinds, kept as `image,pdf`; an unknown kind is a decoding error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KindList(pub Vec<crate::domain::contest::FileKind>);

stored_as_text!(KindList);

impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for KindList
where
    &'r str: sqlx::Decode<'r, DB>,
{
    fn decode(value: <DB as sqlx::Database>::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let text = <&'r str as sqlx::Decode<'r, DB>>::decode(value)?;
        crate::domain::contest::FileKind::parse_list(text).map(KindList).ok_or_else(|| format!("unknown file kind in {text:?}").into())
    }
}

text_enum!(
    crate::domain::Role,
    crate::domain::contest::Status,
    crate::domain::contest::Level,
    crate::domain::contest::Aggregation,
    crate::domain::contest::GrandPrix,
    crate::domain::contest::FileKind,
    crate::domain::entry::EntryState,
    crate::domain::judging::SheetState,
    crate::domain::privacy::NameDisplay,
    crate::domain::gallery::GalleryMode,
    crate::domain::results::Award,
    crate::domain::audit::Action,
    crate::domain::notice::Channel,
    crate::domain::access::StaffRole,
    crate::domain::appeal::AppealState,
);

/// The database: one SQLite file, or a PostgreSQL server shared by several instances.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Which engine a [`Db`] runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The engine a database URL names, if any: `sqlite:` or `postgres:`/`postgresql:`.
    pub fn of_url(url: &str) -> Option<Engine> {
        let scheme = url.split_once(':')?.0;
        match scheme {
            "sqlite" => Some(Engine::Sqlite),
            "postgres" | "postgresql" => Some(Engine::Postgres),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }
}

/// How many connections a process keeps and how long a statement or a wait may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolSettings {
    pub max_connections: u32,
    /// Waiting for a free connection longer than this is an error (503), not a hang.
    pub acquire_timeout: Duration,
    /// PostgreSQL cancels a statement running longer than this (`statement_timeout`);
    /// SQLite waits this long for the write lock (`busy_timeout`).
    pub statement_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings { max_connections: 8, acquire_timeout: Duration::from_secs(10), statement_timeout: Duration::from_secs(10) }
    }
}

/// A pool's state for `/healthz`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PoolReport {
    pub engine: &'static str,
    pub max_connections: u32,
    pub open: u32,
    pub idle: usize,
    pub acquire_timeout_ms: u64,
    pub statement_timeout_ms: u64,
}

impl Db {
    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    pub fn report(&self, settings: &PoolSettings) -> PoolReport {
        let (open, idle) = match self {
            Db::Sqlite(p) => (p.size(), p.num_idle()),
            Db::Postgres(p) => (p.size(), p.num_idle()),
        };
        PoolReport {
            engine: self.engine().name(),
            max_connections: settings.max_connections,
            open,
            idle,
            acquire_timeout_ms: u64::try_from(settings.acquire_timeout.as_millis()).unwrap_or(u64::MAX),
            statement_timeout_ms: u64::try_from(settings.statement_timeout.as_millis()).unwrap_or(u64::MAX),
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// A writing transaction begun by [`write`]; commit it, or dropping it rolls back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.rollback().await,
            Tx::Postgres(t) => t.rollback().await,
        }
    }
}

/// A connection a store function runs on: taken from the pool for this call, or borrowed
/// from the caller's transaction.
pub enum Lease<'a, D: sqlx::Database> {
    Pooled(sqlx::pool::PoolConnection<D>),
    Borrowed(&'a mut D::Connection),
}

impl<D: sqlx::Database> Deref for Lease<'_, D> {
    type Target = D::Connection;
    fn deref(&self) -> &D::Connection {
        match self {
            Lease::Pooled(c) => c,
            Lease::Borrowed(c) => c,
        }
    }
}

impl<D: sqlx::Database> DerefMut for Lease<'_, D> {
    fn deref_mut(&mut self) -> &mut D::Connection {
        match self {
            Lease::Pooled(c) => c,
            Lease::Borrowed(c) => c,
        }
    }
}

/// A connection of either engine.
pub enum Conn<'a> {
    Sqlite(Lease<'a, Sqlite>),
    Postgres(Lease<'a, Postgres>),
}

/// What a store function runs on, before it has a connection.
pub enum Via<'a> {
    Pool(&'a Db),
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

/// What a store function takes: the pool (`&Db`), the caller's transaction (`&mut Tx`),
/// or, inside another store function, that function's connection (`&mut *db`).
pub trait Handle<'a>: Send {
    fn via(self) -> Via<'a>;
}

impl<'a> Handle<'a> for &'a Db {
    fn via(self) -> Via<'a> {
        Via::Pool(self)
    }
}

impl<'a> Handle<'a> for &'a mut Tx {
    fn via(self) -> Via<'a> {
        match self {
            Tx::Sqlite(t) => Via::Sqlite(t),
            Tx::Postgres(t) => Via::Postgres(t),
        }
    }
}

impl<'a> Handle<'a> for &'a mut SqliteConnection {
    fn via(self) -> Via<'a> {
        Via::Sqlite(self)
    }
}

impl<'a> Handle<'a> for &'a mut PgConnection {
    fn via(self) -> Via<'a> {
        Via::Postgres(self)
    }
}

/// The connection a store function runs on: one from the pool for this call, or the
/// caller's.
pub async fn lease(via: Via<'_>) -> Result<Conn<'_>, sqlx::Error> {
    Ok(match via {
        Via::Pool(Db::Sqlite(p)) => Conn::Sqlite(Lease::Pooled(p.acquire().await?)),
        Via::Pool(Db::Postgres(p)) => Conn::Postgres(Lease::Pooled(p.acquire().await?)),
        Via::Sqlite(c) => Conn::Sqlite(Lease::Borrowed(c)),
        Via::Postgres(c) => Conn::Postgres(Lease::Borrowed(c)),
    })
}

/// Runs a store function's body on the handle's engine: `on!(db => body)` compiles `body`
/// once per engine, with `db` rebound to that engine's connection (`&mut SqliteConnection`
/// or `&mut PgConnection`; statements take `&mut *db`). `on!(db, pg => body)` also binds
/// `pg`, `true` on PostgreSQL, for the rare statement the dialects spell differently.
#[macro_export]
macro_rules! on {
    ($h:ident => $body:expr) => {
        $crate::on!($h, _pg => $body)
    };
    ($h:ident, $pg:ident => $body:expr) => {
        match $crate::backend::db::lease($crate::backend::db::Handle::via($h)).await? {
            $crate::backend::db::Conn::Sqlite(mut lease) => {
                fn here() {}
                $crate::backend::db::reached(::std::any::type_name_of_val(&here), $crate::backend::db::Engine::Sqlite);
                let $h: &mut ::sqlx::SqliteConnection = &mut lease;
                let $pg = false;
                $body
            }
            $crate::backend::db::Conn::Postgres(mut lease) => {
                fn here() {}
                $crate::backend::db::reached(::std::any::type_name_of_val(&here), $crate::backend::db::Engine::Postgres);
                let $h: &mut ::sqlx::PgConnection = &mut lease;
                let $pg = true;
                $body
            }
        }
    };
}

/// Notes that a store function ran on an engine, once per function and engine, in the file
/// `BAIQAU_DB_REACHED` names (nothing is kept without it). `scripts/test` lists afterwards
/// which functions of the SQL layer the tests reached on which engine.
#[doc(hidden)]
pub fn reached(here: &'static str, engine: Engine) {
    use std::io::Write as _;
    use std::sync::{Mutex, OnceLock};
    type Seen = Mutex<(std::collections::HashSet<(&'static str, Engine)>, std::fs::File)>;
    static SEEN: OnceLock<Option<Seen>> = OnceLock::new();
    let seen = SEEN.get_or_init(|| {
        let path = std::env::var_os("BAIQAU_DB_REACHED")?;
        let file = std::fs::OpenOptions::new().create(true).append(true).open(path).ok()?;
        Some(Mutex::new((std::collections::HashSet::new(), file)))
    });
    let Some(seen) = seen else { return };
    // `app::backend::db::judging::save_sheet::{{closure}}::here` names `judging::save_sheet`.
    let mut function = here.trim_end_matches("::here").trim_start_matches("app::backend::db::");
    while let Some(outer) = function.strip_suffix("::{{closure}}") {
        function = outer;
    }
    if let Ok(mut guard) = seen.lock() {
        let (set, file) = &mut *guard;
        if set.insert((function, engine)) {
            // One write per line: several processes (the tests' servers) append to the file.
            let _ = file.write_all(format!("{} {function}\n", engine.name()).as_bytes());
        }
    }
}

/// The lock a writing transaction takes at its start, per engine.
pub trait Writer: sqlx::Connection {
    fn begin_write(&mut self) -> impl Future<Output = Result<Transaction<'_, Self::Database>, sqlx::Error>> + Send;
}

impl Writer for SqliteConnection {
    /// `BEGIN IMMEDIATE`: SQLite's write lock at once, so a transaction that reads before it
    /// writes waits its turn under the busy timeout instead of failing with `SQLITE_BUSY`.
    async fn begin_write(&mut self) -> Result<Transaction<'_, Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

/// Rows per multi-row `INSERT` where a store function writes many at once (a version's
/// lines, its documents and messages, "Assign works"): a dozen columns each stay far below
/// both engines' limits on parameters (SQLite 32,766, PostgreSQL 65,535).
pub(crate) const ROWS_PER_INSERT: usize = 1000;

/// The key of the transaction-level advisory lock that PostgreSQL writing transactions take.
const WRITE_LOCK: i64 = 0x6261_6971_6175; // "baiqau"

impl Writer for PgConnection {
    /// The same guarantee as SQLite's: writing transactions that read before they write
    /// (a sheet's version, a code's sequence, a publication's claim) run one at a time,
    /// across every instance, under a transaction-level advisory lock released at commit
    /// or rollback. Single statements (most writes) do not take it.
    async fn begin_write(&mut self) -> Result<Transaction<'_, Postgres>, sqlx::Error> {
        let mut tx = self.begin().await?;
        take_write_lock(&mut tx).await?;
        Ok(tx)
    }
}

/// Takes the writers' advisory lock inside a PostgreSQL transaction (released at its end).
async fn take_write_lock(tx: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITE_LOCK).execute(tx).await.map(|_| ())
}

/// Begins a writing transaction on a store function's connection.
pub async fn begin_write<C: Writer>(c: &mut C) -> Result<Transaction<'_, C::Database>, sqlx::Error> {
    c.begin_write().await
}

/// Begins a writing transaction for a service that calls several store functions in it.
pub async fn write(db: &Db) -> Result<Tx, sqlx::Error> {
    Ok(match db {
        Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
        Db::Postgres(p) => {
            let mut tx = p.begin().await?;
            take_write_lock(&mut tx).await?;
            Tx::Postgres(tx)
        }
    })
}

/// Begins a transaction that only reads: one consistent view of the database (SQLite's
/// snapshot under WAL; PostgreSQL's `REPEATABLE READ`).
pub async fn read(db: &Db) -> Result<Tx, sqlx::Error> {
    Ok(match db {
        Db::Sqlite(p) => Tx::Sqlite(p.begin().await?),
        Db::Postgres(p) => Tx::Postgres(p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await?),
    })
}

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// Opens the database a URL names with default pool settings.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    connect_with(url, &PoolSettings::default()).await
}

/// Opens the database a URL names. SQLite: created if missing, WAL, foreign keys on, a
/// busy timeout so concurrent writers wait instead of failing. PostgreSQL: the server's
/// database, with a statement timeout on every connection.
pub async fn connect_with(url: &str, s: &PoolSettings) -> Result<Db, sqlx::Error> {
    match Engine::of_url(url) {
        Some(Engine::Sqlite) => {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(s.statement_timeout);
            let pool = SqlitePoolOptions::new().max_connections(s.max_connections).acquire_timeout(s.acquire_timeout).connect_with(options).await?;
            Ok(Db::Sqlite(pool))
        }
        Some(Engine::Postgres) => {
            let timeout = s.statement_timeout.as_millis().to_string();
            let options = PgConnectOptions::from_str(url)?.application_name("baiqau").options([("statement_timeout", timeout.as_str())]);
            let pool = PgPoolOptions::new().max_connections(s.max_connections).acquire_timeout(s.acquire_timeout).connect_with(options).await?;
            Ok(Db::Postgres(pool))
        }
        None => Err(sqlx::Error::Configuration(format!("DATABASE_URL must start with sqlite:// or postgres://, not {:?}", url.split(':').next().unwrap_or_default()).into())),
    }
}

/// Brings the schema up to date with the engine's own migrations.
pub async fn migrate(db: &Db) -> Result<(), sqlx::migrate::MigrateError> {
    match db {
        Db::Sqlite(p) => SQLITE_MIGRATOR.run(p).await,
        Db::Postgres(p) => POSTGRES_MIGRATOR.run(p).await,
    }
}

/// Does the database answer? The error says why not (no password in it: sqlx's errors
/// name the host and the failure, never the URL's credentials).
pub async fn ping(db: &Db) -> Result<(), sqlx::Error> {
    let one: i64 = on!(db => sqlx::query_scalar("SELECT CAST(1 AS BIGINT)").fetch_one(&mut *db).await?);
    if one == 1 { Ok(()) } else { Err(sqlx::Error::Protocol(format!("SELECT 1 answered {one}"))) }
}

/// Is this error a violation of a UNIQUE constraint?
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

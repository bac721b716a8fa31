//! All SQL lives below this module. Statements are portable where the dialects allow
//! (`RETURNING`, `ON CONFLICT`, integer times); SQLite specifics stay in [`connect`].

pub mod accounts;
pub mod audit;
pub mod contest_parts;
pub mod contests;
pub mod entries;
pub mod form_return;
pub mod judging;
pub mod outbox;
pub mod password_resets;
pub mod results;
pub mod sessions;
pub mod throttle;
pub mod uploads;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

pub type Db = SqlitePool;

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
    crate::domain::results::Award,
);

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

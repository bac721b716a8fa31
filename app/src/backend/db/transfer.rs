//! Whole-database copies between engines (`baiqau copy`, `backup`, `restore`): every table
//! read column by column as plain values, written in batches, verified by row counts and
//! order-independent checksums. Table and column names come from this file's list and the
//! engines' own catalogues, never from users.

use super::{Handle, on};
use sha2::{Digest as _, Sha256};
use sqlx::Row as _;

/// Every table of the schema, parents before children (a copy inserts in this order; a
/// table's rows in the order of its first column, so a contest copied from an older one
/// comes after it).
pub const TABLES: &[&str] = &[
    "account", "session", "password_reset", "email_confirmation", "totp_setup", "recovery_code", "login_challenge", "login_throttle", "outbox", "organisation", "organisation_admin", "contest", "contest_slug", "audit_log", "nomination", "age_group",
    "nomination_age_group", "criterion", "contest_extension", "participant", "entry", "blob", "entry_file", "upload", "upload_piece",
    "judge_invitation", "contest_judge", "panel", "panel_judge", "assignment", "recusal", "score_sheet", "score",
    "score_history", "result_version", "result_line", "document", "form_return", "ip_window", "lease", "known_browser", "site_identity",
    "telegram_chat", "telegram_code", "telegram_poll", "entry_question", "entry_answer", "anchor", "anchor_score", "calibration_sheet",
    "calibration_score", "anchor_file", "contest_staff", "appeal", "round_feed", "advancement_rule", "blob_print", "likeness_verdict",
    "audience_award", "vote_request", "audience_vote",
];

/// How a column's values travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Text,
    Bool,
    Bytes,
}

impl Kind {
    /// From a declared type: SQLite's (`INTEGER`, `TEXT`…) or PostgreSQL's (`bigint`…).
    fn of_declared(declared: &str) -> Option<Kind> {
        let t = declared.to_ascii_lowercase();
        Some(match t.as_str() {
            "integer" | "bigint" | "int" | "int8" | "smallint" => Kind::Int,
            "real" | "double precision" | "float8" => Kind::Real,
            "text" | "character varying" => Kind::Text,
            "boolean" | "bool" => Kind::Bool,
            "blob" | "bytea" => Kind::Bytes,
            _ => return None,
        })
    }

    /// The kind both sides agree on: yes/no where either engine says so (SQLite keeps 0/1).
    pub fn merge(a: Kind, b: Kind) -> Kind {
        if a == Kind::Bool || b == Kind::Bool { Kind::Bool } else { a }
    }
}

/// One value of one column.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bool(bool),
    Bytes(Vec<u8>),
}

/// A table as this engine declares it: its columns in order, with their kinds.
pub async fn columns(db: impl Handle<'_>, table: &str) -> Result<Vec<(String, Kind)>, sqlx::Error> {
    let declared: Vec<(String, String)> = on!(db, pg => {
        let sql = if pg {
            "SELECT column_name::text, data_type::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
        } else {
            "SELECT name, type FROM pragma_table_info($1) ORDER BY cid"
        };
        sqlx::query_as(sql).bind(table).fetch_all(&mut *db).await?
    });
    declared
        .into_iter()
        .map(|(name, t)| Kind::of_declared(&t).map(|k| (name, k)).ok_or_else(|| sqlx::Error::Protocol(format!("{table}.{t}: a column type the copy does not know"))))
        .collect()
}

fn select_sql(table: &str, columns: &[(String, Kind)]) -> String {
    let names: Vec<String> = columns.iter().map(|(c, _)| format!("\"{c}\"")).collect();
    format!("SELECT {} FROM \"{table}\" ORDER BY 1", names.join(", "))
}

/// Every row of `table`, its columns read as `columns` says (names of the target's, kinds
/// agreed by both sides).
pub async fn read_rows(db: impl Handle<'_>, table: &str, columns: &[(String, Kind)]) -> Result<Vec<Vec<Val>>, sqlx::Error> {
    let sql = select_sql(table, columns);
    on!(db => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *db).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let mut values = Vec::with_capacity(columns.len());
            for (i, (_, kind)) in columns.iter().enumerate() {
                let v = match kind {
                    Kind::Int => row.try_get::<Option<i64>, _>(i)?.map(Val::Int),
                    Kind::Real => row.try_get::<Option<f64>, _>(i)?.map(Val::Real),
                    Kind::Text => row.try_get::<Option<String>, _>(i)?.map(Val::Text),
                    Kind::Bool => row.try_get::<Option<bool>, _>(i)?.map(Val::Bool),
                    Kind::Bytes => row.try_get::<Option<Vec<u8>>, _>(i)?.map(Val::Bytes),
                };
                values.push(v.unwrap_or(Val::Null));
            }
            out.push(values);
        }
        Ok(out)
    })
}

/// Most parameters one statement binds (SQLite allows 32,766; PostgreSQL 65,535).
const MAX_PARAMS: usize = 30_000;

/// Inserts rows into `table` in batches of one statement each, values bound by kind (a
/// NULL typed as its column, so PostgreSQL accepts it).
pub async fn insert_rows(db: impl Handle<'_>, table: &str, columns: &[(String, Kind)], rows: &[Vec<Val>]) -> Result<(), sqlx::Error> {
    if rows.is_empty() || columns.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = columns.iter().map(|(c, _)| format!("\"{c}\"")).collect();
    let per_batch = (MAX_PARAMS / columns.len()).max(1);
    on!(db => {
        for batch in rows.chunks(per_batch) {
            let mut sql = format!("INSERT INTO \"{table}\" ({}) VALUES ", names.join(", "));
            let mut n = 0;
            for (r, _) in batch.iter().enumerate() {
                sql.push_str(if r == 0 { "(" } else { ", (" });
                for c in 0..columns.len() {
                    n += 1;
                    sql.push_str(&format!("{}${n}", if c == 0 { "" } else { ", " }));
                }
                sql.push(')');
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for row in batch {
                for (v, (_, kind)) in row.iter().zip(columns) {
                    q = match (v, kind) {
                        (Val::Null, Kind::Int) => q.bind(None::<i64>),
                        (Val::Null, Kind::Real) => q.bind(None::<f64>),
                        (Val::Null, Kind::Text) => q.bind(None::<String>),
                        (Val::Null, Kind::Bool) => q.bind(None::<bool>),
                        (Val::Null, Kind::Bytes) => q.bind(None::<Vec<u8>>),
                        (Val::Int(i), _) => q.bind(*i),
                        (Val::Real(x), _) => q.bind(*x),
                        (Val::Text(t), _) => q.bind(t.clone()),
                        (Val::Bool(b), _) => q.bind(*b),
                        (Val::Bytes(b), _) => q.bind(b.clone()),
                    };
                }
            }
            q.execute(&mut *db).await?;
        }
        Ok(())
    })
}

/// Rows in every table of the schema together.
pub async fn total_rows(db: impl Handle<'_>) -> Result<i64, sqlx::Error> {
    let sql = TABLES.iter().map(|t| format!("(SELECT COUNT(*) FROM \"{t}\")")).collect::<Vec<_>>().join(" + ");
    on!(db => sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT CAST({sql} AS BIGINT)"))).fetch_one(&mut *db).await)
}

/// Makes PostgreSQL's identity columns continue after the copied ids (SQLite's rowids do
/// by themselves).
pub async fn advance_sequences(db: impl Handle<'_>) -> Result<(), sqlx::Error> {
    on!(db, pg => {
        if pg {
            let identities: Vec<(String, String)> = sqlx::query_as(
                "SELECT table_name::text, column_name::text FROM information_schema.columns
                 WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name",
            )
            .fetch_all(&mut *db)
            .await?;
            for (table, column) in identities.iter().filter(|(t, _)| TABLES.contains(&t.as_str())) {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE(MAX(\"{column}\"), 0) + 1, false) FROM \"{table}\""
                );
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *db).await?;
            }
        }
        Ok(())
    })
}

/// A table's checksum: the sum of every row's SHA-256 (its first 8 bytes), so it does not
/// depend on the order the engine returns rows in (text collations differ).
pub fn checksum(rows: &[Vec<Val>]) -> u64 {
    rows.iter().fold(0u64, |sum, row| {
        let mut h = Sha256::new();
        for v in row {
            match v {
                Val::Null => h.update(b"n"),
                Val::Int(i) => h.update(format!("i{i};")),
                Val::Real(x) => h.update(format!("r{:x};", x.to_bits())),
                Val::Text(t) => h.update(format!("t{}:{t}", t.len())),
                Val::Bool(b) => h.update(if *b { "b1" } else { "b0" }),
                Val::Bytes(b) => {
                    h.update(format!("x{}:", b.len()));
                    h.update(b);
                }
            }
        }
        let d = h.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&d[..8]);
        sum.wrapping_add(u64::from_be_bytes(first))
    })
}

/// The SHA-256 of every stored work.
pub async fn blob_hashes(db: impl Handle<'_>) -> Result<Vec<String>, sqlx::Error> {
    on!(db => sqlx::query_scalar("SELECT sha256 FROM blob ORDER BY sha256").fetch_all(&mut *db).await)
}

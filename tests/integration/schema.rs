//! The two engines' schemas in step: `migrations/sqlite/` applied to a SQLite file and
//! `migrations/postgres/` to a real PostgreSQL server give the same tables, columns (kind,
//! nullability, default), primary keys, unique constraints, indexes, foreign keys, number of
//! checks and triggers. Each side is read from the engine's own catalogue, not from the files.

use sqlx::{PgPool, Row, SqlitePool};
use std::collections::BTreeSet;

type Schema = BTreeSet<String>;

/// `0::bigint` → `0`, `'x'::text` → `'x'`, `true` → `1`: defaults as both engines mean them.
fn default_of(raw: Option<String>) -> String {
    let Some(raw) = raw else { return "-".into() };
    let v = raw.split("::").next().unwrap_or_default().trim().to_lowercase();
    match v.as_str() {
        "true" => "1".into(),
        "false" => "0".into(),
        _ => v,
    }
}

async fn sqlite_schema(db: &SqlitePool) -> Schema {
    let mut s = Schema::new();
    let tables: Vec<(String, String)> =
        sqlx::query_as("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'").fetch_all(db).await.unwrap();
    for (table, sql) in &tables {
        s.insert(format!("table {table}"));
        let flat = sql.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut yes_no = 0;
        let cols = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}') ORDER BY pk, cid")))
            .fetch_all(db)
            .await
            .unwrap();
        let mut pk = Vec::new();
        for c in &cols {
            let name: String = c.get(0);
            let ty: String = c.get(1);
            // 0/1 integers with their CHECK are PostgreSQL's BOOLEAN.
            let boolean = flat.contains(&format!("CHECK ({name} IN (0, 1))"));
            yes_no += usize::from(boolean);
            let kind = match ty.as_str() {
                "INTEGER" if boolean => "bool",
                "INTEGER" => "int",
                "TEXT" => "text",
                other => panic!("{table}.{name}: type {other}"),
            };
            let pk_pos: i64 = c.get(4);
            let not_null: bool = c.get::<i64, _>(2) == 1 || pk_pos > 0;
            s.insert(format!("column {table}.{name} {kind} {} default {}", if not_null { "not null" } else { "null" }, default_of(c.get(3))));
            if pk_pos > 0 {
                pk.push(name);
            }
        }
        s.insert(format!("primary key {table} ({})", pk.join(", ")));
        let checks = flat.matches("CHECK (").count() - yes_no;
        s.insert(format!("checks {table} {checks}"));
        for i in sqlx::query(sqlx::AssertSqlSafe(format!("SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}')"))).fetch_all(db).await.unwrap() {
            let (name, unique, origin, partial): (String, i64, String, i64) = (i.get(0), i.get(1), i.get(2), i.get(3));
            if origin == "pk" {
                continue;
            }
            let cols: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COALESCE(name, 'expr') FROM pragma_index_info('{name}') ORDER BY seqno")))
                .fetch_all(db)
                .await
                .unwrap();
            if origin == "u" {
                s.insert(format!("unique {table} ({})", cols.join(", ")));
            } else {
                s.insert(format!("index {name} on {table} ({}){}{}", cols.join(", "), if unique == 1 { " unique" } else { "" }, if partial == 1 { " partial" } else { "" }));
            }
        }
        let fks = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}') ORDER BY id, seq")))
            .fetch_all(db)
            .await
            .unwrap();
        let mut by_id: std::collections::BTreeMap<i64, (String, Vec<String>, Vec<String>, String)> = Default::default();
        for f in fks {
            let e = by_id.entry(f.get(0)).or_insert_with(|| (f.get(1), vec![], vec![], f.get(4)));
            e.1.push(f.get(2));
            e.2.push(f.get(3));
        }
        for (target, from, to, on_delete) in by_id.into_values() {
            s.insert(format!("foreign key {table} ({}) -> {target} ({}) on delete {}", from.join(", "), to.join(", "), on_delete.to_lowercase()));
        }
    }
    for (name, table) in sqlx::query_as::<_, (String, String)>("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'").fetch_all(db).await.unwrap() {
        s.insert(format!("trigger {name} on {table}"));
    }
    s
}

async fn pg_schema(db: &PgPool) -> Schema {
    let mut s = Schema::new();
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'").fetch_all(db).await.unwrap();
    for table in &tables {
        s.insert(format!("table {table}"));
        let cols = sqlx::query(
            "SELECT column_name::text, data_type::text, is_nullable::text, column_default::text, is_identity::text FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name = $1",
        )
        .bind(table)
        .fetch_all(db)
        .await
        .unwrap();
        for c in &cols {
            let (name, ty, nullable, default, identity): (String, String, String, Option<String>, String) = (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4));
            let kind = match ty.as_str() {
                "bigint" => "int",
                "boolean" => "bool",
                "text" => "text",
                other => panic!("{table}.{name}: type {other}"),
            };
            // An identity column is SQLite's INTEGER PRIMARY KEY: no default there either.
            let default = if identity == "YES" { "-".to_owned() } else { default_of(default) };
            s.insert(format!("column {table}.{name} {kind} {} default {default}", if nullable == "NO" { "not null" } else { "null" }));
        }
        let constraints = sqlx::query(
            "SELECT c.contype::text,
                    ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
                    c.confrelid::regclass::text,
                    ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i),
                    c.confdeltype::text
             FROM pg_constraint c WHERE c.conrelid = $1::regclass",
        )
        .bind(table)
        .fetch_all(db)
        .await
        .unwrap();
        let mut checks = 0;
        for c in constraints {
            let (kind, cols, target, to, on_delete): (String, Vec<String>, String, Vec<String>, String) = (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4));
            match kind.as_str() {
                "p" => drop(s.insert(format!("primary key {table} ({})", cols.join(", ")))),
                "u" => drop(s.insert(format!("unique {table} ({})", cols.join(", ")))),
                "c" => checks += 1,
                "f" => {
                    let action = match on_delete.as_str() {
                        "c" => "cascade",
                        "n" => "set null",
                        "a" => "no action",
                        other => panic!("on delete {other}"),
                    };
                    s.insert(format!("foreign key {table} ({}) -> {target} ({}) on delete {action}", cols.join(", "), to.join(", ")));
                }
                other => panic!("constraint kind {other}"),
            }
        }
        s.insert(format!("checks {table} {checks}"));
        let indexes = sqlx::query(
            "SELECT i.indexrelid::regclass::text, i.indisunique, i.indpred IS NOT NULL,
                    ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnatts) k)
             FROM pg_index i WHERE i.indrelid = $1::regclass
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
        )
        .bind(table)
        .fetch_all(db)
        .await
        .unwrap();
        for i in indexes {
            let (name, unique, partial, cols): (String, bool, bool, Vec<String>) = (i.get(0), i.get(1), i.get(2), i.get(3));
            // An expression is `expr` as SQLite names it; a keyword column comes back quoted.
            let cols: Vec<String> = cols.into_iter().map(|c| if c.contains('(') { "expr".to_owned() } else { c.trim_matches('"').to_owned() }).collect();
            s.insert(format!("index {name} on {table} ({}){}{}", cols.join(", "), if unique { " unique" } else { "" }, if partial { " partial" } else { "" }));
        }
    }
    for (name, table) in sqlx::query_as::<_, (String, String)>("SELECT tgname::text, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal").fetch_all(db).await.unwrap() {
        s.insert(format!("trigger {name} on {table}"));
    }
    s
}

/// A SQLite database migrated as the app migrates it, in its own directory.
async fn migrated_sqlite() -> (tempfile::TempDir, SqlitePool) {
    let dir = tempfile::tempdir().unwrap();
    let db = app::backend::db::connect(&format!("sqlite://{}", dir.path().join("schema.db").display())).await.unwrap();
    app::backend::db::migrate(&db).await.unwrap();
    let app::backend::db::Db::Sqlite(pool) = db else { unreachable!("a sqlite:// URL opens SQLite") };
    (dir, pool)
}

async fn migrated_postgres(name: &str) -> PgPool {
    let pg = baiqau_tests::pg::cluster().database(name).await;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/postgres");
    sqlx::migrate::Migrator::new(dir).await.unwrap().run(&pg).await.unwrap();
    pg
}

fn difference(sqlite: &Schema, postgres: &Schema) -> String {
    let only = |a: &Schema, b: &Schema| a.difference(b).cloned().collect::<Vec<_>>().join("\n  ");
    format!("only in SQLite:\n  {}\nonly in PostgreSQL:\n  {}", only(sqlite, postgres), only(postgres, sqlite))
}

#[tokio::test]
async fn sqlite_and_postgresql_have_the_same_schema() {
    let (_dir, lite) = migrated_sqlite().await;
    let sqlite = sqlite_schema(&lite).await;
    let postgres = pg_schema(&migrated_postgres("schema_same").await).await;
    assert!(sqlite.len() > 300, "the catalogue was read: {} facts", sqlite.len());
    assert!(sqlite == postgres, "{}", difference(&sqlite, &postgres));
}

#[tokio::test]
async fn a_change_made_to_one_engine_only_is_caught_and_named() {
    let (_dir, lite) = migrated_sqlite().await;
    let pg = migrated_postgres("schema_drift").await;
    sqlx::query("ALTER TABLE entry ADD COLUMN rating BIGINT").execute(&pg).await.unwrap();
    sqlx::query("CREATE INDEX entry_title ON entry (title)").execute(&pg).await.unwrap();
    sqlx::query("ALTER TABLE score_sheet ALTER COLUMN comment DROP NOT NULL").execute(&pg).await.unwrap();
    let sqlite = sqlite_schema(&lite).await;
    let postgres = pg_schema(&pg).await;
    let mut extra: Vec<&String> = postgres.difference(&sqlite).collect();
    extra.sort();
    assert_eq!(extra, [
        "column entry.rating int null default -",
        "column score_sheet.comment text null default ''",
        "index entry_title on entry (title)",
    ]);
    assert_eq!(sqlite.difference(&postgres).collect::<Vec<_>>(), ["column score_sheet.comment text not null default ''"]);
}

/// The rows a score needs, written with the same SQL on either engine; the criterion allows
/// up to 10 points, in halves only when `halves` is true. Returns the sheet's and criterion's ids.
async fn score_fixture<'c, E>(db: E, halves: bool) -> (i64, i64)
where
    E: sqlx::Executor<'c> + Copy,
    i64: sqlx::Type<E::Database> + for<'r> sqlx::Decode<'r, E::Database> + sqlx::Encode<'c, E::Database>,
    bool: sqlx::Type<E::Database> + sqlx::Encode<'c, E::Database>,
    for<'a> <E::Database as sqlx::Database>::Arguments: sqlx::IntoArguments<E::Database>,
    usize: sqlx::ColumnIndex<<E::Database as sqlx::Database>::Row>,
{
    let one = |sql: &'static str| sqlx::query(sql);
    one("INSERT INTO account (email, display_name, password_hash, password_changed_at, created_at, updated_at) VALUES ('j@example.kz', 'J', 'x', 0, 0, 0)").execute(db).await.unwrap();
    one("INSERT INTO contest (public_id, title_en, created_at, updated_at) VALUES ('c1', 'C', 0, 0)").execute(db).await.unwrap();
    one("INSERT INTO nomination (contest_id, position, name_en, allowed_kinds, max_file_mb, max_files, max_entries_per_participant, created_at, updated_at) VALUES ((SELECT MAX(contest_id) FROM contest), 1, 'N', 'image', 5, 1, 1, 0, 0)").execute(db).await.unwrap();
    one("INSERT INTO participant (public_id, account_id, full_name, birth_date, created_at, updated_at) VALUES ('p1', (SELECT MAX(account_id) FROM account), 'P', '2015-01-01', 0, 0)").execute(db).await.unwrap();
    one("INSERT INTO entry (public_id, contest_id, nomination_id, participant_id, account_id, title, create_token, created_at, updated_at) VALUES ('e1', (SELECT MAX(contest_id) FROM contest), (SELECT MAX(nomination_id) FROM nomination), (SELECT MAX(participant_id) FROM participant), (SELECT MAX(account_id) FROM account), 'T', 't', 0, 0)").execute(db).await.unwrap();
    let criterion = sqlx::query_scalar::<_, i64>("INSERT INTO criterion (contest_id, position, name_en, max_points, weight, half_points, created_at, updated_at) VALUES ((SELECT MAX(contest_id) FROM contest), 1, 'K', 10, 1, $1, 0, 0) RETURNING criterion_id")
        .bind(halves)
        .fetch_one(db)
        .await
        .unwrap();
    let sheet = sqlx::query_scalar::<_, i64>("INSERT INTO score_sheet (entry_id, account_id, version, created_at, updated_at) VALUES ((SELECT MAX(entry_id) FROM entry), (SELECT MAX(account_id) FROM account), 1, 0, 0) RETURNING sheet_id").fetch_one(db).await.unwrap();
    (sheet, criterion)
}

/// Which of these halves the engine stores for a criterion of 10 points (`halves`: whether
/// half points are allowed): inserted, then each changed to the next value by an update.
async fn stored_halves<'c, E>(db: E, halves: bool) -> (Vec<bool>, Vec<bool>)
where
    E: sqlx::Executor<'c> + Copy,
    i64: sqlx::Type<E::Database> + for<'r> sqlx::Decode<'r, E::Database> + sqlx::Encode<'c, E::Database>,
    bool: sqlx::Type<E::Database> + sqlx::Encode<'c, E::Database>,
    for<'a> <E::Database as sqlx::Database>::Arguments: sqlx::IntoArguments<E::Database>,
    usize: sqlx::ColumnIndex<<E::Database as sqlx::Database>::Row>,
{
    let (sheet, criterion) = score_fixture(db, halves).await;
    let tries = [20_i64, 21, 7, 0, 8];
    let mut inserted = Vec::new();
    for h in tries {
        let ok = sqlx::query("INSERT INTO score (sheet_id, criterion_id, halves) VALUES ($1, $2, $3)").bind(sheet).bind(criterion).bind(h).execute(db).await.is_ok();
        inserted.push(ok);
        if ok {
            sqlx::query("DELETE FROM score WHERE sheet_id = $1").bind(sheet).execute(db).await.unwrap();
        }
    }
    sqlx::query("INSERT INTO score (sheet_id, criterion_id, halves) VALUES ($1, $2, 2)").bind(sheet).bind(criterion).execute(db).await.unwrap();
    let mut updated = Vec::new();
    for h in tries {
        updated.push(sqlx::query("UPDATE score SET halves = $1 WHERE sheet_id = $2").bind(h).bind(sheet).execute(db).await.is_ok());
    }
    (inserted, updated)
}

#[tokio::test]
async fn both_engines_refuse_the_same_out_of_range_points() {
    // 20 halves = 10 points, the maximum; 21 is above it; 7 is three and a half points.
    let whole_only = vec![true, false, false, true, true];
    let with_halves = vec![true, false, true, true, true];
    let (_dir, lite) = migrated_sqlite().await;
    assert_eq!(stored_halves(&lite, false).await, (whole_only.clone(), whole_only.clone()), "SQLite");
    let pg = migrated_postgres("schema_points").await;
    assert_eq!(stored_halves(&pg, false).await, (whole_only.clone(), whole_only), "PostgreSQL");
    let (_dir2, lite) = migrated_sqlite().await;
    assert_eq!(stored_halves(&lite, true).await, (with_halves.clone(), with_halves.clone()), "SQLite, halves allowed");
    let pg = migrated_postgres("schema_points_halves").await;
    assert_eq!(stored_halves(&pg, true).await, (with_halves.clone(), with_halves), "PostgreSQL, halves allowed");
}

/// Applies the engine's migrations older than `before` (a version), or all of them.
async fn migrate_any(pool: &sqlx::AnyPool, engine: &str, before: Option<i64>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations").join(engine);
    let mut m = sqlx::migrate::Migrator::new(dir).await.unwrap();
    if let Some(before) = before {
        m.migrations = std::borrow::Cow::Owned(m.migrations.iter().filter(|x| x.version < before).cloned().collect());
    }
    m.run(pool).await.unwrap();
}

/// Data written before e-mail confirmation and retention existed gets their columns filled
/// by the migrations that brought them, on both engines: staff count as confirmed (an admin
/// or an invitation vouched for them), entrants do not; an archived contest's retention
/// counts from its last change, others have none.
#[tokio::test]
async fn migrations_fill_new_columns_from_data_written_before_them() {
    sqlx::any::install_default_drivers();
    let dir = tempfile::tempdir().unwrap();
    let urls = [
        ("sqlite", format!("sqlite://{}?mode=rwc", dir.path().join("old.db").display())),
        ("postgres", baiqau_tests::pg::cluster().fresh_database_url().await),
    ];
    for (engine, url) in urls {
        let pool = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&url).await.unwrap();
        migrate_any(&pool, engine, Some(20261205000001)).await;
        for (email, role, created) in [("admin@lib.kz", "admin", 100), ("judge@lib.kz", "judge", 200), ("parent@mail.kz", "entrant", 300)] {
            sqlx::query("INSERT INTO account (email, display_name, password_hash, role, password_changed_at, created_at, updated_at) VALUES ($1, 'X', 'h', $2, $3, $4, $5)")
                .bind(email)
                .bind(role)
                .bind(created)
                .bind(created)
                .bind(created)
                .execute(&pool)
                .await
                .unwrap();
        }
        for (public_id, status, updated) in [("old-archived", "archived", 1_700_000_000), ("old-announced", "announced", 1_700_000_500)] {
            sqlx::query("INSERT INTO contest (public_id, title_ru, status, created_at, updated_at) VALUES ($1, 'Конкурс', $2, 1, $3)")
                .bind(public_id)
                .bind(status)
                .bind(updated)
                .execute(&pool)
                .await
                .unwrap();
        }
        migrate_any(&pool, engine, None).await;
        let confirmed: Vec<(String, i64)> = sqlx::query_as("SELECT email, COALESCE(email_confirmed_at, -1) FROM account ORDER BY email").fetch_all(&pool).await.unwrap();
        assert_eq!(confirmed, vec![("admin@lib.kz".into(), 100), ("judge@lib.kz".into(), 200), ("parent@mail.kz".into(), -1)], "{engine}");
        let archived: Vec<(String, i64, i64)> =
            sqlx::query_as("SELECT public_id, COALESCE(archived_at, -1), COALESCE(reduced_at, -1) FROM contest ORDER BY public_id").fetch_all(&pool).await.unwrap();
        assert_eq!(archived, vec![("old-announced".into(), -1, -1), ("old-archived".into(), 1_700_000_000, -1)], "{engine}");
        let deleted: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM account WHERE deleted_at IS NULL").fetch_one(&pool).await.unwrap();
        assert_eq!(deleted, 3, "{engine}");
    }
}

/// The anchor table rebuilt for uploaded examples (SQLite cannot drop NOT NULL in place)
/// keeps every anchor with its references, sheets and scores on both engines, and its
/// foreign keys still act: deleting the anchor takes its rows with it.
#[tokio::test]
async fn the_anchor_table_rebuilt_for_uploaded_examples_keeps_references_and_sheets() {
    sqlx::any::install_default_drivers();
    let dir = tempfile::tempdir().unwrap();
    let urls = [
        ("sqlite", format!("sqlite://{}?mode=rwc", dir.path().join("anchors.db").display())),
        ("postgres", baiqau_tests::pg::cluster().fresh_database_url().await),
    ];
    for (engine, url) in urls {
        let pool = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&url).await.unwrap();
        migrate_any(&pool, engine, Some(20261209000001)).await;
        let (_, criterion) = score_fixture(&pool, false).await;
        for sql in [
            "INSERT INTO anchor (contest_id, nomination_id, source_entry_id, code, explanation_ru, created_at, updated_at)
             VALUES ((SELECT MAX(contest_id) FROM contest), (SELECT MAX(nomination_id) FROM nomination), (SELECT MAX(entry_id) FROM entry), 'A1', 'Тема раскрыта', 1, 2)",
            "INSERT INTO anchor_score (anchor_id, criterion_id, halves) VALUES ((SELECT MAX(anchor_id) FROM anchor), $1, 14)",
            "INSERT INTO calibration_sheet (anchor_id, account_id, submitted_at) VALUES ((SELECT MAX(anchor_id) FROM anchor), (SELECT MAX(account_id) FROM account), 5)",
            "INSERT INTO calibration_score (anchor_id, account_id, criterion_id, halves) VALUES ((SELECT MAX(anchor_id) FROM anchor), (SELECT MAX(account_id) FROM account), $1, 12)",
        ] {
            let q = sqlx::query(sql);
            let q = if sql.contains("$1") { q.bind(criterion) } else { q };
            q.execute(&pool).await.unwrap();
        }
        migrate_any(&pool, engine, None).await;
        let kept: (String, String, i64, i64) =
            sqlx::query_as("SELECT code, explanation_ru, created_at, updated_at FROM anchor WHERE source_entry_id = (SELECT MAX(entry_id) FROM entry)").fetch_one(&pool).await.unwrap();
        assert_eq!(kept, ("A1".into(), "Тема раскрыта".into(), 1, 2), "{engine}");
        let rows = |table: &'static str| {
            let pool = pool.clone();
            async move { sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"))).fetch_one(&pool).await.unwrap() }
        };
        assert_eq!((rows("anchor_score").await, rows("calibration_sheet").await, rows("calibration_score").await), (1, 1, 1), "{engine}");
        if engine == "sqlite" {
            let broken: Vec<String> = sqlx::query_scalar("SELECT \"table\" FROM pragma_foreign_key_check").fetch_all(&pool).await.unwrap();
            assert!(broken.is_empty(), "{broken:?}");
        }
        // An example without a work needs a title; a work may have none.
        let example = "INSERT INTO anchor (contest_id, nomination_id, code, title, created_at, updated_at)
             VALUES ((SELECT MAX(contest_id) FROM contest), (SELECT MAX(nomination_id) FROM nomination), $1, $2, 3, 3)";
        sqlx::query(example).bind("A2").bind("Акварель").execute(&pool).await.unwrap();
        assert!(sqlx::query(example).bind("A3").bind(None::<String>).execute(&pool).await.is_err(), "{engine}: an anchor with neither a work nor a title");
        sqlx::query("DELETE FROM anchor WHERE code = 'A1'").execute(&pool).await.unwrap();
        assert_eq!((rows("anchor_score").await, rows("calibration_sheet").await, rows("calibration_score").await), (0, 0, 0), "{engine}: deleting cascades");
        assert_eq!(rows("anchor").await, 1, "{engine}");
    }
}

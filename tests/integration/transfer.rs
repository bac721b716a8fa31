//! Moving and keeping a deployment: `copy` into the other engine, `backup` while judges
//! save and entrants upload, `restore` into an empty deployment, every row and file compared.

use crate::contests::ok;
use crate::judging::{jury, save};
use crate::submissions::{create_entry, last_entry, world};
use crate::uploads::{pdf, upload};
use app::backend::clock::Clock as _;
use app::backend::db::{self, Engine};
use app::service::transfer::{self, BackupReport, TransferError};
use baiqau_tests::{T0, TestApp, engine, pg};
use http::StatusCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// A database on the engine this run does not use: a PostgreSQL database for a SQLite run,
/// a SQLite file for a PostgreSQL run.
async fn other_engine(dir: &std::path::Path) -> String {
    match engine() {
        Engine::Sqlite => pg::cluster().fresh_database_url().await,
        Engine::Postgres => format!("sqlite://{}", dir.join("copy.db").display()),
    }
}

async fn counts(db: &sqlx::AnyPool) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for t in db::transfer::TABLES {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {t}"))).fetch_one(db).await.unwrap();
        out.push((*t, n));
    }
    out
}

/// Copies `app`'s database into a fresh database on the other engine and checks every
/// table row for row, as counted and as `copy` reported: (the target, the test's own
/// connection to it, the counts).
async fn copy_and_count(app: &TestApp, dir: &std::path::Path) -> (db::Db, sqlx::AnyPool, Vec<(&'static str, i64)>) {
    let url = other_engine(dir).await;
    let target = db::connect(&url).await.unwrap();
    let copied = transfer::copy(&app.state.db, &target).await.unwrap();
    let source_counts = counts(&app.sql).await;
    let theirs = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&url).await.unwrap();
    assert_eq!(counts(&theirs).await, source_counts, "every table, row for row");
    let reported: Vec<(&'static str, i64)> = copied.iter().map(|c| (c.table, i64::try_from(c.rows).unwrap())).collect();
    assert_eq!(reported, source_counts);
    (target, theirs, source_counts)
}

/// The demo, published, copied into the other engine: the same rows in every table, ids and
/// yes/no values intact, new ids continuing after the copied ones; a second copy into the
/// now filled database is refused and changes nothing.
#[tokio::test]
async fn a_whole_deployment_moves_to_the_other_engine_verified() {
    let app = TestApp::new().await;
    app::service::demo::load(&app.state, T0).await.unwrap();
    assert_eq!(app::service::results::publish_due(&app.state).await.unwrap(), 1, "the demo's contest past its results time");
    let dir = tempfile::tempdir().unwrap();
    let (target, theirs, source_counts) = copy_and_count(&app, dir.path()).await;
    assert!(source_counts.iter().map(|(_, n)| n).sum::<i64>() > 100, "{source_counts:?}");
    for table in ["account", "contest", "entry", "score", "result_line", "document", "outbox"] {
        assert!(source_counts.iter().any(|(t, n)| *t == table && *n > 0), "the demo fills {table}");
    }
    // Ids, relationships and yes/no values as they were.
    let q = "SELECT e.entry_id, e.code, p.full_name, CASE WHEN c.blind THEN 1 ELSE 0 END FROM entry e
             JOIN participant p USING (participant_id) JOIN contest c ON c.contest_id = e.contest_id ORDER BY e.entry_id";
    let mine: Vec<(i64, Option<String>, String, i64)> = sqlx::query_as(q).fetch_all(&app.sql).await.unwrap();
    let copied_rows: Vec<(i64, Option<String>, String, i64)> = sqlx::query_as(q).fetch_all(&theirs).await.unwrap();
    assert_eq!(copied_rows, mine);
    // New ids continue after the copied ones.
    let max: i64 = sqlx::query_scalar("SELECT MAX(account_id) FROM account").fetch_one(&app.sql).await.unwrap();
    let email = app::domain::Email::parse("new@example.kz").unwrap();
    let id = db::accounts::insert(&target, &email, "Жаңа", "hash", app::domain::Role::Entrant, false, T0).await.unwrap();
    assert_eq!(id.0, max + 1);
    // A second copy is refused: the target holds a deployment now.
    let again = transfer::copy(&app.state.db, &target).await;
    let total: i64 = source_counts.iter().map(|(_, n)| n).sum::<i64>() + 1;
    assert!(matches!(again, Err(TransferError::NotEmpty(n)) if n == total), "{again:?}");
    assert_eq!(counts(&theirs).await.iter().map(|(_, n)| n).sum::<i64>(), total, "nothing written");
    target.close().await;
}

/// Runs `load` until the backup of `app` into `dir` is written; returns the backup and how
/// many writes the load made meanwhile.
async fn backup_under_load<F: Future<Output = ()>>(app: &TestApp, dir: &std::path::Path, mut step: impl FnMut(usize) -> F) -> (BackupReport, usize) {
    let done = AtomicBool::new(false);
    let load = async {
        let mut n = 0;
        while !done.load(Ordering::SeqCst) {
            step(n).await;
            n += 1;
        }
        n
    };
    let backup = async {
        let report = transfer::backup(&app.state, dir).await;
        done.store(true, Ordering::SeqCst);
        report
    };
    let (report, writes) = tokio::join!(backup, load);
    (report.unwrap(), writes)
}

/// Restores `dir` into a fresh deployment on this run's engine and checks it against the
/// backup: every table's rows and checksum, every file's SHA-256.
async fn restore_and_compare(dir: &std::path::Path, backup: &BackupReport) -> TestApp {
    let fresh = TestApp::new().await;
    let restored = transfer::restore(&fresh.state, dir).await.unwrap();
    assert_eq!(restored.tables, backup.tables, "every table: rows and checksum");
    assert_eq!(restored.files, backup.files);
    for (path, sha, size) in &backup.files {
        let key = path.strip_prefix("store/").unwrap();
        assert_eq!(fresh.state.storage.size(key).await.unwrap(), Some(*size), "{path}");
        assert_eq!(&transfer::stored_sha256(fresh.state.storage.as_ref(), key).await.unwrap(), sha, "{path}");
    }
    // Every work the database names is among the restored files.
    let blobs = db::transfer::blob_hashes(&fresh.state.db).await.unwrap();
    let listed: Vec<String> = sqlx::query_scalar("SELECT sha256 FROM blob ORDER BY sha256").fetch_all(&fresh.sql).await.unwrap();
    assert_eq!(blobs, listed);
    assert!(!blobs.is_empty());
    for sha in blobs {
        let key = app::backend::storage::blob_key(&sha);
        assert_eq!(transfer::stored_sha256(fresh.state.storage.as_ref(), &key).await.unwrap(), sha);
    }
    // And nothing more goes into it.
    let again = transfer::restore(&fresh.state, dir).await;
    assert!(matches!(again, Err(TransferError::NotEmpty(_))), "{again:?}");
    fresh
}

/// Entrants keep uploading while the backup runs: the backup is one consistent moment (each
/// work's row with its file), and restores row for row and byte for byte; an entrant's own
/// session and files work on the restored deployment.
#[tokio::test]
async fn a_backup_taken_while_entrants_upload_restores_every_row_and_file() {
    let w = world().await;
    let app = &w.app;
    ok(&create_entry(app, &w.parent, &w.contest, &w.child, &w.tale, "Ертегі", "t1").await);
    let entry = last_entry(app).await;
    sqlx::query("UPDATE nomination SET max_files = 50").execute(&app.sql).await.unwrap();
    assert_eq!(upload(app, &w.parent, &entry, "first.pdf", &pdf(3_000)).await.status, StatusCode::OK);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("backup");
    let (backup, uploads) = backup_under_load(app, &out, |n| {
        let (app, parent, entry) = (app, &w.parent, entry.clone());
        async move {
            // A work holds fifty files at most: the load waits once it has added forty.
            if n < 40 {
                assert_eq!(upload(app, parent, &entry, &format!("during-{n}.pdf"), &pdf(4_000 + n)).await.status, StatusCode::OK);
            } else {
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
        }
    })
    .await;
    assert!(uploads >= 1, "the load ran during the backup");
    let files_in_backup: i64 = backup.tables.iter().find(|t| t.table == "entry_file").map(|t| i64::try_from(t.rows).unwrap()).unwrap();
    let files_now = app.count("SELECT COUNT(*) FROM entry_file").await;
    assert!(files_in_backup >= 1 && files_in_backup <= files_now, "{files_in_backup} of {files_now}");
    let fresh = restore_and_compare(&out, &backup).await;
    let restored_files = fresh.count("SELECT COUNT(*) FROM entry_file").await;
    assert_eq!(restored_files, files_in_backup);
    // The entrant's session came along; their first work downloads byte for byte.
    let id: String = sqlx::query_scalar("SELECT f.public_id FROM entry_file f ORDER BY f.file_id LIMIT 1").fetch_one(&fresh.sql).await.unwrap();
    fresh.clock.set(app.clock.now());
    let got = fresh.get(&format!("/files/{id}"), &w.parent).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.bytes, pdf(3_000));
}

/// Judges keep saving while the backup runs: in the backup every sheet's version has its
/// history line (a save is all or nothing), and the restore matches it.
#[tokio::test]
async fn a_backup_taken_while_judges_autosave_is_one_consistent_moment() {
    let j = jury().await;
    let app = &j.w.app;
    let pairs = crate::judging::assigned(app).await;
    let (entry, judge) = pairs[0];
    let code = j.entries.iter().find(|(e, _, _)| *e == entry).unwrap().1.clone();
    let idx = j.judges.iter().position(|(id, _)| *id == judge).unwrap();
    // A sheet exists before the backup starts; the load moves it on meanwhile.
    assert_eq!(save(&j, idx, &code, "0", &["1", "5", "5"], "").await.status, StatusCode::OK);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("backup");
    let (backup, saves) = backup_under_load(app, &out, |n| {
        let (j, code) = (&j, code.clone());
        async move {
            let points = ((n % 10) + 1).to_string();
            let res = save(j, idx, &code, &(n + 1).to_string(), &[&points, "5", "5"], "").await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        }
    })
    .await;
    assert!(saves >= 1, "the load ran during the backup");
    let fresh = restore_and_compare(&out, &backup).await;
    let torn = fresh.count("SELECT COUNT(*) FROM score_sheet s WHERE version <> (SELECT COUNT(*) FROM score_history h WHERE h.sheet_id = s.sheet_id)").await;
    assert_eq!(torn, 0, "a sheet's version without its history line, or the other way round");
    let version = fresh.count("SELECT COALESCE(MAX(version), 0) FROM score_sheet").await;
    assert!(version >= 1 && version <= i64::try_from(saves + 1).unwrap(), "version {version} after {saves} saves during the backup");
}

/// Two schemas at different versions: the copy names the column only one side has and
/// writes nothing.
#[tokio::test]
async fn a_copy_refuses_schemas_at_different_versions() {
    let app = TestApp::new().await;
    let dir = tempfile::tempdir().unwrap();
    let url = other_engine(dir.path()).await;
    let target = db::connect(&url).await.unwrap();
    db::migrate(&target).await.unwrap();
    let theirs = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&url).await.unwrap();
    sqlx::query("ALTER TABLE lease ADD COLUMN note TEXT").execute(&theirs).await.unwrap();
    let refused = transfer::copy(&app.state.db, &target).await;
    assert_eq!(refused.map(|_| ()).map_err(|e| e.to_string()), Err("lease: column note exists only in the target".to_owned()));
    assert_eq!(counts(&theirs).await.iter().map(|(_, n)| n).sum::<i64>(), 0, "nothing copied");
}

/// A republican contest's size: 10,000 submitted works (each its own participant), each
/// assigned to the demo judge with a submitted sheet, copied into the other engine: every
/// table row for row, and every work's participant and points as they were.
#[tokio::test]
async fn a_ten_thousand_entry_contest_moves_to_the_other_engine_verified() {
    let app = TestApp::new().await;
    app::service::demo::load(&app.state, T0).await.unwrap();
    let judging = "(SELECT contest_id FROM contest WHERE submissions_close_at <= $1 AND judging_end_at > $1)";
    let parent = "(SELECT account_id FROM account WHERE email = 'parent@demo.baiqau.kz')";
    let judge = "(SELECT account_id FROM account WHERE email = 'judge@demo.baiqau.kz')";
    // Generated by the database itself, the same statements on both engines.
    for sql in [
        format!(
            "INSERT INTO participant (public_id, account_id, full_name, birth_date, supervisor, consent_version, consent_at, created_at, updated_at)
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
             SELECT 'bulk-' || i, {parent}, 'Қатысушы ' || i, '2012-01-01', 'Гүлнар Ахметова', 'v1', $1, $1, $1 FROM n"
        ),
        format!(
            "INSERT INTO entry (public_id, contest_id, nomination_id, participant_id, account_id, title, state, receipt_no, submitted_at, code, create_token, created_at, updated_at)
             SELECT 'bulk-' || p.participant_id, {judging}, (SELECT MIN(nomination_id) FROM nomination WHERE contest_id = {judging}), p.participant_id, p.account_id,
             'Жұмыс ' || p.participant_id, 'submitted', 100000 + p.participant_id, $1, 'B-' || p.participant_id, 'bulk-' || p.participant_id, $1, $1
             FROM participant p WHERE p.public_id LIKE 'bulk-%'"
        ),
        format!("INSERT INTO assignment (entry_id, account_id, source, created_at) SELECT entry_id, {judge}, 'auto', $1 FROM entry WHERE code LIKE 'B-%'"),
        format!(
            "INSERT INTO score_sheet (entry_id, account_id, version, state, created_at, updated_at) SELECT entry_id, {judge}, 1, 'submitted', $1, $1 FROM entry WHERE code LIKE 'B-%'"
        ),
        // Each sheet's one write, as the app records it.
        format!(
            "INSERT INTO score_history (sheet_id, account_id, version, new_value, changed_at) SELECT s.sheet_id, {judge}, 1, '{{}}', $1
             FROM score_sheet s JOIN entry e ON e.entry_id = s.entry_id WHERE e.code LIKE 'B-%'"
        ),
        "INSERT INTO score (sheet_id, criterion_id, halves)
         SELECT s.sheet_id, k.criterion_id, 2 * ((s.sheet_id * 7 + k.criterion_id) % (k.max_points + 1))
         FROM score_sheet s JOIN entry e ON e.entry_id = s.entry_id JOIN criterion k ON k.contest_id = e.contest_id AND k.nomination_id IS NULL
         WHERE e.code LIKE 'B-%'"
            .to_owned(),
    ] {
        let q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
        let q = if sql.contains("$1") { q.bind(T0) } else { q };
        q.execute(&app.sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE code LIKE 'B-%' AND state = 'submitted'").await, 10_000);
    assert!(app.count("SELECT COUNT(*) FROM score").await >= 20_000);

    let dir = tempfile::tempdir().unwrap();
    let (target, theirs, _) = copy_and_count(&app, dir.path()).await;
    // Each work with its participant and its points, through the copied ids.
    let q = "SELECT e.entry_id, e.code, p.full_name, CAST(SUM(sc.halves) AS BIGINT) FROM entry e JOIN participant p ON p.participant_id = e.participant_id
             JOIN score_sheet s ON s.entry_id = e.entry_id JOIN score sc ON sc.sheet_id = s.sheet_id GROUP BY e.entry_id, e.code, p.full_name ORDER BY e.entry_id";
    let mine: Vec<(i64, Option<String>, String, i64)> = sqlx::query_as(q).fetch_all(&app.sql).await.unwrap();
    let theirs_rows: Vec<(i64, Option<String>, String, i64)> = sqlx::query_as(q).fetch_all(&theirs).await.unwrap();
    assert!(mine.len() >= 10_000);
    assert_eq!(theirs_rows, mine);
    target.close().await;
}

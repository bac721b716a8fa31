//! The `baiqau` binary's subcommands, run for real against a fresh data directory.
#![allow(clippy::expect_used, reason = "test code stops at the first broken step and names it")]

use std::process::{Command, Stdio};

fn baiqau(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baiqau"))
        .args(args)
        .env("BAIQAU_DATA_DIR", dir)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("run baiqau");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

async fn scalar(dir: &std::path::Path, sql: &'static str) -> String {
    let db = sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.join("baiqau.db").display())).await.expect("open db");
    sqlx::query_scalar::<_, String>(sql).fetch_one(&db).await.expect("query")
}

#[test]
fn help_lists_every_environment_variable() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, _) = baiqau(dir.path(), &["--help"]);
    assert!(ok);
    for var in ["DATABASE_URL", "BAIQAU_DATA_DIR", "BAIQAU_STORAGE_URL", "BAIQAU_ADDR", "BAIQAU_PUBLIC_URL", "BAIQAU_SMTP_URL", "BAIQAU_TRUSTED_PROXIES", "BAIQAU_DEMO", "BAIQAU_RETENTION_YEARS", "BAIQAU_STAFF_TWO_STEP", "LEPTOS_SITE_ROOT"] {
        assert!(out.contains(&format!("[env: {var}")), "--help does not mention {var}:\n{out}");
    }
    for cmd in ["serve", "migrate", "create-admin", "reset-two-step", "demo", "check"] {
        assert!(out.contains(cmd), "{cmd}");
    }
}

#[test]
fn copy_moves_stored_files_between_stores_and_says_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("from");
    std::fs::create_dir_all(from.join("posters")).unwrap();
    std::fs::write(from.join("posters/a.png"), b"poster").unwrap();
    std::fs::create_dir_all(from.join("documents")).unwrap();
    std::fs::write(from.join("documents/D-1.pdf"), b"%PDF").unwrap();
    let to = dir.path().join("to");
    let (ok, out, err) = baiqau(dir.path(), &["copy", "--files-from", &from.display().to_string(), "--files-to", &to.display().to_string()]);
    assert!(ok, "{err}");
    assert!(out.starts_with(&format!("2 files (10 bytes) copied from directory {} to directory {}", from.display(), to.display())), "{out}");
    assert_eq!(std::fs::read(to.join("posters/a.png")).unwrap(), b"poster");
    assert_eq!(std::fs::read(to.join("documents/D-1.pdf")).unwrap(), b"%PDF");
    // Half a pair is refused with the reason.
    let (ok, _, err) = baiqau(dir.path(), &["copy", "--files-from", "x"]);
    assert!(!ok && err.contains("--files-to"), "{err}");
    let (ok, _, err) = baiqau(dir.path(), &["copy"]);
    assert!(!ok && err.contains("say what to copy"), "{err}");
}

#[tokio::test]
async fn migrate_creates_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = baiqau(dir.path(), &["migrate"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("Database is up to date: sqlite://"), "{out}");
    assert!(dir.path().join("baiqau.db").exists());
    assert_eq!(scalar(dir.path(), "SELECT CAST(COUNT(*) AS TEXT) FROM account").await, "0", "no default accounts");
}

#[tokio::test]
async fn create_admin_without_a_terminal_prints_a_one_time_link() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = baiqau(dir.path(), &["create-admin", "--email", "Director@Library.kz", "--name", "Директор"]);
    assert!(ok, "{err}");
    assert!(out.contains("Admin director@library.kz created."), "{out}");
    let link = out.lines().find(|l| l.starts_with("http://127.0.0.1:3000/password/reset?token=")).expect("link printed");
    assert_eq!(link.len(), "http://127.0.0.1:3000/password/reset?token=".len() + 43);
    assert_eq!(scalar(dir.path(), "SELECT role || ' ' || display_name FROM account").await, "admin Директор");
    assert_eq!(scalar(dir.path(), "SELECT CAST(COUNT(*) AS TEXT) FROM password_reset WHERE used_at IS NULL").await, "1");

    let (ok, _, err) = baiqau(dir.path(), &["create-admin", "--email", "not an email"]);
    assert!(!ok);
    assert!(err.contains("not an email"), "{err}");
}

/// A locked-out admin (phone and recovery codes lost) gets in again by the operator's hand;
/// they are told by mail.
#[tokio::test]
async fn reset_two_step_turns_it_off_ends_the_sessions_and_tells_the_account() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = baiqau(dir.path(), &["create-admin", "--email", "director@library.kz"]);
    assert!(ok, "{err}");
    let db = sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("baiqau.db").display())).await.expect("open db");
    sqlx::query("UPDATE account SET totp_secret = 'JBSWY3DPEHPK3PXP'").execute(&db).await.expect("two-step on");
    sqlx::query("INSERT INTO recovery_code (account_id, code_hash) SELECT account_id, 'h' FROM account").execute(&db).await.expect("a code");
    sqlx::query("INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at) SELECT 't', account_id, 0, 0, 9999999999 FROM account")
        .execute(&db)
        .await
        .expect("a session");
    let (ok, out, err) = baiqau(dir.path(), &["reset-two-step", "--email", "Director@Library.kz"]);
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "Two-step login is off for director@library.kz; their sessions ended and they were told by mail.");
    assert_eq!(scalar(dir.path(), "SELECT COALESCE(totp_secret, 'none') FROM account").await, "none");
    assert_eq!(scalar(dir.path(), "SELECT CAST((SELECT COUNT(*) FROM recovery_code) + (SELECT COUNT(*) FROM session) AS TEXT)").await, "0");
    assert_eq!(scalar(dir.path(), "SELECT subject FROM outbox").await, "Байқау: екі қадамды кіру өшірілді / Байқау: двухэтапный вход отключён / Baiqau: two-step login turned off");
    assert_eq!(scalar(dir.path(), "SELECT action || ' ' || detail FROM audit_log ORDER BY audit_log_id DESC LIMIT 1").await, "two_step.reset cli");
    // Again: it is off already; an unknown address is named.
    let (ok, _, err) = baiqau(dir.path(), &["reset-two-step", "--email", "director@library.kz"]);
    assert!(!ok && err.contains("Two-step login is not on for this account."), "{err}");
    let (ok, _, err) = baiqau(dir.path(), &["reset-two-step", "--email", "nobody@library.kz"]);
    assert!(!ok && err.contains("no account has the address nobody@library.kz"), "{err}");
    // A retention period that is not one is refused before anything starts.
    let (ok, _, err) = baiqau(dir.path(), &["--retention-years", "0", "migrate"]);
    assert!(!ok && err.contains("a number of years from 1 to 100, or \"forever\""), "{err}");
}

#[tokio::test]
async fn demo_prints_three_accounts_with_passwords_once() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = baiqau(dir.path(), &["demo"]);
    assert!(ok, "{err}");
    assert_eq!(out.matches("password: ").count(), 3, "{out}");
    assert_eq!(scalar(dir.path(), "SELECT CAST(COUNT(*) AS TEXT) FROM contest").await, "4");
    let (_, again, _) = baiqau(dir.path(), &["demo"]);
    assert_eq!(again.matches("already existed").count(), 3, "{again}");
    assert_eq!(scalar(dir.path(), "SELECT CAST(COUNT(*) AS TEXT) FROM contest").await, "4");
}

/// A release site built without `--split` would serve pages whose islands never load: the
/// server says so and does not start.
#[test]
fn serve_refuses_a_site_built_without_split() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("hash.txt"), "js: J1\nwasm: W1\ncss: C1\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_baiqau"))
        .arg("serve")
        .env("BAIQAU_DATA_DIR", dir.path())
        .env_remove("DATABASE_URL")
        .env("BAIQAU_ADDR", format!("127.0.0.1:{}", free_port()))
        .env("LEPTOS_SITE_ROOT", &site)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start baiqau");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("the server started on a site without its split chunks");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr).expect("read stderr");
    assert!(!status.success(), "{stderr}");
    assert!(stderr.contains("built without --split") && stderr.contains("cargo leptos build --release --precompress --split"), "{stderr}");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

fn serve(dir: &std::path::Path, port: u16) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_baiqau"))
        .arg("serve")
        .env("BAIQAU_DATA_DIR", dir)
        .env_remove("DATABASE_URL")
        .env("BAIQAU_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start baiqau")
}

async fn count(dir: &std::path::Path, sql: &'static str) -> i64 {
    let db = sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.join("baiqau.db").display())).await.expect("open db");
    let n = sqlx::query_scalar::<_, i64>(sql).fetch_one(&db).await.expect("query");
    db.close().await;
    n
}

/// The demo has a contest whose results time passed a day ago, with scored works: a server
/// that starts now publishes it at once, exactly once.
#[tokio::test]
async fn a_server_started_after_the_results_time_publishes_on_start() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = baiqau(dir.path(), &["demo"]);
    assert!(ok, "{err}");
    assert_eq!(count(dir.path(), "SELECT COUNT(*) FROM contest WHERE published_at IS NOT NULL").await, 0);
    let mut child = serve(dir.path(), free_port());
    let mut published = 0;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        published = count(dir.path(), "SELECT COUNT(*) FROM contest WHERE published_at IS NOT NULL").await;
        if published > 0 {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(published, 1);
    assert_eq!(count(dir.path(), "SELECT COUNT(*) FROM document WHERE kind IN ('diploma', 'certificate')").await, 4);
    // A second start publishes nothing more.
    let mut again = serve(dir.path(), free_port());
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let _ = again.kill();
    let _ = again.wait();
    assert_eq!(count(dir.path(), "SELECT COUNT(*) FROM result_version WHERE published_at IS NOT NULL").await, 1);
    assert_eq!(count(dir.path(), "SELECT COUNT(*) FROM document WHERE kind IN ('diploma', 'certificate')").await, 4);
    // The invariant checker: every rule holds in the demo, the published results are what
    // the sheets say…
    let (ok, out, err) = baiqau(dir.path(), &["check"]);
    assert!(ok, "{out}{err}");
    assert!(out.trim_end().lines().last().is_some_and(|l| l.starts_with("Every rule holds: ")), "{out}");
    // … and a line changed behind the application's back is named, with exit status 1.
    let db = sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("baiqau.db").display())).await.expect("open db");
    sqlx::query("UPDATE result_line SET place = place + 1 WHERE entry_id = (SELECT MIN(entry_id) FROM result_line)").execute(&db).await.expect("corrupt");
    let (ok, out, err) = baiqau(dir.path(), &["check"]);
    assert!(!ok);
    assert_eq!(out.lines().filter(|l| l.starts_with("results: ") && l.contains(" place: published ")).count(), 1, "{out}");
    assert!(err.contains("1 broken rules"), "{err}");
}

/// `kill -9` at different moments of the start-up publication: afterwards there is either a
/// whole published snapshot (version, lines, documents, messages) or no trace of one.
#[tokio::test]
async fn kill_9_during_publication_leaves_all_or_nothing() {
    // Twenty moments spread over the start-up publication (a fixed pseudo-random walk, so a
    // failure can be repeated).
    let mut x: u64 = 0x9E37_79B9;
    let delays: Vec<u64> = (0..20)
        .map(|i| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            20 + i * 30 + (x >> 33) % 30
        })
        .collect();
    for delay_ms in delays {
        let dir = tempfile::tempdir().unwrap();
        let (ok, _, err) = baiqau(dir.path(), &["demo"]);
        assert!(ok, "{err}");
        let outbox_before = count(dir.path(), "SELECT COUNT(*) FROM outbox").await;
        let mut child = serve(dir.path(), free_port());
        tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
        // `Child::kill` is SIGKILL on Unix: no chance to finish anything.
        let _ = child.kill();
        let _ = child.wait();
        let published = count(dir.path(), "SELECT COUNT(*) FROM contest WHERE published_at IS NOT NULL").await;
        let versions = count(dir.path(), "SELECT COUNT(*) FROM result_version WHERE published_at IS NOT NULL").await;
        let documents = count(dir.path(), "SELECT COUNT(*) FROM document").await;
        let messages = count(dir.path(), "SELECT COUNT(*) FROM outbox").await - outbox_before;
        let all_versions = count(dir.path(), "SELECT COUNT(*) FROM result_version").await;
        let audited = count(dir.path(), "SELECT COUNT(*) FROM audit_log WHERE action = 'results.publish'").await;
        if published == 0 {
            assert_eq!((all_versions, versions, documents, messages, audited), (0, 0, 0, 0, 0), "killed after {delay_ms} ms: half a publication");
        } else {
            assert_eq!((all_versions, versions, audited), (1, 1, 1), "killed after {delay_ms} ms");
            assert!(documents >= 4, "killed after {delay_ms} ms: documents {documents}");
            assert_eq!(messages, 1, "one message to the demo parent");
        }
    }
}

//! The `baiqau` binary's subcommands, run for real against a fresh data directory.

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
    let db = app::server::db::connect(&format!("sqlite://{}", dir.join("baiqau.db").display())).await.expect("open db");
    sqlx::query_scalar::<_, String>(sql).fetch_one(&db).await.expect("query")
}

#[test]
fn help_lists_every_environment_variable() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, _) = baiqau(dir.path(), &["--help"]);
    assert!(ok);
    for var in ["DATABASE_URL", "BAIQAU_DATA_DIR", "BAIQAU_ADDR", "BAIQAU_PUBLIC_URL", "BAIQAU_SMTP_URL", "BAIQAU_TRUSTED_PROXIES", "BAIQAU_DEMO", "LEPTOS_SITE_ROOT"] {
        assert!(out.contains(&format!("[env: {var}")), "--help does not mention {var}:\n{out}");
    }
    for cmd in ["serve", "migrate", "create-admin", "demo"] {
        assert!(out.contains(cmd), "{cmd}");
    }
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

//! Several `baiqau serve` processes (the release binary) on one PostgreSQL, the way a
//! republican contest runs behind a load balancer: background work is done once, whichever
//! instance gets to it, and survives the death of the instance doing it.

use crate::harness::{binary, free_port, take_turn, wait_for_http};
use baiqau_tests::pg;
use baiqau_tests::smtp::SmtpSink;
use sqlx::PgPool;
use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One `baiqau serve` on the shared database and data directory.
struct Instance {
    child: Child,
    port: u16,
}

impl Instance {
    async fn start(url: &str, data: &Path, smtp_port: Option<u16>) -> Instance {
        let (mut child, port) = Self::spawn(url, data, smtp_port);
        wait_for_http(&format!("127.0.0.1:{port}"), "baiqau", &mut child).await;
        Instance { child, port }
    }

    async fn call(&self, endpoint: &str, form: &[(&str, &str)], cookie: &str) -> (u16, Option<String>, String) {
        call(self.port, endpoint, form, cookie).await
    }

    /// Starts the process without waiting for it to listen.
    fn spawn(url: &str, data: &Path, smtp_port: Option<u16>) -> (Child, u16) {
        let port = free_port();
        let mut command = Command::new(binary());
        command
            .arg("serve")
            .env("DATABASE_URL", url)
            .env("BAIQAU_DATA_DIR", data)
            .env("BAIQAU_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(smtp) = smtp_port {
            command.env("BAIQAU_SMTP_URL", format!("smtp://127.0.0.1:{smtp}"));
        }
        (command.spawn().expect("start baiqau"), port)
    }

    /// `kill -9`: no chance to finish or hand anything back.
    fn kill_9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Calls a server function the way a page's script does (same-origin form post, JSON
/// answer), over plain HTTP/1.0: (status, `Set-Cookie` name=value, body).
async fn call(port: u16, endpoint: &str, form: &[(&str, &str)], cookie: &str) -> (u16, Option<String>, String) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
    let request = format!(
        "POST /api/{endpoint} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Accept: application/json\r\nCookie: {cookie}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.expect("read");
    let (head, body) = answer.split_once("\r\n\r\n").expect("a whole answer");
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
    let cookie = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .and_then(|(_, v)| v.trim().split(';').next().map(str::to_owned));
    (status, cookie, body.to_owned())
}

/// A fresh database with the demo loaded by the binary itself (`baiqau demo`): one contest's
/// results time passed a day ago, so an instance that starts publishes it.
async fn demo_database(data: &Path) -> (String, PgPool) {
    let (url, pool, _) = demo_database_with_passwords(data).await;
    (url, pool)
}

/// [`demo_database`], with the demo accounts' passwords as `baiqau demo` printed them.
async fn demo_database_with_passwords(data: &Path) -> (String, PgPool, HashMap<String, String>) {
    let url = pg::cluster().fresh_database_url().await;
    let out = Command::new(binary()).arg("demo").env("DATABASE_URL", &url).env("BAIQAU_DATA_DIR", data).env("RUST_LOG", "warn").output().expect("run demo");
    assert!(out.status.success(), "demo: {}", String::from_utf8_lossy(&out.stderr));
    // "  judge    judge@demo.baiqau.kz     password: ABCD-…"
    let passwords = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let (left, password) = l.split_once("password: ")?;
            Some((left.split_whitespace().last()?.to_owned(), password.trim().to_owned()))
        })
        .collect();
    let pool = PgPool::connect(&url).await.expect("the test's own connection");
    (url, pool, passwords)
}

pub(crate) async fn count(db: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.expect(sql)
}

/// Waits until `sql` counts `want` (or 60 s pass) and returns the last count.
pub(crate) async fn wait_for(db: &PgPool, sql: &'static str, want: i64) -> i64 {
    let start = Instant::now();
    loop {
        let n = count(db, sql).await;
        if n == want || start.elapsed() > Duration::from_secs(60) {
            return n;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Three instances start together after the results time, with 1,000 messages waiting:
/// one publication (one version, one audit line, one diploma or certificate per work, one
/// message to the entrant) and every message sent exactly once.
#[tokio::test]
async fn three_instances_publish_once_and_send_every_message_once() {
    let _turn = take_turn().await;
    let data = tempfile::tempdir().unwrap();
    let (url, db) = demo_database(data.path()).await;
    sqlx::query(
        "INSERT INTO outbox (to_addr, to_name, subject, body_text, created_at, next_attempt_at)
         SELECT 'bulk' || n || '@example.kz', 'Bulk', 'Bulk ' || n, 'Hello', 0, 0 FROM generate_series(1, 1000) AS n",
    )
    .execute(&db)
    .await
    .unwrap();
    let before = count(&db, "SELECT COUNT(*) FROM outbox").await;
    let smtp = SmtpSink::start().await;
    let (a, b, c) = tokio::join!(
        Instance::start(&url, data.path(), Some(smtp.port)),
        Instance::start(&url, data.path(), Some(smtp.port)),
        Instance::start(&url, data.path(), Some(smtp.port))
    );
    assert_eq!(wait_for(&db, "SELECT COUNT(*) FROM contest WHERE published_at IS NOT NULL", 1).await, 1);
    let all = before + 1;
    assert_eq!(wait_for(&db, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL", all).await, all, "every message sent");
    // A moment more: a message sent twice would arrive now.
    tokio::time::sleep(Duration::from_secs(2)).await;
    drop((a, b, c));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM result_version").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM result_version WHERE published_at IS NOT NULL").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'results.publish'").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM document WHERE kind IN ('diploma', 'certificate')").await, 4);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox").await, all, "one message to the demo's entrant");
    let mut per_recipient: HashMap<String, usize> = HashMap::new();
    for mail in smtp.received() {
        for to in mail.to {
            *per_recipient.entry(to).or_default() += 1;
        }
    }
    assert_eq!(per_recipient.len(), usize::try_from(all).unwrap(), "each recipient reached");
    let twice: Vec<_> = per_recipient.iter().filter(|(_, n)| **n != 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
    let attempts = count(&db, "SELECT COUNT(*) FROM outbox WHERE attempts <> 1").await;
    assert_eq!(attempts, 0, "each message leased once");
}

/// `kill -9` of an instance at moments spread over its start-up and its publication (from
/// its first statement to its commit); a second instance then finishes what the first left:
/// one whole publication, nothing doubled.
#[tokio::test]
async fn an_instance_killed_during_publication_is_relieved_by_another() {
    let _turn = take_turn().await;
    let mut killed_before_it_was_done = 0;
    for delay_ms in (0..12).map(|i| 5 + i * 8) {
        let data = tempfile::tempdir().unwrap();
        let (url, db) = demo_database(data.path()).await;
        let outbox_before = count(&db, "SELECT COUNT(*) FROM outbox").await;
        let (child, _) = Instance::spawn(&url, data.path(), None);
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        Instance { child, port: 0 }.kill_9();
        if count(&db, "SELECT COUNT(*) FROM contest WHERE published_at IS NOT NULL").await == 0 {
            killed_before_it_was_done += 1;
        }
        let second = Instance::start(&url, data.path(), None).await;
        assert_eq!(wait_for(&db, "SELECT COUNT(*) FROM contest WHERE published_at IS NOT NULL", 1).await, 1, "killed after {delay_ms} ms: published");
        drop(second);
        let versions = count(&db, "SELECT COUNT(*) FROM result_version").await;
        let published = count(&db, "SELECT COUNT(*) FROM result_version WHERE published_at IS NOT NULL").await;
        let audited = count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'results.publish'").await;
        let documents = count(&db, "SELECT COUNT(*) FROM document WHERE kind IN ('diploma', 'certificate')").await;
        let messages = count(&db, "SELECT COUNT(*) FROM outbox").await - outbox_before;
        assert_eq!((versions, published, audited, documents, messages), (1, 1, 1, 4, 1), "killed after {delay_ms} ms");
        db.close().await;
    }
    // Some kills came before the first instance's publication committed (else this test
    // would show nothing); with these moments, most do.
    assert!(killed_before_it_was_done >= 3, "only {killed_before_it_was_done} of 12 kills came before the publication was done");
}

/// A load balancer without stickiness sends a judge's autosaves to two processes in turn:
/// the versions follow one another and a tab still at an old version is told on either. A
/// login back-off counted by one process locks the account on the other.
#[tokio::test]
async fn two_instances_keep_a_judges_autosaves_in_order_and_share_the_login_back_off() {
    let _turn = take_turn().await;
    let data = tempfile::tempdir().unwrap();
    let (url, db, passwords) = demo_database_with_passwords(data.path()).await;
    let (a, b) = tokio::join!(Instance::start(&url, data.path(), None), Instance::start(&url, data.path(), None));
    let judge = "judge@demo.baiqau.kz";
    let (status, cookie, body) = a.call("login", &[("email", judge), ("password", &passwords[judge])], "").await;
    assert_eq!(status, 200, "{body}");
    let cookie = cookie.expect("a session cookie");
    // The judge's first work in the contest being judged, and its rubric.
    let (contest_id, contest, code): (i64, String, String) = sqlx::query_as(
        "SELECT c.contest_id, c.public_id, e.code FROM assignment x JOIN entry e ON e.entry_id = x.entry_id JOIN contest c ON c.contest_id = e.contest_id
         JOIN account j ON j.account_id = x.account_id WHERE j.email = $1 AND c.published_at IS NULL ORDER BY e.entry_id LIMIT 1",
    )
    .bind(judge)
    .fetch_one(&db)
    .await
    .unwrap();
    let criteria: Vec<i64> =
        sqlx::query_scalar("SELECT criterion_id FROM criterion WHERE contest_id = $1 AND nomination_id IS NULL ORDER BY criterion_id").bind(contest_id).fetch_all(&db).await.unwrap();
    assert!(!criteria.is_empty());
    let names: Vec<String> = criteria.iter().map(|c| format!("points[c{c}]")).collect();
    let save = async |on: &Instance, version: usize, points: usize| {
        let (version, points) = (version.to_string(), points.to_string());
        let mut form: Vec<(&str, &str)> = vec![("contest", &contest), ("code", &code), ("version", &version), ("comment", "autosave"), ("note", ""), ("action", "")];
        form.extend(names.iter().map(|n| (n.as_str(), points.as_str())));
        on.call("judge_save", &form, &cookie).await
    };
    for version in 0..6 {
        let on = if version % 2 == 0 { &a } else { &b };
        let (status, _, body) = save(on, version, version % 5).await;
        assert_eq!(status, 200, "save {version} on instance {}: {body}", version % 2);
        let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(answer["version"], version + 1, "{body}");
    }
    for on in [&a, &b] {
        let (status, _, body) = save(on, 3, 1).await;
        assert_eq!(status, 409, "a stale tab: {body}");
        assert!(body.contains("ErrScoreStale"), "{body}");
    }
    let versions: Vec<i64> = sqlx::query_scalar(
        "SELECT h.version FROM score_history h JOIN score_sheet s ON s.sheet_id = h.sheet_id JOIN entry e ON e.entry_id = s.entry_id WHERE e.code = $1 ORDER BY h.history_id",
    )
    .bind(&code)
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(versions, vec![1, 2, 3, 4, 5, 6], "one history line per save, in order");
    let halves: Vec<i64> = sqlx::query_scalar("SELECT sc.halves FROM score sc JOIN score_sheet s ON s.sheet_id = sc.sheet_id JOIN entry e ON e.entry_id = s.entry_id WHERE e.code = $1")
        .bind(&code)
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(halves, vec![0; criteria.len()], "the last save (0 points) stands");

    // Wrong passwords for the parent, sent to both in turn, then the right one on each.
    let parent = "parent@demo.baiqau.kz";
    for i in 0..6 {
        let on = if i % 2 == 0 { &a } else { &b };
        let (status, _, body) = on.call("login", &[("email", parent), ("password", "not the password")], "").await;
        assert_eq!(status, 400, "attempt {i}: {body}");
    }
    for on in [&a, &b] {
        let (status, cookie, body) = on.call("login", &[("email", parent), ("password", &passwords[parent])], "").await;
        assert_eq!((status, cookie), (429, None), "{body}");
        assert!(body.contains("TooManyRequests"), "{body}");
    }
}

fn baiqau(args: &[&str], url: &str, data: &Path) -> (bool, String, String) {
    let out = Command::new(binary()).args(args).env("DATABASE_URL", url).env("BAIQAU_DATA_DIR", data).env("RUST_LOG", "warn").output().expect("run baiqau");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The README's way up: a library that started on SQLite moves to PostgreSQL with one
/// command, serves from there, backs up and restores into a new PostgreSQL database.
#[tokio::test]
async fn a_sqlite_deployment_moves_to_postgresql_then_backs_up_and_restores() {
    let _turn = take_turn().await;
    let data = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}", data.path().join("baiqau.db").display());
    let (ok, _, err) = baiqau(&["demo"], &sqlite, data.path());
    assert!(ok, "{err}");
    let postgres = pg::cluster().fresh_database_url().await;
    let (ok, out, err) = baiqau(&["copy", "--from", &sqlite, "--to", &postgres], &sqlite, data.path());
    assert!(ok, "{out}{err}");
    assert!(out.contains("account") && out.contains("verified") && out.contains("Copied from sqlite to postgres"), "{out}");
    let (ok, out, _) = baiqau(&["copy", "--from", &sqlite, "--to", &postgres], &sqlite, data.path());
    assert!(!ok, "a second copy into a filled database is refused: {out}");
    let db = PgPool::connect(&postgres).await.unwrap();
    let accounts = count(&db, "SELECT COUNT(*) FROM account").await;
    assert_eq!(accounts, 3, "the demo's three accounts");
    // Served from PostgreSQL: the contest past its results time is published.
    let server = Instance::start(&postgres, data.path(), None).await;
    assert_eq!(wait_for(&db, "SELECT COUNT(*) FROM contest WHERE published_at IS NOT NULL", 1).await, 1);
    // Backed up while it runs, restored into a new database.
    let backup = data.path().join("backup");
    let (ok, out, err) = baiqau(&["backup", backup.to_str().unwrap()], &postgres, data.path());
    assert!(ok, "{out}{err}");
    drop(server);
    let restored_url = pg::cluster().fresh_database_url().await;
    let restored_data = tempfile::tempdir().unwrap();
    let (ok, out, err) = baiqau(&["restore", backup.to_str().unwrap()], &restored_url, restored_data.path());
    assert!(ok, "{out}{err}");
    assert!(out.contains("files restored, each checked against its SHA-256"), "{out}");
    let restored = PgPool::connect(&restored_url).await.unwrap();
    for sql in ["SELECT COUNT(*) FROM account", "SELECT COUNT(*) FROM result_line", "SELECT COUNT(*) FROM document", "SELECT COUNT(*) FROM entry_file"] {
        assert_eq!(count(&restored, sql).await, count(&db, sql).await, "{sql}");
    }
}

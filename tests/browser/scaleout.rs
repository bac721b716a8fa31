//! The deployment the guide describes, for real: nginx (Debian's) with TLS, configured by
//! `deploy/nginx.conf` itself (only its marked values replaced), balancing round-robin
//! over two `baiqau serve` (the release binary) on one PostgreSQL and one Garage bucket, each
//! instance with a data directory of its own. Requests go through nginx with curl, as a
//! browser's would. Which instance answered is read from nginx's access log.

use crate::harness::{binary, free_port, take_turn, wait_for_http, workspace};
use crate::instances::wait_for;
use baiqau_tests::{garage, pg};
use sha2::{Digest as _, Sha256};
use sqlx::PgPool;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Baiqau {
    child: Child,
    port: u16,
}

impl Baiqau {
    async fn start(db: &str, store: &str, data: &Path, public_url: &str) -> Baiqau {
        let port = free_port();
        let mut child = Command::new(binary())
            .arg("serve")
            .env("DATABASE_URL", db)
            .env("BAIQAU_STORAGE_URL", store)
            .env("BAIQAU_DATA_DIR", data)
            .env("BAIQAU_ADDR", format!("127.0.0.1:{port}"))
            .env("BAIQAU_PUBLIC_URL", public_url)
            .env("BAIQAU_TRUSTED_PROXIES", "127.0.0.1")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start baiqau");
        wait_for_http(&format!("127.0.0.1:{port}"), "baiqau", &mut child).await;
        Baiqau { child, port }
    }

    fn kill_9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Baiqau {
    fn drop(&mut self) {
        self.kill_9();
    }
}

/// nginx in a temporary directory with the guide's site configuration.
struct Nginx {
    child: Child,
    dir: tempfile::TempDir,
    port: u16,
    /// Requests sent so far: nginx logs each just after answering it.
    sent: std::cell::Cell<usize>,
}

impl Nginx {
    fn start(upstreams: [u16; 2]) -> Nginx {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let made = Command::new("openssl")
            .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout"])
            .arg(d.join("key.pem"))
            .arg("-out")
            .arg(d.join("cert.pem"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("openssl");
        assert!(made.success());
        let (port, plain) = (free_port(), free_port());
        let guide = std::fs::read_to_string(workspace().join("deploy/nginx.conf")).unwrap();
        let mut site = guide.clone();
        for (from, to) in [
            ("server 127.0.0.1:3000 ", format!("server 127.0.0.1:{} ", upstreams[0])),
            ("server 127.0.0.1:3001 ", format!("server 127.0.0.1:{} ", upstreams[1])),
            ("listen 80;", format!("listen 127.0.0.1:{plain};")),
            ("listen 443 ssl http2;", format!("listen 127.0.0.1:{port} ssl http2;")),
            ("/etc/letsencrypt/live/baiqau.example.kz/fullchain.pem", d.join("cert.pem").display().to_string()),
            ("/etc/letsencrypt/live/baiqau.example.kz/privkey.pem", d.join("key.pem").display().to_string()),
            ("root /var/www/acme;", format!("root {};", d.display())),
        ] {
            assert!(site.contains(from), "deploy/nginx.conf no longer has {from:?}: update this test with the guide");
            site = site.replace(from, &to);
        }
        std::fs::write(d.join("site.conf"), site).unwrap();
        let main = format!(
            "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{ worker_connections 256; }}\n\
             http {{\n  log_format upstream '$request_method $uri $status $upstream_addr';\n  access_log {d}/access.log upstream;\n\
             client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fastcgi; uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n\
             include {d}/site.conf;\n}}\n",
            d = d.display()
        );
        std::fs::write(d.join("nginx.conf"), main).unwrap();
        let program = if Path::new("/usr/sbin/nginx").exists() { "/usr/sbin/nginx" } else { "nginx" };
        let child = Command::new(program).arg("-c").arg(d.join("nginx.conf")).arg("-e").arg(d.join("error.log")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("nginx (scripts/setup installs it)");
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(20), "nginx did not start: {}", std::fs::read_to_string(d.join("error.log")).unwrap_or_default());
            std::thread::sleep(Duration::from_millis(50));
        }
        Nginx { child, dir, port, sent: std::cell::Cell::new(0) }
    }

    /// The upstream port that answered the last request nginx logged.
    fn last_upstream(&self) -> String {
        let start = Instant::now();
        loop {
            let log = std::fs::read_to_string(self.dir.path().join("access.log")).unwrap_or_default();
            if log.lines().count() >= self.sent.get() || start.elapsed() > Duration::from_secs(5) {
                return log.lines().last().and_then(|l| l.rsplit(' ').next()).unwrap_or_default().to_owned();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// A request through nginx over TLS: (status, body).
    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> (u16, Vec<u8>) {
        self.sent.set(self.sent.get() + 1);
        let out_file = self.dir.path().join("answer");
        let mut c = Command::new("curl");
        c.args(["-sk", "--http1.1", "-X", method, "-o"]).arg(&out_file).args(["-w", "%{http_code}", "-H", "Sec-Fetch-Site: same-origin"]);
        for (k, v) in headers {
            c.arg("-H").arg(format!("{k}: {v}"));
        }
        if body.is_some() {
            c.args(["--data-binary", "@-"]);
        }
        c.arg(format!("https://localhost:{}{path}", self.port)).stdin(Stdio::piped()).stdout(Stdio::piped());
        let mut child = c.spawn().expect("curl");
        if let Some(b) = body {
            use std::io::Write as _;
            child.stdin.take().unwrap().write_all(b).unwrap();
        }
        let out = child.wait_with_output().unwrap();
        let status = String::from_utf8_lossy(&out.stdout).parse().unwrap_or(0);
        (status, std::fs::read(&out_file).unwrap_or_default())
    }

    /// A server function called as a page's script does.
    fn call(&self, endpoint: &str, form: &[(&str, &str)], cookie: &str) -> (u16, String) {
        let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
        let headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"), ("Cookie", cookie)];
        let (status, body) = self.request("POST", &format!("/api/{endpoint}"), &headers, Some(body.as_bytes()));
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    /// Logs in through nginx; the session cookie as `name=value`.
    fn log_in(&self, email: &str, password: &str) -> String {
        self.sent.set(self.sent.get() + 1);
        let headers_file = self.dir.path().join("login-headers");
        let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs([("email", email), ("password", password)]).finish();
        let ok = Command::new("curl")
            .args(["-sk", "-o", "/dev/null", "-D"])
            .arg(&headers_file)
            .args(["-H", "Sec-Fetch-Site: same-origin", "-H", "Accept: application/json", "--data", &body])
            .arg(format!("https://localhost:{}/api/login", self.port))
            .status()
            .unwrap();
        assert!(ok.success());
        let headers = std::fs::read_to_string(&headers_file).unwrap();
        headers
            .lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(k, v)| k.eq_ignore_ascii_case("set-cookie") && v.contains("session"))
            .and_then(|(_, v)| v.trim().split(';').next().map(str::to_owned))
            .unwrap_or_else(|| panic!("no session cookie for {email}: {headers}"))
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn work(len: usize) -> Vec<u8> {
    let mut v = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while v.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.extend_from_slice(&x.to_le_bytes());
    }
    v.truncate(len);
    v
}

async fn scalar(db: &PgPool, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).bind(bind).fetch_one(db).await.expect(sql)
}

/// A new entry of the demo parent's in the open fairy-tale contest's PDF nomination (its
/// limit raised to 25 MB for a 20 MB work): its public id.
async fn new_entry(nginx: &Nginx, db: &PgPool, cookie: &str, child: &str) -> String {
    let (status, body) = nginx.call(
        "save_participant",
        &[("id", ""), ("full_name", child), ("birth_date", "2016-05-01"), ("school", "№ 7 мектеп"), ("city", "Өскемен"), ("supervisor", ""), ("next", ""), ("consent", "on")],
        cookie,
    );
    assert_eq!(status, 200, "{body}");
    let participant: String = sqlx::query_scalar("SELECT public_id FROM participant WHERE full_name = $1").bind(child).fetch_one(db).await.unwrap();
    let (contest, nomination): (String, i64) = sqlx::query_as(
        "SELECT c.public_id, n.nomination_id FROM contest c JOIN nomination n ON n.contest_id = c.contest_id
         WHERE c.title_en = 'In the world of fairy tales and magic' AND n.allowed_kinds LIKE 'pdf%'",
    )
    .fetch_one(db)
    .await
    .unwrap();
    sqlx::query("UPDATE nomination SET max_file_mb = 25 WHERE nomination_id = $1").bind(nomination).execute(db).await.unwrap();
    let nomination = nomination.to_string();
    let token = format!("scale-{child}");
    let (status, body) = nginx.call(
        "create_entry",
        &[("id", &contest), ("token", &token), ("participant", &participant), ("nomination", &nomination), ("title", "Екі сервердегі ертегі"), ("description", "")],
        cookie,
    );
    assert!(status == 200 || status == 303, "{status} {body}");
    sqlx::query_scalar("SELECT public_id FROM entry WHERE create_token = $1").bind(&token).fetch_one(db).await.unwrap()
}


type Passwords = std::collections::HashMap<String, String>;

/// The demo's contest whose results time has passed: published once while both run; every
/// diploma downloads through either instance, lands in the bucket and verifies.
async fn publication_through_both(nginx: &Nginx, db: &PgPool, passwords: &Passwords, store: &str, upstreams: [String; 2], scratch: &Path) {
    // The demo's contest whose results time has passed: published once, with both running.
    let published = "SELECT COUNT(*) FROM result_version v JOIN contest c ON c.contest_id = v.contest_id WHERE c.published_at IS NOT NULL";
    assert_eq!(wait_for(db, published, 1).await, 1, "one snapshot");
    // Its diplomas are made in the background by one of the two, into the bucket.
    let made = "SELECT COUNT(*) FROM result_version WHERE documents_made_at IS NOT NULL";
    assert_eq!(wait_for(db, made, 1).await, 1, "the diplomas were made");
    let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM document ORDER BY code").fetch_all(db).await.unwrap();
    assert!(!codes.is_empty());
    let bucket = app::backend::storage::open(Some(store), scratch).unwrap();
    let in_bucket: Vec<String> = bucket.list("documents").await.unwrap().into_iter().map(|o| o.key).collect();
    assert_eq!(in_bucket, codes.iter().map(|c| format!("documents/{c}.pdf")).collect::<Vec<_>>(), "every diploma in the bucket");
    // Each downloads through either instance (from the bucket) and verifies.
    let admin = nginx.log_in("admin@demo.baiqau.kz", &passwords["admin@demo.baiqau.kz"]);
    let mut answered_by = std::collections::HashSet::new();
    for code in &codes {
        let (status, pdf) = nginx.request("GET", &format!("/documents/{code}.pdf"), &[("Cookie", &admin)], None);
        assert_eq!(status, 200, "{code}");
        assert_eq!(pdf, bucket.read(&format!("documents/{code}.pdf")).await.unwrap(), "{code}: the bucket's copy");
        answered_by.insert(nginx.last_upstream());
        let (status, page) = nginx.request("GET", &format!("/verify/{code}"), &[], None);
        assert_eq!(status, 200);
        assert!(String::from_utf8_lossy(&page).contains("verify-valid"), "{code} verifies");
        answered_by.insert(nginx.last_upstream());
    }
    assert_eq!(answered_by, upstreams.into_iter().collect(), "both instances answered");
}

/// A judge's autosaves, whichever instance nginx picks: in order, nothing lost.
async fn judging_through_both(nginx: &Nginx, db: &PgPool, passwords: &Passwords) {
    let judge_email = "judge@demo.baiqau.kz";
    let judge = nginx.log_in(judge_email, &passwords[judge_email]);
    let (contest_id, contest, code): (i64, String, String) = sqlx::query_as(
        "SELECT c.contest_id, c.public_id, e.code FROM assignment x JOIN entry e ON e.entry_id = x.entry_id JOIN contest c ON c.contest_id = e.contest_id
         JOIN account j ON j.account_id = x.account_id WHERE j.email = $1 AND c.published_at IS NULL ORDER BY e.entry_id LIMIT 1",
    )
    .bind(judge_email)
    .fetch_one(db)
    .await
    .unwrap();
    let criteria: Vec<i64> = sqlx::query_scalar("SELECT criterion_id FROM criterion WHERE contest_id = $1 AND nomination_id IS NULL ORDER BY criterion_id").bind(contest_id).fetch_all(db).await.unwrap();
    let names: Vec<String> = criteria.iter().map(|c| format!("points[c{c}]")).collect();
    let mut saved_by = std::collections::HashSet::new();
    for version in 0..6usize {
        let (v, p) = (version.to_string(), (version % 5).to_string());
        let mut form: Vec<(&str, &str)> = vec![("contest", &contest), ("code", &code), ("version", &v), ("comment", "autosave"), ("note", ""), ("action", "")];
        form.extend(names.iter().map(|n| (n.as_str(), p.as_str())));
        let (status, body) = nginx.call("judge_save", &form, &judge);
        assert_eq!(status, 200, "save {version}: {body}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&body).unwrap()["version"], version + 1);
        saved_by.insert(nginx.last_upstream());
    }
    assert_eq!(saved_by.len(), 2, "the session went to both instances");
    let versions: Vec<i64> = sqlx::query_scalar(
        "SELECT h.version FROM score_history h JOIN score_sheet s ON s.sheet_id = h.sheet_id JOIN entry e ON e.entry_id = s.entry_id WHERE e.code = $1 ORDER BY h.history_id",
    )
    .bind(&code)
    .fetch_all(db)
    .await
    .unwrap();
    assert_eq!(versions, vec![1, 2, 3, 4, 5, 6]);

}

const PIECE: usize = 4 * 1024 * 1024;

/// The demo's published contest, a judge's session and two 20 MB uploads, all through
/// nginx over two instances; one instance is killed half-way through the second upload.
#[tokio::test]
async fn two_instances_behind_the_guides_nginx_share_uploads_results_and_a_judges_session() {
    let _turn = take_turn().await;
    let root = tempfile::tempdir().unwrap();
    let store = garage::cluster().fresh_url();
    let db_url = pg::cluster().fresh_database_url().await;
    let demo = Command::new(binary()).arg("demo").env("DATABASE_URL", &db_url).env("BAIQAU_STORAGE_URL", &store).env("BAIQAU_DATA_DIR", root.path().join("demo")).env("RUST_LOG", "warn").output().unwrap();
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let passwords: Passwords = String::from_utf8_lossy(&demo.stdout)
        .lines()
        .filter_map(|l| l.split_once("password: ").map(|(left, p)| (left.split_whitespace().last().unwrap_or_default().to_owned(), p.trim().to_owned())))
        .collect();
    let db = PgPool::connect(&db_url).await.unwrap();
    // Each instance has a data directory of its own: shared files can only be in the bucket.
    let (data_a, data_b): (PathBuf, PathBuf) = (root.path().join("a"), root.path().join("b"));
    let public = "https://localhost";
    let (mut a, mut b) = tokio::join!(Baiqau::start(&db_url, &store, &data_a, public), Baiqau::start(&db_url, &store, &data_b, public));
    let nginx = Nginx::start([a.port, b.port]);
    let upstream = |port: u16| format!("127.0.0.1:{port}");

    publication_through_both(&nginx, &db, &passwords, &store, [upstream(a.port), upstream(b.port)], root.path()).await;
    judging_through_both(&nginx, &db, &passwords).await;
    let bucket = app::backend::storage::open(Some(&store), root.path()).unwrap();

    // A 20 MB work whose pieces alternate between the instances.
    let parent = nginx.log_in("parent@demo.baiqau.kz", &passwords["parent@demo.baiqau.kz"]);
    let bytes = work(20 * 1024 * 1024 + 5);
    let sha = hex::encode(Sha256::digest(&bytes));
    let begin = |entry: &str| {
        let body = serde_json::json!({ "entry": entry, "name": "ертегі.pdf", "size": bytes.len(), "sha256": sha }).to_string();
        let (status, answer) = nginx.request("POST", "/uploads", &[("Cookie", &parent), ("Content-Type", "application/json")], Some(body.as_bytes()));
        assert_eq!(status, 201, "{}", String::from_utf8_lossy(&answer));
        serde_json::from_slice::<serde_json::Value>(&answer).unwrap()["id"].as_str().unwrap().to_owned()
    };
    let send = |id: &str, at: usize| {
        let end = (at + PIECE).min(bytes.len());
        let off = at.to_string();
        let (status, answer) = nginx.request("PATCH", &format!("/uploads/{id}"), &[("Cookie", &parent), ("Upload-Offset", &off), ("Content-Type", "application/offset+octet-stream")], Some(&bytes[at..end]));
        assert_eq!(status, 200, "piece at {at}: {}", String::from_utf8_lossy(&answer));
        serde_json::from_slice::<serde_json::Value>(&answer).unwrap()
    };
    let first = new_entry(&nginx, &db, &parent, "Ерлан Бірінші").await;
    let id = begin(&first);
    let mut pieces_by = Vec::new();
    let mut at = 0;
    let done = loop {
        let answer = send(&id, at);
        pieces_by.push(nginx.last_upstream());
        if answer["done"] == true {
            break answer;
        }
        at = answer["offset"].as_u64().map(|o| usize::try_from(o).unwrap()).unwrap();
    };
    assert_eq!(pieces_by.len(), 6);
    assert!(pieces_by.windows(2).all(|w| w[0] != w[1]), "round-robin: {pieces_by:?}");
    let file = done["file"]["id"].as_str().unwrap().to_owned();
    let (status, got) = nginx.request("GET", &format!("/files/{file}"), &[("Cookie", &parent)], None);
    assert_eq!((status, hex::encode(Sha256::digest(&got))), (200, sha.clone()), "byte-identical");

    // The same work again; the instance that took the latest piece dies (kill -9) and nginx
    // sends the rest to the other.
    let second = new_entry(&nginx, &db, &parent, "Дана Екінші").await;
    let id = begin(&second);
    let mut at = 0;
    for _ in 0..2 {
        at = send(&id, at)["offset"].as_u64().map(|o| usize::try_from(o).unwrap()).unwrap();
    }
    let took_last = nginx.last_upstream();
    let survivor = if took_last == upstream(a.port) {
        a.kill_9();
        upstream(b.port)
    } else {
        b.kill_9();
        upstream(a.port)
    };
    let done = loop {
        let answer = send(&id, at);
        assert!(nginx.last_upstream().ends_with(&survivor), "after the kill only the survivor answers: {}", nginx.last_upstream());
        if answer["done"] == true {
            break answer;
        }
        at = answer["offset"].as_u64().map(|o| usize::try_from(o).unwrap()).unwrap();
    };
    let file = done["file"]["id"].as_str().unwrap().to_owned();
    let (status, got) = nginx.request("GET", &format!("/files/{file}"), &[("Cookie", &parent)], None);
    assert_eq!((status, hex::encode(Sha256::digest(&got))), (200, sha.clone()), "byte-identical after the kill");
    let (status, body) = nginx.call("submit_entry", &[("id", &second)], &parent);
    assert_eq!(status, 200, "{body}");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM entry_file f JOIN entry e ON e.entry_id = f.entry_id WHERE e.public_id = $1", &second).await, 1, "one file");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM entry WHERE public_id = $1 AND receipt_no IS NOT NULL AND state = 'submitted'", &second).await, 1, "one receipt");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM entry WHERE title = $1", "Екі сервердегі ертегі").await, 2, "one entry each");
    // One copy of the bytes in the bucket, no piece left.
    assert_eq!(bucket.list("blobs").await.unwrap().iter().filter(|o| o.key.ends_with(&sha)).count(), 1);
    assert!(bucket.list("uploads").await.unwrap().is_empty(), "no piece left in the bucket");
}

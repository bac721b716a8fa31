//! Test harness: a fresh SQLite file and the real router per test, driven in-process;
//! a cookie jar; a real SMTP receiver speaking the protocol over TCP.
#![allow(clippy::expect_used, reason = "test code stops at the first broken step and names it")]

pub mod fixtures;
pub mod garage;
pub mod pg;
pub mod smtp;

use app::backend::clock::{Clock as _, FixedClock};
use app::backend::db::Engine;
use app::backend::{AppState, Config};
use axum::Router;
use axum::body::Body;
use http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt as _;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;
use tower::ServiceExt as _;

/// The engine the tests run on: `BAIQAU_TEST_ENGINE=postgres` runs every test against the
/// tests' own PostgreSQL (a fresh database per test); SQLite (a fresh file) otherwise.
pub fn engine() -> Engine {
    match std::env::var("BAIQAU_TEST_ENGINE").as_deref() {
        Ok("postgres") => Engine::Postgres,
        Ok("sqlite") | Err(_) => Engine::Sqlite,
        Ok(other) => panic!("BAIQAU_TEST_ENGINE={other}: sqlite or postgres"),
    }
}

/// Runs `script` with `sh` (`runner`: `/bin/sh`, or `/bin/sh` as another user) and the
/// arguments `program dir <this process's pid>`: the script starts a server and stops it,
/// removing `dir`, once this process is gone (test binaries exit without running
/// destructors). Used for the tests' own PostgreSQL and Garage.
pub(crate) fn spawn_watched(mut runner: std::process::Command, script: &str, program: &std::path::Path, dir: &std::path::Path) -> std::io::Result<()> {
    use std::process::Stdio;
    runner
        .args(["-c", script, "sh"])
        .arg(program)
        .arg(dir)
        .arg(std::process::id().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(|_| ())
}

/// Where the tests' files are kept: `BAIQAU_TEST_STORAGE=garage` puts every test's files in
/// the tests' own Garage (a prefix of its own per test); the test's data directory
/// otherwise.
pub fn garage_storage() -> bool {
    match std::env::var("BAIQAU_TEST_STORAGE").as_deref() {
        Ok("garage") => true,
        Ok("local") | Err(_) => false,
        Ok(other) => panic!("BAIQAU_TEST_STORAGE={other}: local or garage"),
    }
}

/// 2026-11-26T09:00:00Z, a Thursday afternoon in Öskemen.
pub const T0: i64 = 1_795_683_600;

pub struct TestApp {
    pub state: AppState,
    /// The same database for the tests' own statements (portable SQL: `$1`, `TRUE`),
    /// whichever engine the app runs on.
    pub sql: sqlx::AnyPool,
    pub router: Router,
    pub clock: FixedClock,
    pub dir: tempfile::TempDir,
    /// Why this test leaves data that breaks a rule on purpose (the invariant checker then
    /// does not run when it ends; see [`TestApp::breaks_rules`]).
    broken_on_purpose: std::sync::Mutex<Option<&'static str>>,
}

#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body exactly as sent (files, spreadsheets).
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok().map(str::to_owned)).collect()
    }

    /// The value of cookie `name` set by this response, if any.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookies().iter().find_map(|c| {
            let first = c.split(';').next()?;
            let (k, v) = first.split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// Text of every element matching `selector`, whitespace-trimmed.
    pub fn select_text(&self, selector: &str) -> Vec<String> {
        let doc = scraper::Html::parse_document(&self.body);
        let sel = scraper::Selector::parse(selector).unwrap_or_else(|e| panic!("bad selector {selector}: {e:?}"));
        doc.select(&sel).map(|e| e.text().collect::<String>().trim().to_owned()).collect()
    }

    pub fn select_attr(&self, selector: &str, attr: &str) -> Vec<String> {
        let doc = scraper::Html::parse_document(&self.body);
        let sel = scraper::Selector::parse(selector).unwrap_or_else(|e| panic!("bad selector {selector}: {e:?}"));
        doc.select(&sel).filter_map(|e| e.value().attr(attr).map(str::to_owned)).collect()
    }
}

/// A browser's cookies, as far as these tests need them.
#[derive(Clone, Debug, Default)]
pub struct Jar {
    pub session: Option<String>,
    pub lang: Option<String>,
    /// A refused plain form's kept values (`baiqau_form`).
    pub form: Option<String>,
    /// The browser's known-browser token (`baiqau_known`).
    pub known: Option<String>,
    /// A login half-way, waiting for the second step's code (`baiqau_2fa`).
    pub challenge: Option<String>,
}

impl Jar {
    pub fn with_session(token: &str) -> Jar {
        Jar { session: Some(token.to_owned()), ..Jar::default() }
    }

    fn header(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(s) = &self.session {
            parts.push(format!("baiqau_session={s}"));
        }
        if let Some(l) = &self.lang {
            parts.push(format!("baiqau_lang={l}"));
        }
        if let Some(f) = &self.form {
            parts.push(format!("baiqau_form={f}"));
        }
        if let Some(k) = &self.known {
            parts.push(format!("baiqau_known={k}"));
        }
        if let Some(c) = &self.challenge {
            parts.push(format!("baiqau_2fa={c}"));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    /// Takes the cookies a response sets (a `Max-Age=0` one deletes).
    pub fn absorb(&mut self, res: &TestResponse) {
        for c in res.set_cookies() {
            let first = c.split(';').next().unwrap_or("");
            let Some((k, v)) = first.split_once('=') else { continue };
            let value = (!c.contains("Max-Age=0")).then(|| v.to_owned());
            match k {
                "baiqau_session" => self.session = value,
                "baiqau_lang" => self.lang = value,
                "baiqau_form" => self.form = value,
                "baiqau_known" => self.known = value,
                "baiqau_2fa" => self.challenge = value,
                _ => {}
            }
        }
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with_config(|_| {}).await
    }

    pub async fn with_config(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::for_data_dir(dir.path().to_path_buf());
        if engine() == Engine::Postgres {
            config.database_url = pg::cluster().fresh_database_url().await;
        }
        if garage_storage() {
            config.storage_url = Some(garage::cluster().fresh_url());
        }
        adjust(&mut config);
        let clock = FixedClock::at(T0);
        let options = LeptosOptions::builder().output_name("baiqau").site_root("target/site").build();
        let state = server::build_state(config, options, Arc::new(clock.clone())).await.expect("state");
        let router = server::router(state.clone());
        sqlx::any::install_default_drivers();
        let sql = sqlx::any::AnyPoolOptions::new().max_connections(2).connect(&state.config.database_url).await.expect("the tests' own connection");
        TestApp { state, sql, router, clock, dir, broken_on_purpose: std::sync::Mutex::new(None) }
    }

    /// Says that this test breaks a rule of the data on purpose (to see it caught): the
    /// invariant checker does not run when it ends.
    pub fn breaks_rules(&self, why: &'static str) {
        if let Ok(mut b) = self.broken_on_purpose.lock() {
            *b = Some(why);
        }
    }

    /// A second instance of the app on this one's database and store: its own process state
    /// (caches, address windows, leases' holder), its own data directory and clock.
    pub async fn another_instance(&self) -> TestApp {
        let url = self.state.config.database_url.clone();
        let store = self.state.config.storage_url.clone().unwrap_or_else(|| self.dir.path().join("store").display().to_string());
        let other = TestApp::with_config(|c| {
            c.database_url = url;
            c.storage_url = Some(store);
        })
        .await;
        other.clock.set(self.clock.now());
        other
    }

    /// The keys in the app's store under `prefix` (`blobs`, `uploads`…), sorted.
    pub async fn stored_keys(&self, prefix: &str) -> Vec<String> {
        self.state.storage.list(prefix).await.expect("list the store").into_iter().map(|o| o.key).collect()
    }

    pub async fn send(&self, req: Request<Body>) -> TestResponse {
        let res = self.router.clone().oneshot(req).await.expect("router is infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
    }

    pub async fn get(&self, path: &str, jar: &Jar) -> TestResponse {
        let mut b = Request::builder().method(Method::GET).uri(path).header(header::ACCEPT, "text/html");
        if let Some(c) = jar.header() {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::empty()).expect("request")).await
    }

    /// Any request with the jar's cookies, as the site's own page would send it.
    pub async fn request(&self, method: &str, path: &str, jar: &Jar, headers: &[(&str, &str)], body: Vec<u8>) -> TestResponse {
        let mut b = Request::builder().method(method).uri(path).header("sec-fetch-site", "same-origin");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        if let Some(c) = jar.header() {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::from(body)).expect("request")).await
    }

    /// Posts a server function's form the way a browser without JavaScript does: a plain
    /// form post from `page` (its Referer), answered with a redirect.
    pub async fn post_form(&self, endpoint: &str, form: &[(&str, &str)], jar: &Jar, page: &str) -> TestResponse {
        let referer = format!("http://127.0.0.1:3000{page}");
        self.call_with(endpoint, form, jar, &[("sec-fetch-site", "same-origin"), ("accept", "text/html,application/xhtml+xml"), ("referer", &referer)]).await
    }

    /// Calls a server function the way the hydrated page does (fetch, same origin).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)], jar: &Jar) -> TestResponse {
        self.call_with(endpoint, form, jar, &[("sec-fetch-site", "same-origin"), ("accept", "application/json")]).await
    }

    pub async fn call_with(&self, endpoint: &str, form: &[(&str, &str)], jar: &Jar, headers: &[(&str, &str)]) -> TestResponse {
        let body = serde_urlencoded_encode(form);
        let mut b = Request::builder()
            .method(Method::POST)
            .uri(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        if let Some(c) = jar.header() {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::from(body)).expect("request")).await
    }

    /// Registers an entrant through the server function and confirms the address with the
    /// link from the mail it queued, as the owner of the inbox would; returns the jar.
    pub async fn register(&self, email: &str, name: &str, password: &str) -> Jar {
        let jar = self.register_unconfirmed(email, name, password).await;
        let token = self.confirmation_token(email).await;
        let res = self.call("confirm_email", &[("token", &token)], &jar).await;
        assert_eq!(res.status, StatusCode::OK, "confirm {email}: {}", res.body);
        assert_eq!(res.header("location"), Some("/account?confirmed=1"));
        jar
    }

    /// Registers an entrant through the server function, leaving the address unconfirmed.
    pub async fn register_unconfirmed(&self, email: &str, name: &str, password: &str) -> Jar {
        let res = self.call("register", &[("email", email), ("display_name", name), ("password", password)], &Jar::default()).await;
        assert_eq!(res.status, StatusCode::OK, "register {email}: {}", res.body);
        let mut jar = Jar::default();
        jar.absorb(&res);
        assert!(jar.session.is_some(), "register sets a session cookie");
        jar
    }

    /// The token of the newest confirmation link queued for `email` (read from the outbox).
    pub async fn confirmation_token(&self, email: &str) -> String {
        let body: String = sqlx::query_scalar("SELECT body_text FROM outbox WHERE to_addr = $1 AND body_text LIKE '%/email/confirm?token=%' ORDER BY outbox_id DESC LIMIT 1")
            .bind(email.trim().to_lowercase())
            .fetch_one(&self.sql)
            .await
            .expect("a confirmation mail");
        link_token(&body, "/email/confirm?token=")
    }

    pub async fn login(&self, email: &str, password: &str) -> TestResponse {
        self.call("login", &[("email", email), ("password", password)], &Jar::default()).await
    }

    /// Creates an account with a role directly in the database and logs it in.
    pub async fn account_with_role(&self, email: &str, role: app::domain::Role) -> Jar {
        let jar = self.register(email, "Test Person", "correct horse battery").await;
        sqlx::query("UPDATE account SET role = $1 WHERE email = $2")
            .bind(role.as_str())
            .bind(email)
            .execute(&self.sql)
            .await
            .expect("set role");
        jar
    }

    pub async fn count(&self, sql: &'static str) -> i64 {
        sqlx::query_scalar(sql).fetch_one(&self.sql).await.expect("count query")
    }
}

/// `application/x-www-form-urlencoded`, as browsers send it.
pub fn serde_urlencoded_encode(form: &[(&str, &str)]) -> String {
    fn enc(s: &str) -> String {
        let mut out = String::new();
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(b as char),
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }
    form.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

/// After every integration test, the invariant checker (`app::service::check`, what
/// `baiqau check` runs) over what the test left: its database and its store, through a
/// state of its own on a runtime of its own (the test's is ending). A test that failed is
/// not checked again; one that breaks a rule on purpose says so ([`TestApp::breaks_rules`]).
impl Drop for TestApp {
    fn drop(&mut self) {
        if std::thread::panicking() || self.broken_on_purpose.lock().map(|b| b.is_some()).unwrap_or(true) {
            return;
        }
        let config = (*self.state.config).clone();
        let options = self.state.leptos_options.clone();
        let now = self.clock.now();
        let checked = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime for the check");
            rt.block_on(async move {
                let state = server::build_state(config, options, Arc::new(FixedClock::at(now))).await.expect("the state, for the check");
                let findings = app::service::check::invariants(&state).await;
                state.db.close().await;
                findings
            })
        })
        .join();
        let findings = match checked {
            Ok(Ok(f)) => f,
            Ok(Err(e)) => panic!("the invariant checker could not run: {e:?}"),
            Err(_) => panic!("the invariant checker panicked"),
        };
        let lines: Vec<String> = findings.iter().map(|f| format!("  {}: {}", f.rule, f.detail)).collect();
        assert!(lines.is_empty(), "the test left data that breaks the rules:\n{}", lines.join("\n"));
    }
}

/// The token that follows `prefix` in a mail's text.
pub fn link_token(body: &str, prefix: &str) -> String {
    body.split(prefix).nth(1).and_then(|s| s.split_whitespace().next()).expect("a link in the mail").to_owned()
}

/// The text body of a simple lettre message (quoted-printable or base64).
pub fn decode_mail_body(raw: &str) -> String {
    let normalized = raw.replace("\r\n", "\n");
    let (headers, body) = normalized.split_once("\n\n").unwrap_or(("", &normalized));
    if headers.to_ascii_lowercase().contains("content-transfer-encoding: base64") {
        use base64::Engine as _;
        let compact: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD.decode(compact).expect("a base64 body");
        String::from_utf8(bytes).expect("a UTF-8 body")
    } else if headers.to_ascii_lowercase().contains("quoted-printable") {
        let joined = body.replace("=\n", "");
        let mut out = Vec::new();
        let bytes = joined.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'=' && i + 2 < bytes.len()
                && let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                    out.push(b);
                    i += 3;
                    continue;
                }
            out.push(bytes[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    } else {
        body.to_owned()
    }
}

pub mod telegram;

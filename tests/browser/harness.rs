//! Starts the built server and chromedriver on free loopback ports, and wraps fantoccini
//! with waits that fail with a clear message instead of hanging.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Map, Value, json};
use std::net::TcpListener;
use std::path::PathBuf;
use std::os::unix::process::CommandExt as _;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

pub(crate) fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The build the browser tests drive: `release` (what users get; `scripts/test` builds it)
/// unless `BAIQAU_TEST_PROFILE=debug`.
fn profile() -> String {
    std::env::var("BAIQAU_TEST_PROFILE").unwrap_or_else(|_| "release".to_owned())
}

pub(crate) fn binary() -> PathBuf {
    workspace().join("target").join(profile()).join("baiqau")
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

pub(crate) async fn wait_for_http(url: &str, what: &str, child: &mut Child) {
    let start = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited early with {status}");
        }
        if let Ok(mut s) = std::net::TcpStream::connect(url.trim_start_matches("http://")) {
            use std::io::{Read, Write};
            let _ = s.write_all(b"GET /healthz HTTP/1.0\r\n\r\n");
            let mut buf = [0u8; 12];
            if s.read(&mut buf).is_ok() {
                return;
            }
        }
        assert!(start.elapsed() < WAIT, "{what} did not start at {url}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The real binary with a fresh data directory.
pub struct Server {
    child: Child,
    port: u16,
    /// Settings beyond the defaults (a Telegram bot…), kept for a restart.
    env: Vec<(String, String)>,
    _dir: tempfile::TempDir,
    /// Browser tests take turns: each drives a real Chromium against a real server, and the
    /// throttled-network and autosave timings assume they have the machine to themselves.
    /// Dropped last, after the server has stopped.
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

/// An async lock (each test has its own runtime; a waiting test yields its thread), and one
/// that a test failing while it holds its turn does not poison for the next.
static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The machine to this test alone (see `Server::_turn`).
pub(crate) async fn take_turn() -> tokio::sync::MutexGuard<'static, ()> {
    TURN.lock().await
}

impl Server {
    pub async fn start() -> Server {
        Self::start_with(&[]).await
    }

    /// A server with these settings (environment variables) besides the defaults.
    pub async fn start_with(env: &[(&str, &str)]) -> Server {
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let turn = take_turn().await;
        let exe = binary();
        assert!(exe.exists(), "{} is missing: run `cargo leptos build --release --precompress --split` first (scripts/test does)", exe.display());
        let site = workspace().join("target/site");
        assert!(site.join("hash.txt").exists(), "the site is missing: run `cargo leptos build --split` first");
        let dir = tempfile::tempdir().expect("temp dir");
        let port = free_port();
        let child = Self::spawn(dir.path(), port, &env).await;
        Server { child, port, env, _dir: dir, _turn: turn }
    }

    async fn spawn(data: &std::path::Path, port: u16, env: &[(String, String)]) -> Child {
        let mut child = Command::new(binary())
            .arg("serve")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .env("BAIQAU_DATA_DIR", data)
            .env("BAIQAU_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", workspace().join("target/site"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("start baiqau");
        wait_for_http(&format!("127.0.0.1:{port}"), "baiqau", &mut child).await;
        child
    }

    /// Stops the server: every connection to it is refused, the browser's service worker's
    /// included (a network cut that DevTools' offline mode, which covers the page only,
    /// does not make).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts it again, on the same port with the same data.
    pub async fn restart(&mut self) {
        self.child = Self::spawn(self._dir.path(), self.port, &self.env).await;
    }

    /// Its data directory (the database, the store), for a test that puts works there while
    /// it is stopped.
    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// The link starting with `prefix` in the newest mail to `to`, as the server wrote it to
    /// its mail folder (it has no SMTP server here); waits up to 20 s for the sender.
    pub async fn mail_link(&self, to: &str, prefix: &str) -> String {
        let folder = self._dir.path().join("mail");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&folder).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
            files.sort();
            for f in files.iter().rev() {
                let raw = std::fs::read_to_string(f).unwrap_or_default();
                let body = baiqau_tests::decode_mail_body(&raw);
                // `To: Name <address>`, or the bare address for a mail without a name.
                let to_them = raw.contains(&format!("<{to}>")) || raw.lines().any(|l| l.trim_end() == format!("To: {to}"));
                if to_them && body.contains(prefix) {
                    let tail = baiqau_tests::link_token(&body, prefix);
                    return format!("{prefix}{tail}");
                }
            }
            assert!(Instant::now() < deadline, "no mail to {to} with {prefix} in {}", folder.display());
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Its SQLite database, to read what the browser's requests left there.
    pub async fn database(&self) -> sqlx::SqlitePool {
        let url = format!("sqlite://{}?mode=ro", self._dir.path().join("baiqau.db").display());
        sqlx::SqlitePool::connect(&url).await.expect("the server's database")
    }

    /// Its SQLite database for writing: only to seed in bulk what a test cannot make through
    /// the pages in reasonable time (the server's own writes go on beside it, as SQLite allows).
    pub async fn database_for_seeding(&self) -> sqlx::SqlitePool {
        let url = format!("sqlite://{}", self._dir.path().join("baiqau.db").display());
        sqlx::SqlitePool::connect(&url).await.expect("the server's database")
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Loads the demo contests (`baiqau demo`) into this server's database; returns the demo
    /// accounts' (email, password) as printed.
    pub fn demo(&self) -> Vec<(String, String)> {
        let out = Command::new(binary())
            .arg("demo")
            .env("BAIQAU_DATA_DIR", self._dir.path())
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .output()
            .expect("run demo");
        assert!(out.status.success(), "demo failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| {
                let (left, password) = l.split_once("password: ")?;
                Some((left.split_whitespace().nth(1)?.to_owned(), password.trim().to_owned()))
            })
            .collect()
    }

    /// Runs `baiqau create-admin` against this server's database and returns the one-time
    /// link it prints.
    pub fn create_admin(&self, email: &str) -> String {
        let out = Command::new(binary())
            .args(["create-admin", "--email", email])
            .env("BAIQAU_DATA_DIR", self._dir.path())
            .env("BAIQAU_PUBLIC_URL", self.url(""))
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .output()
            .expect("run create-admin");
        let stdout = String::from_utf8_lossy(&out.stdout);
        stdout.lines().find(|l| l.contains("/password/reset?token=")).expect("one-time link").trim().to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Browser {
    client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
    allowed: std::sync::Mutex<Vec<String>>,
}

impl Browser {
    /// A fresh headless Chromium with the given JavaScript setting and Accept-Language.
    pub async fn open(javascript: bool, lang: &str) -> Browser {
        let port = free_port();
        // Its own process group, so that dropping the browser ends Chromium too.
        let mut driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed (Debian package chromium-driver)");
        wait_for_http(&format!("127.0.0.1:{port}"), "chromedriver", &mut driver).await;
        let profile = tempfile::tempdir().expect("profile dir");
        let mut prefs = Map::new();
        prefs.insert("intl.accept_languages".into(), json!(lang));
        if !javascript {
            prefs.insert("profile.managed_default_content_settings.javascript".into(), json!(2));
        }
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
            &format!("--lang={lang}"),
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut caps = Map::new();
        // The browser's console and network log, read after every page (see `check_log`).
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": "/usr/bin/chromium", "args": args, "prefs": Value::Object(prefs) }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("webdriver session");
        // Chromium logs a WASM panic under the script's address, not the page's: every page
        // also says where it was (and how far it had got) when an uncaught error reached it.
        let where_script = "const report = () => console.error('uncaught error on ' + location.href + ' (document ' + document.readyState + ', hydrated: ' + !!(document.body && document.body.dataset.hydrated) + ')'); addEventListener('error', report); addEventListener('unhandledrejection', report);";
        client
            .issue_cmd(Chromedriver("goog/cdp/execute", json!({ "cmd": "Page.addScriptToEvaluateOnNewDocument", "params": { "source": where_script } })))
            .await
            .expect("page error reporter");
        Browser { client, driver, _profile: profile, allowed: std::sync::Mutex::new(Vec::new()) }
    }

    /// Opens a page, after checking that the one before it raised no error.
    pub async fn goto(&self, url: &str) {
        self.check_log().await;
        self.client.goto(url).await.unwrap_or_else(|e| panic!("goto {url}: {e}"));
    }

    /// Expects a logged error containing `part` (a page that is meant to answer 404, say):
    /// it no longer fails the test. Every other one still does.
    pub fn allow_error(&self, part: &str) {
        self.allowed.lock().expect("allowed errors").push(part.to_owned());
    }

    /// Fails the test on any page error, console error or failed request logged since the
    /// last look: an uncaught exception or a WASM panic (the release build's crash on load
    /// was one), `console.error`, a resource answered with 4xx/5xx or not at all.
    pub async fn check_log(&self) {
        let errors = self.logged_errors().await;
        assert!(errors.is_empty(), "the page logged errors:\n{}", errors.join("\n"));
    }

    /// The errors logged since the last look that the test did not declare.
    async fn logged_errors(&self) -> Vec<String> {
        let entries = match self.client.issue_cmd(Chromedriver("se/log", json!({ "type": "browser" }))).await {
            Ok(Value::Array(entries)) => entries,
            Ok(other) => panic!("browser log: unexpected answer {other}"),
            Err(e) => panic!("browser log: {e}"),
        };
        let allowed = self.allowed.lock().expect("allowed errors").clone();
        entries
            .iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| format!("[{}] {}", e["source"].as_str().unwrap_or("?"), e["message"].as_str().unwrap_or("")))
            .filter(|m| !allowed.iter().any(|a| m.contains(a.as_str())))
            .collect()
    }

    pub async fn current_url(&self) -> String {
        self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default()
    }

    pub async fn resize(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.expect("resize");
    }

    async fn eventually<T, F, Fut>(&self, what: &str, mut f: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        let start = Instant::now();
        loop {
            if let Some(v) = f().await {
                return v;
            }
            if start.elapsed() > WAIT {
                let url = self.current_url().await;
                let source = self.client.source().await.unwrap_or_default();
                let main = source.split("<main").nth(1).unwrap_or(&source);
                let errors = self.logged_errors().await.join("\n");
                panic!("timed out waiting for {what} on {url}\nthe page logged: {errors}\n{}", main.chars().take(3000).collect::<String>());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the WASM has hydrated the page (the frontend marks `<body>` when done).
    /// The paths of the files this page has loaded (Resource Timing), in load order.
    pub async fn loaded_files(&self) -> Vec<String> {
        let got = self.script_value("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);").await;
        serde_json::from_value(got).unwrap_or_else(|e| panic!("resources loaded: {e}"))
    }

    /// The `href` of every element matching `css`, in page order.
    pub async fn links(&self, css: &str) -> Vec<String> {
        let got = self.script_value(&format!("return [...document.querySelectorAll('{css}')].map(a => a.getAttribute('href'))")).await;
        serde_json::from_value(got).unwrap_or_else(|e| panic!("links {css}: {e}"))
    }

    /// A phone: Kazakh, JavaScript on, 360 px wide.
    pub async fn phone() -> Browser {
        let b = Browser::open(true, "kk").await;
        b.resize(360, 800).await;
        b
    }

    /// Opens the header's menu when the page shows it folded (a phone's width); a no-op on
    /// wider screens, where the navigation and the languages are always there.
    pub async fn open_menu(&self) {
        let folded = self
            .script_value("const b = document.querySelector('.menu-button'); return !!b && getComputedStyle(b).display !== 'none' && !document.getElementById('menu-toggle').checked")
            .await;
        if folded == json!(true) {
            self.click(".menu-button").await;
        }
    }

    /// Switches the page's language with the header's buttons, and waits for the page the
    /// form's answer loads: the old page, marked before the click, is no sign of it (choosing
    /// the language already shown still posts the form and reloads).
    pub async fn choose_lang(&self, code: &str) {
        self.open_menu().await;
        self.script("document.documentElement.dataset.leaving = '1';").await;
        self.click(&format!(".lang-switch button[value={code}]")).await;
        self.eventually(&format!("the page in {code} after choosing it"), || async {
            let left = self
                .client
                .execute("return document.readyState !== 'loading' && !document.documentElement.dataset.leaving && document.documentElement.lang", vec![])
                .await
                .ok()?;
            (left == json!(code)).then_some(())
        })
        .await
    }

    /// Logs out with the header's button.
    pub async fn log_out(&self) {
        self.open_menu().await;
        self.click("nav .link-button").await;
    }

    pub async fn wait_hydrated(&self) {
        self.wait_present("body[data-hydrated]").await;
    }

    pub async fn wait_present(&self, css: &str) {
        self.eventually(css, || async { self.client.find(Locator::Css(css)).await.ok().map(|_| ()) }).await
    }

    /// The text of the first visible element matching `css`, once it is non-empty.
    pub async fn wait_text(&self, css: &str) -> String {
        self.eventually(css, || async {
            let el = self.client.find(Locator::Css(css)).await.ok()?;
            if !el.is_displayed().await.ok()? {
                return None;
            }
            let text = el.text().await.ok()?;
            (!text.trim().is_empty()).then(|| text.trim().to_owned())
        })
        .await
    }

    /// Waits until the address holds `part` (a form sent with GET, or sent back with its
    /// error): an element of the same page before it went is no sign the new one came.
    pub async fn wait_url_contains(&self, part: &str) {
        self.eventually(&format!("url with {part}"), || async {
            let url = self.client.current_url().await.ok()?;
            url.as_str().contains(part).then_some(())
        })
        .await
    }

    pub async fn wait_path(&self, path: &str) {
        self.eventually(&format!("path {path}"), || async {
            let url = self.client.current_url().await.ok()?;
            (url.path() == path).then_some(())
        })
        .await
    }

    pub async fn html_lang(&self) -> String {
        let html = self.client.find(Locator::Css("html")).await.expect("html");
        html.attr("lang").await.ok().flatten().unwrap_or_default()
    }

    pub async fn wait_lang(&self, code: &str) {
        self.eventually(&format!("<html lang={code}>"), || async {
            let html = self.client.find(Locator::Css("html")).await.ok()?;
            (html.attr("lang").await.ok()?? == code).then_some(())
        })
        .await
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let el = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        el.clear().await.expect("clear");
        el.send_keys(text).await.expect("type");
    }

    pub async fn click(&self, css: &str) {
        let el = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        el.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = workspace().join("target/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        std::fs::write(dir.join(name), png).expect("write screenshot");
    }

    /// Checks the last page's log, then ends the browser: `Drop` stops chromedriver and
    /// Chromium (a WebDriver `close` on a client that still has clones waits for them, so it
    /// is not used).
    pub async fn close(self) {
        self.check_log().await;
        drop(self);
    }

    /// Runs a script in the page (for what WebDriver cannot type, like date pickers).
    pub async fn script(&self, js: &str) {
        self.client.execute(js, vec![]).await.unwrap_or_else(|e| panic!("script {js}: {e}"));
    }

    /// Runs an asynchronous script (it calls `arguments[0]` with its result).
    pub async fn script_async(&self, js: &str) -> serde_json::Value {
        self.client.execute_async(js, vec![]).await.unwrap_or_else(|e| panic!("script {js}: {e}"))
    }

    /// Runs a script and returns what it returns.
    pub async fn script_value(&self, js: &str) -> serde_json::Value {
        self.client.execute(js, vec![]).await.unwrap_or_else(|e| panic!("script {js}: {e}"))
    }

    /// A DevTools command (`Network.clearBrowserCache`, `Emulation.setCPUThrottlingRate`…).
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.client
            .issue_cmd(Chromedriver("goog/cdp/execute", json!({ "cmd": cmd, "params": params })))
            .await
            .unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }

    /// Waits until the page's service worker is active (the judge's pages register one as
    /// they load): one still installing when it is forgotten would come back and fetch on
    /// the next page's behalf.
    pub async fn service_worker_active(&self) {
        let state = self
            .script_async(
                "const done = arguments[arguments.length - 1];\
                 setTimeout(() => done('not active after 20 s'), 20000);\
                 navigator.serviceWorker.ready.then((r) => {\
                   const w = r.active;\
                   if (w.state === 'activated') { done('activated'); return; }\
                   w.addEventListener('statechange', () => { if (w.state === 'activated') done('activated'); });\
                 });",
            )
            .await;
        assert_eq!(state, json!("activated"), "the page's service worker");
    }

    /// Unregisters the origin's service workers and drops what they kept. The judge's pages
    /// run one, and its own fetches are neither throttled by the network emulation nor seen
    /// by the page's Resource Timing: a measured visit is one without it.
    pub async fn forget_service_workers(&self, url: &str) {
        let origin = url.split('/').take(3).collect::<Vec<_>>().join("/");
        self.cdp("Storage.clearDataForOrigin", json!({ "origin": origin, "storageTypes": "service_workers,cache_storage" })).await;
    }

    /// Emulates a network: `None` lifts the limits; `Some((down, up, latency))` in bytes per
    /// second and milliseconds; `offline` cuts it.
    pub async fn network(&self, limits: Option<(u64, u64, u64)>, offline: bool) {
        let conditions = match limits {
            Some((down, up, latency)) => json!({ "offline": offline, "latency": latency, "download_throughput": down, "upload_throughput": up }),
            None => json!({ "offline": offline, "latency": 0, "download_throughput": -1, "upload_throughput": -1 }),
        };
        self.client.issue_cmd(Chromedriver("chromium/network_conditions", json!({ "network_conditions": conditions }))).await.expect("network conditions");
    }

    /// Chooses a local file in an `<input type=file>`.
    pub async fn choose_file(&self, css: &str, path: &std::path::Path) {
        let el = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        el.send_keys(&path.display().to_string()).await.expect("choose file");
    }

    /// Limits the browser's upload speed (bytes per second), or lifts the limit (None):
    /// Chromium's network emulation, through chromedriver.
    pub async fn throttle_upload(&self, bytes_per_sec: Option<u64>) {
        self.network(bytes_per_sec.map(|b| (50_000_000, b, 5)), false).await;
    }

    /// Presses ↑ (`up`) or ↓ in a field, `times` times.
    pub async fn press_arrow(&self, css: &str, up: bool, times: usize) {
        let el = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        let key = if up { "\u{E013}" } else { "\u{E015}" };
        el.send_keys(&key.repeat(times)).await.expect("arrow key");
    }

    /// Presses Enter in a field.
    pub async fn send_enter(&self, css: &str) {
        let el = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        el.send_keys("\u{E007}").await.expect("enter");
    }

    /// Waits until the element's text is exactly `want`.
    pub async fn wait_text_is(&self, css: &str, want: &str) {
        self.eventually(&format!("{css} = {want:?}"), || async {
            let el = self.client.find(Locator::Css(css)).await.ok()?;
            (el.text().await.ok()?.trim() == want).then_some(())
        })
        .await
    }

    pub async fn text_now(&self, css: &str) -> String {
        match self.client.find(Locator::Css(css)).await {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }
}

/// A POST to one of chromedriver's extensions of WebDriver, under the session:
/// `chromium/network_conditions`, `goog/cdp/execute` (a DevTools command), `se/log`
/// (Chromium's log since the last call).
#[derive(Debug)]
struct Chromedriver(&'static str, Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Chromedriver {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/{}", session.unwrap_or_default(), self.0))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.1.to_string()))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Chromium runs under chromedriver in one process group: end them all, even when a
        // test failed before `close`.
        let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", self.driver.id())]).status();
        let _ = self.driver.wait();
    }
}

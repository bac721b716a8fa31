//! A throwaway PostgreSQL server for the tests: `initdb` in a temporary directory, listening
//! only on a Unix socket in that directory, one per test process, gone when the process
//! ends (a watcher stops it and removes the directory). Never the machine's own service.
//! The binaries come from Debian's `postgresql` package (`scripts/setup` installs it). The
//! server's log of the last run is kept as `/tmp/baiqau-tests-postgres.log`.

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The running server: where its socket is.
pub struct Cluster {
    dir: PathBuf,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

/// The process's server, started on first use. Panics with what is missing when PostgreSQL
/// cannot be started (the README's test command installs it).
pub fn cluster() -> &'static Cluster {
    match CLUSTER.get_or_init(start) {
        Ok(c) => c,
        Err(e) => panic!("PostgreSQL for the tests: {e} (scripts/setup --browser installs Debian's postgresql)"),
    }
}

/// Debian keeps the server's programs out of `PATH`: the newest `/usr/lib/postgresql/N/bin`.
fn bin_dir() -> Result<PathBuf, String> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|e| format!("/usr/lib/postgresql: {e}"))?
        .filter_map(|d| d.ok())
        .filter_map(|d| Some((d.file_name().to_str()?.parse().ok()?, d.path().join("bin"))))
        .filter(|(v, bin): &(u32, PathBuf)| *v >= 15 && bin.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).ok_or_else(|| "no PostgreSQL 15 or newer under /usr/lib/postgresql".to_owned())
}

/// Whether the tests run as root (asked once).
fn root() -> bool {
    static ROOT: OnceLock<bool> = OnceLock::new();
    *ROOT.get_or_init(|| Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n")))
}

/// The server refuses to run as root: as root, it runs as Debian's `postgres` user.
fn as_server_user(program: &Path) -> Command {
    if root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn start() -> Result<Cluster, String> {
    let bin = bin_dir()?;
    let dir = tempfile::Builder::new().prefix("baiqau-pg-").tempdir().map_err(|e| e.to_string())?.keep();
    if root() {
        let ok = Command::new("chown").args(["postgres:postgres"]).arg(&dir).status().is_ok_and(|s| s.success());
        if !ok {
            return Err(format!("chown postgres {}", dir.display()));
        }
    }
    let data = dir.join("data");
    let init = as_server_user(&bin.join("initdb"))
        .args(["-U", "baiqau", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "-D"])
        .arg(&data)
        .stdout(Stdio::null())
        .output()
        .map_err(|e| format!("initdb: {e}"))?;
    if !init.status.success() {
        return Err(format!("initdb: {}", String::from_utf8_lossy(&init.stderr)));
    }
    // The server, and a watcher that stops it and removes the directory once this process
    // is gone (test binaries exit without running destructors).
    let script = r#"
        "$1/postgres" -D "$2/data" -k "$2" -c listen_addresses= -c fsync=off -c synchronous_commit=off \
            -c full_page_writes=off -c max_connections=200 >"$2/server.log" 2>&1 &
        server=$!
        while [ -d "/proc/$3" ]; do sleep 1; done
        kill -INT "$server"; wait "$server"
        cp "$2/server.log" /tmp/baiqau-tests-postgres.log 2>/dev/null; rm -rf "$2"
    "#;
    crate::spawn_watched(as_server_user(Path::new("/bin/sh")), script, &bin, &dir).map_err(|e| format!("starting postgres: {e}"))?;
    let socket = dir.join(".s.PGSQL.5432");
    let started = Instant::now();
    while !socket.exists() {
        if started.elapsed() > Duration::from_secs(30) {
            let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
            return Err(format!("no socket after 30 s: {log}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(Cluster { dir })
}

impl Cluster {
    fn options(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new().socket(&self.dir).port(5432).username("baiqau").database(database)
    }

    /// The URL of a new, empty database with a name unique in this process.
    pub async fn fresh_database_url(&self) -> String {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let name = format!("t{}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        self.database(&name).await.close().await;
        format!("postgres://baiqau@localhost/{name}?host={}", self.dir.display())
    }

    /// A new, empty database of its own (names are unique per process: the caller's).
    pub async fn database(&self, name: &str) -> PgPool {
        // Just after start-up the server may still refuse connections for a moment.
        let wait = Instant::now();
        let admin = loop {
            match PgPoolOptions::new().max_connections(1).connect_with(self.options("postgres")).await {
                Ok(pool) => break pool,
                Err(e) if wait.elapsed() > Duration::from_secs(10) => panic!("connect to postgres: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        };
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\""))).execute(&admin).await.expect("create database");
        admin.close().await;
        PgPoolOptions::new().max_connections(5).connect_with(self.options(name)).await.expect("connect to the new database")
    }
}

//! A throwaway Garage (S3-compatible object storage) for the tests: a single-node cluster in a
//! temporary directory on free local ports, with one bucket and one key, one per test
//! process, gone when the process ends (a watcher stops it and removes the directory). The
//! binary is installed from crates.io by `scripts/setup`. Each test gets a prefix of its
//! own in the bucket. The server's log of the last run is kept as
//! `/tmp/baiqau-tests-garage.log`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The running store: where to reach it and the key the tests use.
pub struct Garage {
    pub dir: PathBuf,
    pub s3_port: u16,
    pub bucket: String,
    pub key_id: String,
    pub secret: String,
}

static GARAGE: OnceLock<Result<Garage, String>> = OnceLock::new();

/// The process's store, started on first use. Panics with what is missing when Garage cannot
/// be started (the README's test command installs it).
pub fn cluster() -> &'static Garage {
    match GARAGE.get_or_init(|| start(&std::env::temp_dir())) {
        Ok(g) => g,
        Err(e) => panic!("Garage for the tests: {e} (scripts/setup --browser installs it)"),
    }
}

/// The `garage` program: on `PATH`, or where `cargo install` puts it.
pub fn binary() -> Result<PathBuf, String> {
    let on_path = std::env::var_os("PATH").into_iter().flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>()).map(|d| d.join("garage"));
    let cargo_home = std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    on_path
        .chain(cargo_home.map(|c| c.join("bin/garage")))
        .find(|p| p.is_file())
        .ok_or_else(|| "no garage program on PATH or in ~/.cargo/bin".to_owned())
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// Starts a single-node Garage under `parent` that stops when this process ends.
pub fn start(parent: &Path) -> Result<Garage, String> {
    let bin = binary()?;
    let dir = tempfile::Builder::new().prefix("baiqau-garage-").tempdir_in(parent).map_err(|e| e.to_string())?.keep();
    let (rpc, s3, admin) = (free_port()?, free_port()?, free_port()?);
    let secret_bytes: [u8; 32] = std::array::from_fn(|i| u8::try_from((i * 37 + usize::from(rpc.to_le_bytes()[0])) % 251).unwrap_or(0));
    let config = format!(
        "metadata_dir = \"{dir}/meta\"\ndata_dir = \"{dir}/data\"\ndb_engine = \"sqlite\"\nreplication_factor = 1\n\
         rpc_bind_addr = \"127.0.0.1:{rpc}\"\nrpc_public_addr = \"127.0.0.1:{rpc}\"\nrpc_secret = \"{secret}\"\n\
         [s3_api]\ns3_region = \"garage\"\napi_bind_addr = \"127.0.0.1:{s3}\"\nroot_domain = \".s3.garage.localhost\"\n\
         [admin]\napi_bind_addr = \"127.0.0.1:{admin}\"\n",
        dir = dir.display(),
        secret = hex::encode(secret_bytes),
    );
    let conf = dir.join("garage.toml");
    std::fs::write(&conf, config).map_err(|e| e.to_string())?;
    // The server, and a watcher that stops it and removes the directory once this process
    // is gone (test binaries exit without running destructors).
    let script = r#"
        "$1" -c "$2/garage.toml" server >"$2/server.log" 2>&1 &
        server=$!
        while [ -d "/proc/$3" ]; do sleep 1; done
        kill "$server"; wait "$server"
        cp "$2/server.log" /tmp/baiqau-tests-garage.log 2>/dev/null; rm -rf "$2"
    "#;
    crate::spawn_watched(Command::new("/bin/sh"), script, &bin, &dir).map_err(|e| format!("starting garage: {e}"))?;
    let garage = |args: &[&str]| -> Result<String, String> {
        let out = Command::new(&bin).arg("-c").arg(&conf).args(args).output().map_err(|e| format!("garage {args:?}: {e}"))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(format!("garage {args:?}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
        }
    };
    let started = Instant::now();
    let node = loop {
        match garage(&["node", "id", "-q"]) {
            Ok(id) => break id.trim().split('@').next().unwrap_or_default().to_owned(),
            Err(e) if started.elapsed() > Duration::from_secs(30) => {
                let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
                return Err(format!("{e}\n{log}"));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    // `node id` reads the key on disk and answers before the server listens: the first
    // command that talks to it is tried again until the server is up.
    loop {
        match garage(&["layout", "assign", "-z", "dc1", "-c", "1G", &node]) {
            Ok(_) => break,
            Err(e) if started.elapsed() > Duration::from_secs(30) => return Err(e),
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    garage(&["layout", "apply", "--version", "1"])?;
    let bucket = "baiqau-tests".to_owned();
    garage(&["bucket", "create", &bucket])?;
    // A key of a known shape (`GK` and 24 hex digits, a 64-digit secret), imported rather
    // than generated so nothing has to be read back from the tool's output.
    let key_id = format!("GK{}", &hex::encode(&secret_bytes[..12]));
    let secret = hex::encode(secret_bytes.iter().rev().copied().collect::<Vec<u8>>());
    garage(&["key", "import", "--yes", "-n", "baiqau-tests", &key_id, &secret])?;
    garage(&["bucket", "allow", "--read", "--write", "--owner", &bucket, "--key", &key_id])?;
    // The S3 endpoint answers once the layout is live.
    while std::net::TcpStream::connect(("127.0.0.1", s3)).is_err() {
        if started.elapsed() > Duration::from_secs(30) {
            return Err(format!("the S3 endpoint on port {s3} never answered"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(Garage { dir, s3_port: s3, bucket, key_id, secret })
}

impl Garage {
    /// `BAIQAU_STORAGE_URL` for the bucket, under `prefix`.
    pub fn url(&self, prefix: &str) -> String {
        format!("s3://{}:{}@{}/{prefix}?endpoint=http://127.0.0.1:{}&region=garage", self.key_id, self.secret, self.bucket, self.s3_port)
    }

    /// A URL with a prefix no other test in this process uses.
    pub fn fresh_url(&self) -> String {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        self.url(&format!("t{}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)))
    }
}

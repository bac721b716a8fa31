//! Run-time configuration, read once from the environment by the binary.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://…` or `postgres://…` URL of the database.
    pub database_url: String,
    /// Connections per process and how long a statement or a wait for a connection may take.
    pub db_pool: super::db::PoolSettings,
    /// Where the database (by default), mail files and uploads' local staging live.
    pub data_dir: PathBuf,
    /// `BAIQAU_STORAGE_URL`: where stored files live (`backend::storage::open`); None: the
    /// directory `data_dir/store`.
    pub storage_url: Option<String>,
    pub addr: SocketAddr,
    /// The address people use to reach the site, for links in mail. `https://` turns on
    /// `Secure` cookies with the `__Host-` prefix.
    pub public_url: String,
    /// `smtp://…` or `smtps://…`; without it, mail is written to `data_dir/mail`.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// `BAIQAU_TELEGRAM_TOKEN`: the bot's token from @BotFather; without it there is no
    /// Telegram channel.
    pub telegram_token: Option<String>,
    /// `BAIQAU_TELEGRAM_API`: where the Bot API answers (`https://api.telegram.org`, or a
    /// local Bot API server).
    pub telegram_api: String,
    /// Peers whose `X-Forwarded-For` is believed (a reverse proxy). Empty: nobody's.
    pub trusted_proxies: Vec<IpAddr>,
    /// Login, registration and reset attempts one address may make per 10 minutes.
    /// Generous: a whole school shares one address.
    pub ip_attempts_per_window: u32,
    /// How many argon2 hashes may run at once (each takes 19 MiB).
    pub hash_concurrency: usize,
    /// `/metrics` answers a request with `Authorization: Bearer <this>`…
    pub metrics_token: Option<String>,
    /// …or from one of these addresses (the client's address, behind trusted proxies the
    /// forwarded one). Neither set: `/metrics` is not there (404).
    pub metrics_addresses: Vec<IpAddr>,
    /// How slowly a request body (an upload's piece, a plain upload form) may arrive.
    pub upload_pace: Pace,
    /// The largest work a blind copy is made of (in memory); a larger one is not given to
    /// blind judges, and its entrant and the organisers are told. 512 MiB.
    pub blind_copy_max_bytes: u64,
    /// Admins and judges (of a role or of a contest's jury) must have two-step login on
    /// before their pages open.
    pub staff_two_step: bool,
    /// How long participants' personal data is kept after a contest is archived
    /// (`BAIQAU_RETENTION_YEARS`: 3 unless said; `forever` keeps it).
    pub retention: crate::domain::privacy::Retention,
}

/// The slowest a request body may arrive: within every `window`, at least
/// `min_bytes_per_sec × window` bytes, else the request is cut (what arrived of an upload's
/// piece is kept). A steady slow link is never cut however long the body takes; a client
/// trickling a byte every few seconds to hold a connection is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    pub window: std::time::Duration,
    pub min_bytes_per_sec: u64,
}

impl Pace {
    /// What must arrive within one window.
    pub fn min_bytes(&self) -> u64 {
        let millis = u64::try_from(self.window.as_millis()).unwrap_or(u64::MAX);
        self.min_bytes_per_sec.saturating_mul(millis) / 1000
    }
}

impl Default for Pace {
    /// 1 KiB/s (8 kbit/s) over 30 s: a twentieth of the 160 kbit/s links we serve.
    fn default() -> Pace {
        Pace { window: std::time::Duration::from_secs(30), min_bytes_per_sec: 1024 }
    }
}

/// The Bot API's own address.
pub const TELEGRAM_API: &str = "https://api.telegram.org";

impl Config {
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// Defaults for a data directory: what a test or a first start uses.
    pub fn for_data_dir(data_dir: PathBuf) -> Config {
        let db = data_dir.join("baiqau.db");
        Config {
            database_url: format!("sqlite://{}", db.display()),
            db_pool: super::db::PoolSettings::default(),
            data_dir,
            storage_url: None,
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            public_url: "http://127.0.0.1:3000".into(),
            smtp_url: None,
            mail_from: "Baiqau <no-reply@baiqau.local>".into(),
            telegram_token: None,
            telegram_api: TELEGRAM_API.into(),
            trusted_proxies: Vec::new(),
            ip_attempts_per_window: 600,
            hash_concurrency: 2,
            metrics_token: None,
            metrics_addresses: Vec::new(),
            upload_pace: Pace::default(),
            blind_copy_max_bytes: 512 * 1024 * 1024,
            staff_two_step: false,
            retention: crate::domain::privacy::Retention::default(),
        }
    }
}

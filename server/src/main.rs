//! `baiqau`: serve the site, migrate, create an admin, load demo data.

use anyhow::Context as _;
use app::domain::audit::Action;
use app::domain::{Email, Password, Role};
use app::domain::privacy::Retention;
use app::backend::db::PoolSettings;
use app::backend::{Config, SystemClock, auth, db};
use app::service::{demo, transfer};
use baiqau_server::{build_state, router};
use clap::{Parser, Subcommand};
use leptos::prelude::LeptosOptions;
use std::io::IsTerminal as _;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use std::path::PathBuf;
use std::sync::Arc;

/// Baiqau runs creative contests from the call to the diploma.
#[derive(Parser)]
#[command(name = "baiqau", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Database URL; default: a SQLite file in the data directory, created on first start.
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// Database connections this process keeps open at most.
    #[arg(long, env = "BAIQAU_DB_MAX_CONNECTIONS", default_value_t = 8, global = true)]
    db_max_connections: u32,
    /// Seconds a statement may run (PostgreSQL's statement_timeout; SQLite's wait for the write lock).
    #[arg(long, env = "BAIQAU_DB_STATEMENT_TIMEOUT", default_value_t = 10, global = true)]
    db_statement_timeout: u64,
    /// Seconds a request waits for a free database connection before it is answered 503.
    #[arg(long, env = "BAIQAU_DB_ACQUIRE_TIMEOUT", default_value_t = 10, global = true)]
    db_acquire_timeout: u64,
    /// Directory for the database, mail written in development, and uploads.
    #[arg(long, env = "BAIQAU_DATA_DIR", default_value = "./data", global = true)]
    data_dir: PathBuf,
    /// Where works, derived images, documents and posters are kept: a directory (default:
    /// DATA_DIR/store) or S3-compatible storage, s3://bucket[/prefix]?endpoint=https://…&region=…
    /// with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
    #[arg(long, env = "BAIQAU_STORAGE_URL", global = true)]
    storage_url: Option<String>,
    /// Address to listen on (LEPTOS_SITE_ADDR is also read).
    #[arg(long, env = "BAIQAU_ADDR", global = true)]
    addr: Option<SocketAddr>,
    /// The address people use to reach the site, for links in mail; https turns on secure cookies.
    #[arg(long, env = "BAIQAU_PUBLIC_URL", global = true)]
    public_url: Option<String>,
    /// SMTP server, e.g. smtps://user:pass@mail.example.kz or smtp://127.0.0.1:25; without it mail goes to DATA_DIR/mail.
    #[arg(long, env = "BAIQAU_SMTP_URL", global = true, hide_env_values = true)]
    smtp_url: Option<String>,
    /// Token of the Telegram bot notices also go through (from @BotFather); without it there is no Telegram channel.
    #[arg(long, env = "BAIQAU_TELEGRAM_TOKEN", global = true, hide_env_values = true)]
    telegram_token: Option<String>,
    /// Where the Telegram Bot API answers.
    #[arg(long, env = "BAIQAU_TELEGRAM_API", default_value = app::backend::config::TELEGRAM_API, global = true)]
    telegram_api: String,
    /// Sender of outgoing mail.
    #[arg(long, env = "BAIQAU_MAIL_FROM", default_value = "Baiqau <no-reply@baiqau.local>", global = true)]
    mail_from: String,
    /// Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed.
    #[arg(long, env = "BAIQAU_TRUSTED_PROXIES", value_delimiter = ',', global = true)]
    trusted_proxies: Vec<IpAddr>,
    /// Directory with the compiled site (WASM, CSS); LEPTOS_SITE_ROOT.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site", global = true)]
    site_root: String,
    /// Load demo data on start when the database has no accounts yet.
    #[arg(
        long,
        env = "BAIQAU_DEMO",
        global = true,
        num_args = 0..=1,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    demo: bool,
    /// Admins and judges must turn on two-step login before their pages open.
    #[arg(
        long,
        env = "BAIQAU_STAFF_TWO_STEP",
        global = true,
        num_args = 0..=1,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    staff_two_step: bool,
    /// Years participants' personal data is kept after a contest is archived (then it is
    /// reduced and the works' files deleted), or "forever".
    #[arg(long, env = "BAIQAU_RETENTION_YEARS", global = true, default_value = "3", value_parser = parse_retention)]
    retention_years: Retention,
    /// A token for Prometheus: GET /metrics with "Authorization: Bearer <token>".
    #[arg(long, env = "BAIQAU_METRICS_TOKEN", global = true, hide_env_values = true)]
    metrics_token: Option<String>,
    /// Comma-separated addresses that may read /metrics without the token.
    #[arg(long, env = "BAIQAU_METRICS_ADDRESSES", value_delimiter = ',', global = true)]
    metrics_addresses: Vec<IpAddr>,
    /// Log format: "pretty" or "json". Filter with RUST_LOG (default: info).
    #[arg(long, env = "BAIQAU_LOG_FORMAT", default_value = "pretty", global = true)]
    log_format: String,
}

fn parse_retention(s: &str) -> Result<Retention, String> {
    Retention::parse(s).ok_or_else(|| "a number of years from 1 to 100, or \"forever\"".to_string())
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve,
    /// Create or update the database schema, then exit.
    Migrate,
    /// Create an admin: asks for a password on a terminal, otherwise prints a one-time link.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Turn off someone's two-step login (a lost phone and lost recovery codes): their
    /// sessions end and they are told by mail. For a locked-out admin; admins reset others'
    /// on the accounts page.
    ResetTwoStep {
        #[arg(long)]
        email: String,
    },
    /// Load demo accounts and contests, printing the new passwords.
    Demo,
    /// Check the data against every rule the code keeps: each submitted entry has a receipt,
    /// no assignment joins a conflicted pair, points within their criteria, sheet versions
    /// equal their histories, published versions have their documents, every stored file
    /// is referenced and every reference has its file; and each published contest's results
    /// recomputed from the sheets equal the published ones. Prints each broken rule; exits
    /// with 1 if there is any.
    Check,
    /// Copy a whole deployment's database into an empty one (e.g. SQLite to PostgreSQL),
    /// verified by row counts and checksums; and/or its stored files from one store into
    /// another (e.g. DATA_DIR/store into a bucket), each checked by SHA-256 as read back.
    Copy {
        /// The source database URL.
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// The target database URL (empty).
        #[arg(long, requires = "from")]
        to: Option<String>,
        /// The source store: a directory or s3://bucket?endpoint=… (as BAIQAU_STORAGE_URL).
        #[arg(long, requires = "files_to")]
        files_from: Option<String>,
        /// The target store.
        #[arg(long, requires = "files_from")]
        files_to: Option<String>,
    },
    /// Write a consistent backup while the site runs: the database (as a SQLite file), the
    /// stored files and their SHA-256 manifest, into a new folder.
    Backup { dir: PathBuf },
    /// Restore a backup into this deployment (DATABASE_URL and the data directory), whose
    /// database must be empty.
    Restore { dir: PathBuf },
}

impl Cli {
    fn config(&self) -> Config {
        let mut c = Config::for_data_dir(self.data_dir.clone());
        if let Some(url) = &self.database_url {
            c.database_url = url.clone();
        }
        c.db_pool = PoolSettings {
            max_connections: self.db_max_connections.max(1),
            statement_timeout: Duration::from_secs(self.db_statement_timeout.max(1)),
            acquire_timeout: Duration::from_secs(self.db_acquire_timeout.max(1)),
        };
        c.addr = self
            .addr
            .or_else(|| std::env::var("LEPTOS_SITE_ADDR").ok().and_then(|a| a.parse().ok()))
            .unwrap_or(c.addr);
        c.public_url = self.public_url.clone().unwrap_or_else(|| format!("http://{}", c.addr));
        c.smtp_url = self.smtp_url.clone().filter(|s| !s.is_empty());
        c.storage_url = self.storage_url.clone().filter(|s| !s.trim().is_empty());
        c.mail_from = self.mail_from.clone();
        c.telegram_token = self.telegram_token.clone().filter(|t| !t.trim().is_empty());
        c.telegram_api = self.telegram_api.clone();
        c.trusted_proxies = self.trusted_proxies.clone();
        c.metrics_token = self.metrics_token.clone().filter(|t| !t.trim().is_empty());
        c.metrics_addresses = self.metrics_addresses.clone();
        c.staff_two_step = self.staff_two_step;
        c.retention = self.retention_years;
        c
    }

    fn leptos_options(&self, addr: SocketAddr) -> LeptosOptions {
        LeptosOptions::builder().output_name("baiqau").site_root(self.site_root.as_str()).site_pkg_dir("pkg").site_addr(addr).build()
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_tracing(&cli.log_format);
    let config = cli.config();
    if let Some(Command::Copy { from, to, files_from, files_to }) = &cli.command {
        anyhow::ensure!(from.is_some() || files_from.is_some(), "say what to copy: --from and --to (databases), --files-from and --files-to (stores)");
        if let (Some(from), Some(to)) = (from, to) {
            copy(from, to, &config.db_pool).await?;
        }
        if let (Some(from), Some(to)) = (files_from, files_to) {
            copy_files(from, to, &config.data_dir).await?;
        }
        return Ok(());
    }
    let options = cli.leptos_options(config.addr);
    let state = build_state(config.clone(), options, Arc::new(SystemClock)).await?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Copy { .. } => Ok(()),
        Command::Backup { dir } => {
            let started = std::time::Instant::now();
            let report = transfer::backup(&state, &dir).await?;
            print_tables(&report.tables);
            let bytes: u64 = report.files.iter().map(|f| f.2).sum();
            println!("{} files ({bytes} bytes) with their SHA-256 in {}", report.files.len(), dir.join(transfer::MANIFEST).display());
            println!("Backup written to {} in {:.1} s", dir.display(), started.elapsed().as_secs_f64());
            Ok(())
        }
        Command::Restore { dir } => {
            let started = std::time::Instant::now();
            let report = transfer::restore(&state, &dir).await?;
            print_tables(&report.tables);
            println!("{} files restored, each checked against its SHA-256", report.files.len());
            println!("Restored from {} in {:.1} s", dir.display(), started.elapsed().as_secs_f64());
            Ok(())
        }
        Command::Migrate => {
            println!("Database is up to date: {}", config.database_url);
            Ok(())
        }
        Command::Demo => print_demo(&state).await,
        Command::Check => check(&state).await,
        Command::CreateAdmin { email, name } => create_admin(&state, &email, &name).await,
        Command::ResetTwoStep { email } => reset_two_step(&state, &email).await,
        Command::Serve => {
            if cli.demo && db::accounts::count(&state.db).await? == 0 {
                print_demo(&state).await?;
            }
            serve(state).await
        }
    }
}

/// `baiqau reset-two-step --email …`.
async fn reset_two_step(state: &app::backend::AppState, email: &str) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("{email}: {e}"))?;
    let account = db::accounts::find_by_email(&state.db, &email).await?.ok_or_else(|| anyhow::anyhow!("no account has the address {}", email.as_str()))?;
    app::service::two_step::reset(state, None, account.account_id, state.now())
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message(app::i18n::Lang::En)))?;
    println!("Two-step login is off for {}; their sessions ended and they were told by mail.", email.as_str());
    Ok(())
}

/// `baiqau copy`: every table into an empty database, verified.
async fn copy(from: &str, to: &str, pool: &PoolSettings) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let source = db::connect_with(from, pool).await.context("cannot open the source database")?;
    db::migrate(&source).await.context("cannot bring the source's schema up to date")?;
    let target = db::connect_with(to, pool).await.context("cannot open the target database")?;
    let tables = transfer::copy(&source, &target).await?;
    print_tables(&tables);
    println!("Copied from {} to {} in {:.1} s", db::Engine::of_url(from).map_or("?", db::Engine::name), db::Engine::of_url(to).map_or("?", db::Engine::name), started.elapsed().as_secs_f64());
    Ok(())
}

/// `baiqau copy --files-from … --files-to …`: every stored object, verified.
async fn copy_files(from: &str, to: &str, data_dir: &std::path::Path) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let source = app::backend::storage::open(Some(from), data_dir).map_err(anyhow::Error::msg)?;
    let target = app::backend::storage::open(Some(to), data_dir).map_err(anyhow::Error::msg)?;
    let staging = tempfile::Builder::new().prefix("baiqau-copy-").tempdir().context("cannot make a staging folder")?;
    let files = transfer::copy_objects(source.as_ref(), target.as_ref(), staging.path()).await?;
    let bytes: u64 = files.iter().map(|f| f.2).sum();
    println!("{} files ({bytes} bytes) copied from {} to {}, each read back and checked by SHA-256", files.len(), source.describe(), target.describe());
    println!("Copied in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn print_tables(tables: &[transfer::TableCopy]) {
    for t in tables {
        println!("{:<22} {:>9} rows  checksum {:016x}  verified", t.table, t.rows, t.checksum);
    }
    println!("{} rows in {} tables", tables.iter().map(|t| t.rows).sum::<usize>(), tables.len());
}

async fn check(state: &app::backend::AppState) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let findings = app::service::check::everything(state).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    for f in &findings {
        println!("{}: {}", f.rule, f.detail);
    }
    let took = started.elapsed().as_secs_f64();
    if !findings.is_empty() {
        anyhow::bail!("{} broken rules (checked in {took:.2} s)", findings.len());
    }
    println!("Every rule holds: receipts, assignments, points, sheet histories, published results and their documents, stored files ({took:.2} s)");
    Ok(())
}

fn init_tracing(format: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if format == "json" { builder.json().init() } else { builder.init() }
}

async fn serve(state: app::backend::AppState) -> anyhow::Result<()> {
    let addr = state.config.addr;
    if let Some(problem) = app::SiteAssets::of(&state.leptos_options).problem() {
        anyhow::bail!("the site in {}: {problem}", state.leptos_options.site_root);
    }
    let notifier = app::backend::notify::Notifier::of(&state).context("BAIQAU_SMTP_URL is not a valid SMTP URL")?;
    baiqau_server::jobs::spawn_all(&state, notifier);
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot listen on {addr}"))?;
    tracing::info!("listening on http://{addr}");
    // SIGTERM: requests in flight finish, then this instance's leases go back at once.
    baiqau_server::serve::run(listener, router(state.clone()), baiqau_server::serve::HEADER_TIMEOUT, shutdown_signal()).await;
    baiqau_server::jobs::hand_back(&state).await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

async fn print_demo(state: &app::backend::AppState) -> anyhow::Result<()> {
    let accounts = demo::load(state, state.now()).await?;
    println!("\nDemo accounts (log in at {}/login):", state.config.public_url);
    for a in accounts {
        match a.password {
            Some(p) => println!("  {:<8} {:<24} password: {p}", a.role.as_str(), a.email),
            None => println!("  {:<8} {:<24} (already existed; password unchanged)", a.role.as_str(), a.email),
        }
    }
    println!();
    Ok(())
}

async fn create_admin(state: &app::backend::AppState, email: &str, name: &str) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("{email:?}: {e}"))?;
    let name = app::domain::DisplayName::parse(name).map_err(|e| anyhow::anyhow!("{name:?}: {e}"))?;
    let now = state.now();
    let interactive = std::io::stdin().is_terminal();
    let password = if interactive {
        let first = rpassword::prompt_password("Password for the new admin: ")?;
        let second = rpassword::prompt_password("Repeat the password: ")?;
        anyhow::ensure!(first == second, "the passwords differ");
        Some(Password::parse(first).map_err(|e| anyhow::anyhow!("{e}"))?)
    } else {
        None
    };
    // Without a password, the account gets an unusable random one and a one-time link.
    let secret = match &password {
        Some(p) => p.clone(),
        None => Password::parse(auth::new_token()).map_err(|e| anyhow::anyhow!("{e}"))?,
    };
    let hash = state.hasher.hash(&secret).await?;
    let account_id = match db::accounts::insert(&state.db, &email, name.as_str(), &hash, Role::Admin, true, now).await {
        Ok(id) => id,
        Err(db::accounts::InsertAccountError::EmailTaken) => {
            let existing = db::accounts::find_by_email(&state.db, &email).await?.context("account vanished")?;
            db::accounts::set_role(&state.db, existing.account_id, Role::Admin, now).await?;
            // The operator vouches for the address.
            db::accounts::confirm_email(&state.db, existing.account_id, now).await?;
            if let Some(p) = &password {
                db::accounts::set_password(&state.db, existing.account_id, &state.hasher.hash(p).await?, now).await?;
            }
            println!("{email} already had an account; it is now an admin.");
            existing.account_id
        }
        Err(db::accounts::InsertAccountError::Db(e)) => return Err(e.into()),
    };
    db::audit::log(&state.db, None, Action::AccountCreateAdmin, db::audit::Subject::Account(account_id), "cli", now).await?;
    if password.is_some() {
        println!("Admin {email} can log in at {}/login", state.config.public_url);
    } else {
        let token = auth::new_token();
        db::password_resets::insert(&state.db, &auth::token_hash(&token), account_id, now, now + 24 * 3600).await?;
        println!(
            "Admin {email} created. Open this one-time link within 24 hours to set the password:\n{}/password/reset?token={token}",
            state.config.public_url.trim_end_matches('/')
        );
    }
    Ok(())
}

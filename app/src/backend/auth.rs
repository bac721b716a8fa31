//! Password hashing and sessions.
//!
//! - Hashing is argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), run on the
//!   blocking pool behind a semaphore so twenty logins at once cannot exhaust memory.
//! - A session token is 32 random bytes; the cookie holds it, the database its SHA-256.
//! - Unknown emails are verified against a dummy hash so they cost what a wrong password costs.

use crate::domain::ids::AccountId;
use super::config::Config;
use super::db::{self, Db};
use crate::domain::{Password, Role, session};
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::HeaderMap;
use rand::RngCore as _;
use sha2::{Digest, Sha256};
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

pub const SESSION_COOKIE: &str = "baiqau_session";
pub const SECURE_SESSION_COOKIE: &str = "__Host-baiqau_session";
/// Says which accounts this browser logged in before (see `service::accounts::known_browser`):
/// sent only with a login.
pub const KNOWN_COOKIE: &str = "baiqau_known";

fn argon2() -> Argon2<'static> {
    // OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("hashing failed: {0}")]
    Hash(String),
    #[error("hashing task failed")]
    Join,
}

/// Runs argon2 off the async runtime, at most `permits` at a time.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
}

impl PasswordHasher {
    pub fn new(concurrency: usize) -> Self {
        PasswordHasher { permits: Arc::new(Semaphore::new(concurrency.max(1))) }
    }

    pub async fn hash(&self, password: &Password) -> Result<String, HashError> {
        let _permit = self.permits.acquire().await.map_err(|_| HashError::Join)?;
        let secret = password.expose().to_owned();
        tokio::task::spawn_blocking(move || hash_now(&secret))
            .await
            .map_err(|_| HashError::Join)?
    }

    /// Verifies against `stored`, or against a dummy hash when there is no account, so that
    /// both paths take the same time. `false` for no account.
    pub async fn verify(&self, password: &Password, stored: Option<&str>) -> Result<bool, HashError> {
        let _permit = self.permits.acquire().await.map_err(|_| HashError::Join)?;
        let secret = password.expose().to_owned();
        let known = stored.is_some();
        let stored = match stored {
            Some(s) => s.to_owned(),
            None => dummy_hash().to_owned(),
        };
        let ok = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&stored).map(|h| argon2().verify_password(secret.as_bytes(), &h).is_ok()).unwrap_or(false)
        })
        .await
        .map_err(|_| HashError::Join)?;
        Ok(ok && known)
    }
}

fn hash_now(secret: &str) -> Result<String, HashError> {
    argon2().hash_password(secret.as_bytes()).map(|h| h.to_string()).map_err(|e| HashError::Hash(e.to_string()))
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now("a password nobody has").unwrap_or_default())
}

/// 32 random bytes, URL-safe base64.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether a presented secret is the configured one, compared by their digests so the time
/// taken says nothing about how much of it matched.
pub fn same_secret(given: &str, expected: &str) -> bool {
    let (a, b) = (Sha256::digest(given.as_bytes()), Sha256::digest(expected.as_bytes()));
    a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn cookie_name(config: &Config) -> &'static str {
    if config.secure_cookies() { SECURE_SESSION_COOKIE } else { SESSION_COOKIE }
}

/// `Set-Cookie` value for a new session token.
pub fn session_cookie(config: &Config, token: &str) -> String {
    let secure = if config.secure_cookies() { "; Secure" } else { "" };
    format!("{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}", cookie_name(config), session::ABSOLUTE)
}

/// `Set-Cookie` value for the known-browser token: a year, sent to the login only.
pub fn known_cookie(config: &Config, token: &str) -> String {
    let secure = if config.secure_cookies() { "; Secure" } else { "" };
    format!("{KNOWN_COOKIE}={token}; Path=/api/login; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}")
}

/// `Set-Cookie` value that deletes the session cookie.
pub fn clear_session_cookie(config: &Config) -> String {
    let secure = if config.secure_cookies() { "; Secure" } else { "" };
    format!("{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}", cookie_name(config))
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn read_cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Who is making a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentAccount {
    pub account_id: AccountId,
    pub session_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// A link mailed to the address was used: the account may submit, judge, hold a role.
    pub email_confirmed: bool,
    /// The installation requires two-step login of this account (a staff role, a seat on a
    /// jury).
    pub two_step_required: bool,
    /// Two-step login is on.
    pub two_step: bool,
    /// An organisation's admin or on a contest's staff: the admin pages open for the
    /// contests it may see (`service::access`).
    pub staff: bool,
}

impl CurrentAccount {
    /// May open the admin pages at all: the site's administrators and staff. What each page
    /// shows is then decided per contest (`service::access`).
    pub fn is_staff(&self) -> bool {
        self.role == Role::Admin || self.staff
    }

    /// Holds `role` and may use it now.
    pub fn holds(&self, role: Role) -> bool {
        self.role == role && !self.two_step_missing()
    }

    /// Two-step login is required of the account and not on: admin and judging pages stay
    /// closed until it is.
    pub fn two_step_missing(&self) -> bool {
        self.two_step_required && !self.two_step
    }

    /// `Denied` while two-step login is required of the account and not on.
    pub fn check_two_step(&self) -> Result<(), crate::error::AppError> {
        if self.two_step_missing() { Err(crate::error::AppError::Denied(crate::i18n::Msg::ErrTwoStepRequired)) } else { Ok(()) }
    }
}

/// Resolves the session cookie to a live session of an enabled account, refreshing
/// `last_seen_at` now and then. Anything else is anonymous.
pub async fn current_account(db: &Db, config: &Config, headers: &HeaderMap, now: i64) -> Result<Option<CurrentAccount>, sqlx::Error> {
    let Some(token) = read_cookie(headers, cookie_name(config)) else { return Ok(None) };
    if token.len() > 64 {
        return Ok(None);
    }
    let Some(row) = db::sessions::find(db, &token_hash(token)).await? else { return Ok(None) };
    if row.disabled_at.is_some() || !session::is_live(row.created_at, row.last_seen_at, now) {
        return Ok(None);
    }
    if session::needs_touch(row.last_seen_at, now) {
        db::sessions::touch(db, row.session_id, now).await?;
    }
    let two_step_required = two_step_required(db, config, &row).await?;
    Ok(Some(CurrentAccount {
        account_id: row.account_id,
        session_id: row.session_id,
        email: row.email,
        display_name: row.display_name,
        role: row.role,
        email_confirmed: row.email_confirmed_at.is_some(),
        two_step_required,
        two_step: row.two_step,
        staff: row.staff,
    }))
}

/// Whether the installation requires two-step login of this account: of admins and judges
/// by role, of staff (`db::staff`), and of anyone on a contest's jury. The jury is asked only when the answer depends
/// on it (the setting on and an entrant's role), not on every request of every installation.
async fn two_step_required(db: &Db, config: &Config, row: &db::sessions::SessionRow) -> Result<bool, sqlx::Error> {
    if !config.staff_two_step || row.staff || matches!(row.role, Role::Admin | Role::Judge) {
        return Ok(config.staff_two_step);
    }
    db::judging::sits_on_a_jury(db, row.account_id).await
}

/// The caller, if they hold `role`: `Unauthorized` without a live session, `Forbidden`
/// with another role. For routes outside server functions (and the guard in front of them).
pub async fn authorize(db: &Db, config: &Config, headers: &HeaderMap, now: i64, role: Role) -> Result<CurrentAccount, crate::error::AppError> {
    use crate::error::AppError;
    match current_account(db, config, headers, now).await {
        Ok(Some(a)) if a.role == role => a.check_two_step().map(|()| a),
        Ok(Some(_)) => Err(AppError::Forbidden),
        Ok(None) => Err(AppError::Unauthorized),
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            Err(AppError::Internal)
        }
    }
}

/// Starts a session: ends the one named by any cookie the browser brought (planted or
/// stale), stores a new token's hash and returns the token for the cookie.
pub async fn start_session(db: &Db, config: &Config, headers: &HeaderMap, account_id: AccountId, now: i64) -> Result<String, sqlx::Error> {
    if let Some(old) = read_cookie(headers, cookie_name(config)).filter(|t| t.len() <= 64) {
        db::sessions::delete_by_hash(db, &token_hash(old)).await?;
    }
    let token = new_token();
    let user_agent: String = headers
        .get(http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    db::sessions::insert(db, &token_hash(&token), account_id, now, session::expires_at(now), &user_agent).await?;
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_cookie_finds_named_cookie_among_many() {
        let mut h = HeaderMap::new();
        h.insert(http::header::COOKIE, "a=1; baiqau_session=tok; baiqau_lang=ru".parse().unwrap_or_else(|_| unreachable!()));
        assert_eq!(read_cookie(&h, "baiqau_session"), Some("tok"));
        assert_eq!(read_cookie(&h, "baiqau_lang"), Some("ru"));
        assert_eq!(read_cookie(&h, "missing"), None);
    }

    #[test]
    fn tokens_are_unique_and_hash_to_hex() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash("x"), "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
    }

    #[test]
    fn secure_cookie_uses_host_prefix() {
        let mut c = Config::for_data_dir("/tmp/x".into());
        assert_eq!(session_cookie(&c, "t"), "baiqau_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000");
        c.public_url = "https://konkurs.example.kz".into();
        assert_eq!(
            session_cookie(&c, "t"),
            "__Host-baiqau_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000; Secure"
        );
    }

    #[tokio::test]
    async fn hash_then_verify_and_unknown_account_never_verifies() {
        let h = PasswordHasher::new(1);
        let p = Password::parse("Қазақстан-2026!".into()).unwrap_or_else(|_| unreachable!());
        let stored = h.hash(&p).await.unwrap_or_default();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_eq!(h.verify(&p, Some(&stored)).await.ok(), Some(true));
        let wrong = Password::parse_for_login("wrong password".into()).unwrap_or_else(|_| unreachable!());
        assert_eq!(h.verify(&wrong, Some(&stored)).await.ok(), Some(false));
        assert_eq!(h.verify(&p, None).await.ok(), Some(false));
    }
}

use super::{on, Handle};
use crate::domain::ids::AccountId;
use crate::domain::throttle::LoginThrottle;

pub async fn get(db: impl Handle<'_>, email: &str) -> Result<LoginThrottle, sqlx::Error> {
    on!(db => {
        let row: Option<(i64, i64)> = sqlx::query_as("SELECT failures, locked_until FROM login_throttle WHERE email = $1")
            .bind(email)
            .fetch_optional(&mut *db)
            .await?;
        Ok(row.map(|(failures, locked_until)| LoginThrottle { failures, locked_until }).unwrap_or_default())
    })
}

pub async fn put(db: impl Handle<'_>, email: &str, t: LoginThrottle, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "INSERT INTO login_throttle (email, failures, locked_until, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (email) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until,
             updated_at = excluded.updated_at",
        )
        .bind(email)
        .bind(t.failures)
        .bind(t.locked_until)
        .bind(now)
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

pub async fn clear(db: impl Handle<'_>, email: &str) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM login_throttle WHERE email = $1").bind(email).execute(&mut *db).await.map(|_| ())
    })
}

/// Counts an attempt from `ip` in its window of `window` seconds (a new window once the old
/// one is over), in one statement, so instances counting at once lose no attempt. Returns
/// the window's start and the attempts counted in it, this one included.
pub async fn hit_ip(db: impl Handle<'_>, ip: &str, now: i64, window: i64) -> Result<(i64, i64), sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "INSERT INTO ip_window (ip, window_start, attempts) VALUES ($1, $2, 1)
             ON CONFLICT (ip) DO UPDATE SET
               attempts = CASE WHEN ip_window.window_start <= $3 THEN 1 ELSE ip_window.attempts + 1 END,
               window_start = CASE WHEN ip_window.window_start <= $3 THEN $2 ELSE ip_window.window_start END
             RETURNING window_start, attempts",
        )
        .bind(ip)
        .bind(now)
        .bind(now - window)
        .fetch_one(&mut *db)
        .await
    })
}

/// Forgets back-off records untouched for a day (their locks ended long ago) and address
/// windows that are over.
pub async fn delete_stale(db: impl Handle<'_>, now: i64, window: i64) -> Result<u64, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("DELETE FROM login_throttle WHERE updated_at < $1 AND locked_until < $2")
            .bind(now - 86_400)
            .bind(now)
            .execute(&mut *db)
            .await?;
        let w = sqlx::query("DELETE FROM ip_window WHERE window_start <= $1").bind(now - window).execute(&mut *db).await?;
        Ok(r.rows_affected() + w.rows_affected())
    })
}

/// Remembers that the browser holding the token hashed as `token_hash` logged `account_id` in.
pub async fn remember_browser(db: impl Handle<'_>, token_hash: &str, account_id: AccountId, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("INSERT INTO known_browser (token_hash, account_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (token_hash, account_id) DO NOTHING")
            .bind(token_hash)
            .bind(account_id)
            .bind(now)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Whether the browser holding the token hashed as `token_hash` logged the account with this
/// e-mail address in before.
pub async fn is_known_browser(db: impl Handle<'_>, token_hash: &str, email: &str) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM known_browser k JOIN account a ON a.account_id = k.account_id WHERE k.token_hash = $1 AND a.email = $2)")
            .bind(token_hash)
            .bind(email)
            .fetch_one(&mut *db)
            .await
    })
}

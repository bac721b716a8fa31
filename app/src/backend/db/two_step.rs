//! Two-step login: the account's key, set-ups under way, recovery codes and half-way logins.

use crate::domain::ids::AccountId;
use super::{on, Handle};

/// An account's key (base32) and the step of the last code it accepted, if two-step login
/// is on.
pub async fn secret(db: impl Handle<'_>, account_id: AccountId) -> Result<Option<(String, Option<i64>)>, sqlx::Error> {
    on!(db => {
        let row: Option<(Option<String>, Option<i64>)> = sqlx::query_as("SELECT totp_secret, totp_last_step FROM account WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(&mut *db)
            .await?;
        Ok(row.and_then(|(secret, last)| secret.map(|s| (s, last))))
    })
}

/// Records that the code of `step` was used: `false` when it (or a later one) already was,
/// so that of two racing logins with one code only one goes on.
pub async fn use_step(db: impl Handle<'_>, account_id: AccountId, step: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE account SET totp_last_step = $1 WHERE account_id = $2 AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < $3)")
            .bind(step)
            .bind(account_id)
            .bind(step)
            .execute(&mut *db)
            .await
            .map(|r| r.rows_affected() == 1)
    })
}

/// Starts (or starts over) a set-up with a new key and recovery codes (shown until used).
pub async fn put_setup(db: impl Handle<'_>, account_id: AccountId, secret: &str, recovery_codes: &str, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "INSERT INTO totp_setup (account_id, secret, recovery_codes, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (account_id) DO UPDATE SET secret = excluded.secret, recovery_codes = excluded.recovery_codes, created_at = excluded.created_at",
        )
        .bind(account_id)
        .bind(secret)
        .bind(recovery_codes)
        .bind(now)
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

/// The set-up under way: (key, recovery codes one per line).
pub async fn setup(db: impl Handle<'_>, account_id: AccountId) -> Result<Option<(String, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT secret, recovery_codes FROM totp_setup WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(&mut *db)
            .await
    })
}

/// Turns two-step login on with the set-up's key, the step of the code that proved it, and
/// the recovery codes' hashes; the set-up (and its plain codes) goes. One transaction.
pub async fn enable(db: impl Handle<'_>, account_id: AccountId, secret: &str, step: i64, code_hashes: &[String], now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        sqlx::query("UPDATE account SET totp_secret = $1, totp_last_step = $2, updated_at = $3 WHERE account_id = $4")
            .bind(secret)
            .bind(step)
            .bind(now)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM recovery_code WHERE account_id = $1").bind(account_id).execute(&mut *tx).await?;
        for hash in code_hashes {
            sqlx::query("INSERT INTO recovery_code (account_id, code_hash) VALUES ($1, $2)")
                .bind(account_id)
                .bind(hash)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM totp_setup WHERE account_id = $1").bind(account_id).execute(&mut *tx).await?;
        tx.commit().await
    })
}

/// Turns two-step login off: the key and every recovery code go.
pub async fn disable(db: impl Handle<'_>, account_id: AccountId, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        sqlx::query("UPDATE account SET totp_secret = NULL, totp_last_step = NULL, updated_at = $1 WHERE account_id = $2")
            .bind(now)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM recovery_code WHERE account_id = $1").bind(account_id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM totp_setup WHERE account_id = $1").bind(account_id).execute(&mut *tx).await?;
        tx.commit().await
    })
}

/// Uses a recovery code: `true` once, for an unused code of this account.
pub async fn use_recovery_code(db: impl Handle<'_>, account_id: AccountId, code_hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE recovery_code SET used_at = $1 WHERE account_id = $2 AND code_hash = $3 AND used_at IS NULL")
            .bind(now)
            .bind(account_id)
            .bind(code_hash)
            .execute(&mut *db)
            .await
            .map(|r| r.rows_affected() == 1)
    })
}

/// Recovery codes left unused.
pub async fn recovery_codes_left(db: impl Handle<'_>, account_id: AccountId) -> Result<i64, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT COUNT(*) FROM recovery_code WHERE account_id = $1 AND used_at IS NULL")
            .bind(account_id)
            .fetch_one(&mut *db)
            .await
    })
}

/// Starts a half-way login (the password was right).
pub async fn start_challenge(db: impl Handle<'_>, token_hash: &str, account_id: AccountId, now: i64, expires_at: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("INSERT INTO login_challenge (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(account_id)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// The account of a live half-way login.
pub async fn challenge(db: impl Handle<'_>, token_hash: &str, now: i64) -> Result<Option<AccountId>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT account_id FROM login_challenge WHERE token_hash = $1 AND expires_at > $2")
            .bind(token_hash)
            .bind(now)
            .fetch_optional(&mut *db)
            .await
    })
}

/// Counts a wrong code; at `limit` the half-way login ends. Returns whether it goes on.
pub async fn fail_challenge(db: impl Handle<'_>, token_hash: &str, limit: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let failures: Option<i64> = sqlx::query_scalar("UPDATE login_challenge SET failures = failures + 1 WHERE token_hash = $1 RETURNING failures")
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
        let goes_on = failures.is_some_and(|f| f < limit);
        if !goes_on {
            sqlx::query("DELETE FROM login_challenge WHERE token_hash = $1").bind(token_hash).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(goes_on)
    })
}

/// Ends a half-way login (it succeeded), and any of the account's that expired.
pub async fn end_challenge(db: impl Handle<'_>, token_hash: &str, account_id: AccountId, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM login_challenge WHERE token_hash = $1 OR (account_id = $2 AND expires_at <= $3)")
            .bind(token_hash)
            .bind(account_id)
            .bind(now)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

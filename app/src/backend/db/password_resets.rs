use crate::domain::ids::AccountId;
use super::{on, Handle};

pub async fn insert(db: impl Handle<'_>, token_hash: &str, account_id: AccountId, now: i64, expires_at: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("INSERT INTO password_reset (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(account_id)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Uses a reset token: only one caller ever gets the account id back, and only before
/// the token expires.
pub async fn take(db: impl Handle<'_>, token_hash: &str, now: i64) -> Result<Option<AccountId>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "UPDATE password_reset SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $3
             RETURNING account_id",
        )
        .bind(now)
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *db)
        .await
    })
}

/// Is the token still usable (for showing the form)?
pub async fn is_valid(db: impl Handle<'_>, token_hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM password_reset WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_one(&mut *db)
        .await?;
        Ok(n == 1)
    })
}

/// Ends every outstanding reset link of an account (after a reset or a password change):
/// a link read by someone else from the same inbox must not outlive the new password.
pub async fn revoke_all_of_account(db: impl Handle<'_>, account_id: AccountId, now: i64) -> Result<u64, sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE password_reset SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(account_id)
            .execute(&mut *db)
            .await
            .map(|r| r.rows_affected())
    })
}

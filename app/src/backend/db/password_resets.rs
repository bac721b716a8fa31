use crate::domain::ids::AccountId;
use super::Db;

pub async fn insert<'e, E>(exec: E, token_hash: &str, account_id: AccountId, now: i64, expires_at: i64) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    sqlx::query("INSERT INTO password_reset (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
        .bind(token_hash)
        .bind(account_id)
        .bind(now)
        .bind(expires_at)
        .execute(exec)
        .await
        .map(|_| ())
}

/// Uses a reset token: only one caller ever gets the account id back, and only before
/// the token expires.
pub async fn take(db: &Db, token_hash: &str, now: i64) -> Result<Option<AccountId>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE password_reset SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
         RETURNING account_id",
    )
    .bind(now)
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Is the token still usable (for showing the form)?
pub async fn is_valid(db: &Db, token_hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM password_reset WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(n == 1)
}

/// Ends every outstanding reset link of an account (after a reset or a password change):
/// a link read by someone else from the same inbox must not outlive the new password.
pub async fn revoke_all_of_account(db: &Db, account_id: AccountId, now: i64) -> Result<u64, sqlx::Error> {
    sqlx::query("UPDATE password_reset SET used_at = ? WHERE account_id = ? AND used_at IS NULL")
        .bind(now)
        .bind(account_id)
        .execute(db)
        .await
        .map(|r| r.rows_affected())
}

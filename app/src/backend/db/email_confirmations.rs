//! One-time links that confirm an account's e-mail address.

use crate::domain::ids::AccountId;
use super::{on, Handle};

pub async fn insert(db: impl Handle<'_>, token_hash: &str, account_id: AccountId, email: &str, now: i64, expires_at: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("INSERT INTO email_confirmation (token_hash, account_id, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token_hash)
            .bind(account_id)
            .bind(email)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Uses a link: marks it used and confirms its account's address, if the link is unused,
/// unexpired and the account still has the address it was sent to; in one transaction.
/// Returns the account, or `None` for a link that confirms nothing.
pub async fn take(db: impl Handle<'_>, token_hash: &str, now: i64) -> Result<Option<AccountId>, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let found: Option<(AccountId, String)> = sqlx::query_as(
            "UPDATE email_confirmation SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $3
             RETURNING account_id, email",
        )
        .bind(now)
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((account_id, email)) = found else { return Ok(None) };
        let confirmed = sqlx::query(
            "UPDATE account SET email_confirmed_at = COALESCE(email_confirmed_at, $1), updated_at = $2
             WHERE account_id = $3 AND email = $4",
        )
        .bind(now)
        .bind(now)
        .bind(account_id)
        .bind(&email)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if confirmed != 1 {
            return Ok(None);
        }
        sqlx::query("UPDATE email_confirmation SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(account_id))
    })
}

/// When the newest link for the account was made, if any.
pub async fn last_sent(db: impl Handle<'_>, account_id: AccountId) -> Result<Option<i64>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT MAX(created_at) FROM email_confirmation WHERE account_id = $1")
            .bind(account_id)
            .fetch_one(&mut *db)
            .await
    })
}

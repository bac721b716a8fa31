use crate::domain::ids::AccountId;
use super::{on, Handle};

/// A live session joined with its account.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub session_id: i64,
    pub account_id: AccountId,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub email: String,
    pub display_name: String,
    pub role: crate::domain::Role,
    pub disabled_at: Option<i64>,
    pub email_confirmed_at: Option<i64>,
    /// Two-step login is on.
    pub two_step: bool,
    /// An organisation's admin or on a contest's staff (`db::staff`).
    pub staff: bool,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionListRow {
    pub session_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub user_agent: String,
}

pub async fn insert(
    db: impl Handle<'_>,
    token_hash: &str,
    account_id: AccountId,
    now: i64,
    expires_at: i64,
    user_agent: &str,
) -> Result<i64, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at, user_agent)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING session_id",
        )
        .bind(token_hash)
        .bind(account_id)
        .bind(now)
        .bind(now)
        .bind(expires_at)
        .bind(user_agent)
        .fetch_one(&mut *db)
        .await
    })
}

pub async fn find(db: impl Handle<'_>, token_hash: &str) -> Result<Option<SessionRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, SessionRow>(
            "SELECT s.session_id, s.account_id, s.created_at, s.last_seen_at, a.email, a.display_name, a.role, a.disabled_at, a.email_confirmed_at,
                    a.totp_secret IS NOT NULL AS two_step,
                    (EXISTS (SELECT 1 FROM organisation_admin oa WHERE oa.account_id = a.account_id)
                     OR EXISTS (SELECT 1 FROM contest_staff cs WHERE cs.account_id = a.account_id)) AS staff
             FROM session s JOIN account a ON a.account_id = s.account_id
             WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&mut *db)
        .await
    })
}

pub async fn touch(db: impl Handle<'_>, session_id: i64, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE session SET last_seen_at = $1 WHERE session_id = $2")
            .bind(now)
            .bind(session_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

pub async fn delete_by_hash(db: impl Handle<'_>, token_hash: &str) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM session WHERE token_hash = $1").bind(token_hash).execute(&mut *db).await.map(|_| ())
    })
}

/// Ends one session of an account; `false` when it is not theirs or does not exist.
pub async fn delete_of_account(db: impl Handle<'_>, account_id: AccountId, session_id: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("DELETE FROM session WHERE account_id = $1 AND session_id = $2")
            .bind(account_id)
            .bind(session_id)
            .execute(&mut *db)
            .await?;
        Ok(r.rows_affected() == 1)
    })
}

/// Ends every session of an account except `keep`.
pub async fn delete_all_of_account(db: impl Handle<'_>, account_id: AccountId, keep: Option<i64>) -> Result<u64, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("DELETE FROM session WHERE account_id = $1 AND session_id <> $2")
            .bind(account_id)
            .bind(keep.unwrap_or(-1))
            .execute(&mut *db)
            .await?;
        Ok(r.rows_affected())
    })
}

pub async fn list_of_account(db: impl Handle<'_>, account_id: AccountId) -> Result<Vec<SessionListRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, SessionListRow>(
            "SELECT session_id, created_at, last_seen_at, user_agent FROM session
             WHERE account_id = $1 ORDER BY last_seen_at DESC, session_id DESC",
        )
        .bind(account_id)
        .fetch_all(&mut *db)
        .await
    })
}

pub async fn delete_expired(db: impl Handle<'_>, now: i64, idle: i64) -> Result<u64, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("DELETE FROM session WHERE expires_at <= $1 OR last_seen_at <= $2")
            .bind(now)
            .bind(now - idle)
            .execute(&mut *db)
            .await?;
        Ok(r.rows_affected())
    })
}

use crate::domain::ids::AccountId;
use super::{on, Handle, is_unique_violation};
use crate::domain::{Email, Role};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AccountRow {
    pub account_id: AccountId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub disabled_at: Option<i64>,
    pub created_at: i64,
    pub email_confirmed_at: Option<i64>,
    /// Two-step login is on.
    pub two_step: bool,
    /// Deleted by its owner: the row stays, emptied.
    pub deleted_at: Option<i64>,
}

impl AccountRow {
    pub fn role(&self) -> Role {
        self.role
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InsertAccountError {
    #[error("email already registered")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A new account. `email_confirmed` when the address is already proven: an invitation
/// mailed to it was opened, or the operator vouches for it.
pub async fn insert(
    db: impl Handle<'_>,
    email: &Email,
    display_name: &str,
    password_hash: &str,
    role: Role,
    email_confirmed: bool,
    now: i64,
) -> Result<AccountId, InsertAccountError> {
    on!(db => {
        sqlx::query_scalar(
            "INSERT INTO account (email, display_name, password_hash, role, email_confirmed_at, password_changed_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING account_id",
        )
        .bind(email.as_str())
        .bind(display_name)
        .bind(password_hash)
        .bind(role.as_str())
        .bind(email_confirmed.then_some(now))
        .bind(now)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *db)
        .await
        .map_err(|e| if is_unique_violation(&e) { InsertAccountError::EmailTaken } else { InsertAccountError::Db(e) })
    })
}

const SELECT: &str = "SELECT account_id, email, display_name, password_hash, role, disabled_at, created_at, email_confirmed_at,
    (totp_secret IS NOT NULL) AS two_step, deleted_at FROM account";

pub async fn find_by_email(db: impl Handle<'_>, email: &Email) -> Result<Option<AccountRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, AccountRow>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE email = $1")))
            .bind(email.as_str())
            .fetch_optional(&mut *db)
            .await
    })
}

pub async fn find(db: impl Handle<'_>, account_id: AccountId) -> Result<Option<AccountRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, AccountRow>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE account_id = $1")))
            .bind(account_id)
            .fetch_optional(&mut *db)
            .await
    })
}

pub async fn list(db: impl Handle<'_>) -> Result<Vec<AccountRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, AccountRow>(sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY created_at DESC, account_id DESC")))
            .fetch_all(&mut *db)
            .await
    })
}

pub async fn count(db: impl Handle<'_>) -> Result<i64, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT COUNT(*) FROM account").fetch_one(&mut *db).await
    })
}

pub async fn set_password(db: impl Handle<'_>, account_id: AccountId, password_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE account SET password_hash = $1, password_changed_at = $2, updated_at = $3 WHERE account_id = $4")
            .bind(password_hash)
            .bind(now)
            .bind(now)
            .bind(account_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Marks the account's address as confirmed (kept if it already was): a link mailed to it
/// was used (a password reset, a judge's invitation).
pub async fn confirm_email(db: impl Handle<'_>, account_id: AccountId, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE account SET email_confirmed_at = COALESCE(email_confirmed_at, $1), updated_at = $2 WHERE account_id = $3")
            .bind(now)
            .bind(now)
            .bind(account_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Returns `false` when no such account exists.
pub async fn set_role(db: impl Handle<'_>, account_id: AccountId, role: Role, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("UPDATE account SET role = $1, updated_at = $2 WHERE account_id = $3")
            .bind(role.as_str())
            .bind(now)
            .bind(account_id)
            .execute(&mut *db)
            .await?;
        Ok(r.rows_affected() == 1)
    })
}

/// Disables (ending every session in the same transaction) or re-enables an account.
/// Returns `false` when no such account exists.
pub async fn set_disabled(db: impl Handle<'_>, account_id: AccountId, disabled: bool, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let r = sqlx::query("UPDATE account SET disabled_at = $1, updated_at = $2 WHERE account_id = $3")
            .bind(disabled.then_some(now))
            .bind(now)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        if disabled {
            sqlx::query("DELETE FROM session WHERE account_id = $1").bind(account_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(r.rows_affected() == 1)
    })
}

use crate::domain::ids::AccountId;
use super::{Db, is_unique_violation};
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

pub async fn insert(
    db: &Db,
    email: &Email,
    display_name: &str,
    password_hash: &str,
    role: Role,
    now: i64,
) -> Result<AccountId, InsertAccountError> {
    sqlx::query_scalar(
        "INSERT INTO account (email, display_name, password_hash, role, password_changed_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING account_id",
    )
    .bind(email.as_str())
    .bind(display_name)
    .bind(password_hash)
    .bind(role.as_str())
    .bind(now)
    .bind(now)
    .bind(now)
    .fetch_one(db)
    .await
    .map_err(|e| if is_unique_violation(&e) { InsertAccountError::EmailTaken } else { InsertAccountError::Db(e) })
}

const SELECT: &str = "SELECT account_id, email, display_name, password_hash, role, disabled_at, created_at FROM account";

pub async fn find_by_email(db: &Db, email: &Email) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as::<_, AccountRow>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE email = ?")))
        .bind(email.as_str())
        .fetch_optional(db)
        .await
}

pub async fn find(db: &Db, account_id: AccountId) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as::<_, AccountRow>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE account_id = ?")))
        .bind(account_id)
        .fetch_optional(db)
        .await
}

pub async fn list(db: &Db) -> Result<Vec<AccountRow>, sqlx::Error> {
    sqlx::query_as::<_, AccountRow>(sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY created_at DESC, account_id DESC")))
        .fetch_all(db)
        .await
}

pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM account").fetch_one(db).await
}

pub async fn set_password(db: &Db, account_id: AccountId, password_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE account SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE account_id = ?")
        .bind(password_hash)
        .bind(now)
        .bind(now)
        .bind(account_id)
        .execute(db)
        .await
        .map(|_| ())
}

/// Returns `false` when no such account exists.
pub async fn set_role(db: &Db, account_id: AccountId, role: Role, now: i64) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE account SET role = ?, updated_at = ? WHERE account_id = ?")
        .bind(role.as_str())
        .bind(now)
        .bind(account_id)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Disables (ending every session in the same transaction) or re-enables an account.
/// Returns `false` when no such account exists.
pub async fn set_disabled(db: &Db, account_id: AccountId, disabled: bool, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = super::write(db).await?;
    let r = sqlx::query("UPDATE account SET disabled_at = ?, updated_at = ? WHERE account_id = ?")
        .bind(disabled.then_some(now))
        .bind(now)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    if disabled {
        sqlx::query("DELETE FROM session WHERE account_id = ?").bind(account_id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(r.rows_affected() == 1)
}

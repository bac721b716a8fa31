use super::{on, Handle};
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

/// Forgets records untouched for a day (their locks ended long ago).
pub async fn delete_stale(db: impl Handle<'_>, now: i64) -> Result<u64, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("DELETE FROM login_throttle WHERE updated_at < $1 AND locked_until < $2")
            .bind(now - 86_400)
            .bind(now)
            .execute(&mut *db)
            .await?;
        Ok(r.rows_affected())
    })
}

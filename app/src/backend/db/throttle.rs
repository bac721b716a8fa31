use super::Db;
use crate::domain::throttle::LoginThrottle;

pub async fn get(db: &Db, email: &str) -> Result<LoginThrottle, sqlx::Error> {
    let row: Option<(i64, i64)> = sqlx::query_as("SELECT failures, locked_until FROM login_throttle WHERE email = ?")
        .bind(email)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(failures, locked_until)| LoginThrottle { failures, locked_until }).unwrap_or_default())
}

pub async fn put(db: &Db, email: &str, t: LoginThrottle, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO login_throttle (email, failures, locked_until, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (email) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until,
         updated_at = excluded.updated_at",
    )
    .bind(email)
    .bind(t.failures)
    .bind(t.locked_until)
    .bind(now)
    .execute(db)
    .await
    .map(|_| ())
}

pub async fn clear(db: &Db, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_throttle WHERE email = ?").bind(email).execute(db).await.map(|_| ())
}

/// Forgets records untouched for a day (their locks ended long ago).
pub async fn delete_stale(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let r = sqlx::query("DELETE FROM login_throttle WHERE updated_at < ? AND locked_until < ?")
        .bind(now - 86_400)
        .bind(now)
        .execute(db)
        .await?;
    Ok(r.rows_affected())
}

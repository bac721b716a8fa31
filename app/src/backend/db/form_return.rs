//! Refused plain forms kept for their page to show again (see `backend::form_return`).

use super::Db;

pub async fn put(db: &Db, token_hash: &str, path: &str, fields_json: &str, expires_at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO form_return (token_hash, path, fields, expires_at) VALUES (?, ?, ?, ?)")
        .bind(token_hash)
        .bind(path)
        .bind(fields_json)
        .bind(expires_at)
        .execute(db)
        .await
        .map(|_| ())
}

/// The kept form's server-function path and fields (JSON), unless it expired.
pub async fn get(db: &Db, token_hash: &str, now: i64) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT path, fields FROM form_return WHERE token_hash = ? AND expires_at > ?").bind(token_hash).bind(now).fetch_optional(db).await
}

pub async fn delete_expired(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM form_return WHERE expires_at <= ?").bind(now).execute(db).await.map(|r| r.rows_affected())
}

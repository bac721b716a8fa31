//! Refused plain forms kept for their page to show again (see `backend::form_return`).

use super::{on, Handle};

pub async fn put(db: impl Handle<'_>, token_hash: &str, path: &str, fields_json: &str, expires_at: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("INSERT INTO form_return (token_hash, path, fields, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(path)
            .bind(fields_json)
            .bind(expires_at)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// The kept form's server-function path and fields (JSON), unless it expired.
pub async fn get(db: impl Handle<'_>, token_hash: &str, now: i64) -> Result<Option<(String, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT path, fields FROM form_return WHERE token_hash = $1 AND expires_at > $2").bind(token_hash).bind(now).fetch_optional(&mut *db).await
    })
}

pub async fn delete_expired(db: impl Handle<'_>, now: i64) -> Result<u64, sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM form_return WHERE expires_at <= $1").bind(now).execute(&mut *db).await.map(|r| r.rows_affected())
    })
}

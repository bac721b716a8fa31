//! Unfinished uploads: the resumable protocol's state (how much of a file has arrived), kept
//! per account so another account's upload id finds nothing.

use crate::domain::ids::{AccountId, EntryId, UploadId};
use super::{on, Handle};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UploadRow {
    pub upload_id: UploadId,
    pub public_id: String,
    pub entry_id: EntryId,
    pub account_id: AccountId,
    pub original_name: String,
    pub size: i64,
    pub sha256: Option<String>,
    pub received: i64,
    pub updated_at: i64,
}

const UPLOAD: &str = "SELECT upload_id, public_id, entry_id, account_id, original_name, size, sha256, received, updated_at FROM upload";

pub struct NewUpload<'a> {
    pub public_id: &'a str,
    pub entry_id: EntryId,
    pub account_id: AccountId,
    pub original_name: &'a str,
    pub size: i64,
    pub sha256: Option<&'a str>,
}

pub async fn insert_upload(db: impl Handle<'_>, u: &NewUpload<'_>, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "INSERT INTO upload (public_id, entry_id, account_id, original_name, size, sha256, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(u.public_id)
        .bind(u.entry_id)
        .bind(u.account_id)
        .bind(u.original_name)
        .bind(u.size)
        .bind(u.sha256)
        .bind(now)
        .bind(now)
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

/// An upload by public id, only the account's own.
pub async fn upload(db: impl Handle<'_>, account_id: AccountId, public_id: &str) -> Result<Option<UploadRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, UploadRow>(sqlx::AssertSqlSafe(format!("{UPLOAD} WHERE public_id = $1 AND account_id = $2")))
            .bind(public_id)
            .bind(account_id)
            .fetch_optional(&mut *db)
            .await
    })
}

pub async fn uploads_of_entry(db: impl Handle<'_>, entry_id: EntryId) -> Result<Vec<UploadRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, UploadRow>(sqlx::AssertSqlSafe(format!("{UPLOAD} WHERE entry_id = $1 ORDER BY upload_id")))
            .bind(entry_id)
            .fetch_all(&mut *db)
            .await
    })
}

/// Records bytes acknowledged so far, only moving forward from `from`.
pub async fn set_received(db: impl Handle<'_>, upload_id: UploadId, from: i64, to: i64, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("UPDATE upload SET received = $1, updated_at = $2 WHERE upload_id = $3 AND received = $4")
            .bind(to)
            .bind(now)
            .bind(upload_id)
            .bind(from)
            .execute(&mut *db)
            .await?;
        Ok(r.rows_affected() == 1)
    })
}

pub async fn delete_upload(db: impl Handle<'_>, upload_id: UploadId) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM upload WHERE upload_id = $1").bind(upload_id).execute(&mut *db).await.map(|_| ())
    })
}

/// Uploads untouched since `before`: abandoned, to be removed with their bytes.
pub async fn stale_uploads(db: impl Handle<'_>, before: i64) -> Result<Vec<String>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("DELETE FROM upload WHERE updated_at < $1 RETURNING public_id").bind(before).fetch_all(&mut *db).await
    })
}

//! Resumable uploads: the protocol's state (how much of a file has arrived, and where each
//! acknowledged piece is in the store), kept per account so another account's upload id
//! finds nothing. Every instance reads and writes the same rows: any of them takes the next
//! piece.

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
    /// The entry's file it became, once finished.
    pub file_public_id: Option<String>,
}

const UPLOAD: &str = "SELECT upload_id, public_id, entry_id, account_id, original_name, size, sha256, received, updated_at, file_public_id FROM upload";

/// An acknowledged piece: bytes `start_at..start_at + length` of the file, in the store
/// under `object_key`.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Piece {
    pub start_at: i64,
    pub length: i64,
    pub object_key: String,
}

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

/// An entry's uploads still in progress.
pub async fn uploads_of_entry(db: impl Handle<'_>, entry_id: EntryId) -> Result<Vec<UploadRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, UploadRow>(sqlx::AssertSqlSafe(format!("{UPLOAD} WHERE entry_id = $1 AND file_public_id IS NULL ORDER BY upload_id")))
            .bind(entry_id)
            .fetch_all(&mut *db)
            .await
    })
}

/// Acknowledges a piece already in the store: the upload moves from `from` to `from +
/// length` and the piece is recorded, in one transaction, only if nothing else moved it
/// meanwhile (another instance, a repeated request) and it is not finished. False: not
/// recorded; the caller removes its object.
pub async fn add_piece(db: impl Handle<'_>, upload_id: UploadId, from: i64, length: i64, object_key: &str, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let moved = sqlx::query(
            "UPDATE upload SET received = $1, updated_at = $2 WHERE upload_id = $3 AND received = $4 AND file_public_id IS NULL",
        )
        .bind(from + length)
        .bind(now)
        .bind(upload_id)
        .bind(from)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !moved {
            return Ok(false);
        }
        sqlx::query("INSERT INTO upload_piece (upload_id, start_at, length, object_key) VALUES ($1, $2, $3, $4)")
            .bind(upload_id)
            .bind(from)
            .bind(length)
            .bind(object_key)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// An upload's pieces in file order.
pub async fn pieces(db: impl Handle<'_>, upload_id: UploadId) -> Result<Vec<Piece>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, Piece>("SELECT start_at, length, object_key FROM upload_piece WHERE upload_id = $1 ORDER BY start_at")
            .bind(upload_id)
            .fetch_all(&mut *db)
            .await
    })
}

/// Whether an upload (by public id, anyone's) still exists: pieces of one that does not are
/// left-overs to remove.
pub async fn exists(db: impl Handle<'_>, public_id: &str) -> Result<bool, sqlx::Error> {
    on!(db => {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM upload WHERE public_id = $1").bind(public_id).fetch_one(&mut *db).await?;
        Ok(n > 0)
    })
}

pub async fn delete_upload(db: impl Handle<'_>, upload_id: UploadId) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM upload WHERE upload_id = $1").bind(upload_id).execute(&mut *db).await.map(|_| ())
    })
}

/// Uploads untouched since `before` (abandoned, or finished long ago), removed; their public
/// ids, so their pieces' objects go too.
pub async fn stale_uploads(db: impl Handle<'_>, before: i64) -> Result<Vec<String>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("DELETE FROM upload WHERE updated_at < $1 RETURNING public_id").bind(before).fetch_all(&mut *db).await
    })
}

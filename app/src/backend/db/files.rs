//! An entry's files: content-addressed blobs (one per SHA-256, shared by every file with
//! those bytes and deleted with the last of them), the files that name them, and their
//! thumbnails' state. Reads an entrant can trigger are scoped like entries'.

use crate::domain::ids::{ContestId, EntryId, FileId, UploadId};
use super::{on, Handle};
use crate::domain::contest::FileKind;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FileRow {
    pub file_id: FileId,
    pub public_id: String,
    pub entry_id: EntryId,
    pub sha256: String,
    pub original_name: String,
    pub size: i64,
    pub mime: String,
    pub kind: FileKind,
    pub thumb_state: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// The blind copy's state (every kind but images): pending, ready or failed.
    pub clean_state: Option<String>,
    /// The file's visible text names the entry's participant.
    pub names_participant: bool,
}

pub(super) const FILE: &str = "SELECT f.file_id, f.public_id, f.entry_id, f.sha256, f.original_name, b.size, b.mime, b.kind,
    b.thumb_state, b.width, b.height, b.clean_state, f.names_participant FROM entry_file f JOIN blob b ON b.sha256 = f.sha256";

pub async fn files(db: impl Handle<'_>, entry_id: EntryId) -> Result<Vec<FileRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, FileRow>(sqlx::AssertSqlSafe(format!("{FILE} WHERE f.entry_id = $1 ORDER BY f.file_id")))
            .bind(entry_id)
            .fetch_all(&mut *db)
            .await
    })
}

pub async fn file(db: impl Handle<'_>, public_id: &str) -> Result<Option<FileRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, FileRow>(sqlx::AssertSqlSafe(format!("{FILE} WHERE f.public_id = $1")))
            .bind(public_id)
            .fetch_optional(&mut *db)
            .await
    })
}

/// The first file with a ready thumbnail of each entry of a contest: entry id → file public id.
pub async fn first_thumbnails(db: impl Handle<'_>, contest_id: ContestId) -> Result<std::collections::HashMap<EntryId, String>, sqlx::Error> {
    on!(db => {
        let rows: Vec<(EntryId, String)> = sqlx::query_as(
            "SELECT f.entry_id, f.public_id FROM entry_file f JOIN blob b USING (sha256) JOIN entry e ON e.entry_id = f.entry_id
             WHERE e.contest_id = $1 AND b.thumb_state = 'ready' ORDER BY f.file_id DESC",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await?;
        // Later rows are earlier files: the first file of each entry is the one that stays.
        Ok(rows.into_iter().collect())
    })
}

/// Files of an entry plus its unfinished uploads: what counts against `max_files`.
pub async fn count_files(db: impl Handle<'_>, entry_id: EntryId, except_upload: Option<UploadId>) -> Result<i64, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM entry_file WHERE entry_id = $1)
                  + (SELECT COUNT(*) FROM upload WHERE entry_id = $1 AND file_public_id IS NULL AND upload_id IS DISTINCT FROM $2)",
        )
        .bind(entry_id)
        .bind(except_upload)
        .fetch_one(&mut *db)
        .await
    })
}

pub struct NewBlob<'a> {
    pub sha256: &'a str,
    pub size: i64,
    pub mime: &'a str,
    pub kind: &'a str,
    pub dims: Option<(u32, u32)>,
}

/// What [`attach_file`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attached {
    /// The file is recorded; `new_blob`: its bytes were new (a thumbnail is due).
    Stored { new_blob: bool },
    /// The upload had already become a file (another request finished it): nothing written.
    AlreadyFinished,
}

/// Records a stored blob once (thumbnail or blind copy pending by its kind); `true` when
/// this call added it (the caller then starts the copy), `false` when it was there.
pub async fn record_blob(db: impl Handle<'_>, b: &NewBlob<'_>, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let thumb = (b.kind == "image").then_some("pending");
        let clean = (b.kind != "image").then_some("pending");
        let r = sqlx::query(
            "INSERT INTO blob (sha256, size, mime, kind, thumb_state, width, height, created_at, clean_state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(b.sha256)
        .bind(b.size)
        .bind(b.mime)
        .bind(b.kind)
        .bind(thumb)
        .bind(b.dims.map(|d| i64::from(d.0)))
        .bind(b.dims.map(|d| i64::from(d.1)))
        .bind(now)
        .bind(clean)
        .execute(&mut *db)
        .await?;
        Ok(r.rows_affected() == 1)
    })
}

/// Is a blob's row there (some file, anchor or upload in the making recorded it)?
pub async fn blob_recorded(db: impl Handle<'_>, sha256: &str) -> Result<bool, sqlx::Error> {
    on!(db => {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM blob WHERE sha256 = $1").bind(sha256).fetch_one(&mut *db).await?;
        Ok(n > 0)
    })
}

/// Removes a blob's row when no entry's file and no anchor's file names it any more;
/// `true` when it went (the caller then removes the stored bytes and copies).
pub async fn drop_if_unused(db: impl Handle<'_>, sha256: &str) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query(
            "DELETE FROM blob WHERE sha256 = $1 AND NOT EXISTS (SELECT 1 FROM entry_file WHERE sha256 = $2)
               AND NOT EXISTS (SELECT 1 FROM anchor_file WHERE sha256 = $3)",
        )
        .bind(sha256)
        .bind(sha256)
        .bind(sha256)
        .execute(&mut *db)
        .await?;
        Ok(r.rows_affected() == 1)
    })
}

/// [`drop_if_unused`] for each of these digests (duplicates are fine); the ones whose rows
/// went, in order.
pub async fn drop_all_unused(db: impl Handle<'_>, mut shas: Vec<String>) -> Result<Vec<String>, sqlx::Error> {
    shas.sort_unstable();
    shas.dedup();
    on!(db => {
        let mut gone = Vec::new();
        for sha in shas {
            if drop_if_unused(&mut *db, &sha).await? {
                gone.push(sha);
            }
        }
        Ok(gone)
    })
}

/// Records a stored blob (once) and the entry's file pointing at it, and marks the upload
/// that brought it finished, in one transaction.
pub async fn attach_file(
    db: impl Handle<'_>,
    entry_id: EntryId,
    file_public_id: &str,
    name: &str,
    b: &NewBlob<'_>,
    upload_id: Option<UploadId>,
    now: i64,
) -> Result<Attached, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let new = record_blob(&mut *tx, b, now).await?;
        sqlx::query("INSERT INTO entry_file (public_id, entry_id, sha256, original_name, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(file_public_id)
            .bind(entry_id)
            .bind(b.sha256)
            .bind(name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE entry SET updated_at = $1 WHERE entry_id = $2").bind(now).bind(entry_id).execute(&mut *tx).await?;
        // An upload becomes its file once: a second finisher (a repeated last piece on
        // another instance) changes nothing.
        if let Some(id) = upload_id {
            let first = sqlx::query("UPDATE upload SET file_public_id = $1, updated_at = $2 WHERE upload_id = $3 AND file_public_id IS NULL")
                .bind(file_public_id)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
            if !first {
                return Ok(Attached::AlreadyFinished);
            }
            sqlx::query("DELETE FROM upload_piece WHERE upload_id = $1").bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Attached::Stored { new_blob: new })
    })
}

/// Removes an entry's file. Returns the blob's digest when no file refers to it any more
/// (its row is gone too, so the caller removes the stored bytes), `Some(None)` when the
/// blob is still shared, `None` when the file was not this entry's.
pub async fn detach_file(db: impl Handle<'_>, entry_id: EntryId, file_public_id: &str, now: i64) -> Result<Option<Option<String>>, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let sha: Option<String> = sqlx::query_scalar("DELETE FROM entry_file WHERE public_id = $1 AND entry_id = $2 RETURNING sha256")
            .bind(file_public_id)
            .bind(entry_id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(sha) = sha else { return Ok(None) };
        let orphan = drop_if_unused(&mut *tx, &sha).await?;
        sqlx::query("UPDATE entry SET updated_at = $1 WHERE entry_id = $2").bind(now).bind(entry_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(Some(orphan.then_some(sha)))
    })
}

pub async fn set_thumb_state(db: impl Handle<'_>, sha256: &str, ready: bool) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE blob SET thumb_state = $1 WHERE sha256 = $2")
            .bind(if ready { "ready" } else { "failed" })
            .bind(sha256)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Records how making a blob's blind copy ended.
pub async fn set_clean_state(db: impl Handle<'_>, sha256: &str, ready: bool) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE blob SET clean_state = $1 WHERE sha256 = $2")
            .bind(if ready { "ready" } else { "failed" })
            .bind(sha256)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Blobs whose blind copy is still to be made, with their types.
pub async fn pending_clean(db: impl Handle<'_>) -> Result<Vec<(String, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT sha256, mime FROM blob WHERE clean_state = 'pending' ORDER BY created_at").fetch_all(&mut *db).await
    })
}

/// Marks a file whose visible text names the entry's participant.
pub async fn flag_names_participant(db: impl Handle<'_>, file_public_id: &str) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE entry_file SET names_participant = TRUE WHERE public_id = $1").bind(file_public_id).execute(&mut *db).await.map(|_| ())
    })
}

pub async fn pending_thumbs(db: impl Handle<'_>) -> Result<Vec<String>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT sha256 FROM blob WHERE thumb_state = 'pending'").fetch_all(&mut *db).await
    })
}

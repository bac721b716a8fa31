//! Moving and keeping a deployment: a whole database copied into an empty one (any engine to
//! any engine), verified table by table; a backup (the database as a SQLite file, from one
//! consistent snapshot taken while the site runs, beside the stored files and their
//! SHA-256 manifest) and its restore into an empty deployment.

use crate::backend::{AppState, storage};
use crate::backend::db::transfer::{self, Kind, TABLES};
use crate::backend::db::{self, Db};
use sha2::{Digest as _, Sha256};
use std::path::{Path, PathBuf};

/// What was copied of one table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableCopy {
    pub table: &'static str,
    pub rows: usize,
    /// Order-independent checksum of the rows (`db::transfer::checksum`).
    pub checksum: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("the target database is not empty ({0} rows): a copy goes only into an empty database")]
    NotEmpty(i64),
    #[error("{table}: {what}")]
    Mismatch { table: &'static str, what: String },
    #[error("{0}")]
    Files(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Copies every table of `from` into `to` (migrated first, and refused unless empty): rows
/// read from one snapshot of the source and written in one transaction, identity columns
/// advanced, then every table read back from the target and compared by row count and
/// checksum with what was read.
pub async fn copy(from: &Db, to: &Db) -> Result<Vec<TableCopy>, TransferError> {
    db::migrate(to).await?;
    let existing = transfer::total_rows(to).await?;
    if existing > 0 {
        return Err(TransferError::NotEmpty(existing));
    }
    let mut source = db::read(from).await?;
    let mut target = db::write(to).await?;
    let mut copied = Vec::with_capacity(TABLES.len());
    let mut plans = Vec::with_capacity(TABLES.len());
    for &table in TABLES {
        let columns = agreed_columns(table, &transfer::columns(&mut source, table).await?, &transfer::columns(&mut target, table).await?)?;
        let rows = transfer::read_rows(&mut source, table, &columns).await?;
        transfer::insert_rows(&mut target, table, &columns, &rows).await?;
        copied.push(TableCopy { table, rows: rows.len(), checksum: transfer::checksum(&rows) });
        plans.push(columns);
    }
    transfer::advance_sequences(&mut target).await?;
    target.commit().await?;
    source.commit().await?;
    for (c, columns) in copied.iter().zip(&plans) {
        let rows = transfer::read_rows(to, c.table, columns).await?;
        if rows.len() != c.rows || transfer::checksum(&rows) != c.checksum {
            return Err(TransferError::Mismatch { table: c.table, what: format!("{} rows read, {} found after the copy, or their checksums differ", c.rows, rows.len()) });
        }
    }
    Ok(copied)
}

/// The target's columns with the kind both engines agree on; a column only one side has is
/// refused (data would be lost, or a column left unfilled): the two are at different
/// versions of the schema.
fn agreed_columns(table: &'static str, source: &[(String, Kind)], target: &[(String, Kind)]) -> Result<Vec<(String, Kind)>, TransferError> {
    if let Some((extra, _)) = source.iter().find(|(n, _)| !target.iter().any(|(m, _)| m == n)) {
        return Err(TransferError::Mismatch { table, what: format!("column {extra} exists only in the source") });
    }
    target
        .iter()
        .map(|(name, kind)| match source.iter().find(|(n, _)| n == name) {
            Some((_, theirs)) => Ok((name.clone(), Kind::merge(*kind, *theirs))),
            None => Err(TransferError::Mismatch { table, what: format!("column {name} exists only in the target") }),
        })
        .collect()
}

/// Where a backup keeps the database, the files' manifest and the files.
pub const BACKUP_DB: &str = "baiqau.db";
pub const MANIFEST: &str = "files.sha256";
/// The folder of a backup that holds the store's objects (works and derived images,
/// documents, posters), each at its key.
const STORE_DIR: &str = "store";
/// Folders a manifest may name: `store/`, and `posters/` of backups made before posters
/// moved into the store.
const FILE_DIRS: &[&str] = &[STORE_DIR, "posters"];

/// What a backup or restore did.
#[derive(Clone, Debug)]
pub struct BackupReport {
    pub tables: Vec<TableCopy>,
    /// Files with their SHA-256 (hex) and size, paths relative to the backup folder.
    pub files: Vec<(String, String, u64)>,
}

/// Whether an object is kept by backups and copies: everything but pieces of unfinished
/// uploads (those start again).
fn kept(key: &str) -> bool {
    !key.starts_with("uploads/")
}

/// Writes a backup into `dir` (new or empty) while the site runs: the database copied from
/// one snapshot into `dir/baiqau.db`, then the store's objects that snapshot names (from the
/// directory or the bucket) with their SHA-256 manifest. Every work the snapshot names must
/// be among them.
pub async fn backup(state: &AppState, dir: &Path) -> Result<BackupReport, TransferError> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(TransferError::Files(format!("{} is not empty: a backup goes into a new folder", dir.display())));
    }
    std::fs::create_dir_all(dir)?;
    let file = db::connect(&format!("sqlite://{}", dir.join(BACKUP_DB).display())).await?;
    let tables = copy(&state.db, &file).await?;
    let works = transfer::blob_hashes(&file).await?;
    // Only what the snapshot names: a work stored after it (an upload finishing while the
    // backup runs) would come back as a file nothing refers to.
    let referenced = super::check::Referenced::of(&file).await?;
    file.close().await;
    let mut files = Vec::new();
    for o in state.storage.list("").await?.into_iter().filter(|o| kept(&o.key) && referenced.names(&o.key)) {
        let rel = format!("{STORE_DIR}/{}", o.key);
        let to = dir.join(&rel);
        if let Some(parent) = to.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        match storage::fetch_to_file(state.storage.as_ref(), &o.key, o.size, &to).await {
            // Deleted since the listing (a file removed meanwhile): not in the snapshot either,
            // or the check below says so.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                tokio::fs::remove_file(&to).await?;
                continue;
            }
            other => other?,
        };
        let (sha, size) = sha256_of(to).await?;
        files.push((rel, sha, size));
    }
    let missing: Vec<&String> = works.iter().filter(|sha| !files.iter().any(|(path, hash, _)| hash == *sha && path.starts_with("store/blobs/"))).collect();
    if !missing.is_empty() {
        return Err(TransferError::Files(format!("works named by the database but not stored: {missing:?}")));
    }
    let manifest: String = files.iter().map(|(path, sha, size)| format!("{sha}  {size}  {path}\n")).collect();
    std::fs::write(dir.join(MANIFEST), manifest)?;
    Ok(BackupReport { tables, files })
}

/// Restores a backup into this deployment, whose database must be empty: the database, then
/// every file of the manifest into the store, each checked against its SHA-256 before and
/// after it was written.
pub async fn restore(state: &AppState, dir: &Path) -> Result<BackupReport, TransferError> {
    let db_file = dir.join(BACKUP_DB);
    let manifest = std::fs::read_to_string(dir.join(MANIFEST)).map_err(|e| TransferError::Files(format!("{}: {e}", dir.join(MANIFEST).display())))?;
    if !db_file.is_file() {
        return Err(TransferError::Files(format!("{} is missing", db_file.display())));
    }
    let mut planned = Vec::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        planned.push(manifest_line(line)?);
    }
    let source = db::connect(&format!("sqlite://{}", db_file.display())).await?;
    let tables = copy(&source, &state.db).await;
    source.close().await;
    let tables = tables?;
    let mut files = Vec::new();
    for (sha, size, rel) in planned {
        let key = rel.strip_prefix("store/").unwrap_or(&rel).to_owned();
        let (got, len) = sha256_of(dir.join(&rel)).await?;
        if got != sha || len != size {
            return Err(TransferError::Files(format!("{rel}: SHA-256 {got} ({len} bytes), the manifest says {sha} ({size})")));
        }
        put_verified(state, &dir.join(&rel), &key, &sha).await?;
        files.push((rel, got, len));
    }
    Ok(BackupReport { tables, files })
}

/// `sha256  size  path` with a path inside the folders a backup holds.
fn manifest_line(line: &str) -> Result<(String, u64, String), TransferError> {
    let mut parts = line.splitn(3, "  ");
    let (Some(sha), Some(size), Some(rel)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(TransferError::Files(format!("a manifest line that is not `sha256  size  path`: {line:?}")));
    };
    let rel_path = Path::new(rel);
    let inside = !rel_path.is_absolute()
        && rel_path.components().all(|c| matches!(c, std::path::Component::Normal(_)))
        && FILE_DIRS.iter().any(|d| rel_path.starts_with(d));
    if !inside || rel.contains('\\') {
        return Err(TransferError::Files(format!("a manifest path outside the data folders: {rel:?}")));
    }
    let size = size.parse::<u64>().map_err(|_| TransferError::Files(format!("a manifest line with a size that is not a number: {line:?}")))?;
    Ok((sha.to_owned(), size, rel.to_owned()))
}

/// Puts a local file into the store under `key` (through a copy: the file stays), then reads
/// it back from the store and checks it against `sha`.
async fn put_verified(state: &AppState, file: &Path, key: &str, sha: &str) -> Result<(), TransferError> {
    let staged = crate::service::entries::staging_path(state, "restore");
    if let Some(parent) = staged.parent() {
        tokio::fs::create_dir_all(parent).await?;
    }
    tokio::fs::copy(file, &staged).await?;
    if let Err(e) = state.storage.put_file(key, &staged).await {
        let _ = tokio::fs::remove_file(&staged).await;
        return Err(e.into());
    }
    let written = stored_sha256(state.storage.as_ref(), key).await?;
    if written != sha {
        return Err(TransferError::Files(format!("{key}: the store holds SHA-256 {written}, not {sha}")));
    }
    Ok(())
}

/// The SHA-256 of an object as the store gives it back.
pub async fn stored_sha256(store: &dyn storage::BlobStore, key: &str) -> Result<String, TransferError> {
    use futures_util::StreamExt as _;
    let size = store.size(key).await?.ok_or_else(|| TransferError::Files(format!("{key} is not in the store")))?;
    let mut h = Sha256::new();
    let mut blocks = store.stream(key, 0..size).await?;
    while let Some(b) = blocks.next().await {
        h.update(&b?);
    }
    Ok(hex::encode(h.finalize()))
}

/// Copies every object (but upload pieces) from one store into another: a directory into a
/// bucket, or back. Each object is read once, its SHA-256 taken (a work's must be its name),
/// written, and read back from the target to check the hash. Returns each key, hash and size.
pub async fn copy_objects(from: &dyn storage::BlobStore, to: &dyn storage::BlobStore, staging: &Path) -> Result<Vec<(String, String, u64)>, TransferError> {
    tokio::fs::create_dir_all(staging).await?;
    let mut done = Vec::new();
    for o in from.list("").await?.into_iter().filter(|o| kept(&o.key)) {
        let local = staging.join(format!("{}.copy", crate::backend::ids::new_public_id()));
        storage::fetch_to_file(from, &o.key, o.size, &local).await?;
        let (sha, size) = sha256_of(local.clone()).await?;
        let named = o.key.strip_prefix("blobs/").and_then(|k| k.split('/').nth(1));
        if named.is_some_and(|n| n != sha) || size != o.size {
            let _ = tokio::fs::remove_file(&local).await;
            return Err(TransferError::Files(format!("{}: its bytes have SHA-256 {sha} ({size} bytes): damaged in the source", o.key)));
        }
        to.put_file(&o.key, &local).await?;
        let written = stored_sha256(to, &o.key).await?;
        if written != sha {
            return Err(TransferError::Files(format!("{}: the target holds SHA-256 {written}, not {sha}", o.key)));
        }
        done.push((o.key, sha, size));
    }
    Ok(done)
}

async fn sha256_of(path: PathBuf) -> Result<(String, u64), TransferError> {
    Ok(tokio::task::spawn_blocking(move || sha256_file(&path)).await.map_err(|e| TransferError::Files(e.to_string()))??)
}

/// The SHA-256 of a file, in hex.
pub fn sha256_file(path: &Path) -> Result<(String, u64), std::io::Error> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let size = std::io::copy(&mut f, &mut h)?;
    Ok((hex::encode(h.finalize()), size))
}


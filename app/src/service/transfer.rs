//! Moving and keeping a deployment: a whole database copied into an empty one (any engine to
//! any engine), verified table by table; a backup (the database as a SQLite file, from one
//! consistent snapshot taken while the site runs, beside the stored files and their
//! SHA-256 manifest) and its restore into an empty deployment.

use crate::backend::AppState;
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
/// The folders of the data directory a backup carries (works and derived images, documents;
/// posters).
const FILE_DIRS: &[&str] = &["store", "posters"];

/// What a backup or restore did.
#[derive(Clone, Debug)]
pub struct BackupReport {
    pub tables: Vec<TableCopy>,
    /// Files with their SHA-256 (hex) and size, paths relative to the data directory.
    pub files: Vec<(String, String, u64)>,
}

/// Writes a backup into `dir` (new or empty) while the site runs: the database copied from
/// one snapshot into `dir/baiqau.db`, then the stored files with their SHA-256 manifest.
/// Every work the snapshot names must be among the files.
pub async fn backup(state: &AppState, dir: &Path) -> Result<BackupReport, TransferError> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(TransferError::Files(format!("{} is not empty: a backup goes into a new folder", dir.display())));
    }
    std::fs::create_dir_all(dir)?;
    let file = db::connect(&format!("sqlite://{}", dir.join(BACKUP_DB).display())).await?;
    let tables = copy(&state.db, &file).await?;
    let works = transfer::blob_hashes(&file).await?;
    file.close().await;
    let data = state.config.data_dir.clone();
    let out = dir.to_path_buf();
    let files = tokio::task::spawn_blocking(move || copy_files(&data, &out)).await.map_err(|e| TransferError::Files(e.to_string()))??;
    let missing: Vec<&String> = works.iter().filter(|sha| !files.iter().any(|(path, hash, _)| hash == *sha && path.starts_with("store/blobs/"))).collect();
    if !missing.is_empty() {
        return Err(TransferError::Files(format!("works named by the database but not stored: {missing:?}")));
    }
    let manifest: String = files.iter().map(|(path, sha, size)| format!("{sha}  {size}  {path}\n")).collect();
    std::fs::write(dir.join(MANIFEST), manifest)?;
    Ok(BackupReport { tables, files })
}

/// Restores a backup into this deployment, whose database must be empty: the database, then
/// every file of the manifest, each checked against its SHA-256 after it was written.
pub async fn restore(state: &AppState, dir: &Path) -> Result<BackupReport, TransferError> {
    let db_file = dir.join(BACKUP_DB);
    let manifest = std::fs::read_to_string(dir.join(MANIFEST)).map_err(|e| TransferError::Files(format!("{}: {e}", dir.join(MANIFEST).display())))?;
    if !db_file.is_file() {
        return Err(TransferError::Files(format!("{} is missing", db_file.display())));
    }
    let source = db::connect(&format!("sqlite://{}", db_file.display())).await?;
    let tables = copy(&source, &state.db).await;
    source.close().await;
    let tables = tables?;
    let data = state.config.data_dir.clone();
    let from = dir.to_path_buf();
    let files = tokio::task::spawn_blocking(move || restore_files(&from, &data, &manifest)).await.map_err(|e| TransferError::Files(e.to_string()))??;
    Ok(BackupReport { tables, files })
}

/// The SHA-256 of a file, in hex.
pub fn sha256_file(path: &Path) -> Result<(String, u64), std::io::Error> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let size = std::io::copy(&mut f, &mut h)?;
    Ok((hex::encode(h.finalize()), size))
}

fn files_under(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> Result<(), std::io::Error> {
    let dir = root.join(rel);
    if !dir.is_dir() {
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(&dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for e in entries {
        let path = rel.join(e.file_name());
        if e.file_type()?.is_dir() {
            files_under(root, &path, out)?;
        } else if !e.file_name().to_string_lossy().starts_with('.') {
            out.push(path);
        }
    }
    Ok(())
}

fn copy_files(data: &Path, out: &Path) -> Result<Vec<(String, String, u64)>, TransferError> {
    let mut paths = Vec::new();
    for d in FILE_DIRS {
        files_under(data, Path::new(d), &mut paths)?;
    }
    let mut files = Vec::with_capacity(paths.len());
    for rel in paths {
        let to = out.join(&rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(data.join(&rel), &to)?;
        let (sha, size) = sha256_file(&to)?;
        files.push((rel.to_string_lossy().into_owned(), sha, size));
    }
    Ok(files)
}

fn restore_files(from: &Path, data: &Path, manifest: &str) -> Result<Vec<(String, String, u64)>, TransferError> {
    let mut files = Vec::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let mut parts = line.splitn(3, "  ");
        let (Some(sha), Some(size), Some(rel)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(TransferError::Files(format!("a manifest line that is not `sha256  size  path`: {line:?}")));
        };
        let rel_path = Path::new(rel);
        if rel_path.is_absolute() || rel_path.components().any(|c| matches!(c, std::path::Component::ParentDir)) || !FILE_DIRS.iter().any(|d| rel_path.starts_with(d)) {
            return Err(TransferError::Files(format!("a manifest path outside the data folders: {rel:?}")));
        }
        let to = data.join(rel_path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from.join(rel_path), &to)?;
        let (got, len) = sha256_file(&to)?;
        if got != sha || size.parse::<u64>().ok() != Some(len) {
            return Err(TransferError::Files(format!("{rel}: SHA-256 {got} ({len} bytes), the manifest says {sha} ({size})")));
        }
        files.push((rel.to_owned(), got, len));
    }
    Ok(files)
}

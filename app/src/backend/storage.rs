//! Where the bytes of works live. Callers speak to a [`BlobStore`] by key; the local file
//! system is the one store today, and an S3-compatible one can be added beside it without
//! touching them. Keys are always generated here (hex digests), never user input.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;

pub type IoFuture<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;

pub trait BlobStore: Send + Sync {
    /// Moves a complete local file into the store under `key`, atomically: afterwards the
    /// key holds all of it, or (on error) nothing new.
    fn put_file<'a>(&'a self, key: &'a str, file: &'a Path) -> IoFuture<'a, ()>;
    /// Stores small derived bytes (thumbnails) under `key`, atomically.
    fn put_bytes<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> IoFuture<'a, ()>;
    /// Reads a whole object (for deriving previews; callers bound the size first).
    fn read<'a>(&'a self, key: &'a str) -> IoFuture<'a, Vec<u8>>;
    fn exists<'a>(&'a self, key: &'a str) -> IoFuture<'a, bool>;
    /// Removes `key`; a key that is already gone is not an error.
    fn delete<'a>(&'a self, key: &'a str) -> IoFuture<'a, ()>;
    /// A path on this machine the object can be served from with range requests, when the
    /// store keeps objects locally. A remote store answers None and its serving path
    /// (a signed redirect) is added with it.
    fn local_path(&self, key: &str) -> Option<PathBuf>;
}

/// The key of a work's bytes: `blobs/ab/abcdef…` by SHA-256.
pub fn blob_key(sha256: &str) -> String {
    format!("blobs/{}/{sha256}", sha256.get(..2).unwrap_or("00"))
}

/// The key of an image's thumbnail.
pub fn thumb_key(sha256: &str) -> String {
    format!("thumbs/{}/{sha256}.jpg", sha256.get(..2).unwrap_or("00"))
}

/// The key of an image's larger metadata-free copy (what blind judges see).
pub fn view_key(sha256: &str) -> String {
    format!("views/{}/{sha256}.jpg", sha256.get(..2).unwrap_or("00"))
}

/// Objects as files under one directory.
pub struct LocalStore {
    root: PathBuf,
}

impl LocalStore {
    pub fn new(root: PathBuf) -> LocalStore {
        LocalStore { root }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.root.join(key)
    }
}

impl BlobStore for LocalStore {
    fn put_file<'a>(&'a self, key: &'a str, file: &'a Path) -> IoFuture<'a, ()> {
        Box::pin(async move {
            let target = self.path(key);
            if let Some(dir) = target.parent() {
                tokio::fs::create_dir_all(dir).await?;
            }
            // Same file system as the staging directory (both under the data directory):
            // a rename is atomic. Make the bytes durable first.
            tokio::fs::File::open(file).await?.sync_all().await?;
            tokio::fs::rename(file, &target).await
        })
    }

    fn put_bytes<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> IoFuture<'a, ()> {
        Box::pin(async move {
            let target = self.path(key);
            let dir = target.parent().map(Path::to_path_buf).unwrap_or_else(|| self.root.clone());
            tokio::fs::create_dir_all(&dir).await?;
            let tmp = dir.join(format!(".{}.part", rand_suffix()));
            if let Err(e) = tokio::fs::write(&tmp, bytes).await {
                let _ = tokio::fs::remove_file(&tmp).await;
                return Err(e);
            }
            tokio::fs::rename(&tmp, &target).await
        })
    }

    fn read<'a>(&'a self, key: &'a str) -> IoFuture<'a, Vec<u8>> {
        Box::pin(async move { tokio::fs::read(self.path(key)).await })
    }

    fn exists<'a>(&'a self, key: &'a str) -> IoFuture<'a, bool> {
        Box::pin(async move { tokio::fs::try_exists(self.path(key)).await })
    }

    fn delete<'a>(&'a self, key: &'a str) -> IoFuture<'a, ()> {
        Box::pin(async move {
            match tokio::fs::remove_file(self.path(key)).await {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        })
    }

    fn local_path(&self, key: &str) -> Option<PathBuf> {
        Some(self.path(key))
    }
}

fn rand_suffix() -> String {
    use rand::RngCore as _;
    format!("{:016x}", rand::rng().next_u64())
}

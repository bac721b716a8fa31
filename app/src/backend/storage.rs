//! Where the bytes of works live. Callers speak to a [`BlobStore`] by key; two back ends
//! answer: a directory on this machine ([`LocalStore`], the default) and S3-compatible object
//! storage ([`S3Store`]: Garage, MinIO, a hosting provider's S3) shared by every instance.
//! Keys are always generated here or by the server (hex digests, random ids), never user
//! input.
//!
//! Keys: `blobs/ab/<sha256>` (works), `thumbs/ab/<sha256>.jpg` and `views/ab/<sha256>.jpg`
//! (derived images), `documents/<code>.pdf` (diplomas), `posters/<name>` (contest posters),
//! `uploads/<upload id>/<offset>-<random>` (pieces of unfinished uploads).

use bytes::Bytes;
use futures_util::{Stream, StreamExt as _, TryStreamExt as _};
use std::future::Future;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

pub type IoFuture<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;
/// An object's bytes as they arrive, a block at a time (never the whole object in memory).
pub type ByteStream = Pin<Box<dyn Stream<Item = io::Result<Bytes>> + Send>>;

/// One object of a listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub key: String,
    pub size: u64,
    /// Unix seconds of the last write.
    pub modified: i64,
}

pub trait BlobStore: Send + Sync {
    /// Moves a complete local file into the store under `key`: afterwards the key holds all
    /// of it, or (on error) nothing new. The local file is gone after success.
    fn put_file<'a>(&'a self, key: &'a str, file: &'a Path) -> IoFuture<'a, ()>;
    /// Stores small bytes (thumbnails, PDFs, posters) under `key`, atomically.
    fn put_bytes<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> IoFuture<'a, ()>;
    /// Reads a whole object (for deriving previews; callers bound the size first). A missing
    /// key is `ErrorKind::NotFound`.
    fn read<'a>(&'a self, key: &'a str) -> IoFuture<'a, Vec<u8>>;
    /// The object's size, or None when there is no such object.
    fn size<'a>(&'a self, key: &'a str) -> IoFuture<'a, Option<u64>>;
    /// The bytes `range` of an object (the caller keeps it within the size).
    fn stream<'a>(&'a self, key: &'a str, range: Range<u64>) -> IoFuture<'a, ByteStream>;
    /// Removes `key`; a key that is already gone is not an error.
    fn delete<'a>(&'a self, key: &'a str) -> IoFuture<'a, ()>;
    /// Every object whose key starts with the path `prefix` (whole segments: `uploads/ab`
    /// lists `uploads/ab/…`), sorted by key.
    fn list<'a>(&'a self, prefix: &'a str) -> IoFuture<'a, Vec<Listed>>;
    /// Where the objects are, for logs and the command line (never the credentials).
    fn describe(&self) -> String;

    fn exists<'a>(&'a self, key: &'a str) -> IoFuture<'a, bool> {
        Box::pin(async move { Ok(self.size(key).await?.is_some()) })
    }
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

/// The key of a work's blind copy (its type, without its metadata).
pub fn clean_key(sha256: &str) -> String {
    format!("clean/{}/{sha256}", sha256.get(..2).unwrap_or("00"))
}

/// The key of a PDF's first page as a picture (the public gallery's); an empty object
/// there records that the page could not be drawn.
pub fn page_key(sha256: &str) -> String {
    format!("pages/{}/{sha256}.jpg", sha256.get(..2).unwrap_or("00"))
}

/// The key of a diploma's (certificate's, letter's) PDF, by its public code.
pub fn document_key(code: &str) -> String {
    format!("documents/{code}.pdf")
}

/// The key of a contest poster (its file name is made by the server).
pub fn poster_key(name: &str) -> String {
    format!("posters/{name}")
}

/// The copies made of a poster when it is uploaded, by the ends of their names: for cards,
/// for the contest page, for social previews, the favicon.
pub const POSTER_COPIES: [&str; 4] = ["-card.jpg", "-page.jpg", "-og.jpg", "-icon.png"];
/// The copies made of the organiser's logo (itself `<stem>.png`, sized for the header):
/// the favicon and the diplomas'.
pub const LOGO_COPIES: [&str; 2] = ["-icon.png", "-print.jpg"];

/// The name of a copy of the file `name` (`abc.png` → `abc-card.jpg`).
pub fn copy_name(name: &str, suffix: &str) -> String {
    let stem = name.split_once('.').map_or(name, |(stem, _)| stem);
    format!("{stem}{suffix}")
}

/// Whether `file` is `name` or one of the `copies` made of it.
pub fn is_copy_or_self(file: &str, name: &str, copies: &[&str]) -> bool {
    file == name || copies.iter().any(|suffix| copy_name(name, suffix) == file)
}

/// The key of the organiser's logo or one of its copies (names made by the server).
pub fn brand_key(name: &str) -> String {
    format!("brand/{name}")
}

/// Where the pieces of an unfinished upload are kept.
pub fn upload_prefix(upload_public_id: &str) -> String {
    format!("uploads/{upload_public_id}")
}

/// Copies an object into a local file (created or truncated), a block at a time; returns
/// its length.
pub async fn fetch_to_file(store: &dyn BlobStore, key: &str, size: u64, file: &Path) -> io::Result<u64> {
    use tokio::io::AsyncWriteExt as _;
    let mut out = tokio::fs::File::create(file).await?;
    let mut n = 0u64;
    if size > 0 {
        let mut s = store.stream(key, 0..size).await?;
        while let Some(block) = s.next().await {
            let block = block?;
            n += block.len() as u64;
            out.write_all(&block).await?;
        }
    }
    out.flush().await?;
    Ok(n)
}

/// The store named by `BAIQAU_STORAGE_URL`: none or a path → a directory (default
/// `DATA_DIR/store`); `s3://[key:secret@]bucket[/prefix]?endpoint=…&region=…` →
/// S3-compatible storage, credentials from the URL or `AWS_ACCESS_KEY_ID` and
/// `AWS_SECRET_ACCESS_KEY`.
pub fn open(url: Option<&str>, data_dir: &Path) -> Result<Arc<dyn BlobStore>, String> {
    match url.map(str::trim).filter(|u| !u.is_empty()) {
        None => Ok(Arc::new(LocalStore::new(data_dir.join("store")))),
        Some(u) if u.starts_with("s3://") => Ok(Arc::new(S3Store::from_url(u)?)),
        Some(u) if u.contains("://") && !u.starts_with("file://") => Err(format!("{u}: a storage URL is s3://bucket?endpoint=… or a directory")),
        Some(u) => Ok(Arc::new(LocalStore::new(PathBuf::from(u.trim_start_matches("file://"))))),
    }
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

fn modified_secs(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .unwrap_or(0)
}

fn walk(root: &Path, rel: &str, out: &mut Vec<Listed>) -> io::Result<()> {
    let dir = root.join(rel);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound || e.kind() == io::ErrorKind::NotADirectory => return Ok(()),
        Err(e) => return Err(e),
    };
    for e in entries {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        // Half-written files (`.name.part`) are not objects yet.
        if name.starts_with('.') {
            continue;
        }
        let key = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        let meta = e.metadata()?;
        if meta.is_dir() {
            walk(root, &key, out)?;
        } else {
            out.push(Listed { key, size: meta.len(), modified: modified_secs(&meta) });
        }
    }
    Ok(())
}

impl BlobStore for LocalStore {
    fn put_file<'a>(&'a self, key: &'a str, file: &'a Path) -> IoFuture<'a, ()> {
        Box::pin(async move {
            let target = self.path(key);
            if let Some(dir) = target.parent() {
                tokio::fs::create_dir_all(dir).await?;
            }
            // Make the bytes durable first; a rename is atomic on one file system, and a
            // copy (another file system) goes through a hidden name first.
            tokio::fs::File::open(file).await?.sync_all().await?;
            if tokio::fs::rename(file, &target).await.is_ok() {
                return Ok(());
            }
            let tmp = hidden_sibling(&target);
            tokio::fs::copy(file, &tmp).await?;
            tokio::fs::rename(&tmp, &target).await?;
            tokio::fs::remove_file(file).await
        })
    }

    fn put_bytes<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> IoFuture<'a, ()> {
        Box::pin(async move {
            let target = self.path(key);
            if let Some(dir) = target.parent() {
                tokio::fs::create_dir_all(dir).await?;
            }
            let tmp = hidden_sibling(&target);
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

    fn size<'a>(&'a self, key: &'a str) -> IoFuture<'a, Option<u64>> {
        Box::pin(async move {
            match tokio::fs::metadata(self.path(key)).await {
                Ok(m) if m.is_file() => Ok(Some(m.len())),
                Ok(_) => Ok(None),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            }
        })
    }

    fn stream<'a>(&'a self, key: &'a str, range: Range<u64>) -> IoFuture<'a, ByteStream> {
        Box::pin(async move {
            use tokio::io::{AsyncReadExt as _, AsyncSeekExt as _};
            let mut f = tokio::fs::File::open(self.path(key)).await?;
            f.seek(io::SeekFrom::Start(range.start)).await?;
            let left = range.end.saturating_sub(range.start);
            let reader = f.take(left);
            let blocks = futures_util::stream::try_unfold(reader, |mut r| async move {
                let mut buf = vec![0u8; 256 * 1024];
                let n = r.read(&mut buf).await?;
                if n == 0 {
                    return Ok(None);
                }
                buf.truncate(n);
                Ok(Some((Bytes::from(buf), r)))
            });
            Ok(Box::pin(blocks) as ByteStream)
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> IoFuture<'a, ()> {
        Box::pin(async move {
            match tokio::fs::remove_file(self.path(key)).await {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        })
    }

    fn list<'a>(&'a self, prefix: &'a str) -> IoFuture<'a, Vec<Listed>> {
        Box::pin(async move {
            let root = self.root.clone();
            let prefix = prefix.trim_matches('/').to_owned();
            let mut out = tokio::task::spawn_blocking(move || {
                let mut out = Vec::new();
                walk(&root, &prefix, &mut out).map(|()| out)
            })
            .await
            .map_err(io::Error::other)??;
            out.sort_by(|a, b| a.key.cmp(&b.key));
            Ok(out)
        })
    }

    fn describe(&self) -> String {
        format!("directory {}", self.root.display())
    }
}

fn hidden_sibling(target: &Path) -> PathBuf {
    use rand::RngCore as _;
    let dir = target.parent().map(Path::to_path_buf).unwrap_or_default();
    dir.join(format!(".{:016x}.part", rand::rng().next_u64()))
}

/// S3-compatible object storage through `object_store`: streamed multipart uploads, ranged
/// reads, listings. The bucket stays private; every byte a browser gets passes the site's
/// access checks.
pub struct S3Store {
    inner: Arc<dyn object_store::ObjectStore>,
    describe: String,
}

/// Part size of multipart uploads (S3's smallest but the last) and parts in flight: at most
/// about 3 × this in memory per file being stored.
const PART: usize = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT: usize = 2;

fn s3_error(e: object_store::Error) -> io::Error {
    match e {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, e.to_string()),
        other => io::Error::other(other.to_string()),
    }
}

fn object_path(key: &str) -> io::Result<object_store::path::Path> {
    object_store::path::Path::parse(key).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))
}

impl S3Store {
    /// `s3://[key:secret@]bucket[/prefix]?endpoint=http://127.0.0.1:3900&region=garage`; the
    /// endpoint and region may also come from `AWS_ENDPOINT` and `AWS_REGION`, the
    /// credentials from `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (as with
    /// `DATABASE_URL`, a secret in the URL is percent-encoded). A plain `http://` endpoint is
    /// allowed (a store on the same private network).
    pub fn from_url(url: &str) -> Result<S3Store, String> {
        use object_store::aws::AmazonS3Builder;
        let parsed = url::Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
        let bucket = parsed.host_str().filter(|b| !b.is_empty()).ok_or_else(|| format!("{url}: no bucket named (s3://bucket?endpoint=…)"))?;
        let mut b = AmazonS3Builder::from_env().with_bucket_name(bucket);
        if !parsed.username().is_empty() {
            b = b.with_access_key_id(percent_decode(parsed.username())).with_secret_access_key(percent_decode(parsed.password().unwrap_or_default()));
        }
        let mut endpoint = std::env::var("AWS_ENDPOINT").ok();
        for (k, v) in parsed.query_pairs() {
            match k.as_ref() {
                "endpoint" => endpoint = Some(v.into_owned()),
                "region" => b = b.with_region(v.as_ref()),
                other => return Err(format!("{url}: unknown setting {other:?} (endpoint, region)")),
            }
        }
        if let Some(e) = &endpoint {
            b = b.with_endpoint(e).with_allow_http(e.starts_with("http://"));
        }
        // A store that does not answer is said at once (start-up, a request), not after the
        // library's default of ten retries over three minutes.
        let retry = object_store::RetryConfig { max_retries: 3, retry_timeout: std::time::Duration::from_secs(15), ..Default::default() };
        let client = object_store::ClientOptions::new()
            .with_connect_timeout(std::time::Duration::from_secs(5))
            .with_timeout(std::time::Duration::from_secs(120))
            .with_allow_http(endpoint.as_deref().is_some_and(|e| e.starts_with("http://")));
        b = b.with_retry(retry).with_client_options(client);
        let store = b.build().map_err(|e| format!("{url}: {e}"))?;
        let prefix = parsed.path().trim_matches('/').to_owned();
        let describe = format!("s3://{bucket}/{prefix} at {}", endpoint.as_deref().unwrap_or("AWS"));
        let inner: Arc<dyn object_store::ObjectStore> =
            if prefix.is_empty() { Arc::new(store) } else { Arc::new(object_store::prefix::PrefixStore::new(store, prefix.as_str())) };
        Ok(S3Store { inner, describe })
    }
}

/// `%2F` → `/` (a URL's user and password are percent-encoded; `+` stays `+`).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (b[i], b.get(i + 1).copied().and_then(hex), b.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl BlobStore for S3Store {
    fn put_file<'a>(&'a self, key: &'a str, file: &'a Path) -> IoFuture<'a, ()> {
        Box::pin(async move {
            use tokio::io::AsyncWriteExt as _;
            let mut from = tokio::fs::File::open(file).await?;
            let mut to = object_store::buffered::BufWriter::with_capacity(Arc::clone(&self.inner), object_path(key)?, PART)
                .with_max_concurrency(PARTS_IN_FLIGHT);
            // A failed copy aborts the multipart upload: nothing appears under the key.
            if let Err(e) = tokio::io::copy(&mut from, &mut to).await {
                let _ = to.abort().await;
                return Err(e);
            }
            if let Err(e) = to.shutdown().await {
                let _ = to.abort().await;
                return Err(e);
            }
            tokio::fs::remove_file(file).await
        })
    }

    fn put_bytes<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> IoFuture<'a, ()> {
        Box::pin(async move {
            use object_store::ObjectStoreExt as _;
            self.inner.put(&object_path(key)?, bytes.into()).await.map(|_| ()).map_err(s3_error)
        })
    }

    fn read<'a>(&'a self, key: &'a str) -> IoFuture<'a, Vec<u8>> {
        Box::pin(async move {
            use object_store::ObjectStoreExt as _;
            let got = self.inner.get(&object_path(key)?).await.map_err(s3_error)?;
            Ok(got.bytes().await.map_err(s3_error)?.to_vec())
        })
    }

    fn size<'a>(&'a self, key: &'a str) -> IoFuture<'a, Option<u64>> {
        Box::pin(async move {
            use object_store::ObjectStoreExt as _;
            match self.inner.head(&object_path(key)?).await {
                Ok(meta) => Ok(Some(meta.size)),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(s3_error(e)),
            }
        })
    }

    fn stream<'a>(&'a self, key: &'a str, range: Range<u64>) -> IoFuture<'a, ByteStream> {
        Box::pin(async move {
            if range.is_empty() {
                return Ok(Box::pin(futures_util::stream::empty()) as ByteStream);
            }
            let options = object_store::GetOptions { range: Some(object_store::GetRange::Bounded(range)), ..Default::default() };
            let got = self.inner.get_opts(&object_path(key)?, options).await.map_err(s3_error)?;
            Ok(Box::pin(got.into_stream().map_err(s3_error)) as ByteStream)
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> IoFuture<'a, ()> {
        Box::pin(async move {
            use object_store::ObjectStoreExt as _;
            match self.inner.delete(&object_path(key)?).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(s3_error(e)),
            }
        })
    }

    fn list<'a>(&'a self, prefix: &'a str) -> IoFuture<'a, Vec<Listed>> {
        Box::pin(async move {
            let prefix = prefix.trim_matches('/');
            let path = if prefix.is_empty() { None } else { Some(object_path(prefix)?) };
            let mut out: Vec<Listed> = self
                .inner
                .list(path.as_ref())
                .map_ok(|m| Listed { key: m.location.to_string(), size: m.size, modified: m.last_modified.timestamp() })
                .try_collect()
                .await
                .map_err(s3_error)?;
            out.sort_by(|a, b| a.key.cmp(&b.key));
            Ok(out)
        })
    }

    fn describe(&self) -> String {
        self.describe.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_urls_pick_a_back_end_or_say_what_is_wrong() {
        let data = Path::new("/srv/baiqau");
        assert_eq!(open(None, data).unwrap().describe(), "directory /srv/baiqau/store");
        assert_eq!(open(Some(" "), data).unwrap().describe(), "directory /srv/baiqau/store");
        assert_eq!(open(Some("/mnt/works"), data).unwrap().describe(), "directory /mnt/works");
        assert_eq!(open(Some("file:///mnt/works"), data).unwrap().describe(), "directory /mnt/works");
        let s3 = open(Some("s3://works/site-a?endpoint=http://127.0.0.1:3900&region=garage"), data).unwrap();
        assert_eq!(s3.describe(), "s3://works/site-a at http://127.0.0.1:3900");
        // Credentials in the URL are used, never shown.
        let keyed = open(Some("s3://GK123:s%2Fcret@works?endpoint=https://s3.example.kz"), data).unwrap();
        assert_eq!(keyed.describe(), "s3://works/ at https://s3.example.kz");
        assert!(open(Some("s3://works?endpoint=http://x&colour=red"), data).err().unwrap().contains("unknown setting \"colour\""));
        assert!(open(Some("ftp://works"), data).err().unwrap().contains("a storage URL is"));
        assert!(open(Some("s3://?endpoint=http://x"), data).err().unwrap().contains("no bucket"));
        assert_eq!(percent_decode("s%2Fcret+x%zz%4"), "s/cret+x%zz%4");
    }
}

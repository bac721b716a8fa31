//! Works' files arrive here, not through server functions: a resumable, chunked protocol
//! for the browser's uploader, and a plain multipart form for pages without JavaScript.
//!
//! Resumable protocol (JSON answers, errors as `AppError`):
//! - `POST /uploads` `{entry, name, size, sha256?}` → `201 {id, offset: 0, chunk, max_chunk}`:
//!   the first piece's size and the largest a piece may be;
//! - `GET /uploads/{id}` → `{id, offset, size}`: where to continue after a reconnect;
//! - `PATCH /uploads/{id}` with `Upload-Offset: n` and the next bytes → `{offset, done, file?}`;
//!   a piece cut off half-way (a dropped connection, or a body slower than the pace:
//!   `pace.rs`) keeps what arrived, so the acknowledged offset is exactly what the server has
//!   and the browser resends only what never arrived;
//! - `DELETE /uploads/{id}` → 204.
//!
//! Any instance takes any piece (a load balancer without sticky sessions; an instance that
//! dies between two pieces): a piece is written to a local file (never held in memory), put
//! into the store as an object of its own (`uploads/<id>/<offset>-<random>`), then
//! acknowledged in the database in one transaction that also moves the upload's offset, only
//! if nothing moved it meanwhile. The instance that acknowledges the last byte leases the
//! upload (`upload:<id>`) and puts the pieces together into a local file, hashing as it goes;
//! the file is then checked against the announced SHA-256, its type decided by content
//! against the nomination's kinds, images measured, and it is moved into the store under its
//! digest. The entry's file row, the blob row and the end of the upload are one transaction.
//! A last piece repeated (its answer was lost, perhaps with the instance) is answered with
//! the file it already became, or finishes the upload if its finisher died.

use app::domain::ids::UploadId;
use app::error::{OrInternal, internal};
use app::service::entries::{BlobHold, UploadGate, end_upload, remove_upload_pieces, staging_path, upload_gate};
use app::domain::contest::FileKind;
use app::domain::archive;
use app::domain::file::{self, SNIFF_LEN};
use app::error::{AppError, Field};
use app::i18n::Msg;
use app::backend::auth::{self, CurrentAccount};
use app::backend::db;
use app::backend::db::entries as edb;
use app::backend::db::files::{self as fdb, Attached, NewBlob};
use app::backend::db::uploads::{NewUpload, UploadRow};
use app::backend::{AppState, media, storage};
use axum::Json;
use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use futures_util::StreamExt as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path as FsPath, PathBuf};
use tokio::io::AsyncWriteExt;
use app::domain::resumable;

/// Largest piece one `PATCH` may carry. The browser sends smaller ones.
pub use app::domain::resumable::MAX_CHUNK;
/// The piece size the browser starts with; it then sizes pieces to the link it measures
/// (`app::upload::next_piece`), up to [`MAX_CHUNK`].
pub const FIRST_CHUNK: u64 = 256 * 1024;
/// Unfinished uploads untouched this long are removed with their bytes.
pub const STALE_AFTER_SECS: i64 = 48 * 3600;

fn error(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(e)).into_response()
}

async fn caller(state: &AppState, headers: &HeaderMap) -> Result<CurrentAccount, AppError> {
    auth::current_account(&state.db, &state.config, headers, state.now())
        .await
        .or_internal()?
        .ok_or(AppError::Unauthorized)
}

/// The nomination's limit itself is on the page, beside the form.
fn size_error(_gate: &UploadGate) -> AppError {
    AppError::field(Field::File, Msg::ErrFileSize)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUploadBody {
    entry: String,
    name: String,
    size: i64,
    #[serde(default)]
    sha256: Option<String>,
}

#[derive(Serialize)]
struct Created {
    id: String,
    offset: i64,
    chunk: u64,
    max_chunk: u64,
}

pub async fn create(State(state): State<AppState>, headers: HeaderMap, body: Result<Json<NewUploadBody>, axum::extract::rejection::JsonRejection>) -> Response {
    let Ok(Json(body)) = body else { return error(AppError::BadRequest) };
    match create_inner(&state, &headers, body).await {
        Ok(created) => (StatusCode::CREATED, Json(created)).into_response(),
        Err(e) => error(e),
    }
}

async fn create_inner(state: &AppState, headers: &HeaderMap, body: NewUploadBody) -> Result<Created, AppError> {
    let me = caller(state, headers).await?;
    let gate = upload_gate(state, &me, &body.entry).await?;
    if body.size <= 0 {
        return Err(AppError::field(Field::File, Msg::ErrNoFileChosen));
    }
    if body.size > gate.max_bytes {
        return Err(size_error(&gate));
    }
    let sha = match body.sha256.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) => Some(s.to_ascii_lowercase()),
        Some(_) => return Err(AppError::BadRequest),
        None => None,
    };
    if fdb::count_files(&state.db, gate.entry.entry_id, None).await.or_internal()? >= gate.max_files {
        return Err(AppError::field(Field::File, Msg::ErrFileCount));
    }
    let id = app::backend::ids::new_public_id();
    // Control characters (NUL among them) are never shown (`file::display_name`), so they
    // are not kept either.
    let name: String = body.name.chars().filter(|c| !c.is_control()).take(1_000).collect();
    let row = NewUpload {
        public_id: &id,
        entry_id: gate.entry.entry_id,
        account_id: me.account_id,
        original_name: &name,
        size: body.size,
        sha256: sha.as_deref(),
    };
    db::uploads::insert_upload(&state.db, &row, state.now()).await.or_internal()?;
    Ok(Created { id, offset: 0, chunk: FIRST_CHUNK, max_chunk: MAX_CHUNK })
}

#[derive(Serialize)]
struct Status {
    id: String,
    offset: i64,
    size: i64,
}

pub async fn status(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let found = async {
        let me = caller(&state, &headers).await?;
        db::uploads::upload(&state.db, me.account_id, &id).await.or_internal()?.ok_or(AppError::NotFound)
    };
    match found.await {
        Ok(u) => Json(Status { id: u.public_id, offset: u.received, size: u.size }).into_response(),
        Err(e) => error(e),
    }
}

pub async fn cancel(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let done = async {
        let me = caller(&state, &headers).await?;
        let u = db::uploads::upload(&state.db, me.account_id, &id).await.or_internal()?.ok_or(AppError::NotFound)?;
        if u.file_public_id.is_some() {
            // Already a file: it is removed from the entry's page like any other.
            return Err(AppError::NotFound);
        }
        end_upload(&state, u.upload_id, &u.public_id).await.or_internal()
    };
    match done.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(e),
    }
}

#[derive(Serialize)]
struct Progress {
    offset: i64,
    done: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<Stored>,
}

/// A finished file, as the browser lists it.
#[derive(Serialize)]
pub struct Stored {
    pub id: String,
    pub name: String,
    pub size: i64,
    pub kind: FileKind,
}

pub async fn append(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>, body: Body) -> Response {
    match append_inner(&state, &headers, &id, body).await {
        Ok(p) => Json(p).into_response(),
        Err(e) => error(e),
    }
}

async fn append_inner(state: &AppState, headers: &HeaderMap, id: &str, body: Body) -> Result<Progress, AppError> {
    let me = caller(state, headers).await?;
    let u = db::uploads::upload(&state.db, me.account_id, id).await.or_internal()?.ok_or(AppError::NotFound)?;
    if let Some(file_id) = &u.file_public_id {
        return finished(state, &u, file_id).await;
    }
    let entry = edb::entry_by_id(&state.db, u.entry_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let gate = upload_gate(state, &me, &entry.public_id).await?;
    let held = resumable::Upload { size: u.size, received: u.received, finished: false };
    let offset = headers.get("upload-offset").and_then(|v| v.to_str().ok());
    let length = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let allowed = match resumable::admit(&held, offset, length) {
        resumable::Admit::Read { limit } => limit,
        resumable::Admit::BadOffset => return Err(AppError::BadRequest),
        // The client is behind or ahead: it asks `GET` and continues from there.
        resumable::Admit::WrongOffset => return Err(AppError::Conflict(Msg::ErrEntryChanged)),
        // Every byte is in but the file is not made: its finisher died, or is still at it.
        resumable::Admit::FinishNow | resumable::Admit::AlreadyFinished => return finish_upload(state, &gate, &u).await,
        resumable::Admit::TooLarge => return Err(size_error(&gate)),
    };
    let local = staging_path(state, "piece");
    // What arrived before a cut (a dropped connection, a body too slow: `pace`) is kept, so
    // the acknowledged offset moves by exactly what the server has.
    let (received, outcome) = write_piece(&local, body, allowed).await;
    let cut = match outcome {
        Ok(()) => None,
        Err(PieceError::Cut { slow }) => Some(slow),
        Err(e) => {
            let _ = tokio::fs::remove_file(&local).await;
            return Err(match e {
                PieceError::TooLarge => size_error(&gate),
                PieceError::Disk(e) => {
                    tracing::error!(error = %e, "cannot write upload piece");
                    AppError::Refused(Msg::ErrStorage)
                }
                PieceError::Cut { .. } => AppError::Network,
            });
        }
    };
    let step = resumable::after(&held, received, cut.is_some());
    if let resumable::After::Nothing { cut } = step {
        let _ = tokio::fs::remove_file(&local).await;
        if cut {
            return Err(AppError::Network);
        }
        return Ok(Progress { offset: u.received, done: false, file: None });
    }
    let written = i64::try_from(received).or_internal()?;
    let key = format!("{}/{:016}-{}", storage::upload_prefix(&u.public_id), u.received, app::backend::ids::new_public_id());
    if let Err(e) = state.storage.put_file(&key, &local).await {
        tracing::error!(error = %e, store = state.storage.describe(), "cannot store upload piece");
        let _ = tokio::fs::remove_file(&local).await;
        return Err(AppError::Refused(Msg::ErrStorage));
    }
    if !db::uploads::add_piece(&state.db, u.upload_id, u.received, written, &key, state.now()).await.or_internal()? {
        // Another request moved the upload first (or it was cancelled): this piece is extra.
        let _ = state.storage.delete(&key).await;
        return Err(AppError::Conflict(Msg::ErrEntryChanged));
    }
    state.metrics.uploaded(written.unsigned_abs());
    match step {
        resumable::After::Kept { cut: true, .. } | resumable::After::Nothing { .. } => {
            tracing::info!(upload = u.public_id, kept = written, slow = cut.unwrap_or(false), "upload piece cut; what arrived is kept");
            Err(AppError::Network)
        }
        resumable::After::Kept { offset, cut: false } => Ok(Progress { offset, done: false, file: None }),
        resumable::After::Complete { offset } => finish_upload(state, &gate, &UploadRow { received: offset, ..u }).await,
    }
}

/// The answer to a repeated last piece of an upload that became a file.
async fn finished(state: &AppState, u: &UploadRow, file_id: &str) -> Result<Progress, AppError> {
    let f = fdb::file(&state.db, file_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let file = Stored { id: f.public_id, name: f.original_name, size: f.size, kind: f.kind };
    Ok(Progress { offset: u.size, done: true, file: Some(file) })
}

/// Puts a complete upload's pieces together and makes its file, once, whichever instance
/// gets here (see the module's notes). While another holds the upload's lease: 409, and the
/// browser asks again.
async fn finish_upload(state: &AppState, gate: &UploadGate, u: &UploadRow) -> Result<Progress, AppError> {
    let lease = format!("upload:{}", u.public_id);
    let now = state.now();
    if !db::leases::claim(&state.db, &lease, &state.instance, now, now + FINISH_LEASE_SECS).await.or_internal()? {
        return Err(AppError::Conflict(Msg::ErrEntryChanged));
    }
    let local = staging_path(state, "whole");
    let made = async {
        let digest = assemble(state, u, &local).await?;
        finish(state, gate, &local, digest, &u.original_name, u.sha256.as_deref(), Some(u.upload_id)).await
    }
    .await;
    let _ = tokio::fs::remove_file(&local).await;
    let outcome = match made {
        Ok(Some(stored)) => {
            remove_upload_pieces(state, &u.public_id).await;
            Ok(Progress { offset: u.size, done: true, file: Some(stored) })
        }
        // Another request made the file meanwhile.
        Ok(None) => match db::uploads::upload(&state.db, u.account_id, &u.public_id).await.or_internal()? {
            Some(again) if again.file_public_id.is_some() => finished(state, &again, again.file_public_id.as_deref().unwrap_or_default()).await,
            _ => Err(AppError::NotFound),
        },
        Err(e @ (AppError::Validation(_) | AppError::NotFound)) => {
            // A whole file that cannot be accepted: the upload ends here.
            let _ = end_upload(state, u.upload_id, &u.public_id).await;
            Err(e)
        }
        Err(e) => Err(e),
    };
    let _ = db::leases::release(&state.db, &lease, &state.instance).await;
    outcome
}

/// How long one instance may take to put an upload together before another may.
const FINISH_LEASE_SECS: i64 = 900;

/// Copies an upload's pieces, in order, from the store into `local`, hashing as it goes. The
/// pieces must tile the whole file exactly.
async fn assemble(state: &AppState, u: &UploadRow, local: &FsPath) -> Result<Digested, AppError> {
    let pieces = db::uploads::pieces(&state.db, u.upload_id).await.or_internal()?;
    let mut at = 0i64;
    for p in &pieces {
        if p.start_at != at {
            tracing::error!(upload = u.public_id, at, piece = p.start_at, "upload pieces do not join");
            return Err(AppError::field(Field::File, Msg::ErrFileDamaged));
        }
        at += p.length;
    }
    if at != u.size {
        tracing::error!(upload = u.public_id, at, size = u.size, "upload pieces do not add up");
        return Err(AppError::field(Field::File, Msg::ErrFileDamaged));
    }
    let storage_error = |e: std::io::Error| {
        tracing::error!(error = %e, "cannot put an upload together");
        AppError::Refused(Msg::ErrStorage)
    };
    let mut out = tokio::fs::File::create(local).await.map_err(storage_error)?;
    let mut d = Digester::default();
    for p in &pieces {
        let len = u64::try_from(p.length).unwrap_or(0);
        let mut blocks = state.storage.stream(&p.object_key, 0..len).await.map_err(storage_error)?;
        let mut got = 0u64;
        while let Some(block) = blocks.next().await {
            let block = block.map_err(storage_error)?;
            got += block.len() as u64;
            d.update(&block);
            out.write_all(&block).await.map_err(storage_error)?;
        }
        if got != len {
            return Err(storage_error(std::io::Error::other(format!("piece {} has {got} bytes, not {len}", p.object_key))));
        }
    }
    out.flush().await.map_err(storage_error)?;
    out.sync_all().await.map_err(storage_error)?;
    Ok(d.done())
}

enum PieceError {
    TooLarge,
    /// The body ended early: the connection dropped, or it came too slowly (`slow`).
    Cut { slow: bool },
    Disk(std::io::Error),
}

impl PieceError {
    fn cut(e: &axum::Error) -> PieceError {
        PieceError::Cut { slow: crate::pace::too_slow(e) }
    }
}

/// Writes one piece to a new local file, at most `limit` bytes: how many bytes are in the
/// file (all flushed), and whether the body ended as it should. On `TooLarge` and `Disk` the
/// caller removes the file.
async fn write_piece(local: &FsPath, body: Body, limit: u64) -> (u64, Result<(), PieceError>) {
    if let Some(dir) = local.parent()
        && let Err(e) = tokio::fs::create_dir_all(dir).await
    {
        return (0, Err(PieceError::Disk(e)));
    }
    let mut f = match tokio::fs::File::create(local).await {
        Ok(f) => f,
        Err(e) => return (0, Err(PieceError::Disk(e))),
    };
    let mut stream = body.into_data_stream();
    let mut n: u64 = 0;
    let mut outcome = Ok(());
    while let Some(bytes) = stream.next().await {
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                outcome = Err(PieceError::cut(&e));
                break;
            }
        };
        if n + bytes.len() as u64 > limit {
            return (n, Err(PieceError::TooLarge));
        }
        if let Err(e) = f.write_all(&bytes).await {
            return (n, Err(PieceError::Disk(e)));
        }
        n += bytes.len() as u64;
    }
    match f.flush().await {
        Ok(()) => (n, outcome),
        Err(e) => (n, Err(PieceError::Disk(e))),
    }
}

/// A file's SHA-256, first bytes and length, taken as its bytes go by.
#[derive(Default)]
pub struct Digester {
    hasher: Sha256,
    head: Vec<u8>,
    total: u64,
}

/// What [`Digester`] found.
pub struct Digested {
    pub sha256: String,
    pub head: Vec<u8>,
    pub size: u64,
}

impl Digester {
    pub fn update(&mut self, bytes: &[u8]) {
        if self.head.len() < SNIFF_LEN {
            self.head.extend_from_slice(&bytes[..bytes.len().min(SNIFF_LEN - self.head.len())]);
        }
        self.hasher.update(bytes);
        self.total += bytes.len() as u64;
    }

    pub fn done(self) -> Digested {
        Digested { sha256: hex::encode(self.hasher.finalize()), head: self.head, size: self.total }
    }
}

/// SHA-256 of a file and its first bytes, read once in large blocks off the async threads.
async fn digest(path: PathBuf) -> std::io::Result<Digested> {
    tokio::task::spawn_blocking(move || {
        use std::io::Read;
        let mut f = std::fs::File::open(&path)?;
        let mut d = Digester::default();
        let mut buf = vec![0u8; 1024 * 1024];
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                break;
            }
            d.update(&buf[..n]);
        }
        Ok(d.done())
    })
    .await
    .map_err(std::io::Error::other)?
}

/// An office document's table of contents, read from its end and checked
/// ([`archive`]); a file that cannot be read counts as damaged.
fn read_directory(path: &FsPath, size: u64, family: archive::Office) -> Result<archive::Contents, archive::Unsafe> {
    use std::io::{Read, Seek, SeekFrom};
    let read = |f: &mut std::fs::File, at: u64, len: u64| -> Result<Vec<u8>, archive::Unsafe> {
        let mut buf = vec![0u8; usize::try_from(len).map_err(|_| archive::Unsafe::Damaged)?];
        f.seek(SeekFrom::Start(at)).and_then(|_| f.read_exact(&mut buf)).map_err(|_| archive::Unsafe::Damaged)?;
        Ok(buf)
    };
    let mut f = std::fs::File::open(path).map_err(|_| archive::Unsafe::Damaged)?;
    let tail_len = size.min(archive::TAIL);
    let dir = archive::find_directory(&read(&mut f, size - tail_len, tail_len)?, size)?;
    archive::check_directory(&read(&mut f, dir.offset, dir.size)?, &dir, family)
}

/// Takes the location out of a photo's temporary file (in place; see
/// [`crate::scrub::gps`]); returns the digest of what is now in it.
async fn without_location(part: &FsPath, mime: &'static str, sha: String) -> std::io::Result<String> {
    let path = part.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let mut bytes = std::fs::read(&path)?;
        if !crate::scrub::gps::strip_location(mime, &mut bytes) {
            return Ok(sha);
        }
        std::fs::write(&path, &bytes)?;
        Ok(hex::encode(sha2::Sha256::digest(&bytes)))
    })
    .await
    .map_err(std::io::Error::other)?
}

/// Marks the new file when its visible text names the entry's participant (the entrant
/// and the organisers are told; nothing is refused). Read from the stored bytes, in the
/// background behind the thumbnails' permits.
async fn flag_if_named(state: &AppState, participant: app::domain::ids::ParticipantId, sha: &str, mime: &'static str, file_id: &str) {
    let _permit = state.thumb_permits.acquire().await;
    let Ok(Some(p)) = edb::participant_by_id(&state.db, participant).await else { return };
    let Ok(bytes) = state.storage.read(&storage::blob_key(sha)).await else { return };
    let named = tokio::task::spawn_blocking(move || crate::scrub::visible_text(mime, &bytes).is_some_and(|t| crate::scrub::names_participant(&t, &p.full_name)))
        .await
        .unwrap_or(false);
    if named && let Err(e) = fdb::flag_names_participant(&state.db, file_id).await {
        tracing::warn!(error = %e, "cannot flag a file that names its participant");
    }
}

/// A complete temporary file checked and moved into the store as a blob's bytes, not yet
/// recorded in the database.
pub struct Prepared {
    pub sha: String,
    pub size: i64,
    pub sniffed: file::Sniffed,
    pub dims: Option<(u32, u32)>,
    /// The store had these bytes already (nothing to remove if recording fails).
    pub existed: bool,
    /// The name as uploaded, made fit to show.
    pub name: String,
    /// Held from the look into the store until the bytes' row is written (or the bytes
    /// removed again): no other request removes them meanwhile.
    hold: BlobHold,
}

impl Prepared {
    pub fn blob(&self) -> NewBlob<'_> {
        NewBlob { sha256: &self.sha, size: self.size, mime: self.sniffed.mime, kind: self.sniffed.kind.as_str(), dims: self.dims }
    }

    /// Undoes [`prepare`] when the file could not be recorded.
    pub async fn undo(&self, state: &AppState) {
        if !self.existed {
            self.hold.remove_unrecorded(state).await;
        }
    }
}

/// Checks a complete temporary file by the rules every work's file follows (see the
/// module's notes: its content is one of `kinds`, a photo loses its location, an office
/// document is safe to unpack, an image's size is bounded) and moves it into the store.
/// On error the caller removes the temporary file; nothing else was written.
/// `holder`: the request's name for its holds on bytes (`BlobHold`).
pub async fn prepare(state: &AppState, kinds: &[FileKind], part: &FsPath, digest: Digested, raw_name: &str, expected_sha: Option<&str>, holder: &str) -> Result<Prepared, AppError> {
    let Digested { sha256: sha, head, size } = digest;
    if expected_sha.is_some_and(|x| x != sha) {
        return Err(AppError::field(Field::File, Msg::ErrFileDamaged));
    }
    if size == 0 {
        return Err(AppError::field(Field::File, Msg::ErrNoFileChosen));
    }
    let sniffed = file::sniff(&head).filter(|s| kinds.contains(&s.kind)).ok_or(AppError::field(Field::File, Msg::ErrFileType))?;
    // A photo is stored without its location: the bytes change, so does their digest.
    let sha = if sniffed.kind == FileKind::Image { without_location(part, sniffed.mime, sha).await.or_internal()? } else { sha };
    if let Some(family) = archive::Office::of_mime(sniffed.mime) {
        let path = part.to_path_buf();
        let checked = tokio::task::spawn_blocking(move || read_directory(&path, size, family)).await.or_internal()?;
        if let Err(why) = checked {
            tracing::info!(reason = ?why, "office document refused");
            return Err(AppError::field(Field::File, Msg::ErrArchiveUnsafe));
        }
    }
    let dims = if sniffed.kind == FileKind::Image {
        let path = part.to_path_buf();
        let d = tokio::task::spawn_blocking(move || media::dimensions(&path)).await.or_internal()?;
        Some(d.map_err(|e| {
            tracing::info!(reason = %e, "image refused");
            AppError::field(Field::File, Msg::ErrImageTooLarge)
        })?)
    } else {
        None
    };
    let key = storage::blob_key(&sha);
    let hold = BlobHold::take(state, &sha, holder).await?;
    let existed = state.storage.exists(&key).await.unwrap_or(false);
    if existed {
        let _ = tokio::fs::remove_file(part).await;
    } else if let Err(e) = state.storage.put_file(&key, part).await {
        tracing::error!(error = %e, "cannot store file");
        return Err(AppError::Refused(Msg::ErrStorage));
    }
    Ok(Prepared { sha, size: size as i64, sniffed, dims, existed, name: file::display_name(raw_name, sniffed.mime), hold })
}

/// Starts what a newly recorded blob needs: an image's thumbnail and judges' view, every
/// other kind's blind copy.
pub fn start_copies(state: &AppState, sha: &str, sniffed: file::Sniffed) {
    if sniffed.kind == FileKind::Image {
        media::spawn_thumbnail(state, sha.to_owned());
    } else {
        crate::scrub::spawn_blind_copy(state, sha.to_owned(), sniffed.mime.to_string());
    }
}

/// Turns a complete temporary file into an entry's file (see the module's notes). On
/// error the caller removes the temporary file; nothing else was written.
/// `None`: the upload had already become a file (another request finished it first).
pub async fn finish(
    state: &AppState,
    gate: &UploadGate,
    part: &FsPath,
    digest: Digested,
    raw_name: &str,
    expected_sha: Option<&str>,
    upload_id: Option<UploadId>,
) -> Result<Option<Stored>, AppError> {
    let p = prepare(state, &gate.kinds, part, digest, raw_name, expected_sha, &BlobHold::holder(state)).await?;
    let file_id = app::backend::ids::new_public_id();
    match fdb::attach_file(&state.db, gate.entry.entry_id, &file_id, &p.name, &p.blob(), upload_id, state.now()).await {
        Ok(Attached::Stored { new_blob }) => {
            if new_blob {
                start_copies(state, &p.sha, p.sniffed);
            }
            let kind = p.sniffed.kind;
            if matches!(kind, FileKind::Pdf | FileKind::Document) && u64::try_from(p.size).is_ok_and(|n| n <= crate::scrub::MAX_NAME_CHECK) {
                // Off the request path, a few at a time: the upload's answer does not wait.
                let (state, participant, sha, file_id, mime) = (state.clone(), gate.entry.participant_id, p.sha.clone(), file_id.clone(), p.sniffed.mime);
                tokio::spawn(async move { flag_if_named(&state, participant, &sha, mime, &file_id).await });
            }
            Ok(Some(Stored { id: file_id, name: p.name, size: p.size, kind }))
        }
        // The same bytes were stored by the request that finished it: nothing to undo.
        Ok(Attached::AlreadyFinished) => Ok(None),
        Err(e) => {
            p.undo(state).await;
            Err(internal(e))
        }
    }
}

/// Why a plain form upload went back to the page: a short code the page translates.
pub fn code_of(e: &AppError) -> &'static str {
    match e {
        AppError::Validation(list) => match list.first().map(|f| f.msg) {
            Some(Msg::ErrFileType) => "type",
            Some(Msg::ErrFileSize) => "size",
            Some(Msg::ErrFileCount) => "count",
            Some(Msg::ErrImageTooLarge) => "image",
            Some(Msg::ErrNoFileChosen) => "none",
            Some(Msg::ErrArchiveUnsafe) => "archive",
            _ => "damaged",
        },
        AppError::Refused(Msg::ErrEntriesClosed) => "closed",
        AppError::Refused(Msg::ErrStorage) => "store",
        AppError::Network => "network",
        _ => "store",
    }
}

/// The upload form for pages without JavaScript: one file as multipart, streamed to disk
/// with the nomination's limit, then the same checks as the resumable path.
pub async fn plain(State(state): State<AppState>, headers: HeaderMap, Path(entry): Path<String>, form: Multipart) -> Response {
    let back = |q: &str| Redirect::to(&format!("/entries/{entry}?{q}#files")).into_response();
    let me = match caller(&state, &headers).await {
        Ok(me) => me,
        Err(e) => return error(e),
    };
    let gate = match upload_gate(&state, &me, &entry).await {
        Ok(g) => g,
        Err(AppError::NotFound) => return error(AppError::NotFound),
        Err(e) => return back(&format!("upload_error={}", code_of(&e))),
    };
    if let Some(len) = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<i64>().ok())
        && len > gate.max_bytes + 64 * 1024
    {
        return back("upload_error=size");
    }
    match plain_inner(&state, &gate, form).await {
        Ok(_) => back("uploaded=1"),
        Err(e) => back(&format!("upload_error={}", code_of(&e))),
    }
}

async fn plain_inner(state: &AppState, gate: &UploadGate, mut form: Multipart) -> Result<Stored, AppError> {
    if fdb::count_files(&state.db, gate.entry.entry_id, None).await.or_internal()? >= gate.max_files {
        return Err(AppError::field(Field::File, Msg::ErrFileCount));
    }
    while let Some(mut field) = form.next_field().await.map_err(|_| AppError::Network)? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("").to_string();
        let (part, d) = receive(state, &mut field, gate.max_bytes).await?;
        let result = finish(state, gate, &part, d, &name, None, None).await.and_then(|s| s.ok_or(AppError::NotFound));
        if result.is_err() {
            let _ = tokio::fs::remove_file(&part).await;
        }
        return result;
    }
    Err(AppError::field(Field::File, Msg::ErrNoFileChosen))
}

/// Streams one file of a plain multipart form to a new local file, at most `limit` bytes,
/// and reads its digest: the local file and what it holds. On error nothing is kept.
pub async fn receive(state: &AppState, field: &mut axum::extract::multipart::Field<'_>, limit: i64) -> Result<(PathBuf, Digested), AppError> {
    let part = staging_path(state, "form");
    let written = async {
        tokio::fs::create_dir_all(part.parent().unwrap_or(FsPath::new("."))).await.map_err(PieceError::Disk)?;
        let mut f = tokio::fs::File::create(&part).await.map_err(PieceError::Disk)?;
        let mut n: i64 = 0;
        // A dropped connection or a body too slow (`pace`): nothing of a plain form is kept.
        while let Some(bytes) = field.chunk().await.map_err(|_| PieceError::Cut { slow: false })? {
            n += bytes.len() as i64;
            if n > limit {
                return Err(PieceError::TooLarge);
            }
            f.write_all(&bytes).await.map_err(PieceError::Disk)?;
        }
        f.flush().await.map_err(PieceError::Disk)?;
        Ok(n)
    };
    let result = match written.await {
        Ok(0) => Err(AppError::field(Field::File, Msg::ErrNoFileChosen)),
        Ok(n) => match digest(part.clone()).await {
            Ok(d) => {
                state.metrics.uploaded(n.unsigned_abs());
                Ok(d)
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot read an upload");
                Err(AppError::Refused(Msg::ErrStorage))
            }
        },
        Err(PieceError::TooLarge) => Err(AppError::field(Field::File, Msg::ErrFileSize)),
        Err(PieceError::Cut { .. }) => Err(AppError::Network),
        Err(PieceError::Disk(e)) => {
            tracing::error!(error = %e, "cannot write upload");
            Err(AppError::Refused(Msg::ErrStorage))
        }
    };
    match result {
        Ok(d) => Ok((part, d)),
        Err(e) => {
            let _ = tokio::fs::remove_file(&part).await;
            Err(e)
        }
    }
}

/// Removes uploads abandoned (or finished) [`STALE_AFTER_SECS`] ago with their pieces, and
/// pieces left in the store by an instance that died between storing one and recording it,
/// or after its upload's row was gone.
pub async fn sweep_stale(state: &AppState) {
    match db::uploads::stale_uploads(&state.db, state.now() - STALE_AFTER_SECS).await {
        Ok(ids) => {
            for id in ids {
                remove_upload_pieces(state, &id).await;
            }
        }
        Err(e) => tracing::warn!(error = %e, "stale upload clean-up failed"),
    }
    // The store's modification times are its own clock, the wall clock.
    let wall = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    sweep_orphan_pieces(state, wall - ORPHAN_AFTER_SECS).await;
    // Local files of pieces and whole uploads being put together by a process that died.
    if let Ok(mut dir) = tokio::fs::read_dir(state.config.data_dir.join("uploads")).await {
        while let Ok(Some(e)) = dir.next_entry().await {
            let old = e.metadata().await.ok().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok()).is_some_and(|age| age.as_secs() > 24 * 3600);
            if old {
                let _ = tokio::fs::remove_file(e.path()).await;
            }
        }
    }
}

/// Removes pieces stored before `settled` (Unix seconds, the store's clock) under uploads
/// that no longer exist.
pub async fn sweep_orphan_pieces(state: &AppState, settled: i64) {
    let listed = match state.storage.list("uploads").await {
        Ok(l) => l,
        Err(e) => return tracing::warn!(error = %e, "cannot list upload pieces"),
    };
    let mut seen = std::collections::HashSet::new();
    for object in listed.iter().filter(|o| o.modified < settled) {
        let Some(id) = object.key.split('/').nth(1) else { continue };
        if !seen.insert(id.to_owned()) {
            continue;
        }
        match db::uploads::exists(&state.db, id).await {
            Ok(false) => remove_upload_pieces(state, id).await,
            Ok(true) => {}
            Err(e) => return tracing::warn!(error = %e, "upload piece clean-up failed"),
        }
    }
}

/// Pieces younger than this may still be on their way to being recorded.
const ORPHAN_AFTER_SECS: i64 = 3600;

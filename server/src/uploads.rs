//! Works' files arrive here, not through server functions: a resumable, chunked protocol
//! for the browser's uploader, and a plain multipart form for pages without JavaScript.
//!
//! Resumable protocol (JSON answers, errors as `AppError`):
//! - `POST /uploads` `{entry, name, size, sha256?}` → `201 {id, offset: 0, chunk}`;
//! - `GET /uploads/{id}` → `{id, offset, size}`: where to continue after a reconnect;
//! - `PATCH /uploads/{id}` with `Upload-Offset: n` and the next bytes → `{offset, done, file?}`;
//!   a piece cut off half-way is dropped whole, so the acknowledged offset is always exact;
//! - `DELETE /uploads/{id}` → 204.
//!
//! Bytes go to `DATA_DIR/uploads/<id>.part`, never held whole in memory. When the last byte
//! arrives the file is hashed (and checked against the announced SHA-256), its type decided
//! by content against the nomination's kinds, images measured, and it is moved into the
//! store under its digest; the entry's file row, the blob row and the end of the upload are
//! one transaction.

use app::domain::ids::UploadId;
use app::error::{OrInternal, internal};
use app::backend::instance::BusyUploads;
use app::service::entries::{UploadGate, drop_blob, upload_gate, upload_part_path};
use app::domain::contest::FileKind;
use app::domain::file::{self, SNIFF_LEN};
use app::error::{AppError, Field};
use app::i18n::Msg;
use app::backend::auth::{self, CurrentAccount};
use app::backend::db;
use app::backend::db::entries as edb;
use app::backend::db::files::{self as fdb, NewBlob};
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
use std::time::Duration;
use tokio::io::{AsyncSeekExt, AsyncWriteExt};

/// Largest piece one `PATCH` may carry. The browser sends smaller ones.
pub const MAX_CHUNK: u64 = 16 * 1024 * 1024;
/// The piece size the browser is told to use.
pub const CHUNK: u64 = 4 * 1024 * 1024;
/// A piece must arrive within this time: a client sending a byte every ten seconds is cut off.
const CHUNK_DEADLINE: Duration = Duration::from_secs(120);
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
    let part = upload_part_path(state, &id);
    let made = async {
        tokio::fs::create_dir_all(part.parent().unwrap_or(FsPath::new("."))).await?;
        tokio::fs::File::create(&part).await.map(|_| ())
    };
    made.await.map_err(|e| {
        tracing::error!(error = %e, "cannot create upload file");
        AppError::Refused(Msg::ErrStorage)
    })?;
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
    if let Err(e) = db::uploads::insert_upload(&state.db, &row, state.now()).await {
        let _ = tokio::fs::remove_file(&part).await;
        return Err(internal(e));
    }
    Ok(Created { id, offset: 0, chunk: CHUNK })
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
        let _busy = BusyUploads::take(&state.busy_uploads, &u.public_id).ok_or(AppError::Conflict(Msg::ErrEntryChanged))?;
        db::uploads::delete_upload(&state.db, u.upload_id).await.or_internal()?;
        let _ = tokio::fs::remove_file(upload_part_path(&state, &u.public_id)).await;
        Ok::<_, AppError>(())
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
    let entry = edb::entry_by_id(&state.db, u.entry_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let gate = upload_gate(state, &me, &entry.public_id).await?;
    let _busy = BusyUploads::take(&state.busy_uploads, &u.public_id).ok_or(AppError::Conflict(Msg::ErrEntryChanged))?;
    // Re-read under the lock: another piece may have landed meanwhile.
    let u = db::uploads::upload(&state.db, me.account_id, id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let offset: i64 = headers
        .get("upload-offset")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .ok_or(AppError::BadRequest)?;
    if offset != u.received {
        // The client is behind or ahead: it asks `GET` and continues from there.
        return Err(AppError::Conflict(Msg::ErrEntryChanged));
    }
    let remaining = u64::try_from(u.size - u.received).unwrap_or(0);
    let allowed = remaining.min(MAX_CHUNK);
    if let Some(len) = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok())
        && len > allowed
    {
        return Err(size_error(&gate));
    }
    let part = upload_part_path(state, &u.public_id);
    let written = match tokio::time::timeout(CHUNK_DEADLINE, write_piece(&part, u.received, body, allowed)).await {
        Ok(Ok(n)) => n,
        Ok(Err(PieceError::TooLarge)) => return Err(size_error(&gate)),
        Ok(Err(PieceError::Broken)) => return Err(AppError::Network),
        Ok(Err(PieceError::Disk(e))) => {
            tracing::error!(error = %e, "cannot write upload piece");
            return Err(AppError::Refused(Msg::ErrStorage));
        }
        Err(_) => {
            let _ = truncate(&part, u.received).await;
            return Err(AppError::Network);
        }
    };
    let now_at = u.received + written as i64;
    if !db::uploads::set_received(&state.db, u.upload_id, u.received, now_at, state.now()).await.or_internal()? {
        let _ = truncate(&part, u.received).await;
        return Err(AppError::Conflict(Msg::ErrEntryChanged));
    }
    if now_at < u.size {
        return Ok(Progress { offset: now_at, done: false, file: None });
    }
    let u = UploadRow { received: now_at, ..u };
    let stored = finish(state, &gate, &part, &u.original_name, u.sha256.as_deref(), Some(u.upload_id)).await;
    if stored.is_err() {
        // A whole file that cannot be accepted: the upload ends here.
        let _ = db::uploads::delete_upload(&state.db, u.upload_id).await;
        let _ = tokio::fs::remove_file(&part).await;
    }
    Ok(Progress { offset: now_at, done: true, file: Some(stored?) })
}

enum PieceError {
    TooLarge,
    Broken,
    Disk(std::io::Error),
}

/// Appends one piece at `at`; on any failure the file is cut back to `at`, so only whole,
/// acknowledged pieces ever count.
async fn write_piece(part: &FsPath, at: i64, body: Body, limit: u64) -> Result<u64, PieceError> {
    let mut f = tokio::fs::OpenOptions::new().write(true).open(part).await.map_err(PieceError::Disk)?;
    let start = u64::try_from(at).unwrap_or(0);
    // A crash between writing and recording may have left extra bytes: drop them.
    f.set_len(start).await.map_err(PieceError::Disk)?;
    f.seek(std::io::SeekFrom::Start(start)).await.map_err(PieceError::Disk)?;
    let mut stream = body.into_data_stream();
    let mut n: u64 = 0;
    let outcome = loop {
        match stream.next().await {
            None => break Ok(n),
            Some(Err(_)) => break Err(PieceError::Broken),
            Some(Ok(bytes)) => {
                n += bytes.len() as u64;
                if n > limit {
                    break Err(PieceError::TooLarge);
                }
                if let Err(e) = f.write_all(&bytes).await {
                    break Err(PieceError::Disk(e));
                }
            }
        }
    };
    let flushed = f.flush().await;
    match (outcome, flushed) {
        (Ok(n), Ok(())) => Ok(n),
        (Ok(_), Err(e)) => {
            let _ = f.set_len(start).await;
            Err(PieceError::Disk(e))
        }
        (Err(e), _) => {
            let _ = f.set_len(start).await;
            Err(e)
        }
    }
}

async fn truncate(part: &FsPath, len: i64) -> std::io::Result<()> {
    let f = tokio::fs::OpenOptions::new().write(true).open(part).await?;
    f.set_len(u64::try_from(len).unwrap_or(0)).await
}

/// SHA-256 of a file and its first bytes, read once in large blocks off the async threads.
async fn digest(path: PathBuf) -> std::io::Result<(String, Vec<u8>, u64)> {
    tokio::task::spawn_blocking(move || {
        use std::io::Read;
        let mut f = std::fs::File::open(&path)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1024 * 1024];
        let mut head = Vec::new();
        let mut total = 0u64;
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                break;
            }
            if head.len() < SNIFF_LEN {
                head.extend_from_slice(&buf[..n.min(SNIFF_LEN - head.len())]);
            }
            hasher.update(&buf[..n]);
            total += n as u64;
        }
        Ok((hex::encode(hasher.finalize()), head, total))
    })
    .await
    .map_err(std::io::Error::other)?
}

/// Turns a complete temporary file into an entry's file (see the module's notes). On
/// error the caller removes the temporary file; nothing else was written.
pub async fn finish(
    state: &AppState,
    gate: &UploadGate,
    part: &FsPath,
    raw_name: &str,
    expected_sha: Option<&str>,
    upload_id: Option<UploadId>,
) -> Result<Stored, AppError> {
    let (sha, head, size) = digest(part.to_path_buf()).await.map_err(|e| {
        tracing::error!(error = %e, "cannot read finished upload");
        AppError::Refused(Msg::ErrStorage)
    })?;
    if expected_sha.is_some_and(|x| x != sha) {
        return Err(AppError::field(Field::File, Msg::ErrFileDamaged));
    }
    if size == 0 {
        return Err(AppError::field(Field::File, Msg::ErrNoFileChosen));
    }
    let sniffed = file::sniff(&head).filter(|s| gate.kinds.contains(&s.kind)).ok_or(AppError::field(Field::File, Msg::ErrFileType))?;
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
    let existed = state.storage.exists(&key).await.unwrap_or(false);
    if existed {
        let _ = tokio::fs::remove_file(part).await;
    } else if let Err(e) = state.storage.put_file(&key, part).await {
        tracing::error!(error = %e, "cannot store file");
        return Err(AppError::Refused(Msg::ErrStorage));
    }
    let name = file::display_name(raw_name, sniffed.mime);
    let file_id = app::backend::ids::new_public_id();
    let blob = NewBlob { sha256: &sha, size: size as i64, mime: sniffed.mime, kind: sniffed.kind.as_str(), dims };
    match fdb::attach_file(&state.db, gate.entry.entry_id, &file_id, &name, &blob, upload_id, state.now()).await {
        Ok(new_blob) => {
            if new_blob && sniffed.kind == FileKind::Image {
                media::spawn_thumbnail(state, sha.clone());
            }
            Ok(Stored { id: file_id, name, size: size as i64, kind: sniffed.kind })
        }
        Err(e) => {
            if !existed {
                drop_blob(state, &sha).await;
            }
            Err(internal(e))
        }
    }
}

/// Why a plain form upload went back to the page: a short code the page translates.
fn code_of(e: &AppError) -> &'static str {
    match e {
        AppError::Validation(list) => match list.first().map(|f| f.msg) {
            Some(Msg::ErrFileType) => "type",
            Some(Msg::ErrFileSize) => "size",
            Some(Msg::ErrFileCount) => "count",
            Some(Msg::ErrImageTooLarge) => "image",
            Some(Msg::ErrNoFileChosen) => "none",
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
        let part = upload_part_path(state, &app::backend::ids::new_public_id());
        let written = async {
            tokio::fs::create_dir_all(part.parent().unwrap_or(FsPath::new("."))).await.map_err(PieceError::Disk)?;
            let mut f = tokio::fs::File::create(&part).await.map_err(PieceError::Disk)?;
            let mut n: i64 = 0;
            while let Some(bytes) = field.chunk().await.map_err(|_| PieceError::Broken)? {
                n += bytes.len() as i64;
                if n > gate.max_bytes {
                    return Err(PieceError::TooLarge);
                }
                f.write_all(&bytes).await.map_err(PieceError::Disk)?;
            }
            f.flush().await.map_err(PieceError::Disk)?;
            Ok(n)
        };
        let result = match tokio::time::timeout(Duration::from_secs(3600), written).await {
            Ok(Ok(0)) => Err(AppError::field(Field::File, Msg::ErrNoFileChosen)),
            Ok(Ok(_)) => finish(state, gate, &part, &name, None, None).await,
            Ok(Err(PieceError::TooLarge)) => Err(size_error(gate)),
            Ok(Err(PieceError::Broken)) | Err(_) => Err(AppError::Network),
            Ok(Err(PieceError::Disk(e))) => {
                tracing::error!(error = %e, "cannot write upload");
                Err(AppError::Refused(Msg::ErrStorage))
            }
        };
        if result.is_err() {
            let _ = tokio::fs::remove_file(&part).await;
        }
        return result;
    }
    Err(AppError::field(Field::File, Msg::ErrNoFileChosen))
}

/// Removes uploads abandoned for [`STALE_AFTER_SECS`] and their bytes.
pub async fn sweep_stale(state: &AppState) {
    match db::uploads::stale_uploads(&state.db, state.now() - STALE_AFTER_SECS).await {
        Ok(ids) => {
            for id in ids {
                let _ = tokio::fs::remove_file(upload_part_path(state, &id)).await;
            }
        }
        Err(e) => tracing::warn!(error = %e, "stale upload clean-up failed"),
    }
}

//! `GET /account/export.zip`: everything stored about the caller and their participants, as
//! one archive: `baiqau-data.json` (the account, participants with consents, each entry as
//! its owner sees it, sessions, the list of files) and every work's file as uploaded, under
//! `files/<entry>/`. Built in a private directory under `DATA_DIR/uploads`, streamed out,
//! and gone when the answer ends.

use app::backend::{AppState, auth, storage};
use app::domain::file::content_disposition;
use app::service::privacy;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};

pub async fn my_data(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let me = match auth::current_account(&state.db, &state.config, &headers, state.now()).await {
        Ok(Some(me)) => me,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let data = match privacy::export(&state, me.account_id).await {
        Ok(d) => d,
        Err(e) => return StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR).into_response(),
    };
    match build(&state, &data).await {
        Ok(file) => {
            let mut res = Response::new(Body::from_stream(chunks(file)));
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zip"));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            let name = format!("baiqau-data-{}.zip", app::domain::date::Date::from_unix(data.exported_at));
            if let Ok(v) = HeaderValue::from_str(&content_disposition(false, &name)) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot build a personal data archive");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Fetches the files into a private directory, writes the archive beside them, and hands it
/// back open: the directory is removed at once (the open file lives until it is read).
async fn build(state: &AppState, data: &privacy::Export) -> std::io::Result<tokio::fs::File> {
    let parent = state.config.data_dir.join("uploads");
    tokio::fs::create_dir_all(&parent).await?;
    let dir = tempfile::Builder::new().prefix("export-").tempdir_in(&parent)?;
    let mut parts: Vec<(String, PathBuf)> = Vec::new();
    for (n, f) in data.files.iter().enumerate() {
        let local = dir.path().join(format!("{n}.part"));
        let size = u64::try_from(f.size).unwrap_or(0);
        storage::fetch_to_file(state.storage.as_ref(), &storage::blob_key(&f.sha256), size, &local).await?;
        parts.push((f.path.clone(), local));
    }
    let json = serde_json::to_vec_pretty(data).map_err(std::io::Error::other)?;
    let zip_path = dir.path().join("export.zip");
    let target = zip_path.clone();
    tokio::task::spawn_blocking(move || write_zip(&target, &json, &parts)).await.map_err(std::io::Error::other)??;
    let file = tokio::fs::File::open(&zip_path).await?;
    drop(dir);
    Ok(file)
}

fn write_zip(target: &Path, json: &[u8], parts: &[(String, PathBuf)]) -> std::io::Result<()> {
    use std::io::Write as _;
    let out = std::fs::File::create(target)?;
    let mut w = zip::ZipWriter::new(std::io::BufWriter::new(out));
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    // Works are pictures, PDFs, audio and video: compressed already.
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).large_file(true);
    w.start_file("baiqau-data.json", deflated).map_err(std::io::Error::other)?;
    w.write_all(json)?;
    for (name, local) in parts {
        w.start_file(name.as_str(), stored).map_err(std::io::Error::other)?;
        std::io::copy(&mut std::fs::File::open(local)?, &mut w)?;
    }
    w.finish().map_err(std::io::Error::other)?.flush()
}

/// The file's bytes, 256 KiB at a time.
fn chunks(file: tokio::fs::File) -> impl futures_util::Stream<Item = std::io::Result<Vec<u8>>> {
    futures_util::stream::unfold(Some(file), |file| async move {
        use tokio::io::AsyncReadExt as _;
        let mut file = file?;
        let mut buf = vec![0u8; 256 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(buf), Some(file)))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
}

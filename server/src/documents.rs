//! Published results' files: diplomas as PDF (made once per document by a background job
//! after publication, or on the spot when asked for first, then kept in the store), all of a contest's documents as one ZIP for admins, and winners' thumbnails on
//! the public results page.

use app::service::results::document_text;
use app::domain::file::content_disposition;
use app::i18n::{Lang, Msg, fill};
use app::backend::db::{entries as edb, files as fdb, results as rdb};
use app::backend::{AppState, auth, db, storage};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

fn not_found() -> Response {
    StatusCode::NOT_FOUND.into_response()
}

/// The PDF of one document: from the store, or made now and kept.
pub async fn pdf_of(state: &AppState, code: &str) -> Result<Option<Vec<u8>>, String> {
    if let Ok(bytes) = state.storage.read(&storage::document_key(code)).await {
        return Ok(Some(bytes));
    }
    render_and_keep(state, code).await
}

/// Renders a document's PDF and keeps it in the store; None for an unknown code.
async fn render_and_keep(state: &AppState, code: &str) -> Result<Option<Vec<u8>>, String> {
    let Some((_, _, text)) = document_text(state, code).await.map_err(|e| format!("{e:?}"))? else { return Ok(None) };
    let look = look(state).await;
    let pdf = tokio::task::spawn_blocking(move || crate::diploma::render(&text, &look)).await.map_err(|e| e.to_string())??;
    state.storage.put_bytes(&storage::document_key(code), pdf.clone()).await.map_err(|e| e.to_string())?;
    Ok(Some(pdf))
}

/// The organiser's colours and logo as documents show them (a logo that cannot be read is
/// left out, never the document).
pub async fn look(state: &AppState) -> crate::diploma::Look {
    use app::backend::storage::{LOGO_COPIES, brand_key, copy_name};
    let identity = state.identity.get(&state.db).await;
    let mut logo = None;
    if let Some(name) = &identity.logo {
        match state.storage.read(&brand_key(&copy_name(name, LOGO_COPIES[1]))).await {
            Ok(jpeg) => {
                let size = image::ImageReader::new(std::io::Cursor::new(&jpeg)).with_guessed_format().ok().and_then(|r| r.into_dimensions().ok());
                logo = size.map(|(w, h)| (jpeg, w, h));
            }
            Err(e) => tracing::warn!(error = %e, "cannot read the logo for documents"),
        }
    }
    crate::diploma::Look::of(&identity, logo)
}

/// Makes the PDFs of every published version's documents that are not in the store yet,
/// off the request path: each version by one instance at a time (the lease
/// `documents:<contest>:<version>`; one that dies is relieved when it runs out), then marked
/// made so nobody looks at it again. Downloads before that make a PDF on the spot. Returns
/// how many PDFs this call made.
pub async fn make_due(state: &AppState) -> Result<usize, String> {
    let mut made = 0;
    for (contest_id, version) in rdb::versions_without_documents(&state.db).await.map_err(|e| e.to_string())? {
        let lease = format!("documents:{contest_id}:{version}");
        let now = state.now();
        if !db::leases::claim(&state.db, &lease, &state.instance, now, now + 1800).await.map_err(|e| e.to_string())? {
            continue;
        }
        let outcome = make_version(state, contest_id, version).await;
        let _ = db::leases::release(&state.db, &lease, &state.instance).await;
        made += outcome?;
    }
    Ok(made)
}

async fn make_version(state: &AppState, contest_id: app::domain::ids::ContestId, version: i64) -> Result<usize, String> {
    let docs = rdb::documents_of_contest(&state.db, contest_id).await.map_err(|e| e.to_string())?;
    let mut made = 0;
    for d in docs.iter().filter(|d| d.version == version && d.revoked_at.is_none()) {
        if !state.storage.exists(&storage::document_key(&d.code)).await.map_err(|e| e.to_string())? {
            render_and_keep(state, &d.code).await?;
            made += 1;
        }
    }
    rdb::set_documents_made(&state.db, contest_id, version, state.now()).await.map_err(|e| e.to_string())?;
    Ok(made)
}

/// `GET /documents/{CODE}.pdf`: for the entrant whose entry it is, and staff who may see the
/// contest's results.
pub async fn download(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(code) = file.strip_suffix(".pdf").filter(|c| c.len() <= 20) else { return not_found() };
    let Ok(Some(me)) = auth::current_account(&state.db, &state.config, &headers, state.now()).await else { return not_found() };
    let Ok(Some(doc)) = rdb::document(&state.db, code).await else { return not_found() };
    if !matches!(app::service::access::holds_on(&state, &me, doc.contest_id, app::domain::access::Power::SeeResults).await, Ok(true)) {
        let owner = edb::entry_by_id(&state.db, doc.entry_id).await.ok().flatten().map(|e| e.account_id);
        if owner != Some(me.account_id) {
            return not_found();
        }
    }
    // A revoked document is no longer handed out as if it were valid: 410 and the reason.
    if let Some(reason) = doc.revoked_reason.as_deref().filter(|_| doc.revoked_at.is_some()) {
        return revoked(app::backend::identity::request_lang(&state, &headers).await, code, reason);
    }
    match pdf_of(&state, code).await {
        Ok(Some(pdf)) => pdf_response(pdf, &format!("{}-{code}.pdf", doc.kind)),
        Ok(None) => not_found(),
        Err(e) => {
            tracing::error!(error = %e, code, "cannot make document");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The answer for a revoked document: 410 Gone, a page in the reader's language that says
/// why and links to its public verification.
fn revoked(lang: Lang, code: &str, reason: &str) -> Response {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let text = fill(Msg::VerifyRevoked.text(lang), &[("reason", &esc(reason))]);
    let body = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{code}</title></head>\
         <body><h1>{code}</h1><p id=\"revoked\">{text}</p><p><a href=\"/verify/{code}\">/verify/{code}</a></p></body></html>",
        lang.code(),
        code = esc(code),
    );
    let mut res = (StatusCode::GONE, body).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    res
}

fn pdf_response(pdf: Vec<u8>, name: &str) -> Response {
    let mut res = pdf.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(v) = HeaderValue::from_str(&content_disposition(false, name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=3600"));
    res
}

/// `GET /admin/contests/{id}/documents.zip`: every document of the published results.
pub async fn zip_all(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let c = match crate::poster::staff_contest(&state, &headers, &id, app::domain::access::Power::SeeResults).await {
        Ok((_, c)) => c,
        Err(answer) => return answer,
    };
    let Ok(docs) = rdb::documents_of_contest(&state.db, c.contest_id).await else { return StatusCode::INTERNAL_SERVER_ERROR.into_response() };
    if c.published_at.is_none() || docs.is_empty() {
        return not_found();
    }
    let mut files = Vec::new();
    for d in docs.iter().filter(|d| d.revoked_at.is_none()) {
        match pdf_of(&state, &d.code).await {
            Ok(Some(pdf)) => files.push((format!("{}-{}.pdf", d.kind, d.code), pdf)),
            Ok(None) => {}
            Err(e) => {
                tracing::error!(error = %e, "cannot make document");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        }
    }
    let zipped = tokio::task::spawn_blocking(move || {
        use std::io::Write as _;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (name, bytes) in files {
            w.start_file(name, opts).map_err(|e| e.to_string())?;
            w.write_all(&bytes).map_err(|e| e.to_string())?;
        }
        w.finish().map(|c| c.into_inner()).map_err(|e| e.to_string())
    })
    .await;
    match zipped {
        Ok(Ok(bytes)) => {
            let mut res = bytes.into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zip"));
            if let Ok(v) = HeaderValue::from_str(&content_disposition(false, &format!("documents-{}.zip", c.public_id))) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        _ => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /results-thumbs/{file}`: a winner's thumbnail, once results are public and if the
/// participant may be shown (adult, or a guardian's consent).
pub async fn winner_thumb(State(state): State<AppState>, Path(file): Path<String>, req: Request) -> Response {
    let Ok(Some(f)) = fdb::file(&state.db, &file).await else { return not_found() };
    let Ok(Some(e)) = edb::entry_by_id(&state.db, f.entry_id).await else { return not_found() };
    let Ok(Some(c)) = db::contests::find_by_id(&state.db, e.contest_id).await else { return not_found() };
    let Some(version) = c.published_version else { return not_found() };
    let Ok(Some(l)) = rdb::line(&state.db, c.contest_id, version, e.entry_id).await else { return not_found() };
    let shown = !matches!(l.final_award(), "certificate" | "none") && app::service::results::work_shown(&c, &l);
    if !shown || f.thumb_state.as_deref() != Some("ready") {
        return not_found();
    }
    let mut res = crate::objects::send(&state, &storage::thumb_key(&f.sha256), req.method(), req.headers(), &format!("{}-thumb", f.sha256)).await;
    if res.status() == StatusCode::NOT_FOUND {
        return not_found();
    }
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Asked about again at each view (a 304 when unchanged): a consent taken back shows.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
    res
}

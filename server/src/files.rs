//! Serving works' files and thumbnails to those allowed to see them, and exporting a
//! contest's entries as CSV and XLSX.

use app::service::entries::{export_header, export_rows, may_read_file, parse_filter};
use app::service::judging::judge_file_access;
use app::domain::access::Power;
use app::domain::contest::FileKind;
use app::domain::file;
use app::backend::db::entries as edb;
use app::backend::db::files as fdb;
use app::backend::{AppState, auth, storage};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

fn not_found() -> Response {
    StatusCode::NOT_FOUND.into_response()
}

/// `GET /files/{id}` and `GET /files/{id}/thumb`: 404 for anyone not allowed, exactly as
/// for a file that does not exist.
pub async fn serve(State(state): State<AppState>, Path(id): Path<String>, req: Request) -> Response {
    serve_inner(state, id, req, false).await
}

pub async fn serve_thumb(State(state): State<AppState>, Path(id): Path<String>, req: Request) -> Response {
    serve_inner(state, id, req, true).await
}

async fn serve_inner(state: AppState, id: String, req: Request, thumb: bool) -> Response {
    if id.len() > 32 {
        return not_found();
    }
    let me = auth::current_account(&state.db, &state.config, req.headers(), state.now()).await.ok().flatten();
    let Ok(Some(f)) = fdb::file(&state.db, &id).await else { return not_found() };
    // Owners and admins see the file as it was sent; an assigned judge sees it under the
    // entry's code, and in a blind contest only as a copy without metadata (images
    // re-encoded, every other kind through [`crate::scrub`]).
    let judge = match may_read_file(&state, me.as_ref(), &f).await {
        Ok(true) => None,
        Ok(false) => match me.as_ref() {
            Some(me) => match judge_file_access(&state, me, &f).await {
                Ok(Some(access)) => Some(access),
                _ => return not_found(),
            },
            None => return not_found(),
        },
        Err(_) => return not_found(),
    };
    let stored = Stored { sha256: &f.sha256, mime: &f.mime, kind: f.kind, thumb_ready: f.thumb_state.as_deref() == Some("ready"), clean_state: f.clean_state.as_deref() };
    let (key, mime, tag) = match object_for(&stored, thumb, judge.as_ref().is_some_and(|(_, blind)| *blind)) {
        Ok(o) => o,
        Err(no) => return no.answer(),
    };
    let inline = thumb || file::previews_inline(f.kind);
    let name = match &judge {
        Some((code_name, _)) => as_sent(code_name, &mime),
        None if thumb => format!("{}.jpg", f.original_name),
        None => file::download_name(&f.original_name, &mime),
    };
    send_object(&state, req.method(), req.headers(), (&key, &mime, &tag), inline, &name).await
}

/// A stored work's bytes as the store knows them (an entry's file or an anchor's).
pub struct Stored<'a> {
    pub sha256: &'a str,
    pub mime: &'a str,
    pub kind: FileKind,
    pub thumb_ready: bool,
    pub clean_state: Option<&'a str>,
}

/// Why no stored object answers: none is (or will be), or a blind copy is being made.
enum NoObject {
    Missing,
    Pending,
}

impl NoObject {
    fn answer(self) -> Response {
        match self {
            NoObject::Missing => not_found(),
            NoObject::Pending => being_prepared(),
        }
    }
}

/// `A1-1.png` served as its re-encoded view is `A1-1.jpg`.
fn as_sent(code_name: &str, mime: &str) -> String {
    if mime == "image/jpeg" { format!("{}.jpg", code_name.rsplit_once('.').map_or(code_name, |(s, _)| s)) } else { code_name.to_owned() }
}

/// Which stored object answers (key, type, tag), or the answer when none can: the
/// thumbnail; for a blind reader an image's re-encoded view and every other kind's copy
/// without metadata, never the original; else the bytes as uploaded.
fn object_for(s: &Stored<'_>, thumb: bool, blind: bool) -> Result<(String, String, String), NoObject> {
    let is_image = s.kind == FileKind::Image;
    Ok(match (thumb, blind) {
        (true, _) if !s.thumb_ready => return Err(NoObject::Missing),
        (true, _) => (storage::thumb_key(s.sha256), "image/jpeg".to_string(), format!("{}-thumb", s.sha256)),
        (false, true) if is_image && !s.thumb_ready => return Err(NoObject::Missing),
        (false, true) if is_image => (storage::view_key(s.sha256), "image/jpeg".to_string(), format!("{}-view", s.sha256)),
        (false, true) => match s.clean_state {
            Some("ready") => (storage::clean_key(s.sha256), s.mime.to_owned(), format!("{}-clean", s.sha256)),
            Some("pending") => return Err(NoObject::Pending),
            _ => return Err(NoObject::Missing),
        },
        _ => (storage::blob_key(s.sha256), s.mime.to_owned(), s.sha256.to_owned()),
    })
}

/// A work's file for a reader already allowed it: blind or as uploaded, under `name`.
pub async fn send_work_file(state: &AppState, method: &Method, headers: &HeaderMap, s: &Stored<'_>, blind: bool, name: &str, inline: bool) -> Response {
    match object_for(s, false, blind) {
        Ok((key, mime, tag)) => send_object(state, method, headers, (&key, &mime, &tag), inline, &if blind { as_sent(name, &mime) } else { name.to_owned() }).await,
        Err(no) => no.answer(),
    }
}

/// Sends a stored work's object with the headers every work's file has: its type and name,
/// `nosniff`, and a policy that it is never a page of this site.
async fn send_object(state: &AppState, method: &Method, headers: &HeaderMap, (key, mime, tag): (&str, &str, &str), inline: bool, name: &str) -> Response {
    // Range requests (seeking in audio and video), conditional requests, HEAD.
    let mut res = crate::objects::send(state, key, method, headers, tag).await;
    if res.status() == StatusCode::NOT_FOUND {
        return not_found();
    }
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&file::content_disposition(inline, name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // A file is never a page of this site: no scripts, no forms, no same-origin access.
    // Only this site's own pages may embed it (a judge's PDF in an `<object>`).
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    h.insert(header::HeaderName::from_static("cross-origin-resource-policy"), HeaderValue::from_static("same-origin"));
    res
}

/// A blind copy still being made (seconds after upload): try again shortly.
fn being_prepared() -> Response {
    let mut res = StatusCode::SERVICE_UNAVAILABLE.into_response();
    res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    res
}

#[derive(Deserialize, Default)]
pub struct ExportQuery {
    #[serde(default)]
    nomination: String,
    #[serde(default)]
    age_group: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    answer: String,
}

/// A cell that a spreadsheet would run as a formula gets a leading apostrophe.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_string() }
}

fn csv_cell(cell: &str) -> String {
    let cell = neutralise(cell);
    if cell.contains([',', '"', '\n', '\r']) { format!("\"{}\"", cell.replace('"', "\"\"")) } else { cell }
}

/// RFC 4180 CSV with a UTF-8 byte-order mark, so that Excel opens Cyrillic correctly.
pub fn to_csv(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    let mut line = |cells: Vec<String>| {
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(header.iter().map(|h| csv_cell(h)).collect());
    for r in rows {
        line(r.iter().map(|c| csv_cell(c)).collect());
    }
    out.into_bytes()
}

/// An XLSX workbook: every cell written as a string (never a formula), header bold and frozen.
pub fn to_xlsx(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook, XlsxError};
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("Entries")?;
    // Past the sheet's limits (1,048,576 rows, 16,384 columns) the writer refuses anyway.
    let row = |r: usize| u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError);
    let col = |c: usize| u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError);
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, col(c)?, *h, &bold)?;
        let widest = rows.iter().map(|r| r.get(c).map_or(0, |v| v.chars().count())).max().unwrap_or(0).max(h.chars().count());
        ws.set_column_width(col(c)?, f64::from(col(widest.min(60) + 2)?))?;
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            ws.write_string(row(r + 1)?, col(c)?, cell)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if !header.is_empty() {
        ws.autofilter(0, 0, row(rows.len())?, col(header.len() - 1)?)?;
    }
    wb.save_to_buffer()
}

/// `GET /admin/contests/{id}/entries.csv`, with the list's filters.
pub async fn export_csv(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap, Query(q): Query<ExportQuery>) -> Response {
    export(state, id, "entries.csv", headers, q).await
}

/// `GET /admin/contests/{id}/entries.xlsx`, with the list's filters.
pub async fn export_xlsx(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap, Query(q): Query<ExportQuery>) -> Response {
    export(state, id, "entries.xlsx", headers, q).await
}

async fn export(state: AppState, id: String, format: &str, headers: HeaderMap, q: ExportQuery) -> Response {
    let c = match crate::poster::staff_contest(&state, &headers, &id, Power::Entries).await {
        Ok((_, c)) => c,
        Err(answer) => return answer,
    };
    let filter = parse_filter(&q.nomination, &q.age_group, &q.state, &q.q, &q.answer);
    let lines = match edb::lines_of_contest(&state.db, c.contest_id, &filter).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %e, "export failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let lang = app::backend::identity::request_lang(&state, &headers).await;
    let (answer_header, answers) = match app::service::questions::answer_columns(&state, c.contest_id, &lines, lang).await {
        Ok(a) => a,
        Err(e) => return StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR).into_response(),
    };
    let mut header_row = export_header(lang);
    header_row.extend(answer_header.iter().map(String::as_str));
    let mut rows = export_rows(&lines, lang, &c.time_zone, c.reduced_at.is_some());
    for (row, more) in rows.iter_mut().zip(answers) {
        row.extend(more);
    }
    table_response(&header_row, &rows, format.ends_with("csv"), &format!("entries-{}", c.public_id))
}

/// A table as a CSV or XLSX download named `<stem>.csv|.xlsx`.
pub fn table_response(header: &[&str], rows: &[Vec<String>], csv: bool, stem: &str) -> Response {
    let (body, mime, ext) = if csv {
        (to_csv(header, rows), "text/csv; charset=utf-8", "csv")
    } else {
        match to_xlsx(header, rows) {
            Ok(b) => (b, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            Err(e) => {
                tracing::error!(error = %e, "xlsx export failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        }
    };
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&file::content_disposition(false, &format!("{stem}.{ext}"))) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}

/// `GET /admin/contests/{id}/results.csv|.xlsx` and `/scores.csv|.xlsx`.
pub async fn export_results(State(state): State<AppState>, Path((id, file)): Path<(String, String)>, headers: HeaderMap) -> Response {
    let c = match crate::poster::staff_contest(&state, &headers, &id, Power::SeeResults).await {
        Ok((_, c)) => c,
        Err(answer) => return answer,
    };
    let Some((what, ext)) = file.split_once('.') else { return not_found() };
    if !matches!(ext, "csv" | "xlsx") || !matches!(what, "results" | "scores") {
        return not_found();
    }
    let lang = app::backend::identity::request_lang(&state, &headers).await;
    let table = if what == "results" { app::service::results::results_table(&state, &c, lang).await } else { app::service::results::scores_table(&state, &c, lang).await };
    match table {
        Ok(Some((header_row, rows))) => table_response(&header_row, &rows, ext == "csv", &format!("{what}-{}", c.public_id)),
        Ok(None) => not_found(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    contest: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
}

/// `GET /admin/audit.csv|.xlsx`: the whole audit log that passes the page's filter, newest
/// first, in the reader's language. A refused filter answers its status with its words.
pub async fn export_audit_csv(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<AuditQuery>) -> Response {
    export_audit(state, headers, q, true).await
}

pub async fn export_audit_xlsx(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<AuditQuery>) -> Response {
    export_audit(state, headers, q, false).await
}

async fn export_audit(state: AppState, headers: HeaderMap, q: AuditQuery, csv: bool) -> Response {
    use app::service::audit;
    let me = match auth::current_account(&state.db, &state.config, &headers, state.now()).await {
        Ok(Some(me)) => me,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let lang = app::backend::identity::request_lang(&state, &headers).await;
    let text = audit::FilterText { actor: &q.actor, contest: &q.contest, action: &q.action, from: &q.from, until: &q.until, before: "" };
    let table = match audit::filter_for(&state, &me, &text).await {
        Ok(filter) => audit::table(&state, &filter, lang).await,
        Err(e) => Err(e),
    };
    match table {
        Ok((header_row, rows)) => table_response(&header_row, &rows, csv, &audit::export_stem(state.now())),
        Err(e) => (StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST), e.message(lang)).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quoting_is_rfc4180() {
        assert_eq!(neutralise("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("Әлия"), "Әлия");
        let csv = to_csv(&["a", "b"], &[vec!["x,y".into(), "say \"hi\"".into()]]);
        assert_eq!(String::from_utf8_lossy(&csv), "\u{FEFF}a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n");
    }
}

//! Uploaded example works for judge calibration (`service::calibration`): an admin uploads
//! the files of an example as a plain multipart form on the judging dashboard (it works
//! without JavaScript), checked by the rules of the nomination it is scored in, exactly as
//! a work's files are (`uploads::prepare`); judges read them blind under the anchor's code.

use crate::uploads::{Digested, Prepared, code_of, prepare, receive, start_copies};
use app::backend::db::calibration::UploadedFile;
use app::backend::AppState;
use app::domain::audit::Action;
use app::domain::file;
use app::error::{AppError, Field};
use app::i18n::Msg;
use app::service::calibration::{self as cal, ExampleRules};
use axum::extract::multipart::Field as Part;
use axum::extract::{Multipart, Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::path::PathBuf;

/// The longest title or nomination field read from the form, in bytes.
const TEXT_FIELD_MAX: usize = 4 * 1024;

/// Why an example went back to the dashboard: a short code the page translates.
fn example_code(e: &AppError) -> &'static str {
    if let AppError::Validation(list) = e {
        match list.first() {
            Some(f) if f.field == Field::Title => {
                return match f.msg {
                    Msg::ErrTextTooLong => "long",
                    Msg::ErrControlChars => "chars",
                    _ => "title",
                };
            }
            Some(f) if f.field == Field::Nomination => return "nomination",
            _ => {}
        }
    }
    code_of(e)
}

/// A short text field, bounded.
async fn small_text(field: &mut Part<'_>) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| AppError::Network)? {
        if bytes.len() + chunk.len() > TEXT_FIELD_MAX {
            return Err(AppError::field(Field::Title, Msg::ErrTextTooLong));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// What the form sent, as received.
#[derive(Default)]
struct Sent {
    title: String,
    nomination: String,
    rules: Option<ExampleRules>,
    /// Local files with their digests and names as uploaded.
    files: Vec<(PathBuf, Digested, String)>,
}

impl Sent {
    async fn forget(&mut self) {
        for (part, _, _) in self.files.drain(..) {
            let _ = tokio::fs::remove_file(&part).await;
        }
    }
}

/// Reads the form: the title and nomination come first (the page's order), so each file is
/// received with its nomination's limits.
async fn read_form(state: &AppState, c: &app::backend::db::contests::ContestRow, form: &mut Multipart, sent: &mut Sent) -> Result<ExampleRules, AppError> {
    while let Some(mut field) = form.next_field().await.map_err(|_| AppError::Network)? {
        match field.name() {
            Some("title") => sent.title = small_text(&mut field).await?,
            Some("nomination") => sent.nomination = small_text(&mut field).await?,
            Some("file") => {
                let rules = match &sent.rules {
                    Some(r) => r.clone(),
                    None => sent.rules.insert(cal::example_rules(state, c, &sent.title, &sent.nomination).await?).clone(),
                };
                if i64::try_from(sent.files.len()).unwrap_or(i64::MAX) >= rules.max_files {
                    return Err(AppError::field(Field::File, Msg::ErrFileCount));
                }
                let name = field.file_name().unwrap_or_default().to_owned();
                let (part, d) = receive(state, &mut field, rules.max_bytes).await?;
                sent.files.push((part, d, name));
            }
            _ => {}
        }
    }
    match sent.rules.clone() {
        Some(r) => Ok(r),
        None => {
            cal::example_rules(state, c, &sent.title, &sent.nomination).await?;
            Err(AppError::field(Field::File, Msg::ErrNoFileChosen))
        }
    }
}

/// Checks and stores every received file, then records the example; on any refusal what
/// was stored for it is removed again. Its code.
async fn store(state: &AppState, c: &app::backend::db::contests::ContestRow, rules: &ExampleRules, sent: &mut Sent) -> Result<String, AppError> {
    let mut prepared: Vec<Prepared> = Vec::new();
    let mut refused = None;
    let holder = app::service::entries::BlobHold::holder(state);
    for (part, d, name) in std::mem::take(&mut sent.files) {
        if refused.is_some() {
            let _ = tokio::fs::remove_file(&part).await;
            continue;
        }
        match prepare(state, &rules.kinds, &part, d, &name, None, &holder).await {
            Ok(p) => prepared.push(p),
            Err(e) => {
                let _ = tokio::fs::remove_file(&part).await;
                refused = Some(e);
            }
        }
    }
    let ids: Vec<String> = prepared.iter().map(|_| app::backend::ids::new_public_id()).collect();
    let result = match refused {
        Some(e) => Err(e),
        None => {
            let files: Vec<UploadedFile<'_>> = prepared.iter().zip(&ids).map(|(p, id)| UploadedFile { public_id: id, name: &p.name, blob: p.blob() }).collect();
            cal::add_example(state, c, rules, &files).await
        }
    };
    match result {
        Ok(added) => {
            for p in prepared.iter().filter(|p| added.new_blobs.contains(&p.sha)) {
                start_copies(state, &p.sha, p.sniffed);
            }
            Ok(added.code)
        }
        Err(e) => {
            for p in &prepared {
                p.undo(state).await;
            }
            Err(e)
        }
    }
}

/// `POST /admin/contests/{id}/anchors`: an uploaded example (`title`, `nomination`, one or
/// more `file`s). Back to the dashboard: at the new anchor, or at the form with the refusal
/// and the typed title and nomination.
pub async fn upload(State(state): State<AppState>, Path(public_id): Path<String>, headers: HeaderMap, mut form: Multipart) -> Response {
    let (me, c) = match crate::poster::staff_contest(&state, &headers, &public_id, app::domain::access::Power::Jury).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let mut sent = Sent::default();
    let outcome = match read_form(&state, &c, &mut form, &mut sent).await {
        Ok(rules) => store(&state, &c, &rules, &mut sent).await,
        Err(e) => Err(e),
    };
    sent.forget().await;
    let dashboard = format!("/admin/contests/{}/judging", c.public_id);
    match outcome {
        Ok(code) => {
            let detail = format!("{code} {}", sent.title.trim());
            if let Err(e) = app::service::contests::audit(&state, me.account_id, Action::ContestAnchor, &c, &detail).await {
                tracing::error!(error = ?e, "cannot audit an uploaded example");
            }
            Redirect::to(&format!("{dashboard}?saved=calibration#calibration")).into_response()
        }
        Err(e) => {
            let keep = |s: &str| file::percent_encode(s, b"-_.~");
            let title: String = sent.title.chars().take(app::domain::calibration::EXAMPLE_TITLE_MAX + 1).collect();
            Redirect::to(&format!("{dashboard}?example_error={}&example_title={}&example_nomination={}#add-example", example_code(&e), keep(&title), keep(sent.nomination.trim())))
                .into_response()
        }
    }
}

/// `GET /anchor-files/{id}`: a file of an uploaded example. An admin gets it as uploaded; a
/// judge who calibrates on it gets it blind (an image's re-encoded view, every other kind's
/// copy without metadata) under the anchor's code; anyone else a 404, as for no file.
pub async fn serve(State(state): State<AppState>, Path(id): Path<String>, req: Request) -> Response {
    if id.len() > 32 {
        return StatusCode::NOT_FOUND.into_response();
    }
    let me = app::backend::auth::current_account(&state.db, &state.config, req.headers(), state.now()).await.ok().flatten();
    let Some(me) = me else { return StatusCode::NOT_FOUND.into_response() };
    let Ok(Some((f, judge_name))) = cal::example_file_access(&state, &me, &id).await else { return StatusCode::NOT_FOUND.into_response() };
    let blind = judge_name.is_some();
    let stored = crate::files::Stored {
        sha256: &f.sha256,
        mime: &f.mime,
        kind: f.kind,
        thumb_ready: f.thumb_state.as_deref() == Some("ready"),
        clean_state: f.clean_state.as_deref(),
    };
    let name = judge_name.unwrap_or_else(|| file::download_name(&f.original_name, &f.mime));
    crate::files::send_work_file(&state, req.method(), req.headers(), &stored, blind, &name, file::previews_inline(f.kind)).await
}

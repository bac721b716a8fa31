//! Contest posters and the organiser's logo: uploaded by admins as plain multipart forms
//! (they work without JavaScript), checked by content (PNG, JPEG or WebP, whatever the name
//! or the browser says), decoded within limits and copied at the sizes pages use (a card, a
//! page, a social preview, a favicon; for the logo the header, a favicon and the diplomas'),
//! kept in the store under random names (`posters/…`, `brand/…`), served with their type,
//! `nosniff` and a sandbox.

use app::backend::storage::{LOGO_COPIES, POSTER_COPIES, brand_key, copy_name, poster_key};
use app::backend::{AppState, auth, db, media};
use app::domain::Role;
use app::domain::access::Power;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

/// Largest poster or logo accepted.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// The image type of `bytes` by their first bytes, if it is one we accept.
pub fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("png", "image/png"))
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("jpg", "image/jpeg"))
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(("webp", "image/webp"))
    } else {
        None
    }
}

fn editor(public_id: &str, outcome: &str) -> Response {
    Redirect::to(&format!("/admin/contests/{public_id}?{outcome}#basics")).into_response()
}

fn identity_page(outcome: &str) -> Response {
    Redirect::to(&format!("/admin/identity?{outcome}#logo")).into_response()
}

/// The admin, or the answer for whoever else asks.
pub(crate) async fn admin(state: &AppState, headers: &HeaderMap) -> Result<auth::CurrentAccount, Response> {
    auth::authorize(&state.db, &state.config, headers, state.now(), Role::Admin)
        .await
        .map_err(|refusal| StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR).into_response())
}

/// The caller and the contest a route names, when the caller holds `power` on it
/// (`service::access`); else the answer: 401 without a session, 404 for a contest that does
/// not exist or that the caller is nothing to, 403 for staff without the power.
pub(crate) async fn staff_contest(state: &AppState, headers: &HeaderMap, public_id: &str, power: Power) -> Result<(auth::CurrentAccount, db::contests::ContestRow), Response> {
    app::service::access::for_request(state, headers, public_id, power)
        .await
        .map_err(|refusal| StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR).into_response())
}

/// What the form sent: the image under `field` (`Ok(None)`: none), the other fields' values,
/// or why it cannot be taken (`size`, `type`).
async fn read_form(mut form: Multipart, field_name: &str) -> Result<(Option<Vec<u8>>, Vec<(String, String)>), &'static str> {
    let (mut image, mut fields) = (None, Vec::new());
    loop {
        // An error: the body broke off or passed the limit.
        let Some(field) = form.next_field().await.map_err(|_| "size")? else { break };
        let name = field.name().unwrap_or_default().to_owned();
        if name == field_name {
            image = Some(field.bytes().await.map_err(|_| "size")?.to_vec());
        } else if fields.len() < 8 {
            fields.push((name, field.text().await.map_err(|_| "size")?));
        }
    }
    let image = image.filter(|b| !b.is_empty());
    if image.as_ref().is_some_and(|b| b.len() > MAX_BYTES) {
        return Err("size");
    }
    if image.as_ref().is_some_and(|b| sniff(b).is_none()) {
        return Err("type");
    }
    Ok((image, fields))
}

/// Stores files (key, bytes) all or nothing.
async fn put_all(state: &AppState, files: Vec<(String, Vec<u8>)>) -> Result<(), ()> {
    let keys: Vec<String> = files.iter().map(|(k, _)| k.clone()).collect();
    for (key, bytes) in files {
        if let Err(e) = state.storage.put_bytes(&key, bytes).await {
            tracing::error!(error = %e, key, "cannot store an image");
            delete_all(state, &keys).await;
            return Err(());
        }
    }
    Ok(())
}

async fn delete_all(state: &AppState, keys: &[String]) {
    for key in keys {
        let _ = state.storage.delete(key).await;
    }
}

fn poster_keys(name: &str) -> Vec<String> {
    std::iter::once(poster_key(name)).chain(POSTER_COPIES.iter().map(|s| poster_key(&copy_name(name, s)))).collect()
}

fn logo_keys(name: &str) -> Vec<String> {
    std::iter::once(brand_key(name)).chain(LOGO_COPIES.iter().map(|s| brand_key(&copy_name(name, s)))).collect()
}

pub async fn upload(State(state): State<AppState>, Path(public_id): Path<String>, headers: HeaderMap, form: Multipart) -> Response {
    let contest = match staff_contest(&state, &headers, &public_id, Power::Edit).await {
        Ok((_, c)) => c,
        Err(answer) => return answer,
    };
    let bytes = match read_form(form, "poster").await {
        Ok((Some(bytes), _)) => bytes,
        Ok((None, _)) => return editor(&public_id, "poster_error=type"),
        Err(why) => return editor(&public_id, &format!("poster_error={why}")),
    };
    let Some((ext, _)) = sniff(&bytes) else { return editor(&public_id, "poster_error=type") };
    // Decoding is work for a blocking thread; an image that does not decode is refused.
    let decoded = tokio::task::spawn_blocking({
        let bytes = bytes.clone();
        move || media::poster_copies(&bytes)
    })
    .await;
    let Ok(Ok(copies)) = decoded else { return editor(&public_id, "poster_error=type") };
    let name = format!("{}.{ext}", app::backend::ids::new_public_id());
    let made = [copies.card, copies.page, copies.social, copies.icon];
    let files = std::iter::once((poster_key(&name), bytes)).chain(POSTER_COPIES.iter().zip(made).map(|(s, b)| (poster_key(&copy_name(&name, s)), b))).collect();
    if put_all(&state, files).await.is_err() {
        return editor(&public_id, "poster_error=store");
    }
    match db::contests::set_poster(&state.db, contest.contest_id, Some(&name), state.now()).await {
        Ok(old) => {
            if let Some(old) = old.filter(|o| *o != name) {
                delete_all(&state, &poster_keys(&old)).await;
            }
            editor(&public_id, "saved=poster")
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot record poster");
            delete_all(&state, &poster_keys(&name)).await;
            editor(&public_id, "poster_error=store")
        }
    }
}

/// `POST /admin/identity/logo`: a new logo (`logo`), or none (`remove`).
pub async fn upload_logo(State(state): State<AppState>, headers: HeaderMap, form: Multipart) -> Response {
    let me = match admin(&state, &headers).await {
        Ok(me) => me,
        Err(answer) => return answer,
    };
    let (bytes, fields) = match read_form(form, "logo").await {
        Ok(sent) => sent,
        Err(why) => return identity_page(&format!("logo_error={why}")),
    };
    let remove = fields.iter().any(|(k, _)| k == "remove");
    let name = match (bytes, remove) {
        (_, true) => None,
        (None, false) => return identity_page("logo_error=type"),
        (Some(bytes), false) => {
            let decoded = tokio::task::spawn_blocking(move || media::logo_copies(&bytes)).await;
            let Ok(Ok(copies)) = decoded else { return identity_page("logo_error=type") };
            let name = format!("{}.png", app::backend::ids::new_public_id());
            let files = vec![
                (brand_key(&name), copies.header),
                (brand_key(&copy_name(&name, LOGO_COPIES[0])), copies.icon),
                (brand_key(&copy_name(&name, LOGO_COPIES[1])), copies.print),
            ];
            if put_all(&state, files).await.is_err() {
                return identity_page("logo_error=store");
            }
            Some(name)
        }
    };
    match app::service::identity::set_logo(&state, me.account_id, name.as_deref()).await {
        Ok(old) => {
            if let Some(old) = old.filter(|o| Some(o) != name.as_ref()) {
                delete_all(&state, &logo_keys(&old)).await;
            }
            identity_page("saved=logo")
        }
        Err(e) => {
            tracing::error!(error = ?e, "cannot record the logo");
            if let Some(name) = name {
                delete_all(&state, &logo_keys(&name)).await;
            }
            identity_page("logo_error=store")
        }
    }
}

/// Only names this server makes: a stem of letters, digits, `-` and `_`, and an image's ending.
fn valid_name(name: &str) -> bool {
    name.len() <= 48
        && name.split_once('.').is_some_and(|(stem, ext)| {
            stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') && matches!(ext, "png" | "jpg" | "webp")
        })
}

/// Serves a poster or one of its copies. A poster uploaded before copies were made has
/// none: its copies are answered with the poster itself.
pub async fn serve(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    if !valid_name(&name) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let bytes = match state.storage.read(&poster_key(&name)).await {
        Ok(bytes) => bytes,
        Err(_) => {
            let Some(stem) = POSTER_COPIES.iter().find_map(|s| name.strip_suffix(s)) else { return StatusCode::NOT_FOUND.into_response() };
            let mut found = None;
            for ext in ["png", "jpg", "webp"] {
                if let Ok(bytes) = state.storage.read(&poster_key(&format!("{stem}.{ext}"))).await {
                    found = Some(bytes);
                    break;
                }
            }
            let Some(bytes) = found else { return StatusCode::NOT_FOUND.into_response() };
            bytes
        }
    };
    image_response(bytes)
}

/// Serves the organiser's logo or one of its copies.
pub async fn serve_logo(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    if !valid_name(&name) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match state.storage.read(&brand_key(&name)).await {
        Ok(bytes) => image_response(bytes),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// An image read whole (they are small), its type checked again on the way out; names
/// are never reused, so browsers keep it for a year.
fn image_response(bytes: Vec<u8>) -> Response {
    let Some((_, mime)) = sniff(&bytes) else { return StatusCode::NOT_FOUND.into_response() };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    res
}

/// `GET /brand.css`: the organiser's colours as a style sheet (its address carries the
/// identity's revision, so it is cached for a year and a save is seen at once).
/// An instance that has not seen the revision asked for yet reads it afresh; one that
/// still cannot (a revision that never was) answers without letting it be cached.
pub async fn brand_css(State(state): State<AppState>, Query(q): Query<CssQuery>) -> Response {
    let mut id = state.identity.get(&state.db).await;
    if q.v.is_some_and(|v| v != id.revision) {
        match db::identity::get(&state.db).await {
            Ok(fresh) => id = state.identity.put(fresh),
            Err(e) => tracing::warn!(error = %e, "cannot read the organiser's identity"),
        }
    }
    let cache = if q.v == Some(id.revision) { "public, max-age=31536000, immutable" } else { "no-store" };
    let mut res = id.css().into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

#[derive(serde::Deserialize)]
pub struct CssQuery {
    v: Option<i64>,
}

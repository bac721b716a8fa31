//! Contest posters: uploaded by admins as a plain multipart form (works without
//! JavaScript), checked by content (PNG, JPEG or WebP, whatever the name or the browser
//! says), kept in the store under a random name (`posters/…`), served with their type and `nosniff`.

use app::domain::Role;
use app::backend::storage::poster_key;
use app::backend::{AppState, auth, db};
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

/// Largest poster accepted.
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

pub async fn upload(State(state): State<AppState>, Path(public_id): Path<String>, headers: HeaderMap, mut form: Multipart) -> Response {
    if let Err(refusal) = auth::authorize(&state.db, &state.config, &headers, state.now(), Role::Admin).await {
        return StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR).into_response();
    }
    let contest = match db::contests::find(&state.db, &public_id).await {
        Ok(Some(c)) => c,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "contest lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut bytes = None;
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // The body broke off or passed the limit.
            Err(_) => return editor(&public_id, "poster_error=size"),
        };
        if field.name() == Some("poster") {
            match field.bytes().await {
                Ok(b) => bytes = Some(b),
                Err(_) => return editor(&public_id, "poster_error=size"),
            }
        }
    }
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else { return editor(&public_id, "poster_error=type") };
    if bytes.len() > MAX_BYTES {
        return editor(&public_id, "poster_error=size");
    }
    let Some((ext, _)) = sniff(&bytes) else { return editor(&public_id, "poster_error=type") };
    let name = format!("{}.{ext}", app::backend::ids::new_public_id());
    if let Err(e) = state.storage.put_bytes(&poster_key(&name), bytes.to_vec()).await {
        tracing::error!(error = %e, "cannot store poster");
        return editor(&public_id, "poster_error=store");
    }
    match db::contests::set_poster(&state.db, contest.contest_id, Some(&name), state.now()).await {
        Ok(old) => {
            if let Some(old) = old.filter(|o| *o != name) {
                let _ = state.storage.delete(&poster_key(&old)).await;
            }
            editor(&public_id, "saved=poster")
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot record poster");
            let _ = state.storage.delete(&poster_key(&name)).await;
            editor(&public_id, "poster_error=store")
        }
    }
}

/// Serves a poster by its stored name: only names this server makes are looked up.
pub async fn serve(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let valid = name.len() <= 40
        && name.split_once('.').is_some_and(|(stem, ext)| {
            stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') && matches!(ext, "png" | "jpg" | "webp")
        });
    if !valid {
        return StatusCode::NOT_FOUND.into_response();
    }
    // Posters are small (`MAX_BYTES`): read whole, their type checked again on the way out.
    let Ok(bytes) = state.storage.read(&poster_key(&name)).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some((_, mime)) = sniff(&bytes) else { return StatusCode::NOT_FOUND.into_response() };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    res
}

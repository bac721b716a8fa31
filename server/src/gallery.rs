//! The public gallery's files and the site's public map: `/gallery-files/{variant}/{file}`
//! (checked against the work's consent at every request, revalidated by browsers each
//! time so that a consent taken back closes a file at once), `/sitemap.xml` and
//! `/robots.txt`.

use app::backend::{AppState, storage};
use app::domain::contest::FileKind;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// `GET /gallery-files/{variant}/{file}`: `small` (an image's 480 px copy), `large` (its
/// 2,048 px copy) or `copy` (any other kind's copy without metadata), of a work shown in an
/// open gallery now; 404 otherwise, whatever the reason.
pub async fn serve(State(state): State<AppState>, Path((variant, file)): Path<(String, String)>, req: Request) -> Response {
    let f = match app::service::gallery::public_file(&state, &file).await {
        Ok(Some(f)) => f,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "gallery file");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let (key, mime) = match (variant.as_str(), f.kind) {
        ("small", FileKind::Image) if f.thumb_state.as_deref() == Some("ready") => (storage::thumb_key(&f.sha256), "image/jpeg".to_owned()),
        ("large", FileKind::Image) if f.thumb_state.as_deref() == Some("ready") => (storage::view_key(&f.sha256), "image/jpeg".to_owned()),
        ("copy", kind) if kind != FileKind::Image && f.clean_state.as_deref() == Some("ready") => (storage::clean_key(&f.sha256), f.mime.clone()),
        // Drawn from the copy without metadata at its first request, then kept.
        ("page", FileKind::Pdf) if f.clean_state.as_deref() == Some("ready") => match app::backend::media::first_page(&state, &f.sha256).await {
            Ok(true) => (storage::page_key(&f.sha256), "image/jpeg".to_owned()),
            Ok(false) => return StatusCode::NOT_FOUND.into_response(),
            Err(e) => {
                tracing::error!(error = %e, "gallery page");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let mut res = crate::objects::send(&state, &key, req.method(), req.headers(), &format!("{}-{variant}", f.sha256)).await;
    if res.status() == StatusCode::NOT_FOUND {
        return res;
    }
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Kept by the browser but asked about again each time (a 304 when unchanged): a work
    // taken out of the gallery is gone at the next view, from any cache that obeys.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
    if f.kind != FileKind::Image && variant != "page" {
        h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline"));
    }
    res
}

/// `GET /sitemap.xml`: the public pages, galleries and the works they show now.
pub async fn sitemap(State(state): State<AppState>) -> Response {
    let paths = match app::service::gallery::sitemap(&state).await {
        Ok(p) => p,
        Err(e) => {
            tracing::error!(error = ?e, "sitemap");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let base = state.config.public_url.trim_end_matches('/');
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in paths {
        // Addresses are made of ids, readable slugs and numbers: nothing to escape but `&`.
        xml.push_str(&format!("  <url><loc>{base}{}</loc></url>\n", p.replace('&', "&amp;")));
    }
    xml.push_str("</urlset>\n");
    let mut res = xml.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/xml; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

/// `GET /robots.txt`: the public pages may be indexed, the rest not; where the sitemap is.
pub async fn robots(State(state): State<AppState>) -> Response {
    let base = state.config.public_url.trim_end_matches('/');
    let body = format!(
        "User-agent: *\nDisallow: /admin\nDisallow: /api\nDisallow: /judge\nDisallow: /me\nDisallow: /entries\nDisallow: /files\nDisallow: /account\nAllow: /\nSitemap: {base}/sitemap.xml\n"
    );
    let mut res = body.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    res
}

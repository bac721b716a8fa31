//! How the built site reaches browsers: `/pkg/` (the content-hashed JS, WASM and CSS, sent as
//! the build precompressed them: brotli or gzip by `Accept-Encoding`, cached for a year and
//! never asked for again), pages and JSON compressed as they are sent, and a cache policy for
//! everything else (revalidate: static files carry `Last-Modified`).

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Version, header};
use axum::middleware::Next;
use axum::response::Response;
use std::path::Path;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::services::ServeDir;

/// Files under `<site>/pkg`, with the `.br` and `.gz` siblings the release build wrote
/// (`cargo leptos build --release --precompress --split`) sent in their place when the browser takes them.
pub fn pkg(site_root: &Path, pkg_dir: &str) -> ServeDir {
    ServeDir::new(site_root.join(pkg_dir)).precompressed_br().precompressed_gzip()
}

/// What is worth compressing on the fly: text the server writes (pages, JSON answers) and
/// static text a build did not precompress. Never works' files (images, audio and video are
/// compressed already, and a byte range of a compressed stream means nothing) nor a response
/// already encoded (a precompressed asset).
pub fn compression() -> CompressionLayer<impl Predicate> {
    let text = |status: StatusCode, _: Version, headers: &HeaderMap, _: &axum::http::Extensions| {
        if status == StatusCode::PARTIAL_CONTENT || headers.contains_key(header::CONTENT_RANGE) || headers.contains_key(header::CONTENT_ENCODING) {
            return false;
        }
        let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
        COMPRESSIBLE.contains(&kind.split(';').next().unwrap_or_default().trim())
    };
    CompressionLayer::new().compress_when(SizeAbove::new(512).and(text))
}

const COMPRESSIBLE: &[&str] =
    &["text/html", "text/css", "text/javascript", "application/javascript", "application/json", "application/wasm", "image/svg+xml", "text/plain"];

/// The cache policy: a hashed asset found under `/pkg/` is immutable for a year (its name
/// changes with its content); whatever else says nothing of caching gets `no-cache` (kept,
/// but checked with the server before each use: pages depend on who is signed in).
pub async fn cache_policy(req: Request, next: Next) -> Response {
    let hashed = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    let found = matches!(res.status(), StatusCode::OK | StatusCode::NOT_MODIFIED);
    let h = res.headers_mut();
    if hashed && found {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    } else if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    res
}

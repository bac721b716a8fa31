//! Sending a stored object to a browser from whichever store holds it: streamed a block at a
//! time (never whole in memory), one byte range when asked (seeking in audio and video),
//! `304` for a copy the browser already has, `HEAD` without reading the object. The caller
//! has checked access and adds the type and name.

use app::backend::AppState;
use app::domain::file::{ByteRange, byte_range};
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The object under `key` as an answer to `method` with `headers`. `etag` names its content
/// (objects are named by their SHA-256, so the content behind a tag never changes).
pub async fn send(state: &AppState, key: &str, method: &Method, headers: &HeaderMap, etag: &str) -> Response {
    let size = match state.storage.size(key).await {
        Ok(Some(size)) => size,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(key, error = %e, "cannot reach the store");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let tag = format!("\"{etag}\"");
    let header_str = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if header_str(header::IF_NONE_MATCH).is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*")) {
        return with_common(StatusCode::NOT_MODIFIED.into_response(), &tag);
    }
    // A range is only for the same content the browser started with.
    let range_header = match header_str(header::IF_RANGE) {
        Some(v) if v.trim() != tag => None,
        _ => header_str(header::RANGE),
    };
    let (status, start, end) = match byte_range(range_header, size) {
        ByteRange::Whole => (StatusCode::OK, 0, size),
        ByteRange::Part(start, end) => (StatusCode::PARTIAL_CONTENT, start, end),
        ByteRange::Unsatisfiable => {
            let mut res = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{size}")) {
                res.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            return with_common(res, &tag);
        }
    };
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        match state.storage.stream(key, start..end).await {
            Ok(s) => Body::from_stream(s),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return StatusCode::NOT_FOUND.into_response(),
            Err(e) => {
                tracing::error!(key, error = %e, "cannot read from the store");
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        }
    };
    let mut res = (status, body).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(end - start));
    if status == StatusCode::PARTIAL_CONTENT
        && let Ok(v) = HeaderValue::from_str(&format!("bytes {start}-{}/{size}", end - 1))
    {
        h.insert(header::CONTENT_RANGE, v);
    }
    with_common(res, &tag)
}

fn with_common(mut res: Response, tag: &str) -> Response {
    let h = res.headers_mut();
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if let Ok(v) = HeaderValue::from_str(tag) {
        h.insert(header::ETAG, v);
    }
    res
}

//! A plain form (JavaScript off) that the server refuses keeps what was typed.
//!
//! Server functions answer a refused form post with a redirect back to the page, the error
//! in the URL (`__path`, `__err`). On the way out, [`keep_failed_form`] stores the posted
//! fields for ten minutes under a random token in a cookie; when the page comes back with
//! the error in its URL, the fields travel with the request as [`ReturnedForm`], and the
//! form controls render them as their values (`components::form::returned`). Passwords and
//! tokens are never kept. The same layer keeps only the latest error in the URL: the
//! framework appends one more `__path`/`__err` pair to the page's address on every failure.

use super::AppState;
use super::auth::{read_cookie, token_hash};
use super::db;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use http::{HeaderValue, Method, header};

/// How long the typed values wait for the page to come back.
pub const KEEP_SECS: i64 = 600;
/// Larger bodies are not kept (the page then shows the error with the stored values).
const MAX_KEPT: usize = 256 * 1024;
const COOKIE: &str = "baiqau_form";

/// The fields of the form post that was refused, as posted (name, value), in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReturnedForm(pub Vec<(String, String)>);

impl ReturnedForm {
    /// The first value posted under `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Was `value` among the values posted under `name` (checkboxes, multiple choices)?
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && v == value)
    }
}

/// Fields never written down: secrets a page must never show again.
fn keepable(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    !(n.contains("password") || n.contains("token"))
}

/// `Location` with only the last `__path` and `__err` pairs of its query.
pub fn last_error_only(location: &str) -> String {
    let Some((base, query)) = location.split_once('?') else { return location.to_owned() };
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let pairs: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    let last = |key: &str| pairs.iter().rposition(|p| p.split('=').next() == Some(key));
    let (last_path, last_err) = (last("__path"), last("__err"));
    let kept: Vec<&str> = pairs
        .iter()
        .enumerate()
        .filter(|(i, p)| match p.split('=').next() {
            Some("__path") => Some(*i) == last_path,
            Some("__err") => Some(*i) == last_err,
            _ => true,
        })
        .map(|(_, p)| *p)
        .collect();
    let mut out = format!("{base}?{}", kept.join("&"));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// The `__path` a page's query names, decoded (`/api/judge_save`).
fn error_path(query: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .rfind(|(k, _)| *k == "__path")
        .map(|(_, v)| crate::api::strict::percent_decode(v))
}

fn is_plain_form_post(req: &Request) -> bool {
    let header_has = |name: header::HeaderName, part: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains(part));
    req.method() == Method::POST
        && req.uri().path().starts_with("/api/")
        && header_has(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        && header_has(header::ACCEPT, "text/html")
}

/// The middleware (see the module's text).
pub async fn keep_failed_form(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if is_plain_form_post(&req) {
        let (parts, body) = req.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, super::security::FORM_BODY_LIMIT).await else {
            return (http::StatusCode::PAYLOAD_TOO_LARGE, axum::Json(crate::error::AppError::BadRequest)).into_response();
        };
        let path = parts.uri.path().to_owned();
        let mut res = next.run(Request::from_parts(parts, Body::from(bytes.clone()))).await;
        let location = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
        if let Some(location) = location.filter(|l| l.contains("__err=")) {
            if let Ok(v) = HeaderValue::from_str(&last_error_only(&location)) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            if bytes.len() <= MAX_KEPT {
                let fields: Vec<(String, String)> = crate::api::strict::form_pairs(&String::from_utf8_lossy(&bytes)).into_iter().filter(|(k, _)| keepable(k)).collect();
                let token = super::auth::new_token();
                let json = serde_json::to_string(&fields).unwrap_or_default();
                match db::form_return::put(&state.db, &token_hash(&token), &path, &json, state.now() + KEEP_SECS).await {
                    Ok(()) => {
                        let secure = if state.config.secure_cookies() { "; Secure" } else { "" };
                        let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={KEEP_SECS}{secure}");
                        if let Ok(v) = HeaderValue::from_str(&cookie) {
                            res.headers_mut().append(header::SET_COOKIE, v);
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "could not keep a refused form"),
                }
            }
        }
        return res;
    }
    let wanted = (req.method() == Method::GET).then(|| req.uri().query().and_then(error_path)).flatten();
    if let (Some(path), Some(token)) = (wanted, read_cookie(req.headers(), COOKIE)) {
        match db::form_return::get(&state.db, &token_hash(token), state.now()).await {
            Ok(Some((kept_path, json))) if kept_path == path => {
                let fields: Vec<(String, String)> = serde_json::from_str(&json).unwrap_or_default();
                req.extensions_mut().insert(ReturnedForm(fields));
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not read a kept form"),
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_error_stays_in_the_address() {
        let once = "http://x/judge/a/b?__path=%2Fapi%2Fjudge_save&__err=AAA";
        assert_eq!(last_error_only(once), once);
        assert_eq!(
            last_error_only("http://x/judge/a/b?q=1&__path=%2Fapi%2Fa&__err=AAA&__path=%2Fapi%2Fb&__err=BBB#top"),
            "http://x/judge/a/b?q=1&__path=%2Fapi%2Fb&__err=BBB#top"
        );
        assert_eq!(last_error_only("http://x/login"), "http://x/login");
    }

    #[test]
    fn secrets_are_not_kept() {
        for name in ["password", "new_password", "current_password", "token", "Password"] {
            assert!(!keepable(name), "{name}");
        }
        for name in ["email", "points[c3]", "comment", "display_name", "title_kk"] {
            assert!(keepable(name), "{name}");
        }
    }

    #[test]
    fn the_error_path_is_read_from_the_query() {
        assert_eq!(error_path("x=1&__path=%2Fapi%2Fjudge_save&__err=A").as_deref(), Some("/api/judge_save"));
        assert_eq!(error_path("x=1"), None);
    }

    #[test]
    fn returned_values_by_name() {
        let f = ReturnedForm(vec![("kinds".into(), "image".into()), ("kinds".into(), "pdf".into()), ("title".into(), "Көктем".into())]);
        assert_eq!(f.value("title"), Some("Көктем"));
        assert_eq!(f.value("kinds"), Some("image"));
        assert!(f.has("kinds", "pdf"));
        assert!(!f.has("kinds", "audio"));
        assert_eq!(f.value("missing"), None);
    }
}

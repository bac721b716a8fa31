//! HTTP security: cross-site request refusal, security headers with a per-request CSP
//! nonce, the client's address, and a generous per-address attempt limit.

use super::config::Config;
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use rand::RngCore as _;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// Refuses state-changing requests that a browser marks as coming from another site.
///
/// Browsers send `Sec-Fetch-Site` on every request; older ones send `Origin` on POST.
/// A request with neither comes from a non-browser client, which cannot be forged by a
/// third-party page, and is let through.
/// Largest request body accepted by server functions and forms: room for a pasted
/// megabyte, so that even absurd input gets a translated field error, not a bare 413.
pub const FORM_BODY_LIMIT: usize = 2 * 1024 * 1024;

pub async fn refuse_cross_site(State(config): State<Arc<Config>>, req: Request<Body>, next: Next) -> Response {
    if is_safe_method(req.method()) || is_same_site(&config, req.headers()) {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        (StatusCode::FORBIDDEN, "Cross-site request refused").into_response()
    }
}

fn is_safe_method(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_same_site(config: &Config, headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        None => true,
        Some(origin) => {
            let public = config.public_url.trim_end_matches('/');
            let host_origin = headers.get(header::HOST).and_then(|h| h.to_str().ok()).map(|host| {
                let scheme = if config.secure_cookies() { "https" } else { "http" };
                format!("{scheme}://{host}")
            });
            origin == public || host_origin.as_deref() == Some(origin)
        }
    }
}

/// `next` if it is a path on this site, for redirects after login or a language switch.
/// Only printable ASCII (no control character, whitespace or backslash, which browsers drop
/// or turn into `/` and so make `/<TAB>/evil.example` mean `//evil.example`), not absurdly
/// long, and still this site once parsed the way a browser parses a link.
pub fn local_path(next: &str) -> Option<&str> {
    const BASE: &str = "http://baiqau.invalid/";
    let plain = next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    if !plain || !next.starts_with('/') || next.starts_with("//") || next.len() >= 512 {
        return None;
    }
    let base = url::Url::parse(BASE).ok()?;
    let target = base.join(next).ok()?;
    (target.origin() == base.origin()).then_some(next)
}

/// The CSP nonce of the current request, for Leptos' inline scripts.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// Adds the security headers to every response, and a fresh nonce to every request.
pub async fn security_headers(mut req: Request<Body>, next: Next) -> Response {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let nonce = STANDARD.encode(bytes);
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'self'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if !h.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(v) = HeaderValue::from_str(&csp)
    {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    // A work's file may be embedded by this site's own pages (a judge's PDF): it says so.
    if !h.contains_key(header::X_FRAME_OPTIONS) {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    res
}

/// The client's address: the peer, or — only when the peer is a trusted proxy — the
/// right-most untrusted address in `X-Forwarded-For`.
pub fn client_ip(config: &Config, headers: &HeaderMap, peer: Option<IpAddr>) -> IpAddr {
    let peer = peer.unwrap_or(IpAddr::from([127, 0, 0, 1]));
    if !config.trusted_proxies.contains(&peer) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    forwarded.into_iter().rev().find(|ip| !config.trusted_proxies.contains(ip)).unwrap_or(peer)
}

/// The peer address from axum's connection info, when the server was started with it.
pub fn peer_ip(extensions: &http::Extensions) -> Option<IpAddr> {
    extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())
}

/// The window in which one address's login, registration and reset attempts are counted
/// (each kind apart: [`Attempt`]).
pub const IP_WINDOW_SECS: i64 = 600;

/// Counts a login attempt from `ip`, for every instance together (in the database);
/// `Ok(Err(seconds to wait))` once the address made more than `limit` in its ten-minute
/// window. It only has to slow down a flood; the per-account back-off protects accounts.
pub async fn hit_ip(db: &super::db::Db, ip: IpAddr, now: i64, limit: u32) -> Result<Result<(), i64>, sqlx::Error> {
    hit_attempt(db, Attempt::Login, ip, now, limit).await
}

/// What an address's attempts are counted for, each in a window of its own: a flood of
/// logins against guessed addresses leaves registering, resetting a password and accepting
/// an invitation open to everyone behind that address (a school, a library), and the other
/// way round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    Login,
    Register,
    Reset,
    Invitation,
    Confirm,
}

impl Attempt {
    fn key(self, ip: IpAddr) -> String {
        match self {
            Attempt::Login => ip.to_string(),
            Attempt::Register => format!("register {ip}"),
            Attempt::Reset => format!("reset {ip}"),
            Attempt::Invitation => format!("invitation {ip}"),
            Attempt::Confirm => format!("confirm {ip}"),
        }
    }
}

/// Counts one attempt of kind `what` from `ip` (see [`hit_ip`]).
pub async fn hit_attempt(db: &super::db::Db, what: Attempt, ip: IpAddr, now: i64, limit: u32) -> Result<Result<(), i64>, sqlx::Error> {
    hit_window(db, &what.key(ip), now, limit).await
}

/// Counts a request for a voting link (`domain::audience`) against the caller's address,
/// its network and the mailbox asked for (`voter`, hashed), each in its own window: the
/// longest wait of those exceeded.
pub async fn hit_vote(db: &super::db::Db, ip: IpAddr, voter: &str, now: i64) -> Result<Result<(), i64>, sqlx::Error> {
    use crate::domain::audience::{LINKS_PER_EMAIL, REQUESTS_PER_ADDRESS, REQUESTS_PER_NETWORK, network};
    let counted = [
        hit_window(db, &format!("vote {ip}"), now, REQUESTS_PER_ADDRESS).await?,
        hit_window(db, &format!("vote-net {}", network(ip)), now, REQUESTS_PER_NETWORK).await?,
        hit_window(db, &format!("vote-mail {voter}"), now, LINKS_PER_EMAIL).await?,
    ];
    Ok(counted.into_iter().filter_map(Result::err).max().map_or(Ok(()), Err))
}

/// Public lookups of diplomas and letters (`/verify`) one address may make in its ten-minute
/// window: a class checking its diplomas together stays far below, a scraper does not. Kept
/// apart from the login attempts, so neither uses up the other.
pub const VERIFY_LOOKUPS_PER_WINDOW: u32 = 300;

/// Counts a lookup of a document's code from `ip` (see [`VERIFY_LOOKUPS_PER_WINDOW`]).
pub async fn hit_lookup(db: &super::db::Db, ip: IpAddr, now: i64) -> Result<Result<(), i64>, sqlx::Error> {
    hit_window(db, &format!("verify {ip}"), now, VERIFY_LOOKUPS_PER_WINDOW).await
}

async fn hit_window(db: &super::db::Db, key: &str, now: i64, limit: u32) -> Result<Result<(), i64>, sqlx::Error> {
    let (start, attempts) = super::db::throttle::hit_ip(db, key, now, IP_WINDOW_SECS).await?;
    Ok(if attempts > i64::from(limit) { Err((start + IP_WINDOW_SECS - now).max(1)) } else { Ok(()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn same_site_rules() {
        let c = Config::for_data_dir("/tmp".into());
        assert!(is_same_site(&c, &headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_same_site(&c, &headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!is_same_site(&c, &headers(&[("sec-fetch-site", "same-site")])));
        assert!(is_same_site(&c, &headers(&[("origin", "http://127.0.0.1:3000")])));
        assert!(is_same_site(&c, &headers(&[("origin", "http://localhost:4000"), ("host", "localhost:4000")])));
        assert!(!is_same_site(&c, &headers(&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")])));
        assert!(is_same_site(&c, &headers(&[])));
    }

    #[test]
    fn local_path_keeps_only_paths_on_this_site() {
        assert_eq!(local_path("/contests/x?y=1#z"), Some("/contests/x?y=1#z"));
        assert_eq!(local_path("/admin/entries?q=%D3%98%D0%BB%D0%B8%D1%8F&page=2"), Some("/admin/entries?q=%D3%98%D0%BB%D0%B8%D1%8F&page=2"));
        // Browsers drop tabs and newlines from a URL and read a backslash as a slash: each
        // of these would be `//evil.example`, another site. Control characters, whitespace
        // and non-ASCII text are refused outright (a real path here is percent-encoded).
        let sneaky = [
            "https://evil.example/", "//evil.example", "/\\evil.example", "evil", "", "/\t/evil.example", "/\n/evil.example",
            "/\r/evil.example", "/ /evil.example", "/\u{0}/x", "/\u{7f}/x", "/\u{a0}/x", "/\u{2028}/x", "/\u{202e}x", "/\u{200b}/x",
            "/Әлия", "\t//evil.example", "/./\\evil.example",
        ];
        for bad in sneaky {
            assert_eq!(local_path(bad), None, "{bad}");
        }
        assert_eq!(local_path(&format!("/{}", "a".repeat(600))), None);
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxy() {
        let mut c = Config::for_data_dir("/tmp".into());
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 10.0.0.9")]);
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        assert_eq!(client_ip(&c, &h, Some(proxy)), proxy);
        c.trusted_proxies = vec![proxy];
        assert_eq!(client_ip(&c, &h, Some(proxy)), "10.0.0.9".parse::<IpAddr>().unwrap());
        c.trusted_proxies = vec![proxy, "10.0.0.9".parse().unwrap()];
        assert_eq!(client_ip(&c, &h, Some(proxy)), "1.2.3.4".parse::<IpAddr>().unwrap());
    }
}

//! What server functions need from the request: state, the caller, the language, and the
//! way to answer (status, cookies, redirects).

use crate::domain::Role;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::backend::AppState;
use crate::backend::auth::{self, CurrentAccount};
use crate::backend::security;
use http::request::Parts;
use http::{HeaderValue, StatusCode, header};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| internal("AppState missing from context"))
}

pub fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| internal("request Parts missing from context"))
}

pub use crate::error::{OrInternal, internal};

/// The caller: as the router's guard already resolved it for this request, else from the
/// session cookie.
pub async fn current_account() -> Result<Option<CurrentAccount>, AppError> {
    let state = state()?;
    let parts = parts()?;
    if let Some(me) = parts.extensions.get::<CurrentAccount>() {
        return Ok(Some(me.clone()));
    }
    auth::current_account(&state.db, &state.config, &parts.headers, state.now()).await.or_internal()
}

pub async fn require_account() -> Result<CurrentAccount, AppError> {
    current_account().await?.ok_or(AppError::Unauthorized)
}

pub async fn require_role(role: Role) -> Result<CurrentAccount, AppError> {
    let me = require_account().await?;
    if me.role != role {
        return Err(AppError::Forbidden);
    }
    me.check_two_step()?;
    Ok(me)
}

/// The caller, for judging: any account (juries are per contest), with two-step login on
/// where the installation requires it.
pub async fn require_judging_account() -> Result<CurrentAccount, AppError> {
    let me = require_account().await?;
    me.check_two_step()?;
    Ok(me)
}

/// The language of the request: the cookie, then Accept-Language where the organiser lets
/// the browser decide, then the organiser's default (`backend::identity`).
pub fn lang() -> Lang {
    use_context::<Parts>()
        .map(|p| {
            let id = p.extensions.get::<std::sync::Arc<crate::domain::identity::Identity>>().cloned().unwrap_or_default();
            crate::backend::identity::lang_of(&id, &p.headers)
        })
        .unwrap_or_default()
}

/// Counts an attempt of kind `what` (login, registration, resets, invitations) against the
/// caller's address, in that kind's own window.
pub async fn limit_attempts(what: security::Attempt) -> Result<(), AppError> {
    let (state, ip) = (state()?, caller_ip()?);
    must_wait(security::hit_attempt(&state.db, what, ip, state.now(), state.config.ip_attempts_per_window).await)
}

/// Counts a public lookup of a document's code against the caller's address.
pub async fn limit_lookups() -> Result<(), AppError> {
    let (state, ip) = (state()?, caller_ip()?);
    must_wait(security::hit_lookup(&state.db, ip, state.now()).await)
}

/// The caller's address (the peer, or what a trusted proxy says).
pub fn caller_ip() -> Result<std::net::IpAddr, AppError> {
    let (state, parts) = (state()?, parts()?);
    Ok(security::client_ip(&state.config, &parts.headers, security::peer_ip(&parts.extensions)))
}

/// An address window's answer as the caller's: go on, or wait this long.
fn must_wait(counted: Result<Result<(), i64>, sqlx::Error>) -> Result<(), AppError> {
    counted.or_internal()?.map_err(|retry_after_secs| AppError::TooManyRequests { retry_after_secs })
}

/// Finishes a login (the password, and the code where two-step login is on): a new session
/// and its cookie, and this browser remembered for the account.
pub async fn sign_in(state: &AppState, parts: &Parts, account_id: crate::domain::ids::AccountId, now: i64) -> Result<(), AppError> {
    let token = auth::start_session(&state.db, &state.config, &parts.headers, account_id, now).await.or_internal()?;
    set_cookie(&auth::session_cookie(&state.config, &token));
    set_cookie(&crate::service::accounts::remember_browser(state, &parts.headers, account_id, now).await?);
    Ok(())
}

pub fn set_cookie(value: &str) {
    if let (Some(res), Ok(v)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(value)) {
        res.append_header(header::SET_COOKIE, v);
    }
}

/// Sends the browser to `path` after success (a 302 for plain forms). A target that cannot
/// be a header value (a newline, say) would make the framework panic after the work was
/// done: it goes home instead (callers pass checked paths; this is the last guard).
pub fn redirect(path: &str) {
    if HeaderValue::from_str(path).is_ok() {
        leptos_axum::redirect(path);
    } else {
        tracing::warn!(target = %path.escape_debug(), "refused a redirect target that is not a header value");
        leptos_axum::redirect("/");
    }
}

/// Is this call a plain form post (JavaScript off), answered with a redirect?
pub fn plain_form() -> bool {
    use_context::<Parts>()
        .and_then(|p| p.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).map(|a| a.contains("text/html")))
        .unwrap_or(false)
}

/// Gives an error its HTTP status, except for plain form posts: those must stay a
/// redirect back to the form, which shows the error from the URL.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result
        && !plain_form()
        && let Some(res) = use_context::<ResponseOptions>()
    {
        set_error_status(&res, e);
    }
    result
}

/// An error's status on the response, and for "too many requests" how long to wait, for
/// clients and proxies that read it (RFC 9110). Server functions and pages alike.
pub fn set_error_status(res: &ResponseOptions, e: &AppError) {
    if let Ok(status) = StatusCode::from_u16(e.status()) {
        res.set_status(status);
    }
    if let AppError::TooManyRequests { retry_after_secs } = e
        && let Ok(v) = HeaderValue::from_str(&(*retry_after_secs).max(1).to_string())
    {
        res.insert_header(header::RETRY_AFTER, v);
    }
}

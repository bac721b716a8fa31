//! Accounts: who someone is, proven by their password.

use super::OrInternal;
use crate::backend::{AppState, db};
use crate::domain::ids::AccountId;
use crate::domain::throttle::LoginThrottle;
use crate::domain::{Email, Password};
use crate::error::AppError;
use crate::i18n::Msg;

/// The account these credentials open, behind the per-address back-off: a wrong password
/// (or an unknown address, or a disabled account: the same answer, after the same hashing
/// work) counts a failure; a right one clears them.
pub async fn check_credentials(state: &AppState, email: &Email, password: &Password, now: i64) -> Result<AccountId, AppError> {
    let throttle = db::throttle::get(&state.db, email.as_str()).await.or_internal()?;
    throttle.check(now).map_err(|retry_after_secs| AppError::TooManyRequests { retry_after_secs })?;
    let account = db::accounts::find_by_email(&state.db, email).await.or_internal()?;
    let verified = state.hasher.verify(password, account.as_ref().map(|a| a.password_hash.as_str())).await.or_internal()?;
    match account {
        Some(a) if verified && a.disabled_at.is_none() => {
            if throttle.failures > 0 {
                db::throttle::clear(&state.db, email.as_str()).await.or_internal()?;
            }
            Ok(a.account_id)
        }
        _ => {
            let t: LoginThrottle = throttle.after_failure(now);
            db::throttle::put(&state.db, email.as_str(), t, now).await.or_internal()?;
            Err(AppError::Refused(Msg::ErrInvalidCredentials))
        }
    }
}

/// The known-browser token this request carries, if it has the shape of one.
fn known_token(headers: &http::HeaderMap) -> Option<&str> {
    crate::backend::auth::read_cookie(headers, crate::backend::auth::KNOWN_COOKIE)
        .filter(|t| (20..=64).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
}

/// Whether this browser logged the account with `email` in before. When a shared address (a
/// school, a library) is over its limit of attempts, such a browser may still log that account
/// in: a flood from the address does not lock out the people behind it, and the account's own
/// back-off still holds.
pub async fn known_browser(state: &AppState, headers: &http::HeaderMap, email: &Email) -> Result<bool, AppError> {
    let Some(token) = known_token(headers) else { return Ok(false) };
    db::throttle::is_known_browser(&state.db, &crate::backend::auth::token_hash(token), email.as_str()).await.or_internal()
}

/// Remembers that this browser logged `account_id` in; the `Set-Cookie` value to send (the
/// browser's token, kept if it had one, for another year).
pub async fn remember_browser(state: &AppState, headers: &http::HeaderMap, account_id: AccountId, now: i64) -> Result<String, AppError> {
    let token = known_token(headers).map_or_else(crate::backend::auth::new_token, str::to_owned);
    db::throttle::remember_browser(&state.db, &crate::backend::auth::token_hash(&token), account_id, now).await.or_internal()?;
    Ok(crate::backend::auth::known_cookie(&state.config, &token))
}

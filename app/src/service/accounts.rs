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

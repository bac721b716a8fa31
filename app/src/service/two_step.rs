//! Two-step login: after the password, a code from an authenticator app (or a recovery
//! code). An installation may require it of admins and judges, by role or by a seat on a
//! contest's jury (`BAIQAU_STAFF_TWO_STEP`; see `CurrentAccount::two_step_required`).

use super::OrInternal;
use crate::backend::auth::{self, CurrentAccount};
use crate::backend::{AppState, db};
use crate::domain::audit::Action;
use crate::domain::ids::AccountId;
use crate::domain::totp;
use crate::error::{AppError, Field};
use crate::i18n::Msg;
use crate::view::accounts::{TwoStepSetup, TwoStepStatus};
use rand::RngCore as _;

/// How long a half-way login waits for its code.
pub const CHALLENGE_TTL: i64 = 300;
/// Wrong codes a half-way login takes before the password is asked again.
pub const CHALLENGE_TRIES: i64 = 5;
/// The cookie of a half-way login, sent only to the function that finishes it.
pub const CHALLENGE_COOKIE: &str = "baiqau_2fa";
/// The name apps show beside the codes.
const ISSUER: &str = "Baiqau";

/// What the account page says about two-step login.
pub async fn status(state: &AppState, me: &CurrentAccount) -> Result<TwoStepStatus, AppError> {
    let on = db::two_step::secret(&state.db, me.account_id).await.or_internal()?.is_some();
    let codes_left = if on { db::two_step::recovery_codes_left(&state.db, me.account_id).await.or_internal()? } else { 0 };
    Ok(TwoStepStatus { on, codes_left, required: me.two_step_required })
}

/// Starts a set-up: a new key and new recovery codes, kept until a code proves the app has
/// the key. Starting again replaces them (a page reloaded, a phone changed mid-way).
pub async fn start_setup(state: &AppState, me: &CurrentAccount, now: i64) -> Result<(), AppError> {
    let mut key = [0u8; totp::SECRET_LEN];
    rand::rng().fill_bytes(&mut key);
    let codes: Vec<String> = (0..totp::RECOVERY_CODES)
        .map(|_| {
            let mut r = [0u8; 7];
            rand::rng().fill_bytes(&mut r);
            totp::recovery_code(&r)
        })
        .collect();
    db::two_step::put_setup(&state.db, me.account_id, &totp::encode_secret(&key), &codes.join("\n"), now).await.or_internal()
}

/// The set-up under way, as its page shows it: the key as a QR code and as text, and the
/// recovery codes.
pub async fn setup(state: &AppState, me: &CurrentAccount) -> Result<Option<TwoStepSetup>, AppError> {
    let Some((secret, codes)) = db::two_step::setup(&state.db, me.account_id).await.or_internal()? else { return Ok(None) };
    let uri = totp::otpauth_uri(ISSUER, &me.email, &secret);
    Ok(Some(TwoStepSetup { secret: totp::grouped(&secret), qr_svg: super::qr_svg(&uri)?, recovery_codes: codes.lines().map(str::to_owned).collect() }))
}

/// Turns two-step login on once `typed` is the app's code for the set-up's key.
pub async fn enable(state: &AppState, me: &CurrentAccount, typed: &str, now: i64) -> Result<(), AppError> {
    let (secret, codes) = db::two_step::setup(&state.db, me.account_id).await.or_internal()?.ok_or(AppError::Refused(Msg::ErrTwoStepStartAgain))?;
    let key = totp::decode_secret(&secret).ok_or(AppError::Internal)?;
    let step = totp::parse_code(typed)
        .and_then(|code| totp::verify(&key, &code, now, None))
        .ok_or(AppError::field(Field::Code, Msg::ErrTwoStepCodeWrong))?;
    let hashes: Vec<String> = codes.lines().filter_map(totp::normalize_recovery).map(|c| auth::token_hash(&c)).collect();
    db::two_step::enable(&state.db, me.account_id, &secret, step, &hashes, now).await.or_internal()?;
    db::audit::log(&state.db, Some(me.account_id), Action::TwoStepEnable, db::audit::Subject::Account(me.account_id), "", now).await.or_internal()
}

/// Turns two-step login off with a code (from the app, or a recovery code): unless the
/// account's role requires it here.
pub async fn disable(state: &AppState, me: &CurrentAccount, typed: &str, now: i64) -> Result<(), AppError> {
    if me.two_step_required {
        return Err(AppError::Denied(Msg::ErrTwoStepRequiredForRole));
    }
    if !second_step(state, me.account_id, typed, now).await? {
        return Err(AppError::field(Field::Code, Msg::ErrTwoStepCodeWrong));
    }
    db::two_step::disable(&state.db, me.account_id, now).await.or_internal()?;
    db::audit::log(&state.db, Some(me.account_id), Action::TwoStepDisable, db::audit::Subject::Account(me.account_id), "", now).await.or_internal()
}

/// After a right password: `None` when the account has no second step (log in now), else
/// the token of a half-way login for the challenge cookie.
pub async fn begin_login(state: &AppState, account_id: AccountId, now: i64) -> Result<Option<String>, AppError> {
    if db::two_step::secret(&state.db, account_id).await.or_internal()?.is_none() {
        return Ok(None);
    }
    let token = auth::new_token();
    db::two_step::start_challenge(&state.db, &auth::token_hash(&token), account_id, now, now + CHALLENGE_TTL).await.or_internal()?;
    Ok(Some(token))
}

/// Finishes a half-way login with its code: the account, or why not (a wrong code counts;
/// the fifth ends the half-way login).
pub async fn finish_login(state: &AppState, token: Option<&str>, typed: &str, now: i64) -> Result<AccountId, AppError> {
    let token = token.filter(|t| t.len() <= 64).ok_or(AppError::Refused(Msg::ErrTwoStepStartAgain))?;
    let hash = auth::token_hash(token);
    let account_id = db::two_step::challenge(&state.db, &hash, now).await.or_internal()?.ok_or(AppError::Refused(Msg::ErrTwoStepStartAgain))?;
    if !second_step(state, account_id, typed, now).await? {
        return Err(if db::two_step::fail_challenge(&state.db, &hash, CHALLENGE_TRIES).await.or_internal()? {
            AppError::field(Field::Code, Msg::ErrTwoStepCodeWrong)
        } else {
            AppError::Refused(Msg::ErrTwoStepStartAgain)
        });
    }
    db::two_step::end_challenge(&state.db, &hash, account_id, now).await.or_internal()?;
    Ok(account_id)
}

/// Whether `typed` is this account's second step now: the app's code for this moment (not
/// used before), or an unused recovery code (used up by this).
async fn second_step(state: &AppState, account_id: AccountId, typed: &str, now: i64) -> Result<bool, AppError> {
    let Some((secret, last_step)) = db::two_step::secret(&state.db, account_id).await.or_internal()? else { return Ok(false) };
    if let Some(code) = totp::parse_code(typed) {
        let key = totp::decode_secret(&secret).ok_or(AppError::Internal)?;
        return match totp::verify(&key, &code, now, last_step) {
            Some(step) => db::two_step::use_step(&state.db, account_id, step).await.or_internal(),
            None => Ok(false),
        };
    }
    let Some(code) = totp::normalize_recovery(typed) else { return Ok(false) };
    if !db::two_step::use_recovery_code(&state.db, account_id, &auth::token_hash(&code), now).await.or_internal()? {
        return Ok(false);
    }
    db::audit::log(&state.db, Some(account_id), Action::TwoStepRecovery, db::audit::Subject::Account(account_id), "", now).await.or_internal()?;
    Ok(true)
}

/// `Set-Cookie` for a half-way login's token (or, with `None`, its removal).
pub fn challenge_cookie(state: &AppState, token: Option<&str>) -> String {
    let secure = if state.config.secure_cookies() { "; Secure" } else { "" };
    let max_age = if token.is_some() { CHALLENGE_TTL } else { 0 };
    format!("{CHALLENGE_COOKIE}={}; Path=/api/login_code; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}", token.unwrap_or(""))
}

/// Turns someone's two-step login off for them (a lost phone and lost recovery codes): by an
/// admin (`actor`), or by the operator from the command line (`None`). Their sessions end,
/// and they are told by mail, in every language, in case it was not them who asked. An
/// installation that requires it asks them to set it up again at their next login.
pub async fn reset(state: &AppState, actor: Option<AccountId>, target: AccountId, now: i64) -> Result<(), AppError> {
    use crate::i18n::{Lang, fill};
    let account = db::accounts::find(&state.db, target).await.or_internal()?.ok_or(AppError::NotFound)?;
    if !account.two_step || account.deleted_at.is_some() {
        return Err(AppError::Refused(Msg::ErrTwoStepNotOn));
    }
    let link = format!("{}/account", state.config.public_url.trim_end_matches('/'));
    let each = |m: Msg| Lang::ALL.iter().map(|l| m.text(*l)).collect::<Vec<_>>();
    let subject = each(Msg::MailTwoStepResetSubject).join(" / ");
    let body = Lang::ALL.iter().map(|l| fill(super::accounts::MailText::TwoStepResetBody.text(*l), &[("link", &link)])).collect::<Vec<_>>().join("\n\n---\n\n");
    // Its own transaction (it is one); the sessions, the mail and the log line after it.
    db::two_step::disable(&state.db, target, now).await.or_internal()?;
    let mut tx = db::write(&state.db).await.or_internal()?;
    db::sessions::delete_all_of_account(&mut tx, target, None).await.or_internal()?;
    db::outbox::enqueue(&mut tx, &account.email, &account.display_name, &subject, &body, now).await.or_internal()?;
    let detail = if actor.is_none() { "cli" } else { "" };
    db::audit::log(&mut tx, actor, Action::TwoStepReset, db::audit::Subject::Account(target), detail, now).await.or_internal()?;
    tx.commit().await.or_internal()?;
    state.mail_wakeup.notify_one();
    Ok(())
}

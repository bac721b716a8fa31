//! Accounts: who someone is, proven by their password.

use super::OrInternal;
use crate::backend::{AppState, db};
use crate::domain::ids::AccountId;
use crate::domain::throttle::LoginThrottle;
use crate::domain::{Email, Password};
use crate::error::AppError;
use crate::i18n::{Lang, Msg, fill};

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

/// How long a confirmation link works.
pub const CONFIRM_TTL: i64 = 7 * 24 * 3600;
/// The least time between two confirmation links an account asks for.
pub const CONFIRM_RESEND_SECS: i64 = 60;

/// Whom a confirmation link goes to.
pub struct Addressee<'a> {
    pub account_id: AccountId,
    pub email: &'a str,
    pub name: &'a str,
}

/// Makes a confirmation link for `to`'s address and queues the mail that carries it, in the
/// caller's transaction (the account and its mail exist together or not at all).
pub async fn queue_confirmation(state: &AppState, tx: &mut db::Tx, to: &Addressee<'_>, lang: Lang, now: i64) -> Result<(), AppError> {
    let token = crate::backend::auth::new_token();
    let link = format!("{}/email/confirm?token={token}", state.config.public_url.trim_end_matches('/'));
    let body = fill(MailText::ConfirmBody.text(lang), &[("name", to.name), ("link", &link)]);
    db::email_confirmations::insert(&mut *tx, &crate::backend::auth::token_hash(&token), to.account_id, to.email, now, now + CONFIRM_TTL)
        .await
        .or_internal()?;
    db::outbox::enqueue(&mut *tx, to.email, to.name, Msg::MailConfirmSubject.text(lang), &body, now).await.or_internal()?;
    Ok(())
}

/// Sends `me` a new link, unless one went out less than a minute ago (then: try again in
/// the rest of that minute).
pub async fn resend_confirmation(state: &AppState, me: &crate::backend::auth::CurrentAccount, lang: Lang, now: i64) -> Result<(), AppError> {
    let mut tx = db::write(&state.db).await.or_internal()?;
    if let Some(last) = db::email_confirmations::last_sent(&mut tx, me.account_id).await.or_internal()?
        && now < last + CONFIRM_RESEND_SECS
    {
        return Err(AppError::TooManyRequests { retry_after_secs: last + CONFIRM_RESEND_SECS - now });
    }
    let to = Addressee { account_id: me.account_id, email: &me.email, name: &me.display_name };
    queue_confirmation(state, &mut tx, &to, lang, now).await?;
    tx.commit().await.or_internal()?;
    state.mail_wakeup.notify_one();
    Ok(())
}

/// Uses a confirmation link; the account whose address it confirmed.
pub async fn confirm(state: &AppState, token: &str, now: i64) -> Result<AccountId, AppError> {
    if token.len() > 64 {
        return Err(AppError::Refused(Msg::ErrConfirmLinkInvalid));
    }
    let hash = crate::backend::auth::token_hash(token);
    let account_id = db::email_confirmations::take(&state.db, &hash, now)
        .await
        .or_internal()?
        .ok_or(AppError::Refused(Msg::ErrConfirmLinkInvalid))?;
    let subject = db::audit::Subject::Account(account_id);
    db::audit::log(&state.db, Some(account_id), crate::domain::audit::Action::EmailConfirm, subject, "", now).await.or_internal()?;
    Ok(account_id)
}

crate::server_texts! {
    /// The bodies of mails about accounts: written by the server only, so they stay out of
    /// the WASM (every `Msg` is in it).
    pub enum MailText {
        ConfirmBody { kk: "Сәлеметсіз бе, {name}!\n\nБайқауда тіркелгеніңіз үшін рахмет. Поштаны растау үшін мына сілтемені ашыңыз (7 күн жарамды):\n{link}\n\nЕгер сіз тіркелмеген болсаңыз, бұл хатқа мән бермеңіз.", ru: "Здравствуйте, {name}!\n\nСпасибо за регистрацию в Байқау. Чтобы подтвердить почту, откройте ссылку (действует 7 дней):\n{link}\n\nЕсли вы не регистрировались, просто проигнорируйте это письмо.", en: "Hello {name},\n\nThank you for registering with Baiqau. To confirm your email, open this link (valid for 7 days):\n{link}\n\nIf you did not register, you can ignore this email." }
        TwoStepResetBody { kk: "Сәлеметсіз бе!\n\nӘкімші сіздің тіркелгіңізде екі қадамды кіруді өшірді, барлық сеанстар аяқталды. Енді құпиясөзбен кіресіз; оны қайта қосу үшін: {link}\n\nЕгер мұны сұрамаған болсаңыз, байқау ұйымдастырушысына бірден хабарласыңыз.", ru: "Здравствуйте!\n\nАдминистратор отключил двухэтапный вход в вашей учётной записи, все сеансы завершены. Теперь вход по паролю; чтобы включить его снова: {link}\n\nЕсли вы об этом не просили, сразу свяжитесь с организатором конкурса.", en: "Hello,\n\nAn administrator turned two-step login off on your account and ended all its sessions. You now log in with your password; to turn it on again: {link}\n\nIf you did not ask for this, contact the contest's organiser at once." }
    }
}

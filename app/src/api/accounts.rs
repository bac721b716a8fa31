//! Registration, login, logout, passwords, sessions, and admin management of accounts.

use crate::domain::ids::AccountId;
pub use crate::view::accounts::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::domain::audit::Action,
    crate::domain::Role,
    super::ctx::{self, OrInternal, internal},
    crate::domain::{DisplayName, Email, Password, account},
    crate::error::{Checker, Field},
    crate::i18n::{Msg, fill},
    crate::backend::{auth, db, security::Attempt},
};

/// How long a password-reset link works.
#[cfg(feature = "ssr")]
const RESET_TTL: i64 = 3600;

#[server(prefix = "/api", endpoint = "me")]
pub async fn me() -> Result<Option<Viewer>, AppError> {
    ctx::respond(
        ctx::current_account()
            .await
            .map(|a| a.map(|a| Viewer { staff: a.staff, display_name: a.display_name, email: a.email, role: a.role, email_confirmed: a.email_confirmed })),
    )
}

#[server(prefix = "/api", endpoint = "register")]
pub async fn register(email: String, display_name: String, password: String, #[server(default)] next: Option<String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            ctx::limit_attempts(Attempt::Register).await?;
            let state = ctx::state()?;
            let mut c = Checker::default();
            let email = c.check(Field::Email, Email::parse(&email));
            let name = c.check(Field::DisplayName, DisplayName::parse_own(&display_name));
            let password = c.check(Field::Password, Password::parse(password));
            c.finish()?;
            let (Some(email), Some(name), Some(password)) = (email, name, password) else {
                return Err(AppError::BadRequest);
            };
            let hash = state.hasher.hash(&password).await.or_internal()?;
            let now = state.now();
            let mut tx = db::write(&state.db).await.or_internal()?;
            let account_id = match db::accounts::insert(&mut tx, &email, name.as_str(), &hash, Role::Entrant, false, now).await {
                Ok(id) => id,
                Err(db::accounts::InsertAccountError::EmailTaken) => {
                    return Err(AppError::field(Field::Email, Msg::ErrEmailTaken));
                }
                Err(db::accounts::InsertAccountError::Db(e)) => return Err(internal(e)),
            };
            let to = crate::service::accounts::Addressee { account_id, email: email.as_str(), name: name.as_str() };
            crate::service::accounts::queue_confirmation(&state, &mut tx, &to, ctx::lang(), now).await?;
            tx.commit().await.or_internal()?;
            state.mail_wakeup.notify_one();
            let parts = ctx::parts()?;
            let token = auth::start_session(&state.db, &state.config, &parts.headers, account_id, now).await.or_internal()?;
            ctx::set_cookie(&auth::session_cookie(&state.config, &token));
            tracing::info!(account_id = account_id.0, "account registered");
            ctx::redirect(next.as_deref().and_then(crate::backend::security::local_path).unwrap_or("/account"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let flood = ctx::limit_attempts(Attempt::Login).await.err();
            let state = ctx::state()?;
            let parts = ctx::parts()?;
            let mut c = Checker::default();
            let email = c.check(Field::Email, Email::parse(&email));
            let password = c.check(Field::Password, Password::parse_for_login(password));
            // Over the address's limit, only a browser this account logged in from goes on.
            if let Some(refused) = flood {
                let known = match &email {
                    Some(email) => crate::service::accounts::known_browser(&state, &parts.headers, email).await?,
                    None => false,
                };
                if !known {
                    return Err(refused);
                }
            }
            c.finish()?;
            let (Some(email), Some(password)) = (email, password) else { return Err(AppError::BadRequest) };
            let now = state.now();
            let account_id = crate::service::accounts::check_credentials(&state, &email, &password, now).await?;
            // With two-step login on, the password opens only the page that asks for the code.
            if let Some(challenge) = crate::service::two_step::begin_login(&state, account_id, now).await? {
                ctx::set_cookie(&crate::service::two_step::challenge_cookie(&state, Some(&challenge)));
                let back = next.as_deref().and_then(crate::backend::security::local_path).unwrap_or("");
                ctx::redirect(&format!("/login/code{}", crate::pages::next_query(back)));
                return Ok(());
            }
            ctx::sign_in(&state, &parts, account_id, now).await?;
            ctx::redirect(next.as_deref().and_then(crate::backend::security::local_path).unwrap_or("/account"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    ctx::respond(
        async move {
            let state = ctx::state()?;
            let parts = ctx::parts()?;
            if let Some(token) = auth::read_cookie(&parts.headers, auth::cookie_name(&state.config)) {
                db::sessions::delete_by_hash(&state.db, &auth::token_hash(token)).await.or_internal()?;
            }
            ctx::set_cookie(&auth::clear_session_cookie(&state.config));
            ctx::redirect("/");
            Ok(())
        }
        .await,
    )
}

/// What the account page says of the caller's data: how long it is kept, and whether the
/// caller may delete the account themselves.
#[server(prefix = "/api", endpoint = "get_privacy_info")]
pub async fn get_privacy_info() -> Result<PrivacyInfo, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let retention_years = match state.config.retention {
                crate::domain::privacy::Retention::Years(y) => Some(y),
                crate::domain::privacy::Retention::Forever => None,
            };
            let staff = db::privacy::is_staff(&state.db, me.account_id).await.or_internal()?;
            Ok(PrivacyInfo { retention_years, staff })
        }
        .await,
    )
}

/// Deletes the caller's own account, proven by the password and a ticked box; see
/// `service::privacy::delete_account`. Logs out and goes to the home page.
#[server(prefix = "/api", endpoint = "delete_account")]
pub async fn delete_account(current_password: String, #[server(default)] understood: Option<String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let password = Password::parse_for_login(current_password).map_err(|m| AppError::field(Field::CurrentPassword, m.into()))?;
            let understood = understood.is_some_and(|v| !v.is_empty());
            crate::service::privacy::delete_account(&state, &me, password, understood, state.now()).await?;
            ctx::set_cookie(&auth::clear_session_cookie(&state.config));
            ctx::redirect("/?deleted=1");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let mut c = Checker::default();
            let current = c.check(Field::CurrentPassword, Password::parse_for_login(current_password));
            let new = c.check(Field::NewPassword, Password::parse(new_password));
            c.finish()?;
            let (Some(current), Some(new)) = (current, new) else { return Err(AppError::BadRequest) };
            let account = db::accounts::find(&state.db, me.account_id).await.or_internal()?.ok_or(AppError::Unauthorized)?;
            if !state.hasher.verify(&current, Some(&account.password_hash)).await.or_internal()? {
                return Err(AppError::field(Field::CurrentPassword, Msg::ErrWrongCurrentPassword));
            }
            let hash = state.hasher.hash(&new).await.or_internal()?;
            let now = state.now();
            db::accounts::set_password(&state.db, me.account_id, &hash, now).await.or_internal()?;
            db::password_resets::revoke_all_of_account(&state.db, me.account_id, now).await.or_internal()?;
            let ended = db::sessions::delete_all_of_account(&state.db, me.account_id, Some(me.session_id))
                .await
                .or_internal()?;
            db::audit::log(&state.db, Some(me.account_id), Action::PasswordChange, db::audit::Subject::Account(me.account_id), &format!("sessions ended: {ended}"), now)
                .await
                .or_internal()?;
            ctx::redirect("/account?changed=1");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "list_sessions")]
pub async fn list_sessions() -> Result<Vec<SessionInfo>, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let rows = db::sessions::list_of_account(&state.db, me.account_id).await.or_internal()?;
            Ok(rows
                .into_iter()
                .map(|r| SessionInfo {
                    session_id: r.session_id,
                    created_at: r.created_at,
                    last_seen_at: r.last_seen_at,
                    user_agent: r.user_agent,
                    current: r.session_id == me.session_id,
                })
                .collect())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "revoke_session")]
pub async fn revoke_session(session_id: i64) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            if !db::sessions::delete_of_account(&state.db, me.account_id, session_id).await.or_internal()? {
                return Err(AppError::NotFound);
            }
            ctx::redirect(if session_id == me.session_id { "/" } else { "/account?revoked=1" });
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            ctx::limit_attempts(Attempt::Reset).await?;
            let state = ctx::state()?;
            let email = Email::parse(&email).map_err(|e| AppError::field(Field::Email, e.into()))?;
            let now = state.now();
            if let Some(account) = db::accounts::find_by_email(&state.db, &email).await.or_internal()?
                && account.disabled_at.is_none()
            {
                let token = auth::new_token();
                let lang = ctx::lang();
                let link = format!("{}/password/reset?token={token}", state.config.public_url.trim_end_matches('/'));
                let body = fill(Msg::MailResetBody.text(lang), &[("name", &account.display_name), ("link", &link)]);
                let mut tx = db::write(&state.db).await.or_internal()?;
                db::password_resets::insert(&mut tx, &auth::token_hash(&token), account.account_id, now, now + RESET_TTL)
                    .await
                    .or_internal()?;
                db::outbox::enqueue(&mut tx, &account.email, &account.display_name, Msg::MailResetSubject.text(lang), &body, now)
                    .await
                    .or_internal()?;
                tx.commit().await.or_internal()?;
                state.mail_wakeup.notify_one();
            }
            ctx::redirect("/password/forgot?sent=1");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            ctx::limit_attempts(Attempt::Reset).await?;
            let state = ctx::state()?;
            let password = Password::parse(new_password).map_err(|e| AppError::field(Field::NewPassword, e.into()))?;
            if token.len() > 64 {
                return Err(AppError::Refused(Msg::ErrResetLinkInvalid));
            }
            let hash = state.hasher.hash(&password).await.or_internal()?;
            let now = state.now();
            let account_id = db::password_resets::take(&state.db, &auth::token_hash(&token), now)
                .await
                .or_internal()?
                .ok_or(AppError::Refused(Msg::ErrResetLinkInvalid))?;
            db::accounts::set_password(&state.db, account_id, &hash, now).await.or_internal()?;
            // The link came to the account's address: it is proven.
            db::accounts::confirm_email(&state.db, account_id, now).await.or_internal()?;
            db::password_resets::revoke_all_of_account(&state.db, account_id, now).await.or_internal()?;
            db::sessions::delete_all_of_account(&state.db, account_id, None).await.or_internal()?;
            if let Some(a) = db::accounts::find(&state.db, account_id).await.or_internal()? {
                db::throttle::clear(&state.db, &a.email).await.or_internal()?;
            }
            db::audit::log(&state.db, Some(account_id), Action::PasswordReset, db::audit::Subject::Account(account_id), "", now)
                .await
                .or_internal()?;
            ctx::redirect("/login?reset=1");
            Ok(())
        }
        .await,
    )
}

/// Uses a confirmation link: the address it was sent to is confirmed, whoever opens it (a
/// parent may open the mail on another device than the one that registered).
#[server(prefix = "/api", endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            ctx::limit_attempts(Attempt::Confirm).await?;
            let state = ctx::state()?;
            let now = state.now();
            let account_id = crate::service::accounts::confirm(&state, &token, now).await?;
            let signed_in = ctx::current_account().await?.is_some_and(|me| me.account_id == account_id);
            ctx::redirect(if signed_in { "/account?confirmed=1" } else { "/login?confirmed=1" });
            Ok(())
        }
        .await,
    )
}

/// Sends the signed-in account a new confirmation link (at most one a minute).
#[server(prefix = "/api", endpoint = "resend_confirmation")]
pub async fn resend_confirmation() -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            if !me.email_confirmed {
                crate::service::accounts::resend_confirmation(&state, &me, ctx::lang(), state.now()).await?;
            }
            ctx::redirect("/account?sent=1");
            Ok(())
        }
        .await,
    )
}

/// One screen of the audit log with the filter's fields as the page's link carries them
/// (each may be empty); `before` pages back.
#[server(prefix = "/api", endpoint = "admin_audit_log")]
pub async fn admin_audit_log(actor: String, contest: String, action: String, from: String, until: String, before: String) -> Result<crate::view::audit::AuditPage, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let text = crate::service::audit::FilterText { actor: &actor, contest: &contest, action: &action, from: &from, until: &until, before: &before };
            let filter = crate::service::audit::filter_for(&state, &me, &text).await?;
            crate::service::audit::page(&state, &filter, me.role == Role::Admin).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_list_accounts")]
pub async fn admin_list_accounts() -> Result<Vec<AccountInfo>, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_role(Role::Admin).await?;
            let state = ctx::state()?;
            let rows = db::accounts::list(&state.db).await.or_internal()?;
            Ok(rows
                .into_iter()
                .map(|r| AccountInfo {
                    role: r.role(),
                    disabled: r.disabled_at.is_some(),
                    is_me: r.account_id == me.account_id,
                    two_step: r.two_step,
                    deleted: r.deleted_at.is_some(),
                    account_id: r.account_id,
                    email: r.email,
                    display_name: r.display_name,
                    created_at: r.created_at,
                })
                .collect())
        }
        .await,
    )
}

/// An admin turns someone's two-step login off (a lost phone and lost recovery codes): see
/// `service::two_step::reset`.
#[server(prefix = "/api", endpoint = "admin_reset_two_step")]
pub async fn admin_reset_two_step(account_id: AccountId) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_role(Role::Admin).await?;
            let state = ctx::state()?;
            account::check_account_change(me.role, me.account_id, account_id).map_err(|_| AppError::Refused(Msg::ErrSelfChange))?;
            crate::service::two_step::reset(&state, Some(me.account_id), account_id, state.now()).await?;
            ctx::redirect("/admin/accounts?updated=1");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_set_role")]
pub async fn admin_set_role(account_id: AccountId, role: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_role(Role::Admin).await?;
            let state = ctx::state()?;
            let role = Role::parse(&role).ok_or(AppError::field(Field::Role, Msg::ErrBadRequest))?;
            account::check_account_change(me.role, me.account_id, account_id)
                .map_err(|_| AppError::Refused(Msg::ErrSelfChange))?;
            let target = db::accounts::find(&state.db, account_id).await.or_internal()?.ok_or(AppError::NotFound)?;
            if role != Role::Entrant && target.email_confirmed_at.is_none() {
                return Err(AppError::Refused(Msg::ErrRoleNeedsConfirmedEmail));
            }
            let now = state.now();
            if !db::accounts::set_role(&state.db, account_id, role, now).await.or_internal()? {
                return Err(AppError::NotFound);
            }
            db::audit::log(&state.db, Some(me.account_id), Action::AccountRole, db::audit::Subject::Account(account_id), role.as_str(), now)
                .await
                .or_internal()?;
            ctx::redirect("/admin/accounts?updated=1");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_set_disabled")]
pub async fn admin_set_disabled(account_id: AccountId, disabled: bool) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_role(Role::Admin).await?;
            let state = ctx::state()?;
            account::check_account_change(me.role, me.account_id, account_id)
                .map_err(|_| AppError::Refused(Msg::ErrSelfChange))?;
            let now = state.now();
            if !db::accounts::set_disabled(&state.db, account_id, disabled, now).await.or_internal()? {
                return Err(AppError::NotFound);
            }
            let action = if disabled { Action::AccountDisable } else { Action::AccountEnable };
            db::audit::log(&state.db, Some(me.account_id), action, db::audit::Subject::Account(account_id), "", now)
                .await
                .or_internal()?;
            ctx::redirect("/admin/accounts?updated=1");
            Ok(())
        }
        .await,
    )
}

/// What waits for the signed-in person (the account page, where logging in lands).
#[server(prefix = "/api", endpoint = "next_steps")]
pub async fn next_steps() -> Result<Steps, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            crate::service::steps::next_steps(&state, &me).await
        }
        .await,
    )
}

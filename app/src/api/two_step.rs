//! Two-step login: turning it on and off, and the login's second step.

pub use crate::view::accounts::{TwoStepSetup, TwoStepStatus};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::ctx, crate::backend::auth, crate::service::two_step as service};

#[server(prefix = "/api", endpoint = "two_step_status")]
pub async fn get_two_step_status() -> Result<TwoStepStatus, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            service::status(&ctx::state()?, &me).await
        }
        .await,
    )
}

/// The set-up under way, if one is.
#[server(prefix = "/api", endpoint = "two_step_setup")]
pub async fn get_two_step_setup() -> Result<Option<TwoStepSetup>, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            service::setup(&ctx::state()?, &me).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "start_two_step")]
pub async fn start_two_step() -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            service::start_setup(&state, &me, state.now()).await?;
            ctx::redirect("/account/two-step");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "enable_two_step")]
pub async fn enable_two_step(code: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            service::enable(&state, &me, &code, state.now()).await?;
            ctx::redirect("/account?two_step=on");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "disable_two_step")]
pub async fn disable_two_step(code: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            service::disable(&state, &me, &code, state.now()).await?;
            ctx::redirect("/account?two_step=off");
            Ok(())
        }
        .await,
    )
}

/// The second step of a login: the half-way login's cookie and a code open the session.
#[server(prefix = "/api", endpoint = "login_code")]
pub async fn login_code(code: String, #[server(default)] next: Option<String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            ctx::limit_attempts(crate::backend::security::Attempt::Login).await?;
            let state = ctx::state()?;
            let parts = ctx::parts()?;
            let now = state.now();
            let token = auth::read_cookie(&parts.headers, service::CHALLENGE_COOKIE);
            let account_id = service::finish_login(&state, token, &code, now).await?;
            ctx::set_cookie(&service::challenge_cookie(&state, None));
            ctx::sign_in(&state, &parts, account_id, now).await?;
            ctx::redirect(next.as_deref().and_then(crate::backend::security::local_path).unwrap_or("/account"));
            Ok(())
        }
        .await,
    )
}

//! Telegram on the account page: what is linked, a code to link a chat, unlinking.

pub use crate::view::accounts::TelegramStatus;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::ctx, crate::service::telegram as service};

/// None when this installation has no bot.
#[server(prefix = "/api", endpoint = "telegram_status")]
pub async fn get_telegram_status() -> Result<Option<TelegramStatus>, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            service::status(&state, &me, state.now()).await
        }
        .await,
    )
}

/// A new one-time code to send the bot (shown on the account page).
#[server(prefix = "/api", endpoint = "telegram_link")]
pub async fn telegram_link() -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            service::new_code(&state, &me, state.now()).await?;
            ctx::redirect("/account#telegram");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "telegram_unlink")]
pub async fn telegram_unlink() -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            service::unlink(&state, &me, state.now()).await?;
            ctx::redirect("/account?telegram=off#telegram");
            Ok(())
        }
        .await,
    )
}

//! The organiser's identity: read and saved by site admins (the logo is a multipart form
//! of its own, `POST /admin/identity/logo`).

use crate::error::AppError;
pub use crate::view::identity::IdentitySettings;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {super::ctx, crate::backend::db, crate::domain::Role, crate::error::OrInternal};

#[server(prefix = "/api", endpoint = "admin_identity")]
pub async fn admin_identity() -> Result<IdentitySettings, AppError> {
    ctx::respond(
        async move {
            ctx::require_role(Role::Admin).await?;
            let state = ctx::state()?;
            let id = db::identity::get(&state.db).await.or_internal()?;
            Ok(IdentitySettings {
                names: id.names.clone(),
                main: id.main.hex(),
                accent: id.accent.hex(),
                default_lang: id.default_lang.code().to_owned(),
                browser_lang: id.browser_lang,
                logo: id.logo.map(|name| format!("/brand/{name}")),
            })
        }
        .await,
    )
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityForm {
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub main_colour: String,
    pub accent_colour: String,
    pub default_lang: String,
    #[serde(default)]
    pub browser_lang: Option<String>,
}

#[server(prefix = "/api", endpoint = "admin_save_identity")]
pub async fn admin_save_identity(#[server(flatten)] form: IdentityForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_role(Role::Admin).await?;
            let state = ctx::state()?;
            let input = crate::service::identity::IdentityInput {
                names: [&form.name_kk, &form.name_ru, &form.name_en],
                main: &form.main_colour,
                accent: &form.accent_colour,
                default_lang: &form.default_lang,
                browser_lang: form.browser_lang.is_some(),
            };
            crate::service::identity::save(&state, me.account_id, input).await?;
            ctx::redirect("/admin/identity?saved=identity");
            Ok(())
        }
        .await,
    )
}

//! Organisations (site administrators) and a contest's staff (its organisation's admins):
//! plain forms that work without JavaScript. Who may do what is decided in
//! `service::access`.

pub use crate::view::staff::*;
use crate::domain::contest::LocalText;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {super::ctx, crate::service::access};

/// What the new-contest form offers the caller: whether they may create one at all, and the
/// organisations they may create it in (a site administrator may also leave it to the host).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewContestChoices {
    pub may_create: bool,
    pub host: bool,
    pub organisations: Vec<(String, LocalText)>,
}

#[server(prefix = "/api", endpoint = "admin_new_contest_choices")]
pub async fn admin_new_contest_choices() -> Result<NewContestChoices, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            access::require_staff(&me)?;
            let host = me.role == crate::domain::Role::Admin;
            let organisations = access::organisations_for(&state, &me).await?;
            Ok(NewContestChoices { may_create: host || !organisations.is_empty(), host, organisations })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_organisations")]
pub async fn admin_organisations() -> Result<OrganisationsPage, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            access::organisations_page(&ctx::state()?, &me).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_create_organisation")]
pub async fn admin_create_organisation(name_kk: String, name_ru: String, name_en: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let name = LocalText::new(Some(name_kk), Some(name_ru), Some(name_en));
            let id = access::create_organisation(&ctx::state()?, &me, name).await?;
            ctx::redirect(&format!("/admin/organisations?saved={id}#org-{id}"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_rename_organisation")]
pub async fn admin_rename_organisation(organisation: String, new_kk: String, new_ru: String, new_en: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let name = LocalText::new(Some(new_kk), Some(new_ru), Some(new_en));
            access::rename_organisation(&ctx::state()?, &me, &organisation, name).await?;
            ctx::redirect(&format!("/admin/organisations?saved={organisation}#org-{organisation}"));
            Ok(())
        }
        .await,
    )
}

/// Deletes an organisation that holds no contest.
#[server(prefix = "/api", endpoint = "admin_delete_organisation")]
pub async fn admin_delete_organisation(organisation: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            access::delete_organisation(&ctx::state()?, &me, &organisation).await?;
            ctx::redirect("/admin/organisations?deleted=1");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_add_organisation_admin")]
pub async fn admin_add_organisation_admin(organisation: String, email: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            access::add_organisation_admin(&ctx::state()?, &me, &organisation, &email).await?;
            ctx::redirect(&format!("/admin/organisations?saved={organisation}#org-{organisation}"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_remove_organisation_admin")]
pub async fn admin_remove_organisation_admin(organisation: String, account: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            access::require_site_admin(&me)?;
            let account = crate::service::parse_id(&account)?;
            access::remove_organisation_admin(&ctx::state()?, &me, &organisation, account).await?;
            ctx::redirect(&format!("/admin/organisations?saved={organisation}#org-{organisation}"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_contest_staff")]
pub async fn admin_contest_staff(contest: String) -> Result<StaffPanel, AppError> {
    ctx::respond(
        async move {
            let (me, state, c, standing) = super::contests::admin_contest_standing(&contest, crate::domain::access::Power::See).await?;
            access::staff_panel(&state, &me, &c, standing).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_grant_staff")]
pub async fn admin_grant_staff(contest: String, email: String, role: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let c = access::grant_staff(&ctx::state()?, &me, &contest, &email, &role).await?;
            ctx::redirect(&super::contests::editor_url(&c.public_id, "staff"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_revoke_staff")]
pub async fn admin_revoke_staff(contest: String, account: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            access::contest(&state, &me, &contest, crate::domain::access::Power::Staff).await?;
            let account = crate::service::parse_id(&account)?;
            let c = access::revoke_staff(&state, &me, &contest, account).await?;
            ctx::redirect(&super::contests::editor_url(&c.public_id, "staff"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_move_contest")]
pub async fn admin_move_contest(contest: String, organisation: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let c = access::move_contest(&ctx::state()?, &me, &contest, &organisation).await?;
            ctx::redirect(&super::contests::editor_url(&c.public_id, "staff"));
            Ok(())
        }
        .await,
    )
}

//! The public gallery (`service::gallery`): its pages for anyone, the entrant's consent to
//! publication, the organisers' setting of when it opens.

use crate::error::AppError;
use crate::view::gallery::{GalleryPage, GalleryWorkPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::ctx,
    crate::backend::db::{self, contests::ContestRow},
    crate::domain::access::Power,
    crate::service::OrInternal,
};

/// A contest by its id or its readable address (current or old).
#[cfg(feature = "ssr")]
pub(crate) async fn contest_at(key: &str) -> Result<(crate::backend::AppState, ContestRow), AppError> {
    let state = ctx::state()?;
    let c = match db::contests::find(&state.db, key).await.or_internal()? {
        Some(c) => c,
        None => db::contests::find_by_address(&state.db, &key.to_ascii_lowercase()).await.or_internal()?.ok_or(AppError::NotFound)?,
    };
    Ok((state, c))
}

/// A page of the gallery: `nomination`, `age` and `award` filter it (empty: all), `page`
/// is 1-based.
#[server(prefix = "/api", endpoint = "get_gallery")]
pub async fn get_gallery(
    contest: String,
    #[server(default)] nomination: String,
    #[server(default)] age: String,
    #[server(default)] award: String,
    #[server(default)] page: String,
) -> Result<GalleryPage, AppError> {
    ctx::respond(
        async move {
            let (state, c) = contest_at(&contest).await?;
            let filter = crate::domain::gallery::Filter::parse(&nomination, &age, &award);
            let mut out = crate::service::gallery::page(&state, &c, filter, page.trim().parse().unwrap_or(1)).await?;
            if out.open {
                (out.vote, out.audience) = crate::service::audience::on_gallery(&state, &c, &mut out.works, true).await?;
            }
            Ok(out)
        }
        .await,
    )
}

/// One work of the gallery, by its number in the contest.
#[server(prefix = "/api", endpoint = "get_gallery_work")]
pub async fn get_gallery_work(contest: String, no: String) -> Result<GalleryWorkPage, AppError> {
    ctx::respond(
        async move {
            let (state, c) = contest_at(&contest).await?;
            let no = no.trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
            let mut out = crate::service::gallery::work(&state, &c, no).await?;
            (out.vote, _) = crate::service::audience::on_gallery(&state, &c, std::slice::from_mut(&mut out.work), false).await?;
            Ok(out)
        }
        .await,
    )
}

/// The entrant gives (`choice` = `yes`) or takes back (`no`) the consent to show their
/// work in the gallery.
#[server(prefix = "/api", endpoint = "set_publication")]
pub async fn set_publication(id: String, choice: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            crate::service::gallery::set_consent(&state, &me, &id, &choice, false).await?;
            ctx::redirect(&format!("/entries/{}?saved=1#publication", id.trim()));
            Ok(())
        }
        .await,
    )
}

/// When the gallery opens: `gallery` is `off`, `results` or `date` (then `opens_at`, the
/// contest's local time).
#[server(prefix = "/api", endpoint = "admin_gallery_settings")]
pub async fn admin_gallery_settings(contest: String, gallery: String, #[server(default)] opens_at: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = super::contests::admin_contest(&contest, Power::Results).await?;
            crate::service::gallery::settings(&state, &me, &c, &gallery, &opens_at).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?saved=gallery#gallery", c.public_id));
            Ok(())
        }
        .await,
    )
}

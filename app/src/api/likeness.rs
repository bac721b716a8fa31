//! Near-duplicate works (`service::likeness`): the review page's data and the verdicts.
//! Staff with the power `Entries` only; judges are never shown a pair.

use crate::error::AppError;
use crate::view::likeness::LikenessPage;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::ctx, crate::domain::access::Power};

#[server(prefix = "/api", endpoint = "admin_likeness")]
pub async fn admin_likeness(contest: String) -> Result<LikenessPage, AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = super::contests::admin_contest(&contest, Power::Entries).await?;
            crate::service::likeness::page(&state, &me, &c).await
        }
        .await,
    )
}

/// The verdict on the pair `a` (a work of `contest`) and `b`: `verdict` is `fine` or the
/// public id of the work of this contest to disqualify; `reason` is kept either way.
#[server(prefix = "/api", endpoint = "admin_decide_likeness")]
pub async fn admin_decide_likeness(contest: String, a: String, b: String, verdict: String, reason: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = super::contests::admin_contest(&contest, Power::Entries).await?;
            crate::service::likeness::decide(&state, &me, &c, (&a, &b), &verdict, &reason).await?;
            ctx::redirect(&format!("/admin/contests/{}/duplicates?saved=1#pair-{}-{}", c.public_id, a.trim(), b.trim()));
            Ok(())
        }
        .await,
    )
}

//! Appeals against published results: the entrant files one; an admin gives it to a judge
//! for a blind re-review and decides it (`service::appeals`).

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::ctx, crate::domain::access::Power, crate::domain::ids::AccountId};

/// The entrant's appeal on their own entry's published result.
#[server(prefix = "/api", endpoint = "file_appeal")]
pub async fn file_appeal(entry: String, reason: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let id = crate::service::appeals::file(&state, &me, &entry, &reason, ctx::lang()).await?;
            ctx::redirect(&format!("/entries/{id}?appealed=1#appeal"));
            Ok(())
        }
        .await,
    )
}

/// Gives an appeal to a judge (by account id) who did not score the work.
#[server(prefix = "/api", endpoint = "admin_assign_appeal")]
pub async fn admin_assign_appeal(contest: String, entry: String, judge: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = super::contests::admin_contest(&contest, Power::Jury).await?;
            let judge = AccountId(judge.trim().parse().map_err(|_| AppError::field(crate::error::Field::Judge, crate::i18n::Msg::ErrChooseOption))?);
            crate::service::appeals::assign(&state, &me, &c, &entry, judge).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?saved=appeal#appeals", c.public_id));
            Ok(())
        }
        .await,
    )
}

/// Decides an appeal: `verdict` is `upheld` (the results are published again, corrected) or
/// `rejected`, with the reply the entrant reads.
#[server(prefix = "/api", endpoint = "admin_decide_appeal")]
pub async fn admin_decide_appeal(contest: String, entry: String, verdict: String, reply: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = super::contests::admin_contest(&contest, Power::Results).await?;
            crate::service::appeals::decide(&state, &me, &c, &entry, &verdict, &reply).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?saved=appeal#appeals", c.public_id));
            Ok(())
        }
        .await,
    )
}

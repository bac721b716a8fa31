//! The audience award (`service::audience`): asking to vote for a gallery work and
//! confirming by the mailed link (anyone), and the organisers' window, review, voiding
//! and publication (the power `Results`).

use crate::error::AppError;
use crate::view::audience::{AudienceReview, BallotView};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::ctx, crate::domain::access::Power};

/// Asks to vote for work `no` of the contest: a one-time link goes to `email`.
#[server(prefix = "/api", endpoint = "request_vote")]
pub async fn request_vote(contest: String, no: String, email: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (state, c) = super::gallery::contest_at(&contest).await?;
            let no = no.trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
            crate::service::audience::request(&state, &c, no, &email, ctx::caller_ip()?).await?;
            ctx::redirect(&format!("/contests/{}/gallery/{no}?vote=sent#vote", c.slug.clone().unwrap_or_else(|| c.public_id.clone())));
            Ok(())
        }
        .await,
    )
}

/// What a voting link's page shows.
#[server(prefix = "/api", endpoint = "get_ballot")]
pub async fn get_ballot(#[server(default)] token: String) -> Result<BallotView, AppError> {
    ctx::respond(async move { crate::service::audience::ballot(&ctx::state()?, &token).await }.await)
}

/// Confirms the vote of a voting link; the work's page then says it is counted.
#[server(prefix = "/api", endpoint = "confirm_vote")]
pub async fn confirm_vote(token: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (contest, no) = crate::service::audience::confirm(&ctx::state()?, &token, ctx::caller_ip()?).await?;
            ctx::redirect(&format!("/contests/{contest}/gallery/{no}?vote=counted#vote"));
            Ok(())
        }
        .await,
    )
}

/// The organisers' review of the audience vote.
#[server(prefix = "/api", endpoint = "admin_audience")]
pub async fn admin_audience(contest: String) -> Result<AudienceReview, AppError> {
    ctx::respond(
        async move {
            let (_, state, c) = super::contests::admin_contest(&contest, Power::Results).await?;
            crate::service::audience::review(&state, &c).await
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn back(contest: &str, section: &str) -> String {
    format!("/admin/contests/{contest}/audience?saved={section}#{section}")
}

/// Sets the vote window (`vote` = `on`; the contest's local time) and whether counts show
/// while it is open (`count`: `hidden` or `rounded`), or removes it (`off`).
#[server(prefix = "/api", endpoint = "admin_audience_settings")]
pub async fn admin_audience_settings(
    contest: String,
    vote: String,
    #[server(default)] opens: String,
    #[server(default)] closes: String,
    #[server(default)] count: String,
) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = super::contests::admin_contest(&contest, Power::Results).await?;
            crate::service::audience::settings(&state, &me, &c, vote.trim() == "on", &opens, &closes, &count).await?;
            ctx::redirect(&back(&c.public_id, "audience-settings"));
            Ok(())
        }
        .await,
    )
}

/// Voids the counted votes from `network` cast between `from` and `to` (UTC seconds, as the
/// review lists the group), with the reason.
#[server(prefix = "/api", endpoint = "admin_void_votes")]
pub async fn admin_void_votes(contest: String, network: String, from: String, to: String, #[server(default)] reason: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = super::contests::admin_contest(&contest, Power::Results).await?;
            crate::service::audience::void(&state, &me, &c, &network, (&from, &to), &reason).await?;
            ctx::redirect(&back(&c.public_id, "audience-groups"));
            Ok(())
        }
        .await,
    )
}

/// Publishes the audience award and issues its diplomas, once voting has ended.
#[server(prefix = "/api", endpoint = "admin_publish_audience")]
pub async fn admin_publish_audience(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = super::contests::admin_contest(&contest, Power::Results).await?;
            crate::service::audience::publish(&state, &me, &c).await?;
            ctx::redirect(&back(&c.public_id, "audience-publish"));
            Ok(())
        }
        .await,
    )
}

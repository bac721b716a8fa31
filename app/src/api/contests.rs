//! Contests: the public list and page, and the admin editor (basics, timeline, nominations,
//! age groups and their matrix, rubric, scoring, awards, lifecycle actions, copy, delete).
//!
//! Admin forms arrive as flat string fields (`#[server(flatten)]` into a struct that denies
//! unknown fields), are parsed into domain types with every field's error reported at once,
//! and are refused whole when the contest's phase forbids the change.

pub use crate::view::contests::*;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    crate::domain::audit::Action,
    crate::domain::contest::{Level, LocalText, Phase},
    super::ctx::{self, OrInternal},
    crate::service::contests::{audit, detail, summary},
    crate::domain::access::Power,
    crate::error::{Checker, Field},
    crate::i18n::Msg,
    crate::backend::{db, db::contests::ContestRow, zone},
};


#[server(prefix = "/api", endpoint = "list_contests")]
pub async fn list_contests(level: Option<String>, when: Option<String>, page: Option<String>) -> Result<ContestListPage, AppError> {
    ctx::respond(
        async move {
            let state = ctx::state()?;
            crate::service::contests::public_list(&state, level.as_deref(), when.as_deref(), page.as_deref()).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "get_contest")]
pub async fn get_contest(public_id: String) -> Result<ContestDetail, AppError> {
    ctx::respond(
        async move {
            let state = ctx::state()?;
            let me = ctx::current_account().await?;
            let c = match db::contests::find(&state.db, &public_id).await.or_internal()? {
                Some(c) => c,
                // A readable address: the current one shows the page, an old one leads to it.
                None => {
                    let c = db::contests::find_by_address(&state.db, &public_id.to_ascii_lowercase()).await.or_internal()?.ok_or(AppError::NotFound)?;
                    if c.slug.as_deref() != Some(public_id.as_str()) {
                        ctx::redirect(&format!("/contests/{}", c.slug.as_deref().unwrap_or(&c.public_id)));
                    }
                    c
                }
            };
            // Its staff see it as on the admin pages, drafts included.
            let is_admin = match &me {
                Some(me) if !me.two_step_missing() => crate::service::access::standing(&state, me, &c).await?.is_some(),
                _ => false,
            };
            if !c.phase(state.now()).is_public() && !is_admin {
                return Err(AppError::NotFound);
            }
            detail(&state, &c, is_admin, false).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_list_contests")]
pub async fn admin_list_contests() -> Result<Vec<ContestSummary>, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let now = state.now();
            let rows = crate::service::access::visible_contests(&state, &me).await?;
            Ok(rows.iter().map(|c| summary(c, now)).collect())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_get_contest")]
pub async fn admin_get_contest(public_id: String) -> Result<ContestDetail, AppError> {
    ctx::respond(
        async move {
            let (state, c, powers) = admin_contest_powers(&public_id, Power::See).await?;
            Ok(with_powers(detail(&state, &c, true, true).await?, powers))
        }
        .await,
    )
}

/// The caller and the contest an admin page or form is about, for the one power it needs
/// (`service::access`).
#[cfg(feature = "ssr")]
pub(crate) async fn admin_contest(public_id: &str, power: Power) -> Result<(crate::backend::auth::CurrentAccount, crate::backend::AppState, ContestRow), AppError> {
    let (me, state, c, _) = admin_contest_standing(public_id, power).await?;
    Ok((me, state, c))
}

/// [`admin_contest`], with what the caller is to the contest (decided once, for the power).
#[cfg(feature = "ssr")]
pub(crate) async fn admin_contest_standing(
    public_id: &str,
    power: Power,
) -> Result<(crate::backend::auth::CurrentAccount, crate::backend::AppState, ContestRow, crate::domain::access::Standing), AppError> {
    let me = ctx::require_account().await?;
    let state = ctx::state()?;
    crate::service::access::require_staff(&me)?;
    let (c, standing) = crate::service::access::contest(&state, &me, public_id, power).await?;
    Ok((me, state, c, standing))
}

/// [`admin_contest`], with what the caller may change on the contest's admin pages.
#[cfg(feature = "ssr")]
pub(crate) async fn admin_contest_powers(public_id: &str, power: Power) -> Result<(crate::backend::AppState, ContestRow, Powers), AppError> {
    let (_, state, c, standing) = admin_contest_standing(public_id, power).await?;
    Ok((state, c, Powers::of(standing)))
}

/// Marks a contest's detail with what the reader may change.
#[cfg(feature = "ssr")]
pub(crate) fn with_powers(mut d: ContestDetail, powers: Powers) -> ContestDetail {
    d.powers = Some(powers);
    d
}

#[cfg(feature = "ssr")]
pub(crate) fn editor_url(public_id: &str, section: &str) -> String {
    format!("/admin/contests/{public_id}?saved={section}#{section}")
}

/// Parses a text of at most `max` characters in three languages.
#[cfg(feature = "ssr")]
pub(crate) fn local_text(c: &mut Checker, field: Field, kk: String, ru: String, en: String, max: usize, required: Option<Msg>) -> LocalText {
    let t = LocalText::new(Some(kk), Some(ru), Some(en));
    if t.longest_chars() > max {
        c.check::<(), Msg>(field, Err(Msg::ErrTextTooLong));
    } else if let Some(msg) = required
        && t.is_empty()
    {
        c.check::<(), Msg>(field, Err(msg));
    }
    t
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewContestForm {
    pub title_kk: String,
    pub title_ru: String,
    pub title_en: String,
    pub level: String,
    /// The organisation it is for (its public id); empty: the host's own, or the only
    /// organisation the caller administers.
    #[serde(default)]
    pub organisation: String,
}

#[server(prefix = "/api", endpoint = "admin_create_contest")]
pub async fn admin_create_contest(#[server(flatten)] form: NewContestForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let organisation = crate::service::access::organisation_for_new_contest(&state, &me, &form.organisation).await?;
            let mut c = Checker::default();
            let title = local_text(&mut c, Field::Title, form.title_kk, form.title_ru, form.title_en, 200, Some(Msg::ErrTitleMissing));
            let level = c.check(Field::Level, Level::parse(&form.level).ok_or(Msg::ErrChooseOption));
            c.finish()?;
            let level = level.ok_or(AppError::BadRequest)?;
            let public_id = crate::backend::ids::new_public_id();
            let contest_id = db::contests::insert_draft(&state.db, &public_id, &title, level, organisation, state.now()).await.or_internal()?;
            crate::service::contests::assign_slug(&state.db, contest_id, &title, state.now()).await.or_internal()?;
            db::audit::log(&state.db, Some(me.account_id), Action::ContestCreate, db::audit::Subject::Contest { id: contest_id, public_id: &public_id }, "", state.now())
                .await
                .or_internal()?;
            ctx::redirect(&format!("/admin/contests/{public_id}"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_publish_contest")]
pub async fn admin_publish_contest(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest, Power::Edit).await?;
            let noms = db::contest_parts::nominations(&state.db, contest.contest_id).await.or_internal()?;
            if contest.title().is_empty() || contest.timeline().is_none() || noms.is_empty() {
                return Err(AppError::Refused(Msg::ErrPublishIncomplete));
            }
            if !db::contests::transition(&state.db, contest.contest_id, Status::Draft, Status::Announced, state.now()).await.or_internal()? {
                return Err(AppError::Conflict(Msg::ErrWrongPhase));
            }
            audit(&state, me.account_id, Action::ContestPublish, &contest, "").await?;
            ctx::redirect(&editor_url(&contest.public_id, "actions"));
            Ok(())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
use crate::domain::contest::Status;

#[server(prefix = "/api", endpoint = "admin_close_early")]
pub async fn admin_close_early(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest, Power::Edit).await?;
            let now = state.now();
            if contest.phase(now) != Phase::Open {
                return Err(AppError::Refused(Msg::ErrWrongPhase));
            }
            db::contests::close_early(&state.db, contest.contest_id, now).await.or_internal()?;
            audit(&state, me.account_id, Action::ContestCloseEarly, &contest, "").await?;
            ctx::redirect(&editor_url(&contest.public_id, "actions"));
            Ok(())
        }
        .await,
    )
}

/// Moves the deadline later for everyone; it must stay before the end of judging.
#[server(prefix = "/api", endpoint = "admin_extend_deadline")]
pub async fn admin_extend_deadline(contest: String, new_close: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest, Power::Edit).await?;
            let now = state.now();
            let t = contest.timeline().ok_or(AppError::Refused(Msg::ErrWrongPhase))?;
            if !matches!(contest.phase(now), Phase::Announced | Phase::Open | Phase::Judging) || now >= t.judging_end {
                return Err(AppError::Refused(Msg::ErrWrongPhase));
            }
            let close = zone::local_to_utc(&new_close, &contest.time_zone).map_err(|_| AppError::field(Field::NewClose, Msg::ErrDateTime))?;
            if close <= t.effective_close(contest.closed_early_at).max(now) || close >= t.judging_end {
                return Err(AppError::field(Field::NewClose, Msg::ErrExtendNotLater));
            }
            db::contests::extend_close(&state.db, contest.contest_id, close, now).await.or_internal()?;
            audit(&state, me.account_id, Action::ContestExtend, &contest, &close.to_string()).await?;
            ctx::redirect(&editor_url(&contest.public_id, "actions"));
            Ok(())
        }
        .await,
    )
}

/// A later deadline for one entrant (found by email).
#[server(prefix = "/api", endpoint = "admin_extend_for_entrant")]
pub async fn admin_extend_for_entrant(contest: String, email: String, new_close: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest, Power::Entries).await?;
            let now = state.now();
            let t = contest.timeline().ok_or(AppError::Refused(Msg::ErrWrongPhase))?;
            let email = crate::domain::Email::parse(&email).map_err(|e| AppError::field(Field::Email, e.into()))?;
            let account = db::accounts::find_by_email(&state.db, &email).await.or_internal()?.ok_or(AppError::field(Field::Email, Msg::ErrNoSuchAccount))?;
            let until = zone::local_to_utc(&new_close, &contest.time_zone).map_err(|_| AppError::field(Field::NewClose, Msg::ErrDateTime))?;
            if until <= t.effective_close(contest.closed_early_at).max(now) || until >= t.judging_end {
                return Err(AppError::field(Field::NewClose, Msg::ErrExtendNotLater));
            }
            db::contests::upsert_extension(&state.db, contest.contest_id, account.account_id, until, now).await.or_internal()?;
            audit(&state, me.account_id, Action::ContestExtendFor, &contest, &format!("account:{} until {until}", account.account_id)).await?;
            ctx::redirect(&editor_url(&contest.public_id, "actions"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_archive_contest")]
pub async fn admin_archive_contest(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest, Power::Edit).await?;
            if contest.phase(state.now()) != Phase::Results
                || !db::contests::transition(&state.db, contest.contest_id, Status::Announced, Status::Archived, state.now()).await.or_internal()?
            {
                return Err(AppError::Refused(Msg::ErrWrongPhase));
            }
            audit(&state, me.account_id, Action::ContestArchive, &contest, "").await?;
            ctx::redirect(&editor_url(&contest.public_id, "actions"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_delete_contest")]
pub async fn admin_delete_contest(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest, Power::Edit).await?;
            let Some(gone) = db::contests::delete_draft(&state.db, contest.contest_id).await.or_internal()? else {
                return Err(AppError::Refused(Msg::ErrNotDraft));
            };
            for sha in gone {
                crate::service::entries::drop_blob(&state, &sha).await;
            }
            audit(&state, me.account_id, Action::ContestDelete, &contest, "").await?;
            ctx::redirect("/admin/contests");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_copy_contest")]
pub async fn admin_copy_contest(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest, Power::Staff).await?;
            let public_id = crate::backend::ids::new_public_id();
            let copy = db::contests::copy(&state.db, contest.contest_id, &public_id, state.now()).await.or_internal()?;
            crate::service::contests::assign_slug(&state.db, copy, &contest.title(), state.now()).await.or_internal()?;
            audit(&state, me.account_id, Action::ContestCopy, &contest, &format!("to contest:{public_id}")).await?;
            ctx::redirect(&format!("/admin/contests/{public_id}"));
            Ok(())
        }
        .await,
    )
}

//! Results: computing a draft (admins), overriding an award with a reason, publishing
//! (by hand, or by the background job at the results time: exactly once), the public
//! results page, what an entrant sees of their own entry, and document verification.

pub use crate::view::results::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::access::Power;
#[cfg(feature = "ssr")]
use {
    crate::domain::audit::Action,
    crate::domain::results::Award,
    crate::view::contests::Moment,
    super::contests::admin_contest,
    crate::service::contests::{Moments, audit, detail},
    crate::service::results::*,
    super::ctx::{self, OrInternal},
    crate::domain::privacy::NameDisplay,
    crate::error::Field,
    crate::i18n::Msg,
    crate::backend::db::results as rdb,
    crate::backend::db,
};

#[server(prefix = "/api", endpoint = "admin_results")]
pub async fn admin_results(contest: String) -> Result<ResultsReview, AppError> {
    ctx::respond(
        async move {
            let (state, c, powers) = super::contests::admin_contest_powers(&contest, Power::SeeResults).await?;
            let version = rdb::latest_version(&state.db, c.contest_id).await.or_internal()?;
            let shown = c.published_version.or(version);
            let lines = match shown {
                Some(v) => rdb::lines(&state.db, c.contest_id, v).await.or_internal()?,
                None => Vec::new(),
            };
            let dropped_overrides = match shown {
                Some(v) => rdb::dropped_overrides(&state.db, c.contest_id, v).await.or_internal()?,
                None => Vec::new(),
            };
            let owed = if c.published_at.is_none() {
                db::judging::judges_with_work_left(&state.db, c.contest_id).await.or_internal()?
            } else {
                Vec::new()
            };
            let contest = super::contests::with_powers(detail(&state, &c, true, false).await?, powers);
            Ok(ResultsReview {
                dropped_overrides,
                sheets_left: owed.iter().map(|(_, _, n)| n.unsigned_abs()).sum(),
                judges_left: owed.len() as u64,
                name_display: c.name_display.as_str().to_owned(),
                show_comments: c.show_comments,
                version: shown,
                published_version: c.published_version,
                published_at: Moments::of(&c).at(c.published_at),
                lines: lines.iter().map(|l| line_view(&c, l, true)).collect(),
                reliability: crate::service::judging::reliability(&state, &c, &contest).await?,
                appeal_days: c.appeal_days,
                appeal_closes: Moments::of(&c).at(crate::domain::appeal::closes_at(c.published_at, c.appeal_days)),
                appeals: crate::service::appeals::queue(&state, &c).await?,
                rounds: crate::service::rounds::view(&state, &c).await?,
                gallery: c.gallery,
                gallery_opens_at: c.gallery_opens_at.map(|t| crate::backend::zone::utc_to_input(t, &c.time_zone)).unwrap_or_default(),
                gallery_open: crate::service::gallery::is_open(&c, state.now()),
                contest,
            })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_compute_results")]
pub async fn admin_compute_results(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Results).await?;
            if c.published_at.is_some() {
                return Err(AppError::Refused(Msg::ErrAlreadyPublished));
            }
            let v = compute(&state, &c, Some(me.account_id)).await?;
            audit(&state, me.account_id, Action::ResultsCompute, &c, &format!("version {v}")).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?saved=compute", c.public_id));
            Ok(())
        }
        .await,
    )
}

/// Overrides the award of one entry in the current draft (`award` empty: back to the
/// computed one). A reason is required and logged.
#[server(prefix = "/api", endpoint = "admin_override_award")]
pub async fn admin_override_award(contest: String, code: String, award: String, reason: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Results).await?;
            if c.published_at.is_some() {
                return Err(AppError::Refused(Msg::ErrAlreadyPublished));
            }
            let version = rdb::latest_version(&state.db, c.contest_id).await.or_internal()?.ok_or(AppError::Refused(Msg::ErrNoResultsYet))?;
            let entry = db::entries::entry_id_by_code(&state.db, c.contest_id, code.trim()).await.or_internal()?.ok_or(AppError::field(Field::Code, Msg::ErrNoSuchCode))?;
            let reason = reason.trim();
            let set = match award.as_str() {
                "" => None,
                a if a == "none" || Award::parse(a).is_some() => {
                    if reason.is_empty() || reason.chars().count() > 1_000 {
                        return Err(AppError::field(Field::Reason, if reason.is_empty() { Msg::ErrRequired } else { Msg::ErrTextTooLong }));
                    }
                    Some((a, reason))
                }
                _ => return Err(AppError::field(Field::Award, Msg::ErrChooseOption)),
            };
            if !rdb::set_override(&state.db, c.contest_id, version, entry, set).await.or_internal()? {
                return Err(AppError::NotFound);
            }
            audit(&state, me.account_id, Action::ResultsOverride, &c, &format!("{code}: {award} — {reason}")).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?saved=override", c.public_id));
            Ok(())
        }
        .await,
    )
}

/// How names appear in public (`full`, `short_minors`, `short`) and whether entrants see
/// judges' comments.
#[server(prefix = "/api", endpoint = "admin_results_settings")]
pub async fn admin_results_settings(contest: String, name_display: String, #[server(default)] show_comments: Option<String>, #[server(default)] appeal_days: Option<String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Results).await?;
            let display = NameDisplay::parse(&name_display).ok_or(AppError::field(Field::NameDisplay, Msg::ErrChooseOption))?;
            // Left out (an older form): as it was.
            let days = match appeal_days.as_deref().map(str::trim) {
                None => c.appeal_days,
                Some("") => 0,
                Some(d) => match d.parse::<i64>() {
                    Ok(n) if (0..=crate::domain::appeal::DAYS_MAX).contains(&n) => n,
                    Ok(_) => return Err(AppError::field(Field::AppealDays, Msg::ErrOutOfRange)),
                    Err(_) => return Err(AppError::field(Field::AppealDays, Msg::ErrWholeNumber)),
                },
            };
            db::contests::set_results_settings(&state.db, c.contest_id, display, show_comments.is_some(), days, state.now()).await.or_internal()?;
            audit(&state, me.account_id, Action::ResultsSettings, &c, &format!("{}; appeals {days} days", display.as_str())).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?saved=settings", c.public_id));
            Ok(())
        }
        .await,
    )
}

/// Revokes an issued document; its verification page says so, with the reason.
#[server(prefix = "/api", endpoint = "admin_revoke_document")]
pub async fn admin_revoke_document(contest: String, code: String, reason: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Results).await?;
            let reason = reason.trim();
            if reason.is_empty() || reason.chars().count() > 500 {
                return Err(AppError::field(Field::Reason, if reason.is_empty() { Msg::ErrRequired } else { Msg::ErrTextTooLong }));
            }
            let code = code.trim().to_ascii_uppercase();
            if !rdb::revoke_document(&state.db, c.contest_id, &code, reason, state.now()).await.or_internal()? {
                return Err(AppError::field(Field::Code, Msg::ErrNoSuchCode));
            }
            audit(&state, me.account_id, Action::DocumentRevoke, &c, &format!("{code}: {reason}")).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?saved=revoke", c.public_id));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_publish_results")]
pub async fn admin_publish_results(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Results).await?;
            if !publish(&state, &c, Some(me.account_id)).await? {
                return Err(AppError::Refused(Msg::ErrAlreadyPublished));
            }
            crate::service::results::reconcile_in_background(&state, &c.public_id);
            ctx::redirect(&format!("/admin/contests/{}/results?saved=publish", c.public_id));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "get_results")]
pub async fn get_results(contest: String) -> Result<PublicResults, AppError> {
    ctx::respond(
        async move {
            let state = ctx::state()?;
            let c = db::contests::find(&state.db, &contest).await.or_internal()?.ok_or(AppError::NotFound)?;
            let mut out = public_results(&state, &c).await?.ok_or(AppError::NotFound)?;
            out.audience = crate::service::audience::results(&state, &c).await?;
            Ok(out)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "verify_document")]
pub async fn verify_document(code: String) -> Result<Verification, AppError> {
    ctx::respond(
        async move {
            let state = ctx::state()?;
            ctx::limit_lookups().await?;
            let code = code.trim().to_ascii_uppercase();
            if code.len() > 20 {
                return Err(AppError::NotFound);
            }
            let doc = rdb::document(&state.db, &code).await.or_internal()?.ok_or(AppError::NotFound)?;
            let c = db::contests::find_by_id(&state.db, doc.contest_id).await.or_internal()?.ok_or(AppError::NotFound)?;
            let (nomination_id, name) = crate::service::results::document_subject(&state, &c, &doc).await?.ok_or(AppError::NotFound)?;
            let d = detail(&state, &c, false, false).await?;
            let holder = if doc.kind == "thanks" { doc.holder.clone() } else { name };
            Ok(Verification {
                code: doc.code.clone(),
                kind: doc.kind.clone(),
                award: doc.award.clone(),
                holder,
                contest: c.title(),
                nomination: d.nominations.iter().find(|n| n.id == nomination_id).map(|n| n.name.clone()).unwrap_or_default(),
                issued: Moments::of(&c).at(Some(doc.created_at)).unwrap_or(Moment { utc: doc.created_at, offset: 0 }),
                revoked: doc.revoked_at.map(|_| doc.revoked_reason.clone().unwrap_or_default()),
            })
        }
        .await,
    )
}

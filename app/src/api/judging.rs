//! Judging: invitations, panels and assignments (admins); the queue, the scoring sheet with
//! versioned autosave, and recusal (judges); the judging dashboard (admins).
//!
//! Judges know entries only by their anonymous code. Nothing a judge can load names the
//! participant, the entrant, the school or the supervisor when the contest is blind (the
//! default); files are served to them under the code, images re-encoded without metadata.

pub use crate::view::judging::*;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[cfg(feature = "ssr")]
use crate::domain::access::Power;
#[cfg(feature = "ssr")]
use {
    crate::domain::audit::Action,
    super::contests::admin_contest,
    crate::service::contests::audit,
    crate::service::judging::*,
    crate::service::parse_id,
    super::ctx::{self, OrInternal},
    crate::domain::Role,
    crate::error::{Checker, Field},
    crate::i18n::{Msg, fill},
    crate::backend::auth::{self},
    crate::backend::db::judging::{self as jdb},
    crate::backend::db,
};

#[server(prefix = "/api", endpoint = "admin_judging")]
pub async fn admin_judging(contest: String) -> Result<JudgingDashboard, AppError> {
    ctx::respond(
        async move {
            let (state, c, powers) = super::contests::admin_contest_powers(&contest, Power::See).await?;
            let mut d = dashboard(&state, &c).await?;
            d.contest = super::contests::with_powers(d.contest, powers);
            d.calibration = crate::service::calibration::admin_view(&state, &c, &d.contest, &d.judges).await?;
            Ok(d)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_invite_judge")]
pub async fn admin_invite_judge(contest: String, email: String, organisation: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Jury).await?;
            let email = crate::domain::Email::parse(&email).map_err(|e| AppError::field(Field::Email, e.into()))?;
            let organisation = organisation.trim().to_string();
            if organisation.chars().count() > 200 || organisation.chars().any(char::is_control) {
                return Err(AppError::field(Field::Organisation, Msg::ErrTextTooLong));
            }
            let token = auth::new_token();
            let now = state.now();
            let hash = auth::token_hash(&token);
            let invitation = jdb::NewInvitation { token_hash: &hash, contest_id: c.contest_id, email: email.as_str(), organisation: &organisation, by: me.account_id, now, expires: now + 14 * 86_400 };
            jdb::insert_invitation(&state.db, &invitation).await.or_internal()?;
            let lang = ctx::lang();
            let link = format!("{}/judge/join?token={token}", state.config.public_url.trim_end_matches('/'));
            let title = c.title().pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
            let body = fill(Msg::MailInviteBody.text(lang), &[("contest", &title), ("link", &link)]);
            db::outbox::enqueue(&state.db, email.as_str(), "", &fill(Msg::MailInviteSubject.text(lang), &[("contest", &title)]), &body, now)
                .await
                .or_internal()?;
            state.mail_wakeup.notify_one();
            audit(&state, me.account_id, Action::JudgeInvite, &c, email.as_str()).await?;
            ctx::redirect(&format!("/admin/contests/{}/judging?saved=invite#judges", c.public_id));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "judge_invitation")]
pub async fn judge_invitation(token: String) -> Result<InvitationView, AppError> {
    ctx::respond(
        async move {
            let state = ctx::state()?;
            let inv = jdb::invitation(&state.db, &auth::token_hash(&token)).await.or_internal()?;
            let inv = inv.filter(|i| i.accepted_at.is_none() && i.expires_at > state.now()).ok_or(AppError::Refused(Msg::ErrInvitationInvalid))?;
            let title = db::contests::find_by_id(&state.db, inv.contest_id).await.or_internal()?.map(|c| c.title()).unwrap_or_default();
            let email = crate::domain::Email::parse(&inv.email).or_internal()?;
            let existing = db::accounts::find_by_email(&state.db, &email).await.or_internal()?.is_some();
            Ok(InvitationView { email: inv.email, contest_title: title, existing_account: existing })
        }
        .await,
    )
}

/// Accepts an invitation: with a new account (name and password), or with the password of
/// the account the address already has. Signs the judge in.
#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String, display_name: String, password: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            ctx::limit_attempts(crate::backend::security::Attempt::Invitation).await?;
            let state = ctx::state()?;
            let hash = auth::token_hash(&token);
            let inv = jdb::invitation(&state.db, &hash).await.or_internal()?;
            let inv = inv.filter(|i| i.accepted_at.is_none() && i.expires_at > state.now()).ok_or(AppError::Refused(Msg::ErrInvitationInvalid))?;
            let email = crate::domain::Email::parse(&inv.email).or_internal()?;
            let account_id = match db::accounts::find_by_email(&state.db, &email).await.or_internal()? {
                Some(a) => {
                    let pw = crate::domain::Password::parse_for_login(password).map_err(|e| AppError::field(Field::Password, e.into()))?;
                    if a.disabled_at.is_some() || !state.hasher.verify(&pw, Some(&a.password_hash)).await.or_internal()? {
                        return Err(AppError::Refused(Msg::ErrInvalidCredentials));
                    }
                    // The invitation reached this address: it is proven.
                    db::accounts::confirm_email(&state.db, a.account_id, state.now()).await.or_internal()?;
                    a.account_id
                }
                None => {
                    let mut c = Checker::default();
                    let name = c.check(Field::DisplayName, crate::domain::DisplayName::parse_own(&display_name));
                    let pw = c.check(Field::Password, crate::domain::Password::parse(password));
                    c.finish()?;
                    let (Some(name), Some(pw)) = (name, pw) else { return Err(AppError::BadRequest) };
                    let hash = state.hasher.hash(&pw).await.or_internal()?;
                    db::accounts::insert(&state.db, &email, name.as_str(), &hash, Role::Judge, true, state.now()).await.or_internal()?
                }
            };
            if !jdb::accept_invitation(&state.db, &hash, account_id, state.now()).await.or_internal()? {
                return Err(AppError::Refused(Msg::ErrInvitationInvalid));
            }
            let parts = ctx::parts()?;
            let session = auth::start_session(&state.db, &state.config, &parts.headers, account_id, state.now()).await.or_internal()?;
            ctx::set_cookie(&auth::session_cookie(&state.config, &session));
            ctx::redirect("/judge");
            Ok(())
        }
        .await,
    )
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PanelForm {
    pub contest: String,
    pub nomination: String,
    #[serde(default)]
    pub age_group: String,
    pub mode: String,
    #[serde(default)]
    pub k: String,
    #[serde(default)]
    pub judges: Vec<String>,
}

#[server(prefix = "/api", endpoint = "admin_save_panel")]
pub async fn admin_save_panel(#[server(flatten)] form: PanelForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&form.contest, Power::Jury).await?;
            let noms = db::contest_parts::nominations(&state.db, c.contest_id).await.or_internal()?;
            let nomination = parse_id(&form.nomination)?;
            if !noms.iter().any(|n| n.nomination_id == nomination) {
                return Err(AppError::NotFound);
            }
            let age_group = if form.age_group.trim().is_empty() { None } else { Some(parse_id(&form.age_group)?) };
            let pool = jdb::contest_judges(&state.db, c.contest_id).await.or_internal()?;
            let mut judges = Vec::new();
            for j in &form.judges {
                let j = parse_id(j)?;
                if !pool.iter().any(|p| p.account_id == j) {
                    return Err(AppError::NotFound);
                }
                judges.push(j);
            }
            let mode = crate::domain::judging::parse_panel(&form.mode, &form.k, judges.len()).map_err(|e| match e {
                crate::domain::judging::PanelError::Mode => AppError::field(Field::Mode, Msg::ErrChooseOption),
                crate::domain::judging::PanelError::K => AppError::field(Field::K, Msg::ErrOutOfRange),
                crate::domain::judging::PanelError::TooFewJudges => AppError::field(Field::K, Msg::ErrTooFewJudges),
            })?;
            jdb::save_panel(&state.db, c.contest_id, nomination, age_group, mode, &judges, state.now()).await.or_internal()?;
            audit(&state, me.account_id, Action::PanelSave, &c, &format!("nomination {nomination} {} k={} judges={judges:?}", mode.as_str(), mode.k())).await?;
            ctx::redirect(&format!("/admin/contests/{}/judging?saved=panel#panels", c.public_id));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_assign")]
pub async fn admin_assign(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Jury).await?;
            if c.published_at.is_some() {
                return Err(AppError::Refused(Msg::ErrAlreadyPublished));
            }
            let n = assign(&state, &c).await?;
            audit(&state, me.account_id, Action::AssignmentAuto, &c, &format!("{n} added")).await?;
            ctx::redirect(&format!("/admin/contests/{}/judging?saved=assign#progress", c.public_id));
            Ok(())
        }
        .await,
    )
}

/// Assigns (`on` = "1") or unassigns one judge and one entry by hand.
#[server(prefix = "/api", endpoint = "admin_set_assignment")]
pub async fn admin_set_assignment(contest: String, code: String, judge: String, on: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Jury).await?;
            if c.published_at.is_some() {
                return Err(AppError::Refused(Msg::ErrAlreadyPublished));
            }
            let judge = parse_id(&judge)?;
            if !jdb::is_contest_judge(&state.db, c.contest_id, judge).await.or_internal()? {
                return Err(AppError::NotFound);
            }
            let entries = jdb::submitted_entries(&state.db, c.contest_id).await.or_internal()?;
            let e = entries.iter().find(|e| e.code.as_deref() == Some(code.trim())).ok_or(AppError::field(Field::Code, Msg::ErrNoSuchCode))?;
            if on == "1" {
                jdb::add_assignments(&state.db, &[(e.entry_id, judge)], "manual", state.now()).await.or_internal()?;
            } else {
                jdb::remove_assignment(&state.db, e.entry_id, judge).await.or_internal()?;
            }
            db::audit::log(&state.db, Some(me.account_id), if on == "1" { Action::AssignmentAdd } else { Action::AssignmentRemove }, db::audit::Subject::Contest { id: c.contest_id, public_id: &c.public_id }, &format!("{code} judge {judge}"), state.now())
                .await
                .or_internal()?;
            ctx::redirect(&format!("/admin/contests/{}/judging?saved=assignment#assign", c.public_id));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_save_judging_settings")]
pub async fn admin_save_judging_settings(contest: String, #[server(default)] blind: Option<String>, #[server(default)] see_colleagues: Option<String>, disagreement_pct: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Jury).await?;
            let pct = match disagreement_pct.trim().parse::<i64>() {
                Ok(p) if (1..=100).contains(&p) => p,
                _ => return Err(AppError::field(Field::Disagreement, Msg::ErrOutOfRange)),
            };
            db::contests::set_judging_settings(&state.db, c.contest_id, blind.is_some(), see_colleagues.is_some(), pct, state.now()).await.or_internal()?;
            audit(&state, me.account_id, Action::JudgingSettings, &c, "").await?;
            ctx::redirect(&format!("/admin/contests/{}/judging?saved=settings#settings", c.public_id));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_remind_judges")]
pub async fn admin_remind_judges(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Jury).await?;
            let lang = ctx::lang();
            let title = c.title().pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
            let link = format!("{}/judge", state.config.public_url.trim_end_matches('/'));
            let left = jdb::judges_with_work_left(&state.db, c.contest_id).await.or_internal()?;
            for (email, name, n) in &left {
                let body = fill(Msg::MailRemindBody.text(lang), &[("name", name), ("contest", &title), ("left", &n.to_string()), ("link", &link)]);
                db::outbox::enqueue_notice(&state.db, email, name, &fill(Msg::MailRemindSubject.text(lang), &[("contest", &title)]), &body, state.now())
                    .await
                    .or_internal()?;
            }
            state.mail_wakeup.notify_one();
            audit(&state, me.account_id, Action::JudgesRemind, &c, &format!("{} judges", left.len())).await?;
            ctx::redirect(&format!("/admin/contests/{}/judging?saved=remind#progress", c.public_id));
            Ok(())
        }
        .await,
    )
}

/// A judge's assigned entries in contests being judged, in this judge's own order.
#[server(prefix = "/api", endpoint = "judge_queue")]
pub async fn judge_queue() -> Result<Vec<QueueItem>, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_judging_account().await?;
            let state = ctx::state()?;
            // A contest whose calibration is required and unfinished keeps its works back.
            let held: Vec<String> = crate::service::calibration::todo_of(&state, &me)
                .await?
                .into_iter()
                .filter(|t| t.required && t.anchors.iter().any(|(_, done)| !done))
                .map(|t| t.contest_id)
                .collect();
            queue_of(&state, me.account_id).await.map(|q| q.into_iter().map(|(_, item)| item).filter(|i| !held.contains(&i.contest_id)).collect())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "judge_entry")]
pub async fn judge_entry(contest: String, code: String) -> Result<ScoringView, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_judging_account().await?;
            let state = ctx::state()?;
            crate::service::calibration::gate(&state, &me, &contest, &code).await?;
            scoring_view(&state, &me, &contest, &code).await
        }
        .await,
    )
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreForm {
    pub contest: String,
    pub code: String,
    /// The sheet's version this write is based on (0 for a first write).
    pub version: String,
    /// `c<criterion id>` → points as typed (`points[c12]=7` in the form: a key that is not a
    /// number, or the form decoder would take it for a list index).
    #[serde(default)]
    pub points: HashMap<String, String>,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub note: String,
    /// Empty: save (autosave); `submit`: submit the sheet; `next`: submit and open the next entry.
    #[serde(default)]
    pub action: String,
}

#[server(prefix = "/api", endpoint = "judge_save")]
pub async fn judge_save(#[server(flatten)] form: ScoreForm) -> Result<SaveAnswer, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_judging_account().await?;
            let state = ctx::state()?;
            crate::service::calibration::gate(&state, &me, &form.contest, &form.code).await?;
            let submit = matches!(form.action.as_str(), "submit" | "next");
            let sheet = SheetInput { contest: &form.contest, code: &form.code, version: &form.version, points: &form.points, comment: &form.comment, note: &form.note, submit };
            let saved = save_sheet(&state, &me, &sheet).await?;
            if !saved.invalid.is_empty() {
                // The rest is saved; a plain form comes back with the values marked (a
                // hydrated page reads them from the answer and keeps its new version).
                if ctx::plain_form() {
                    return Err(AppError::Validation(saved.invalid));
                }
                return Ok(SaveAnswer { version: saved.version, submitted: false, invalid: saved.invalid });
            }
            let (entry_id, version) = (saved.entry_id, saved.version);
            match form.action.as_str() {
                "next" => {
                    match next_to_score(&state, &me, &form.contest, entry_id).await? {
                        Some(code) => ctx::redirect(&format!("/judge/{}/{}", form.contest, code)),
                        None => ctx::redirect("/judge?done=1"),
                    }
                }
                "submit" => ctx::redirect(&format!("/judge/{}/{}?submitted=1", form.contest, form.code)),
                // A plain form's "Save" comes back to the work and says so; the hydrated
                // page's autosave stays where it is.
                _ if ctx::plain_form() => ctx::redirect(&format!("/judge/{}/{}?saved=1", form.contest, form.code)),
                _ => {}
            }
            Ok(SaveAnswer { version, submitted: submit, invalid: Vec::new() })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "judge_recuse")]
pub async fn judge_recuse(contest: String, code: String, reason: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_judging_account().await?;
            let state = ctx::state()?;
            let (c, entry_id) = judged(&state, &me, &contest, &code).await?;
            // Who judged what is fixed once results are out (they reconcile with it).
            if c.published_at.is_some() {
                return Err(AppError::Refused(Msg::ErrJudgingPublished));
            }
            let reason = reason.trim().to_string();
            if reason.is_empty() || reason.chars().count() > 500 {
                return Err(AppError::field(Field::Reason, if reason.is_empty() { Msg::ErrRequired } else { Msg::ErrTextTooLong }));
            }
            jdb::recuse(&state.db, entry_id, me.account_id, &reason, state.now()).await.or_internal()?;
            // Balanced panels get another judge for the entry.
            assign(&state, &c).await?;
            audit(&state, me.account_id, Action::JudgeRecuse, &c, &format!("{code}: {reason}")).await?;
            ctx::redirect("/judge?recused=1");
            Ok(())
        }
        .await,
    )
}

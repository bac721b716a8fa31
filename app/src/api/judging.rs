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
use {
    super::contests::admin_contest,
    crate::service::contests::{audit, detail, rubric_of},
    crate::service::judging::*,
    super::ctx::{self, OrInternal},
    crate::domain::Role,
    crate::domain::judging::{self as rules, EntryFacts, JudgeFacts},
    crate::error::{Checker, Field},
    crate::i18n::{Msg, fill},
    crate::backend::auth::{self},
    crate::backend::db::judging::{self as jdb, Saved, SheetWrite},
    crate::backend::db,
    crate::backend::db::entries as edb,
    std::collections::HashSet,
};

#[server(prefix = "/api", endpoint = "admin_judging")]
pub async fn admin_judging(contest: String) -> Result<JudgingDashboard, AppError> {
    ctx::respond(
        async move {
            let (_, state, c) = admin_contest(&contest).await?;
            let detail = detail(&state, &c, true, false).await?;
            let judges = jdb::contest_judges(&state.db, c.contest_id).await.or_internal()?;
            let panels = jdb::panels(&state.db, c.contest_id).await.or_internal()?;
            let entries = jdb::submitted_entries(&state.db, c.contest_id).await.or_internal()?;
            let assigned = jdb::assignments(&state.db, c.contest_id).await.or_internal()?;
            let recusals = jdb::recusals(&state.db, c.contest_id).await.or_internal()?;
            let sheets = jdb::contest_sheets(&state.db, c.contest_id).await.or_internal()?;
            let live: HashSet<i64> = entries.iter().map(|e| e.entry_id).collect();
            // The rule the results use, so the dashboard shows the numbers they will use.
            let assigned_pairs: HashSet<(i64, i64)> = assigned.iter().copied().collect();
            let recused_pairs: HashSet<(i64, i64)> = recusals.iter().map(|(e, a, _)| (*e, *a)).collect();
            let counts = |s: &jdb::Sheet| {
                let pair = (s.row.entry_id, s.row.account_id);
                crate::domain::results::counts(crate::domain::results::SheetFacts { submitted: s.row.state == "submitted", assigned: assigned_pairs.contains(&pair), recused: recused_pairs.contains(&pair) }).is_ok()
            };
            let total_of = |s: &jdb::Sheet| {
                let nom = entries.iter().find(|e| e.entry_id == s.row.entry_id).map_or(0, |e| e.nomination_id);
                sheet_total(&rubric_for(&detail, nom), &s.points)
            };
            let view = |j: &jdb::JudgeRow| JudgeView { id: j.account_id, name: j.display_name.clone(), email: j.email.clone(), organisation: j.organisation.clone() };
            let stats = judges
                .iter()
                .map(|j| {
                    let mine: Vec<&jdb::Sheet> = sheets.iter().filter(|s| s.row.account_id == j.account_id && live.contains(&s.row.entry_id)).collect();
                    let totals: Vec<f64> = mine.iter().filter(|s| counts(s)).map(|s| total_of(s)).collect();
                    let (n, mean, sd) = rules::stats(&totals);
                    JudgeStat {
                        judge: view(j),
                        assigned: assigned.iter().filter(|(e, a)| *a == j.account_id && live.contains(e)).count() as u32,
                        submitted: n as u32,
                        drafts: mine.iter().filter(|s| s.row.state == "draft").count() as u32,
                        mean,
                        sd,
                        totals,
                    }
                })
                .collect();
            let nominations = detail
                .nominations
                .iter()
                .map(|n| {
                    let ids: HashSet<i64> = entries.iter().filter(|e| e.nomination_id == n.id).map(|e| e.entry_id).collect();
                    NominationProgress {
                        nomination: n.name.clone(),
                        entries: ids.len() as u32,
                        sheets_assigned: assigned.iter().filter(|(e, _)| ids.contains(e)).count() as u32,
                        sheets_submitted: sheets.iter().filter(|s| ids.contains(&s.row.entry_id) && counts(s)).count() as u32,
                    }
                })
                .collect();
            let wanted = |e: &jdb::JudgedEntry| {
                panels
                    .iter()
                    .filter(|(p, _)| p.nomination_id == e.nomination_id && (p.age_group_id.is_none() || p.age_group_id == e.age_group_id))
                    .map(|(p, js)| if p.mode == "balanced" { p.k as u32 } else { js.len() as u32 })
                    .max()
                    .unwrap_or(1)
            };
            let mut low_coverage = Vec::new();
            let mut disagreements = Vec::new();
            for e in &entries {
                let totals: Vec<f64> = sheets.iter().filter(|s| s.row.entry_id == e.entry_id && counts(s)).map(total_of).collect();
                let flag = EntryFlag {
                    code: e.code.clone().unwrap_or_default(),
                    title: e.title.clone(),
                    submitted: totals.len() as u32,
                    wanted: wanted(e),
                    totals: totals.clone(),
                };
                if totals.len() >= 2 {
                    let spread = totals.iter().cloned().fold(f64::MIN, f64::max) - totals.iter().cloned().fold(f64::MAX, f64::min);
                    if spread > f64::from(u32::try_from(c.disagreement_pct).unwrap_or(25)) {
                        disagreements.push(flag.clone());
                    }
                }
                if (totals.len() as u32) < flag.wanted {
                    low_coverage.push(flag);
                }
            }
            let mut conflicts = Vec::new();
            for j in &judges {
                let facts = JudgeFacts { account_id: j.account_id, name: j.display_name.clone(), organisation: j.organisation.clone() };
                for e in &entries {
                    let ef = EntryFacts { entrant_account_id: e.account_id, entrant_organisation: e.entrant_organisation.clone(), school: e.school.clone(), supervisor: e.supervisor.clone() };
                    if let Some(k) = rules::conflict(&facts, &ef) {
                        let kind = match k {
                            rules::Conflict::OwnEntry => "own",
                            rules::Conflict::SameOrganisation => "organisation",
                            rules::Conflict::Supervisor => "supervisor",
                        };
                        conflicts.push(ConflictLine { code: e.code.clone().unwrap_or_default(), judge: j.display_name.clone(), kind: kind.into(), recused: false });
                    }
                }
            }
            for (e, a, reason) in &recusals {
                let code = entries.iter().find(|x| x.entry_id == *e).and_then(|x| x.code.clone()).unwrap_or_default();
                let judge = judges.iter().find(|j| j.account_id == *a).map(|j| j.display_name.clone()).unwrap_or_default();
                conflicts.push(ConflictLine { code, judge, kind: reason.clone(), recused: true });
            }
            let invitations = jdb::pending_invitations(&state.db, c.contest_id, state.now()).await.or_internal()?.into_iter().map(|(e, o, _)| (e, o)).collect();
            Ok(JudgingDashboard {
                blind: c.blind,
                see_colleagues: c.judges_see_colleagues,
                disagreement_pct: u32::try_from(c.disagreement_pct).unwrap_or(25),
                judges: judges.iter().map(view).collect(),
                invitations,
                panels: panels
                    .iter()
                    .map(|(p, js)| PanelView { nomination_id: p.nomination_id, age_group_id: p.age_group_id, balanced: p.mode == "balanced", k: p.k as u32, judges: js.clone() })
                    .collect(),
                stats,
                nominations,
                low_coverage,
                disagreements,
                conflicts,
                entries: entries.len() as u32,
                contest: detail,
            })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_invite_judge")]
pub async fn admin_invite_judge(contest: String, email: String, organisation: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest).await?;
            let email = crate::domain::Email::parse(&email).map_err(|e| AppError::field(Field::Email, e.into()))?;
            let organisation = organisation.trim().to_string();
            if organisation.chars().count() > 200 || organisation.chars().any(char::is_control) {
                return Err(AppError::field(Field::Organisation, Msg::ErrTextTooLong));
            }
            let token = auth::new_token();
            let now = state.now();
            jdb::insert_invitation(&state.db, &auth::token_hash(&token), c.contest_id, email.as_str(), &organisation, me.account_id, now, now + 14 * 86_400)
                .await
                .or_internal()?;
            let lang = ctx::lang();
            let link = format!("{}/judge/join?token={token}", state.config.public_url.trim_end_matches('/'));
            let title = c.title().pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
            let body = fill(Msg::MailInviteBody.text(lang), &[("contest", &title), ("link", &link)]);
            db::outbox::enqueue(&state.db, email.as_str(), "", &fill(Msg::MailInviteSubject.text(lang), &[("contest", &title)]), &body, now)
                .await
                .or_internal()?;
            state.mail_wakeup.notify_one();
            audit(&state, me.account_id, "judge.invite", &c, email.as_str()).await?;
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
            ctx::limit_attempts()?;
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
                    a.account_id
                }
                None => {
                    let mut c = Checker::default();
                    let name = c.check(Field::DisplayName, crate::domain::DisplayName::parse_own(&display_name));
                    let pw = c.check(Field::Password, crate::domain::Password::parse(password));
                    c.finish()?;
                    let (Some(name), Some(pw)) = (name, pw) else { return Err(AppError::BadRequest) };
                    let hash = state.hasher.hash(&pw).await.or_internal()?;
                    db::accounts::insert(&state.db, &email, name.as_str(), &hash, Role::Judge, state.now()).await.or_internal()?
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
            let (me, state, c) = admin_contest(&form.contest).await?;
            let noms = db::contests::nominations(&state.db, c.contest_id).await.or_internal()?;
            let nomination = id(&form.nomination)?;
            if !noms.iter().any(|n| n.nomination_id == nomination) {
                return Err(AppError::NotFound);
            }
            let age_group = if form.age_group.trim().is_empty() { None } else { Some(id(&form.age_group)?) };
            let mode = match form.mode.as_str() {
                "all" | "balanced" => form.mode.as_str(),
                _ => return Err(AppError::field(Field::Mode, Msg::ErrChooseOption)),
            };
            let k = if mode == "balanced" {
                match form.k.trim().parse::<i64>() {
                    Ok(k) if (1..=20).contains(&k) => k,
                    _ => return Err(AppError::field(Field::K, Msg::ErrOutOfRange)),
                }
            } else {
                3
            };
            let pool = jdb::contest_judges(&state.db, c.contest_id).await.or_internal()?;
            let mut judges = Vec::new();
            for j in &form.judges {
                let j = id(j)?;
                if !pool.iter().any(|p| p.account_id == j) {
                    return Err(AppError::NotFound);
                }
                judges.push(j);
            }
            if mode == "balanced" && (judges.len() as i64) < k {
                return Err(AppError::field(Field::K, Msg::ErrTooFewJudges));
            }
            jdb::save_panel(&state.db, c.contest_id, nomination, age_group, mode, k, &judges, state.now()).await.or_internal()?;
            audit(&state, me.account_id, "panel.save", &c, &format!("nomination {nomination} {mode} k={k} judges={judges:?}")).await?;
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
            let (me, state, c) = admin_contest(&contest).await?;
            if c.published_at.is_some() {
                return Err(AppError::Refused(Msg::ErrAlreadyPublished));
            }
            let n = assign(&state, &c).await?;
            audit(&state, me.account_id, "assignment.auto", &c, &format!("{n} added")).await?;
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
            let (me, state, c) = admin_contest(&contest).await?;
            if c.published_at.is_some() {
                return Err(AppError::Refused(Msg::ErrAlreadyPublished));
            }
            let judge = id(&judge)?;
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
            db::audit::log(&state.db, Some(me.account_id), if on == "1" { "assignment.add" } else { "assignment.remove" }, &format!("contest:{}", c.public_id), &format!("{code} judge {judge}"), state.now())
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
            let (me, state, c) = admin_contest(&contest).await?;
            let pct = match disagreement_pct.trim().parse::<i64>() {
                Ok(p) if (1..=100).contains(&p) => p,
                _ => return Err(AppError::field(Field::Disagreement, Msg::ErrOutOfRange)),
            };
            db::contests::set_judging_settings(&state.db, c.contest_id, blind.is_some(), see_colleagues.is_some(), pct, state.now()).await.or_internal()?;
            audit(&state, me.account_id, "judging.settings", &c, "").await?;
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
            let (me, state, c) = admin_contest(&contest).await?;
            let lang = ctx::lang();
            let title = c.title().pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
            let link = format!("{}/judge", state.config.public_url.trim_end_matches('/'));
            let left = jdb::judges_with_work_left(&state.db, c.contest_id).await.or_internal()?;
            for (email, name, n) in &left {
                let body = fill(Msg::MailRemindBody.text(lang), &[("name", name), ("contest", &title), ("left", &n.to_string()), ("link", &link)]);
                db::outbox::enqueue(&state.db, email, name, &fill(Msg::MailRemindSubject.text(lang), &[("contest", &title)]), &body, state.now())
                    .await
                    .or_internal()?;
            }
            state.mail_wakeup.notify_one();
            audit(&state, me.account_id, "judges.remind", &c, &format!("{} judges", left.len())).await?;
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
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            queue_of(&state, me.account_id).await.map(|q| q.into_iter().map(|(_, item)| item).collect())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "judge_entry")]
pub async fn judge_entry(contest: String, code: String) -> Result<ScoringView, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let (c, entry_id) = judged(&state, &me, &contest, &code).await?;
            let e = db::entries::entry_by_id(&state.db, entry_id).await.or_internal()?.ok_or(AppError::NotFound)?;
            let d = detail(&state, &c, true, false).await?;
            let criteria = rubric_for(&d, e.nomination_id);
            let files = db::entries::files(&state.db, entry_id).await.or_internal()?;
            let files = files
                .iter()
                .enumerate()
                .map(|(i, f)| JudgeFile {
                    url: format!("/files/{}", f.public_id),
                    name: judge_file_name(&code, i, &f.mime),
                    kind: f.kind,
                })
                .collect();
            let sheet = jdb::sheet(&state.db, entry_id, me.account_id).await.or_internal()?;
            let phase = c.phase(state.now());
            let own_submitted = sheet.as_ref().is_some_and(|s| s.row.state == "submitted");
            let colleagues = if rules::judge_sees_colleagues(phase, c.judges_see_colleagues, own_submitted) {
                jdb::contest_sheets(&state.db, c.contest_id)
                    .await
                    .or_internal()?
                    .iter()
                    .filter(|s| s.row.entry_id == entry_id && s.row.account_id != me.account_id && s.row.state == "submitted")
                    .map(|s| sheet_total(&criteria, &s.points))
                    .collect()
            } else {
                Vec::new()
            };
            let queue = queue_of(&state, me.account_id).await?;
            let done = queue.iter().filter(|(_, q)| q.state == "submitted").count() as u32;
            let pos = queue.iter().position(|(id, _)| *id == entry_id).unwrap_or(0);
            let next = queue.iter().cycle().skip(pos + 1).take(queue.len().saturating_sub(1)).find(|(_, q)| q.state != "submitted" && q.contest_id == contest).map(|(_, q)| q.code.clone());
            let participant = if c.blind {
                None
            } else {
                edb::participant_by_id(&state.db, e.participant_id).await.or_internal()?.map(|p| p.full_name)
            };
            let nomination = d.nominations.iter().find(|n| n.id == e.nomination_id).map(|n| n.name.clone()).unwrap_or_default();
            Ok(ScoringView {
                contest_id: c.public_id.clone(),
                contest_title: c.title(),
                code: code.clone(),
                title: e.title.clone(),
                description: e.description.clone(),
                nomination,
                participant,
                files,
                sheet: sheet.map(|s| SheetView {
                    version: s.row.version,
                    submitted: s.row.state == "submitted",
                    points: s.points.iter().map(|(c, h)| (*c, rules::format_halves(u32::try_from(*h).unwrap_or(0)))).collect(),
                    comment: s.row.comment.clone(),
                    note: s.row.note.clone(),
                }),
                open: c.judging_open(state.now()),
                published: c.published_at.is_some(),
                criteria,
                next,
                colleagues,
                done,
                total: queue.len() as u32,
            })
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
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let (c, entry_id) = judged(&state, &me, &form.contest, &form.code).await?;
            if !c.judging_open(state.now()) {
                let why = if c.published_at.is_some() { Msg::ErrJudgingPublished } else { Msg::ErrJudgingClosed };
                return Err(AppError::Refused(why));
            }
            let base: i64 = form.version.trim().parse().map_err(|_| AppError::BadRequest)?;
            let e = db::entries::entry_by_id(&state.db, entry_id).await.or_internal()?.ok_or(AppError::NotFound)?;
            // Every autosave comes through here: only the rubric is read, not the whole contest.
            let criteria = rubric_of(&state, c.contest_id, e.nomination_id).await?;
            let submit = matches!(form.action.as_str(), "submit" | "next");
            let mut ch = Checker::default();
            let mut points = Vec::new();
            for key in form.points.keys() {
                let cid = id(key.strip_prefix('c').ok_or(AppError::BadRequest)?)?;
                if !criteria.iter().any(|k| k.id == cid) {
                    return Err(AppError::NotFound);
                }
            }
            // In the rubric's order, so the first message is about the first wrong field.
            for k in &criteria {
                let Some(raw) = form.points.get(&format!("c{}", k.id)) else { continue };
                if raw.trim().is_empty() && !submit {
                    continue;
                }
                let cid = k.id;
                match rules::parse_points(raw, k.rules.max_points, k.rules.half_points) {
                    Ok(h) => points.push((cid, i64::from(h))),
                    Err(err) => {
                        let msg = match err {
                            rules::PointsError::Empty => Msg::ErrRequired,
                            rules::PointsError::NotANumber => Msg::ErrPointsNumber,
                            rules::PointsError::OutOfRange => Msg::ErrPointsRange,
                            rules::PointsError::Step => Msg::ErrPointsStep,
                        };
                        ch.check::<(), Msg>(Field::Points, Err(msg));
                    }
                }
            }
            if submit {
                for k in &criteria {
                    if !form.points.contains_key(&format!("c{}", k.id)) {
                        ch.check::<(), Msg>(Field::Points, Err(Msg::ErrPointsMissing));
                    }
                }
            }
            if form.comment.chars().count() > 4_000 || form.note.chars().count() > 4_000 {
                ch.check::<(), Msg>(Field::Comment, Err(Msg::ErrTextTooLong));
            }
            ch.finish()?;
            points.sort_unstable();
            let write = SheetWrite { points: &points, comment: form.comment.trim(), note: form.note.trim(), submit };
            let version = match jdb::save_sheet(&state.db, entry_id, me.account_id, base, &write, state.now()).await.or_internal()? {
                Saved::Saved(v) => v,
                Saved::Stale(_) => return Err(AppError::Conflict(Msg::ErrScoreStale)),
                Saved::Published => return Err(AppError::Refused(Msg::ErrJudgingPublished)),
            };
            match form.action.as_str() {
                "next" => {
                    let queue = queue_of(&state, me.account_id).await?;
                    let next = queue.iter().find(|(id, q)| *id != entry_id && q.state != "submitted" && q.contest_id == form.contest);
                    match next {
                        Some((_, q)) => ctx::redirect(&format!("/judge/{}/{}", form.contest, q.code)),
                        None => ctx::redirect("/judge?done=1"),
                    }
                }
                "submit" => ctx::redirect(&format!("/judge/{}/{}?submitted=1", form.contest, form.code)),
                // A plain form's "Save" comes back to the work and says so; the hydrated
                // page's autosave stays where it is.
                _ if ctx::plain_form() => ctx::redirect(&format!("/judge/{}/{}?saved=1", form.contest, form.code)),
                _ => {}
            }
            Ok(SaveAnswer { version, submitted: submit })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "judge_recuse")]
pub async fn judge_recuse(contest: String, code: String, reason: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
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
            audit(&state, me.account_id, "judge.recuse", &c, &format!("{code}: {reason}")).await?;
            ctx::redirect("/judge?recused=1");
            Ok(())
        }
        .await,
    )
}

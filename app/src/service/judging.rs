//! Judging: assigning works to judges, a judge's queue, and what a judge may read of a file
//! (under the work's anonymous code).

use crate::domain::ids::{AccountId, AgeGroupId, CriterionId, EntryId, NominationId};
use super::contests::{detail, local, rubric_of};
use super::OrInternal;
use crate::backend::auth::CurrentAccount;
use crate::backend::db::contests::ContestRow;
use crate::backend::db::entries as edb;
use crate::backend::db::judging::{self as jdb, Saved, SheetWrite};
use crate::backend::{AppState, db, ids};
use crate::domain::contest::Phase;
use crate::domain::count;
use crate::domain::judging::{self as rules, EntryFacts, JudgeFacts, PanelMode, SheetState};
use crate::error::{AppError, Field, FieldError};
use crate::i18n::Msg;
use crate::view::contests::{ContestDetail, CriterionView};
use crate::view::judging::*;
use std::collections::{HashMap, HashSet};

/// The criteria a nomination of a loaded contest is scored by: its own rubric, else the contest's (see [`crate::domain::contest::rubric_for`]).
pub fn rubric_for(c: &ContestDetail, nomination_id: NominationId) -> &[CriterionView] {
    let own = c.nominations.iter().find(|n| n.id == nomination_id).map_or(&[][..], |n| n.rubric.as_slice());
    crate::domain::contest::rubric_for(own, &c.rubric)
}

/// A sheet's total in percent, as the results compute it ([`crate::domain::results::judge_total`]),
/// for the judge's and the dashboard's display.
pub fn sheet_total(criteria: &[CriterionView], points: &[(CriterionId, i64)]) -> f64 {
    let crits: Vec<crate::domain::results::Criterion> =
        criteria.iter().map(|k| crate::domain::results::Criterion { id: k.id, max_points: k.rules.max_points, weight: k.rules.weight }).collect();
    let halves: Vec<(CriterionId, u32)> = points.iter().map(|(c, h)| (*c, u32::try_from(*h).unwrap_or(0))).collect();
    crate::domain::results::judge_total(&crits, &halves) as f64 / crate::domain::results::MICRO as f64
}

/// Per-judge random order of a queue: stable for the judge, different between judges.
pub fn order_key(judge: AccountId, entry: EntryId) -> u64 {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(format!("{judge}:{entry}"));
    u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// Assigns every submitted entry in the contest's panels: the whole panel, or `k` judges
/// each with even loads; conflicts and recusals are never assigned. Only adds pairs, so
/// scores already written keep their place; run again after late entries or a recusal.
pub async fn assign(state: &AppState, c: &ContestRow) -> Result<usize, AppError> {
    jdb::ensure_codes(&state.db, c.contest_id, ids::new_entry_code).await.or_internal()?;
    let panels = jdb::panels(&state.db, c.contest_id).await.or_internal()?;
    let entries = jdb::submitted_entries(&state.db, c.contest_id).await.or_internal()?;
    let judges = jdb::contest_judges(&state.db, c.contest_id).await.or_internal()?;
    let existing = jdb::assignments(&state.db, c.contest_id).await.or_internal()?;
    let assigned: HashSet<(EntryId, AccountId)> = existing.iter().copied().collect();
    let recused: HashSet<(EntryId, AccountId)> = jdb::recusals(&state.db, c.contest_id).await.or_internal()?.into_iter().map(|(e, a, _)| (e, a)).collect();
    let mut added = Vec::new();
    for (p, members) in &panels {
        let scope: Vec<&jdb::JudgedEntry> = entries
            .iter()
            .filter(|e| e.nomination_id == p.nomination_id && (p.age_group_id.is_none() || p.age_group_id == e.age_group_id))
            .collect();
        let mut blocked = recused.clone();
        for j in judges.iter().filter(|j| members.contains(&j.account_id)) {
            let facts = JudgeFacts { account_id: j.account_id, name: j.display_name.clone(), organisation: j.organisation.clone() };
            for e in &scope {
                let ef = EntryFacts { entrant_account_id: e.account_id, entrant_organisation: e.entrant_organisation.clone(), school: e.school.clone(), supervisor: e.supervisor.clone() };
                if rules::conflict(&facts, &ef).is_some() {
                    blocked.insert((e.entry_id, j.account_id));
                }
            }
        }
        let ids: Vec<EntryId> = scope.iter().map(|e| e.entry_id).collect();
        if let PanelMode::Balanced { k } = p.mode {
            let in_scope: HashSet<EntryId> = ids.iter().copied().collect();
            let current: Vec<(EntryId, AccountId)> = existing.iter().chain(added.iter()).filter(|(e, _)| in_scope.contains(e)).copied().collect();
            added.extend(rules::balanced(&ids, members, k as usize, &current, &blocked, c.contest_id.0 as u64));
        } else {
            for e in &ids {
                for j in members {
                    if !blocked.contains(&(*e, *j)) && !assigned.contains(&(*e, *j)) {
                        added.push((*e, *j));
                    }
                }
            }
        }
    }
    jdb::add_assignments(&state.db, &added, "auto", state.now()).await.or_internal()?;
    Ok(added.len())
}

pub async fn queue_of(state: &AppState, account_id: AccountId) -> Result<Vec<(EntryId, QueueItem)>, AppError> {
    let rows = jdb::queue(&state.db, account_id).await.or_internal()?;
    // Works given to the judge to re-review on appeal wait in the queue, whatever the phase.
    let reviews = db::appeals::review_queue(&state.db, account_id).await.or_internal()?;
    let contests = db::contests::list_all(&state.db).await.or_internal()?;
    let now = state.now();
    let review_ids: Vec<EntryId> = reviews.iter().map(|r| r.entry_id).collect();
    let mut items: Vec<(u64, EntryId, QueueItem)> = rows
        .into_iter()
        .chain(reviews)
        .filter_map(|r| {
            let c = contests.iter().find(|c| c.contest_id == r.contest_id)?;
            (c.phase(now) == Phase::Judging || review_ids.contains(&r.entry_id)).then(|| {
                (
                    order_key(account_id, r.entry_id),
                    r.entry_id,
                    QueueItem {
                        contest_id: r.contest_public_id.clone(),
                        contest_title: c.title(),
                        code: r.code.clone(),
                        title: r.title.clone(),
                        nomination_id: r.nomination_id,
                        nomination: local(&r.nomination_kk, &r.nomination_ru, &r.nomination_en),
                        state: r.sheet_state.map_or("left", SheetState::as_str).to_owned(),
                    },
                )
            })
        })
        .collect();
    items.sort_by_key(|(k, _, _)| *k);
    Ok(items.into_iter().map(|(_, e, i)| (e, i)).collect())
}

/// The entry a judge asks for by code, if it is theirs to score; else "not found".
pub async fn judged(state: &AppState, me: &CurrentAccount, contest: &str, code: &str) -> Result<(ContestRow, EntryId), AppError> {
    let c = db::contests::find(&state.db, contest).await.or_internal()?.ok_or(AppError::NotFound)?;
    let entry = jdb::assigned_entry(&state.db, c.contest_id, code, me.account_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    Ok((c, entry))
}

/// A file of an anchor work, for a judge of the anchor's contest: under the anchor's code,
/// always as blind judges get it (the work came from someone's entry).
async fn anchor_file_access(state: &AppState, me: &CurrentAccount, f: &db::files::FileRow) -> Result<Option<(String, bool)>, AppError> {
    let Some((code, contest_id)) = db::calibration::anchor_of_entry(&state.db, f.entry_id, me.account_id).await.or_internal()? else { return Ok(None) };
    let Some(c) = db::contests::find_by_id(&state.db, contest_id).await.or_internal()? else { return Ok(None) };
    if c.phase(state.now()) == Phase::Archived {
        return Ok(None);
    }
    let files = db::files::files(&state.db, f.entry_id).await.or_internal()?;
    let index = files.iter().position(|x| x.file_id == f.file_id).unwrap_or(0);
    Ok(Some((judge_file_name(&code, index, &f.mime), true)))
}

/// `K7Q-4MX-2.pdf`: what a judge's download is called.
pub fn judge_file_name(code: &str, index: usize, mime: &str) -> String {
    format!("{code}-{}.{}", index + 1, crate::domain::file::extension(mime))
}

/// How a judge may read a file: assigned to its entry and the contest being judged (or
/// later). The download name is the entry's code; blind contests get images re-encoded.
pub async fn judge_file_access(state: &AppState, me: &CurrentAccount, f: &db::files::FileRow) -> Result<Option<(String, bool)>, AppError> {
    if me.two_step_missing() {
        return Ok(None);
    }
    if !jdb::is_assigned(&state.db, f.entry_id, me.account_id).await.or_internal()? {
        return anchor_file_access(state, me, f).await;
    }
    let e = db::entries::entry_by_id(&state.db, f.entry_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let Some(c) = db::contests::find_by_id(&state.db, e.contest_id).await.or_internal()? else { return Ok(None) };
    if !matches!(c.phase(state.now()), Phase::Judging | Phase::Results | Phase::Archived) || e.state != crate::domain::entry::EntryState::Submitted {
        return Ok(None);
    }
    let files = db::files::files(&state.db, f.entry_id).await.or_internal()?;
    let index = files.iter().position(|x| x.file_id == f.file_id).unwrap_or(0);
    // A re-review on appeal is blind whatever the contest's rule.
    let blind = c.blind || db::appeals::reviews(&state.db, f.entry_id, me.account_id).await.or_internal()?;
    Ok(Some((judge_file_name(e.code.as_deref().unwrap_or("entry"), index, &f.mime), blind)))
}

/// What the dashboard's figures are computed from, loaded once.
struct Loaded {
    detail: ContestDetail,
    judges: Vec<jdb::JudgeRow>,
    panels: Vec<(jdb::PanelRow, Vec<AccountId>)>,
    entries: Vec<jdb::JudgedEntry>,
    recusals: Vec<(EntryId, AccountId, String)>,
    figures: crate::domain::dashboard::Figures,
}

/// Loads a contest's judging facts and computes the figures by the rule the results use
/// ([`crate::domain::dashboard::figures`]).
async fn load(state: &AppState, c: &ContestRow, detail: ContestDetail) -> Result<Loaded, AppError> {
    use crate::domain::dashboard::{EntryFact, Facts, PanelFact, SheetFact, figures};
    let judges = jdb::contest_judges(&state.db, c.contest_id).await.or_internal()?;
    let panels = jdb::panels(&state.db, c.contest_id).await.or_internal()?;
    let entries = jdb::submitted_entries(&state.db, c.contest_id).await.or_internal()?;
    let assigned = jdb::assignments(&state.db, c.contest_id).await.or_internal()?;
    let recusals = jdb::recusals(&state.db, c.contest_id).await.or_internal()?;
    let sheets = jdb::contest_sheets(&state.db, c.contest_id).await.or_internal()?;
    let entry_facts: Vec<EntryFact> = entries.iter().map(|e| EntryFact { entry: e.entry_id, nomination: e.nomination_id, age_group: e.age_group_id }).collect();
    let nomination_of: HashMap<EntryId, NominationId> = entries.iter().map(|e| (e.entry_id, e.nomination_id)).collect();
    let sheet_facts: Vec<SheetFact> = sheets
        .iter()
        .map(|s| {
            let own = nomination_of.get(&s.row.entry_id).map_or(detail.rubric.as_slice(), |n| rubric_for(&detail, *n));
            SheetFact { entry: s.row.entry_id, judge: s.row.account_id, state: s.row.state, total: sheet_total(own, &s.points) }
        })
        .collect();
    let panel_facts: Vec<PanelFact> = panels.iter().map(|(p, js)| PanelFact { nomination: p.nomination_id, age_group: p.age_group_id, mode: p.mode, judges: js.len() }).collect();
    let judge_ids: Vec<AccountId> = judges.iter().map(|j| j.account_id).collect();
    let nomination_ids: Vec<NominationId> = detail.nominations.iter().map(|n| n.id).collect();
    let recused: Vec<(EntryId, AccountId)> = recusals.iter().map(|(e, a, _)| (*e, *a)).collect();
    let figures = figures(&Facts {
        judges: &judge_ids,
        nominations: &nomination_ids,
        entries: &entry_facts,
        assigned: &assigned,
        recused: &recused,
        sheets: &sheet_facts,
        panels: &panel_facts,
        disagreement_pct: disagreement_pct(c),
    });
    Ok(Loaded { detail, judges, panels, entries, recusals, figures })
}

fn disagreement_pct(c: &ContestRow) -> u32 {
    u32::try_from(c.disagreement_pct).unwrap_or(25)
}

/// The figures' agreement per group, named: nominations and age groups in the reader's
/// terms, judges by their names in the order of the contest's judges.
fn reliability_views(l: &Loaded) -> Vec<GroupReliability> {
    let nomination = |id: NominationId| l.detail.nominations.iter().find(|n| n.id == id).map(|n| n.name.clone()).unwrap_or_default();
    let age_group = |id: AgeGroupId| l.detail.age_groups.iter().find(|g| g.id == id).map(|g| g.name.clone());
    let order: HashMap<AccountId, usize> = l.judges.iter().enumerate().map(|(i, j)| (j.account_id, i)).collect();
    l.figures
        .groups
        .iter()
        .map(|g| {
            let mut leans = g.leanings.clone();
            leans.sort_by_key(|x| order.get(&x.judge).copied().unwrap_or(usize::MAX));
            GroupReliability {
                nomination: nomination(g.nomination),
                age_group: g.age_group.and_then(age_group),
                agreement: g.agreement,
                leanings: leans
                    .into_iter()
                    .map(|x| (l.judges.iter().find(|j| j.account_id == x.judge).map(|j| j.display_name.clone()).unwrap_or_default(), x))
                    .collect(),
            }
        })
        .collect()
}

/// The jury's agreement per nomination × age group, for the results review (which has
/// loaded the contest already).
pub async fn reliability(state: &AppState, c: &ContestRow, d: &ContestDetail) -> Result<Vec<GroupReliability>, AppError> {
    Ok(reliability_views(&load(state, c, d.clone()).await?))
}

/// The judging dashboard of a contest: judges and their statistics, progress per
/// nomination, works short of sheets, disagreements, conflicts and the jury's agreement,
/// counted by the rule the results use.
pub async fn dashboard(state: &AppState, c: &ContestRow) -> Result<JudgingDashboard, AppError> {
    let l = load(state, c, detail(state, c, true, false).await?).await?;
    let reliability = reliability_views(&l);
    let Loaded { detail, judges, panels, entries, recusals, figures: f } = l;
    let view = |j: &jdb::JudgeRow| JudgeView { id: j.account_id, name: j.display_name.clone(), email: j.email.clone(), organisation: j.organisation.clone() };
    let stats = judges
        .iter()
        .zip(f.judges)
        .map(|(j, g)| JudgeStat { judge: view(j), assigned: g.assigned, submitted: g.submitted, drafts: g.drafts, mean: g.mean, sd: g.sd, totals: g.totals })
        .collect();
    let nominations = detail
        .nominations
        .iter()
        .zip(f.nominations)
        .map(|(n, g)| NominationProgress { nomination: n.name.clone(), entries: g.entries, sheets_assigned: g.sheets_assigned, sheets_submitted: g.sheets_submitted })
        .collect();
    let mut low_coverage = Vec::new();
    let mut disagreements = Vec::new();
    for (e, g) in entries.iter().zip(f.entries) {
        let flag = EntryFlag { code: e.code.clone().unwrap_or_default(), title: e.title.clone(), submitted: count(g.totals.len()), wanted: g.wanted, totals: g.totals };
        if g.disagreement {
            disagreements.push(flag.clone());
        }
        if g.short {
            low_coverage.push(flag);
        }
    }
    let invitations = jdb::pending_invitations(&state.db, c.contest_id, state.now()).await.or_internal()?.into_iter().map(|(e, o, _)| (e, o)).collect();
    let judge_views: Vec<JudgeView> = judges.iter().map(view).collect();
    Ok(JudgingDashboard {
        blind: c.blind,
        see_colleagues: c.judges_see_colleagues,
        disagreement_pct: disagreement_pct(c),
        judges: judge_views,
        invitations,
        panels: panels
            .iter()
            .map(|(p, js)| PanelView { nomination_id: p.nomination_id, age_group_id: p.age_group_id, balanced: p.mode.as_str() == "balanced", k: p.mode.k(), judges: js.clone() })
            .collect(),
        stats,
        nominations,
        low_coverage,
        disagreements,
        conflicts: conflicts(&judges, &entries, &recusals),
        reliability,
        entries: count(entries.len()),
        calibration: CalibrationAdmin::default(),
        contest: detail,
    })
}

/// Automatic conflicts (a judge's own work, their organisation, their pupil) and recusals.
fn conflicts(judges: &[jdb::JudgeRow], entries: &[jdb::JudgedEntry], recusals: &[(EntryId, AccountId, String)]) -> Vec<ConflictLine> {
    let mut lines = Vec::new();
    for j in judges {
        let facts = JudgeFacts { account_id: j.account_id, name: j.display_name.clone(), organisation: j.organisation.clone() };
        for e in entries {
            let ef = EntryFacts { entrant_account_id: e.account_id, entrant_organisation: e.entrant_organisation.clone(), school: e.school.clone(), supervisor: e.supervisor.clone() };
            if let Some(k) = rules::conflict(&facts, &ef) {
                let kind = match k {
                    rules::Conflict::OwnEntry => "own",
                    rules::Conflict::SameOrganisation => "organisation",
                    rules::Conflict::Supervisor => "supervisor",
                };
                lines.push(ConflictLine { code: e.code.clone().unwrap_or_default(), judge: j.display_name.clone(), kind: kind.into(), recused: false });
            }
        }
    }
    for (e, a, reason) in recusals {
        let code = entries.iter().find(|x| x.entry_id == *e).and_then(|x| x.code.clone()).unwrap_or_default();
        let judge = judges.iter().find(|j| j.account_id == *a).map(|j| j.display_name.clone()).unwrap_or_default();
        lines.push(ConflictLine { code, judge, kind: reason.clone(), recused: true });
    }
    lines
}

/// What a judge sees of a work they are assigned: the work under its code, the rubric, their
/// own sheet, colleagues' totals when the contest allows, and where they are in their queue.
/// (The API checks the contest's calibration rule first: `service::calibration::gate`.)
pub async fn scoring_view(state: &AppState, me: &CurrentAccount, contest: &str, code: &str) -> Result<ScoringView, AppError> {
    let (c, entry_id) = judged(state, me, contest, code).await?;
    let e = db::entries::entry_by_id(&state.db, entry_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let d = detail(state, &c, true, false).await?;
    let criteria = rubric_for(&d, e.nomination_id).to_vec();
    let files = db::files::files(&state.db, entry_id).await.or_internal()?;
    let files = files
        .iter()
        .enumerate()
        .map(|(i, f)| JudgeFile {
            url: format!("/files/{}", f.public_id),
            name: judge_file_name(code, i, &f.mime),
            kind: f.kind,
        })
        .collect();
    let sheet = jdb::sheet(&state.db, entry_id, me.account_id).await.or_internal()?;
    let phase = c.phase(state.now());
    let own_submitted = sheet.as_ref().is_some_and(|s| s.row.state == SheetState::Submitted);
    // A re-review on appeal is blind to the scores the work had.
    let review = db::appeals::reviews(&state.db, entry_id, me.account_id).await.or_internal()?;
    let colleagues = if !review && rules::judge_sees_colleagues(phase, c.judges_see_colleagues, own_submitted) {
        jdb::contest_sheets(&state.db, c.contest_id)
            .await
            .or_internal()?
            .iter()
            .filter(|s| s.row.entry_id == entry_id && s.row.account_id != me.account_id && s.row.state == SheetState::Submitted)
            .map(|s| sheet_total(&criteria, &s.points))
            .collect()
    } else {
        Vec::new()
    };
    let queue = queue_of(state, me.account_id).await?;
    let done = count(queue.iter().filter(|(_, q)| q.state == "submitted").count());
    let pos = queue.iter().position(|(id, _)| *id == entry_id).unwrap_or(0);
    let next = queue.iter().cycle().skip(pos + 1).take(queue.len().saturating_sub(1)).find(|(_, q)| q.state != "submitted" && q.contest_id == contest).map(|(_, q)| q.code.clone());
    let participant = if c.blind || review {
        None
    } else {
        edb::participant_by_id(&state.db, e.participant_id).await.or_internal()?.map(|p| p.full_name)
    };
    let nomination = d.nominations.iter().find(|n| n.id == e.nomination_id).map(|n| n.name.clone()).unwrap_or_default();
    // Only the answers to questions whose answers judges may see, and only those given.
    let answers = super::questions::answers_of(state, &e).await?.into_iter().filter(|a| a.question.judges_see() && a.value.is_some()).collect();
    Ok(ScoringView {
        contest_id: c.public_id.clone(),
        contest_title: c.title(),
        code: code.to_owned(),
        title: e.title.clone(),
        description: e.description.clone(),
        nomination,
        participant,
        files,
        answers,
        sheet: sheet.map(|s| SheetView {
            version: s.row.version,
            submitted: s.row.state == SheetState::Submitted,
            points: s.points.iter().map(|(c, h)| (*c, rules::format_halves(u32::try_from(*h).unwrap_or(0)))).collect(),
            comment: s.row.comment.clone(),
            note: s.row.note.clone(),
        }),
        open: review || c.judging_open(state.now()),
        published: !review && c.published_at.is_some(),
        criteria,
        next,
        colleagues,
        done,
        total: count(queue.len()),
    })
}

/// A judge's sheet as the form sent it.
pub struct SheetInput<'a> {
    pub contest: &'a str,
    pub code: &'a str,
    /// The sheet's version this write is based on (0 for a first write).
    pub version: &'a str,
    /// `c<criterion id>` → points as typed.
    pub points: &'a HashMap<String, String>,
    pub comment: &'a str,
    pub note: &'a str,
    /// Submit (every criterion required) rather than save a draft.
    pub submit: bool,
}

/// What a save did: the entry, the sheet's new version, and the criteria whose typed points
/// were not allowed (marked on the form; each keeps the points stored before).
pub struct SheetSaved {
    pub entry_id: EntryId,
    pub version: i64,
    pub invalid: Vec<FieldError>,
}

/// Saves (or submits) a judge's sheet, checked against the rubric and the sheet's version.
/// A value that is not allowed is never written and never costs the others: the rest of the
/// sheet is saved as a draft (a submitted sheet stays submitted with its stored value), and
/// the answer names each such criterion.
/// (The API checks the contest's calibration rule first: `service::calibration::gate`.)
pub async fn save_sheet(state: &AppState, me: &CurrentAccount, sheet: &SheetInput<'_>) -> Result<SheetSaved, AppError> {
    let (c, entry_id) = judged(state, me, sheet.contest, sheet.code).await?;
    if !c.judging_open(state.now()) && !db::appeals::reviews(&state.db, entry_id, me.account_id).await.or_internal()? {
        let why = if c.published_at.is_some() { Msg::ErrJudgingPublished } else { Msg::ErrJudgingClosed };
        return Err(AppError::Refused(why));
    }
    let base: i64 = sheet.version.trim().parse().map_err(|_| AppError::BadRequest)?;
    let e = db::entries::entry_by_id(&state.db, entry_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    // Every autosave comes through here: only the rubric is read, not the whole contest.
    let criteria = rubric_of(state, c.contest_id, e.nomination_id).await?;
    for key in sheet.points.keys() {
        let cid = super::parse_id(key.strip_prefix('c').ok_or(AppError::BadRequest)?)?;
        if !criteria.iter().any(|k| k.id == cid) {
            return Err(AppError::NotFound);
        }
    }
    if sheet.comment.chars().count() > 4_000 || sheet.note.chars().count() > 4_000 {
        return Err(AppError::field(Field::Comment, Msg::ErrTextTooLong));
    }
    let (mut points, invalid) = read_points(&criteria, sheet.points, sheet.submit);
    if !invalid.is_empty() {
        // What was stored stays for the criteria typed wrong.
        let stored = jdb::sheet(&state.db, entry_id, me.account_id).await.or_internal()?.map(|s| s.points).unwrap_or_default();
        for f in &invalid {
            if let Field::Criterion(cid) = f.field
                && let Some(&(k, h)) = stored.iter().find(|(k, _)| k.0 == cid)
            {
                points.push((k, h));
            }
        }
    }
    points.sort_unstable();
    let submit = sheet.submit && invalid.is_empty();
    let write = SheetWrite { points: &points, comment: sheet.comment.trim(), note: sheet.note.trim(), submit };
    let version = match jdb::save_sheet(&state.db, entry_id, me.account_id, base, &write, state.now()).await.or_internal()? {
        Saved::Saved(v) => v,
        Saved::Stale(_) => return Err(AppError::Conflict(Msg::ErrScoreStale)),
        Saved::Published => return Err(AppError::Refused(Msg::ErrJudgingPublished)),
    };
    Ok(SheetSaved { entry_id, version, invalid })
}

/// The typed points checked against the rubric, in its order: the allowed ones in halves,
/// and an error for each criterion typed wrong (or, to submit, left empty or left out).
pub(super) fn read_points(criteria: &[CriterionView], typed: &HashMap<String, String>, submit: bool) -> (Vec<(CriterionId, i64)>, Vec<FieldError>) {
    let mut points = Vec::new();
    let mut invalid = Vec::new();
    for k in criteria {
        let field = Field::Criterion(k.id.0);
        let Some(raw) = typed.get(&format!("c{}", k.id)) else {
            if submit {
                invalid.push(FieldError { field, msg: Msg::ErrPointsMissing });
            }
            continue;
        };
        if raw.trim().is_empty() && !submit {
            continue;
        }
        match rules::parse_points(raw, k.rules.max_points, k.rules.half_points) {
            Ok(h) => points.push((k.id, i64::from(h))),
            Err(err) => {
                let msg = match err {
                    rules::PointsError::Empty => Msg::ErrRequired,
                    rules::PointsError::NotANumber => Msg::ErrPointsNumber,
                    rules::PointsError::OutOfRange => Msg::ErrPointsRange,
                    rules::PointsError::Step => Msg::ErrPointsStep,
                };
                invalid.push(FieldError { field, msg });
            }
        }
    }
    (points, invalid)
}

/// The next work in the judge's queue for this contest that they have not submitted.
pub async fn next_to_score(state: &AppState, me: &CurrentAccount, contest: &str, after_entry: EntryId) -> Result<Option<String>, AppError> {
    let queue = queue_of(state, me.account_id).await?;
    Ok(queue.iter().find(|(id, q)| *id != after_entry && q.state != "submitted" && q.contest_id == contest).map(|(_, q)| q.code.clone()))
}

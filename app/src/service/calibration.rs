//! Judge calibration (`domain::calibration`): the admin's anchors and references, each
//! judge's calibration sheets, the rule that a queue waits for calibration, and how far each
//! judge stands from the references. Calibration scores are kept apart from score sheets:
//! results and the jury's statistics never see them.

use super::{OrInternal, internal};
use super::judging::{judge_file_name, rubric_for};
use crate::backend::auth::CurrentAccount;
use crate::backend::db::calibration::{self as cdb, AnchorFileRow, AnchorRow, AnchorSource, NewAnchor, UploadedFile};
use crate::backend::db::contests::ContestRow;
use crate::backend::{AppState, db};
use crate::domain::calibration::{Deviation, LEAN_PCT, Standing, TitleError};
use crate::domain::contest::{LocalText, Phase};
use crate::domain::ids::{AccountId, ContestId, CriterionId, NominationId};
use crate::domain::judging::format_halves;
use crate::error::{AppError, Field};
use crate::i18n::Msg;
use crate::view::contests::ContestDetail;
use crate::view::judging::{AnchorView, CalibrationAdmin, CalibrationTodo, CalibrationView, JudgeCalibration, JudgeFile, JudgeView};
use std::collections::HashMap;

fn explanation(a: &AnchorRow) -> LocalText {
    LocalText::new(a.explanation_kk.clone(), a.explanation_ru.clone(), a.explanation_en.clone())
}

fn halves_of(list: &[(i64, CriterionId, i64)], anchor: i64) -> Vec<(CriterionId, i64)> {
    list.iter().filter(|(a, _, _)| *a == anchor).map(|(_, c, h)| (*c, *h)).collect()
}

fn halves_text(h: i64) -> String {
    format_halves(u32::try_from(h).unwrap_or(0))
}

/// Whether a judge calibrates on an anchor of this nomination: when they sit on its panel,
/// or on no panel of the contest yet.
fn calibrates_on(panels: &[NominationId], nomination: NominationId) -> bool {
    panels.is_empty() || panels.contains(&nomination)
}

async fn anchors_for(state: &AppState, contest: &ContestRow, judge: AccountId) -> Result<Vec<AnchorRow>, AppError> {
    let all = cdb::anchors(&state.db, contest.contest_id).await.or_internal()?;
    let panels: Vec<NominationId> = cdb::panel_seats(&state.db, contest.contest_id).await.or_internal()?.into_iter().filter(|(a, _)| *a == judge).map(|(_, n)| n).collect();
    Ok(all.into_iter().filter(|a| calibrates_on(&panels, a.nomination_id)).collect())
}

/// Where a judge stands with a contest's calibration.
pub async fn standing(state: &AppState, contest: &ContestRow, judge: AccountId) -> Result<Standing, AppError> {
    let mine = anchors_for(state, contest, judge).await?;
    let done = cdb::submitted(&state.db, contest.contest_id, judge).await.or_internal()?;
    let n = mine.iter().filter(|a| done.contains(&a.anchor_id)).count();
    Ok(Standing::of(crate::domain::count(n), crate::domain::count(mine.len())))
}

/// Refuses a judge's work `code` of the contest while its calibration is required and the
/// judge's is unfinished. Every autosave comes through here: a contest without the rule
/// costs one read.
pub async fn gate(state: &AppState, me: &CurrentAccount, contest: &str, code: &str) -> Result<(), AppError> {
    if !cdb::required_by_public_id(&state.db, contest).await.or_internal()?.unwrap_or(false) {
        return Ok(());
    }
    // Someone not assigned this work learns nothing about the rule: not found, as before.
    let (c, _) = super::judging::judged(state, me, contest, code).await?;
    if standing(state, &c, me.account_id).await?.holds_queue(true) {
        return Err(AppError::Denied(Msg::ErrCalibrateFirst));
    }
    Ok(())
}

/// What the judging dashboard shows of calibration: the rule, the anchors with their
/// references and how many of their judges scored each, and each judge's deviation.
pub async fn admin_view(state: &AppState, contest: &ContestRow, d: &ContestDetail, judges: &[JudgeView]) -> Result<CalibrationAdmin, AppError> {
    let anchors = cdb::anchors(&state.db, contest.contest_id).await.or_internal()?;
    let references = cdb::references(&state.db, contest.contest_id).await.or_internal()?;
    let scores = cdb::scores(&state.db, contest.contest_id).await.or_internal()?;
    let sheets = cdb::sheets(&state.db, contest.contest_id).await.or_internal()?;
    let seats = cdb::panel_seats(&state.db, contest.contest_id).await.or_internal()?;
    let files = cdb::anchor_files(&state.db, contest.contest_id).await.or_internal()?;
    let panels: Vec<Vec<NominationId>> = judges.iter().map(|j| seats.iter().filter(|(a, _)| *a == j.id).map(|(_, n)| *n).collect()).collect();
    let views = anchors
        .iter()
        .map(|a| {
            let criteria = rubric_for(d, a.nomination_id).to_vec();
            let reference = halves_of(&references, a.anchor_id);
            AnchorView {
                id: a.anchor_id,
                code: a.code.clone(),
                nomination: d.nominations.iter().find(|n| n.id == a.nomination_id).map(|n| n.name.clone()).unwrap_or_default(),
                title: a.title.clone(),
                receipt: a.source_contest_id.zip(a.source_receipt_no).map(|(c, no)| crate::domain::entry::receipt(c, no)).unwrap_or_default(),
                files: files.iter().filter(|f| f.anchor_id == a.anchor_id).map(|f| (format!("/anchor-files/{}", f.public_id), f.original_name.clone())).collect(),
                reference: criteria.iter().filter_map(|k| reference.iter().find(|(c, _)| *c == k.id).map(|(c, h)| (*c, halves_text(*h)))).collect(),
                criteria,
                explanation: explanation(a),
                done: crate::domain::count(sheets.iter().filter(|(x, _)| *x == a.anchor_id).count()),
                of: crate::domain::count(panels.iter().filter(|p| calibrates_on(p, a.nomination_id)).count()),
            }
        })
        .collect();
    let lines = judges
        .iter()
        .map(|j| {
            let deviation = deviation_of(d, &anchors, &references, &scores, j.id);
            JudgeCalibration { judge: j.name.clone(), deviation, lean: deviation.lean(LEAN_PCT) }
        })
        .collect();
    Ok(CalibrationAdmin { required: cdb::required(&state.db, contest.contest_id).await.or_internal()?, anchors: views, judges: lines })
}

/// A judge's deviation over the anchors they scored that have references.
pub fn deviation_of(d: &ContestDetail, anchors: &[AnchorRow], references: &[(i64, CriterionId, i64)], scores: &[(i64, AccountId, CriterionId, i64)], judge: AccountId) -> Deviation {
    let mut out = Deviation::default();
    for a in anchors {
        let own: Vec<(CriterionId, i64)> = scores.iter().filter(|(x, j, _, _)| *x == a.anchor_id && *j == judge).map(|(_, _, c, h)| (*c, *h)).collect();
        let reference = halves_of(references, a.anchor_id);
        let pairs: Vec<(u32, u32, u32)> = rubric_for(d, a.nomination_id)
            .iter()
            .filter_map(|k| {
                let o = own.iter().find(|(c, _)| *c == k.id)?.1;
                let r = reference.iter().find(|(c, _)| *c == k.id)?.1;
                Some((u32::try_from(o).ok()?, u32::try_from(r).ok()?, k.rules.max_points))
            })
            .collect();
        if !pairs.is_empty() {
            out.add(&pairs);
        }
    }
    out
}

/// Makes the submitted work with this receipt (of this contest or a past one) an anchor of
/// `nomination`; its code.
pub async fn add_anchor(state: &AppState, contest: &ContestRow, receipt: &str, nomination: &str) -> Result<String, AppError> {
    let mut c = crate::error::Checker::default();
    let parsed = c.check(Field::Code, crate::domain::entry::parse_receipt(receipt).ok_or(Msg::ErrNotFound));
    let nomination = c.check(Field::Nomination, nomination.trim().parse::<i64>().map(NominationId).map_err(|_| Msg::ErrChooseOption));
    c.finish()?;
    let (Some((source_contest, no)), Some(nomination)) = (parsed, nomination) else { return Err(AppError::BadRequest) };
    let ours = db::contest_parts::nominations(&state.db, contest.contest_id).await.or_internal()?;
    if !ours.iter().any(|n| n.nomination_id == nomination) {
        return Err(AppError::field(Field::Nomination, Msg::ErrChooseOption));
    }
    let source = cdb::source_by_receipt(&state.db, source_contest, no).await.or_internal()?.ok_or_else(|| AppError::field(Field::Code, Msg::ErrNotFound))?;
    let added = cdb::insert_anchor(&state.db, contest.contest_id, nomination, &AnchorSource::Entry(source), state.now())
        .await
        .or_internal()?
        .ok_or_else(|| AppError::field(Field::Code, Msg::ErrAnchorTwice))?;
    Ok(added.code)
}

/// What an uploaded example may be: its title and nomination as checked, and the
/// nomination's rules for works' files (an example is scored like any of its works).
#[derive(Clone, Debug)]
pub struct ExampleRules {
    pub title: String,
    pub nomination: NominationId,
    pub kinds: Vec<crate::domain::contest::FileKind>,
    pub max_bytes: i64,
    pub max_files: i64,
}

/// Checks an uploaded example's title ([`crate::domain::calibration::example_title`]) and
/// nomination (this contest's) before any of its bytes are kept.
pub async fn example_rules(state: &AppState, contest: &ContestRow, title: &str, nomination: &str) -> Result<ExampleRules, AppError> {
    let mut c = crate::error::Checker::default();
    let title = c.check(
        Field::Title,
        crate::domain::calibration::example_title(title).map_err(|e| match e {
            TitleError::Empty => Msg::ErrRequired,
            TitleError::TooLong => Msg::ErrTextTooLong,
            TitleError::ControlChars => Msg::ErrControlChars,
        }),
    );
    let ours = db::contest_parts::nominations(&state.db, contest.contest_id).await.or_internal()?;
    let n = c.check(Field::Nomination, nomination.trim().parse::<i64>().ok().and_then(|id| ours.into_iter().find(|n| n.nomination_id.0 == id)).ok_or(Msg::ErrChooseOption));
    c.finish()?;
    let (Some(title), Some(n)) = (title, n) else { return Err(AppError::BadRequest) };
    Ok(ExampleRules { title, nomination: n.nomination_id, kinds: n.allowed_kinds.0, max_bytes: n.max_file_mb * 1024 * 1024, max_files: n.max_files })
}

/// Makes files already in the store an uploaded example: a new anchor of the rules'
/// nomination with those files, in one transaction. The caller starts the new blobs'
/// thumbnails and blind copies, and removes what it stored when this fails.
pub async fn add_example(state: &AppState, contest: &ContestRow, rules: &ExampleRules, files: &[UploadedFile<'_>]) -> Result<NewAnchor, AppError> {
    if files.is_empty() {
        return Err(AppError::field(Field::File, Msg::ErrNoFileChosen));
    }
    let source = AnchorSource::Upload { title: &rules.title, files };
    cdb::insert_anchor(&state.db, contest.contest_id, rules.nomination, &source, state.now()).await.or_internal()?.ok_or_else(|| internal("an uploaded example conflicted"))
}

/// Deletes an anchor with every judge's sheet of it and its uploaded files (their stored
/// bytes too, unless a work's file shares them); its code.
pub async fn delete_anchor(state: &AppState, contest: &ContestRow, anchor: i64) -> Result<String, AppError> {
    let (code, gone) = cdb::delete_anchor(&state.db, contest.contest_id, anchor).await.or_internal()?.ok_or(AppError::NotFound)?;
    for sha in gone {
        super::entries::drop_blob(state, &sha).await;
    }
    Ok(code)
}

/// A file of an uploaded example for whoever asks: the contest's staff get it as uploaded
/// (`None` for the name: the original's), a judge who calibrates on the anchor gets it blind
/// under the anchor's code (`A1-1.jpg`); anyone else, nothing.
pub async fn example_file_access(state: &AppState, me: &CurrentAccount, public_id: &str) -> Result<Option<(AnchorFileRow, Option<String>)>, AppError> {
    let Some(f) = cdb::anchor_file(&state.db, public_id).await.or_internal()? else { return Ok(None) };
    if super::access::holds_on(state, me, f.contest_id, crate::domain::access::Power::See).await? {
        return Ok(Some((f, None)));
    }
    if me.two_step_missing() || !db::judging::is_contest_judge(&state.db, f.contest_id, me.account_id).await.or_internal()? {
        return Ok(None);
    }
    let Some(c) = db::contests::find_by_id(&state.db, f.contest_id).await.or_internal()? else { return Ok(None) };
    if !anchors_for(state, &c, me.account_id).await?.iter().any(|a| a.anchor_id == f.anchor_id) {
        return Ok(None);
    }
    let siblings = cdb::anchor_files(&state.db, f.contest_id).await.or_internal()?;
    let index = siblings.iter().filter(|x| x.anchor_id == f.anchor_id).position(|x| x.public_id == f.public_id).unwrap_or(0);
    let name = judge_file_name(&f.code, index, &f.mime);
    Ok(Some((f, Some(name))))
}

/// Every criterion of the nomination's rubric read from the typed points (`c<id>` → as
/// typed), by the rule score sheets follow; every refused one named.
async fn checked_points(state: &AppState, contest: ContestId, nomination: NominationId, points: &HashMap<String, String>) -> Result<Vec<(CriterionId, i64)>, AppError> {
    let rubric = super::contests::rubric_of(state, contest, nomination).await?;
    let (scores, invalid) = super::judging::read_points(&rubric, points, true);
    if invalid.is_empty() { Ok(scores) } else { Err(AppError::Validation(invalid)) }
}

/// Sets an anchor's reference points (every criterion of its rubric) and explanation; its code.
pub async fn save_reference(state: &AppState, contest: &ContestRow, anchor: i64, points: &HashMap<String, String>, words: LocalText) -> Result<String, AppError> {
    let a = cdb::anchors(&state.db, contest.contest_id).await.or_internal()?.into_iter().find(|a| a.anchor_id == anchor).ok_or(AppError::NotFound)?;
    let scores = checked_points(state, contest.contest_id, a.nomination_id, points).await?;
    if !cdb::set_reference(&state.db, contest.contest_id, anchor, &scores, [&words.kk, &words.ru, &words.en], state.now()).await.or_internal()? {
        return Err(AppError::NotFound);
    }
    Ok(a.code)
}

/// Calibration is open until the results are out.
fn calibration_open(state: &AppState, c: &ContestRow) -> bool {
    c.published_at.is_none() && !matches!(c.phase(state.now()), Phase::Results | Phase::Archived)
}

/// What a judge has to calibrate on, contest by contest (contests without anchors for them,
/// or whose results are out, are left out).
pub async fn todo_of(state: &AppState, me: &CurrentAccount) -> Result<Vec<CalibrationTodo>, AppError> {
    let mut out = Vec::new();
    for contest_id in cdb::contests_with_anchors(&state.db, me.account_id).await.or_internal()? {
        let Some(c) = db::contests::find_by_id(&state.db, contest_id).await.or_internal()? else { continue };
        let mine = anchors_for(state, &c, me.account_id).await?;
        if !calibration_open(state, &c) || mine.is_empty() {
            continue;
        }
        let done = cdb::submitted(&state.db, c.contest_id, me.account_id).await.or_internal()?;
        out.push(CalibrationTodo {
            contest_id: c.public_id.clone(),
            contest_title: c.title(),
            required: cdb::required(&state.db, c.contest_id).await.or_internal()?,
            anchors: mine.iter().map(|a| (a.code.clone(), done.contains(&a.anchor_id))).collect(),
        });
    }
    Ok(out)
}

/// The anchor `code` of a contest this account judges, when it is one of theirs.
async fn judge_anchor(state: &AppState, me: &CurrentAccount, contest: &str, code: &str) -> Result<(ContestRow, AnchorRow), AppError> {
    let c = db::contests::find(&state.db, contest).await.or_internal()?.ok_or(AppError::NotFound)?;
    if !db::judging::is_contest_judge(&state.db, c.contest_id, me.account_id).await.or_internal()? {
        return Err(AppError::NotFound);
    }
    let a = anchors_for(state, &c, me.account_id).await?.into_iter().find(|a| a.code == code).ok_or(AppError::NotFound)?;
    Ok((c, a))
}

/// An anchor as its judge sees it: the work under the anchor's code and the rubric; once
/// their sheet is in, each criterion's reference beside their own, and the explanation.
pub async fn judge_view(state: &AppState, me: &CurrentAccount, contest: &str, code: &str) -> Result<CalibrationView, AppError> {
    let (c, a) = judge_anchor(state, me, contest, code).await?;
    let d = super::contests::detail(state, &c, true, false).await?;
    let criteria = rubric_for(&d, a.nomination_id).to_vec();
    let files: Vec<(String, String, crate::domain::contest::FileKind)> = match a.source_entry_id {
        Some(entry) => db::files::files(&state.db, entry).await.or_internal()?.into_iter().map(|f| (format!("/files/{}", f.public_id), f.mime, f.kind)).collect(),
        None => cdb::anchor_files(&state.db, c.contest_id)
            .await
            .or_internal()?
            .into_iter()
            .filter(|f| f.anchor_id == a.anchor_id)
            .map(|f| (format!("/anchor-files/{}", f.public_id), f.mime, f.kind))
            .collect(),
    };
    let files = files.into_iter().enumerate().map(|(i, (url, mime, kind))| JudgeFile { url, name: judge_file_name(&a.code, i, &mime), kind }).collect();
    let done = cdb::submitted(&state.db, c.contest_id, me.account_id).await.or_internal()?.contains(&a.anchor_id);
    let compared = if done {
        let reference = halves_of(&cdb::references(&state.db, c.contest_id).await.or_internal()?, a.anchor_id);
        let scores = cdb::scores(&state.db, c.contest_id).await.or_internal()?;
        let own: Vec<(CriterionId, i64)> = scores.iter().filter(|(x, j, _, _)| *x == a.anchor_id && *j == me.account_id).map(|(_, _, k, h)| (*k, *h)).collect();
        let text = |list: &[(CriterionId, i64)], id| list.iter().find(|(k, _)| *k == id).map(|(_, h)| halves_text(*h)).unwrap_or_default();
        Some(criteria.iter().map(|k| (k.id, text(&own, k.id), text(&reference, k.id))).collect())
    } else {
        None
    };
    let todo = todo_of(state, me).await?;
    let next = todo.iter().find(|t| t.contest_id == c.public_id).and_then(|t| t.anchors.iter().find(|(x, done)| !done && *x != a.code)).map(|(x, _)| x.clone());
    Ok(CalibrationView {
        contest_id: c.public_id.clone(),
        contest_title: c.title(),
        code: a.code.clone(),
        nomination: d.nominations.iter().find(|n| n.id == a.nomination_id).map(|n| n.name.clone()).unwrap_or_default(),
        files,
        criteria,
        explanation: if done { explanation(&a) } else { LocalText::default() },
        compared,
        open: calibration_open(state, &c),
        next,
    })
}

/// Stores a judge's calibration sheet of an anchor: every criterion, by the rubric's rules;
/// once only.
pub async fn submit(state: &AppState, me: &CurrentAccount, contest: &str, code: &str, points: &HashMap<String, String>) -> Result<(), AppError> {
    let (c, a) = judge_anchor(state, me, contest, code).await?;
    if !calibration_open(state, &c) {
        return Err(AppError::Refused(Msg::ErrJudgingPublished));
    }
    let scores = checked_points(state, c.contest_id, a.nomination_id, points).await?;
    if !cdb::submit(&state.db, a.anchor_id, me.account_id, &scores, state.now()).await.or_internal()? {
        return Err(AppError::Conflict(Msg::ErrAnchorTwice));
    }
    Ok(())
}

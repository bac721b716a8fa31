//! Judging: assigning works to judges, a judge's queue, and what a judge may read of a file
//! (under the work's anonymous code).

use super::contests::local;
use super::OrInternal;
use crate::backend::auth::CurrentAccount;
use crate::backend::db::contests::ContestRow;
use crate::backend::db::judging as jdb;
use crate::backend::{AppState, db, ids};
use crate::domain::contest::Phase;
use crate::domain::judging::{self as rules, EntryFacts, JudgeFacts};
use crate::error::AppError;
use crate::view::contests::{ContestDetail, CriterionView};
use crate::view::judging::*;
use std::collections::HashSet;

pub fn id(s: &str) -> Result<i64, AppError> {
    s.trim().parse().map_err(|_| AppError::BadRequest)
}

/// The criteria a nomination is scored by: its own rubric, else the contest's.
pub fn rubric_for(c: &ContestDetail, nomination_id: i64) -> Vec<CriterionView> {
    c.nominations
        .iter()
        .find(|n| n.id == nomination_id)
        .filter(|n| !n.rubric.is_empty())
        .map_or_else(|| c.rubric.clone(), |n| n.rubric.clone())
}

pub fn sheet_total(criteria: &[CriterionView], points: &[(i64, i64)]) -> f64 {
    let scored: Vec<(u32, u32, u32)> = criteria
        .iter()
        .map(|k| {
            let h = points.iter().find(|(c, _)| *c == k.id).map_or(0, |(_, h)| u32::try_from(*h).unwrap_or(0));
            (h, k.rules.max_points, k.rules.weight)
        })
        .collect();
    rules::weighted_percent(&scored)
}

/// Per-judge random order of a queue: stable for the judge, different between judges.
pub fn order_key(judge: i64, entry: i64) -> u64 {
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
    let recused: HashSet<(i64, i64)> = jdb::recusals(&state.db, c.contest_id).await.or_internal()?.into_iter().map(|(e, a, _)| (e, a)).collect();
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
        let ids: Vec<i64> = scope.iter().map(|e| e.entry_id).collect();
        if p.mode == "balanced" {
            let in_scope: HashSet<i64> = ids.iter().copied().collect();
            let current: Vec<(i64, i64)> = existing.iter().chain(added.iter()).filter(|(e, _)| in_scope.contains(e)).copied().collect();
            added.extend(rules::balanced(&ids, members, p.k as usize, &current, &blocked, c.contest_id as u64));
        } else {
            for e in &ids {
                for j in members {
                    if !blocked.contains(&(*e, *j)) && !existing.contains(&(*e, *j)) {
                        added.push((*e, *j));
                    }
                }
            }
        }
    }
    jdb::add_assignments(&state.db, &added, "auto", state.now()).await.or_internal()?;
    Ok(added.len())
}

pub async fn queue_of(state: &AppState, account_id: i64) -> Result<Vec<(i64, QueueItem)>, AppError> {
    let rows = jdb::queue(&state.db, account_id).await.or_internal()?;
    let contests = db::contests::list_all(&state.db).await.or_internal()?;
    let now = state.now();
    let mut items: Vec<(u64, i64, QueueItem)> = rows
        .into_iter()
        .filter_map(|r| {
            let c = contests.iter().find(|c| c.contest_id == r.contest_id)?;
            (c.phase(now) == Phase::Judging).then(|| {
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
                        state: r.sheet_state.clone().unwrap_or_else(|| "left".into()),
                    },
                )
            })
        })
        .collect();
    items.sort_by_key(|(k, _, _)| *k);
    Ok(items.into_iter().map(|(_, e, i)| (e, i)).collect())
}

/// The entry a judge asks for by code, if it is theirs to score; else "not found".
pub async fn judged(state: &AppState, me: &CurrentAccount, contest: &str, code: &str) -> Result<(ContestRow, i64), AppError> {
    let c = db::contests::find(&state.db, contest).await.or_internal()?.ok_or(AppError::NotFound)?;
    let entry = jdb::assigned_entry(&state.db, c.contest_id, code, me.account_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    Ok((c, entry))
}

/// `K7Q-4MX-2.pdf`: what a judge's download is called.
pub fn judge_file_name(code: &str, index: usize, mime: &str) -> String {
    format!("{code}-{}.{}", index + 1, crate::domain::file::extension(mime))
}

/// How a judge may read a file: assigned to its entry and the contest being judged (or
/// later). The download name is the entry's code; blind contests get images re-encoded.
pub async fn judge_file_access(state: &AppState, me: &CurrentAccount, f: &db::entries::FileRow) -> Result<Option<(String, bool)>, AppError> {
    if !jdb::is_assigned(&state.db, f.entry_id, me.account_id).await.or_internal()? {
        return Ok(None);
    }
    let e = db::entries::entry_by_id(&state.db, f.entry_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let Some(c) = db::contests::find_by_id(&state.db, e.contest_id).await.or_internal()? else { return Ok(None) };
    if !matches!(c.phase(state.now()), Phase::Judging | Phase::Results | Phase::Archived) || e.state != crate::domain::entry::EntryState::Submitted {
        return Ok(None);
    }
    let files = db::entries::files(&state.db, f.entry_id).await.or_internal()?;
    let index = files.iter().position(|x| x.file_id == f.file_id).unwrap_or(0);
    Ok(Some((judge_file_name(e.code.as_deref().unwrap_or("entry"), index, &f.mime), c.blind)))
}

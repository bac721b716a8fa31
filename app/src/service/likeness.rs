//! Near-duplicate works (`domain::likeness`): the pairs an organiser reviews before judging,
//! and their verdicts (fine, or one work disqualified with a reason). Staff with the power
//! `Entries` only: judges are never shown a pair.

use super::OrInternal;
use super::contests::Moments;
use crate::backend::auth::CurrentAccount;
use crate::backend::db::contests::ContestRow;
use crate::backend::db::entries as edb;
use crate::backend::db::likeness::{self as ldb, Decided, Verdict};
use crate::backend::{AppState, db};
use crate::domain::access::Power;
use crate::domain::audit::Action;
use crate::domain::contest::FileKind;
use crate::domain::entry::EntryState;
use crate::domain::ids::{ContestId, EntryId};
use crate::domain::likeness::{Item, Pair, Print, pairs};
use crate::error::{AppError, Field};
use crate::i18n::Msg;
use crate::view::contests::Moment;
use crate::view::likeness::{LikenessPage, PairView, VerdictView, WorkSide};
use std::collections::HashMap;

/// The most pairs one page shows (the most alike first).
const SHOWN: usize = 200;

/// The pairs found for a contest's works: within it and against every other contest's.
/// Also how many of its files are still unread.
pub async fn find(state: &AppState, contest: ContestId) -> Result<(Vec<Pair>, usize), AppError> {
    let rows = ldb::items(&state.db).await.or_internal()?;
    // Each work's first round: works advanced from one another are one work.
    let from: HashMap<i64, i64> = rows.iter().filter_map(|r| r.advanced_from.map(|f| (r.entry_id.0, f.0))).collect();
    let mut waiting = std::collections::HashSet::new();
    let (mut ours, mut others) = (Vec::new(), Vec::new());
    for r in rows {
        let print = match (&r.kind, &r.print) {
            (Some(k), Some(p)) => Print::decode(k, p),
            _ => {
                if r.contest_id == contest {
                    waiting.insert(r.sha256.clone());
                }
                Print::Nothing
            }
        };
        let item = Item { entry: r.entry_id.0, sha256: r.sha256, print };
        if r.contest_id == contest { ours.push(item) } else { others.push(item) }
    }
    // Compared off the async threads: a large installation's comparison takes a while.
    let found = tokio::task::spawn_blocking(move || {
        let root = |mut e: i64| {
            for _ in 0..64 {
                match from.get(&e) {
                    Some(f) => e = *f,
                    None => break,
                }
            }
            e
        };
        pairs(&ours, &others, |a, b| root(a) == root(b))
    })
    .await
    .or_internal()?;
    Ok((found, waiting.len()))
}

/// The near-duplicates page of a contest.
pub async fn page(state: &AppState, me: &CurrentAccount, c: &ContestRow) -> Result<LikenessPage, AppError> {
    let (found, waiting) = find(state, c.contest_id).await?;
    let verdicts: HashMap<(i64, i64), ldb::VerdictRow> = ldb::verdicts(&state.db, c.contest_id).await.or_internal()?.into_iter().map(|v| ((v.entry_a.0, v.entry_b.0), v)).collect();
    let moments = Moments::of(c);
    let mut sides: HashMap<i64, WorkSide> = HashMap::new();
    let mut contests: HashMap<ContestId, (ContestRow, bool)> = HashMap::new();
    let mut out = Vec::new();
    for p in found.iter().take(SHOWN) {
        for e in [p.ours, p.other] {
            if let std::collections::hash_map::Entry::Vacant(slot) = sides.entry(e) {
                slot.insert(side(state, me, c, EntryId(e), &mut contests).await?);
            }
        }
        let verdict = verdicts.get(&(p.ours.min(p.other), p.ours.max(p.other))).map(|v| VerdictView {
            disqualified: v.disqualified_entry.and_then(|e| sides.get(&e.0)).map(|s| s.code.clone()),
            reason: v.reason.clone(),
            by: v.decided_by.clone().unwrap_or_default(),
            at: moments.at(Some(v.created_at)).unwrap_or(Moment { utc: v.created_at, offset: 0 }),
        });
        let (Some(a), Some(b)) = (sides.get(&p.ours), sides.get(&p.other)) else { continue };
        out.push(PairView { a: a.clone(), b: b.clone(), similarity: p.similarity, how: p.how.as_str().to_owned(), verdict });
    }
    Ok(LikenessPage { contest: c.public_id.clone(), title: c.title(), pairs: out, waiting, more: found.len().saturating_sub(SHOWN) })
}

/// One work as the reviewer may see it: fully when they hold `Entries` on its contest.
async fn side(state: &AppState, me: &CurrentAccount, c: &ContestRow, entry: EntryId, contests: &mut HashMap<ContestId, (ContestRow, bool)>) -> Result<WorkSide, AppError> {
    let e = edb::entry_by_id(&state.db, entry).await.or_internal()?.ok_or(AppError::NotFound)?;
    if let std::collections::hash_map::Entry::Vacant(slot) = contests.entry(e.contest_id) {
        let row = db::contests::find_by_id(&state.db, e.contest_id).await.or_internal()?.ok_or(AppError::NotFound)?;
        let visible = e.contest_id == c.contest_id || super::access::holds_on(state, me, e.contest_id, Power::Entries).await?;
        slot.insert((row, visible));
    }
    let (row, visible) = contests.get(&e.contest_id).map(|(r, v)| (r.clone(), *v)).ok_or(AppError::NotFound)?;
    let elsewhere = (e.contest_id != c.contest_id).then(|| (row.public_id.clone(), row.title()));
    let code = e.code.clone().unwrap_or_default();
    let receipt = e.receipt_no.map(|n| crate::domain::entry::receipt(e.contest_id, n)).unwrap_or_default();
    if !visible {
        return Ok(WorkSide { id: e.public_id, code, receipt, state: e.state, elsewhere, visible, title: String::new(), author: String::new(), thumb: None, file: None });
    }
    let author = edb::participant_by_id(&state.db, e.participant_id).await.or_internal()?.map(|p| p.full_name).unwrap_or_default();
    let files = db::files::files(&state.db, e.entry_id).await.or_internal()?;
    let thumb = files.iter().find(|f| f.kind == FileKind::Image && f.thumb_state.as_deref() == Some("ready")).map(|f| format!("/files/{}/thumb", f.public_id));
    let file = files.first().map(|f| (format!("/files/{}", f.public_id), f.original_name.clone()));
    Ok(WorkSide { id: e.public_id, code, receipt, state: e.state, elsewhere, visible, title: e.title, author, thumb, file })
}

/// Records a verdict on the pair `a` (a work of `c`) and `b`: `verdict` is `fine`, or the
/// public id of the work of `c` to disqualify; `reason` is required either way.
pub async fn decide(state: &AppState, me: &CurrentAccount, c: &ContestRow, (a, b): (&str, &str), verdict: &str, reason: &str) -> Result<(), AppError> {
    let reason = crate::domain::appeal::text(reason).map_err(|r| match r {
        crate::domain::appeal::Refusal::Empty => AppError::field(Field::Reason, Msg::ErrRequired),
        crate::domain::appeal::Refusal::TooLong => AppError::field(Field::Reason, Msg::ErrTextTooLong),
        _ => AppError::field(Field::Reason, Msg::ErrControlChars),
    })?;
    let ea = edb::entry(&state.db, None, a.trim()).await.or_internal()?.filter(|e| e.contest_id == c.contest_id).ok_or(AppError::NotFound)?;
    let eb = edb::entry(&state.db, None, b.trim()).await.or_internal()?.filter(|e| e.entry_id != ea.entry_id).ok_or(AppError::NotFound)?;
    let entered = |s: EntryState| matches!(s, EntryState::Submitted | EntryState::Disqualified);
    if !entered(ea.state) || !entered(eb.state) {
        return Err(AppError::NotFound);
    }
    let disqualify = match verdict.trim() {
        "fine" => None,
        v if v == ea.public_id => Some(&ea),
        v if v == eb.public_id && eb.contest_id == c.contest_id => Some(&eb),
        _ => return Err(AppError::field(Field::Verdict, Msg::ErrChooseOption)),
    };
    let now = state.now();
    let decided = ldb::decide(&state.db, &Verdict { contest: c.contest_id, pair: (ea.entry_id, eb.entry_id), disqualify: disqualify.map(|e| e.entry_id), reason, by: me.account_id }, now).await.or_internal()?;
    match decided {
        Decided::Done => {}
        Decided::Twice => return Err(AppError::Conflict(Msg::ErrConflict)),
        Decided::NotSubmitted => return Err(AppError::Refused(Msg::ErrOnlySubmitted)),
    }
    let code = |e: &edb::EntryRow| e.code.clone().unwrap_or_default();
    let outcome = disqualify.map_or_else(|| "fine".to_owned(), |e| format!("{} disqualified", code(e)));
    let detail = format!("{} ~ {}: {outcome}: {reason}", code(&ea), code(&eb));
    db::audit::log(&state.db, Some(me.account_id), Action::LikenessDecide, db::audit::Subject::Contest { id: c.contest_id, public_id: &c.public_id }, &detail, now).await.or_internal()?;
    if let Some(e) = disqualify {
        db::audit::log(&state.db, Some(me.account_id), Action::EntryDisqualify, db::audit::Subject::Entry { public_id: &e.public_id, contest: e.contest_id }, reason, now).await.or_internal()?;
    }
    Ok(())
}

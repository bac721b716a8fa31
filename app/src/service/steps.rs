//! What waits for the signed-in person, gathered from their works, their jury queue and, for
//! an admin, the contests: the "what to do next" of the account page, where logging in lands.

use super::OrInternal;
use crate::backend::auth::CurrentAccount;
use crate::backend::{AppState, db};
use crate::domain::Role;
use crate::domain::contest::Phase;
use crate::domain::entry::EntryState;
use crate::error::AppError;
use crate::view::accounts::{Step, Steps};

/// The steps, most pressing first: drafts to finish (nearest deadline first), works to
/// score, results to publish, contests being judged or prepared, each work's documents to
/// download; and
/// for an entrant with no draft, how many contests take entries now.
pub async fn next_steps(state: &AppState, me: &CurrentAccount) -> Result<Steps, AppError> {
    let now = state.now();
    let works = super::entries::my_entries(state, me.account_id).await?;
    let mut finish: Vec<Step> = works
        .entries
        .iter()
        .filter(|w| w.line.state == EntryState::Draft && w.editable)
        .map(|w| Step::Finish { entry: w.line.id.clone(), title: w.line.title.clone(), contest: w.line.contest_title.clone(), deadline: w.deadline })
        .collect();
    finish.sort_by_key(|s| match s {
        Step::Finish { deadline, .. } => deadline.map_or(i64::MAX, |d| d.utc),
        _ => i64::MAX,
    });
    let mut steps = finish;
    steps.extend(scoring(state, me).await?);
    let contests = db::contests::list_all(&state.db).await.or_internal()?;
    if me.role == Role::Admin {
        let summaries: Vec<_> = contests.iter().map(|c| super::contests::summary(c, now)).collect();
        for phase in [Phase::Results, Phase::Judging, Phase::Draft] {
            for s in summaries.iter().filter(|s| s.phase == phase && !s.published) {
                let (contest_id, contest) = (s.public_id.clone(), s.title.clone());
                steps.push(match phase {
                    Phase::Results => Step::Publish { contest_id, contest },
                    Phase::Judging => Step::Judging { contest_id, contest, results: s.results },
                    _ => Step::Prepare { contest_id, contest },
                });
            }
        }
    }
    for w in &works.entries {
        if let Some(r) = w.result.as_ref().filter(|r| !r.documents.is_empty()) {
            steps.push(Step::Documents { title: w.line.title.clone(), contest: w.line.contest_title.clone(), documents: r.documents.clone() });
        }
    }
    if me.role == Role::Entrant && !steps.iter().any(|s| matches!(s, Step::Finish { .. })) {
        let open = contests.iter().filter(|c| c.phase(now) == Phase::Open).count();
        if open > 0 {
            steps.push(Step::Enter { open: crate::domain::count(open) });
        }
    }
    Ok(Steps { steps, now })
}

/// Per contest in this judge's queue (in its order), the works not submitted yet and the
/// first of them.
async fn scoring(state: &AppState, me: &CurrentAccount) -> Result<Vec<Step>, AppError> {
    let mut out: Vec<Step> = Vec::new();
    for (_, item) in super::judging::queue_of(state, me.account_id).await? {
        if item.state == "submitted" {
            continue;
        }
        let href = format!("/judge/{}/{}", item.contest_id, item.code);
        let known = out.iter_mut().find_map(|s| match s {
            Step::Score { first, left, .. } if first.starts_with(&format!("/judge/{}/", item.contest_id)) => Some(left),
            _ => None,
        });
        match known {
            Some(left) => *left += 1,
            None => out.push(Step::Score { contest: item.contest_title.clone(), left: 1, first: href }),
        }
    }
    Ok(out)
}

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
/// download; and for an entrant with no draft, how many contests take entries now.
pub async fn next_steps(state: &AppState, me: &CurrentAccount) -> Result<Steps, AppError> {
    let now = state.now();
    let works = super::entries::my_entries(state, me.account_id).await?;
    let mut drafts: Vec<_> = works.entries.iter().filter(|w| w.line.state == EntryState::Draft && w.editable).collect();
    drafts.sort_by_key(|w| w.deadline.map_or(i64::MAX, |d| d.utc));
    let mut steps: Vec<Step> = drafts
        .into_iter()
        .map(|w| Step::Finish { entry: w.line.id.clone(), title: w.line.title.clone(), contest: w.line.contest_title.clone(), deadline: w.deadline })
        .collect();
    steps.extend(scoring(state, me).await?);
    let contests = db::contests::list_all(&state.db).await.or_internal()?;
    if me.is_staff() && !me.two_step_missing() {
        // Each contest's step, for those whose role takes it: publishing to who may publish,
        // preparing to who may edit, judging's progress to anyone on its staff.
        let mut summaries = Vec::new();
        for c in super::access::visible_contests(state, me).await? {
            let Some(standing) = super::access::standing(state, me, &c).await? else { continue };
            summaries.push((super::contests::summary(&c, now), standing));
        }
        let takes = |phase: Phase, s: crate::domain::access::Standing| {
            use crate::domain::access::Power;
            s.may(match phase {
                Phase::Results => Power::Results,
                Phase::Draft => Power::Edit,
                _ => Power::See,
            })
        };
        for phase in [Phase::Results, Phase::Judging, Phase::Draft] {
            for (s, standing) in summaries.iter().filter(|(s, standing)| s.phase == phase && !s.published && takes(phase, *standing)) {
                let (contest_id, contest) = (s.public_id.clone(), s.title.clone());
                steps.push(match phase {
                    Phase::Results => Step::Publish { contest_id, contest },
                    Phase::Judging => Step::Judging { contest_id, contest, results: s.results, see_results: standing.may(crate::domain::access::Power::SeeResults) },
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
    // (contest, its step), in the queue's order.
    let mut out: Vec<(String, Step)> = Vec::new();
    for (_, item) in super::judging::queue_of(state, me.account_id).await? {
        if item.state == "submitted" {
            continue;
        }
        match out.iter_mut().find(|(contest, _)| *contest == item.contest_id) {
            Some((_, Step::Score { left, .. })) => *left += 1,
            _ => {
                let first = format!("/judge/{}/{}", item.contest_id, item.code);
                out.push((item.contest_id, Step::Score { contest: item.contest_title, left: 1, first }));
            }
        }
    }
    Ok(out.into_iter().map(|(_, step)| step).collect())
}

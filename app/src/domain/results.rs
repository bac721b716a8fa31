//! Results: judges' totals, the entry's score by the contest's method, places with the
//! tie-break chain, and awards. Pure and exact: scores are integers in millionths of a
//! percentage point (`Micro`), computed with integer arithmetic and one fixed rounding rule,
//! so every machine and database ends with the same numbers and the same order.

use crate::domain::ids::{AccountId, AgeGroupId, CriterionId, EntryId, NominationId};
use super::contest::{Aggregation, AwardScheme, GrandPrix};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Millionths of a percentage point: 100 % = 100_000_000.
pub type Micro = i64;
pub const MICRO: i64 = 1_000_000;

/// `a / b` rounded half away from zero (b > 0).
fn div_round(a: i128, b: i128) -> i128 {
    if a >= 0 { (2 * a + b) / (2 * b) } else { -((-2 * a + b) / (2 * b)) }
}

/// A criterion as scored: its maximum and weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: CriterionId,
    pub max_points: u32,
    pub weight: u32,
}

/// One judge's total for an entry: Σ wᵢ·pᵢ/maxᵢ ÷ Σ wᵢ × 100, points given in halves.
/// A criterion without points counts as 0.
pub fn judge_total(criteria: &[Criterion], halves: &[(CriterionId, u32)]) -> Micro {
    let weights: i128 = criteria.iter().map(|c| i128::from(c.weight)).sum();
    if weights == 0 {
        return 0;
    }
    // Common denominator: 2·Π maxᵢ would overflow on long rubrics, so sum exact fractions
    // of 10¹² instead (each term exact to 1e-12 %, far below the final rounding).
    const SCALE: i128 = 1_000_000_000_000;
    let sum: i128 = criteria
        .iter()
        .map(|c| {
            let h = halves.iter().find(|(id, _)| *id == c.id).map_or(0, |(_, h)| i128::from(*h));
            div_round(i128::from(c.weight) * h * 100 * SCALE, 2 * i128::from(c.max_points.max(1)))
        })
        .sum();
    micro(div_round(sum * i128::from(MICRO), weights * SCALE))
}

/// An exact intermediate back in micro-units: a mean or a weighted total of values that
/// were micro-units themselves, so within range (saturates rather than wraps if not).
fn micro(v: i128) -> Micro {
    Micro::try_from(v).unwrap_or(if v < 0 { Micro::MIN } else { Micro::MAX })
}

/// Combines judges' totals by the contest's method. `None` for no totals.
/// Trimmed mean drops one highest and one lowest only with at least four judges.
pub fn combine(method: Aggregation, totals: &[Micro]) -> Option<Micro> {
    if totals.is_empty() {
        return None;
    }
    let mut v = totals.to_vec();
    v.sort_unstable();
    let mean = |s: &[Micro]| micro(div_round(s.iter().map(|x| i128::from(*x)).sum(), i128::try_from(s.len()).unwrap_or(i128::MAX)));
    Some(match method {
        Aggregation::Mean => mean(&v),
        Aggregation::TrimmedMean if v.len() >= 4 => mean(&v[1..v.len() - 1]),
        Aggregation::TrimmedMean => mean(&v),
        Aggregation::Median => {
            let n = v.len();
            if n % 2 == 1 { v[n / 2] } else { mean(&v[n / 2 - 1..=n / 2]) }
        }
    })
}

/// Per-judge normalisation: each judge's totals become z-scores rescaled to the pool's mean
/// and spread (population standard deviation of all totals). A judge who gave everyone the
/// same total maps to the pool mean. Input: (judge, total); output in the same order.
pub fn normalise(scores: &[(AccountId, Micro)]) -> Vec<Micro> {
    if scores.is_empty() {
        return Vec::new();
    }
    let as_f = |v: &[Micro]| -> (f64, f64) {
        let n = v.len() as f64;
        let mean = v.iter().map(|x| *x as f64).sum::<f64>() / n;
        let var = v.iter().map(|x| (*x as f64 - mean).powi(2)).sum::<f64>() / n;
        (mean, var.sqrt())
    };
    let all: Vec<Micro> = scores.iter().map(|(_, t)| *t).collect();
    let (pool_mean, pool_sd) = as_f(&all);
    let mut judges: Vec<AccountId> = scores.iter().map(|(j, _)| *j).collect();
    judges.sort_unstable();
    judges.dedup();
    let stats: Vec<(AccountId, f64, f64)> = judges
        .iter()
        .map(|j| {
            let mine: Vec<Micro> = scores.iter().filter(|(x, _)| x == j).map(|(_, t)| *t).collect();
            let (m, s) = as_f(&mine);
            (*j, m, s)
        })
        .collect();
    scores
        .iter()
        .map(|(j, t)| {
            let (_, m, s) = stats.iter().find(|(x, _, _)| x == j).copied().unwrap_or((*j, 0.0, 0.0));
            let z = if s > 0.0 { (*t as f64 - m) / s } else { 0.0 };
            #[expect(clippy::cast_possible_truncation, reason = "clamped to 0..=100 %")]
            let normalised = (pool_mean + z * pool_sd).round().clamp(0.0, (100 * MICRO) as f64) as Micro;
            normalised
        })
        .collect()
}

/// The group an entry is ranked in: its nomination and age group.
pub type Group = (NominationId, Option<AgeGroupId>);

/// What ranking needs of an entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranked {
    pub entry_id: EntryId,
    /// The group it is ranked in (nomination, age group).
    pub group: Group,
    pub score: Micro,
    /// Average points per criterion in halves × 1e6 (for tie-breaks), by criterion position (1-based).
    pub criteria: Vec<(u32, Micro)>,
}

/// How an entry's place was decided against its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decided {
    /// By score alone.
    Score,
    /// Equal score; the criterion at this position decided.
    Criterion(u32),
    /// Equal on everything: the place is shared.
    Shared,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Award {
    GrandPrix,
    First,
    Second,
    Third,
    Mention,
    Certificate,
}

impl Award {
    pub fn as_str(self) -> &'static str {
        match self {
            Award::GrandPrix => "grand_prix",
            Award::First => "first",
            Award::Second => "second",
            Award::Third => "third",
            Award::Mention => "mention",
            Award::Certificate => "certificate",
        }
    }

    pub fn parse(s: &str) -> Option<Award> {
        [Award::GrandPrix, Award::First, Award::Second, Award::Third, Award::Mention, Award::Certificate].into_iter().find(|a| a.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    pub entry_id: EntryId,
    pub group: Group,
    pub score: Micro,
    /// Competition ranking within the group: 1, 2, 2, 4.
    pub place: u32,
    pub decided: Decided,
    pub award: Award,
}

fn compare(a: &Ranked, b: &Ranked, chain: &[u32]) -> (Ordering, Decided) {
    match b.score.cmp(&a.score) {
        Ordering::Equal => {}
        o => return (o, Decided::Score),
    }
    for pos in chain {
        let get = |r: &Ranked| r.criteria.iter().find(|(p, _)| p == pos).map_or(0, |(_, v)| *v);
        match get(b).cmp(&get(a)) {
            Ordering::Equal => continue,
            o => return (o, Decided::Criterion(*pos)),
        }
    }
    (Ordering::Equal, Decided::Shared)
}

/// Places every entry within its group by score, then the tie-break chain (criterion
/// positions in order), then a shared place; then gives awards by the scheme. Entries
/// below the minimum score (if any) get a certificate (or nothing: `Certificate` is given
/// only when the scheme gives certificates; otherwise they stay `Certificate` but callers
/// can drop them by `scheme.participant_certificates`). The input order does not matter.
pub fn rank(entries: &[Ranked], chain: &[u32], scheme: &AwardScheme) -> Vec<Placed> {
    let mut groups: Vec<Group> = entries.iter().map(|e| e.group).collect();
    groups.sort_unstable();
    groups.dedup();
    let min = scheme.min_score.map(|m| i64::from(m) * MICRO);
    let mut out = Vec::with_capacity(entries.len());
    for g in groups {
        let mut list: Vec<&Ranked> = entries.iter().filter(|e| e.group == g).collect();
        // Equal on everything: by entry id, so the listing is stable (their place is shared).
        list.sort_by(|a, b| compare(a, b, chain).0.then(a.entry_id.cmp(&b.entry_id)));
        let mut place = 1u32;
        for (i, e) in list.iter().enumerate() {
            if i > 0 && compare(list[i - 1], e, chain).0 != Ordering::Equal {
                place = super::count(i + 1);
            }
            let prev = (i > 0).then(|| compare(list[i - 1], e, chain).1);
            let next = list.get(i + 1).map(|n| compare(e, n, chain).1);
            let decided = match (prev, next) {
                (Some(Decided::Shared), _) | (_, Some(Decided::Shared)) => Decided::Shared,
                (Some(Decided::Criterion(p)), _) | (_, Some(Decided::Criterion(p))) => Decided::Criterion(p),
                _ => Decided::Score,
            };
            let eligible = min.is_none_or(|m| e.score >= m);
            let award = if !eligible {
                Award::Certificate
            } else if place <= scheme.first {
                Award::First
            } else if place <= scheme.first + scheme.second {
                Award::Second
            } else if place <= scheme.first + scheme.second + scheme.third {
                Award::Third
            } else if place <= scheme.first + scheme.second + scheme.third + scheme.mentions {
                Award::Mention
            } else {
                Award::Certificate
            };
            out.push(Placed { entry_id: e.entry_id, group: e.group, score: e.score, place, decided, award });
        }
    }
    // Grand Prix: the single best first place of the contest (or of each nomination); a tie
    // at the top gives none.
    let best_of = |pool: Vec<&Placed>| -> Option<EntryId> {
        let top = pool.iter().filter(|p| p.award == Award::First).map(|p| p.score).max()?;
        let mut at_top = pool.iter().filter(|p| p.award == Award::First && p.score == top);
        let first = at_top.next()?;
        at_top.next().is_none().then_some(first.entry_id)
    };
    let winners: Vec<EntryId> = match scheme.grand_prix {
        GrandPrix::None => Vec::new(),
        GrandPrix::Contest => best_of(out.iter().collect()).into_iter().collect(),
        GrandPrix::Nomination => {
            let mut noms: Vec<NominationId> = out.iter().map(|p| p.group.0).collect();
            noms.sort_unstable();
            noms.dedup();
            noms.into_iter().filter_map(|n| best_of(out.iter().filter(|p| p.group.0 == n).collect())).collect()
        }
    };
    for p in &mut out {
        if winners.contains(&p.entry_id) {
            p.award = Award::GrandPrix;
        }
    }
    out
}

/// `87.5` from micro-units (two decimals, trailing zeros dropped).
pub fn format_score(v: Micro) -> String {
    let hundredths = micro(div_round(i128::from(v), i128::from(MICRO / 100)));
    let s = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Why a judge's sheet does not count towards a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Excluded {
    /// Saved but never submitted.
    Draft,
    /// The judge stepped back from the work (the sheet stays in the history).
    Recused,
    /// The work is no longer assigned to the judge (an admin removed it).
    Unassigned,
}

/// What is known of one judge's sheet for one work when results are computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetFacts {
    pub submitted: bool,
    /// The judge is assigned to the work now.
    pub assigned: bool,
    /// The judge recused from the work.
    pub recused: bool,
}

/// The one rule for which sheets count: submitted, by a judge who is assigned to the work
/// at the moment of computation and has not recused from it. Everything else stays in the
/// history and is listed in the explanation, not counted.
pub fn counts(s: SheetFacts) -> Result<(), Excluded> {
    if s.recused {
        Err(Excluded::Recused)
    } else if !s.assigned {
        Err(Excluded::Unassigned)
    } else if !s.submitted {
        Err(Excluded::Draft)
    } else {
        Ok(())
    }
}

/// A judge's re-review of a work on appeal (`domain::appeal`): part of the results only once
/// the appeal is upheld, and then by the rule above as if assigned; before that, or when
/// the appeal is rejected, it is no sheet of the results at all (`None`).
pub fn review_counts(s: SheetFacts, appeal: crate::domain::appeal::AppealState) -> Option<Result<(), Excluded>> {
    crate::domain::appeal::review_counts(appeal).then(|| counts(SheetFacts { assigned: true, ..s }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_re_review_joins_the_results_only_when_its_appeal_is_upheld() {
        use crate::domain::appeal::AppealState;
        let f = |submitted, recused| SheetFacts { submitted, assigned: false, recused };
        assert_eq!(review_counts(f(true, false), AppealState::Upheld), Some(Ok(())));
        assert_eq!(review_counts(f(false, false), AppealState::Upheld), Some(Err(Excluded::Draft)));
        assert_eq!(review_counts(f(true, true), AppealState::Upheld), Some(Err(Excluded::Recused)));
        assert_eq!(review_counts(f(true, false), AppealState::Assigned), None);
        assert_eq!(review_counts(f(true, false), AppealState::Rejected), None);
    }

    #[test]
    fn only_submitted_sheets_of_assigned_judges_who_did_not_recuse_count() {
        let f = |submitted, assigned, recused| counts(SheetFacts { submitted, assigned, recused });
        assert_eq!(f(true, true, false), Ok(()));
        assert_eq!(f(false, true, false), Err(Excluded::Draft));
        assert_eq!(f(true, false, false), Err(Excluded::Unassigned));
        assert_eq!(f(true, false, true), Err(Excluded::Recused));
        // A recusal outweighs everything, even an assignment given back later by mistake.
        assert_eq!(f(true, true, true), Err(Excluded::Recused));
    }
    use proptest::prelude::*;

    fn scheme(first: u32, second: u32, third: u32, mentions: u32) -> AwardScheme {
        AwardScheme { grand_prix: GrandPrix::None, first, second, third, mentions, participant_certificates: true, min_score: None }
    }

    #[test]
    fn totals_are_exact() {
        let c = [Criterion { id: CriterionId(1), max_points: 10, weight: 3 }, Criterion { id: CriterionId(2), max_points: 10, weight: 4 }, Criterion { id: CriterionId(3), max_points: 10, weight: 3 }];
        // 7, 8, 9 out of 10 with weights 3:4:3 → (21 + 32 + 27) / 10 = 8.0 → 80 %.
        assert_eq!(judge_total(&c, &[(CriterionId(1), 14), (CriterionId(2), 16), (CriterionId(3), 18)]), 80 * MICRO);
        // 1/3 of the weight at full marks: 33.333333 %.
        let c2 = [Criterion { id: CriterionId(1), max_points: 5, weight: 1 }, Criterion { id: CriterionId(2), max_points: 5, weight: 2 }];
        assert_eq!(judge_total(&c2, &[(CriterionId(1), 10)]), 33_333_333);
        assert_eq!(judge_total(&c2, &[]), 0);
        assert_eq!(format_score(33_333_333), "33.33");
        assert_eq!(format_score(80 * MICRO), "80");
        assert_eq!(format_score(87_500_000), "87.5");
    }

    #[test]
    fn methods_on_edge_sizes() {
        use Aggregation::*;
        assert_eq!(combine(Mean, &[]), None);
        for m in [Mean, TrimmedMean, Median] {
            assert_eq!(combine(m, &[70]), Some(70), "{m:?} of one");
        }
        assert_eq!(combine(Median, &[10, 30]), Some(20));
        assert_eq!(combine(TrimmedMean, &[10, 30, 90]), Some(43), "three judges: a plain mean (43.33 rounds to 43)");
        assert_eq!(combine(TrimmedMean, &[10, 30, 50, 90]), Some(40), "four: drop 10 and 90");
        assert_eq!(combine(Median, &[90, 10, 50]), Some(50));
        assert_eq!(combine(Median, &[90, 10, 50, 30]), Some(40));
    }

    #[test]
    fn normalising_a_judge_who_gives_everyone_the_same() {
        let out = normalise(&[(AccountId(1), 50 * MICRO), (AccountId(1), 50 * MICRO), (AccountId(2), 40 * MICRO), (AccountId(2), 80 * MICRO)]);
        assert_eq!(out[0], out[1], "no division by zero: both map to the pool mean");
        assert_eq!(out[0], 55 * MICRO);
        assert!(out[2] < out[3]);
    }

    #[test]
    fn a_small_contest_by_hand() {
        // Group A: scores 90, 85, 85 (criterion 2 decides: 9 vs 8), 70, 70 (equal on all: shared), 40.
        let r = |id: i64, score: i64, c2: i64| Ranked { entry_id: EntryId(id), group: (NominationId(1), None), score: score * MICRO, criteria: vec![(2, c2 * MICRO)] };
        let entries = vec![r(6, 40, 1), r(1, 90, 9), r(3, 85, 8), r(2, 85, 9), r(4, 70, 5), r(5, 70, 5)];
        let placed = rank(&entries, &[2], &scheme(1, 1, 1, 2));
        let got: Vec<(i64, u32, Award, Decided)> = placed.iter().map(|p| (p.entry_id.0, p.place, p.award, p.decided)).collect();
        assert_eq!(
            got,
            vec![
                (1, 1, Award::First, Decided::Score),
                (2, 2, Award::Second, Decided::Criterion(2)),
                (3, 3, Award::Third, Decided::Criterion(2)),
                (4, 4, Award::Mention, Decided::Shared),
                (5, 4, Award::Mention, Decided::Shared),
                (6, 6, Award::Certificate, Decided::Score),
            ]
        );
        // A minimum score of 75 %: the 70s and 40 get certificates.
        let mut s = scheme(1, 1, 1, 2);
        s.min_score = Some(75);
        let placed = rank(&entries, &[2], &s);
        assert_eq!(placed.iter().filter(|p| p.award == Award::Mention).count(), 0);
        // Grand Prix for the contest: the single best first place.
        s.grand_prix = GrandPrix::Contest;
        assert_eq!(rank(&entries, &[2], &s)[0].award, Award::GrandPrix);
    }

    fn arb_entries() -> impl Strategy<Value = Vec<Ranked>> {
        proptest::collection::vec((0i64..3, 0i64..=100, 0i64..=10, 0i64..=10), 1..40).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (g, s, c1, c2))| Ranked { entry_id: EntryId(i as i64 + 1), group: (NominationId(g), None), score: s * MICRO, criteria: vec![(1, c1 * MICRO), (2, c2 * MICRO)] })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn permuting_inputs_changes_nothing(entries in arb_entries(), seed: u64) {
            let mut shuffled = entries.clone();
            let n = shuffled.len();
            for i in (1..n).rev() {
                let j = usize::try_from((seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) % (i as u64 + 1)).unwrap_or(0);
                shuffled.swap(i, j);
            }
            let mut a = rank(&entries, &[2, 1], &scheme(1, 2, 3, 2));
            let mut b = rank(&shuffled, &[2, 1], &scheme(1, 2, 3, 2));
            a.sort_by_key(|p| p.entry_id);
            b.sort_by_key(|p| p.entry_id);
            prop_assert_eq!(a, b);
            let totals: Vec<Micro> = entries.iter().map(|e| e.score).collect();
            let mut rev = totals.clone();
            rev.reverse();
            for m in [Aggregation::Mean, Aggregation::TrimmedMean, Aggregation::Median] {
                prop_assert_eq!(combine(m, &totals), combine(m, &rev));
            }
        }

        #[test]
        fn raising_a_criterion_never_lowers_the_rank(entries in arb_entries(), pick in 0usize..40, bump in 1u32..6) {
            let criteria = [Criterion { id: CriterionId(1), max_points: 10, weight: 2 }, Criterion { id: CriterionId(2), max_points: 10, weight: 1 }];
            let pick = pick % entries.len();
            let halves = |v: Micro| u32::try_from(v / MICRO * 2).unwrap_or(0);
            let sheet = |e: &Ranked| vec![(CriterionId(1), halves(e.criteria[0].1)), (CriterionId(2), halves(e.criteria[1].1))];
            let rescore = |list: &[Ranked]| -> Vec<Ranked> {
                list.iter().map(|e| Ranked { score: judge_total(&criteria, &sheet(e)), ..e.clone() }).collect()
            };
            let before = rank(&rescore(&entries), &[2, 1], &scheme(1, 1, 1, 0));
            let mut raised = entries.clone();
            let c1 = raised[pick].criteria[0].1 / MICRO;
            raised[pick].criteria[0].1 = (c1 + i64::from(bump)).min(10) * MICRO;
            let after = rank(&rescore(&raised), &[2, 1], &scheme(1, 1, 1, 0));
            let place = |list: &[Placed]| list.iter().find(|p| p.entry_id == raised[pick].entry_id).map(|p| p.place);
            prop_assert!(place(&after) <= place(&before));
        }

        #[test]
        fn totals_stay_within_bounds(h1 in 0u32..=20, h2 in 0u32..=10, w1 in 1u32..10, w2 in 1u32..10) {
            let c = [Criterion { id: CriterionId(1), max_points: 10, weight: w1 }, Criterion { id: CriterionId(2), max_points: 5, weight: w2 }];
            let t = judge_total(&c, &[(CriterionId(1), h1), (CriterionId(2), h2)]);
            prop_assert!((0..=100 * MICRO).contains(&t));
        }
    }
}

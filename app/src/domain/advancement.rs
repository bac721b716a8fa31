//! Rounds: which works of a published round advance to the next, per nomination × age
//! group. The places come from the round's published results, where ties were already
//! broken by the contest's tie-break chain; what is left to decide here is a place still
//! shared at the cut-off, which advances all or none of its works, as the organiser chose.

use super::ids::EntryId;
use super::results::{Award, MICRO, Micro};
use serde::{Deserialize, Serialize};

/// How a group's works advance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Rule {
    /// The first `n` places.
    Top(u32),
    /// Every work awarded this tier or a better one.
    Award(Award),
    /// Every work with at least this score, in whole percent.
    MinScore(u32),
}

/// What a place shared across the cut-off does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Boundary {
    /// Every work sharing it advances (more than `n` go on).
    All,
    /// None of them does (fewer than `n` go on).
    None,
}

impl Boundary {
    pub fn parse(s: &str) -> Option<Boundary> {
        match s {
            "all" => Some(Boundary::All),
            "none" => Some(Boundary::None),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Boundary::All => "all",
            Boundary::None => "none",
        }
    }
}

impl Rule {
    /// From a form: `top` with a count, `award` with an award's name, `min_score` with a
    /// percentage.
    pub fn parse(kind: &str, value: &str) -> Option<Rule> {
        let value = value.trim();
        match kind {
            "top" => value.parse().ok().filter(|n| (1..=10_000).contains(n)).map(Rule::Top),
            "award" => Award::parse(value).map(Rule::Award),
            "min_score" => value.parse().ok().filter(|n| *n <= 100).map(Rule::MinScore),
            _ => None,
        }
    }
    pub fn kind(self) -> &'static str {
        match self {
            Rule::Top(_) => "top",
            Rule::Award(_) => "award",
            Rule::MinScore(_) => "min_score",
        }
    }
    pub fn value(self) -> String {
        match self {
            Rule::Top(n) | Rule::MinScore(n) => n.to_string(),
            Rule::Award(a) => a.as_str().to_owned(),
        }
    }
}

/// A work's standing in its round's published results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    pub entry: EntryId,
    /// Competition ranking within its group (1, 2, 2, 4).
    pub place: u32,
    /// The final award (an override counts); `None`: no award at all.
    pub award: Option<Award>,
    pub score: Micro,
}

/// The works of one group that advance under `rule`, in the order of their places.
pub fn select(group: &[Standing], rule: Rule, boundary: Boundary) -> Vec<EntryId> {
    let mut list: Vec<&Standing> = group.iter().collect();
    list.sort_by_key(|s| (s.place, s.entry));
    match rule {
        Rule::Top(n) => {
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            let mut out = Vec::new();
            let mut i = 0;
            // Place by place: a place is taken whole, or (shared across the cut-off) as the
            // boundary says.
            while i < list.len() && out.len() < n {
                let place = list[i].place;
                let tied: Vec<EntryId> = list[i..].iter().take_while(|s| s.place == place).map(|s| s.entry).collect();
                i += tied.len();
                if out.len() + tied.len() <= n || boundary == Boundary::All {
                    out.extend(tied);
                } else {
                    break;
                }
            }
            out
        }
        Rule::Award(tier) => list.iter().filter(|s| s.award.is_some_and(|a| a <= tier)).map(|s| s.entry).collect(),
        Rule::MinScore(min) => list.iter().filter(|s| s.score >= i64::from(min) * MICRO).map(|s| s.entry).collect(),
    }
}

/// A target nomination for a work's: the one whose name matches in any language (letters
/// compared without case and surrounding space). `None`: the next round has no such
/// nomination, and the work cannot advance until it does.
pub fn matching_nomination<'a, T>(names: [Option<&str>; 3], targets: &'a [(T, [Option<&str>; 3])]) -> Option<&'a T> {
    let norm = |s: &str| s.trim().to_lowercase();
    let mine: Vec<String> = names.iter().flatten().map(|s| norm(s)).filter(|s| !s.is_empty()).collect();
    targets.iter().find(|(_, theirs)| theirs.iter().flatten().any(|t| mine.contains(&norm(t)))).map(|(id, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contest::{AwardScheme, GrandPrix};
    use crate::domain::results::{Ranked, rank};

    fn s(entry: i64, place: u32, award: Option<Award>, score: i64) -> Standing {
        Standing { entry: EntryId(entry), place, award, score: score * MICRO }
    }
    fn ids(v: &[i64]) -> Vec<EntryId> {
        v.iter().map(|i| EntryId(*i)).collect()
    }

    #[test]
    fn the_first_n_places_advance_and_a_place_shared_at_the_cut_off_advances_all_or_none() {
        // Places 1, 2, 2, 4: two to advance.
        let g = [s(1, 1, Some(Award::First), 90), s(2, 2, Some(Award::Second), 80), s(3, 2, Some(Award::Second), 80), s(4, 4, None, 60)];
        assert_eq!(select(&g, Rule::Top(2), Boundary::All), ids(&[1, 2, 3]));
        assert_eq!(select(&g, Rule::Top(2), Boundary::None), ids(&[1]));
        // A shared place inside the cut-off is no question.
        assert_eq!(select(&g, Rule::Top(3), Boundary::None), ids(&[1, 2, 3]));
        assert_eq!(select(&g, Rule::Top(1), Boundary::None), ids(&[1]));
        assert_eq!(select(&g, Rule::Top(10), Boundary::None), ids(&[1, 2, 3, 4]));
        // Everyone shares the first place: all, or nobody.
        let all = [s(5, 1, None, 50), s(6, 1, None, 50)];
        assert_eq!(select(&all, Rule::Top(1), Boundary::All), ids(&[5, 6]));
        assert_eq!(select(&all, Rule::Top(1), Boundary::None), ids(&[]));
        assert_eq!(select(&[], Rule::Top(3), Boundary::All), ids(&[]));
    }

    #[test]
    fn ties_at_the_cut_off_follow_the_tie_break_chain_before_the_boundary_rule() {
        // Equal scores; criterion 1 separates entries 10 and 11; 12 and 13 are equal on
        // everything and share the third place.
        let grp = (crate::domain::ids::NominationId(1), None);
        let r = |id: i64, c1: i64, c2: i64| Ranked { entry_id: EntryId(id), group: grp, score: 70 * MICRO, criteria: vec![(1, c1 * MICRO), (2, c2 * MICRO)] };
        let scheme = AwardScheme { grand_prix: GrandPrix::None, first: 1, second: 1, third: 1, mentions: 0, participant_certificates: true, min_score: None };
        let placed = rank(&[r(10, 9, 5), r(11, 8, 6), r(12, 7, 7), r(13, 7, 7)], &[1, 2], &scheme);
        let standings: Vec<Standing> = placed.iter().map(|p| Standing { entry: p.entry_id, place: p.place, award: Some(p.award), score: p.score }).collect();
        // The chain decided places 1 and 2: the second advances alone.
        assert_eq!(select(&standings, Rule::Top(2), Boundary::None), ids(&[10, 11]));
        assert_eq!(select(&standings, Rule::Top(3), Boundary::None), ids(&[10, 11]));
        assert_eq!(select(&standings, Rule::Top(3), Boundary::All), ids(&[10, 11, 12, 13]));
    }

    #[test]
    fn awards_of_a_tier_or_better_and_a_minimum_score_advance() {
        let g = [s(1, 1, Some(Award::GrandPrix), 95), s(2, 2, Some(Award::First), 85), s(3, 3, Some(Award::Mention), 75), s(4, 4, Some(Award::Certificate), 74), s(5, 5, None, 10)];
        assert_eq!(select(&g, Rule::Award(Award::First), Boundary::None), ids(&[1, 2]));
        assert_eq!(select(&g, Rule::Award(Award::Mention), Boundary::None), ids(&[1, 2, 3]));
        assert_eq!(select(&g, Rule::Award(Award::Certificate), Boundary::None), ids(&[1, 2, 3, 4]));
        assert_eq!(select(&g, Rule::MinScore(75), Boundary::None), ids(&[1, 2, 3]));
        assert_eq!(select(&g, Rule::MinScore(0), Boundary::None), ids(&[1, 2, 3, 4, 5]));
    }

    #[test]
    fn rules_come_from_forms_and_nominations_match_by_name_in_any_language() {
        assert_eq!(Rule::parse("top", " 3 "), Some(Rule::Top(3)));
        assert_eq!(Rule::parse("top", "0"), None);
        assert_eq!(Rule::parse("award", "second"), Some(Rule::Award(Award::Second)));
        assert_eq!(Rule::parse("min_score", "101"), None);
        assert_eq!(Rule::parse("lottery", "1"), None);
        assert_eq!(Boundary::parse("all"), Some(Boundary::All));
        assert_eq!(Boundary::parse("some"), None);
        let targets = [(7, [Some("Сурет"), Some("Рисунок"), None]), (8, [None, Some("Сказка"), Some("Tale")])];
        assert_eq!(matching_nomination([Some(" сурет "), None, None], &targets), Some(&7));
        assert_eq!(matching_nomination([None, None, Some("TALE")], &targets), Some(&8));
        assert_eq!(matching_nomination([Some("Эссе"), Some("Эссе"), None], &targets), None);
    }
}

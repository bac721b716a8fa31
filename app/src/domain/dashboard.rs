//! The judging dashboard's figures: per judge, per nomination and per work, counted by the
//! rule the results use ([`crate::domain::results::counts`]), so the dashboard shows the
//! numbers the results will use. Pure: the caller loads the facts and names the figures.

use super::count;
use super::ids::{AccountId, AgeGroupId, EntryId, NominationId};
use super::judging::{PanelMode, SheetState, disagree, stats};
use super::reliability::{Agreement, Lean, Rating, agreement, leanings};
use super::results::{SheetFacts, counts};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A submitted work (withdrawn and draft works are not judged and not passed in).
#[derive(Clone, Copy, Debug)]
pub struct EntryFact {
    pub entry: EntryId,
    pub nomination: NominationId,
    pub age_group: Option<AgeGroupId>,
}

/// A score sheet and its total in percent of the maximum.
#[derive(Clone, Copy, Debug)]
pub struct SheetFact {
    pub entry: EntryId,
    pub judge: AccountId,
    pub state: SheetState,
    pub total: f64,
}

/// A panel: which works it covers, how it shares them, and how many judges sit on it.
#[derive(Clone, Copy, Debug)]
pub struct PanelFact {
    pub nomination: NominationId,
    /// `None`: every age group of the nomination.
    pub age_group: Option<AgeGroupId>,
    pub mode: PanelMode,
    pub judges: usize,
}

/// Everything the figures are computed from.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    pub judges: &'a [AccountId],
    pub nominations: &'a [NominationId],
    pub entries: &'a [EntryFact],
    /// Who is assigned to which work now, (entry, judge).
    pub assigned: &'a [(EntryId, AccountId)],
    /// Who recused from which work, (entry, judge).
    pub recused: &'a [(EntryId, AccountId)],
    pub sheets: &'a [SheetFact],
    pub panels: &'a [PanelFact],
    /// Totals further apart than this many percentage points are a disagreement.
    pub disagreement_pct: u32,
}

/// One judge's figures over the submitted works.
#[derive(Clone, Debug, PartialEq)]
pub struct JudgeFigures {
    pub assigned: u32,
    /// Sheets that count (submitted, assigned, not recused).
    pub submitted: u32,
    pub drafts: u32,
    pub mean: f64,
    /// Population standard deviation of the counted totals.
    pub sd: f64,
    pub totals: Vec<f64>,
}

/// One nomination's progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NominationFigures {
    pub entries: u32,
    pub sheets_assigned: u32,
    pub sheets_submitted: u32,
}

/// One work's sheets that count, how many it should get, and what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryFigures {
    pub totals: Vec<f64>,
    /// The most any panel covering the work wants (1 when no panel covers it).
    pub wanted: u32,
    /// The judges' totals spread beyond the contest's threshold.
    pub disagreement: bool,
    /// Fewer counted sheets than wanted.
    pub short: bool,
}

/// The jury's agreement and each judge's lean in one nomination × age group, over the
/// sheets that count.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupFigures {
    pub nomination: NominationId,
    pub age_group: Option<AgeGroupId>,
    pub agreement: Agreement,
    pub leanings: Vec<Lean>,
}

/// The figures, each list in the order of its facts (`judges`, `nominations`, `entries`);
/// `groups` per nomination in its order, then by age group, for groups with counted sheets.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub judges: Vec<JudgeFigures>,
    pub nominations: Vec<NominationFigures>,
    pub entries: Vec<EntryFigures>,
    pub groups: Vec<GroupFigures>,
}

/// Computes the dashboard's figures. Sheets and assignments of works not in `entries`
/// (withdrawn since) are left out everywhere.
pub fn figures(f: &Facts<'_>) -> Figures {
    let live: HashSet<EntryId> = f.entries.iter().map(|e| e.entry).collect();
    let assigned: HashSet<(EntryId, AccountId)> = f.assigned.iter().copied().collect();
    let recused: HashSet<(EntryId, AccountId)> = f.recused.iter().copied().collect();
    let sheets: Vec<&SheetFact> = f.sheets.iter().filter(|s| live.contains(&s.entry)).collect();
    let counted = |s: &SheetFact| {
        let pair = (s.entry, s.judge);
        counts(SheetFacts { submitted: s.state == SheetState::Submitted, assigned: assigned.contains(&pair), recused: recused.contains(&pair) }).is_ok()
    };
    let live_assignments = || f.assigned.iter().filter(|(e, _)| live.contains(e));
    // Counted totals per work, grouped once: a republican contest has tens of thousands of
    // works and sheets, and a scan of every sheet per work would be quadratic.
    let mut by_entry: HashMap<EntryId, Vec<f64>> = HashMap::new();
    for s in sheets.iter().filter(|s| counted(s)) {
        by_entry.entry(s.entry).or_default().push(s.total);
    }
    let groups = groups(f, sheets.iter().copied().filter(|s| counted(s)));

    let judges = f
        .judges
        .iter()
        .map(|&judge| {
            let mine: Vec<&SheetFact> = sheets.iter().copied().filter(|s| s.judge == judge).collect();
            let totals: Vec<f64> = mine.iter().filter(|s| counted(s)).map(|s| s.total).collect();
            let (n, mean, sd) = stats(&totals);
            JudgeFigures {
                assigned: count(live_assignments().filter(|(_, a)| *a == judge).count()),
                submitted: count(n),
                drafts: count(mine.iter().filter(|s| s.state == SheetState::Draft).count()),
                mean,
                sd,
                totals,
            }
        })
        .collect();

    let nominations = f
        .nominations
        .iter()
        .map(|&nomination| {
            let ids: HashSet<EntryId> = f.entries.iter().filter(|e| e.nomination == nomination).map(|e| e.entry).collect();
            NominationFigures {
                entries: count(ids.len()),
                sheets_assigned: count(f.assigned.iter().filter(|(e, _)| ids.contains(e)).count()),
                sheets_submitted: count(sheets.iter().filter(|s| ids.contains(&s.entry) && counted(s)).count()),
            }
        })
        .collect();

    let entries = f
        .entries
        .iter()
        .map(|e| {
            // Sheets keep their order within a work (the list's order), as before grouping.
            let totals = by_entry.remove(&e.entry).unwrap_or_default();
            let wanted = f
                .panels
                .iter()
                .filter(|p| p.nomination == e.nomination && (p.age_group.is_none() || p.age_group == e.age_group))
                .map(|p| p.mode.wanted(p.judges))
                .max()
                .unwrap_or(1);
            EntryFigures { disagreement: disagree(&totals, f.disagreement_pct), short: count(totals.len()) < wanted, wanted, totals }
        })
        .collect();

    Figures { judges, nominations, entries, groups }
}

/// Agreement and leanings per nomination × age group, from the counted sheets.
fn groups<'a>(f: &Facts<'_>, counted: impl Iterator<Item = &'a SheetFact>) -> Vec<GroupFigures> {
    let group_of: HashMap<EntryId, (NominationId, Option<AgeGroupId>)> = f.entries.iter().map(|e| (e.entry, (e.nomination, e.age_group))).collect();
    let rank: HashMap<NominationId, usize> = f.nominations.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let mut ratings: BTreeMap<(usize, Option<AgeGroupId>, NominationId), Vec<Rating>> = BTreeMap::new();
    for s in counted {
        if let Some(&(nomination, age_group)) = group_of.get(&s.entry) {
            let at = rank.get(&nomination).copied().unwrap_or(usize::MAX);
            ratings.entry((at, age_group, nomination)).or_default().push(Rating { entry: s.entry, judge: s.judge, value: s.total });
        }
    }
    ratings
        .into_iter()
        .map(|((_, age_group, nomination), r)| GroupFigures { nomination, age_group, agreement: agreement(&r), leanings: leanings(&r) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANNA: AccountId = AccountId(1);
    const BORIS: AccountId = AccountId(2);
    const CAROL: AccountId = AccountId(3);
    const DRAWING: NominationId = NominationId(10);
    const POEM: NominationId = NominationId(11);
    const YOUNG: AgeGroupId = AgeGroupId(20);
    const OLD: AgeGroupId = AgeGroupId(21);

    fn entry(id: i64, nomination: NominationId, age_group: AgeGroupId) -> EntryFact {
        EntryFact { entry: EntryId(id), nomination, age_group: Some(age_group) }
    }

    fn sheet(entry: i64, judge: AccountId, state: SheetState, total: f64) -> SheetFact {
        SheetFact { entry: EntryId(entry), judge, state, total }
    }

    #[test]
    fn figures_count_only_the_sheets_the_results_use() {
        use SheetState::{Draft, Submitted};
        let entries = [entry(100, DRAWING, YOUNG), entry(101, DRAWING, OLD), entry(102, POEM, YOUNG)];
        let assigned = [
            (EntryId(100), ANNA),
            (EntryId(100), BORIS),
            (EntryId(101), ANNA),
            (EntryId(101), BORIS),
            (EntryId(102), ANNA),
            // A work withdrawn since: its assignment and sheet are left out.
            (EntryId(999), ANNA),
        ];
        let sheets = [
            sheet(100, ANNA, Submitted, 80.0),
            sheet(100, BORIS, Submitted, 50.0),
            sheet(101, ANNA, Submitted, 60.0),
            sheet(101, BORIS, Draft, 70.0),
            sheet(102, ANNA, Submitted, 90.0),
            // Carol is not assigned to 102: her submitted sheet does not count.
            sheet(102, CAROL, Submitted, 10.0),
            // Boris recused from 102 after submitting: his sheet does not count.
            sheet(102, BORIS, Submitted, 20.0),
            sheet(999, ANNA, Submitted, 0.0),
        ];
        let panels = [
            PanelFact { nomination: DRAWING, age_group: None, mode: PanelMode::All, judges: 2 },
            PanelFact { nomination: DRAWING, age_group: Some(OLD), mode: PanelMode::Balanced { k: 3 }, judges: 3 },
        ];
        let f = figures(&Facts {
            judges: &[ANNA, BORIS, CAROL],
            nominations: &[DRAWING, POEM],
            entries: &entries,
            assigned: &assigned,
            recused: &[(EntryId(102), BORIS)],
            sheets: &sheets,
            panels: &panels,
            disagreement_pct: 25,
        });

        assert_eq!(f.judges[0], JudgeFigures { assigned: 3, submitted: 3, drafts: 0, mean: 230.0 / 3.0, sd: f.judges[0].sd, totals: vec![80.0, 60.0, 90.0] });
        assert!((f.judges[0].sd - (1400.0_f64 / 9.0).sqrt()).abs() < 1e-9, "population deviation, got {}", f.judges[0].sd);
        assert_eq!(f.judges[1], JudgeFigures { assigned: 2, submitted: 1, drafts: 1, mean: 50.0, sd: 0.0, totals: vec![50.0] });
        assert_eq!(f.judges[2], JudgeFigures { assigned: 0, submitted: 0, drafts: 0, mean: 0.0, sd: 0.0, totals: vec![] });

        assert_eq!(f.nominations, vec![
            NominationFigures { entries: 2, sheets_assigned: 4, sheets_submitted: 3 },
            NominationFigures { entries: 1, sheets_assigned: 1, sheets_submitted: 1 },
        ]);

        // 100: 80 and 50 are 30 points apart (> 25); two sheets as the all-judges panel wants.
        assert_eq!(f.entries[0], EntryFigures { totals: vec![80.0, 50.0], wanted: 2, disagreement: true, short: false });
        // 101: the older group's panel wants 3, the nomination's 2: the larger counts; one draft.
        assert_eq!(f.entries[1], EntryFigures { totals: vec![60.0], wanted: 3, disagreement: false, short: true });
        // 102: no panel covers poems: one sheet is enough.
        assert_eq!(f.entries[2], EntryFigures { totals: vec![90.0], wanted: 1, disagreement: false, short: false });

        // Agreement per nomination × age group over the counted sheets only (Carol's and the
        // recused sheet are left out): drawing/young has one work both judged, too few.
        use crate::domain::reliability::{Measure, Undefined};
        let scopes: Vec<(NominationId, Option<AgeGroupId>, Measure, u32, u32)> =
            f.groups.iter().map(|g| (g.nomination, g.age_group, g.agreement.measure, g.agreement.works, g.agreement.judges)).collect();
        assert_eq!(scopes, vec![
            (DRAWING, Some(YOUNG), Measure::Undefined(Undefined::TooFewShared), 1, 2),
            (DRAWING, Some(OLD), Measure::Undefined(Undefined::OneJudge), 0, 1),
            (POEM, Some(YOUNG), Measure::Undefined(Undefined::OneJudge), 0, 1),
        ]);
        let young = &f.groups[0].leanings;
        assert_eq!(young.iter().map(|l| (l.judge, l.shared, l.severity, l.consistency)).collect::<Vec<_>>(), vec![(ANNA, 1, Some(30.0), None), (BORIS, 1, Some(-30.0), None)]);
    }

    #[test]
    fn no_judges_and_no_works_give_empty_figures() {
        let f = figures(&Facts { judges: &[], nominations: &[POEM], entries: &[], assigned: &[], recused: &[], sheets: &[], panels: &[], disagreement_pct: 0 });
        assert_eq!(f, Figures { judges: vec![], nominations: vec![NominationFigures { entries: 0, sheets_assigned: 0, sheets_submitted: 0 }], entries: vec![], groups: vec![] });
    }
}

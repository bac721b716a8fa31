//! Judging rules: the judging window, conflicts of interest, balanced assignment, parsing
//! points, and who sees which scores when. No I/O: ids, time and seeds come in as arguments.

use crate::domain::ids::{AccountId, EntryId};
use super::contest::{Phase, Timeline};
use super::time::UnixTime;
use std::collections::{HashMap, HashSet};

/// Scores are written from the moment submissions close (or closed early) until judging
/// ends, or until the results are published if that comes first: publication ends judging
/// for everyone, so no sheet changes after the published snapshot was taken.
pub fn judging_open(timeline: &Timeline, closed_early_at: Option<UnixTime>, published_at: Option<UnixTime>, now: UnixTime) -> bool {
    now >= timeline.effective_close(closed_early_at) && now < timeline.judging_end && published_at.is_none_or(|at| now < at)
}

/// Letters and digits people cannot confuse (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
const CODE_ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXY34679";

/// A judge's score sheet: a draft they may keep changing, or submitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetState {
    Draft,
    Submitted,
}

impl SheetState {
    pub fn as_str(self) -> &'static str {
        match self {
            SheetState::Draft => "draft",
            SheetState::Submitted => "submitted",
        }
    }

    pub fn parse(s: &str) -> Option<SheetState> {
        [SheetState::Draft, SheetState::Submitted].into_iter().find(|x| x.as_str() == s)
    }

    /// The state after a judge writes to a sheet: submitted if they submit it, and a
    /// submitted sheet stays submitted when its judge corrects it (until the results are
    /// published, or an admin sends it back).
    pub fn after_write(current: Option<SheetState>, submit: bool) -> SheetState {
        if submit || current == Some(SheetState::Submitted) { SheetState::Submitted } else { SheetState::Draft }
    }
}

/// How a panel's judges share its works: every judge scores every work, or each work gets
/// `k` judges with even loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelMode {
    All,
    Balanced { k: u32 },
}

impl PanelMode {
    pub fn as_str(self) -> &'static str {
        match self {
            PanelMode::All => "all",
            PanelMode::Balanced { .. } => "balanced",
        }
    }

    /// The `k` stored beside the mode (3 for `All`, where it is unused).
    pub fn k(self) -> u32 {
        match self {
            PanelMode::All => 3,
            PanelMode::Balanced { k } => k,
        }
    }

    /// From the stored mode and `k`; `None` for an unknown mode.
    pub fn from_stored(mode: &str, k: i64) -> Option<PanelMode> {
        match mode {
            "all" => Some(PanelMode::All),
            "balanced" => Some(PanelMode::Balanced { k: u32::try_from(k).ok()? }),
            _ => None,
        }
    }

    /// How many sheets a work of this panel should get, with `judges` on the panel.
    pub fn wanted(self, judges: usize) -> u32 {
        match self {
            PanelMode::All => u32::try_from(judges).unwrap_or(u32::MAX),
            PanelMode::Balanced { k } => k,
        }
    }
}

/// Why a panel form is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelError {
    /// Neither `all` nor `balanced`.
    Mode,
    /// `k` not a whole number from 1 to 20.
    K,
    /// Fewer judges on the panel than `k`.
    TooFewJudges,
}

/// Parses a panel form: the mode, `k` as typed (only read for `balanced`), and how many
/// judges were chosen.
pub fn parse_panel(mode: &str, k: &str, judges: usize) -> Result<PanelMode, PanelError> {
    match mode {
        "all" => Ok(PanelMode::All),
        "balanced" => {
            let k: u32 = k.trim().parse().ok().filter(|k| (1..=20).contains(k)).ok_or(PanelError::K)?;
            if judges < k as usize { Err(PanelError::TooFewJudges) } else { Ok(PanelMode::Balanced { k }) }
        }
        _ => Err(PanelError::Mode),
    }
}

/// An anonymous entry code such as `K7Q-4MX` from six random bytes.
pub fn anonymous_code(random: [u8; 6]) -> String {
    let n = CODE_ALPHABET.len();
    let mut s = String::with_capacity(7);
    for (i, b) in random.iter().enumerate() {
        if i == 3 {
            s.push('-');
        }
        s.push(CODE_ALPHABET[*b as usize % n] as char);
    }
    s
}

/// A document's verification code such as `KD7Q-M3XA` from eight random bytes (the same
/// alphabet as entry codes: no look-alike letters or digits).
pub fn document_code(random: [u8; 8]) -> String {
    let s: String = random.iter().map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char).collect();
    format!("{}-{}", &s[..4], &s[4..])
}

/// An organisation or name as compared for conflicts: case, quotes, punctuation and
/// spacing do not matter ("«Школа-гимназия № 12»" = "школа гимназия №12").
pub fn normalise(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '№' { c } else { ' ' })
        .collect::<String>()
        .replace("№ ", "№")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What conflict detection knows of a judge.
#[derive(Clone, Debug)]
pub struct JudgeFacts {
    pub account_id: AccountId,
    pub name: String,
    pub organisation: String,
}

/// What conflict detection knows of an entry.
#[derive(Clone, Debug)]
pub struct EntryFacts {
    pub entrant_account_id: AccountId,
    pub entrant_organisation: String,
    pub school: String,
    pub supervisor: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// The judge submitted the entry.
    OwnEntry,
    /// The participant's school or the entrant's organisation is the judge's.
    SameOrganisation,
    /// The judge is the participant's supervisor.
    Supervisor,
}

/// The automatic conflict between a judge and an entry, if any.
pub fn conflict(judge: &JudgeFacts, entry: &EntryFacts) -> Option<Conflict> {
    if judge.account_id == entry.entrant_account_id {
        return Some(Conflict::OwnEntry);
    }
    let org = normalise(&judge.organisation);
    if !org.is_empty() && (normalise(&entry.school) == org || normalise(&entry.entrant_organisation) == org) {
        return Some(Conflict::SameOrganisation);
    }
    let name = normalise(&judge.name);
    if !name.is_empty() && normalise(&entry.supervisor) == name {
        return Some(Conflict::Supervisor);
    }
    None
}

/// A small deterministic generator (SplitMix64): the same seed, the same assignment.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Pairs to add so that each entry has `k` distinct judges (fewer only where conflicts leave
/// too few), keeping judges' loads within one of each other as far as conflicts allow.
/// `existing` pairs (entry, judge) count towards both; `blocked` pairs are never made.
/// Entries with the fewest possible judges are served first; ties break by `seed`.
pub fn balanced(entries: &[EntryId], judges: &[AccountId], k: usize, existing: &[(EntryId, AccountId)], blocked: &HashSet<(EntryId, AccountId)>, seed: u64) -> Vec<(EntryId, AccountId)> {
    let judge_set: HashSet<AccountId> = judges.iter().copied().collect();
    let mut load: HashMap<AccountId, usize> = judges.iter().map(|j| (*j, 0)).collect();
    let mut have: HashMap<EntryId, HashSet<AccountId>> = HashMap::new();
    for (e, j) in existing {
        if judge_set.contains(j) {
            *load.entry(*j).or_default() += 1;
        }
        have.entry(*e).or_default().insert(*j);
    }
    let rank = |id: i64, salt: u64| mix(seed ^ salt ^ (id as u64));
    let eligible = |e: EntryId, have: &HashMap<EntryId, HashSet<AccountId>>| {
        judges.iter().filter(|j| !blocked.contains(&(e, **j)) && !have.get(&e).is_some_and(|h| h.contains(j))).count()
    };
    let mut order: Vec<(usize, u64, EntryId)> = entries.iter().map(|e| (eligible(*e, &have), rank(e.0, 0xE), *e)).collect();
    order.sort_unstable();
    let mut out = Vec::new();
    let mut candidates: Vec<(usize, u64, AccountId)> = Vec::with_capacity(judges.len());
    for (_, _, e) in order {
        let taken = have.get(&e).map_or(0, |h| h.iter().filter(|j| judge_set.contains(j)).count());
        let need = k.saturating_sub(taken);
        if need == 0 {
            continue;
        }
        candidates.clear();
        candidates.extend(
            judges
                .iter()
                .filter(|j| !blocked.contains(&(e, **j)) && !have.get(&e).is_some_and(|h| h.contains(j)))
                .map(|j| (load[j], rank(j.0, e.0 as u64), *j)),
        );
        candidates.sort_unstable();
        for (_, _, j) in candidates.iter().take(need) {
            out.push((e, *j));
            *load.entry(*j).or_default() += 1;
            have.entry(e).or_default().insert(*j);
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PointsError {
    #[error("enter a number of points")]
    Empty,
    #[error("points are a whole number, or with .5 where halves are allowed")]
    NotANumber,
    #[error("points must be between 0 and the criterion's maximum")]
    OutOfRange,
    #[error("this criterion takes whole points only")]
    Step,
}

/// Parses points as typed: digits, optionally `.5` (or `.0`) where halves are allowed. No
/// commas, signs, exponents, `NaN` or infinity. Returns halves (7.5 → 15).
pub fn parse_points(raw: &str, max_points: u32, halves_allowed: bool) -> Result<u32, PointsError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(PointsError::Empty);
    }
    // Kazakh and Russian write 7,5 where English writes 7.5: either mark, once.
    let (whole, frac) = match s.split_once(['.', ',']) {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    if whole.is_empty() || whole.len() > 3 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PointsError::NotANumber);
    }
    let whole: u32 = whole.parse().map_err(|_| PointsError::NotANumber)?;
    let half = match frac {
        None => 0,
        Some(f) if !f.is_empty() && f.bytes().all(|b| b == b'0') => 0,
        Some(f) if f.starts_with('5') && f[1..].bytes().all(|b| b == b'0') => 1,
        Some(f) if f.bytes().all(|b| b.is_ascii_digit()) && !f.is_empty() => return Err(PointsError::Step),
        Some(_) => return Err(PointsError::NotANumber),
    };
    if half == 1 && !halves_allowed {
        return Err(PointsError::Step);
    }
    let halves = whole * 2 + half;
    if halves > max_points * 2 {
        return Err(PointsError::OutOfRange);
    }
    Ok(halves)
}

/// `7.5` or `7` from halves.
pub fn format_halves(halves: u32) -> String {
    if halves.is_multiple_of(2) { (halves / 2).to_string() } else { format!("{}.5", halves / 2) }
}

/// Do the judges disagree on a work? Two or more totals (percent) whose spread — highest
/// minus lowest — is above the contest's threshold in percentage points.
pub fn disagree(totals: &[f64], threshold_pct: u32) -> bool {
    if totals.len() < 2 {
        return false;
    }
    let high = totals.iter().copied().fold(f64::MIN, f64::max);
    let low = totals.iter().copied().fold(f64::MAX, f64::min);
    high - low > f64::from(threshold_pct)
}

/// Count, mean and (population) standard deviation.
pub fn stats(values: &[f64]) -> (usize, f64, f64) {
    if values.is_empty() {
        return (0, 0.0, 0.0);
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    (values.len(), mean, var.sqrt())
}

/// Whether a judge sees colleagues' scores for an entry.
pub fn judge_sees_colleagues(phase: Phase, contest_allows: bool, own_submitted: bool) -> bool {
    matches!(phase, Phase::Results | Phase::Archived) || (contest_allows && own_submitted)
}

#[cfg(test)]
mod tests {

    #[test]
    fn judges_disagree_when_their_totals_spread_beyond_the_threshold() {
        assert!(!disagree(&[], 25));
        assert!(!disagree(&[10.0], 0));
        assert!(!disagree(&[60.0, 85.0], 25), "exactly the threshold is agreement");
        assert!(disagree(&[60.0, 85.5], 25));
        assert!(disagree(&[90.0, 50.0, 70.0], 25));
        assert!(!disagree(&[70.0, 70.0, 70.0], 0));
        assert!(disagree(&[70.0, 70.5], 0));
    }


    #[test]
    fn a_submitted_sheet_stays_submitted_when_its_judge_corrects_it() {
        assert_eq!(SheetState::after_write(None, false), SheetState::Draft);
        assert_eq!(SheetState::after_write(None, true), SheetState::Submitted);
        assert_eq!(SheetState::after_write(Some(SheetState::Draft), false), SheetState::Draft);
        assert_eq!(SheetState::after_write(Some(SheetState::Draft), true), SheetState::Submitted);
        assert_eq!(SheetState::after_write(Some(SheetState::Submitted), false), SheetState::Submitted);
        assert_eq!(SheetState::parse("submitted"), Some(SheetState::Submitted));
        assert_eq!(SheetState::parse("Submitted"), None);
    }

    #[test]
    fn panel_forms_parse_into_a_mode_with_its_k() {
        assert_eq!(parse_panel("all", "junk", 0), Ok(PanelMode::All));
        assert_eq!(parse_panel("balanced", " 2 ", 3), Ok(PanelMode::Balanced { k: 2 }));
        assert_eq!(parse_panel("balanced", "3", 3), Ok(PanelMode::Balanced { k: 3 }));
        assert_eq!(parse_panel("balanced", "3", 2), Err(PanelError::TooFewJudges));
        for k in ["0", "21", "-1", "1.5", "", "два"] {
            assert_eq!(parse_panel("balanced", k, 30), Err(PanelError::K), "{k}");
        }
        assert_eq!(parse_panel("random", "2", 3), Err(PanelError::Mode));
        assert_eq!(PanelMode::from_stored("balanced", 4), Some(PanelMode::Balanced { k: 4 }));
        assert_eq!(PanelMode::from_stored("all", 3), Some(PanelMode::All));
        assert_eq!(PanelMode::from_stored("some", 3), None);
        assert_eq!(PanelMode::All.wanted(5), 5);
        assert_eq!(PanelMode::Balanced { k: 2 }.wanted(5), 2);
    }


    #[test]
    fn document_codes_are_two_groups_of_four_from_the_readable_alphabet() {
        assert_eq!(document_code([0, 1, 2, 3, 24, 25, 26, 255]), "ACDE-9ACG");
        let code = document_code([7; 8]);
        assert_eq!(code.len(), 9);
        assert!(code.chars().filter(|c| *c != '-').all(|c| CODE_ALPHABET.contains(&(c as u8))));
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn points_are_parsed_strictly() {
        assert_eq!(parse_points("7", 10, false), Ok(14));
        assert_eq!(parse_points(" 7.5 ", 10, true), Ok(15));
        assert_eq!(parse_points("7.50", 10, true), Ok(15));
        assert_eq!(parse_points("10.0", 10, false), Ok(20));
        assert_eq!(parse_points("0", 10, false), Ok(0));
        assert_eq!(parse_points("7.5", 10, false), Err(PointsError::Step));
        assert_eq!(parse_points("7.3", 10, true), Err(PointsError::Step));
        assert_eq!(parse_points("10.5", 10, true), Err(PointsError::OutOfRange));
        assert_eq!(parse_points("11", 10, true), Err(PointsError::OutOfRange));
        // The decimal comma means the same as the point, with the same rules.
        assert_eq!(parse_points("7,5", 10, true), Ok(15));
        assert_eq!(parse_points(" 7,50 ", 10, true), Ok(15));
        assert_eq!(parse_points("10,0", 10, false), Ok(20));
        assert_eq!(parse_points("7,5", 10, false), Err(PointsError::Step));
        assert_eq!(parse_points("10,5", 10, true), Err(PointsError::OutOfRange));
        for bad in ["7,5,1", "7.5,1", "7,5.0", ",5", "7,", "NaN", "nan", "inf", "1e309", "-1", "+3", "0x10", "٣", "7.", ".5", "1 0"] {
            assert!(matches!(parse_points(bad, 10, true), Err(PointsError::NotANumber | PointsError::Step)), "{bad}");
        }
        assert_eq!(parse_points("", 10, true), Err(PointsError::Empty));
        assert_eq!(parse_points("99999999999999999999", 10, true), Err(PointsError::NotANumber));
    }

    #[test]
    fn the_window_is_from_close_to_judging_end() {
        let t = Timeline { open: 0, close: 100, judging_end: 200, results: 300 };
        assert!(!judging_open(&t, None, None, 99));
        assert!(judging_open(&t, None, None, 100));
        assert!(judging_open(&t, None, None, 199));
        assert!(!judging_open(&t, None, None, 200));
        assert!(judging_open(&t, Some(50), None, 60));
        // Published at 150: open the second before, closed from that second on.
        assert!(judging_open(&t, None, Some(150), 149));
        assert!(!judging_open(&t, None, Some(150), 150));
        assert!(!judging_open(&t, None, Some(150), 199));
    }

    #[test]
    fn conflicts_by_entry_organisation_and_supervision() {
        let judge = JudgeFacts { account_id: AccountId(7), name: "Гүлнар Ахметова".into(), organisation: "«Школа-гимназия № 12»".into() };
        let entry = |acc: i64, school: &str, sup: &str| EntryFacts {
            entrant_account_id: AccountId(acc),
            entrant_organisation: String::new(),
            school: school.into(),
            supervisor: sup.into(),
        };
        assert_eq!(conflict(&judge, &entry(7, "", "")), Some(Conflict::OwnEntry));
        assert_eq!(conflict(&judge, &entry(1, "школа-гимназия №12", "")), Some(Conflict::SameOrganisation));
        assert_eq!(conflict(&judge, &entry(1, "Лицей № 2", "гүлнар  ахметова")), Some(Conflict::Supervisor));
        assert_eq!(conflict(&judge, &entry(1, "Лицей № 2", "Иванова")), None);
        let no_org = JudgeFacts { organisation: String::new(), ..judge };
        assert_eq!(conflict(&no_org, &entry(1, "", "")), None, "an empty organisation matches nothing");
    }

    #[test]
    fn codes_use_an_unambiguous_alphabet() {
        let c = anonymous_code([0, 1, 2, 3, 4, 255]);
        assert_eq!(c.len(), 7);
        assert_eq!(&c[3..4], "-");
        assert!(c.chars().all(|ch| ch == '-' || CODE_ALPHABET.contains(&(ch as u8))));
    }

    #[test]
    fn totals_and_statistics() {
        let (n, mean, sd) = stats(&[60.0, 80.0]);
        assert_eq!(n, 2);
        assert!((mean - 70.0).abs() < 1e-9 && (sd - 10.0).abs() < 1e-9);
    }

    #[test]
    fn colleagues_scores_stay_hidden_until_allowed() {
        assert!(!judge_sees_colleagues(Phase::Judging, false, true));
        assert!(!judge_sees_colleagues(Phase::Judging, true, false));
        assert!(judge_sees_colleagues(Phase::Judging, true, true));
        assert!(judge_sees_colleagues(Phase::Results, false, false));
    }

    fn check(entries: &[EntryId], judges: &[AccountId], k: usize, blocked: &HashSet<(EntryId, AccountId)>, pairs: &[(EntryId, AccountId)]) {
        check_spread(entries, judges, k, blocked, pairs, 1);
    }

    fn check_spread(entries: &[EntryId], judges: &[AccountId], k: usize, blocked: &HashSet<(EntryId, AccountId)>, pairs: &[(EntryId, AccountId)], spread: usize) {
        let mut per_entry: HashMap<EntryId, HashSet<AccountId>> = HashMap::new();
        let mut load: HashMap<AccountId, usize> = judges.iter().map(|j| (*j, 0)).collect();
        for (e, j) in pairs {
            assert!(!blocked.contains(&(*e, *j)), "conflicted pair assigned");
            assert!(per_entry.entry(*e).or_default().insert(*j), "judge twice on one entry");
            *load.get_mut(j).expect("known judge") += 1;
        }
        for e in entries {
            let possible = judges.iter().filter(|j| !blocked.contains(&(*e, **j))).count();
            assert_eq!(per_entry.get(e).map_or(0, HashSet::len), k.min(possible), "entry {e}");
        }
        if blocked.is_empty() {
            let (min, max) = (load.values().min().copied().unwrap_or(0), load.values().max().copied().unwrap_or(0));
            assert!(max - min <= spread, "loads {min}..{max}");
        }
    }

    proptest! {
        #[test]
        fn balanced_gives_k_distinct_judges_with_even_loads(n in 0usize..120, m in 1usize..15, k in 1usize..5, seed: u64) {
            let entries: Vec<EntryId> = (1..=n as i64).map(EntryId).collect();
            let judges: Vec<AccountId> = (1000..1000 + m as i64).map(AccountId).collect();
            let pairs = balanced(&entries, &judges, k, &[], &HashSet::new(), seed);
            check(&entries, &judges, k, &HashSet::new(), &pairs);
            prop_assert_eq!(pairs, balanced(&entries, &judges, k, &[], &HashSet::new(), seed), "deterministic");
        }

        #[test]
        fn balanced_never_assigns_a_conflict(n in 1usize..80, m in 2usize..10, k in 1usize..4, seed: u64, blocks in proptest::collection::vec((1i64..80, 0i64..10), 0..60)) {
            let entries: Vec<EntryId> = (1..=n as i64).map(EntryId).collect();
            let judges: Vec<AccountId> = (0..m as i64).map(AccountId).collect();
            let blocked: HashSet<(EntryId, AccountId)> = blocks.into_iter().map(|(e, j)| (EntryId(e), AccountId(j))).collect();
            let pairs = balanced(&entries, &judges, k, &[], &blocked, seed);
            check(&entries, &judges, k, &blocked, &pairs);
            // With conflicts, loads still stay close: within k of each other.
            let mut load: HashMap<AccountId, usize> = judges.iter().map(|j| (*j, 0)).collect();
            for (_, j) in &pairs { *load.get_mut(j).expect("judge") += 1; }
            let (min, max) = (load.values().min().copied().unwrap_or(0), load.values().max().copied().unwrap_or(0));
            prop_assert!(max - min <= k.max(1) + blocked.len().min(1) * n / m.max(1) + 1, "loads {}..{}", min, max);
        }

        #[test]
        fn topping_up_keeps_what_exists(n in 1usize..60, m in 3usize..10, seed: u64) {
            let entries: Vec<EntryId> = (1..=n as i64).map(EntryId).collect();
            let judges: Vec<AccountId> = (0..m as i64).map(AccountId).collect();
            let first = balanced(&entries, &judges, 2, &[], &HashSet::new(), seed);
            let more = balanced(&entries, &judges, 3, &first, &HashSet::new(), seed);
            let all: Vec<(EntryId, AccountId)> = first.iter().chain(more.iter()).copied().collect();
            // A top-up cannot move what exists, so loads may drift by one more.
            check_spread(&entries, &judges, 3, &HashSet::new(), &all, 2);
        }
    }
}

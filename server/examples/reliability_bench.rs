//! Jury agreement timing on a republican contest's size:
//!  1. 10,000 works in 5 nominations × 4 age groups, 40 judges, three per work (balanced):
//!     Krippendorff's alpha and every judge's lean per group, inside the dashboard's figures;
//!  2. the worst case for ICC: 10,000 works in one group, every one scored by all 40 judges
//!     (400,000 sheets).
//!
//! Prints the best and median of 15 runs and checks the figures' shape.
//! Run: `cargo run --release -p baiqau-server --example reliability_bench`.

use app::domain::dashboard::{EntryFact, Facts, PanelFact, SheetFact, figures};
use app::domain::ids::{AccountId, AgeGroupId, EntryId, NominationId};
use app::domain::judging::{PanelMode, SheetState};
use app::domain::reliability::{Measure, Rating, agreement, leanings};
use std::time::Instant;

/// A score from a judge's leniency, the work's quality and some noise, in 0..=100.
fn score(entry: i64, judge: i64) -> f64 {
    let quality = (entry * 37 % 61) as f64;
    let lean = (judge % 9) as f64 - 4.0;
    let noise = ((entry * 131 + judge * 71) % 23) as f64 - 11.0;
    (20.0 + quality + 2.0 * lean + noise).clamp(0.0, 100.0)
}

fn timed(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2])
}

fn main() {
    let (n, m, k) = (10_000i64, 40i64, 3i64);
    let judges: Vec<AccountId> = (1..=m).map(AccountId).collect();
    let nominations: Vec<NominationId> = (1..=5).map(NominationId).collect();
    let entries: Vec<EntryFact> = (1..=n).map(|e| EntryFact { entry: EntryId(e), nomination: NominationId(1 + e % 5), age_group: Some(AgeGroupId(1 + (e / 5) % 4)) }).collect();
    let mut assigned = Vec::new();
    let mut sheets = Vec::new();
    for e in 1..=n {
        for i in 0..k {
            let judge = 1 + (e * 7 + i * 13 + e / 20) % m;
            assigned.push((EntryId(e), AccountId(judge)));
            sheets.push(SheetFact { entry: EntryId(e), judge: AccountId(judge), state: SheetState::Submitted, total: score(e, judge) });
        }
    }
    let panels: Vec<PanelFact> = nominations.iter().map(|&nomination| PanelFact { nomination, age_group: None, mode: PanelMode::Balanced { k: 3 }, judges: 40 }).collect();
    let facts = Facts { judges: &judges, nominations: &nominations, entries: &entries, assigned: &assigned, recused: &[], sheets: &sheets, panels: &panels, disagreement_pct: 25 };
    let mut groups = Vec::new();
    let (best, median) = timed(15, || groups = figures(&facts).groups);
    assert_eq!(groups.len(), 20, "5 nominations × 4 age groups");
    assert!(groups.iter().all(|g| matches!(g.agreement.measure, Measure::Alpha { .. }) && g.leanings.len() == g.agreement.judges as usize), "alpha and a lean per judge in every group");
    let per_group: Vec<u32> = groups.iter().map(|g| g.agreement.judges).collect();
    let alphas: Vec<f64> = groups.iter().filter_map(|g| if let Measure::Alpha { alpha } = g.agreement.measure { Some(alpha) } else { None }).collect();
    let (lo, hi) = alphas.iter().fold((f64::MAX, f64::MIN), |(lo, hi), a| (lo.min(*a), hi.max(*a)));
    println!("dashboard figures with agreement: {n} works, {m} judges, {k} per work, 20 groups, {} sheets", sheets.len());
    println!("  best {best:.1} ms, median {median:.1} ms over 15 runs; alpha {lo:.3}..{hi:.3}; {}..{} judges per group", per_group.iter().min().unwrap_or(&0), per_group.iter().max().unwrap_or(&0));

    let all: Vec<Rating> = (1..=n).flat_map(|e| (1..=m).map(move |j| Rating { entry: EntryId(e), judge: AccountId(j), value: score(e, j) })).collect();
    let mut measure = Measure::Alpha { alpha: 0.0 };
    let mut leans = 0;
    let (best, median) = timed(15, || {
        measure = agreement(&all).measure;
        leans = leanings(&all).len();
    });
    let Measure::Icc { single, average, k } = measure else {
        println!("unexpected measure {measure:?}");
        std::process::exit(1);
    };
    assert_eq!((k, leans), (40, 40));
    println!("ICC on a complete panel: {n} works × {m} judges ({} sheets) in one group, with every judge's lean", all.len());
    println!("  best {best:.1} ms, median {median:.1} ms over 15 runs; ICC(2,1) {single:.3}, ICC(2,40) {average:.3}");
}

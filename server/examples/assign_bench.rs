//! Balanced auto-assignment timing: 10,000 entries, 40 judges, k = 3, with 2% of pairs in
//! conflict. Prints the best and median of 15 runs and checks the result's shape.
//! Run: `cargo run --release -p baiqau-server --example assign_bench`.

use app::domain::ids::{AccountId, EntryId};
use app::domain::judging::balanced;
use std::collections::{HashMap, HashSet};
use std::time::Instant;

fn main() {
    let (n, m, k) = (10_000i64, 40i64, 3usize);
    let entries: Vec<EntryId> = (1..=n).map(EntryId).collect();
    let judges: Vec<AccountId> = (1..=m).map(|j| AccountId(100_000 + j)).collect();
    // Every 50th pair conflicts (a judge's school, say).
    let blocked: HashSet<(EntryId, AccountId)> = entries.iter().flat_map(|e| judges.iter().map(move |j| (*e, *j))).filter(|(e, j)| (e.0 * 7 + j.0) % 50 == 0).collect();
    let mut times = Vec::new();
    let mut pairs = Vec::new();
    for run in 0..15u64 {
        let t = Instant::now();
        pairs = balanced(&entries, &judges, k, &[], &blocked, run);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let mut load: HashMap<AccountId, usize> = HashMap::new();
    for (_, j) in &pairs {
        *load.entry(*j).or_default() += 1;
    }
    let (min, max) = (load.values().min().copied().unwrap_or(0), load.values().max().copied().unwrap_or(0));
    assert_eq!(pairs.len(), usize::try_from(n).unwrap_or(0) * k, "every entry gets k judges");
    assert!(pairs.iter().all(|p| !blocked.contains(p)), "no conflicted pair");
    println!("balanced assignment: {n} entries, {m} judges, k = {k}, {} conflicted pairs", blocked.len());
    println!("  best {:.1} ms, median {:.1} ms over {} runs; {} pairs; loads {min}..{max}", times[0], times[times.len() / 2], times.len(), pairs.len());
}

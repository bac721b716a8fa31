//! How far a jury agrees, and how each judge leans. Pure.
//!
//! - When every work of a group was scored by the same judges (a complete panel): the
//!   intraclass correlations of Shrout & Fleiss (1979), case 2 (two-way random effects,
//!   absolute agreement): ICC(2,1), the reliability of one judge's score, and ICC(2,k), the
//!   reliability of the mean of `k` judges, which is what the results rank by.
//! - Otherwise (balanced panels, a judge who has not finished): Krippendorff's alpha with the
//!   interval metric, which allows any number of judges per work and missing scores.
//! - Per judge, on the works they share with co-judges: severity, the mean of (their score −
//!   the co-judges' mean), and consistency, Pearson's r between the two.
//!
//! Sums are taken around means (two passes), so the figures are exact to well below the three
//! decimals shown, also for 10,000 works.

use super::count;
use super::ids::{AccountId, EntryId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One counted score: a judge's total for a work, in percent of the maximum.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rating {
    pub entry: EntryId,
    pub judge: AccountId,
    pub value: f64,
}

/// The agreement figure of a group of works, by the method the data allow.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Measure {
    /// Every work scored by the same `k` judges.
    Icc { single: f64, average: f64, k: u32 },
    /// Works scored by different judges, or not by all of them.
    Alpha { alpha: f64 },
    /// Not measurable (yet), and why.
    Undefined(Undefined),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Undefined {
    /// Fewer than two judges have scored works of the group.
    OneJudge,
    /// Fewer than two works were scored by two judges or more.
    TooFewShared,
    /// The scores do not vary (or vary in no way the model can separate from chance).
    NoVariation,
}

/// A plain reading of the figure. For ICC, the bands of Koo & Li (2016): below 0.5 poor,
/// 0.5–0.75 moderate, 0.75–0.9 good, above excellent. For alpha, Krippendorff's own: below
/// 0.667 poor (no conclusions), 0.667–0.8 moderate (tentative ones), above good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reading {
    Excellent,
    Good,
    Moderate,
    Poor,
}

/// A group's agreement: the works with two scores or more, the judges who scored, the figure.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    pub works: u32,
    pub judges: u32,
    pub measure: Measure,
}

/// How one judge leans on the works they share with co-judges.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lean {
    pub judge: AccountId,
    /// Works this judge scored that at least one other judge scored too.
    pub shared: u32,
    /// Mean of (own score − the co-judges' mean), in points of 100: negative is harsher.
    /// `None` without shared works.
    pub severity: Option<f64>,
    /// Pearson's r between own scores and the co-judges' means. `None` with fewer than three
    /// shared works, or when either side does not vary.
    pub consistency: Option<f64>,
}

impl Measure {
    pub fn reading(&self) -> Option<Reading> {
        match *self {
            Measure::Icc { single, .. } => Some(band(single, &[(0.9, Reading::Excellent), (0.75, Reading::Good), (0.5, Reading::Moderate)])),
            Measure::Alpha { alpha } => Some(band(alpha, &[(0.8, Reading::Good), (0.667, Reading::Moderate)])),
            Measure::Undefined(_) => None,
        }
    }
}

fn band(v: f64, bands: &[(f64, Reading)]) -> Reading {
    bands.iter().find(|(from, _)| v >= *from).map_or(Reading::Poor, |(_, r)| *r)
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0.0), |(s, n), v| (s + v, n + 1.0));
    if n > 0.0 { sum / n } else { 0.0 }
}

/// ICC(2,1) and ICC(2,k) of a complete `n × k` matrix (a row per work, a column per judge).
/// `None` with fewer than two rows or columns, ragged rows, or no variation to speak of.
pub fn icc2(rows: &[Vec<f64>]) -> Option<(f64, f64)> {
    let n = rows.len();
    let k = rows.first().map_or(0, Vec::len);
    if n < 2 || k < 2 || rows.iter().any(|r| r.len() != k) {
        return None;
    }
    let (nf, kf) = (n as f64, k as f64);
    let grand = mean(rows.iter().flatten().copied());
    let ssr = kf * rows.iter().map(|r| (mean(r.iter().copied()) - grand).powi(2)).sum::<f64>();
    let ssc = nf * (0..k).map(|j| (mean(rows.iter().map(|r| r[j])) - grand).powi(2)).sum::<f64>();
    let sst = rows.iter().flatten().map(|v| (v - grand).powi(2)).sum::<f64>();
    let sse = (sst - ssr - ssc).max(0.0);
    let bms = ssr / (nf - 1.0);
    let jms = ssc / (kf - 1.0);
    let ems = sse / ((nf - 1.0) * (kf - 1.0));
    let single = bms + (kf - 1.0) * ems + kf * (jms - ems) / nf;
    let average = bms + (jms - ems) / nf;
    // Relative to the data's own scale, so that rounding noise on equal scores is no variation.
    let tiny = 1e-12 * (sst / (nf * kf)).max(f64::MIN_POSITIVE);
    if sst <= 0.0 || single <= tiny || average <= tiny {
        return None;
    }
    Some(((bms - ems) / single, (bms - ems) / average))
}

/// Krippendorff's alpha, interval metric, over units of values (a unit per work, a value per
/// judge who scored it). Units with fewer than two values cannot be paired and are left out.
/// `None` when fewer than two units remain or the values do not vary.
pub fn alpha_interval(units: &[Vec<f64>]) -> Option<f64> {
    let pairable: Vec<&Vec<f64>> = units.iter().filter(|u| u.len() >= 2).collect();
    if pairable.len() < 2 {
        return None;
    }
    // With δ²(a, b) = (a − b)², the sum over ordered pairs within a unit of m values is
    // 2·m·SS(unit), and over all pairable values 2·n·SS(all): D_o and D_e follow from them.
    let n = pairable.iter().map(|u| u.len()).sum::<usize>() as f64;
    let grand = mean(pairable.iter().flat_map(|u| u.iter().copied()));
    let total = pairable.iter().flat_map(|u| u.iter()).map(|v| (v - grand).powi(2)).sum::<f64>();
    // Rounding noise on equal scores is no variation: measured against the values' scale.
    if total <= 1e-12 * n * grand.abs().max(1.0).powi(2) {
        return None;
    }
    let within = pairable
        .iter()
        .map(|u| {
            let m = u.len() as f64;
            let mu = mean(u.iter().copied());
            m / (m - 1.0) * u.iter().map(|v| (v - mu).powi(2)).sum::<f64>()
        })
        .sum::<f64>();
    Some(1.0 - (n - 1.0) * within / (n * total))
}

/// The agreement of one group's ratings: ICC when the panel is complete, alpha when not.
/// A judge's second rating of the same work (which the callers never pass) would count twice.
pub fn agreement(ratings: &[Rating]) -> Agreement {
    let mut by_entry: BTreeMap<EntryId, Vec<(AccountId, f64)>> = BTreeMap::new();
    for r in ratings {
        by_entry.entry(r.entry).or_default().push((r.judge, r.value));
    }
    let judges: BTreeSet<AccountId> = ratings.iter().map(|r| r.judge).collect();
    let works = count(by_entry.values().filter(|v| v.len() >= 2).count());
    let of = |measure| Agreement { works, judges: count(judges.len()), measure };
    if judges.len() < 2 {
        return of(Measure::Undefined(Undefined::OneJudge));
    }
    if works < 2 {
        return of(Measure::Undefined(Undefined::TooFewShared));
    }
    let complete = by_entry.values().all(|v| v.len() == judges.len());
    let measure = if complete {
        let rows: Vec<Vec<f64>> = by_entry
            .values()
            .map(|v| {
                let mut v = v.clone();
                v.sort_by_key(|(j, _)| *j);
                v.into_iter().map(|(_, x)| x).collect()
            })
            .collect();
        icc2(&rows).map(|(single, average)| Measure::Icc { single, average, k: count(judges.len()) })
    } else {
        let units: Vec<Vec<f64>> = by_entry.values().map(|v| v.iter().map(|(_, x)| *x).collect()).collect();
        alpha_interval(&units).map(|alpha| Measure::Alpha { alpha })
    };
    of(measure.unwrap_or(Measure::Undefined(Undefined::NoVariation)))
}

/// Each judge's lean, in the order of their ids.
pub fn leanings(ratings: &[Rating]) -> Vec<Lean> {
    let mut work: BTreeMap<EntryId, (f64, u32)> = BTreeMap::new();
    for r in ratings {
        let w = work.entry(r.entry).or_insert((0.0, 0));
        w.0 += r.value;
        w.1 += 1;
    }
    // (own, co-judges' mean) per judge over shared works.
    let mut pairs: BTreeMap<AccountId, Vec<(f64, f64)>> = BTreeMap::new();
    for r in ratings {
        let others = work.get(&r.entry).filter(|(_, n)| *n >= 2).map(|(sum, n)| (sum - r.value) / f64::from(n - 1));
        let mine = pairs.entry(r.judge).or_default();
        if let Some(o) = others {
            mine.push((r.value, o));
        }
    }
    pairs
        .into_iter()
        .map(|(judge, p)| Lean {
            judge,
            shared: count(p.len()),
            severity: (!p.is_empty()).then(|| mean(p.iter().map(|(x, o)| x - o))),
            consistency: pearson(&p),
        })
        .collect()
}

/// Pearson's r of pairs; `None` with fewer than three or when either side is constant.
pub fn pearson(pairs: &[(f64, f64)]) -> Option<f64> {
    if pairs.len() < 3 {
        return None;
    }
    let mx = mean(pairs.iter().map(|p| p.0));
    let my = mean(pairs.iter().map(|p| p.1));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx).powi(2);
        syy += (y - my).powi(2);
    }
    let scale = 1e-12 * (mx.abs() + my.abs() + 1.0).powi(2) * pairs.len() as f64;
    if sxx <= scale || syy <= scale {
        return None;
    }
    Some((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round3(v: f64) -> f64 {
        (v * 1000.0).round() / 1000.0
    }

    /// Shrout & Fleiss (1979), Table 2: six targets rated by four judges.
    fn shrout_fleiss() -> Vec<Vec<f64>> {
        [[9., 2., 5., 8.], [6., 1., 3., 2.], [8., 4., 6., 8.], [7., 1., 2., 6.], [10., 5., 6., 9.], [6., 2., 4., 7.]].iter().map(|r| r.to_vec()).collect()
    }

    fn ratings_of(rows: &[Vec<Option<f64>>]) -> Vec<Rating> {
        // rows: a row per judge, a column per work (Krippendorff's layout).
        let mut out = Vec::new();
        for (j, row) in rows.iter().enumerate() {
            for (u, v) in row.iter().enumerate() {
                if let Some(v) = v {
                    out.push(Rating { entry: EntryId(i64::try_from(u).unwrap_or(0) + 1), judge: AccountId(i64::try_from(j).unwrap_or(0) + 1), value: *v });
                }
            }
        }
        out
    }

    #[test]
    fn icc_matches_shrout_and_fleiss_table() {
        // Their Table 4: ICC(2,1) = .29, ICC(2,4) = .62; to three decimals .290 and .620.
        let (single, average) = icc2(&shrout_fleiss()).expect("defined");
        assert_eq!((round3(single), round3(average)), (0.290, 0.620));
        // Through the grouping: the same data as ratings chooses ICC, k = 4.
        let ratings: Vec<Rating> = shrout_fleiss()
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.iter().enumerate().map(move |(j, v)| Rating { entry: EntryId(i as i64 + 1), judge: AccountId(j as i64 + 1), value: *v }))
            .collect();
        let a = agreement(&ratings);
        assert_eq!((a.works, a.judges), (6, 4));
        let Measure::Icc { single, average, k } = a.measure else { panic!("ICC expected, got {:?}", a.measure) };
        assert_eq!((round3(single), round3(average), k), (0.290, 0.620, 4));
        assert_eq!(a.measure.reading(), Some(Reading::Poor));
    }

    #[test]
    fn alpha_matches_krippendorffs_worked_example() {
        // Krippendorff (2011), "Computing Krippendorff's alpha-reliability": four observers,
        // twelve units, missing values; interval alpha = 0.849.
        let n = None;
        let s = |v: f64| Some(v);
        let data = vec![
            vec![s(1.), s(2.), s(3.), s(3.), s(2.), s(1.), s(4.), s(1.), s(2.), n, n, n],
            vec![s(1.), s(2.), s(3.), s(3.), s(2.), s(2.), s(4.), s(1.), s(2.), s(5.), n, s(3.)],
            vec![n, s(3.), s(3.), s(3.), s(2.), s(3.), s(4.), s(2.), s(2.), s(5.), s(1.), n],
            vec![s(1.), s(2.), s(3.), s(3.), s(2.), s(4.), s(4.), s(1.), s(2.), s(5.), s(1.), n],
        ];
        let a = agreement(&ratings_of(&data));
        // Unit 12 has one value and pairs with nothing.
        assert_eq!((a.works, a.judges), (11, 4));
        let Measure::Alpha { alpha } = a.measure else { panic!("alpha expected, got {:?}", a.measure) };
        assert_eq!(round3(alpha), 0.849);
        assert_eq!(a.measure.reading(), Some(Reading::Good));
    }

    #[test]
    fn alpha_and_icc_agree_on_perfect_agreement_and_shifted_judges() {
        // Identical scores: both are 1.
        let rows = vec![vec![10., 10.], vec![50., 50.], vec![90., 90.]];
        let (single, average) = icc2(&rows).expect("defined");
        assert!((single - 1.0).abs() < 1e-12 && (average - 1.0).abs() < 1e-12);
        assert!((alpha_interval(&rows).expect("defined") - 1.0).abs() < 1e-12);
        // A judge 20 points harsher throughout: absolute agreement falls below 1.
        let shifted = vec![vec![30., 10.], vec![70., 50.], vec![100., 80.]];
        assert!(icc2(&shifted).expect("defined").0 < 0.9);
    }

    #[test]
    fn edge_cases_say_why_nothing_is_measured() {
        let one = |e: i64, j: i64, v: f64| Rating { entry: EntryId(e), judge: AccountId(j), value: v };
        // One judge only.
        let a = agreement(&[one(1, 1, 50.), one(2, 1, 70.)]);
        assert_eq!(a, Agreement { works: 0, judges: 1, measure: Measure::Undefined(Undefined::OneJudge) });
        // Two judges, but only one work scored by both.
        let a = agreement(&[one(1, 1, 50.), one(1, 2, 60.), one(2, 1, 70.)]);
        assert_eq!(a, Agreement { works: 1, judges: 2, measure: Measure::Undefined(Undefined::TooFewShared) });
        // Zero variance: every score equal, complete and incomplete.
        let a = agreement(&[one(1, 1, 80.), one(1, 2, 80.), one(2, 1, 80.), one(2, 2, 80.)]);
        assert_eq!(a.measure, Measure::Undefined(Undefined::NoVariation));
        let a = agreement(&[one(1, 1, 80.), one(1, 2, 80.), one(2, 1, 80.), one(2, 3, 80.), one(3, 3, 80.)]);
        assert_eq!(a.measure, Measure::Undefined(Undefined::NoVariation));
        // Missing ratings: a third judge who scored one of two works makes the panel
        // incomplete; alpha is used and is defined.
        let a = agreement(&[one(1, 1, 40.), one(1, 2, 50.), one(2, 1, 80.), one(2, 2, 90.), one(2, 3, 85.)]);
        assert!(matches!(a.measure, Measure::Alpha { .. }), "{:?}", a.measure);
        assert_eq!((a.works, a.judges), (2, 3));
        // Nothing at all.
        assert_eq!(agreement(&[]).measure, Measure::Undefined(Undefined::OneJudge));
        // Ragged or too small matrices.
        assert_eq!(icc2(&[vec![1., 2.]]), None);
        assert_eq!(icc2(&[vec![1., 2.], vec![1.]]), None);
        assert_eq!(alpha_interval(&[vec![1., 2.], vec![3.]]), None);
    }

    #[test]
    fn readings_follow_the_published_bands() {
        let icc = |single| Measure::Icc { single, average: single, k: 3 }.reading();
        assert_eq!([icc(0.95), icc(0.9), icc(0.8), icc(0.6), icc(0.49), icc(-0.2)], [
            Some(Reading::Excellent),
            Some(Reading::Excellent),
            Some(Reading::Good),
            Some(Reading::Moderate),
            Some(Reading::Poor),
            Some(Reading::Poor)
        ]);
        let alpha = |alpha| Measure::Alpha { alpha }.reading();
        assert_eq!([alpha(0.85), alpha(0.7), alpha(0.6)], [Some(Reading::Good), Some(Reading::Moderate), Some(Reading::Poor)]);
        assert_eq!(Measure::Undefined(Undefined::OneJudge).reading(), None);
    }

    #[test]
    fn leanings_measure_severity_against_co_judges() {
        let one = |e: i64, j: i64, v: f64| Rating { entry: EntryId(e), judge: AccountId(j), value: v };
        // Judge 3 is 20 points harsher than 1 and 2 (who agree) on four works, in the same order.
        let mut r = Vec::new();
        for (e, base) in [(1, 50.), (2, 60.), (3, 70.), (4, 90.)] {
            r.extend([one(e, 1, base), one(e, 2, base), one(e, 3, base - 20.)]);
        }
        // Judge 4 scored one work nobody else did.
        r.push(one(5, 4, 75.));
        let l = leanings(&r);
        assert_eq!(l.len(), 4);
        // Judge 1: co-judges' mean is base − 10: +10 on each.
        assert_eq!((l[0].judge, l[0].shared), (AccountId(1), 4));
        assert!((l[0].severity.expect("shared") - 10.0).abs() < 1e-9);
        assert!((l[2].severity.expect("shared") + 20.0).abs() < 1e-9, "{:?}", l[2]);
        assert!((l[2].consistency.expect("varies") - 1.0).abs() < 1e-9);
        assert_eq!(l[3], Lean { judge: AccountId(4), shared: 0, severity: None, consistency: None });
        // Pearson's r: perfectly reversed, and undefined for constants or too few pairs.
        assert!((pearson(&[(1., 3.), (2., 2.), (3., 1.)]).expect("defined") + 1.0).abs() < 1e-12);
        assert_eq!(pearson(&[(1., 5.), (2., 5.), (3., 5.)]), None);
        assert_eq!(pearson(&[(1., 2.), (2., 3.)]), None);
    }
}

//! How works are scored and awarded: which rubric a nomination is scored by, its criteria
//! and their weights, how the judges' totals are combined, and the award scheme. Frozen from
//! the start of judging ([`super::contest::Phase::rubric_frozen`]).

use serde::{Deserialize, Serialize};

/// The criteria a nomination is scored by: its own rubric when it has one, else the
/// contest's. The one place this rule is written.
pub fn rubric_for<'a, T>(own: &'a [T], contest: &'a [T]) -> &'a [T] {
    if own.is_empty() { contest } else { own }
}

/// A criterion of the rubric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionRules {
    pub max_points: u32,
    pub weight: u32,
    /// Judges may give half points (e.g. 7.5).
    pub half_points: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CriterionError {
    #[error("maximum points must be 1 to 100")]
    MaxPoints,
    #[error("weight must be 1 to 100")]
    Weight,
}

impl CriterionRules {
    pub fn validate(&self) -> Result<(), CriterionError> {
        if !(1..=100).contains(&self.max_points) {
            return Err(CriterionError::MaxPoints);
        }
        if !(1..=100).contains(&self.weight) {
            return Err(CriterionError::Weight);
        }
        Ok(())
    }
}

/// Each criterion's share of a judge's total, in percent of the weights' sum (for display).
pub fn weight_shares(weights: &[u32]) -> Vec<f64> {
    let sum: u32 = weights.iter().sum();
    weights.iter().map(|w| if sum == 0 { 0.0 } else { f64::from(*w) * 100.0 / f64::from(sum) }).collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    Mean,
    /// Drops the highest and the lowest total when there are at least four judges.
    TrimmedMean,
    Median,
}

impl Aggregation {
    pub const ALL: [Aggregation; 3] = [Aggregation::Mean, Aggregation::TrimmedMean, Aggregation::Median];

    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::Mean => "mean",
            Aggregation::TrimmedMean => "trimmed_mean",
            Aggregation::Median => "median",
        }
    }

    pub fn parse(s: &str) -> Option<Aggregation> {
        Aggregation::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrandPrix {
    None,
    Contest,
    Nomination,
}

impl GrandPrix {
    pub const ALL: [GrandPrix; 3] = [GrandPrix::None, GrandPrix::Contest, GrandPrix::Nomination];

    pub fn as_str(self) -> &'static str {
        match self {
            GrandPrix::None => "none",
            GrandPrix::Contest => "contest",
            GrandPrix::Nomination => "nomination",
        }
    }

    pub fn parse(s: &str) -> Option<GrandPrix> {
        GrandPrix::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// Which awards exist and how many of each (per nomination × age group for places and
/// mentions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardScheme {
    pub grand_prix: GrandPrix,
    pub first: u32,
    pub second: u32,
    pub third: u32,
    pub mentions: u32,
    pub participant_certificates: bool,
    /// A minimum score (0–100) an entry needs for any place or mention.
    pub min_score: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AwardSchemeError {
    #[error("each number of places must be 0 to 10")]
    Count,
    #[error("the minimum score must be 0 to 100")]
    MinScore,
}

impl AwardScheme {
    pub fn validate(&self) -> Result<(), AwardSchemeError> {
        if [self.first, self.second, self.third, self.mentions].iter().any(|n| *n > 10) {
            return Err(AwardSchemeError::Count);
        }
        if self.min_score.is_some_and(|m| m > 100) {
            return Err(AwardSchemeError::MinScore);
        }
        Ok(())
    }
}

impl Default for AwardScheme {
    fn default() -> Self {
        AwardScheme { grand_prix: GrandPrix::None, first: 1, second: 1, third: 1, mentions: 0, participant_certificates: true, min_score: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nomination_is_scored_by_its_own_rubric_else_the_contests() {
        assert_eq!(rubric_for(&[7, 8], &[1, 2, 3]), &[7, 8]);
        assert_eq!(rubric_for(&[], &[1, 2, 3]), &[1, 2, 3]);
        assert_eq!(rubric_for::<u8>(&[], &[]), &[] as &[u8]);
    }

    #[test]
    fn criterion_and_weights() {
        assert_eq!(CriterionRules { max_points: 10, weight: 2, half_points: false }.validate(), Ok(()));
        assert_eq!(CriterionRules { max_points: 0, weight: 2, half_points: false }.validate(), Err(CriterionError::MaxPoints));
        assert_eq!(CriterionRules { max_points: 10, weight: 0, half_points: false }.validate(), Err(CriterionError::Weight));
        assert_eq!(CriterionRules { max_points: 10, weight: 101, half_points: true }.validate(), Err(CriterionError::Weight));
        assert_eq!(weight_shares(&[1, 1, 2]), vec![25.0, 25.0, 50.0]);
    }
}

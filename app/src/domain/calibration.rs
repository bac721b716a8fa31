//! Judge calibration on anchor works: an admin scores a few works as the reference (per
//! criterion, with an explanation); each judge scores them blind before their queue, then
//! sees the reference beside their own. How far a judge stands from the references is
//! worked out here, exactly: points are kept in halves, so every sum is an integer.
//!
//! Calibration scores live in tables of their own and never reach results or the jury's
//! statistics.

use serde::{Deserialize, Serialize};

/// A judge's distance from the references over the anchors they scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deviation {
    /// Anchors scored.
    pub anchors: u32,
    /// Criteria compared (over all anchors).
    pub criteria: u32,
    /// Σ (own − reference), in half points: below zero, the judge scores more harshly.
    pub signed_halves: i64,
    /// Σ |own − reference|, in half points.
    pub absolute_halves: i64,
    /// Σ (own − reference) / the criterion's maximum, in hundredths of a percent, each term
    /// rounded to the nearest (the maximum makes criteria of 10 and of 100 points comparable).
    pub signed_basis_points: i64,
}

impl Deviation {
    /// Adds one scored anchor: `(own halves, reference halves, the criterion's maximum in
    /// points)` for each of its criteria.
    pub fn add(&mut self, pairs: &[(u32, u32, u32)]) {
        self.anchors += 1;
        for &(own, reference, max) in pairs {
            let d = i64::from(own) - i64::from(reference);
            self.criteria += 1;
            self.signed_halves += d;
            self.absolute_halves += d.abs();
            // d halves of max points = d * 100 / (2 * max) percent = d * 5000 / max basis points.
            let max = i64::from(max.max(1));
            let bp = d * 5000;
            self.signed_basis_points += if bp >= 0 { (bp + max / 2) / max } else { -((-bp + max / 2) / max) };
        }
    }

    /// The mean of own − reference per criterion, in points (negative: harsher).
    pub fn mean_signed(&self) -> Option<f64> {
        (self.criteria > 0).then(|| self.signed_halves as f64 / (2.0 * f64::from(self.criteria)))
    }

    /// The mean of |own − reference| per criterion, in points.
    pub fn mean_absolute(&self) -> Option<f64> {
        (self.criteria > 0).then(|| self.absolute_halves as f64 / (2.0 * f64::from(self.criteria)))
    }

    /// The mean of own − reference per criterion, in percent of the criterion's maximum.
    pub fn mean_signed_pct(&self) -> Option<f64> {
        (self.criteria > 0).then(|| self.signed_basis_points as f64 / (100.0 * f64::from(self.criteria)))
    }

    /// How the judge leans: harsh or lenient when the mean stands more than `pct` percent
    /// of the maximum away from the references.
    pub fn lean(&self, pct: f64) -> Lean {
        match self.mean_signed_pct() {
            None => Lean::Unknown,
            Some(m) if m < -pct => Lean::Harsh,
            Some(m) if m > pct => Lean::Lenient,
            Some(_) => Lean::InLine,
        }
    }
}

/// What a judge's calibration says, in one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lean {
    Unknown,
    Harsh,
    InLine,
    Lenient,
}

/// The margin past which a judge is said to lean: a tenth of the scale.
pub const LEAN_PCT: f64 = 10.0;

/// Where a judge stands with the contest's calibration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// No anchors for this judge: nothing to do.
    None,
    /// `done` of `of` anchors scored.
    Partly { done: u32, of: u32 },
    Done,
}

impl Standing {
    pub fn of(done: u32, of: u32) -> Standing {
        match (done, of) {
            (_, 0) => Standing::None,
            (d, o) if d >= o => Standing::Done,
            (done, of) => Standing::Partly { done, of },
        }
    }

    /// Whether the judge's queue stays closed: calibration is required and not finished.
    pub fn holds_queue(self, required: bool) -> bool {
        required && matches!(self, Standing::Partly { .. })
    }
}

/// Longest title an admin gives an uploaded example work.
pub const EXAMPLE_TITLE_MAX: usize = 200;

/// Why an uploaded example's title was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleError {
    Empty,
    TooLong,
    ControlChars,
}

/// An uploaded example's title as kept: one line, spaces collapsed, 1 to
/// [`EXAMPLE_TITLE_MAX`] characters, no control or invisible characters. Only admins see it.
pub fn example_title(raw: &str) -> Result<String, TitleError> {
    if raw.chars().any(|c| (c.is_control() && !c.is_whitespace()) || super::invisible(c)) {
        return Err(TitleError::ControlChars);
    }
    let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    match title.chars().count() {
        0 => Err(TitleError::Empty),
        n if n > EXAMPLE_TITLE_MAX => Err(TitleError::TooLong),
        _ => Ok(title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deviations_are_exact_sums_of_halves() {
        let mut d = Deviation::default();
        // Anchor 1: criteria of 10, 10 and 5 points; the judge gave 6, 7.5 and 5 where the
        // reference is 8, 7 and 4.
        d.add(&[(12, 16, 10), (15, 14, 10), (10, 8, 5)]);
        // Anchor 2: one criterion of 100 points: 40 against 55.
        d.add(&[(80, 110, 100)]);
        assert_eq!((d.anchors, d.criteria, d.signed_halves, d.absolute_halves), (2, 4, -4 + 1 + 2 - 30, 4 + 1 + 2 + 30));
        assert_eq!(d.mean_signed(), Some(-31.0 / 8.0));
        assert_eq!(d.mean_absolute(), Some(37.0 / 8.0));
        // −20 % + 5 % + 20 % − 15 % = −10 %, over four criteria: −2.5 %.
        assert_eq!(d.signed_basis_points, -2000 + 500 + 2000 - 1500);
        assert_eq!(d.mean_signed_pct(), Some(-2.5));
        assert_eq!(d.lean(LEAN_PCT), Lean::InLine);
    }

    #[test]
    fn rounding_of_odd_shares_is_to_the_nearest_both_ways() {
        let mut d = Deviation::default();
        // Half a point of 3: 16.666… % → 1667 basis points; and minus the same.
        d.add(&[(1, 0, 3)]);
        assert_eq!(d.signed_basis_points, 1667);
        d.add(&[(0, 1, 3)]);
        assert_eq!(d.signed_basis_points, 0);
    }

    #[test]
    fn leaning_and_empty() {
        let d = Deviation::default();
        assert_eq!((d.mean_signed(), d.lean(LEAN_PCT)), (None, Lean::Unknown));
        let mut harsh = Deviation::default();
        harsh.add(&[(8, 16, 10)]);
        assert_eq!(harsh.lean(LEAN_PCT), Lean::Harsh);
        let mut lenient = Deviation::default();
        lenient.add(&[(20, 16, 10)]);
        assert_eq!(lenient.lean(LEAN_PCT), Lean::Lenient);
        let mut edge = Deviation::default();
        edge.add(&[(18, 16, 10)]);
        assert_eq!(edge.lean(LEAN_PCT), Lean::InLine, "exactly a tenth is still in line");
    }

    #[test]
    fn standing_holds_the_queue_only_when_required_and_unfinished() {
        assert_eq!(Standing::of(0, 0), Standing::None);
        assert_eq!(Standing::of(1, 3), Standing::Partly { done: 1, of: 3 });
        assert_eq!(Standing::of(3, 3), Standing::Done);
        assert!(Standing::of(0, 2).holds_queue(true));
        assert!(!Standing::of(0, 2).holds_queue(false));
        assert!(!Standing::of(2, 2).holds_queue(true));
        assert!(!Standing::of(0, 0).holds_queue(true));
    }

    #[test]
    fn an_example_title_is_one_clean_line_of_at_most_200_characters() {
        assert_eq!(example_title("  Су бояу,\n 2019 жеңімпазы  "), Ok("Су бояу, 2019 жеңімпазы".to_owned()));
        assert_eq!(example_title(" \t\n "), Err(TitleError::Empty));
        assert_eq!(example_title(&"ә".repeat(200)), Ok("ә".repeat(200)));
        assert_eq!(example_title(&"ә".repeat(201)), Err(TitleError::TooLong));
        assert_eq!(example_title("Эталон\u{0}"), Err(TitleError::ControlChars));
        assert_eq!(example_title("Эталон\u{202E}txt"), Err(TitleError::ControlChars));
    }
}

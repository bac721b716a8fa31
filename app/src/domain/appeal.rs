//! Appeals: after a contest's results are published, an entrant may contest an entry's
//! result once, within the contest's appeal window. An admin gives the appeal to a judge who
//! did not score the work (a new sheet on the same rubric, blind) and, once that sheet is in,
//! decides: upheld (the re-review joins the work's sheets and the results are published
//! again) or rejected, with a reply the entrant reads. Pure rules; the service applies them.

use serde::{Deserialize, Serialize};

/// The longest reason or reply, in characters.
pub const TEXT_MAX: usize = 2_000;
/// The longest window a contest may set, in days.
pub const DAYS_MAX: i64 = 30;
const DAY: i64 = 86_400;

/// Where an appeal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AppealState {
    /// Waiting for an admin to give it to a judge.
    Filed,
    /// A judge re-reviews the work.
    Assigned,
    /// Decided for the entrant: the results were published again.
    Upheld,
    /// Decided against: the result stands.
    Rejected,
}

impl AppealState {
    pub fn as_str(self) -> &'static str {
        match self {
            AppealState::Filed => "filed",
            AppealState::Assigned => "assigned",
            AppealState::Upheld => "upheld",
            AppealState::Rejected => "rejected",
        }
    }
    pub fn parse(s: &str) -> Option<AppealState> {
        [AppealState::Filed, AppealState::Assigned, AppealState::Upheld, AppealState::Rejected].into_iter().find(|a| a.as_str() == s)
    }
    pub fn decided(self) -> bool {
        matches!(self, AppealState::Upheld | AppealState::Rejected)
    }
}

/// An admin's decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Upheld,
    Rejected,
}

impl Verdict {
    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "upheld" => Some(Verdict::Upheld),
            "rejected" => Some(Verdict::Rejected),
            _ => None,
        }
    }
    pub fn state(self) -> AppealState {
        match self {
            Verdict::Upheld => AppealState::Upheld,
            Verdict::Rejected => AppealState::Rejected,
        }
    }
}

/// Why a step of an appeal is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The contest takes no appeals, or its results are not published.
    NoWindow,
    /// The window has closed.
    Closed,
    /// The entry has an appeal already.
    Twice,
    /// The entry has no line in the published results (withdrawn, disqualified).
    NotInResults,
    /// The reason or the reply is empty.
    Empty,
    /// The reason or the reply is longer than [`TEXT_MAX`].
    TooLong,
    /// The reason or the reply holds control or invisible characters (line breaks and tabs
    /// are text).
    ControlChars,
    /// The step does not fit the appeal's state (decided already, not yet assigned).
    WrongState,
    /// To decide, the re-review must be submitted first.
    NotReviewed,
    /// The chosen judge scored the work, recused from it, or is no judge of the contest.
    NotEligible,
}

/// When the window closes: `days` after publication; `None` when the contest takes no
/// appeals or has not published.
pub fn closes_at(published_at: Option<i64>, days: i64) -> Option<i64> {
    (days > 0).then_some(published_at?).map(|p| p + days.min(DAYS_MAX) * DAY)
}

/// A reason or reply as typed: trimmed, non-empty, at most [`TEXT_MAX`] characters.
pub fn text(raw: &str) -> Result<&str, Refusal> {
    let t = raw.trim();
    if t.is_empty() {
        Err(Refusal::Empty)
    } else if t.chars().count() > TEXT_MAX {
        Err(Refusal::TooLong)
    } else if t.chars().any(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || super::invisible(c)) {
        Err(Refusal::ControlChars)
    } else {
        Ok(t)
    }
}

/// What filing checks: a window that is open at `now` (it closes at its end, exclusive), no
/// appeal on the entry yet, the entry in the published results, and a reason.
pub fn may_file(closes: Option<i64>, now: i64, in_results: bool, already: bool, reason: &str) -> Result<(), Refusal> {
    let Some(closes) = closes else { return Err(Refusal::NoWindow) };
    if now >= closes {
        return Err(Refusal::Closed);
    }
    if already {
        return Err(Refusal::Twice);
    }
    if !in_results {
        return Err(Refusal::NotInResults);
    }
    text(reason).map(|_| ())
}

/// A judge may re-review a work they neither scored (a submitted sheet), were assigned, nor
/// recused from, if they judge the contest.
pub fn eligible(judges_contest: bool, assigned: bool, has_sheet: bool, recused: bool) -> bool {
    judges_contest && !assigned && !has_sheet && !recused
}

/// Giving (or giving again) an appeal to a judge: while it waits, or while its re-review
/// has not been submitted.
pub fn may_assign(state: AppealState, review_submitted: bool, eligible: bool) -> Result<AppealState, Refusal> {
    match state {
        AppealState::Filed | AppealState::Assigned if !review_submitted => {
            if eligible { Ok(AppealState::Assigned) } else { Err(Refusal::NotEligible) }
        }
        _ => Err(Refusal::WrongState),
    }
}

/// Deciding: only an assigned appeal whose re-review is submitted, with a reply.
pub fn may_decide(state: AppealState, review_submitted: bool, verdict: Verdict, reply: &str) -> Result<AppealState, Refusal> {
    if state != AppealState::Assigned {
        return Err(Refusal::WrongState);
    }
    if !review_submitted {
        return Err(Refusal::NotReviewed);
    }
    text(reply).map(|_| verdict.state())
}

/// Whether a re-review sheet counts in the results: only once its appeal is upheld.
pub fn review_counts(state: AppealState) -> bool {
    state == AppealState::Upheld
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_opens_at_publication_for_the_contests_days_and_closes_at_its_end() {
        assert_eq!(closes_at(Some(1_000), 3), Some(1_000 + 3 * DAY));
        assert_eq!(closes_at(Some(1_000), 0), None);
        assert_eq!(closes_at(None, 3), None);
        // A window longer than the rule allows is cut to it.
        assert_eq!(closes_at(Some(0), 400), Some(DAYS_MAX * DAY));
        let closes = closes_at(Some(1_000), 1);
        assert_eq!(may_file(closes, 1_000 + DAY - 1, true, false, "Why?"), Ok(()));
        assert_eq!(may_file(closes, 1_000 + DAY, true, false, "Why?"), Err(Refusal::Closed));
        assert_eq!(may_file(None, 0, true, false, "Why?"), Err(Refusal::NoWindow));
    }

    #[test]
    fn one_appeal_per_entry_on_a_result_with_a_reason_of_bounded_length() {
        let closes = Some(10_000);
        assert_eq!(may_file(closes, 0, true, true, "again"), Err(Refusal::Twice));
        assert_eq!(may_file(closes, 0, false, false, "x"), Err(Refusal::NotInResults));
        assert_eq!(may_file(closes, 0, true, false, "  \n "), Err(Refusal::Empty));
        assert_eq!(may_file(closes, 0, true, false, &"ә".repeat(TEXT_MAX)), Ok(()));
        assert_eq!(may_file(closes, 0, true, false, &"ә".repeat(TEXT_MAX + 1)), Err(Refusal::TooLong));
        assert_eq!(text("  Неге?  "), Ok("Неге?"));
        assert_eq!(text("Бірінші жол\r\nекінші\tжол"), Ok("Бірінші жол\r\nекінші\tжол"));
        assert_eq!(text("null\u{0}byte"), Err(Refusal::ControlChars));
        assert_eq!(text("right\u{202E}left"), Err(Refusal::ControlChars));
        assert_eq!(text("zero\u{200B}width"), Err(Refusal::ControlChars));
    }

    #[test]
    fn the_state_machine_goes_filed_assigned_decided_and_never_back() {
        use AppealState::*;
        assert_eq!(may_assign(Filed, false, true), Ok(Assigned));
        assert_eq!(may_assign(Filed, false, false), Err(Refusal::NotEligible));
        // Given to another judge while the first has not submitted.
        assert_eq!(may_assign(Assigned, false, true), Ok(Assigned));
        assert_eq!(may_assign(Assigned, true, true), Err(Refusal::WrongState));
        assert_eq!(may_assign(Upheld, false, true), Err(Refusal::WrongState));
        assert_eq!(may_assign(Rejected, false, true), Err(Refusal::WrongState));

        assert_eq!(may_decide(Filed, false, Verdict::Upheld, "ok"), Err(Refusal::WrongState));
        assert_eq!(may_decide(Assigned, false, Verdict::Upheld, "ok"), Err(Refusal::NotReviewed));
        assert_eq!(may_decide(Assigned, true, Verdict::Upheld, " "), Err(Refusal::Empty));
        assert_eq!(may_decide(Assigned, true, Verdict::Upheld, "ok"), Ok(Upheld));
        assert_eq!(may_decide(Assigned, true, Verdict::Rejected, "no"), Ok(Rejected));
        assert_eq!(may_decide(Upheld, true, Verdict::Rejected, "no"), Err(Refusal::WrongState));
        assert_eq!(may_decide(Rejected, true, Verdict::Upheld, "ok"), Err(Refusal::WrongState));
        assert!(Upheld.decided() && Rejected.decided() && !Filed.decided() && !Assigned.decided());
    }

    #[test]
    fn a_re_review_counts_only_for_an_upheld_appeal_and_only_a_fresh_judge_may_give_it() {
        assert!(review_counts(AppealState::Upheld));
        assert!(!review_counts(AppealState::Assigned) && !review_counts(AppealState::Rejected) && !review_counts(AppealState::Filed));
        assert!(eligible(true, false, false, false));
        assert!(!eligible(false, false, false, false));
        assert!(!eligible(true, true, false, false));
        assert!(!eligible(true, false, true, false));
        assert!(!eligible(true, false, false, true));
        assert_eq!(Verdict::parse("upheld"), Some(Verdict::Upheld));
        assert_eq!(Verdict::parse("rejected"), Some(Verdict::Rejected));
        assert_eq!(Verdict::parse("maybe"), None);
    }
}

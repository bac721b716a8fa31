//! Entries: their states, who may change them until when, and what a submission needs.

use crate::domain::ids::ContestId;
use super::contest::{AgeRange, Status, Timeline, age_group_for};
use super::date::Date;
use super::time::UnixTime;
use serde::{Deserialize, Serialize};

/// Age below which an entrant must record a guardian's consent for the participant.
pub const ADULT_AGE: i32 = 18;

/// The version of the consent text agreed to (the text itself is in every language in
/// `i18n`). A new text gets a new version; earlier consents keep theirs.
pub const CONSENT_VERSION: &str = "2026-11";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    Draft,
    Submitted,
    Withdrawn,
    Disqualified,
}

impl EntryState {
    pub const ALL: [EntryState; 4] = [EntryState::Draft, EntryState::Submitted, EntryState::Withdrawn, EntryState::Disqualified];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryState::Draft => "draft",
            EntryState::Submitted => "submitted",
            EntryState::Withdrawn => "withdrawn",
            EntryState::Disqualified => "disqualified",
        }
    }

    pub fn parse(s: &str) -> Option<EntryState> {
        EntryState::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Counts against the per-participant limit of a nomination.
    pub fn counts_toward_limit(self) -> bool {
        !matches!(self, EntryState::Withdrawn)
    }
}

/// What an entrant asks to do with an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntrantAction {
    Create,
    Edit,
    Submit,
    Withdraw,
}

/// Why the server refuses an entrant's change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("submissions are not open yet")]
    NotOpenYet,
    #[error("submissions are closed")]
    Closed,
    #[error("the entry was withdrawn")]
    Withdrawn,
    #[error("the entry was disqualified")]
    Disqualified,
    #[error("a judge has scored the entry")]
    Judged,
}

/// When submissions close for one entrant: the contest's close (or its early close),
/// unless the entrant was given a later time.
pub fn deadline(timeline: &Timeline, closed_early_at: Option<UnixTime>, extension: Option<UnixTime>) -> UnixTime {
    let close = timeline.effective_close(closed_early_at);
    extension.map_or(close, |e| e.max(close))
}

/// Whether an entrant may do `action` to an entry in `state` (None when creating) at `now`.
/// Changes are open from the opening second up to, not including, the deadline second.
pub fn entrant_may(
    action: EntrantAction,
    state: Option<EntryState>,
    status: Status,
    timeline: Option<&Timeline>,
    closed_early_at: Option<UnixTime>,
    extension: Option<UnixTime>,
    now: UnixTime,
) -> Result<(), Refusal> {
    let Some(t) = timeline.filter(|_| status == Status::Announced) else {
        return Err(if status == Status::Archived { Refusal::Closed } else { Refusal::NotOpenYet });
    };
    if now < t.open {
        return Err(Refusal::NotOpenYet);
    }
    if now >= deadline(t, closed_early_at, extension) {
        return Err(Refusal::Closed);
    }
    match (action, state) {
        (_, Some(EntryState::Disqualified)) => Err(Refusal::Disqualified),
        (_, Some(EntryState::Withdrawn)) => Err(Refusal::Withdrawn),
        _ => Ok(()),
    }
}

/// A work a judge has scored (a submitted sheet) no longer changes, whatever the entrant's
/// deadline: what was judged is what is ranked. An admin can send its sheets back to the
/// judges, which lets it change again.
pub fn frozen_by_judging(judged: bool) -> Result<(), Refusal> {
    if judged { Err(Refusal::Judged) } else { Ok(()) }
}

/// Age at `on` of someone born on `birth`.
pub fn age_at(birth: Date, on: Date) -> i32 {
    on.years_since(birth)
}

/// Whether a guardian's consent is needed for a participant born on `birth`, today.
pub fn needs_consent(birth: Date, today: Date) -> bool {
    age_at(birth, today) < ADULT_AGE
}

/// Where a participant fits in a contest: the age group index (None when the contest has
/// no age groups), or why the participant does not fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Eligibility {
    #[error("no age group of the contest takes this age")]
    NoAgeGroup,
    #[error("this nomination is not open to the participant's age group")]
    NominationClosed,
    #[error("the participant already has the most entries this nomination allows")]
    LimitReached,
}

/// The age group index a participant falls in, checked against the groups the nomination
/// is open to (`open` holds indices into `groups`) and the per-participant limit.
pub fn place(
    birth: Date,
    cutoff: Date,
    groups: &[AgeRange],
    open: &[usize],
    existing_entries: u32,
    max_entries: u32,
) -> Result<Option<usize>, Eligibility> {
    let group = if groups.is_empty() {
        None
    } else {
        let g = age_group_for(birth, cutoff, groups).ok_or(Eligibility::NoAgeGroup)?;
        if !open.contains(&g) {
            return Err(Eligibility::NominationClosed);
        }
        Some(g)
    };
    if existing_entries >= max_entries {
        return Err(Eligibility::LimitReached);
    }
    Ok(group)
}

/// A receipt as people read and say it: the contest's number and the entry's, e.g. `12-00034`.
pub fn receipt(contest_id: ContestId, receipt_no: i64) -> String {
    format!("{contest_id}-{receipt_no:05}")
}

/// A receipt as [`receipt`] prints it (spaces around the parts allowed) → (contest, number).
pub fn parse_receipt(s: &str) -> Option<(ContestId, i64)> {
    let (c, n) = s.trim().split_once('-')?;
    Some((ContestId(c.trim().parse().ok()?), n.trim().parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_reads_back_as_printed() {
        let printed = receipt(ContestId(12), 34);
        assert_eq!(printed, "12-00034");
        assert_eq!(parse_receipt(&printed), Some((ContestId(12), 34)));
        assert_eq!(parse_receipt(" 3 - 7 "), Some((ContestId(3), 7)));
        for bad in ["", "12", "12-", "-34", "қыс", "12-3a", "12-34-5"] {
            assert_eq!(parse_receipt(bad), None, "{bad:?}");
        }
    }

    const T: Timeline = Timeline { open: 1_000, close: 2_000, judging_end: 3_000, results: 4_000 };

    fn may(action: EntrantAction, state: Option<EntryState>, ext: Option<i64>, now: i64) -> Result<(), Refusal> {
        entrant_may(action, state, Status::Announced, Some(&T), None, ext, now)
    }

    #[test]
    fn changes_end_at_the_closing_second() {
        assert_eq!(may(EntrantAction::Edit, Some(EntryState::Draft), None, 1_999), Ok(()));
        assert_eq!(may(EntrantAction::Edit, Some(EntryState::Draft), None, 2_000), Err(Refusal::Closed));
        assert_eq!(may(EntrantAction::Submit, Some(EntryState::Draft), None, 2_001), Err(Refusal::Closed));
        assert_eq!(may(EntrantAction::Create, None, None, 999), Err(Refusal::NotOpenYet));
        assert_eq!(may(EntrantAction::Create, None, None, 1_000), Ok(()));
    }

    #[test]
    fn an_extension_moves_one_entrants_deadline() {
        assert_eq!(may(EntrantAction::Withdraw, Some(EntryState::Submitted), Some(2_500), 2_499), Ok(()));
        assert_eq!(may(EntrantAction::Withdraw, Some(EntryState::Submitted), Some(2_500), 2_500), Err(Refusal::Closed));
        // An extension earlier than the close never shortens it.
        assert_eq!(may(EntrantAction::Edit, Some(EntryState::Draft), Some(1_500), 1_999), Ok(()));
    }

    #[test]
    fn closing_early_wins_over_the_announced_close() {
        assert_eq!(entrant_may(EntrantAction::Edit, None, Status::Announced, Some(&T), Some(1_500), None, 1_500), Err(Refusal::Closed));
        assert_eq!(entrant_may(EntrantAction::Edit, None, Status::Announced, Some(&T), Some(1_500), None, 1_499), Ok(()));
        assert_eq!(deadline(&T, Some(1_500), Some(1_800)), 1_800);
    }

    #[test]
    fn final_states_and_unpublished_contests_refuse() {
        assert_eq!(may(EntrantAction::Edit, Some(EntryState::Withdrawn), None, 1_500), Err(Refusal::Withdrawn));
        assert_eq!(may(EntrantAction::Withdraw, Some(EntryState::Disqualified), None, 1_500), Err(Refusal::Disqualified));
        assert_eq!(entrant_may(EntrantAction::Create, None, Status::Draft, Some(&T), None, None, 1_500), Err(Refusal::NotOpenYet));
        assert_eq!(entrant_may(EntrantAction::Create, None, Status::Archived, Some(&T), None, None, 1_500), Err(Refusal::Closed));
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|_| panic!("bad date {s}"))
    }

    #[test]
    fn consent_is_needed_until_the_eighteenth_birthday() {
        assert!(needs_consent(d("2008-11-27"), d("2026-11-26")));
        assert!(!needs_consent(d("2008-11-26"), d("2026-11-26")));
        // Born on 29 February: 18 on 1 March in a common year.
        assert!(needs_consent(d("2008-02-29"), d("2026-02-28")));
        assert!(!needs_consent(d("2008-02-29"), d("2026-03-01")));
    }

    #[test]
    fn placement_follows_age_matrix_and_limit() {
        let groups = [AgeRange { min: 6, max: 9 }, AgeRange { min: 10, max: 13 }];
        let cutoff = d("2027-01-01");
        assert_eq!(place(d("2018-06-01"), cutoff, &groups, &[0, 1], 0, 1), Ok(Some(0)));
        assert_eq!(place(d("2015-06-01"), cutoff, &groups, &[0, 1], 0, 1), Ok(Some(1)));
        assert_eq!(place(d("2015-06-01"), cutoff, &groups, &[0], 0, 1), Err(Eligibility::NominationClosed));
        assert_eq!(place(d("2022-06-01"), cutoff, &groups, &[0, 1], 0, 1), Err(Eligibility::NoAgeGroup));
        assert_eq!(place(d("2018-06-01"), cutoff, &groups, &[0, 1], 1, 1), Err(Eligibility::LimitReached));
        assert_eq!(place(d("2018-06-01"), cutoff, &groups, &[0, 1], 1, 2), Ok(Some(0)));
        assert_eq!(place(d("1990-01-01"), cutoff, &[], &[], 0, 1), Ok(None));
    }

    #[test]
    fn receipts_read_well() {
        assert_eq!(receipt(ContestId(12), 34), "12-00034");
        assert_eq!(receipt(ContestId(3), 123_456), "3-123456");
    }
}

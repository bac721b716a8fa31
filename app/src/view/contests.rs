//! What the server sends the browser: the view models of contests.

use crate::domain::ids::{AgeGroupId, CriterionId, NominationId};
use crate::domain::contest::{Aggregation, AgeRange, AwardScheme, CriterionRules, Level, LocalText, Milestone, Phase, WorkRules};
use serde::{Deserialize, Serialize};

/// An instant with the contest zone's offset at that instant, so the browser can show local
/// time without a time-zone database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    pub utc: i64,
    pub offset: i32,
}

/// A contest poster as uploaded and its copies sized for their places.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Poster {
    pub original: String,
    /// 640 px on its longer side: cards on phones.
    pub card: String,
    /// 1280 px: the contest page.
    pub page: String,
    /// 1200 × 630: the social preview.
    pub social: String,
    /// 64 × 64 PNG: the contest page's icon.
    pub icon: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContestSummary {
    pub public_id: String,
    pub title: LocalText,
    pub description: LocalText,
    pub level: Level,
    pub phase: Phase,
    pub organiser_name: String,
    pub time_zone: String,
    pub opens: Option<Moment>,
    pub closes: Option<Moment>,
    pub results: Option<Moment>,
    /// The poster's addresses, if the contest has one.
    pub poster: Option<Poster>,
    /// The address people can read and type (`/contests/<slug>`, short link `/<slug>`).
    pub slug: Option<String>,
    /// Its results are published (the phase says "results" from the announced time, a few
    /// seconds before the publisher has run).
    pub published: bool,
    /// Its public gallery is open (`domain::gallery`).
    pub gallery: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionView {
    pub id: CriterionId,
    pub position: u32,
    pub name: LocalText,
    pub description: LocalText,
    pub rules: CriterionRules,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NominationView {
    pub id: NominationId,
    pub name: LocalText,
    pub rules: WorkRules,
    /// Age groups (ids) open in this nomination.
    pub age_groups: Vec<AgeGroupId>,
    /// This nomination's own rubric, replacing the contest's; empty when it has none.
    pub rubric: Vec<CriterionView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgeGroupView {
    pub id: AgeGroupId,
    pub name: LocalText,
    pub range: AgeRange,
}

/// What the admin editor needs beyond the public page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminExtras {
    /// Timeline values for `<input type="datetime-local">`, in the contest's zone.
    pub open_input: String,
    pub close_input: String,
    pub judging_end_input: String,
    pub results_input: String,
    pub frozen: bool,
    /// The zones offered, with their offset now.
    pub zones: Vec<(String, i32)>,
    /// An archived contest: when its participants' data is (or was) reduced.
    pub retention: Option<RetentionNote>,
    /// The contest's own entry questions, and whether entries have opened (they are frozen).
    pub questions: Vec<crate::domain::question::Question>,
    pub questions_frozen: bool,
}

/// The changes a reader of the admin pages may make to a contest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Powers {
    /// Reads the results under review.
    pub see_results: bool,
    pub edit: bool,
    pub entries: bool,
    pub jury: bool,
    pub results: bool,
}

impl Powers {
    pub fn of(s: crate::domain::access::Standing) -> Powers {
        use crate::domain::access::Power;
        Powers { see_results: s.may(Power::SeeResults), edit: s.may(Power::Edit), entries: s.may(Power::Entries), jury: s.may(Power::Jury), results: s.may(Power::Results) }
    }
}

/// When an archived contest's participants' data is reduced (`YYYY-MM-DD`, UTC), or was.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RetentionNote {
    pub done: bool,
    pub date: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContestDetail {
    pub summary: ContestSummary,
    pub rules: LocalText,
    pub organiser_contacts: String,
    pub judging_end: Option<Moment>,
    pub closed_early: Option<Moment>,
    pub age_cutoff: Option<String>,
    pub nominations: Vec<NominationView>,
    pub age_groups: Vec<AgeGroupView>,
    pub rubric_public: bool,
    /// The contest's rubric; empty for the public when the contest keeps it private.
    pub rubric: Vec<CriterionView>,
    pub aggregation: Aggregation,
    pub normalise: bool,
    pub tie_break: Vec<u32>,
    pub awards: AwardScheme,
    /// The server's clock when this was read: the countdown starts from it.
    pub now: i64,
    pub milestone: Option<Milestone>,
    pub admin: Option<AdminExtras>,
    /// On the admin pages, what the reader may change (`domain::access`): the pages show the
    /// rest read only. `None` elsewhere.
    pub powers: Option<Powers>,
}

/// Contests per page of the public list.
pub const PAGE_SIZE: usize = 24;

/// One page of the public list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContestListPage {
    pub items: Vec<ContestSummary>,
    /// The server's clock (for "in 3 days").
    pub now: i64,
    pub total: usize,
    /// 1-based.
    pub page: usize,
    pub pages: usize,
}

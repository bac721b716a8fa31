//! What the server sends the browser: the view models of results, documents and verification.

use crate::domain::ids::{AgeGroupId, NominationId};
use super::contests::{ContestDetail, ContestSummary, Moment};
use crate::domain::contest::{Aggregation, LocalText};
use crate::domain::appeal::AppealState;
use crate::domain::results::{Award, Decided, Excluded};
use serde::{Deserialize, Serialize};

/// Why an entry stands where it does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// Each judge's total, percent, lowest first (judges are not named).
    pub judges: Vec<f64>,
    /// (criterion position, average points).
    pub criteria: Vec<(u32, f64)>,
    pub method: Aggregation,
    pub normalised: bool,
    pub decided: Decided,
    /// Sheets kept in the history but not counted, and why (judges are not named).
    #[serde(default)]
    pub excluded: Vec<Excluded>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultLineView {
    pub code: String,
    pub entry_id: String,
    pub title: String,
    pub nomination_id: NominationId,
    pub age_group_id: Option<AgeGroupId>,
    pub name: String,
    pub score: String,
    pub raw_score: String,
    pub place: u32,
    pub award: Option<Award>,
    pub computed: Award,
    pub override_reason: Option<String>,
    pub explanation: Explanation,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsReview {
    pub contest: ContestDetail,
    pub name_display: String,
    pub show_comments: bool,
    pub version: Option<i64>,
    pub published_version: Option<i64>,
    pub published_at: Option<Moment>,
    pub lines: Vec<ResultLineView>,
    /// Overrides the shown version could not carry over (the works are no longer ranked):
    /// (code, award, reason), for the admin to review.
    pub dropped_overrides: Vec<(String, String, String)>,
    /// Before publication: score sheets judges still owe on submitted works, and how many
    /// judges owe them.
    pub sheets_left: u64,
    pub judges_left: u64,
    /// The jury's agreement per nomination × age group over the sheets that count.
    pub reliability: Vec<super::judging::GroupReliability>,
    /// Days entrants may appeal after publication (0: no appeals), and when that ends.
    pub appeal_days: i64,
    pub appeal_closes: Option<Moment>,
    /// The contest's appeals, oldest first.
    pub appeals: Vec<AdminAppeal>,
    /// The rounds this one is fed by and feeds, and its advancement rules.
    pub rounds: RoundsView,
    /// When the public gallery opens (`domain::gallery`), the moment set as the form shows
    /// it (the contest's local time), and whether it is open now.
    pub gallery: crate::domain::gallery::GalleryMode,
    pub gallery_opens_at: String,
    pub gallery_open: bool,
}

/// A round's place among rounds, for its results review.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundsView {
    /// Rounds whose works advance into this one: (public id, title).
    pub fed_by: Vec<(String, LocalText)>,
    /// Rounds this one's works advance into.
    pub feeds: Vec<(String, LocalText)>,
    /// Rules: (nomination, age group, kind, value, boundary).
    pub rules: Vec<(NominationId, Option<AgeGroupId>, String, String, String)>,
}

/// An appeal as the results review shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminAppeal {
    /// The entry's public id (what the forms send).
    pub entry: String,
    pub code: String,
    pub title: String,
    pub reason: String,
    pub state: AppealState,
    pub filed_at: Moment,
    pub reviewer: Option<String>,
    /// The re-review is submitted: the appeal may be decided.
    pub reviewed: bool,
    /// Judges who may re-review it: (account id, name).
    pub candidates: Vec<(i64, String)>,
    pub reply: Option<String>,
    pub decided_at: Option<Moment>,
}

/// An entrant's appeal as their entry page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppealView {
    pub state: AppealState,
    pub reason: String,
    pub filed_at: Moment,
    pub reply: Option<String>,
    pub decided_at: Option<Moment>,
}

/// A published result changed by an upheld appeal, as the public results page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorrectionView {
    pub at: Moment,
    pub title: String,
    pub name: String,
    /// (place, award) before and after.
    pub before: (u32, Option<Award>),
    pub after: (u32, Option<Award>),
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Winner {
    pub place: u32,
    pub award: Award,
    pub name: String,
    pub title: String,
    pub score: String,
    pub thumb: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultGroup {
    pub nomination: LocalText,
    pub age_group: Option<LocalText>,
    pub entries: u32,
    pub winners: Vec<Winner>,
    /// Entries per tenth of the scale: 0–10 %, 10–20 %, … 90–100 %.
    pub distribution: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicResults {
    pub contest: ContestSummary,
    pub published_at: Moment,
    pub groups: Vec<ResultGroup>,
    /// Results changed after publication by upheld appeals, in the order decided.
    pub corrections: Vec<CorrectionView>,
    /// The audience award, beside the jury's, once published (`view::audience`).
    #[serde(default)]
    pub audience: Option<crate::view::audience::AudienceResults>,
}

/// What an entrant sees of their entry once results are out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryResult {
    pub place: u32,
    pub award: Option<Award>,
    pub score: String,
    pub comments: Vec<String>,
    /// (kind, code) of the entry's documents.
    pub documents: Vec<(String, String)>,
    /// The entry's appeal, if one was filed.
    pub appeal: Option<AppealView>,
    /// While the entrant may still appeal (no appeal yet): when the window closes.
    pub appeal_closes: Option<Moment>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub code: String,
    pub kind: String,
    pub award: String,
    pub holder: String,
    pub contest: LocalText,
    pub nomination: LocalText,
    pub issued: Moment,
    pub revoked: Option<String>,
}

/// The words of a document, in the contest's languages, ready to be placed on the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentText {
    pub organiser: String,
    pub heading: String,
    pub award: String,
    pub awarded_to: String,
    pub holder: String,
    pub lines: Vec<String>,
    pub signature_chair: String,
    pub signature_secretary: String,
    pub date: String,
    pub code_label: String,
    pub code: String,
    pub verify_url: String,
}

/// One way a published line differs from what the sheets say.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mismatch {
    /// The entry's anonymous code.
    pub code: String,
    /// What differs: `missing` (no published line), `extra` (a line for no counted work),
    /// `score`, `raw_score`, `place` or `award`.
    pub what: String,
    pub published: String,
    pub computed: String,
}

/// What the explanation and the scores export say of a sheet that does not count.
pub fn excluded_msg(x: Excluded) -> crate::i18n::Msg {
    use crate::i18n::Msg;
    match x {
        Excluded::Draft => Msg::ExcludedDraft,
        Excluded::Recused => Msg::ExcludedRecused,
        Excluded::Unassigned => Msg::ExcludedUnassigned,
    }
}

pub fn award_msg(a: Award) -> crate::i18n::Msg {
    use crate::i18n::Msg;
    match a {
        Award::GrandPrix => Msg::AwardGrandPrix,
        Award::First => Msg::AwardFirst,
        Award::Second => Msg::AwardSecond,
        Award::Third => Msg::AwardThird,
        Award::Mention => Msg::AwardMention,
        Award::Certificate => Msg::AwardCertificate,
    }
}

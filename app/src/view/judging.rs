//! What the server sends the browser: the view models of judging.

use crate::domain::ids::{AccountId, AgeGroupId, CriterionId, NominationId};
use super::contests::{ContestDetail, CriterionView};
use crate::domain::contest::{FileKind, LocalText};
use crate::domain::reliability::{Agreement, Lean};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgeView {
    pub id: AccountId,
    pub name: String,
    pub email: String,
    pub organisation: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PanelView {
    pub nomination_id: NominationId,
    pub age_group_id: Option<AgeGroupId>,
    pub balanced: bool,
    pub k: u32,
    pub judges: Vec<AccountId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgeStat {
    pub judge: JudgeView,
    pub assigned: u32,
    pub submitted: u32,
    pub drafts: u32,
    pub mean: f64,
    pub sd: f64,
    /// Totals of submitted sheets, percent of the maximum.
    pub totals: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NominationProgress {
    pub nomination: LocalText,
    pub entries: u32,
    pub sheets_assigned: u32,
    pub sheets_submitted: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryFlag {
    pub code: String,
    pub title: String,
    pub submitted: u32,
    pub wanted: u32,
    pub totals: Vec<f64>,
}

/// The jury's agreement in one nomination × age group, and how each of its judges leans
/// (see [`crate::domain::reliability`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupReliability {
    pub nomination: LocalText,
    pub age_group: Option<LocalText>,
    pub agreement: Agreement,
    /// (the judge's name, their lean), in the order of the contest's judges.
    pub leanings: Vec<(String, Lean)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictLine {
    pub code: String,
    pub judge: String,
    /// `own`, `organisation`, `supervisor`, or the judge's reason for recusing.
    pub kind: String,
    pub recused: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgingDashboard {
    pub contest: ContestDetail,
    pub blind: bool,
    pub see_colleagues: bool,
    pub disagreement_pct: u32,
    pub judges: Vec<JudgeView>,
    pub invitations: Vec<(String, String)>,
    pub panels: Vec<PanelView>,
    pub stats: Vec<JudgeStat>,
    pub nominations: Vec<NominationProgress>,
    pub low_coverage: Vec<EntryFlag>,
    pub disagreements: Vec<EntryFlag>,
    pub conflicts: Vec<ConflictLine>,
    pub reliability: Vec<GroupReliability>,
    pub entries: u32,
    pub calibration: CalibrationAdmin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub contest_id: String,
    pub contest_title: LocalText,
    pub code: String,
    pub title: String,
    pub nomination_id: NominationId,
    pub nomination: LocalText,
    /// `left`, `draft` or `submitted`.
    pub state: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgeFile {
    pub url: String,
    pub name: String,
    pub kind: FileKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetView {
    pub version: i64,
    pub submitted: bool,
    /// Criterion id → points as typed (`7.5`).
    pub points: HashMap<CriterionId, String>,
    pub comment: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoringView {
    pub contest_id: String,
    pub contest_title: LocalText,
    pub code: String,
    pub title: String,
    pub description: String,
    pub nomination: LocalText,
    /// Only when the contest is not blind.
    pub participant: Option<String>,
    pub files: Vec<JudgeFile>,
    /// The answers to the contest's own questions that judges see (never an address or a
    /// phone: see `Question::judges_see`).
    pub answers: Vec<super::questions::AnswerView>,
    pub criteria: Vec<CriterionView>,
    pub sheet: Option<SheetView>,
    /// Scores can be written now.
    pub open: bool,
    /// The results are published (so judging has ended for good).
    pub published: bool,
    /// The next entry in this judge's order that is not submitted yet.
    pub next: Option<String>,
    /// Colleagues' totals (percent), when the contest lets this judge see them.
    pub colleagues: Vec<f64>,
    pub done: u32,
    pub total: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaveAnswer {
    pub version: i64,
    pub submitted: bool,
    /// Criteria whose typed points were not allowed: not saved, marked on the form; the
    /// rest of the sheet was saved (and not submitted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invalid: Vec<crate::error::FieldError>,
}

/// What the invitation page needs: whether the link is good and the invited address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub email: String,
    pub contest_title: LocalText,
    /// The address already has an account: sign in with it instead of creating one.
    pub existing_account: bool,
}


/// An anchor work on the judging dashboard: where it came from, its references (points as
/// typed, by criterion) and how many of its judges have scored it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnchorView {
    pub id: i64,
    pub code: String,
    pub nomination: LocalText,
    pub title: String,
    /// The source work's receipt number; empty for an uploaded example.
    pub receipt: String,
    /// An uploaded example's files for the admin: (address, name as uploaded).
    pub files: Vec<(String, String)>,
    pub criteria: Vec<CriterionView>,
    pub reference: Vec<(CriterionId, String)>,
    pub explanation: LocalText,
    pub done: u32,
    pub of: u32,
}

/// A judge's calibration on the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgeCalibration {
    pub judge: String,
    pub deviation: crate::domain::calibration::Deviation,
    pub lean: crate::domain::calibration::Lean,
}

/// The dashboard's calibration section.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CalibrationAdmin {
    /// A judge's queue waits until their calibration is done.
    pub required: bool,
    pub anchors: Vec<AnchorView>,
    pub judges: Vec<JudgeCalibration>,
}

/// A contest's anchors to score, on a judge's queue page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalibrationTodo {
    pub contest_id: String,
    pub contest_title: LocalText,
    pub required: bool,
    /// (code, scored)
    pub anchors: Vec<(String, bool)>,
}

/// An anchor as its judge sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalibrationView {
    pub contest_id: String,
    pub contest_title: LocalText,
    pub code: String,
    pub nomination: LocalText,
    pub files: Vec<JudgeFile>,
    pub criteria: Vec<CriterionView>,
    /// Shown once the judge's sheet is in.
    pub explanation: LocalText,
    /// Once the judge's sheet is in: (criterion, own points, reference points).
    pub compared: Option<Vec<(CriterionId, String, String)>>,
    pub open: bool,
    /// The next anchor of this contest the judge has not scored.
    pub next: Option<String>,
}

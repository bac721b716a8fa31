//! What the server sends the browser: the view models of participants and entries.

use crate::domain::ids::NominationId;
use super::contests::{ContestDetail, ContestSummary, Moment};
use crate::domain::contest::{FileKind, LocalText, WorkRules};
use crate::domain::entry::EntryState;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantView {
    pub id: String,
    pub full_name: String,
    pub birth_date: String,
    pub school: String,
    pub city: String,
    pub supervisor: String,
    pub supervisor_email: String,
    /// When a guardian's consent was recorded, if it was.
    pub consent_at: Option<i64>,
    /// Under 18 today and no consent yet: entries cannot be submitted.
    pub consent_missing: bool,
    pub minor: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileView {
    pub id: String,
    pub name: String,
    pub size: i64,
    pub mime: String,
    pub kind: FileKind,
    pub url: String,
    /// The thumbnail's URL once it is made (images only).
    pub thumb: Option<String>,
    pub inline: bool,
    /// In a blind contest, what the entrant and organisers should know about this file:
    /// its visible text names the participant, or judges cannot be given a copy of it
    /// without its metadata.
    pub warning: Option<Msg>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UploadView {
    pub id: String,
    pub name: String,
    pub size: i64,
    pub received: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryView {
    pub id: String,
    pub contest: ContestSummary,
    pub nomination_id: NominationId,
    pub nomination: LocalText,
    pub rules: WorkRules,
    pub age_group: Option<LocalText>,
    pub participant: ParticipantView,
    pub title: String,
    pub description: String,
    pub state: EntryState,
    pub receipt: Option<String>,
    pub submitted_at: Option<Moment>,
    pub disqualify_reason: Option<String>,
    /// When changes stop being accepted, for this entrant.
    pub deadline: Option<Moment>,
    /// The server's clock when the view was made (for "3 days left").
    pub now: i64,
    /// Whether the entrant may still change, submit or withdraw it.
    pub editable: bool,
    /// A judge has submitted a score for it: it no longer changes (admins may send it back).
    pub judged: bool,
    pub files: Vec<FileView>,
    pub uploads: Vec<UploadView>,
    /// Admins only: who submitted it.
    pub entrant: Option<(String, String)>,
    /// Once results are published: place, award, comments and documents.
    pub result: Option<super::results::EntryResult>,
    /// The contest's own questions asked of this entry, with its answers.
    pub answers: Vec<AnswerView>,
    /// Staff may disqualify, reinstate or send it back (`domain::access`); set for the admin
    /// page only.
    pub staff_may_change: bool,
    /// The work's rounds, first to last (empty when it is in one round only).
    pub rounds: Vec<RoundStep>,
    /// The work's publication in the contest's gallery (none: no gallery, no consent).
    pub publication: Option<super::gallery::PublicationView>,
    /// The audience award's diploma (its code) while the jury's results are not out; once
    /// they are, it is among `result`'s documents.
    pub audience: Option<String>,
}

/// One round of a work's path: the contest, the work's entry there, and how it stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundStep {
    pub contest_title: LocalText,
    pub entry_id: String,
    /// This page's entry.
    pub current: bool,
    pub phase: crate::domain::contest::Phase,
    /// Once that round's results are out: (place, award).
    pub result: Option<(u32, Option<crate::domain::results::Award>)>,
}

pub use super::questions::AnswerView;

/// One entry in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryLineView {
    pub id: String,
    pub contest_id: String,
    pub contest_title: LocalText,
    pub nomination: LocalText,
    pub age_group: Option<LocalText>,
    pub participant: String,
    pub title: String,
    pub state: EntryState,
    pub receipt: Option<String>,
    pub files: i64,
    pub submitted_at: Option<i64>,
}

/// One of the entrant's works, with what its contest's phase means for it now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntrantWork {
    pub line: EntryLineView,
    /// The entrant may still change, submit or withdraw it.
    pub editable: bool,
    /// When changes stop being accepted, for this entrant.
    pub deadline: Option<Moment>,
    pub results_at: Option<Moment>,
    /// The contest's results are published (its phase may say "results" a little before the
    /// publisher has run).
    pub published: bool,
    /// Once results are published: place, award and documents.
    pub result: Option<super::results::EntryResult>,
    /// The audience award's diploma (its code) while there is no `result` yet.
    pub audience: Option<String>,
    pub time_zone: String,
}

/// The entrant's works, newest first, and the server's clock (for "3 days left").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntrantWorks {
    pub entries: Vec<EntrantWork>,
    pub now: i64,
}

/// What the "submit a work" page needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmitPage {
    pub contest: ContestDetail,
    pub participants: Vec<ParticipantView>,
    /// Makes a second post of the same form find the entry the first one created.
    pub token: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminEntries {
    pub contest: ContestDetail,
    pub lines: Vec<EntryLineView>,
    /// The contest's own questions (the list filters by the answers to those with choices).
    pub questions: Vec<crate::domain::question::Question>,
}

/// The label of an entry state.
pub fn state_msg(s: EntryState) -> crate::i18n::Msg {
    use crate::i18n::Msg;
    match s {
        EntryState::Draft => Msg::StateDraft,
        EntryState::Submitted => Msg::StateSubmitted,
        EntryState::Withdrawn => Msg::StateWithdrawn,
        EntryState::Disqualified => Msg::StateDisqualified,
    }
}

//! The admin's audit log page: lines as the page shows them, the filter's choices, and the
//! words for each action.

use crate::domain::audit::Action;
use crate::domain::contest::LocalText;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i64,
    pub at: i64,
    /// Who did it (`None`: the server itself, or an account deleted since).
    pub actor: Option<String>,
    pub actor_email: Option<String>,
    /// The action's stored name (`contest.publish`) and its words.
    pub action: String,
    pub label: Msg,
    /// The record, as stored (`entry:42`), and where the admin can open it.
    pub target: String,
    pub href: Option<String>,
    pub contest: Option<(String, LocalText)>,
    /// The name of the account the line is about, if it is about one.
    pub subject_name: Option<String>,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub lines: Vec<AuditLine>,
    /// The filter's choices: accounts that appear in the log `(id, "name <email>")`,
    /// contests `(public id, title)`, actions `(name, words)`.
    pub actors: Vec<(String, String)>,
    pub contests: Vec<(String, LocalText)>,
    pub actions: Vec<(String, Msg)>,
    /// The id to page back from when there are older lines.
    pub older: Option<i64>,
}

/// The words for an action, in the log's table and its filter.
pub fn action_msg(a: Action) -> Msg {
    use Action as A;
    match a {
        A::ContestCreate => Msg::AuditContestCreate,
        A::ContestBasics => Msg::AuditContestBasics,
        A::ContestTimeline => Msg::AuditContestTimeline,
        A::ContestNomination => Msg::AuditContestNomination,
        A::ContestNominationDelete => Msg::AuditContestNominationDelete,
        A::ContestAgeGroup => Msg::AuditContestAgeGroup,
        A::ContestAgeGroupDelete => Msg::AuditContestAgeGroupDelete,
        A::ContestMatrix => Msg::AuditContestMatrix,
        A::ContestCriterion => Msg::AuditContestCriterion,
        A::ContestCriterionDelete => Msg::AuditContestCriterionDelete,
        A::ContestScoring => Msg::AuditContestScoring,
        A::ContestAwards => Msg::AuditContestAwards,
        A::ContestPublish => Msg::AuditContestPublish,
        A::ContestCloseEarly => Msg::AuditContestCloseEarly,
        A::ContestExtend => Msg::AuditContestExtend,
        A::ContestExtendFor => Msg::AuditContestExtendFor,
        A::ContestArchive => Msg::AuditContestArchive,
        A::ContestDelete => Msg::AuditContestDelete,
        A::ContestCopy => Msg::AuditContestCopy,
        A::EntryDisqualify => Msg::AuditEntryDisqualify,
        A::EntryReinstate => Msg::AuditEntryReinstate,
        A::EntryUnfreeze => Msg::AuditEntryUnfreeze,
        A::JudgeInvite => Msg::AuditJudgeInvite,
        A::JudgeRecuse => Msg::AuditJudgeRecuse,
        A::JudgesRemind => Msg::AuditJudgesRemind,
        A::PanelSave => Msg::AuditPanelSave,
        A::AssignmentAuto => Msg::AuditAssignmentAuto,
        A::AssignmentAdd => Msg::AuditAssignmentAdd,
        A::AssignmentRemove => Msg::AuditAssignmentRemove,
        A::JudgingSettings => Msg::AuditJudgingSettings,
        A::ResultsCompute => Msg::AuditResultsCompute,
        A::ResultsOverride => Msg::AuditResultsOverride,
        A::ResultsSettings => Msg::AuditResultsSettings,
        A::ResultsPublish => Msg::AuditResultsPublish,
        A::ResultsReconcile => Msg::AuditResultsReconcile,
        A::DocumentRevoke => Msg::AuditDocumentRevoke,
        A::AccountCreateAdmin => Msg::AuditAccountCreateAdmin,
        A::AccountRole => Msg::AuditAccountRole,
        A::AccountDisable => Msg::AuditAccountDisable,
        A::AccountEnable => Msg::AuditAccountEnable,
        A::PasswordChange => Msg::AuditPasswordChange,
        A::PasswordReset => Msg::AuditPasswordReset,
        A::EmailConfirm => Msg::AuditEmailConfirm,
        A::TwoStepEnable => Msg::AuditTwoStepEnable,
        A::TwoStepDisable => Msg::AuditTwoStepDisable,
        A::TwoStepRecovery => Msg::AuditTwoStepRecovery,
        A::AccountDelete => Msg::AuditAccountDelete,
        A::ConsentWithdraw => Msg::AuditConsentWithdraw,
        A::ContestReduce => Msg::AuditContestReduce,
        A::TwoStepReset => Msg::AuditTwoStepReset,
        A::SiteIdentity => Msg::AuditSiteIdentity,
        A::SiteLogo => Msg::AuditSiteLogo,
    }
}

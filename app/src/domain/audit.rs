//! What the audit log records: every action an admin (or the server itself) takes on a
//! contest, an entry or an account, by name. Stored as its dotted text (`contest.publish`);
//! a name the code does not know is a decoding error.

macro_rules! actions {
    ($($v:ident = $s:literal),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($v),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$v),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Action::$v => $s),* }
            }
        }
    };
}

actions! {
    ContestCreate = "contest.create",
    ContestBasics = "contest.basics",
    ContestTimeline = "contest.timeline",
    ContestNomination = "contest.nomination",
    ContestNominationDelete = "contest.nomination.delete",
    ContestAgeGroup = "contest.age_group",
    ContestAgeGroupDelete = "contest.age_group.delete",
    ContestMatrix = "contest.matrix",
    ContestCriterion = "contest.criterion",
    ContestCriterionDelete = "contest.criterion.delete",
    ContestScoring = "contest.scoring",
    ContestAwards = "contest.awards",
    ContestPublish = "contest.publish",
    ContestCloseEarly = "contest.close_early",
    ContestExtend = "contest.extend",
    ContestExtendFor = "contest.extend_for",
    ContestArchive = "contest.archive",
    ContestDelete = "contest.delete",
    ContestCopy = "contest.copy",
    EntryDisqualify = "entry.disqualify",
    EntryReinstate = "entry.reinstate",
    EntryUnfreeze = "entry.unfreeze",
    JudgeInvite = "judge.invite",
    JudgeRecuse = "judge.recuse",
    JudgesRemind = "judges.remind",
    PanelSave = "panel.save",
    AssignmentAuto = "assignment.auto",
    AssignmentAdd = "assignment.add",
    AssignmentRemove = "assignment.remove",
    JudgingSettings = "judging.settings",
    ResultsCompute = "results.compute",
    ResultsOverride = "results.override",
    ResultsSettings = "results.settings",
    ResultsPublish = "results.publish",
    ResultsReconcile = "results.reconcile",
    DocumentRevoke = "document.revoke",
    AccountCreateAdmin = "account.create_admin",
    AccountRole = "account.role",
    AccountDisable = "account.disable",
    AccountEnable = "account.enable",
    PasswordChange = "password.change",
    PasswordReset = "password.reset",
    EmailConfirm = "email.confirm",
    TwoStepEnable = "two_step.enable",
    TwoStepDisable = "two_step.disable",
    TwoStepRecovery = "two_step.recovery",
    AccountDelete = "account.delete",
    ConsentWithdraw = "consent.withdraw",
    ContestReduce = "contest.reduce",
    TwoStepReset = "two_step.reset",
    SiteIdentity = "site.identity",
    SiteLogo = "site.logo",
    ContestQuestion = "contest.question",
    ContestQuestionDelete = "contest.question.delete",
    TelegramLink = "telegram.link",
    TelegramUnlink = "telegram.unlink",
    ContestAnchor = "contest.anchor",
    ContestAnchorDelete = "contest.anchor.delete",
    ContestCalibrationRule = "contest.calibration",
    OrganisationCreate = "organisation.create",
    OrganisationRename = "organisation.rename",
    OrganisationDelete = "organisation.delete",
    OrganisationAdminAdd = "organisation.admin_add",
    OrganisationAdminRemove = "organisation.admin_remove",
    ContestOrganisation = "contest.organisation",
    StaffGrant = "staff.grant",
    StaffRevoke = "staff.revoke",
    AppealFile = "appeal.file",
    AppealAssign = "appeal.assign",
    AppealDecide = "appeal.decide",
    RoundFeed = "round.feed",
    RoundRule = "round.rule",
    RoundAdvance = "round.advance",
    LikenessDecide = "likeness.decide",
    GallerySettings = "gallery.settings",
    GalleryConsent = "gallery.consent",
    AudienceSettings = "audience.settings",
    AudienceVoid = "audience.void",
    AudiencePublish = "audience.publish",
}

impl Action {
    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_text_and_no_two_share_one() {
        for a in Action::ALL {
            assert_eq!(Action::parse(a.as_str()), Some(*a));
        }
        let mut texts: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), Action::ALL.len());
        assert_eq!(Action::parse("contest.pause"), None);
    }
}

//! Unknown fields are refused: a form that sends `status=announced` or `owner=…` beside the
//! fields its server function takes gets 400, and nothing is written.
//!
//! serde cannot refuse unknown fields through `#[serde(flatten)]`, so the names each server
//! function accepts are read from its argument types once ([`fields_of`]) and the router
//! checks every form body against them before the function runs.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::cell::RefCell;

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field names read")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

thread_local! {
    static FIELDS: RefCell<Option<&'static [&'static str]>> = const { RefCell::new(None) };
}

/// A deserializer that only listens to the field list serde hands it, then stops.
struct FieldNames;

impl<'de> Deserializer<'de> for FieldNames {
    type Error = Stop;

    fn deserialize_struct<V: Visitor<'de>>(self, _: &'static str, fields: &'static [&'static str], _: V) -> Result<V::Value, Stop> {
        FIELDS.with(|f| *f.borrow_mut() = Some(fields));
        Err(Stop)
    }

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// The field names of a struct that derives `Deserialize` (without `flatten`).
pub fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    FIELDS.with(|f| *f.borrow_mut() = None);
    let _ = T::deserialize(FieldNames);
    FIELDS.with(|f| f.borrow_mut().take()).unwrap_or(&[])
}

/// Server functions whose form bodies are checked, with the field names each accepts.
#[cfg(feature = "ssr")]
pub fn registry() -> Vec<(&'static str, &'static [&'static str])> {
    use super::contest_editor::*;
    use super::contests::*;
    use super::entries;
    use super::judging;
    use super::results;
    use leptos::server_fn::ServerFn;
    vec![
        (AdminListContests::PATH, fields_of::<AdminListContests>()),
        (super::identity::AdminIdentity::PATH, fields_of::<super::identity::AdminIdentity>()),
        (super::identity::AdminSaveIdentity::PATH, fields_of::<super::identity::IdentityForm>()),
        (AdminGetContest::PATH, fields_of::<AdminGetContest>()),
        (super::staff::AdminNewContestChoices::PATH, fields_of::<super::staff::AdminNewContestChoices>()),
        (super::staff::AdminOrganisations::PATH, fields_of::<super::staff::AdminOrganisations>()),
        (super::staff::AdminCreateOrganisation::PATH, fields_of::<super::staff::AdminCreateOrganisation>()),
        (super::staff::AdminAddOrganisationAdmin::PATH, fields_of::<super::staff::AdminAddOrganisationAdmin>()),
        (super::staff::AdminRenameOrganisation::PATH, fields_of::<super::staff::AdminRenameOrganisation>()),
        (super::staff::AdminDeleteOrganisation::PATH, fields_of::<super::staff::AdminDeleteOrganisation>()),
        (super::staff::AdminRemoveOrganisationAdmin::PATH, fields_of::<super::staff::AdminRemoveOrganisationAdmin>()),
        (super::staff::AdminContestStaff::PATH, fields_of::<super::staff::AdminContestStaff>()),
        (super::staff::AdminGrantStaff::PATH, fields_of::<super::staff::AdminGrantStaff>()),
        (super::staff::AdminRevokeStaff::PATH, fields_of::<super::staff::AdminRevokeStaff>()),
        (super::staff::AdminMoveContest::PATH, fields_of::<super::staff::AdminMoveContest>()),
        (super::accounts::AdminListAccounts::PATH, fields_of::<super::accounts::AdminListAccounts>()),
        (super::accounts::AdminAuditLog::PATH, fields_of::<super::accounts::AdminAuditLog>()),
        (super::accounts::ConfirmEmail::PATH, fields_of::<super::accounts::ConfirmEmail>()),
        (super::accounts::ResendConfirmation::PATH, fields_of::<super::accounts::ResendConfirmation>()),
        (super::two_step::StartTwoStep::PATH, fields_of::<super::two_step::StartTwoStep>()),
        (super::two_step::EnableTwoStep::PATH, fields_of::<super::two_step::EnableTwoStep>()),
        (super::two_step::DisableTwoStep::PATH, fields_of::<super::two_step::DisableTwoStep>()),
        (super::two_step::LoginCode::PATH, fields_of::<super::two_step::LoginCode>()),
        (super::telegram::TelegramLink::PATH, fields_of::<super::telegram::TelegramLink>()),
        (super::telegram::TelegramUnlink::PATH, fields_of::<super::telegram::TelegramUnlink>()),
        (super::accounts::DeleteAccount::PATH, fields_of::<super::accounts::DeleteAccount>()),
        (super::accounts::AdminResetTwoStep::PATH, fields_of::<super::accounts::AdminResetTwoStep>()),
        (entries::WithdrawConsent::PATH, fields_of::<entries::WithdrawConsent>()),
        (AdminCreateContest::PATH, fields_of::<NewContestForm>()),
        (AdminSaveBasics::PATH, fields_of::<BasicsForm>()),
        (AdminSaveTimeline::PATH, fields_of::<TimelineForm>()),
        (AdminSaveNomination::PATH, fields_of::<NominationForm>()),
        (AdminSaveAgeGroup::PATH, fields_of::<AgeGroupForm>()),
        (AdminSaveCriterion::PATH, fields_of::<CriterionForm>()),
        (AdminSaveScoring::PATH, fields_of::<ScoringForm>()),
        (AdminSaveAwards::PATH, fields_of::<AwardsForm>()),
        (AdminDeleteNomination::PATH, fields_of::<AdminDeleteNomination>()),
        (AdminDeleteAgeGroup::PATH, fields_of::<AdminDeleteAgeGroup>()),
        (AdminDeleteCriterion::PATH, fields_of::<AdminDeleteCriterion>()),
        (super::questions::AdminSaveQuestion::PATH, fields_of::<super::questions::QuestionForm>()),
        (super::questions::AdminDeleteQuestion::PATH, fields_of::<super::questions::AdminDeleteQuestion>()),
        (AdminSaveMatrix::PATH, fields_of::<AdminSaveMatrix>()),
        (AdminPublishContest::PATH, fields_of::<AdminPublishContest>()),
        (AdminCloseEarly::PATH, fields_of::<AdminCloseEarly>()),
        (AdminExtendDeadline::PATH, fields_of::<AdminExtendDeadline>()),
        (AdminExtendForEntrant::PATH, fields_of::<AdminExtendForEntrant>()),
        (AdminArchiveContest::PATH, fields_of::<AdminArchiveContest>()),
        (AdminDeleteContest::PATH, fields_of::<AdminDeleteContest>()),
        (AdminCopyContest::PATH, fields_of::<AdminCopyContest>()),
        (super::accounts::AdminSetRole::PATH, fields_of::<super::accounts::AdminSetRole>()),
        (super::accounts::AdminSetDisabled::PATH, fields_of::<super::accounts::AdminSetDisabled>()),
        (entries::AdminListEntries::PATH, fields_of::<entries::AdminListEntries>()),
        (entries::AdminGetEntry::PATH, fields_of::<entries::AdminGetEntry>()),
        (entries::AdminDisqualifyEntry::PATH, fields_of::<entries::AdminDisqualifyEntry>()),
        (entries::AdminReinstateEntry::PATH, fields_of::<entries::AdminReinstateEntry>()),
        // Entrants' forms too: `state=submitted` or `account_id=…` beside them is refused.
        (entries::SaveParticipant::PATH, fields_of::<entries::ParticipantForm>()),
        (entries::CreateEntry::PATH, fields_of::<entries::EntryForm>()),
        (entries::UpdateEntry::PATH, fields_of::<entries::EntryForm>()),
        (entries::SaveAnswers::PATH, fields_of::<entries::SaveAnswers>()),
        (entries::SubmitEntry::PATH, fields_of::<entries::SubmitEntry>()),
        (entries::WithdrawEntry::PATH, fields_of::<entries::WithdrawEntry>()),
        (entries::DeleteEntryFile::PATH, fields_of::<entries::DeleteEntryFile>()),
        (entries::AdminUnfreezeEntry::PATH, fields_of::<entries::AdminUnfreezeEntry>()),
        (entries::CancelUpload::PATH, fields_of::<entries::CancelUpload>()),
        (judging::AdminJudging::PATH, fields_of::<judging::AdminJudging>()),
        (judging::AdminInviteJudge::PATH, fields_of::<judging::AdminInviteJudge>()),
        (judging::AdminSavePanel::PATH, fields_of::<judging::PanelForm>()),
        (judging::AdminAssign::PATH, fields_of::<judging::AdminAssign>()),
        (judging::AdminSetAssignment::PATH, fields_of::<judging::AdminSetAssignment>()),
        (judging::AdminSaveJudgingSettings::PATH, fields_of::<judging::AdminSaveJudgingSettings>()),
        (judging::AdminRemindJudges::PATH, fields_of::<judging::AdminRemindJudges>()),
        (judging::JudgeSave::PATH, fields_of::<judging::ScoreForm>()),
        (judging::JudgeRecuse::PATH, fields_of::<judging::JudgeRecuse>()),
        (super::calibration::AdminAddAnchor::PATH, fields_of::<super::calibration::AdminAddAnchor>()),
        (super::calibration::AdminSaveAnchor::PATH, fields_of::<super::calibration::AdminSaveAnchor>()),
        (super::calibration::AdminDeleteAnchor::PATH, fields_of::<super::calibration::AdminDeleteAnchor>()),
        (super::calibration::AdminCalibrationRequired::PATH, fields_of::<super::calibration::AdminCalibrationRequired>()),
        (super::calibration::JudgeCalibrate::PATH, fields_of::<super::calibration::JudgeCalibrate>()),
        (judging::AcceptInvitation::PATH, fields_of::<judging::AcceptInvitation>()),
        (results::AdminResults::PATH, fields_of::<results::AdminResults>()),
        (results::AdminComputeResults::PATH, fields_of::<results::AdminComputeResults>()),
        (results::AdminOverrideAward::PATH, fields_of::<results::AdminOverrideAward>()),
        (results::AdminPublishResults::PATH, fields_of::<results::AdminPublishResults>()),
        (results::AdminResultsSettings::PATH, fields_of::<results::AdminResultsSettings>()),
        (results::AdminRevokeDocument::PATH, fields_of::<results::AdminRevokeDocument>()),
    ]
    .into_iter()
    .chain(later())
    .collect()
}

/// Appeals, rounds, near-duplicates and the gallery.
#[cfg(feature = "ssr")]
fn later() -> Vec<(&'static str, &'static [&'static str])> {
    use leptos::server_fn::ServerFn;
    vec![
        (super::appeals::FileAppeal::PATH, fields_of::<super::appeals::FileAppeal>()),
        (super::appeals::AdminAssignAppeal::PATH, fields_of::<super::appeals::AdminAssignAppeal>()),
        (super::appeals::AdminDecideAppeal::PATH, fields_of::<super::appeals::AdminDecideAppeal>()),
        (super::rounds::AdminAddRoundFeed::PATH, fields_of::<super::rounds::AdminAddRoundFeed>()),
        (super::rounds::AdminSaveAdvancementRule::PATH, fields_of::<super::rounds::AdminSaveAdvancementRule>()),
        (super::rounds::AdminAdvance::PATH, fields_of::<super::rounds::AdminAdvance>()),
        (super::likeness::AdminLikeness::PATH, fields_of::<super::likeness::AdminLikeness>()),
        (super::likeness::AdminDecideLikeness::PATH, fields_of::<super::likeness::AdminDecideLikeness>()),
        (super::gallery::GetGallery::PATH, fields_of::<super::gallery::GetGallery>()),
        (super::gallery::GetGalleryWork::PATH, fields_of::<super::gallery::GetGalleryWork>()),
        (super::gallery::SetPublication::PATH, fields_of::<super::gallery::SetPublication>()),
        (super::gallery::AdminGallerySettings::PATH, fields_of::<super::gallery::AdminGallerySettings>()),
        (super::audience::RequestVote::PATH, fields_of::<super::audience::RequestVote>()),
        (super::audience::GetBallot::PATH, fields_of::<super::audience::GetBallot>()),
        (super::audience::ConfirmVote::PATH, fields_of::<super::audience::ConfirmVote>()),
        (super::audience::AdminAudience::PATH, fields_of::<super::audience::AdminAudience>()),
        (super::audience::AdminAudienceSettings::PATH, fields_of::<super::audience::AdminAudienceSettings>()),
        (super::audience::AdminVoidVotes::PATH, fields_of::<super::audience::AdminVoidVotes>()),
        (super::audience::AdminPublishAudience::PATH, fields_of::<super::audience::AdminPublishAudience>()),
    ]
}

/// The keys of an `application/x-www-form-urlencoded` body that are not in `allowed`
/// (`pairs[]` and `pairs[0]` count as `pairs`).
pub fn unknown_keys(body: &str, allowed: &[&str]) -> Vec<String> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split('=').next().unwrap_or(""))
        .map(percent_decode)
        .filter(|k| {
            let base = k.split('[').next().unwrap_or("");
            !allowed.contains(&base)
        })
        .collect()
}

/// Does any field name or value of a form body hold a NUL character?
pub fn has_nul(body: &str) -> bool {
    form_pairs(body).iter().any(|(k, v)| k.contains('\0') || v.contains('\0'))
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// The (name, value) pairs of an `application/x-www-form-urlencoded` body, decoded, in order.
pub fn form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Decodes `%XX` and `+` (a malformed escape stays as it is).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Form {
        contest: String,
        title_ru: String,
        #[serde(default)]
        pairs: Vec<String>,
    }

    #[test]
    fn fields_of_reads_struct_field_names() {
        assert_eq!(fields_of::<Form>(), &["contest", "title_ru", "pairs"]);
    }

    #[test]
    fn form_pairs_are_decoded_in_order() {
        assert_eq!(
            form_pairs("points%5Bc3%5D=7%2C5&comment=%D0%9E%D1%82+%D0%BB%D0%B8%D1%87%D0%BD%D0%BE&x&kinds=a&kinds=b"),
            vec![
                ("points[c3]".to_owned(), "7,5".to_owned()),
                ("comment".to_owned(), "От лично".to_owned()),
                ("x".to_owned(), String::new()),
                ("kinds".to_owned(), "a".to_owned()),
                ("kinds".to_owned(), "b".to_owned()),
            ]
        );
    }

    #[test]
    fn a_nul_anywhere_in_a_form_is_found_encoded_or_not() {
        assert!(has_nul("title=a%00b"));
        assert!(has_nul("ti%00tle=ab"));
        assert!(has_nul("title=a\0b"));
        assert!(!has_nul("title=a%2500b&x=%E2%80%AE"));
    }

    #[test]
    fn unknown_keys_finds_extras_even_when_encoded() {
        let allowed = fields_of::<Form>();
        assert_eq!(unknown_keys("contest=a&title_ru=b&pairs%5B%5D=1%3A2&pairs[]=3", allowed), Vec::<String>::new());
        assert_eq!(unknown_keys("contest=a&status=announced&%73tatus2=x", allowed), vec!["status", "status2"]);
        assert_eq!(unknown_keys("%D0%B6=1&%=2&%Z1=3&я%", allowed), vec!["ж", "%", "%Z1", "я%"]);
    }
}

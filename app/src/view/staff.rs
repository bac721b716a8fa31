//! What the server sends the browser about organisations and a contest's staff.

use crate::domain::access::{Standing, StaffRole};
use crate::domain::contest::LocalText;
use crate::domain::ids::AccountId;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub account: AccountId,
    pub name: String,
    pub email: String,
    /// The contest role; `None` for an organisation's admin.
    pub role: Option<StaffRole>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationView {
    pub public_id: String,
    pub name: LocalText,
    pub admins: Vec<MemberView>,
}

/// The site administrators' page of organisations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationsPage {
    pub organisations: Vec<OrganisationView>,
}

/// A contest's staff section: who works on it, and what the reader may change there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffPanel {
    /// The contest's public id.
    pub contest: String,
    /// What the reader is to the contest.
    pub standing: Standing,
    /// The organisation the contest belongs to; `None`: the host's own.
    pub organisation: Option<(String, LocalText)>,
    pub members: Vec<MemberView>,
    /// The organisations a site administrator may move the contest to (empty for others).
    pub organisations: Vec<(String, LocalText)>,
}

/// The words for a staff role.
pub fn role_msg(role: StaffRole) -> crate::i18n::Msg {
    use crate::i18n::Msg;
    match role {
        StaffRole::Organiser => Msg::StaffOrganiser,
        StaffRole::Coordinator => Msg::StaffCoordinator,
        StaffRole::Viewer => Msg::StaffViewer,
    }
}

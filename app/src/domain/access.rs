//! Who may do what with a contest: the site's administrators, an organisation's admins and
//! a contest's own staff.
//!
//! One installation hosts several organisations (the national library, regional ones).
//! Each has its admins and its contests; each contest has its staff, given by its
//! organisation's admins:
//! - an **organiser** does everything for the contest;
//! - a **coordinator** handles entries and judges, never results;
//! - a **viewer** reads the dashboards and changes nothing.
//!
//! Accounts with the role `admin` administer the site: they manage organisations and hold
//! every power on every contest. A contest without an organisation is the host's own.

use serde::{Deserialize, Serialize};

/// A role on one contest's staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StaffRole {
    Organiser,
    Coordinator,
    Viewer,
}

impl StaffRole {
    pub const ALL: [StaffRole; 3] = [StaffRole::Organiser, StaffRole::Coordinator, StaffRole::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Organiser => "organiser",
            StaffRole::Coordinator => "coordinator",
            StaffRole::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<StaffRole> {
        StaffRole::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// What someone is to one contest, when they are anything at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// An account with the role `admin`: every contest of the installation.
    SiteAdmin,
    /// An admin of the organisation the contest belongs to.
    OrganisationAdmin,
    /// On the contest's own staff.
    Staff(StaffRole),
}

/// One thing done with a contest. Every admin page, form, export, file and job of a
/// contest asks for exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Power {
    /// The contest's settings, entries list and judging dashboard, read only.
    See,
    /// The results under review and the documents made from them, read only.
    SeeResults,
    /// Entries: disqualify, reinstate, send back for rescoring, extend a deadline for one
    /// entrant, export the list.
    Entries,
    /// The jury: invite judges, panels, assignments, reminders, anchors and calibration.
    Jury,
    /// Compute, correct, publish results; revoke documents.
    Results,
    /// The contest itself: texts, timeline, nominations, rubric, questions, publication,
    /// closing, archiving, copying, deleting.
    Edit,
    /// Give and take the contest's staff roles.
    Staff,
}

impl Power {
    pub const ALL: [Power; 7] = [Power::See, Power::SeeResults, Power::Entries, Power::Jury, Power::Results, Power::Edit, Power::Staff];
}

impl Standing {
    pub fn may(self, power: Power) -> bool {
        match self {
            Standing::SiteAdmin | Standing::OrganisationAdmin => true,
            Standing::Staff(StaffRole::Organiser) => power != Power::Staff,
            Standing::Staff(StaffRole::Coordinator) => matches!(power, Power::See | Power::Entries | Power::Jury),
            Standing::Staff(StaffRole::Viewer) => matches!(power, Power::See | Power::SeeResults),
        }
    }

    /// The strongest of what an account is to a contest: its site role first, then its
    /// organisation's, then the contest's own.
    pub fn of(site_admin: bool, organisation_admin: bool, staff: Option<StaffRole>) -> Option<Standing> {
        if site_admin {
            Some(Standing::SiteAdmin)
        } else if organisation_admin {
            Some(Standing::OrganisationAdmin)
        } else {
            staff.map(Standing::Staff)
        }
    }
}

/// Why a request about a contest is refused, when it is: nothing known of the contest is
/// told to someone who is nothing to it (the same answer as for a contest that does not
/// exist); someone on its staff learns that the power is not theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    NotFound,
    Forbidden,
}

pub fn check(standing: Option<Standing>, power: Power) -> Result<Standing, Refusal> {
    match standing {
        None => Err(Refusal::NotFound),
        Some(s) if s.may(power) => Ok(s),
        Some(_) => Err(Refusal::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_holds_exactly_its_powers() {
        let table = [
            (Standing::SiteAdmin, "SRJEXYT"),
            (Standing::OrganisationAdmin, "SRJEXYT"),
            (Standing::Staff(StaffRole::Organiser), "SRJEXY-"),
            (Standing::Staff(StaffRole::Coordinator), "S-JE---"),
            (Standing::Staff(StaffRole::Viewer), "SR-----"),
        ];
        for (standing, expected) in table {
            let got: String = Power::ALL
                .into_iter()
                .zip("SRJEXYT".chars())
                .map(|(p, letter)| if standing.may(p) { letter } else { '-' })
                .collect();
            // The letters follow `Power::ALL`: See, SeeResults, Entries (J), Jury (E),
            // Results (X), Edit (Y), Staff (T).
            assert_eq!(got, expected, "{standing:?}");
        }
    }

    #[test]
    fn the_site_role_wins_over_the_organisations_and_the_contests() {
        assert_eq!(Standing::of(true, true, Some(StaffRole::Viewer)), Some(Standing::SiteAdmin));
        assert_eq!(Standing::of(false, true, Some(StaffRole::Viewer)), Some(Standing::OrganisationAdmin));
        assert_eq!(Standing::of(false, false, Some(StaffRole::Coordinator)), Some(Standing::Staff(StaffRole::Coordinator)));
        assert_eq!(Standing::of(false, false, None), None);
    }

    #[test]
    fn a_stranger_learns_nothing_and_staff_learn_the_power_is_not_theirs() {
        assert_eq!(check(None, Power::See), Err(Refusal::NotFound));
        assert_eq!(check(Some(Standing::Staff(StaffRole::Coordinator)), Power::Results), Err(Refusal::Forbidden));
        assert_eq!(check(Some(Standing::Staff(StaffRole::Coordinator)), Power::SeeResults), Err(Refusal::Forbidden));
        assert_eq!(check(Some(Standing::Staff(StaffRole::Viewer)), Power::See), Ok(Standing::Staff(StaffRole::Viewer)));
        assert_eq!(check(Some(Standing::Staff(StaffRole::Organiser)), Power::Staff), Err(Refusal::Forbidden));
    }

    #[test]
    fn staff_roles_read_back_from_their_codes() {
        for r in StaffRole::ALL {
            assert_eq!(StaffRole::parse(r.as_str()), Some(r));
        }
        assert_eq!(StaffRole::parse("admin"), None);
        assert_eq!(StaffRole::parse("Organiser"), None);
    }
}

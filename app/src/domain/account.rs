//! Accounts: who may do what.
//!
//! Registration makes entrants; only an admin makes judges and admins. An admin can never
//! demote or disable their own account, so the last admin cannot lock everyone out by accident.

use crate::domain::ids::AccountId;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Judge,
    Entrant,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Judge, Role::Entrant];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Judge => "judge",
            Role::Entrant => "entrant",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn can_manage_accounts(self) -> bool {
        self == Role::Admin
    }
}

/// Why an admin's change to an account is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AccountChangeError {
    #[error("only admins manage accounts")]
    NotAdmin,
    #[error("admins cannot demote or disable themselves")]
    SelfChange,
}

/// May `actor` (with `actor_id`) change role or status of `target_id`?
pub fn check_account_change(actor: Role, actor_id: AccountId, target_id: AccountId) -> Result<(), AccountChangeError> {
    if !actor.can_manage_accounts() {
        return Err(AccountChangeError::NotAdmin);
    }
    if actor_id == target_id {
        return Err(AccountChangeError::SelfChange);
    }
    Ok(())
}

/// A person's name as shown to others: 1 to 100 characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DisplayNameError {
    #[error("name is empty")]
    Empty,
    #[error("name is too long")]
    TooLong,
    #[error("name contains control characters")]
    Invalid,
    /// A name that passes for the organisers' or the jury's own ("Admin", "Жюри").
    #[error("name is reserved")]
    Reserved,
}

/// Names an account may not take, compared without case, spaces or punctuation after NFKC:
/// they would pass for the organisers or the jury on an admin's list or in an invitation.
const RESERVED_NAMES: &[&str] = &[
    "admin", "administrator", "administration", "root", "system", "support", "moderator", "organiser", "organizer",
    "jury", "judge", "baiqau", "байқау", "админ", "администратор", "администрация", "модератор", "организатор",
    "оргкомитет", "жюри", "судья", "поддержка", "әкімші", "әкімшілік", "ұйымдастырушы", "қазылар", "қазыларалқасы", "қазы",
];

fn is_reserved(name: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let key: String = name.nfkc().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    RESERVED_NAMES.contains(&key.as_str())
}

impl DisplayName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(input: &str) -> Result<Self, DisplayNameError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(DisplayNameError::Empty);
        }
        if s.len() > Self::MAX_CHARS * 4 || s.chars().count() > Self::MAX_CHARS {
            return Err(DisplayNameError::TooLong);
        }
        // Control characters and the bidirectional overrides that disguise text.
        if s.chars().any(|c| c.is_control() || super::invisible(c)) {
            return Err(DisplayNameError::Invalid);
        }
        Ok(DisplayName(s.to_owned()))
    }

    /// A name people choose for themselves (registration, accepting an invitation): also not
    /// one that passes for the organisers or the jury. The operator's `create-admin` may.
    pub fn parse_own(input: &str) -> Result<Self, DisplayNameError> {
        let name = Self::parse(input)?;
        if is_reserved(&name.0) { Err(DisplayNameError::Reserved) } else { Ok(name) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_the_organisers_and_the_jury_are_reserved() {
        for name in ["Admin", "ADMIN", " admin ", "Adm-in", "Администратор", "Жюри", "жюри!", "Әкімші", "Қазылар алқасы", "\u{FF21}dmin", "Baiqau"] {
            assert_eq!(DisplayName::parse_own(name), Err(DisplayNameError::Reserved), "{name}");
        }
        // The operator names the first admin as they like.
        assert!(DisplayName::parse("Administrator").is_ok());
        for name in ["Ad\u{200B}min", "\u{202E}nimdA", "Айгерім\u{00AD}"] {
            assert_eq!(DisplayName::parse_own(name), Err(DisplayNameError::Invalid), "{name:?}");
        }
        for name in ["Айгерім Сейтқали", "Admin Ivanova", "Жюри Ахметова", "Adminov"] {
            assert!(DisplayName::parse_own(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn role_round_trips_through_its_name() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn only_admins_manage_accounts_and_never_their_own() {
        assert_eq!(check_account_change(Role::Admin, AccountId(1), AccountId(2)), Ok(()));
        assert_eq!(check_account_change(Role::Admin, AccountId(1), AccountId(1)), Err(AccountChangeError::SelfChange));
        assert_eq!(check_account_change(Role::Judge, AccountId(1), AccountId(2)), Err(AccountChangeError::NotAdmin));
        assert_eq!(check_account_change(Role::Entrant, AccountId(1), AccountId(2)), Err(AccountChangeError::NotAdmin));
    }

    #[test]
    fn display_name_rules() {
        assert_eq!(DisplayName::parse("  Әлия Серікқызы ").map(|n| n.0), Ok("Әлия Серікқызы".into()));
        assert_eq!(DisplayName::parse(" "), Err(DisplayNameError::Empty));
        assert_eq!(DisplayName::parse(&"я".repeat(101)), Err(DisplayNameError::TooLong));
        assert_eq!(DisplayName::parse("a\r\nBcc: x@y.kz"), Err(DisplayNameError::Invalid));
        assert_eq!(DisplayName::parse("abc\u{202E}fdp.exe"), Err(DisplayNameError::Invalid));
        assert_eq!(DisplayName::parse("<script>alert(1)</script>").map(|n| n.0), Ok("<script>alert(1)</script>".into()));
    }
}

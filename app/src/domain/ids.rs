//! Typed row ids. Each table's key is its own type, so a contest's id cannot be passed where
//! an entry's is expected; on the wire and in the database each is the plain integer.

use std::fmt;
use std::num::ParseIntError;
use std::str::FromStr;

macro_rules! row_id {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        /// Shown as the plain number, as in logs and audit lines before ids were typed.
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }
    )*};
}

row_id!(
    /// An account: an entrant, a judge or an organiser.
    AccountId,
    /// A contest.
    ContestId,
    /// A nomination of a contest.
    NominationId,
    /// An age group of a contest.
    AgeGroupId,
    /// A criterion of a contest's or a nomination's rubric.
    CriterionId,
    /// A participant (a child or an adult an account enters works for).
    ParticipantId,
    /// An entry: one work in one nomination.
    EntryId,
    /// A file of an entry.
    FileId,
    /// An unfinished upload.
    UploadId,
    /// A judging panel.
    PanelId,
    /// A judge's score sheet for one entry.
    SheetId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_integers_on_the_wire_and_in_text() {
        assert_eq!(serde_json::to_string(&EntryId(42)).unwrap(), "42");
        assert_eq!(serde_json::from_str::<ContestId>("7").unwrap(), ContestId(7));
        assert_eq!("19".parse::<AccountId>(), Ok(AccountId(19)));
        assert!("19x".parse::<AccountId>().is_err());
        assert_eq!(EntryId(5).to_string(), "5");
    }
}

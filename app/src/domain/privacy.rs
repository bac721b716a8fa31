//! What the public may see of a participant: the name as the contest shows it, and whether
//! a work may be shown at all. Minors are protected by default; a guardian's consent lets
//! their work be shown.

use super::date::Date;
use super::entry::needs_consent;
use serde::{Deserialize, Serialize};

/// How a contest shows participants' names on its public results and documents' checks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameDisplay {
    /// Everyone in full.
    Full,
    /// Minors as first name, surname initial and city; adults in full (the default).
    #[default]
    ShortMinors,
    /// Everyone shortened.
    Short,
}

impl NameDisplay {
    pub const ALL: [NameDisplay; 3] = [NameDisplay::Full, NameDisplay::ShortMinors, NameDisplay::Short];

    pub fn as_str(self) -> &'static str {
        match self {
            NameDisplay::Full => "full",
            NameDisplay::ShortMinors => "short_minors",
            NameDisplay::Short => "short",
        }
    }

    pub fn parse(s: &str) -> Option<NameDisplay> {
        NameDisplay::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// Is someone born on `birth` (as entered: `YYYY-MM-DD`) a minor on `on`? A date that does
/// not parse counts as a minor: the careful side.
pub fn is_minor(birth: &str, on: Date) -> bool {
    Date::parse(birth).map_or(true, |b| needs_consent(b, on))
}

/// The name as the public sees it.
pub fn public_name(full: &str, city: &str, display: NameDisplay, minor: bool) -> String {
    let short = match display {
        NameDisplay::Full => false,
        NameDisplay::Short => true,
        NameDisplay::ShortMinors => minor,
    };
    if short { short_name(full, city) } else { full.trim().to_string() }
}

/// First name, surname initial and city: `Әлихан С., Өскемен`.
fn short_name(full: &str, city: &str) -> String {
    let mut words = full.split_whitespace();
    let first = words.next().unwrap_or("");
    let initial = words.next().and_then(|w| w.chars().next()).map(|c| format!(" {c}.")).unwrap_or_default();
    let city = city.trim();
    if city.is_empty() { format!("{first}{initial}") } else { format!("{first}{initial}, {city}") }
}

/// May the work (its picture) be shown in public? An adult's, or a minor's with a
/// guardian's consent.
pub fn work_shown(minor: bool, consent: bool) -> bool {
    consent || !minor
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on() -> Date {
        Date::parse("2026-11-28").unwrap_or_else(|_| unreachable!())
    }

    #[test]
    fn minors_are_those_under_eighteen_on_the_day_and_unreadable_dates_count_as_minors() {
        assert!(is_minor("2008-11-29", on()));
        assert!(!is_minor("2008-11-28", on()));
        assert!(!is_minor("1980-01-01", on()));
        assert!(is_minor("not a date", on()));
    }

    #[test]
    fn each_name_display_for_minors_and_adults() {
        let child = "Әлихан Сапаров";
        assert_eq!(public_name(child, "Өскемен", NameDisplay::ShortMinors, true), "Әлихан С., Өскемен");
        assert_eq!(public_name(child, "Өскемен", NameDisplay::ShortMinors, false), "Әлихан Сапаров");
        assert_eq!(public_name(child, "Өскемен", NameDisplay::Full, true), "Әлихан Сапаров");
        assert_eq!(public_name(child, "Өскемен", NameDisplay::Short, false), "Әлихан С., Өскемен");
        // No city, one word, stray spaces.
        assert_eq!(public_name("  Мадина   Сапарова ", " ", NameDisplay::Short, true), "Мадина С.");
        assert_eq!(public_name("Мадина", "", NameDisplay::Short, true), "Мадина");
        assert_eq!(public_name("  Мадина Сапарова ", "", NameDisplay::Full, true), "Мадина Сапарова");
    }

    #[test]
    fn a_minors_work_is_shown_only_with_consent_an_adults_always() {
        assert!(!work_shown(true, false));
        assert!(work_shown(true, true));
        assert!(work_shown(false, false));
        assert!(work_shown(false, true));
    }

    #[test]
    fn name_display_round_trips_and_refuses_unknown_values() {
        for d in NameDisplay::ALL {
            assert_eq!(NameDisplay::parse(d.as_str()), Some(d));
        }
        assert_eq!(NameDisplay::parse("Full"), None);
        assert_eq!(NameDisplay::parse(""), None);
    }
}

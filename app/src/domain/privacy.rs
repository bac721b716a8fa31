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
    let first_and_initial = reduced_name(full);
    let city = city.trim();
    if city.is_empty() { first_and_initial } else { format!("{first_and_initial}, {city}") }
}

/// What is kept of a name once personal data is reduced: the first name and the surname's
/// initial (`Әлихан Сапаров` → `Әлихан С.`). Applying it again changes nothing.
pub fn reduced_name(full: &str) -> String {
    let mut words = full.split_whitespace();
    let first = words.next().unwrap_or("");
    let initial = words.next().and_then(|w| w.chars().next()).map(|c| format!(" {c}.")).unwrap_or_default();
    format!("{first}{initial}")
}

/// What is kept of a date of birth: its year (`2014-05-17` → `2014`); an unreadable date
/// keeps nothing.
pub fn reduced_birth(birth: &str) -> String {
    let birth = birth.trim();
    match birth.get(..4) {
        Some(year) if year.bytes().all(|b| b.is_ascii_digit()) && (birth.len() == 4 || birth.as_bytes().get(4) == Some(&b'-')) => year.to_string(),
        _ => String::new(),
    }
}

/// How long an installation keeps participants' personal data after a contest is archived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retention {
    /// Whole years after the day the contest was archived (3 unless the operator says).
    Years(u16),
    /// Kept until someone deletes it (an operator who keeps an archive by law).
    Forever,
}

impl Default for Retention {
    fn default() -> Retention {
        Retention::Years(3)
    }
}

impl Retention {
    /// `3` (years) or `forever`, as `BAIQAU_RETENTION_YEARS` says it.
    pub fn parse(s: &str) -> Option<Retention> {
        match s.trim() {
            "forever" => Some(Retention::Forever),
            n => n.parse::<u16>().ok().filter(|n| (1..=100).contains(n)).map(Retention::Years),
        }
    }

    /// The first day (UTC) personal data of a contest archived at `archived_at` is reduced:
    /// the same day of the month, `years` later (29 February: 1 March).
    pub fn due_on(self, archived_at: i64) -> Option<Date> {
        let Retention::Years(years) = self else { return None };
        let a = Date::from_unix(archived_at);
        let year = a.year + i32::from(years);
        Date::new(year, a.month, a.day).or_else(|_| Date::new(year, 3, 1)).ok()
    }

    /// Is the retention period of a contest archived at `archived_at` over at `now`?
    pub fn is_over(self, archived_at: i64, now: i64) -> bool {
        self.due_on(archived_at).is_some_and(|due| Date::from_unix(now) >= due)
    }
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
    fn reduction_keeps_the_first_name_the_initial_and_the_year_and_is_idempotent() {
        assert_eq!(reduced_name("  Әлихан   Сапаров Ерланұлы "), "Әлихан С.");
        assert_eq!(reduced_name("Әлихан С."), "Әлихан С.");
        assert_eq!(reduced_name("Мадина"), "Мадина");
        assert_eq!(reduced_name(""), "");
        assert_eq!(reduced_birth("2014-05-17"), "2014");
        assert_eq!(reduced_birth("2014"), "2014");
        assert_eq!(reduced_birth("17.05.2014"), "");
        assert_eq!(reduced_birth("20١4-05-17"), "");
        assert_eq!(reduced_birth(""), "");
    }

    #[test]
    fn retention_is_whole_calendar_years_from_the_day_of_archiving() {
        let at = |s: &str| Date::parse(s).unwrap_or_else(|_| unreachable!()).days_since_epoch() * 86_400;
        let three = Retention::default();
        assert_eq!(three.due_on(at("2026-11-28") + 80_000), Date::parse("2029-11-28").ok());
        assert!(!three.is_over(at("2026-11-28"), at("2029-11-27") + 86_399));
        assert!(three.is_over(at("2026-11-28"), at("2029-11-28")));
        // Archived on 29 February: due on 1 March of a common year.
        assert_eq!(Retention::Years(1).due_on(at("2028-02-29")), Date::parse("2029-03-01").ok());
        assert!(!Retention::Forever.is_over(at("1990-01-01"), at("2026-11-28")));
        assert_eq!(Retention::parse(" 5 "), Some(Retention::Years(5)));
        assert_eq!(Retention::parse("forever"), Some(Retention::Forever));
        for bad in ["0", "-1", "101", "three", "", "3.5"] {
            assert_eq!(Retention::parse(bad), None, "{bad}");
        }
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

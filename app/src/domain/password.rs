//! Passwords as typed by people.
//!
//! Invariant: a `Password` has 8 to 128 characters (Unicode scalar values, any script, kept
//! exactly as typed) and is not among the passwords attackers try first: the 100,000 most
//! frequent of at least 8 characters in a ten-million-password breach corpus
//! (`app/data/common-passwords.txt`, made by `scripts/common-passwords`), the local ones below,
//! or one character repeated. Its `Debug`
//! never prints the secret. Over-long input is refused by length *before* anything costly
//! (such as hashing) can look at it.

use std::fmt;

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;
/// Four bytes per character at most: anything longer cannot be a valid password, and is
/// refused without counting characters.
const MAX_BYTES: usize = MAX_CHARS * 4;

#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("password is too short")]
    TooShort,
    #[error("password is too long")]
    TooLong,
    #[error("password is too common")]
    TooCommon,
}

/// The breach list: lower-case, one per line, sorted by bytes (a unit test checks it).
const BREACHED: &str = include_str!("../../data/common-passwords.txt");

/// Whether a lower-cased password is on the breach list: a binary search over its lines,
/// split once per process (about 1.6 MB of slices; the list itself is in the binary).
fn breached(lower: &str) -> bool {
    static LINES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| BREACHED.lines().collect());
    LINES.binary_search(&lower).is_ok()
}

/// What the breach list lacks: Cyrillic-keyboard and local passwords common in Kazakhstan
/// (the corpus is mostly Latin). Compared case-insensitively.
const LOCAL: &[&str] = &[
    "12345678", "123456789", "1234567890", "0123456789", "11111111", "00000000", "12341234",
    "87654321", "88888888", "11223344", "12121212", "123123123", "1q2w3e4r", "1q2w3e4r5t",
    "1qaz2wsx", "qwertyui", "qwerty12", "qwerty123", "qwerty1234", "qwertyuiop", "asdfghjk",
    "asdfghjkl", "zxcvbnm1", "password", "password1", "password123", "passw0rd", "p@ssw0rd",
    "iloveyou", "sunshine", "princess", "football", "baseball", "welcome1", "superman",
    "starwars", "whatever", "trustno1", "letmein1", "abc12345", "abcd1234", "admin123",
    "administrator", "changeme", "computer", "internet", "michael1", "dragon12", "monkey12",
    "master12", "shadow12", "qazwsxedc", "zaq12wsx", "aa123456", "a1234567", "q1w2e3r4",
    "1234qwer", "qwer1234", "йцукенгш", "йцукенгшщз", "пароль123", "парольпароль", "любовь123",
    "привет123", "12345678910", "kazakhstan", "qazaqstan", "kazakhstan1", "almaty123", "astana123",
    "baiqau123", "baiqau2026", "конкурс123", "library1", "biblioteka", "библиотека",
];

impl Password {
    pub fn parse(input: String) -> Result<Self, PasswordError> {
        if input.len() > MAX_BYTES {
            return Err(PasswordError::TooLong);
        }
        let chars = input.chars().count();
        if chars < MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        if chars > MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        let lower = input.to_lowercase();
        if LOCAL.contains(&lower.as_str()) || breached(&lower) || lower.chars().all(|c| lower.starts_with(c)) {
            return Err(PasswordError::TooCommon);
        }
        Ok(Password(input))
    }

    /// A password whose length alone is checked, for verifying a login: the common-password
    /// rule applies to new passwords only, but the length cap always protects the hasher.
    pub fn parse_for_login(input: String) -> Result<Self, PasswordError> {
        if input.len() > MAX_BYTES || input.chars().count() > MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        Ok(Password(input))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_kazakh_password_of_128_chars_is_kept_exactly() {
        let typed: String = "Әңғүұқөһі".chars().cycle().take(128).collect();
        let p = Password::parse(typed.clone());
        assert_eq!(p.map(|p| p.0), Ok(typed));
    }

    #[test]
    fn parse_length_bounds() {
        assert_eq!(Password::parse("Ab3$xyz".into()), Err(PasswordError::TooShort));
        assert!(Password::parse("Ab3$xyzQ".into()).is_ok());
        assert_eq!(Password::parse("x".repeat(129)), Err(PasswordError::TooLong));
        assert_eq!(Password::parse("x".repeat(1_000_000)), Err(PasswordError::TooLong));
    }

    #[test]
    fn parse_common_passwords_are_refused_in_any_case() {
        assert_eq!(Password::parse("Password1".into()), Err(PasswordError::TooCommon));
        assert_eq!(Password::parse("ЙЦУКЕНГШ".into()), Err(PasswordError::TooCommon));
        assert_eq!(Password::parse("zzzzzzzzzz".into()), Err(PasswordError::TooCommon));
    }

    #[test]
    fn the_breach_list_holds_100_000_distinct_lower_case_passwords_in_byte_order() {
        let lines: Vec<&str> = BREACHED.lines().collect();
        assert_eq!(lines.len(), 100_000);
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "unsorted or repeated");
        assert!(lines.iter().all(|l| l.chars().count() >= MIN_CHARS && *l == l.to_lowercase()));
    }

    #[test]
    fn parse_refuses_the_breach_list_to_its_last_entry_in_any_case() {
        // From the corpus' head to rank 263,956 ("smokey24", the 100,000th kept).
        for typed in ["12345678", "Sunshine1", "MONKEY12", "trustno1", "Brandon1", "1qazxsw2", "Smokey24", "TROMBONI"] {
            assert_eq!(Password::parse(typed.into()), Err(PasswordError::TooCommon), "{typed}");
        }
        // Rank 263,957, the first one past the 100,000: accepted, like any phrase.
        for typed in ["smokey212", "Қазақстан-2026!", "correct horse battery staple"] {
            assert!(Password::parse(typed.into()).is_ok(), "{typed}");
        }
    }

    #[test]
    fn debug_hides_the_secret() {
        let p = Password::parse("correct horse".into());
        assert_eq!(format!("{p:?}"), "Ok(Password(…))");
    }

    #[test]
    fn parse_for_login_accepts_short_but_caps_length() {
        assert!(Password::parse_for_login("x".into()).is_ok());
        assert_eq!(Password::parse_for_login("x".repeat(129)), Err(PasswordError::TooLong));
    }
}

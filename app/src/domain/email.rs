//! Email addresses as account identifiers.
//!
//! Invariant: an `Email` is trimmed, lower-cased, at most 254 bytes, has exactly one `@`
//! with a non-empty local part (≤ 64 bytes) and a dotted domain, and contains no white space
//! or control characters (so it can never inject a mail header); it is NFKC-normalised, has
//! no invisible or bidirectional-control characters, and no part of it mixes look-alike
//! alphabets (Latin, Cyrillic, Greek), so two accounts cannot differ only in ways no one sees.

use serde::{Deserialize, Serialize};
use std::fmt;
use super::invisible;
use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("email is empty")]
    Empty,
    #[error("email is too long")]
    TooLong,
    #[error("email is not an address")]
    Invalid,
    /// Invisible or direction-changing characters, or letters of two alphabets in one part:
    /// an address made to look like someone else's (`аdmin@…` with a Cyrillic «а»).
    #[error("email looks like another address")]
    LookAlike,
}

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        if input.chars().any(invisible) {
            return Err(EmailError::LookAlike);
        }
        // Compatibility forms (fullwidth letters, ligatures) become the letters they show,
        // and a decomposed «й» the one character: one address, one spelling.
        let normal: String = input.nfkc().collect();
        let s = normal.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.len() > 254 {
            return Err(EmailError::TooLong);
        }
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(EmailError::Invalid);
        }
        let (local, domain) = s.split_once('@').ok_or(EmailError::Invalid)?;
        if local.is_empty()
            || local.len() > 64
            || domain.contains('@')
            || local.starts_with('.')
            || local.ends_with('.')
            || local.contains("..")
        {
            return Err(EmailError::Invalid);
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2
            || labels.iter().any(|l| {
                l.is_empty() || l.starts_with('-') || l.ends_with('-') || l.len() > 63
            })
            || domain.chars().any(|c| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | ':' | '\\' | '"'))
            || local.chars().any(|c| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | ':' | '\\' | '"'))
        {
            return Err(EmailError::Invalid);
        }
        if mixes_alphabets(local) || domain.split('.').any(mixes_alphabets) {
            return Err(EmailError::LookAlike);
        }
        Ok(Email(s.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Alphabet {
    Latin,
    Cyrillic,
    Greek,
}

/// The alphabets whose letters look alike (Latin «a», Cyrillic «а», Greek «α»).
fn alphabet(c: char) -> Option<Alphabet> {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Some(Alphabet::Latin),
        '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}' => Some(Alphabet::Cyrillic),
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Some(Alphabet::Greek),
        _ => None,
    }
}

/// Letters of more than one look-alike alphabet in one part of an address. Kazakh and
/// Russian addresses are all Cyrillic, the usual ones all Latin; digits and signs go with both.
fn mixes_alphabets(part: &str) -> bool {
    let mut seen = None;
    for a in part.chars().filter_map(alphabet) {
        match seen {
            None => seen = Some(a),
            Some(b) if b != a => return true,
            Some(_) => {}
        }
    }
    false
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_valid_address_is_trimmed_and_lowercased() {
        assert_eq!(Email::parse("  Aigerim@Library.KZ ").map(|e| e.0), Ok("aigerim@library.kz".into()));
    }

    #[test]
    fn parse_cyrillic_domain_is_accepted() {
        assert_eq!(Email::parse("мама@почта.қаз").map(|e| e.0), Ok("мама@почта.қаз".into()));
    }

    #[test]
    fn parse_rejects_malformed_addresses() {
        for bad in ["plain", "@x.kz", "a@", "a@kz", "a@@b.kz", "a b@c.kz", "a@b..kz", ".a@b.kz", "a<b@c.kz", "a@-b.kz"] {
            assert_eq!(Email::parse(bad), Err(EmailError::Invalid), "{bad}");
        }
        assert_eq!(Email::parse("   "), Err(EmailError::Empty));
    }

    #[test]
    fn look_alike_addresses_are_refused_or_made_one() {
        for (bad, why) in [
            ("\u{0430}dmin@lib.kz", "Cyrillic а among Latin letters"),
            ("admin@l\u{0456}b.kz", "Cyrillic і in a Latin domain label"),
            ("adm\u{200B}in@lib.kz", "zero-width space"),
            ("ad\u{00AD}min@lib.kz", "soft hyphen"),
            ("\u{202E}nimda@lib.kz", "right-to-left override"),
            ("admin\u{2060}@lib.kz", "word joiner"),
            ("\u{03BF}lga@lib.kz", "Greek ο among Latin letters"),
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::LookAlike), "{why}");
        }
        // Fullwidth letters and a decomposed «й» become the ordinary spelling.
        assert_eq!(Email::parse("\u{FF41}dmin@lib.kz").map(|e| e.0), Ok("admin@lib.kz".into()));
        assert_eq!(Email::parse("\u{0438}\u{0306}\u{0435}@mail.kz").map(|e| e.0), Email::parse("\u{0439}\u{0435}@mail.kz").map(|e| e.0));
        // One alphabet per part is fine, whichever it is; digits and signs go with any.
        assert!(Email::parse("әлия.2015@почта.қаз").is_ok());
        assert!(Email::parse("aliya_2015+school@mail.kz").is_ok());
        assert!(Email::parse("мама@mail.kz").is_ok());
    }

    #[test]
    fn parse_rejects_header_injection() {
        assert_eq!(Email::parse("a@b.kz\r\nBcc: x@y.kz"), Err(EmailError::Invalid));
    }

    #[test]
    fn parse_rejects_overlong_address() {
        let long = format!("{}@b.kz", "a".repeat(300));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
        let local = format!("{}@b.kz", "a".repeat(65));
        assert_eq!(Email::parse(&local), Err(EmailError::Invalid));
    }
}

//! Email addresses as account identifiers.
//!
//! Invariant: an `Email` is trimmed, lower-cased, at most 254 bytes, has exactly one `@`
//! with a non-empty local part (≤ 64 bytes) and a dotted domain, and contains no white space
//! or control characters (so it can never inject a mail header).

use serde::{Deserialize, Serialize};
use std::fmt;

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
}

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim();
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
        Ok(Email(s.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
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

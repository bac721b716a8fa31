//! The interface's languages: Kazakh (the default), Russian and English.
//!
//! Every word the interface shows is a [`Msg`] variant with all three translations side by
//! side in `messages.rs`; the `messages!` macro refuses to compile a key that lacks one, and
//! a misspelt key is an unknown enum variant. Counted phrases go through [`Plural`] with the
//! CLDR plural rules of each language.

pub mod dates;
mod messages;
mod plural;

pub use messages::Msg;
pub use plural::{Plural, PluralCategory, plural_category};

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Kk,
    Ru,
    En,
}

/// The name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "baiqau_lang";

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The BCP 47 code used in `<html lang>`, the cookie and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language's own name, as shown in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    /// Exactly `kk`, `ru` or `en`; anything else (a tampered cookie) is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The first supported language in an `Accept-Language` header, by quality.
    /// Junk yields `None`; the header is only looked at up to 1 KiB.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let header = header.get(..header.len().min(1024)).unwrap_or("");
        let mut best: Option<(u16, usize, Lang)> = None;
        for (i, part) in header.split(',').enumerate().take(32) {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let primary = tag.split('-').next().unwrap_or("");
            let Some(lang) = Lang::from_code(primary) else { continue };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
                .map_or(Some(1000), |q| parse_quality(&q));
            let Some(q) = q else { continue };
            if q == 0 {
                continue;
            }
            if best.is_none_or(|(bq, bi, _)| q > bq || (q == bq && i < bi)) {
                best = Some((q, i, lang));
            }
        }
        best.map(|(_, _, l)| l)
    }

}

/// `q=0.8` → 800; anything malformed → `None`.
fn parse_quality(q: &str) -> Option<u16> {
    let value: f32 = q.parse().ok()?;
    (0.0..=1.0).contains(&value).then(|| {
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0 to 1000 after the range check")]
        let q = (value * 1000.0).round() as u16;
        q
    })
}

/// Replaces `{name}` placeholders in a translated text.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A table of texts that only the server writes (pages without islands): in the browser's
/// build every text is empty, so none of them weighs on the WASM, where every text of
/// [`Msg`] is carried by each island. The keys are checked by the compiler as [`Msg`]'s are.
#[macro_export]
macro_rules! server_texts {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $( $key:ident { kk: $kk:literal, ru: $ru:literal, en: $en:literal $(,)? } )* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name { $( $key ),* }

        impl $name {
            #[allow(dead_code)]
            pub const ALL: &'static [$name] = &[ $( $name::$key ),* ];

            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                #[cfg(feature = "ssr")]
                {
                    match self {
                        $( $name::$key => match lang { $crate::i18n::Lang::Kk => $kk, $crate::i18n::Lang::Ru => $ru, $crate::i18n::Lang::En => $en } ),*
                    }
                }
                #[cfg(not(feature = "ssr"))]
                {
                    let _ = (self, lang);
                    ""
                }
            }
        }
    };
}

/// A number with `places` decimals as the reader writes it: a decimal comma in Kazakh and
/// Russian, a point in English; a true minus sign. `NaN` and infinities read "—".
pub fn decimal(v: f64, places: usize, lang: Lang) -> String {
    if !v.is_finite() {
        return "—".to_owned();
    }
    let text = format!("{:.*}", places, v.abs());
    // "-0.000" reads as 0: no sign when nothing shows.
    let negative = v < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let text = if lang == Lang::En { text } else { text.replace('.', ",") };
    if negative { format!("\u{2212}{text}") } else { text }
}

/// A decimal the server wrote with a point (`87.50`), as the reader writes it (`87,50` in
/// Kazakh and Russian). Anything that is not such a number is left as it is.
pub fn decimal_text(s: &str, lang: Lang) -> String {
    let numeric = s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') && s.bytes().filter(|b| *b == b'.').count() == 1;
    if lang == Lang::En || !numeric { s.to_owned() } else { s.replacen('.', ",", 1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_text_swaps_the_point_of_numbers_only() {
        assert_eq!(decimal_text("87.50", Lang::Kk), "87,50");
        assert_eq!(decimal_text("87.50", Lang::En), "87.50");
        assert_eq!(decimal_text("v1.2.3", Lang::Ru), "v1.2.3");
        assert_eq!(decimal_text("100", Lang::Ru), "100");
    }

    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(decimal(0.28976, 3, Lang::En), "0.290");
        assert_eq!(decimal(0.28976, 3, Lang::Ru), "0,290");
        assert_eq!(decimal(-12.345, 1, Lang::Kk), "\u{2212}12,3");
        assert_eq!(decimal(-0.0004, 3, Lang::En), "0.000");
        assert_eq!(decimal(f64::NAN, 2, Lang::En), "—");
    }

    /// The request's language as an installation with no identity of its own picks it
    /// (`domain::identity::Identity::lang_for`).
    #[test]
    fn negotiation_prefers_a_valid_cookie_and_ignores_a_tampered_one() {
        let id = crate::domain::identity::Identity::default();
        assert_eq!(id.lang_for(Some("ru"), Some("en")), Lang::Ru);
        for bad in ["../../x", "zz", "KK", &"a".repeat(10_000)] {
            assert_eq!(id.lang_for(Some(bad), Some("en-US,en;q=0.9")), Lang::En);
            assert_eq!(id.lang_for(Some(bad), None), Lang::Kk);
        }
    }

    #[test]
    fn accept_language_quality_order() {
        assert_eq!(Lang::from_accept_language("de-DE, ru;q=0.8, kk;q=0.9"), Some(Lang::Kk));
        assert_eq!(Lang::from_accept_language("ru-RU,ru;q=0.9,en-US;q=0.8"), Some(Lang::Ru));
        assert_eq!(Lang::from_accept_language("en;q=0, ru;q=0.1"), Some(Lang::Ru));
    }

    #[test]
    fn accept_language_junk_is_none() {
        for junk in ["", "*", ";;;,,,", "ru;q=abc", "fr, de", "\u{0}\u{1}"] {
            assert_eq!(Lang::from_accept_language(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn every_message_has_three_non_empty_texts() {
        for m in Msg::ALL {
            for l in Lang::ALL {
                assert!(!m.text(l).trim().is_empty(), "{m:?} in {l:?}");
            }
        }
    }

    #[test]
    fn every_message_travels_as_its_key_and_back() {
        for &m in Msg::ALL {
            let json = serde_json::to_string(&m).unwrap_or_default();
            assert_eq!(json, format!("\"{m:?}\""));
            assert_eq!(serde_json::from_str::<Msg>(&json).ok(), Some(m));
        }
        assert_eq!(serde_json::from_str::<Msg>("\"NoSuchKey\"").map_err(|e| e.to_string()).err().as_deref(), Some("unknown message key \"NoSuchKey\""));
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill("{n} / {m}", &[("n", "1"), ("m", "2")]), "1 / 2");
    }
}

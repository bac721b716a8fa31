//! The organiser's identity on this installation: the name shown in the header, titles,
//! mail and diplomas (per language), the logo, the two colours of the pages, and which
//! language a first visit gets. Colours are checked against the uses they have in the
//! style sheet (white text on the main colour, the accent as a focus ring beside it), so
//! no choice can make the site unreadable.

use crate::i18n::Lang;

/// The longest name, in characters.
pub const NAME_MAX: usize = 120;
/// WCAG 2 minimum contrast for normal text (white on the main colour; the main colour as
/// the colour of links on white).
pub const TEXT_CONTRAST: f64 = 4.5;
/// WCAG 2 minimum contrast for parts of the interface (the accent's focus ring on the
/// main colour).
pub const UI_CONTRAST: f64 = 3.0;

/// An sRGB colour, written `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    pub const DEFAULT_MAIN: Colour = Colour(0x0b, 0x5c, 0x6b);
    pub const DEFAULT_ACCENT: Colour = Colour(0xf2, 0xc1, 0x4e);
    pub const WHITE: Colour = Colour(0xff, 0xff, 0xff);

    /// `#rrggbb` (any case, surrounding spaces ignored); anything else is `None`.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.trim().strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).ok();
        Some(Colour(byte(0)?, byte(2)?, byte(4)?))
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Contrast ratio between two colours, 1 to 21 (WCAG 2).
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (light, dark) = if a > b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }

    /// The same colour darkened (hover, pressed): each channel × 3/4.
    pub fn darker(self) -> Colour {
        let d = |c: u8| u8::try_from(u16::from(c) * 3 / 4).unwrap_or(c);
        Colour(d(self.0), d(self.1), d(self.2))
    }

    /// As fractions of 1, for PDF.
    pub fn rgb(self) -> (f32, f32, f32) {
        (f32::from(self.0) / 255.0, f32::from(self.1) / 255.0, f32::from(self.2) / 255.0)
    }
}

/// The organiser's identity. The default is Baiqau's own look with no name of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct Identity {
    /// The organiser's name in kk, ru and en; an empty one falls back (see [`Identity::name`]).
    pub names: [String; 3],
    pub main: Colour,
    pub accent: Colour,
    /// What a first visit gets.
    pub default_lang: Lang,
    /// Whether the browser's preferred language (Accept-Language) comes before the default.
    pub browser_lang: bool,
    /// The stored logo's file name (`brand/<name>`), if any.
    pub logo: Option<String>,
    /// Changes with every save: the style sheet's address carries it.
    pub revision: i64,
}

impl Default for Identity {
    fn default() -> Identity {
        Identity {
            names: Default::default(),
            main: Colour::DEFAULT_MAIN,
            accent: Colour::DEFAULT_ACCENT,
            default_lang: Lang::Kk,
            browser_lang: true,
            logo: None,
            revision: 0,
        }
    }
}

/// A language's place in [`Identity::names`].
pub fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Kk => 0,
        Lang::Ru => 1,
        Lang::En => 2,
    }
}

/// Why an identity was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityError {
    /// A name longer than [`NAME_MAX`], in that language.
    NameTooLong(Lang),
    /// A colour that is not `#rrggbb`: the main (true) or the accent (false).
    BadColour { main: bool },
    /// White text on the main colour would be hard to read.
    MainTooLight,
    /// The accent cannot be told from the main colour.
    AccentTooClose,
}

impl Identity {
    /// The name in `lang`; else in the default language; else in any; else nothing.
    pub fn name(&self, lang: Lang) -> Option<&str> {
        let of = |l: Lang| self.names.get(lang_index(l)).map(String::as_str).filter(|n| !n.is_empty());
        of(lang).or_else(|| of(self.default_lang)).or_else(|| self.names.iter().map(String::as_str).find(|n| !n.is_empty()))
    }

    /// The language of a request: the reader's own choice (the cookie) if valid; then the
    /// browser's preference where the organiser lets it decide; then the default.
    pub fn lang_for(&self, cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        cookie
            .and_then(Lang::from_code)
            .or_else(|| accept_language.filter(|_| self.browser_lang).and_then(Lang::from_accept_language))
            .unwrap_or(self.default_lang)
    }

    /// The style sheet that puts the colours into the pages (`/brand.css`).
    pub fn css(&self) -> String {
        format!(
            ":root {{ --brand: {}; --brand-dark: {}; --accent: {}; }}\n",
            self.main.hex(),
            self.main.darker().hex(),
            self.accent.hex()
        )
    }

    /// Parses and checks what an organiser typed: names cleaned of invisible characters and
    /// spaces at the ends, the colours as `#rrggbb` with enough contrast.
    pub fn parse(names: [&str; 3], main: &str, accent: &str) -> Result<([String; 3], Colour, Colour), Vec<IdentityError>> {
        let mut errors = Vec::new();
        let names = std::array::from_fn(|i| {
            let clean: String = names[i].chars().filter(|c| !c.is_control() && !super::invisible(*c)).collect::<String>().trim().to_owned();
            if clean.chars().count() > NAME_MAX {
                errors.push(IdentityError::NameTooLong(Lang::ALL[i]));
            }
            clean
        });
        let main = Colour::parse(main);
        let accent = Colour::parse(accent);
        if main.is_none() {
            errors.push(IdentityError::BadColour { main: true });
        }
        if accent.is_none() {
            errors.push(IdentityError::BadColour { main: false });
        }
        if main.is_some_and(|m| m.contrast(Colour::WHITE) < TEXT_CONTRAST) {
            errors.push(IdentityError::MainTooLight);
        }
        if let (Some(m), Some(a)) = (main, accent)
            && m.contrast(a) < UI_CONTRAST
        {
            errors.push(IdentityError::AccentTooClose);
        }
        match (main, accent) {
            (Some(m), Some(a)) if errors.is_empty() => Ok((names, m, a)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag_reference_values() {
        // Black on white is 21:1; #767676 is the lightest grey passing 4.5:1 on white
        // (4.54), #777777 just fails it (4.48).
        assert!((Colour(0, 0, 0).contrast(Colour::WHITE) - 21.0).abs() < 1e-9);
        assert_eq!(format!("{:.2}", Colour(0x76, 0x76, 0x76).contrast(Colour::WHITE)), "4.54");
        assert_eq!(format!("{:.2}", Colour(0x77, 0x77, 0x77).contrast(Colour::WHITE)), "4.48");
        assert_eq!(Colour::WHITE.contrast(Colour::WHITE), 1.0);
        // The defaults pass their own rules.
        assert!(Colour::DEFAULT_MAIN.contrast(Colour::WHITE) >= TEXT_CONTRAST);
        assert!(Colour::DEFAULT_MAIN.contrast(Colour::DEFAULT_ACCENT) >= UI_CONTRAST);
    }

    #[test]
    fn colours_parse_only_as_six_hex_digits() {
        assert_eq!(Colour::parse(" #0B5C6b "), Some(Colour(0x0b, 0x5c, 0x6b)));
        for bad in ["0b5c6b", "#0b5c6", "#0b5c6bb", "#gg0000", "red", "", "#", "#0b5c6b;}body{display:none"] {
            assert_eq!(Colour::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Colour(0x0b, 0x5c, 0x6b).hex(), "#0b5c6b");
        assert_eq!(Colour(0x0b, 0x5c, 0x6b).darker().hex(), "#084550");
    }

    #[test]
    fn a_checked_identity_refuses_what_would_be_unreadable() {
        let long = "Ә".repeat(NAME_MAX + 1);
        let ok = Identity::parse(["  Облыстық\u{200B} кітапхана ", "", "Regional Library"], "#7a1f2b", "#f2c14e");
        assert_eq!(ok, Ok((["Облыстық кітапхана".to_owned(), String::new(), "Regional Library".to_owned()], Colour(0x7a, 0x1f, 0x2b), Colour(0xf2, 0xc1, 0x4e))));
        assert_eq!(Identity::parse(["", &long, ""], "#7a1f2b", "#f2c14e"), Err(vec![IdentityError::NameTooLong(Lang::Ru)]));
        // Yellow as the main colour: white text on it is 1.6:1.
        assert_eq!(Identity::parse(["", "", ""], "#f2c14e", "#0b5c6b"), Err(vec![IdentityError::MainTooLight]));
        // An accent beside a main colour of nearly the same lightness.
        assert_eq!(Identity::parse(["", "", ""], "#0b5c6b", "#1b6c7b"), Err(vec![IdentityError::AccentTooClose]));
        assert_eq!(
            Identity::parse(["", "", ""], "blue", "#fff;"),
            Err(vec![IdentityError::BadColour { main: true }, IdentityError::BadColour { main: false }])
        );
    }

    #[test]
    fn the_name_falls_back_to_the_default_language_then_to_any() {
        let mut id = Identity { names: [String::new(), "Областная библиотека".to_owned(), String::new()], ..Identity::default() };
        assert_eq!(id.name(Lang::En), Some("Областная библиотека"));
        id.names[0] = "Облыстық кітапхана".to_owned();
        assert_eq!(id.name(Lang::En), Some("Облыстық кітапхана"), "the default language (kk) comes first");
        assert_eq!(id.name(Lang::Ru), Some("Областная библиотека"));
        assert_eq!(Identity::default().name(Lang::Kk), None);
    }

    #[test]
    fn the_default_language_and_whether_the_browser_overrides_it() {
        let mut id = Identity { default_lang: Lang::Ru, ..Identity::default() };
        assert_eq!(id.lang_for(None, Some("en-US,en;q=0.9")), Lang::En, "the browser decides when allowed");
        assert_eq!(id.lang_for(None, Some("de-DE")), Lang::Ru, "a language we lack: the default");
        assert_eq!(id.lang_for(None, None), Lang::Ru);
        id.browser_lang = false;
        assert_eq!(id.lang_for(None, Some("en-US,en;q=0.9")), Lang::Ru, "the organiser's default wins");
        assert_eq!(id.lang_for(Some("en"), Some("kk")), Lang::En, "the reader's own choice always wins");
        assert_eq!(id.lang_for(Some("xx"), None), Lang::Ru, "a tampered cookie is ignored");
    }

    #[test]
    fn the_style_sheet_carries_the_colours() {
        let id = Identity { main: Colour(0x7a, 0x1f, 0x2b), ..Identity::default() };
        assert_eq!(id.css(), ":root { --brand: #7a1f2b; --brand-dark: #5b1720; --accent: #f2c14e; }\n");
    }
}

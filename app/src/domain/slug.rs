//! Contest addresses people can read and type: `/contests/uly-dala-tulgalary`, and the short
//! link `/uly-dala-tulgalary` on a poster. Made from the title by transliterating Kazakh and
//! Russian to Latin letters (Kazakh's own letters as the 2021 Latin alphabet writes them
//! without diacritics: ә → a, ғ → g, қ → q, ң → n, ө → o, ұ/ү → u, һ → h, і → i; Russian
//! as passports do: ж → zh, х → kh, ц → ts, ч → ch, ш → sh, щ → shch, ю → yu, я → ya).

/// The shortest and longest address.
pub const MIN_LEN: usize = 3;
pub const MAX_LEN: usize = 60;

/// First path segments the site uses itself: never a contest's short link.
const RESERVED: &[&str] = &[
    "account", "admin", "api", "brand", "contests", "documents", "email", "entries", "favicon", "files", "healthz", "judge", "lang", "login",
    "logout", "me", "metrics", "new", "password", "pkg", "posters", "readyz", "register", "results", "results-thumbs", "robots", "sitemap", "gallery-files",
    "sw", "uploads", "verify",
];

fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' | 'і' => "i",
        'к' => "k",
        'қ' => "q",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' => "kh",
        'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ъ' | 'ь' => "",
        _ => return None,
    })
}

/// The address made from a title: lower-case Latin letters, digits and single hyphens, at
/// most [`MAX_LEN`] characters (cut at a word's end). Empty when nothing in it is a letter
/// or digit we write.
pub fn from_title(title: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        let piece = if c.is_ascii_alphanumeric() { Some(c.to_string()) } else { letter(c).map(str::to_owned) };
        match piece {
            Some(p) if p.is_empty() => {}
            Some(p) => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                out.push_str(&p);
                gap = false;
            }
            None => gap = true,
        }
    }
    if out.len() > MAX_LEN {
        let cut = out[..=MAX_LEN].rfind('-').filter(|i| *i >= MIN_LEN).unwrap_or(MAX_LEN);
        out.truncate(cut);
    }
    out.trim_end_matches('-').to_owned()
}

/// Why an address typed by an admin cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlugError {
    /// Not 3 to 60 lower-case Latin letters, digits and single hyphens inside.
    Form,
    /// A word the site's own addresses use.
    Reserved,
}

/// Checks an address as typed (spaces at the ends and capitals forgiven).
pub fn parse(text: &str) -> Result<String, SlugError> {
    let s = text.trim().to_ascii_lowercase();
    let well_formed = (MIN_LEN..=MAX_LEN).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--");
    if !well_formed {
        return Err(SlugError::Form);
    }
    if RESERVED.contains(&s.as_str()) {
        return Err(SlugError::Reserved);
    }
    Ok(s)
}

/// The `n`th candidate for a title whose address is taken: `title`, `title-2`, `title-3`…,
/// still within [`MAX_LEN`]; a title that gives too little becomes `contest…`.
pub fn candidate(base: &str, n: u32) -> String {
    let base = if base.len() < MIN_LEN || RESERVED.contains(&base) { format!("contest-{base}").trim_end_matches('-').to_owned() } else { base.to_owned() };
    if n <= 1 {
        return base;
    }
    let suffix = format!("-{n}");
    let mut stem = base;
    stem.truncate(MAX_LEN - suffix.len());
    format!("{}{suffix}", stem.trim_end_matches('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_kazakh_and_russian_become_latin_addresses() {
        assert_eq!(from_title("Ұлы дала тұлғалары"), "uly-dala-tulgalary");
        assert_eq!(from_title("Уа, Қабанбай, көзелім!"), "ua-qabanbai-kozelim");
        assert_eq!(from_title("В мире сказок и волшебства"), "v-mire-skazok-i-volshebstva");
        assert_eq!(from_title("Щедрый урожай — 2027"), "shchedryi-urozhai-2027");
        assert_eq!(from_title("Подъезд «Юность»"), "podezd-yunost");
        assert_eq!(from_title("In the world of Fairy Tales"), "in-the-world-of-fairy-tales");
        assert_eq!(from_title("Әнші Һәм Іңкәр"), "anshi-ham-inkar");
        assert_eq!(from_title("★ ✿ ☂"), "");
        assert_eq!(from_title("  --  "), "");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let long = from_title("Облыстық балалар мен жасөспірімдер кітапханасының шығармашылық байқауы");
        assert!(long.len() <= MAX_LEN && !long.ends_with('-'), "{long}");
        assert_eq!(long, "oblystyq-balalar-men-zhasospirimder-kitapkhanasynyn");
        assert_eq!(from_title(&"а".repeat(100)).len(), MAX_LEN);
    }

    #[test]
    fn typed_addresses_are_checked() {
        assert_eq!(parse(" Uly-Dala-2027 "), Ok("uly-dala-2027".to_owned()));
        for bad in ["ab", "-uly", "uly-", "uly--dala", "ұлы-дала", "uly dala", "uly/dala", "../admin", "", &"a".repeat(61)] {
            assert_eq!(parse(bad), Err(SlugError::Form), "{bad:?}");
        }
        for word in ["admin", "api", "verify", "pkg", "login"] {
            assert_eq!(parse(word), Err(SlugError::Reserved), "{word}");
        }
    }

    #[test]
    fn a_taken_address_gets_a_number() {
        assert_eq!(candidate("uly-dala", 1), "uly-dala");
        assert_eq!(candidate("uly-dala", 2), "uly-dala-2");
        assert_eq!(candidate("", 1), "contest");
        assert_eq!(candidate("ab", 3), "contest-ab-3");
        assert_eq!(candidate("admin", 1), "contest-admin");
        let long = "a".repeat(MAX_LEN);
        assert_eq!(candidate(&long, 12).len(), MAX_LEN);
        assert!(candidate(&long, 12).ends_with("-12"));
    }
}

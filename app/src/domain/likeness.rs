//! Near-duplicate works: the same drawing entered twice, or a text copied from another
//! entrant, found before judging.
//!
//! - Images: a perceptual hash (the signs of the 8 × 8 lowest frequencies of the cosine
//!   transform of a 32 × 32 grey copy, against their median). Re-encoding and resizing move
//!   only a few of its 64 bits. Each image keeps three: of the whole picture and of its
//!   centre at 92 % and 84 %, so a work cropped at its edges still meets its original.
//! - Texts: MinHash over three-word shingles of the normalised words. The share of equal
//!   minima estimates the Jaccard similarity of the two shingle sets.
//! - Any kind: the same stored bytes (the same SHA-256) are identical.
//!
//! The caller makes the grey copy and extracts the text; this module only decides.

use std::collections::{HashMap, HashSet};

/// The side of the grey copy a perceptual hash is made from.
pub const GREY_SIDE: usize = 32;
/// The centres (as a share of each side, in per cent) hashed besides the whole image.
pub const CENTRES: [u32; 2] = [92, 84];
/// Images this similar (per cent of equal hash bits) or more are shown: at most 9 of 64
/// bits differ.
pub const IMAGE_MIN: u8 = 85;
/// Texts this similar (estimated per cent of shared three-word shingles) or more are shown.
pub const TEXT_MIN: u8 = 40;
/// A text with fewer words has no print: short texts share phrases by chance.
pub const MIN_WORDS: usize = 30;
/// The number of MinHash functions.
pub const HASHES: usize = 64;
const SHINGLE: usize = 3;

/// The perceptual hash of a [`GREY_SIDE`]² grey image, row by row (any brightness scale).
/// `None` for a wrong length.
pub fn perceptual_hash(grey: &[f32]) -> Option<u64> {
    const N: usize = GREY_SIDE;
    const K: usize = 8;
    if grey.len() != N * N {
        return None;
    }
    // cos((2x + 1) u π / 2N) for the K lowest frequencies u.
    let mut basis = [[0f32; N]; K];
    for (u, row) in basis.iter_mut().enumerate() {
        for (x, v) in row.iter_mut().enumerate() {
            *v = (((2 * x + 1) * u) as f32 * std::f32::consts::PI / (2 * N) as f32).cos();
        }
    }
    // Along the rows first, then down the columns.
    let mut rows = [[0f32; K]; N];
    for (y, out) in rows.iter_mut().enumerate() {
        let line = &grey[y * N..(y + 1) * N];
        for (u, o) in out.iter_mut().enumerate() {
            *o = line.iter().zip(&basis[u]).map(|(p, c)| p * c).sum();
        }
    }
    let mut coef = [0f32; K * K];
    for v in 0..K {
        for u in 0..K {
            coef[v * K + u] = (0..N).map(|y| rows[y][u] * basis[v][y]).sum();
        }
    }
    let mut sorted = coef;
    sorted.sort_by(f32::total_cmp);
    let median = (sorted[K * K / 2 - 1] + sorted[K * K / 2]) / 2.0;
    Some(coef.iter().enumerate().fold(0u64, |h, (i, c)| if *c > median { h | (1 << i) } else { h }))
}

/// An image's hashes: the whole picture, then each of [`CENTRES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImagePrint(pub [u64; 3]);

impl ImagePrint {
    /// How alike two images are, in per cent of equal bits, at the best match of their
    /// whole pictures and centres.
    pub fn similarity(&self, other: &Self) -> u8 {
        let mut fewest = 64;
        for a in self.0 {
            for b in other.0 {
                fewest = fewest.min((a ^ b).count_ones());
            }
        }
        percent(64 - fewest, 64)
    }
}

/// A text's MinHash signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextPrint(pub Vec<u32>);

/// The words of a text, lower-case, letters and digits only (any script).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// A 64-bit mix (SplitMix64's finaliser): every input bit moves about half the output bits.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a over a shingle's words, a separator between them.
fn shingle_hash(words: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(0)) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl TextPrint {
    /// The signature of a text of at least [`MIN_WORDS`] words.
    pub fn of(text: &str) -> Option<Self> {
        let words = words(text);
        if words.len() < MIN_WORDS {
            return None;
        }
        let shingles: HashSet<u64> = words.windows(SHINGLE).map(shingle_hash).collect();
        let mut minima = vec![u32::MAX; HASHES];
        for s in shingles {
            for (i, m) in minima.iter_mut().enumerate() {
                let h = u32::try_from(mix(s ^ mix(i as u64)) >> 32).unwrap_or(u32::MAX);
                *m = (*m).min(h);
            }
        }
        Some(Self(minima))
    }

    /// The estimated share of shingles the two texts have in common, in per cent.
    pub fn similarity(&self, other: &Self) -> u8 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        percent(u32::try_from(same).unwrap_or(0), u32::try_from(self.0.len().max(1)).unwrap_or(1))
    }
}

fn percent(part: u32, whole: u32) -> u8 {
    u8::try_from(part * 100 / whole.max(1)).unwrap_or(100)
}

/// A file's print as stored (`blob_print`): what it is compared by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Print {
    Image(ImagePrint),
    Text(TextPrint),
    /// Read, but nothing to compare by (a short text, audio, an unreadable file): only
    /// identical bytes match.
    Nothing,
}

impl Print {
    /// The stored kind and value.
    pub fn encode(&self) -> (&'static str, String) {
        match self {
            Self::Image(p) => ("image", p.0.iter().map(|h| format!("{h:016x}")).collect::<Vec<_>>().join(":")),
            Self::Text(p) => ("text", p.0.iter().map(|h| format!("{h:08x}")).collect()),
            Self::Nothing => ("none", String::new()),
        }
    }

    /// The print stored as `kind` and `value`; `Nothing` for anything not understood.
    pub fn decode(kind: &str, value: &str) -> Self {
        match kind {
            "image" => {
                let hashes: Vec<u64> = value.split(':').filter_map(|h| u64::from_str_radix(h, 16).ok()).collect();
                match <[u64; 3]>::try_from(hashes) {
                    Ok(h) => Self::Image(ImagePrint(h)),
                    Err(_) => Self::Nothing,
                }
            }
            "text" if value.len() == HASHES * 8 && value.is_ascii() => {
                let minima: Option<Vec<u32>> = (0..HASHES).map(|i| u32::from_str_radix(&value[i * 8..i * 8 + 8], 16).ok()).collect();
                minima.map_or(Self::Nothing, |m| Self::Text(TextPrint(m)))
            }
            _ => Self::Nothing,
        }
    }
}

/// One file of one work, as compared.
#[derive(Clone, Debug)]
pub struct Item {
    pub entry: i64,
    pub sha256: String,
    pub print: Print,
}

/// How two works were found alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Likeness {
    /// The same file, byte for byte.
    Identical,
    Image,
    Text,
}

impl Likeness {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Identical => "identical",
            Self::Image => "image",
            Self::Text => "text",
        }
    }
}

/// Two works found alike: `ours` in the contest under review, `other` in it too or in
/// another contest; `similarity` in per cent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub ours: i64,
    pub other: i64,
    pub similarity: u8,
    pub how: Likeness,
}

/// The pairs of works at or above the thresholds ([`IMAGE_MIN`], [`TEXT_MIN`]; identical
/// files always), each pair once at its most alike files, most alike first. `ours` are the
/// files of the contest under review, `others` those of other contests. Two works for which
/// `same_work` holds (one advanced from the other into a later round) are never a pair, nor
/// two files of one work.
pub fn pairs(ours: &[Item], others: &[Item], same_work: impl Fn(i64, i64) -> bool) -> Vec<Pair> {
    let mut best: HashMap<(i64, i64), Pair> = HashMap::new();
    // `a` is always one of ours; of two of ours, the lower-numbered work comes first.
    let mut keep = |a: &Item, b: &Item, b_mine: bool, similarity: u8, how: Likeness| {
        if a.entry == b.entry || same_work(a.entry, b.entry) {
            return;
        }
        let key = (a.entry.min(b.entry), a.entry.max(b.entry));
        let (ours, other) = if b_mine && b.entry < a.entry { (b.entry, a.entry) } else { (a.entry, b.entry) };
        let found = Pair { ours, other, similarity, how };
        match best.get(&key) {
            Some(p) if (p.similarity, std::cmp::Reverse(p.how)) >= (similarity, std::cmp::Reverse(how)) => {}
            _ => {
                best.insert(key, found);
            }
        }
    };
    let all: Vec<(&Item, bool)> = ours.iter().map(|i| (i, true)).chain(others.iter().map(|i| (i, false))).collect();
    // Identical bytes, by the stored file's hash.
    let mut by_sha: HashMap<&str, Vec<(&Item, bool)>> = HashMap::new();
    for (item, mine) in &all {
        by_sha.entry(item.sha256.as_str()).or_default().push((item, *mine));
    }
    for group in by_sha.values().filter(|g| g.len() > 1) {
        for (i, (a, a_mine)) in group.iter().enumerate() {
            for (b, b_mine) in &group[i + 1..] {
                match (a_mine, b_mine) {
                    (true, _) => keep(a, b, *b_mine, 100, Likeness::Identical),
                    (false, true) => keep(b, a, false, 100, Likeness::Identical),
                    (false, false) => {}
                }
            }
        }
    }
    // Prints: each of ours against the rest of ours and every other.
    let image = |i: &Item| if let Print::Image(p) = &i.print { Some(*p) } else { None };
    compare(&all, image, ImagePrint::similarity, IMAGE_MIN, |a, b, mine, s| keep(a, b, mine, s, Likeness::Image));
    let text = |i: &Item| if let Print::Text(p) = &i.print { Some(p.clone()) } else { None };
    compare(&all, text, TextPrint::similarity, TEXT_MIN, |a, b, mine, s| keep(a, b, mine, s, Likeness::Text));
    let mut out: Vec<Pair> = best.into_values().collect();
    out.sort_by(|a, b| b.similarity.cmp(&a.similarity).then(a.how.cmp(&b.how)).then(a.ours.cmp(&b.ours)).then(a.other.cmp(&b.other)));
    out
}

/// Every one of ours (`all`'s items marked `true`) against the rest of ours and every other,
/// by the print `of` each file: `found` hears of each pair at `min` or more (not identical
/// bytes, which are found apart), with whether the second is ours too.
fn compare<'a, P>(all: &[(&'a Item, bool)], of: impl Fn(&Item) -> Option<P>, alike: impl Fn(&P, &P) -> u8, min: u8, mut found: impl FnMut(&'a Item, &'a Item, bool, u8)) {
    let printed = |mine: bool| -> Vec<(&'a Item, P)> { all.iter().filter(|(_, m)| *m == mine).filter_map(|(i, _)| of(i).map(|p| (*i, p))).collect() };
    let (ours, others) = (printed(true), printed(false));
    for (n, (a, pa)) in ours.iter().enumerate() {
        let later = ours[n + 1..].iter().map(|x| (x, true)).chain(others.iter().map(|x| (x, false)));
        for ((b, pb), b_mine) in later {
            let s = alike(pa, pb);
            if s >= min && a.sha256 != b.sha256 {
                found(a, b, b_mine, s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A grey test picture: a bright disc on a gradient, placed at (`cx`, `cy`).
    fn picture(cx: f32, cy: f32) -> Vec<f32> {
        let n = GREY_SIDE as f32;
        (0..GREY_SIDE * GREY_SIDE)
            .map(|i| {
                let (x, y) = ((i % GREY_SIDE) as f32, (i / GREY_SIDE) as f32);
                let disc = if (x - cx).powi(2) + (y - cy).powi(2) < 36.0 { 200.0 } else { 0.0 };
                disc + 40.0 * y / n
            })
            .collect()
    }

    #[test]
    fn a_picture_matches_itself_slightly_changed_and_not_another() {
        let a = perceptual_hash(&picture(10.0, 10.0)).unwrap_or_default();
        let noisy: Vec<f32> = picture(10.0, 10.0).iter().enumerate().map(|(i, p)| p + if i % 7 == 0 { 3.0 } else { -2.0 }).collect();
        let b = perceptual_hash(&noisy).unwrap_or_default();
        let c = perceptual_hash(&picture(22.0, 22.0)).unwrap_or_default();
        assert!((a ^ b).count_ones() <= 4, "{}", (a ^ b).count_ones());
        assert!((a ^ c).count_ones() >= 16, "{}", (a ^ c).count_ones());
        assert_eq!(perceptual_hash(&[0.0; 10]), None);
        let pa = ImagePrint([a, 0, u64::MAX]);
        assert_eq!(pa.similarity(&ImagePrint([b, b, b])), percent(64 - (a ^ b).count_ones(), 64));
        assert_eq!(pa.similarity(&ImagePrint([1, 1, 1])), 98);
    }

    const STORY: &str = "Жил-был мальчик по имени Арман. Каждое утро он ходил к реке и смотрел, как рыбаки \
        тянут сети. Однажды он нашёл на берегу старую лодку без вёсел и решил починить её сам. Дед показал ему, \
        как смолить дно, а сестра сшила парус из маминой скатерти. Летом лодка поплыла, и весь аул вышел смотреть.";

    #[test]
    fn a_copied_text_is_alike_and_a_different_one_is_not() {
        let a = TextPrint::of(STORY).unwrap_or(TextPrint(vec![]));
        // The same story with a sentence changed and punctuation and case altered.
        let copied = STORY.replace("Дед показал ему, как смолить дно", "Отец научил его смолить дно").to_uppercase().replace(',', "");
        let b = TextPrint::of(&copied).unwrap_or(TextPrint(vec![]));
        let other = "В нашем городе есть большая библиотека. Я хожу туда по субботам с бабушкой, и мы выбираем \
            книги о космосе, о животных и о далёких странах. Больше всего я люблю читальный зал, где тихо и пахнет \
            бумагой, а библиотекарь всегда советует что-то новое и интересное для детей моего возраста.";
        let c = TextPrint::of(other).unwrap_or(TextPrint(vec![]));
        assert_eq!(a.0.len(), HASHES);
        assert!(a.similarity(&b) >= 55, "{}", a.similarity(&b));
        assert!(a.similarity(&c) <= 10, "{}", a.similarity(&c));
        assert_eq!(a.similarity(&a), 100);
        assert_eq!(TextPrint::of("слишком короткий текст"), None);
    }

    #[test]
    fn prints_survive_storage() {
        let i = Print::Image(ImagePrint([1, u64::MAX, 0xabc]));
        let (k, v) = i.encode();
        assert_eq!(Print::decode(k, &v), i);
        let t = Print::Text(TextPrint::of(STORY).unwrap_or(TextPrint(vec![])));
        let (k, v) = t.encode();
        assert_eq!(Print::decode(k, &v), t);
        assert_eq!(Print::decode("image", "zz"), Print::Nothing);
        assert_eq!(Print::decode("text", "ab"), Print::Nothing);
        assert_eq!(Print::Nothing.encode(), ("none", String::new()));
    }

    fn item(entry: i64, sha: &str, print: Print) -> Item {
        Item { entry, sha256: sha.into(), print }
    }

    #[test]
    fn pairs_are_found_once_and_rounds_and_one_works_files_are_not_pairs() {
        let near = |h: u64| Print::Image(ImagePrint([h, h, h]));
        let ours = vec![
            item(1, "s1", near(0)),
            item(1, "s1b", near(0b1)), // the same work's second file: not a pair with itself
            item(2, "s2", near(0b11)), // 2 bits from entry 1: 96 %
            item(3, "s3", near(u64::MAX)),
            item(4, "s4", Print::Nothing),
            item(5, "s5", near(0xFFFF_FFFF)),
        ];
        let others = vec![
            item(10, "s4", Print::Nothing), // identical bytes to entry 4
            item(11, "x", near(u64::MAX >> 1)), // 1 bit from entry 3
            item(12, "y", near(0)),          // entry 1 advanced from 12: the same work
        ];
        let got = pairs(&ours, &others, |a, b| (a, b) == (1, 12) || (a, b) == (12, 1));
        assert_eq!(
            got,
            vec![
                Pair { ours: 4, other: 10, similarity: 100, how: Likeness::Identical },
                Pair { ours: 1, other: 2, similarity: 98, how: Likeness::Image },
                Pair { ours: 3, other: 11, similarity: 98, how: Likeness::Image },
                // 2 bits from entry 12, which is another work than entry 2.
                Pair { ours: 2, other: 12, similarity: 96, how: Likeness::Image },
            ]
        );
        // Within the contest alone, the lower-numbered work comes first.
        let alone = pairs(&ours[..3], &[], |_, _| false);
        assert_eq!(alone, vec![Pair { ours: 1, other: 2, similarity: 98, how: Likeness::Image }]);
    }
}

//! Office documents (DOCX, PPTX, ODT, ODP) are ZIP archives: before one is accepted as a work,
//! its central directory (the archive's table of contents, at its end) is read whole, without
//! unpacking anything, and the archive is refused when it is not what its first bytes said,
//! does not hold together, or would unpack to far more than it weighs (a "zip bomb"). The
//! type check ([`super::file::sniff`]) reads only the first entry, which an attacker chooses.
//!
//! Pure: the caller reads the archive's last bytes and then the table of contents they point
//! to. What the directory claims is checked, not what the entries would really inflate to: a
//! reader that unpacks (an office program, a future metadata cleaner) must still stop at
//! these limits itself.

/// At most this many entries (a long presentation has a few hundred).
pub const MAX_ENTRIES: usize = 5_000;
/// At most this much in all once unpacked.
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;
/// An entry larger than [`RATIO_FLOOR`] unpacked may be at most this many times its packed size
/// (text compresses 5 to 20 times; a bomb, thousands).
pub const MAX_RATIO: u64 = 200;
const RATIO_FLOOR: u64 = 1024 * 1024;
/// At most this many archives inside the archive (an embedded spreadsheet is one).
pub const MAX_NESTED: usize = 20;

/// Why an archive is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsafe {
    /// No readable table of contents, or one that points outside the file.
    Damaged,
    /// A ZIP64 or multi-part archive: never needed for a work of this size.
    Unusual,
    TooManyEntries,
    /// Unpacks to more than [`MAX_UNPACKED`], or an entry beyond [`MAX_RATIO`].
    Expands,
    TooManyNested,
    /// The table of contents does not describe the kind of document the first bytes said.
    NotThatDocument,
}

/// What the first bytes said the archive is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Office {
    /// Office Open XML (DOCX, PPTX): has `[Content_Types].xml`.
    OpenXml,
    /// OpenDocument (ODT, ODP): has `mimetype`, first.
    OpenDocument,
}

impl Office {
    /// The family of a document type [`super::file::sniff`] returned, if it is a ZIP.
    pub fn of_mime(mime: &str) -> Option<Office> {
        if mime.starts_with("application/vnd.openxmlformats-officedocument.") {
            Some(Office::OpenXml)
        } else if mime.starts_with("application/vnd.oasis.opendocument.") {
            Some(Office::OpenDocument)
        } else {
            None
        }
    }
}

/// What the table of contents says, once accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contents {
    pub entries: usize,
    pub unpacked: u64,
}

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?])))
}

fn u32_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u32::from_le_bytes([*b.get(at)?, *b.get(at + 1)?, *b.get(at + 2)?, *b.get(at + 3)?])))
}

const END_SIG: [u8; 4] = *b"PK\x05\x06";
const ENTRY_SIG: [u8; 4] = *b"PK\x01\x02";
const END_LEN: usize = 22;
const ENTRY_LEN: usize = 46;

/// An archive name that is itself an archive.
fn nested(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    [".zip", ".jar", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".gz", ".7z", ".rar", ".bin"].iter().any(|ext| lower.ends_with(ext.as_bytes()))
}

/// How many bytes at the end of an archive hold its end record (22, after a comment of up to
/// 64 KB): what [`find_directory`] is given.
pub const TAIL: u64 = END_LEN as u64 + 65_535;

/// Where an archive's table of contents is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Directory {
    pub offset: u64,
    pub size: u64,
    entries: usize,
}

/// Finds the table of contents from the archive's last bytes (`tail`: the last
/// `min(size, TAIL)` of its `size` bytes).
pub fn find_directory(tail: &[u8], size: u64) -> Result<Directory, Unsafe> {
    let tail_start = size.checked_sub(tail.len() as u64).ok_or(Unsafe::Damaged)?;
    let end = (0..=tail.len().saturating_sub(END_LEN)).rev().find(|&i| tail.get(i..i + 4) == Some(&END_SIG[..])).ok_or(Unsafe::Damaged)?;
    let record = &tail[end..];
    let field = |at| u16_at(record, at).ok_or(Unsafe::Damaged);
    let (disk, cd_disk, on_disk, total) = (field(4)?, field(6)?, field(8)?, field(10)?);
    let cd_size = u32_at(record, 12).ok_or(Unsafe::Damaged)?;
    let cd_offset = u32_at(record, 16).ok_or(Unsafe::Damaged)?;
    if total == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF || disk != 0 || cd_disk != 0 || on_disk != total {
        return Err(Unsafe::Unusual);
    }
    let entries = usize::try_from(total).map_err(|_| Unsafe::Damaged)?;
    if entries > MAX_ENTRIES {
        return Err(Unsafe::TooManyEntries);
    }
    if cd_offset.checked_add(cd_size).is_none_or(|e| e > tail_start + end as u64) {
        return Err(Unsafe::Damaged);
    }
    Ok(Directory { offset: cd_offset, size: cd_size, entries })
}

/// Accepts or refuses an archive by its table of contents (`cd`: the `dir.size` bytes at
/// `dir.offset`).
pub fn check_directory(cd: &[u8], dir: &Directory, expected: Office) -> Result<Contents, Unsafe> {
    let (entries, cd_offset) = (dir.entries, dir.offset);
    let (mut at, mut unpacked, mut nested_count) = (0usize, 0u64, 0usize);
    let (mut content_types, mut mimetype_first) = (false, false);
    for i in 0..entries {
        let header = cd.get(at..at + ENTRY_LEN).ok_or(Unsafe::Damaged)?;
        if header[..4] != ENTRY_SIG {
            return Err(Unsafe::Damaged);
        }
        let get16 = |off| u16_at(header, off).ok_or(Unsafe::Damaged);
        let get32 = |off| u32_at(header, off).ok_or(Unsafe::Damaged);
        let (packed, full, local) = (get32(20)?, get32(24)?, get32(42)?);
        if packed == 0xFFFF_FFFF || full == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
            return Err(Unsafe::Unusual);
        }
        let (name_len, extra_len, comment_len) = (get16(28)?, get16(30)?, get16(32)?);
        let name_at = at + ENTRY_LEN;
        let name = cd.get(name_at..name_at + usize::try_from(name_len).map_err(|_| Unsafe::Damaged)?).ok_or(Unsafe::Damaged)?;
        // Its data lies before the table of contents.
        if local.checked_add(packed).is_none_or(|e| e > cd_offset) {
            return Err(Unsafe::Damaged);
        }
        if full > RATIO_FLOOR && full > MAX_RATIO * packed.max(1) {
            return Err(Unsafe::Expands);
        }
        unpacked = unpacked.saturating_add(full);
        if unpacked > MAX_UNPACKED {
            return Err(Unsafe::Expands);
        }
        if nested(name) {
            nested_count += 1;
            if nested_count > MAX_NESTED {
                return Err(Unsafe::TooManyNested);
            }
        }
        content_types |= name == b"[Content_Types].xml";
        mimetype_first |= i == 0 && name == b"mimetype";
        let skip = usize::try_from(name_len + extra_len + comment_len).map_err(|_| Unsafe::Damaged)?;
        at = name_at + skip;
    }
    let fits = match expected {
        Office::OpenXml => content_types,
        Office::OpenDocument => mimetype_first,
    };
    if !fits {
        return Err(Unsafe::NotThatDocument);
    }
    Ok(Contents { entries, unpacked })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ZIP written by hand: stored entries whose table of contents may claim another
    /// unpacked size (`claimed`), as a bomb's does.
    #[expect(clippy::cast_possible_truncation, reason = "test archives are a few megabytes with short names")]
    fn zip(entries: &[(&str, &[u8], Option<u32>)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut cd = Vec::new();
        for (name, data, claimed) in entries {
            let offset = out.len() as u32;
            let (n, len) = (name.len() as u16, data.len() as u32);
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&n.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            cd.extend_from_slice(b"PK\x01\x02");
            cd.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            cd.extend_from_slice(&len.to_le_bytes());
            cd.extend_from_slice(&claimed.unwrap_or(len).to_le_bytes());
            cd.extend_from_slice(&n.to_le_bytes());
            cd.extend_from_slice(&[0; 12]);
            cd.extend_from_slice(&offset.to_le_bytes());
            cd.extend_from_slice(name.as_bytes());
        }
        let (cd_at, count) = (out.len() as u32, entries.len() as u16);
        out.extend_from_slice(&cd);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_at.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    /// What the server does with a file: the tail, then the table of contents it points to.
    fn check(bytes: &[u8], expected: Office) -> Result<Contents, Unsafe> {
        let size = bytes.len() as u64;
        let tail = &bytes[bytes.len() - usize::try_from(size.min(TAIL)).unwrap()..];
        let dir = find_directory(tail, size)?;
        let cd = bytes.get(usize::try_from(dir.offset).unwrap()..usize::try_from(dir.offset + dir.size).unwrap()).ok_or(Unsafe::Damaged)?;
        check_directory(cd, &dir, expected)
    }

    const TYPES: &str = "[Content_Types].xml";

    #[test]
    fn an_office_document_passes_and_its_contents_are_counted() {
        let docx = zip(&[(TYPES, b"<Types/>", None), ("word/document.xml", b"<w:document/>", None)]);
        assert_eq!(check(&docx, Office::OpenXml), Ok(Contents { entries: 2, unpacked: 21 }));
        let odt = zip(&[("mimetype", b"application/vnd.oasis.opendocument.text", None), ("content.xml", b"<office/>", None)]);
        assert_eq!(check(&odt, Office::OpenDocument).map(|c| c.entries), Ok(2));
    }

    #[test]
    fn a_bomb_behind_a_small_first_entry_is_refused() {
        // 1 KB claimed as 1 GB: far past the ratio, and past the total too.
        let bomb = zip(&[("word/a.xml", b"<w/>", None), (TYPES, &[0; 1024], Some(1 << 30))]);
        assert_eq!(check(&bomb, Office::OpenXml), Err(Unsafe::Expands));
        // Many entries each within the ratio, together too much.
        let block = vec![7u8; 200_000];
        let many: Vec<(String, Option<u32>)> = (0..8).map(|i| (format!("word/media/{i}.bin"), Some(39_000_000))).collect();
        let mut list: Vec<(&str, &[u8], Option<u32>)> = vec![(TYPES, b"<Types/>", None)];
        list.extend(many.iter().map(|(n, c)| (n.as_str(), block.as_slice(), *c)));
        assert_eq!(check(&zip(&list), Office::OpenXml), Err(Unsafe::Expands));
    }

    #[test]
    fn entry_count_nesting_and_shape_are_limited() {
        let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("e{i}")).collect();
        let list: Vec<(&str, &[u8], Option<u32>)> = names.iter().map(|n| (n.as_str(), &b""[..], None)).collect();
        assert_eq!(check(&zip(&list), Office::OpenXml), Err(Unsafe::TooManyEntries));
        let nested: Vec<String> = (0..=MAX_NESTED).map(|i| format!("word/embeddings/{i}.docx")).collect();
        let mut list: Vec<(&str, &[u8], Option<u32>)> = vec![(TYPES, b"<Types/>", None)];
        list.extend(nested.iter().map(|n| (n.as_str(), &b"PK"[..], None)));
        assert_eq!(check(&zip(&list), Office::OpenXml), Err(Unsafe::TooManyNested));
        // A plain archive whose first entry is named like a document's part.
        let plain = zip(&[("word/x.xml", b"<w/>", None), ("evil.sh", b"rm -rf /", None)]);
        assert_eq!(check(&plain, Office::OpenXml), Err(Unsafe::NotThatDocument));
        let odt_late_mimetype = zip(&[("content.xml", b"<o/>", None), ("mimetype", b"application/vnd.oasis.opendocument.text", None)]);
        assert_eq!(check(&odt_late_mimetype, Office::OpenDocument), Err(Unsafe::NotThatDocument));
    }

    #[test]
    fn damaged_and_unusual_archives_are_refused() {
        let good = zip(&[(TYPES, b"<Types/>", None)]);
        assert_eq!(check(&good[..good.len() - 3], Office::OpenXml), Err(Unsafe::Damaged), "cut short");
        assert_eq!(check(b"PK\x03\x04", Office::OpenXml), Err(Unsafe::Damaged));
        assert_eq!(check(b"", Office::OpenXml), Err(Unsafe::Damaged));
        let mut pointing_past = good.clone();
        let n = pointing_past.len();
        pointing_past[n - 6..n - 2].copy_from_slice(&0x7FFF_0000u32.to_le_bytes());
        assert_eq!(check(&pointing_past, Office::OpenXml), Err(Unsafe::Damaged));
        let mut zip64 = good.clone();
        zip64[n - 12..n - 8].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        assert_eq!(check(&zip64, Office::OpenXml), Err(Unsafe::Unusual));
        assert_eq!(Office::of_mime("application/vnd.oasis.opendocument.text"), Some(Office::OpenDocument));
        assert_eq!(Office::of_mime("application/pdf"), None);
    }
}

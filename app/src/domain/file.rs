//! Files of works: what a file is, decided by its first bytes (never by its name or the
//! client's word), and how its original name is shown and offered for download.

use super::contest::FileKind;

/// How many leading bytes [`sniff`] wants to see.
pub const SNIFF_LEN: usize = 4096;

/// What a file's content says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sniffed {
    pub kind: FileKind,
    pub mime: &'static str,
}

const fn s(kind: FileKind, mime: &'static str) -> Option<Sniffed> {
    Some(Sniffed { kind, mime })
}

/// The type of a file from its first bytes, if it is one Baiqau accepts as a work. Markup
/// (HTML, SVG, XML), scripts, executables and plain archives are never among them.
pub fn sniff(head: &[u8]) -> Option<Sniffed> {
    let starts = |m: &[u8]| head.starts_with(m);
    let at = |off: usize, m: &[u8]| head.get(off..off + m.len()) == Some(m);
    if starts(b"\x89PNG\r\n\x1a\n") {
        return s(FileKind::Image, "image/png");
    }
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return s(FileKind::Image, "image/jpeg");
    }
    if starts(b"RIFF") && at(8, b"WEBP") {
        return s(FileKind::Image, "image/webp");
    }
    if starts(b"%PDF-") {
        return s(FileKind::Pdf, "application/pdf");
    }
    if starts(b"RIFF") && at(8, b"WAVE") {
        return s(FileKind::Audio, "audio/wav");
    }
    if starts(b"OggS") {
        return s(FileKind::Audio, "audio/ogg");
    }
    if starts(b"fLaC") {
        return s(FileKind::Audio, "audio/flac");
    }
    if starts(b"ID3") || (head.len() >= 2 && head[0] == 0xFF && matches!(head[1], 0xFB | 0xF3 | 0xF2)) {
        return s(FileKind::Audio, "audio/mpeg");
    }
    if at(4, b"ftyp") {
        let brand = head.get(8..12).unwrap_or_default();
        return match brand {
            b"M4A " => s(FileKind::Audio, "audio/mp4"),
            b"qt  " => s(FileKind::Video, "video/quicktime"),
            b"isom" | b"iso2" | b"mp41" | b"mp42" | b"avc1" | b"M4V " | b"3gp4" | b"3gp5" | b"dash" => {
                s(FileKind::Video, "video/mp4")
            }
            _ => None,
        };
    }
    if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return s(FileKind::Video, "video/webm");
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return s(FileKind::Document, "application/msword");
    }
    if starts(b"{\\rtf") {
        return s(FileKind::Document, "application/rtf");
    }
    if starts(b"PK\x03\x04") {
        return office(head);
    }
    None
}

/// A ZIP is a document only when it is an Office Open XML or OpenDocument file; any other
/// archive is refused.
fn office(head: &[u8]) -> Option<Sniffed> {
    let name_len = u16::from_le_bytes([*head.get(26)?, *head.get(27)?]) as usize;
    let name = head.get(30..30 + name_len)?;
    if name == b"mimetype" {
        let extra = u16::from_le_bytes([*head.get(28)?, *head.get(29)?]) as usize;
        let body = head.get(30 + name_len + extra..)?;
        return if body.starts_with(b"application/vnd.oasis.opendocument.text") {
            s(FileKind::Document, "application/vnd.oasis.opendocument.text")
        } else if body.starts_with(b"application/vnd.oasis.opendocument.presentation") {
            s(FileKind::Document, "application/vnd.oasis.opendocument.presentation")
        } else {
            None
        };
    }
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if name == b"[Content_Types].xml" || name.starts_with(b"_rels/") || name.starts_with(b"docProps/") || name.starts_with(b"word/") || name.starts_with(b"ppt/") {
        if has(b"word/") {
            return s(FileKind::Document, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        }
        if has(b"ppt/") {
            return s(FileKind::Document, "application/vnd.openxmlformats-officedocument.presentationml.presentation");
        }
    }
    None
}

/// The extension that goes with a stored type, for download names.
pub fn extension(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/webp" => "webp",
        "application/pdf" => "pdf",
        "audio/wav" => "wav",
        "audio/ogg" => "ogg",
        "audio/flac" => "flac",
        "audio/mpeg" => "mp3",
        "audio/mp4" => "m4a",
        "video/quicktime" => "mov",
        "video/mp4" => "mp4",
        "video/webm" => "webm",
        "application/msword" => "doc",
        "application/rtf" => "rtf",
        "application/vnd.oasis.opendocument.text" => "odt",
        "application/vnd.oasis.opendocument.presentation" => "odp",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => "pptx",
        _ => "bin",
    }
}

/// The name a file is downloaded under: the shown name, ending in the extension of the type
/// its content was found to be. A JPEG+HTML polyglot uploaded as `evil.html` is served as an
/// image, but saved to disk under its own name and opened there it would be a page with a
/// live script: it goes out as `evil.html.jpg`. A name already ending in the right extension
/// (in any case, or a usual spelling such as `.jpeg`) is kept as it is.
pub fn download_name(name: &str, mime: &str) -> String {
    let ext = extension(mime);
    let also: &[&str] = match ext {
        "jpg" => &["jpeg", "jpe", "jfif"],
        "mp4" => &["m4v"],
        "ogg" => &["oga", "opus"],
        "mov" => &["qt"],
        _ => &[],
    };
    let has = name.rsplit_once('.').is_some_and(|(stem, e)| !stem.is_empty() && (e.eq_ignore_ascii_case(ext) || also.iter().any(|a| e.eq_ignore_ascii_case(a))));
    if has { name.to_owned() } else { format!("{name}.{ext}") }
}

/// Whether browsers show this type in place (images, PDF, audio, video); anything else
/// is offered as a download.
pub fn previews_inline(kind: FileKind) -> bool {
    !matches!(kind, FileKind::Document)
}

/// Most characters of an original name kept for display.
pub const MAX_NAME_CHARS: usize = 120;

/// An uploader's file name made fit to show: the last path component, no control or
/// bidirectional-override characters, trimmed, at most [`MAX_NAME_CHARS`] characters
/// (keeping the extension). Never used as a path. Falls back to `file.<ext>`.
pub fn display_name(raw: &str, mime: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !super::invisible(*c))
        .collect();
    let trimmed = cleaned.trim().trim_matches('.').trim();
    if trimmed.is_empty() {
        return format!("file.{}", extension(mime));
    }
    if trimmed.chars().count() <= MAX_NAME_CHARS {
        return trimmed.to_string();
    }
    let (stem, ext) = match trimmed.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.chars().count() <= 8 => (stem, Some(ext)),
        _ => (trimmed, None),
    };
    let keep = MAX_NAME_CHARS - ext.map_or(0, |e| e.chars().count() + 1) - 1;
    let mut out: String = stem.chars().take(keep).collect();
    out.push('…');
    if let Some(ext) = ext {
        out.push('.');
        out.push_str(ext);
    }
    out
}

/// Percent-encodes every byte of `s` except ASCII letters, digits and `keep`.
pub fn percent_encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An RFC 6266 `Content-Disposition` value: an ASCII fallback name (non-ASCII and quoting
/// characters replaced by `_`) and the exact name as `filename*=UTF-8''…`.
pub fn content_disposition(inline: bool, name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '%' | ';') || c == ' ' { c } else { '_' })
        .collect();
    // RFC 5987 `attr-char`s stay as they are.
    let encoded = percent_encode(name, b"!#$&+-.^_`|~");
    let kind = if inline { "inline" } else { "attachment" };
    format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// `1.5 MB`, `820 KB`.
pub fn human_size(bytes: f64) -> String {
    if bytes >= 1024.0 * 1024.0 * 1024.0 {
        format!("{:.2} GB", bytes / (1024.0 * 1024.0 * 1024.0))
    } else if bytes >= 1024.0 * 1024.0 {
        format!("{:.1} MB", bytes / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", (bytes / 1024.0).ceil())
    }
}

/// What a `Range` header asks of an object of `size` bytes (RFC 9110 §14): one range is
/// served as asked (clipped to the end), anything else the server may ignore is the whole
/// object, and a start past the end is refused (416).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByteRange {
    Whole,
    /// Bytes `start..end` (end exclusive).
    Part(u64, u64),
    Unsatisfiable,
}

pub fn byte_range(header: Option<&str>, size: u64) -> ByteRange {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else { return ByteRange::Whole };
    if spec.contains(',') || size == 0 {
        return ByteRange::Whole;
    }
    let Some((a, b)) = spec.trim().split_once('-') else { return ByteRange::Whole };
    let (a, b) = (a.trim(), b.trim());
    let number = |s: &str| if s.bytes().all(|c| c.is_ascii_digit()) { s.parse::<u64>().ok() } else { None };
    match (a.is_empty(), b.is_empty()) {
        // `bytes=-n`: the last n bytes.
        (true, false) => match number(b) {
            Some(0) => ByteRange::Unsatisfiable,
            Some(n) => ByteRange::Part(size.saturating_sub(n), size),
            None => ByteRange::Whole,
        },
        (false, _) => {
            let Some(start) = number(a) else { return ByteRange::Whole };
            let end = if b.is_empty() { Some(size - 1) } else { number(b) };
            match end {
                None => ByteRange::Whole,
                Some(_) if start >= size => ByteRange::Unsatisfiable,
                Some(end) if end < start => ByteRange::Whole,
                Some(end) => ByteRange::Part(start, end.min(size - 1) + 1),
            }
        }
        (true, true) => ByteRange::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_served_as_asked_clipped_or_refused() {
        use ByteRange::{Part, Unsatisfiable, Whole};
        let r = |h: &str| byte_range(Some(h), 1000);
        assert_eq!(byte_range(None, 1000), Whole);
        assert_eq!(r("bytes=0-499"), Part(0, 500));
        assert_eq!(r("bytes=500-"), Part(500, 1000));
        assert_eq!(r("bytes=-100"), Part(900, 1000));
        assert_eq!(r("bytes=-5000"), Part(0, 1000));
        assert_eq!(r("bytes=990-2000"), Part(990, 1000));
        assert_eq!(r("bytes=999-999"), Part(999, 1000));
        assert_eq!(r("bytes=1000-"), Unsatisfiable);
        assert_eq!(r("bytes=-0"), Unsatisfiable);
        // Ignored: several ranges, other units, nonsense, a backwards range, signs.
        for h in ["bytes=0-1,5-6", "items=0-1", "bytes=a-b", "bytes=50-10", "bytes=-", "bytes=+1-2", "bytes=18446744073709551616-"] {
            assert_eq!(r(h), Whole, "{h}");
        }
        assert_eq!(byte_range(Some("bytes=0-0"), 0), Whole);
    }

    #[test]
    fn content_decides_the_type() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest").map(|s| s.mime), Some("image/png"));
        assert_eq!(sniff(b"%PDF-1.7\n").map(|s| s.kind), Some(FileKind::Pdf));
        assert_eq!(sniff(b"\0\0\0\x20ftypisom\0\0").map(|s| s.kind), Some(FileKind::Video));
        assert_eq!(sniff(b"\0\0\0\x20ftypM4A \0\0").map(|s| s.kind), Some(FileKind::Audio));
        // Markup, executables, archives and scripts are never works.
        for bad in [
            &b"<svg xmlns='http://www.w3.org/2000/svg'/>"[..],
            b"<!DOCTYPE html><script>",
            b"<?xml version='1.0'?><svg/>",
            b"MZ\x90\0\x03",
            b"\x7fELF\x02\x01",
            b"#!/bin/sh\n",
            b"PK\x03\x04\x14\0\0\0\x08\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x07\0\0\0evil.sh",
            b"",
        ] {
            assert_eq!(sniff(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn hostile_names_become_display_text() {
        let m = "application/pdf";
        assert_eq!(display_name("../../etc/passwd", m), "passwd");
        assert_eq!(display_name("..\\..\\app.db", m), "app.db");
        assert_eq!(display_name("%2e%2e%2f", m), "%2e%2e%2f");
        assert_eq!(display_name("/etc/shadow", m), "shadow");
        assert_eq!(display_name("a\0b.pdf", m), "ab.pdf");
        assert_eq!(display_name("evil\u{202E}fdp.exe", m), "evilfdp.exe");
        assert_eq!(display_name("CON.pdf", m), "CON.pdf");
        assert_eq!(display_name("", m), "file.pdf");
        assert_eq!(display_name("...", m), "file.pdf");
        assert_eq!(display_name("Жұмыс №1 «финал».pdf", m), "Жұмыс №1 «финал».pdf");
        let long = format!("{}.pdf", "я".repeat(1_000));
        let shown = display_name(&long, m);
        assert_eq!(shown.chars().count(), MAX_NAME_CHARS);
        assert!(shown.ends_with("….pdf"));
    }

    #[test]
    fn download_names_end_in_the_extension_of_what_the_content_is() {
        assert_eq!(download_name("evil.html", "image/jpeg"), "evil.html.jpg");
        assert_eq!(download_name("x.hta", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "x.hta.docx");
        assert_eq!(download_name("Менің әжем.JPEG", "image/jpeg"), "Менің әжем.JPEG");
        assert_eq!(download_name("сурет.jpg", "image/jpeg"), "сурет.jpg");
        assert_eq!(download_name("ертегі.pdf", "application/pdf"), "ертегі.pdf");
        assert_eq!(download_name("song", "audio/mpeg"), "song.mp3");
        assert_eq!(download_name(".pdf", "application/pdf"), ".pdf.pdf");
        assert_eq!(download_name("clip.pdf.exe", "video/mp4"), "clip.pdf.exe.mp4");
    }

    #[test]
    fn disposition_has_ascii_fallback_and_utf8_name() {
        assert_eq!(
            content_disposition(false, "Жұмыс №1 «финал».pdf"),
            "attachment; filename=\"_____ _1 _______.pdf\"; filename*=UTF-8''%D0%96%D2%B1%D0%BC%D1%8B%D1%81%20%E2%84%961%20%C2%AB%D1%84%D0%B8%D0%BD%D0%B0%D0%BB%C2%BB.pdf"
        );
        assert_eq!(content_disposition(true, "a\"b;c.pdf"), "inline; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%3Bc.pdf");
    }
}

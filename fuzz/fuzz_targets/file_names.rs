//! An uploaded file's content and name: the type is read from the bytes alone, and the name
//! shown, downloaded under and sent in `Content-Disposition` is always safe.
#![no_main]

use app::domain::file::{SNIFF_LEN, content_disposition, display_name, download_name, extension, sniff};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first 64 bytes (at most) are the name as the browser sent it, the rest the content.
    let (name, content) = data.split_at(data.len().min(64));
    let name = String::from_utf8_lossy(name);
    let sniffed = sniff(&content[..content.len().min(SNIFF_LEN)]);
    let mime = sniffed.map_or("application/octet-stream", |s| s.mime);
    if let Some(s) = sniffed {
        assert_ne!(extension(s.mime), "bin", "every accepted type has its extension: {}", s.mime);
    }
    let shown = display_name(&name, mime);
    assert!(!shown.is_empty());
    assert!(!shown.chars().any(|c| c.is_control() || app::domain::invisible(c)), "{shown:?}");
    assert!(!shown.contains(['/', '\\']), "{shown:?}");
    assert!(shown.chars().count() <= app::domain::file::MAX_NAME_CHARS, "{shown:?}");
    let saved = download_name(&shown, mime);
    let ext = extension(mime);
    assert!(saved.to_ascii_lowercase().rsplit_once('.').is_some_and(|(_, e)| e == ext || matches!(e, "jpeg" | "jpe" | "jfif" | "m4v" | "oga" | "opus" | "qt")), "{saved:?} for {mime}");
    for inline in [true, false] {
        let header = content_disposition(inline, &saved);
        // A valid header value: visible ASCII and spaces only, so no CR/LF can split it.
        assert!(http::HeaderValue::from_str(&header).is_ok(), "{header:?}");
        assert!(header.bytes().all(|b| b == b' ' || b.is_ascii_graphic()), "{header:?}");
        // The quoted fallback holds no quote or backslash of its own.
        let quoted = header.split("filename=\"").nth(1).and_then(|r| r.split("\"; filename*=").next()).unwrap_or_default();
        assert!(!quoted.contains(['"', '\\']), "{header:?}");
    }
});

//! Blind copies: every kind of work a judge may receive, from hostile bytes. A copy never
//! panics, whatever type it is asked for; when the bytes would have been accepted as a work
//! of the type asked for (the type their content was found to be and, for an office
//! document, a table of contents that passed the upload's whole-archive check), a copy made
//! is still of that type, and copying it again succeeds.
#![no_main]

use app::domain::archive::{self, Office};
use app::domain::file::sniff;
use libfuzzer_sys::fuzz_target;
use server::scrub::{blind_copy, visible_text};

const KINDS: [&str; 12] = [
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/msword",
    "application/rtf",
    "audio/mpeg",
    "audio/flac",
    "audio/wav",
    "audio/ogg",
    "video/mp4",
    "video/webm",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];

/// Whether the upload would have taken these bytes as a work of type `mime`.
fn accepted(mime: &str, bytes: &[u8]) -> bool {
    if !sniff(bytes).is_some_and(|s| s.mime == mime) {
        return false;
    }
    let Some(family) = Office::of_mime(mime) else { return true };
    let size = bytes.len() as u64;
    let tail = &bytes[bytes.len() - bytes.len().min(archive::TAIL as usize)..];
    archive::find_directory(tail, size).is_ok_and(|dir| {
        let cd = bytes.get(dir.offset as usize..(dir.offset + dir.size) as usize).unwrap_or_default();
        archive::check_directory(cd, &dir, family).is_ok()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else { return };
    let mime = KINDS[usize::from(which) % KINDS.len()];
    let _ = visible_text(mime, bytes);
    if let Ok(copy) = blind_copy(mime, bytes) {
        if accepted(mime, bytes) {
            assert_eq!(sniff(&copy).map(|s| s.mime), Some(mime), "the copy changed type");
            assert!(blind_copy(mime, &copy).is_ok(), "{mime}: a blind copy could not be copied again");
        }
    }
});

//! Blind copies: in a blind contest, what judges receive of a work carries nothing that
//! names its author beyond the work itself. Images get re-encoded copies
//! ([`app::backend::media`]); every other kind gets a copy of the same type with its
//! metadata taken out ([`blind_copy`]), made once per stored file off the request path.
//! Originals keep their metadata for their owner and the organisers, except location,
//! which is taken out of photos as they are stored ([`gps`]).

use app::backend::{AppState, db, storage};

pub mod gps;
pub mod media;
pub mod office;
pub mod pdf;
pub mod rtf;

/// The copy of a file of type `mime` that blind judges receive: the same type and content
/// without its metadata. Refused (and so not served to blind judges) when the file cannot
/// be read as its type.
pub fn blind_copy(mime: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
    match mime {
        "application/pdf" => pdf::clean(bytes),
        "application/rtf" => Ok(rtf::clean(bytes)),
        "application/msword" => office::clean_legacy(bytes),
        "application/vnd.oasis.opendocument.text"
        | "application/vnd.oasis.opendocument.presentation"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.openxmlformats-officedocument.presentationml.presentation" => office::clean(bytes),
        "audio/mpeg" => media::clean_mp3(bytes),
        "audio/flac" => media::clean_flac(bytes),
        "audio/wav" => media::clean_riff(bytes),
        "audio/ogg" => media::clean_ogg(bytes),
        "audio/mp4" | "video/mp4" | "video/quicktime" => media::clean_mp4(bytes),
        "video/webm" => media::clean_webm(bytes),
        other => Err(format!("no blind copy for {other}")),
    }
}

/// The visible text at the start of a document (a PDF's first page, an office document's
/// body), where it can be read.
pub fn visible_text(mime: &str, bytes: &[u8]) -> Option<String> {
    match mime {
        "application/pdf" => pdf::first_page_text(bytes),
        m if m.starts_with("application/vnd.") => office::body_text(bytes),
        _ => None,
    }
}

/// Whether `text` names the participant: their family name and given name both appear as
/// words (in any case), or the full name as written.
pub fn names_participant(text: &str, full_name: &str) -> bool {
    let words: Vec<String> = text.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let parts: Vec<String> = full_name.split_whitespace().map(str::to_lowercase).filter(|p| p.chars().count() >= 2).collect();
    match parts.as_slice() {
        [] => false,
        [only] => words.contains(only),
        [first, second, ..] => words.contains(first) && words.contains(second),
    }
}

/// The largest document whose visible text is read for the participant's name (the check
/// reads it whole; larger ones are scans and slide decks with pictures, not text).
pub const MAX_NAME_CHECK: u64 = 32 * 1024 * 1024;

/// How long an instance may take over one blob's blind copy before another may.
const CLEAN_LEASE_SECS: i64 = 600;

/// Makes the blind copy of one stored file and records the outcome, unless another
/// instance is making it (the lease `clean:<sha256>`).
pub async fn make_blind_copy(state: &AppState, sha256: &str, mime: &str) {
    let _permit = state.thumb_permits.acquire().await;
    let lease = format!("clean:{sha256}");
    let now = state.now();
    match db::leases::claim(&state.db, &lease, &state.instance, now, now + CLEAN_LEASE_SECS).await {
        Ok(true) => {}
        Ok(false) => return,
        Err(e) => {
            tracing::error!(sha256, error = %e, "cannot lease a blind copy");
            return;
        }
    }
    let key = storage::blob_key(sha256);
    let outcome = match state.storage.size(&key).await {
        // Copies are made in memory, two at a time at most (the thumbnails' permits).
        Ok(Some(size)) if size > state.config.blind_copy_max_bytes => Err(format!("{size} bytes: too large for a blind copy")),
        Ok(_) => state.storage.read(&key).await.map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    let outcome = match outcome {
        Ok(bytes) => {
            let mime = mime.to_string();
            match tokio::task::spawn_blocking(move || (blind_copy(&mime, &bytes), crate::likeness::print_of(&mime, &bytes))).await {
                Ok((copy, print)) => {
                    if let Err(e) = db::likeness::save_print(&state.db, sha256, &print, state.now()).await {
                        tracing::warn!(sha256, error = %e, "cannot keep a file's print");
                    }
                    match copy {
                        Ok(copy) => state.storage.put_bytes(&storage::clean_key(sha256), copy).await.map_err(|e| e.to_string()),
                        Err(e) => Err(e),
                    }
                }
                Err(e) => Err(e.to_string()),
            }
        }
        Err(e) => Err(e),
    };
    if let Err(e) = &outcome {
        tracing::warn!(sha256, mime, error = %e, "blind copy failed");
    }
    if let Err(e) = db::files::set_clean_state(&state.db, sha256, outcome.is_ok()).await {
        tracing::error!(sha256, error = %e, "cannot record a blind copy");
    }
    if let Err(e) = db::leases::release(&state.db, &lease, &state.instance).await {
        tracing::warn!(sha256, error = %e, "cannot hand back a blind copy's lease");
    }
}

/// Starts the blind copy of a newly stored file in the background.
pub fn spawn_blind_copy(state: &AppState, sha256: String, mime: String) {
    let state = state.clone();
    tokio::spawn(async move { make_blind_copy(&state, &sha256, &mime).await });
}

/// Makes the blind copies left pending (by a restart, an instance that died making them,
/// or files stored before blind copies existed).
pub async fn finish_pending(state: &AppState) {
    match db::files::pending_clean(&state.db).await {
        Ok(list) => {
            for (sha, mime) in list {
                make_blind_copy(state, &sha, &mime).await;
            }
        }
        Err(e) => tracing::error!(error = %e, "cannot list pending blind copies"),
    }
}

#[cfg(test)]
mod tests;

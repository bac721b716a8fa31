//! Stored files' prints for near-duplicate search (`app::domain::likeness`): an image's
//! perceptual hashes, a document's MinHash signature over its text. Made with the image's
//! thumbnail ([`app::backend::media`]) or the document's blind copy ([`crate::scrub`]); files
//! stored before prints existed are printed by [`finish_unprinted`].

use app::backend::{AppState, db, media, storage};
use app::domain::likeness::{Print, TextPrint};

/// The pages of a PDF whose text is compared.
const PDF_PAGES: u32 = 50;

/// The print of a stored file of type `mime`: `Nothing` for audio and video (only identical
/// bytes match them), for a text too short or unreadable, and for an image that cannot be
/// decoded.
pub fn print_of(mime: &str, bytes: &[u8]) -> Print {
    let text = match mime {
        m if m.starts_with("image/") => return media::print_of_image(bytes).unwrap_or(Print::Nothing),
        "application/pdf" => crate::scrub::pdf::text(bytes, PDF_PAGES),
        m if m.starts_with("application/vnd.") => crate::scrub::office::body_text(bytes),
        _ => None,
    };
    text.and_then(|t| TextPrint::of(&t)).map_or(Print::Nothing, Print::Text)
}

/// Whether a file of type `mime` is read for its print at all.
fn readable(mime: &str) -> bool {
    mime.starts_with("image/") || mime == "application/pdf" || mime.starts_with("application/vnd.")
}

/// Prints the stored files that have none (stored before prints existed, or whose maker
/// stopped), one at a time behind the thumbnails' permits. A file too large to read in
/// memory, or of a kind with nothing to compare by, is recorded as `Nothing`.
pub async fn finish_unprinted(state: &AppState) {
    let list = match db::likeness::unprinted(&state.db).await {
        Ok(list) => list,
        Err(e) => {
            tracing::error!(error = %e, "cannot list files without prints");
            return;
        }
    };
    for (sha, mime) in list {
        let _permit = state.thumb_permits.acquire().await;
        let key = storage::blob_key(&sha);
        let print = if !readable(&mime) {
            Print::Nothing
        } else {
            match state.storage.size(&key).await {
                Ok(Some(size)) if size > crate::scrub::MAX_NAME_CHECK => Print::Nothing,
                Ok(_) => match state.storage.read(&key).await {
                    Ok(bytes) => tokio::task::spawn_blocking(move || print_of(&mime, &bytes)).await.unwrap_or(Print::Nothing),
                    Err(e) => {
                        tracing::warn!(sha, error = %e, "cannot read a file to print it");
                        continue;
                    }
                },
                Err(e) => {
                    tracing::warn!(sha, error = %e, "cannot read a file to print it");
                    continue;
                }
            }
        };
        if let Err(e) = db::likeness::save_print(&state.db, &sha, &print, state.now()).await {
            tracing::warn!(sha, error = %e, "cannot keep a file's print");
        }
    }
}

//! Fresh random identifiers: public ids in URLs, entries' anonymous codes, documents'
//! verification codes. (The shapes are domain rules; the randomness comes from here.)

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore as _;

/// A short random identifier for public URLs (96 bits).
pub fn new_public_id() -> String {
    let mut bytes = [0u8; 12];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A name for this process among the instances sharing a database: host name, process id
/// and a random part (a restarted process with a reused id is still another holder).
pub fn new_instance_id() -> String {
    let host = std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_owned()).unwrap_or_default();
    let mut bytes = [0u8; 6];
    rand::rng().fill_bytes(&mut bytes);
    format!("{}:{}:{}", if host.is_empty() { "host" } else { &host }, std::process::id(), URL_SAFE_NO_PAD.encode(bytes))
}

/// A fresh anonymous entry code such as `K7Q-4MX`.
pub fn new_entry_code() -> String {
    let mut bytes = [0u8; 6];
    rand::rng().fill_bytes(&mut bytes);
    crate::domain::judging::anonymous_code(bytes)
}

/// A fresh verification code such as `KD7Q-M3XA`.
pub fn new_document_code() -> String {
    let mut bytes = [0u8; 8];
    rand::rng().fill_bytes(&mut bytes);
    crate::domain::judging::document_code(bytes)
}

//! Pure domain rules: no I/O, no framework, no clock. Callers pass `now` in.
//!
//! Every value that crosses a trust boundary is parsed here into a type that can only
//! hold a valid value (`Email`, `Password`, `DisplayName`, `Role`).

pub mod access;
pub mod advancement;
pub mod appeal;
pub mod account;
pub mod archive;
pub mod audience;
pub mod audit;
pub mod calibration;
pub mod contest;
pub mod dashboard;
pub mod date;
pub mod email;
pub mod entry;
pub mod file;
pub mod gallery;
pub mod identity;
pub mod ids;
pub mod judging;
pub mod likeness;
pub mod notice;
pub mod password;
pub mod privacy;
pub mod question;
pub mod reliability;
pub mod resumable;
pub mod results;
pub mod rubric;
pub mod session;
pub mod slug;
pub mod throttle;
pub mod time;
#[cfg(feature = "ssr")]
pub mod totp;

pub use account::{DisplayName, DisplayNameError, Role};
pub use email::{Email, EmailError};
pub use ids::{AccountId, AgeGroupId, ContestId, CriterionId, EntryId, FileId, NominationId, PanelId, ParticipantId, SheetId, UploadId};
pub use password::{Password, PasswordError};

/// Characters that show nothing or turn the text around: zero-width and joiner characters,
/// the soft hyphen, bidirectional controls, variation selectors, fillers, tags.
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{E0000}'..='\u{E0FFF}')
}


/// A count as the `u32` the views carry; saturates (no contest holds 4 billion of anything).
pub fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

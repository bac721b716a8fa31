//! Reusable pieces of pages.

pub mod contest;
pub mod form;
pub mod layout;

use crate::i18n::{Lang, Msg};
use leptos::prelude::*;

/// The language of the current page.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The text of `msg` in the page's language.
pub fn t(msg: Msg) -> &'static str {
    msg.text(use_lang())
}

/// Formats a UTC timestamp in Kazakhstan's time (UTC+5).
pub fn local_time(t: i64) -> String {
    crate::domain::time::format_local(t, 5 * crate::domain::time::HOUR)
}

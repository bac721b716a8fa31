//! Reusable pieces of pages.

pub mod contest;
pub mod form;
pub mod layout;
pub mod work;

use crate::i18n::{Lang, Msg};
use leptos::prelude::*;

/// The language of the current page: from the context the router's pages share, or, in an
/// island hydrating in the browser (which sees no context from the page around it), from
/// the page's `<html lang>`.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_else(request_lang)
}

/// The language the page is rendered in: on the server from the request (cookie,
/// Accept-Language, Kazakh); in the browser from `<html lang>`, which the server wrote,
/// so hydration always agrees with the server.
pub fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        crate::api::ctx::lang()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::default()
    }
}

/// The organiser's identity as a page shows it. Filled on the server, which alone renders
/// the frame around pages; empty in the browser's build (islands never show it).
#[derive(Clone, Debug, Default)]
pub struct Brand {
    /// The organiser's name in the page's language (or the default's).
    pub name: Option<String>,
    /// The header's logo, the site's icon (a PNG), the colours' style sheet.
    pub logo: Option<String>,
    pub icon: Option<String>,
    pub css: Option<String>,
    /// The address people reach the site at, without a slash at the end.
    pub url: String,
}

pub fn brand(lang: Lang) -> Brand {
    #[cfg(feature = "ssr")]
    {
        use crate::backend::storage::{LOGO_COPIES, copy_name};
        let id = crate::backend::identity::of_request();
        Brand {
            name: id.name(lang).map(str::to_owned),
            logo: id.logo.as_ref().map(|n| format!("/brand/{n}")),
            icon: id.logo.as_ref().map(|n| format!("/brand/{}", copy_name(n, LOGO_COPIES[0]))),
            css: (id.revision > 0).then(|| format!("/brand.css?v={}", id.revision)),
            url: use_context::<crate::backend::AppState>().map(|s| s.config.public_url.trim_end_matches('/').to_owned()).unwrap_or_default(),
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = lang;
        Brand::default()
    }
}

/// The text of `msg` in the page's language.
pub fn t(msg: Msg) -> &'static str {
    msg.text(use_lang())
}

/// A UTC timestamp in Kazakhstan's time (UTC+5), as the reader writes dates:
/// `3 желтоқсан 2026, 09:00`.
pub fn local_time(t: i64) -> String {
    let offset = i32::try_from(crate::domain::time::KAZAKHSTAN).unwrap_or(0);
    crate::i18n::dates::date_time(t, offset, use_lang())
}

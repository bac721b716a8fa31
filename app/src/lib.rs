//! Baiqau: creative contests from the call to the diploma.
//!
//! This crate is the only one that knows the domain. Its layers depend one way:
//! `pages` → `api` → `service` → `backend` → `domain`.
//!
//! - [`domain`]: pure Rust rules and types (no Leptos, SQL or Tokio); time comes in as an argument.
//! - [`i18n`]: the interface's words in Kazakh, Russian and English, checked at compile time.
//! - `backend` (SSR only): state, the store (all SQL), authentication, mail, media, HTTP security.
//! - `service` (SSR only): one async function per use case; the binary, jobs and benches call these.
//! - [`api`]: the `#[server]` functions: caller → parse → service → answer.
//! - [`pages`] and [`components`]: what the browser shows.

#![recursion_limit = "256"]

// `ssr` and `hydrate` build two different programs from this crate. Unified into one build
// (e.g. `cargo test --workspace`, which pulls in `frontend`), browser-only effects would run on
// the server and a page render would never finish; fail the build with a reason instead.
#[cfg(all(feature = "ssr", feature = "hydrate"))]
compile_error!(
    "the `ssr` and `hydrate` features of `app` exclude each other: run `cargo test` (the default \
     members), and build `frontend` alone for wasm32-unknown-unknown"
);

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod upload;
pub mod view;
#[cfg(feature = "ssr")]
pub mod backend;
#[cfg(feature = "ssr")]
pub mod service;

/// What the binary's request guards know of the server functions: which ones anyone may
/// call, and the fields each accepts. The binary calls no server function itself: its routes
/// and jobs call [`service`].
#[cfg(feature = "ssr")]
pub mod endpoints {
    pub use crate::api::PUBLIC_ENDPOINTS as PUBLIC;
    pub use crate::api::strict::{form_pairs, has_nul, percent_decode, registry, unknown_keys};
}

mod app;

pub use app::App;
#[cfg(feature = "ssr")]
pub use app::{SiteAssets, shell};

/// Called by the WASM entry point (`frontend`) before the page's islands are hydrated one by
/// one (see `app::IslandLoader`): everything else on the page is the server's HTML as it came.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    // After a server function called from an island succeeds and says where to go, load that
    // page afresh, as the same form does without JavaScript: every resource on it is then
    // current.
    let _ = leptos::server_fn::redirect::set_redirect_hook(|target: &str| {
        let Some(location) = web_sys::window().map(|w| w.location()) else { return };
        let here = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        let same_page = target.split('#').next() == Some(here.as_str());
        let _ = location.set_href(target);
        // Only the #fragment differs: the browser would just scroll, so reload explicitly.
        if same_page {
            let _ = location.reload();
        }
    });
    leptos::mount::hydrate_islands();
}

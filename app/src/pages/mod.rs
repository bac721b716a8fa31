//! One module per route.

/// The frame of a page's data: waits for `$resource`, then shows `$ok` with the value, the
/// not-found page, or the error (with a login link when signed out; the status is set by
/// [`LoadError`]). `errors_in_place:` shows a missing thing in the error box too (admin pages).
/// The resource itself is created at the top of the page, never in here.
macro_rules! loaded {
    (@frame $resource:expr, $ok:expr, $in_place:expr) => {
        leptos::prelude::view! {
            <leptos::prelude::Suspense fallback=|| leptos::prelude::view! { <p>{crate::components::t(crate::i18n::Msg::Loading)}</p> }>
                {move || leptos::prelude::Suspend::new(async move {
                    match $resource.await {
                        Ok(v) => ($ok)(v).into_any(),
                        Err(crate::error::AppError::NotFound) if !$in_place => leptos::prelude::view! { <crate::pages::not_found::NotFoundPage/> }.into_any(),
                        Err(e) => leptos::prelude::view! { <crate::pages::LoadError error=e/> }.into_any(),
                    }
                })}
            </leptos::prelude::Suspense>
        }
    };
    (errors_in_place: $resource:expr, $ok:expr) => {
        loaded!(@frame $resource, $ok, true)
    };
    ($resource:expr, $ok:expr) => {
        loaded!(@frame $resource, $ok, false)
    };
}

/// A path parameter of the page's address, as a signal-like getter.
pub(crate) fn param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || params.with(|p| p.get(name).unwrap_or_default())
}

/// A value of the page's query string, read once.
pub(crate) fn query(name: &'static str) -> String {
    use_query_map().with_untracked(|q| q.get(name).unwrap_or_default())
}

/// A text in the reader's language (or the first there is).
pub(crate) fn pick(text: &crate::domain::contest::LocalText) -> String {
    text.pick(use_lang()).map(|(s, _)| s.to_owned()).unwrap_or_default()
}

pub mod account;
pub mod admin_accounts;
pub mod admin_audit;
pub mod admin_contests;
pub mod admin_identity;
pub mod admin_organisations;
pub mod audience;
mod contest_parts;
mod staff;
pub mod admin_entries;
pub mod admin_judging;
pub mod admin_likeness;
pub mod calibration;
pub mod contests;
pub mod entries;
pub mod gallery;
pub mod judge;
pub mod login;
pub mod not_found;
pub mod participants;
pub mod questions;
pub mod password;
pub mod register;
pub mod results;

use crate::components::{t, use_lang};
use crate::error::AppError;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `true` when the URL's query has `key=1` (how redirects report success).
pub fn query_flag(key: &'static str) -> bool {
    use_query_map().with_untracked(|q| q.get(key).as_deref() == Some("1"))
}

/// `?next=<this page>` for a link to the login or registration page, which come back here
/// (the server takes only a local path: `security::local_path`). The framework's error
/// parameters (`__err`, `__path`) are left out.
pub fn return_query() -> String {
    let here = leptos_router::hooks::use_location();
    let path = here.pathname.get_untracked();
    let search = here.search.get_untracked();
    let kept: Vec<&str> = search.trim_start_matches('?').split('&').filter(|p| !p.is_empty() && !p.starts_with("__")).collect();
    let whole = if kept.is_empty() { path } else { format!("{path}?{}", kept.join("&")) };
    if whole == "/" {
        return String::new();
    }
    next_query(&whole)
}

/// `?next=…` carrying a `next` the page was given on to another page, or nothing.
pub fn next_query(next: &str) -> String {
    if next.is_empty() { String::new() } else { format!("?next={}", crate::domain::file::percent_encode(next, b"/-_.~")) }
}

/// The error box for a failed page load; asks the reader to log in when that is the cause.
/// The page's HTTP status says the same (401, 403, 404…) to browsers, monitors and caches:
/// pages wait for their data before the first byte is sent, so the status is still open here.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        crate::api::ctx::set_error_status(&res, &error);
    }
    let lang = use_lang();
    // Logged out: log in or register, and come back here afterwards.
    let login = (error == AppError::Unauthorized).then(|| {
        let next = return_query();
        view! {
            <p class="cta">
                <a class="button primary" id="login-first" href=format!("/login{next}")>{t(Msg::NavLogin)}</a>
                " "
                <a class="button" id="register-first" href=format!("/register{next}")>{t(Msg::NavRegister)}</a>
            </p>
        }
    });
    // A page that needs an account says so as an invitation, not as a fault.
    let message = if error == AppError::Unauthorized { t(Msg::LoginOrRegister).to_owned() } else { error.message(lang) };
    // Two-step login required and not on: the way to turn it on.
    let two_step = (error == AppError::Denied(Msg::ErrTwoStepRequired)).then(|| view! {
        <p class="cta"><a class="button primary" id="to-two-step" href="/account#two-step">{t(Msg::TwoStepTitle)}</a></p>
    });
    view! {
        <div class="form-error" role="alert">{message}</div>
        {login}
        {two_step}
    }
}

//! The HTML shell and the router.

use crate::components::layout::Layout;
use crate::i18n::Lang;
use crate::pages;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

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

/// The full HTML document, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    #[cfg(feature = "ssr")]
    if let Some(nonce) = use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<crate::backend::security::CspNonce>().map(|n| n.0.clone()))
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// `<page> · Baiqau`. On the server the text is escaped here, because leptos_meta writes
/// the `<title>` into the HTML as it is (a title with `</title>` in it would end the element);
/// in the browser it goes to `document.title`, which takes plain text.
fn page_title(title: String) -> String {
    let full = if title.is_empty() { "Baiqau".to_owned() } else { format!("{title} · Baiqau") };
    if cfg!(feature = "ssr") { full.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;") } else { full }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = request_lang();
    provide_context(lang);

    view! {
        <Stylesheet id="leptos" href="/pkg/baiqau.css"/>
        <Title formatter=page_title/>
        <Router>
            <Layout>
                // In-order streaming: every Suspense arrives in place, so pages are whole
                // without JavaScript (out-of-order streaming would need a script to swap them in).
                <Routes fallback=pages::not_found::NotFoundPage>
                    <Route path=path!("/") view=pages::contests::HomePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/contests/:id") view=pages::contests::ContestPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/admin/contests") view=pages::admin_contests::AdminContestsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/admin/contests/:id") view=pages::admin_contests::ContestEditorPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/contests/:id/submit") view=pages::entries::SubmitWorkPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/entries/:id") view=pages::entries::EntryPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/me/entries") view=pages::entries::MyEntriesPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/me/participants") view=pages::participants::ParticipantsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/me/participants/new") view=pages::participants::NewParticipantPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/me/participants/:id") view=pages::participants::ParticipantEditPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/admin/contests/:id/entries") view=pages::admin_entries::AdminEntriesPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/admin/entries/:id") view=pages::admin_entries::AdminEntryPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/judge") view=pages::judge::JudgeQueuePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/judge/join") view=pages::judge::JoinPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/judge/:contest/:code") view=pages::judge::ScoringPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/admin/contests/:id/judging") view=pages::admin_judging::JudgingDashboardPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/contests/:id/results") view=pages::results::ResultsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/admin/contests/:id/results") view=pages::results::AdminResultsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/verify") view=pages::results::VerifyPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/verify/:code") view=pages::results::VerifyPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/login") view=pages::login::LoginPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/register") view=pages::register::RegisterPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/account") view=pages::account::AccountPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/password/forgot") view=pages::password::ForgotPasswordPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/password/reset") view=pages::password::ResetPasswordPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/admin/accounts") view=pages::admin_accounts::AdminAccountsPage ssr=SsrMode::InOrder/>
                </Routes>
            </Layout>
        </Router>
    }
}

//! The frame around every page: skip link, header with navigation and language switcher,
//! the main region, the footer.

use super::{t, use_lang};
use crate::api::accounts::{Logout, me};
use crate::api::accounts::Viewer;
use crate::domain::Role;
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;
use leptos_meta::Link;
use leptos_router::hooks::use_location;

/// The signed-in account, shared through context by [`Layout`]. Loaded once per page load:
/// logging in or out (and changing the language) loads the next page afresh, with or
/// without JavaScript (see the redirect hook in `hydrate`).
#[derive(Clone, Copy)]
pub struct MeResource(pub Resource<Result<Option<Viewer>, crate::error::AppError>>);

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let me_resource = Resource::new_blocking(|| (), |()| me());
    provide_context(MeResource(me_resource));
    let brand = super::brand(use_lang());
    // The site's icon: the organiser's logo, else Baiqau's. A contest page adds its own
    // after this one, and the last icon declared is the one browsers use.
    let icon = match &brand.icon {
        Some(icon) => view! { <Link rel="icon" href=icon.clone() type_="image/png"/> }.into_any(),
        None => view! { <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/> }.into_any(),
    };
    let css = brand.css.clone().map(|href| view! { <Link rel="stylesheet" href=href/> });
    let logo = brand.logo.clone().map(|src| view! { <img class="brand-logo" src=src alt="" height="40"/> });
    let mark = brand.logo.is_none().then(|| view! { <span class="brand-mark" aria-hidden="true">"◆"</span> });
    let name = brand.name.clone().unwrap_or_else(|| t(Msg::AppName).to_owned());
    view! {
        {icon}
        {css}
        <a class="skip-link" href="#main">{t(Msg::SkipToContent)}</a>
        // On a phone: one row, the brand and a menu button; the navigation and the languages
        // open under it. A checkbox and its label open it, so it works without JavaScript
        // (every page is a full load: it starts closed). Wider screens show everything.
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">
                    {logo}
                    {mark}
                    <span class="brand-name">{name}</span>
                </a>
                <input type="checkbox" id="menu-toggle" class="menu-toggle" aria-controls="site-menu"/>
                <label for="menu-toggle" class="menu-button">
                    <span class="menu-icon" aria-hidden="true"></span>
                    <span class="menu-label">{t(Msg::MenuButton)}</span>
                </label>
                <div class="menu-panel" id="site-menu">
                    <LanguageSwitcher/>
                    <nav class="main-nav" aria-label=t(Msg::MainNavigation)>
                        <a href="/">{t(Msg::NavHome)}</a>
                        <AccountNav/>
                    </nav>
                </div>
            </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <div class="wrap">
                <p>{t(Msg::FooterLibrary)}</p>
            </div>
        </footer>
    }
}

#[component]
fn AccountNav() -> impl IntoView {
    let me = expect_context::<MeResource>().0;
    let logout = ServerAction::<Logout>::new();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => {
                        let judging = matches!(me.role, Role::Judge | Role::Admin).then(|| view! { <a href="/judge">{t(Msg::NavJudging)}</a> });
                        let admin = (me.role == Role::Admin).then(|| {
                            view! {
                                <a href="/admin/contests">{t(Msg::NavAdminContests)}</a>
                                <a href="/admin/accounts">{t(Msg::NavAdminAccounts)}</a>
                            }
                        });
                        // Staff of an organisation or a contest: the contests they work on.
                        let staff = (me.staff && me.role != Role::Admin).then(|| view! { <a href="/admin/contests">{t(Msg::NavAdminContests)}</a> });
                        view! {
                            {judging}
                            <a href="/me/entries">{t(Msg::MyEntries)}</a>
                            <a href="/account">{t(Msg::NavAccount)}</a>
                            {admin}
                            {staff}
                            <ActionForm action=logout attr:class="inline-form">
                                <button type="submit" class="link-button">{t(Msg::NavLogout)}</button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <a href="/login">{t(Msg::NavLogin)}</a>
                            <a href="/register">{t(Msg::NavRegister)}</a>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// One small form per page: a button per language. Works without JavaScript; the server
/// sets the cookie and sends the reader back to the same page.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let current = use_lang();
    let location = use_location();
    let next = move || {
        let search = location.search.get();
        if search.is_empty() { location.pathname.get() } else { format!("{}?{}", location.pathname.get(), search) }
    };
    view! {
        <form class="lang-switch" method="post" action="/lang">
            <input type="hidden" name="next" value=next/>
            <span class="visually-hidden">{t(Msg::LanguageLabel)}</span>
            {Lang::ALL
                .into_iter()
                .map(|l| {
                    let pressed = if l == current { "true" } else { "false" };
                    view! {
                        <button type="submit" name="lang" value=l.code() lang=l.code() aria-pressed=pressed>
                            {l.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}

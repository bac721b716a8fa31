//! `/admin/identity`: the organiser's name, logo, colours and the language of a first visit.
//! Two plain forms (the logo is a file): both work without JavaScript, and a refused form
//! comes back with what was typed.

use crate::api::identity::{AdminSaveIdentity, IdentitySettings, admin_identity};
use crate::components::form::{FormError, PlainField, field_error, returned, saved_notice};
use crate::components::{t, use_lang};
use crate::error::Field;
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;
use leptos_meta::Title;

crate::server_texts! {
    /// The page's own words (server-only: see `server_texts!`).
    pub enum SiteText {
        Title { kk: "Ұйымдастырушы және безендіру", ru: "Организатор и оформление", en: "Organiser and look" }
        Intro {
            kk: "Сайт кітапханаңызды осылай көрсетеді: атауы тақырыпта, бет атауларында, хаттар мен дипломдарда; логотип; түстер; алғашқы кірудің тілі.",
            ru: "Так сайт представляет вашу библиотеку: название в шапке, заголовках страниц, письмах и дипломах; логотип; цвета; язык первого посещения.",
            en: "How the site presents your library: its name in the header, page titles, mail and diplomas; its logo; its colours; the language of a first visit.",
        }
        NameKk { kk: "Атауы қазақша", ru: "Название на казахском", en: "Name in Kazakh" }
        NameRu { kk: "Атауы орысша", ru: "Название на русском", en: "Name in Russian" }
        NameEn { kk: "Атауы ағылшынша", ru: "Название на английском", en: "Name in English" }
        NameHint {
            kk: "Бос қалған тілде атау әдепкі тілде көрсетіледі.",
            ru: "Если для языка название не задано, показывается название на языке по умолчанию.",
            en: "Where a language is left empty, the name in the default language is shown.",
        }
        MainColour { kk: "Негізгі түс", ru: "Основной цвет", en: "Main colour" }
        MainHint {
            kk: "Тақырып, батырмалар мен сілтемелер. Үстіндегі ақ мәтін оқылуы керек.",
            ru: "Шапка, кнопки и ссылки. Белый текст на нём должен читаться.",
            en: "The header, buttons and links. White text on it must be readable.",
        }
        AccentColour { kk: "Қосымша түс", ru: "Акцентный цвет", en: "Accent colour" }
        AccentHint {
            kk: "Белгілер мен фокус жиегі негізгі түстің жанында.",
            ru: "Метки и рамка фокуса рядом с основным цветом.",
            en: "Marks and focus rings beside the main colour.",
        }
        DefaultLang { kk: "Алғашқы кірудің тілі", ru: "Язык первого посещения", en: "Language of a first visit" }
        BrowserLang {
            kk: "Браузердің тілі қазақ, орыс не ағылшын болса, сол тіл таңдалсын",
            ru: "Если язык браузера казахский, русский или английский, открывать на нём",
            en: "Use the browser's language when it is Kazakh, Russian or English",
        }
        Logo { kk: "Логотип", ru: "Логотип", en: "Logo" }
        LogoHint {
            kk: "PNG, JPEG немесе WebP, 5 МБ-қа дейін. Тақырыпта, сайт белгісінде және дипломдарда көрсетіледі.",
            ru: "PNG, JPEG или WebP до 5 МБ. Показывается в шапке, как значок сайта и на дипломах.",
            en: "PNG, JPEG or WebP, up to 5 MB. Shown in the header, as the site's icon and on diplomas.",
        }
        LogoFile { kk: "Логотип файлы", ru: "Файл логотипа", en: "Logo file" }
        LogoUpload { kk: "Логотипті жүктеу", ru: "Загрузить логотип", en: "Upload logo" }
        LogoRemove { kk: "Логотипті алып тастау", ru: "Убрать логотип", en: "Remove the logo" }
        LogoCurrent { kk: "Қазіргі логотип", ru: "Текущий логотип", en: "Current logo" }
        LogoNone { kk: "Логотип жоқ.", ru: "Логотипа нет.", en: "No logo." }
        LogoErrType {
            kk: "Бұл PNG, JPEG не WebP суреті емес немесе ол бүлінген.",
            ru: "Это не изображение PNG, JPEG или WebP, или оно повреждено.",
            en: "This is not a PNG, JPEG or WebP image, or it is damaged.",
        }
        LogoErrSize { kk: "Файл 5 МБ-тан үлкен.", ru: "Файл больше 5 МБ.", en: "The file is larger than 5 MB." }
        LogoErrStore {
            kk: "Файл сақталмады. Қайталап көріңіз; бұрынғы логотип өзгерген жоқ.",
            ru: "Файл не сохранился. Попробуйте ещё раз; прежний логотип не изменён.",
            en: "The file could not be saved. Try again; the previous logo is unchanged.",
        }
    }
}

#[component]
pub fn AdminIdentityPage() -> impl IntoView {
    let settings = Resource::new_blocking(|| (), |()| admin_identity());
    let lang = use_lang();
    view! {
        <Title text=SiteText::Title.text(lang)/>
        <h1>{SiteText::Title.text(lang)}</h1>
        <p class="hint">{SiteText::Intro.text(lang)}</p>
        {loaded!(settings, |s: IdentitySettings| view! {
            <IdentityForm settings=s.clone()/>
            <LogoForm logo=s.logo/>
        })}
    }
}

#[component]
fn IdentityForm(settings: IdentitySettings) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<AdminSaveIdentity>::new();
    let value = save.value();
    let names_error = field_error(value, Field::Organisation);
    let main_error = field_error(value, Field::MainColour);
    let accent_error = field_error(value, Field::AccentColour);
    let lang_error = field_error(value, Field::Mode);
    let [kk, ru, en] = settings.names;
    let name_input = move |name: &'static str, stored: String| {
        let value = returned(name).unwrap_or(stored);
        view! { <input id=name name=name type="text" maxlength="120" value=value aria-describedby=format!("names-hint {name}-error")/> }
    };
    let colour_input = move |name: &'static str, stored: String| {
        let value = returned(name).unwrap_or(stored);
        view! { <input id=name name=name type="color" class="colour" value=value aria-describedby=format!("{name}-hint {name}-error")/> }
    };
    let chosen = returned("default_lang").unwrap_or(settings.default_lang);
    let browser = if returned("main_colour").is_some() { returned("browser_lang").is_some() } else { settings.browser_lang };
    view! {
        <section class="panel" id="identity" aria-labelledby="identity-title">
            <h2 id="identity-title" class="visually-hidden">{SiteText::Title.text(lang)}</h2>
            {saved_notice("identity")}
            <ActionForm action=save attr:class="stack identity-form">
                <FormError value/>
                <p class="hint" id="names-hint">{SiteText::NameHint.text(lang)}</p>
                <PlainField id="name_kk" label=SiteText::NameKk.text(lang) error=names_error>{name_input("name_kk", kk)}</PlainField>
                <PlainField id="name_ru" label=SiteText::NameRu.text(lang) error=Signal::stored(None)>{name_input("name_ru", ru)}</PlainField>
                <PlainField id="name_en" label=SiteText::NameEn.text(lang) error=Signal::stored(None)>{name_input("name_en", en)}</PlainField>
                <div class="colour-pair">
                    <PlainField id="main_colour" label=SiteText::MainColour.text(lang) hint=SiteText::MainHint.text(lang) error=main_error>{colour_input("main_colour", settings.main)}</PlainField>
                    <PlainField id="accent_colour" label=SiteText::AccentColour.text(lang) hint=SiteText::AccentHint.text(lang) error=accent_error>{colour_input("accent_colour", settings.accent)}</PlainField>
                </div>
                <PlainField id="default_lang" label=SiteText::DefaultLang.text(lang) error=lang_error>
                    <select id="default_lang" name="default_lang">
                        {Lang::ALL.into_iter().map(|l| view! {
                            <option value=l.code() selected=chosen == l.code()>{l.native_name()}</option>
                        }).collect_view()}
                    </select>
                </PlainField>
                <div class="check">
                    <input type="checkbox" id="browser_lang" name="browser_lang" value="on" checked=browser/>
                    <label for="browser_lang">{SiteText::BrowserLang.text(lang)}</label>
                </div>
                <button type="submit" class="button primary">{t(Msg::AdminSave)}</button>
            </ActionForm>
        </section>
    }
}

/// The logo: a multipart form of its own (to `/admin/identity/logo`), and a button that
/// takes it away.
#[component]
fn LogoForm(logo: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let q = leptos_router::hooks::use_query_map();
    let error = q.with_untracked(|q| q.get("logo_error")).map(|e| match e.as_str() {
        "size" => SiteText::LogoErrSize,
        "store" => SiteText::LogoErrStore,
        _ => SiteText::LogoErrType,
    });
    let has_logo = logo.is_some();
    view! {
        <section class="panel" id="logo" aria-labelledby="logo-title">
            <h2 id="logo-title">{SiteText::Logo.text(lang)}</h2>
            {saved_notice("logo")}
            {error.map(|e| view! { <div class="form-error" role="alert">{e.text(lang)}</div> })}
            {match logo {
                Some(src) => view! { <p class="logo-preview"><img src=src alt=SiteText::LogoCurrent.text(lang)/></p> }.into_any(),
                None => view! { <p class="hint">{SiteText::LogoNone.text(lang)}</p> }.into_any(),
            }}
            <form method="post" enctype="multipart/form-data" action="/admin/identity/logo" class="stack">
                <div class="field">
                    <label for="logo-file">{SiteText::LogoFile.text(lang)}</label>
                    <p class="hint" id="logo-hint">{SiteText::LogoHint.text(lang)}</p>
                    <input type="file" id="logo-file" name="logo" accept="image/png,image/jpeg,image/webp" required=true aria-describedby="logo-hint"/>
                </div>
                <button type="submit" class="button primary">{SiteText::LogoUpload.text(lang)}</button>
            </form>
            {has_logo.then(|| view! {
                <form method="post" enctype="multipart/form-data" action="/admin/identity/logo" class="inline-form">
                    <button type="submit" name="remove" value="1" class="button">{SiteText::LogoRemove.text(lang)}</button>
                </form>
            })}
        </section>
    }
}

//! The public gallery of a contest (`service::gallery`): works as small lazy images sized
//! for phones, filters by nomination, age group and award (a plain GET form), paging; and a
//! work's own page. Server-rendered only; words in `view::gallery::GalleryText`.

use crate::api::gallery::{AdminGallerySettings, SetPublication, get_gallery, get_gallery_work};
use crate::components::contest::{LocalTime, Localized};
use crate::components::form::{FormError, SelectField, SubmitButton, TextField, field_error};
use crate::domain::gallery::GalleryMode;
use crate::error::Field;
use crate::components::{t, use_lang};
use crate::i18n::fill;
use crate::view::gallery::{GalleryPage, GalleryText as G, GalleryWork, GalleryWorkPage, MediaView, PublicationView};
use crate::view::results::award_msg;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{param, pick};

#[component]
pub fn GalleryListPage() -> impl IntoView {
    let id = param("id");
    let query = use_query_map();
    let q = move |name: &'static str| query.with(|m| m.get(name).unwrap_or_default());
    let data = Resource::new_blocking(
        move || (id(), q("nomination"), q("age"), q("award"), q("page")),
        |(id, nomination, age, award, page)| get_gallery(id, nomination, age, award, page),
    );
    view! { {loaded!(data, |g: GalleryPage| view! { <GalleryView g/> })} }
}

/// The address of a page of the gallery with the same filters.
fn page_link(g: &GalleryPage, page: u32) -> String {
    let mut out = format!("/contests/{}/gallery?page={page}", g.contest);
    if let Some(n) = g.filter.nomination {
        out.push_str(&format!("&nomination={n}"));
    }
    if let Some(a) = g.filter.age_group {
        out.push_str(&format!("&age={a}"));
    }
    if let Some(a) = &g.filter.award {
        out.push_str(&format!("&award={a}"));
    }
    out
}

#[component]
fn GalleryView(g: GalleryPage) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: G| x.text(lang);
    let title = pick(&g.title);
    let closed = (!g.open).then(|| {
        view! {
            <p class="notice" id="gallery-closed">{w(G::NotOpen)}" "{g.opens.map(|m| view! { {w(G::Opens)}<LocalTime moment=m/> })}</p>
        }
    });
    let filters = g.open.then(|| view! { <Filters g=g.clone()/> });
    let pager = (g.pages > 1).then(|| {
        let (prev, next) = ((g.page > 1).then(|| page_link(&g, g.page - 1)), (g.page < g.pages).then(|| page_link(&g, g.page + 1)));
        view! {
            <nav class="pager" aria-label=w(G::Title)>
                {prev.map(|href| view! { <a class="button small" rel="prev" href=href>{w(G::Previous)}</a> })}
                <span class="hint">{fill(w(G::PageOf), &[("page", &g.page.to_string()), ("pages", &g.pages.to_string())])}</span>
                {next.map(|href| view! { <a class="button small" rel="next" href=href>{w(G::Next)}</a> })}
            </nav>
        }
    });
    let contest = g.contest.clone();
    let audience = g.audience.clone().map(|results| view! { <super::audience::AudienceWinners results/> });
    let vote = g.vote.clone().filter(|v| v.phase == crate::domain::audience::Phase::Open).map(|v| {
        view! { <p class="notice" id="gallery-vote">{crate::view::audience::AudienceText::Intro.text(lang)}" "{crate::view::audience::AudienceText::Closes.text(lang)}{v.closes.map(|m| view! { <LocalTime moment=m/> })}</p> }
    });
    view! {
        <Title text=format!("{} · {title}", w(G::Title))/>
        <p class="hint"><a href=format!("/contests/{}", g.contest)>{title.clone()}</a></p>
        <h1>{w(G::Title)}</h1>
        {closed}
        {audience}
        {vote}
        {filters}
        {g.open.then(|| view! { <p class="hint" id="gallery-count">{fill(w(G::Count), &[("n", &g.total.to_string())])}</p> })}
        {(g.open && g.works.is_empty()).then(|| view! { <p class="empty">{w(G::Empty)}</p> })}
        <ul class="gallery-grid">
            {g.works.into_iter().map(|work| view! { <WorkCard work contest=contest.clone()/> }).collect_view()}
        </ul>
        {pager}
    }
}

/// The filters: a plain GET form, so it works without JavaScript and its result has an
/// address to share.
#[component]
fn Filters(g: GalleryPage) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: G| x.text(lang);
    let option = |value: String, label: String, selected: bool| view! { <option value=value selected=selected>{label}</option> };
    view! {
        <form method="get" action=format!("/contests/{}/gallery", g.contest) class="gallery-filters">
            <select name="nomination" aria-label=w(G::AllNominations)>
                {option(String::new(), w(G::AllNominations).to_owned(), g.filter.nomination.is_none())}
                {g.nominations.iter().map(|(id, name)| option(id.to_string(), pick(name), g.filter.nomination == Some(*id))).collect_view()}
            </select>
            {(!g.age_groups.is_empty()).then(|| view! {
                <select name="age" aria-label=w(G::AllAgeGroups)>
                    {option(String::new(), w(G::AllAgeGroups).to_owned(), g.filter.age_group.is_none())}
                    {g.age_groups.iter().map(|(id, name)| option(id.to_string(), pick(name), g.filter.age_group == Some(*id))).collect_view()}
                </select>
            })}
            {(!g.awards.is_empty()).then(|| view! {
                <select name="award" aria-label=w(G::AllAwards)>
                    {option(String::new(), w(G::AllAwards).to_owned(), g.filter.award.is_none())}
                    {g.awards.iter().map(|a| option(a.as_str().to_owned(), t(award_msg(*a)).to_owned(), g.filter.award.as_deref() == Some(a.as_str()))).collect_view()}
                </select>
            })}
            <button type="submit" class="button small">{w(G::Show)}</button>
        </form>
    }
}

/// What is said of a work under it: its nomination, age group and award.
#[component]
fn WorkFacts(work: GalleryWork) -> impl IntoView {
    view! {
        <p class="hint gallery-facts">
            <Localized text=work.nomination/>
            {work.age_group.map(|g| view! { " · "<Localized text=g/> })}
        </p>
        {work.award.map(|a| view! { <p class="badge award">{t(award_msg(a))}</p> })}
    }
}

#[component]
fn WorkCard(work: GalleryWork, contest: String) -> impl IntoView {
    let href = format!("/contests/{contest}/gallery/{}", work.no);
    let preview = work.media.first().cloned().map(|m| match m {
        MediaView::Image { small, width, height, .. } => view! {
            <a href=href.clone() class="gallery-image"><img src=small loading="lazy" decoding="async" width=width height=height alt=work.title.clone()/></a>
        }
        .into_any(),
        // A PDF: its first page, as a picture (the size of an A4 page until it loads).
        MediaView::Document { page: Some(page), .. } => view! {
            <a href=href.clone() class="gallery-image"><img src=page loading="lazy" decoding="async" width="340" height="480" alt=work.title.clone()/></a>
        }
        .into_any(),
        other => view! { <Media media=other title=work.title.clone()/> }.into_any(),
    });
    view! {
        <li class="gallery-card" id=format!("work-{}", work.no)>
            {preview}
            <h2 class="gallery-title"><a href=href>{work.title.clone()}</a></h2>
            {(!work.author.is_empty()).then(|| view! { <p class="gallery-author">{work.author.clone()}</p> })}
            <WorkFacts work=work.clone()/>
            {super::audience::vote_count(work.votes, use_lang())}
        </li>
    }
}

/// One file as the public sees it.
#[component]
fn Media(media: MediaView, title: String) -> impl IntoView {
    let lang = use_lang();
    match media {
        MediaView::Image { small, large, width, height } => view! {
            <img class="gallery-large" src=small.clone() srcset=format!("{small} 480w, {large} 2048w") sizes="(max-width: 700px) 100vw, 700px" loading="lazy" decoding="async" width=width height=height alt=title/>
        }
        .into_any(),
        MediaView::Audio { src, mime } => view! { <audio controls preload="none" aria-label=title><source src=src type=mime/></audio> }.into_any(),
        MediaView::Video { src, mime } => view! { <video controls preload="none" playsinline width="640" height="360" aria-label=title><source src=src type=mime/></video> }.into_any(),
        MediaView::Document { src, name, page } => view! {
            {page.map(|p| view! { <a href=src.clone() class="gallery-page"><img class="gallery-large" src=p loading="lazy" decoding="async" width="452" height="640" alt=title.clone()/></a> })}
            <p class="gallery-document"><a class="button small" href=src>{G::Open.text(lang)}": "{name}</a></p>
        }
        .into_any(),
    }
}

#[component]
pub fn GalleryWorkPageView() -> impl IntoView {
    let id = param("id");
    let no = param("no");
    let data = Resource::new_blocking(move || (id(), no()), |(id, no)| get_gallery_work(id, no));
    view! { {loaded!(data, |p: GalleryWorkPage| view! { <WorkView p/> })} }
}

#[component]
fn WorkView(p: GalleryWorkPage) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: G| x.text(lang);
    let work = p.work;
    let vote = p.vote.clone().map(|vote| view! { <super::audience::VotePanel contest=p.contest.clone() no=work.no vote/> });
    view! {
        <Title text=format!("{} · {}", work.title, w(G::Title))/>
        <p class="hint"><a href=format!("/contests/{}/gallery", p.contest)>{w(G::Back)}</a>" · "{pick(&p.title)}</p>
        <h1 class="gallery-work-title">{work.title.clone()}</h1>
        {(!work.author.is_empty()).then(|| view! { <p class="gallery-author"><span class="hint">{w(G::Author)}": "</span>{work.author.clone()}</p> })}
        <WorkFacts work=work.clone()/>
        {super::audience::vote_count(work.votes, lang)}
        <div class="gallery-media">
            {work.media.iter().cloned().map(|m| view! { <Media media=m title=work.title.clone()/> }).collect_view()}
        </div>
        {vote}
    }
}

/// The organisers' setting: no gallery, from the results' publication, or from a date (the
/// contest's local time). On the results review, for the power `Results`.
#[component]
pub fn GallerySettings(contest: String, slug: Option<String>, mode: GalleryMode, opens_at: String, open: bool) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: G| x.text(lang);
    let action = ServerAction::<AdminGallerySettings>::new();
    let value = action.value();
    let options: Vec<(String, String)> = [(GalleryMode::Off, G::ModeOff), (GalleryMode::Results, G::ModeResults), (GalleryMode::Date, G::ModeDate)]
        .into_iter()
        .map(|(m, label)| (m.as_str().to_owned(), w(label).to_owned()))
        .collect();
    let address = format!("/contests/{}/gallery", slug.unwrap_or_else(|| contest.clone()));
    view! {
        <section class="panel" id="gallery">
            <h2>{w(G::Settings)}</h2>
            <p class="hint">{w(G::SettingsHint)}</p>
            {crate::components::form::saved_notice("gallery")}
            {(mode != GalleryMode::Off).then(|| view! { <p><a id="gallery-link" href=address.clone()>{w(G::Link)}</a>{(!open).then(|| view! { <span class="hint">" · "{w(G::NotOpen)}</span> })}</p> })}
            <p><a id="audience-link" href=format!("/admin/contests/{contest}/audience")>{crate::view::audience::AudienceText::Manage.text(lang)}</a></p>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest/>
                <SelectField label=w(G::Settings) name="gallery" id="gallery-mode" options selected=mode.as_str().to_owned() error=field_error(value, Field::Gallery)/>
                <TextField label=w(G::OpensAt) name="opens_at" id="gallery-opens-at" kind="datetime-local" required=false value=opens_at error=field_error(value, Field::GalleryOpensAt)/>
                <SubmitButton label=w(G::Save) pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

/// The entrant's choice on their entry page: the consent's words (a guardian's for a
/// minor), whether it is given, and the one change allowed now.
#[component]
pub fn PublicationPanel(entry: String, name: String, p: PublicationView) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: G| x.text(lang);
    let action = ServerAction::<SetPublication>::new();
    let value = action.value();
    let statement = consent_words(&p, &name, lang);
    let status = match p.consent {
        Some(m) => view! { <p class="notice" id="publication-given">{w(G::Given)}<LocalTime moment=m/></p> }.into_any(),
        None => view! { <p class="hint" id="publication-none">{w(G::NotGiven)}</p> }.into_any(),
    };
    let may_give = p.consent.is_none() && p.mode != GalleryMode::Off && !p.open && p.showable;
    let (choice, label, class) = if p.consent.is_some() { ("no", G::Revoke, "button danger") } else { ("yes", G::Give, "button") };
    let form = (p.consent.is_some() || may_give).then(|| {
        view! {
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="id" value=entry/>
                <input type="hidden" name="choice" value=choice/>
                <button type="submit" class=class>{w(label)}</button>
            </ActionForm>
            {p.consent.is_some().then(|| view! { <p class="hint">{w(G::RevokeNote)}</p> })}
        }
    });
    view! {
        <section class="panel" id="publication">
            <h2>{w(G::Publication)}</h2>
            {p.opens.filter(|_| !p.open).map(|m| view! { <p class="hint">{w(G::Opens)}<LocalTime moment=m/></p> })}
            <p class="consent-text">{statement}</p>
            {status}
            {(p.open && p.consent.is_none()).then(|| view! { <p class="hint">{w(G::OpenNote)}</p> })}
            <FormError value/>
            {form}
        </section>
    }
}

/// The words of the consent to publication for this work.
pub fn consent_words(p: &PublicationView, name: &str, lang: crate::i18n::Lang) -> String {
    let words = if p.minor { G::GuardianConsent } else { G::AdultConsent };
    fill(words.text(lang), &[("name", name), ("shown", &p.shown_name)])
}

/// The question asked as a work is sent, when its contest has a gallery and the consent is
/// not given yet: yes or no, nothing chosen in advance.
#[component]
pub fn PublicationQuestion(name: String, p: PublicationView) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: G| x.text(lang);
    view! {
        <fieldset class="publication-question">
            <legend>{w(G::Publication)}</legend>
            <p class="consent-text">{consent_words(&p, &name, lang)}</p>
            <div class="check"><input type="radio" id="publication-yes" name="publication" value="yes" required=true/><label for="publication-yes">{w(G::Yes)}</label></div>
            <div class="check"><input type="radio" id="publication-no" name="publication" value="no" required=true/><label for="publication-no">{w(G::No)}</label></div>
        </fieldset>
    }
}

use super::LoadError;
use crate::api::contests::{ContestCard, list_contests};
use crate::components::{t, use_lang};
use crate::i18n::{Lang, Msg, Plural};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let contests = Resource::new_blocking(|| (), |_| list_contests());
    let lang = use_lang();
    view! {
        <Title text=t(Msg::HomeTitle)/>
        <section class="hero">
            <h1>{t(Msg::HomeTitle)}</h1>
            <p class="lead">{t(Msg::HomeIntro)}</p>
        </section>
        <Suspense fallback=|| view! { <p>{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match contests.await {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t(Msg::ContestsEmpty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <p class="count">{Plural::Contests.format(lang, list.len() as u64)}</p>
                        <ul class="cards">
                            {list.into_iter().map(|c| view! { <ContestCardView card=c/> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The title in the reader's language, else the first available one (marked with its own
/// `lang` and a note), so no contest is ever shown without a name.
fn pick_title(card: &ContestCard, lang: Lang) -> (String, Lang, bool) {
    let index = |l: Lang| match l {
        Lang::Kk => 0,
        Lang::Ru => 1,
        Lang::En => 2,
    };
    if let Some(t) = &card.titles[index(lang)] {
        return (t.clone(), lang, false);
    }
    for l in [Lang::Kk, Lang::Ru, Lang::En] {
        if let Some(t) = &card.titles[index(l)] {
            return (t.clone(), l, true);
        }
    }
    (String::new(), lang, false)
}

#[component]
fn ContestCardView(card: ContestCard) -> impl IntoView {
    let (title, title_lang, fallback) = pick_title(&card, use_lang());
    view! {
        <li class="card">
            <h2 lang=title_lang.code()>{title}</h2>
            {fallback.then(|| view! { <p class="hint">{t(Msg::TitleInOtherLanguage)}</p> })}
            <p>{t(Msg::ContestDetailsSoon)}</p>
        </li>
    }
}

//! Near-duplicate works of a contest (`service::likeness`): each pair side by side with how
//! alike they are, and the verdict form (fine, or disqualify one of this contest's works,
//! with a reason). Plain forms; words server-only (`view::likeness::LikenessText`).

use crate::api::likeness::{AdminDecideLikeness, admin_likeness};
use crate::components::contest::LocalTime;
use crate::components::form::{FormError, SelectField, SubmitButton, TextArea, field_error};
use crate::components::{t, use_lang};
use crate::domain::entry::EntryState;
use crate::error::Field;
use crate::i18n::{Lang, fill};
use crate::view::likeness::{LikenessPage, LikenessText as L, PairView, WorkSide};
use leptos::prelude::*;
use leptos_meta::Title;
use super::param;

#[component]
pub fn LikenessReviewPage() -> impl IntoView {
    let id = param("id");
    let data = Resource::new_blocking(id, admin_likeness);
    view! {
        <Title text=move || L::Title.text(use_lang())/>
        {loaded!(data, move |d: LikenessPage| view! { <LikenessView d=d/> })}
    }
}

#[component]
fn LikenessView(d: LikenessPage) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: L| x.text(lang);
    let decide = ServerAction::<AdminDecideLikeness>::new();
    let value = decide.value();
    let title = d.title.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default();
    let contest = d.contest.clone();
    view! {
        <p class="hint"><a href=format!("/admin/contests/{}/entries", d.contest)>{title}</a></p>
        <h1>{w(L::Title)}</h1>
        <p class="hint">{w(L::Intro)}</p>
        {(d.waiting > 0).then(|| view! { <p class="notice" role="status" id="likeness-waiting">{fill(w(L::Waiting), &[("n", &d.waiting.to_string())])}</p> })}
        <FormError value/>
        {d.pairs.is_empty().then(|| view! { <p class="empty" id="likeness-none">{w(L::None)}</p> })}
        <ul class="likeness-pairs">
            {d.pairs.into_iter().map(|p| view! { <PairItem p=p contest=contest.clone() action=decide/> }).collect_view()}
        </ul>
        {(d.more > 0).then(|| view! { <p class="hint">{fill(w(L::More), &[("n", &d.more.to_string())])}</p> })}
    }
}

#[component]
fn PairItem(p: PairView, contest: String, action: ServerAction<AdminDecideLikeness>) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: L| x.text(lang);
    let how = w(match p.how.as_str() {
        "identical" => L::Identical,
        "text" => L::Text,
        _ => L::Image,
    });
    let anchor = format!("pair-{}-{}", p.a.id, p.b.id);
    let choices: Vec<(String, String)> = std::iter::once(("fine".to_owned(), w(L::Fine).to_owned()))
        .chain([&p.a, &p.b].into_iter().filter(|s| s.elsewhere.is_none() && s.state == EntryState::Submitted).map(|s| (s.id.clone(), format!("{}{}", w(L::Disqualify), s.code))))
        .collect();
    let verdict = p.verdict.clone().map(|v| {
        let what = v.disqualified.as_deref().map_or_else(|| w(L::FoundFine).to_owned(), |code| fill(w(L::Disqualified), &[("code", code)]));
        view! {
            <div class="notice likeness-verdict">
                <p><strong>{what}</strong>": "{v.reason}</p>
                <p class="hint">{fill(w(L::By), &[("name", &v.by)])}<LocalTime moment=v.at/></p>
            </div>
        }
    });
    let (a_id, b_id, at) = (p.a.id.clone(), p.b.id.clone(), anchor.clone());
    let form = p.verdict.is_none().then(move || {
        let none = Signal::derive(|| None);
        view! {
            <ActionForm action=action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest.clone()/>
                <input type="hidden" name="a" value=a_id/>
                <input type="hidden" name="b" value=b_id/>
                <SelectField label=w(L::Verdict) name="verdict" id=format!("verdict-{at}") options=choices selected="fine".to_owned() error=none/>
                <TextArea label=w(L::Reason) name="reason" id=format!("reason-{at}") error=field_error(action.value(), Field::Reason) rows=2/>
                <SubmitButton label=w(L::Save) pending=action.pending()/>
            </ActionForm>
        }
    });
    view! {
        <li class="panel likeness-pair" id=anchor>
            <p class="likeness-score"><strong>{format!("{} %", p.similarity)}</strong>" · "{how}</p>
            <div class="likeness-sides">
                <Side s=p.a.clone() lang/>
                <Side s=p.b.clone() lang/>
            </div>
            {verdict}
            {form}
        </li>
    }
}

#[component]
fn Side(s: WorkSide, lang: Lang) -> impl IntoView {
    let w = move |x: L| x.text(lang);
    let state = t(crate::api::entries::state_msg(s.state));
    let elsewhere = s.elsewhere.clone().map(|(id, title)| {
        let title = title.pick(lang).map(|(x, _)| x.to_owned()).unwrap_or_default();
        view! { <p class="hint">{w(L::Elsewhere)}<span class="likeness-contest" data-contest=id>{title}</span></p> }
    });
    let head = if s.visible {
        view! { <h2><a href=format!("/admin/entries/{}", s.id)>{s.title.clone()}</a></h2> <p class="likeness-author">{s.author.clone()}</p> }.into_any()
    } else {
        view! { <p class="hint">{w(L::Hidden)}</p> }.into_any()
    };
    let preview = match (s.thumb.clone(), s.file.clone()) {
        (Some(src), _) => view! { <img class="likeness-thumb" src=src alt=s.title.clone() loading="lazy"/> }.into_any(),
        (None, Some((url, name))) => view! { <p><a href=url>{name}</a></p> }.into_any(),
        _ => ().into_any(),
    };
    view! {
        <div class="likeness-side" data-code=s.code.clone()>
            {elsewhere}
            <p class="likeness-code"><code>{s.code.clone()}</code>" · "{s.receipt.clone()}" · "<span class="likeness-state">{state}</span></p>
            {head}
            {preview}
        </div>
    }
}

/// The link to a contest's near-duplicates page, for the entries list.
#[component]
pub fn LikenessLink(contest: String) -> impl IntoView {
    let lang = use_lang();
    view! { <a href=format!("/admin/contests/{contest}/duplicates") id="likeness-link">{L::Link.text(lang)}</a> }
}

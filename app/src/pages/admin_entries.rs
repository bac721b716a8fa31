//! The admin's list of a contest's entries (filters, export) and one entry with the admin's
//! actions (send back for rescoring, disqualify, reinstate).

use crate::api::entries::{
    AdminDisqualifyEntry, AdminReinstateEntry, AdminUnfreezeEntry, EntryView, admin_get_entry, admin_list_entries, state_msg,
};
use crate::components::form::{FormError, PlainField, SelectField, SubmitButton, TextArea, TextField, field_error};
use crate::components::{t, use_lang};
use crate::domain::entry::EntryState;
use crate::error::Field;
use crate::i18n::{Msg, fill};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use super::entries::{EntrySummary, EntryTable, FilesList};
use super::{param, pick};
use super::participants::ParticipantCard;

#[component]
pub fn AdminEntriesPage() -> impl IntoView {
    let id = param("id");
    let q = use_query_map();
    let filters = move || {
        q.with(|q| {
            let get = |k: &str| q.get(k).unwrap_or_default();
            (id(), get("nomination"), get("age_group"), get("state"), get("q"), get("answer"))
        })
    };
    let data = Resource::new_blocking(filters, |(c, n, a, s, q, x)| admin_list_entries(c, n, a, s, q, x));
    view! {
        <Title text=t(Msg::EntriesTitle)/>
        {loaded!(data, move |d: crate::api::entries::AdminEntries| {
            let (_, n, a, s, qs, x) = filters();
            let lang = use_lang();
            let any = || (String::new(), t(Msg::AnyOption).to_owned());
            let noms: Vec<(String, String)> = std::iter::once(any()).chain(d.contest.nominations.iter().map(|x| (x.id.to_string(), x.name.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default()))).collect();
            let ags: Vec<(String, String)> = std::iter::once(any()).chain(d.contest.age_groups.iter().map(|x| (x.id.to_string(), x.name.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default()))).collect();
            let states: Vec<(String, String)> = std::iter::once(any()).chain(EntryState::ALL.iter().map(|s| (s.as_str().to_owned(), t(state_msg(*s)).to_owned()))).collect();
            let cid = d.contest.summary.public_id.clone();
            // Near-duplicates are for those who may act on entries (not viewers).
            let may_review = d.contest.powers.is_some_and(|p| p.entries);
            let answers = answer_options(&d.questions, lang);
            let query_string = format!("nomination={}&age_group={}&state={}&q={}&answer={}", enc(&n), enc(&a), enc(&s), enc(&qs), enc(&x));
            let none = Signal::derive(|| None);
            view! {
                <p class="hint"><a href=format!("/admin/contests/{cid}")>{pick(&d.contest.summary.title)}</a></p>
                <h1>{t(Msg::EntriesTitle)}</h1>
                <form method="get" class="filters" action=format!("/admin/contests/{cid}/entries")>
                    <SelectField label=Msg::FieldNomination name="nomination" options=noms selected=n error=none/>
                    <SelectField label=Msg::FieldAgeGroup name="age_group" options=ags selected=a error=none/>
                    <SelectField label=Msg::FieldState name="state" options=states selected=s error=none/>
                    {(answers.len() > 1).then(|| view! {
                        <PlainField id="answer" label=super::questions::QuestionText::FilterAnswer.text(lang) error=none>
                            <select id="answer" name="answer">
                                {answers.into_iter().map(|(v, l)| { let sel = v == x; view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
                            </select>
                        </PlainField>
                    })}
                    <TextField label=Msg::FieldSearch name="q" kind="search" required=false value=qs error=none/>
                    <button type="submit" class="button">{t(Msg::Filter)}</button>
                </form>
                <p class="export-links">
                    <span class="entries-count">{fill(t(Msg::EntriesCount), &[("n", &d.lines.len().to_string())])}</span>" · "
                    <a href=format!("/admin/contests/{cid}/entries.csv?{query_string}")>{t(Msg::ExportCsv)}</a>" · "
                    <a href=format!("/admin/contests/{cid}/entries.xlsx?{query_string}")>{t(Msg::ExportXlsx)}</a>
                    {may_review.then(|| view! { " · " <super::admin_likeness::LikenessLink contest=cid.clone()/> })}
                </p>
                <EntryTable lines=d.lines admin=true/>
            }
        })}
    }
}

/// The answer filter's choices: any, then "question: option" for every option of the
/// contest's questions with choices or yes/no.
fn answer_options(questions: &[crate::domain::question::Question], lang: crate::i18n::Lang) -> Vec<(String, String)> {
    use crate::domain::question::QuestionKind;
    use crate::domain::question::answer_filter_value;
    use crate::view::questions::value_words;
    let mut out = vec![(String::new(), t(Msg::AnyOption).to_owned())];
    for q in questions {
        let label = q.label.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default();
        let values: Vec<String> = match q.kind {
            QuestionKind::ChoiceOne | QuestionKind::ChoiceMany => (0..q.options.len()).map(|i| i.to_string()).collect(),
            QuestionKind::YesNo => vec!["yes".into(), "no".into()],
            _ => continue,
        };
        out.extend(values.into_iter().map(|v| (answer_filter_value(q.id, &v), format!("{label}: {}", value_words(q, &v, lang)))));
    }
    out
}

/// A query-string value (RFC 3986 unreserved characters stay).
pub(super) fn enc(s: &str) -> String {
    crate::domain::file::percent_encode(s, b"-_.~")
}

#[component]
pub fn AdminEntryPage() -> impl IntoView {
    let id = param("id");
    let entry = Resource::new_blocking(id, admin_get_entry);
    view! { {loaded!(entry, |e: EntryView| view! { <AdminEntryView e=e/> })} }
}

#[component]
fn AdminEntryView(e: EntryView) -> impl IntoView {
    let dq = ServerAction::<AdminDisqualifyEntry>::new();
    let re = ServerAction::<AdminReinstateEntry>::new();
    let unfreeze = ServerAction::<AdminUnfreezeEntry>::new();
    let value = dq.value();
    let uv = unfreeze.value();
    let p = e.participant.clone();
    let id2 = e.id.clone();
    let id3 = e.id.clone();
    let unfreezable = e.judged && e.result.is_none() && e.staff_may_change;
    view! {
        <Title text=e.title.clone()/>
        <p class="hint"><a href=format!("/admin/contests/{}/entries", e.contest.public_id)>{t(Msg::EntriesTitle)}</a></p>
        <h1 class="entry-title">{e.title.clone()}</h1>
        <EntrySummary e=e.clone()/>
        <ul class="cards"><ParticipantCard p=p edit=false/></ul>
        {(!e.description.is_empty()).then(|| view! { <p class="entry-description">{e.description.clone()}</p> })}
        {e.disqualify_reason.clone().filter(|_| e.state == EntryState::Disqualified).map(|r| view! { <div class="notice warn">{fill(t(Msg::DisqualifiedNote), &[("reason", &r)])}</div> })}
        <section class="panel" id="files">
            <h2>{t(Msg::FieldFiles)}</h2>
            <FilesList entry=e.id.clone() files=e.files.clone() editable=false/>
        </section>
        <super::questions::AnswersSection entry=e.clone()/>
        {(e.state == EntryState::Submitted && e.staff_may_change).then(|| view! {
            <section class="panel" id="disqualify">
                <h2>{t(Msg::Disqualify)}</h2>
                <FormError value/>
                <ActionForm action=dq attr:class="stack" attr:novalidate="">
                    <input type="hidden" name="id" value=e.id.clone()/>
                    <TextArea label=Msg::FieldReason name="reason" error=field_error(value, Field::Reason)/>
                    <SubmitButton label=Msg::Disqualify pending=dq.pending() class="button danger"/>
                </ActionForm>
            </section>
        })}
        {unfreezable.then(|| view! {
            <section class="panel" id="unfreeze">
                <h2>{t(Msg::UnfreezeTitle)}</h2>
                <p class="hint">{t(Msg::UnfreezeHint)}</p>
                <FormError value=uv/>
                <ActionForm action=unfreeze attr:class="stack" attr:novalidate="">
                    <input type="hidden" name="id" value=id3.clone()/>
                    <TextArea label=Msg::FieldReason name="reason" id="unfreeze-reason" error=field_error(uv, Field::Reason)/>
                    <SubmitButton label=Msg::UnfreezeButton pending=unfreeze.pending() class="button"/>
                </ActionForm>
            </section>
        })}
        {(e.state == EntryState::Disqualified && e.staff_may_change).then(|| view! {
            <ActionForm action=re attr:class="inline-form">
                <input type="hidden" name="id" value=id2.clone()/>
                <SubmitButton label=Msg::Reinstate pending=re.pending() class="button"/>
            </ActionForm>
        })}
    }
}

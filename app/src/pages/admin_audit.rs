//! The admin's audit log: who did what to which record and when, filtered by who, contest,
//! action and dates (a plain GET form, so links can be shared and it works without
//! JavaScript), paged back 100 lines at a time, and exported whole to CSV and Excel.

use crate::api::accounts::admin_audit_log;
use crate::components::form::{SelectField, TextField};
use crate::components::{local_time, t};
use crate::i18n::Msg;
use crate::components::use_lang;
use crate::domain::audit::Action;
use crate::view::audit::{AuditLine, AuditPage, action_label};
use super::admin_entries::enc;
use super::pick;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The filter's fields, in the order of the link and the server function.
const FIELDS: [&str; 5] = ["actor", "contest", "action", "from", "until"];

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let q = use_query_map();
    let filters = move || q.with(|q| (FIELDS.map(|f| q.get(f).unwrap_or_default()), q.get("before").unwrap_or_default()));
    let data = Resource::new_blocking(filters, |([actor, contest, action, from, until], before)| admin_audit_log(actor, contest, action, from, until, before));
    view! {
        <Title text=t(Msg::AuditTitle)/>
        <h1>{t(Msg::AuditTitle)}</h1>
        <p class="hint">{t(Msg::AuditHint)}</p>
        {loaded!(data, move |d: AuditPage| {
            let (values, before) = filters();
            view! { <AuditView d=d values=values paged=!before.is_empty()/> }
        })}
    }
}

#[component]
fn AuditView(d: AuditPage, values: [String; 5], paged: bool) -> impl IntoView {
    let [actor, contest, action, from, until] = values.clone();
    let any = || (String::new(), t(Msg::AnyOption).to_owned());
    let actors: Vec<(String, String)> = std::iter::once(any()).chain(d.actors).collect();
    let contests: Vec<(String, String)> =
        std::iter::once(any()).chain(d.contests.into_iter().map(|(id, title)| (id, pick(&title)))).collect();
    let actions: Vec<(String, String)> = std::iter::once(any())
        .chain(d.actions.into_iter().map(|a| {
            let words = Action::parse(&a).map_or("", |action| action_label(action, use_lang()));
            (a, words.to_owned())
        }))
        .collect();
    let query = FIELDS.iter().zip(values.iter()).map(|(k, v)| format!("{k}={}", enc(v))).collect::<Vec<_>>().join("&");
    let none = Signal::derive(|| None);
    let empty = d.lines.is_empty();
    view! {
        <form method="get" class="filters" action="/admin/audit">
            <SelectField label=Msg::FieldWho name="actor" options=actors selected=actor error=none/>
            <SelectField label=Msg::FieldContest name="contest" options=contests selected=contest error=none/>
            <SelectField label=Msg::FieldAction name="action" options=actions selected=action error=none/>
            <TextField label=Msg::FieldFromDate name="from" kind="date" required=false value=from error=none/>
            <TextField label=Msg::FieldUntilDate name="until" kind="date" required=false value=until error=none/>
            <button type="submit" class="button">{t(Msg::Filter)}</button>
        </form>
        <p class="export-links">
            <a href=format!("/admin/audit.csv?{query}")>{t(Msg::ExportCsv)}</a>" · "
            <a href=format!("/admin/audit.xlsx?{query}")>{t(Msg::ExportXlsx)}</a>
        </p>
        {if empty {
            view! { <p class="empty audit-empty">{t(Msg::AuditEmpty)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="audit">
                        <thead>
                            <tr>
                                <th scope="col">{t(Msg::ColWhen)}</th>
                                <th scope="col">{t(Msg::ColWho)}</th>
                                <th scope="col">{t(Msg::ColAction)}</th>
                                <th scope="col">{t(Msg::ColSubject)}</th>
                                <th scope="col">{t(Msg::ColDetail)}</th>
                            </tr>
                        </thead>
                        <tbody>{d.lines.into_iter().map(|l| view! { <AuditRow l=l/> }).collect_view()}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
        <p class="pager">
            {paged.then(|| view! { <a href=format!("/admin/audit?{query}")>{t(Msg::AuditNewest)}</a> })}
            {d.older.map(|id| view! { <a rel="next" href=format!("/admin/audit?{query}&before={id}")>{t(Msg::AuditOlder)}</a> })}
        </p>
    }
}

#[component]
fn AuditRow(l: AuditLine) -> impl IntoView {
    let who = match (l.actor, l.actor_email) {
        (Some(name), Some(email)) => view! { {name}<br/><span class="hint">{email}</span> }.into_any(),
        _ => view! { <em>{t(Msg::AuditServer)}</em> }.into_any(),
    };
    let contest = l.contest.map(|(id, title)| {
        view! { <a href=format!("/admin/audit?contest={id}") title=t(Msg::AuditLinkContest)>{pick(&title)}</a><br/> }
    });
    let subject = l.subject_name.map(|name| view! { {name}<br/> });
    let target = match l.href {
        Some(href) => view! { <a href=href>{l.target.clone()}</a> }.into_any(),
        None => view! { {l.target.clone()} }.into_any(),
    };
    view! {
        <tr>
            <td data-label=t(Msg::ColWhen)><time>{local_time(l.at)}</time></td>
            <td data-label=t(Msg::ColWho)>{who}</td>
            <td data-label=t(Msg::ColAction)>{Action::parse(&l.action).map_or("", |a| action_label(a, use_lang()))}<br/><code>{l.action}</code></td>
            <td data-label=t(Msg::ColSubject) class="subject">{contest}{subject}{target}</td>
            <td data-label=t(Msg::ColDetail) class="detail">{l.detail}</td>
        </tr>
    }
}

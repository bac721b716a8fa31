//! Judging pages: the judge's queue, the scoring screen (with autosave once hydrated), the
//! invitation page, and the admin's judging dashboard.

use crate::domain::ids::{AgeGroupId, CriterionId, NominationId};
use super::{LoadError, query_flag};
use crate::api::judging::{
    AcceptInvitation, AdminAssign, AdminInviteJudge, AdminRemindJudges, AdminSaveJudgingSettings, AdminSavePanel, AdminSetAssignment,
    JudgeRecuse, JudgeSave, JudgingDashboard, QueueItem, ScoringView, admin_judging, judge_entry, judge_invitation, judge_queue,
};
use crate::components::contest::Localized;
use crate::components::form::{Checkbox, FormError, Notice, SelectField, SubmitButton, TextArea, TextField, field_error, returned};
use crate::components::{t, use_lang};
use crate::domain::contest::FileKind;
use crate::error::{AppError, Field};
use crate::i18n::{Msg, fill};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn queue_state_msg(state: &str) -> Msg {
    match state {
        "submitted" => Msg::JudgeStateSubmitted,
        "draft" => Msg::JudgeStateDraft,
        _ => Msg::JudgeStateLeft,
    }
}

/// A progress bar with its words: `Scored: 3 of 10`.
#[component]
fn Progress(done: u32, total: u32) -> impl IntoView {
    let text = fill(t(Msg::JudgeProgress), &[("done", &done.to_string()), ("total", &total.to_string())]);
    view! {
        <div class="judge-progress">
            <progress max=total.max(1).to_string() value=done.to_string()>{text.clone()}</progress>
            <span class="judge-progress-text">{text}</span>
        </div>
    }
}

#[component]
pub fn JudgeQueuePage() -> impl IntoView {
    let queue = Resource::new_blocking(|| (), |_| judge_queue());
    let filter = use_query_map().with_untracked(|q| q.get("nomination").unwrap_or_default());
    view! {
        <Title text=t(Msg::JudgeQueueTitle)/>
        <h1>{t(Msg::JudgeQueueTitle)}</h1>
        {query_flag("done").then(|| view! { <Notice msg=Msg::JudgeAllDone/> })}
        {query_flag("recused").then(|| view! { <Notice msg=Msg::JudgeRecused/> })}
        <Suspense fallback=|| view! { <p>{t(Msg::Loading)}</p> }>
            {move || {
                let filter = filter.clone();
                Suspend::new(async move {
                    match queue.await {
                        Ok(items) => view! { <Queue items filter/> }.into_any(),
                        Err(e) => view! { <LoadError error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Queue(items: Vec<QueueItem>, filter: String) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="queue-empty">{t(Msg::JudgeQueueEmpty)}</p> }.into_any();
    }
    let lang = use_lang();
    let done = items.iter().filter(|i| i.state == "submitted").count() as u32;
    let total = items.len() as u32;
    let mut noms: Vec<(String, String)> = Vec::new();
    for i in &items {
        let id = i.nomination_id.to_string();
        if !noms.iter().any(|(v, _)| *v == id) {
            noms.push((id, i.nomination.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default()));
        }
    }
    let options: Vec<(String, String)> = std::iter::once((String::new(), t(Msg::AnyOption).to_owned())).chain(noms).collect();
    let shown: Vec<QueueItem> = items.into_iter().filter(|i| filter.is_empty() || i.nomination_id.to_string() == filter).collect();
    let none = Signal::derive(|| None);
    view! {
        <Progress done total/>
        <form method="get" class="filters" action="/judge">
            <SelectField label=Msg::FieldNomination name="nomination" options selected=filter error=none/>
            <button type="submit" class="button">{t(Msg::Filter)}</button>
        </form>
        <ol class="queue">
            {shown.into_iter().map(|i| view! {
                <li class=format!("queue-item state-{}", i.state)>
                    <a href=format!("/judge/{}/{}", i.contest_id, i.code)>
                        <span class="code">{i.code.clone()}</span>" "
                        <span class="queue-title">{i.title.clone()}</span>
                    </a>
                    <span class="hint">" "<Localized text=i.nomination.clone() quiet=true/>" · "{t(queue_state_msg(&i.state))}</span>
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
pub fn ScoringPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| (p.get("contest").unwrap_or_default(), p.get("code").unwrap_or_default()));
    let entry = Resource::new_blocking(key, |(c, code)| judge_entry(c, code));
    view! {
        {loaded!(entry, |v: ScoringView| view! { <Scoring v/> })}
    }
}

#[component]
fn WorkFile(file: crate::api::judging::JudgeFile, index: usize) -> impl IntoView {
    let zoom = format!("zoom-{index}");
    match file.kind {
        FileKind::Image => view! {
            <figure class="work-image">
                <input type="checkbox" class="zoom-toggle" id=zoom.clone()/>
                <label for=zoom title=t(Msg::ZoomHint)><img src=file.url.clone() alt=file.name.clone()/></label>
                <figcaption class="hint">{file.name.clone()}" · "{t(Msg::ZoomHint)}</figcaption>
            </figure>
        }
        .into_any(),
        FileKind::Pdf => view! {
            <div class="work-pdf">
                <object data=file.url.clone() type="application/pdf"><a href=file.url.clone()>{file.name.clone()}</a></object>
                <p class="hint"><a href=file.url.clone()>{file.name.clone()}</a></p>
            </div>
        }
        .into_any(),
        FileKind::Audio => view! { <div><audio controls=true preload="metadata" src=file.url.clone()></audio><p class="hint">{file.name.clone()}</p></div> }.into_any(),
        FileKind::Video => view! { <div><video controls=true preload="metadata" src=file.url.clone()></video><p class="hint">{file.name.clone()}</p></div> }.into_any(),
        FileKind::Document => view! { <p><a class="button" href=file.url.clone()>{t(Msg::DownloadFile)}": "{file.name.clone()}</a></p> }.into_any(),
    }
}

/// What the autosave indicator says.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Idle,
    Saving,
    Saved,
    Offline,
    Stale,
    /// Refused by the server: what it said (judging ended, a wrong value…).
    Failed(AppError),
}

#[component]
fn Scoring(v: ScoringView) -> impl IntoView {
    let action = ServerAction::<JudgeSave>::new();
    let value = Signal::derive(move || action.value().get().map(|r| r.map(|_| ())));
    let recuse = ServerAction::<JudgeRecuse>::new();
    let recuse_value = recuse.value();
    let status = RwSignal::new(SaveStatus::Idle);
    let version = RwSignal::new(v.sheet.as_ref().map_or(0, |s| s.version));
    let lang = use_lang();
    #[cfg(feature = "hydrate")]
    let on_input = {
        let contest = v.contest_id.clone();
        let code = v.code.clone();
        let pending = std::rc::Rc::new(std::cell::Cell::new(0u32));
        move |_| {
            let n = pending.get().wrapping_add(1);
            pending.set(n);
            let (pending, contest, code) = (pending.clone(), contest.clone(), code.clone());
            status.set(SaveStatus::Saving);
            set_timeout(
                move || {
                    if pending.get() == n {
                        autosave::save(contest, code, version, status);
                    }
                },
                std::time::Duration::from_millis(700),
            );
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_input = |_: leptos::ev::Event| {};
    let indicator = move || match status.get() {
        SaveStatus::Idle => String::new(),
        SaveStatus::Saving => t(Msg::ScoreSaving).to_owned(),
        SaveStatus::Saved => t(Msg::ScoreSaved).to_owned(),
        SaveStatus::Offline => t(Msg::ScoreOffline).to_owned(),
        SaveStatus::Stale => Msg::ErrScoreStale.text(lang).to_owned(),
        SaveStatus::Failed(e) => e.message(lang),
    };
    let sheet = v.sheet.clone();
    let submitted = sheet.as_ref().is_some_and(|s| s.submitted);
    // What was typed (a refused plain form), else what is stored.
    let value_of = move |id: CriterionId| returned(&format!("points[c{id}]")).or_else(|| sheet.as_ref().and_then(|s| s.points.get(&id).cloned())).unwrap_or_default();
    let recuse_view = v.open.then(|| {
        let (contest, code) = (v.contest_id.clone(), v.code.clone());
        view! {
            <details class="recuse">
                <summary>{t(Msg::RecuseTitle)}</summary>
                <FormError value=recuse_value/>
                <ActionForm action=recuse attr:class="stack">
                    <input type="hidden" name="contest" value=contest/>
                    <input type="hidden" name="code" value=code/>
                    <TextArea label=Msg::FieldReason name="reason" error=field_error(recuse_value, Field::Reason) rows=2/>
                    <SubmitButton label=Msg::RecuseButton pending=recuse.pending() class="button danger"/>
                </ActionForm>
            </details>
        }
    });
    let points_error = field_error(value, Field::Points);
    let comment = v.sheet.as_ref().map(|s| s.comment.clone()).unwrap_or_default();
    let note = v.sheet.as_ref().map(|s| s.note.clone()).unwrap_or_default();
    view! {
        <Title text=v.code.clone()/>
        <p class="hint"><a href="/judge">{t(Msg::JudgeQueueTitle)}</a>" · "<Localized text=v.contest_title.clone() quiet=true/></p>
        <Progress done=v.done total=v.total/>
        <h1 class="scoring-title"><span class="code">{v.code.clone()}</span>" "{v.title.clone()}</h1>
        <p class="hint"><Localized text=v.nomination.clone() quiet=true/>{v.participant.clone().map(|p| view! { " · "<span class="participant">{p}</span> })}</p>
        {(submitted || query_flag("submitted")).then(|| view! { <Notice msg=Msg::ScoreSubmittedNote/> })}
        {(!submitted && query_flag("saved")).then(|| view! { <Notice msg=Msg::ScoreSaved/> })}
        {(!v.open).then(|| view! { <p class="notice warn">{t(if v.published { Msg::ErrJudgingPublished } else { Msg::ScoreClosedNote })}</p> })}
        <div class="scoring">
            <section class="work" aria-label=t(Msg::FieldFiles)>
                {(!v.description.is_empty()).then(|| view! { <p class="entry-description">{v.description.clone()}</p> })}
                {v.files.iter().cloned().enumerate().map(|(i, f)| view! { <WorkFile file=f index=i/> }).collect_view()}
            </section>
            <section class="rubric-form panel">
                <FormError value/>
                // Input events bubble up to here from every field of the sheet.
                <div on:input=on_input>
                <ActionForm action attr:class="stack" attr:id="score-form" attr:novalidate="">
                    <input type="hidden" name="contest" value=v.contest_id.clone()/>
                    <input type="hidden" name="code" value=v.code.clone()/>
                    // An attribute, not a property: the server renders it, so the form posts the version
                    // without JavaScript too; a hidden input's value follows its attribute.
                    <input type="hidden" name="version" value=move || version.get().to_string()/>
                    <p class="field-error" id="points-error" role="alert" hidden=move || points_error.get().is_none()>
                        {move || points_error.get().map(t)}
                    </p>
                    {v.criteria.iter().map(|k| {
                        let id = format!("points-{}", k.id);
                        let step = if k.rules.half_points { "0.5" } else { "1" };
                        view! {
                            <div class="field criterion-field">
                                <label for=id.clone()><Localized text=k.name.clone() quiet=true/>" "<span class="hint">{fill(t(Msg::ScoreOutOf), &[("max", &k.rules.max_points.to_string())])}</span></label>
                                {(!k.description.is_empty()).then(|| view! { <Localized text=k.description.clone() tag="p" class="hint" quiet=true/> })}
                                // Text, not `number`: a number input drops `7,5` (how Kazakh and
                                // Russian write 7.5) before the server sees it.
                                <input
                                    type="text"
                                    inputmode="decimal"
                                    autocomplete="off"
                                    id=id
                                    name=format!("points[c{}]", k.id)
                                    data-max=k.rules.max_points.to_string()
                                    data-step=step
                                    value=value_of(k.id)
                                    disabled=!v.open
                                />
                            </div>
                        }
                    }).collect_view()}
                    <TextArea label=Msg::ScoreComment name="comment" value=comment error=field_error(value, Field::Comment) rows=3/>
                    <TextArea label=Msg::ScoreNote name="note" value=note error=field_error(value, Field::Comment) rows=2/>
                    <p class="save-status" role="status" aria-live="polite">{indicator}</p>
                    {v.open.then(|| view! {
                        <div class="score-buttons">
                            <button type="submit" name="action" value="next" class="button primary">{t(Msg::ScoreSubmitNext)}</button>
                            <button type="submit" name="action" value="submit" class="button">{t(Msg::ScoreSubmit)}</button>
                            <button type="submit" name="action" value="" class="button">{t(Msg::ScoreSave)}</button>
                        </div>
                        <p class="hint">{t(Msg::ScoreKeysHint)}</p>
                    })}
                </ActionForm>
                </div>
                {(!v.colleagues.is_empty()).then(|| view! {
                    <p class="hint colleagues">{t(Msg::ScoreColleagues)}": "{v.colleagues.iter().map(|x| format!("{x:.1}")).collect::<Vec<_>>().join(", ")}</p>
                })}
                {recuse_view}
            </section>
        </div>
    }
}

/// After the `tries`-th failed autosave (from 0): how long to wait before the next, or
/// `None` to stop and show the error. A lost connection is waited out (3, 6, 12, 24, then
/// every 48 s); a server error is tried twice more; anything else is final.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(crate) fn retry_after(error: &AppError, tries: u32) -> Option<std::time::Duration> {
    match error {
        AppError::Network => Some(std::time::Duration::from_secs(3 << tries.min(4))),
        AppError::Internal if tries < 2 => Some(std::time::Duration::from_secs(3)),
        _ => None,
    }
}

#[cfg(feature = "hydrate")]
mod autosave {
    use super::SaveStatus;
    use crate::api::judging::{ScoreForm, judge_save};
    use crate::error::AppError;
    use crate::i18n::Msg;
    use leptos::prelude::*;
    use std::collections::HashMap;
    use wasm_bindgen::JsCast;

    /// Saves the form as a draft (not submitted), then keeps the version. A lost connection
    /// retries after 3, 6, 12, 24, then every 48 seconds; a server error twice more, then
    /// says so and stops; a stale version or a refusal says so at once.
    pub fn save(contest: String, code: String, version: RwSignal<i64>, status: RwSignal<SaveStatus>) {
        attempt(contest, code, version, status, 0);
    }

    fn attempt(contest: String, code: String, version: RwSignal<i64>, status: RwSignal<SaveStatus>, tries: u32) {
        let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("score-form"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let Ok(data) = web_sys::FormData::new_with_form(&el) else { return };
        let mut points = HashMap::new();
        let mut comment = String::new();
        let mut note = String::new();
        let entries = js_sys::try_iter(&data).ok().flatten();
        for pair in entries.into_iter().flatten().flatten() {
            let pair: js_sys::Array = pair.unchecked_into();
            let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) else { continue };
            if let Some(id) = k.strip_prefix("points[").and_then(|r| r.strip_suffix(']')) {
                points.insert(id.to_owned(), v);
            } else if k == "comment" {
                comment = v;
            } else if k == "note" {
                note = v;
            }
        }
        leptos::task::spawn_local(async move {
            let form = ScoreForm { contest: contest.clone(), code: code.clone(), version: version.get_untracked().to_string(), points, comment, note, action: String::new() };
            match judge_save(form).await {
                Ok(answer) => {
                    version.set(answer.version);
                    status.set(SaveStatus::Saved);
                }
                Err(AppError::Conflict(Msg::ErrScoreStale)) => status.set(SaveStatus::Stale),
                Err(e) => match super::retry_after(&e, tries) {
                    Some(wait) => {
                        status.set(SaveStatus::Offline);
                        set_timeout(move || attempt(contest, code, version, status, tries + 1), wait);
                    }
                    None => status.set(SaveStatus::Failed(e)),
                },
            }
        });
    }
}

#[component]
pub fn JoinPage() -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let tok = token.clone();
    let inv = Resource::new_blocking(move || tok.clone(), judge_invitation);
    let action = ServerAction::<AcceptInvitation>::new();
    let value = action.value();
    view! {
        <Title text=t(Msg::JoinTitle)/>
        <h1>{t(Msg::JoinTitle)}</h1>
        <Suspense fallback=|| view! { <p>{t(Msg::Loading)}</p> }>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match inv.await {
                        Ok(i) => view! {
                            <Localized text=i.contest_title.clone() tag="p" class="lead" quiet=true/>
                            <p>{fill(t(if i.existing_account { Msg::JoinExisting } else { Msg::JoinNew }), &[("email", &i.email)])}</p>
                            <FormError value/>
                            <ActionForm action attr:class="stack" attr:novalidate="">
                                <input type="hidden" name="token" value=token/>
                                {if i.existing_account {
                                    view! { <input type="hidden" name="display_name" value=""/> }.into_any()
                                } else {
                                    view! { <TextField label=Msg::FieldDisplayName name="display_name" autocomplete="name" error=field_error(value, Field::DisplayName)/> }.into_any()
                                }}
                                <TextField label=Msg::FieldPassword name="password" kind="password" autocomplete=if i.existing_account { "current-password" } else { "new-password" } error=field_error(value, Field::Password)/>
                                <SubmitButton label=Msg::JoinButton pending=action.pending()/>
                            </ActionForm>
                        }
                        .into_any(),
                        Err(e) => view! { <LoadError error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn JudgingDashboardPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new_blocking(id, admin_judging);
    view! {
        <Title text=t(Msg::JudgingTitle)/>
        {loaded!(errors_in_place: data, |d: JudgingDashboard| view! { <Dashboard d/> })}
    }
}

/// Totals of one judge on a 0–100 line: a dot per sheet, a bar at the mean.
#[component]
fn TotalsChart(totals: Vec<f64>, mean: f64) -> impl IntoView {
    let x = |v: f64| format!("{:.1}", 4.0 + v.clamp(0.0, 100.0) * 1.92);
    view! {
        <svg class="totals-chart" viewBox="0 0 200 24" width="200" height="24" role="img" aria-label=format!("{mean:.1}%")>
            <line x1="4" y1="12" x2="196" y2="12" class="axis"/>
            {totals.iter().map(|v| view! { <circle cx=x(*v) cy="12" r="3" class="dot"/> }).collect_view()}
            {(!totals.is_empty()).then(|| view! { <line x1=x(mean) y1="3" x2=x(mean) y2="21" class="mean"/> })}
        </svg>
    }
}

#[component]
fn Dashboard(d: JudgingDashboard) -> impl IntoView {
    let lang = use_lang();
    let cid = d.contest.summary.public_id.clone();
    let settings = ServerAction::<AdminSaveJudgingSettings>::new();
    let invite = ServerAction::<AdminInviteJudge>::new();
    let invite_value = invite.value();
    let assign = ServerAction::<AdminAssign>::new();
    let remind = ServerAction::<AdminRemindJudges>::new();
    let manual = ServerAction::<AdminSetAssignment>::new();
    let manual_value = manual.value();
    let none = Signal::derive(|| None);
    let judge_options: Vec<(String, String)> = d.judges.iter().map(|j| (j.id.to_string(), j.name.clone())).collect();
    let name_of = |l: &crate::domain::contest::LocalText| l.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default();
    let saved = use_query_map().with_untracked(|q| q.get("saved")).is_some();
    let panels_list = d.panels.clone();
    let judges_list = d.judges.clone();
    let age_groups: Vec<(AgeGroupId, String)> = d.contest.age_groups.iter().map(|g| (g.id, name_of(&g.name))).collect();
    let panels_view = d.contest.nominations.clone().into_iter().map(|n| {
        // The nomination-wide panel, then one per age group that has its own.
        let mine: Vec<crate::api::judging::PanelView> = panels_list.iter().filter(|p| p.nomination_id == n.id).cloned().collect();
        let mut scopes: Vec<Option<AgeGroupId>> = vec![None];
        scopes.extend(mine.iter().filter(|p| p.age_group_id.is_some()).map(|p| p.age_group_id));
        let editors = scopes
            .into_iter()
            .map(|g| {
                let panel = mine.iter().find(|p| p.age_group_id == g).cloned();
                let label = g.and_then(|g| age_groups.iter().find(|(id, _)| *id == g)).map(|(_, name)| name.clone()).unwrap_or_else(|| t(Msg::AllAgeGroups).to_owned());
                view! { <PanelEditor contest=cid.clone() nomination=n.id age_group=g label panel judges=judges_list.clone() groups=Vec::new()/> }
            })
            .collect_view();
        let free: Vec<(AgeGroupId, String)> = age_groups.iter().filter(|(id, _)| !mine.iter().any(|p| p.age_group_id == Some(*id))).cloned().collect();
        let add = (!free.is_empty()).then(|| {
            view! {
                <details class="add-panel">
                    <summary>{t(Msg::PanelForAgeGroup)}</summary>
                    <PanelEditor contest=cid.clone() nomination=n.id age_group=None label=String::new() panel=None judges=judges_list.clone() groups=free/>
                </details>
            }
        });
        view! {
            <div class="subpanel" id=format!("panel-{}", n.id)>
                <h3><Localized text=n.name.clone() quiet=true/></h3>
                {editors}
                {add}
            </div>
        }
    }).collect_view();

    let cid1 = cid.clone();
    let cid2 = cid.clone();
    let cid3 = cid.clone();
    let cid4 = cid.clone();
    let cid5 = cid.clone();
    let contest_href = format!("/admin/contests/{cid}");
    let entries_href = format!("/admin/contests/{cid}/entries");
    view! {
        <p class="hint"><a href=contest_href>{name_of(&d.contest.summary.title)}</a>" · "<a href=entries_href>{t(Msg::EntriesTitle)}</a></p>
        <h1>{t(Msg::JudgingTitle)}</h1>
        {saved.then(|| view! { <Notice msg=Msg::AdminSaved/> })}

        <section class="panel" id="progress">
            <h2>{t(Msg::ProgressTitle)}</h2>
            <ul class="nomination-progress">
                {d.nominations.iter().map(|n| view! {
                    <li>
                        <Localized text=n.nomination.clone() quiet=true/>": "
                        <progress max=n.sheets_assigned.max(1).to_string() value=n.sheets_submitted.to_string()></progress>" "
                        <span class="hint">{format!("{} / {}", n.sheets_submitted, n.sheets_assigned)}</span>
                    </li>
                }).collect_view()}
            </ul>
            <ActionForm action=assign attr:class="inline-form">
                <input type="hidden" name="contest" value=cid1/>
                <button type="submit" class="button primary" id="assign-button">{t(Msg::AssignButton)}</button>
            </ActionForm>
            <p class="hint">{t(Msg::AssignHint)}</p>
            <ActionForm action=remind attr:class="inline-form">
                <input type="hidden" name="contest" value=cid2/>
                <button type="submit" class="button">{t(Msg::RemindButton)}</button>
            </ActionForm>
        </section>

        <section class="panel" id="stats">
            <h2>{t(Msg::StatsTitle)}</h2>
            <ul class="judge-stats">
                {d.stats.iter().map(|s| view! {
                    <li class="judge-stat">
                        <strong>{s.judge.name.clone()}</strong>" "
                        <span class="hint stat-line">{fill(t(Msg::StatsLine), &[
                            ("submitted", &s.submitted.to_string()),
                            ("assigned", &s.assigned.to_string()),
                            ("mean", &format!("{:.1}", s.mean)),
                            ("sd", &format!("{:.1}", s.sd)),
                        ])}</span>
                        <TotalsChart totals=s.totals.clone() mean=s.mean/>
                    </li>
                }).collect_view()}
            </ul>
        </section>

        <section class="panel" id="flags">
            <h2>{t(Msg::LowCoverageTitle)}</h2>
            <FlagList flags=d.low_coverage.clone()/>
            <h2>{fill(t(Msg::DisagreementTitle), &[])}" (> "{d.disagreement_pct}"%)"</h2>
            <FlagList flags=d.disagreements.clone()/>
            <h2>{t(Msg::ConflictsTitle)}</h2>
            {if d.conflicts.is_empty() { view! { <p class="hint">{t(Msg::NoneYet)}</p> }.into_any() } else {
                view! {
                    <ul class="conflicts">
                        {d.conflicts.iter().map(|c| {
                            let kind = if c.recused { fill(t(Msg::ConflictRecused), &[("reason", &c.kind)]) } else {
                                t(match c.kind.as_str() { "own" => Msg::ConflictOwn, "organisation" => Msg::ConflictOrganisation, _ => Msg::ConflictSupervisor }).to_owned()
                            };
                            view! { <li><span class="code">{c.code.clone()}</span>" · "{c.judge.clone()}" · "{kind}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section class="panel" id="judges">
            <h2>{t(Msg::JudgesTitle)}</h2>
            <ul class="judges">
                {d.judges.iter().map(|j| view! { <li>{j.name.clone()}" · "{j.email.clone()}{(!j.organisation.is_empty()).then(|| format!(" · {}", j.organisation))}</li> }).collect_view()}
                {d.invitations.iter().map(|(e, o)| view! { <li class="hint">{e.clone()}" · "{o.clone()}" …"</li> }).collect_view()}
            </ul>
            <h3>{t(Msg::InviteJudge)}</h3>
            <FormError value=invite_value/>
            <ActionForm action=invite attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=cid3/>
                <TextField label=Msg::FieldEmail name="email" id="invite-email" kind="email" error=field_error(invite_value, Field::Email)/>
                <TextField label=Msg::FieldOrganisation name="organisation" id="invite-organisation" required=false error=field_error(invite_value, Field::Organisation)/>
                <SubmitButton label=Msg::InviteJudge pending=invite.pending()/>
            </ActionForm>
        </section>

        <section class="panel" id="panels">
            <h2>{t(Msg::PanelsTitle)}</h2>
            {panels_view}
        </section>

        <section class="panel" id="assign">
            <h2>{t(Msg::ManualAssign)}</h2>
            <FormError value=manual_value/>
            <ActionForm action=manual attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=cid4/>
                <TextField label=Msg::ScoreCode name="code" id="manual-code" error=field_error(manual_value, Field::Code)/>
                <SelectField label=Msg::JudgesTitle name="judge" id="manual-judge" options=judge_options selected=String::new() error=none/>
                <div class="score-buttons">
                    <button type="submit" name="on" value="1" class="button">{t(Msg::AssignAdd)}</button>
                    <button type="submit" name="on" value="0" class="button danger">{t(Msg::AssignRemove)}</button>
                </div>
            </ActionForm>
        </section>

        <section class="panel" id="settings">
            <h2>{t(Msg::JudgingSettings)}</h2>
            <ActionForm action=settings attr:class="stack">
                <input type="hidden" name="contest" value=cid5/>
                <Checkbox label=Msg::FieldBlind name="blind" checked=d.blind/>
                <Checkbox label=Msg::FieldSeeColleagues name="see_colleagues" checked=d.see_colleagues/>
                <TextField label=Msg::FieldDisagreement name="disagreement_pct" kind="number" value=d.disagreement_pct.to_string() error=none/>
                <SubmitButton label=Msg::AdminSave pending=settings.pending()/>
            </ActionForm>
        </section>
    }
}

/// The form for one panel: a nomination, and an age group or all of them. With `groups`,
/// it is a new panel and the age group is chosen from them.
#[component]
fn PanelEditor(
    contest: String,
    nomination: NominationId,
    age_group: Option<AgeGroupId>,
    label: String,
    panel: Option<crate::api::judging::PanelView>,
    judges: Vec<crate::api::judging::JudgeView>,
    groups: Vec<(AgeGroupId, String)>,
) -> impl IntoView {
    let save = ServerAction::<AdminSavePanel>::new();
    let sv = save.value();
    let balanced = panel.as_ref().is_some_and(|p| p.balanced);
    let k = panel.as_ref().map_or(3, |p| p.k).to_string();
    let members = panel.as_ref().map(|p| p.judges.clone()).unwrap_or_default();
    let pid = format!("panel-{nomination}-{}", if groups.is_empty() { age_group.map_or("all".to_owned(), |g| g.to_string()) } else { "new".to_owned() });
    let (all_id, bal_id, k_id) = (format!("{pid}-all"), format!("{pid}-balanced"), format!("{pid}-k"));
    let none = Signal::derive(|| None);
    let scope = if groups.is_empty() {
        view! {
            <h4>{label}</h4>
            <input type="hidden" name="age_group" value=age_group.map(|g| g.to_string()).unwrap_or_default()/>
        }
        .into_any()
    } else {
        let options: Vec<(String, String)> = groups.iter().map(|(id, name)| (id.to_string(), name.clone())).collect();
        view! { <SelectField label=Msg::FieldAgeGroup name="age_group" id=format!("{pid}-group") options selected=String::new() error=none/> }.into_any()
    };
    view! {
        <FormError value=sv/>
        <ActionForm action=save attr:class="stack panel-form">
            <input type="hidden" name="contest" value=contest/>
            <input type="hidden" name="nomination" value=nomination.to_string()/>
            {scope}
            <fieldset class="field">
                <legend>{t(Msg::FieldMode)}</legend>
                <div class="check"><input type="radio" name="mode" value="all" id=all_id.clone() checked=!balanced/><label for=all_id>{t(Msg::PanelModeAll)}</label></div>
                <div class="check"><input type="radio" name="mode" value="balanced" id=bal_id.clone() checked=balanced/><label for=bal_id>{t(Msg::PanelModeBalanced)}</label></div>
            </fieldset>
            <TextField label=Msg::FieldK name="k" id=k_id kind="number" value=k error=field_error(sv, Field::K)/>
            <fieldset class="field">
                <legend>{t(Msg::JudgesTitle)}</legend>
                {judges.iter().map(|j| {
                    let jid = format!("{pid}-judge-{}", j.id);
                    view! {
                        <div class="check">
                            <input type="checkbox" name="judges[]" value=j.id.to_string() id=jid.clone() checked=members.contains(&j.id)/>
                            <label for=jid>{j.name.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <SubmitButton label=Msg::SavePanel pending=save.pending()/>
        </ActionForm>
    }
}

#[component]
fn FlagList(flags: Vec<crate::api::judging::EntryFlag>) -> impl IntoView {
    if flags.is_empty() {
        return view! { <p class="hint">{t(Msg::NoneYet)}</p> }.into_any();
    }
    view! {
        <ul class="flags">
            {flags.into_iter().map(|f| view! {
                <li>
                    <span class="code">{f.code.clone()}</span>" "{f.title.clone()}" · "
                    {fill(t(Msg::FlagLine), &[("done", &f.submitted.to_string()), ("wanted", &f.wanted.to_string())])}
                    {(!f.totals.is_empty()).then(|| format!(" · {}", f.totals.iter().map(|x| format!("{x:.0}%")).collect::<Vec<_>>().join(" / ")))}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::retry_after;
    use crate::error::AppError;
    use crate::i18n::Msg;
    use std::time::Duration;

    #[test]
    fn autosave_waits_out_a_lost_connection_but_not_a_broken_server() {
        let waits: Vec<u64> = (0..7).map(|n| retry_after(&AppError::Network, n).map_or(0, |d| d.as_secs())).collect();
        assert_eq!(waits, [3, 6, 12, 24, 48, 48, 48]);
        assert_eq!(retry_after(&AppError::Internal, 0), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(&AppError::Internal, 1), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(&AppError::Internal, 2), None);
        assert_eq!(retry_after(&AppError::Refused(Msg::ErrJudgingClosed), 0), None);
        assert_eq!(retry_after(&AppError::Forbidden, 0), None);
    }
}

//! The judge's pages: the queue, the scoring screen (with autosave once hydrated) and the
//! invitation page. The admin's judging dashboard is `admin_judging`.

use super::{LoadError, query_flag};
use crate::api::judging::{AcceptInvitation, JudgeRecuse, JudgeSave, QueueItem, ScoringView, judge_entry, judge_invitation, judge_queue};
use crate::components::contest::{Localized, PageScript};
use crate::components::form::{FormError, Notice, SelectField, SubmitButton, TextArea, TextField, field_error, returned};
use crate::components::{t, use_lang};
use crate::domain::ids::CriterionId;
use crate::domain::judging::parse_points;
use crate::domain::results::{Criterion, Micro, format_score, judge_total};
use crate::error::{AppError, Field};
use crate::i18n::{Msg, Plural, fill};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::HashMap;

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
    let calibration = Resource::new_blocking(|| (), |_| crate::api::calibration::judge_calibration());
    let filter = use_query_map().with_untracked(|q| QueueFilter { nomination: q.get("nomination").unwrap_or_default(), state: q.get("state").unwrap_or_default() });
    view! {
        <Title text=t(Msg::JudgeQueueTitle)/>
        <h1>{t(Msg::JudgeQueueTitle)}</h1>
        {query_flag("done").then(|| view! { <Notice msg=Msg::JudgeAllDone/> })}
        {query_flag("recused").then(|| view! { <Notice msg=Msg::JudgeRecused/> })}
        <Suspense fallback=|| view! { <p>{t(Msg::Loading)}</p> }>
            {move || {
                let filter = filter.clone();
                Suspend::new(async move {
                    let todo = calibration.await.unwrap_or_default();
                    match queue.await {
                        Ok(items) => view! { <super::calibration::CalibrationTodoList todo/><Queue items filter/><PageScript code=OFFLINE_JS/> }.into_any(),
                        Err(e) => view! { <LoadError error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// What the queue is narrowed to: a nomination's id and a state (`left`, `draft`,
/// `submitted`), each empty for any.
#[derive(Clone, Default)]
struct QueueFilter {
    nomination: String,
    state: String,
}

impl QueueFilter {
    fn nomination_allows(&self, i: &QueueItem) -> bool {
        self.nomination.is_empty() || i.nomination_id.to_string() == self.nomination
    }

    fn allows(&self, i: &QueueItem) -> bool {
        self.nomination_allows(i) && (self.state.is_empty() || i.state == self.state)
    }
}

#[component]
fn Queue(items: Vec<QueueItem>, filter: QueueFilter) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="queue-empty">{t(Msg::JudgeQueueEmpty)}</p> }.into_any();
    }
    let lang = use_lang();
    let done = crate::domain::count(items.iter().filter(|i| i.state == "submitted").count());
    let total = crate::domain::count(items.len());
    let mut noms: Vec<(String, String)> = Vec::new();
    for i in &items {
        let id = i.nomination_id.to_string();
        if !noms.iter().any(|(v, _)| *v == id) {
            noms.push((id, i.nomination.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default()));
        }
    }
    let any = || (String::new(), t(Msg::AnyOption).to_owned());
    let options: Vec<(String, String)> = std::iter::once(any()).chain(noms).collect();
    let states: Vec<(String, String)> =
        std::iter::once(any()).chain(["left", "draft", "submitted"].map(|s| (s.to_owned(), t(queue_state_msg(s)).to_owned()))).collect();
    // In the judge's order, within the chosen nomination: the first work not submitted yet.
    let next = items.iter().find(|i| i.state != "submitted" && filter.nomination_allows(i)).map(|i| format!("/judge/{}/{}", i.contest_id, i.code));
    let shown: Vec<QueueItem> = items.into_iter().filter(|i| filter.allows(i)).collect();
    let none = Signal::derive(|| None);
    view! {
        <Progress done total/>
        {next.map(|href| view! { <p><a class="button primary next-unscored" href=href>{t(Msg::JudgeNextUnscored)}" →"</a></p> })}
        <form method="get" class="filters" action="/judge">
            <SelectField label=Msg::FieldNomination name="nomination" options selected=filter.nomination.clone() error=none/>
            <SelectField label=Msg::FieldState name="state" options=states selected=filter.state.clone() error=none/>
            <button type="submit" class="button">{t(Msg::Filter)}</button>
        </form>
        {shown.is_empty().then(|| view! { <p class="queue-empty">{t(Msg::JudgeQueueNoneShown)}</p> })}
        <ol class="queue">
            {shown.into_iter().map(|i| view! {
                <li class=format!("queue-item state-{}", i.state)>
                    <a href=format!("/judge/{}/{}", i.contest_id, i.code)>
                        <span class="code">{i.code.clone()}</span>" "
                        <span class="queue-title">{i.title.clone()}</span>
                    </a>
                    <span class="queue-nomination hint"><Localized text=i.nomination.clone() quiet=true/></span>
                    <span class="queue-state">{t(queue_state_msg(&i.state))}</span>
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

/// What the autosave indicator says.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Idle,
    Saving,
    Saved,
    /// No connection: this many changes are queued in the browser, to be sent in order.
    Offline(usize),
    Stale,
    /// Saved, except the points marked on the form (not allowed, so not written).
    Invalid,
    /// Refused by the server: what it said (judging ended, a wrong value…).
    Failed(AppError),
}

/// The sheet as typed so far, field by field: what the autosave sends. Each field writes its
/// own signal as it is typed; the form itself still posts what the page shows (JavaScript off).
#[derive(Clone, Copy)]
struct Draft {
    /// Criterion key (`c12`, as in the form's `points[c12]`) → the points as typed.
    points: RwSignal<HashMap<String, String>>,
    comment: RwSignal<String>,
    note: RwSignal<String>,
    /// The criteria whose typed points the server did not allow, with why: marked on the form.
    marks: RwSignal<Vec<crate::error::FieldError>>,
}

/// What the scoring form starts from, worked out on the server (what a refused plain form
/// posted, else what is stored) and handed to the [`ScoringForm`] island as its props.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SheetForm {
    contest: String,
    code: String,
    open: bool,
    version: i64,
    /// Each criterion with the points its field shows.
    criteria: Vec<(crate::view::contests::CriterionView, String)>,
    comment: String,
    note: String,
    /// Why the last plain (JavaScript-less) post of this form was refused.
    refused: Option<AppError>,
}

/// The weighted total of a sheet as typed (criterion key `c12` → points), counting the
/// criteria whose points are allowed, and how many those are.
fn running_total(criteria: &[crate::view::contests::CriterionView], typed: &HashMap<String, String>) -> (Micro, usize) {
    let halves: Vec<(CriterionId, u32)> = criteria
        .iter()
        .filter_map(|k| {
            let raw = typed.get(&format!("c{}", k.id))?;
            parse_points(raw, k.rules.max_points, k.rules.half_points).ok().map(|h| (k.id, h))
        })
        .collect();
    let rubric: Vec<Criterion> = criteria.iter().map(|k| Criterion { id: k.id, max_points: k.rules.max_points, weight: k.rules.weight }).collect();
    (judge_total(&rubric, &halves), halves.len())
}

#[component]
fn Scoring(v: ScoringView) -> impl IntoView {
    let sheet = v.sheet.clone();
    let submitted = sheet.as_ref().is_some_and(|s| s.submitted);
    let refused = ServerAction::<JudgeSave>::new().value().get_untracked().and_then(Result::err);
    let form = SheetForm {
        contest: v.contest_id.clone(),
        code: v.code.clone(),
        open: v.open,
        version: sheet.as_ref().map_or(0, |s| s.version),
        criteria: v
            .criteria
            .iter()
            .map(|k| {
                let points = returned(&format!("points[c{}]", k.id)).or_else(|| sheet.as_ref().and_then(|s| s.points.get(&k.id).cloned()));
                (k.clone(), points.unwrap_or_default())
            })
            .collect(),
        comment: returned("comment").or_else(|| sheet.as_ref().map(|s| s.comment.clone())).unwrap_or_default(),
        note: returned("note").or_else(|| sheet.as_ref().map(|s| s.note.clone())).unwrap_or_default(),
        refused,
    };
    let recuse = v.open.then(|| view! { <RecuseForm contest=v.contest_id.clone() code=v.code.clone()/> });
    view! {
        <Title text=v.code.clone()/>
        <p class="hint scoring-nav">
            <span><a href="/judge">{t(Msg::JudgeQueueTitle)}</a>" · "<Localized text=v.contest_title.clone() quiet=true/></span>
            {v.next.clone().map(|code| view! { <a class="next-link" href=format!("/judge/{}/{code}", v.contest_id)>{t(Msg::JudgeNextUnscored)}" →"</a> })}
        </p>
        <Progress done=v.done total=v.total/>
        <h1 class="scoring-title"><span class="code">{v.code.clone()}</span>" "{v.title.clone()}</h1>
        <p class="hint"><Localized text=v.nomination.clone() quiet=true/>{v.participant.clone().map(|p| view! { " · "<span class="participant">{p}</span> })}</p>
        {(submitted || query_flag("submitted")).then(|| view! { <Notice msg=Msg::ScoreSubmittedNote/> })}
        {(!submitted && query_flag("saved")).then(|| view! { <Notice msg=Msg::ScoreSaved/> })}
        {(!v.open).then(|| view! { <p class="notice warn">{t(if v.published { Msg::ErrJudgingPublished } else { Msg::ScoreClosedNote })}</p> })}
        <div class="scoring">
            <section class="work" aria-label=t(Msg::FieldFiles)>
                {(!v.description.is_empty()).then(|| view! { <p class="entry-description">{v.description.clone()}</p> })}
                {(!v.answers.is_empty()).then(|| view! { <super::questions::JudgeAnswers answers=v.answers.clone()/> })}
                {v.files.is_empty().then(|| view! { <p class="work-empty">{t(Msg::WorkNoFiles)}</p> })}
                {v.files.iter().cloned().enumerate().map(|(i, f)| view! { <crate::components::work::WorkFile file=f index=i/> }).collect_view()}
            </section>
            <section class="rubric-form panel">
                <RunningTotal criteria=form.criteria.clone()/>
                <ScoringForm form/>
                {(!v.colleagues.is_empty()).then(|| view! {
                    <p class="hint colleagues">{t(Msg::ScoreColleagues)}": "{v.colleagues.iter().map(|x| crate::i18n::decimal(*x, 1, use_lang())).collect::<Vec<_>>().join("; ")}</p>
                })}
                {recuse}
            </section>
        </div>
        <PageScript code=OFFLINE_JS/>
        <PageScript code=SCORING_JS/>
    }
}

/// The sheet's weighted total as the page opens, worked out here, with what `SCORING_JS`
/// needs to keep it current as points change: the sentences in the reader's language and
/// its decimal mark.
#[component]
fn RunningTotal(criteria: Vec<(crate::view::contests::CriterionView, String)>) -> impl IntoView {
    let lang = use_lang();
    let all = criteria.len().to_string();
    let rubric: Vec<crate::view::contests::CriterionView> = criteria.iter().map(|(k, _)| k.clone()).collect();
    let typed: HashMap<String, String> = criteria.into_iter().map(|(k, p)| (format!("c{}", k.id), p)).collect();
    let (total, filled) = running_total(&rubric, &typed);
    let (line, partial) = if filled == 0 {
        (t(Msg::ScoreTotalNone).to_owned(), String::new())
    } else {
        let percent = format!("{}\u{a0}%", crate::i18n::decimal_text(&format_score(total), lang));
        let partial = if filled.to_string() == all { String::new() } else { fill(t(Msg::ScoreTotalPartial), &[("filled", &filled.to_string()), ("all", &all)]) };
        (fill(t(Msg::ScoreTotal), &[("total", &percent)]), partial)
    };
    view! {
        <p
            class="running-total"
            data-total=t(Msg::ScoreTotal)
            data-partial=t(Msg::ScoreTotalPartial)
            data-none=t(Msg::ScoreTotalNone)
            data-decimal=if lang == crate::i18n::Lang::En { "." } else { "," }
        >
            <strong>{line}</strong>
            <span class="hint">{partial}</span>
        </p>
    }
}

/// On the scoring page, for each open criterion: a button for each whole point up to 12
/// (a slider above), out of the tab order and hidden from screen readers, whose users have
/// the field itself; ↑ and ↓ in the field step by the criterion's step, within 0 … max. Both
/// put the points into the field as typing would (an `input` event, which the autosave
/// follows). And the running total, worded as `RunningTotal` words it, kept current (on
/// each change, and every second for values put back without one: the autosave's restore)
/// (`parse_points` and `judge_total` in floating point: for the eye; the server's figures
/// are exact). Plain code in the page rather than in the form's island: it works while the
/// island's code is still on its way to a slow phone, and adds nothing to that download.
const SCORING_JS: &str = "(() => {\
const form = document.getElementById('score-form');\
const box = document.querySelector('.running-total');\
if (!form || !box) { return; }\
const fields = [...form.querySelectorAll('input[data-max]')];\
const halves = (f) => {\
const m = /^(\\d{1,3})(?:[.,](0+|50*))?$/.exec(f.value.trim());\
if (!m) { return null; }\
const h = 2 * Number(m[1]) + (m[2] ? Number(m[2][0] === '5') : 0);\
if (h > 2 * Number(f.dataset.max)) { return null; }\
return h % 2 === 0 || f.dataset.step === '0.5' ? h : null;\
};\
const put = (f, h) => {\
f.value = h % 2 ? `${(h - 1) / 2}.5` : `${h / 2}`;\
f.dispatchEvent(new Event('input', { bubbles: true }));\
};\
const show = () => {\
let sum = 0, weights = 0, filled = 0;\
for (const f of fields) {\
const w = Number(f.dataset.weight), h = halves(f), picker = f.parentElement.querySelector('.picker');\
weights += w;\
if (h !== null) { filled += 1; sum += w * h / (2 * Number(f.dataset.max)); }\
if (picker ? picker.tagName === 'DIV' : false) { for (const b of picker.children) { b.classList.toggle('chosen', Number(b.value) === h); } }\
if (picker ? picker.tagName === 'INPUT' : false) { if (h !== null) { picker.value = h / 2; } }\
}\
const d = box.dataset, [line, hint] = box.children;\
if (!filled) { line.textContent = d.none; hint.textContent = ''; return; }\
const total = String(Math.round(sum / weights * 10000) / 100).replace('.', d.decimal);\
line.textContent = d.total.replace('{total}', total + '\u{a0}%');\
hint.textContent = filled === fields.length ? '' : d.partial.replace('{filled}', filled).replace('{all}', fields.length);\
};\
const picker = (f, max, half) => {\
let p;\
if (12 >= max) {\
p = document.createElement('div');\
for (let n = 0; max >= n; n += 1) {\
const b = document.createElement('button');\
b.type = 'button'; b.tabIndex = -1; b.value = 2 * n; b.textContent = n;\
b.addEventListener('click', () => put(f, 2 * n));\
p.append(b);\
}\
} else {\
p = document.createElement('input');\
p.type = 'range'; p.min = 0; p.max = max; p.step = half ? 0.5 : 1; p.tabIndex = -1;\
p.classList.add('picker-slider');\
p.addEventListener('input', () => put(f, Math.round(Number(p.value) * 2)));\
}\
p.classList.add('picker');\
p.setAttribute('aria-hidden', 'true');\
f.parentElement.append(p);\
};\
for (const f of fields) {\
f.addEventListener('input', show);\
if (f.disabled) { continue; }\
const max = Number(f.dataset.max), half = f.dataset.step === '0.5';\
picker(f, max, half);\
f.addEventListener('keydown', (e) => {\
if (!['ArrowUp', 'ArrowDown'].includes(e.key)) { return; }\
e.preventDefault();\
const h = halves(f), one = half ? 1 : 2;\
put(f, h === null ? 0 : Math.max(0, Math.min(2 * max, h + (e.key === 'ArrowUp' ? one : -one))));\
});\
}\
show();\
setInterval(show, 1000);\
})();";

/// On the judge's pages: the service worker (`public/sw.js`) that keeps the queue, the
/// scoring pages, their code and the files opened for a lost connection, told what this page
/// loaded once it is interactive (it answers with `<body data-offline=kept>`); and
/// `window.baiqauSheets`, the IndexedDB store where the scoring form keeps changes not sent
/// yet (see `autosave`).
const OFFLINE_JS: &str = "(() => {\
const base = () => new Promise((done, failed) => {\
const open = indexedDB.open('baiqau', 1);\
open.onupgradeneeded = () => open.result.createObjectStore('sheets');\
open.onsuccess = () => done(open.result);\
open.onerror = () => failed(open.error);\
});\
const run = (mode, work) => base().then((db) => new Promise((done, failed) => {\
const tx = db.transaction('sheets', mode);\
const request = work(tx.objectStore('sheets'));\
tx.oncomplete = () => { db.close(); done(request.result); };\
tx.onabort = () => { db.close(); failed(tx.error); };\
}));\
window.baiqauSheets = {\
get: (key) => run('readonly', (store) => store.get(key)),\
put: (key, json) => run('readwrite', (store) => store.put(json, key)),\
};\
if (!('serviceWorker' in navigator)) { return; }\
navigator.serviceWorker.addEventListener('message', (event) => {\
if (event.data.kept) { document.body.setAttribute('data-offline', 'kept'); }\
});\
const keep = () => navigator.serviceWorker.ready.then((reg) => {\
const urls = performance.getEntriesByType('resource').map((e) => e.name);\
urls.push(location.href, '/judge');\
reg.active.postMessage({ keep: urls });\
});\
navigator.serviceWorker.register('/sw.js').then(() => {\
if (document.body.hasAttribute('data-hydrated')) { keep(); } else { document.addEventListener('baiqau:ready', keep, { once: true }); }\
}).catch((e) => console.warn('no offline copy of the judging pages: ' + e));\
})();";

/// The scoring form: a plain form post without JavaScript; in the browser, an island that
/// saves each change by itself (see [`autosave`]) and says how that went.
#[island(lazy)]
fn ScoringForm(form: SheetForm) -> impl IntoView {
    let action = ServerAction::<JudgeSave>::new();
    let refused = form.refused.clone();
    let marked = |e: Option<&AppError>| match e {
        Some(AppError::Validation(list)) => list.iter().filter(|f| matches!(f.field, Field::Criterion(_))).cloned().collect(),
        _ => Vec::new(),
    };
    let marks = RwSignal::new(marked(refused.as_ref()));
    // A saved sheet with points not allowed reads as the form's error, with the fields marked.
    let value = Signal::derive(move || {
        let answer = action.value().get().map(|r| r.and_then(|a| if a.invalid.is_empty() { Ok(()) } else { Err(AppError::Validation(a.invalid)) }));
        answer.or_else(|| refused.clone().map(Err))
    });
    Effect::watch(
        move || action.value().get(),
        move |v, _, _| {
            let list = match v {
                Some(Ok(a)) => a.invalid.clone(),
                Some(Err(e)) => marked(Some(e)),
                None => Vec::new(),
            };
            marks.set(list);
        },
        false,
    );
    let status = RwSignal::new(SaveStatus::Idle);
    let version = RwSignal::new(form.version);
    let lang = use_lang();
    let draft = Draft {
        points: RwSignal::new(form.criteria.iter().map(|(k, p)| (format!("c{}", k.id), p.clone())).collect()),
        comment: RwSignal::new(form.comment.clone()),
        note: RwSignal::new(form.note.clone()),
        marks,
    };
    #[cfg(feature = "hydrate")]
    autosave::follow(draft, form.contest.clone(), form.code.clone(), version, status);
    let indicator = move || match status.get() {
        SaveStatus::Idle => String::new(),
        SaveStatus::Saving => t(Msg::ScoreSaving).to_owned(),
        SaveStatus::Saved => t(Msg::ScoreSaved).to_owned(),
        SaveStatus::Offline(n) => fill(t(Msg::ScoreOffline), &[("changes", &Plural::Changes.format(lang, u64::try_from(n).unwrap_or(u64::MAX)))]),
        SaveStatus::Stale => Msg::ErrScoreStale.text(lang).to_owned(),
        SaveStatus::Invalid => t(Msg::ScoreSavedExcept).to_owned(),
        SaveStatus::Failed(e) => e.message(lang),
    };
    // How the indicator looks: a lost connection and a refusal stand out.
    let state = move || match status.get() {
        SaveStatus::Offline(_) => "offline",
        SaveStatus::Stale | SaveStatus::Invalid | SaveStatus::Failed(_) => "refused",
        _ => "",
    };
    let open = form.open;
    view! {
        <FormError value/>
        <ActionForm action attr:class="stack" attr:id="score-form" attr:novalidate="">
            <input type="hidden" name="contest" value=form.contest.clone()/>
            <input type="hidden" name="code" value=form.code.clone()/>
            // An attribute, not a property: the server renders it, so the form posts the version
            // without JavaScript too; a hidden input's value follows its attribute.
            <input type="hidden" name="version" value=move || version.get().to_string()/>
            {form.criteria.into_iter().map(|(k, p)| view! { <CriterionField criterion=k value=p open draft/> }).collect_view()}
            <div on:input=move |ev| draft.comment.set(event_target_value(&ev))>
                <TextArea label=Msg::ScoreComment name="comment" value=form.comment error=field_error(value, Field::Comment) rows=3/>
            </div>
            <div on:input=move |ev| draft.note.set(event_target_value(&ev))>
                <TextArea label=Msg::ScoreNote name="note" value=form.note error=field_error(value, Field::Comment) rows=2/>
            </div>
            <p class="save-status" role="status" aria-live="polite" data-state=state>{indicator}</p>
            {open.then(|| view! {
                <div class="score-buttons">
                    <button type="submit" name="action" value="next" class="button primary">{t(Msg::ScoreSubmitNext)}</button>
                    <button type="submit" name="action" value="submit" class="button">{t(Msg::ScoreSubmit)}</button>
                    <button type="submit" name="action" value="" class="button">{t(Msg::ScoreSave)}</button>
                </div>
                <p class="hint">{t(Msg::ScoreKeysHint)}</p>
            })}
        </ActionForm>
    }
}

/// One criterion's points: typed into the draft as they change. `SCORING_JS` adds the
/// one-tap picker and the ↑ ↓ steps, which go through the field as typing does.
#[component]
fn CriterionField(criterion: crate::view::contests::CriterionView, value: String, open: bool, draft: Draft) -> impl IntoView {
    let k = criterion;
    let id = format!("points-{}", k.id);
    let key = format!("c{}", k.id);
    let step = if k.rules.half_points { "0.5" } else { "1" };
    let field = Field::Criterion(k.id.0);
    let error = Signal::derive(move || draft.marks.with(|m| m.iter().find(|f| f.field == field).map(|f| f.msg)));
    let error_id = format!("{id}-error");
    view! {
        <div class="field criterion-field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()><Localized text=k.name.clone() quiet=true/>" "<span class="hint">{fill(t(Msg::ScoreOutOf), &[("max", &k.rules.max_points.to_string())])}</span></label>
            {(!k.description.is_empty()).then(|| view! { <Localized text=k.description.clone() tag="p" class="hint" quiet=true/> })}
            <div class="points-row">
                // Text, not `number`: a number input drops `7,5` (how Kazakh and
                // Russian write 7.5) before the server sees it.
                <input
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    id=id
                    name=format!("points[{key}]")
                    data-max=k.rules.max_points.to_string()
                    data-step=step
                    data-weight=k.rules.weight.to_string()
                    value=value
                    disabled=!open
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    aria-describedby=error_id.clone()
                    on:input=move |ev| {
                        let typed = event_target_value(&ev);
                        draft.points.update(|p| {
                            p.insert(key.clone(), typed);
                        });
                    }
                />
            </div>
            <p class="field-error" id=error_id role="alert" hidden=move || error.get().is_none()>{move || error.get().map(t)}</p>
        </div>
    }
}

/// Stepping aside from a work, with the reason.
#[component]
fn RecuseForm(contest: String, code: String) -> impl IntoView {
    let recuse = ServerAction::<JudgeRecuse>::new();
    let recuse_value = recuse.value();
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

/// The autosave and its offline queue, in the browser only.
#[cfg(feature = "hydrate")]
mod autosave;

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

#[cfg(test)]
mod tests {
    use super::{OFFLINE_JS, SCORING_JS, retry_after};
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

    /// The pages' own scripts go into the HTML as text: no `<` or `&` (`PageScript` checks
    /// it too, in debug builds only, where a slip stalls the page's render).
    #[test]
    fn the_page_scripts_survive_the_html() {
        for code in [OFFLINE_JS, SCORING_JS] {
            assert!(!code.contains(['<', '&']), "{code}");
        }
    }
}

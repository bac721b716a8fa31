//! The admin side of contests: the list (with the form for a new one) and the editor, in
//! sections: basics, timeline, nominations, age groups, the matrix, rubric, scoring, awards
//! and the lifecycle actions. Every section is its own form and works without JavaScript.

use crate::domain::ids::NominationId;
use super::LoadError;
use super::contests::{RubricList, aggregation_label};
use crate::api::contest_editor::*;
use crate::api::contests::*;
use crate::components::contest::{LocalTime, Localized, kind_label, level_label, phase_label};
use crate::components::form::{Checkbox, FormError, Notice, SelectField, SubmitButton, TextArea, TextField, field_error};
use crate::components::{t, use_lang};
use crate::domain::contest::{Aggregation, FileKind, GrandPrix, Level, LocalText, Phase};
use crate::error::Field;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn level_options() -> Vec<(String, String)> {
    Level::ALL.into_iter().map(|l| (l.as_str().to_owned(), t(level_label(l)).to_owned())).collect()
}

#[component]
pub fn AdminContestsPage() -> impl IntoView {
    let contests = Resource::new_blocking(|| (), |_| admin_list_contests());
    view! {
        <Title text=t(Msg::AdminContestsTitle)/>
        <h1>{t(Msg::AdminContestsTitle)}</h1>
        <Suspense fallback=|| view! { <p>{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match contests.await {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(list) => view! {
                        <NewContestForm/>
                        {if list.is_empty() {
                            view! { <p class="empty">{t(Msg::AdminContestsEmpty)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap">
                                    <table class="contests">
                                        <thead><tr>
                                            <th scope="col">{t(Msg::ColTitle)}</th>
                                            <th scope="col">{t(Msg::ColPhase)}</th>
                                            <th scope="col">{t(Msg::FieldLevel)}</th>
                                            <th scope="col">{t(Msg::ColDeadline)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {list.into_iter().map(|s| {
                                                view! {
                                                    <tr>
                                                        <td data-label=t(Msg::ColTitle)>
                                                            <a href=format!("/admin/contests/{}", s.public_id)><Localized text=s.title.clone() quiet=true/></a>
                                                        </td>
                                                        <td data-label=t(Msg::ColPhase)>{t(phase_label(s.phase))}</td>
                                                        <td data-label=t(Msg::FieldLevel)>{t(level_label(s.level))}</td>
                                                        <td data-label=t(Msg::ColDeadline)>{s.closes.map(|m| view! { <LocalTime moment=m/> })}</td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewContestForm() -> impl IntoView {
    let action = ServerAction::<AdminCreateContest>::new();
    let value = action.value();
    view! {
        <details class="panel" open=false>
            <summary><strong>{t(Msg::AdminNewContest)}</strong></summary>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <TextField label=Msg::FieldTitleKk name="title_kk" required=false error=field_error(value, Field::Title)/>
                <TextField label=Msg::FieldTitleRu name="title_ru" required=false error=Signal::derive(|| None)/>
                <TextField label=Msg::FieldTitleEn name="title_en" required=false error=Signal::derive(|| None)/>
                <SelectField label=Msg::FieldLevel name="level" options=level_options() selected="regional" error=field_error(value, Field::Level)/>
                <SubmitButton label=Msg::AdminCreate pending=action.pending()/>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn ContestEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let contest = Resource::new_blocking(id, admin_get_contest);
    view! {
        {loaded!(errors_in_place: contest, |c: ContestDetail| view! { <Editor contest=c/> })}
    }
}

/// The `?saved=<section>` notice.
fn saved(section: &'static str) -> impl IntoView {
    let q = use_query_map();
    (q.with_untracked(|q| q.get("saved")).as_deref() == Some(section)).then(|| view! { <Notice msg=Msg::AdminSaved/> })
}

#[component]
fn Editor(contest: ContestDetail) -> impl IntoView {
    let lang = use_lang();
    let id = contest.summary.public_id.clone();
    let title = contest.summary.title.pick(lang).map(|(t, _)| t.to_owned()).unwrap_or_default();
    let frozen = contest.admin.as_ref().is_some_and(|a| a.frozen);
    view! {
        <Title text=title/>
        <p class="card-meta">
            <span class=format!("phase phase-{}", contest.summary.phase.as_str())>{t(phase_label(contest.summary.phase))}</span>" "
            <a href=format!("/contests/{id}")>{t(Msg::AdminView)}</a>" · "
            <a class="entries-link" href=format!("/admin/contests/{id}/entries")>{t(Msg::EntriesTitle)}</a>" · "
            <a class="judging-link" href=format!("/admin/contests/{id}/judging")>{t(Msg::JudgingTitle)}</a>" · "
            <a class="results-link" href=format!("/admin/contests/{id}/results")>{t(Msg::ResultsTitle)}</a>
        </p>
        <Localized text=contest.summary.title.clone() tag="h1"/>
        {frozen.then(|| view! { <div class="notice warn" role="status">{t(Msg::AdminFrozenNote)}</div> })}
        <nav class="section-nav" aria-label=t(Msg::AdminEdit)>
            <a href="#basics">{t(Msg::AdminSectionBasics)}</a>
            <a href="#timeline">{t(Msg::AdminSectionTimeline)}</a>
            <a href="#nominations">{t(Msg::AdminSectionNominations)}</a>
            <a href="#age-groups">{t(Msg::AdminSectionAgeGroups)}</a>
            <a href="#matrix">{t(Msg::AdminSectionMatrix)}</a>
            <a href="#rubric">{t(Msg::AdminSectionRubric)}</a>
            <a href="#scoring">{t(Msg::AdminSectionScoring)}</a>
            <a href="#awards">{t(Msg::AdminSectionAwards)}</a>
            <a href="#actions">{t(Msg::AdminSectionActions)}</a>
        </nav>
        <BasicsSection contest=contest.clone()/>
        <TimelineSection contest=contest.clone()/>
        <NominationsSection contest=contest.clone()/>
        <AgeGroupsSection contest=contest.clone()/>
        <MatrixSection contest=contest.clone()/>
        <RubricSection contest=contest.clone()/>
        <ScoringSection contest=contest.clone()/>
        <AwardsSection contest=contest.clone()/>
        <ActionsSection contest=contest/>
    }
}

fn text_of(t: &LocalText, lang: crate::i18n::Lang) -> String {
    t.get(lang).unwrap_or_default().to_owned()
}

#[component]
fn BasicsSection(contest: ContestDetail) -> impl IntoView {
    use crate::i18n::Lang::{En, Kk, Ru};
    let action = ServerAction::<AdminSaveBasics>::new();
    let v = action.value();
    let s = contest.summary.clone();
    let (poster_id, poster) = (s.public_id.clone(), s.poster.clone());
    let none = Signal::derive(|| None);
    view! {
        <section class="panel" id="basics">
            <h2>{t(Msg::AdminSectionBasics)}</h2>
            {saved("basics")}
            <FormError value=v/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=s.public_id.clone()/>
                <TextField label=Msg::FieldTitleKk name="title_kk" required=false value=text_of(&s.title, Kk) error=field_error(v, Field::Title)/>
                <TextField label=Msg::FieldTitleRu name="title_ru" required=false value=text_of(&s.title, Ru) error=none/>
                <TextField label=Msg::FieldTitleEn name="title_en" required=false value=text_of(&s.title, En) error=none/>
                <TextArea label=Msg::FieldDescriptionKk name="description_kk" rows=2 value=text_of(&s.description, Kk) error=field_error(v, Field::Description)/>
                <TextArea label=Msg::FieldDescriptionRu name="description_ru" rows=2 value=text_of(&s.description, Ru) error=none/>
                <TextArea label=Msg::FieldDescriptionEn name="description_en" rows=2 value=text_of(&s.description, En) error=none/>
                <TextArea label=Msg::FieldRulesKk name="rules_kk" rows=6 value=text_of(&contest.rules, Kk) error=field_error(v, Field::Rules)/>
                <TextArea label=Msg::FieldRulesRu name="rules_ru" rows=6 value=text_of(&contest.rules, Ru) error=none/>
                <TextArea label=Msg::FieldRulesEn name="rules_en" rows=6 value=text_of(&contest.rules, En) error=none/>
                <SelectField label=Msg::FieldLevel name="level" options=level_options() selected=s.level.as_str() error=field_error(v, Field::Level)/>
                <TextField label=Msg::FieldOrganiser name="organiser_name" required=false value=s.organiser_name.clone() error=field_error(v, Field::Organiser)/>
                <TextArea label=Msg::FieldContacts name="organiser_contacts" rows=2 value=contest.organiser_contacts.clone() error=field_error(v, Field::Contacts)/>
                <Checkbox label=Msg::FieldRubricPublic name="rubric_public" checked=contest.rubric_public/>
                <SubmitButton label=Msg::AdminSave pending=action.pending()/>
            </ActionForm>
            <PosterForm public_id=poster_id poster/>
        </section>
    }
}

/// A plain multipart form (the file goes to `/admin/contests/<id>/poster`, not to a server
/// function); the outcome comes back in the URL.
#[component]
fn PosterForm(public_id: String, poster: Option<String>) -> impl IntoView {
    let q = use_query_map();
    let error = q.with_untracked(|q| q.get("poster_error")).map(|e| match e.as_str() {
        "size" => Msg::PosterErrSize,
        "store" => Msg::PosterErrStore,
        _ => Msg::PosterErrType,
    });
    view! {
        <div class="subpanel" id="poster">
            <h3>{t(Msg::FieldPoster)}</h3>
            {saved("poster")}
            {error.map(|m| view! { <div class="form-error" role="alert">{t(m)}</div> })}
            {poster.map(|src| view! { <img class="poster-preview" src=src alt=t(Msg::PosterAlt)/> })}
            <form method="post" enctype="multipart/form-data" action=format!("/admin/contests/{public_id}/poster") class="stack">
                <div class="field">
                    <label for="poster-file">{t(Msg::FieldPoster)}</label>
                    <p class="hint" id="poster-hint">{t(Msg::PosterHint)}</p>
                    <input type="file" id="poster-file" name="poster" accept="image/png,image/jpeg,image/webp" required=true aria-describedby="poster-hint"/>
                </div>
                <button type="submit" class="button">{t(Msg::PosterUpload)}</button>
            </form>
        </div>
    }
}

#[component]
fn TimelineSection(contest: ContestDetail) -> impl IntoView {
    let action = ServerAction::<AdminSaveTimeline>::new();
    let v = action.value();
    let a = contest.admin.clone();
    let input = move |f: fn(&AdminExtras) -> &String| a.as_ref().map(|a| f(a).clone()).unwrap_or_default();
    let zones = contest.admin.as_ref().map(|a| a.zones.clone()).unwrap_or_default();
    let mut zone_options: Vec<(String, String)> = zones.into_iter().map(|z| (z.clone(), z)).collect();
    if !zone_options.iter().any(|(z, _)| *z == contest.summary.time_zone) {
        zone_options.insert(0, (contest.summary.time_zone.clone(), contest.summary.time_zone.clone()));
    }
    let locked = contest.summary.phase >= Phase::Open;
    view! {
        <section class="panel" id="timeline">
            <h2>{t(Msg::AdminSectionTimeline)}</h2>
            {saved("timeline")}
            <FormError value=v/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest.summary.public_id.clone()/>
                <SelectField label=Msg::FieldTimeZone name="time_zone" options=zone_options selected=contest.summary.time_zone.clone() error=field_error(v, Field::TimeZone)/>
                <div class="grid-2">
                    <TextField label=Msg::FieldOpen name="open" kind="datetime-local" hint=Msg::FieldLocalTimeHint value=input(|a| &a.open_input) error=field_error(v, Field::Open)/>
                    <TextField label=Msg::FieldClose name="close" kind="datetime-local" value=input(|a| &a.close_input) error=field_error(v, Field::Close)/>
                    <TextField label=Msg::FieldJudgingEnd name="judging_end" kind="datetime-local" value=input(|a| &a.judging_end_input) error=field_error(v, Field::JudgingEnd)/>
                    <TextField label=Msg::FieldResults name="results" kind="datetime-local" value=input(|a| &a.results_input) error=field_error(v, Field::Results)/>
                </div>
                <TextField label=Msg::FieldAgeCutoff name="age_cutoff" kind="date" required=false value=contest.age_cutoff.clone().unwrap_or_default() error=field_error(v, Field::AgeCutoff)/>
                {(!locked).then(|| view! { <SubmitButton label=Msg::AdminSave pending=action.pending()/> })}
            </ActionForm>
        </section>
    }
}

#[component]
fn NominationsSection(contest: ContestDetail) -> impl IntoView {
    let frozen = contest.admin.as_ref().is_some_and(|a| a.frozen);
    let id = contest.summary.public_id.clone();
    view! {
        <section class="panel" id="nominations">
            <h2>{t(Msg::AdminSectionNominations)}</h2>
            {saved("nominations")}
            {contest.nominations.is_empty().then(|| view! { <p class="empty">{t(Msg::AdminNoNominations)}</p> })}
            {contest.nominations.iter().cloned().map(|n| view! { <NominationForm contest=id.clone() nomination=Some(n) frozen/> }).collect_view()}
            {(!frozen).then(|| view! {
                <h3>{t(Msg::AdminAdd)}</h3>
                <NominationForm contest=id.clone() nomination=None frozen/>
            })}
        </section>
    }
}

#[component]
fn NominationForm(contest: String, nomination: Option<NominationView>, frozen: bool) -> impl IntoView {
    use crate::i18n::Lang::{En, Kk, Ru};
    let action = ServerAction::<AdminSaveNomination>::new();
    let delete = ServerAction::<AdminDeleteNomination>::new();
    let v = action.value();
    let key = nomination.as_ref().map_or("new".to_owned(), |n| n.id.to_string());
    let fid = move |f: &str| format!("nom-{key}-{f}");
    let name = nomination.as_ref().map(|n| n.name.clone()).unwrap_or_default();
    let rules = nomination.as_ref().map(|n| n.rules.clone());
    let kinds_on: Vec<FileKind> = rules.as_ref().map(|r| r.kinds.clone()).unwrap_or_default();
    let num = |f: fn(&crate::domain::contest::WorkRules) -> u32, default: u32| rules.as_ref().map_or(default, f).to_string();
    let (mb, files, entries) = (num(|r| r.max_file_mb, 20), num(|r| r.max_files, 3), num(|r| r.max_entries_per_participant, 1));
    let none = Signal::derive(|| None);
    let nid = nomination.as_ref().map(|n| n.id.to_string()).unwrap_or_default();
    let existing = !nid.is_empty();
    let contest_for_delete = contest.clone();
    let id_for_delete = nid.clone();
    view! {
        <div class="subpanel">
            <FormError value=v/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest.clone()/>
                <input type="hidden" name="nomination" value=nid.clone()/>
                <div class="grid-3">
                    <TextField label=Msg::FieldNameKk name="name_kk" id=fid("name_kk") required=false value=text_of(&name, Kk) error=field_error(v, Field::Name)/>
                    <TextField label=Msg::FieldNameRu name="name_ru" id=fid("name_ru") required=false value=text_of(&name, Ru) error=none/>
                    <TextField label=Msg::FieldNameEn name="name_en" id=fid("name_en") required=false value=text_of(&name, En) error=none/>
                </div>
                <fieldset class="kinds">
                    <legend>{t(Msg::FieldKinds)}</legend>
                    {FileKind::ALL.into_iter().map(|k| {
                        let name: &'static str = match k {
                            FileKind::Image => "kind_image",
                            FileKind::Pdf => "kind_pdf",
                            FileKind::Document => "kind_document",
                            FileKind::Audio => "kind_audio",
                            FileKind::Video => "kind_video",
                        };
                        view! { <Checkbox label=kind_label(k) name=name id=fid(name) checked=kinds_on.contains(&k)/> }
                    }).collect_view()}
                    <p class="field-error" role="alert" hidden=move || field_error(v, Field::Kinds).get().is_none()>
                        {move || field_error(v, Field::Kinds).get().map(t)}
                    </p>
                </fieldset>
                <div class="grid-3">
                    <TextField label=Msg::FieldMaxFileMb name="max_file_mb" id=fid("max_file_mb") kind="number" value=mb error=field_error(v, Field::MaxFileMb)/>
                    <TextField label=Msg::FieldMaxFiles name="max_files" id=fid("max_files") kind="number" value=files error=field_error(v, Field::MaxFiles)/>
                    <TextField label=Msg::FieldMaxEntries name="max_entries" id=fid("max_entries") kind="number" value=entries error=field_error(v, Field::MaxEntries)/>
                </div>
                {(!frozen).then(|| view! { <SubmitButton label=if nid.is_empty() { Msg::AdminAdd } else { Msg::AdminSave } pending=action.pending()/> })}
            </ActionForm>
            {(!frozen && existing).then(|| view! {
                <FormError value=delete.value()/>
                <ActionForm action=delete attr:class="inline-form">
                    <input type="hidden" name="contest" value=contest_for_delete.clone()/>
                    <input type="hidden" name="nomination" value=id_for_delete.clone()/>
                    <button type="submit" class="button small danger">{t(Msg::AdminDelete)}</button>
                </ActionForm>
            })}
        </div>
    }
}

#[component]
fn AgeGroupsSection(contest: ContestDetail) -> impl IntoView {
    let frozen = contest.admin.as_ref().is_some_and(|a| a.frozen);
    let id = contest.summary.public_id.clone();
    view! {
        <section class="panel" id="age-groups">
            <h2>{t(Msg::AdminSectionAgeGroups)}</h2>
            {saved("age-groups")}
            {contest.age_groups.is_empty().then(|| view! { <p class="empty">{t(Msg::AdminNoAgeGroups)}</p> })}
            {contest.age_groups.iter().cloned().map(|g| view! { <AgeGroupForm contest=id.clone() group=Some(g) frozen/> }).collect_view()}
            {(!frozen).then(|| view! {
                <h3>{t(Msg::AdminAdd)}</h3>
                <AgeGroupForm contest=id.clone() group=None frozen/>
            })}
        </section>
    }
}

#[component]
fn AgeGroupForm(contest: String, group: Option<AgeGroupView>, frozen: bool) -> impl IntoView {
    use crate::i18n::Lang::{En, Kk, Ru};
    let action = ServerAction::<AdminSaveAgeGroup>::new();
    let delete = ServerAction::<AdminDeleteAgeGroup>::new();
    let v = action.value();
    let key = group.as_ref().map_or("new".to_owned(), |g| g.id.to_string());
    let fid = move |f: &str| format!("ag-{key}-{f}");
    let name = group.as_ref().map(|g| g.name.clone()).unwrap_or_default();
    let gid = group.as_ref().map(|g| g.id.to_string()).unwrap_or_default();
    let none = Signal::derive(|| None);
    let existing = !gid.is_empty();
    let contest_for_delete = contest.clone();
    let id_for_delete = gid.clone();
    view! {
        <div class="subpanel">
            <FormError value=v/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest.clone()/>
                <input type="hidden" name="age_group" value=gid.clone()/>
                <div class="grid-3">
                    <TextField label=Msg::FieldNameKk name="name_kk" id=fid("name_kk") required=false value=text_of(&name, Kk) error=field_error(v, Field::Name)/>
                    <TextField label=Msg::FieldNameRu name="name_ru" id=fid("name_ru") required=false value=text_of(&name, Ru) error=none/>
                    <TextField label=Msg::FieldNameEn name="name_en" id=fid("name_en") required=false value=text_of(&name, En) error=none/>
                </div>
                <div class="grid-2">
                    <TextField label=Msg::FieldMinAge name="min_age" id=fid("min_age") kind="number" value=group.as_ref().map(|g| g.range.min.to_string()).unwrap_or_default() error=field_error(v, Field::MinAge)/>
                    <TextField label=Msg::FieldMaxAge name="max_age" id=fid("max_age") kind="number" value=group.as_ref().map(|g| g.range.max.to_string()).unwrap_or_default() error=field_error(v, Field::MaxAge)/>
                </div>
                {(!frozen).then(|| view! { <SubmitButton label=if gid.is_empty() { Msg::AdminAdd } else { Msg::AdminSave } pending=action.pending()/> })}
            </ActionForm>
            {(!frozen && existing).then(|| view! {
                <FormError value=delete.value()/>
                <ActionForm action=delete attr:class="inline-form">
                    <input type="hidden" name="contest" value=contest_for_delete.clone()/>
                    <input type="hidden" name="age_group" value=id_for_delete.clone()/>
                    <button type="submit" class="button small danger">{t(Msg::AdminDelete)}</button>
                </ActionForm>
            })}
        </div>
    }
}

#[component]
fn MatrixSection(contest: ContestDetail) -> impl IntoView {
    let action = ServerAction::<AdminSaveMatrix>::new();
    let frozen = contest.admin.as_ref().is_some_and(|a| a.frozen);
    let groups = contest.age_groups.clone();
    view! {
        <section class="panel" id="matrix">
            <h2>{t(Msg::AdminSectionMatrix)}</h2>
            {saved("matrix")}
            <FormError value=action.value()/>
            {(!contest.nominations.is_empty() && !groups.is_empty()).then(|| view! {
                <ActionForm action>
                    <input type="hidden" name="contest" value=contest.summary.public_id.clone()/>
                    <div class="table-wrap">
                        <table class="matrix">
                            <thead><tr>
                                <th scope="col">{t(Msg::ContestNominations)}</th>
                                {groups.iter().cloned().map(|g| view! { <th scope="col"><Localized text=g.name quiet=true/></th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {contest.nominations.iter().cloned().map(|n| {
                                    let groups = groups.clone();
                                    view! {
                                        <tr>
                                            <th scope="row"><Localized text=n.name.clone() quiet=true/></th>
                                            {groups.into_iter().map(|g| {
                                                let value = format!("{}:{}", n.id, g.id);
                                                let id = format!("pair-{}-{}", n.id, g.id);
                                                let on = n.age_groups.contains(&g.id);
                                                view! {
                                                    <td>
                                                        <input type="checkbox" id=id.clone() name="pairs[]" value=value checked=on/>
                                                        <label for=id class="visually-hidden"><Localized text=g.name.clone() quiet=true/></label>
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {(!frozen).then(|| view! { <SubmitButton label=Msg::AdminSave pending=action.pending()/> })}
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn RubricSection(contest: ContestDetail) -> impl IntoView {
    let frozen = contest.admin.as_ref().is_some_and(|a| a.frozen);
    let id = contest.summary.public_id.clone();
    let noms = contest.nominations.clone();
    view! {
        <section class="panel" id="rubric">
            <h2>{t(Msg::AdminSectionRubric)}</h2>
            {saved("rubric")}
            {contest.rubric.is_empty().then(|| view! { <p class="empty">{t(Msg::AdminNoCriteria)}</p> })}
            {(!contest.rubric.is_empty()).then(|| view! { <RubricList criteria=contest.rubric.clone()/> })}
            {contest.rubric.iter().cloned().map(|c| view! { <CriterionForm contest=id.clone() criterion=Some(c) nomination=None nominations=noms.clone() frozen/> }).collect_view()}
            {contest.nominations.iter().filter(|n| !n.rubric.is_empty()).cloned().map(|n| view! {
                <h3><Localized text=n.name.clone() quiet=true/>": "{t(Msg::RubricForNomination)}</h3>
                {n.rubric.iter().cloned().map(|c| view! { <CriterionForm contest=id.clone() criterion=Some(c) nomination=Some(n.id) nominations=noms.clone() frozen/> }).collect_view()}
            }).collect_view()}
            {(!frozen).then(|| view! {
                <h3>{t(Msg::AdminAdd)}</h3>
                <CriterionForm contest=id.clone() criterion=None nomination=None nominations=noms.clone() frozen/>
            })}
        </section>
    }
}

#[component]
fn CriterionForm(
    contest: String,
    criterion: Option<CriterionView>,
    nomination: Option<NominationId>,
    nominations: Vec<NominationView>,
    frozen: bool,
) -> impl IntoView {
    use crate::i18n::Lang::{En, Kk, Ru};
    let lang = use_lang();
    let action = ServerAction::<AdminSaveCriterion>::new();
    let delete = ServerAction::<AdminDeleteCriterion>::new();
    let v = action.value();
    let key = criterion.as_ref().map_or("new".to_owned(), |c| c.id.to_string());
    let fid = move |f: &str| format!("crit-{key}-{f}");
    let name = criterion.as_ref().map(|c| c.name.clone()).unwrap_or_default();
    let desc = criterion.as_ref().map(|c| c.description.clone()).unwrap_or_default();
    let cid = criterion.as_ref().map(|c| c.id.to_string()).unwrap_or_default();
    let none = Signal::derive(|| None);
    let mut scope = vec![(String::new(), t(Msg::FieldWholeContest).to_owned())];
    scope.extend(nominations.iter().map(|n| (n.id.to_string(), n.name.pick(lang).map(|(t, _)| t.to_owned()).unwrap_or_default())));
    let scope_selected = nomination.map(|n| n.to_string()).unwrap_or_default();
    let existing = !cid.is_empty();
    let contest_for_delete = contest.clone();
    let id_for_delete = cid.clone();
    view! {
        <div class="subpanel">
            <FormError value=v/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest.clone()/>
                <input type="hidden" name="criterion" value=cid.clone()/>
                {if criterion.is_some() {
                    view! { <input type="hidden" name="nomination" value=scope_selected.clone()/> }.into_any()
                } else {
                    view! { <SelectField label=Msg::FieldForNomination name="nomination" id=fid("nomination") options=scope selected=scope_selected.clone() error=none/> }.into_any()
                }}
                <div class="grid-3">
                    <TextField label=Msg::FieldNameKk name="name_kk" id=fid("name_kk") required=false value=text_of(&name, Kk) error=field_error(v, Field::Name)/>
                    <TextField label=Msg::FieldNameRu name="name_ru" id=fid("name_ru") required=false value=text_of(&name, Ru) error=none/>
                    <TextField label=Msg::FieldNameEn name="name_en" id=fid("name_en") required=false value=text_of(&name, En) error=none/>
                </div>
                <div class="grid-3">
                    <TextArea label=Msg::FieldDescriptionKk name="description_kk" id=fid("description_kk") rows=2 value=text_of(&desc, Kk) error=field_error(v, Field::Description)/>
                    <TextArea label=Msg::FieldDescriptionRu name="description_ru" id=fid("description_ru") rows=2 value=text_of(&desc, Ru) error=none/>
                    <TextArea label=Msg::FieldDescriptionEn name="description_en" id=fid("description_en") rows=2 value=text_of(&desc, En) error=none/>
                </div>
                <div class="grid-3">
                    <TextField label=Msg::FieldMaxPoints name="max_points" id=fid("max_points") kind="number" value=criterion.as_ref().map_or("10".to_owned(), |c| c.rules.max_points.to_string()) error=field_error(v, Field::MaxPoints)/>
                    <TextField label=Msg::FieldWeight name="weight" id=fid("weight") kind="number" value=criterion.as_ref().map_or("1".to_owned(), |c| c.rules.weight.to_string()) error=field_error(v, Field::Weight)/>
                    <Checkbox label=Msg::FieldHalfPoints name="half_points" id=fid("half_points") checked=criterion.as_ref().is_some_and(|c| c.rules.half_points)/>
                </div>
                {(!frozen).then(|| view! { <SubmitButton label=if cid.is_empty() { Msg::AdminAdd } else { Msg::AdminSave } pending=action.pending()/> })}
            </ActionForm>
            {(!frozen && existing).then(|| view! {
                <FormError value=delete.value()/>
                <ActionForm action=delete attr:class="inline-form">
                    <input type="hidden" name="contest" value=contest_for_delete.clone()/>
                    <input type="hidden" name="criterion" value=id_for_delete.clone()/>
                    <button type="submit" class="button small danger">{t(Msg::AdminDelete)}</button>
                </ActionForm>
            })}
        </div>
    }
}

#[component]
fn ScoringSection(contest: ContestDetail) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<AdminSaveScoring>::new();
    let v = action.value();
    let frozen = contest.admin.as_ref().is_some_and(|a| a.frozen);
    let aggs: Vec<(String, String)> = Aggregation::ALL.into_iter().map(|a| (a.as_str().to_owned(), t(aggregation_label(a)).to_owned())).collect();
    let mut crits = vec![(String::new(), t(Msg::FieldNone).to_owned())];
    crits.extend(contest.rubric.iter().map(|c| (c.position.to_string(), format!("{}. {}", c.position, c.name.pick(lang).map(|(t, _)| t).unwrap_or_default()))));
    let ties: Vec<String> = (0..3).map(|i| contest.tie_break.get(i).map(|p| p.to_string()).unwrap_or_default()).collect();
    let none = Signal::derive(|| None);
    view! {
        <section class="panel" id="scoring">
            <h2>{t(Msg::AdminSectionScoring)}</h2>
            {saved("scoring")}
            <FormError value=v/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest.summary.public_id.clone()/>
                <SelectField label=Msg::FieldAggregation name="aggregation" options=aggs selected=contest.aggregation.as_str() error=field_error(v, Field::Aggregation)/>
                <Checkbox label=Msg::FieldNormalise name="normalise" checked=contest.normalise/>
                <div class="grid-3">
                    <SelectField label=Msg::FieldTieBreak name="tie1" options=crits.clone() selected=ties[0].clone() error=field_error(v, Field::TieBreak)/>
                    <SelectField label=Msg::FieldTieBreak name="tie2" options=crits.clone() selected=ties[1].clone() error=none/>
                    <SelectField label=Msg::FieldTieBreak name="tie3" options=crits selected=ties[2].clone() error=none/>
                </div>
                <p class="hint">{t(Msg::TieBreakThenShared)}</p>
                {(!frozen).then(|| view! { <SubmitButton label=Msg::AdminSave pending=action.pending()/> })}
            </ActionForm>
        </section>
    }
}

#[component]
fn AwardsSection(contest: ContestDetail) -> impl IntoView {
    let action = ServerAction::<AdminSaveAwards>::new();
    let v = action.value();
    let frozen = contest.admin.as_ref().is_some_and(|a| a.frozen);
    let a = contest.awards;
    let gp: Vec<(String, String)> = GrandPrix::ALL
        .into_iter()
        .map(|g| {
            let m = match g {
                GrandPrix::None => Msg::GrandPrixNone,
                GrandPrix::Contest => Msg::AwardGrandPrixContest,
                GrandPrix::Nomination => Msg::AwardGrandPrixNomination,
            };
            (g.as_str().to_owned(), t(m).to_owned())
        })
        .collect();
    view! {
        <section class="panel" id="awards">
            <h2>{t(Msg::AdminSectionAwards)}</h2>
            {saved("awards")}
            <FormError value=v/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest.summary.public_id.clone()/>
                <SelectField label=Msg::FieldGrandPrix name="grand_prix" options=gp selected=a.grand_prix.as_str() error=field_error(v, Field::GrandPrix)/>
                <div class="grid-3">
                    <TextField label=Msg::FieldFirstPlaces name="first" kind="number" value=a.first.to_string() error=field_error(v, Field::FirstPlaces)/>
                    <TextField label=Msg::FieldSecondPlaces name="second" kind="number" value=a.second.to_string() error=field_error(v, Field::SecondPlaces)/>
                    <TextField label=Msg::FieldThirdPlaces name="third" kind="number" value=a.third.to_string() error=field_error(v, Field::ThirdPlaces)/>
                    <TextField label=Msg::FieldMentions name="mentions" kind="number" value=a.mentions.to_string() error=field_error(v, Field::Mentions)/>
                    <TextField label=Msg::FieldMinScore name="min_score" kind="number" required=false value=a.min_score.map(|m| m.to_string()).unwrap_or_default() error=field_error(v, Field::MinScore)/>
                </div>
                <Checkbox label=Msg::FieldCertificates name="certificates" checked=a.participant_certificates/>
                {(!frozen).then(|| view! { <SubmitButton label=Msg::AdminSave pending=action.pending()/> })}
            </ActionForm>
        </section>
    }
}

#[component]
fn ActionsSection(contest: ContestDetail) -> impl IntoView {
    let publish = ServerAction::<AdminPublishContest>::new();
    let copy = ServerAction::<AdminCopyContest>::new();
    let close = ServerAction::<AdminCloseEarly>::new();
    let extend = ServerAction::<AdminExtendDeadline>::new();
    let extend_for = ServerAction::<AdminExtendForEntrant>::new();
    let archive = ServerAction::<AdminArchiveContest>::new();
    let delete = ServerAction::<AdminDeleteContest>::new();
    let id = contest.summary.public_id.clone();
    let phase = contest.summary.phase;
    let id = StoredValue::new(id);
    let hidden = move || view! { <input type="hidden" name="contest" value=id.get_value()/> };
    let small = "button";
    view! {
        <section class="panel" id="actions">
            <h2>{t(Msg::AdminSectionActions)}</h2>
            {saved("actions")}
            <p>{t(Msg::ColPhase)}": "<strong>{t(phase_label(phase))}</strong></p>
            {(phase == Phase::Draft).then(|| view! {
                <FormError value=publish.value()/>
                <ActionForm action=publish attr:class="inline-form">{hidden()}<SubmitButton label=Msg::ActionPublish pending=publish.pending()/></ActionForm>
            })}
            {(phase == Phase::Open).then(|| view! {
                <FormError value=close.value()/>
                <ActionForm action=close attr:class="inline-form">{hidden()}<SubmitButton label=Msg::ActionCloseEarly pending=close.pending() class=small/></ActionForm>
            })}
            {matches!(phase, Phase::Announced | Phase::Open | Phase::Judging).then(|| view! {
                <h3>{t(Msg::ActionExtend)}</h3>
                <FormError value=extend.value()/>
                <ActionForm action=extend attr:class="stack" attr:novalidate="">
                    {hidden()}
                    <TextField label=Msg::FieldNewClose name="new_close" id="extend-new-close" kind="datetime-local" hint=Msg::FieldLocalTimeHint error=field_error(extend.value(), Field::NewClose)/>
                    <SubmitButton label=Msg::ActionExtend pending=extend.pending() class=small/>
                </ActionForm>
                <h3>{t(Msg::ActionExtendFor)}</h3>
                <FormError value=extend_for.value()/>
                <ActionForm action=extend_for attr:class="stack" attr:novalidate="">
                    {hidden()}
                    <TextField label=Msg::FieldEntrantEmail name="email" id="extend-email" kind="email" error=field_error(extend_for.value(), Field::Email)/>
                    <TextField label=Msg::FieldNewClose name="new_close" id="extend-for-new-close" kind="datetime-local" error=field_error(extend_for.value(), Field::NewClose)/>
                    <SubmitButton label=Msg::ActionExtendFor pending=extend_for.pending() class=small/>
                </ActionForm>
            })}
            {(phase == Phase::Results).then(|| view! {
                <FormError value=archive.value()/>
                <ActionForm action=archive attr:class="inline-form">{hidden()}<SubmitButton label=Msg::ActionArchive pending=archive.pending() class=small/></ActionForm>
            })}
            <FormError value=copy.value()/>
            <ActionForm action=copy attr:class="inline-form">{hidden()}<SubmitButton label=Msg::ActionCopy pending=copy.pending() class=small/></ActionForm>
            {(phase == Phase::Draft).then(|| view! {
                <FormError value=delete.value()/>
                <ActionForm action=delete attr:class="inline-form">{hidden()}<SubmitButton label=Msg::ActionDeleteDraft pending=delete.pending() class="button danger"/></ActionForm>
            })}
        </section>
    }
}

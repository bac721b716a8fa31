//! The contest editor's sections for the contest's parts: nominations with their work rules,
//! age groups, the nomination × age group matrix, and the rubric's criteria. Each part is
//! its own small form; every form works without JavaScript.

use super::contests::RubricList;
use crate::api::contest_editor::*;
use crate::api::contests::*;
use crate::components::contest::{Localized, kind_label, text_in};
use crate::components::form::{Checkbox, FormError, SelectField, SubmitButton, TextArea, TextField, field_error, saved_notice};
use crate::components::{t, use_lang};
use crate::domain::contest::FileKind;
use crate::domain::ids::NominationId;
use crate::error::Field;
use crate::i18n::Msg;
use leptos::prelude::*;

#[component]
pub(super) fn NominationsSection(contest: ContestDetail) -> impl IntoView {
    let frozen = contest.admin.as_ref().is_some_and(|a| a.frozen);
    let id = contest.summary.public_id.clone();
    view! {
        <section class="panel" id="nominations">
            <h2>{t(Msg::AdminSectionNominations)}</h2>
            {saved_notice("nominations")}
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
                    <TextField label=Msg::FieldNameKk name="name_kk" id=fid("name_kk") required=false value=text_in(&name, Kk) error=field_error(v, Field::Name)/>
                    <TextField label=Msg::FieldNameRu name="name_ru" id=fid("name_ru") required=false value=text_in(&name, Ru) error=none/>
                    <TextField label=Msg::FieldNameEn name="name_en" id=fid("name_en") required=false value=text_in(&name, En) error=none/>
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
pub(super) fn AgeGroupsSection(contest: ContestDetail) -> impl IntoView {
    let frozen = contest.admin.as_ref().is_some_and(|a| a.frozen);
    let id = contest.summary.public_id.clone();
    view! {
        <section class="panel" id="age-groups">
            <h2>{t(Msg::AdminSectionAgeGroups)}</h2>
            {saved_notice("age-groups")}
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
                    <TextField label=Msg::FieldNameKk name="name_kk" id=fid("name_kk") required=false value=text_in(&name, Kk) error=field_error(v, Field::Name)/>
                    <TextField label=Msg::FieldNameRu name="name_ru" id=fid("name_ru") required=false value=text_in(&name, Ru) error=none/>
                    <TextField label=Msg::FieldNameEn name="name_en" id=fid("name_en") required=false value=text_in(&name, En) error=none/>
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
pub(super) fn MatrixSection(contest: ContestDetail) -> impl IntoView {
    let action = ServerAction::<AdminSaveMatrix>::new();
    let frozen = contest.admin.as_ref().is_some_and(|a| a.frozen);
    let groups = contest.age_groups.clone();
    view! {
        <section class="panel" id="matrix">
            <h2>{t(Msg::AdminSectionMatrix)}</h2>
            {saved_notice("matrix")}
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
                                {contest.nominations.iter().map(|n| {
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
pub(super) fn RubricSection(contest: ContestDetail) -> impl IntoView {
    let frozen = contest.admin.as_ref().is_some_and(|a| a.frozen);
    let id = contest.summary.public_id.clone();
    let noms = contest.nominations.clone();
    view! {
        <section class="panel" id="rubric">
            <h2>{t(Msg::AdminSectionRubric)}</h2>
            {saved_notice("rubric")}
            {contest.rubric.is_empty().then(|| view! { <p class="empty">{t(Msg::AdminNoCriteria)}</p> })}
            {(!contest.rubric.is_empty()).then(|| view! { <RubricList criteria=contest.rubric.clone()/> })}
            {contest.rubric.iter().cloned().map(|c| view! { <CriterionForm contest=id.clone() criterion=Some(c) nomination=None nominations=noms.clone() frozen/> }).collect_view()}
            {contest.nominations.iter().filter(|n| !n.rubric.is_empty()).map(|n| view! {
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
                    <TextField label=Msg::FieldNameKk name="name_kk" id=fid("name_kk") required=false value=text_in(&name, Kk) error=field_error(v, Field::Name)/>
                    <TextField label=Msg::FieldNameRu name="name_ru" id=fid("name_ru") required=false value=text_in(&name, Ru) error=none/>
                    <TextField label=Msg::FieldNameEn name="name_en" id=fid("name_en") required=false value=text_in(&name, En) error=none/>
                </div>
                <div class="grid-3">
                    <TextArea label=Msg::FieldDescriptionKk name="description_kk" id=fid("description_kk") rows=2 value=text_in(&desc, Kk) error=field_error(v, Field::Description)/>
                    <TextArea label=Msg::FieldDescriptionRu name="description_ru" id=fid("description_ru") rows=2 value=text_in(&desc, Ru) error=none/>
                    <TextArea label=Msg::FieldDescriptionEn name="description_en" id=fid("description_en") rows=2 value=text_in(&desc, En) error=none/>
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

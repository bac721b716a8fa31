//! The admin side of contests: the list (with the form for a new one) and the editor, in
//! sections: basics, timeline, nominations, age groups, the matrix, rubric, scoring, awards
//! and the lifecycle actions. Every section is its own form and works without JavaScript.
//! The sections for the contest's parts (nominations, age groups, matrix, rubric) are in
//! [`super::contest_parts`].

use super::LoadError;
use super::contest_parts::{AgeGroupsSection, MatrixSection, NominationsSection, RubricSection};
use super::contests::aggregation_label;
use crate::api::contest_editor::*;
use crate::api::contests::*;
use crate::components::contest::{LocalTime, Localized, ZoneNote, level_label, phase_label, shared_zone, text_in};
use crate::components::form::{Checkbox, FormError, SelectField, SubmitButton, TextArea, TextField, field_error, saved_notice};
use crate::components::{t, use_lang};
use crate::domain::contest::{Aggregation, GrandPrix, Level, Phase};
use crate::error::Field;
use crate::i18n::{Msg, fill};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn level_options() -> Vec<(String, String)> {
    Level::ALL.into_iter().map(|l| (l.as_str().to_owned(), t(level_label(l)).to_owned())).collect()
}

#[component]
pub fn AdminContestsPage() -> impl IntoView {
    let lang = use_lang();
    let contests = Resource::new_blocking(|| (), |_| admin_list_contests());
    let choices = Resource::new_blocking(|| (), |_| crate::api::staff::admin_new_contest_choices());
    view! {
        <Title text=t(Msg::AdminContestsTitle)/>
        <h1>{t(Msg::AdminContestsTitle)}</h1>
        <Suspense fallback=|| view! { <p>{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match (contests.await, choices.await) {
                    (Err(e), _) | (_, Err(e)) => view! { <LoadError error=e/> }.into_any(),
                    (Ok(list), Ok(choices)) => view! {
                        // The site's own pages, for its administrators.
                        {choices.host.then(|| view! {
                            <p class="hint">
                                <a class="audit-link" href="/admin/audit">{t(Msg::AuditTitle)}</a>" · "
                                <a class="organisations-link" href="/admin/organisations">{crate::api::staff::StaffText::Organisations.text(lang)}</a>
                            </p>
                        })}
                        {choices.may_create.then(|| view! { <NewContestForm choices=choices.clone()/> })}
                        {if list.is_empty() {
                            view! { <p class="empty">{t(Msg::AdminContestsEmpty)}</p> }.into_any()
                        } else {
                            let zone = shared_zone(&list);
                            let own_zone = zone.is_none();
                            view! {
                                {zone.map(|(zone, offset)| view! { <ZoneNote zone offset/> })}
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
                                                        <td data-label=t(Msg::ColDeadline)>{s.closes.map(|m| view! { <LocalTime moment=m/>{own_zone.then(|| format!(" ({})", crate::i18n::dates::zone_name(&s.time_zone, m.offset, use_lang())))} })}</td>
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
fn NewContestForm(choices: crate::api::staff::NewContestChoices) -> impl IntoView {
    let action = ServerAction::<AdminCreateContest>::new();
    let value = action.value();
    let lang = use_lang();
    // An organisation to choose only where there is a choice; a sole organisation is implied.
    let organisation = (choices.organisations.len() + usize::from(choices.host) > 1).then(|| {
        let mut options: Vec<(String, String)> = Vec::new();
        if choices.host {
            options.push((String::new(), crate::api::staff::StaffText::Host.text(lang).to_owned()));
        }
        options.extend(choices.organisations.iter().map(|(id, name)| (id.clone(), name.pick(lang).map(|(n, _)| n.to_owned()).unwrap_or_default())));
        view! { <SelectField label=crate::api::staff::StaffText::BelongsTo.text(lang) name="organisation" id="new-contest-organisation" options selected="" error=field_error(value, Field::Organisation)/> }
    });
    view! {
        <details class="panel" open=false>
            <summary><strong>{t(Msg::AdminNewContest)}</strong></summary>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <TextField label=Msg::FieldTitleKk name="title_kk" required=false error=field_error(value, Field::Title)/>
                <TextField label=Msg::FieldTitleRu name="title_ru" required=false error=Signal::derive(|| None)/>
                <TextField label=Msg::FieldTitleEn name="title_en" required=false error=Signal::derive(|| None)/>
                <SelectField label=Msg::FieldLevel name="level" options=level_options() selected="regional" error=field_error(value, Field::Level)/>
                {organisation}
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

#[component]
fn Editor(contest: ContestDetail) -> impl IntoView {
    let lang = use_lang();
    let id = contest.summary.public_id.clone();
    let title = contest.summary.title.pick(lang).map(|(t, _)| t.to_owned()).unwrap_or_default();
    let frozen = contest.admin.as_ref().is_some_and(|a| a.frozen);
    let may_edit = contest.powers.is_some_and(|p| p.edit);
    let see_results = contest.powers.is_some_and(|p| p.see_results);
    view! {
        <Title text=title/>
        <p class="card-meta">
            <span class=format!("phase phase-{}", contest.summary.phase.as_str())>{t(phase_label(contest.summary.phase))}</span>" "
            <a href=format!("/contests/{id}")>{t(Msg::AdminView)}</a>" · "
            <a class="entries-link" href=format!("/admin/contests/{id}/entries")>{t(Msg::EntriesTitle)}</a>" · "
            <a class="judging-link" href=format!("/admin/contests/{id}/judging")>{t(Msg::JudgingTitle)}</a>" · "
            {see_results.then(|| view! { <a class="results-link" href=format!("/admin/contests/{id}/results")>{t(Msg::ResultsTitle)}</a>" · " })}
            <a class="audit-link" href=format!("/admin/audit?contest={id}")>{t(Msg::AuditTitle)}</a>
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
            <a href="#questions">{super::questions::QuestionText::Title.text(lang)}</a>
            <a href="#scoring">{t(Msg::AdminSectionScoring)}</a>
            <a href="#awards">{t(Msg::AdminSectionAwards)}</a>
            <a href="#actions">{t(Msg::AdminSectionActions)}</a>
            <a href="#staff">{crate::api::staff::StaffText::Heading.text(lang)}</a>
        </nav>
        {crate::components::form::may_change(may_edit, view! {
            <BasicsSection contest=contest.clone()/>
            <TimelineSection contest=contest.clone()/>
            <NominationsSection contest=contest.clone()/>
            <AgeGroupsSection contest=contest.clone()/>
            <MatrixSection contest=contest.clone()/>
            <RubricSection contest=contest.clone()/>
            <super::questions::QuestionsSection contest=contest.clone()/>
            <ScoringSection contest=contest.clone()/>
            <AwardsSection contest=contest.clone()/>
            <ActionsSection contest=contest.clone()/>
        }.into_any())}
        <super::staff::StaffSection contest=contest.summary.public_id.clone()/>
    }
}

crate::server_texts! {
    /// The editor's words that only the server writes (see `server_texts!`).
    enum EditorText {
        Slug { kk: "Байқаудың мекенжайы", ru: "Адрес конкурса", en: "Contest's address" }
        SlugHint {
            kk: "Латын әріптері, цифрлар және сызықша: /contests/мекенжай және афишаға арналған қысқа сілтеме /мекенжай. Ескі мекенжай осында әкеле береді.",
            ru: "Латинские буквы, цифры и дефисы: /contests/адрес и короткая ссылка /адрес для афиш. Прежний адрес по-прежнему ведёт сюда.",
            en: "Latin letters, digits and hyphens: /contests/address, and the short link /address for posters. An old address still leads here.",
        }
    }
}

/// The contest's readable address (`domain::slug`), with what typing it does.
#[component]
fn SlugField(slug: String, error: Signal<Option<Msg>>) -> impl IntoView {
    let lang = crate::components::use_lang();
    let value = crate::components::form::returned("slug").unwrap_or(slug);
    view! {
        <crate::components::form::PlainField id="slug" label=EditorText::Slug.text(lang) hint=EditorText::SlugHint.text(lang) error>
            <input id="slug" name="slug" type="text" inputmode="url" autocapitalize="none" spellcheck="false" maxlength="60" value=value aria-describedby="slug-hint slug-error"/>
        </crate::components::form::PlainField>
    }
}

#[component]
fn BasicsSection(contest: ContestDetail) -> impl IntoView {
    use crate::i18n::Lang::{En, Kk, Ru};
    let action = ServerAction::<AdminSaveBasics>::new();
    let v = action.value();
    let s = contest.summary.clone();
    let (poster_id, poster) = (s.public_id.clone(), s.poster.as_ref().map(|p| p.card.clone()));
    let none = Signal::derive(|| None);
    view! {
        <section class="panel" id="basics">
            <h2>{t(Msg::AdminSectionBasics)}</h2>
            {saved_notice("basics")}
            <FormError value=v/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=s.public_id.clone()/>
                <TextField label=Msg::FieldTitleKk name="title_kk" required=false value=text_in(&s.title, Kk) error=field_error(v, Field::Title)/>
                <TextField label=Msg::FieldTitleRu name="title_ru" required=false value=text_in(&s.title, Ru) error=none/>
                <TextField label=Msg::FieldTitleEn name="title_en" required=false value=text_in(&s.title, En) error=none/>
                <TextArea label=Msg::FieldDescriptionKk name="description_kk" rows=2 value=text_in(&s.description, Kk) error=field_error(v, Field::Description)/>
                <TextArea label=Msg::FieldDescriptionRu name="description_ru" rows=2 value=text_in(&s.description, Ru) error=none/>
                <TextArea label=Msg::FieldDescriptionEn name="description_en" rows=2 value=text_in(&s.description, En) error=none/>
                <TextArea label=Msg::FieldRulesKk name="rules_kk" rows=6 value=text_in(&contest.rules, Kk) error=field_error(v, Field::Rules)/>
                <TextArea label=Msg::FieldRulesRu name="rules_ru" rows=6 value=text_in(&contest.rules, Ru) error=none/>
                <TextArea label=Msg::FieldRulesEn name="rules_en" rows=6 value=text_in(&contest.rules, En) error=none/>
                <SelectField label=Msg::FieldLevel name="level" options=level_options() selected=s.level.as_str() error=field_error(v, Field::Level)/>
                <TextField label=Msg::FieldOrganiser name="organiser_name" required=false value=s.organiser_name.clone() error=field_error(v, Field::Organiser)/>
                <TextArea label=Msg::FieldContacts name="organiser_contacts" rows=2 value=contest.organiser_contacts.clone() error=field_error(v, Field::Contacts)/>
                <SlugField slug=s.slug.clone().unwrap_or_default() error=field_error(v, Field::Slug)/>
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
            {saved_notice("poster")}
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
    let lang = use_lang();
    let mut zone_options: Vec<(String, String)> = zones.into_iter().map(|(z, offset)| (z.clone(), crate::i18n::dates::zone_name(&z, offset, lang))).collect();
    if !zone_options.iter().any(|(z, _)| *z == contest.summary.time_zone) {
        zone_options.insert(0, (contest.summary.time_zone.clone(), contest.summary.time_zone.clone()));
    }
    let locked = contest.summary.phase >= Phase::Open;
    view! {
        <section class="panel" id="timeline">
            <h2>{t(Msg::AdminSectionTimeline)}</h2>
            {saved_notice("timeline")}
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
            {saved_notice("scoring")}
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
            {saved_notice("awards")}
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
            {saved_notice("actions")}
            <p>{t(Msg::ColPhase)}": "<strong>{t(phase_label(phase))}</strong></p>
            {contest.admin.as_ref().and_then(|a| a.retention.clone()).map(|r| {
                let msg = if r.done { Msg::RetentionDone } else { Msg::RetentionDue };
                view! { <p class="hint" id="retention">{fill(t(msg), &[("date", &r.date)])}</p> }
            })}
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

//! The admin's judging dashboard: progress, judges' statistics, flags and conflicts, the
//! judges and their invitations, panels, manual assignment and the judging settings.

use crate::domain::ids::{AgeGroupId, NominationId};
use crate::api::judging::{
    AdminAssign, AdminInviteJudge, AdminRemindJudges, AdminSaveJudgingSettings, AdminSavePanel, AdminSetAssignment, EntryFlag, GroupReliability, JudgeStat, JudgeView, JudgingDashboard,
    NominationProgress, PanelView, admin_judging,
};
use crate::domain::reliability::{Lean, Measure, Reading, Undefined};
use crate::components::contest::Localized;
use crate::components::form::{Checkbox, FormError, Notice, SelectField, SubmitButton, TextField, field_error};
use crate::components::{t, use_lang};
use crate::error::Field;
use crate::i18n::{Msg, decimal, fill};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

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
    let title = d.contest.summary.title.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default();
    let saved = use_query_map().with_untracked(|q| q.get("saved")).is_some();
    let contest_href = format!("/admin/contests/{cid}");
    let entries_href = format!("/admin/contests/{cid}/entries");
    let may_jury = d.contest.powers.is_some_and(|p| p.jury);
    view! {
        <p class="hint"><a href=contest_href>{title}</a>" · "<a href=entries_href>{t(Msg::EntriesTitle)}</a></p>
        <h1>{t(Msg::JudgingTitle)}</h1>
        {saved.then(|| view! { <Notice msg=Msg::AdminSaved/> })}
        {crate::components::form::may_change(may_jury, view! {
            <ProgressSection contest=cid.clone() nominations=d.nominations.clone()/>
            <StatsSection stats=d.stats.clone()/>
            <ReliabilitySection groups=d.reliability.clone()/>
            <FlagsSection d=d.clone()/>
            <JudgesSection contest=cid.clone() judges=d.judges.clone() invitations=d.invitations.clone()/>
            <PanelsSection d=d.clone()/>
            <ManualAssignSection contest=cid.clone() judges=d.judges.clone()/>
            <super::calibration::CalibrationSection d=d.clone()/>
            <SettingsSection contest=cid d/>
        }.into_any())}
    }
}

/// Sheets submitted per nomination; assigning works and reminding judges.
#[component]
fn ProgressSection(contest: String, nominations: Vec<NominationProgress>) -> impl IntoView {
    let assign = ServerAction::<AdminAssign>::new();
    let remind = ServerAction::<AdminRemindJudges>::new();
    let contest_too = contest.clone();
    view! {
        <section class="panel" id="progress">
            <h2>{t(Msg::ProgressTitle)}</h2>
            <ul class="nomination-progress">
                {nominations.iter().map(|n| view! {
                    <li>
                        <Localized text=n.nomination.clone() quiet=true/>": "
                        <progress max=n.sheets_assigned.max(1).to_string() value=n.sheets_submitted.to_string()></progress>" "
                        <span class="hint">{format!("{} / {}", n.sheets_submitted, n.sheets_assigned)}</span>
                    </li>
                }).collect_view()}
            </ul>
            <ActionForm action=assign attr:class="inline-form">
                <input type="hidden" name="contest" value=contest_too/>
                <button type="submit" class="button primary" id="assign-button">{t(Msg::AssignButton)}</button>
            </ActionForm>
            <p class="hint">{t(Msg::AssignHint)}</p>
            <ActionForm action=remind attr:class="inline-form">
                <input type="hidden" name="contest" value=contest/>
                <button type="submit" class="button">{t(Msg::RemindButton)}</button>
            </ActionForm>
        </section>
    }
}

/// Each judge's counted sheets, mean and spread, with their totals on a line.
#[component]
fn StatsSection(stats: Vec<JudgeStat>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="panel" id="stats">
            <h2>{t(Msg::StatsTitle)}</h2>
            <ul class="judge-stats">
                {stats.into_iter().map(|s| view! {
                    <li class="judge-stat">
                        <strong>{s.judge.name.clone()}</strong>" "
                        <span class="hint stat-line">{if s.submitted == 0 {
                            fill(t(Msg::StatsNone), &[("assigned", &s.assigned.to_string())])
                        } else {
                            fill(t(Msg::StatsLine), &[
                                ("submitted", &s.submitted.to_string()),
                                ("assigned", &s.assigned.to_string()),
                                ("mean", &decimal(s.mean, 1, lang)),
                                ("sd", &decimal(s.sd, 1, lang)),
                            ])
                        }}</span>
                        {(s.submitted > 0).then(|| view! { <TotalsChart totals=s.totals mean=s.mean/> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A lean of this many points of 100 or more is named in words.
const MARKED_LEAN: f64 = 10.0;

/// How far the jury agrees per nomination × age group, by the method the data allow, read in
/// plain words, and each judge's severity and consistency. On the judging dashboard and in the
/// results review.
#[component]
pub fn ReliabilitySection(groups: Vec<GroupReliability>) -> impl IntoView {
    let body = if groups.is_empty() {
        view! { <p class="hint">{t(Msg::NoneYet)}</p> }.into_any()
    } else {
        groups.into_iter().map(|g| view! { <ReliabilityGroup g/> }).collect_view().into_any()
    };
    view! {
        <section class="panel" id="reliability">
            <h2>{t(Msg::ReliabilityTitle)}</h2>
            <p class="hint">{t(Msg::ReliabilityIntro)}</p>
            {body}
        </section>
    }
}

#[component]
fn ReliabilityGroup(g: GroupReliability) -> impl IntoView {
    let lang = use_lang();
    let figure = match g.agreement.measure {
        Measure::Icc { single, average, k } => fill(t(Msg::ReliabilityIcc), &[("single", &decimal(single, 3, lang)), ("average", &decimal(average, 3, lang)), ("k", &k.to_string())]),
        Measure::Alpha { alpha } => fill(t(Msg::ReliabilityAlpha), &[("alpha", &decimal(alpha, 3, lang))]),
        Measure::Undefined(_) => String::new(),
    };
    let (reading_class, reading) = match (g.agreement.measure.reading(), g.agreement.measure) {
        (Some(Reading::Excellent), _) => ("reading good", Msg::ReadingExcellent),
        (Some(Reading::Good), _) => ("reading good", Msg::ReadingGood),
        (Some(Reading::Moderate), _) => ("reading moderate", Msg::ReadingModerate),
        (Some(Reading::Poor), _) => ("reading poor", Msg::ReadingPoor),
        (None, Measure::Undefined(Undefined::OneJudge)) => ("reading none", Msg::ReliabilityOneJudge),
        (None, Measure::Undefined(Undefined::TooFewShared)) => ("reading none", Msg::ReliabilityTooFew),
        (None, _) => ("reading none", Msg::ReliabilityNoVariation),
    };
    let basis = fill(t(Msg::ReliabilityBasis), &[("works", &g.agreement.works.to_string()), ("judges", &g.agreement.judges.to_string())]);
    let shared: Vec<(String, Lean)> = g.leanings.into_iter().filter(|(_, l)| l.shared > 0).collect();
    view! {
        <div class="subpanel reliability-group">
            <h3><Localized text=g.nomination quiet=true/>{g.age_group.map(|a| view! { " · "<Localized text=a quiet=true/> })}</h3>
            {(!figure.is_empty()).then(|| view! { <p class="reliability-figure"><strong>{figure}</strong></p> })}
            <p class=reading_class>{t(reading)}</p>
            <p class="hint">{basis}</p>
            {(!shared.is_empty()).then(|| view! { <Leanings leans=shared/> })}
        </div>
    }
}

/// Each judge's severity and consistency in a group, behind a toggle.
#[component]
fn Leanings(leans: Vec<(String, Lean)>) -> impl IntoView {
    let lang = use_lang();
    let signed = move |v: f64| if v >= 0.05 { format!("+{}", decimal(v, 1, lang)) } else { decimal(v, 1, lang) };
    view! {
        <details class="leanings">
            <summary>{t(Msg::LeaningsTitle)}</summary>
            <p class="hint">{t(Msg::LeaningsHint)}</p>
            <div class="table-wrap">
                <table class="leanings-table">
                    <thead><tr>
                        <th scope="col">{t(Msg::ColJudge)}</th>
                        <th scope="col">{t(Msg::ColShared)}</th>
                        <th scope="col">{t(Msg::ColSeverity)}</th>
                        <th scope="col">{t(Msg::ColConsistency)}</th>
                    </tr></thead>
                    <tbody>
                        {leans.into_iter().map(|(name, l)| {
                            let severity = l.severity.unwrap_or(0.0);
                            let mark = if severity <= -MARKED_LEAN { Some(Msg::LeanHarsher) } else if severity >= MARKED_LEAN { Some(Msg::LeanMilder) } else { None };
                            view! {
                                <tr class:marked=mark.is_some()>
                                    <th scope="row">{name}</th>
                                    <td>{l.shared}</td>
                                    <td>{l.severity.map_or("—".to_owned(), signed)}{mark.map(|m| view! { <br/><span class="hint">{t(m)}</span> })}</td>
                                    <td>{l.consistency.map_or("—".to_owned(), |r| decimal(r, 2, lang))}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

/// Works short of sheets, works the judges disagree on, and conflicts of interest.
#[component]
fn FlagsSection(d: JudgingDashboard) -> impl IntoView {
    let conflicts = if d.conflicts.is_empty() {
        view! { <p class="hint">{t(Msg::NoneYet)}</p> }.into_any()
    } else {
        view! {
            <ul class="conflicts">
                {d.conflicts.iter().map(|c| {
                    let kind = if c.recused { fill(t(Msg::ConflictRecused), &[("reason", &c.kind)]) } else {
                        t(match c.kind.as_str() { "own" => Msg::ConflictOwn, "organisation" => Msg::ConflictOrganisation, _ => Msg::ConflictSupervisor }).to_owned()
                    };
                    view! { <li><span class="code">{c.code.clone()}</span>" · "{c.judge.clone()}" · "{kind}</li> }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="panel" id="flags">
            <h2>{t(Msg::LowCoverageTitle)}</h2>
            <FlagList flags=d.low_coverage/>
            <h2>{fill(t(Msg::DisagreementTitle), &[])}" (> "{d.disagreement_pct}"%)"</h2>
            <FlagList flags=d.disagreements/>
            <h2>{t(Msg::ConflictsTitle)}</h2>
            {conflicts}
        </section>
    }
}

/// The contest's judges, pending invitations, and inviting one more.
#[component]
fn JudgesSection(contest: String, judges: Vec<JudgeView>, invitations: Vec<(String, String)>) -> impl IntoView {
    let invite = ServerAction::<AdminInviteJudge>::new();
    let invite_value = invite.value();
    view! {
        <section class="panel" id="judges">
            <h2>{t(Msg::JudgesTitle)}</h2>
            <ul class="judges">
                {judges.iter().map(|j| view! { <li>{j.name.clone()}" · "{j.email.clone()}{(!j.organisation.is_empty()).then(|| format!(" · {}", j.organisation))}</li> }).collect_view()}
                {invitations.iter().map(|(e, o)| view! { <li class="hint">{e.clone()}" · "{o.clone()}" …"</li> }).collect_view()}
            </ul>
            <h3>{t(Msg::InviteJudge)}</h3>
            <FormError value=invite_value/>
            <ActionForm action=invite attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest/>
                <TextField label=Msg::FieldEmail name="email" id="invite-email" kind="email" error=field_error(invite_value, Field::Email)/>
                <TextField label=Msg::FieldOrganisation name="organisation" id="invite-organisation" required=false error=field_error(invite_value, Field::Organisation)/>
                <SubmitButton label=Msg::InviteJudge pending=invite.pending()/>
            </ActionForm>
        </section>
    }
}

/// Per nomination: the nomination-wide panel, one per age group that has its own, and adding one.
#[component]
fn PanelsSection(d: JudgingDashboard) -> impl IntoView {
    let lang = use_lang();
    let cid = d.contest.summary.public_id.clone();
    let name_of = |l: &crate::domain::contest::LocalText| l.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default();
    let age_groups: Vec<(AgeGroupId, String)> = d.contest.age_groups.iter().map(|g| (g.id, name_of(&g.name))).collect();
    let panels_view = d.contest.nominations.iter().map(|n| {
        let mine: Vec<PanelView> = d.panels.iter().filter(|p| p.nomination_id == n.id).cloned().collect();
        let mut scopes: Vec<Option<AgeGroupId>> = vec![None];
        scopes.extend(mine.iter().filter(|p| p.age_group_id.is_some()).map(|p| p.age_group_id));
        let editors = scopes
            .into_iter()
            .map(|g| {
                let panel = mine.iter().find(|p| p.age_group_id == g).cloned();
                let label = g.and_then(|g| age_groups.iter().find(|(id, _)| *id == g)).map(|(_, name)| name.clone()).unwrap_or_else(|| t(Msg::AllAgeGroups).to_owned());
                view! { <PanelEditor contest=cid.clone() nomination=n.id age_group=g label panel judges=d.judges.clone() groups=Vec::new()/> }
            })
            .collect_view();
        let free: Vec<(AgeGroupId, String)> = age_groups.iter().filter(|(id, _)| !mine.iter().any(|p| p.age_group_id == Some(*id))).cloned().collect();
        let add = (!free.is_empty()).then(|| {
            view! {
                <details class="add-panel">
                    <summary>{t(Msg::PanelForAgeGroup)}</summary>
                    <PanelEditor contest=cid.clone() nomination=n.id age_group=None label=String::new() panel=None judges=d.judges.clone() groups=free/>
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
    view! {
        <section class="panel" id="panels">
            <h2>{t(Msg::PanelsTitle)}</h2>
            {panels_view}
        </section>
    }
}

/// Adding or removing one judge on one work by its code.
#[component]
fn ManualAssignSection(contest: String, judges: Vec<JudgeView>) -> impl IntoView {
    let manual = ServerAction::<AdminSetAssignment>::new();
    let manual_value = manual.value();
    let none = Signal::derive(|| None);
    let judge_options: Vec<(String, String)> = judges.iter().map(|j| (j.id.to_string(), j.name.clone())).collect();
    view! {
        <section class="panel" id="assign">
            <h2>{t(Msg::ManualAssign)}</h2>
            <FormError value=manual_value/>
            <ActionForm action=manual attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest/>
                <TextField label=Msg::ScoreCode name="code" id="manual-code" error=field_error(manual_value, Field::Code)/>
                <SelectField label=Msg::JudgesTitle name="judge" id="manual-judge" options=judge_options selected=String::new() error=none/>
                <div class="score-buttons">
                    <button type="submit" name="on" value="1" class="button">{t(Msg::AssignAdd)}</button>
                    <button type="submit" name="on" value="0" class="button danger">{t(Msg::AssignRemove)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// Blind judging, whether judges see colleagues' totals, and the disagreement threshold.
#[component]
fn SettingsSection(contest: String, d: JudgingDashboard) -> impl IntoView {
    let settings = ServerAction::<AdminSaveJudgingSettings>::new();
    let none = Signal::derive(|| None);
    view! {
        <section class="panel" id="settings">
            <h2>{t(Msg::JudgingSettings)}</h2>
            <ActionForm action=settings attr:class="stack">
                <input type="hidden" name="contest" value=contest/>
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
    panel: Option<PanelView>,
    judges: Vec<JudgeView>,
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
fn FlagList(flags: Vec<EntryFlag>) -> impl IntoView {
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

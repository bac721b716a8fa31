//! Results pages: the public results of a contest, the admin's review before publication,
//! and the public verification of a diploma.

use crate::domain::ids::{AgeGroupId, NominationId};
use crate::api::results::{
    AdminComputeResults, AdminOverrideAward, AdminPublishResults, AdminResultsSettings, AdminRevokeDocument, PublicResults, ResultsReview, Verification, admin_results, award_msg, excluded_msg, get_results,
    verify_document,
};
use crate::components::contest::{LocalTime, Localized, ZoneNote};
use crate::pages::admin_judging::ReliabilitySection;
use crate::components::form::{Checkbox, FormError, Notice, SelectField, SubmitButton, TextArea, TextField, field_error};
use crate::api::appeals::{AdminAssignAppeal, AdminDecideAppeal};
use crate::domain::appeal::AppealState;
use crate::view::appeals::{AppealText, state_text};
use crate::components::{t, use_lang};
use crate::domain::results::{Award, Decided};
use crate::error::{AppError, Field};
use crate::i18n::{Msg, decimal, decimal_text, fill};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Works per tenth of the scale, as bars.
#[component]
fn Distribution(bins: Vec<u32>) -> impl IntoView {
    let max = bins.iter().copied().max().unwrap_or(1).max(1) as f32;
    view! {
        <svg class="distribution" viewBox="0 0 220 90" width="220" height="90" role="img" aria-label=t(Msg::ResultsDistribution)>
            {bins.iter().enumerate().map(|(i, n)| {
                let h = 70.0 * (*n as f32) / max;
                view! {
                    <rect x=format!("{}", 2 + i * 22) y=format!("{:.1}", 74.0 - h) width="18" height=format!("{h:.1}") class="bar"><title>{format!("{}–{}%: {n}", i * 10, i * 10 + 10)}</title></rect>
                }
            }).collect_view()}
            <line x1="0" y1="75" x2="220" y2="75" class="axis"/>
            <text x="0" y="88" class="tick">"0"</text>
            <text x="100" y="88" class="tick">"50"</text>
            <text x="196" y="88" class="tick">"100"</text>
        </svg>
    }
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let results = Resource::new_blocking(id, get_results);
    view! {
        {loaded!(results, |r: PublicResults| view! { <PublicView r/> })}
    }
}

#[component]
fn PublicView(r: PublicResults) -> impl IntoView {
    let lang = use_lang();
    let title = r.contest.title.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default();
    view! {
        <Title text=format!("{} · {title}", t(Msg::ResultsTitle))/>
        <p class="hint"><a href=format!("/contests/{}", r.contest.public_id)>{title.clone()}</a></p>
        <h1>{t(Msg::ResultsTitle)}</h1>
        <p class="hint">{t(Msg::ResultsPublishedAt)}<LocalTime moment=r.published_at/></p>
        <ZoneNote zone=r.contest.time_zone.clone() offset=r.published_at.offset/>
        {r.groups.into_iter().map(|g| view! {
            <section class="panel results-group">
                <h2><Localized text=g.nomination.clone() quiet=true/>{g.age_group.clone().map(|a| view! { " · "<Localized text=a quiet=true/> })}</h2>
                <p class="hint">{fill(t(Msg::ResultsEntries), &[("n", &g.entries.to_string())])}</p>
                <ol class="winners">
                    {g.winners.into_iter().map(|w| view! {
                        <li class=format!("winner award-{}", w.award.as_str())>
                            {w.thumb.clone().map(|src| view! { <img class="thumb" src=src alt="" loading="lazy"/> })}
                            <div>
                                <strong class="award">{t(award_msg(w.award))}</strong>
                                <span class="winner-name">{w.name.clone()}</span>
                                <span class="hint">"«"{w.title.clone()}"» · "{decimal_text(&w.score, lang)}</span>
                            </div>
                        </li>
                    }).collect_view()}
                </ol>
                <figure class="chart">
                    <Distribution bins=g.distribution.clone()/>
                    <figcaption class="hint">{t(Msg::ResultsDistribution)}</figcaption>
                </figure>
            </section>
        }).collect_view()}
        {r.audience.clone().map(|results| view! { <crate::pages::audience::AudienceWinners results/> })}
        {(!r.corrections.is_empty()).then(|| view! { <Corrections list=r.corrections.clone()/> })}
    }
}

/// What upheld appeals changed after publication, each with its date and reason.
#[component]
fn Corrections(list: Vec<crate::view::results::CorrectionView>) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: AppealText| x.text(lang);
    let standing = move |(place, award): (u32, Option<Award>)| {
        let award = award.map(|a| t(award_msg(a))).unwrap_or(t(Msg::AwardNone));
        format!("{award}, {}", fill(w(AppealText::Place), &[("place", &place.to_string())]))
    };
    view! {
        <section class="panel corrections" id="corrections">
            <h2>{w(AppealText::Corrections)}</h2>
            <ul>
                {list.into_iter().map(|c| view! {
                    <li class="correction">
                        <p class="hint">{w(AppealText::CorrectedOn)}<LocalTime moment=c.at day=true/></p>
                        <p><strong>{c.name.clone()}</strong>" «"{c.title.clone()}"»"</p>
                        <p>{w(AppealText::Was)}": "{standing(c.before)}" → "{w(AppealText::Now)}": "<strong>{standing(c.after)}</strong></p>
                        <p class="hint">{w(AppealText::Why)}{c.reason.clone()}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

fn decided_text(d: Decided) -> String {
    match d {
        Decided::Score => t(Msg::ExplainDecidedScore).to_owned(),
        Decided::Criterion(n) => fill(t(Msg::ExplainDecidedCriterion), &[("n", &n.to_string())]),
        Decided::Shared => t(Msg::ExplainDecidedShared).to_owned(),
    }
}

#[component]
pub fn AdminResultsPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new_blocking(id, admin_results);
    view! {
        <Title text=t(Msg::ResultsTitle)/>
        {loaded!(errors_in_place: data, |r: ResultsReview| view! { <Review r/> })}
    }
}

#[component]
fn Review(r: ResultsReview) -> impl IntoView {
    let lang = use_lang();
    let cid = r.contest.summary.public_id.clone();
    let compute = ServerAction::<AdminComputeResults>::new();
    let publish = ServerAction::<AdminPublishResults>::new();
    let over = ServerAction::<AdminOverrideAward>::new();
    let (cv, pv, ov) = (compute.value(), publish.value(), over.value());
    let published = r.published_version.is_some();
    let may_results = r.contest.powers.is_some_and(|p| p.results);
    let ready = r.version.is_some() && r.sheets_left == 0;
    let compute_class = if r.version.is_none() { "button primary" } else { "button" };
    let publish_class = if ready { "button primary" } else { "button" };
    // Publishing while judges may still score ends judging for all of them: say so first.
    let judging = r.contest.summary.phase == crate::domain::contest::Phase::Judging;
    let name = |id: NominationId| r.contest.nominations.iter().find(|n| n.id == id).and_then(|n| n.name.pick(lang).map(|(s, _)| s.to_owned())).unwrap_or_default();
    let group = |id: Option<AgeGroupId>| id.and_then(|id| r.contest.age_groups.iter().find(|g| g.id == id)).and_then(|g| g.name.pick(lang).map(|(s, _)| s.to_owned()));
    let awards: Vec<(String, String)> = std::iter::once((String::new(), "—".to_owned()))
        .chain([Award::GrandPrix, Award::First, Award::Second, Award::Third, Award::Mention, Award::Certificate].iter().map(|a| (a.as_str().to_owned(), t(award_msg(*a)).to_owned())))
        .chain(std::iter::once(("none".to_owned(), t(Msg::AwardNone).to_owned())))
        .collect();
    let none = Signal::derive(|| None);
    let (c1, c2, c3) = (cid.clone(), cid.clone(), cid.clone());
    let status = match (r.published_version, r.version) {
        (Some(v), _) => fill(t(Msg::ResultsPublishedNote), &[("version", &v.to_string())]),
        (None, Some(v)) => fill(t(Msg::ResultsDraftNote), &[("version", &v.to_string())]),
        (None, None) => t(Msg::ResultsNone).to_owned(),
    };
    view! {
        <p class="hint"><a href=format!("/admin/contests/{cid}")>{r.contest.summary.title.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default()}</a>" · "<a href=format!("/admin/contests/{cid}/judging")>{t(Msg::JudgingTitle)}</a></p>
        <h1>{t(Msg::ResultsTitle)}</h1>
        {use_query_map().with_untracked(|q| q.get("saved")).is_some().then(|| view! { <Notice msg=Msg::AdminSaved/> })}
        <p class="notice results-status">{status}</p>
        {crate::components::form::may_change(may_results, view! {
        {(!r.dropped_overrides.is_empty()).then(|| view! {
            <div class="notice warn" id="dropped-overrides">
                <p>{t(Msg::ResultsDroppedOverrides)}</p>
                <ul>
                    {r.dropped_overrides.iter().map(|(code, award, reason)| {
                        let award = if award == "none" { t(Msg::AwardNone) } else { Award::parse(award).map(|a| t(award_msg(a))).unwrap_or("") };
                        view! { <li><span class="code">{code.clone()}</span>" — "{award}" — "{reason.clone()}</li> }
                    }).collect_view()}
                </ul>
            </div>
        })}
        {r.version.is_some().then(|| view! {
            <p class="export-links">
                {t(Msg::ExportResults)}": "<a href=format!("/admin/contests/{cid}/export/results.csv")>"CSV"</a>" · "<a href=format!("/admin/contests/{cid}/export/results.xlsx")>"Excel"</a>" — "
                {t(Msg::ExportScores)}": "<a href=format!("/admin/contests/{cid}/export/scores.csv")>"CSV"</a>" · "<a href=format!("/admin/contests/{cid}/export/scores.xlsx")>"Excel"</a>
            </p>
        })}
        {published.then(|| view! {
            <p><a href=format!("/contests/{cid}/results")>{t(Msg::ResultsTitle)}</a>" · "<a href=format!("/admin/contests/{cid}/documents.zip")>"ZIP (PDF)"</a></p>
        })}
        {(!published).then(|| view! {
            // What is missing comes first; publishing is the main action only when nothing is.
            {(r.version.is_none()).then(|| view! { <p class="notice warn" id="no-draft">{t(Msg::ResultsNoDraft)}</p> })}
            {(r.sheets_left > 0).then(|| view! {
                <p class="notice warn" id="sheets-left">
                    {fill(t(Msg::ResultsSheetsLeft), &[("sheets", &r.sheets_left.to_string()), ("judges", &r.judges_left.to_string())])}
                    " "<a href=format!("/admin/contests/{cid}/judging")>{t(Msg::JudgingTitle)}</a>
                </p>
            })}
            <div class="score-buttons">
                <FormError value=cv/>
                <ActionForm action=compute attr:class="inline-form">
                    <input type="hidden" name="contest" value=c1/>
                    <SubmitButton label=Msg::ResultsCompute pending=compute.pending() class=compute_class/>
                </ActionForm>
                <FormError value=pv/>
                {judging.then(|| view! { <p class="notice warn" id="publish-ends-judging">{t(Msg::ResultsPublishEndsJudging)}</p> })}
                <ActionForm action=publish attr:class="inline-form">
                    <input type="hidden" name="contest" value=c2/>
                    <SubmitButton label=Msg::ResultsPublish pending=publish.pending() class=publish_class/>
                </ActionForm>
            </div>
        })}
        <div class="table-wrap">
            <table class="results">
                <thead><tr>
                    <th scope="col">{t(Msg::ColPlace)}</th>
                    <th scope="col">{t(Msg::ScoreCode)}</th>
                    <th scope="col">{t(Msg::FieldParticipant)}</th>
                    <th scope="col">{t(Msg::FieldNomination)}</th>
                    <th scope="col">{t(Msg::ColScore)}</th>
                    <th scope="col">{t(Msg::ColAward)}</th>
                </tr></thead>
                <tbody>
                    {r.lines.iter().map(|l| {
                        let judges = l.explanation.judges.iter().map(|x| decimal(*x, 1, lang)).collect::<Vec<_>>().join("; ");
                        let crit = l.explanation.criteria.iter().map(|(p, v)| format!("{p}: {}", decimal(*v, 2, lang))).collect::<Vec<_>>().join("; ");
                        view! {
                            <tr>
                                <td>{l.place}</td>
                                <td><span class="code">{l.code.clone()}</span></td>
                                <td>{l.name.clone()}<br/><span class="hint">"«"{l.title.clone()}"»"</span></td>
                                <td>{name(l.nomination_id)}{group(l.age_group_id).map(|g| view! { <br/><span class="hint">{g}</span> })}</td>
                                <td>{decimal_text(&l.score, lang)}{(l.score != l.raw_score).then(|| view! { <br/><span class="hint">{t(Msg::RawScore)}" "{decimal_text(&l.raw_score, lang)}</span> })}</td>
                                <td>
                                    {l.award.map(|a| t(award_msg(a))).unwrap_or(t(Msg::AwardNone))}
                                    {l.override_reason.clone().map(|reason| view! { <br/><span class="hint override">{fill(t(Msg::OverrideShown), &[("reason", &reason)])}</span> })}
                                    <details class="explain">
                                        <summary>{t(Msg::ExplainToggle)}</summary>
                                        <p class="hint">{fill(t(Msg::ExplainJudges), &[("list", &judges)])}</p>
                                        <p class="hint">{crit}</p>
                                        <p class="hint">{decided_text(l.explanation.decided)}</p>
                                        {(!l.explanation.excluded.is_empty()).then(|| {
                                            let list = l.explanation.excluded.iter().map(|x| t(excluded_msg(*x))).collect::<Vec<_>>().join(", ");
                                            view! { <p class="hint excluded">{fill(t(Msg::ExplainExcluded), &[("list", &list)])}</p> }
                                        })}
                                    </details>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <ReliabilitySection groups=r.reliability.clone()/>
        {published.then(|| view! { <AppealsSection contest=cid.clone() appeals=r.appeals.clone() closes=r.appeal_closes may_decide=may_results/> })}
        <RoundsSection contest=cid.clone() rounds=r.rounds.clone() detail=r.contest.clone() published=published/>
        <ResultsSettings contest=cid.clone() name_display=r.name_display.clone() show_comments=r.show_comments appeal_days=r.appeal_days/>
        <crate::pages::gallery::GallerySettings contest=cid.clone() slug=r.contest.summary.slug.clone() mode=r.gallery opens_at=r.gallery_opens_at.clone() open=r.gallery_open/>
        {published.then(|| view! { <RevokeForm contest=cid.clone()/> })}
        {(!published && r.version.is_some()).then(|| view! {
            <section class="panel" id="override">
                <h2>{t(Msg::OverrideTitle)}</h2>
                <FormError value=ov/>
                <ActionForm action=over attr:class="stack" attr:novalidate="">
                    <input type="hidden" name="contest" value=c3/>
                    <TextField label=Msg::ScoreCode name="code" id="override-code" error=field_error(ov, Field::Code)/>
                    <SelectField label=Msg::ColAward name="award" id="override-award" options=awards selected=String::new() error=none/>
                    <TextField label=Msg::FieldReason name="reason" id="override-reason" required=false error=field_error(ov, Field::Reason)/>
                    <SubmitButton label=Msg::OverrideButton pending=over.pending()/>
                </ActionForm>
            </section>
        })}
        }.into_any())}
    }
}

#[component]
fn ResultsSettings(contest: String, name_display: String, show_comments: bool, appeal_days: i64) -> impl IntoView {
    let action = ServerAction::<AdminResultsSettings>::new();
    let value = action.value();
    let options = vec![
        ("short_minors".to_owned(), t(Msg::NameDisplayShortMinors).to_owned()),
        ("short".to_owned(), t(Msg::NameDisplayShort).to_owned()),
        ("full".to_owned(), t(Msg::NameDisplayFull).to_owned()),
    ];
    let none = Signal::derive(|| None);
    view! {
        <section class="panel" id="settings">
            <h2>{t(Msg::ResultsSettings)}</h2>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest/>
                <SelectField label=Msg::FieldNameDisplay name="name_display" options selected=name_display error=none/>
                <Checkbox label=Msg::FieldShowComments name="show_comments" checked=show_comments/>
                <TextField label=AppealText::Days.text(use_lang()) name="appeal_days" kind="number" required=false value=appeal_days.to_string() error=field_error(value, Field::AppealDays)/>
                <SubmitButton label=Msg::AdminSave pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

/// Rounds: those that feed this one (and adding one), those it feeds, the rules of who
/// advances per nomination × age group, and advancing (by the rules, or chosen by code).
#[component]
fn RoundsSection(contest: String, rounds: crate::view::results::RoundsView, detail: crate::view::contests::ContestDetail, published: bool) -> impl IntoView {
    use crate::api::rounds::{AdminAddRoundFeed, AdminAdvance, AdminSaveAdvancementRule};
    use crate::view::rounds::RoundText as R;
    let lang = use_lang();
    let w = move |x: R| x.text(lang);
    let (feed, rule, advance) = (ServerAction::<AdminAddRoundFeed>::new(), ServerAction::<AdminSaveAdvancementRule>::new(), ServerAction::<AdminAdvance>::new());
    let (fv, rv, av) = (feed.value(), rule.value(), advance.value());
    let none = Signal::derive(|| None);
    let pick = move |t: &crate::domain::contest::LocalText| t.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default();
    let list = move |items: Vec<(String, crate::domain::contest::LocalText)>| {
        if items.is_empty() {
            view! { <p class="empty">{w(R::NoneYet)}</p> }.into_any()
        } else {
            view! { <ul>{items.into_iter().map(|(id, title)| view! { <li><a href=format!("/admin/contests/{id}/results#rounds")>{pick(&title)}</a></li> }).collect_view()}</ul> }.into_any()
        }
    };
    let kinds: Vec<(String, String)> = [("top".to_owned(), w(R::KindTop).to_owned()), ("min_score".to_owned(), w(R::KindMin).to_owned())]
        .into_iter()
        .chain([Award::GrandPrix, Award::First, Award::Second, Award::Third, Award::Mention].into_iter().map(|a| (format!("award:{}", a.as_str()), format!("{}{}", w(R::KindAward), t(award_msg(a))))))
        .collect();
    let boundaries = vec![("none".to_owned(), w(R::BoundaryNone).to_owned()), ("all".to_owned(), w(R::BoundaryAll).to_owned())];
    let rules = rounds.rules.clone();
    let rule_forms = detail.nominations.iter().map(|n| {
        let groups: Vec<(String, String)> = std::iter::once((String::new(), w(R::AllGroups).to_owned()))
            .chain(n.age_groups.iter().filter_map(|g| detail.age_groups.iter().find(|x| x.id == *g)).map(|g| (g.id.to_string(), pick(&g.name))))
            .collect();
        let current: Vec<String> = rules.iter().filter(|r| r.0 == n.id).map(|r| {
            let group = r.1.and_then(|g| detail.age_groups.iter().find(|x| x.id == g)).map_or_else(|| w(R::AllGroups).to_owned(), |g| pick(&g.name));
            let rule = match (r.2.as_str(), Award::parse(&r.3)) {
                ("award", Some(a)) => format!("{}{}", w(R::KindAward), t(award_msg(a))),
                ("min_score", _) => format!("{}: {}", w(R::KindMin), r.3),
                _ => format!("{}: {}", w(R::KindTop), r.3),
            };
            let boundary = w(if r.4 == "all" { R::BoundaryAll } else { R::BoundaryNone });
            format!("{group}: {rule}; {}: {boundary}", w(R::Boundary).to_lowercase())
        }).collect();
        let id = n.id.to_string();
        let (cid, kinds, boundaries) = (contest.clone(), kinds.clone(), boundaries.clone());
        view! {
            <div class="round-rule">
                <h4>{pick(&n.name)}</h4>
                {(!current.is_empty()).then(|| view! { <p class="hint">{w(R::Current)}{current.join("; ")}</p> })}
                <ActionForm action=rule attr:class="stack" attr:novalidate="">
                    <input type="hidden" name="contest" value=cid/>
                    <input type="hidden" name="nomination" value=id.clone()/>
                    <SelectField label=w(R::Group) name="age_group" id=format!("rule-group-{id}") options=groups selected=String::new() error=none/>
                    <SelectField label=w(R::Kind) name="kind" id=format!("rule-kind-{id}") options=kinds selected="top".to_owned() error=none/>
                    <TextField label=w(R::Value) name="value" id=format!("rule-value-{id}") required=false error=none/>
                    <SelectField label=w(R::Boundary) name="boundary" id=format!("rule-boundary-{id}") options=boundaries selected="none".to_owned() error=none/>
                    <SubmitButton label=w(R::SaveRule) pending=rule.pending()/>
                </ActionForm>
            </div>
        }
    }).collect_view();
    let advance_forms = rounds.feeds.clone().into_iter().map(|(target, title)| {
        let (c1, c2, t1, t2) = (contest.clone(), contest.clone(), target.clone(), target.clone());
        let (codes_id, reason_id) = (format!("codes-{target}"), format!("reason-{target}"));
        view! {
        <div class="round-advance">
            <h4>{pick(&title)}</h4>
            <ActionForm action=advance attr:class="inline-form">
                <input type="hidden" name="contest" value=c1/>
                <input type="hidden" name="target" value=t1/>
                <SubmitButton label=w(R::Advance) pending=advance.pending() class="button primary"/>
            </ActionForm>
            <ActionForm action=advance attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=c2/>
                <input type="hidden" name="target" value=t2/>
                <TextArea label=w(R::Codes) name="codes" id=codes_id error=field_error(av, Field::Code) rows=3/>
                <TextField label=w(R::Reason) name="reason" id=reason_id required=false error=field_error(av, Field::Reason)/>
                <SubmitButton label=w(R::AdvanceChosen) pending=advance.pending()/>
            </ActionForm>
        </div>
        }
    }).collect_view();
    view! {
        <section class="panel" id="rounds">
            <h2>{w(R::Rounds)}</h2>
            <p class="hint">{w(R::Intro)}</p>
            {use_query_map().with_untracked(|q| q.get("advanced").map(|a| (a, q.get("already").unwrap_or_default(), q.get("unplaced").filter(|u| !u.is_empty()).unwrap_or_else(|| "—".to_owned())))).map(|(a, b, u)| {
                view! { <p class="notice" role="status" id="advance-report">{fill(w(R::Report), &[("advanced", &a), ("already", &b), ("unplaced", &u)])}</p> }
            })}
            <FormError value=fv/>
            <FormError value=rv/>
            <FormError value=av/>
            <h3>{w(R::FedBy)}</h3>
            {list(rounds.fed_by.clone())}
            <ActionForm action=feed attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest.clone()/>
                <TextField label=w(R::Source) name="source" id="round-source" error=field_error(fv, Field::Code)/>
                <SubmitButton label=w(R::Add) pending=feed.pending()/>
            </ActionForm>
            <h3>{w(R::Feeds)}</h3>
            {list(rounds.feeds.clone())}
            <h3>{w(R::Who)}</h3>
            {rule_forms}
            {published.then_some(advance_forms)}
        </section>
    }
}

/// The appeals queue: each appeal with its reason, given to a judge who did not score the
/// work, then decided with a reply.
#[component]
fn AppealsSection(contest: String, appeals: Vec<crate::api::results::AdminAppeal>, closes: Option<crate::view::contests::Moment>, may_decide: bool) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: AppealText| x.text(lang);
    let assign = ServerAction::<AdminAssignAppeal>::new();
    let decide = ServerAction::<AdminDecideAppeal>::new();
    let (av, dv) = (assign.value(), decide.value());
    view! {
        <section class="panel" id="appeals">
            <h2>{w(AppealText::Appeals)}</h2>
            {closes.map(|m| view! { <p class="hint">{w(AppealText::Open)}<LocalTime moment=m/></p> })}
            <FormError value=av/>
            <FormError value=dv/>
            {appeals.is_empty().then(|| view! { <p class="empty">{w(AppealText::None)}</p> })}
            <ul class="appeals">
                {appeals.into_iter().map(|a| {
                    let open = matches!(a.state, AppealState::Filed | AppealState::Assigned) && !a.reviewed;
                    let decidable = a.state == AppealState::Assigned && a.reviewed && may_decide;
                    let options: Vec<(String, String)> = a.candidates.iter().map(|(id, name)| (id.to_string(), name.clone())).collect();
                    let none = Signal::derive(|| None);
                    let (c1, c2, e1, e2) = (contest.clone(), contest.clone(), a.entry.clone(), a.entry.clone());
                    let reply_id = format!("reply-{}", a.entry);
                    let judge_id = format!("judge-{}", a.entry);
                    view! {
                        <li class=format!("appeal appeal-{}", a.state.as_str())>
                            <p><span class="code">{a.code.clone()}</span>" «"{a.title.clone()}"» · "<strong class="appeal-state">{w(state_text(a.state))}</strong></p>
                            <p class="hint">{w(AppealText::FiledAt)}<LocalTime moment=a.filed_at/></p>
                            <blockquote class="appeal-reason">{a.reason.clone()}</blockquote>
                            {a.reviewer.clone().map(|r| view! { <p class="hint">{w(AppealText::Judge)}{r}" — "{w(if a.reviewed { AppealText::Reviewed } else { AppealText::Waiting })}</p> })}
                            {a.reply.clone().map(|r| view! { <p class="appeal-reply"><strong>{w(AppealText::ReplyHeading)}": "</strong>{r}</p> })}
                            {(open && options.is_empty()).then(|| view! { <p class="notice warn">{w(AppealText::NoJudge)}</p> })}
                            {(open && !options.is_empty()).then(|| view! {
                                <ActionForm action=assign attr:class="inline-form">
                                    <input type="hidden" name="contest" value=c1/>
                                    <input type="hidden" name="entry" value=e1/>
                                    <SelectField label=w(AppealText::GiveTo) name="judge" id=judge_id options selected=String::new() error=none/>
                                    <SubmitButton label=w(AppealText::Give) pending=assign.pending()/>
                                </ActionForm>
                            })}
                            {decidable.then(|| view! {
                                <ActionForm action=decide attr:class="stack" attr:novalidate="">
                                    <input type="hidden" name="contest" value=c2/>
                                    <input type="hidden" name="entry" value=e2/>
                                    <TextArea label=w(AppealText::Reply) name="reply" id=reply_id error=field_error(dv, Field::Reply)/>
                                    <div class="score-buttons">
                                        <button type="submit" name="verdict" value="upheld" class="button primary">{w(AppealText::Uphold)}</button>
                                        <button type="submit" name="verdict" value="rejected" class="button">{w(AppealText::Reject)}</button>
                                    </div>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn RevokeForm(contest: String) -> impl IntoView {
    let action = ServerAction::<AdminRevokeDocument>::new();
    let value = action.value();
    view! {
        <section class="panel" id="revoke">
            <h2>{t(Msg::RevokeTitle)}</h2>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest/>
                <TextField label=Msg::VerifyCode name="code" id="revoke-code" error=field_error(value, Field::Code)/>
                <TextField label=Msg::FieldReason name="reason" id="revoke-reason" error=field_error(value, Field::Reason)/>
                <SubmitButton label=Msg::RevokeButton pending=action.pending() class="button danger"/>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let code = move || params.with(|p| p.get("code")).or_else(|| query.with(|q| q.get("code"))).unwrap_or_default();
    let doc = Resource::new_blocking(code, |c| async move { if c.is_empty() { Err(AppError::NotFound) } else { verify_document(c).await } });
    view! {
        <Title text=t(Msg::VerifyTitle)/>
        <h1>{t(Msg::VerifyTitle)}</h1>
        <form method="get" action="/verify" class="inline-form verify-form">
            <label for="verify-code">{t(Msg::VerifyCode)}</label>" "
            <input id="verify-code" name="code" value=code() autocomplete="off"/>" "
            <button type="submit" class="button">{t(Msg::VerifyButton)}</button>
        </form>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match doc.await {
                    Ok(v) => view! { <Verified v/> }.into_any(),
                    Err(_) if code().is_empty() => ().into_any(),
                    // Too many lookups from this address: the wait, with its status.
                    Err(e @ AppError::TooManyRequests { .. }) => view! { <super::LoadError error=e/> }.into_any(),
                    Err(_) => view! { <p class="form-error verify-unknown" role="alert">{t(Msg::VerifyUnknown)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Verified(v: Verification) -> impl IntoView {
    let kind = match v.kind.as_str() {
        "diploma" => t(Msg::DocHeadingDiploma),
        "thanks" => t(Msg::DocHeadingThanks),
        "audience" => crate::view::audience::AudienceText::DocHeading.text(crate::components::use_lang()),
        _ => t(Msg::DocHeadingCertificate),
    };
    view! {
        {match v.revoked.clone() {
            Some(reason) => view! { <p class="form-error verify-revoked" role="alert">{fill(t(Msg::VerifyRevoked), &[("reason", &reason)])}</p> }.into_any(),
            None => view! { <p class="notice verify-valid" role="status">{t(Msg::VerifyValid)}</p> }.into_any(),
        }}
        <dl class="facts">
            <dt>{t(Msg::VerifyCode)}</dt><dd class="code">{v.code.clone()}</dd>
            <dt>{kind}</dt><dd>{Award::parse(&v.award).filter(|a| *a != Award::Certificate).map(|a| t(award_msg(a))).unwrap_or("")}</dd>
            <dt>{t(Msg::FieldParticipant)}</dt><dd class="holder">{v.holder.clone()}</dd>
            <dt>{t(Msg::NavHome)}</dt><dd><Localized text=v.contest.clone() quiet=true/></dd>
            <dt>{t(Msg::FieldNomination)}</dt><dd><Localized text=v.nomination.clone() quiet=true/></dd>
            <dt>{t(Msg::ResultsPublishedAt)}</dt><dd><LocalTime moment=v.issued day=true/></dd>
        </dl>
    }
}

//! The public side of contests: the list with filters (the home page) and a contest's page
//! with rules, nominations, age groups, rubric, timeline, countdown and awards.

use crate::domain::ids::AgeGroupId;
use super::LoadError;
use crate::api::contests::{ContestDetail, ContestSummary, CriterionView, get_contest, list_contests};
use crate::components::contest::{Countdown, LocalTime, Localized, PageScript, ZoneNote, kind_label, level_label, phase_label, shared_zone};
use crate::components::{t, use_lang};
use crate::domain::contest::{Aggregation, GrandPrix, Level, Phase, weight_shares};
use crate::i18n::{Msg, Plural, fill};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let filters = move || query.with(|q| (q.get("level").filter(|s| !s.is_empty()), q.get("when").filter(|s| !s.is_empty())));
    let page = move || query.with(|q| q.get("page"));
    let contests = Resource::new_blocking(move || (filters(), page()), |((level, when), page)| list_contests(level, when, page));
    let lang = use_lang();
    view! {
        <Title text=t(Msg::HomeTitle)/>
        {super::query_flag("deleted").then(|| view! { <crate::components::form::Notice msg=Msg::AccountDeleted/> })}
        <section class="hero">
            <h1>{t(Msg::HomeTitle)}</h1>
            <p class="lead">{t(Msg::HomeIntro)}</p>
        </section>
        <Filters/>
        <Suspense fallback=|| view! { <p>{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                let filtered = filters().0.is_some() || filters().1.is_some();
                match contests.await {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(list) if list.items.is_empty() => {
                        let msg = if filtered { Msg::ContestsNoneMatch } else { Msg::ContestsEmpty };
                        view! { <p class="empty">{t(msg)}</p> }.into_any()
                    }
                    Ok(list) => view! {
                        <p class="count">{Plural::Contests.format(lang, list.total as u64)}</p>
                        {shared_zone(&list.items).map(|(zone, offset)| view! { <ZoneNote zone offset/> })}
                        <ul class="cards">
                            {
                                let own_zone = shared_zone(&list.items).is_none();
                                let now = list.now;
                                list.items.into_iter().map(|c| view! { <ContestCard contest=c now own_zone/> }).collect_view()
                            }
                        </ul>
                        <Pager page=list.page pages=list.pages/>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// Previous / next links that keep the filters.
#[component]
fn Pager(page: usize, pages: usize) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let href = move |p: usize| {
        let mut parts: Vec<String> = query.with_untracked(|q| {
            ["level", "when"].iter().filter_map(|k| q.get(k).filter(|v| !v.is_empty()).map(|v| format!("{k}={v}"))).collect()
        });
        parts.push(format!("page={p}"));
        format!("/?{}", parts.join("&"))
    };
    (pages > 1).then(|| view! {
        <nav class="pager" aria-label=t(Msg::PagerLabel)>
            {(page > 1).then(|| view! { <a class="button small" rel="prev" href=href(page - 1)>{t(Msg::PagerPrev)}</a> })}
            <span class="pager-status">{fill(Msg::PagerStatus.text(lang), &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
            {(page < pages).then(|| view! { <a class="button small" rel="next" href=href(page + 1)>{t(Msg::PagerNext)}</a> })}
        </nav>
    })
}

/// A plain GET form: works without JavaScript, and the URL can be shared.
#[component]
fn Filters() -> impl IntoView {
    let query = use_query_map();
    let level = query.with_untracked(|q| q.get("level").unwrap_or_default());
    let when = query.with_untracked(|q| q.get("when").unwrap_or_default());
    let whens = [("", Msg::FilterAll), ("current", Msg::FilterCurrent), ("upcoming", Msg::FilterUpcoming), ("past", Msg::FilterPast)];
    view! {
        <form class="filters" method="get" action="/">
            <div class="field">
                <label for="filter-level">{t(Msg::FilterLevel)}</label>
                <select id="filter-level" name="level">
                    <option value="" selected=level.is_empty()>{t(Msg::FilterAll)}</option>
                    {Level::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.as_str() selected=level == l.as_str()>{t(level_label(l))}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-when">{t(Msg::FilterWhen)}</label>
                <select id="filter-when" name="when">
                    {whens.into_iter().map(|(v, m)| view! { <option value=v selected=when == v>{t(m)}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t(Msg::FilterApply)}</button>
        </form>
    }
}

#[component]
fn PhaseBadge(phase: Phase) -> impl IntoView {
    view! { <span class=format!("phase phase-{}", phase.as_str())>{t(phase_label(phase))}</span> }
}

#[component]
fn ContestCard(contest: ContestSummary, now: i64, own_zone: bool) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/contests/{}", contest.public_id);
    let key_date = match contest.phase {
        Phase::Announced => contest.opens.map(|m| (Msg::TimelineOpens, m)),
        Phase::Open => contest.closes.map(|m| (Msg::TimelineCloses, m)),
        Phase::Judging | Phase::Results => contest.results.map(|m| (Msg::TimelineResults, m)),
        _ => None,
    };
    view! {
        <li class="card">
            {contest.poster.clone().map(|p| view! {
                <img class="card-poster" src=p.card.clone() srcset=format!("{} 640w, {} 1280w", p.card, p.page) sizes="(max-width: 699px) 100vw, 22rem" alt="" loading="lazy" width="640" height="360"/>
            })}
            <p class="card-meta"><PhaseBadge phase=contest.phase/>" "<span class="level">{t(level_label(contest.level))}</span></p>
            <h2><a href=href.clone()><Localized text=contest.title.clone() quiet=true/></a></h2>
            <Localized text=contest.description.clone() tag="p" class="card-text" quiet=true/>
            {key_date.map(|(label, m)| {
                let zone = own_zone.then(|| format!(" ({})", crate::i18n::dates::zone_name(&contest.time_zone, m.offset, lang)));
                view! {
                    <p class="card-date">{t(label)}": "<LocalTime moment=m/>{zone}<br/><span class="hint relative">{crate::i18n::dates::relative(now, m.utc, lang)}</span></p>
                }
            })}
            <p><a class="button small" href=href>{t(Msg::ContestMore)}</a></p>
        </li>
    }
}

crate::server_texts! {
    /// The contest page's words that only the server writes (see `server_texts!`).
    enum ContestText {
        ShortLink { kk: "Қысқа сілтеме:", ru: "Короткая ссылка:", en: "Short link:" }
        PrintPoster { kk: "Басып шығаруға арналған афиша (PDF, QR кодтарымен):", ru: "Афиша для печати (PDF, с QR-кодами):", en: "Poster to print (PDF, with QR codes):" }
    }
}

/// What a link to the contest shows when shared (Open Graph, read by messengers and social
/// sites), and the contest's own icon: both from its poster, else the organiser's logo.
fn share_tags(s: &ContestSummary, title: &str, lang: crate::i18n::Lang) -> impl IntoView + use<> {
    use leptos_meta::{Link, Meta};
    let brand = crate::components::brand(lang);
    let base = brand.url.clone();
    let url = format!("{base}/contests/{}", s.slug.as_deref().unwrap_or(&s.public_id));
    let description = s.description.pick(lang).map(|(d, _)| d.chars().take(200).collect::<String>()).unwrap_or_default();
    let image = s.poster.as_ref().map(|p| format!("{base}{}", p.social)).or_else(|| brand.logo.as_ref().map(|l| format!("{base}{l}")));
    let icon = s.poster.as_ref().map(|p| p.icon.clone());
    let site = brand.name.clone().unwrap_or_else(|| t(Msg::AppName).to_owned());
    let large = s.poster.is_some();
    view! {
        <Meta property="og:type" content="website"/>
        <Meta property="og:site_name" content=site/>
        <Meta property="og:title" content=title.to_owned()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta name="description" content=description/>
        <Meta property="og:url" content=url/>
        <Meta property="og:locale" content=lang.code()/>
        {image.map(|image| view! {
            <Meta property="og:image" content=image.clone()/>
            <Meta name="twitter:image" content=image/>
        })}
        {large.then(|| view! {
            <Meta property="og:image:width" content="1200"/>
            <Meta property="og:image:height" content="630"/>
        })}
        <Meta name="twitter:card" content=if large { "summary_large_image" } else { "summary" }/>
        {icon.map(|icon| view! { <Link rel="icon" href=icon type_="image/png"/> })}
    }
}

#[component]
pub fn ContestPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let contest = Resource::new_blocking(id, get_contest);
    view! {
        {loaded!(contest, |c: ContestDetail| view! { <ContestView contest=c/> })}
    }
}

#[component]
fn ContestView(contest: ContestDetail) -> impl IntoView {
    let lang = use_lang();
    let c = contest;
    let s = c.summary.clone();
    let title_text = s.title.pick(lang).map(|(t, _)| t.to_owned()).unwrap_or_default();
    let draft = (s.phase == Phase::Draft).then(|| view! { <div class="notice warn" role="status">{t(Msg::ContestDraftBanner)}</div> });
    let countdown = c.milestone.map(|m| view! { <Countdown milestone=m server_now=c.now/> });
    let timeline = [
        (Msg::TimelineOpens, s.opens),
        (Msg::TimelineCloses, c.summary.closes),
        (Msg::TimelineJudgingEnds, c.judging_end),
        (Msg::TimelineResults, s.results),
    ];
    let zone_offset = [s.opens, s.closes, c.judging_end, s.results].into_iter().flatten().next().map(|m| m.offset);
    let early = c.closed_early.map(|m| view! { <li><span>{t(Msg::TimelineClosedEarly)}</span>" "<LocalTime moment=m/></li> });
    let age_groups = c.age_groups.clone();
    let group_name = move |id: AgeGroupId| age_groups.iter().find(|a| a.id == id).cloned();
    let share = share_tags(&s, &title_text, lang);
    view! {
        <Title text=title_text/>
        {share}
        {draft}
        <article class="contest">
            <p class="card-meta"><PhaseBadge phase=s.phase/>" "<span class="level">{t(level_label(s.level))}</span></p>
            <Localized text=s.title.clone() tag="h1"/>
            {s.poster.clone().map(|p| view! {
                <img class="poster" src=p.page.clone() srcset=format!("{} 640w, {} 1280w", p.card, p.page) sizes="(max-width: 699px) 100vw, 48rem" alt=t(Msg::PosterAlt)/>
            })}
            <Localized text=s.description.clone() tag="p" class="lead"/>
            {countdown}
            {s.published.then(|| view! {
                <p class="cta"><a class="button primary" id="results-link" href=format!("/contests/{}/results", s.public_id)>{t(Msg::ResultsTitle)}</a></p>
            })}
            {s.gallery.then(|| view! {
                <p class="cta"><a class="button" id="gallery-link" href=format!("/contests/{}/gallery", s.slug.clone().unwrap_or_else(|| s.public_id.clone()))>{crate::view::gallery::GalleryText::Link.text(lang)}</a></p>
            })}
            {(s.phase == Phase::Open).then(|| view! {
                <p class="cta"><a class="button primary" id="submit-work" href=format!("/contests/{}/submit", s.public_id)>{t(Msg::SubmitWork)}</a></p>
            })}
            <p class="print-only-hide">
                <PrintButton/>
            </p>
            {s.slug.clone().map(|slug| {
                let base = crate::components::brand(lang).url;
                let shown = base.split_once("://").map_or(base.as_str(), |(_, rest)| rest).to_owned();
                view! {
                    <p class="short-link hint">{ContestText::ShortLink.text(lang)}" "<a href=format!("/{slug}")>{format!("{shown}/{slug}")}</a></p>
                }
            })}
            <p class="print-poster hint">
                {ContestText::PrintPoster.text(lang)}
                {crate::i18n::Lang::ALL.into_iter().map(|l| view! {
                    " "<a href=format!("/contests/{}/poster.pdf?lang={}", s.public_id, l.code()) hreflang=l.code() lang=l.code()>{l.native_name()}</a>
                }).collect_view()}
            </p>

            <section class="panel" id="timeline">
                <h2>{t(Msg::ContestTimeline)}</h2>
                <ul class="timeline">
                    {timeline
                        .into_iter()
                        .filter_map(|(label, m)| m.map(|m| view! { <li><span>{t(label)}</span>" "<LocalTime moment=m/></li> }))
                        .collect_view()}
                    {early}
                </ul>
                {zone_offset.map(|offset| view! { <ZoneNote zone=s.time_zone.clone() offset/> })}
            </section>

            {(!c.rules.is_empty()).then(|| view! {
                <section class="panel" id="rules">
                    <h2>{t(Msg::ContestRules)}</h2>
                    <Localized text=c.rules.clone() tag="div" class="rules-text"/>
                </section>
            })}

            <section class="panel" id="nominations">
                <h2>{t(Msg::ContestNominations)}</h2>
                <ul class="nominations">
                    {c.nominations.iter().map(|n| {
                        let kinds = n.rules.kinds.iter().map(|k| t(kind_label(*k))).collect::<Vec<_>>().join(", ");
                        let rules = fill(Msg::WorkRulesText.text(lang), &[
                            ("kinds", &kinds),
                            ("mb", &n.rules.max_file_mb.to_string()),
                            ("files", &n.rules.max_files.to_string()),
                            ("entries", &n.rules.max_entries_per_participant.to_string()),
                        ]);
                        let groups = n.age_groups.iter().filter_map(|id| group_name(*id)).map(|g| {
                            view! { <li><Localized text=g.name quiet=true/></li> }
                        }).collect_view();
                        let own_rubric = (!n.rubric.is_empty()).then(|| view! {
                            <h4>{t(Msg::RubricForNomination)}</h4>
                            <RubricList criteria=n.rubric.clone()/>
                        });
                        view! {
                            <li class="nomination">
                                <Localized text=n.name.clone() tag="h3"/>
                                <p class="hint">{rules}</p>
                                {(!n.age_groups.is_empty()).then(|| view! { <ul class="tags">{groups}</ul> })}
                                {own_rubric}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>

            {(!c.age_groups.is_empty()).then(|| {
                let cutoff = c.age_cutoff.clone().map(|d| fill(Msg::AgeCutoffText.text(lang), &[("date", &d)]));
                view! {
                    <section class="panel" id="age-groups">
                        <h2>{t(Msg::ContestAgeGroups)}</h2>
                        <ul class="age-groups">
                            {c.age_groups.iter().cloned().map(|g| {
                                // Never "6–9 жас: 6–9 жас": a name that shows its range stands
                                // alone; a name that is only the numbers gives way to the range.
                                let shown = g.name.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default();
                                let range = fill(Msg::AgeRangeText.text(lang), &[("min", &g.range.min.to_string()), ("max", &g.range.max.to_string())]);
                                match (g.range.named_in(&shown), shown.chars().any(char::is_alphabetic)) {
                                    (true, true) => view! { <li><Localized text=g.name quiet=true/></li> }.into_any(),
                                    (true, false) => view! { <li>{range}</li> }.into_any(),
                                    (false, _) => view! { <li><Localized text=g.name quiet=true/>": "{range}</li> }.into_any(),
                                }
                            }).collect_view()}
                        </ul>
                        {cutoff.map(|c| view! { <p class="hint">{c}</p> })}
                    </section>
                }
            })}

            {(!c.rubric.is_empty()).then(|| view! {
                <section class="panel" id="rubric">
                    <h2>{t(Msg::ContestRubric)}</h2>
                    <RubricList criteria=c.rubric.clone()/>
                    <p class="hint">{t(Msg::FieldAggregation)}": "{t(aggregation_label(c.aggregation))}{c.normalise.then(|| view! { ". "{t(Msg::FieldNormalise)} })}</p>
                </section>
            })}

            <section class="panel" id="awards">
                <h2>{t(Msg::ContestAwards)}</h2>
                <AwardsText awards=c.awards/>
            </section>

            {(!s.organiser_name.is_empty() || !c.organiser_contacts.is_empty()).then(|| view! {
                <section class="panel" id="organiser">
                    <h2>{t(Msg::ContestOrganiser)}</h2>
                    <p>{s.organiser_name.clone()}</p>
                    <p class="contacts">{c.organiser_contacts.clone()}</p>
                </section>
            })}
        </article>
    }
}

pub fn aggregation_label(a: Aggregation) -> Msg {
    match a {
        Aggregation::Mean => Msg::AggMean,
        Aggregation::TrimmedMean => Msg::AggTrimmedMean,
        Aggregation::Median => Msg::AggMedian,
    }
}

#[component]
pub fn RubricList(criteria: Vec<CriterionView>) -> impl IntoView {
    let lang = use_lang();
    let shares = weight_shares(&criteria.iter().map(|c| c.rules.weight).collect::<Vec<_>>());
    view! {
        <ol class="rubric">
            {criteria.into_iter().zip(shares).map(|(c, share)| view! {
                <li>
                    <Localized text=c.name.clone() class="criterion-name" quiet=true/>
                    " — "{fill(Msg::CriterionMaxPoints.text(lang), &[("n", &c.rules.max_points.to_string())])}
                    ", "{fill(Msg::CriterionWeight.text(lang), &[("n", &format!("{share:.0}"))])}
                    <Localized text=c.description.clone() tag="p" class="hint" quiet=true/>
                </li>
            }).collect_view()}
        </ol>
    }
}

#[component]
fn AwardsText(awards: crate::domain::contest::AwardScheme) -> impl IntoView {
    let lang = use_lang();
    let gp = match awards.grand_prix {
        GrandPrix::None => None,
        GrandPrix::Contest => Some(Msg::AwardGrandPrixContest),
        GrandPrix::Nomination => Some(Msg::AwardGrandPrixNomination),
    };
    let n = |v: u32| v.to_string();
    view! {
        {gp.map(|m| view! { <p>{t(m)}</p> })}
        <p>{fill(Msg::AwardPlaces.text(lang), &[("first", &n(awards.first)), ("second", &n(awards.second)), ("third", &n(awards.third)), ("mentions", &n(awards.mentions))])}</p>
        {awards.participant_certificates.then(|| view! { <p>{t(Msg::AwardCertificates)}</p> })}
        {awards.min_score.map(|m| view! { <p>{fill(Msg::AwardMinScore.text(lang), &[("n", &m.to_string())])}</p> })}
    }
}

/// Prints the page (hidden without JavaScript, where the browser's own menu does it).
#[component]
fn PrintButton() -> impl IntoView {
    view! {
        <button type="button" class="button small print-button" hidden=true>{t(Msg::ContestPrint)}</button>
        <PageScript code="(() => {\
const b = document.currentScript.previousElementSibling;\
b.hidden = false;\
b.addEventListener('click', () => window.print());\
})();"/>
    }
}

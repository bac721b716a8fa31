//! The audience award's pages (`service::audience`): the vote on a gallery work, the page a
//! voting link opens, the published winners, and the organisers' page (window, tally,
//! groups and bursts to look at, voiding, publication). Server-rendered only; words in
//! `view::audience::AudienceText`.

use crate::api::audience::{AdminPublishAudience, AdminVoidVotes, AdminAudienceSettings, ConfirmVote, RequestVote, admin_audience, get_ballot};
use crate::components::contest::{LocalTime, Localized};
use crate::components::form::{FormError, SelectField, SubmitButton, TextField, field_error, saved_notice};
use crate::components::use_lang;
use crate::domain::audience::{CountShown, Phase};
use crate::error::Field;
use crate::i18n::{Lang, fill};
use crate::view::audience::{AudienceResults, AudienceReview, AudienceText as A, BallotState, BallotView, GroupView, VoteState, count_words};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{param, pick};

/// A work's count as the public may see it now.
pub fn vote_count(votes: Option<crate::domain::audience::PublicCount>, lang: Lang) -> impl IntoView {
    votes.map(|c| view! { <p class="hint vote-count">{count_words(c, lang)}</p> })
}

/// The vote on a gallery work's page: when it opens, the form while open, when it ends.
#[component]
pub fn VotePanel(contest: String, no: i64, vote: VoteState) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: A| x.text(lang);
    let action = ServerAction::<RequestVote>::new();
    let value = action.value();
    let said = use_query_map().with_untracked(|q| q.get("vote"));
    let notice = match said.as_deref() {
        Some("sent") => Some(w(A::Sent)),
        Some("counted") => Some(w(A::Counted)),
        _ => None,
    };
    let body = match vote.phase {
        Phase::Before => view! { <p class="hint">{w(A::Opens)}{vote.opens.map(|m| view! { <LocalTime moment=m/> })}</p> }.into_any(),
        Phase::Closed => view! { <p class="hint" id="vote-ended">{w(A::Ended)}</p> }.into_any(),
        Phase::Open => view! {
            <p class="hint">{w(A::Intro)}</p>
            <p class="hint">{w(A::Closes)}{vote.closes.map(|m| view! { <LocalTime moment=m/> })}</p>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:id="vote-form" attr:novalidate="">
                <input type="hidden" name="contest" value=contest/>
                <input type="hidden" name="no" value=no.to_string()/>
                <TextField label=w(A::Email) name="email" id="vote-email" kind="email" autocomplete="email" maxlength=254 error=field_error(value, Field::Email)/>
                <p class="hint">{w(A::EmailHint)}</p>
                <SubmitButton label=w(A::Vote) pending=action.pending()/>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <section class="panel" id="vote">
            <h2>{w(A::Title)}</h2>
            {notice.map(|n| view! { <p class="notice" role="status" id="vote-notice">{n}</p> })}
            {body}
        </section>
    }
}

/// The published audience award: its winners per nomination × age group.
#[component]
pub fn AudienceWinners(results: AudienceResults) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: A| x.text(lang);
    let contest = results.contest.clone();
    view! {
        <section class="panel" id="audience-award">
            <h2>{w(A::Title)}</h2>
            {results.groups.into_iter().map(|(nomination, group, winners)| view! {
                <h3><Localized text=nomination/>{group.map(|g| view! { " · "<Localized text=g/> })}</h3>
                <ul class="audience-winners">
                    {winners.into_iter().map(|x| view! {
                        <li><a href=format!("/contests/{contest}/gallery/{}", x.no)>{x.title}</a>" — "{x.author}" · "{count_words(crate::domain::audience::PublicCount::Exact(x.votes), lang)}</li>
                    }).collect_view()}
                </ul>
            }).collect_view()}
        </section>
    }
}

/// `/vote?token=…`: the page a voting link opens; the vote counts only when confirmed here
/// (a mail scanner that opens links casts nothing).
#[component]
pub fn VotePage() -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    let data = Resource::new_blocking(move || token.clone(), get_ballot);
    view! { {loaded!(data, |b: BallotView| view! { <BallotPanel b/> })} }
}

#[component]
fn BallotPanel(b: BallotView) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: A| x.text(lang);
    let action = ServerAction::<ConfirmVote>::new();
    let value = action.value();
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    let why = match b.state {
        BallotState::Ready => None,
        BallotState::Spent => Some(A::Spent),
        BallotState::Closed => Some(A::Closed),
        BallotState::Voided => Some(A::Voided),
        BallotState::Gone => Some(A::Gone),
    };
    // A link that can no longer vote says so in its status too: gone for good (used, expired,
    // the vote closed, the work withdrawn), or refused to a voter whose vote was voided.
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        match b.state {
            BallotState::Ready => {}
            BallotState::Voided => res.set_status(http::StatusCode::FORBIDDEN),
            BallotState::Spent | BallotState::Closed | BallotState::Gone => res.set_status(http::StatusCode::GONE),
        }
    }
    let work = (b.no > 0).then(|| {
        view! {
            <p>{w(A::ConfirmFor)}</p>
            <p class="ballot-work"><strong>{b.title.clone()}</strong></p>
            <p class="hint"><Localized text=b.nomination.clone()/>{b.age_group.clone().map(|g| view! { " · "<Localized text=g/> })}" · "{pick(&b.contest_title)}</p>
        }
    });
    view! {
        <Title text=w(A::ConfirmTitle)/>
        <section class="narrow" id="ballot">
            <h1>{w(A::ConfirmTitle)}</h1>
            {work}
            {(!b.email.is_empty()).then(|| view! { <p class="hint">{w(A::ConfirmAs)}{b.email.clone()}</p> })}
            {b.replaces.clone().map(|t| view! { <p class="notice" id="ballot-replaces">{fill(w(A::Replaces), &[("title", &t)])}</p> })}
            {why.map(|x| view! { <p class="notice warn" role="status" id="ballot-state">{w(x)}</p> })}
            <FormError value/>
            {(b.state == BallotState::Ready).then(|| view! {
                <ActionForm action attr:class="stack" attr:id="ballot-form">
                    <input type="hidden" name="token" value=token.clone()/>
                    <SubmitButton label=w(A::ConfirmButton) pending=action.pending()/>
                </ActionForm>
            })}
            {b.closes.filter(|_| b.state == BallotState::Ready).map(|m| view! { <p class="hint">{w(A::Closes)}<LocalTime moment=m/></p> })}
            {(b.no > 0).then(|| view! { <p><a href=format!("/contests/{}/gallery/{}", b.contest, b.no)>{w(A::BackToWork)}</a></p> })}
        </section>
    }
}

/// `/admin/contests/:id/audience`: the organisers' page of the audience award.
#[component]
pub fn AudienceAdminPage() -> impl IntoView {
    let id = param("id");
    let data = Resource::new_blocking(id, admin_audience);
    view! { {loaded!(data, |r: AudienceReview| view! { <AudienceAdmin r/> })} }
}

#[component]
fn AudienceAdmin(r: AudienceReview) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: A| x.text(lang);
    let published = r.state.as_ref().is_some_and(|s| s.published);
    let closed = r.state.as_ref().is_some_and(|s| s.phase == Phase::Closed);
    view! {
        <Title text=format!("{} · {}", w(A::Manage), pick(&r.title))/>
        <p class="hint"><a href=format!("/admin/contests/{}/results", r.contest)>{pick(&r.title)}</a></p>
        <h1>{w(A::Manage)}</h1>
        <AudienceSettingsForm r=r.clone()/>
        {r.state.is_some().then(|| view! {
            <section class="panel" id="audience-tally">
                <h2>{w(A::Tally)}</h2>
                <p id="audience-total">{fill(w(A::Total), &[("n", &r.total.to_string())])}</p>
                {r.tally.iter().cloned().map(|g| view! {
                    <h3><Localized text=g.nomination/>{g.age_group.map(|a| view! { " · "<Localized text=a/> })}</h3>
                    <ol class="audience-tally">
                        {g.works.into_iter().map(|x| view! {
                            <li class:winner=x.winner><a href=format!("/contests/{}/gallery/{}", r.address, x.no)>{x.title}</a>": "{x.votes}</li>
                        }).collect_view()}
                    </ol>
                }).collect_view()}
            </section>
            <GroupsPanel contest=r.contest.clone() groups=r.groups.clone() published/>
            <section class="panel" id="audience-bursts">
                <h2>{w(A::Bursts)}</h2>
                {r.bursts.iter().map(|b| view! {
                    <p class="flagged">{fill(w(A::BurstLine), &[("title", &b.title), ("votes", &b.votes.to_string())])}" · "{b.from.map(|m| view! { <LocalTime moment=m/> })}</p>
                }).collect_view()}
            </section>
            <section class="panel" id="audience-voided">
                <h2>{w(A::VoidedVotes)}</h2>
                {r.voided.iter().map(|(reason, n)| view! { <p>{fill(w(A::VoidedLine), &[("n", &n.to_string()), ("reason", reason)])}</p> }).collect_view()}
            </section>
            <PublishPanel contest=r.contest.clone() published closed/>
        })}
    }
}

#[component]
fn AudienceSettingsForm(r: AudienceReview) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: A| x.text(lang);
    let action = ServerAction::<AdminAudienceSettings>::new();
    let value = action.value();
    let counts: Vec<(String, String)> = [(CountShown::Hidden, A::CountHidden), (CountShown::Rounded, A::CountRounded)].into_iter().map(|(c, l)| (c.as_str().to_owned(), w(l).to_owned())).collect();
    let remove = ServerAction::<AdminAudienceSettings>::new();
    let contest = r.contest.clone();
    let removal = r.state.is_some().then(|| view! {
        <ActionForm action=remove attr:class="inline-form">
            <input type="hidden" name="contest" value=contest/>
            <input type="hidden" name="vote" value="off"/>
            <button type="submit" class="button danger small">{w(A::Remove)}</button>
        </ActionForm>
    });
    view! {
        <section class="panel" id="audience-settings">
            <h2>{w(A::Settings)}</h2>
            <p class="hint">{w(A::SettingsHint)}</p>
            {(!r.gallery).then(|| view! { <p class="notice">{w(A::NeedsGallery)}</p> })}
            {saved_notice("audience-settings")}
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=r.contest.clone()/>
                <input type="hidden" name="vote" value="on"/>
                <TextField label=w(A::OpensAt) name="opens" id="audience-opens" kind="datetime-local" value=r.opens.clone() error=field_error(value, Field::Open)/>
                <TextField label=w(A::ClosesAt) name="closes" id="audience-closes" kind="datetime-local" value=r.closes.clone() error=field_error(value, Field::Close)/>
                <SelectField label=w(A::CountLabel) name="count" id="audience-count" options=counts selected=r.count.as_str().to_owned() error=field_error(value, Field::Mode)/>
                <SubmitButton label=w(A::Save) pending=action.pending()/>
            </ActionForm>
            {removal}
        </section>
    }
}

#[component]
fn GroupsPanel(contest: String, groups: Vec<GroupView>, published: bool) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: A| x.text(lang);
    let action = ServerAction::<AdminVoidVotes>::new();
    let value = action.value();
    view! {
        <section class="panel" id="audience-groups">
            <h2>{w(A::Groups)}</h2>
            <p class="hint">{w(A::GroupsHint)}</p>
            {saved_notice("audience-groups")}
            <FormError value/>
            {groups.is_empty().then(|| view! { <p class="empty">{w(A::NoGroups)}</p> })}
            {groups.into_iter().map(|g| { let contest = contest.clone(); view! {
                <div class="audience-group" class:flagged=g.flagged>
                    <p>
                        {g.flagged.then(|| view! { <span class="badge danger">{w(A::Flagged)}</span>" " })}
                        {fill(w(A::GroupLine), &[("network", &g.network), ("votes", &g.votes.to_string()), ("top", &g.top_votes.to_string()), ("title", &g.top_title)])}
                        " · "{g.from_at.map(|m| view! { <LocalTime moment=m/> })}" – "{g.to_at.map(|m| view! { <LocalTime moment=m/> })}
                    </p>
                    {(!published).then(|| view! {
                        <ActionForm action attr:class="inline-form" attr:novalidate="">
                            <input type="hidden" name="contest" value=contest.clone()/>
                            <input type="hidden" name="network" value=g.network.clone()/>
                            <input type="hidden" name="from" value=g.from.to_string()/>
                            <input type="hidden" name="to" value=g.to.to_string()/>
                            <TextField label=w(A::Reason) name="reason" id=format!("reason-{}-{}", g.network, g.from) maxlength=500 error=field_error(value, Field::Reason)/>
                            <button type="submit" class="button danger small">{w(A::VoidButton)}</button>
                        </ActionForm>
                    })}
                </div>
            }}).collect_view()}
        </section>
    }
}

#[component]
fn PublishPanel(contest: String, published: bool, closed: bool) -> impl IntoView {
    let lang = use_lang();
    let w = move |x: A| x.text(lang);
    let action = ServerAction::<AdminPublishAudience>::new();
    let value = action.value();
    view! {
        <section class="panel" id="audience-publish">
            <h2>{w(A::Publish)}</h2>
            {if published {
                view! { <p class="notice" id="audience-published">{w(A::Published)}</p> }.into_any()
            } else {
                view! {
                    <p class="hint">{w(A::PublishHint)}</p>
                    <FormError value/>
                    {closed.then(|| view! {
                        <ActionForm action attr:class="inline-form">
                            <input type="hidden" name="contest" value=contest.clone()/>
                            <button type="submit" class="button primary">{w(A::Publish)}</button>
                        </ActionForm>
                    })}
                }
                .into_any()
            }}
        </section>
    }
}

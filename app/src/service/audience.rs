//! The audience award (`domain::audience`): the organisers' window, a vote asked for on a
//! gallery work (a one-time link mailed to the voter) and counted when the link is
//! confirmed, the counts the public sees, the fraud review (groups, bursts, voiding with a
//! logged reason) and the publication that issues the audience diplomas.

use super::OrInternal;
use super::contests::Moments;
use crate::backend::auth::{CurrentAccount, new_token, token_hash};
use crate::backend::db::audience::{self as adb, AudienceDocument, AwardRow, Cast, NewVote, RequestRow};
use crate::backend::db::contests::ContestRow;
use crate::backend::{AppState, db, ids, security, zone};
use crate::domain::audience::{self as rules, Ballot, CountShown, Phase, Window};
use crate::domain::audit::Action;
use crate::domain::contest::LocalText;
use crate::domain::ids::EntryId;
use crate::error::{AppError, Field};
use crate::i18n::{Msg, fill};
use crate::view::audience::{AudienceResults, AudienceReview, AudienceText as A, AudienceWinner, BallotState, BallotView, BurstView, GroupView, TallyGroup, TallyWork, VoteState};
use crate::view::gallery::GalleryWork;
use std::collections::HashMap;
use std::net::IpAddr;

/// The contest's readable address, as its public links carry it.
fn address(c: &ContestRow) -> String {
    c.slug.clone().unwrap_or_else(|| c.public_id.clone())
}

/// The contest's vote window, if it has one.
pub async fn window(state: &AppState, c: &ContestRow) -> Result<Option<(Window, AwardRow)>, AppError> {
    let row = adb::award(&state.db, c.contest_id).await.or_internal()?;
    Ok(row.map(|r| (Window { opens_at: r.opens_at, closes_at: r.closes_at, count: CountShown::parse(&r.count_shown).unwrap_or_default() }, r)))
}

/// The vote as the public sees it.
fn seen(state: &AppState, c: &ContestRow, w: &Window, r: &AwardRow) -> VoteState {
    let moments = Moments::of(c);
    VoteState {
        phase: w.phase(state.now()),
        opens: moments.at(Some(w.opens_at)),
        closes: moments.at(Some(w.closes_at)),
        count: w.count,
        published: r.published_at.is_some(),
    }
}

/// The vote as a gallery page shows it, from one read of its window: the `works`' public
/// counts are filled in, and the vote's state and (when `winners` are asked for) the
/// published award are returned.
pub async fn on_gallery(state: &AppState, c: &ContestRow, works: &mut [GalleryWork], winners: bool) -> Result<(Option<VoteState>, Option<AudienceResults>), AppError> {
    let Some((w, row)) = window(state, c).await? else { return Ok((None, None)) };
    let now = state.now();
    if w.public_count(0, now).is_some() {
        let counts = public_counts(state, c).await?;
        for work in works {
            work.votes = w.public_count(counts.get(&work.entry).copied().unwrap_or(0), now);
        }
    }
    let audience = if winners { published(state, c, &row).await? } else { None };
    Ok((Some(seen(state, c, &w, &row)), audience))
}

/// Counted votes per entry as the public sees them: this instance's copy of the last few
/// seconds (`backend::instance::VoteCountCache`).
async fn public_counts(state: &AppState, c: &ContestRow) -> Result<std::sync::Arc<HashMap<i64, usize>>, AppError> {
    let slice = state.now() / crate::backend::instance::COUNTS_KEPT_SECS;
    if let Some(hit) = state.vote_counts.get(&c.public_id, slice, c.revision) {
        return Ok(hit);
    }
    let fresh = std::sync::Arc::new(counts(state, c).await?);
    state.vote_counts.put(&c.public_id, slice, c.revision, fresh.clone());
    Ok(fresh)
}

/// Counted votes per entry.
async fn counts(state: &AppState, c: &ContestRow) -> Result<HashMap<i64, usize>, AppError> {
    let counted = adb::counts(&state.db, c.contest_id).await.or_internal()?;
    Ok(counted.into_iter().map(|(e, n)| (e.0, usize::try_from(n).unwrap_or(0))).collect())
}

/// The organisers set the window (`on`), in the contest's local time, and whether counts
/// show while it is open; or remove it with its votes (not once published).
pub async fn settings(state: &AppState, me: &CurrentAccount, c: &ContestRow, on: bool, opens: &str, closes: &str, count: &str) -> Result<(), AppError> {
    let current = window(state, c).await?;
    if current.as_ref().is_some_and(|(_, r)| r.published_at.is_some()) {
        return Err(AppError::Refused(Msg::ErrAlreadyPublished));
    }
    let now = state.now();
    if !on {
        adb::set_award(&state.db, c.contest_id, None, now).await.or_internal()?;
        return super::contests::audit(state, me.account_id, Action::AudienceSettings, c, "off").await;
    }
    if c.gallery == crate::domain::gallery::GalleryMode::Off {
        return Err(AppError::Refused(Msg::ErrWrongPhase));
    }
    let count = CountShown::parse(count.trim()).ok_or(AppError::field(Field::Mode, Msg::ErrChooseOption))?;
    let moment = |s: &str, field: Field| match s.trim() {
        "" => Err(AppError::field(field, Msg::ErrRequired)),
        s => zone::local_to_utc(s, &c.time_zone).map_err(|_| AppError::field(field, Msg::ErrDateTime)),
    };
    let (opens_at, closes_at) = (moment(opens, Field::Open)?, moment(closes, Field::Close)?);
    if closes_at <= opens_at {
        return Err(AppError::field(Field::Close, Msg::ErrCloseNotAfterOpen));
    }
    adb::set_award(&state.db, c.contest_id, Some((opens_at, closes_at, count.as_str())), now).await.or_internal()?;
    let detail = format!("{} – {} {}", zone::utc_to_input(opens_at, &c.time_zone), zone::utc_to_input(closes_at, &c.time_zone), count.as_str());
    super::contests::audit(state, me.account_id, Action::AudienceSettings, c, &detail).await
}

/// The shown work numbered `no`, while the gallery is open.
async fn shown_work(state: &AppState, c: &ContestRow, pick: impl Fn(&GalleryWork) -> bool) -> Result<Option<GalleryWork>, AppError> {
    if !super::gallery::is_open(c, state.now()) {
        return Ok(None);
    }
    Ok(super::gallery::shown(state, c).await?.works.iter().find(|w| pick(w)).cloned())
}

/// Someone asks to vote for work `no` from `ip`: a one-time link goes to `email`. Refused
/// outside the window, for a throw-away address, and past the rates of the address, its
/// network and the mailbox.
pub async fn request(state: &AppState, c: &ContestRow, no: i64, email: &str, ip: IpAddr) -> Result<(), AppError> {
    let Some((w, _)) = window(state, c).await? else { return Err(AppError::NotFound) };
    let now = state.now();
    let work = shown_work(state, c, |w| w.no == no).await?.ok_or(AppError::NotFound)?;
    if w.phase(now) != Phase::Open {
        return Err(AppError::Refused(Msg::ErrWrongPhase));
    }
    let email = crate::domain::Email::parse(email).map_err(|e| AppError::field(Field::Email, e.into()))?;
    if rules::is_disposable(&rules::domain_of(email.as_str())) {
        return Err(AppError::field(Field::Email, Msg::ErrEmailDisposable));
    }
    let voter = rules::voter_key(email.as_str());
    security::hit_vote(&state.db, ip, &token_hash(&voter), now).await.or_internal()?.map_err(|retry_after_secs| AppError::TooManyRequests { retry_after_secs })?;
    let token = new_token();
    let lang = c.first_lang();
    let link = format!("{}/vote?token={token}", state.config.public_url.trim_end_matches('/'));
    let contest = c.title().pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
    let body = fill(A::MailBody.text(lang), &[("contest", &contest), ("title", &work.title), ("link", &link)]);
    let row = RequestRow { contest_id: c.contest_id, entry_id: EntryId(work.entry), email: email.as_str().to_owned(), expires_at: now + rules::LINK_TTL, used_at: None };
    let mut tx = db::write(&state.db).await.or_internal()?;
    adb::insert_request(&mut tx, &token_hash(&token), &row, &ip.to_string(), now).await.or_internal()?;
    db::outbox::enqueue(&mut tx, email.as_str(), "", &fill(A::MailSubject.text(lang), &[("contest", &contest)]), &body, now).await.or_internal()?;
    tx.commit().await.or_internal()?;
    state.mail_wakeup.notify_one();
    Ok(())
}

/// `a***@mail.kz`: enough for the voter to know their address, nothing for anyone else.
fn masked(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => format!("{}***@{domain}", local.chars().next().unwrap_or('*')),
        None => "***".to_owned(),
    }
}

/// What a voting link's page shows: the work, the address (masked), the vote it replaces,
/// or why it cannot be used.
pub async fn ballot(state: &AppState, token: &str) -> Result<BallotView, AppError> {
    let mut view = BallotView {
        state: BallotState::Spent,
        contest: String::new(),
        contest_title: LocalText::default(),
        no: 0,
        title: String::new(),
        nomination: LocalText::default(),
        age_group: None,
        email: String::new(),
        replaces: None,
        closes: None,
    };
    let now = state.now();
    let Some(r) = adb::request(&state.db, &token_hash(token.trim())).await.or_internal()?.filter(|r| r.used_at.is_none() && r.expires_at > now) else { return Ok(view) };
    let c = db::contests::find_by_id(&state.db, r.contest_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    view.contest = address(&c);
    view.contest_title = c.title();
    view.email = masked(&r.email);
    let Some(work) = shown_work(state, &c, |w| w.entry == r.entry_id.0).await? else {
        view.state = BallotState::Gone;
        return Ok(view);
    };
    view.no = work.no;
    view.title.clone_from(&work.title);
    view.nomination.clone_from(&work.nomination);
    view.age_group.clone_from(&work.age_group);
    let w = window(state, &c).await?.map(|(w, _)| w);
    view.closes = w.and_then(|w| Moments::of(&c).at(Some(w.closes_at)));
    if w.is_none_or(|w| w.phase(now) != Phase::Open) {
        view.state = BallotState::Closed;
        return Ok(view);
    }
    view.state = BallotState::Ready;
    let voter = token_hash(&rules::voter_key(&r.email));
    let group = (work.nomination_id, work.age_group_id.unwrap_or(0));
    let all = super::gallery::shown(state, &c).await?;
    if let Some((entry, voided)) = current_vote(state, &c, &voter, group).await? {
        if voided {
            view.state = BallotState::Voided;
        } else if entry != work.entry {
            view.replaces = all.works.iter().find(|w| w.entry == entry).map(|w| w.title.clone());
        }
    }
    Ok(view)
}

/// The voter's vote in a group: the entry and whether it was voided.
async fn current_vote(state: &AppState, c: &ContestRow, voter: &str, group: (i64, i64)) -> Result<Option<(i64, bool)>, AppError> {
    Ok(adb::vote_of(&state.db, c.contest_id, voter, group).await.or_internal()?.map(|(e, voided)| (e.0, voided.is_some())))
}

/// Uses a voting link from `ip`: the vote is counted (replacing the voter's earlier one in
/// its group). The contest's address and the work's number, for the page that says so.
pub async fn confirm(state: &AppState, token: &str, ip: IpAddr) -> Result<(String, i64), AppError> {
    let token = token.trim();
    if token.len() > 64 {
        return Err(AppError::NotFound);
    }
    let hash = token_hash(token);
    let now = state.now();
    let r = adb::request(&state.db, &hash).await.or_internal()?.filter(|r| r.used_at.is_none() && r.expires_at > now).ok_or(AppError::NotFound)?;
    let c = db::contests::find_by_id(&state.db, r.contest_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    if window(state, &c).await?.is_none_or(|(w, _)| w.phase(now) != Phase::Open) {
        return Err(AppError::Refused(Msg::ErrWrongPhase));
    }
    let work = shown_work(state, &c, |w| w.entry == r.entry_id.0).await?.ok_or(AppError::Refused(Msg::ErrEntryWithdrawn))?;
    let voter = token_hash(&rules::voter_key(&r.email));
    let (ip_text, network, domain) = (ip.to_string(), rules::network(ip), rules::domain_of(&r.email));
    let vote = NewVote {
        contest_id: c.contest_id,
        voter: &voter,
        email_domain: &domain,
        nomination_id: work.nomination_id,
        age_group_key: work.age_group_id.unwrap_or(0),
        entry_id: r.entry_id,
        ip: &ip_text,
        network: &network,
    };
    match adb::cast(&state.db, &hash, &vote, now).await.or_internal()? {
        Cast::NoLink => Err(AppError::NotFound),
        Cast::Voided => Err(AppError::Forbidden),
        Cast::Counted { .. } => Ok((address(&c), work.no)),
    }
}

/// The tally per nomination × age group, from the shown works and the counts.
fn tally(works: &[GalleryWork], counts: &HashMap<i64, usize>) -> Vec<TallyGroup> {
    let mut out: Vec<(i64, Option<i64>, TallyGroup)> = Vec::new();
    for w in works {
        let at = match out.iter().position(|(n, g, _)| *n == w.nomination_id && *g == w.age_group_id) {
            Some(i) => i,
            None => {
                out.push((w.nomination_id, w.age_group_id, TallyGroup { nomination: w.nomination.clone(), age_group: w.age_group.clone(), works: Vec::new() }));
                out.len() - 1
            }
        };
        out[at].2.works.push(TallyWork { no: w.no, title: w.title.clone(), votes: counts.get(&w.entry).copied().unwrap_or(0), winner: false });
    }
    out.into_iter()
        .map(|(_, _, mut g)| {
            g.works.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.no.cmp(&b.no)));
            let won = rules::winners(&g.works.iter().map(|w| (w.no, w.votes)).collect::<Vec<_>>());
            for w in &mut g.works {
                w.winner = won.contains(&w.no);
            }
            g
        })
        .collect()
}

/// The organisers' review: the window, the tally, the groups and bursts to look at, the
/// votes voided so far.
pub async fn review(state: &AppState, c: &ContestRow) -> Result<AudienceReview, AppError> {
    let current = window(state, c).await?;
    let input = |t: i64| zone::utc_to_input(t, &c.time_zone);
    let works = if super::gallery::is_open(c, state.now()) { super::gallery::shown(state, c).await?.works.clone() } else { Vec::new() };
    let title_of = |entry: i64| works.iter().find(|w| w.entry == entry).map(|w| w.title.clone()).unwrap_or_default();
    let raw = adb::ballots(&state.db, c.contest_id).await.or_internal()?;
    let ballots: Vec<Ballot> = raw.iter().map(|(e, net, at)| Ballot { network: net.clone(), cast_at: *at, entry: e.0 }).collect();
    let mut counts = HashMap::new();
    for b in &ballots {
        *counts.entry(b.entry).or_insert(0) += 1;
    }
    let moments = Moments::of(c);
    Ok(AudienceReview {
        contest: c.public_id.clone(),
        address: address(c),
        title: c.title(),
        opens: current.as_ref().map(|(w, _)| input(w.opens_at)).unwrap_or_default(),
        closes: current.as_ref().map(|(w, _)| input(w.closes_at)).unwrap_or_default(),
        count: current.as_ref().map(|(w, _)| w.count).unwrap_or_default(),
        state: current.as_ref().map(|(w, r)| seen(state, c, w, r)),
        gallery: c.gallery != crate::domain::gallery::GalleryMode::Off,
        total: ballots.len(),
        tally: tally(&works, &counts),
        groups: rules::groups(&ballots)
            .into_iter()
            .map(|g| GroupView { from_at: moments.at(Some(g.from)), to_at: moments.at(Some(g.to)), top_title: title_of(g.top_entry), network: g.network, from: g.from, to: g.to, votes: g.votes, top_votes: g.top_votes, flagged: g.flagged })
            .collect(),
        bursts: rules::bursts(&ballots).into_iter().map(|(e, at, votes)| BurstView { title: title_of(e), from: moments.at(Some(at)), votes }).collect(),
        voided: adb::voided(&state.db, c.contest_id).await.or_internal()?.into_iter().map(|(r, n, _)| (r, n)).collect(),
    })
}

/// The organisers void the counted votes from `network` cast in `[from, to]`, with the
/// reason (logged); not once the award is published.
pub async fn void(state: &AppState, me: &CurrentAccount, c: &ContestRow, network: &str, span: (&str, &str), reason: &str) -> Result<u64, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field(Field::Reason, Msg::ErrRequired));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field(Field::Reason, Msg::ErrTextTooLong));
    }
    let (Ok(from), Ok(to)) = (span.0.trim().parse::<i64>(), span.1.trim().parse::<i64>()) else { return Err(AppError::BadRequest) };
    let Some((_, row)) = window(state, c).await? else { return Err(AppError::NotFound) };
    if row.published_at.is_some() {
        return Err(AppError::Refused(Msg::ErrAlreadyPublished));
    }
    let network = network.trim();
    let voided = adb::void_group(&state.db, c.contest_id, network, (from, to), reason, me.account_id, state.now()).await.or_internal()?;
    super::contests::audit(state, me.account_id, Action::AudienceVoid, c, &format!("{network}: {voided}: {reason}")).await?;
    Ok(voided)
}

/// Publishes the audience award once voting has ended: a diploma for each winner (all of
/// them on a tie), a mail to their entrants. Exactly once.
pub async fn publish(state: &AppState, me: &CurrentAccount, c: &ContestRow) -> Result<(), AppError> {
    let Some((w, row)) = window(state, c).await? else { return Err(AppError::NotFound) };
    let now = state.now();
    if row.published_at.is_some() {
        return Err(AppError::Refused(Msg::ErrAlreadyPublished));
    }
    if w.phase(now) != Phase::Closed {
        return Err(AppError::Refused(Msg::ErrWrongPhase));
    }
    let works = super::gallery::shown(state, c).await?.works.clone();
    let counts = counts(state, c).await?;
    let winners: Vec<i64> = tally(&works, &counts).iter().flat_map(|g| g.works.iter().filter(|w| w.winner).map(|w| w.no)).collect();
    let holders = adb::holders(&state.db, c.contest_id).await.or_internal()?;
    let lang = c.first_lang();
    let contest = c.title().pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
    let base = state.config.public_url.trim_end_matches('/');
    let (mut documents, mut mails) = (Vec::new(), Vec::new());
    for work in works.iter().filter(|w| winners.contains(&w.no)) {
        let Some((_, name, email, entrant)) = holders.iter().find(|h| h.0.0 == work.entry) else { continue };
        let code = ids::new_document_code();
        let body = fill(A::MailWonBody.text(lang), &[("contest", &contest), ("title", &work.title), ("link", &format!("{base}/documents/{code}.pdf"))]);
        documents.push(AudienceDocument { code, entry_id: EntryId(work.entry), holder: name.clone() });
        mails.push((email.clone(), entrant.clone(), fill(A::MailWonSubject.text(lang), &[("contest", &contest)]), body));
    }
    if !adb::publish(&state.db, c.contest_id, me.account_id, &documents, &mails, now).await.or_internal()? {
        return Err(AppError::Refused(Msg::ErrAlreadyPublished));
    }
    state.mail_wakeup.notify_one();
    let detail = format!("{} winners, {} votes", documents.len(), counts.values().sum::<usize>());
    super::contests::audit(state, me.account_id, Action::AudiencePublish, c, &detail).await
}

/// The published audience award, per nomination × age group: its winners with their
/// votes. `None` before publication.
pub async fn results(state: &AppState, c: &ContestRow) -> Result<Option<AudienceResults>, AppError> {
    let Some((_, row)) = window(state, c).await? else { return Ok(None) };
    published(state, c, &row).await
}

async fn published(state: &AppState, c: &ContestRow, row: &AwardRow) -> Result<Option<AudienceResults>, AppError> {
    if row.published_at.is_none() {
        return Ok(None);
    }
    let docs = db::results::documents_of_contest(&state.db, c.contest_id).await.or_internal()?;
    let won: Vec<i64> = docs.iter().filter(|d| d.kind == "audience" && d.revoked_at.is_none()).map(|d| d.entry_id.0).collect();
    let works = if super::gallery::is_open(c, state.now()) { super::gallery::shown(state, c).await?.works.clone() } else { Vec::new() };
    let counts = public_counts(state, c).await?;
    let mut groups: Vec<(crate::domain::contest::LocalText, Option<crate::domain::contest::LocalText>, Vec<AudienceWinner>)> = Vec::new();
    for w in works.iter().filter(|w| won.contains(&w.entry)) {
        let winner = AudienceWinner { no: w.no, title: w.title.clone(), author: w.author.clone(), votes: counts.get(&w.entry).copied().unwrap_or(0) };
        match groups.iter_mut().find(|(n, g, _)| *n == w.nomination && *g == w.age_group) {
            Some((_, _, list)) => list.push(winner),
            None => groups.push((w.nomination.clone(), w.age_group.clone(), vec![winner])),
        }
    }
    Ok(Some(AudienceResults { contest: address(c), groups }))
}

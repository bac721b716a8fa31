//! Rounds: a contest's round fed by other contests' rounds, the advancement rules per
//! nomination × age group (`domain::advancement`), and advancing the works a rule (or the
//! organisers' own choice, with a logged reason) picks into the next round, files and all.

use super::OrInternal;
use crate::backend::auth::CurrentAccount;
use crate::backend::db::contests::ContestRow;
use crate::backend::db::results as rdb;
use crate::backend::db::rounds::{self as rounds_db, Advancing};
use crate::backend::{AppState, db};
use crate::domain::access::Power;
use crate::domain::advancement::{self as rules, Boundary, Rule, Standing};
use crate::domain::audit::Action;
use crate::domain::contest::{AgeRange, Phase};
use crate::domain::ids::{AgeGroupId, EntryId, NominationId};
use crate::error::{AppError, Field};
use crate::i18n::{Msg, fill};
use crate::view::rounds::RoundText;
use std::collections::{HashMap, HashSet};

/// The organisers of `target` accept `source`'s round as one that feeds theirs.
pub async fn add_feed(state: &AppState, me: &CurrentAccount, target: &str, source: &str) -> Result<(), AppError> {
    let (t, _) = super::access::contest(state, me, target, Power::Edit).await?;
    // Its id, its readable address, or the page's whole link as copied from the browser.
    let given = source.trim().trim_end_matches('/');
    let given = given.split(['?', '#']).next().unwrap_or_default();
    let given = given.strip_suffix("/results").unwrap_or(given);
    let key = given.rsplit('/').next().unwrap_or_default();
    let found = match db::contests::find(&state.db, key).await.or_internal()? {
        Some(c) => Some(c),
        None => db::contests::find_by_address(&state.db, key).await.or_internal()?,
    };
    let s = found.ok_or(AppError::field(Field::Code, Msg::ErrNoSuchCode))?;
    if s.contest_id == t.contest_id {
        return Err(AppError::field(Field::Code, Msg::ErrNoSuchCode));
    }
    if rounds_db::add_feed(&state.db, s.contest_id, t.contest_id, me.account_id, state.now()).await.or_internal()? {
        super::contests::audit(state, me.account_id, Action::RoundFeed, &t, &format!("fed by {}", s.public_id)).await?;
    }
    Ok(())
}

/// Sets the rule of one nomination × age group of a round (`age_group` empty: every group).
pub async fn save_rule(state: &AppState, me: &CurrentAccount, c: &ContestRow, nomination: &str, age_group: &str, rule: (&str, &str, &str)) -> Result<(), AppError> {
    let nomination: NominationId = super::parse_id(nomination)?;
    if !db::contest_parts::nominations(&state.db, c.contest_id).await.or_internal()?.iter().any(|n| n.nomination_id == nomination) {
        return Err(AppError::NotFound);
    }
    let age_group = match age_group.trim() {
        "" => None,
        g => {
            let g: AgeGroupId = super::parse_id(g)?;
            if !db::contest_parts::age_groups(&state.db, c.contest_id).await.or_internal()?.iter().any(|a| a.age_group_id == g) {
                return Err(AppError::NotFound);
            }
            Some(g)
        }
    };
    // The page offers each award as its own kind (`award:second`): a plain form has no
    // second field to choose it with.
    let (kind, value) = match rule.0.split_once(':') {
        Some(("award", award)) => ("award", award),
        _ => (rule.0, rule.1),
    };
    let parsed = Rule::parse(kind, value).ok_or(AppError::field(Field::Advancement, Msg::ErrOutOfRange))?;
    let boundary = Boundary::parse(rule.2).ok_or(AppError::field(Field::Advancement, Msg::ErrChooseOption))?;
    rounds_db::save_rule(&state.db, c.contest_id, nomination, age_group, (parsed, boundary), state.now()).await.or_internal()?;
    super::contests::audit(state, me.account_id, Action::RoundRule, c, &format!("nomination {nomination} group {age_group:?}: {} {} ({})", parsed.kind(), parsed.value(), boundary.as_str())).await
}

/// What advancing did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Advanced {
    /// New entries in the next round.
    pub advanced: usize,
    /// Picked, but in the next round already.
    pub already: usize,
    /// Picked, but the next round has no nomination of the same name or no age group for
    /// the participant: (code, why).
    pub unplaced: Vec<String>,
}

/// The published works a round's rules pick, group by group.
fn picked(lines: &[rdb::Line], stored: &[rounds_db::RuleRow]) -> Vec<EntryId> {
    let mut groups: HashMap<(NominationId, Option<AgeGroupId>), Vec<Standing>> = HashMap::new();
    for l in lines {
        let award = crate::domain::results::Award::parse(l.final_award());
        groups.entry((l.nomination_id, l.age_group_id)).or_default().push(Standing { entry: l.entry_id, place: u32::try_from(l.place).unwrap_or(u32::MAX), award, score: l.score });
    }
    let mut keys: Vec<_> = groups.keys().copied().collect();
    keys.sort_unstable();
    let mut out = Vec::new();
    for (n, a) in keys {
        // The group's own rule, else the nomination's.
        let rule = stored.iter().find(|r| r.nomination_id == n && r.age_group_id == a).or_else(|| stored.iter().find(|r| r.nomination_id == n && r.age_group_id.is_none()));
        if let Some((rule, boundary)) = rule.and_then(rounds_db::RuleRow::rule) {
            out.extend(rules::select(&groups[&(n, a)], rule, boundary));
        }
    }
    out
}

/// Advances into `target` the works of `c`'s published round that its rules pick, or, with
/// `chosen` (codes) and a reason, exactly those works. One transaction; each entrant is
/// told by mail.
pub async fn advance(state: &AppState, me: &CurrentAccount, c: &ContestRow, target: &str, chosen: Option<(&[String], &str)>) -> Result<Advanced, AppError> {
    let version = c.published_version.ok_or(AppError::Refused(Msg::ErrWrongPhase))?;
    let t = db::contests::find(&state.db, target).await.or_internal()?.ok_or(AppError::NotFound)?;
    if !rounds_db::feeds(&state.db, c.contest_id, t.contest_id).await.or_internal()? {
        return Err(AppError::NotFound);
    }
    // The next round takes works until its judging ends.
    if matches!(t.phase(state.now()), Phase::Results | Phase::Archived) || t.published_at.is_some() {
        return Err(AppError::Refused(Msg::ErrWrongPhase));
    }
    let lines = rdb::lines(&state.db, c.contest_id, version).await.or_internal()?;
    let picks: Vec<EntryId> = match chosen {
        Some((codes, _)) => {
            let by_code: HashMap<&str, EntryId> = lines.iter().filter_map(|l| l.code.as_deref().map(|code| (code, l.entry_id))).collect();
            codes.iter().map(|code| by_code.get(code.trim()).copied().ok_or(AppError::field(Field::Code, Msg::ErrNoSuchCode))).collect::<Result<_, _>>()?
        }
        None => picked(&lines, &rounds_db::rules(&state.db, c.contest_id).await.or_internal()?),
    };
    let placing = Placing::load(state, c, &t).await?;
    let before: HashSet<EntryId> = rounds_db::advanced_into(&state.db, t.contest_id).await.or_internal()?.into_iter().collect();
    let by_entry: HashMap<EntryId, &rdb::Line> = lines.iter().map(|l| (l.entry_id, l)).collect();
    let mut report = Advanced::default();
    let mut works = Vec::new();
    let mut told = Vec::new();
    for e in picks {
        let Some(l) = by_entry.get(&e) else { continue };
        if before.contains(&e) {
            report.already += 1;
            continue;
        }
        match placing.place(l) {
            Some((nomination_id, age_group_id)) => {
                works.push(Advancing { from: e, nomination_id, age_group_id });
                told.push(*l);
            }
            None => report.unplaced.push(l.code.clone().unwrap_or_default()),
        }
    }
    let now = state.now();
    let mut tx = db::write(&state.db).await.or_internal()?;
    let made = rounds_db::advance(&mut tx, t.contest_id, &works, now).await.or_internal()?;
    let mails: Vec<rdb::Mail> = told.iter().map(|l| advance_mail(state, c, &t, l)).collect();
    db::outbox::enqueue_all(&mut tx, &mails, now).await.or_internal()?;
    let how = match chosen {
        Some((_, reason)) => format!("chosen by hand: {}", reason.trim()),
        None => "by the rules".to_owned(),
    };
    let detail = format!("{} works into {} ({how}); already there {}; without a place {:?}", made.len(), t.public_id, report.already, report.unplaced);
    db::audit::log(&mut tx, Some(me.account_id), Action::RoundAdvance, db::audit::Subject::Contest { id: c.contest_id, public_id: &c.public_id }, &detail, now).await.or_internal()?;
    db::audit::log(&mut tx, Some(me.account_id), Action::RoundAdvance, db::audit::Subject::Contest { id: t.contest_id, public_id: &t.public_id }, &format!("{} works from {}", made.len(), c.public_id), now).await.or_internal()?;
    tx.commit().await.or_internal()?;
    db::contests::bump_revision(&state.db, t.contest_id).await.or_internal()?;
    state.mail_wakeup.notify_one();
    report.advanced = made.len();
    Ok(report)
}

/// Where a work goes in the next round: the nomination of the same name, and the age group
/// its participant is in at the next round's reference date, if the next round takes that
/// nomination in that age group (as its entry form would).
struct Placing {
    nominations: Vec<(NominationId, [Option<String>; 3])>,
    source_names: HashMap<NominationId, [Option<String>; 3]>,
    groups: Vec<(AgeGroupId, AgeRange)>,
    open: HashSet<(NominationId, AgeGroupId)>,
    reference: Option<crate::domain::date::Date>,
}

impl Placing {
    async fn load(state: &AppState, c: &ContestRow, t: &ContestRow) -> Result<Placing, AppError> {
        let names = |n: &db::contest_parts::NominationRow| [n.name_kk.clone(), n.name_ru.clone(), n.name_en.clone()];
        let nominations = db::contest_parts::nominations(&state.db, t.contest_id).await.or_internal()?.iter().map(|n| (n.nomination_id, names(n))).collect();
        let source_names = db::contest_parts::nominations(&state.db, c.contest_id).await.or_internal()?.iter().map(|n| (n.nomination_id, names(n))).collect();
        let groups = db::contest_parts::age_groups(&state.db, t.contest_id).await.or_internal()?.iter().map(|g| (g.age_group_id, AgeRange::from_stored(g.min_age, g.max_age))).collect();
        let open = db::contest_parts::matrix(&state.db, t.contest_id).await.or_internal()?.into_iter().collect();
        Ok(Placing { nominations, source_names, groups, open, reference: super::results::reference_date(t) })
    }

    fn place(&self, l: &rdb::Line) -> Option<(NominationId, Option<AgeGroupId>)> {
        let mine = self.source_names.get(&l.nomination_id)?;
        let targets: Vec<(NominationId, [Option<&str>; 3])> = self.nominations.iter().map(|(id, n)| (*id, [n[0].as_deref(), n[1].as_deref(), n[2].as_deref()])).collect();
        let nomination = *rules::matching_nomination([mine[0].as_deref(), mine[1].as_deref(), mine[2].as_deref()], &targets)?;
        if self.groups.is_empty() {
            return Some((nomination, None));
        }
        let birth = crate::domain::date::Date::parse(&l.birth_date).ok()?;
        let ranges: Vec<AgeRange> = self.groups.iter().map(|(_, r)| *r).collect();
        let i = crate::domain::contest::age_group_for(birth, self.reference?, &ranges)?;
        let group = self.groups[i].0;
        self.open.contains(&(nomination, group)).then_some((nomination, Some(group)))
    }
}

fn advance_mail(state: &AppState, from: &ContestRow, to: &ContestRow, l: &rdb::Line) -> rdb::Mail {
    let lang = to.first_lang();
    let title = |c: &ContestRow| c.title().pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
    let link = format!("{}/entries/{}#rounds", state.config.public_url.trim_end_matches('/'), l.entry_public_id);
    let body = fill(RoundText::MailBody.text(lang), &[("name", &l.entrant_name), ("title", &l.title), ("from", &title(from)), ("to", &title(to)), ("link", &link)]);
    (l.entrant_email.clone(), l.entrant_name.clone(), fill(RoundText::MailSubject.text(lang), &[("title", &l.title)]), body)
}

/// A work's path through its rounds, first to last: the rounds it came from, this one, and
/// those it went on to. Empty for a work of one round only.
pub async fn path(state: &AppState, entry: EntryId) -> Result<Vec<crate::view::entries::RoundStep>, AppError> {
    let mut chain: Vec<(EntryId, bool)> = vec![(entry, true)];
    // Back to the first round, then on along the next rounds (a work goes on to one next
    // round at a time; the first is followed). Bounded: rounds are few.
    let mut at = entry;
    while let Some(p) = rounds_db::previous(&state.db, at).await.or_internal()?.filter(|_| chain.len() < 20) {
        chain.insert(0, (p.entry_id, false));
        at = p.entry_id;
    }
    let mut at = entry;
    while let Some(n) = rounds_db::next(&state.db, at).await.or_internal()?.into_iter().next().filter(|_| chain.len() < 20) {
        chain.push((n.entry_id, false));
        at = n.entry_id;
    }
    if chain.len() < 2 {
        return Ok(Vec::new());
    }
    let now = state.now();
    let mut out = Vec::with_capacity(chain.len());
    for (id, current) in chain {
        let Some(e) = db::entries::entry_by_id(&state.db, id).await.or_internal()? else { continue };
        let Some(c) = db::contests::find_by_id(&state.db, e.contest_id).await.or_internal()? else { continue };
        let result = match c.published_version {
            Some(v) => rdb::line(&state.db, c.contest_id, v, id).await.or_internal()?.map(|l| (u32::try_from(l.place).unwrap_or(0), crate::domain::results::Award::parse(l.final_award()))),
            None => None,
        };
        out.push(crate::view::entries::RoundStep { contest_title: c.title(), entry_id: e.public_id, current, phase: c.phase(now), result });
    }
    Ok(out)
}

/// The rounds a contest is fed by and feeds, and its rules, for its results review.
pub async fn view(state: &AppState, c: &ContestRow) -> Result<crate::view::results::RoundsView, AppError> {
    let titled = |ids: Vec<String>| async move {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(x) = db::contests::find(&state.db, &id).await.or_internal()? {
                out.push((x.public_id.clone(), x.title()));
            }
        }
        Ok::<_, AppError>(out)
    };
    let rules = rounds_db::rules(&state.db, c.contest_id).await.or_internal()?.into_iter().map(|r| (r.nomination_id, r.age_group_id, r.kind, r.value, r.boundary)).collect();
    Ok(crate::view::results::RoundsView {
        fed_by: titled(rounds_db::linked(&state.db, c.contest_id, false).await.or_internal()?).await?,
        feeds: titled(rounds_db::linked(&state.db, c.contest_id, true).await.or_internal()?).await?,
        rules,
    })
}

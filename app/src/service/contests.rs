//! Contests: loading one with everything about it, its moments in its own zone, its rubric,
//! and the audit line every admin change writes.

use crate::domain::ids::{AccountId, ContestId, NominationId};
use crate::backend::db::contests::ContestRow;
use crate::backend::{db, zone};
use crate::domain::contest::{AgeRange, CriterionRules, LocalText, next_milestone};
use crate::error::AppError;
use crate::view::contests::*;
use super::OrInternal;

/// Instants of one contest with that contest's offsets (the zone parsed once).
pub struct Moments(Option<chrono_tz::Tz>);

impl Moments {
    pub(crate) fn of(c: &ContestRow) -> Moments {
        Moments(zone::parse_zone(&c.time_zone).ok())
    }

    pub(crate) fn at(&self, t: Option<i64>) -> Option<Moment> {
        t.map(|utc| Moment { utc, offset: self.0.map_or(0, |tz| zone::offset_in(utc, tz)) })
    }
}

/// Gives a contest its readable address from its title (the Kazakh one first, then the
/// Russian, then the English), numbered when taken (`…-2`); returns it.
pub async fn assign_slug(db: &crate::backend::db::Db, contest_id: crate::domain::ContestId, title: &crate::domain::contest::LocalText, now: i64) -> Result<String, sqlx::Error> {
    use crate::domain::slug;
    let base = [&title.kk, &title.ru, &title.en].into_iter().flatten().map(|t| slug::from_title(t)).find(|s| !s.is_empty()).unwrap_or_default();
    for n in 1..=10_000 {
        let candidate = slug::candidate(&base, n);
        if slug::parse(&candidate).is_ok() && crate::backend::db::contests::set_slug(db, contest_id, &candidate, now).await? {
            return Ok(candidate);
        }
    }
    Err(sqlx::Error::Protocol(format!("no free address for {base}")))
}

/// Gives contests made before addresses existed theirs (on start; returns how many).
pub async fn fill_missing_slugs(db: &crate::backend::db::Db, now: i64) -> Result<usize, sqlx::Error> {
    let ids = crate::backend::db::contests::without_slug(db).await?;
    for id in &ids {
        if let Some(c) = crate::backend::db::contests::find_by_id(db, *id).await? {
            assign_slug(db, *id, &c.title(), now).await?;
        }
    }
    Ok(ids.len())
}

/// A stored poster's addresses (`storage::POSTER_COPIES`, in that order).
pub fn poster(name: &str) -> crate::view::contests::Poster {
    use crate::backend::storage::{POSTER_COPIES, copy_name};
    let url = |suffix: &str| format!("/posters/{}", copy_name(name, suffix));
    crate::view::contests::Poster {
        original: format!("/posters/{name}"),
        card: url(POSTER_COPIES[0]),
        page: url(POSTER_COPIES[1]),
        social: url(POSTER_COPIES[2]),
        icon: url(POSTER_COPIES[3]),
    }
}

pub fn summary(c: &ContestRow, now: i64) -> ContestSummary {
    let m = Moments::of(c);
    ContestSummary {
        public_id: c.public_id.clone(),
        title: c.title(),
        description: c.description(),
        level: c.level(),
        phase: c.phase(now),
        organiser_name: c.organiser_name.clone(),
        time_zone: c.time_zone.clone(),
        opens: m.at(c.submissions_open_at),
        closes: m.at(c.timeline().map(|t| t.effective_close(c.closed_early_at))),
        results: m.at(c.results_at),
        poster: c.poster_file.as_deref().map(poster),
        slug: c.slug.clone(),
        published: c.published_at.is_some(),
        gallery: c.gallery_open(now),
    }
}

/// A page of the public contest list: phase, level and time filters (`current`, `upcoming`,
/// `past`), open contests first, then announced, judging, results and archive, each by its
/// closing date. Every public contest is read as a few integers to filter and sort; only the
/// page shown is read whole.
pub async fn public_list(state: &crate::backend::AppState, level: Option<&str>, when: Option<&str>, page: Option<&str>) -> Result<ContestListPage, AppError> {
    use crate::domain::contest::{Level, Phase};
    let now = state.now();
    let level = level.and_then(Level::parse);
    let mut list: Vec<(Phase, db::contests::ListedContest)> = db::contests::listing(&state.db)
        .await
        .or_internal()?
        .into_iter()
        .map(|c| (c.phase(now), c))
        .filter(|(p, c)| p.is_public() && level.is_none_or(|l| c.level == l))
        .filter(|(p, _)| match when {
            Some("current") => matches!(p, Phase::Open | Phase::Judging),
            Some("upcoming") => *p == Phase::Announced,
            Some("past") => matches!(p, Phase::Results | Phase::Archived),
            _ => true,
        })
        .collect();
    let rank = |p: Phase| match p {
        Phase::Open => 0,
        Phase::Announced => 1,
        Phase::Judging => 2,
        Phase::Results => 3,
        _ => 4,
    };
    // Ties (the same phase and close) keep the newest-opened first, then the newest.
    list.sort_by_key(|(p, c)| (rank(*p), c.closes().unwrap_or(i64::MAX), std::cmp::Reverse((c.submissions_open_at, c.contest_id))));
    let total = list.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.and_then(|p| p.parse::<usize>().ok()).unwrap_or(1).clamp(1, pages);
    let ids: Vec<ContestId> = list.into_iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE).map(|(_, c)| c.contest_id).collect();
    let rows = db::contests::by_ids(&state.db, &ids).await.or_internal()?;
    let items = ids.iter().filter_map(|id| rows.iter().find(|r| r.contest_id == *id)).map(|r| summary(r, now)).collect();
    Ok(ContestListPage { items, now, total, page, pages })
}

pub fn local(kk: &Option<String>, ru: &Option<String>, en: &Option<String>) -> LocalText {
    LocalText::new(kk.clone(), ru.clone(), en.clone())
}

pub fn criterion_view(c: &db::contest_parts::CriterionRow) -> CriterionView {
    CriterionView {
        id: c.criterion_id,
        position: u32::try_from(c.position).unwrap_or(0),
        name: local(&c.name_kk, &c.name_ru, &c.name_en),
        description: local(&c.description_kk, &c.description_ru, &c.description_en),
        rules: CriterionRules {
            max_points: u32::try_from(c.max_points).unwrap_or(0),
            weight: u32::try_from(c.weight).unwrap_or(0),
            half_points: c.half_points,
        },
    }
}

/// The criteria a nomination is scored by: its own rubric, else the contest's (one query;
/// for hot paths that need nothing else of the contest).
pub async fn rubric_of(state: &crate::backend::AppState, contest_id: ContestId, nomination_id: NominationId) -> Result<Vec<CriterionView>, AppError> {
    let all = db::contest_parts::criteria(&state.db, contest_id).await.or_internal()?;
    // Choose among the rows first (every autosave comes here), then build only the chosen.
    let own: Vec<&db::contest_parts::CriterionRow> = all.iter().filter(|k| k.nomination_id == Some(nomination_id)).collect();
    let contest: Vec<&db::contest_parts::CriterionRow> = all.iter().filter(|k| k.nomination_id.is_none()).collect();
    Ok(crate::domain::contest::rubric_for(&own, &contest).iter().map(|k| criterion_view(k)).collect())
}

/// Loads everything about a contest. `full` includes a private rubric (admins).
pub async fn detail(state: &crate::backend::AppState, c: &ContestRow, full: bool, admin: bool) -> Result<ContestDetail, AppError> {
    let now = state.now();
    let noms = db::contest_parts::nominations(&state.db, c.contest_id).await.or_internal()?;
    let ags = db::contest_parts::age_groups(&state.db, c.contest_id).await.or_internal()?;
    let pairs = db::contest_parts::matrix(&state.db, c.contest_id).await.or_internal()?;
    let crits = db::contest_parts::criteria(&state.db, c.contest_id).await.or_internal()?;
    let show_rubric = full || c.rubric_public;
    let u = |v: i64| u32::try_from(v).unwrap_or(0);
    let nominations = noms
        .iter()
        .map(|n| NominationView {
            id: n.nomination_id,
            name: local(&n.name_kk, &n.name_ru, &n.name_en),
            rules: n.work_rules(),
            age_groups: pairs.iter().filter(|(nid, _)| *nid == n.nomination_id).map(|(_, a)| *a).collect(),
            rubric: if show_rubric {
                crits.iter().filter(|k| k.nomination_id == Some(n.nomination_id)).map(criterion_view).collect()
            } else {
                Vec::new()
            },
        })
        .collect();
    let phase = c.phase(now);
    let timeline = c.timeline();
    let input = |t: Option<i64>| t.map(|t| zone::utc_to_input(t, &c.time_zone)).unwrap_or_default();
    let moments = Moments::of(c);
    let questions = if admin { db::questions::of_contest(&state.db, c.contest_id).await.or_internal()? } else { Vec::new() };
    Ok(ContestDetail {
        summary: summary(c, now),
        rules: c.rules(),
        organiser_contacts: c.organiser_contacts.clone(),
        judging_end: moments.at(c.judging_end_at),
        closed_early: moments.at(c.closed_early_at),
        age_cutoff: c.age_cutoff_date.clone(),
        nominations,
        age_groups: ags
            .iter()
            .map(|a| AgeGroupView {
                id: a.age_group_id,
                name: local(&a.name_kk, &a.name_ru, &a.name_en),
                range: AgeRange { min: u(a.min_age), max: u(a.max_age) },
            })
            .collect(),
        rubric_public: c.rubric_public,
        rubric: if show_rubric { crits.iter().filter(|k| k.nomination_id.is_none()).map(criterion_view).collect() } else { Vec::new() },
        aggregation: c.aggregation(),
        normalise: c.normalise_judges,
        tie_break: c.tie_break(),
        awards: c.awards(),
        now,
        milestone: timeline.as_ref().and_then(|t| next_milestone(phase, t, c.closed_early_at)),
        admin: admin.then(|| AdminExtras {
            open_input: input(c.submissions_open_at),
            close_input: input(c.submissions_close_at),
            judging_end_input: input(c.judging_end_at),
            results_input: input(c.results_at),
            frozen: phase.rubric_frozen(),
            zones: zone::offered(now),
            retention: retention_note(state.config.retention, c),
            questions,
            questions_frozen: phase.questions_frozen(),
        }),
        powers: None,
    })
}

/// An archived contest's retention: reduced on a day, or to be.
fn retention_note(retention: crate::domain::privacy::Retention, c: &ContestRow) -> Option<crate::view::contests::RetentionNote> {
    use crate::domain::date::Date;
    use crate::view::contests::RetentionNote;
    match (c.reduced_at, c.archived_at) {
        (Some(at), _) => Some(RetentionNote { done: true, date: Date::from_unix(at).to_string() }),
        (None, Some(at)) => retention.due_on(at).map(|d| RetentionNote { done: false, date: d.to_string() }),
        (None, None) => None,
    }
}

pub async fn audit(state: &crate::backend::AppState, actor: AccountId, action: crate::domain::audit::Action, c: &ContestRow, detail: &str) -> Result<(), AppError> {
    db::contests::bump_revision(&state.db, c.contest_id).await.or_internal()?;
    db::audit::log(&state.db, Some(actor), action, db::audit::Subject::Contest { id: c.contest_id, public_id: &c.public_id }, detail, state.now()).await.or_internal()
}

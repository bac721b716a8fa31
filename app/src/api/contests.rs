//! Contests: the public list and page, and the admin editor (basics, timeline, nominations,
//! age groups and their matrix, rubric, scoring, awards, lifecycle actions, copy, delete).
//!
//! Admin forms arrive as flat string fields (`#[server(flatten)]` into a struct that denies
//! unknown fields), are parsed into domain types with every field's error reported at once,
//! and are refused whole when the contest's phase forbids the change.

pub use crate::view::contests::*;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    crate::domain::contest::{Aggregation, AgeRange, AwardScheme, CriterionRules, Level, LocalText, Phase, WorkRules},
    super::ctx::{self, OrInternal},
    crate::service::contests::{audit, detail, summary},
    crate::domain::Role,
    crate::domain::contest::{FileKind, GrandPrix, Timeline, TimelineError},
    crate::domain::date::Date,
    crate::error::{Checker, Field},
    crate::i18n::Msg,
    crate::backend::{db, db::contests::ContestRow, zone},
};

impl Moment {
    /// `YYYY-MM-DD HH:MM` in the contest's zone.
    pub fn local(&self) -> String {
        crate::domain::time::format_local(self.utc, i64::from(self.offset))
    }

    /// `UTC+05:00`.
    pub fn zone_label(&self) -> String {
        let sign = if self.offset < 0 { '-' } else { '+' };
        let m = self.offset.unsigned_abs() / 60;
        format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
    }
}

#[server(prefix = "/api", endpoint = "list_contests")]
pub async fn list_contests(level: Option<String>, when: Option<String>, page: Option<String>) -> Result<ContestListPage, AppError> {
    ctx::respond(
        async move {
            let state = ctx::state()?;
            let now = state.now();
            let level = level.as_deref().and_then(Level::parse);
            let rows = db::contests::list_public(&state.db).await.or_internal()?;
            let mut list: Vec<ContestSummary> = rows
                .iter()
                .map(|c| summary(c, now))
                .filter(|c| c.phase.is_public())
                .filter(|c| level.is_none_or(|l| c.level == l))
                .filter(|c| match when.as_deref() {
                    Some("current") => matches!(c.phase, Phase::Open | Phase::Judging),
                    Some("upcoming") => c.phase == Phase::Announced,
                    Some("past") => matches!(c.phase, Phase::Results | Phase::Archived),
                    _ => true,
                })
                .collect();
            // Open first, then announced, judging, results, archive; within a phase by date.
            let rank = |p: Phase| match p {
                Phase::Open => 0,
                Phase::Announced => 1,
                Phase::Judging => 2,
                Phase::Results => 3,
                _ => 4,
            };
            list.sort_by_key(|c| (rank(c.phase), c.closes.map(|m| m.utc).unwrap_or(i64::MAX)));
            let total = list.len();
            let pages = total.div_ceil(PAGE_SIZE).max(1);
            let page = page.and_then(|p| p.parse::<usize>().ok()).unwrap_or(1).clamp(1, pages);
            let items = list.into_iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE).collect();
            Ok(ContestListPage { items, total, page, pages })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "get_contest")]
pub async fn get_contest(public_id: String) -> Result<ContestDetail, AppError> {
    ctx::respond(
        async move {
            let state = ctx::state()?;
            let is_admin = ctx::current_account().await?.is_some_and(|a| a.role == Role::Admin);
            let c = db::contests::find(&state.db, &public_id).await.or_internal()?.ok_or(AppError::NotFound)?;
            if !c.phase(state.now()).is_public() && !is_admin {
                return Err(AppError::NotFound);
            }
            detail(&state, &c, is_admin, false).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_list_contests")]
pub async fn admin_list_contests() -> Result<Vec<ContestSummary>, AppError> {
    ctx::respond(
        async move {
            ctx::require_role(Role::Admin).await?;
            let state = ctx::state()?;
            let now = state.now();
            let rows = db::contests::list_all(&state.db).await.or_internal()?;
            Ok(rows.iter().map(|c| summary(c, now)).collect())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_get_contest")]
pub async fn admin_get_contest(public_id: String) -> Result<ContestDetail, AppError> {
    ctx::respond(
        async move {
            ctx::require_role(Role::Admin).await?;
            let state = ctx::state()?;
            let c = db::contests::find(&state.db, &public_id).await.or_internal()?.ok_or(AppError::NotFound)?;
            detail(&state, &c, true, true).await
        }
        .await,
    )
}

/// The admin and the contest an admin form is about.
#[cfg(feature = "ssr")]
pub(crate) async fn admin_contest(public_id: &str) -> Result<(crate::backend::auth::CurrentAccount, crate::backend::AppState, ContestRow), AppError> {
    let me = ctx::require_role(Role::Admin).await?;
    let state = ctx::state()?;
    let c = db::contests::find(&state.db, public_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    Ok((me, state, c))
}

#[cfg(feature = "ssr")]
fn editor_url(public_id: &str, section: &str) -> String {
    format!("/admin/contests/{public_id}?saved={section}#{section}")
}

#[cfg(feature = "ssr")]
fn refuse_if_frozen(c: &ContestRow, now: i64) -> Result<(), AppError> {
    if c.phase(now).rubric_frozen() { Err(AppError::Refused(Msg::ErrFrozen)) } else { Ok(()) }
}

/// Parses a text of at most `max` characters in three languages.
#[cfg(feature = "ssr")]
fn local_text(c: &mut Checker, field: Field, kk: String, ru: String, en: String, max: usize, required: Option<Msg>) -> LocalText {
    let t = LocalText::new(Some(kk), Some(ru), Some(en));
    if t.longest_chars() > max {
        c.check::<(), Msg>(field, Err(Msg::ErrTextTooLong));
    } else if let Some(msg) = required
        && t.is_empty()
    {
        c.check::<(), Msg>(field, Err(msg));
    }
    t
}

#[cfg(feature = "ssr")]
fn whole(c: &mut Checker, field: Field, s: &str, range: std::ops::RangeInclusive<u32>) -> u32 {
    match s.trim().parse::<u32>() {
        Ok(v) if range.contains(&v) => v,
        Ok(_) => {
            c.check::<(), Msg>(field, Err(Msg::ErrOutOfRange));
            0
        }
        Err(_) => {
            c.check::<(), Msg>(field, Err(Msg::ErrWholeNumber));
            0
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewContestForm {
    pub title_kk: String,
    pub title_ru: String,
    pub title_en: String,
    pub level: String,
}

#[server(prefix = "/api", endpoint = "admin_create_contest")]
pub async fn admin_create_contest(#[server(flatten)] form: NewContestForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_role(Role::Admin).await?;
            let state = ctx::state()?;
            let mut c = Checker::default();
            let title = local_text(&mut c, Field::Title, form.title_kk, form.title_ru, form.title_en, 200, Some(Msg::ErrTitleMissing));
            let level = c.check(Field::Level, Level::parse(&form.level).ok_or(Msg::ErrChooseOption));
            c.finish()?;
            let level = level.ok_or(AppError::BadRequest)?;
            let public_id = crate::backend::ids::new_public_id();
            db::contests::insert_draft(&state.db, &public_id, &title, level, state.now()).await.or_internal()?;
            db::audit::log(&state.db, Some(me.account_id), "contest.create", &format!("contest:{public_id}"), "", state.now())
                .await
                .or_internal()?;
            ctx::redirect(&format!("/admin/contests/{public_id}"));
            Ok(())
        }
        .await,
    )
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicsForm {
    pub contest: String,
    pub title_kk: String,
    pub title_ru: String,
    pub title_en: String,
    pub description_kk: String,
    pub description_ru: String,
    pub description_en: String,
    pub rules_kk: String,
    pub rules_ru: String,
    pub rules_en: String,
    pub level: String,
    pub organiser_name: String,
    pub organiser_contacts: String,
    #[serde(default)]
    pub rubric_public: Option<String>,
}

#[server(prefix = "/api", endpoint = "admin_save_basics")]
pub async fn admin_save_basics(#[server(flatten)] form: BasicsForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&form.contest).await?;
            let mut c = Checker::default();
            let title = local_text(&mut c, Field::Title, form.title_kk, form.title_ru, form.title_en, 200, Some(Msg::ErrTitleMissing));
            let description = local_text(&mut c, Field::Description, form.description_kk, form.description_ru, form.description_en, 1000, None);
            let rules = local_text(&mut c, Field::Rules, form.rules_kk, form.rules_ru, form.rules_en, 20_000, None);
            let level = c.check(Field::Level, Level::parse(&form.level).ok_or(Msg::ErrChooseOption));
            let organiser = form.organiser_name.trim().to_owned();
            let contacts = form.organiser_contacts.trim().to_owned();
            if organiser.chars().count() > 200 {
                c.check::<(), Msg>(Field::Organiser, Err(Msg::ErrTextTooLong));
            }
            if contacts.chars().count() > 500 {
                c.check::<(), Msg>(Field::Contacts, Err(Msg::ErrTextTooLong));
            }
            c.finish()?;
            let basics = db::contests::Basics {
                title: &title,
                description: &description,
                rules: &rules,
                level: level.ok_or(AppError::BadRequest)?,
                organiser_name: &organiser,
                organiser_contacts: &contacts,
                rubric_public: form.rubric_public.is_some(),
            };
            db::contests::update_basics(&state.db, contest.contest_id, &basics, state.now()).await.or_internal()?;
            audit(&state, me.account_id, "contest.basics", &contest, "").await?;
            ctx::redirect(&editor_url(&contest.public_id, "basics"));
            Ok(())
        }
        .await,
    )
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineForm {
    pub contest: String,
    pub time_zone: String,
    pub open: String,
    pub close: String,
    pub judging_end: String,
    pub results: String,
    pub age_cutoff: String,
}

#[server(prefix = "/api", endpoint = "admin_save_timeline")]
pub async fn admin_save_timeline(#[server(flatten)] form: TimelineForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&form.contest).await?;
            let now = state.now();
            // Once entries are open, the timeline moves only through the explicit actions
            // (extend, close early), which say what happens to entrants.
            if contest.phase(now) >= Phase::Open {
                return Err(AppError::Refused(Msg::ErrWrongPhase));
            }
            let mut c = Checker::default();
            let zone_name = form.time_zone.trim().to_owned();
            let zone_ok = c.check(Field::TimeZone, zone::parse_zone(&zone_name).map_err(|_| Msg::ErrTimeZone)).is_some();
            let mut at = |field: Field, s: &str| {
                if zone_ok { c.check(field, zone::local_to_utc(s, &zone_name).map_err(|_| Msg::ErrDateTime)) } else { None }
            };
            let open = at(Field::Open, &form.open);
            let close = at(Field::Close, &form.close);
            let judging_end = at(Field::JudgingEnd, &form.judging_end);
            let results = at(Field::Results, &form.results);
            let cutoff = if form.age_cutoff.trim().is_empty() {
                None
            } else {
                c.check(Field::AgeCutoff, Date::parse(&form.age_cutoff).map_err(|_| Msg::ErrDate)).map(|d| d.to_string())
            };
            if let (Some(open), Some(close), Some(judging_end), Some(results)) = (open, close, judging_end, results) {
                let t = Timeline { open, close, judging_end, results };
                let order = t.validate().map_err(|e| match e {
                    TimelineError::CloseNotAfterOpen => (Field::Close, Msg::ErrCloseNotAfterOpen),
                    TimelineError::JudgingNotAfterClose => (Field::JudgingEnd, Msg::ErrJudgingNotAfterClose),
                    TimelineError::ResultsBeforeJudging => (Field::Results, Msg::ErrResultsBeforeJudging),
                });
                if let Err((field, msg)) = order {
                    c.check::<(), Msg>(field, Err(msg));
                }
                c.finish()?;
                db::contests::update_timeline(&state.db, contest.contest_id, &t, &zone_name, cutoff.as_deref(), now)
                    .await
                    .or_internal()?;
            } else {
                c.finish()?;
                return Err(AppError::BadRequest);
            }
            audit(&state, me.account_id, "contest.timeline", &contest, "").await?;
            ctx::redirect(&editor_url(&contest.public_id, "timeline"));
            Ok(())
        }
        .await,
    )
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NominationForm {
    pub contest: String,
    /// Empty for a new nomination.
    #[serde(default)]
    pub nomination: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    #[serde(default)]
    pub kind_image: Option<String>,
    #[serde(default)]
    pub kind_pdf: Option<String>,
    #[serde(default)]
    pub kind_document: Option<String>,
    #[serde(default)]
    pub kind_audio: Option<String>,
    #[serde(default)]
    pub kind_video: Option<String>,
    pub max_file_mb: String,
    pub max_files: String,
    pub max_entries: String,
}

/// Deletes a nomination, age group or criterion, unless the contest is frozen.
#[cfg(feature = "ssr")]
async fn delete_part(contest: String, id: String, part: db::contests::Part, action: &str, section: &str) -> Result<(), AppError> {
    let (me, state, contest) = admin_contest(&contest).await?;
    refuse_if_frozen(&contest, state.now())?;
    if !db::contests::delete_part(&state.db, contest.contest_id, part, parse_id(&id)?).await.or_internal()? {
        return Err(AppError::NotFound);
    }
    audit(&state, me.account_id, action, &contest, &id).await?;
    ctx::redirect(&editor_url(&contest.public_id, section));
    Ok(())
}

#[cfg(feature = "ssr")]
fn parse_id(s: &str) -> Result<i64, AppError> {
    s.trim().parse::<i64>().map_err(|_| AppError::BadRequest)
}

#[server(prefix = "/api", endpoint = "admin_save_nomination")]
pub async fn admin_save_nomination(#[server(flatten)] form: NominationForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&form.contest).await?;
            refuse_if_frozen(&contest, state.now())?;
            let mut c = Checker::default();
            let name = local_text(&mut c, Field::Name, form.name_kk, form.name_ru, form.name_en, 200, Some(Msg::ErrNameMissing));
            let kinds: Vec<FileKind> = [
                (form.kind_image.is_some(), FileKind::Image),
                (form.kind_pdf.is_some(), FileKind::Pdf),
                (form.kind_document.is_some(), FileKind::Document),
                (form.kind_audio.is_some(), FileKind::Audio),
                (form.kind_video.is_some(), FileKind::Video),
            ]
            .into_iter()
            .filter_map(|(on, k)| on.then_some(k))
            .collect();
            if kinds.is_empty() {
                c.check::<(), Msg>(Field::Kinds, Err(Msg::ErrNoKinds));
            }
            let max_file_mb = whole(&mut c, Field::MaxFileMb, &form.max_file_mb, 1..=2048);
            let max_files = whole(&mut c, Field::MaxFiles, &form.max_files, 1..=50);
            let max_entries = whole(&mut c, Field::MaxEntries, &form.max_entries, 1..=50);
            c.finish()?;
            let rules = WorkRules { kinds, max_file_mb, max_files, max_entries_per_participant: max_entries };
            rules.validate().map_err(|_| AppError::BadRequest)?;
            let kinds = FileKind::join(&rules.kinds);
            let data = db::contests::NominationData { name: &name, kinds: &kinds, max_file_mb, max_files, max_entries };
            let now = state.now();
            if form.nomination.trim().is_empty() {
                db::contests::insert_nomination(&state.db, contest.contest_id, &data, now).await.or_internal()?;
            } else if !db::contests::update_nomination(&state.db, contest.contest_id, parse_id(&form.nomination)?, &data, now)
                .await
                .or_internal()?
            {
                return Err(AppError::NotFound);
            }
            audit(&state, me.account_id, "contest.nomination", &contest, &form.nomination).await?;
            ctx::redirect(&editor_url(&contest.public_id, "nominations"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_delete_nomination")]
pub async fn admin_delete_nomination(contest: String, nomination: String) -> Result<(), AppError> {
    ctx::respond(delete_part(contest, nomination, db::contests::Part::Nomination, "contest.nomination.delete", "nominations").await)
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeGroupForm {
    pub contest: String,
    #[serde(default)]
    pub age_group: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub min_age: String,
    pub max_age: String,
}

#[server(prefix = "/api", endpoint = "admin_save_age_group")]
pub async fn admin_save_age_group(#[server(flatten)] form: AgeGroupForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&form.contest).await?;
            refuse_if_frozen(&contest, state.now())?;
            let mut c = Checker::default();
            let name = local_text(&mut c, Field::Name, form.name_kk, form.name_ru, form.name_en, 100, Some(Msg::ErrNameMissing));
            let min = whole(&mut c, Field::MinAge, &form.min_age, 0..=120);
            let max = whole(&mut c, Field::MaxAge, &form.max_age, 0..=120);
            c.finish()?;
            let range = AgeRange { min, max };
            if range.validate().is_err() {
                return Err(AppError::field(Field::MaxAge, Msg::ErrAgeRange));
            }
            let id = if form.age_group.trim().is_empty() { None } else { Some(parse_id(&form.age_group)?) };
            let others = db::contests::age_groups(&state.db, contest.contest_id).await.or_internal()?;
            let overlaps = others.iter().filter(|a| Some(a.age_group_id) != id).any(|a| {
                AgeRange { min: u32::try_from(a.min_age).unwrap_or(0), max: u32::try_from(a.max_age).unwrap_or(0) }.overlaps(&range)
            });
            if overlaps {
                return Err(AppError::field(Field::MinAge, Msg::ErrAgeOverlap));
            }
            if !db::contests::save_age_group(&state.db, contest.contest_id, id, &name, min, max, state.now()).await.or_internal()? {
                return Err(AppError::NotFound);
            }
            audit(&state, me.account_id, "contest.age_group", &contest, &form.age_group).await?;
            ctx::redirect(&editor_url(&contest.public_id, "age-groups"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_delete_age_group")]
pub async fn admin_delete_age_group(contest: String, age_group: String) -> Result<(), AppError> {
    ctx::respond(delete_part(contest, age_group, db::contests::Part::AgeGroup, "contest.age_group.delete", "age-groups").await)
}

/// Saves which nomination × age-group pairs are open; `pairs` holds `"<nomination>:<age group>"`.
#[server(prefix = "/api", endpoint = "admin_save_matrix")]
pub async fn admin_save_matrix(contest: String, #[server(default)] pairs: Vec<String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest).await?;
            refuse_if_frozen(&contest, state.now())?;
            let noms = db::contests::nominations(&state.db, contest.contest_id).await.or_internal()?;
            let ags = db::contests::age_groups(&state.db, contest.contest_id).await.or_internal()?;
            let mut parsed = Vec::new();
            for p in &pairs {
                let (n, a) = p.split_once(':').ok_or(AppError::BadRequest)?;
                let (n, a) = (parse_id(n)?, parse_id(a)?);
                if !noms.iter().any(|x| x.nomination_id == n) || !ags.iter().any(|x| x.age_group_id == a) {
                    return Err(AppError::NotFound);
                }
                parsed.push((n, a));
            }
            parsed.sort_unstable();
            parsed.dedup();
            db::contests::replace_matrix(&state.db, contest.contest_id, &parsed).await.or_internal()?;
            audit(&state, me.account_id, "contest.matrix", &contest, &format!("{} pairs", parsed.len())).await?;
            ctx::redirect(&editor_url(&contest.public_id, "matrix"));
            Ok(())
        }
        .await,
    )
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionForm {
    pub contest: String,
    #[serde(default)]
    pub criterion: String,
    /// Empty: the contest's rubric; else the nomination whose own rubric this belongs to.
    #[serde(default)]
    pub nomination: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub description_kk: String,
    pub description_ru: String,
    pub description_en: String,
    pub max_points: String,
    pub weight: String,
    #[serde(default)]
    pub half_points: Option<String>,
}

#[server(prefix = "/api", endpoint = "admin_save_criterion")]
pub async fn admin_save_criterion(#[server(flatten)] form: CriterionForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&form.contest).await?;
            refuse_if_frozen(&contest, state.now())?;
            let mut c = Checker::default();
            let name = local_text(&mut c, Field::Name, form.name_kk, form.name_ru, form.name_en, 200, Some(Msg::ErrNameMissing));
            let description =
                local_text(&mut c, Field::Description, form.description_kk, form.description_ru, form.description_en, 1000, None);
            let max_points = whole(&mut c, Field::MaxPoints, &form.max_points, 1..=100);
            let weight = whole(&mut c, Field::Weight, &form.weight, 1..=100);
            c.finish()?;
            let rules = CriterionRules { max_points, weight, half_points: form.half_points.is_some() };
            rules.validate().map_err(|_| AppError::BadRequest)?;
            let nomination_id = if form.nomination.trim().is_empty() {
                None
            } else {
                let id = parse_id(&form.nomination)?;
                let noms = db::contests::nominations(&state.db, contest.contest_id).await.or_internal()?;
                if !noms.iter().any(|n| n.nomination_id == id) {
                    return Err(AppError::NotFound);
                }
                Some(id)
            };
            let id = if form.criterion.trim().is_empty() { None } else { Some(parse_id(&form.criterion)?) };
            let data = db::contests::CriterionData { nomination_id, name: &name, description: &description, max_points, weight, half_points: rules.half_points };
            if !db::contests::save_criterion(&state.db, contest.contest_id, id, &data, state.now()).await.or_internal()? {
                return Err(AppError::NotFound);
            }
            audit(&state, me.account_id, "contest.criterion", &contest, &form.criterion).await?;
            ctx::redirect(&editor_url(&contest.public_id, "rubric"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_delete_criterion")]
pub async fn admin_delete_criterion(contest: String, criterion: String) -> Result<(), AppError> {
    ctx::respond(delete_part(contest, criterion, db::contests::Part::Criterion, "contest.criterion.delete", "rubric").await)
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringForm {
    pub contest: String,
    pub aggregation: String,
    #[serde(default)]
    pub normalise: Option<String>,
    #[serde(default)]
    pub tie1: String,
    #[serde(default)]
    pub tie2: String,
    #[serde(default)]
    pub tie3: String,
}

#[server(prefix = "/api", endpoint = "admin_save_scoring")]
pub async fn admin_save_scoring(#[server(flatten)] form: ScoringForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&form.contest).await?;
            refuse_if_frozen(&contest, state.now())?;
            let aggregation = Aggregation::parse(&form.aggregation).ok_or(AppError::field(Field::Aggregation, Msg::ErrChooseOption))?;
            let criteria = db::contests::criteria(&state.db, contest.contest_id).await.or_internal()?;
            let positions: Vec<u32> = criteria.iter().filter(|k| k.nomination_id.is_none()).filter_map(|k| u32::try_from(k.position).ok()).collect();
            let mut chain = Vec::new();
            for t in [&form.tie1, &form.tie2, &form.tie3] {
                if t.trim().is_empty() {
                    continue;
                }
                let p = t.trim().parse::<u32>().ok().filter(|p| positions.contains(p)).ok_or(AppError::field(Field::TieBreak, Msg::ErrChooseOption))?;
                if chain.contains(&p) {
                    return Err(AppError::field(Field::TieBreak, Msg::ErrTieBreakRepeat));
                }
                chain.push(p);
            }
            db::contests::update_scoring(&state.db, contest.contest_id, aggregation, form.normalise.is_some(), &chain, state.now())
                .await
                .or_internal()?;
            audit(&state, me.account_id, "contest.scoring", &contest, aggregation.as_str()).await?;
            ctx::redirect(&editor_url(&contest.public_id, "scoring"));
            Ok(())
        }
        .await,
    )
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardsForm {
    pub contest: String,
    pub grand_prix: String,
    pub first: String,
    pub second: String,
    pub third: String,
    pub mentions: String,
    #[serde(default)]
    pub certificates: Option<String>,
    #[serde(default)]
    pub min_score: String,
}

#[server(prefix = "/api", endpoint = "admin_save_awards")]
pub async fn admin_save_awards(#[server(flatten)] form: AwardsForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&form.contest).await?;
            refuse_if_frozen(&contest, state.now())?;
            let mut c = Checker::default();
            let grand_prix = c.check(Field::GrandPrix, GrandPrix::parse(&form.grand_prix).ok_or(Msg::ErrChooseOption));
            let first = whole(&mut c, Field::FirstPlaces, &form.first, 0..=10);
            let second = whole(&mut c, Field::SecondPlaces, &form.second, 0..=10);
            let third = whole(&mut c, Field::ThirdPlaces, &form.third, 0..=10);
            let mentions = whole(&mut c, Field::Mentions, &form.mentions, 0..=10);
            let min_score = if form.min_score.trim().is_empty() { None } else { Some(whole(&mut c, Field::MinScore, &form.min_score, 0..=100)) };
            c.finish()?;
            let scheme = AwardScheme {
                grand_prix: grand_prix.ok_or(AppError::BadRequest)?,
                first,
                second,
                third,
                mentions,
                participant_certificates: form.certificates.is_some(),
                min_score,
            };
            scheme.validate().map_err(|_| AppError::BadRequest)?;
            db::contests::update_awards(&state.db, contest.contest_id, &scheme, state.now()).await.or_internal()?;
            audit(&state, me.account_id, "contest.awards", &contest, "").await?;
            ctx::redirect(&editor_url(&contest.public_id, "awards"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_publish_contest")]
pub async fn admin_publish_contest(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest).await?;
            let noms = db::contests::nominations(&state.db, contest.contest_id).await.or_internal()?;
            if contest.title().is_empty() || contest.timeline().is_none() || noms.is_empty() {
                return Err(AppError::Refused(Msg::ErrPublishIncomplete));
            }
            if !db::contests::transition(&state.db, contest.contest_id, Status::Draft, Status::Announced, state.now()).await.or_internal()? {
                return Err(AppError::Conflict(Msg::ErrWrongPhase));
            }
            audit(&state, me.account_id, "contest.publish", &contest, "").await?;
            ctx::redirect(&editor_url(&contest.public_id, "actions"));
            Ok(())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
use crate::domain::contest::Status;

#[server(prefix = "/api", endpoint = "admin_close_early")]
pub async fn admin_close_early(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest).await?;
            let now = state.now();
            if contest.phase(now) != Phase::Open {
                return Err(AppError::Refused(Msg::ErrWrongPhase));
            }
            db::contests::close_early(&state.db, contest.contest_id, now).await.or_internal()?;
            audit(&state, me.account_id, "contest.close_early", &contest, "").await?;
            ctx::redirect(&editor_url(&contest.public_id, "actions"));
            Ok(())
        }
        .await,
    )
}

/// Moves the deadline later for everyone; it must stay before the end of judging.
#[server(prefix = "/api", endpoint = "admin_extend_deadline")]
pub async fn admin_extend_deadline(contest: String, new_close: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest).await?;
            let now = state.now();
            let t = contest.timeline().ok_or(AppError::Refused(Msg::ErrWrongPhase))?;
            if !matches!(contest.phase(now), Phase::Announced | Phase::Open | Phase::Judging) || now >= t.judging_end {
                return Err(AppError::Refused(Msg::ErrWrongPhase));
            }
            let close = zone::local_to_utc(&new_close, &contest.time_zone).map_err(|_| AppError::field(Field::NewClose, Msg::ErrDateTime))?;
            if close <= t.effective_close(contest.closed_early_at).max(now) || close >= t.judging_end {
                return Err(AppError::field(Field::NewClose, Msg::ErrExtendNotLater));
            }
            db::contests::extend_close(&state.db, contest.contest_id, close, now).await.or_internal()?;
            audit(&state, me.account_id, "contest.extend", &contest, &close.to_string()).await?;
            ctx::redirect(&editor_url(&contest.public_id, "actions"));
            Ok(())
        }
        .await,
    )
}

/// A later deadline for one entrant (found by email).
#[server(prefix = "/api", endpoint = "admin_extend_for_entrant")]
pub async fn admin_extend_for_entrant(contest: String, email: String, new_close: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest).await?;
            let now = state.now();
            let t = contest.timeline().ok_or(AppError::Refused(Msg::ErrWrongPhase))?;
            let email = crate::domain::Email::parse(&email).map_err(|e| AppError::field(Field::Email, e.into()))?;
            let account = db::accounts::find_by_email(&state.db, &email).await.or_internal()?.ok_or(AppError::field(Field::Email, Msg::ErrNoSuchAccount))?;
            let until = zone::local_to_utc(&new_close, &contest.time_zone).map_err(|_| AppError::field(Field::NewClose, Msg::ErrDateTime))?;
            if until <= t.effective_close(contest.closed_early_at).max(now) || until >= t.judging_end {
                return Err(AppError::field(Field::NewClose, Msg::ErrExtendNotLater));
            }
            db::contests::upsert_extension(&state.db, contest.contest_id, account.account_id, until, now).await.or_internal()?;
            audit(&state, me.account_id, "contest.extend_for", &contest, &format!("account:{} until {until}", account.account_id)).await?;
            ctx::redirect(&editor_url(&contest.public_id, "actions"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_archive_contest")]
pub async fn admin_archive_contest(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest).await?;
            if contest.phase(state.now()) != Phase::Results
                || !db::contests::transition(&state.db, contest.contest_id, Status::Announced, Status::Archived, state.now()).await.or_internal()?
            {
                return Err(AppError::Refused(Msg::ErrWrongPhase));
            }
            audit(&state, me.account_id, "contest.archive", &contest, "").await?;
            ctx::redirect(&editor_url(&contest.public_id, "actions"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_delete_contest")]
pub async fn admin_delete_contest(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest).await?;
            if !db::contests::delete_draft(&state.db, contest.contest_id).await.or_internal()? {
                return Err(AppError::Refused(Msg::ErrNotDraft));
            }
            audit(&state, me.account_id, "contest.delete", &contest, "").await?;
            ctx::redirect("/admin/contests");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_copy_contest")]
pub async fn admin_copy_contest(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest).await?;
            let public_id = crate::backend::ids::new_public_id();
            db::contests::copy(&state.db, contest.contest_id, &public_id, state.now()).await.or_internal()?;
            audit(&state, me.account_id, "contest.copy", &contest, &format!("to contest:{public_id}")).await?;
            ctx::redirect(&format!("/admin/contests/{public_id}"));
            Ok(())
        }
        .await,
    )
}

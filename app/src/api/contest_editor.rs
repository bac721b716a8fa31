//! The admin's contest editor, one form per section: basics, timeline, nominations, age
//! groups and their matrix, rubric, scoring, awards. Each form arrives as flat string
//! fields (`#[server(flatten)]` into a struct that denies unknown fields), is parsed with
//! every field's error reported at once, and is refused whole when the contest's phase
//! forbids the change.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::domain::access::Power;
#[cfg(feature = "ssr")]
use {
    crate::domain::audit::Action,
    super::contests::{admin_contest, editor_url, local_text},
    super::ctx::{self, OrInternal},
    crate::backend::db::contests::ContestRow,
    crate::backend::{db, zone},
    crate::domain::contest::{Aggregation, AgeRange, AwardScheme, CriterionRules, FileKind, GrandPrix, Level, Phase, Timeline, TimelineError, WorkRules},
    crate::domain::date::Date,
    crate::error::{Checker, Field},
    crate::i18n::Msg,
    crate::service::contests::audit,
    crate::service::parse_id,
};

#[cfg(feature = "ssr")]
fn refuse_if_frozen(c: &ContestRow, now: i64) -> Result<(), AppError> {
    if c.phase(now).rubric_frozen() { Err(AppError::Refused(Msg::ErrFrozen)) } else { Ok(()) }
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
    /// The readable address; empty or absent keeps the current one.
    #[serde(default)]
    pub slug: Option<String>,
}

#[server(prefix = "/api", endpoint = "admin_save_basics")]
pub async fn admin_save_basics(#[server(flatten)] form: BasicsForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&form.contest, Power::Edit).await?;
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
            let slug = match form.slug.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => None,
                Some(typed) => c.check(Field::Slug, new_slug(&state, &contest, typed).await?),
            };
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
            if let Some(slug) = slug.flatten()
                && !db::contests::set_slug(&state.db, contest.contest_id, &slug, state.now()).await.or_internal()?
            {
                // Taken between the check and now.
                return Err(AppError::field(Field::Slug, Msg::ErrSlugTaken));
            }
            audit(&state, me.account_id, Action::ContestBasics, &contest, "").await?;
            ctx::redirect(&editor_url(&contest.public_id, "basics"));
            Ok(())
        }
        .await,
    )
}

/// A typed address, checked: `Ok(None)` when it is the contest's own already.
#[cfg(feature = "ssr")]
async fn new_slug(state: &crate::backend::AppState, contest: &db::contests::ContestRow, typed: &str) -> Result<Result<Option<String>, Msg>, AppError> {
    use crate::domain::slug::{SlugError, parse};
    let slug = match parse(typed) {
        Ok(s) => s,
        Err(SlugError::Form) => return Ok(Err(Msg::ErrSlugForm)),
        Err(SlugError::Reserved) => return Ok(Err(Msg::ErrSlugTaken)),
    };
    if contest.slug.as_deref() == Some(slug.as_str()) {
        return Ok(Ok(None));
    }
    let owner = db::contests::find_by_address(&state.db, &slug).await.or_internal()?.map(|c| c.contest_id);
    let clash = db::contests::find(&state.db, &slug).await.or_internal()?.is_some_and(|c| c.contest_id != contest.contest_id);
    Ok(if clash || owner.is_some_and(|id| id != contest.contest_id) { Err(Msg::ErrSlugTaken) } else { Ok(Some(slug)) })
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

/// The timeline form: four local times in the contest's zone, in order, and the optional
/// date ages are counted at. Every wrong field is reported at once.
#[cfg(feature = "ssr")]
fn parse_timeline(form: &TimelineForm) -> Result<(Timeline, String, Option<String>), AppError> {
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
    let (Some(open), Some(close), Some(judging_end), Some(results)) = (open, close, judging_end, results) else {
        c.finish()?;
        return Err(AppError::BadRequest);
    };
    let timeline = Timeline { open, close, judging_end, results };
    if let Err(e) = timeline.validate() {
        let (field, msg) = match e {
            TimelineError::CloseNotAfterOpen => (Field::Close, Msg::ErrCloseNotAfterOpen),
            TimelineError::JudgingNotAfterClose => (Field::JudgingEnd, Msg::ErrJudgingNotAfterClose),
            TimelineError::ResultsBeforeJudging => (Field::Results, Msg::ErrResultsBeforeJudging),
        };
        c.check::<(), Msg>(field, Err(msg));
    }
    c.finish()?;
    Ok((timeline, zone_name, cutoff))
}

#[server(prefix = "/api", endpoint = "admin_save_timeline")]
pub async fn admin_save_timeline(#[server(flatten)] form: TimelineForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&form.contest, Power::Edit).await?;
            let now = state.now();
            // Once entries are open, the timeline moves only through the explicit actions
            // (extend, close early), which say what happens to entrants.
            if contest.phase(now) >= Phase::Open {
                return Err(AppError::Refused(Msg::ErrWrongPhase));
            }
            let (timeline, zone_name, cutoff) = parse_timeline(&form)?;
            db::contests::update_timeline(&state.db, contest.contest_id, &timeline, &zone_name, cutoff.as_deref(), now)
                .await
                .or_internal()?;
            audit(&state, me.account_id, Action::ContestTimeline, &contest, "").await?;
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
async fn delete_part(contest: String, id: String, part: db::contest_parts::Part, action: Action, section: &str) -> Result<(), AppError> {
    let (me, state, contest) = admin_contest(&contest, Power::Edit).await?;
    refuse_if_frozen(&contest, state.now())?;
    if !db::contest_parts::delete_part(&state.db, contest.contest_id, part, parse_id(&id)?).await.or_internal()? {
        return Err(AppError::NotFound);
    }
    audit(&state, me.account_id, action, &contest, &id).await?;
    ctx::redirect(&editor_url(&contest.public_id, section));
    Ok(())
}

/// The nomination form: its name in up to three languages and its work rules.
#[cfg(feature = "ssr")]
fn parse_nomination(form: &NominationForm) -> Result<(crate::domain::contest::LocalText, WorkRules), AppError> {
    let mut c = Checker::default();
    let name = local_text(&mut c, Field::Name, form.name_kk.clone(), form.name_ru.clone(), form.name_en.clone(), 200, Some(Msg::ErrNameMissing));
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
    Ok((name, rules))
}

#[server(prefix = "/api", endpoint = "admin_save_nomination")]
pub async fn admin_save_nomination(#[server(flatten)] form: NominationForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&form.contest, Power::Edit).await?;
            refuse_if_frozen(&contest, state.now())?;
            let (name, rules) = parse_nomination(&form)?;
            let kinds = FileKind::join(&rules.kinds);
            let data = db::contest_parts::NominationData {
                name: &name,
                kinds: &kinds,
                max_file_mb: rules.max_file_mb,
                max_files: rules.max_files,
                max_entries: rules.max_entries_per_participant,
            };
            let now = state.now();
            if form.nomination.trim().is_empty() {
                db::contest_parts::insert_nomination(&state.db, contest.contest_id, &data, now).await.or_internal()?;
            } else if !db::contest_parts::update_nomination(&state.db, contest.contest_id, parse_id(&form.nomination)?, &data, now)
                .await
                .or_internal()?
            {
                return Err(AppError::NotFound);
            }
            audit(&state, me.account_id, Action::ContestNomination, &contest, &form.nomination).await?;
            ctx::redirect(&editor_url(&contest.public_id, "nominations"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_delete_nomination")]
pub async fn admin_delete_nomination(contest: String, nomination: String) -> Result<(), AppError> {
    ctx::respond(delete_part(contest, nomination, db::contest_parts::Part::Nomination, Action::ContestNominationDelete, "nominations").await)
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
            let (me, state, contest) = admin_contest(&form.contest, Power::Edit).await?;
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
            let others = db::contest_parts::age_groups(&state.db, contest.contest_id).await.or_internal()?;
            let overlaps = others.iter().filter(|a| Some(a.age_group_id) != id).any(|a| {
                AgeRange { min: u32::try_from(a.min_age).unwrap_or(0), max: u32::try_from(a.max_age).unwrap_or(0) }.overlaps(&range)
            });
            if overlaps {
                return Err(AppError::field(Field::MinAge, Msg::ErrAgeOverlap));
            }
            if !db::contest_parts::save_age_group(&state.db, contest.contest_id, id, &name, min, max, state.now()).await.or_internal()? {
                return Err(AppError::NotFound);
            }
            audit(&state, me.account_id, Action::ContestAgeGroup, &contest, &form.age_group).await?;
            ctx::redirect(&editor_url(&contest.public_id, "age-groups"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_delete_age_group")]
pub async fn admin_delete_age_group(contest: String, age_group: String) -> Result<(), AppError> {
    ctx::respond(delete_part(contest, age_group, db::contest_parts::Part::AgeGroup, Action::ContestAgeGroupDelete, "age-groups").await)
}

/// Saves which nomination × age-group pairs are open; `pairs` holds `"<nomination>:<age group>"`.
#[server(prefix = "/api", endpoint = "admin_save_matrix")]
pub async fn admin_save_matrix(contest: String, #[server(default)] pairs: Vec<String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest, Power::Edit).await?;
            refuse_if_frozen(&contest, state.now())?;
            let noms = db::contest_parts::nominations(&state.db, contest.contest_id).await.or_internal()?;
            let ags = db::contest_parts::age_groups(&state.db, contest.contest_id).await.or_internal()?;
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
            db::contest_parts::replace_matrix(&state.db, contest.contest_id, &parsed).await.or_internal()?;
            audit(&state, me.account_id, Action::ContestMatrix, &contest, &format!("{} pairs", parsed.len())).await?;
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
            let (me, state, contest) = admin_contest(&form.contest, Power::Edit).await?;
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
                let noms = db::contest_parts::nominations(&state.db, contest.contest_id).await.or_internal()?;
                if !noms.iter().any(|n| n.nomination_id == id) {
                    return Err(AppError::NotFound);
                }
                Some(id)
            };
            let id = if form.criterion.trim().is_empty() { None } else { Some(parse_id(&form.criterion)?) };
            let data = db::contest_parts::CriterionData { nomination_id, name: &name, description: &description, max_points, weight, half_points: rules.half_points };
            if !db::contest_parts::save_criterion(&state.db, contest.contest_id, id, &data, state.now()).await.or_internal()? {
                return Err(AppError::NotFound);
            }
            audit(&state, me.account_id, Action::ContestCriterion, &contest, &form.criterion).await?;
            ctx::redirect(&editor_url(&contest.public_id, "rubric"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_delete_criterion")]
pub async fn admin_delete_criterion(contest: String, criterion: String) -> Result<(), AppError> {
    ctx::respond(delete_part(contest, criterion, db::contest_parts::Part::Criterion, Action::ContestCriterionDelete, "rubric").await)
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
            let (me, state, contest) = admin_contest(&form.contest, Power::Edit).await?;
            refuse_if_frozen(&contest, state.now())?;
            let aggregation = Aggregation::parse(&form.aggregation).ok_or(AppError::field(Field::Aggregation, Msg::ErrChooseOption))?;
            let criteria = db::contest_parts::criteria(&state.db, contest.contest_id).await.or_internal()?;
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
            audit(&state, me.account_id, Action::ContestScoring, &contest, aggregation.as_str()).await?;
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
            let (me, state, contest) = admin_contest(&form.contest, Power::Edit).await?;
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
            audit(&state, me.account_id, Action::ContestAwards, &contest, "").await?;
            ctx::redirect(&editor_url(&contest.public_id, "awards"));
            Ok(())
        }
        .await,
    )
}

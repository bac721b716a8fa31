//! Results: computing a draft (admins), overriding an award with a reason, publishing
//! (by hand, or by the background job at the results time: exactly once), the public
//! results page, what an entrant sees of their own entry, and document verification.

use super::contests::{ContestDetail, ContestSummary, Moment};
use crate::domain::contest::{Aggregation, LocalText};
use crate::domain::results::{Award, Decided, Excluded};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::contests::{Moments, admin_contest, audit, detail, summary},
    super::ctx::{self, internal},
    crate::domain::results::{self as rules, Criterion, MICRO, Ranked, SheetFacts},
    crate::error::Field,
    crate::i18n::{Msg, fill},
    crate::backend::db::contests::ContestRow,
    crate::backend::db::results as rdb,
    crate::backend::{AppState, db},
    std::collections::HashMap,
};

/// Why an entry stands where it does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// Each judge's total, percent, lowest first (judges are not named).
    pub judges: Vec<f64>,
    /// (criterion position, average points).
    pub criteria: Vec<(u32, f64)>,
    pub method: Aggregation,
    pub normalised: bool,
    pub decided: Decided,
    /// Sheets kept in the history but not counted, and why (judges are not named).
    #[serde(default)]
    pub excluded: Vec<Excluded>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultLineView {
    pub code: String,
    pub entry_id: String,
    pub title: String,
    pub nomination_id: i64,
    pub age_group_id: Option<i64>,
    pub name: String,
    pub score: String,
    pub raw_score: String,
    pub place: u32,
    pub award: Option<Award>,
    pub computed: Award,
    pub override_reason: Option<String>,
    pub explanation: Explanation,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsReview {
    pub contest: ContestDetail,
    pub name_display: String,
    pub show_comments: bool,
    pub version: Option<i64>,
    pub published_version: Option<i64>,
    pub published_at: Option<Moment>,
    pub lines: Vec<ResultLineView>,
    /// Overrides the shown version could not carry over (the works are no longer ranked):
    /// (code, award, reason), for the admin to review.
    pub dropped_overrides: Vec<(String, String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Winner {
    pub place: u32,
    pub award: Award,
    pub name: String,
    pub title: String,
    pub score: String,
    pub thumb: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultGroup {
    pub nomination: LocalText,
    pub age_group: Option<LocalText>,
    pub entries: u32,
    pub winners: Vec<Winner>,
    /// Entries per tenth of the scale: 0–10 %, 10–20 %, … 90–100 %.
    pub distribution: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicResults {
    pub contest: ContestSummary,
    pub published_at: Moment,
    pub groups: Vec<ResultGroup>,
}

/// What an entrant sees of their entry once results are out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryResult {
    pub place: u32,
    pub award: Option<Award>,
    pub score: String,
    pub comments: Vec<String>,
    /// (kind, code) of the entry's documents.
    pub documents: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub code: String,
    pub kind: String,
    pub award: String,
    pub holder: String,
    pub contest: LocalText,
    pub nomination: LocalText,
    pub issued: Moment,
    pub revoked: Option<String>,
}

/// The words of a document, in the contest's languages, ready to be placed on the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentText {
    pub organiser: String,
    pub heading: String,
    pub award: String,
    pub awarded_to: String,
    pub holder: String,
    pub lines: Vec<String>,
    pub signature_chair: String,
    pub signature_secretary: String,
    pub date: String,
    pub code_label: String,
    pub code: String,
    pub verify_url: String,
}

/// A document's record and its words. `None` for an unknown code.
#[cfg(feature = "ssr")]
pub async fn document_text(state: &AppState, code: &str) -> Result<Option<(rdb::DocumentRow, ContestRow, DocumentText)>, AppError> {
    use crate::i18n::Lang;
    let Some(doc) = rdb::document(&state.db, code).await.map_err(internal)? else { return Ok(None) };
    let Some(c) = db::contests::find_by_id(&state.db, doc.contest_id).await.map_err(internal)? else { return Ok(None) };
    let Some(l) = rdb::line(&state.db, c.contest_id, doc.version, doc.entry_id).await.map_err(internal)? else { return Ok(None) };
    let d = detail(state, &c, false, false).await?;
    // The contest's languages: those its title is written in.
    let langs: Vec<Lang> = Lang::ALL.into_iter().filter(|lang| c.title().get(*lang).is_some()).collect();
    let langs = if langs.is_empty() { vec![Lang::Kk] } else { langs };
    // Each language once; identical words (ДИПЛОМ in Kazakh and Russian) once.
    let all = |m: Msg| {
        let mut words: Vec<&str> = Vec::new();
        for l in &langs {
            if !words.contains(&m.text(*l)) {
                words.push(m.text(*l));
            }
        }
        words.join(" / ")
    };
    let local = |t: &LocalText| {
        let mut seen = Vec::new();
        for l in &langs {
            if let Some(s) = t.get(*l)
                && !seen.contains(&s)
            {
                seen.push(s);
            }
        }
        if seen.is_empty() { t.pick(langs[0]).map(|(s, _)| s.to_string()).unwrap_or_default() } else { seen.join(" / ") }
    };
    let award = Award::parse(&doc.award);
    let heading = match doc.kind.as_str() {
        "diploma" if award == Some(Award::Mention) => all(Msg::DocHeadingMention),
        "diploma" => all(Msg::DocHeadingDiploma),
        "thanks" => all(Msg::DocHeadingThanks),
        _ => all(Msg::DocHeadingCertificate),
    };
    let award_line = match (doc.kind.as_str(), award) {
        ("diploma", Some(a)) if a != Award::Mention => all(award_msg(a)),
        _ => String::new(),
    };
    let nomination = d.nominations.iter().find(|n| n.id == l.nomination_id).map(|n| local(&n.name)).unwrap_or_default();
    let group = l.age_group_id.and_then(|g| d.age_groups.iter().find(|a| a.id == g)).map(|a| local(&a.name));
    let mut text_lines = vec![format!("«{}»", l.title)];
    text_lines.push(match group {
        Some(g) => format!("{nomination} · {g}"),
        None => nomination,
    });
    if doc.kind == "thanks" {
        text_lines.push(format!("{}: {}", all(Msg::DocForPupil), l.full_name));
    }
    text_lines.push(local(&c.title()));
    let published = c.published_at.unwrap_or(doc.created_at);
    let offset = Moments::of(&c).at(Some(published)).map_or(0, |m| i64::from(m.offset));
    let date = crate::domain::time::format_local(published, offset).split(' ').next().unwrap_or("").to_string();
    let verify_url = format!("{}/verify/{}", state.config.public_url.trim_end_matches('/'), doc.code);
    Ok(Some((
        doc.clone(),
        c.clone(),
        DocumentText {
            organiser: c.organiser_name.clone(),
            heading,
            award: award_line,
            awarded_to: all(if doc.kind == "thanks" { Msg::DocThanksTo } else { Msg::DocAwardedTo }),
            holder: doc.holder.clone(),
            lines: text_lines,
            // Small print in the contest's first language only.
            signature_chair: Msg::DocChair.text(langs[0]).to_string(),
            signature_secretary: Msg::DocSecretary.text(langs[0]).to_string(),
            date,
            code_label: Msg::VerifyCode.text(langs[0]).to_string(),
            code: doc.code.clone(),
            verify_url,
        },
    )))
}

/// The latest results (published, else the draft) as a table for export.
#[cfg(feature = "ssr")]
pub async fn results_table(state: &AppState, c: &ContestRow, lang: crate::i18n::Lang) -> Result<Option<(Vec<&'static str>, Vec<Vec<String>>)>, AppError> {
    // Like everything about results, exports exist only once they are published.
    let Some(version) = c.published_version else { return Ok(None) };
    let d = detail(state, c, true, false).await?;
    let pick = |t: &LocalText| t.pick(lang).map(|(s, _)| s.to_string()).unwrap_or_default();
    let header = [Msg::ColPlace, Msg::ScoreCode, Msg::FieldFullName, Msg::FieldTitle, Msg::FieldNomination, Msg::ColAgeGroup, Msg::ColScore, Msg::ColRawScore, Msg::ColAward, Msg::FieldReason]
        .iter()
        .map(|m| m.text(lang))
        .collect();
    let rows = rdb::lines(&state.db, c.contest_id, version)
        .await
        .map_err(internal)?
        .iter()
        .map(|l| {
            vec![
                l.place.to_string(),
                l.code.clone().unwrap_or_default(),
                l.full_name.clone(),
                l.title.clone(),
                d.nominations.iter().find(|n| n.id == l.nomination_id).map(|n| pick(&n.name)).unwrap_or_default(),
                l.age_group_id.and_then(|g| d.age_groups.iter().find(|a| a.id == g)).map(|a| pick(&a.name)).unwrap_or_default(),
                rules::format_score(l.score),
                rules::format_score(l.raw_score),
                Award::parse(l.final_award()).map_or(Msg::AwardNone.text(lang), |a| award_msg(a).text(lang)).to_string(),
                l.override_reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Ok(Some((header, rows)))
}

/// Every submitted score, one row per judge, entry and criterion.
#[cfg(feature = "ssr")]
pub async fn scores_table(state: &AppState, c: &ContestRow, lang: crate::i18n::Lang) -> Result<Option<(Vec<&'static str>, Vec<Vec<String>>)>, AppError> {
    if c.published_version.is_none() {
        return Ok(None);
    }
    let d = detail(state, c, true, false).await?;
    let pick = |t: &LocalText| t.pick(lang).map(|(s, _)| s.to_string()).unwrap_or_default();
    let rows = rdb::score_rows(&state.db, c.contest_id).await.map_err(internal)?;
    let criterion = |id: i64| {
        d.rubric.iter().chain(d.nominations.iter().flat_map(|n| n.rubric.iter())).find(|k| k.id == id).map(|k| pick(&k.name)).unwrap_or_default()
    };
    let header = [Msg::ScoreCode, Msg::FieldTitle, Msg::JudgesTitle, Msg::ColCriterion, Msg::ColScore, Msg::ColCounted].iter().map(|m| m.text(lang)).collect();
    // Every submitted sheet, and whether it counts by the rule the results used: the two
    // exports agree.
    let out = rows
        .into_iter()
        .map(|r| {
            let counted = match rules::counts(SheetFacts { submitted: true, assigned: r.assigned, recused: r.recused }) {
                Ok(()) => Msg::Yes.text(lang).to_owned(),
                Err(why) => excluded_msg(why).text(lang).to_owned(),
            };
            vec![r.code, r.title, r.judge, criterion(r.criterion_id), crate::domain::judging::format_halves(u32::try_from(r.halves).unwrap_or(0)), counted]
        })
        .collect();
    Ok(Some((header, out)))
}

/// What the explanation and the scores export say of a sheet that does not count.
pub fn excluded_msg(x: Excluded) -> crate::i18n::Msg {
    use crate::i18n::Msg;
    match x {
        Excluded::Draft => Msg::ExcludedDraft,
        Excluded::Recused => Msg::ExcludedRecused,
        Excluded::Unassigned => Msg::ExcludedUnassigned,
    }
}

pub fn award_msg(a: Award) -> crate::i18n::Msg {
    use crate::i18n::Msg;
    match a {
        Award::GrandPrix => Msg::AwardGrandPrix,
        Award::First => Msg::AwardFirst,
        Award::Second => Msg::AwardSecond,
        Award::Third => Msg::AwardThird,
        Award::Mention => Msg::AwardMention,
        Award::Certificate => Msg::AwardCertificate,
    }
}

/// How a participant's name appears in public: in full, or first name, surname initial and
/// city (for minors by default).
pub fn public_name(full: &str, city: &str, short: bool) -> String {
    if !short {
        return full.trim().to_string();
    }
    let mut words = full.split_whitespace();
    let first = words.next().unwrap_or("");
    let initial = words.next().and_then(|w| w.chars().next()).map(|c| format!(" {c}.")).unwrap_or_default();
    let city = city.trim();
    if city.is_empty() { format!("{first}{initial}") } else { format!("{first}{initial}, {city}") }
}

#[cfg(feature = "ssr")]
fn is_minor(birth: &str, now: i64) -> bool {
    let today = crate::domain::date::Date::from_unix(now);
    crate::domain::date::Date::parse(birth).is_ok_and(|b| crate::domain::entry::needs_consent(b, today))
}

/// Whether a work may be shown in public: an adult's, or a minor's with a guardian's consent.
#[cfg(feature = "ssr")]
pub fn work_shown(l: &rdb::Line, now: i64) -> bool {
    l.consent || !is_minor(&l.birth_date, now)
}

#[cfg(feature = "ssr")]
fn shown_name(c: &ContestRow, l: &rdb::Line, now: i64) -> String {
    let short = match c.name_display.as_str() {
        "full" => false,
        "short" => true,
        _ => is_minor(&l.birth_date, now),
    };
    public_name(&l.full_name, &l.city, short)
}

/// Computes a new draft version from the sheets that count, carrying the admin's overrides
/// over from the version before.
#[cfg(feature = "ssr")]
pub async fn compute(state: &AppState, c: &ContestRow, by: Option<i64>) -> Result<i64, AppError> {
    let d = detail(state, c, true, false).await?;
    let mut tx = db::write(&state.db).await.map_err(internal)?;
    let lines = compute_lines(&mut tx, c, &d).await.map_err(internal)?;
    let stored = rdb::insert_version(&mut tx, c.contest_id, by, &lines, state.now()).await.map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    Ok(stored.version)
}

/// The result lines of a contest as its sheets stand, read through `conn` (inside a write
/// transaction, nothing changes under the computation). The rubric comes from `d`: it is
/// frozen from the start of judging.
#[cfg(feature = "ssr")]
async fn compute_lines(conn: &mut sqlx::SqliteConnection, c: &ContestRow, d: &ContestDetail) -> Result<Vec<rdb::NewLine>, sqlx::Error> {
    let entries = db::judging::submitted_entries(&mut *conn, c.contest_id).await?;
    let points = rdb::submitted_points(&mut *conn, c.contest_id).await?;
    // One rule decides which sheets count; the others are listed in the explanation.
    let mut counted: Vec<(i64, i64)> = Vec::new();
    let mut excluded: HashMap<i64, Vec<Excluded>> = HashMap::new();
    for (e, j, submitted, assigned, recused) in rdb::sheets_for_results(&mut *conn, c.contest_id).await? {
        match rules::counts(SheetFacts { submitted, assigned, recused }) {
            Ok(()) => counted.push((e, j)),
            Err(why) => excluded.entry(e).or_default().push(why),
        }
    }
    let method = c.aggregation();
    let rubric = |nomination: i64| {
        let list = d.nominations.iter().find(|n| n.id == nomination).filter(|n| !n.rubric.is_empty()).map_or(&d.rubric, |n| &n.rubric);
        list.iter().map(|k| (k.position, Criterion { id: k.id, max_points: k.rules.max_points, weight: k.rules.weight })).collect::<Vec<_>>()
    };
    // Judges' totals per entry, in sheet order.
    let mut by_sheet: HashMap<(i64, i64), Vec<(i64, u32)>> = HashMap::new();
    for (e, j, crit, h) in &points {
        by_sheet.entry((*e, *j)).or_default().push((*crit, u32::try_from(*h).unwrap_or(0)));
    }
    let mut totals: Vec<(i64, i64, i64)> = Vec::new(); // (entry, judge, total)
    for (e, j) in &counted {
        let Some(entry) = entries.iter().find(|x| x.entry_id == *e) else { continue };
        let crits: Vec<Criterion> = rubric(entry.nomination_id).into_iter().map(|(_, k)| k).collect();
        totals.push((*e, *j, rules::judge_total(&crits, by_sheet.get(&(*e, *j)).map_or(&[][..], Vec::as_slice))));
    }
    let normalised: Vec<i64> = if c.normalise_judges { rules::normalise(&totals.iter().map(|(_, j, t)| (*j, *t)).collect::<Vec<_>>()) } else { totals.iter().map(|t| t.2).collect() };
    let mut ranked = Vec::new();
    let mut extra: HashMap<i64, (i64, Vec<i64>, Vec<(u32, i64)>)> = HashMap::new();
    for entry in &entries {
        let mine: Vec<usize> = totals.iter().enumerate().filter(|(_, t)| t.0 == entry.entry_id).map(|(i, _)| i).collect();
        let raw: Vec<i64> = mine.iter().map(|i| totals[*i].2).collect();
        let norm: Vec<i64> = mine.iter().map(|i| normalised[*i]).collect();
        let score = rules::combine(method, &norm).unwrap_or(0);
        let raw_score = rules::combine(method, &raw).unwrap_or(0);
        let judges: Vec<i64> = mine.iter().map(|i| totals[*i].1).collect();
        let criteria: Vec<(u32, i64)> = rubric(entry.nomination_id)
            .iter()
            .map(|(pos, k)| {
                let sum: i64 = judges.iter().map(|j| by_sheet.get(&(entry.entry_id, *j)).and_then(|v| v.iter().find(|(c, _)| *c == k.id)).map_or(0, |(_, h)| i64::from(*h))).sum();
                // Average points (not halves), in millionths.
                let avg = if judges.is_empty() { 0 } else { (sum * MICRO) / (2 * judges.len() as i64) };
                (*pos, avg)
            })
            .collect();
        ranked.push(Ranked { entry_id: entry.entry_id, group: (entry.nomination_id, entry.age_group_id), score, criteria: criteria.clone() });
        let mut shown = raw.clone();
        shown.sort_unstable();
        extra.insert(entry.entry_id, (raw_score, shown, criteria));
    }
    let placed = rules::rank(&ranked, &c.tie_break(), &c.awards());
    let lines: Vec<rdb::NewLine> = placed
        .iter()
        .map(|p| {
            let (raw_score, judges, criteria) = extra.remove(&p.entry_id).unwrap_or_default();
            let explanation = Explanation {
                judges: judges.iter().map(|t| *t as f64 / MICRO as f64).collect(),
                criteria: criteria.iter().map(|(pos, v)| (*pos, *v as f64 / MICRO as f64)).collect(),
                method,
                normalised: c.normalise_judges,
                decided: p.decided,
                excluded: excluded.remove(&p.entry_id).unwrap_or_default(),
            };
            rdb::NewLine {
                entry_id: p.entry_id,
                nomination_id: p.group.0,
                age_group_id: p.group.1,
                score: p.score,
                raw_score,
                place: i64::from(p.place),
                award: p.award.as_str().to_string(),
                explanation: serde_json::to_string(&explanation).unwrap_or_default(),
            }
        })
        .collect();
    Ok(lines)
}

#[cfg(feature = "ssr")]
fn line_view(c: &ContestRow, l: &rdb::Line, admin: bool, now: i64) -> ResultLineView {
    let final_award = l.final_award();
    ResultLineView {
        code: l.code.clone().unwrap_or_default(),
        entry_id: if admin { l.entry_public_id.clone() } else { String::new() },
        title: l.title.clone(),
        nomination_id: l.nomination_id,
        age_group_id: l.age_group_id,
        name: if admin { l.full_name.clone() } else { shown_name(c, l, now) },
        score: rules::format_score(l.score),
        raw_score: rules::format_score(l.raw_score),
        place: u32::try_from(l.place).unwrap_or(0),
        award: Award::parse(final_award),
        computed: Award::parse(&l.award).unwrap_or(Award::Certificate),
        override_reason: l.override_reason.clone(),
        explanation: serde_json::from_str(&l.explanation).unwrap_or(Explanation {
            judges: Vec::new(),
            criteria: Vec::new(),
            method: Aggregation::Mean,
            normalised: false,
            decided: Decided::Score,
            excluded: Vec::new(),
        }),
    }
}

#[server(prefix = "/api", endpoint = "admin_results")]
pub async fn admin_results(contest: String) -> Result<ResultsReview, AppError> {
    ctx::respond(
        async move {
            let (_, state, c) = admin_contest(&contest).await?;
            let version = rdb::latest_version(&state.db, c.contest_id).await.map_err(internal)?;
            let shown = c.published_version.or(version);
            let lines = match shown {
                Some(v) => rdb::lines(&state.db, c.contest_id, v).await.map_err(internal)?,
                None => Vec::new(),
            };
            let now = state.now();
            let dropped_overrides = match shown {
                Some(v) => rdb::dropped_overrides(&state.db, c.contest_id, v).await.map_err(internal)?,
                None => Vec::new(),
            };
            Ok(ResultsReview {
                dropped_overrides,
                name_display: c.name_display.clone(),
                show_comments: c.show_comments,
                version: shown,
                published_version: c.published_version,
                published_at: Moments::of(&c).at(c.published_at),
                lines: lines.iter().map(|l| line_view(&c, l, true, now)).collect(),
                contest: detail(&state, &c, true, false).await?,
            })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_compute_results")]
pub async fn admin_compute_results(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest).await?;
            if c.published_at.is_some() {
                return Err(AppError::Refused(Msg::ErrAlreadyPublished));
            }
            let v = compute(&state, &c, Some(me.account_id)).await?;
            audit(&state, me.account_id, "results.compute", &c, &format!("version {v}")).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?saved=compute", c.public_id));
            Ok(())
        }
        .await,
    )
}

/// Overrides the award of one entry in the current draft (`award` empty: back to the
/// computed one). A reason is required and logged.
#[server(prefix = "/api", endpoint = "admin_override_award")]
pub async fn admin_override_award(contest: String, code: String, award: String, reason: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest).await?;
            if c.published_at.is_some() {
                return Err(AppError::Refused(Msg::ErrAlreadyPublished));
            }
            let version = rdb::latest_version(&state.db, c.contest_id).await.map_err(internal)?.ok_or(AppError::Refused(Msg::ErrNoResultsYet))?;
            let entry: i64 = sqlx::query_scalar("SELECT entry_id FROM entry WHERE contest_id = ? AND code = ?")
                .bind(c.contest_id)
                .bind(code.trim())
                .fetch_optional(&state.db)
                .await
                .map_err(internal)?
                .ok_or(AppError::field(Field::Code, Msg::ErrNoSuchCode))?;
            let reason = reason.trim();
            let set = match award.as_str() {
                "" => None,
                a if a == "none" || Award::parse(a).is_some() => {
                    if reason.is_empty() || reason.chars().count() > 1_000 {
                        return Err(AppError::field(Field::Reason, if reason.is_empty() { Msg::ErrRequired } else { Msg::ErrTextTooLong }));
                    }
                    Some((a, reason))
                }
                _ => return Err(AppError::field(Field::Award, Msg::ErrChooseOption)),
            };
            if !rdb::set_override(&state.db, c.contest_id, version, entry, set).await.map_err(internal)? {
                return Err(AppError::NotFound);
            }
            audit(&state, me.account_id, "results.override", &c, &format!("{code}: {award} — {reason}")).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?saved=override", c.public_id));
            Ok(())
        }
        .await,
    )
}

/// A verification code such as `KD7Q-M3XA`.
#[cfg(feature = "ssr")]
fn document_code() -> String {
    use rand::RngCore as _;
    let mut b = [0u8; 8];
    rand::rng().fill_bytes(&mut b);
    const A: &[u8] = b"ACDEFGHJKMNPQRTUVWXY34679";
    let s: String = b.iter().map(|x| A[*x as usize % A.len()] as char).collect();
    format!("{}-{}", &s[..4], &s[4..])
}

/// Publishes the results as the sheets stand at this moment: exactly once, whoever calls.
/// One write transaction claims the publication, computes afresh (a draft is only a
/// preview; the admin's overrides carry over), freezes that version, issues the documents,
/// queues the notifications and writes the audit line: all of it, or (a publisher that lost
/// the race, a crash) nothing. `Ok(false)` when it was already published.
#[cfg(feature = "ssr")]
pub async fn publish(state: &AppState, c: &ContestRow, by: Option<i64>) -> Result<bool, AppError> {
    if c.published_at.is_some() {
        return Ok(false);
    }
    let d = detail(state, c, true, false).await?;
    let now = state.now();
    let mut tx = db::write(&state.db).await.map_err(internal)?;
    if !rdb::claim_publication(&mut tx, c.contest_id, now).await.map_err(internal)? {
        return Ok(false);
    }
    let fresh = compute_lines(&mut tx, c, &d).await.map_err(internal)?;
    let stored = rdb::insert_version(&mut tx, c.contest_id, by, &fresh, now).await.map_err(internal)?;
    let version = stored.version;
    let lines = rdb::lines(&mut *tx, c.contest_id, version).await.map_err(internal)?;
    let (documents, mails) = announcements(state, c, &lines);
    rdb::issue(&mut tx, c.contest_id, version, &documents, &mails, now).await.map_err(internal)?;
    let mut detail_text = format!("version {version}");
    if !stored.dropped_overrides.is_empty() {
        detail_text.push_str(&format!("; overrides not carried over (no line now) for entries {:?}", stored.dropped_overrides));
    }
    db::audit::log(&mut *tx, by, "results.publish", &format!("contest:{}", c.public_id), &detail_text, now).await.map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    state.mail_wakeup.notify_one();
    forget_cached(&c.public_id);
    reconcile_after_publication(state, &c.public_id).await?;
    Ok(true)
}

/// One way a published line differs from what the sheets say.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mismatch {
    /// The entry's anonymous code.
    pub code: String,
    /// What differs: `missing` (no published line), `extra` (a line for no counted work),
    /// `score`, `raw_score`, `place` or `award`.
    pub what: String,
    pub published: String,
    pub computed: String,
}

/// Reconciliation: computes the contest's results afresh from the sheets that count and
/// compares them with the published version, line by line (scores, places, computed
/// awards). Empty when they agree, as they must: judging ends at publication and nothing
/// that counts can change afterwards.
#[cfg(feature = "ssr")]
pub async fn reconcile(state: &AppState, c: &ContestRow) -> Result<Vec<Mismatch>, AppError> {
    let Some(version) = c.published_version else { return Ok(Vec::new()) };
    let d = detail(state, c, true, false).await?;
    let mut conn = state.db.acquire().await.map_err(internal)?;
    let fresh = compute_lines(&mut conn, c, &d).await.map_err(internal)?;
    let published = rdb::lines(&mut *conn, c.contest_id, version).await.map_err(internal)?;
    let code = |entry: i64| published.iter().find(|l| l.entry_id == entry).and_then(|l| l.code.clone()).unwrap_or_else(|| format!("entry {entry}"));
    let mut out = Vec::new();
    for f in &fresh {
        let Some(p) = published.iter().find(|p| p.entry_id == f.entry_id) else {
            out.push(Mismatch { code: code(f.entry_id), what: "missing".into(), published: String::new(), computed: rules::format_score(f.score) });
            continue;
        };
        for (what, published, computed) in [
            ("score", rules::format_score(p.score), rules::format_score(f.score)),
            ("raw_score", rules::format_score(p.raw_score), rules::format_score(f.raw_score)),
            ("place", p.place.to_string(), f.place.to_string()),
            ("award", p.award.clone(), f.award.clone()),
        ] {
            if published != computed {
                out.push(Mismatch { code: code(f.entry_id), what: what.into(), published, computed });
            }
        }
    }
    for p in published.iter().filter(|p| !fresh.iter().any(|f| f.entry_id == p.entry_id)) {
        out.push(Mismatch { code: code(p.entry_id), what: "extra".into(), published: rules::format_score(p.score), computed: String::new() });
    }
    Ok(out)
}

/// Reconciles a contest just published and records the outcome in the audit log (an error
/// in the server's log too when they disagree).
#[cfg(feature = "ssr")]
async fn reconcile_after_publication(state: &AppState, public_id: &str) -> Result<(), AppError> {
    let Some(c) = db::contests::find(&state.db, public_id).await.map_err(internal)? else { return Ok(()) };
    let mismatches = reconcile(state, &c).await?;
    let detail = if mismatches.is_empty() {
        format!("version {}: agrees", c.published_version.unwrap_or_default())
    } else {
        tracing::error!(contest = %public_id, ?mismatches, "published results do not reconcile with the sheets");
        format!("version {}: {} differences: {:?}", c.published_version.unwrap_or_default(), mismatches.len(), mismatches)
    };
    db::audit::log(&state.db, None, "results.reconcile", &format!("contest:{public_id}"), &detail, state.now()).await.map_err(internal)
}

/// The documents to issue and the messages to send for a publication's lines.
#[cfg(feature = "ssr")]
fn announcements(state: &AppState, c: &ContestRow, lines: &[rdb::Line]) -> (Vec<rdb::NewDocument>, Vec<rdb::Mail>) {
    let scheme = c.awards();
    let mut documents = Vec::new();
    for l in lines {
        let award = l.final_award();
        let diploma = matches!(award, "grand_prix" | "first" | "second" | "third" | "mention");
        if diploma {
            documents.push(rdb::NewDocument { code: document_code(), entry_id: l.entry_id, kind: "diploma", award: award.to_string(), holder: l.full_name.clone() });
            if !l.supervisor.trim().is_empty() {
                documents.push(rdb::NewDocument { code: document_code(), entry_id: l.entry_id, kind: "thanks", award: award.to_string(), holder: l.supervisor.trim().to_string() });
            }
        } else if scheme.participant_certificates && award != "none" {
            documents.push(rdb::NewDocument { code: document_code(), entry_id: l.entry_id, kind: "certificate", award: "certificate".into(), holder: l.full_name.clone() });
        }
    }
    // One message per entrant, in the language of the contest's first title.
    let lang = [crate::i18n::Lang::Kk, crate::i18n::Lang::Ru, crate::i18n::Lang::En].into_iter().find(|l| c.title().get(*l).is_some()).unwrap_or_default();
    let title = c.title().pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
    let base = state.config.public_url.trim_end_matches('/');
    let mut seen = std::collections::HashSet::new();
    let results_link = format!("{base}/contests/{}/results", c.public_id);
    let mut mails: Vec<rdb::Mail> = lines
        .iter()
        .filter(|l| seen.insert(l.account_id))
        .map(|l| {
            let body = fill(Msg::MailResultsBody.text(lang), &[("name", &l.entrant_name), ("contest", &title), ("link", &results_link), ("mine", &format!("{base}/me/entries"))]);
            (l.entrant_email.clone(), l.entrant_name.clone(), fill(Msg::MailResultsSubject.text(lang), &[("contest", &title)]), body)
        })
        .collect();
    // Supervisors who left an address: one message each, naming their pupils' letters of thanks.
    let mut by_supervisor: Vec<(String, String, Vec<String>)> = Vec::new();
    for l in lines.iter().filter(|l| !l.supervisor_email.is_empty()) {
        let codes: Vec<String> = documents.iter().filter(|d| d.entry_id == l.entry_id && d.kind == "thanks").map(|d| format!("{base}/verify/{}", d.code)).collect();
        match by_supervisor.iter_mut().find(|(e, _, _)| *e == l.supervisor_email) {
            Some((_, _, all)) => all.extend(codes),
            None => by_supervisor.push((l.supervisor_email.clone(), l.supervisor.clone(), codes)),
        }
    }
    for (email, name, codes) in by_supervisor {
        let letters = if codes.is_empty() { "—".to_string() } else { codes.join("\n") };
        let body = fill(Msg::MailSupervisorBody.text(lang), &[("name", &name), ("contest", &title), ("link", &results_link), ("letters", &letters)]);
        mails.push((email, name, fill(Msg::MailResultsSubject.text(lang), &[("contest", &title)]), body));
    }
    (documents, mails)
}

/// Publishes every contest whose results time has come. Safe to run on several servers at
/// once and again after a restart: each contest is published by exactly one call.
#[cfg(feature = "ssr")]
pub async fn publish_due(state: &AppState) -> Result<usize, AppError> {
    let due = rdb::due(&state.db, state.now()).await.map_err(internal)?;
    let mut n = 0;
    for id in due {
        if let Some(c) = db::contests::find(&state.db, &id).await.map_err(internal)?
            && publish(state, &c, None).await?
        {
            n += 1;
        }
    }
    Ok(n)
}

/// The publication job of the server: at start, then every 15 seconds.
#[cfg(feature = "ssr")]
pub async fn run_publisher(state: AppState) {
    loop {
        match publish_due(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(contests = n, "results published"),
            Err(e) => tracing::warn!(error = ?e, "publication failed; will retry"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(15)).await;
    }
}

/// How names appear in public (`full`, `short_minors`, `short`) and whether entrants see
/// judges' comments.
#[server(prefix = "/api", endpoint = "admin_results_settings")]
pub async fn admin_results_settings(contest: String, name_display: String, #[server(default)] show_comments: Option<String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest).await?;
            if !matches!(name_display.as_str(), "full" | "short_minors" | "short") {
                return Err(AppError::field(Field::NameDisplay, Msg::ErrChooseOption));
            }
            sqlx::query("UPDATE contest SET name_display = ?, show_comments = ?, updated_at = ? WHERE contest_id = ?")
                .bind(&name_display)
                .bind(show_comments.is_some())
                .bind(state.now())
                .bind(c.contest_id)
                .execute(&state.db)
                .await
                .map_err(internal)?;
            audit(&state, me.account_id, "results.settings", &c, &name_display).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?saved=settings", c.public_id));
            Ok(())
        }
        .await,
    )
}

/// Revokes an issued document; its verification page says so, with the reason.
#[server(prefix = "/api", endpoint = "admin_revoke_document")]
pub async fn admin_revoke_document(contest: String, code: String, reason: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest).await?;
            let reason = reason.trim();
            if reason.is_empty() || reason.chars().count() > 500 {
                return Err(AppError::field(Field::Reason, if reason.is_empty() { Msg::ErrRequired } else { Msg::ErrTextTooLong }));
            }
            let code = code.trim().to_ascii_uppercase();
            let r = sqlx::query("UPDATE document SET revoked_at = ?, revoked_reason = ? WHERE code = ? AND contest_id = ? AND revoked_at IS NULL")
                .bind(state.now())
                .bind(reason)
                .bind(&code)
                .bind(c.contest_id)
                .execute(&state.db)
                .await
                .map_err(internal)?;
            if r.rows_affected() != 1 {
                return Err(AppError::field(Field::Code, Msg::ErrNoSuchCode));
            }
            audit(&state, me.account_id, "document.revoke", &c, &format!("{code}: {reason}")).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?saved=revoke", c.public_id));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_publish_results")]
pub async fn admin_publish_results(contest: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest).await?;
            if !publish(&state, &c, Some(me.account_id)).await? {
                return Err(AppError::Refused(Msg::ErrAlreadyPublished));
            }
            ctx::redirect(&format!("/admin/contests/{}/results?saved=publish", c.public_id));
            Ok(())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
type ResultsCache = std::sync::Mutex<HashMap<(String, i64), PublicResults>>;

#[cfg(feature = "ssr")]
fn results_cache() -> &'static ResultsCache {
    static CACHE: std::sync::OnceLock<ResultsCache> = std::sync::OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Drops a contest's cached public results (called with every admin change to it).
#[cfg(feature = "ssr")]
pub fn forget_cached(contest_public_id: &str) {
    results_cache().lock().unwrap_or_else(|p| p.into_inner()).retain(|k, _| k.0 != contest_public_id);
}

#[server(prefix = "/api", endpoint = "get_results")]
pub async fn get_results(contest: String) -> Result<PublicResults, AppError> {
    ctx::respond(
        async move {
            let state = ctx::state()?;
            let c = db::contests::find(&state.db, &contest).await.map_err(internal)?.ok_or(AppError::NotFound)?;
            let (Some(version), Some(at)) = (c.published_version, c.published_at) else { return Err(AppError::NotFound) };
            // A published snapshot never changes: its page is built once and served from
            // memory until an admin changes something about the contest (see `forget_cached`).
            let key = (c.public_id.clone(), version);
            if let Some(hit) = results_cache().lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
                return Ok(hit.clone());
            }
            let d = detail(&state, &c, false, false).await?;
            let lines = rdb::lines(&state.db, c.contest_id, version).await.map_err(internal)?;
            let thumbs = db::entries::first_thumbnails(&state.db, c.contest_id).await.map_err(internal)?;
            let now = state.now();
            let mut groups: Vec<ResultGroup> = Vec::new();
            let mut keys: Vec<(i64, Option<i64>)> = lines.iter().map(|l| (l.nomination_id, l.age_group_id)).collect();
            keys.dedup();
            for (n, a) in keys {
                let mine: Vec<&rdb::Line> = lines.iter().filter(|l| l.nomination_id == n && l.age_group_id == a).collect();
                let mut distribution = vec![0u32; 10];
                for l in &mine {
                    let bin = usize::try_from((l.score / (10 * MICRO)).clamp(0, 9)).unwrap_or(0);
                    distribution[bin] += 1;
                }
                let mut winners = Vec::new();
                for l in mine.iter().filter(|l| !matches!(l.final_award(), "certificate" | "none")) {
                    let thumb = work_shown(l, now).then(|| thumbs.get(&l.entry_id)).flatten().map(|id| format!("/results-thumbs/{id}"));
                    winners.push(Winner {
                        place: u32::try_from(l.place).unwrap_or(0),
                        award: Award::parse(l.final_award()).unwrap_or(Award::Certificate),
                        name: shown_name(&c, l, now),
                        title: l.title.clone(),
                        score: rules::format_score(l.score),
                        thumb,
                    });
                }
                winners.sort_by_key(|w| (w.award, w.place));
                groups.push(ResultGroup {
                    nomination: d.nominations.iter().find(|x| x.id == n).map(|x| x.name.clone()).unwrap_or_default(),
                    age_group: a.and_then(|a| d.age_groups.iter().find(|g| g.id == a)).map(|g| g.name.clone()),
                    entries: mine.len() as u32,
                    winners,
                    distribution,
                });
            }
            let results = PublicResults { contest: summary(&c, now), published_at: Moments::of(&c).at(Some(at)).unwrap_or(Moment { utc: at, offset: 0 }), groups };
            let mut cache = results_cache().lock().unwrap_or_else(|p| p.into_inner());
            cache.retain(|k, _| k.0 != c.public_id);
            cache.insert(key, results.clone());
            Ok(results)
        }
        .await,
    )
}

/// An entry's result for its entrant, once published; judges' comments if the contest shows them.
#[cfg(feature = "ssr")]
pub async fn entry_result(state: &AppState, c: &ContestRow, entry_id: i64) -> Result<Option<EntryResult>, AppError> {
    let Some(version) = c.published_version else { return Ok(None) };
    let Some(l) = rdb::line(&state.db, c.contest_id, version, entry_id).await.map_err(internal)? else { return Ok(None) };
    let comments = if c.show_comments {
        sqlx::query_scalar("SELECT comment FROM score_sheet WHERE entry_id = ? AND state = 'submitted' AND comment <> '' ORDER BY sheet_id")
            .bind(entry_id)
            .fetch_all(&state.db)
            .await
            .map_err(internal)?
    } else {
        Vec::new()
    };
    let documents = rdb::documents_of_entry(&state.db, entry_id).await.map_err(internal)?.into_iter().filter(|d| d.revoked_at.is_none()).map(|d| (d.kind, d.code)).collect();
    Ok(Some(EntryResult {
        place: u32::try_from(l.place).unwrap_or(0),
        award: Award::parse(l.final_award()),
        score: rules::format_score(l.score),
        comments,
        documents,
    }))
}

#[server(prefix = "/api", endpoint = "verify_document")]
pub async fn verify_document(code: String) -> Result<Verification, AppError> {
    ctx::respond(
        async move {
            let state = ctx::state()?;
            let code = code.trim().to_ascii_uppercase();
            if code.len() > 20 {
                return Err(AppError::NotFound);
            }
            let doc = rdb::document(&state.db, &code).await.map_err(internal)?.ok_or(AppError::NotFound)?;
            let c = db::contests::find_by_id(&state.db, doc.contest_id).await.map_err(internal)?.ok_or(AppError::NotFound)?;
            let l = rdb::line(&state.db, c.contest_id, doc.version, doc.entry_id).await.map_err(internal)?.ok_or(AppError::NotFound)?;
            let d = detail(&state, &c, false, false).await?;
            let holder = if doc.kind == "thanks" { doc.holder.clone() } else { shown_name(&c, &l, state.now()) };
            Ok(Verification {
                code: doc.code.clone(),
                kind: doc.kind.clone(),
                award: doc.award.clone(),
                holder,
                contest: c.title(),
                nomination: d.nominations.iter().find(|n| n.id == l.nomination_id).map(|n| n.name.clone()).unwrap_or_default(),
                issued: Moments::of(&c).at(Some(doc.created_at)).unwrap_or(Moment { utc: doc.created_at, offset: 0 }),
                revoked: doc.revoked_at.map(|_| doc.revoked_reason.clone().unwrap_or_default()),
            })
        }
        .await,
    )
}

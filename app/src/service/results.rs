//! Results: computing a draft, publishing exactly once, reconciling, the public page (cached
//! per published version), an entry's own result, documents and their verification, exports.

use crate::domain::audit::Action;
use crate::domain::ids::{AccountId, CriterionId, EntryId, NominationId};
use super::contests::{Moments, detail, summary};
use super::OrInternal;
use crate::backend::db::contests::ContestRow;
use crate::backend::db::results as rdb;
use crate::backend::{AppState, db, ids};
use crate::domain::contest::{Aggregation, LocalText};
use crate::domain::privacy;
use crate::domain::results::{self as rules, Award, Criterion, Decided, Excluded, MICRO, Micro, Ranked, SheetFacts};
use crate::error::AppError;
use crate::i18n::{Msg, fill};
use crate::view::contests::{ContestDetail, Moment};
use crate::view::results::*;
use std::collections::HashMap;

/// A document's record and its words. `None` for an unknown code.
pub async fn document_text(state: &AppState, code: &str) -> Result<Option<(rdb::DocumentRow, ContestRow, DocumentText)>, AppError> {
    use crate::i18n::Lang;
    let Some(doc) = rdb::document(&state.db, code).await.or_internal()? else { return Ok(None) };
    let Some(c) = db::contests::find_by_id(&state.db, doc.contest_id).await.or_internal()? else { return Ok(None) };
    // An audience diploma belongs to no version of the jury's results: its work's own facts.
    let (title, nomination_id, age_group_id, pupil) = if doc.kind == "audience" {
        let Some(e) = db::entries::entry_by_id(&state.db, doc.entry_id).await.or_internal()? else { return Ok(None) };
        (e.title, e.nomination_id, e.age_group_id, String::new())
    } else {
        let Some(l) = rdb::line(&state.db, c.contest_id, doc.version, doc.entry_id).await.or_internal()? else { return Ok(None) };
        (l.title, l.nomination_id, l.age_group_id, l.full_name)
    };
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
        "audience" => {
            let mut words: Vec<&str> = langs.iter().map(|l| crate::view::audience::AudienceText::DocHeading.text(*l)).collect();
            words.dedup();
            words.join(" / ")
        }
        _ => all(Msg::DocHeadingCertificate),
    };
    let award_line = match (doc.kind.as_str(), award) {
        ("diploma", Some(a)) if a != Award::Mention => all(award_msg(a)),
        _ => String::new(),
    };
    let nomination = d.nominations.iter().find(|n| n.id == nomination_id).map(|n| local(&n.name)).unwrap_or_default();
    let group = age_group_id.and_then(|g| d.age_groups.iter().find(|a| a.id == g)).map(|a| local(&a.name));
    let mut text_lines = vec![format!("«{title}»")];
    text_lines.push(match group {
        Some(g) => format!("{nomination} · {g}"),
        None => nomination,
    });
    if doc.kind == "thanks" {
        text_lines.push(format!("{}: {}", all(Msg::DocForPupil), pupil));
    }
    text_lines.push(local(&c.title()));
    // The day the document was issued: the results' publication, a correction's (a
    // corrected diploma is a new document) or the audience award's.
    let issued = doc.created_at;
    let offset = Moments::of(&c).at(Some(issued)).map_or(0, |m| m.offset);
    // The date as the contest's first language writes it: «10 желтоқсан 2026».
    let date = crate::i18n::dates::date(issued, offset, langs[0]);
    let verify_url = format!("{}/verify/{}", state.config.public_url.trim_end_matches('/'), doc.code);
    // The contest's organiser as its editor says; without one, the installation's.
    let organiser = if c.organiser_name.trim().is_empty() {
        let identity = state.identity.get(&state.db).await;
        let mut names: Vec<&str> = Vec::new();
        for name in langs.iter().filter_map(|l| identity.name(*l)) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.join(" / ")
    } else {
        c.organiser_name.clone()
    };
    Ok(Some((
        doc.clone(),
        c.clone(),
        DocumentText {
            organiser,
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
        .or_internal()?
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
pub async fn scores_table(state: &AppState, c: &ContestRow, lang: crate::i18n::Lang) -> Result<Option<(Vec<&'static str>, Vec<Vec<String>>)>, AppError> {
    if c.published_version.is_none() {
        return Ok(None);
    }
    let d = detail(state, c, true, false).await?;
    let pick = |t: &LocalText| t.pick(lang).map(|(s, _)| s.to_string()).unwrap_or_default();
    let rows = rdb::score_rows(&state.db, c.contest_id).await.or_internal()?;
    let criterion = |id: CriterionId| {
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

/// The day a contest counts ages on: its age cut-off, else the day entries close (in its
/// time zone). Who is a minor in its results is decided on this day, once; with neither
/// (no timeline), everyone counts as a minor: the careful side.
pub fn reference_date(c: &ContestRow) -> Option<crate::domain::date::Date> {
    use crate::domain::date::Date;
    let cutoff = c.age_cutoff_date.as_deref().and_then(|d| Date::parse(d).ok());
    let close = || c.submissions_close_at.and_then(|t| Date::parse(crate::backend::zone::utc_to_input(t, &c.time_zone).get(..10)?).ok());
    cutoff.or_else(close)
}

/// Whether a work may be shown in public (see [`privacy::work_shown`]): by the line's
/// minor flag, fixed when its version was computed. In a contest with a gallery, its
/// picture is public only with the work's own consent to publication (`domain::gallery`):
/// a consent taken back takes it off the results too.
pub fn work_shown(c: &ContestRow, l: &rdb::Line) -> bool {
    privacy::work_shown(l.minor, l.consent) && (c.gallery == crate::domain::gallery::GalleryMode::Off || l.gallery_consent)
}

/// A participant's name as the contest shows it in public.
pub fn shown_name(c: &ContestRow, l: &rdb::Line) -> String {
    privacy::public_name(&l.full_name, &l.city, c.name_display, l.minor)
}

/// What a document's public verification names: its work's nomination and its holder as
/// the contest shows names. From its version's result line; an audience diploma, which
/// belongs to no version, from its work and participant.
pub async fn document_subject(state: &AppState, c: &ContestRow, doc: &rdb::DocumentRow) -> Result<Option<(crate::domain::ids::NominationId, String)>, AppError> {
    if doc.kind != "audience" {
        let l = rdb::line(&state.db, c.contest_id, doc.version, doc.entry_id).await.or_internal()?;
        return Ok(l.map(|l| (l.nomination_id, shown_name(c, &l))));
    }
    let Some(e) = db::entries::entry_by_id(&state.db, doc.entry_id).await.or_internal()? else { return Ok(None) };
    let Some(p) = db::entries::participant_by_id(&state.db, e.participant_id).await.or_internal()? else { return Ok(None) };
    let minor = reference_date(c).is_none_or(|d| privacy::is_minor(&p.birth_date, d));
    Ok(Some((e.nomination_id, privacy::public_name(&p.full_name, &p.city, c.name_display, minor))))
}

/// Computes a new draft version from the sheets that count, carrying the admin's overrides
/// over from the version before.
pub async fn compute(state: &AppState, c: &ContestRow, by: Option<AccountId>) -> Result<i64, AppError> {
    let d = detail(state, c, true, false).await?;
    let mut tx = db::write(&state.db).await.or_internal()?;
    let lines = compute_lines(&mut tx, c, &d).await.or_internal()?;
    let stored = rdb::insert_version(&mut tx, c.contest_id, by, &lines, state.now()).await.or_internal()?;
    tx.commit().await.or_internal()?;
    Ok(stored.version)
}

/// The result lines of a contest as its sheets stand, read through `conn` (inside a write
/// transaction, nothing changes under the computation). The rubric comes from `d`: it is
/// frozen from the start of judging.
pub async fn compute_lines(conn: &mut db::Tx, c: &ContestRow, d: &ContestDetail) -> Result<Vec<rdb::NewLine>, sqlx::Error> {
    let entries = db::judging::submitted_entries(&mut *conn, c.contest_id).await?;
    let points = rdb::submitted_points(&mut *conn, c.contest_id).await?;
    // One rule decides which sheets count; the others are listed in the explanation.
    let mut counted: Vec<(EntryId, AccountId)> = Vec::new();
    let mut excluded: HashMap<EntryId, Vec<Excluded>> = HashMap::new();
    for s in rdb::sheets_for_results(&mut *conn, c.contest_id).await? {
        let facts = SheetFacts { submitted: s.submitted, assigned: s.assigned, recused: s.recused };
        let decided = match s.review {
            Some(appeal) => rules::review_counts(facts, appeal),
            None => Some(rules::counts(facts)),
        };
        match decided {
            Some(Ok(())) => counted.push((s.entry_id, s.account_id)),
            Some(Err(why)) => excluded.entry(s.entry_id).or_default().push(why),
            None => {}
        }
    }
    let method = c.aggregation();
    // Each nomination's rubric once, each entry found by its id: a republican contest has
    // tens of thousands of works, and nothing here may walk a list per work.
    let mut rubrics: HashMap<NominationId, Vec<(u32, Criterion)>> = HashMap::new();
    for entry in &entries {
        rubrics.entry(entry.nomination_id).or_insert_with(|| {
            super::judging::rubric_for(d, entry.nomination_id)
                .iter().map(|k| (k.position, Criterion { id: k.id, max_points: k.rules.max_points, weight: k.rules.weight })).collect()
        });
    }
    let nomination_of: HashMap<EntryId, NominationId> = entries.iter().map(|x| (x.entry_id, x.nomination_id)).collect();
    // Judges' totals per entry, in sheet order.
    let mut by_sheet: HashMap<(EntryId, AccountId), Vec<(CriterionId, u32)>> = HashMap::new();
    for (e, j, crit, h) in &points {
        by_sheet.entry((*e, *j)).or_default().push((*crit, u32::try_from(*h).unwrap_or(0)));
    }
    let mut totals: Vec<(AccountId, Micro)> = Vec::new(); // (judge, total)
    let mut totals_of: HashMap<EntryId, Vec<usize>> = HashMap::new(); // indices into totals
    for (e, j) in &counted {
        let Some(rubric) = nomination_of.get(e).and_then(|n| rubrics.get(n)) else { continue };
        let crits: Vec<Criterion> = rubric.iter().map(|(_, k)| *k).collect();
        totals_of.entry(*e).or_default().push(totals.len());
        totals.push((*j, rules::judge_total(&crits, by_sheet.get(&(*e, *j)).map_or(&[][..], Vec::as_slice))));
    }
    let normalised: Vec<i64> = if c.normalise_judges { rules::normalise(&totals) } else { totals.iter().map(|t| t.1).collect() };
    let mut ranked = Vec::new();
    // What a result line shows beside its place: the unnormalised score, each judge's total
    // (sorted), and the average points per criterion (by position).
    type Shown = (Micro, Vec<Micro>, Vec<(u32, Micro)>);
    let mut extra: HashMap<EntryId, Shown> = HashMap::new();
    for entry in &entries {
        let mine = totals_of.get(&entry.entry_id).map_or(&[][..], Vec::as_slice);
        let raw: Vec<i64> = mine.iter().map(|i| totals[*i].1).collect();
        let norm: Vec<i64> = mine.iter().map(|i| normalised[*i]).collect();
        let score = rules::combine(method, &norm).unwrap_or(0);
        let raw_score = rules::combine(method, &raw).unwrap_or(0);
        let judges: Vec<AccountId> = mine.iter().map(|i| totals[*i].0).collect();
        let criteria: Vec<(u32, i64)> = rubrics
            .get(&entry.nomination_id)
            .map_or(&[][..], Vec::as_slice)
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
    let on = reference_date(c);
    let minor: HashMap<EntryId, bool> = entries.iter().map(|e| (e.entry_id, on.is_none_or(|d| privacy::is_minor(&e.birth_date, d)))).collect();
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
                award: p.award,
                explanation: serde_json::to_string(&explanation).unwrap_or_default(),
                minor: minor.get(&p.entry_id).copied().unwrap_or(true),
            }
        })
        .collect();
    Ok(lines)
}

pub fn line_view(c: &ContestRow, l: &rdb::Line, admin: bool) -> ResultLineView {
    let final_award = l.final_award();
    ResultLineView {
        code: l.code.clone().unwrap_or_default(),
        entry_id: if admin { l.entry_public_id.clone() } else { String::new() },
        title: l.title.clone(),
        nomination_id: l.nomination_id,
        age_group_id: l.age_group_id,
        name: if admin { l.full_name.clone() } else { shown_name(c, l) },
        score: rules::format_score(l.score),
        raw_score: rules::format_score(l.raw_score),
        place: u32::try_from(l.place).unwrap_or(0),
        award: Award::parse(final_award),
        computed: l.award,
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

/// Publishes the results as the sheets stand at this moment: exactly once, whoever calls.
/// One write transaction claims the publication, computes afresh (a draft is only a
/// preview; the admin's overrides carry over), freezes that version, issues the documents,
/// queues the notifications and writes the audit line: all of it, or (a publisher that lost
/// the race, a crash) nothing. `Ok(false)` when it was already published. The caller runs
/// the reconciliation check after it ([`reconcile_after_publication`]).
pub async fn publish(state: &AppState, c: &ContestRow, by: Option<AccountId>) -> Result<bool, AppError> {
    if c.published_at.is_some() {
        return Ok(false);
    }
    let d = detail(state, c, true, false).await?;
    let now = state.now();
    let mut tx = db::write(&state.db).await.or_internal()?;
    if !rdb::claim_publication(&mut tx, c.contest_id, now).await.or_internal()? {
        return Ok(false);
    }
    let fresh = compute_lines(&mut tx, c, &d).await.or_internal()?;
    let stored = rdb::insert_version(&mut tx, c.contest_id, by, &fresh, now).await.or_internal()?;
    let version = stored.version;
    let lines = rdb::lines(&mut tx, c.contest_id, version).await.or_internal()?;
    let (documents, mails) = announcements(state, c, &lines);
    rdb::issue(&mut tx, c.contest_id, version, &documents, &mails, now).await.or_internal()?;
    let mut detail_text = format!("version {version}");
    if !stored.dropped_overrides.is_empty() {
        detail_text.push_str(&format!("; overrides not carried over (no line now) for entries {:?}", stored.dropped_overrides));
    }
    db::audit::log(&mut tx, by, Action::ResultsPublish, db::audit::Subject::Contest { id: c.contest_id, public_id: &c.public_id }, &detail_text, now).await.or_internal()?;
    tx.commit().await.or_internal()?;
    state.mail_wakeup.notify_one();
    Ok(true)
}

/// Runs the reconciliation check of a contest just published beside the requests that
/// follow, not before the admin's answer: the publication is whole and visible at its
/// commit, and the check reads everything again.
pub fn reconcile_in_background(state: &AppState, public_id: &str) {
    let (state, public_id) = (state.clone(), public_id.to_owned());
    tokio::spawn(async move {
        if let Err(e) = reconcile_after_publication(&state, &public_id).await {
            tracing::error!(contest = %public_id, ?e, "the reconciliation check could not run");
        }
    });
}

/// Reconciliation: computes the contest's results afresh from the sheets that count and
/// compares them with the published version, line by line (scores, places, computed
/// awards). Empty when they agree, as they must: judging ends at publication and nothing
/// that counts can change afterwards.
pub async fn reconcile(state: &AppState, c: &ContestRow) -> Result<Vec<Mismatch>, AppError> {
    let Some(version) = c.published_version else { return Ok(Vec::new()) };
    let d = detail(state, c, true, false).await?;
    // One read transaction: the computation and the published lines see the same database.
    let mut tx = db::read(&state.db).await.or_internal()?;
    let fresh = compute_lines(&mut tx, c, &d).await.or_internal()?;
    let published = rdb::lines(&mut tx, c.contest_id, version).await.or_internal()?;
    tx.commit().await.or_internal()?;
    let by_entry: HashMap<EntryId, &rdb::Line> = published.iter().map(|l| (l.entry_id, l)).collect();
    let fresh_entries: std::collections::HashSet<EntryId> = fresh.iter().map(|f| f.entry_id).collect();
    let code = |entry: EntryId| by_entry.get(&entry).and_then(|l| l.code.clone()).unwrap_or_else(|| format!("entry {entry}"));
    let mut out = Vec::new();
    for f in &fresh {
        let Some(p) = by_entry.get(&f.entry_id) else {
            out.push(Mismatch { code: code(f.entry_id), what: "missing".into(), published: String::new(), computed: rules::format_score(f.score) });
            continue;
        };
        for (what, published, computed) in [
            ("score", rules::format_score(p.score), rules::format_score(f.score)),
            ("raw_score", rules::format_score(p.raw_score), rules::format_score(f.raw_score)),
            ("place", p.place.to_string(), f.place.to_string()),
            ("award", p.award.as_str().to_owned(), f.award.as_str().to_owned()),
        ] {
            if published != computed {
                out.push(Mismatch { code: code(f.entry_id), what: what.into(), published, computed });
            }
        }
    }
    for p in published.iter().filter(|p| !fresh_entries.contains(&p.entry_id)) {
        out.push(Mismatch { code: code(p.entry_id), what: "extra".into(), published: rules::format_score(p.score), computed: String::new() });
    }
    Ok(out)
}

/// Reconciles a contest just published and records the outcome in the audit log (an error
/// in the server's log too when they disagree).
pub async fn reconcile_after_publication(state: &AppState, public_id: &str) -> Result<(), AppError> {
    let Some(c) = db::contests::find(&state.db, public_id).await.or_internal()? else { return Ok(()) };
    let mismatches = reconcile(state, &c).await?;
    let detail = if mismatches.is_empty() {
        format!("version {}: agrees", c.published_version.unwrap_or_default())
    } else {
        tracing::error!(contest = %public_id, ?mismatches, "published results do not reconcile with the sheets");
        format!("version {}: {} differences: {:?}", c.published_version.unwrap_or_default(), mismatches.len(), mismatches)
    };
    db::audit::log(&state.db, None, Action::ResultsReconcile, db::audit::Subject::Contest { id: c.contest_id, public_id: &c.public_id }, &detail, state.now()).await.or_internal()
}

/// The documents to issue and the messages to send for a publication's lines.
pub fn announcements(state: &AppState, c: &ContestRow, lines: &[rdb::Line]) -> (Vec<rdb::NewDocument>, Vec<rdb::Mail>) {
    let scheme = c.awards();
    let mut documents = Vec::new();
    for l in lines {
        let award = l.final_award();
        let diploma = matches!(award, "grand_prix" | "first" | "second" | "third" | "mention");
        if diploma {
            documents.push(rdb::NewDocument { code: ids::new_document_code(), entry_id: l.entry_id, kind: "diploma", award: award.to_string(), holder: l.full_name.clone() });
            if !l.supervisor.trim().is_empty() {
                documents.push(rdb::NewDocument { code: ids::new_document_code(), entry_id: l.entry_id, kind: "thanks", award: award.to_string(), holder: l.supervisor.trim().to_string() });
            }
        } else if scheme.participant_certificates && award != "none" {
            documents.push(rdb::NewDocument { code: ids::new_document_code(), entry_id: l.entry_id, kind: "certificate", award: "certificate".into(), holder: l.full_name.clone() });
        }
    }
    // One message per entrant, in the language of the contest's first title.
    let lang = c.first_lang();
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
    let mut thanks: HashMap<EntryId, Vec<String>> = HashMap::new();
    for d in documents.iter().filter(|d| d.kind == "thanks") {
        thanks.entry(d.entry_id).or_default().push(format!("{base}/verify/{}", d.code));
    }
    // In the order supervisors first appear.
    let mut by_supervisor: Vec<(String, String, Vec<String>)> = Vec::new();
    let mut supervisor_at: HashMap<&str, usize> = HashMap::new();
    for l in lines.iter().filter(|l| !l.supervisor_email.is_empty()) {
        let codes = thanks.remove(&l.entry_id).unwrap_or_default();
        match supervisor_at.get(l.supervisor_email.as_str()) {
            Some(i) => by_supervisor[*i].2.extend(codes),
            None => {
                supervisor_at.insert(&l.supervisor_email, by_supervisor.len());
                by_supervisor.push((l.supervisor_email.clone(), l.supervisor.clone(), codes));
            }
        }
    }
    for (email, name, codes) in by_supervisor {
        let letters = if codes.is_empty() { "—".to_string() } else { codes.join("\n") };
        let body = fill(Msg::MailSupervisorBody.text(lang), &[("name", &name), ("contest", &title), ("link", &results_link), ("letters", &letters)]);
        mails.push((email, name, fill(Msg::MailResultsSubject.text(lang), &[("contest", &title)]), body));
    }
    (documents, mails)
}

/// Publishes every contest whose results time has come, each followed by its reconciliation
/// check. Safe to run on several servers at once and again after a restart: each contest is
/// published by exactly one call.
pub async fn publish_due(state: &AppState) -> Result<usize, AppError> {
    let due = rdb::due(&state.db, state.now()).await.or_internal()?;
    let mut n = 0;
    for id in due {
        if let Some(c) = db::contests::find(&state.db, &id).await.or_internal()?
            && publish(state, &c, None).await?
        {
            reconcile_after_publication(state, &id).await?;
            n += 1;
        }
    }
    Ok(n)
}


/// An entry's result for its entrant, once published; judges' comments if the contest shows them.
pub async fn entry_result(state: &AppState, c: &ContestRow, entry_id: EntryId) -> Result<Option<EntryResult>, AppError> {
    let Some(version) = c.published_version else { return Ok(None) };
    let Some(l) = rdb::line(&state.db, c.contest_id, version, entry_id).await.or_internal()? else { return Ok(None) };
    let comments = if c.show_comments {
        db::judging::submitted_comments(&state.db, entry_id).await.or_internal()?
    } else {
        Vec::new()
    };
    let documents = rdb::documents_of_entry(&state.db, entry_id).await.or_internal()?.into_iter().filter(|d| d.revoked_at.is_none()).map(|d| (d.kind, d.code)).collect();
    let moments = Moments::of(c);
    let appeal = db::appeals::of_entry(&state.db, entry_id).await.or_internal()?;
    let closes = crate::domain::appeal::closes_at(c.published_at, c.appeal_days).filter(|at| state.now() < *at && appeal.is_none());
    Ok(Some(EntryResult {
        place: u32::try_from(l.place).unwrap_or(0),
        award: Award::parse(l.final_award()),
        score: rules::format_score(l.score),
        comments,
        documents,
        appeal_closes: moments.at(closes),
        appeal: appeal.map(|a| AppealView {
            state: a.state,
            reason: a.reason,
            filed_at: moments.at(Some(a.filed_at)).unwrap_or(Moment { utc: a.filed_at, offset: 0 }),
            reply: a.reply,
            decided_at: moments.at(a.decided_at),
        }),
    }))
}

/// The entry's audience diploma (its code) while the jury's `result` is not out: the
/// audience award may be published first. Once the jury's is, it is among its documents.
pub async fn audience_diploma(state: &AppState, c: &ContestRow, entry_id: EntryId, result: Option<&EntryResult>) -> Result<Option<String>, AppError> {
    if result.is_some() || c.status() == crate::domain::contest::Status::Draft {
        return Ok(None);
    }
    let documents = rdb::documents_of_entry(&state.db, entry_id).await.or_internal()?;
    Ok(documents.into_iter().find(|d| d.kind == "audience" && d.revoked_at.is_none()).map(|d| d.code))
}

/// The public results page of a published contest (`None` before publication): built once
/// per published version, then served from this process's memory.
pub async fn public_results(state: &AppState, c: &ContestRow) -> Result<Option<PublicResults>, AppError> {
    let (Some(version), Some(at)) = (c.published_version, c.published_at) else { return Ok(None) };
    // A published snapshot never changes: its page is built once per instance and served
    // from memory until an admin changes something about the contest, which bumps its
    // revision in the database (seen by every instance at its next request).
    if let Some(hit) = state.results_cache.get(&c.public_id, version, c.revision) {
        return Ok(Some(hit));
    }
    let d = detail(state, c, false, false).await?;
    let lines = rdb::lines(&state.db, c.contest_id, version).await.or_internal()?;
    let thumbs = db::files::first_thumbnails(&state.db, c.contest_id).await.or_internal()?;
    let now = state.now();
    let mut groups: Vec<ResultGroup> = Vec::new();
    let mut keys: Vec<rules::Group> = lines.iter().map(|l| (l.nomination_id, l.age_group_id)).collect();
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
            let thumb = work_shown(c, l).then(|| thumbs.get(&l.entry_id)).flatten().map(|id| format!("/results-thumbs/{id}"));
            winners.push(Winner {
                place: u32::try_from(l.place).unwrap_or(0),
                award: Award::parse(l.final_award()).unwrap_or(Award::Certificate),
                name: shown_name(c, l),
                title: l.title.clone(),
                score: rules::format_score(l.score),
                thumb,
            });
        }
        winners.sort_by_key(|w| (w.award, w.place));
        groups.push(ResultGroup {
            nomination: d.nominations.iter().find(|x| x.id == n).map(|x| x.name.clone()).unwrap_or_default(),
            age_group: a.and_then(|a| d.age_groups.iter().find(|g| g.id == a)).map(|g| g.name.clone()),
            entries: crate::domain::count(mine.len()),
            winners,
            distribution,
        });
    }
    let corrections = corrections(state, c, &lines).await?;
    let results = PublicResults { contest: summary(c, now), published_at: Moments::of(c).at(Some(at)).unwrap_or(Moment { utc: at, offset: 0 }), groups, corrections, audience: None };
    state.results_cache.put(&c.public_id, version, c.revision, results.clone());
    Ok(Some(results))
}

/// The published results' corrections: each upheld appeal's work, its place and award before
/// (in the version appealed) and after (`lines`, the published version), and the reason.
async fn corrections(state: &AppState, c: &ContestRow, lines: &[rdb::Line]) -> Result<Vec<CorrectionView>, AppError> {
    let upheld = db::appeals::corrections(&state.db, c.contest_id).await.or_internal()?;
    let moments = Moments::of(c);
    let mut out = Vec::with_capacity(upheld.len());
    for u in upheld {
        let before = rdb::line(&state.db, c.contest_id, u.version, u.entry_id).await.or_internal()?;
        let Some(after) = lines.iter().find(|l| l.entry_id == u.entry_id) else { continue };
        let shown = |l: &rdb::Line| (u32::try_from(l.place).unwrap_or(0), Award::parse(l.final_award()));
        out.push(CorrectionView {
            at: moments.at(Some(u.decided_at)).unwrap_or(Moment { utc: u.decided_at, offset: 0 }),
            title: after.title.clone(),
            name: shown_name(c, after),
            before: before.as_ref().map_or((0, None), shown),
            after: shown(after),
            reason: u.reply,
        });
    }
    Ok(out)
}

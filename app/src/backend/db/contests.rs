//! Contests: the contest row itself (basics, timeline, scoring, awards, status and its
//! transitions, judging and results settings) and per-entrant extensions. Its parts live in
//! [`super::contest_parts`].

use crate::domain::ids::{AccountId, ContestId};
use super::{on, Handle};
use crate::domain::contest::{
    Aggregation, AwardScheme, GrandPrix, Level, LocalText, Phase, Status, Timeline, phase,
};
use crate::domain::privacy::NameDisplay;
use crate::domain::gallery::GalleryMode;
use crate::domain::time::UnixTime;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ContestRow {
    pub contest_id: ContestId,
    pub public_id: String,
    pub title_kk: Option<String>,
    pub title_ru: Option<String>,
    pub title_en: Option<String>,
    pub description_kk: Option<String>,
    pub description_ru: Option<String>,
    pub description_en: Option<String>,
    pub rules_kk: Option<String>,
    pub rules_ru: Option<String>,
    pub rules_en: Option<String>,
    pub status: Status,
    pub level: Level,
    pub organiser_name: String,
    pub organiser_contacts: String,
    pub time_zone: String,
    pub submissions_open_at: Option<i64>,
    pub submissions_close_at: Option<i64>,
    pub judging_end_at: Option<i64>,
    pub results_at: Option<i64>,
    pub closed_early_at: Option<i64>,
    pub age_cutoff_date: Option<String>,
    pub rubric_public: bool,
    pub aggregation: Aggregation,
    pub normalise_judges: bool,
    pub tie_break: super::JsonText<Vec<u32>>,
    pub grand_prix: GrandPrix,
    pub first_places: i64,
    pub second_places: i64,
    pub third_places: i64,
    pub mentions: i64,
    pub participant_certificates: bool,
    pub min_award_score: Option<i64>,
    pub poster_file: Option<String>,
    /// The address people can read and type (`domain::slug`), once it has one.
    pub slug: Option<String>,
    pub blind: bool,
    pub judges_see_colleagues: bool,
    pub disagreement_pct: i64,
    pub name_display: NameDisplay,
    pub show_comments: bool,
    /// Days after publication during which entrants may appeal (`domain::appeal`); 0: none.
    pub appeal_days: i64,
    /// When the public gallery opens (`domain::gallery`), and the moment set for `Date`.
    pub gallery: GalleryMode,
    pub gallery_opens_at: Option<i64>,
    pub published_at: Option<i64>,
    /// When it was archived: participants' data is kept for the retention period from here.
    pub archived_at: Option<i64>,
    /// When its participants' data was reduced (the retention period ran out).
    pub reduced_at: Option<i64>,
    pub published_version: Option<i64>,
    /// Bumped by every admin change ([`bump_revision`]): what a cached page is keyed by.
    pub revision: i64,
    /// The organisation it belongs to (`db::staff`); `None`: the host's own.
    pub organisation_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl ContestRow {
    pub fn title(&self) -> LocalText {
        LocalText::new(self.title_kk.clone(), self.title_ru.clone(), self.title_en.clone())
    }
    /// The language of its first title (Kazakh, Russian, English in that order): what its
    /// mails and the words stored for it are written in.
    pub fn first_lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::ALL.into_iter().find(|l| self.title().get(*l).is_some()).unwrap_or_default()
    }
    pub fn description(&self) -> LocalText {
        LocalText::new(self.description_kk.clone(), self.description_ru.clone(), self.description_en.clone())
    }
    pub fn rules(&self) -> LocalText {
        LocalText::new(self.rules_kk.clone(), self.rules_ru.clone(), self.rules_en.clone())
    }
    pub fn status(&self) -> Status {
        self.status
    }
    pub fn level(&self) -> Level {
        self.level
    }
    pub fn timeline(&self) -> Option<Timeline> {
        timeline_of([self.submissions_open_at, self.submissions_close_at, self.judging_end_at, self.results_at])
    }
    pub fn phase(&self, now: UnixTime) -> Phase {
        phase_of(self.status, self.timeline().as_ref(), self.closed_early_at, self.published_at, now)
    }
    /// May judges write scores now? (See [`crate::domain::judging::judging_open`].)
    pub fn judging_open(&self, now: UnixTime) -> bool {
        self.timeline().is_some_and(|t| crate::domain::judging::judging_open(&t, self.closed_early_at, self.published_at, now))
    }
    /// Is its public gallery open at `now`? Never for a draft, nor once its participants'
    /// data is reduced.
    pub fn gallery_open(&self, now: UnixTime) -> bool {
        self.status != Status::Draft && self.reduced_at.is_none() && self.gallery.is_open(self.gallery_opens_at, self.published_at, now)
    }
    pub fn aggregation(&self) -> Aggregation {
        self.aggregation
    }
    /// Criterion positions (1-based) that break ties, in order.
    pub fn tie_break(&self) -> Vec<u32> {
        self.tie_break.0.clone()
    }
    pub fn awards(&self) -> AwardScheme {
        let n = |v: i64| u32::try_from(v).unwrap_or(0);
        AwardScheme {
            grand_prix: self.grand_prix,
            first: n(self.first_places),
            second: n(self.second_places),
            third: n(self.third_places),
            mentions: n(self.mentions),
            participant_certificates: self.participant_certificates,
            min_score: self.min_award_score.map(n),
        }
    }
}

const SELECT: &str = "SELECT contest_id, public_id, title_kk, title_ru, title_en, description_kk, description_ru,
    description_en, rules_kk, rules_ru, rules_en, status, level, organiser_name, organiser_contacts, time_zone,
    submissions_open_at, submissions_close_at, judging_end_at, results_at, closed_early_at, age_cutoff_date,
    rubric_public, aggregation, normalise_judges, tie_break, grand_prix, first_places, second_places,
    third_places, mentions, participant_certificates, min_award_score, poster_file, slug, blind, judges_see_colleagues, disagreement_pct, name_display, show_comments, appeal_days, gallery, gallery_opens_at, published_at, published_version,
    revision, archived_at, reduced_at, organisation_id, created_at, updated_at FROM contest";

pub async fn find(db: impl Handle<'_>, public_id: &str) -> Result<Option<ContestRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, ContestRow>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE public_id = $1")))
            .bind(public_id)
            .fetch_optional(&mut *db)
            .await
    })
}

/// The contest that has or had the address `slug` (its current one is `slug` of the row).
pub async fn find_by_address(db: impl Handle<'_>, slug: &str) -> Result<Option<ContestRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, ContestRow>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE contest_id = (SELECT contest_id FROM contest_slug WHERE slug = $1)")))
            .bind(slug)
            .fetch_optional(&mut *db)
            .await
    })
}

/// Gives the contest the address `slug`, kept among its addresses for good; `false` when
/// another contest has or had it, or has it as its public id.
pub async fn set_slug(db: impl Handle<'_>, contest_id: ContestId, slug: &str, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let clash: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contest WHERE public_id = $1 AND contest_id <> $2")
            .bind(slug)
            .bind(contest_id)
            .fetch_one(&mut *db)
            .await?;
        if clash > 0 {
            return Ok(false);
        }
        sqlx::query("INSERT INTO contest_slug (slug, contest_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING")
            .bind(slug)
            .bind(contest_id)
            .bind(now)
            .execute(&mut *db)
            .await?;
        let owner: ContestId = sqlx::query_scalar("SELECT contest_id FROM contest_slug WHERE slug = $1").bind(slug).fetch_one(&mut *db).await?;
        if owner != contest_id {
            return Ok(false);
        }
        sqlx::query("UPDATE contest SET slug = $1, updated_at = $2, revision = revision + 1 WHERE contest_id = $3")
            .bind(slug)
            .bind(now)
            .bind(contest_id)
            .execute(&mut *db)
            .await?;
        Ok(true)
    })
}

/// Contests without an address yet (made before addresses existed).
pub async fn without_slug(db: impl Handle<'_>) -> Result<Vec<ContestId>, sqlx::Error> {
    on!(db => sqlx::query_scalar("SELECT contest_id FROM contest WHERE slug IS NULL ORDER BY contest_id").fetch_all(&mut *db).await)
}

pub async fn find_by_id(db: impl Handle<'_>, contest_id: ContestId) -> Result<Option<ContestRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, ContestRow>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE contest_id = $1")))
            .bind(contest_id)
            .fetch_optional(&mut *db)
            .await
    })
}

/// Every contest, for admins: newest first.
pub async fn list_all(db: impl Handle<'_>) -> Result<Vec<ContestRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, ContestRow>(sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY created_at DESC, contest_id DESC")))
            .fetch_all(&mut *db)
            .await
    })
}

/// The four moments of a timeline (open, close, judging end, results), when all are set.
fn timeline_of([open, close, judging_end, results]: [Option<UnixTime>; 4]) -> Option<Timeline> {
    Some(Timeline { open: open?, close: close?, judging_end: judging_end?, results: results? })
}

fn phase_of(status: Status, timeline: Option<&Timeline>, closed_early_at: Option<UnixTime>, published_at: Option<UnixTime>, now: UnixTime) -> Phase {
    phase(status, timeline, closed_early_at, now).after_publication(published_at.is_some_and(|at| at <= now))
}

/// What the public list filters and sorts a contest by: a few integer columns, so the list
/// reads every public contest cheaply and then only the page it shows ([`by_ids`]).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ListedContest {
    pub contest_id: ContestId,
    pub status: Status,
    pub level: Level,
    pub submissions_open_at: Option<UnixTime>,
    pub submissions_close_at: Option<UnixTime>,
    pub judging_end_at: Option<UnixTime>,
    pub results_at: Option<UnixTime>,
    pub closed_early_at: Option<UnixTime>,
    pub published_at: Option<UnixTime>,
}

impl ListedContest {
    pub fn phase(&self, now: UnixTime) -> Phase {
        phase_of(self.status, self.timeline().as_ref(), self.closed_early_at, self.published_at, now)
    }
    /// When entries close (early, if an admin closed them early).
    pub fn closes(&self) -> Option<UnixTime> {
        self.timeline().map(|t| t.effective_close(self.closed_early_at))
    }
    fn timeline(&self) -> Option<Timeline> {
        timeline_of([self.submissions_open_at, self.submissions_close_at, self.judging_end_at, self.results_at])
    }
}

/// Contests the public may see (not drafts), as the list filters and sorts them.
pub async fn listing(db: impl Handle<'_>) -> Result<Vec<ListedContest>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT contest_id, status, level, submissions_open_at, submissions_close_at, judging_end_at, results_at, closed_early_at, published_at
             FROM contest WHERE status <> 'draft' AND submissions_open_at IS NOT NULL",
        )
        .fetch_all(&mut *db)
        .await
    })
}

/// These contests, in any order.
pub async fn by_ids(db: impl Handle<'_>, ids: &[ContestId]) -> Result<Vec<ContestRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    on!(db => {
        let mut q = sqlx::QueryBuilder::new(SELECT);
        q.push(" WHERE contest_id IN (");
        let mut list = q.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        q.push(")");
        q.build_query_as().fetch_all(&mut *db).await
    })
}

pub async fn count(db: impl Handle<'_>) -> Result<i64, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT COUNT(*) FROM contest").fetch_one(&mut *db).await
    })
}

/// A new draft of `organisation` (`None`: the host's own).
pub async fn insert_draft(db: impl Handle<'_>, public_id: &str, title: &LocalText, level: Level, organisation: Option<i64>, now: i64) -> Result<ContestId, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "INSERT INTO contest (public_id, title_kk, title_ru, title_en, level, organisation_id, status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8) RETURNING contest_id",
        )
        .bind(public_id)
        .bind(&title.kk)
        .bind(&title.ru)
        .bind(&title.en)
        .bind(level.as_str())
        .bind(organisation)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *db)
        .await
    })
}

pub struct Basics<'a> {
    pub title: &'a LocalText,
    pub description: &'a LocalText,
    pub rules: &'a LocalText,
    pub level: Level,
    pub organiser_name: &'a str,
    pub organiser_contacts: &'a str,
    pub rubric_public: bool,
}

pub async fn update_basics(db: impl Handle<'_>, contest_id: ContestId, b: &Basics<'_>, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "UPDATE contest SET title_kk = $1, title_ru = $2, title_en = $3, description_kk = $4, description_ru = $5,
             description_en = $6, rules_kk = $7, rules_ru = $8, rules_en = $9, level = $10, organiser_name = $11,
             organiser_contacts = $12, rubric_public = $13, updated_at = $14 WHERE contest_id = $15",
        )
        .bind(&b.title.kk)
        .bind(&b.title.ru)
        .bind(&b.title.en)
        .bind(&b.description.kk)
        .bind(&b.description.ru)
        .bind(&b.description.en)
        .bind(&b.rules.kk)
        .bind(&b.rules.ru)
        .bind(&b.rules.en)
        .bind(b.level.as_str())
        .bind(b.organiser_name)
        .bind(b.organiser_contacts)
        .bind(b.rubric_public)
        .bind(now)
        .bind(contest_id)
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

pub async fn update_timeline(
    db: impl Handle<'_>,
    contest_id: ContestId,
    t: &Timeline,
    time_zone: &str,
    age_cutoff_date: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "UPDATE contest SET submissions_open_at = $1, submissions_close_at = $2, judging_end_at = $3, results_at = $4,
             time_zone = $5, age_cutoff_date = $6, updated_at = $7 WHERE contest_id = $8",
        )
        .bind(t.open)
        .bind(t.close)
        .bind(t.judging_end)
        .bind(t.results)
        .bind(time_zone)
        .bind(age_cutoff_date)
        .bind(now)
        .bind(contest_id)
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

pub async fn update_scoring(
    db: impl Handle<'_>,
    contest_id: ContestId,
    aggregation: Aggregation,
    normalise: bool,
    tie_break: &[u32],
    now: i64,
) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE contest SET aggregation = $1, normalise_judges = $2, tie_break = $3, updated_at = $4 WHERE contest_id = $5")
            .bind(aggregation.as_str())
            .bind(normalise)
            .bind(serde_json::to_string(tie_break).unwrap_or_else(|_| "[]".into()))
            .bind(now)
            .bind(contest_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

pub async fn update_awards(db: impl Handle<'_>, contest_id: ContestId, a: &AwardScheme, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "UPDATE contest SET grand_prix = $1, first_places = $2, second_places = $3, third_places = $4, mentions = $5,
             participant_certificates = $6, min_award_score = $7, updated_at = $8 WHERE contest_id = $9",
        )
        .bind(a.grand_prix.as_str())
        .bind(i64::from(a.first))
        .bind(i64::from(a.second))
        .bind(i64::from(a.third))
        .bind(i64::from(a.mentions))
        .bind(a.participant_certificates)
        .bind(a.min_score.map(i64::from))
        .bind(now)
        .bind(contest_id)
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

/// Changes the status only from `from`; `false` if it was not `from` (someone was faster).
pub async fn transition(db: impl Handle<'_>, contest_id: ContestId, from: Status, to: Status, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        // The retention period of participants' data counts from the archiving.
        let archived_at = (to == Status::Archived).then_some(now);
        let r = sqlx::query("UPDATE contest SET status = $1, updated_at = $2, archived_at = $5 WHERE contest_id = $3 AND status = $4")
            .bind(to.as_str())
            .bind(now)
            .bind(contest_id)
            .bind(from.as_str())
            .bind(archived_at)
            .execute(&mut *db)
            .await?;
        Ok(r.rows_affected() == 1)
    })
}

/// Sets (or clears) the poster and returns the previous file name, for removal.
pub async fn set_poster(db: impl Handle<'_>, contest_id: ContestId, file: Option<&str>, now: i64) -> Result<Option<String>, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let old: Option<String> = sqlx::query_scalar("SELECT poster_file FROM contest WHERE contest_id = $1")
            .bind(contest_id)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query("UPDATE contest SET poster_file = $1, updated_at = $2, revision = revision + 1 WHERE contest_id = $3")
            .bind(file)
            .bind(now)
            .bind(contest_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(old)
    })
}

pub async fn set_judging_settings(db: impl Handle<'_>, contest_id: ContestId, blind: bool, see_colleagues: bool, disagreement_pct: i64, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE contest SET blind = $1, judges_see_colleagues = $2, disagreement_pct = $3, updated_at = $4 WHERE contest_id = $5")
            .bind(blind)
            .bind(see_colleagues)
            .bind(disagreement_pct)
            .bind(now)
            .bind(contest_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

pub async fn close_early(db: impl Handle<'_>, contest_id: ContestId, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE contest SET closed_early_at = $1, updated_at = $2 WHERE contest_id = $3")
            .bind(now)
            .bind(now)
            .bind(contest_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// A later deadline for everyone (and no early closing any more).
pub async fn extend_close(db: impl Handle<'_>, contest_id: ContestId, close: i64, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE contest SET submissions_close_at = $1, closed_early_at = NULL, updated_at = $2 WHERE contest_id = $3")
            .bind(close)
            .bind(now)
            .bind(contest_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

pub async fn upsert_extension(db: impl Handle<'_>, contest_id: ContestId, account_id: AccountId, until: i64, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "INSERT INTO contest_extension (contest_id, account_id, until_at, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (contest_id, account_id) DO UPDATE SET until_at = excluded.until_at",
        )
        .bind(contest_id)
        .bind(account_id)
        .bind(until)
        .bind(now)
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

pub async fn extension_for(db: impl Handle<'_>, contest_id: ContestId, account_id: AccountId) -> Result<Option<i64>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT until_at FROM contest_extension WHERE contest_id = $1 AND account_id = $2")
            .bind(contest_id)
            .bind(account_id)
            .fetch_optional(&mut *db)
            .await
    })
}

/// Deletes a contest only while it is a draft (`None` otherwise); the digests of its
/// uploaded examples' files that nothing names any more (their rows are gone: the caller
/// removes the stored bytes).
pub async fn delete_draft(db: impl Handle<'_>, contest_id: ContestId) -> Result<Option<Vec<String>>, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let shas: Vec<String> = sqlx::query_scalar("SELECT f.sha256 FROM anchor_file f JOIN anchor a ON a.anchor_id = f.anchor_id WHERE a.contest_id = $1")
            .bind(contest_id)
            .fetch_all(&mut *tx)
            .await?;
        let r = sqlx::query("DELETE FROM contest WHERE contest_id = $1 AND status = 'draft'").bind(contest_id).execute(&mut *tx).await?;
        if r.rows_affected() != 1 {
            return Ok(None);
        }
        let gone = super::files::drop_all_unused(&mut *tx, shas).await?;
        tx.commit().await?;
        Ok(Some(gone))
    })
}

/// Marks the contest changed for every instance: pages cached under its old revision are
/// not served again anywhere.
pub async fn bump_revision(db: impl Handle<'_>, contest_id: ContestId) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE contest SET revision = revision + 1 WHERE contest_id = $1").bind(contest_id).execute(&mut *db).await.map(|_| ())
    })
}

/// Copies a contest as a new draft: texts, level, organiser, zone, scoring, awards, judging
/// and publishing settings (blind judging, names shown, comments, appeals, when the gallery
/// opens), nominations, age groups, open pairs and criteria; not dates (a gallery opening on
/// a date waits for a new one), status, poster, audience vote or entries.
pub async fn copy(db: impl Handle<'_>, source_id: ContestId, new_public_id: &str, now: i64) -> Result<ContestId, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let new_id: ContestId = sqlx::query_scalar(
            "INSERT INTO contest (public_id, title_kk, title_ru, title_en, description_kk, description_ru, description_en,
               rules_kk, rules_ru, rules_en, status, level, organiser_name, organiser_contacts, time_zone, rubric_public,
               aggregation, normalise_judges, tie_break, grand_prix, first_places, second_places, third_places, mentions,
               participant_certificates, min_award_score, blind, judges_see_colleagues, disagreement_pct, name_display,
               show_comments, appeal_days, gallery, copied_from, organisation_id, created_at, updated_at)
             SELECT $1, title_kk, title_ru, title_en, description_kk, description_ru, description_en,
               rules_kk, rules_ru, rules_en, 'draft', level, organiser_name, organiser_contacts, time_zone, rubric_public,
               aggregation, normalise_judges, tie_break, grand_prix, first_places, second_places, third_places, mentions,
               participant_certificates, min_award_score, blind, judges_see_colleagues, disagreement_pct, name_display,
               show_comments, appeal_days, gallery, contest_id, organisation_id, $2, $3
             FROM contest WHERE contest_id = $4 RETURNING contest_id",
        )
        .bind(new_public_id)
        .bind(now)
        .bind(now)
        .bind(source_id)
        .fetch_one(&mut *tx)
        .await?;

        let nominations = copy_parts(&mut *tx, source_id, new_id, now).await?;
        super::questions::copy(&mut *tx, source_id, new_id, &nominations, now).await?;
        tx.commit().await?;
        Ok(new_id)
    })
}

/// The parts a copy carries over, inside the copy's transaction: nominations, age groups, the
/// open pairs between them (mapped to the new ids) and criteria. The nominations' ids, old
/// → new.
async fn copy_parts(db: impl Handle<'_>, source_id: ContestId, new_id: ContestId, now: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    on!(db => {
        let noms: Vec<(i64,)> = sqlx::query_as("SELECT nomination_id FROM nomination WHERE contest_id = $1 ORDER BY nomination_id")
            .bind(source_id)
            .fetch_all(&mut *db)
            .await?;
        let mut nom_map = Vec::new();
        for (old,) in noms {
            let new: i64 = sqlx::query_scalar(
                "INSERT INTO nomination (contest_id, position, name_kk, name_ru, name_en, allowed_kinds, max_file_mb, max_files,
                   max_entries_per_participant, created_at, updated_at)
                 SELECT $1, position, name_kk, name_ru, name_en, allowed_kinds, max_file_mb, max_files,
                   max_entries_per_participant, $2, $3 FROM nomination WHERE nomination_id = $4 RETURNING nomination_id",
            )
            .bind(new_id)
            .bind(now)
            .bind(now)
            .bind(old)
            .fetch_one(&mut *db)
            .await?;
            nom_map.push((old, new));
        }
        let ags: Vec<(i64,)> = sqlx::query_as("SELECT age_group_id FROM age_group WHERE contest_id = $1 ORDER BY age_group_id")
            .bind(source_id)
            .fetch_all(&mut *db)
            .await?;
        let mut ag_map = Vec::new();
        for (old,) in ags {
            let new: i64 = sqlx::query_scalar(
                "INSERT INTO age_group (contest_id, name_kk, name_ru, name_en, min_age, max_age, created_at, updated_at)
                 SELECT $1, name_kk, name_ru, name_en, min_age, max_age, $2, $3 FROM age_group WHERE age_group_id = $4
                 RETURNING age_group_id",
            )
            .bind(new_id)
            .bind(now)
            .bind(now)
            .bind(old)
            .fetch_one(&mut *db)
            .await?;
            ag_map.push((old, new));
        }
        let map = |m: &[(i64, i64)], old: i64| m.iter().find(|(o, _)| *o == old).map(|(_, n)| *n);
        let pairs: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT m.nomination_id, m.age_group_id FROM nomination_age_group m
             JOIN nomination n ON n.nomination_id = m.nomination_id WHERE n.contest_id = $1",
        )
        .bind(source_id)
        .fetch_all(&mut *db)
        .await?;
        for (n, a) in pairs {
            if let (Some(n), Some(a)) = (map(&nom_map, n), map(&ag_map, a)) {
                sqlx::query("INSERT INTO nomination_age_group (nomination_id, age_group_id) VALUES ($1, $2)")
                    .bind(n)
                    .bind(a)
                    .execute(&mut *db)
                    .await?;
            }
        }
        let crits: Vec<(i64, Option<i64>)> =
            sqlx::query_as("SELECT criterion_id, nomination_id FROM criterion WHERE contest_id = $1 ORDER BY criterion_id")
                .bind(source_id)
                .fetch_all(&mut *db)
                .await?;
        for (old, nom) in crits {
            let new_nom = nom.and_then(|n| map(&nom_map, n));
            sqlx::query(
                "INSERT INTO criterion (contest_id, nomination_id, position, name_kk, name_ru, name_en, description_kk,
                   description_ru, description_en, max_points, weight, half_points, created_at, updated_at)
                 SELECT $1, $2, position, name_kk, name_ru, name_en, description_kk, description_ru, description_en,
                   max_points, weight, half_points, $3, $4 FROM criterion WHERE criterion_id = $5",
            )
            .bind(new_id)
            .bind(new_nom)
            .bind(now)
            .bind(now)
            .bind(old)
            .execute(&mut *db)
            .await?;
        }
        Ok(nom_map)
    })
}

/// When the public gallery opens; a change is seen by every instance's cached pages.
pub async fn set_gallery(db: impl Handle<'_>, contest_id: ContestId, mode: GalleryMode, opens_at: Option<i64>, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE contest SET gallery = $1, gallery_opens_at = $2, updated_at = $3, revision = revision + 1 WHERE contest_id = $4")
            .bind(mode)
            .bind(opens_at)
            .bind(now)
            .bind(contest_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// How names appear on the public results and whether entrants see judges' comments.
pub async fn set_results_settings(db: impl Handle<'_>, contest_id: ContestId, name_display: NameDisplay, show_comments: bool, appeal_days: i64, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE contest SET name_display = $1, show_comments = $2, appeal_days = $5, updated_at = $3 WHERE contest_id = $4")
            .bind(name_display)
            .bind(show_comments)
            .bind(now)
            .bind(contest_id)
            .bind(appeal_days)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

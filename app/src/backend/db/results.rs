//! Results: computed versions and their lines, overrides, publication (exactly once), and
//! the verifiable documents.

use crate::domain::ids::{AccountId, AgeGroupId, ContestId, CriterionId, EntryId, NominationId};
use super::{on, Handle, ROWS_PER_INSERT};
use crate::domain::appeal::AppealState;
use crate::domain::results::Award;

/// A submitted sheet's points, for computing: (entry, judge, criterion, halves).
pub async fn submitted_points(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(EntryId, AccountId, CriterionId, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT s.entry_id, s.account_id, sc.criterion_id, sc.halves FROM score_sheet s JOIN score sc USING (sheet_id)
             JOIN entry e ON e.entry_id = s.entry_id
             WHERE e.contest_id = $1 AND e.state = 'submitted' AND s.state = 'submitted'
             ORDER BY s.entry_id, s.account_id, sc.criterion_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// What decides whether a sheet counts (`domain::results::counts`).
#[derive(Clone, Copy, Debug, sqlx::FromRow)]
pub struct SheetFacts {
    pub entry_id: EntryId,
    pub account_id: AccountId,
    pub submitted: bool,
    /// Assigned to the work now.
    pub assigned: bool,
    pub recused: bool,
    /// The state of the work's appeal when this is its re-review sheet (`domain::appeal`).
    pub review: Option<AppealState>,
}

/// Every sheet of the contest's submitted works with what decides whether it counts.
pub async fn sheets_for_results(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<SheetFacts>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT s.entry_id, s.account_id, s.state = 'submitted' AS submitted,
             EXISTS (SELECT 1 FROM assignment a WHERE a.entry_id = s.entry_id AND a.account_id = s.account_id) AS assigned,
             EXISTS (SELECT 1 FROM recusal r WHERE r.entry_id = s.entry_id AND r.account_id = s.account_id) AS recused,
             ap.state AS review
             FROM score_sheet s JOIN entry e USING (entry_id)
             LEFT JOIN appeal ap ON ap.entry_id = s.entry_id AND ap.reviewer_id = s.account_id
             WHERE e.contest_id = $1 AND e.state = 'submitted' ORDER BY s.entry_id, s.account_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// One criterion's points on a submitted sheet, for the scores export.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ScoreRow {
    pub code: String,
    pub title: String,
    pub judge: String,
    pub criterion_id: CriterionId,
    pub halves: i64,
    pub assigned: bool,
    pub recused: bool,
}

pub async fn score_rows(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<ScoreRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT e.code, e.title, a.display_name AS judge, sc.criterion_id, sc.halves,
             EXISTS (SELECT 1 FROM assignment x WHERE x.entry_id = s.entry_id AND x.account_id = s.account_id) AS assigned,
             EXISTS (SELECT 1 FROM recusal r WHERE r.entry_id = s.entry_id AND r.account_id = s.account_id) AS recused
             FROM score sc JOIN score_sheet s USING (sheet_id)
             JOIN entry e ON e.entry_id = s.entry_id JOIN account a ON a.account_id = s.account_id
             WHERE e.contest_id = $1 AND e.state = 'submitted' AND s.state = 'submitted' ORDER BY e.entry_id, a.display_name, sc.criterion_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NewLine {
    pub entry_id: EntryId,
    pub nomination_id: NominationId,
    pub age_group_id: Option<AgeGroupId>,
    pub score: i64,
    pub raw_score: i64,
    pub place: i64,
    pub award: Award,
    pub explanation: String,
    /// A minor at the contest's reference date (decided here, kept with the version).
    pub minor: bool,
}

/// A version just stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stored {
    pub version: i64,
    /// Entries whose override in the version before could not be carried over (they have
    /// no line now): for the admin to review.
    pub dropped_overrides: Vec<EntryId>,
}

/// Inserts a version and its lines, carrying the previous version's overrides over to the
/// same entries, inside the caller's write transaction.
pub async fn insert_version(db: impl Handle<'_>, contest_id: ContestId, by: Option<AccountId>, lines: &[NewLine], now: i64) -> Result<Stored, sqlx::Error> {
    on!(db => {
        let version: i64 = sqlx::query_scalar(
            "INSERT INTO result_version (contest_id, version, created_at, created_by)
             VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM result_version WHERE contest_id = $2), $3, $4) RETURNING version",
        )
        .bind(contest_id)
        .bind(contest_id)
        .bind(now)
        .bind(by)
        .fetch_one(&mut *db)
        .await?;
        // An admin's override is a decision about an entry: it stays with the entry. The
        // version before has few of them; each goes into its entry's new line as it is written.
        let previous: Vec<(EntryId, String, Option<String>)> = sqlx::query_as(
            "SELECT entry_id, override_award, override_reason FROM result_line
             WHERE contest_id = $1 AND version = $2 AND override_award IS NOT NULL ORDER BY entry_id",
        )
        .bind(contest_id)
        .bind(version - 1)
        .fetch_all(&mut *db)
        .await?;
        let overrides: std::collections::HashMap<EntryId, (&str, Option<&str>)> = previous.iter().map(|(e, a, r)| (*e, (a.as_str(), r.as_deref()))).collect();
        let kept: std::collections::HashSet<EntryId> = lines.iter().map(|l| l.entry_id).collect();
        let dropped_overrides = previous.iter().map(|(e, _, _)| *e).filter(|e| !kept.contains(e)).collect();
        // Many rows per statement: one round trip per thousand lines, not per line.
        for chunk in lines.chunks(ROWS_PER_INSERT) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO result_line (contest_id, version, entry_id, nomination_id, age_group_id, score, raw_score, place, award, explanation, override_award, override_reason, minor) ",
            );
            q.push_values(chunk, |mut row, l| {
                let (award, reason) = overrides.get(&l.entry_id).map_or((None, None), |(a, r)| (Some(*a), *r));
                row.push_bind(contest_id)
                    .push_bind(version)
                    .push_bind(l.entry_id)
                    .push_bind(l.nomination_id)
                    .push_bind(l.age_group_id)
                    .push_bind(l.score)
                    .push_bind(l.raw_score)
                    .push_bind(l.place)
                    .push_bind(l.award)
                    .push_bind(&l.explanation)
                    .push_bind(award)
                    .push_bind(reason)
                    .push_bind(l.minor);
            });
            q.build().execute(&mut *db).await?;
        }
        Ok(Stored { version, dropped_overrides })
    })
}

/// Overrides of the version before `version` that it could not carry over (their works
/// have no line now): (code, award, reason), for the admin to review.
pub async fn dropped_overrides(db: impl Handle<'_>, contest_id: ContestId, version: i64) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT COALESCE(e.code, ''), p.override_award, COALESCE(p.override_reason, '') FROM result_line p JOIN entry e ON e.entry_id = p.entry_id
             WHERE p.contest_id = $1 AND p.version = $2 AND p.override_award IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM result_line l WHERE l.contest_id = p.contest_id AND l.version = $3 AND l.entry_id = p.entry_id) ORDER BY e.code",
        )
        .bind(contest_id)
        .bind(version - 1)
        .bind(version)
        .fetch_all(&mut *db)
        .await
    })
}

pub async fn latest_version(db: impl Handle<'_>, contest_id: ContestId) -> Result<Option<i64>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT MAX(version) FROM result_version WHERE contest_id = $1").bind(contest_id).fetch_one(&mut *db).await
    })
}

/// A line with what pages, documents and exports show.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Line {
    pub entry_id: EntryId,
    pub entry_public_id: String,
    pub account_id: AccountId,
    pub code: Option<String>,
    pub title: String,
    pub nomination_id: NominationId,
    pub age_group_id: Option<AgeGroupId>,
    pub score: i64,
    pub raw_score: i64,
    pub place: i64,
    /// The computed award.
    pub award: Award,
    /// An admin's override: an award's name, or `none`.
    pub override_award: Option<String>,
    pub override_reason: Option<String>,
    pub explanation: String,
    pub full_name: String,
    pub birth_date: String,
    pub city: String,
    pub school: String,
    pub supervisor: String,
    pub supervisor_email: String,
    pub consent: bool,
    pub entrant_email: String,
    pub entrant_name: String,
    /// A minor at the contest's reference date, as decided when the version was computed.
    pub minor: bool,
    /// The work's consent to publication in the gallery is given (`domain::gallery`).
    pub gallery_consent: bool,
}

impl Line {
    /// The award that counts: an override if there is one (`none`: no award at all).
    pub fn final_award(&self) -> &str {
        self.override_award.as_deref().unwrap_or(self.award.as_str())
    }
}

const LINE: &str = "SELECT l.entry_id, e.public_id AS entry_public_id, e.account_id, e.code, e.title, l.nomination_id, l.age_group_id, l.score,
         l.raw_score, l.place, l.award, l.override_award, l.override_reason, l.explanation, p.full_name, p.birth_date, p.city,
         p.school, p.supervisor, p.supervisor_email, (p.consent_version IS NOT NULL) AS consent, a.email AS entrant_email, a.display_name AS entrant_name, l.minor,
         (e.gallery_consent_at IS NOT NULL) AS gallery_consent
         FROM result_line l JOIN entry e ON e.entry_id = l.entry_id JOIN participant p ON p.participant_id = e.participant_id
         JOIN account a ON a.account_id = e.account_id";

pub async fn lines(db: impl Handle<'_>, contest_id: ContestId, version: i64) -> Result<Vec<Line>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{LINE} WHERE l.contest_id = $1 AND l.version = $2 ORDER BY l.nomination_id, l.age_group_id, l.place, l.entry_id")))
            .bind(contest_id)
            .bind(version)
            .fetch_all(&mut *db)
            .await
    })
}

/// One entry's line of a version.
pub async fn line(db: impl Handle<'_>, contest_id: ContestId, version: i64, entry_id: EntryId) -> Result<Option<Line>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{LINE} WHERE l.contest_id = $1 AND l.version = $2 AND l.entry_id = $3")))
            .bind(contest_id)
            .bind(version)
            .bind(entry_id)
            .fetch_optional(&mut *db)
            .await
    })
}

/// Overrides a draft's award (`award` None: back to the computed one). `false` when the
/// line is not in that version or the version is published.
pub async fn set_override(db: impl Handle<'_>, contest_id: ContestId, version: i64, entry_id: EntryId, award: Option<(&str, &str)>) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query(
            "UPDATE result_line SET override_award = $1, override_reason = $2 WHERE contest_id = $3 AND version = $4 AND entry_id = $5
             AND NOT EXISTS (SELECT 1 FROM result_version v WHERE v.contest_id = $6 AND v.version = $7 AND v.published_at IS NOT NULL)",
        )
        .bind(award.map(|a| a.0))
        .bind(award.map(|a| a.1))
        .bind(contest_id)
        .bind(version)
        .bind(entry_id)
        .bind(contest_id)
        .bind(version)
        .execute(&mut *db)
        .await?;
        Ok(r.rows_affected() == 1)
    })
}

/// A document to issue at publication.
pub struct NewDocument {
    pub code: String,
    pub entry_id: EntryId,
    pub kind: &'static str,
    pub award: String,
    pub holder: String,
}

/// A message to queue at publication: (to, name, subject, body).
pub type Mail = (String, String, String, String);

/// Claims a contest's publication inside the caller's write transaction: a conditional
/// update that exactly one publisher wins. `false`: someone else published first, and the
/// caller rolls back, leaving nothing behind.
pub async fn claim_publication(db: impl Handle<'_>, contest_id: ContestId, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let won = sqlx::query("UPDATE contest SET published_at = $1, updated_at = $2 WHERE contest_id = $3 AND published_at IS NULL")
            .bind(now)
            .bind(now)
            .bind(contest_id)
            .execute(&mut *db)
            .await?
            .rows_affected()
            == 1;
        Ok(won)
    })
}

/// Freezes `version` as the published one, issues the documents and queues the
/// notifications, inside the transaction that claimed the publication.
pub async fn issue(db: impl Handle<'_>, contest_id: ContestId, version: i64, documents: &[NewDocument], mails: &[Mail], now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE contest SET published_version = $1 WHERE contest_id = $2").bind(version).bind(contest_id).execute(&mut *db).await?;
        sqlx::query("UPDATE result_version SET published_at = $1 WHERE contest_id = $2 AND version = $3").bind(now).bind(contest_id).bind(version).execute(&mut *db).await?;
        for chunk in documents.chunks(ROWS_PER_INSERT) {
            let mut q = sqlx::QueryBuilder::new("INSERT INTO document (code, contest_id, version, entry_id, kind, award, holder, created_at) ");
            q.push_values(chunk, |mut row, d| {
                row.push_bind(&d.code)
                    .push_bind(contest_id)
                    .push_bind(version)
                    .push_bind(d.entry_id)
                    .push_bind(d.kind)
                    .push_bind(&d.award)
                    .push_bind(&d.holder)
                    .push_bind(now);
            });
            q.build().execute(&mut *db).await?;
        }
        super::outbox::enqueue_all(&mut *db, mails, now).await?;
        Ok(())
    })
}

/// Every contest with published results (public ids).
pub async fn published_contests(db: impl Handle<'_>) -> Result<Vec<String>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT public_id FROM contest WHERE published_version IS NOT NULL ORDER BY contest_id").fetch_all(&mut *db).await
    })
}

/// Published versions whose documents' PDFs are not all made yet: (contest, version).
pub async fn versions_without_documents(db: impl Handle<'_>) -> Result<Vec<(ContestId, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT v.contest_id, v.version FROM result_version v JOIN contest c ON c.contest_id = v.contest_id AND c.published_version = v.version
             WHERE c.published_at IS NOT NULL AND v.documents_made_at IS NULL ORDER BY v.contest_id",
        )
        .fetch_all(&mut *db)
        .await
    })
}

/// Records that every document of the version has its PDF in the store.
pub async fn set_documents_made(db: impl Handle<'_>, contest_id: ContestId, version: i64, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE result_version SET documents_made_at = $1 WHERE contest_id = $2 AND version = $3")
            .bind(now)
            .bind(contest_id)
            .bind(version)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Contests whose results time has come and that are not published yet.
pub async fn due(db: impl Handle<'_>, now: i64) -> Result<Vec<String>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT public_id FROM contest WHERE status = 'announced' AND published_at IS NULL AND results_at IS NOT NULL AND results_at <= $1")
            .bind(now)
            .fetch_all(&mut *db)
            .await
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DocumentRow {
    pub code: String,
    pub contest_id: ContestId,
    pub version: i64,
    pub entry_id: EntryId,
    pub kind: String,
    pub award: String,
    pub holder: String,
    pub revoked_at: Option<i64>,
    pub revoked_reason: Option<String>,
    pub created_at: i64,
}

const DOCUMENT: &str = "SELECT code, contest_id, version, entry_id, kind, award, holder, revoked_at, revoked_reason, created_at FROM document";

pub async fn document(db: impl Handle<'_>, code: &str) -> Result<Option<DocumentRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{DOCUMENT} WHERE code = $1"))).bind(code).fetch_optional(&mut *db).await
    })
}

pub async fn documents_of_entry(db: impl Handle<'_>, entry_id: EntryId) -> Result<Vec<DocumentRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{DOCUMENT} WHERE entry_id = $1 ORDER BY kind"))).bind(entry_id).fetch_all(&mut *db).await
    })
}

pub async fn documents_of_contest(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<DocumentRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{DOCUMENT} WHERE contest_id = $1 ORDER BY entry_id, kind"))).bind(contest_id).fetch_all(&mut *db).await
    })
}

/// Revokes a document of the contest; `false` when there is no such unrevoked document.
pub async fn revoke_document(db: impl Handle<'_>, contest_id: ContestId, code: &str, reason: &str, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("UPDATE document SET revoked_at = $1, revoked_reason = $2 WHERE code = $3 AND contest_id = $4 AND revoked_at IS NULL")
            .bind(now)
            .bind(reason)
            .bind(code)
            .bind(contest_id)
            .execute(&mut *db)
            .await?;
        Ok(r.rows_affected() == 1)
    })
}

//! Appeals against published results (`domain::appeal`): filing, the queue, giving one to
//! a judge for a blind re-review, and the decision.

use super::{Handle, on};
use crate::domain::appeal::AppealState;
use crate::domain::ids::{AccountId, ContestId, EntryId};

/// An appeal with what its pages show beside it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AppealRow {
    pub entry_id: EntryId,
    pub contest_id: ContestId,
    pub entry_public_id: String,
    pub code: Option<String>,
    pub title: String,
    pub reason: String,
    pub lang: String,
    pub version: i64,
    pub filed_at: i64,
    pub state: AppealState,
    pub reviewer_id: Option<AccountId>,
    pub reviewer_name: Option<String>,
    /// Whether the reviewer's sheet is submitted.
    pub reviewed: bool,
    pub decided_at: Option<i64>,
    pub reply: Option<String>,
    pub corrected_version: Option<i64>,
}

const APPEAL: &str = "SELECT ap.entry_id, ap.contest_id, e.public_id AS entry_public_id, e.code, e.title, ap.reason, ap.lang, ap.version,
    ap.filed_at, ap.state, ap.reviewer_id, r.display_name AS reviewer_name,
    EXISTS (SELECT 1 FROM score_sheet s WHERE s.entry_id = ap.entry_id AND s.account_id = ap.reviewer_id AND s.state = 'submitted') AS reviewed,
    ap.decided_at, ap.reply, ap.corrected_version
    FROM appeal ap JOIN entry e ON e.entry_id = ap.entry_id LEFT JOIN account r ON r.account_id = ap.reviewer_id";

/// An appeal as filed.
pub struct NewAppeal<'a> {
    pub contest_id: ContestId,
    pub entry_id: EntryId,
    pub by: AccountId,
    pub reason: &'a str,
    pub lang: &'a str,
    /// The published version it is against.
    pub version: i64,
}

/// Files an appeal; `false` when the entry has one already (the database keeps one).
pub async fn file(db: impl Handle<'_>, a: &NewAppeal<'_>, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query(
            "INSERT INTO appeal (contest_id, entry_id, filed_by, reason, lang, version, filed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (entry_id) DO NOTHING",
        )
        .bind(a.contest_id)
        .bind(a.entry_id)
        .bind(a.by)
        .bind(a.reason)
        .bind(a.lang)
        .bind(a.version)
        .bind(now)
        .execute(&mut *db)
        .await?;
        Ok(r.rows_affected() == 1)
    })
}

pub async fn of_entry(db: impl Handle<'_>, entry_id: EntryId) -> Result<Option<AppealRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{APPEAL} WHERE ap.entry_id = $1"))).bind(entry_id).fetch_optional(&mut *db).await
    })
}

/// A contest's appeals, oldest first: the queue.
pub async fn of_contest(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<AppealRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{APPEAL} WHERE ap.contest_id = $1 ORDER BY ap.filed_at, ap.appeal_id"))).bind(contest_id).fetch_all(&mut *db).await
    })
}

/// The contest's judges who may re-review the entry (`domain::appeal::eligible`): not
/// assigned to it, no sheet on it, not recused from it. (account, name)
pub async fn candidates(db: impl Handle<'_>, contest_id: ContestId, entry_id: EntryId) -> Result<Vec<(AccountId, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT a.account_id, a.display_name FROM contest_judge j JOIN account a ON a.account_id = j.account_id
             WHERE j.contest_id = $1 AND a.disabled_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM assignment x WHERE x.entry_id = $2 AND x.account_id = j.account_id)
               AND NOT EXISTS (SELECT 1 FROM score_sheet s WHERE s.entry_id = $2 AND s.account_id = j.account_id
                               AND NOT EXISTS (SELECT 1 FROM appeal p WHERE p.entry_id = $2 AND p.reviewer_id = j.account_id))
               AND NOT EXISTS (SELECT 1 FROM recusal r WHERE r.entry_id = $2 AND r.account_id = j.account_id)
             ORDER BY a.display_name, a.account_id",
        )
        .bind(contest_id)
        .bind(entry_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// Gives the appeal to `reviewer` if it waits or its re-review is not submitted; a judge
/// it is taken from loses their unsubmitted re-review sheet. `false` when the appeal moved
/// on meanwhile.
pub async fn assign(db: impl Handle<'_>, entry_id: EntryId, reviewer: AccountId, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let before: Option<Option<AccountId>> = sqlx::query_scalar(
            "SELECT reviewer_id FROM appeal ap WHERE entry_id = $1 AND state IN ('filed', 'assigned')
             AND NOT EXISTS (SELECT 1 FROM score_sheet s WHERE s.entry_id = ap.entry_id AND s.account_id = ap.reviewer_id AND s.state = 'submitted')",
        )
        .bind(entry_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(before) = before else { return Ok(false) };
        if let Some(old) = before.filter(|old| *old != reviewer) {
            sqlx::query("DELETE FROM score_sheet WHERE entry_id = $1 AND account_id = $2").bind(entry_id).bind(old).execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE appeal SET state = 'assigned', reviewer_id = $1, assigned_at = $2 WHERE entry_id = $3")
            .bind(reviewer)
            .bind(now)
            .bind(entry_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Records the decision on an assigned appeal; `false` when it is not assigned any more.
pub async fn decide(db: impl Handle<'_>, entry_id: EntryId, state: AppealState, by: AccountId, reply: &str, corrected_version: Option<i64>, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query(
            "UPDATE appeal SET state = $1, decided_by = $2, decided_at = $3, reply = $4, corrected_version = $5
             WHERE entry_id = $6 AND state = 'assigned'",
        )
        .bind(state)
        .bind(by)
        .bind(now)
        .bind(reply)
        .bind(corrected_version)
        .bind(entry_id)
        .execute(&mut *db)
        .await?;
        Ok(r.rows_affected() == 1)
    })
}

/// Whether `account` re-reviews `entry` now (an assigned appeal): they may open the work and
/// write their sheet although the results are published.
pub async fn reviews(db: impl Handle<'_>, entry_id: EntryId, account: AccountId) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM appeal WHERE entry_id = $1 AND reviewer_id = $2 AND state = 'assigned')")
            .bind(entry_id)
            .bind(account)
            .fetch_one(&mut *db)
            .await
    })
}

/// The works a judge re-reviews now, as lines of their queue.
pub async fn review_queue(db: impl Handle<'_>, account: AccountId) -> Result<Vec<super::judging::QueueRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT e.entry_id, e.contest_id, c.public_id AS contest_public_id, e.code, e.title, e.nomination_id,
             n.name_kk AS nomination_kk, n.name_ru AS nomination_ru, n.name_en AS nomination_en, s.state AS sheet_state
             FROM appeal ap JOIN entry e ON e.entry_id = ap.entry_id JOIN contest c ON c.contest_id = e.contest_id
             JOIN nomination n ON n.nomination_id = e.nomination_id
             LEFT JOIN score_sheet s ON s.entry_id = e.entry_id AND s.account_id = ap.reviewer_id
             WHERE ap.reviewer_id = $1 AND ap.state = 'assigned' AND e.code IS NOT NULL ORDER BY ap.entry_id",
        )
        .bind(account)
        .fetch_all(&mut *db)
        .await
    })
}

/// A correction the public results page shows: an upheld appeal and the two versions.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Correction {
    pub entry_id: EntryId,
    pub decided_at: i64,
    pub version: i64,
    pub corrected_version: i64,
    pub reply: String,
}

/// The contest's upheld appeals, in the order they were decided.
pub async fn corrections(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<Correction>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT entry_id, decided_at, version, corrected_version, reply FROM appeal
             WHERE contest_id = $1 AND state = 'upheld' ORDER BY decided_at, appeal_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// Records the results version an upheld appeal published.
pub async fn set_corrected(db: impl Handle<'_>, entry_id: EntryId, version: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE appeal SET corrected_version = $1 WHERE entry_id = $2 AND state = 'upheld'").bind(version).bind(entry_id).execute(&mut *db).await.map(|_| ())
    })
}

//! Juries and scores: invitations, a contest's judges, panels, assignments, recusals, score
//! sheets (versioned, with history) and what the dashboard reads.

use crate::domain::ids::{AccountId, AgeGroupId, ContestId, CriterionId, EntryId, NominationId, PanelId, SheetId};
use super::{on, Handle};
use crate::domain::judging::{PanelMode, SheetState};
use std::collections::HashMap;

/// An invitation to judge a contest, by its token's hash.
pub struct NewInvitation<'a> {
    pub token_hash: &'a str,
    pub contest_id: ContestId,
    pub email: &'a str,
    pub organisation: &'a str,
    pub by: AccountId,
    pub now: i64,
    pub expires: i64,
}

pub async fn insert_invitation(db: impl Handle<'_>, i: &NewInvitation<'_>) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "INSERT INTO judge_invitation (token_hash, contest_id, email, organisation, invited_by, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(i.token_hash)
        .bind(i.contest_id)
        .bind(i.email)
        .bind(i.organisation)
        .bind(i.by)
        .bind(i.now)
        .bind(i.expires)
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InvitationRow {
    pub contest_id: ContestId,
    pub email: String,
    pub organisation: String,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
}

pub async fn invitation(db: impl Handle<'_>, token_hash: &str) -> Result<Option<InvitationRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT contest_id, email, organisation, expires_at, accepted_at FROM judge_invitation WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&mut *db)
            .await
    })
}

/// Marks the invitation used, makes the account a judge of the contest (an admin stays an
/// admin) with the declared organisation. One transaction; `false` if already used.
pub async fn accept_invitation(db: impl Handle<'_>, token_hash: &str, account_id: AccountId, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let inv: Option<(ContestId, String)> = sqlx::query_as(
            "UPDATE judge_invitation SET accepted_at = $1 WHERE token_hash = $2 AND accepted_at IS NULL AND expires_at > $3
             RETURNING contest_id, organisation",
        )
        .bind(now)
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((contest_id, organisation)) = inv else { return Ok(false) };
        sqlx::query("UPDATE account SET role = CASE WHEN role = 'admin' THEN role ELSE 'judge' END, organisation = $1, updated_at = $2 WHERE account_id = $3")
            .bind(organisation)
            .bind(now)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        add_judge(&mut *tx, contest_id, account_id, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Adds an account to a contest's judges (again: nothing happens).
pub async fn add_judge(db: impl Handle<'_>, contest_id: ContestId, account_id: AccountId, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("INSERT INTO contest_judge (contest_id, account_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(contest_id)
            .bind(account_id)
            .bind(now)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct JudgeRow {
    pub account_id: AccountId,
    pub email: String,
    pub display_name: String,
    pub organisation: String,
}

pub async fn contest_judges(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<JudgeRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT a.account_id, a.email, a.display_name, a.organisation FROM contest_judge j JOIN account a USING (account_id)
             WHERE j.contest_id = $1 ORDER BY a.display_name, a.account_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// Whether the account sits on any contest's jury.
pub async fn sits_on_a_jury(db: impl Handle<'_>, account_id: AccountId) -> Result<bool, sqlx::Error> {
    on!(db => {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM (SELECT 1 FROM contest_judge WHERE account_id = $1 LIMIT 1) AS one")
            .bind(account_id)
            .fetch_one(&mut *db)
            .await?;
        Ok(n > 0)
    })
}

pub async fn is_contest_judge(db: impl Handle<'_>, contest_id: ContestId, account_id: AccountId) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM contest_judge WHERE contest_id = $1 AND account_id = $2)")
            .bind(contest_id)
            .bind(account_id)
            .fetch_one(&mut *db)
            .await
    })
}

/// Invitations not yet accepted: (email, organisation, expires_at).
pub async fn pending_invitations(db: impl Handle<'_>, contest_id: ContestId, now: i64) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT email, organisation, expires_at FROM judge_invitation WHERE contest_id = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at")
            .bind(contest_id)
            .bind(now)
            .fetch_all(&mut *db)
            .await
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
struct PanelRecord {
    panel_id: PanelId,
    nomination_id: NominationId,
    age_group_id: Option<AgeGroupId>,
    mode: String,
    k: i64,
}

/// A panel of judges for a nomination (and age group).
#[derive(Clone, Debug)]
pub struct PanelRow {
    pub panel_id: PanelId,
    pub nomination_id: NominationId,
    pub age_group_id: Option<AgeGroupId>,
    pub mode: PanelMode,
}

pub async fn panels(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(PanelRow, Vec<AccountId>)>, sqlx::Error> {
    on!(db => {
        let rows: Vec<PanelRecord> = sqlx::query_as("SELECT panel_id, nomination_id, age_group_id, mode, k FROM panel WHERE contest_id = $1 ORDER BY panel_id")
            .bind(contest_id)
            .fetch_all(&mut *db)
            .await?;
        let members: Vec<(PanelId, AccountId)> = sqlx::query_as(
            "SELECT pj.panel_id, pj.account_id FROM panel_judge pj JOIN panel p USING (panel_id) WHERE p.contest_id = $1",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await?;
        rows.into_iter()
            .map(|p| {
                let judges = members.iter().filter(|(id, _)| *id == p.panel_id).map(|(_, a)| *a).collect();
                let mode = PanelMode::from_stored(&p.mode, p.k).ok_or_else(|| sqlx::Error::Decode(format!("unknown panel mode {:?} with k = {}", p.mode, p.k).into()))?;
                Ok((PanelRow { panel_id: p.panel_id, nomination_id: p.nomination_id, age_group_id: p.age_group_id, mode }, judges))
            })
            .collect()
    })
}

/// Creates or replaces the panel for a nomination (and age group).
pub async fn save_panel(db: impl Handle<'_>, contest_id: ContestId, nomination_id: NominationId, age_group_id: Option<AgeGroupId>, mode: PanelMode, judges: &[AccountId], now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let panel_id: PanelId = sqlx::query_scalar(
            "INSERT INTO panel (contest_id, nomination_id, age_group_id, mode, k, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (contest_id, nomination_id, COALESCE(age_group_id, 0)) DO UPDATE SET mode = excluded.mode, k = excluded.k,
             updated_at = excluded.updated_at RETURNING panel_id",
        )
        .bind(contest_id)
        .bind(nomination_id)
        .bind(age_group_id)
        .bind(mode.as_str())
        .bind(i64::from(mode.k()))
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM panel_judge WHERE panel_id = $1").bind(panel_id).execute(&mut *tx).await?;
        for j in judges {
            sqlx::query("INSERT INTO panel_judge (panel_id, account_id) VALUES ($1, $2)").bind(panel_id).bind(j).execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// A submitted entry as assignment and conflict checks see it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct JudgedEntry {
    pub entry_id: EntryId,
    pub nomination_id: NominationId,
    pub age_group_id: Option<AgeGroupId>,
    pub account_id: AccountId,
    pub entrant_organisation: String,
    pub school: String,
    pub supervisor: String,
    pub code: Option<String>,
    pub title: String,
    /// The participant's, as entered (`YYYY-MM-DD`).
    pub birth_date: String,
}

pub async fn submitted_entries(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<JudgedEntry>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT e.entry_id, e.nomination_id, e.age_group_id, e.account_id, a.organisation AS entrant_organisation, p.school,
             p.supervisor, e.code, e.title, p.birth_date FROM entry e JOIN participant p USING (participant_id) JOIN account a ON a.account_id = e.account_id
             WHERE e.contest_id = $1 AND e.state = 'submitted' ORDER BY e.entry_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

pub async fn assignments(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(EntryId, AccountId)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT a.entry_id, a.account_id FROM assignment a JOIN entry e USING (entry_id) WHERE e.contest_id = $1")
            .bind(contest_id)
            .fetch_all(&mut *db)
            .await
    })
}

pub async fn recusals(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(EntryId, AccountId, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT r.entry_id, r.account_id, r.reason FROM recusal r JOIN entry e USING (entry_id) WHERE e.contest_id = $1")
            .bind(contest_id)
            .fetch_all(&mut *db)
            .await
    })
}

pub async fn add_assignments(db: impl Handle<'_>, pairs: &[(EntryId, AccountId)], source: &str, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        // A thousand pairs per statement: "Assign works" writes tens of thousands at once.
        for chunk in pairs.chunks(super::ROWS_PER_INSERT) {
            let mut q = sqlx::QueryBuilder::new("INSERT INTO assignment (entry_id, account_id, source, created_at) ");
            q.push_values(chunk, |mut row, (e, j)| {
                row.push_bind(e).push_bind(j).push_bind(source).push_bind(now);
            });
            q.push(" ON CONFLICT DO NOTHING");
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

pub async fn remove_assignment(db: impl Handle<'_>, entry_id: EntryId, account_id: AccountId) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("DELETE FROM assignment WHERE entry_id = $1 AND account_id = $2").bind(entry_id).bind(account_id).execute(&mut *db).await?;
        Ok(r.rows_affected() == 1)
    })
}

/// A judge steps back from an entry: the assignment goes, the reason stays.
pub async fn recuse(db: impl Handle<'_>, entry_id: EntryId, account_id: AccountId, reason: &str, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let gone = sqlx::query("DELETE FROM assignment WHERE entry_id = $1 AND account_id = $2").bind(entry_id).bind(account_id).execute(&mut *tx).await?;
        if gone.rows_affected() == 0 {
            return Ok(false);
        }
        sqlx::query("INSERT INTO recusal (entry_id, account_id, reason, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
            .bind(entry_id)
            .bind(account_id)
            .bind(reason)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// One line of a judge's queue.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QueueRow {
    pub entry_id: EntryId,
    pub contest_id: ContestId,
    pub contest_public_id: String,
    pub code: String,
    pub title: String,
    pub nomination_id: NominationId,
    pub nomination_kk: Option<String>,
    pub nomination_ru: Option<String>,
    pub nomination_en: Option<String>,
    pub sheet_state: Option<SheetState>,
}

/// The entries assigned to a judge (submitted, not recused), in any contest.
pub async fn queue(db: impl Handle<'_>, account_id: AccountId) -> Result<Vec<QueueRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT e.entry_id, e.contest_id, c.public_id AS contest_public_id, e.code, e.title, e.nomination_id,
             n.name_kk AS nomination_kk, n.name_ru AS nomination_ru, n.name_en AS nomination_en, s.state AS sheet_state
             FROM assignment a JOIN entry e USING (entry_id) JOIN contest c ON c.contest_id = e.contest_id
             JOIN nomination n ON n.nomination_id = e.nomination_id
             LEFT JOIN score_sheet s ON s.entry_id = e.entry_id AND s.account_id = a.account_id
             WHERE a.account_id = $1 AND e.state = 'submitted' AND e.code IS NOT NULL ORDER BY e.entry_id",
        )
        .bind(account_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// An entry by its code in a contest, if assigned to the judge or given them to re-review
/// on appeal (`db::appeals`).
pub async fn assigned_entry(db: impl Handle<'_>, contest_id: ContestId, code: &str, account_id: AccountId) -> Result<Option<EntryId>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "SELECT e.entry_id FROM entry e
             WHERE e.contest_id = $2 AND e.code = $3 AND e.state = 'submitted'
               AND (EXISTS (SELECT 1 FROM assignment a WHERE a.entry_id = e.entry_id AND a.account_id = $1)
                    OR EXISTS (SELECT 1 FROM appeal ap WHERE ap.entry_id = e.entry_id AND ap.reviewer_id = $1 AND ap.state = 'assigned'))",
        )
        .bind(account_id)
        .bind(contest_id)
        .bind(code)
        .fetch_optional(&mut *db)
        .await
    })
}

pub async fn is_assigned(db: impl Handle<'_>, entry_id: EntryId, account_id: AccountId) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM assignment WHERE entry_id = $1 AND account_id = $2)
             OR EXISTS (SELECT 1 FROM appeal WHERE entry_id = $1 AND reviewer_id = $2 AND state = 'assigned')",
        )
            .bind(entry_id)
            .bind(account_id)
            .fetch_one(&mut *db)
            .await
    })
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct SheetRow {
    pub sheet_id: SheetId,
    pub entry_id: EntryId,
    pub account_id: AccountId,
    pub version: i64,
    pub state: SheetState,
    pub comment: String,
    pub note: String,
    pub updated_at: i64,
}

/// A sheet with its points (criterion id → halves).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sheet {
    pub row: SheetRow,
    pub points: Vec<(CriterionId, i64)>,
}

const SHEET: &str = "SELECT sheet_id, entry_id, account_id, version, state, comment, note, updated_at FROM score_sheet";

pub async fn sheet(db: impl Handle<'_>, entry_id: EntryId, account_id: AccountId) -> Result<Option<Sheet>, sqlx::Error> {
    on!(db => {
        let row: Option<SheetRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{SHEET} WHERE entry_id = $1 AND account_id = $2")))
            .bind(entry_id)
            .bind(account_id)
            .fetch_optional(&mut *db)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let points = sqlx::query_as("SELECT criterion_id, halves FROM score WHERE sheet_id = $1 ORDER BY criterion_id").bind(row.sheet_id).fetch_all(&mut *db).await?;
        Ok(Some(Sheet { row, points }))
    })
}

/// Every sheet of a contest with its points (for the dashboard and colleagues' view).
pub async fn contest_sheets(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<Sheet>, sqlx::Error> {
    on!(db => {
        let rows: Vec<SheetRow> = sqlx::query_as(
            "SELECT s.sheet_id, s.entry_id, s.account_id, s.version, s.state, s.comment, s.note, s.updated_at FROM score_sheet s
             JOIN entry e USING (entry_id) WHERE e.contest_id = $1 ORDER BY s.sheet_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await?;
        let points: Vec<(SheetId, CriterionId, i64)> = sqlx::query_as(
            "SELECT sc.sheet_id, sc.criterion_id, sc.halves FROM score sc JOIN score_sheet s USING (sheet_id) JOIN entry e USING (entry_id)
             WHERE e.contest_id = $1",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await?;
        let mut by_sheet: HashMap<SheetId, Vec<(CriterionId, i64)>> = HashMap::new();
        for (s, c, h) in points {
            by_sheet.entry(s).or_default().push((c, h));
        }
        Ok(rows.into_iter().map(|row| Sheet { points: by_sheet.remove(&row.sheet_id).unwrap_or_default(), row }).collect())
    })
}

/// Has a judge submitted a score for this entry?
/// The judges' comments on an entry's submitted sheets, in the order they were written.
pub async fn submitted_comments(db: impl Handle<'_>, entry_id: EntryId) -> Result<Vec<String>, sqlx::Error> {
    on!(db => {
        // A re-review's comment only once its appeal is upheld (the entrant reads the reply).
        sqlx::query_scalar(
            "SELECT s.comment FROM score_sheet s WHERE s.entry_id = $1 AND s.state = 'submitted' AND s.comment <> ''
             AND NOT EXISTS (SELECT 1 FROM appeal ap WHERE ap.entry_id = s.entry_id AND ap.reviewer_id = s.account_id AND ap.state <> 'upheld')
             ORDER BY s.sheet_id",
        )
        .bind(entry_id)
        .fetch_all(&mut *db)
        .await
    })
}

pub async fn has_submitted_sheet(db: impl Handle<'_>, entry_id: EntryId) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM score_sheet WHERE entry_id = $1 AND state = 'submitted')").bind(entry_id).fetch_one(&mut *db).await
    })
}

/// Sends an entry's submitted sheets back to their judges as drafts (points kept), each with
/// a history line, so the entrant may change the work and the judges score it again.
/// Returns how many sheets went back.
pub async fn send_back_for_rescoring(db: impl Handle<'_>, entry_id: EntryId, by: AccountId, now: i64) -> Result<u64, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let sheets: Vec<(i64, i64)> = sqlx::query_as("SELECT sheet_id, version FROM score_sheet WHERE entry_id = $1 AND state = 'submitted'").bind(entry_id).fetch_all(&mut *tx).await?;
        for (sheet_id, version) in &sheets {
            sqlx::query("UPDATE score_sheet SET state = 'draft', version = version + 1, updated_at = $1 WHERE sheet_id = $2").bind(now).bind(sheet_id).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO score_history (sheet_id, account_id, version, old_value, new_value, changed_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(sheet_id)
                .bind(by)
                .bind(version + 1)
                .bind(r#"{"state":"submitted"}"#)
                .bind(r#"{"state":"draft","sent_back":true}"#)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(sheets.len() as u64)
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// The new version.
    Saved(i64),
    /// The sheet moved on meanwhile (another tab): its current version.
    Stale(i64),
    /// The contest's results were published meanwhile: judging has ended.
    Published,
}

/// What a write carries.
pub struct SheetWrite<'a> {
    pub points: &'a [(CriterionId, i64)],
    pub comment: &'a str,
    pub note: &'a str,
    pub submit: bool,
}

/// Writes a sheet if its current version is `base` (0: no sheet yet), in one transaction
/// with its history line. A submitted sheet stays submitted when saved again.
pub async fn save_sheet(db: impl Handle<'_>, entry_id: EntryId, account_id: AccountId, base: i64, w: &SheetWrite<'_>, now: i64) -> Result<Saved, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        // Publication takes the same write lock: a save that comes after it sees it here, so no
        // sheet changes once the published snapshot was taken.
        // A judge re-reviewing the work on appeal writes after publication: that sheet counts
        // only once the appeal is upheld, when the results are published again.
        let (published, review): (Option<i64>, bool) = sqlx::query_as(
            "SELECT c.published_at, EXISTS (SELECT 1 FROM appeal ap WHERE ap.entry_id = e.entry_id AND ap.reviewer_id = $2 AND ap.state = 'assigned')
             FROM contest c JOIN entry e ON e.contest_id = c.contest_id WHERE e.entry_id = $1",
        )
        .bind(entry_id)
        .bind(account_id)
        .fetch_one(&mut *tx)
        .await?;
        if published.is_some() && !review {
            return Ok(Saved::Published);
        }
        let current: Option<SheetRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{SHEET} WHERE entry_id = $1 AND account_id = $2")))
            .bind(entry_id)
            .bind(account_id)
            .fetch_optional(&mut *tx)
            .await?;
        let current_version = current.as_ref().map_or(0, |c| c.version);
        if current_version != base {
            return Ok(Saved::Stale(current_version));
        }
        let old = match &current {
            Some(c) => {
                let pts: Vec<(i64, i64)> = sqlx::query_as("SELECT criterion_id, halves FROM score WHERE sheet_id = $1 ORDER BY criterion_id")
                    .bind(c.sheet_id)
                    .fetch_all(&mut *tx)
                    .await?;
                Some(serde_json::json!({ "state": c.state, "points": pts, "comment": c.comment, "note": c.note }).to_string())
            }
            None => None,
        };
        let state = SheetState::after_write(current.as_ref().map(|c| c.state), w.submit);
        let version = base + 1;
        let sheet_id: SheetId = match &current {
            None => sqlx::query_scalar(
                "INSERT INTO score_sheet (entry_id, account_id, version, state, comment, note, created_at, updated_at, submitted_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING sheet_id",
            )
            .bind(entry_id)
            .bind(account_id)
            .bind(version)
            .bind(state)
            .bind(w.comment)
            .bind(w.note)
            .bind(now)
            .bind(now)
            .bind(w.submit.then_some(now))
            .fetch_one(&mut *tx)
            .await?,
            Some(c) => {
                let r = sqlx::query(
                    "UPDATE score_sheet SET version = $1, state = $2, comment = $3, note = $4, updated_at = $5,
                     submitted_at = CASE WHEN $6 THEN $7 ELSE submitted_at END WHERE sheet_id = $8 AND version = $9",
                )
                .bind(version)
                .bind(state)
                .bind(w.comment)
                .bind(w.note)
                .bind(now)
                .bind(w.submit)
                .bind(now)
                .bind(c.sheet_id)
                .bind(base)
                .execute(&mut *tx)
                .await?;
                if r.rows_affected() != 1 {
                    return Ok(Saved::Stale(current_version));
                }
                c.sheet_id
            }
        };
        sqlx::query("DELETE FROM score WHERE sheet_id = $1").bind(sheet_id).execute(&mut *tx).await?;
        for (criterion, halves) in w.points {
            sqlx::query("INSERT INTO score (sheet_id, criterion_id, halves) VALUES ($1, $2, $3)")
                .bind(sheet_id)
                .bind(criterion)
                .bind(halves)
                .execute(&mut *tx)
                .await?;
        }
        let new = serde_json::json!({ "state": state, "points": w.points, "comment": w.comment, "note": w.note }).to_string();
        sqlx::query("INSERT INTO score_history (sheet_id, account_id, version, old_value, new_value, changed_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(sheet_id)
            .bind(account_id)
            .bind(version)
            .bind(old)
            .bind(new)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Saved::Saved(version))
    })
}

/// Judges of a contest with assigned entries not yet submitted: (email, name, left).
pub async fn judges_with_work_left(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT ac.email, ac.display_name, COUNT(*) FROM assignment a JOIN entry e USING (entry_id) JOIN account ac ON ac.account_id = a.account_id
             LEFT JOIN score_sheet s ON s.entry_id = a.entry_id AND s.account_id = a.account_id
             WHERE e.contest_id = $1 AND e.state = 'submitted' AND (s.state IS NULL OR s.state <> 'submitted')
             GROUP BY ac.account_id ORDER BY ac.display_name",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// Gives submitted entries without a code one (retrying on the rare collision).
pub async fn ensure_codes(db: impl Handle<'_>, contest_id: ContestId, mut next_code: impl FnMut() -> String) -> Result<(), sqlx::Error> {
    on!(db => {
        let missing: Vec<EntryId> = sqlx::query_scalar("SELECT entry_id FROM entry WHERE contest_id = $1 AND code IS NULL AND state <> 'draft'")
            .bind(contest_id)
            .fetch_all(&mut *db)
            .await?;
        for id in missing {
            for attempt in 0..5 {
                match sqlx::query("UPDATE entry SET code = $1 WHERE entry_id = $2 AND code IS NULL").bind(next_code()).bind(id).execute(&mut *db).await {
                    Ok(_) => break,
                    Err(sqlx::Error::Database(e)) if e.is_unique_violation() && attempt < 4 => continue,
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(())
    })
}

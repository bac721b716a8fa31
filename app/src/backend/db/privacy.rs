//! Personal data that expires or is taken back: contests whose retention period is over,
//! participants reduced to what results and diplomas need, accounts emptied. Each function
//! is one step; `service::privacy` runs the steps of a case in one transaction.

use super::{Handle, on};
use crate::domain::ids::{AccountId, ContestId, ParticipantId};

/// Archived contests whose participants are not reduced yet, with when each was archived.
pub async fn archived_unreduced(db: impl Handle<'_>) -> Result<Vec<(ContestId, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT contest_id, archived_at FROM contest
             WHERE status = 'archived' AND archived_at IS NOT NULL AND reduced_at IS NULL ORDER BY archived_at",
        )
        .fetch_all(&mut *db)
        .await
    })
}

/// A participant as reduction needs it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Person {
    pub participant_id: ParticipantId,
    pub account_id: AccountId,
    pub full_name: String,
    pub birth_date: String,
    pub city: String,
    pub consent_version: Option<String>,
    pub consent_at: Option<i64>,
    pub consent_withdrawn_at: Option<i64>,
    pub created_at: i64,
}

const PERSON: &str = "SELECT p.participant_id, p.account_id, p.full_name, p.birth_date, p.city, p.consent_version, p.consent_at,
    p.consent_withdrawn_at, p.created_at FROM participant p";

/// The unreduced participants with an entry in the contest.
pub async fn people_of_contest(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<Person>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{PERSON} WHERE p.reduced_at IS NULL
             AND EXISTS (SELECT 1 FROM entry e WHERE e.participant_id = p.participant_id AND e.contest_id = $1)
             ORDER BY p.participant_id"
        )))
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// One of the account's participants, not reduced yet, by its public id.
pub async fn person(db: impl Handle<'_>, account_id: AccountId, public_id: &str) -> Result<Option<Person>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{PERSON} WHERE p.account_id = $1 AND p.public_id = $2 AND p.reduced_at IS NULL")))
            .bind(account_id)
            .bind(public_id)
            .fetch_optional(&mut *db)
            .await
    })
}

/// Every participant of an account, reduced or not.
pub async fn people_of_account(db: impl Handle<'_>, account_id: AccountId) -> Result<Vec<Person>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{PERSON} WHERE p.account_id = $1 ORDER BY p.participant_id")))
            .bind(account_id)
            .fetch_all(&mut *db)
            .await
    })
}

/// A reduced copy of a participant (the copy a contest past its retention keeps, while the
/// participant goes on in other contests): `name` and `birth` already reduced.
pub async fn insert_reduced_copy(db: impl Handle<'_>, p: &Person, public_id: &str, name: &str, birth: &str, now: i64) -> Result<ParticipantId, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "INSERT INTO participant (public_id, account_id, full_name, birth_date, city, consent_version, consent_at,
                 consent_withdrawn_at, created_at, updated_at, reduced_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING participant_id",
        )
        .bind(public_id)
        .bind(p.account_id)
        .bind(name)
        .bind(birth)
        .bind(&p.city)
        .bind(&p.consent_version)
        .bind(p.consent_at)
        .bind(p.consent_withdrawn_at)
        .bind(p.created_at)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *db)
        .await
    })
}

/// Points the contest's entries of one participant at another.
pub async fn move_entries(db: impl Handle<'_>, contest_id: ContestId, from: ParticipantId, to: ParticipantId) -> Result<u64, sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE entry SET participant_id = $1 WHERE contest_id = $2 AND participant_id = $3")
            .bind(to)
            .bind(contest_id)
            .bind(from)
            .execute(&mut *db)
            .await
            .map(|r| r.rows_affected())
    })
}

/// Deletes a participant no entry refers to any more; whether it did.
pub async fn delete_if_unused(db: impl Handle<'_>, participant_id: ParticipantId) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM participant WHERE participant_id = $1 AND NOT EXISTS (SELECT 1 FROM entry WHERE participant_id = $2)")
            .bind(participant_id)
            .bind(participant_id)
            .execute(&mut *db)
            .await
            .map(|r| r.rows_affected() == 1)
    })
}

/// Reduces a participant where it stands: `name` and `birth` already reduced, school and
/// supervisor gone; `withdrawn` also records that the guardian took their consent back.
pub async fn reduce_in_place(db: impl Handle<'_>, participant_id: ParticipantId, name: &str, birth: &str, withdrawn: bool, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "UPDATE participant SET full_name = $1, birth_date = $2, school = '', supervisor = '', supervisor_email = '',
                 reduced_at = COALESCE(reduced_at, $3), updated_at = $4,
                 consent_withdrawn_at = CASE WHEN $5 THEN COALESCE(consent_withdrawn_at, $6) ELSE consent_withdrawn_at END
             WHERE participant_id = $7",
        )
        .bind(name)
        .bind(birth)
        .bind(now)
        .bind(now)
        .bind(withdrawn)
        .bind(now)
        .bind(participant_id)
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

/// Whose files, documents or entries a step takes.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    Contest(ContestId),
    Participant(ParticipantId),
}

impl Scope {
    fn entries(self) -> (&'static str, i64) {
        match self {
            Scope::Contest(c) => ("SELECT entry_id FROM entry WHERE contest_id = $1", c.0),
            Scope::Participant(p) => ("SELECT entry_id FROM entry WHERE participant_id = $1", p.0),
        }
    }
}

/// Removes every file of the scope's entries; returns the digests no file refers to any
/// more (their blob rows are gone too: the caller removes the stored bytes).
pub async fn take_files(db: impl Handle<'_>, scope: Scope) -> Result<Vec<String>, sqlx::Error> {
    let (entries, id) = scope.entries();
    on!(db => {
        let shas: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("DELETE FROM entry_file WHERE entry_id IN ({entries}) RETURNING sha256")))
            .bind(id)
            .fetch_all(&mut *db)
            .await?;
        super::files::drop_all_unused(&mut *db, shas).await
    })
}

/// Forgets the answers the scope's entries gave the contest's own questions (a phone, an
/// address, a class: personal data like the files).
pub async fn forget_answers(db: impl Handle<'_>, scope: Scope) -> Result<u64, sqlx::Error> {
    let (entries, id) = scope.entries();
    on!(db => {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM entry_answer WHERE entry_id IN ({entries})"))).bind(id).execute(&mut *db).await.map(|r| r.rows_affected())
    })
}

/// Ends the unfinished uploads of the scope's entries; returns their public ids (the caller
/// removes their stored pieces).
pub async fn take_uploads(db: impl Handle<'_>, scope: Scope) -> Result<Vec<String>, sqlx::Error> {
    let (entries, id) = scope.entries();
    on!(db => {
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("DELETE FROM upload WHERE entry_id IN ({entries}) RETURNING public_id")))
            .bind(id)
            .fetch_all(&mut *db)
            .await
    })
}

/// The documents (code, holder) of the scope's entries.
pub async fn documents(db: impl Handle<'_>, scope: Scope) -> Result<Vec<(String, String)>, sqlx::Error> {
    let (entries, id) = scope.entries();
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT code, holder FROM document WHERE entry_id IN ({entries}) ORDER BY code")))
            .bind(id)
            .fetch_all(&mut *db)
            .await
    })
}

pub async fn set_holder(db: impl Handle<'_>, code: &str, holder: &str) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE document SET holder = $1 WHERE code = $2").bind(holder).bind(code).execute(&mut *db).await.map(|_| ())
    })
}

/// Marks a contest's participants reduced, and its cached pages stale on every instance.
pub async fn mark_contest_reduced(db: impl Handle<'_>, contest_id: ContestId, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE contest SET reduced_at = $1, revision = revision + 1 WHERE contest_id = $2")
            .bind(now)
            .bind(contest_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// A participant leaves the contests not yet published: drafts never submitted are deleted,
/// the rest withdrawn (their receipts stay). Entries of published contests stay, reduced.
/// Every contest the participant is in gets a new revision (cached pages show the reduced
/// name). Returns the entries deleted and withdrawn.
pub async fn leave_unpublished(db: impl Handle<'_>, participant_id: ParticipantId, now: i64) -> Result<(u64, u64), sqlx::Error> {
    on!(db => {
        let deleted = sqlx::query(
            "DELETE FROM entry WHERE participant_id = $1 AND state = 'draft' AND receipt_no IS NULL
             AND contest_id IN (SELECT contest_id FROM contest WHERE published_at IS NULL)",
        )
        .bind(participant_id)
        .execute(&mut *db)
        .await?
        .rows_affected();
        let withdrawn = sqlx::query(
            "UPDATE entry SET state = 'withdrawn', withdrawn_at = $1, updated_at = $2
             WHERE participant_id = $3 AND state IN ('draft', 'submitted')
             AND contest_id IN (SELECT contest_id FROM contest WHERE published_at IS NULL)",
        )
        .bind(now)
        .bind(now)
        .bind(participant_id)
        .execute(&mut *db)
        .await?
        .rows_affected();
        sqlx::query("UPDATE contest SET revision = revision + 1 WHERE contest_id IN (SELECT contest_id FROM entry WHERE participant_id = $1)")
            .bind(participant_id)
            .execute(&mut *db)
            .await?;
        Ok((deleted, withdrawn))
    })
}

/// Whether the account holds a staff role or sits on a jury: such accounts are not deleted
/// by their owner (judges' sheets and admins' decisions refer to them).
pub async fn is_staff(db: impl Handle<'_>, account_id: AccountId) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM account WHERE account_id = $1 AND role <> 'entrant')
                 OR EXISTS (SELECT 1 FROM contest_judge WHERE account_id = $2)
                 OR EXISTS (SELECT 1 FROM organisation_admin WHERE account_id = $3)
                 OR EXISTS (SELECT 1 FROM contest_staff WHERE account_id = $4)",
        )
        .bind(account_id)
        .bind(account_id)
        .bind(account_id)
        .bind(account_id)
        .fetch_one(&mut *db)
        .await
    })
}

/// Empties a deleted account: its row stays (entries, the audit log refer to it) with no
/// address, name, password or second factor; its sessions, links, codes, known browsers and
/// unsent mail go. The address is free for a new registration.
pub async fn erase_account(db: impl Handle<'_>, account_id: AccountId, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        let email: String = sqlx::query_scalar("SELECT email FROM account WHERE account_id = $1").bind(account_id).fetch_one(&mut *db).await?;
        sqlx::query(
            "UPDATE account SET email = $1, display_name = '-', password_hash = '', organisation = '', totp_secret = NULL,
                 totp_last_step = NULL, email_confirmed_at = NULL, disabled_at = COALESCE(disabled_at, $2), deleted_at = $3, updated_at = $4
             WHERE account_id = $5",
        )
        .bind(format!("deleted-{}@deleted.invalid", account_id.0))
        .bind(now)
        .bind(now)
        .bind(now)
        .bind(account_id)
        .execute(&mut *db)
        .await?;
        // What was still queued for its Telegram chat, unless another account shares the chat.
        sqlx::query(
            "DELETE FROM outbox WHERE channel = 'telegram' AND sent_at IS NULL
               AND to_addr IN (SELECT CAST(t.chat_id AS TEXT) FROM telegram_chat t WHERE t.account_id = $1
                               AND NOT EXISTS (SELECT 1 FROM telegram_chat o WHERE o.chat_id = t.chat_id AND o.account_id <> $2))",
        )
        .bind(account_id)
        .bind(account_id)
        .execute(&mut *db)
        .await?;
        for table in ["session", "password_reset", "email_confirmation", "totp_setup", "recovery_code", "login_challenge", "known_browser", "telegram_chat", "telegram_code", "organisation_admin", "contest_staff"] {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE account_id = $1"))).bind(account_id).execute(&mut *db).await?;
        }
        sqlx::query("DELETE FROM outbox WHERE to_addr = $1 AND sent_at IS NULL").bind(&email).execute(&mut *db).await?;
        Ok(())
    })
}

/// Everything kept about a participant, for its entrant's download.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct StoredPerson {
    pub public_id: String,
    pub full_name: String,
    pub birth_date: String,
    pub school: String,
    pub city: String,
    pub supervisor: String,
    pub supervisor_email: String,
    pub consent_version: Option<String>,
    pub consent_at: Option<i64>,
    pub consent_withdrawn_at: Option<i64>,
    pub reduced_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

pub async fn stored_people(db: impl Handle<'_>, account_id: AccountId) -> Result<Vec<StoredPerson>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT public_id, full_name, birth_date, school, city, supervisor, supervisor_email, consent_version, consent_at,
                 consent_withdrawn_at, reduced_at, created_at, updated_at FROM participant WHERE account_id = $1 ORDER BY participant_id",
        )
        .bind(account_id)
        .fetch_all(&mut *db)
        .await
    })
}

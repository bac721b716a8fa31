//! The public gallery (`domain::gallery`): the works that have a publication consent, with
//! the facts that decide whether they are shown, their files, and the consent itself.

use super::files::FileRow;
use super::{Handle, on};
use crate::domain::entry::EntryState;
use crate::domain::ids::{AccountId, ContestId, EntryId, ParticipantId};

/// A work of a contest with a publication consent, and what the public may be shown of it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Candidate {
    pub entry_id: EntryId,
    pub receipt_no: Option<i64>,
    pub title: String,
    pub nomination_id: i64,
    pub age_group_id: Option<i64>,
    pub state: EntryState,
    pub full_name: String,
    pub city: String,
    pub birth_date: String,
    /// The participant's data was reduced, or their guardian withdrew the consent to take part.
    pub participant_gone: bool,
}

/// Every work of the contest with a publication consent, in the order they were sent.
pub async fn candidates(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<Candidate>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, Candidate>(
            "SELECT e.entry_id, e.receipt_no, e.title, e.nomination_id, e.age_group_id, e.state, p.full_name, p.city, p.birth_date,
                    (p.reduced_at IS NOT NULL OR p.consent_withdrawn_at IS NOT NULL) AS participant_gone
             FROM entry e JOIN participant p ON p.participant_id = e.participant_id
             WHERE e.contest_id = $1 AND e.gallery_consent_at IS NOT NULL
             ORDER BY e.receipt_no, e.entry_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// A file of a work that has a publication consent and a number in its contest, with the
/// contest and that number: what a public file's address needs, in one read.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ConsentedFile {
    #[sqlx(flatten)]
    pub file: FileRow,
    pub contest_id: ContestId,
    pub receipt_no: i64,
}

pub async fn consented_file(db: impl Handle<'_>, public_id: &str) -> Result<Option<ConsentedFile>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, ConsentedFile>(sqlx::AssertSqlSafe(format!(
            "{} JOIN entry e ON e.entry_id = f.entry_id WHERE f.public_id = $1 AND e.gallery_consent_at IS NOT NULL AND e.receipt_no IS NOT NULL",
            super::files::FILE.replacen("SELECT ", "SELECT e.contest_id, e.receipt_no, ", 1)
        )))
        .bind(public_id)
        .fetch_optional(&mut *db)
        .await
    })
}

/// The files of the contest's works that have a publication consent, in upload order.
pub async fn files(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<FileRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, FileRow>(sqlx::AssertSqlSafe(format!(
            "{} JOIN entry e ON e.entry_id = f.entry_id WHERE e.contest_id = $1 AND e.gallery_consent_at IS NOT NULL ORDER BY f.file_id",
            super::files::FILE
        )))
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// Gives (`Some`: the text's version, by whom) or takes back (`None`) a work's consent to
/// publication, and marks its contest changed so that no instance serves a cached page
/// that still shows it. One transaction.
pub async fn set_consent(db: impl Handle<'_>, contest_id: ContestId, entry_id: EntryId, consent: Option<(&str, AccountId)>, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        sqlx::query(
            "UPDATE entry SET gallery_consent_version = $1, gallery_consent_at = $2, gallery_consent_by = $3, updated_at = $4 WHERE entry_id = $5",
        )
        .bind(consent.map(|c| c.0))
        .bind(consent.map(|_| now))
        .bind(consent.map(|c| c.1))
        .bind(now)
        .bind(entry_id)
        .execute(&mut *tx)
        .await?;
        super::contests::bump_revision(&mut *tx, contest_id).await?;
        tx.commit().await?;
        Ok(())
    })
}

/// The contests of an account's participant: a change to the participant (a withdrawn
/// consent to take part) is a change to each of their galleries.
pub async fn bump_participant_contests(db: impl Handle<'_>, participant_id: ParticipantId) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE contest SET revision = revision + 1 WHERE contest_id IN (SELECT contest_id FROM entry WHERE participant_id = $1 AND gallery_consent_at IS NOT NULL)")
            .bind(participant_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

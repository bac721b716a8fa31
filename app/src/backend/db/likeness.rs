//! Near-duplicate works (`domain::likeness`): the stored files' prints, the files compared,
//! and the organisers' verdicts on pairs.

use super::{Handle, on};
use crate::domain::ids::{AccountId, ContestId, EntryId};
use crate::domain::likeness::Print;

/// Keeps a stored file's print (once: a second maker's is the same and is dropped).
pub async fn save_print(db: impl Handle<'_>, sha256: &str, print: &Print, now: i64) -> Result<(), sqlx::Error> {
    let (kind, value) = print.encode();
    on!(db => {
        sqlx::query("INSERT INTO blob_print (sha256, kind, print, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING")
            .bind(sha256)
            .bind(kind)
            .bind(&value)
            .bind(now)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Stored files without a print whose copies are no longer being made (files stored before
/// prints existed, or whose print failed to be kept): their hashes and types, oldest first.
pub async fn unprinted(db: impl Handle<'_>) -> Result<Vec<(String, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT b.sha256, b.mime FROM blob b WHERE NOT EXISTS (SELECT 1 FROM blob_print p WHERE p.sha256 = b.sha256)
               AND COALESCE(b.thumb_state, '') <> 'pending' AND COALESCE(b.clean_state, '') <> 'pending'
             ORDER BY b.created_at, b.sha256",
        )
        .fetch_all(&mut *db)
        .await
    })
}

/// One file of an entered work, with its print when made.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ItemRow {
    pub entry_id: EntryId,
    pub contest_id: ContestId,
    pub advanced_from: Option<EntryId>,
    pub sha256: String,
    pub kind: Option<String>,
    pub print: Option<String>,
}

/// Every file of every entered work on the installation (submitted or disqualified; drafts
/// and withdrawn works are not entered), with its print: the works of one contest are then
/// compared with each other and with all the others.
pub async fn items(db: impl Handle<'_>) -> Result<Vec<ItemRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, ItemRow>(
            "SELECT e.entry_id, e.contest_id, e.advanced_from, f.sha256, p.kind, p.print
               FROM entry e JOIN entry_file f ON f.entry_id = e.entry_id LEFT JOIN blob_print p ON p.sha256 = f.sha256
              WHERE e.state IN ('submitted', 'disqualified')
              ORDER BY e.entry_id, f.file_id",
        )
        .fetch_all(&mut *db)
        .await
    })
}

/// An organiser's verdict on a pair of works.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VerdictRow {
    pub entry_a: EntryId,
    pub entry_b: EntryId,
    pub verdict: String,
    /// The work a disqualification disqualified.
    pub disqualified_entry: Option<EntryId>,
    pub reason: String,
    pub decided_by: Option<String>,
    pub created_at: i64,
}

pub async fn verdicts(db: impl Handle<'_>, contest: ContestId) -> Result<Vec<VerdictRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, VerdictRow>(
            "SELECT v.entry_a, v.entry_b, v.verdict, v.disqualified_entry, v.reason, a.display_name AS decided_by, v.created_at
               FROM likeness_verdict v LEFT JOIN account a ON a.account_id = v.decided_by WHERE v.contest_id = $1",
        )
        .bind(contest)
        .fetch_all(&mut *db)
        .await
    })
}

/// A verdict to record.
pub struct Verdict<'a> {
    pub contest: ContestId,
    pub pair: (EntryId, EntryId),
    /// The work disqualified (one of the pair's, entered in `contest`), or `None`: fine.
    pub disqualify: Option<EntryId>,
    pub reason: &'a str,
    pub by: AccountId,
}

/// How recording a verdict ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decided {
    Done,
    /// The pair has a verdict already.
    Twice,
    /// The work to disqualify is no longer a submitted one.
    NotSubmitted,
}

/// Records a verdict on a pair and, for a disqualification, disqualifies the work with the
/// same reason: both or neither.
pub async fn decide(db: impl Handle<'_>, v: &Verdict<'_>, now: i64) -> Result<Decided, sqlx::Error> {
    let (a, b) = if v.pair.0 < v.pair.1 { v.pair } else { (v.pair.1, v.pair.0) };
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let added = sqlx::query(
            "INSERT INTO likeness_verdict (contest_id, entry_a, entry_b, verdict, disqualified_entry, reason, decided_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
        )
        .bind(v.contest)
        .bind(a)
        .bind(b)
        .bind(if v.disqualify.is_some() { "disqualified" } else { "fine" })
        .bind(v.disqualify)
        .bind(v.reason)
        .bind(v.by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if added.rows_affected() == 0 {
            return Ok(Decided::Twice);
        }
        if let Some(e) = v.disqualify
            && !super::entries::set_disqualified(&mut *tx, e, Some(v.reason), now).await?
        {
            return Ok(Decided::NotSubmitted);
        }
        tx.commit().await?;
        Ok(Decided::Done)
    })
}

//! Judge calibration: anchor works with their reference scores, judges' calibration sheets,
//! and the contest's rule that a queue waits for calibration (`domain::calibration`). Nothing
//! here is read by results or the jury's statistics.

use super::{on, Handle};
use crate::domain::ids::{AccountId, ContestId, CriterionId, EntryId, NominationId};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AnchorRow {
    pub anchor_id: i64,
    pub nomination_id: NominationId,
    /// The submitted work it is; `None` for an uploaded example (its files are `anchor_file`s).
    pub source_entry_id: Option<EntryId>,
    pub code: String,
    pub explanation_kk: Option<String>,
    pub explanation_ru: Option<String>,
    pub explanation_en: Option<String>,
    /// The source work's title and its contest (the admin's list shows where it came from),
    /// or the title the admin gave an uploaded example.
    pub title: String,
    pub source_contest_id: Option<ContestId>,
    pub source_receipt_no: Option<i64>,
}

const ANCHOR: &str = "SELECT a.anchor_id, a.nomination_id, a.source_entry_id, a.code, a.explanation_kk, a.explanation_ru, a.explanation_en,
            COALESCE(a.title, e.title) AS title, e.contest_id AS source_contest_id, e.receipt_no AS source_receipt_no
     FROM anchor a LEFT JOIN entry e ON e.entry_id = a.source_entry_id";

/// A file of an uploaded example, with its blob's facts.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AnchorFileRow {
    pub anchor_id: i64,
    pub public_id: String,
    pub original_name: String,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
    pub kind: crate::domain::contest::FileKind,
    pub thumb_state: Option<String>,
    pub clean_state: Option<String>,
    /// The anchor's contest and code.
    pub contest_id: ContestId,
    pub code: String,
}

const ANCHOR_FILE: &str = "SELECT f.anchor_id, f.public_id, f.original_name, f.sha256, b.size, b.mime, b.kind, b.thumb_state, b.clean_state, a.contest_id, a.code
     FROM anchor_file f JOIN blob b ON b.sha256 = f.sha256 JOIN anchor a ON a.anchor_id = f.anchor_id";

/// Where an anchor's work comes from.
pub enum AnchorSource<'a> {
    /// A submitted work on the installation.
    Entry(EntryId),
    /// Files an admin uploaded (already in the store), under a title only admins see.
    Upload { title: &'a str, files: &'a [UploadedFile<'a>] },
}

/// A stored file of an uploaded example: its new public id, its name as uploaded, its blob.
pub struct UploadedFile<'a> {
    pub public_id: &'a str,
    pub name: &'a str,
    pub blob: super::files::NewBlob<'a>,
}

/// A new anchor: its id, its code, and the digests whose blobs it added (their thumbnails
/// or blind copies are for the caller to start).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAnchor {
    pub anchor_id: i64,
    pub code: String,
    pub new_blobs: Vec<String>,
}

/// A contest's anchors, in the order they were added.
pub async fn anchors(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<AnchorRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{ANCHOR} WHERE a.contest_id = $1 ORDER BY a.anchor_id"))).bind(contest_id).fetch_all(&mut *db).await
    })
}

/// The submitted work with this receipt (of any contest on the installation), when it has files.
pub async fn source_by_receipt(db: impl Handle<'_>, contest_id: ContestId, receipt_no: i64) -> Result<Option<EntryId>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "SELECT e.entry_id FROM entry e WHERE e.contest_id = $1 AND e.receipt_no = $2 AND e.state = 'submitted'
               AND EXISTS (SELECT 1 FROM entry_file f WHERE f.entry_id = e.entry_id)",
        )
        .bind(contest_id)
        .bind(receipt_no)
        .fetch_optional(&mut *db)
        .await
    })
}

/// Adds an anchor under the next free code (`A1`, `A2` …), with its files when uploaded, in
/// one transaction; `None` when the work is already one of this contest's anchors.
pub async fn insert_anchor(db: impl Handle<'_>, contest_id: ContestId, nomination_id: NominationId, source: &AnchorSource<'_>, now: i64) -> Result<Option<NewAnchor>, sqlx::Error> {
    let (entry, title, files) = match source {
        AnchorSource::Entry(e) => (Some(*e), None, &[][..]),
        AnchorSource::Upload { title, files } => (None, Some(*title), *files),
    };
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM anchor WHERE contest_id = $1").bind(contest_id).fetch_all(&mut *tx).await?;
        let next = codes.iter().filter_map(|c| c.strip_prefix('A').and_then(|n| n.parse::<u32>().ok())).max().unwrap_or(0) + 1;
        let code = format!("A{next}");
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO anchor (contest_id, nomination_id, source_entry_id, title, code, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (contest_id, source_entry_id) DO NOTHING RETURNING anchor_id",
        )
        .bind(contest_id)
        .bind(nomination_id)
        .bind(entry)
        .bind(title)
        .bind(&code)
        .bind(now)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(anchor_id) = id else { return Ok(None) };
        let mut new_blobs = Vec::new();
        for f in files {
            if super::files::record_blob(&mut *tx, &f.blob, now).await? {
                new_blobs.push(f.blob.sha256.to_owned());
            }
            sqlx::query("INSERT INTO anchor_file (public_id, anchor_id, sha256, original_name, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(f.public_id)
                .bind(anchor_id)
                .bind(f.blob.sha256)
                .bind(f.name)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Some(NewAnchor { anchor_id, code, new_blobs }))
    })
}

/// The files of a contest's uploaded examples, anchor by anchor in upload order.
pub async fn anchor_files(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<AnchorFileRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{ANCHOR_FILE} WHERE a.contest_id = $1 ORDER BY f.anchor_id, f.anchor_file_id")))
            .bind(contest_id)
            .fetch_all(&mut *db)
            .await
    })
}

/// One file of an uploaded example by its public id.
pub async fn anchor_file(db: impl Handle<'_>, public_id: &str) -> Result<Option<AnchorFileRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{ANCHOR_FILE} WHERE f.public_id = $1"))).bind(public_id).fetch_optional(&mut *db).await
    })
}

/// Sets an anchor's reference scores (every criterion, in half points) and explanation, in
/// one transaction; `false` when the contest has no such anchor.
pub async fn set_reference(
    db: impl Handle<'_>,
    contest_id: ContestId,
    anchor_id: i64,
    scores: &[(CriterionId, i64)],
    explanation: [&Option<String>; 3],
    now: i64,
) -> Result<bool, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let r = sqlx::query("UPDATE anchor SET explanation_kk = $1, explanation_ru = $2, explanation_en = $3, updated_at = $4 WHERE anchor_id = $5 AND contest_id = $6")
            .bind(explanation[0])
            .bind(explanation[1])
            .bind(explanation[2])
            .bind(now)
            .bind(anchor_id)
            .bind(contest_id)
            .execute(&mut *tx)
            .await?;
        if r.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM anchor_score WHERE anchor_id = $1").bind(anchor_id).execute(&mut *tx).await?;
        for (criterion, halves) in scores {
            sqlx::query("INSERT INTO anchor_score (anchor_id, criterion_id, halves) VALUES ($1, $2, $3)")
                .bind(anchor_id)
                .bind(criterion)
                .bind(halves)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    })
}

/// Deletes an anchor with its references, every judge's sheet of it and its uploaded files;
/// `None` when there is no such anchor, else its code and the digests no file names any
/// more (their rows are gone: the caller removes the stored bytes).
pub async fn delete_anchor(db: impl Handle<'_>, contest_id: ContestId, anchor_id: i64) -> Result<Option<(String, Vec<String>)>, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let shas: Vec<String> = sqlx::query_scalar("SELECT f.sha256 FROM anchor_file f JOIN anchor a ON a.anchor_id = f.anchor_id WHERE a.anchor_id = $1 AND a.contest_id = $2")
            .bind(anchor_id)
            .bind(contest_id)
            .fetch_all(&mut *tx)
            .await?;
        let code: Option<String> = sqlx::query_scalar("DELETE FROM anchor WHERE anchor_id = $1 AND contest_id = $2 RETURNING code")
            .bind(anchor_id)
            .bind(contest_id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(code) = code else { return Ok(None) };
        let gone = super::files::drop_all_unused(&mut *tx, shas).await?;
        tx.commit().await?;
        Ok(Some((code, gone)))
    })
}

/// The reference scores of a contest's anchors: (anchor, criterion, halves).
pub async fn references(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(i64, CriterionId, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT s.anchor_id, s.criterion_id, s.halves FROM anchor_score s JOIN anchor a ON a.anchor_id = s.anchor_id
             WHERE a.contest_id = $1 ORDER BY s.anchor_id, s.criterion_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// Every judge's calibration scores in a contest: (anchor, judge, criterion, halves).
pub async fn scores(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(i64, AccountId, CriterionId, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT s.anchor_id, s.account_id, s.criterion_id, s.halves FROM calibration_score s JOIN anchor a ON a.anchor_id = s.anchor_id
             WHERE a.contest_id = $1 ORDER BY s.anchor_id, s.account_id, s.criterion_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// The anchors a judge has scored in a contest.
pub async fn submitted(db: impl Handle<'_>, contest_id: ContestId, account_id: AccountId) -> Result<Vec<i64>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "SELECT s.anchor_id FROM calibration_sheet s JOIN anchor a ON a.anchor_id = s.anchor_id WHERE a.contest_id = $1 AND s.account_id = $2 ORDER BY s.anchor_id",
        )
        .bind(contest_id)
        .bind(account_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// Every submitted sheet of a contest: (anchor, judge).
pub async fn sheets(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(i64, AccountId)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT s.anchor_id, s.account_id FROM calibration_sheet s JOIN anchor a ON a.anchor_id = s.anchor_id WHERE a.contest_id = $1 ORDER BY s.anchor_id, s.account_id")
            .bind(contest_id)
            .fetch_all(&mut *db)
            .await
    })
}

/// Stores a judge's calibration sheet; `false` when they had already sent one (the first
/// stays: the references were shown after it).
pub async fn submit(db: impl Handle<'_>, anchor_id: i64, account_id: AccountId, scores: &[(CriterionId, i64)], now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let r = sqlx::query("INSERT INTO calibration_sheet (anchor_id, account_id, submitted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(anchor_id)
            .bind(account_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        if r.rows_affected() != 1 {
            return Ok(false);
        }
        for (criterion, halves) in scores {
            sqlx::query("INSERT INTO calibration_score (anchor_id, account_id, criterion_id, halves) VALUES ($1, $2, $3, $4)")
                .bind(anchor_id)
                .bind(account_id)
                .bind(criterion)
                .bind(halves)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    })
}

/// Sets whether the contest keeps a judge's queue closed until calibration is done.
pub async fn set_required(db: impl Handle<'_>, contest_id: ContestId, required: bool, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE contest SET calibration_required = $1, updated_at = $2 WHERE contest_id = $3")
            .bind(required)
            .bind(now)
            .bind(contest_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Whether the contest keeps a judge's queue closed until calibration is done.
pub async fn required(db: impl Handle<'_>, contest_id: ContestId) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT calibration_required FROM contest WHERE contest_id = $1").bind(contest_id).fetch_one(&mut *db).await
    })
}

/// The rule by a contest's public id: `None` when there is no such contest.
pub async fn required_by_public_id(db: impl Handle<'_>, public_id: &str) -> Result<Option<bool>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT calibration_required FROM contest WHERE public_id = $1").bind(public_id).fetch_optional(&mut *db).await
    })
}

/// Who sits on a panel for which nomination in a contest: (judge, nomination).
pub async fn panel_seats(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(AccountId, NominationId)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT DISTINCT j.account_id, p.nomination_id FROM panel p JOIN panel_judge j ON j.panel_id = p.panel_id WHERE p.contest_id = $1
             ORDER BY j.account_id, p.nomination_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// The contests this account judges that have anchors.
pub async fn contests_with_anchors(db: impl Handle<'_>, account_id: AccountId) -> Result<Vec<ContestId>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "SELECT DISTINCT j.contest_id FROM contest_judge j JOIN anchor a ON a.contest_id = j.contest_id WHERE j.account_id = $1 ORDER BY j.contest_id",
        )
        .bind(account_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// The anchor code and contest under which a judge may read this entry's files for
/// calibration: the entry is an anchor of a contest they judge.
pub async fn anchor_of_entry(db: impl Handle<'_>, entry_id: EntryId, account_id: AccountId) -> Result<Option<(String, ContestId)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT a.code, a.contest_id FROM anchor a JOIN contest_judge j ON j.contest_id = a.contest_id AND j.account_id = $1
             WHERE a.source_entry_id = $2 ORDER BY a.anchor_id LIMIT 1",
        )
        .bind(account_id)
        .bind(entry_id)
        .fetch_optional(&mut *db)
        .await
    })
}

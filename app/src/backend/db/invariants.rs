//! The questions `baiqau check` asks of the database: rows that break a rule the code keeps
//! (each answer names what breaks it; an empty answer is a kept rule).

use super::{Handle, on};
use crate::domain::ids::{AccountId, ContestId, EntryId};

/// Entries that were submitted and have no receipt number: (contest, entry).
pub async fn submitted_without_receipt(db: impl Handle<'_>) -> Result<Vec<(String, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT c.public_id, e.public_id FROM entry e JOIN contest c ON c.contest_id = e.contest_id
             WHERE (e.state = 'submitted' OR e.submitted_at IS NOT NULL) AND e.receipt_no IS NULL ORDER BY e.entry_id",
        )
        .fetch_all(&mut *db)
        .await
    })
}

/// Admins and judges whose address was never proven: their e-mails.
pub async fn staff_unconfirmed(db: impl Handle<'_>) -> Result<Vec<String>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "SELECT email FROM account WHERE role IN ('admin', 'judge') AND email_confirmed_at IS NULL ORDER BY account_id",
        )
        .fetch_all(&mut *db)
        .await
    })
}

/// Points outside their criterion (above its maximum, a half it does not allow, a criterion
/// of another contest): (entry, criterion, halves).
pub async fn scores_out_of_range(db: impl Handle<'_>) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT e.public_id, c.criterion_id, s.halves FROM score s
             JOIN criterion c ON c.criterion_id = s.criterion_id
             JOIN score_sheet sh ON sh.sheet_id = s.sheet_id
             JOIN entry e ON e.entry_id = sh.entry_id
             WHERE s.halves > 2 * c.max_points OR (s.halves % 2 = 1 AND NOT c.half_points) OR c.contest_id <> e.contest_id
             ORDER BY e.entry_id, c.criterion_id",
        )
        .fetch_all(&mut *db)
        .await
    })
}

/// Sheets whose version is not the number of writes their history holds: (entry, judge,
/// version, history length).
pub async fn sheets_out_of_history(db: impl Handle<'_>) -> Result<Vec<(String, AccountId, i64, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT e.public_id, sh.account_id, sh.version, (SELECT COUNT(*) FROM score_history h WHERE h.sheet_id = sh.sheet_id) AS writes
             FROM score_sheet sh JOIN entry e ON e.entry_id = sh.entry_id
             WHERE sh.version <> (SELECT COUNT(*) FROM score_history h WHERE h.sheet_id = sh.sheet_id)
             ORDER BY sh.sheet_id",
        )
        .fetch_all(&mut *db)
        .await
    })
}

/// Lines of a published version without the document their award gives (a diploma for a
/// place or mention, a certificate where the contest gives them), issued with that version
/// or, for a result a correction did not change, still valid from an earlier one:
/// (contest, entry, kind).
pub async fn lines_without_documents(db: impl Handle<'_>) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT c.public_id, e.public_id, CASE WHEN COALESCE(l.override_award, l.award) = 'certificate' THEN 'certificate' ELSE 'diploma' END AS kind
             FROM contest c
             JOIN result_line l ON l.contest_id = c.contest_id AND l.version = c.published_version
             JOIN entry e ON e.entry_id = l.entry_id
             WHERE c.published_at IS NOT NULL
               AND (COALESCE(l.override_award, l.award) IN ('grand_prix', 'first', 'second', 'third', 'mention')
                    OR (COALESCE(l.override_award, l.award) = 'certificate' AND c.participant_certificates))
               AND NOT EXISTS (SELECT 1 FROM document d WHERE d.contest_id = c.contest_id AND d.entry_id = l.entry_id
                               AND (d.version = l.version OR (d.version < l.version AND d.revoked_at IS NULL))
                               AND d.kind = CASE WHEN COALESCE(l.override_award, l.award) = 'certificate' THEN 'certificate' ELSE 'diploma' END)
             ORDER BY c.contest_id, e.entry_id",
        )
        .fetch_all(&mut *db)
        .await
    })
}

/// Codes of the documents of published versions whose PDFs were made (each must be in the
/// store).
pub async fn made_document_codes(db: impl Handle<'_>) -> Result<Vec<String>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "SELECT d.code FROM document d JOIN result_version v ON v.contest_id = d.contest_id AND v.version = d.version
             WHERE v.documents_made_at IS NOT NULL AND d.revoked_at IS NULL ORDER BY d.code",
        )
        .fetch_all(&mut *db)
        .await
    })
}

/// Every document code, revoked or not.
pub async fn document_codes(db: impl Handle<'_>) -> Result<Vec<String>, sqlx::Error> {
    on!(db => sqlx::query_scalar("SELECT code FROM document ORDER BY code").fetch_all(&mut *db).await)
}

/// Every stored work: (digest, thumbnail state, blind copy state).
pub async fn blobs(db: impl Handle<'_>) -> Result<Vec<(String, Option<String>, Option<String>)>, sqlx::Error> {
    on!(db => sqlx::query_as("SELECT sha256, thumb_state, clean_state FROM blob ORDER BY sha256").fetch_all(&mut *db).await)
}

/// Every contest's poster file name.
pub async fn poster_files(db: impl Handle<'_>) -> Result<Vec<String>, sqlx::Error> {
    on!(db => sqlx::query_scalar("SELECT poster_file FROM contest WHERE poster_file IS NOT NULL ORDER BY poster_file").fetch_all(&mut *db).await)
}

/// Uploads in progress (their pieces live under `uploads/<id>/`).
pub async fn upload_ids(db: impl Handle<'_>) -> Result<Vec<String>, sqlx::Error> {
    on!(db => sqlx::query_scalar("SELECT public_id FROM upload ORDER BY public_id").fetch_all(&mut *db).await)
}

/// Assignments of every contest: (contest, entry, judge).
pub async fn all_assignments(db: impl Handle<'_>) -> Result<Vec<(ContestId, EntryId, AccountId)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT e.contest_id, a.entry_id, a.account_id FROM assignment a JOIN entry e ON e.entry_id = a.entry_id ORDER BY e.contest_id")
            .fetch_all(&mut *db)
            .await
    })
}

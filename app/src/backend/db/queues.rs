//! The queues every instance shares, as `/metrics` reports them: how much waits and since
//! when. Read when scraped, never kept.

use super::{Handle, on};

/// A queue's length and when its oldest item started waiting (None: empty).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct QueueRow {
    pub queue: String,
    pub length: i64,
    pub since: Option<i64>,
}

/// Mail not yet sent, thumbnails and blind copies not yet made, publications whose time has come, uploads in
/// progress, published versions whose diplomas are not all made.
pub async fn queues(db: impl Handle<'_>, now: i64) -> Result<Vec<QueueRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, QueueRow>(
            "SELECT 'mail' AS queue, COUNT(*) AS length, MIN(created_at) AS since FROM outbox WHERE sent_at IS NULL
             UNION ALL SELECT 'thumbnails', COUNT(*), MIN(created_at) FROM blob WHERE thumb_state = 'pending'
             UNION ALL SELECT 'blind_copies', COUNT(*), MIN(created_at) FROM blob WHERE clean_state = 'pending'
             UNION ALL SELECT 'publications', COUNT(*), MIN(results_at) FROM contest
                 WHERE status = 'announced' AND published_at IS NULL AND results_at IS NOT NULL AND results_at <= $1
             UNION ALL SELECT 'uploads', COUNT(*), MIN(updated_at) FROM upload WHERE file_public_id IS NULL
             UNION ALL SELECT 'diplomas', COUNT(*), MIN(v.published_at) FROM result_version v
                 JOIN contest c ON c.contest_id = v.contest_id AND c.published_version = v.version
                 WHERE c.published_at IS NOT NULL AND v.documents_made_at IS NULL",
        )
        .bind(now)
        .fetch_all(&mut *db)
        .await
    })
}

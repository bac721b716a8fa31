use super::{on, Handle};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutboxRow {
    pub outbox_id: i64,
    pub to_addr: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub attempts: i64,
}

/// Queues a message. Works inside a caller's transaction, so a message exists exactly
/// when the change that caused it was committed.
pub async fn enqueue(db: impl Handle<'_>, to_addr: &str, to_name: &str, subject: &str, body: &str, now: i64) -> Result<i64, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "INSERT INTO outbox (to_addr, to_name, subject, body_text, created_at, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING outbox_id",
        )
        .bind(to_addr)
        .bind(to_name)
        .bind(subject)
        .bind(body)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *db)
        .await
    })
}

/// Queues many messages at once, `(to, name, subject, body)` each, due now: a publication's
/// thousands in a few statements.
pub async fn enqueue_all(db: impl Handle<'_>, mails: &[(String, String, String, String)], now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        for chunk in mails.chunks(super::ROWS_PER_INSERT) {
            let mut q = sqlx::QueryBuilder::new("INSERT INTO outbox (to_addr, to_name, subject, body_text, created_at, next_attempt_at) ");
            q.push_values(chunk, |mut row, (to, name, subject, body)| {
                row.push_bind(to).push_bind(name).push_bind(subject).push_bind(body).push_bind(now).push_bind(now);
            });
            q.build().execute(&mut *db).await?;
        }
        Ok(())
    })
}

/// Leases up to `limit` due messages for `lease_secs`: a message leased by one sender is
/// not due for another until the lease ends, so two servers never send it at once. SQLite
/// has one writer at a time; on PostgreSQL the rows are locked as they are picked and rows
/// another sender is leasing right now are skipped (`FOR UPDATE SKIP LOCKED`): under READ
/// COMMITTED the subquery alone would hand both senders the same rows.
pub async fn lease_due(db: impl Handle<'_>, now: i64, lease_secs: i64, limit: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    on!(db, pg => {
        let skip_locked = if pg { " FOR UPDATE SKIP LOCKED" } else { "" };
        sqlx::query_as::<_, OutboxRow>(sqlx::AssertSqlSafe(format!(
            "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1
             WHERE outbox_id IN (SELECT outbox_id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $2
                                 ORDER BY next_attempt_at, outbox_id LIMIT $3{skip_locked})
             RETURNING outbox_id, to_addr, to_name, subject, body_text, attempts"
        )))
        .bind(now + lease_secs)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *db)
        .await
    })
}

pub async fn mark_sent(db: impl Handle<'_>, outbox_id: i64, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE outbox SET sent_at = $1, last_error = NULL WHERE outbox_id = $2")
            .bind(now)
            .bind(outbox_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

pub async fn mark_failed(db: impl Handle<'_>, outbox_id: i64, error: &str, retry_at: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE outbox SET last_error = $1, next_attempt_at = $2 WHERE outbox_id = $3")
            .bind(error)
            .bind(retry_at)
            .bind(outbox_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Forgets mail sent before `before`: bodies hold names and links, and are not kept once
/// delivered.
pub async fn delete_sent_before(db: impl Handle<'_>, before: i64) -> Result<u64, sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1").bind(before).execute(&mut *db).await.map(|r| r.rows_affected())
    })
}

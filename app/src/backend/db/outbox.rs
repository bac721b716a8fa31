use super::{on, Handle};
use crate::domain::notice::Channel;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutboxRow {
    pub outbox_id: i64,
    pub channel: Channel,
    /// An e-mail address, or a Telegram chat's id.
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

/// Queues a notice about a contest: by e-mail to `to_addr`, and to the Telegram chat of
/// the account with that address if it linked one (one row per channel, each sent and
/// retried on its own). In the caller's transaction, like [`enqueue`].
pub async fn enqueue_notice(db: impl Handle<'_>, to_addr: &str, to_name: &str, subject: &str, body: &str, now: i64) -> Result<i64, sqlx::Error> {
    on!(db => {
        let id = enqueue(&mut *db, to_addr, to_name, subject, body, now).await?;
        copy_to_chats(&mut *db, &[id]).await?;
        Ok(id)
    })
}

/// Queues a Telegram message to a chat (the bot's own answers).
pub async fn enqueue_telegram(db: impl Handle<'_>, chat_id: i64, subject: &str, body: &str, now: i64) -> Result<i64, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "INSERT INTO outbox (channel, to_addr, to_name, subject, body_text, created_at, next_attempt_at)
             VALUES ('telegram', $1, '', $2, $3, $4, $5) RETURNING outbox_id",
        )
        .bind(chat_id.to_string())
        .bind(subject)
        .bind(body)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *db)
        .await
    })
}

/// Adds, for each of these e-mail rows, a Telegram row to the chat linked by the account
/// with that address (none when there is none).
async fn copy_to_chats(db: impl Handle<'_>, email_rows: &[i64]) -> Result<(), sqlx::Error> {
    on!(db => {
        for chunk in email_rows.chunks(super::ROWS_PER_INSERT) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO outbox (channel, to_addr, to_name, subject, body_text, created_at, next_attempt_at)
                 SELECT 'telegram', CAST(t.chat_id AS TEXT), o.to_name, o.subject, o.body_text, o.created_at, o.next_attempt_at
                 FROM outbox o JOIN account a ON a.email = o.to_addr JOIN telegram_chat t ON t.account_id = a.account_id
                 WHERE o.channel = 'email' AND o.outbox_id IN (",
            );
            let mut ids = q.separated(", ");
            for id in chunk {
                ids.push_bind(*id);
            }
            q.push(") ORDER BY o.outbox_id");
            q.build().execute(&mut *db).await?;
        }
        Ok(())
    })
}

/// Queues many notices at once, `(to, name, subject, body)` each, due now, by e-mail and to
/// linked chats (as [`enqueue_notice`]): a publication's thousands in a few statements.
pub async fn enqueue_all(db: impl Handle<'_>, mails: &[(String, String, String, String)], now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        for chunk in mails.chunks(super::ROWS_PER_INSERT) {
            let mut q = sqlx::QueryBuilder::new("INSERT INTO outbox (to_addr, to_name, subject, body_text, created_at, next_attempt_at) ");
            q.push_values(chunk, |mut row, (to, name, subject, body)| {
                row.push_bind(to).push_bind(name).push_bind(subject).push_bind(body).push_bind(now).push_bind(now);
            });
            q.push(" RETURNING outbox_id");
            let ids: Vec<i64> = q.build_query_scalar().fetch_all(&mut *db).await?;
            copy_to_chats(&mut *db, &ids).await?;
        }
        Ok(())
    })
}

/// Leases up to `limit` due messages for `lease_secs`: a message leased by one sender is
/// not due for another until the lease ends, so two servers never send it at once. SQLite
/// has one writer at a time; on PostgreSQL the rows are locked as they are picked and rows
/// another sender is leasing right now are skipped (`FOR UPDATE SKIP LOCKED`): under READ
/// COMMITTED the subquery alone would hand both senders the same rows. The rows come in
/// the order they were queued.
pub async fn lease_due(db: impl Handle<'_>, now: i64, lease_secs: i64, limit: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    on!(db, pg => {
        let skip_locked = if pg { " FOR UPDATE SKIP LOCKED" } else { "" };
        sqlx::query_as::<_, OutboxRow>(sqlx::AssertSqlSafe(format!(
            "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1
             WHERE outbox_id IN (SELECT outbox_id FROM outbox WHERE sent_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $2
                                 ORDER BY next_attempt_at, outbox_id LIMIT $3{skip_locked})
             RETURNING outbox_id, channel, to_addr, to_name, subject, body_text, attempts"
        )))
        .bind(now + lease_secs)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *db)
        .await
        // RETURNING keeps no order on PostgreSQL; a chat reads its messages in the order queued.
        .map(|mut rows| {
            rows.sort_by_key(|r| r.outbox_id);
            rows
        })
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

/// Gives a message up: its channel refused it for good (a chat that blocked the bot).
pub async fn give_up(db: impl Handle<'_>, outbox_id: i64, error: &str, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE outbox SET last_error = $1, gave_up_at = $2 WHERE outbox_id = $3")
            .bind(error)
            .bind(now)
            .bind(outbox_id)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Forgets messages sent (or given up) before `before`: bodies hold names and links, and
/// are not kept once delivered.
pub async fn delete_sent_before(db: impl Handle<'_>, before: i64) -> Result<u64, sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM outbox WHERE COALESCE(sent_at, gave_up_at) < $1").bind(before).execute(&mut *db).await.map(|r| r.rows_affected())
    })
}

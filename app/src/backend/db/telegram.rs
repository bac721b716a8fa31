//! Telegram chats linked to accounts, the one-time codes that link them, and where the
//! bot's reading of its updates stands.

use super::{on, Handle};
use crate::domain::ids::AccountId;

/// The chat an account's notices also go to.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct LinkedChat {
    pub chat_id: i64,
    pub chat_name: String,
    pub linked_at: i64,
}

pub async fn chat_of(db: impl Handle<'_>, account_id: AccountId) -> Result<Option<LinkedChat>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT chat_id, chat_name, linked_at FROM telegram_chat WHERE account_id = $1").bind(account_id).fetch_optional(&mut *db).await
    })
}

/// Gives the account a new link code until `expires_at` (an earlier one stops working).
pub async fn put_code(db: impl Handle<'_>, account_id: AccountId, code: &str, expires_at: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "INSERT INTO telegram_code (code, account_id, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT (account_id) DO UPDATE SET code = excluded.code, expires_at = excluded.expires_at",
        )
        .bind(code)
        .bind(account_id)
        .bind(expires_at)
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

/// The account's code while it works: (code, expires at).
pub async fn code_of(db: impl Handle<'_>, account_id: AccountId, now: i64) -> Result<Option<(String, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT code, expires_at FROM telegram_code WHERE account_id = $1 AND expires_at > $2")
            .bind(account_id)
            .bind(now)
            .fetch_optional(&mut *db)
            .await
    })
}

/// Links the chat to the account whose code this is, using the code up: the account, or
/// None when no such code works now. One statement takes the code, so of two chats
/// sending it at once one links.
pub async fn link(db: impl Handle<'_>, code: &str, chat_id: i64, chat_name: &str, now: i64) -> Result<Option<AccountId>, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let account: Option<AccountId> =
            sqlx::query_scalar("DELETE FROM telegram_code WHERE code = $1 AND expires_at > $2 RETURNING account_id").bind(code).bind(now).fetch_optional(&mut *tx).await?;
        let Some(account) = account else { return Ok(None) };
        sqlx::query(
            "INSERT INTO telegram_chat (account_id, chat_id, chat_name, linked_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (account_id) DO UPDATE SET chat_id = excluded.chat_id, chat_name = excluded.chat_name, linked_at = excluded.linked_at",
        )
        .bind(account)
        .bind(chat_id)
        .bind(chat_name)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(account))
    })
}

/// Unlinks the account's chat; `true` when it had one.
pub async fn unlink(db: impl Handle<'_>, account_id: AccountId) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("DELETE FROM telegram_chat WHERE account_id = $1").bind(account_id).execute(&mut *db).await?;
        Ok(r.rows_affected() == 1)
    })
}

/// Unlinks a chat from every account it served (it said `/stop`, or blocked the bot), and
/// gives up what was still queued for it: the accounts.
pub async fn unlink_chat(db: impl Handle<'_>, chat_id: i64, now: i64) -> Result<Vec<AccountId>, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let accounts = sqlx::query_scalar("DELETE FROM telegram_chat WHERE chat_id = $1 RETURNING account_id").bind(chat_id).fetch_all(&mut *tx).await?;
        sqlx::query("UPDATE outbox SET gave_up_at = $1, last_error = 'chat unlinked' WHERE channel = 'telegram' AND to_addr = $2 AND sent_at IS NULL AND gave_up_at IS NULL")
            .bind(now)
            .bind(chat_id.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(accounts)
    })
}

/// Forgets codes that ran out.
pub async fn delete_expired_codes(db: impl Handle<'_>, now: i64) -> Result<u64, sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM telegram_code WHERE expires_at <= $1").bind(now).execute(&mut *db).await.map(|r| r.rows_affected())
    })
}

/// The first update the bot has not read (0: none read yet).
pub async fn next_update(db: impl Handle<'_>) -> Result<i64, sqlx::Error> {
    on!(db => {
        let next: Option<i64> = sqlx::query_scalar("SELECT next_update FROM telegram_poll WHERE poll_id = 1").fetch_optional(&mut *db).await?;
        Ok(next.unwrap_or(0))
    })
}

/// Records that every update before `next` was read (never moves back).
pub async fn set_next_update(db: impl Handle<'_>, next: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "INSERT INTO telegram_poll (poll_id, next_update) VALUES (1, $1)
             ON CONFLICT (poll_id) DO UPDATE SET next_update = excluded.next_update WHERE telegram_poll.next_update < excluded.next_update",
        )
        .bind(next)
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

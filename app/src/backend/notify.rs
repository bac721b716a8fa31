//! Sending the outbox, whatever the channel.
//!
//! Notices are queued in the `outbox` table by the transaction that causes them, one row
//! per message per channel (`db::outbox`), and sent here, later, each with its own
//! retries: a mail server or Telegram that is down delays that channel's copy, never the
//! change and never the other copy. Leases on the rows keep two instances from sending
//! one row twice. A channel is a transport that takes a row and says sent, try again
//! later, or never ([`Outcome`]); adding one (an SMS gateway) is a variant of
//! `domain::notice::Channel`, its transport here, and where an account names its number.

use super::db::{self, Db};
use super::mail::{MailTransport, Sender};
use super::telegram::{Failure, Telegram};
use crate::domain::notice::{Channel, retry_delay, telegram_text};
use std::sync::Arc;

const LEASE_SECS: i64 = 300;
/// Messages leased per round of the sender.
pub const BATCH: i64 = 20;

/// Every configured channel.
#[derive(Clone)]
pub struct Notifier {
    pub mail: MailTransport,
    /// None: no bot is configured (Telegram rows are given up: nobody can link a chat
    /// without one, so only a bot removed from the configuration leaves any).
    pub telegram: Option<Arc<Telegram>>,
}

impl Notifier {
    /// The channels this installation's configuration sets up.
    pub fn of(state: &super::AppState) -> Result<Notifier, lettre::transport::smtp::Error> {
        Ok(Notifier { mail: MailTransport::from_config(&state.config)?, telegram: state.telegram.clone() })
    }

    async fn deliver(&self, sender: &Sender, row: &db::outbox::OutboxRow) -> Outcome {
        match row.channel {
            Channel::Email => match self.mail.send(sender, row).await {
                Ok(()) => Outcome::Sent,
                Err(e) => Outcome::Retry(e, None),
            },
            Channel::Telegram => {
                let Some(bot) = &self.telegram else { return Outcome::GiveUp("no Telegram bot is configured".into(), None) };
                let Ok(chat) = row.to_addr.parse::<i64>() else { return Outcome::GiveUp(format!("not a chat: {:?}", row.to_addr), None) };
                match bot.send_message(chat, &telegram_text(&row.subject, &row.body_text)).await {
                    Ok(()) => Outcome::Sent,
                    Err(Failure::Retry { why, after }) => Outcome::Retry(why, after),
                    // Blocked by the person, or the chat is gone: it is unlinked too.
                    Err(Failure::Refused { code: 403, why }) => Outcome::GiveUp(why, Some(chat)),
                    Err(Failure::Refused { why, .. }) => Outcome::GiveUp(why, None),
                }
            }
        }
    }
}

/// What became of one attempt.
enum Outcome {
    Sent,
    /// Try again after the back-off (or after the seconds the channel asked for).
    Retry(String, Option<i64>),
    /// Never: the channel refused it for good; with the Telegram chat to unlink.
    GiveUp(String, Option<i64>),
}

/// Sends what is due once.
pub async fn send_due(db: &Db, notifier: &Notifier, sender: &Sender, now: i64) -> Result<Round, sqlx::Error> {
    let rows = db::outbox::lease_due(db, now, LEASE_SECS, BATCH).await?;
    let mut round = Round { taken: rows.len(), ..Round::default() };
    for row in rows {
        match notifier.deliver(sender, &row).await {
            Outcome::Sent => {
                db::outbox::mark_sent(db, row.outbox_id, now).await?;
                round.sent += 1;
            }
            Outcome::Retry(e, asked) => {
                let channel = row.channel.as_str();
                tracing::warn!(outbox_id = row.outbox_id, channel, attempts = row.attempts, error = %e, "notice not sent, will retry");
                db::outbox::mark_failed(db, row.outbox_id, &e, now + retry_delay(row.attempts, asked)).await?;
                round.failed += 1;
            }
            Outcome::GiveUp(e, chat) => {
                tracing::warn!(outbox_id = row.outbox_id, channel = row.channel.as_str(), error = %e, "notice refused for good");
                db::outbox::give_up(db, row.outbox_id, &e, now).await?;
                if let Some(chat) = chat {
                    let accounts = db::telegram::unlink_chat(db, chat, now).await?;
                    tracing::info!(accounts = accounts.len(), "a Telegram chat that refused the bot was unlinked");
                }
                round.gave_up += 1;
            }
        }
    }
    Ok(round)
}

/// What one round of [`send_due`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    /// Messages leased (at most [`BATCH`]).
    pub taken: usize,
    pub sent: usize,
    /// Attempts that failed (each retried later).
    pub failed: usize,
    /// Messages a channel refused for good.
    pub gave_up: usize,
}

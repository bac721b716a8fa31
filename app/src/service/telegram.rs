//! Telegram as a second channel for notices: an account links its chat with a one-time
//! code from its page, the bot reads what people send it, and notices about contests go
//! to the linked chat as well as by e-mail (`db::outbox::enqueue_notice`).

use super::OrInternal;
use crate::backend::auth::CurrentAccount;
use crate::backend::telegram::{Telegram, Update};
use crate::backend::{AppState, db};
use crate::domain::audit::Action;
use crate::domain::notice::{self, BotCommand};
use crate::error::AppError;
use crate::i18n::{Lang, fill};
use crate::view::accounts::TelegramStatus;
use rand::RngCore as _;
use std::time::Duration;

crate::server_texts! {
    /// What the bot answers (server-only: see `server_texts!`).
    pub enum BotText {
        Linked {
            kk: "Дайын: {name} тіркелгісінің хабарламалары (өтінімді қабылдау, еске салу, қорытынды) енді осында да келеді. Тоқтату үшін: /stop",
            ru: "Готово: уведомления учётной записи {name} (о приёме работ, напоминания, итоги) теперь приходят и сюда. Отключить: /stop",
            en: "Done: notices for {name} (receipts, reminders, results) now come here too. To stop them: /stop",
        }
        BadCode {
            kk: "Бұл код жарамайды: ол 15 минут қана жұмыс істейді және бір рет қолданылады. Жаңасын тіркелгі бетінен алыңыз: {link}",
            ru: "Этот код не подходит: он действует 15 минут и только один раз. Получите новый на странице учётной записи: {link}",
            en: "This code does not work: a code lasts 15 minutes and works once. Get a new one on your account page: {link}",
        }
        Help {
            kk: "Хабарламаларды осында алу үшін тіркелгі бетін ашып ({link}), «Telegram-ды қосу» батырмасын басыңыз да, кодты осында жіберіңіз.",
            ru: "Чтобы получать уведомления здесь, откройте страницу учётной записи ({link}), нажмите «Подключить Telegram» и отправьте сюда код.",
            en: "To get notices here, open your account page ({link}), press “Link Telegram” and send the code here.",
        }
        Stopped {
            kk: "Бұл чатқа хабарлама енді жіберілмейді. Хаттар электрондық поштаға бұрынғыдай келеді.",
            ru: "Уведомления в этот чат отключены. Письма на электронную почту приходят как прежде.",
            en: "No more notices will come to this chat. Mail still comes by e-mail.",
        }
        PrivateOnly {
            kk: "Хабарламаларды тек ботпен жеке чатқа қосуға болады.",
            ru: "Уведомления можно подключить только в личном чате с ботом.",
            en: "Notices can be linked to a private chat with the bot only.",
        }
    }
}

/// What the account page shows of Telegram; None when no bot is configured.
pub async fn status(state: &AppState, me: &CurrentAccount, now: i64) -> Result<Option<TelegramStatus>, AppError> {
    let Some(bot) = &state.telegram else { return Ok(None) };
    let linked = db::telegram::chat_of(&state.db, me.account_id).await.or_internal()?;
    let code = match &linked {
        Some(_) => None,
        None => db::telegram::code_of(&state.db, me.account_id, now).await.or_internal()?,
    };
    // Known once the bot's reader has asked; never asked here, on the page's path.
    let bot = bot.username();
    let qr_svg = match (&bot, &code) {
        (Some(bot), Some((code, _))) => Some(super::qr_svg(&notice::bot_link(bot, code))?),
        _ => None,
    };
    Ok(Some(TelegramStatus {
        bot,
        linked: linked.map(|c| (c.chat_name, c.linked_at)),
        code: code.map(|(code, expires)| (notice::code_for_reading(&code), code, expires)),
        qr_svg,
    }))

}

/// A new link code for the account, shown on its page for [`notice::CODE_SECS`].
pub async fn new_code(state: &AppState, me: &CurrentAccount, now: i64) -> Result<(), AppError> {
    if state.telegram.is_none() {
        return Err(AppError::NotFound);
    }
    let mut bytes = [0u8; notice::CODE_LEN];
    rand::rng().fill_bytes(&mut bytes);
    db::telegram::put_code(&state.db, me.account_id, &notice::link_code(bytes), now + notice::CODE_SECS).await.or_internal()
}

/// Stops notices to the account's chat.
pub async fn unlink(state: &AppState, me: &CurrentAccount, now: i64) -> Result<(), AppError> {
    if db::telegram::unlink(&state.db, me.account_id).await.or_internal()? {
        db::audit::log(&state.db, Some(me.account_id), Action::TelegramUnlink, db::audit::Subject::Account(me.account_id), "", now).await.or_internal()?;
    }
    Ok(())
}

/// Answers one message sent to the bot: links the chat, unlinks it, or says how. The
/// answers go through the outbox like any notice.
pub async fn handle(state: &AppState, update: &Update, now: i64) -> Result<(), AppError> {
    let Some(message) = &update.message else { return Ok(()) };
    let chat = &message.chat;
    let chat_name = chat.display_name();
    let identity = state.identity.get(&state.db).await;
    let lang = message.from.as_ref().and_then(|u| u.language_code.as_deref()).and_then(|c| Lang::from_code(c.get(..2).unwrap_or(c)));
    let lang = lang.unwrap_or(identity.default_lang);
    let link = format!("{}/account#telegram", state.config.public_url.trim_end_matches('/'));
    let reply = if chat.kind != "private" {
        BotText::PrivateOnly.text(lang).to_owned()
    } else {
        match notice::bot_command(message.text.as_deref().unwrap_or("")) {
            BotCommand::Link(code) => match db::telegram::link(&state.db, &code, chat.id, &chat_name, now).await.or_internal()? {
                Some(account) => {
                    let name = db::accounts::find(&state.db, account).await.or_internal()?.map(|a| a.display_name).unwrap_or_default();
                    db::audit::log(&state.db, Some(account), Action::TelegramLink, db::audit::Subject::Account(account), &chat_name, now)
                        .await
                        .or_internal()?;
                    fill(BotText::Linked.text(lang), &[("name", &name)])
                }
                None => fill(BotText::BadCode.text(lang), &[("link", &link)]),
            },
            BotCommand::Stop => {
                db::telegram::unlink_chat(&state.db, chat.id, now).await.or_internal()?;
                BotText::Stopped.text(lang).to_owned()
            }
            BotCommand::Help => fill(BotText::Help.text(lang), &[("link", &link)]),
        }
    };
    let subject = identity.name(lang).unwrap_or("Baiqau").to_owned();
    db::outbox::enqueue_telegram(&state.db, chat.id, &subject, &reply, now).await.or_internal()?;
    state.mail_wakeup.notify_one();
    Ok(())
}

/// The lease under which one instance at a time reads the bot's updates (Telegram answers
/// a second reader with 409).
pub const POLL_LEASE: &str = "telegram-updates";

/// What one reading of the bot's updates did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Poll {
    /// Read and answered this many.
    Read(usize),
    /// Another instance reads them.
    Elsewhere,
    /// Telegram could not be reached, or refused (logged).
    Unreachable,
}

/// Reads the updates waiting (waiting up to `wait` for one) and answers each.
pub async fn poll_once(state: &AppState, bot: &Telegram, wait: Duration) -> Result<Poll, AppError> {
    let now = state.now();
    let hold = i64::try_from(wait.as_secs()).unwrap_or(60) + 60;
    if !db::leases::claim(&state.db, POLL_LEASE, &state.instance, now, now + hold).await.or_internal()? {
        return Ok(Poll::Elsewhere);
    }
    bot.learn_username().await;
    let offset = db::telegram::next_update(&state.db).await.or_internal()?;
    let updates = match bot.updates(offset, wait).await {
        Ok(u) => u,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the bot's updates");
            return Ok(Poll::Unreachable);
        }
    };
    for update in &updates {
        // One that cannot be answered is logged and passed over, not read again forever.
        if let Err(e) = handle(state, update, state.now()).await {
            tracing::warn!(update = update.update_id, error = ?e, "a message to the bot was not answered");
        }
        db::telegram::set_next_update(&state.db, update.update_id + 1).await.or_internal()?;
    }
    Ok(Poll::Read(updates.len()))
}

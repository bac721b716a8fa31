//! Reminders before the deadline: an entrant whose work is still a draft when entries close
//! within two days is told once, by e-mail and in a linked Telegram chat.

use super::OrInternal;
use crate::backend::db::entries::DraftReminder;
use crate::backend::{AppState, db, zone};
use crate::domain::contest::LocalText;
use crate::error::AppError;
use crate::i18n::{Lang, dates, fill};

/// How long before the deadline the reminder goes.
pub const AHEAD_SECS: i64 = 48 * 3600;

crate::server_texts! {
    /// The reminder's words (server-only: see `server_texts!`).
    pub enum ReminderText {
        Subject { kk: "Байқау: «{contest}» жұмыс қабылдауы жақында жабылады", ru: "Байқау: приём работ на «{contest}» скоро закроется", en: "Baiqau: entries to “{contest}” close soon" }
        Body {
            kk: "Сәлеметсіз бе, {name}!\n\n«{title}» жұмысы «{contest}» байқауына әлі жіберілмеген. Жұмыс қабылдау {deadline} жабылады ({left}).\n\nЖұмысты аяқтап, жіберіңіз:\n{link}",
            ru: "Здравствуйте, {name}!\n\nРабота «{title}» ещё не отправлена на конкурс «{contest}». Приём работ закрывается {deadline} ({left}).\n\nЗавершите и отправьте её:\n{link}",
            en: "Hello {name},\n\nThe work “{title}” has not been sent to “{contest}” yet. Entries close on {deadline} ({left}).\n\nFinish and send it:\n{link}",
        }
    }
}

/// Queues the reminders now due; how many.
pub async fn remind_drafts(state: &AppState, now: i64) -> Result<usize, AppError> {
    let base = state.config.public_url.trim_end_matches('/').to_owned();
    let compose = |d: &DraftReminder| {
        let title = LocalText::new(d.title_kk.clone(), d.title_ru.clone(), d.title_en.clone());
        // The language of the contest's first title, as its results' mail.
        let lang = Lang::ALL.into_iter().find(|l| title.get(*l).is_some()).unwrap_or_default();
        let contest = title.get(lang).unwrap_or_default().to_owned();
        let deadline = dates::date_time(d.deadline, zone::offset_at(d.deadline, &d.time_zone), lang);
        let left = dates::left(now, d.deadline, lang).unwrap_or_default();
        let link = format!("{base}/entries/{}", d.public_id);
        let body = fill(
            ReminderText::Body.text(lang),
            &[("name", &d.display_name), ("title", &d.title), ("contest", &contest), ("deadline", &deadline), ("left", &left), ("link", &link)],
        );
        (d.email.clone(), d.display_name.clone(), fill(ReminderText::Subject.text(lang), &[("contest", &contest)]), body)
    };
    let n = db::entries::remind_drafts(&state.db, now, AHEAD_SECS, &compose).await.or_internal()?;
    if n > 0 {
        state.mail_wakeup.notify_one();
    }
    Ok(n)
}

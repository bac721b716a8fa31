//! Every background loop of `baiqau serve`, in one place. Each is safe to run on several
//! servers at once: the work it claims is claimed in the database (publication, the mail
//! outbox's leases), and clean-ups delete only what is expired for everyone.

use crate::uploads;
use app::backend::mail;
use app::backend::notify::{self, Notifier};
use app::backend::{AppState, db, media};
use std::time::Duration;

/// Starts the loops: the outbox's sender, the Telegram bot's reader (when a bot is
/// configured), hourly housekeeping, the publisher, thumbnails and blind copies left
/// unfinished (by a restart, or by an instance that died making them).
pub fn spawn_all(state: &AppState, notifier: Notifier) {
    tokio::spawn(send_notices(state.clone(), notifier));
    if let Some(bot) = state.telegram.clone() {
        tokio::spawn(read_bot(state.clone(), bot));
    }
    tokio::spawn(run_housekeeping(state.clone()));
    tokio::spawn(finish_thumbnails(state.clone()));
    tokio::spawn(publish_results(state.clone()));
}

/// Pending thumbnails, blind copies and prints: at start, then every five minutes (each blob's is leased by the
/// instance making it; one whose maker died is taken over after its lease).
async fn finish_thumbnails(state: AppState) {
    loop {
        media::finish_pending(&state).await;
        crate::scrub::finish_pending(&state).await;
        crate::likeness::finish_unprinted(&state).await;
        tokio::time::sleep(Duration::from_secs(300)).await;
    }
}

/// Hands back this instance's leases (it is stopping): another instance takes the work
/// over at once instead of after the leases run out.
pub async fn hand_back(state: &AppState) {
    match db::leases::release_all(&state.db, &state.instance).await {
        Ok(n) => tracing::info!(leases = n, "leases handed back"),
        Err(e) => tracing::warn!(error = %e, "cannot hand back leases"),
    }
}

/// The outbox's sender: wakes when a notice is queued, and every 30 s for retries.
async fn send_notices(state: AppState, notifier: Notifier) {
    loop {
        let now = state.now();
        match notify::send_due(&state.db, &notifier, &mail::Sender::of(&state).await, now).await {
            Ok(round) => {
                for _ in 0..round.failed {
                    state.metrics.mail_failed();
                }
                if round.taken as i64 == notify::BATCH {
                    continue;
                }
            }
            Err(e) => tracing::error!(error = %e, "outbox query failed"),
        }
        let _ = tokio::time::timeout(Duration::from_secs(30), state.mail_wakeup.notified()).await;
    }
}

/// The bot's reader: long polls of 25 s, one instance at a time (the others wait for the
/// lease); after a failure, a pause.
async fn read_bot(state: AppState, bot: std::sync::Arc<app::backend::telegram::Telegram>) {
    loop {
        use app::service::telegram::{Poll, poll_once};
        let began = std::time::Instant::now();
        match poll_once(&state, &bot, Duration::from_secs(25)).await {
            // A long poll that came back at once with nothing (a proxy that does not hold
            // it): a pause, not a busy loop.
            Ok(Poll::Read(0)) if began.elapsed() < Duration::from_secs(1) => tokio::time::sleep(Duration::from_secs(1)).await,
            Ok(Poll::Read(_)) => {}
            Ok(Poll::Elsewhere) => tokio::time::sleep(Duration::from_secs(30)).await,
            Ok(Poll::Unreachable) => tokio::time::sleep(Duration::from_secs(15)).await,
            Err(e) => {
                tracing::warn!(error = ?e, "reading the bot's messages failed; will retry");
                tokio::time::sleep(Duration::from_secs(30)).await;
            }
        }
    }
}

/// The publisher: at start, then every 15 seconds, publishes every contest whose results
/// time has come (each exactly once, whichever server gets there first), reminds entrants
/// with drafts that entries close within two days (each once), then makes the diplomas of
/// published versions (each version by one server at a time).
async fn publish_results(state: AppState) {
    loop {
        match app::service::results::publish_due(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(contests = n, "results published"),
            Err(e) => tracing::warn!(error = ?e, "publication failed; will retry"),
        }
        match app::service::reminders::remind_drafts(&state, state.now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(entries = n, "entrants reminded of the deadline"),
            Err(e) => tracing::warn!(error = ?e, "deadline reminders failed; will retry"),
        }
        match crate::documents::make_due(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(documents = n, "diplomas made"),
            Err(e) => tracing::warn!(error = %e, "making diplomas failed; will retry"),
        }
        tokio::time::sleep(Duration::from_secs(15)).await;
    }
}

/// How long sent mail stays in the outbox (for whoever looks into a complaint), then goes.
pub const SENT_MAIL_KEPT_SECS: i64 = 30 * 86_400;

/// Periodic clean-up: expired sessions, stale back-off records and address windows, kept
/// forms, unfinished uploads, mail sent a month ago, contests whose retention period is
/// over. Hourly, by one instance at a time (the lease `housekeeping`, held for the hour:
/// whoever runs it, the others skip it).
pub async fn run_housekeeping(state: AppState) {
    loop {
        let now = state.now();
        match db::leases::claim(&state.db, "housekeeping", &state.instance, now, now + 3500).await {
            Ok(true) => housekeeping(&state, now).await,
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "cannot lease housekeeping"),
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}

/// One round of clean-up.
pub async fn housekeeping(state: &AppState, now: i64) {
    if let Err(e) = db::sessions::delete_expired(&state.db, now, app::domain::session::IDLE).await {
        tracing::warn!(error = %e, "session clean-up failed");
    }
    if let Err(e) = db::throttle::delete_stale(&state.db, now, app::backend::security::IP_WINDOW_SECS).await {
        tracing::warn!(error = %e, "throttle clean-up failed");
    }
    if let Err(e) = db::audience::delete_stale_requests(&state.db, now).await {
        tracing::warn!(error = %e, "voting links clean-up failed");
    }
    if let Err(e) = db::form_return::delete_expired(&state.db, now).await {
        tracing::warn!(error = %e, "kept forms clean-up failed");
    }
    if let Err(e) = db::outbox::delete_sent_before(&state.db, now - SENT_MAIL_KEPT_SECS).await {
        tracing::warn!(error = %e, "sent mail clean-up failed");
    }
    if let Err(e) = db::telegram::delete_expired_codes(&state.db, now).await {
        tracing::warn!(error = %e, "Telegram link codes clean-up failed");
    }
    uploads::sweep_stale(state).await;
    match app::service::privacy::apply_retention(state, now).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(contests = n, "retention periods over: personal data reduced"),
        Err(e) => tracing::warn!(error = ?e, "retention clean-up failed; will retry"),
    }
}

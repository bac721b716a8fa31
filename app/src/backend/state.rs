//! The state every request handler and server function can reach.

use super::auth::PasswordHasher;
use super::clock::Clock;
use super::config::Config;
use super::instance::ResultsCache;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use super::db::Db;
use std::sync::Arc;
use super::storage::BlobStore;
use tokio::sync::{Notify, Semaphore};

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    /// This process among the instances sharing the database: the holder of its leases.
    pub instance: Arc<str>,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub hasher: PasswordHasher,
    /// Wakes the mail sender when a message is queued.
    pub mail_wakeup: Arc<Notify>,
    /// Where works' bytes, their derived images, documents and posters are kept: a local
    /// directory or S3-compatible storage shared by every instance.
    pub storage: Arc<dyn BlobStore>,
    /// Bounds how many images are decoded for thumbnails at once.
    pub thumb_permits: Arc<Semaphore>,
    /// Public results pages, built once per published version.
    pub results_cache: Arc<ResultsCache>,
    /// Public galleries' shown works, built once per contest revision.
    pub gallery_cache: Arc<super::instance::GalleryCache>,
    pub vote_counts: Arc<super::instance::VoteCountCache>,
    /// What `/metrics` reports about this instance.
    pub metrics: Arc<super::metrics::Metrics>,
    /// The organiser's identity, as last read.
    pub identity: Arc<super::identity::IdentityCache>,
    /// The Telegram bot notices also go through, when one is configured.
    pub telegram: Option<Arc<super::telegram::Telegram>>,
}

impl AppState {
    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

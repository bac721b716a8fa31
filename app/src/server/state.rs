//! The state every request handler and server function can reach.

use super::auth::PasswordHasher;
use super::clock::Clock;
use super::config::Config;
use super::security::IpLimiter;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::SqlitePool;
use std::sync::Arc;
use tokio::sync::Notify;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: SqlitePool,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub hasher: PasswordHasher,
    pub ip_limiter: IpLimiter,
    /// Wakes the mail sender when a message is queued.
    pub mail_wakeup: Arc<Notify>,
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

//! Server-only code (feature `ssr`): configuration, shared state, all SQL (`db`),
//! authentication and sessions, the outbox (e-mail, Telegram), and HTTP security middleware.

pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod form_return;
pub mod identity;
pub mod ids;
pub mod instance;
pub mod mail;
pub mod media;
pub mod metrics;
pub mod notify;
pub mod security;
pub mod state;
pub mod storage;
pub mod telegram;
pub mod zone;

pub use clock::{Clock, SystemClock};
pub use config::Config;
pub use state::AppState;

//! The organiser's identity as every request sees it: read from the database at most every
//! few seconds per process (a page needs it for its header, its title, its colours and its
//! language), and put into each request's extensions by [`attach`]. A save on this process
//! shows at once; another instance sharing the database follows within [`FRESH`].

use super::AppState;
use super::auth::read_cookie;
use super::db::{self, Db};
use crate::domain::identity::Identity;
use crate::i18n::{LANG_COOKIE, Lang};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderMap, header};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a process trusts the identity it read.
pub const FRESH: Duration = Duration::from_secs(5);

/// The last identity read, and when.
#[derive(Default)]
pub struct IdentityCache(RwLock<Option<(Instant, Arc<Identity>)>>);

impl IdentityCache {
    /// The identity, read again when older than [`FRESH`]. A database that cannot be read
    /// leaves the last one in place (or the default): a page is never refused for its colours.
    pub async fn get(&self, db: &Db) -> Arc<Identity> {
        let last = self.0.read().ok().and_then(|g| g.clone());
        if let Some((at, id)) = &last
            && at.elapsed() < FRESH
        {
            return id.clone();
        }
        match db::identity::get(db).await {
            Ok(id) => self.put(id),
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the organiser's identity; keeping the last one");
                last.map(|(_, id)| id).unwrap_or_default()
            }
        }
    }

    /// Remembers `id` as read now (after a save here).
    pub fn put(&self, id: Identity) -> Arc<Identity> {
        let id = Arc::new(id);
        if let Ok(mut g) = self.0.write() {
            *g = Some((Instant::now(), id.clone()));
        }
        id
    }
}

/// Puts the identity into the request's extensions, for the pages and server functions.
pub async fn attach(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let id = state.identity.get(&state.db).await;
    req.extensions_mut().insert(id);
    next.run(req).await
}

/// The identity of the request being rendered (the default outside a request).
pub fn of_request() -> Arc<Identity> {
    leptos::prelude::use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<Arc<Identity>>().cloned()).unwrap_or_default()
}

/// The language of a request: the reader's cookie, the browser where the organiser lets it
/// decide, the organiser's default.
pub fn lang_of(id: &Identity, headers: &HeaderMap) -> Lang {
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    id.lang_for(read_cookie(headers, LANG_COOKIE), accept)
}

/// The same, for handlers outside the pages.
pub async fn request_lang(state: &AppState, headers: &HeaderMap) -> Lang {
    lang_of(&*state.identity.get(&state.db).await, headers)
}

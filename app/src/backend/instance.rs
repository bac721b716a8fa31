//! What one process keeps in memory for itself (uploads in progress are in the database and
//! the store, whichever instance takes their pieces). Nothing here is needed for correctness
//! across instances: a second instance has its own, and what several must agree on lives in
//! the database.

use crate::view::results::PublicResults;
use std::collections::HashMap;
use std::sync::Mutex;

/// Pages built once per contest state and kept in memory: `T` is what one contest's page
/// needs, keyed by its published version and its revision.
pub struct PageCache<T>(Mutex<HashMap<String, (Stamp, T)>>);

impl<T> Default for PageCache<T> {
    fn default() -> Self {
        PageCache(Mutex::new(HashMap::new()))
    }
}

/// Public results pages, built once per published version of a contest.
pub type ResultsCache = PageCache<PublicResults>;

/// Public galleries: every shown work of a contest, built once per revision.
pub type GalleryCache = PageCache<std::sync::Arc<crate::view::gallery::Shown>>;

/// Public audience vote counts per work of a contest, kept for [`COUNTS_KEPT_SECS`] (the
/// "version" is the time slice) or until the contest's revision moves (a group voided, the
/// award published): one grouped count per contest every few seconds, not per page view.
pub type VoteCountCache = PageCache<std::sync::Arc<HashMap<i64, usize>>>;

/// How long an instance shows the same public vote counts.
pub const COUNTS_KEPT_SECS: i64 = 5;

/// A published version and the contest's revision when its page was built.
type Stamp = (i64, i64);

impl<T: Clone> PageCache<T> {
    /// The contest's page for its published `version` at its `revision`, if built here.
    pub fn get(&self, contest: &str, version: i64, revision: i64) -> Option<T> {
        let map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.get(contest).filter(|(key, _)| *key == (version, revision)).map(|(_, page)| page.clone())
    }

    /// Keeps `page` as the contest's only cached page.
    pub fn put(&self, contest: &str, version: i64, revision: i64, page: T) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).insert(contest.to_owned(), ((version, revision), page));
    }
}

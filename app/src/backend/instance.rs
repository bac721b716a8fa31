//! What one process keeps in memory for itself. Nothing here is needed for correctness
//! across instances: a second instance has its own, and what several must agree on lives in
//! the database.

use crate::view::results::PublicResults;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// Public results pages, built once per published version of a contest.
#[derive(Default)]
pub struct ResultsCache(Mutex<HashMap<String, (Stamp, PublicResults)>>);

/// A published version and the contest's revision when its page was built.
type Stamp = (i64, i64);

impl ResultsCache {
    /// The contest's page for its published `version` at its `revision`, if built here.
    pub fn get(&self, contest: &str, version: i64, revision: i64) -> Option<PublicResults> {
        let map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.get(contest).filter(|(key, _)| *key == (version, revision)).map(|(_, page)| page.clone())
    }

    /// Keeps `results` as the contest's only cached page.
    pub fn put(&self, contest: &str, version: i64, revision: i64, results: PublicResults) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).insert(contest.to_owned(), ((version, revision), results));
    }
}

/// Uploads with a piece being written by this process right now.
#[derive(Default)]
pub struct BusyUploads(Mutex<HashSet<String>>);

/// Held while a piece of an upload is written; frees the upload when dropped.
pub struct Busy {
    set: Arc<BusyUploads>,
    id: String,
}

impl BusyUploads {
    /// `None` when another request is writing to the same upload.
    pub fn take(set: &Arc<BusyUploads>, id: &str) -> Option<Busy> {
        let fresh = set.0.lock().unwrap_or_else(|p| p.into_inner()).insert(id.to_owned());
        fresh.then(|| Busy { set: Arc::clone(set), id: id.to_owned() })
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.set.0.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_writer_per_upload_until_it_is_done() {
        let set = Arc::new(BusyUploads::default());
        let first = BusyUploads::take(&set, "u1");
        assert!(first.is_some());
        assert!(BusyUploads::take(&set, "u1").is_none());
        assert!(BusyUploads::take(&set, "u2").is_some());
        drop(first);
        assert!(BusyUploads::take(&set, "u1").is_some());
    }
}

//! What one process keeps in memory for itself. Nothing here is needed for correctness
//! across instances: a second instance has its own, and what several must agree on lives in
//! the database.

use crate::view::results::PublicResults;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// Public results pages, built once per published version of a contest.
#[derive(Default)]
pub struct ResultsCache(Mutex<HashMap<(String, i64), PublicResults>>);

impl ResultsCache {
    pub fn get(&self, contest: &str, version: i64) -> Option<PublicResults> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).get(&(contest.to_owned(), version)).cloned()
    }

    /// Keeps `results` as the contest's only cached page.
    pub fn put(&self, contest: &str, version: i64, results: PublicResults) {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|k, _| k.0 != contest);
        map.insert((contest.to_owned(), version), results);
    }

    /// Drops a contest's page (any admin change to the contest).
    pub fn forget(&self, contest: &str) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).retain(|k, _| k.0 != contest);
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

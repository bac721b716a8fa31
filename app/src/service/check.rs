//! The invariant checker (`baiqau check`, and after every integration test): what the code
//! promises about the data, asked of the database and the store as they are. Each broken
//! promise is a [`Finding`]; none means the data holds every rule.
//!
//! - every submitted entry has a receipt number;
//! - every admin and judge has a confirmed address;
//! - no assignment joins a judge and an entry in conflict (their own, their organisation's,
//!   their pupil's) or one the judge recused;
//! - points within their criterion (maximum, halves, the entry's own contest);
//! - each sheet's version is the number of writes in its history;
//! - each published version has its documents, and the PDFs made are in the store;
//! - no stored file without a reference (a work, its thumbnail, view or blind copy, a
//!   document, a poster, an upload's piece), and no reference without its file.

use super::OrInternal;
use crate::backend::AppState;
use crate::backend::db::{self, invariants as q, judging as jdb};
use crate::backend::storage;
use crate::domain::judging::{self as rules, EntryFacts, JudgeFacts};
use crate::error::AppError;
use std::collections::{BTreeSet, HashMap, HashSet};

/// One broken rule: which, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub detail: String,
}

fn found(rule: &'static str, detail: String) -> Finding {
    Finding { rule, detail }
}

/// Every rule, over the whole installation.
pub async fn invariants(state: &AppState) -> Result<Vec<Finding>, AppError> {
    let mut out = Vec::new();
    for (contest, entry) in q::submitted_without_receipt(&state.db).await.or_internal()? {
        out.push(found("receipt", format!("contest {contest}: entry {entry} was submitted without a receipt number")));
    }
    for email in q::staff_unconfirmed(&state.db).await.or_internal()? {
        out.push(found("staff", format!("{email} holds a role and has not confirmed the address")));
    }
    out.extend(conflicted_assignments(state).await?);
    for (entry, criterion, halves) in q::scores_out_of_range(&state.db).await.or_internal()? {
        out.push(found("points", format!("entry {entry}: criterion {criterion} holds {} points", halves as f64 / 2.0)));
    }
    for (entry, judge, version, writes) in q::sheets_out_of_history(&state.db).await.or_internal()? {
        out.push(found("history", format!("entry {entry}, judge {}: sheet version {version}, {writes} writes in its history", judge.0)));
    }
    for (contest, entry, kind) in q::lines_without_documents(&state.db).await.or_internal()? {
        out.push(found("documents", format!("contest {contest}: entry {entry} has no {kind}")));
    }
    out.extend(store_references(state).await?);
    Ok(out)
}

async fn conflicted_assignments(state: &AppState) -> Result<Vec<Finding>, AppError> {
    let mut by_contest: HashMap<_, Vec<_>> = HashMap::new();
    for (c, e, j) in q::all_assignments(&state.db).await.or_internal()? {
        by_contest.entry(c).or_default().push((e, j));
    }
    let mut out = Vec::new();
    for (contest, pairs) in by_contest {
        // Looked up by id: a republican contest has tens of thousands of assignments.
        let judges: HashMap<_, _> = jdb::contest_judges(&state.db, contest).await.or_internal()?.into_iter().map(|j| (j.account_id, j)).collect();
        let entries: HashMap<_, _> = jdb::submitted_entries(&state.db, contest).await.or_internal()?.into_iter().map(|e| (e.entry_id, e)).collect();
        let recused: HashSet<_> = jdb::recusals(&state.db, contest).await.or_internal()?.into_iter().map(|(e, a, _)| (e, a)).collect();
        for (entry_id, judge_id) in pairs {
            let (Some(e), Some(j)) = (entries.get(&entry_id), judges.get(&judge_id)) else { continue };
            let facts = JudgeFacts { account_id: j.account_id, name: j.display_name.clone(), organisation: j.organisation.clone() };
            let ef = EntryFacts { entrant_account_id: e.account_id, entrant_organisation: e.entrant_organisation.clone(), school: e.school.clone(), supervisor: e.supervisor.clone() };
            let code = e.code.clone().unwrap_or_default();
            if let Some(k) = rules::conflict(&facts, &ef) {
                out.push(found("conflict", format!("work {code} is assigned to {}, who is in conflict with it ({k:?})", j.email)));
            } else if recused.contains(&(entry_id, judge_id)) {
                out.push(found("conflict", format!("work {code} is assigned to {}, who recused", j.email)));
            }
        }
    }
    out.sort_by(|a, b| a.detail.cmp(&b.detail));
    Ok(out)
}

/// The store's keys under `prefix`, as a set.
async fn keys(state: &AppState, prefix: &str) -> Result<BTreeSet<String>, AppError> {
    Ok(state.storage.list(prefix).await.or_internal()?.into_iter().map(|o| o.key).collect())
}

async fn store_references(state: &AppState) -> Result<Vec<Finding>, AppError> {
    let mut out = Vec::new();
    let blobs = q::blobs(&state.db).await.or_internal()?;
    let mut expected: BTreeSet<String> = BTreeSet::new();
    for (sha, thumb, clean) in &blobs {
        expected.insert(storage::blob_key(sha));
        if thumb.as_deref() == Some("ready") {
            expected.insert(storage::thumb_key(sha));
            expected.insert(storage::view_key(sha));
        }
        if clean.as_deref() == Some("ready") {
            expected.insert(storage::clean_key(sha));
        }
    }
    for code in q::made_document_codes(&state.db).await.or_internal()? {
        expected.insert(format!("documents/{code}.pdf"));
    }
    for name in q::poster_files(&state.db).await.or_internal()? {
        expected.insert(storage::poster_key(&name));
    }
    // The logo and its copies are made together; a poster's copies are not required
    // (posters uploaded before copies were made have none, and are served in their place).
    if let Some(logo) = db::identity::get(&state.db).await.or_internal()?.logo {
        expected.insert(storage::brand_key(&logo));
        for suffix in storage::LOGO_COPIES {
            expected.insert(storage::brand_key(&storage::copy_name(&logo, suffix)));
        }
    }
    // What may be there without being required: derived copies still being made, documents
    // made on the spot before their version's pass, revoked ones, pieces of uploads.
    let referenced = Referenced::of(&state.db).await.or_internal()?;
    let uploads: HashSet<String> = q::upload_ids(&state.db).await.or_internal()?.into_iter().collect();
    let allowed = |key: &str| referenced.names(key) || key.strip_prefix("uploads/").and_then(|k| k.split('/').next()).is_some_and(|id| uploads.contains(id));
    let mut present = BTreeSet::new();
    for prefix in ["blobs", "thumbs", "views", "clean", "documents", "posters", "brand", "uploads"] {
        present.extend(keys(state, prefix).await?);
    }
    for key in expected.difference(&present) {
        out.push(found("store", format!("{key} is referenced and missing from the store")));
    }
    for key in present.difference(&expected).filter(|k| !allowed(k)) {
        out.push(found("store", format!("{key} is in the store and nothing refers to it")));
    }
    Ok(out)
}

/// What a database names in the store: its works (with their derived copies), its
/// documents' PDFs, its posters and the organiser's logo (with their copies). A backup keeps exactly these of the store, so that its
/// files are the same moment as its database.
pub struct Referenced {
    shas: HashSet<String>,
    codes: HashSet<String>,
    posters: HashSet<String>,
    logo: Option<String>,
}

impl Referenced {
    pub async fn of(db: &db::Db) -> Result<Referenced, sqlx::Error> {
        Ok(Referenced {
            shas: q::blobs(db).await?.into_iter().map(|b| b.0).collect(),
            codes: q::document_codes(db).await?.into_iter().collect(),
            posters: q::poster_files(db).await?.into_iter().collect(),
            logo: db::identity::get(db).await?.logo,
        })
    }

    /// Whether the object `key` belongs to something the database names.
    pub fn names(&self, key: &str) -> bool {
        let last = key.rsplit('/').next().unwrap_or_default();
        match key.split('/').next().unwrap_or_default() {
            "blobs" | "thumbs" | "views" | "clean" => self.shas.contains(last.split('.').next().unwrap_or_default()),
            "documents" => last.strip_suffix(".pdf").is_some_and(|c| self.codes.contains(c)),
            "posters" => self.posters.iter().any(|p| storage::is_copy_or_self(last, p, &storage::POSTER_COPIES)),
            "brand" => self.logo.as_ref().is_some_and(|l| storage::is_copy_or_self(last, l, &storage::LOGO_COPIES)),
            _ => false,
        }
    }
}

/// The same, with the results of every published contest recomputed from the sheets
/// ([`super::results::reconcile`]), as `baiqau check` reports them.
pub async fn everything(state: &AppState) -> Result<Vec<Finding>, AppError> {
    let mut out = invariants(state).await?;
    for id in db::results::published_contests(&state.db).await.or_internal()? {
        let Some(c) = db::contests::find(&state.db, &id).await.or_internal()? else { continue };
        for m in super::results::reconcile(state, &c).await? {
            out.push(found("results", format!("contest {id}: {} {}: published {:?}, computed {:?}", m.code, m.what, m.published, m.computed)));
        }
    }
    Ok(out)
}

//! The scoring form's autosave, in the browser only, and its queue for a lost connection.
//!
//! Each change (0.7 s after the last keystroke) becomes a snapshot of the whole sheet, queued
//! and sent in order, each with the version the one before it got back: a change made
//! elsewhere meanwhile still answers 409 and is shown as a conflict, never overwritten. While
//! the connection is gone the queue waits, and is kept in IndexedDB with the version it
//! starts from (through the page's `baiqauSheets` helper, see `super::OFFLINE_JS`), so a
//! reload or a closed tab loses nothing: the island puts the queued values back into the
//! form and sends them when the connection returns (the `online` event, or the retry timer).

use super::{Draft, SaveStatus};
use crate::api::judging::{ScoreForm, judge_save};
use crate::error::AppError;
use crate::i18n::Msg;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// The whole sheet as typed at one moment.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Snapshot {
    points: HashMap<String, String>,
    comment: String,
    note: String,
}

/// What the browser keeps of a sheet: the version the server last confirmed with its
/// values, and the changes not sent yet, oldest first.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Kept {
    version: i64,
    values: Snapshot,
    pending: Vec<Snapshot>,
}

#[derive(Default)]
struct Queue {
    pending: VecDeque<Snapshot>,
    /// The last snapshot queued (a change equal to it is no change).
    last: Option<Snapshot>,
    /// The last snapshot the server confirmed.
    saved: Snapshot,
    sending: bool,
    /// The last send found no connection: changes wait for it.
    offline: bool,
    /// The browser said the connection is back while a send was on its way: if that one
    /// still fails, the next goes at once rather than after the back-off.
    woken: bool,
    tries: u32,
}

#[derive(Clone)]
struct Sheet {
    key: String,
    contest: String,
    code: String,
    version: RwSignal<i64>,
    status: RwSignal<SaveStatus>,
    marks: RwSignal<Vec<crate::error::FieldError>>,
    queue: Rc<RefCell<Queue>>,
}

/// Watches the draft; each change restarts the wait, so a burst of typing is one change.
/// Before that, puts back what this browser kept of the sheet (see [`Sheet::restore`]).
pub fn follow(draft: Draft, contest: String, code: String, version: RwSignal<i64>, status: RwSignal<SaveStatus>) {
    let sheet = Sheet { key: format!("{contest}/{code}"), contest, code, version, status, marks: draft.marks, queue: Rc::default() };
    {
        // The page's values: as the server had them at the page's version.
        let mut q = sheet.queue.borrow_mut();
        q.saved = snapshot(draft);
        q.last = Some(q.saved.clone());
    }
    {
        let sheet = sheet.clone();
        leptos::task::spawn_local(async move { sheet.restore(draft).await });
    }
    {
        let sheet = sheet.clone();
        // Dropped, the handle leaves the listener in place: it lives as long as the page.
        let _ = window_event_listener(leptos::ev::online, move |_| {
            {
                let mut q = sheet.queue.borrow_mut();
                q.woken = q.sending;
            }
            sheet.kick();
        });
    }
    let changes = Rc::new(std::cell::Cell::new(0u32));
    Effect::watch(
        move || {
            draft.points.track();
            draft.comment.track();
            draft.note.track();
        },
        move |(), _, _| {
            let n = changes.get().wrapping_add(1);
            changes.set(n);
            if !sheet.queue.borrow().offline {
                status.set(SaveStatus::Saving);
            }
            let (changes, sheet) = (changes.clone(), sheet.clone());
            set_timeout(
                move || {
                    if changes.get() == n {
                        sheet.change(snapshot(draft));
                    }
                },
                Duration::from_millis(700),
            );
        },
        false,
    );
}

fn snapshot(draft: Draft) -> Snapshot {
    Snapshot { points: draft.points.get_untracked(), comment: draft.comment.get_untracked(), note: draft.note.get_untracked() }
}

impl Sheet {
    /// A change typed: queued, kept, and sent unless the connection is known to be gone.
    fn change(&self, now: Snapshot) {
        let mut q = self.queue.borrow_mut();
        if q.last.as_ref() == Some(&now) {
            // Typed back to what was queued last (or the echo of a restore): nothing to send.
            if q.pending.is_empty() && !q.sending {
                self.status.set(if self.version.get_untracked() == 0 { SaveStatus::Idle } else { SaveStatus::Saved });
            }
            return;
        }
        q.last = Some(now.clone());
        q.pending.push_back(now);
        let offline = q.offline;
        if offline {
            self.status.set(SaveStatus::Offline(q.pending.len()));
        }
        drop(q);
        self.keep();
        if !offline {
            self.kick();
        }
    }

    /// Starts sending the queue, unless it is already being sent or is empty.
    fn kick(&self) {
        {
            let mut q = self.queue.borrow_mut();
            if q.sending || q.pending.is_empty() {
                return;
            }
            q.sending = true;
        }
        let sheet = self.clone();
        leptos::task::spawn_local(async move { sheet.drain().await });
    }

    /// Sends the queued changes one after another, each on the version the last one got.
    /// A lost connection stops and waits (3, 6, 12, 24, then every 48 s, or the `online`
    /// event); a server error is tried twice more; a stale version drops the queue and says
    /// so; any other refusal drops that change, says why, and goes on with the next.
    async fn drain(&self) {
        loop {
            let Some(next) = self.queue.borrow().pending.front().cloned() else { break };
            let form = ScoreForm {
                contest: self.contest.clone(),
                code: self.code.clone(),
                version: self.version.get_untracked().to_string(),
                points: next.points.clone(),
                comment: next.comment.clone(),
                note: next.note.clone(),
                action: String::new(),
            };
            let result = judge_save(form).await;
            let mut q = self.queue.borrow_mut();
            match result {
                Ok(answer) => {
                    self.version.set(answer.version);
                    q.pending.pop_front();
                    q.saved = next;
                    (q.offline, q.woken, q.tries) = (false, false, 0);
                    let status = match (q.pending.is_empty(), answer.invalid.is_empty()) {
                        (false, _) => SaveStatus::Saving,
                        (true, true) => SaveStatus::Saved,
                        (true, false) => SaveStatus::Invalid,
                    };
                    self.marks.set(answer.invalid);
                    self.status.set(status);
                }
                Err(AppError::Conflict(Msg::ErrScoreStale)) => {
                    q.pending.clear();
                    (q.offline, q.tries) = (false, 0);
                    self.status.set(SaveStatus::Stale);
                }
                Err(e) => match super::retry_after(&e, q.tries) {
                    Some(wait) => {
                        let wait = if std::mem::take(&mut q.woken) { Duration::ZERO } else { wait };
                        q.tries += 1;
                        q.offline = matches!(e, AppError::Network);
                        if q.offline {
                            self.status.set(SaveStatus::Offline(q.pending.len()));
                        }
                        q.sending = false;
                        drop(q);
                        let sheet = self.clone();
                        set_timeout(move || sheet.kick(), wait);
                        return;
                    }
                    None => {
                        q.pending.pop_front();
                        (q.offline, q.tries) = (false, 0);
                        self.status.set(SaveStatus::Failed(e));
                    }
                },
            }
            drop(q);
            self.keep();
        }
        self.queue.borrow_mut().sending = false;
    }

    /// Writes the queue to IndexedDB.
    fn keep(&self) {
        let q = self.queue.borrow();
        let kept = Kept { version: self.version.get_untracked(), values: q.saved.clone(), pending: q.pending.iter().cloned().collect() };
        if let Ok(json) = serde_json::to_string(&kept) {
            store::put(&self.key, json);
        }
    }

    /// Puts back what this browser kept of the sheet: queued changes (the page may be a copy
    /// from before them: a reload without a connection), or saved values newer than the
    /// page's; then sends what waits.
    async fn restore(&self, draft: Draft) {
        let Some(kept) = store::get(&self.key).await.and_then(|json| serde_json::from_str::<Kept>(&json).ok()) else { return };
        let shown = match kept.pending.last() {
            Some(last) => last.clone(),
            None if kept.version > self.version.get_untracked() => kept.values.clone(),
            None => return,
        };
        {
            let mut q = self.queue.borrow_mut();
            if q.sending || !q.pending.is_empty() {
                return; // typed into already: what is typed wins
            }
            q.pending = kept.pending.into();
            q.saved = kept.values;
            q.last = Some(shown.clone());
        }
        self.version.set(kept.version);
        show(&shown);
        draft.points.set(shown.points);
        draft.comment.set(shown.comment);
        draft.note.set(shown.note);
        if !self.queue.borrow().pending.is_empty() {
            self.status.set(SaveStatus::Saving);
            self.kick();
        }
    }
}

/// Writes a snapshot into the form's fields (their values are the page's, not signals; the
/// page's running total catches up within a second, see `SCORING_JS`).
fn show(values: &Snapshot) {
    let set = |id: &str, value: &str| {
        if let Some(el) = document().get_element_by_id(id) {
            let _ = js_sys::Reflect::set(&el, &JsValue::from_str("value"), &JsValue::from_str(value));
        }
    };
    for (key, points) in &values.points {
        set(&format!("points-{}", key.trim_start_matches('c')), points);
    }
    set("comment", &values.comment);
    set("note", &values.note);
}

/// The page's IndexedDB helper (`window.baiqauSheets`: `get(key)`, `put(key, json)`, each a
/// promise). Without it (no IndexedDB: a private window in some browsers) nothing is kept
/// across a reload, and the queue still works for the page's lifetime.
mod store {
    use super::*;
    use wasm_bindgen_futures::JsFuture;

    fn call(method: &str, args: &[&str]) -> Option<js_sys::Promise> {
        let helper = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("baiqauSheets")).ok().filter(|h| h.is_object())?;
        let f: js_sys::Function = js_sys::Reflect::get(&helper, &JsValue::from_str(method)).ok()?.dyn_into().ok()?;
        let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        f.apply(&helper, &args).ok()?.dyn_into().ok()
    }

    pub async fn get(key: &str) -> Option<String> {
        JsFuture::from(call("get", &[key])?).await.ok()?.as_string()
    }

    pub fn put(key: &str, json: String) {
        if let Some(done) = call("put", &[key, &json]) {
            leptos::task::spawn_local(async move {
                if let Err(e) = JsFuture::from(done).await {
                    leptos::logging::warn!("the score sheet could not be kept in this browser: {e:?}");
                }
            });
        }
    }
}

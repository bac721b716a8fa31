//! The browser's side of resumable uploads (see `server/src/uploads.rs` for the protocol).
//!
//! Each file is sent in pieces with `XMLHttpRequest`, whose upload progress moves the bar
//! between pieces. Pieces are sized to the link: the first is small, and each next one is
//! what the last piece's speed sends in a few seconds ([`next_piece`]), so a piece on a
//! village link takes seconds, not minutes, and a cut loses little. A lost piece or a
//! dropped connection is tried again by itself with back-off ([`piece_retry`]), from where
//! the server says it stopped (it keeps what arrived of a cut piece); while the browser says
//! it is offline, the upload waits for its `online` event. Only a real refusal (type, size,
//! entries closed) stops it, with the reason. The upload's id is kept in `localStorage`
//! under the file's name, size and date, so after a reload choosing the same file again
//! asks the server where it stopped and continues from there.

use crate::i18n::{Lang, Msg, fill};

/// What the progress bar shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub name: String,
    pub done: f64,
    pub total: f64,
    /// Bytes per second since this file started (or resumed).
    pub speed: f64,
    pub error: Option<String>,
    pub retrying: bool,
    pub finished: bool,
    /// Bytes handed to the network for this file, those sent again after a cut included.
    pub sent: f64,
}

impl Progress {
    pub fn new(name: String, total: f64) -> Progress {
        Progress { name, done: 0.0, total, speed: 0.0, error: None, retrying: false, finished: false, sent: 0.0 }
    }

    pub fn failed(message: String) -> Progress {
        Progress { error: Some(message), ..Progress::new(String::new(), 0.0) }
    }

    pub fn percent(&self) -> u32 {
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped to 0..=100")]
        let percent = if self.total <= 0.0 { 0 } else { ((self.done / self.total) * 100.0).floor().clamp(0.0, 100.0) as u32 };
        percent
    }

    /// `30% · 12.0 MB of 40.0 MB · 3.1 MB/s · 9 s left`, or the error, or "connection lost
    /// at 30%: it goes on when the connection returns".
    pub fn describe(&self, lang: Lang) -> String {
        if let Some(e) = &self.error {
            return fill(Msg::UploadFailed.text(lang), &[("reason", e)]);
        }
        if self.finished {
            return Msg::UploadDone.text(lang).to_owned();
        }
        let percent = self.percent().to_string();
        if self.retrying {
            return fill(Msg::UploadRetrying.text(lang), &[("percent", &percent)]);
        }
        #[expect(clippy::cast_possible_truncation, reason = "seconds left of an upload; `as` saturates")]
        let left = if self.speed > 0.0 { ((self.total - self.done) / self.speed).ceil() as i64 } else { 0 };
        fill(
            Msg::UploadProgress.text(lang),
            &[
                ("percent", &percent),
                ("done", &crate::domain::file::human_size(self.done)),
                ("total", &crate::domain::file::human_size(self.total)),
                ("speed", &crate::domain::file::human_size(self.speed)),
                ("left", &time_left(left, lang)),
            ],
        )
    }
}

/// Time left, to the two largest units: `1 h 05 min`, `1 min 27 s`, `9 s`.
fn time_left(secs: i64, lang: Lang) -> String {
    let s = secs.max(0);
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    let unit = |m: Msg| m.text(lang);
    if h > 0 {
        format!("{h} {} {m:02} {}", unit(Msg::HoursShort), unit(Msg::MinutesShort))
    } else if m > 0 {
        format!("{m} {} {sec:02} {}", unit(Msg::MinutesShort), unit(Msg::SecondsShort))
    } else {
        format!("{sec} {}", unit(Msg::SecondsShort))
    }
}

/// After the `failures`-th failed piece in a row (from 1): how many milliseconds to wait
/// before asking the server where it stands and going on (0.5, 1, … then every 5 s), or
/// `None` to give up. A lost connection (`lost`) is waited out for as long as the page is
/// open, since what was sent is kept on the server; being out of step with the server thirty
/// times in a row is not.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(crate) fn piece_retry(lost: bool, failures: u32) -> Option<u32> {
    (lost || failures <= 30).then(|| 500 * failures.min(10))
}

/// How a piece's failure is treated: `Some(true)` a lost connection (no answer, a timeout, a
/// gateway or the server cutting a piece that came too slowly: waited out), `Some(false)`
/// a passing disagreement (out of step, busy, a server error: tried a limited number of
/// times), `None` a refusal that ends the upload with its reason.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(crate) fn trouble(status: Option<u16>) -> Option<bool> {
    match status {
        None | Some(408 | 502 | 503 | 504) => Some(true),
        Some(409 | 425 | 429 | 500) => Some(false),
        Some(_) => None,
    }
}

/// The first piece's size when the server does not say (it does: `chunk`).
pub const FIRST_PIECE: f64 = 256.0 * 1024.0;
/// The smallest piece: below this, each piece's request costs more than its bytes.
pub const MIN_PIECE: f64 = 64.0 * 1024.0;
/// How long a piece should take: long enough that a request's overhead is small, short
/// enough that a cut loses little and the server's pace check never sees a stall.
const PIECE_SECONDS: f64 = 4.0;
/// Pieces are whole multiples of this.
const GRAIN: f64 = 16.0 * 1024.0;

fn grains(bytes: f64, max: f64) -> f64 {
    ((bytes / GRAIN).floor() * GRAIN).clamp(MIN_PIECE, max.max(MIN_PIECE))
}

/// The next piece's size after one of `current` bytes went through, `sent` of them in
/// `millis`: what that speed sends in [`PIECE_SECONDS`], at most twice the last piece and at
/// most `max` (the server's limit).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(crate) fn next_piece(current: f64, sent: f64, millis: f64, max: f64) -> f64 {
    let rate = sent / (millis.max(1.0) / 1000.0);
    grains((rate * PIECE_SECONDS).min(current * 2.0), max)
}

/// The next piece's size after one was lost: half the last.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(crate) fn smaller_piece(current: f64, max: f64) -> f64 {
    grains(current / 2.0, max)
}

#[cfg(feature = "hydrate")]
pub use browser::start;

#[cfg(feature = "hydrate")]
mod browser {
    use super::Progress;
    use crate::error::AppError;
    use crate::i18n::{Lang, Msg};
    use leptos::prelude::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{File, XmlHttpRequest};

    /// How an HTTP exchange ended: a status and body, or no answer at all.
    enum Reply {
        Answer(u16, String),
        NoAnswer,
    }

    fn explain(body: &str, lang: Lang) -> String {
        match serde_json::from_str::<AppError>(body) {
            Ok(AppError::Validation(list)) if !list.is_empty() => list[0].msg.text(lang).to_owned(),
            Ok(e) => e.message(lang),
            Err(_) => Msg::ErrNetwork.text(lang).to_owned(),
        }
    }

    /// Sends one request; `progress` hears how many body bytes have gone out.
    async fn send(
        method: &str,
        url: &str,
        headers: &[(&str, String)],
        body: Option<&JsValue>,
        progress: Option<Box<dyn Fn(f64)>>,
        current: &std::rc::Rc<std::cell::RefCell<Option<XmlHttpRequest>>>,
    ) -> Reply {
        let Ok(xhr) = XmlHttpRequest::new() else { return Reply::NoAnswer };
        if xhr.open(method, url).is_err() {
            return Reply::NoAnswer;
        }
        for (k, v) in headers {
            let _ = xhr.set_request_header(k, v);
        }
        let progress_cb = progress.map(|f| {
            Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| f(e.loaded()))
        });
        if let (Some(cb), Ok(up)) = (&progress_cb, xhr.upload()) {
            up.set_onprogress(Some(cb.as_ref().unchecked_ref()));
        }
        let done = js_sys::Promise::new(&mut |resolve, _reject| {
            xhr.set_onloadend(Some(&resolve));
        });
        *current.borrow_mut() = Some(xhr.clone());
        let sent = match body {
            Some(b) => match b.dyn_ref::<web_sys::Blob>() {
                Some(blob) => xhr.send_with_opt_blob(Some(blob)),
                None => xhr.send_with_opt_str(b.as_string().as_deref()),
            },
            None => xhr.send(),
        };
        if sent.is_err() {
            return Reply::NoAnswer;
        }
        let _ = JsFuture::from(done).await;
        *current.borrow_mut() = None;
        drop(progress_cb);
        match xhr.status() {
            Ok(0) | Err(_) => Reply::NoAnswer,
            Ok(s) => Reply::Answer(s, xhr.response_text().ok().flatten().unwrap_or_default()),
        }
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window().and_then(|w| w.local_storage().ok().flatten())
    }

    fn now_ms() -> f64 {
        js_sys::Date::now()
    }

    #[derive(serde::Deserialize)]
    struct Created {
        id: String,
        offset: f64,
        chunk: f64,
        #[serde(default)]
        max_chunk: Option<f64>,
    }

    /// Where an upload starts or continues: its id, the offset, the first piece's size and
    /// the largest piece the server takes.
    struct Begun {
        id: String,
        offset: f64,
        piece: f64,
        max: f64,
    }

    #[derive(serde::Deserialize)]
    struct Status {
        offset: f64,
    }

    #[derive(serde::Deserialize)]
    struct Piece {
        offset: f64,
        done: bool,
    }

    /// Uploads `files` one after another into `entry`, then reloads the entry page.
    pub fn start(entry: String, files: Vec<File>, status: RwSignal<Option<Progress>>, busy: RwSignal<bool>, cancel: Arc<AtomicBool>, lang: Lang) {
        leptos::task::spawn_local(async move {
            let current = std::rc::Rc::new(std::cell::RefCell::new(None::<XmlHttpRequest>));
            // Cancel aborts the piece in flight at once.
            let watcher = {
                let current = current.clone();
                let cancel = cancel.clone();
                Closure::<dyn Fn()>::new(move || {
                    if cancel.load(Ordering::SeqCst)
                        && let Some(x) = current.borrow().as_ref()
                    {
                        let _ = x.abort();
                    }
                })
            };
            let timer = web_sys::window()
                .and_then(|w| w.set_interval_with_callback_and_timeout_and_arguments_0(watcher.as_ref().unchecked_ref(), 200).ok());
            let mut all_ok = true;
            for file in files {
                if let Err(message) = one(&entry, &file, status, &cancel, lang, &current).await {
                    status.update(|s| match s {
                        Some(p) => p.error = Some(message.clone()),
                        None => *s = Some(Progress::failed(message.clone())),
                    });
                    all_ok = false;
                    break;
                }
            }
            if let (Some(w), Some(t)) = (web_sys::window(), timer) {
                w.clear_interval_with_handle(t);
            }
            drop(watcher);
            busy.set(false);
            if all_ok && let Some(w) = web_sys::window() {
                let _ = w.location().set_href(&format!("/entries/{entry}?uploaded=1#files"));
            }
        });
    }

    /// Continues the upload the browser remembers for this file, if the server still has
    /// it, or starts one: its id, the offset to go on from, and the piece size.
    async fn begin(
        entry: &str,
        file: &File,
        key: &str,
        lang: Lang,
        current: &std::rc::Rc<std::cell::RefCell<Option<XmlHttpRequest>>>,
    ) -> Result<Begun, String> {
        let json = [("Content-Type", "application/json".to_string())];
        let (name, size) = (file.name(), file.size());
        let mut id = None;
        let mut offset = 0.0;
        let mut chunk = super::FIRST_PIECE;
        let mut max = 16.0 * 1024.0 * 1024.0;
        if let Some(known) = storage().and_then(|s| s.get_item(key).ok().flatten()) {
            if let Reply::Answer(200, body) = send("GET", &format!("/uploads/{known}"), &[], None, None, current).await
                && let Ok(s) = serde_json::from_str::<Status>(&body)
            {
                id = Some(known);
                offset = s.offset;
            } else if let Some(s) = storage() {
                let _ = s.remove_item(key);
            }
        }
        let id = match id {
            Some(id) => id,
            None => {
                let body = serde_json::json!({ "entry": entry, "name": name, "size": bytes(size) }).to_string();
                match send("POST", "/uploads", &json, Some(&JsValue::from_str(&body)), None, current).await {
                    Reply::Answer(201, body) => {
                        let c: Created = serde_json::from_str(&body).map_err(|_| Msg::ErrNetwork.text(lang).to_owned())?;
                        offset = c.offset;
                        chunk = c.chunk;
                        max = c.max_chunk.unwrap_or(max);
                        if let Some(s) = storage() {
                            let _ = s.set_item(key, &c.id);
                        }
                        c.id
                    }
                    Reply::Answer(_, body) => return Err(explain(&body, lang)),
                    Reply::NoAnswer => return Err(Msg::ErrNetwork.text(lang).to_owned()),
                }
            }
        };
        Ok(Begun { id, offset, piece: chunk, max })
    }

    /// A byte count or offset as a whole number: JavaScript holds them as doubles, exact
    /// below 2^53 bytes.
    #[expect(clippy::cast_possible_truncation, reason = "whole numbers below 2^53")]
    fn bytes(v: f64) -> i64 {
        v as i64
    }

    /// Resolves after `ms`, or, while the browser says it is offline, as soon as it says it
    /// is online again.
    async fn wait_for_network(ms: i32) {
        let offline = offline();
        let p = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
                if offline {
                    let once = web_sys::AddEventListenerOptions::new();
                    once.set_once(true);
                    let _ = w.add_event_listener_with_callback_and_add_event_listener_options("online", &resolve, &once);
                }
            }
        });
        let _ = JsFuture::from(p).await;
    }

    fn offline() -> bool {
        web_sys::window().is_some_and(|w| !w.navigator().on_line())
    }

    /// The progress of the file in hand; `None` before it starts.
    fn update(status: RwSignal<Option<Progress>>, f: impl FnOnce(&mut Progress)) {
        status.update(|s| {
            if let Some(p) = s {
                f(p);
            }
        });
    }

    /// After a failed piece: waits (until the browser is online again, when it says it is
    /// not), then asks the server where the upload stands. The offset to go on from, or the
    /// same one when the server could not be asked.
    async fn recover(url: &str, offset: f64, wait: u32, current: &std::rc::Rc<std::cell::RefCell<Option<XmlHttpRequest>>>) -> f64 {
        wait_for_network(i32::try_from(wait).unwrap_or(5_000)).await;
        while offline() {
            wait_for_network(30_000).await;
        }
        match send("GET", url, &[], None, None, current).await {
            Reply::Answer(200, body) => serde_json::from_str::<Status>(&body).map_or(offset, |s| s.offset),
            _ => offset,
        }
    }

    fn forget(key: &str) {
        if let Some(s) = storage() {
            let _ = s.remove_item(key);
        }
    }

    async fn one(
        entry: &str,
        file: &File,
        status: RwSignal<Option<Progress>>,
        cancel: &Arc<AtomicBool>,
        lang: Lang,
        current: &std::rc::Rc<std::cell::RefCell<Option<XmlHttpRequest>>>,
    ) -> Result<(), String> {
        let size = file.size();
        let name = file.name();
        // Which upload this file continues, remembered by the browser across page loads.
        let key = format!("baiqau-upload:{entry}:{name}:{size}:{}", file.last_modified());
        status.set(Some(Progress::new(name.clone(), size)));
        let Begun { id, mut offset, mut piece, max } = begin(entry, file, &key, lang, current).await?;
        update(status, |p| p.done = offset);
        let url = format!("/uploads/{id}");
        // Speed is measured from the last (re)start.
        let (mut started, mut from) = (now_ms(), offset);
        let mut failures = 0u32;
        loop {
            if cancel.load(Ordering::SeqCst) {
                let _ = send("DELETE", &url, &[], None, None, current).await;
                forget(&key);
                return Err(Msg::UploadCancel.text(lang).to_owned());
            }
            let end = (offset + piece).min(size);
            let body = file.slice_with_f64_and_f64(offset, end).map_err(|_| Msg::ErrNetwork.text(lang).to_owned())?;
            let (base, t0) = (offset, now_ms());
            let loaded = std::rc::Rc::new(std::cell::Cell::new(0.0));
            let on_progress: Box<dyn Fn(f64)> = {
                let loaded = loaded.clone();
                Box::new(move |sent: f64| {
                    loaded.set(sent);
                    let secs = ((now_ms() - started) / 1000.0).max(0.001);
                    update(status, |p| {
                        p.done = base + sent;
                        p.speed = (base + sent - from) / secs;
                        p.retrying = false;
                    });
                })
            };
            let headers = [("Upload-Offset", bytes(offset).to_string()), ("Content-Type", "application/offset+octet-stream".to_string())];
            let reply = send("PATCH", &url, &headers, Some(body.as_ref()), Some(on_progress), current).await;
            update(status, |p| p.sent += loaded.get());
            let failed = match reply {
                Reply::Answer(200, body) => {
                    let p: Piece = serde_json::from_str(&body).map_err(|_| Msg::ErrNetwork.text(lang).to_owned())?;
                    failures = 0;
                    piece = super::next_piece(piece, p.offset - base, now_ms() - t0, max);
                    offset = p.offset;
                    if p.done {
                        forget(&key);
                        update(status, |p| {
                            p.done = size;
                            p.finished = true;
                        });
                        return Ok(());
                    }
                    continue;
                }
                Reply::Answer(s, body) => (Some(s), body),
                Reply::NoAnswer => (None, String::new()),
            };
            if cancel.load(Ordering::SeqCst) {
                continue;
            }
            let Some(lost) = super::trouble(failed.0) else {
                forget(&key);
                return Err(explain(&failed.1, lang));
            };
            // Lost, cut or out of step: a smaller piece, a wait, and on from where the server is.
            failures = failures.saturating_add(1);
            let wait = super::piece_retry(lost, failures).ok_or_else(|| explain(&failed.1, lang))?;
            piece = super::smaller_piece(piece, max);
            update(status, |p| p.retrying = true);
            offset = recover(&url, offset, wait, current).await;
            (started, from) = (now_ms(), offset);
            update(status, |p| p.done = offset);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MIN_PIECE, Progress, next_piece, piece_retry, smaller_piece, trouble};
    use crate::i18n::Lang;

    const KIB: f64 = 1024.0;
    const MAX: f64 = 16.0 * KIB * KIB;

    #[test]
    fn pieces_take_a_few_seconds_on_any_link() {
        // 160 kbit/s (20,000 B/s): 256 KiB took 13.1 s; the next piece takes about 3 s.
        assert_eq!(next_piece(256.0 * KIB, 262_144.0, 13_107.0, MAX), 64.0 * KIB);
        // 400 kbit/s: 192 KiB, about 4 s.
        assert_eq!(next_piece(256.0 * KIB, 262_144.0, 5_243.0, MAX), 192.0 * KIB);
        // A fast link grows by doubling, up to the server's limit.
        assert_eq!(next_piece(256.0 * KIB, 262_144.0, 10.0, MAX), 512.0 * KIB);
        assert_eq!(next_piece(MAX, MAX, 80.0, MAX), MAX);
        // A crawl never goes below the smallest piece, and nothing sent in no time is no crash.
        assert_eq!(next_piece(64.0 * KIB, 100.0, 60_000.0, MAX), MIN_PIECE);
        assert_eq!(next_piece(64.0 * KIB, 0.0, 0.0, MAX), MIN_PIECE);
        // After a loss: half, down to the smallest.
        assert_eq!(smaller_piece(1024.0 * KIB, MAX), 512.0 * KIB);
        assert_eq!(smaller_piece(MIN_PIECE, MAX), MIN_PIECE);
    }

    #[test]
    fn only_a_refusal_ends_an_upload() {
        for lost in [None, Some(408), Some(502), Some(503), Some(504)] {
            assert_eq!(trouble(lost), Some(true), "{lost:?}");
        }
        for passing in [409, 425, 429, 500] {
            assert_eq!(trouble(Some(passing)), Some(false), "{passing}");
        }
        for refusal in [400, 401, 403, 404, 413, 422] {
            assert_eq!(trouble(Some(refusal)), None, "{refusal}");
        }
    }

    #[test]
    fn the_status_says_how_far_in_words_and_percent() {
        let mut p = Progress::new("photo.jpg".into(), 3_000_000.0);
        p.done = 1_260_000.0;
        p.speed = 20_000.0;
        assert_eq!(p.describe(Lang::En), "42% · 1.2 MB of 2.9 MB · 20 KB/s · 1 min 27 s left");
        p.retrying = true;
        assert_eq!(p.describe(Lang::Kk), "42\u{a0}% · Байланыс үзілді — қайта қосылғанда өздігінен жалғасады. Жүктелгені сақталды.");
    }

    #[test]
    fn a_lost_connection_is_waited_out_but_being_out_of_step_is_not() {
        assert_eq!(piece_retry(true, 1), Some(500));
        assert_eq!(piece_retry(true, 10), Some(5_000));
        // Hours offline (every 5 s, far past the thirty tries that once ended the upload).
        assert_eq!(piece_retry(true, 5_000), Some(5_000));
        assert_eq!(piece_retry(true, u32::MAX), Some(5_000));
        assert_eq!(piece_retry(false, 30), Some(5_000));
        assert_eq!(piece_retry(false, 31), None);
    }
}

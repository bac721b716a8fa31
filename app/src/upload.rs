//! The browser's side of resumable uploads (see `server/src/uploads.rs` for the protocol).
//!
//! Each file is sent in pieces with `XMLHttpRequest`, whose upload progress moves the bar
//! between pieces. The upload's id is kept in `localStorage` under the file's name, size
//! and date, so after a reload (or a lost connection) choosing the same file again asks the
//! server where it stopped and continues from there.

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
}

impl Progress {
    pub fn failed(message: String) -> Progress {
        Progress { name: String::new(), done: 0.0, total: 0.0, speed: 0.0, error: Some(message), retrying: false, finished: false }
    }

    pub fn percent(&self) -> u32 {
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped to 0..=100")]
        let percent = if self.total <= 0.0 { 0 } else { ((self.done / self.total) * 100.0).floor().clamp(0.0, 100.0) as u32 };
        percent
    }

    /// `12.0 MB of 40.0 MB · 3.1 MB/s · 9 s left`, or the error, or "reconnecting".
    pub fn describe(&self, lang: Lang) -> String {
        if let Some(e) = &self.error {
            return fill(Msg::UploadFailed.text(lang), &[("reason", e)]);
        }
        if self.finished {
            return Msg::UploadDone.text(lang).to_owned();
        }
        if self.retrying {
            return Msg::UploadRetrying.text(lang).to_owned();
        }
        #[expect(clippy::cast_possible_truncation, reason = "seconds left of an upload; `as` saturates")]
        let left = if self.speed > 0.0 { ((self.total - self.done) / self.speed).ceil() as i64 } else { 0 };
        fill(
            Msg::UploadProgress.text(lang),
            &[
                ("done", &crate::domain::file::human_size(self.done)),
                ("total", &crate::domain::file::human_size(self.total)),
                ("speed", &crate::domain::file::human_size(self.speed)),
                ("left", &crate::components::contest::format_remaining(left, lang)),
            ],
        )
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

    async fn sleep(ms: i32) {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
        });
        let _ = JsFuture::from(p).await;
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
    ) -> Result<(String, f64, f64), String> {
        let json = [("Content-Type", "application/json".to_string())];
        let (name, size) = (file.name(), file.size());
        let mut id = None;
        let mut offset = 0.0;
        let mut chunk = 4.0 * 1024.0 * 1024.0;
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
        Ok((id, offset, chunk))
    }

    /// A byte count or offset as a whole number: JavaScript holds them as doubles, exact
    /// below 2^53 bytes.
    #[expect(clippy::cast_possible_truncation, reason = "whole numbers below 2^53")]
    fn bytes(v: f64) -> i64 {
        v as i64
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
        status.set(Some(Progress { name: name.clone(), done: 0.0, total: size, speed: 0.0, error: None, retrying: false, finished: false }));
        let cancelled = || Msg::UploadCancel.text(lang).to_owned();
        let (id, mut offset, chunk) = begin(entry, file, &key, lang, current).await?;
        let url = format!("/uploads/{id}");
        let started = now_ms();
        let from = offset;
        let mut failures = 0u32;
        loop {
            if cancel.load(Ordering::SeqCst) {
                let _ = send("DELETE", &url, &[], None, None, current).await;
                if let Some(s) = storage() {
                    let _ = s.remove_item(&key);
                }
                return Err(cancelled());
            }
            let end = (offset + chunk).min(size);
            let piece = file.slice_with_f64_and_f64(offset, end).map_err(|_| Msg::ErrNetwork.text(lang).to_owned())?;
            let base = offset;
            let on_progress: Box<dyn Fn(f64)> = Box::new(move |sent: f64| {
                let done = base + sent;
                let secs = ((now_ms() - started) / 1000.0).max(0.001);
                status.update(|s| {
                    if let Some(p) = s {
                        p.done = done;
                        p.speed = (done - from) / secs;
                        p.retrying = false;
                    }
                });
            });
            let headers = [("Upload-Offset", bytes(offset).to_string()), ("Content-Type", "application/offset+octet-stream".to_string())];
            let reply = send("PATCH", &url, &headers, Some(piece.as_ref()), Some(on_progress), current).await;
            match reply {
                Reply::Answer(200, body) => {
                    failures = 0;
                    let p: Piece = serde_json::from_str(&body).map_err(|_| Msg::ErrNetwork.text(lang).to_owned())?;
                    offset = p.offset;
                    if p.done {
                        if let Some(s) = storage() {
                            let _ = s.remove_item(&key);
                        }
                        status.update(|s| {
                            if let Some(p) = s {
                                p.done = size;
                                p.finished = true;
                            }
                        });
                        return Ok(());
                    }
                }
                Reply::Answer(409, _) | Reply::NoAnswer => {
                    if cancel.load(Ordering::SeqCst) {
                        continue;
                    }
                    // Lost connection or out of step: wait, ask where the server is, go on.
                    failures = failures.saturating_add(1);
                    let Some(wait) = super::piece_retry(matches!(reply, Reply::NoAnswer), failures) else {
                        return Err(Msg::ErrNetwork.text(lang).to_owned());
                    };
                    status.update(|s| {
                        if let Some(p) = s {
                            p.retrying = true;
                        }
                    });
                    sleep(i32::try_from(wait).unwrap_or(5_000)).await;
                    if let Reply::Answer(200, body) = send("GET", &url, &[], None, None, current).await
                        && let Ok(s) = serde_json::from_str::<Status>(&body)
                    {
                        offset = s.offset;
                    }
                }
                Reply::Answer(_, body) => {
                    if let Some(s) = storage() {
                        let _ = s.remove_item(&key);
                    }
                    return Err(explain(&body, lang));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::piece_retry;

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

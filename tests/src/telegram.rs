//! A local fake of the Telegram Bot API on a loopback port: the real service cannot be
//! reached from the test machines. It speaks the real request format (`POST
//! /bot<token>/<method>` with a JSON body) and answers as Telegram does (`{"ok": true,
//! "result": …}`, or `{"ok": false, "error_code": …, "description": …}`) for the three
//! methods Baiqau calls: `getMe`, `getUpdates` and `sendMessage`. Tests put messages from
//! people in its queue, make it fail, and read what the bot sent.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};

pub const TOKEN: &str = "123456:TEST-token_for-the-fake";
pub const BOT: &str = "BaiqauTestBot";

/// A message the bot sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    pub chat_id: i64,
    pub text: String,
    pub parse_mode: String,
}

#[derive(Default)]
struct Inner {
    sent: Vec<Sent>,
    /// Every call: (method, its JSON body).
    calls: Vec<(String, Value)>,
    /// Statuses the next calls of `sendMessage` answer with, in order.
    failures: VecDeque<u16>,
    /// Chats that blocked the bot.
    blocked: HashSet<i64>,
    updates: Vec<Value>,
    next_update: i64,
}

#[derive(Clone)]
pub struct FakeTelegram {
    pub url: String,
    inner: Arc<Mutex<Inner>>,
    arrived: Arc<tokio::sync::Notify>,
}

/// What the routes share.
#[derive(Clone)]
struct Shared {
    inner: Arc<Mutex<Inner>>,
    /// Wakes a long poll when someone writes to the bot.
    arrived: Arc<tokio::sync::Notify>,
}

impl FakeTelegram {
    pub async fn start() -> FakeTelegram {
        let inner = Arc::new(Mutex::new(Inner { next_update: 1000, ..Inner::default() }));
        let arrived = Arc::new(tokio::sync::Notify::new());
        let shared = Shared { inner: inner.clone(), arrived: arrived.clone() };
        let app = axum::Router::new().route("/{bot}/{method}", axum::routing::post(answer)).with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the fake Telegram");
        let url = format!("http://{}", listener.local_addr().expect("its address"));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("the fake Telegram") });
        FakeTelegram { url, inner, arrived }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Someone writes `text` to the bot from a private chat.
    pub fn person_says(&self, chat_id: i64, first_name: &str, language: &str, text: &str) {
        self.says(chat_id, "private", first_name, language, text);
    }

    pub fn says(&self, chat_id: i64, kind: &str, first_name: &str, language: &str, text: &str) {
        let mut inner = self.lock();
        inner.next_update += 1;
        let update = json!({
            "update_id": inner.next_update,
            "message": {
                "message_id": inner.next_update,
                "date": 1_700_000_000,
                "from": { "id": chat_id, "is_bot": false, "first_name": first_name, "language_code": language },
                "chat": { "id": chat_id, "type": kind, "first_name": first_name, "username": format!("{}_{chat_id}", first_name.to_lowercase()) },
                "text": text,
            }
        });
        inner.updates.push(update);
        drop(inner);
        self.arrived.notify_waiters();
    }

    /// The next `sendMessage` calls answer with these statuses (500, 429…), one each.
    pub fn fail_next(&self, statuses: &[u16]) {
        self.lock().failures.extend(statuses);
    }

    /// The person in this chat blocks the bot (Telegram answers 403 from now on).
    pub fn block(&self, chat_id: i64) {
        self.lock().blocked.insert(chat_id);
    }

    /// Messages delivered, in order.
    pub fn sent(&self) -> Vec<Sent> {
        self.lock().sent.clone()
    }

    /// Every call received: (method, body).
    pub fn calls(&self) -> Vec<(String, Value)> {
        self.lock().calls.clone()
    }
}

fn refuse(status: u16, description: &str, extra: Option<Value>) -> Response {
    let mut body = json!({ "ok": false, "error_code": status, "description": description });
    if let Some(parameters) = extra {
        body["parameters"] = parameters;
    }
    (StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), axum::Json(body)).into_response()
}

async fn answer(State(shared): State<Shared>, Path((bot, method)): Path<(String, String)>, headers: HeaderMap, body: String) -> Response {
    if bot != format!("bot{TOKEN}") {
        return refuse(401, "Unauthorized", None);
    }
    if headers.get("content-type").and_then(|v| v.to_str().ok()) != Some("application/json") {
        return refuse(400, "Bad Request: the fake takes JSON only", None);
    }
    let Ok(body) = serde_json::from_str::<Value>(&body) else { return refuse(400, "Bad Request: invalid JSON", None) };
    let lock = || shared.inner.lock().unwrap_or_else(|e| e.into_inner());
    lock().calls.push((method.clone(), body.clone()));
    match method.as_str() {
        "getMe" => axum::Json(json!({ "ok": true, "result": { "id": 123_456, "is_bot": true, "first_name": "Baiqau", "username": BOT } })).into_response(),
        "getUpdates" => {
            let offset = body["offset"].as_i64().unwrap_or(0);
            let wait = std::time::Duration::from_secs(body["timeout"].as_u64().unwrap_or(0));
            // As Telegram does: asking from `offset` confirms every update before it; with
            // none waiting, the answer waits up to `timeout` seconds for one (a long poll).
            let waiting = shared.arrived.notified();
            let pending = {
                let mut inner = lock();
                inner.updates.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
                inner.updates.clone()
            };
            let pending = if pending.is_empty() && !wait.is_zero() {
                let _ = tokio::time::timeout(wait, waiting).await;
                lock().updates.clone()
            } else {
                pending
            };
            axum::Json(json!({ "ok": true, "result": pending })).into_response()
        }
        "sendMessage" => send_message(&mut lock(), &body),
        _ => refuse(404, "Not Found", None),
    }
}

fn send_message(inner: &mut Inner, body: &Value) -> Response {
    let (Some(chat_id), Some(text)) = (body["chat_id"].as_i64(), body["text"].as_str()) else {
        return refuse(400, "Bad Request: chat_id and text are required", None);
    };
    if let Some(status) = inner.failures.pop_front() {
        let extra = (status == 429).then(|| json!({ "retry_after": 120 }));
        return refuse(status, "the fake was told to fail", extra);
    }
    if inner.blocked.contains(&chat_id) {
        return refuse(403, "Forbidden: bot was blocked by the user", None);
    }
    let parse_mode = body["parse_mode"].as_str().unwrap_or("").to_owned();
    if parse_mode == "HTML" && !entities_balanced(text) {
        return refuse(400, "Bad Request: can't parse entities", None);
    }
    if visible_len(text, &parse_mode) > 4096 {
        return refuse(400, "Bad Request: message is too long", None);
    }
    inner.sent.push(Sent { chat_id, text: text.to_owned(), parse_mode });
    let id = i64::try_from(inner.sent.len()).unwrap_or(0);
    axum::Json(json!({ "ok": true, "result": { "message_id": id, "chat": { "id": chat_id, "type": "private" }, "date": 1_700_000_000, "text": text } })).into_response()
}

/// Telegram's HTML mode: only known tags, and every `<`, `>`, `&` of the text escaped.
fn entities_balanced(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find(['<', '&', '>']) {
        let tail = &rest[at..];
        let known = ["<b>", "</b>", "&lt;", "&gt;", "&amp;", "&quot;"].iter().find(|k| tail.starts_with(**k));
        match known {
            Some(k) => rest = &tail[k.len()..],
            None => return false,
        }
    }
    true
}

/// Characters after entities are read (the limit counts these).
fn visible_len(text: &str, parse_mode: &str) -> usize {
    if parse_mode != "HTML" {
        return text.chars().count();
    }
    let plain = text.replace("<b>", "").replace("</b>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    plain.chars().count()
}

//! The Telegram Bot API, as much of it as notices need: `sendMessage`, `getUpdates` (the
//! bot reads what people send it by long polling, so a library behind a firewall needs no
//! public address for it) and `getMe` (the bot's name, for the link on the account page).
//!
//! Requests are HTTPS POSTs with a JSON body to `{api}/bot{token}/{method}`, answered
//! `{"ok": true, "result": …}` or `{"ok": false, "error_code": …, "description": …}`. The
//! token is part of every address, so no address is ever logged or put in an error.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::sync::OnceLock;
use std::time::Duration;

/// A configured bot.
pub struct Telegram {
    client: reqwest::Client,
    /// `{api}/bot{token}`: a secret.
    base: String,
    username: OnceLock<String>,
}

impl std::fmt::Debug for Telegram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Telegram { .. }")
    }
}

/// Why a call did not do what it asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Try again later: the network, Telegram's own trouble (5xx), too many requests (429,
    /// with the seconds it asked to wait), or a token the operator has still to fix.
    Retry { why: String, after: Option<i64> },
    /// Telegram refused this request for good (400, 403): the message is malformed or the
    /// chat is gone (400), the person blocked the bot (403).
    Refused { code: u16, why: String },
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Retry { why, .. } | Failure::Refused { why, .. } => f.write_str(why),
        }
    }
}

#[derive(Deserialize)]
struct Answer<T> {
    ok: bool,
    result: Option<T>,
    error_code: Option<u16>,
    description: Option<String>,
    parameters: Option<Parameters>,
}

#[derive(Deserialize)]
struct Parameters {
    retry_after: Option<i64>,
}

/// One thing that happened to the bot; only messages matter here.
#[derive(Clone, Debug, Deserialize)]
pub struct Update {
    pub update_id: i64,
    pub message: Option<Message>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Message {
    pub chat: Chat,
    pub from: Option<User>,
    pub text: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Chat {
    pub id: i64,
    /// `private`, `group`, `supergroup` or `channel`.
    #[serde(rename = "type")]
    pub kind: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub username: Option<String>,
}

impl Chat {
    /// How the account page names the chat: `Гүлнар Ахметова (@gulnar)`.
    pub fn display_name(&self) -> String {
        let name = [self.first_name.as_deref(), self.last_name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let name: String = name.chars().filter(|c| !c.is_control()).take(100).collect();
        match &self.username {
            Some(u) if name.is_empty() => format!("@{u}"),
            Some(u) => format!("{name} (@{u})"),
            None => name,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct User {
    pub language_code: Option<String>,
}

#[derive(Deserialize)]
struct Me {
    username: Option<String>,
}

/// How long a request may take beyond a long poll's own wait.
const REQUEST_SECS: u64 = 20;

impl Telegram {
    /// The bot with this token, at this API address (`https://api.telegram.org`, or a
    /// local Bot API server, or the tests' fake).
    pub fn new(api: &str, token: &str) -> Result<Telegram, String> {
        let token = token.trim();
        if token.is_empty() || token.chars().any(|c| c.is_whitespace() || c == '/') {
            return Err("the Telegram bot token is malformed".into());
        }
        let api = api.trim().trim_end_matches('/');
        if !(api.starts_with("https://") || api.starts_with("http://")) {
            return Err(format!("the Telegram API address {api:?} is not an http(s) URL"));
        }
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| format!("cannot make an HTTP client: {}", e.without_url()))?;
        Ok(Telegram { client, base: format!("{api}/bot{token}"), username: OnceLock::new() })
    }

    /// From the configuration: None when no token is set.
    pub fn from_config(config: &super::Config) -> Result<Option<Telegram>, String> {
        match &config.telegram_token {
            Some(token) => Telegram::new(&config.telegram_api, token).map(Some),
            None => Ok(None),
        }
    }

    async fn call<T: DeserializeOwned>(&self, method: &str, body: serde_json::Value, wait: Duration) -> Result<T, Failure> {
        let retry = |why: String| Failure::Retry { why, after: None };
        let res = self
            .client
            .post(format!("{}/{method}", self.base))
            .header("content-type", "application/json")
            .body(body.to_string())
            .timeout(wait + Duration::from_secs(REQUEST_SECS))
            .send()
            .await
            .map_err(|e| retry(format!("{method}: {}", e.without_url())))?;
        let status = res.status().as_u16();
        let bytes = res.bytes().await.map_err(|e| retry(format!("{method}: {}", e.without_url())))?;
        let answer: Answer<T> = match serde_json::from_slice(&bytes) {
            Ok(a) => a,
            Err(_) => return Err(retry(format!("{method}: HTTP {status}, not the Bot API's answer"))),
        };
        if answer.ok {
            return answer.result.ok_or_else(|| retry(format!("{method}: an answer without its result")));
        }
        let code = answer.error_code.unwrap_or(status);
        let why = format!("{method}: {code} {}", answer.description.unwrap_or_default());
        Err(match code {
            400 | 403 => Failure::Refused { code, why },
            _ => Failure::Retry { why, after: answer.parameters.and_then(|p| p.retry_after) },
        })
    }

    /// Sends a message in Telegram's HTML mode (see `domain::notice::telegram_text`),
    /// without link previews.
    pub async fn send_message(&self, chat_id: i64, html: &str) -> Result<(), Failure> {
        let body = serde_json::json!({
            "chat_id": chat_id,
            "text": html,
            "parse_mode": "HTML",
            "link_preview_options": { "is_disabled": true },
        });
        self.call::<serde_json::Value>("sendMessage", body, Duration::ZERO).await.map(|_| ())
    }

    /// The updates from `offset` on, waiting up to `wait` for the first (a long poll).
    pub async fn updates(&self, offset: i64, wait: Duration) -> Result<Vec<Update>, Failure> {
        let body = serde_json::json!({ "offset": offset, "timeout": wait.as_secs(), "allowed_updates": ["message"] });
        self.call("getUpdates", body, wait).await
    }

    /// The bot's user name (`BaiqauBot`) once [`Telegram::learn_username`] has learnt it:
    /// no request, so a page never waits on Telegram.
    pub fn username(&self) -> Option<String> {
        self.username.get().cloned()
    }

    /// Asks Telegram for the bot's user name unless it is known (the bot's reader does,
    /// off every request's path), and remembers it.
    pub async fn learn_username(&self) -> Option<String> {
        if let Some(name) = self.username.get() {
            return Some(name.clone());
        }
        match self.call::<Me>("getMe", serde_json::json!({}), Duration::ZERO).await {
            Ok(Me { username: Some(name) }) => Some(self.username.get_or_init(|| name).clone()),
            Ok(Me { username: None }) => None,
            Err(e) => {
                tracing::warn!(error = %e, "cannot ask Telegram for the bot's name");
                None
            }
        }
    }
}

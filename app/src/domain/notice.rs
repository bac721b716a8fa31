//! Notices and the channels they travel by: the rules, with no I/O.
//!
//! A notice (a receipt, a reminder, results, an answer) is queued once per channel it goes
//! to: e-mail always, and Telegram when the account has linked a chat. Another channel (an
//! SMS gateway) is one more [`Channel`], one more transport behind `backend::notify`, and
//! one more way for an account to name where it is reached.

/// Where a notice goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Channel {
    Email,
    Telegram,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Email, Channel::Telegram];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Telegram => "telegram",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Which notices may go beyond e-mail. Account-keeping mail (address confirmation,
/// password reset, a two-step code) proves that the person reads that mailbox and goes
/// there only; what is about a contest goes to every channel the account has linked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    EmailOnly,
    EveryChannel,
}

/// When a failed attempt is tried again: 1, 2, 4 … minutes after the `attempts`-th, at most
/// six hours; or when the channel said (Telegram's `retry_after`), if that is later.
pub fn retry_delay(attempts: i64, asked: Option<i64>) -> i64 {
    let backoff = (60_i64 << (attempts - 1).clamp(0, 9)).min(6 * 3600);
    asked.map_or(backoff, |a| a.clamp(1, 6 * 3600).max(backoff))
}

/// The alphabet of link codes: no 0/O, 1/I/L or U/V pairs to misread from a screen.
const CODE_ALPHABET: &[u8; 29] = b"ABCDEFGHJKMNPQRSTWXYZ23456789";
/// Characters in a link code: 12 of 29, about 58 bits, for a code valid 15 minutes.
pub const CODE_LEN: usize = 12;
/// How long a link code works.
pub const CODE_SECS: i64 = 15 * 60;

/// A link code from random bytes (one per character; the small bias of `% 29` does not
/// matter at 58 bits).
pub fn link_code(bytes: [u8; CODE_LEN]) -> String {
    bytes.iter().map(|b| char::from(CODE_ALPHABET[usize::from(*b) % 29])).collect()
}

/// A code as people read it: `ABCD-EFGH-JKMN`.
pub fn code_for_reading(code: &str) -> String {
    code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

/// A code as typed or pasted: any case, with or without dashes and spaces. None when it
/// cannot be one.
pub fn parse_code(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !matches!(c, '-' | ' ' | '\u{00A0}')).map(|c| c.to_ascii_uppercase()).collect();
    (code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// The link that opens the bot with the code: Telegram sends the bot `/start <code>` when
/// the person presses Start.
pub fn bot_link(bot: &str, code: &str) -> String {
    format!("https://t.me/{bot}?start={code}")
}

/// What a message to the bot asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BotCommand {
    /// Link this chat with the account whose code this is (`/start CODE` from the
    /// account page's link, or the code typed).
    Link(String),
    /// Send nothing more to this chat.
    Stop,
    /// Anything else: how to link.
    Help,
}

/// Reads a message sent to the bot.
pub fn bot_command(text: &str) -> BotCommand {
    let text = text.trim();
    let (word, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    // "/start@SomeBot CODE" in a group; the bot answers private chats only, but reads it alike.
    let word = word.split('@').next().unwrap_or(word);
    match word.to_ascii_lowercase().as_str() {
        "/stop" => BotCommand::Stop,
        "/start" => parse_code(rest).map_or(BotCommand::Help, BotCommand::Link),
        _ => parse_code(text).map_or(BotCommand::Help, BotCommand::Link),
    }
}

/// The most characters one Telegram message may hold is 4,096; the rest of a longer body
/// is cut, with an ellipsis (the e-mail carries it whole).
pub const TELEGRAM_TEXT_MAX: usize = 4000;

/// A notice as a Telegram message in its HTML mode: the subject in bold, then the body,
/// both escaped (a name with `<` in it stays text). Telegram counts the limit after
/// reading the entities, so `&amp;` is one character of it.
pub fn telegram_text(subject: &str, body: &str) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let subject = escape(subject.trim());
    let room = TELEGRAM_TEXT_MAX.saturating_sub(subject.chars().count() + 9);
    let body = body.trim();
    let body = if body.chars().count() > room {
        // Cut before escaping, so no entity is cut in half.
        let kept: String = body.chars().take(room.saturating_sub(40)).collect();
        format!("{}…", kept.trim_end())
    } else {
        body.to_owned()
    };
    format!("<b>{subject}</b>\n\n{}", escape(&body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
        assert_eq!(Channel::parse("sms"), None);
    }

    #[test]
    fn retries_back_off_and_follow_what_telegram_asks() {
        assert_eq!(retry_delay(1, None), 60);
        assert_eq!(retry_delay(2, None), 120);
        assert_eq!(retry_delay(4, None), 480);
        assert_eq!(retry_delay(30, None), 6 * 3600);
        assert_eq!(retry_delay(1, Some(5)), 60, "never sooner than the back-off");
        assert_eq!(retry_delay(1, Some(300)), 300);
        assert_eq!(retry_delay(1, Some(10_000_000)), 6 * 3600);
    }

    #[test]
    fn codes_are_made_read_and_typed_back() {
        let code = link_code([0, 1, 2, 3, 4, 5, 6, 7, 8, 28, 29, 255]);
        assert_eq!(code.len(), CODE_LEN);
        assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
        let shown = code_for_reading(&code);
        assert_eq!(shown.len(), 14);
        assert_eq!(shown.matches('-').count(), 2);
        assert_eq!(parse_code(&shown), Some(code.clone()));
        assert_eq!(parse_code(&shown.to_lowercase()), Some(code.clone()));
        assert_eq!(parse_code(&format!("  {} ", shown.replace('-', " "))), Some(code.clone()));
        assert_eq!(parse_code("ABCD-EFGH-JKM"), None, "too short");
        assert_eq!(parse_code("ABCD-EFGH-JKMO"), None, "O is not in the alphabet");
        assert_eq!(parse_code("АВСD-EFGH-JKMN"), None, "Cyrillic look-alikes are not letters of a code");
    }

    #[test]
    fn messages_to_the_bot() {
        assert_eq!(bot_command("/start ABCDEFGHJKMN"), BotCommand::Link("ABCDEFGHJKMN".into()));
        assert_eq!(bot_command("/start@BaiqauBot abcd-efgh-jkmn"), BotCommand::Link("ABCDEFGHJKMN".into()));
        assert_eq!(bot_command(" abcd efgh jkmn "), BotCommand::Link("ABCDEFGHJKMN".into()));
        assert_eq!(bot_command("/start"), BotCommand::Help);
        assert_eq!(bot_command("/start nonsense"), BotCommand::Help);
        assert_eq!(bot_command("/STOP"), BotCommand::Stop);
        assert_eq!(bot_command("Сәлем!"), BotCommand::Help);
        assert_eq!(bot_command(""), BotCommand::Help);
    }

    #[test]
    fn telegram_text_is_escaped_and_fits() {
        assert_eq!(telegram_text("Receipt <1>", "Dear A&B,\nthanks."), "<b>Receipt &lt;1&gt;</b>\n\nDear A&amp;B,\nthanks.");
        let long = "ә".repeat(10_000);
        let text = telegram_text("S", &long);
        assert!(text.chars().count() <= TELEGRAM_TEXT_MAX, "{}", text.chars().count());
        assert!(text.ends_with('…'));
        let amps = "&".repeat(5_000);
        let text = telegram_text("S", &amps);
        assert!(text.ends_with("&amp;…"), "an entity is never cut: {}", &text[text.len() - 20..]);
    }
}

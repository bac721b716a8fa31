//! What the server sends the browser: the view models of accounts.

use crate::domain::ids::AccountId;
use crate::domain::Role;
use serde::{Deserialize, Serialize};

/// The signed-in person, as pages see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub display_name: String,
    pub email: String,
    pub role: Role,
    /// The address is proven by a link mailed to it.
    pub email_confirmed: bool,
    /// An organisation's admin or on a contest's staff: the admin pages open.
    pub staff: bool,
}

/// Telegram as the account page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TelegramStatus {
    /// The bot's user name, for a `t.me` link (None while Telegram cannot be asked).
    pub bot: Option<String>,
    /// The linked chat's name and since when.
    pub linked: Option<(String, i64)>,
    /// A code at work: as read (`ABCD-EFGH-JKMN`), as sent in a link, and until when.
    pub code: Option<(String, String, i64)>,
    /// The bot's link with the code (`https://t.me/<bot>?start=<code>`) as a QR code (SVG),
    /// for a computer's screen and the phone that has Telegram.
    pub qr_svg: Option<String>,
}

/// Two-step login as the account page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoStepStatus {
    pub on: bool,
    /// Recovery codes not used yet.
    pub codes_left: i64,
    /// This installation requires it of the account's role.
    pub required: bool,
}

/// A set-up under way: the key (grouped by four), the same as a QR code (SVG), and the
/// recovery codes shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoStepSetup {
    pub secret: String,
    pub qr_svg: String,
    pub recovery_codes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub session_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub user_agent: String,
    pub current: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInfo {
    pub account_id: AccountId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: i64,
    pub is_me: bool,
    pub two_step: bool,
    /// Deleted by its owner (shown, nothing to change).
    pub deleted: bool,
}

/// What the account page says of the caller's data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyInfo {
    /// Years participants' data is kept after a contest is archived; None: without a limit.
    pub retention_years: Option<u16>,
    /// Admins and judges cannot delete their own account.
    pub staff: bool,
}

/// Something the signed-in person can do next (the account page, where logging in lands).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// A draft its contest still accepts: finish and send it.
    Finish { entry: String, title: String, contest: crate::domain::contest::LocalText, deadline: Option<super::contests::Moment> },
    /// Works assigned to this judge and not submitted yet in a contest; the first of them.
    Score { contest: crate::domain::contest::LocalText, left: u32, first: String },
    /// A contest whose results are due and not published (admins).
    Publish { contest_id: String, contest: crate::domain::contest::LocalText },
    /// A contest being judged (admins): its results are due then.
    /// `see_results`: the reader may open the results under review (`domain::access`).
    Judging { contest_id: String, contest: crate::domain::contest::LocalText, results: Option<super::contests::Moment>, see_results: bool },
    /// A contest still being prepared (admins).
    Prepare { contest_id: String, contest: crate::domain::contest::LocalText },
    /// The documents of a work's published result, ready to download: (kind, code) each.
    Documents { title: String, contest: crate::domain::contest::LocalText, documents: Vec<(String, String)> },
    /// Contests taking entries now, for an entrant with no draft to finish.
    Enter { open: u32 },
}

/// What waits for the signed-in person, most pressing first, and the server's clock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Steps {
    pub steps: Vec<Step>,
    pub now: i64,
}

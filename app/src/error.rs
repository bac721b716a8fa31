//! The one error type server functions return over the wire.
//!
//! It carries translatable [`Msg`] keys, never text, so the browser shows every error in the
//! reader's language; `Internal` carries nothing at all (the server logs the cause).

use crate::domain::{DisplayNameError, EmailError, PasswordError};
use crate::i18n::{Lang, Msg, Plural, fill};
use serde::{Deserialize, Serialize};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// A form field that an error belongs to (the `name` of its input).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Email,
    DisplayName,
    Password,
    CurrentPassword,
    NewPassword,
    Role,
    Title,
    Description,
    Rules,
    Level,
    Organiser,
    Contacts,
    TimeZone,
    Open,
    Close,
    JudgingEnd,
    Results,
    AgeCutoff,
    Name,
    Kinds,
    MaxFileMb,
    MaxFiles,
    MaxEntries,
    MinAge,
    MaxAge,
    MaxPoints,
    Weight,
    Aggregation,
    TieBreak,
    GrandPrix,
    FirstPlaces,
    SecondPlaces,
    ThirdPlaces,
    Mentions,
    MinScore,
    NewClose,
    FullName,
    BirthDate,
    School,
    City,
    Supervisor,
    Participant,
    Nomination,
    Reason,
    File,
    Organisation,
    Mode,
    K,
    Code,
    Disagreement,
    Comment,
    Points,
    Award,
    NameDisplay,
    SupervisorEmail,
    MainColour,
    Slug,
    AccentColour,
    /// A box that says the person understands what a step that cannot be undone does.
    Understood,
    /// One criterion's points on a judge's sheet (by the criterion's id).
    Criterion(i64),
    /// A choice question's options, and a number question's range.
    Options,
    Min,
    Max,
    /// The answer to one of the contest's own questions (by the question's id).
    Question(i64),
    /// The judge an appeal is given to, and the reply that decides it.
    Judge,
    Reply,
    AppealDays,
    /// A round's advancement rule.
    Advancement,
    /// The verdict on a pair of near-duplicate works.
    Verdict,
    Gallery,
    GalleryOpensAt,
    Publication,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub msg: Msg,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("unauthorized")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    /// Forbidden until the account does something first (what, is the message).
    #[error("denied: {0:?}")]
    Denied(Msg),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// A request that is well-formed but refused by a rule, with what to do next.
    #[error("refused: {0:?}")]
    Refused(Msg),
    #[error("conflict: {0:?}")]
    Conflict(Msg),
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: i64 },
    /// The request could not be decoded (missing or malformed arguments).
    #[error("bad request")]
    BadRequest,
    /// The browser could not reach the server (only ever made on the client).
    #[error("network")]
    Network,
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn field(field: Field, msg: Msg) -> AppError {
        AppError::Validation(vec![FieldError { field, msg }])
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::Denied(_) => 403,
            AppError::Validation(_) => 422,
            AppError::Refused(_) | AppError::BadRequest => 400,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests { .. } => 429,
            AppError::Network => 503,
            AppError::Internal => 500,
        }
    }

    /// The message shown above a form (field errors are shown beside their fields too).
    pub fn message(&self, lang: Lang) -> String {
        let msg = match self {
            AppError::NotFound => Msg::ErrNotFound,
            AppError::Unauthorized => Msg::ErrUnauthorized,
            AppError::Forbidden => Msg::ErrForbidden,
            AppError::Validation(_) => Msg::FormHasErrors,
            AppError::Refused(m) | AppError::Conflict(m) | AppError::Denied(m) => *m,
            AppError::TooManyRequests { retry_after_secs } => {
                let minutes = ((*retry_after_secs).max(1) as u64).div_ceil(60);
                let wait = Plural::Minutes.format(lang, minutes);
                return fill(Msg::ErrTooManyAttempts.text(lang), &[("wait", &wait)]);
            }
            AppError::BadRequest => Msg::ErrBadRequest,
            AppError::Network => Msg::ErrNetwork,
            AppError::Internal => Msg::ErrInternal,
        };
        msg.text(lang).to_owned()
    }

    pub fn field_msg(&self, field: Field) -> Option<Msg> {
        match self {
            AppError::Validation(errors) => errors.iter().find(|e| e.field == field).map(|e| e.msg),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            ServerFnErrorErr::Request(_) => AppError::Network,
            _ => AppError::Internal,
        }
    }
}

impl From<EmailError> for Msg {
    fn from(e: EmailError) -> Msg {
        match e {
            EmailError::Empty => Msg::ErrEmailEmpty,
            EmailError::TooLong => Msg::ErrEmailTooLong,
            EmailError::Invalid => Msg::ErrEmailInvalid,
            EmailError::LookAlike => Msg::ErrEmailLookAlike,
        }
    }
}

impl From<PasswordError> for Msg {
    fn from(e: PasswordError) -> Msg {
        match e {
            PasswordError::TooShort => Msg::ErrPasswordTooShort,
            PasswordError::TooLong => Msg::ErrPasswordTooLong,
            PasswordError::TooCommon => Msg::ErrPasswordTooCommon,
        }
    }
}

impl From<DisplayNameError> for Msg {
    fn from(e: DisplayNameError) -> Msg {
        match e {
            DisplayNameError::Empty => Msg::ErrNameEmpty,
            DisplayNameError::TooLong => Msg::ErrNameTooLong,
            DisplayNameError::Invalid => Msg::ErrNameInvalid,
            DisplayNameError::Reserved => Msg::ErrNameReserved,
        }
    }
}

/// Collects field errors while parsing a form, so every wrong field is reported at once.
#[derive(Default)]
pub struct Checker(Vec<FieldError>);

impl Checker {
    pub fn check<T, E: Into<Msg>>(&mut self, field: Field, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(FieldError { field, msg: e.into() });
                None
            }
        }
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() { Ok(()) } else { Err(AppError::Validation(self.0)) }
    }
}

/// Logs the cause with the place in the code that met it, and returns the error that tells
/// the client nothing.
#[cfg(feature = "ssr")]
#[track_caller]
pub fn internal(cause: impl std::fmt::Display) -> AppError {
    let at = std::panic::Location::caller();
    tracing::error!(error = %cause, at = %at, "internal error");
    AppError::Internal
}

/// `result.or_internal()?`: an unexpected failure (the database, the disk) becomes
/// [`AppError::Internal`], logged with the caller's file and line.
#[cfg(feature = "ssr")]
pub trait OrInternal<T> {
    fn or_internal(self) -> Result<T, AppError>;
}

#[cfg(feature = "ssr")]
impl<T, E: std::fmt::Display> OrInternal<T> for Result<T, E> {
    #[track_caller]
    fn or_internal(self) -> Result<T, AppError> {
        match self {
            Ok(v) => Ok(v),
            Err(e) => Err(internal(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_requests_message_rounds_up_to_minutes() {
        let e = AppError::TooManyRequests { retry_after_secs: 61 };
        assert_eq!(e.message(Lang::Ru), "Слишком много попыток. Повторите через 2 минуты.");
        assert_eq!(e.message(Lang::En), "Too many attempts. Try again in 2 minutes.");
    }

    #[test]
    fn errors_round_trip_as_json() {
        let e = AppError::field(Field::Email, Msg::ErrEmailInvalid);
        let back = AppError::de(e.ser());
        assert_eq!(back, e);
    }
}

//! Server functions: the only door from the browser to the server's state.
//!
//! Each is `POST /api/<endpoint>` (none answers GET) and thin: authorise → parse → decide
//! (domain) → store → log. Every error is an [`AppError`](crate::error::AppError), answered
//! with its HTTP status to scripts, and as a redirect back to the form (with the error in the
//! URL) to browsers without JavaScript.
//!
//! Server functions callable without a session are listed in [`PUBLIC_ENDPOINTS`];
//! the tests call every other one anonymously and expect 401 or 403.

pub mod accounts;
pub mod appeals;
pub mod audience;
pub mod calibration;
pub mod contest_editor;
pub mod contests;
#[cfg(feature = "ssr")]
pub mod ctx;
pub mod entries;
pub mod identity;
pub mod judging;
pub mod gallery;
pub mod likeness;
pub mod questions;
pub mod results;
pub mod rounds;
pub mod staff;
pub mod strict;
pub mod telegram;
pub mod two_step;

/// Paths of the server functions that anyone may call.
pub const PUBLIC_ENDPOINTS: &[&str] = &[
    "/api/me",
    "/api/register",
    "/api/login",
    "/api/logout",
    "/api/request_password_reset",
    "/api/reset_password",
    "/api/confirm_email",
    "/api/login_code",
    "/api/list_contests",
    "/api/get_contest",
    "/api/judge_invitation",
    "/api/accept_invitation",
    "/api/get_results",
    "/api/verify_document",
    "/api/get_gallery",
    "/api/get_gallery_work",
    "/api/request_vote",
    "/api/get_ballot",
    "/api/confirm_vote",
];

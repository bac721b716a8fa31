//! The service layer (SSR only): one plain async function per use case. Server functions
//! (`api`), the binary's routes and the background jobs call these; these call the store
//! (`backend::db`) and the rules (`domain`). A service knows nothing of the request: the
//! caller, when it matters, comes in as an argument.

pub mod access;
pub mod accounts;
pub mod appeals;
pub mod audience;
pub mod audit;
pub mod calibration;
pub mod check;
pub mod contests;
pub mod demo;
pub mod entries;
pub mod identity;
pub mod judging;
pub mod gallery;
pub mod likeness;
pub mod privacy;
pub mod questions;
pub mod reminders;
pub mod results;
pub mod rounds;
pub mod steps;
pub mod telegram;
pub mod transfer;
pub mod two_step;

pub use crate::error::{OrInternal, internal};

use crate::error::AppError;

/// An id as a form or a URL sent it (`42`, spaces around allowed): anything else is a bad
/// request. Typed: the caller says which table's id it expects.
pub fn parse_id<T: std::str::FromStr>(s: &str) -> Result<T, AppError> {
    s.trim().parse().map_err(|_| AppError::BadRequest)
}

/// `text` as a QR code, an SVG element to put inside a page (no XML declaration).
pub fn qr_svg(text: &str) -> Result<String, AppError> {
    let qr = qrcode::QrCode::new(text.as_bytes()).or_internal()?;
    let svg = qr.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build();
    Ok(svg.find("<svg").map_or_else(String::new, |at| svg[at..].to_owned()))
}

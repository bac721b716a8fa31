//! Pure domain rules: no I/O, no framework, no clock. Callers pass `now` in.
//!
//! Every value that crosses a trust boundary is parsed here into a type that can only
//! hold a valid value (`Email`, `Password`, `DisplayName`, `Role`).

pub mod account;
pub mod contest;
pub mod date;
pub mod email;
pub mod entry;
pub mod file;
pub mod judging;
pub mod password;
pub mod results;
pub mod session;
pub mod throttle;
pub mod time;

pub use account::{DisplayName, DisplayNameError, Role};
pub use email::{Email, EmailError};
pub use password::{Password, PasswordError};

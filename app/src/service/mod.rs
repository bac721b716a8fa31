//! The service layer (SSR only): one plain async function per use case. Server functions
//! (`api`), the binary's routes and the background jobs call these; these call the store
//! (`backend::db`) and the rules (`domain`). A service knows nothing of the request: the
//! caller, when it matters, comes in as an argument.

pub mod contests;
pub mod demo;
pub mod entries;
pub mod judging;
pub mod results;

pub use crate::error::{OrInternal, internal};

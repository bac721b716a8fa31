//! View models: what the server sends the browser and the pages show, compiled on both
//! sides. Plain data (serde) and the words for domain values; no queries, no rules.

pub mod accounts;
pub mod appeals;
pub mod audience;
pub mod audit;
pub mod contests;
pub mod entries;
pub mod identity;
pub mod judging;
pub mod gallery;
pub mod likeness;
pub mod questions;
pub mod results;
pub mod rounds;
pub mod staff;

//! Integration tests: the real router in-process, a fresh SQLite file per test.

// Helpers panic on purpose: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod addresses;
mod admin;
mod appeals;
mod audience;
mod audit;
mod blind_copies;
mod calibration;
mod check;
mod confirmation;
mod contests;
mod deploy;
mod gallery;
mod identity;
mod judging;
mod likeness;
mod mail;
mod metrics;
mod objects;
mod pages;
mod privacy;
mod questions;
mod results;
mod rounds;
mod schema;
mod security;
mod staff;
mod steps;
mod store;
mod structure;
mod submissions;
mod telegram;
mod transfer;
mod two_step;
mod uploads;

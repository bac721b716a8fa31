//! Browser tests: the real `baiqau` binary (built by `cargo leptos build`) serving the real
//! WASM, driven through chromedriver in headless Chromium, hydrated and with JavaScript off.
//!
//! Run by `scripts/test` (README), which builds the site first. `instances` starts several
//! of the same binaries on one PostgreSQL; `scaleout` two behind the deployment guide's nginx
//! on PostgreSQL and Garage.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod appeals;
mod audience;
mod budget;
mod calibration;
mod contests;
mod entries;
mod gallery;
mod harness;
mod identity;
mod instances;
mod judging;
mod likeness;
mod phone;
mod questions;
mod results;
mod rounds;
mod scaleout;
mod slowlink;
mod staff;
mod telegram;
mod tour;

use harness::{Browser, Server};

pub(crate) const PW: &str = "a long passphrase";

pub(crate) async fn log_in(server: &Server, b: &Browser, email: &str, password: &str) {
    b.goto(&server.url("/login")).await;
    b.wait_hydrated().await;
    b.fill("#email", email).await;
    b.fill("#password", password).await;
    b.click("button[type=submit].primary").await;
    b.wait_path("/account").await;
}

/// Logs in through the plain form, with or without JavaScript (nothing waits for hydration).
pub(crate) async fn log_in_plain(server: &Server, b: &Browser, email: &str, password: &str) {
    b.goto(&server.url("/login")).await;
    b.fill("#email", email).await;
    b.fill("#password", password).await;
    b.click("button[type=submit].primary").await;
    b.wait_path("/account").await;
}

pub(crate) fn password_of<'a>(accounts: &'a [(String, String)], email: &str) -> &'a str {
    accounts.iter().find(|(e, _)| e == email).map(|(_, p)| p.as_str()).expect("demo account")
}

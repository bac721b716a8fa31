//! Integration tests: the real router in-process, a fresh SQLite file per test.

mod accounts;
mod admin;
mod contests;
mod mail;
mod pages;
mod security;
mod submissions;

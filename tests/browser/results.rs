//! Public results with winners and a chart, a diploma downloaded; and a crawl of every page
//! of every role that fails on any page error.

use crate::harness::{Browser, Server};
use crate::*;

/// The path of the demo's results page, once the server's job has published it (until then
/// it answers 404, which the browser logs: allowed from here on).
pub(crate) async fn published_results(server: &Server, b: &Browser) -> String {
    b.allow_error("/results - Failed to load resource: the server responded with a status of 404");
    let mut results = String::new();
    for _ in 0..40 {
        b.goto(&server.url("/")).await;
        let href = b.script_value("const a = document.querySelector('a#results-link'); return a ? a.getAttribute('href') : null").await;
        if let Some(h) = href.as_str() {
            results = h.to_owned();
            break;
        }
        let contest = b.script_value("const c = [...document.querySelectorAll('.card')].find(c => c.querySelector('.phase-results')); return c ? c.querySelector('h2 a').getAttribute('href') : null").await;
        if let Some(c) = contest.as_str() {
            b.goto(&server.url(c)).await;
            if let Some(h) = b.script_value("const a = document.querySelector('a#results-link'); return a ? a.getAttribute('href') : null").await.as_str() {
                let page = server.url(h);
                b.goto(&page).await;
                if b.script_value("return document.querySelectorAll('.winner').length").await.as_i64().unwrap_or(0) > 0 {
                    results = h.to_owned();
                    break;
                }
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert!(!results.is_empty(), "results were not published");
    results
}

#[tokio::test]
async fn public_results_show_winners_and_a_chart_and_an_entrant_downloads_a_diploma() {
    let server = Server::start().await;
    let accounts = server.demo();
    // The demo's past contest is published by the server's job (at most 15 s after loading).
    let b = Browser::open(true, "kk").await;
    b.resize(360, 900).await;
    let results = published_results(&server, &b).await;
    b.goto(&server.url(&results)).await;
    b.wait_hydrated().await;
    assert_eq!(b.wait_text("h1").await, "Нәтижелер");
    assert!(b.wait_text(".winner .award").await.contains("диплом") || b.wait_text(".winner .award").await.contains("Гран"));
    b.wait_present(".results-group svg.distribution rect").await;
    let overflow = b.script_value("return document.documentElement.scrollWidth - window.innerWidth").await;
    assert!(overflow.as_i64().is_some_and(|px| px <= 0), "results scroll sideways by {overflow}");
    b.screenshot("results-kk-360.png").await;

    // The demo parent finds the diploma on their entry and downloads it.
    log_in(&server, &b, "parent@demo.baiqau.kz", password_of(&accounts, "parent@demo.baiqau.kz")).await;
    b.goto(&server.url("/me/entries")).await;
    let entry = b.script_value("return [...document.querySelectorAll('.work-card')].find(c => c.querySelector('.receipt')).querySelector('a.entry-link').getAttribute('href')").await;
    // The card of a work with a diploma says its place and offers the PDF.
    b.wait_present(".work-result .work-next a[href^='/documents/']").await;
    assert!(b.wait_text(".work-result .work-state").await.contains("-орын · "));
    b.screenshot("my-entries-results-kk-360.png").await;
    let mut found = false;
    let links = b.script_value("return [...document.querySelectorAll('.work-card a.entry-link')].map(a => a.getAttribute('href'))").await;
    for href in links.as_array().unwrap().iter().filter_map(|v| v.as_str()) {
        b.goto(&server.url(href)).await;
        if b.script_value("return document.querySelector('.entry-result .documents a') !== null").await.as_bool() == Some(true) {
            found = true;
            break;
        }
    }
    assert!(found, "no entry with documents (first entry {entry})");
    b.wait_hydrated().await;
    b.screenshot("entry-result-kk-360.png").await;
    let pdf = b
        .script_async(
            "const done = arguments[0];
             fetch(document.querySelector('.entry-result .documents a').href).then(async r => done([r.status, r.headers.get('content-type'), new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5))]));",
        )
        .await;
    assert_eq!(pdf, serde_json::json!([200, "application/pdf", "%PDF-"]));
    b.close().await;
}

/// `/contests/Xk3…/results` → `/contests/:/results`: pages of one kind, whatever their ids.
fn route_shape(path: &str) -> String {
    path.split('/')
        .map(|s| if s.chars().any(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) || s.len() >= 10 { ":" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// Visits every page reachable by links from `start`, up to two of each kind, and fails on
/// any page error, console error or failed request (the harness checks the log at every
/// step) and, with JavaScript on, on any page that does not hydrate. Returns the paths seen.
async fn crawl(server: &Server, b: &Browser, start: &[&str], js: bool) -> Vec<String> {
    // Files, exports and documents are downloads, not pages; logging out would end the tour.
    let skip = ["/files/", "/documents/", "/export/", "/posters/", "/results-thumbs/", ".csv", ".xlsx", ".zip", ".pdf", "/logout"];
    let mut queue: std::collections::VecDeque<String> = start.iter().map(|s| (*s).to_owned()).collect();
    let mut seen = std::collections::HashSet::new();
    let mut shapes: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut visited = Vec::new();
    while let Some(path) = queue.pop_front() {
        let bare = path.split('#').next().unwrap_or("").to_owned();
        if bare.is_empty() || !seen.insert(bare.clone()) || skip.iter().any(|s| bare.contains(s)) {
            continue;
        }
        let shape = route_shape(bare.split('?').next().unwrap_or(""));
        let n = shapes.entry(shape).or_default();
        if *n >= 2 {
            continue;
        }
        *n += 1;
        b.goto(&server.url(&bare)).await;
        if js {
            b.wait_hydrated().await;
        } else {
            b.wait_present("main").await;
        }
        visited.push(bare);
        let links = b.script_value("return [...document.querySelectorAll('a[href^=\"/\"]')].map(a => a.getAttribute('href'))").await;
        for l in links.as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
            queue.push_back(l.to_owned());
        }
    }
    b.check_log().await;
    visited
}

#[tokio::test]
async fn every_page_of_every_role_loads_and_hydrates_without_an_error() {
    let server = Server::start().await;
    let accounts = server.demo();
    let anonymous = ["/", "/login", "/register", "/password/forgot", "/verify", "/judge/join?token=nope", "/password/reset?token=nope"];
    for js in [true, false] {
        let b = Browser::open(js, "ru").await;
        // A made-up invitation is refused with its status (400), the page saying why.
        b.allow_error("/judge/join?token=nope - Failed to load resource: the server responded with a status of 400");
        // Pages behind a login ("Submit a work") answer 401 and ask the visitor to log in.
        b.allow_error("/submit - Failed to load resource: the server responded with a status of 401");
        let seen = crawl(&server, &b, &anonymous, js).await;
        assert!(seen.iter().any(|p| p.starts_with("/contests/")), "contest pages reached: {seen:?}");
        b.close().await;
    }
    for (email, start, must) in [
        ("parent@demo.baiqau.kz", &["/me/entries", "/me/participants", "/me/participants/new", "/account"][..], "/entries/"),
        ("judge@demo.baiqau.kz", &["/judge", "/account"][..], "/judge/"),
        ("admin@demo.baiqau.kz", &["/admin/contests", "/admin/accounts", "/account"][..], "/admin/entries/"),
    ] {
        let b = Browser::open(true, "kk").await;
        b.resize(360, 800).await;
        log_in(&server, &b, email, password_of(&accounts, email)).await;
        let seen = crawl(&server, &b, start, true).await;
        assert!(seen.iter().any(|p| p.starts_with(must) && p.len() > must.len()), "{email} reached no {must}…: {seen:?}");
        if email.starts_with("parent") {
            // A page they may not see: 403 for the browser too, the reason on the page.
            b.allow_error("/admin/accounts - Failed to load resource: the server responded with a status of 403");
            b.goto(&server.url("/admin/accounts")).await;
            b.wait_hydrated().await;
            assert_eq!(b.wait_text("main .form-error").await, "Бұл әрекетке рұқсатыңыз жоқ.");
        }
        b.close().await;
    }
    // A page that does not exist answers 404 (the browser logs it) and still hydrates.
    let b = Browser::open(true, "en").await;
    b.allow_error("404 (Not Found)");
    b.goto(&server.url("/no/such/page")).await;
    b.wait_hydrated().await;
    assert_eq!(b.wait_text("h1").await, "Page not found");
    b.close().await;
}

//! Every page, as each role meets it, in Kazakh, Russian and English at 360 and 1280 px:
//! axe-core (from npm) finds no violation, the page has its title once it is interactive,
//! nothing scrolls sideways, no message is left with a `{placeholder}` in it; a screenshot
//! of each is kept in target/screenshots/tour.

use crate::harness::{Browser, Server, workspace};
use crate::*;
use serde_json::Value;

/// The paths each role visits, read from the demo data: (who logs in, [(name, path)]).
async fn pages(server: &Server) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let db = server.database().await;
    let contest = async |title: &str| -> String {
        sqlx::query_scalar("SELECT public_id FROM contest WHERE title_en = ? OR title_kk = ?").bind(title).bind(title).fetch_one(&db).await.unwrap()
    };
    let open = contest("In the world of fairy tales and magic").await;
    let judged = contest("Уа, Қабанбай, көзелім").await;
    let done = contest("Great figures of the Great Steppe").await;
    let entry: String = sqlx::query_scalar("SELECT e.public_id FROM entry e JOIN contest c ON c.contest_id = e.contest_id WHERE c.public_id = ? ORDER BY e.entry_id LIMIT 1")
        .bind(&judged)
        .fetch_one(&db)
        .await
        .unwrap();
    let participant: String = sqlx::query_scalar("SELECT public_id FROM participant ORDER BY participant_id LIMIT 1").fetch_one(&db).await.unwrap();
    let work: (String,) = sqlx::query_as(
        "SELECT e.code FROM entry e JOIN assignment a ON a.entry_id = e.entry_id JOIN contest c ON c.contest_id = e.contest_id WHERE c.public_id = ? ORDER BY e.entry_id LIMIT 1",
    )
    .bind(&judged)
    .fetch_one(&db)
    .await
    .unwrap();
    // The publisher runs every 15 s: the finished contest's diplomas come within a minute.
    let mut code: Option<String> = None;
    for _ in 0..120 {
        code = sqlx::query_scalar("SELECT code FROM document ORDER BY code LIMIT 1").fetch_optional(&db).await.unwrap();
        if code.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    let code = code.expect("a diploma made by the publisher");
    // A work of the finished contest's gallery, where the demo's audience vote is open.
    let shown: i64 = sqlx::query_scalar("SELECT e.receipt_no FROM entry e JOIN contest c ON c.contest_id = e.contest_id WHERE c.public_id = ? AND e.gallery_consent_at IS NOT NULL ORDER BY e.receipt_no LIMIT 1")
        .bind(&done)
        .fetch_one(&db)
        .await
        .unwrap();
    vec![
        (
            "",
            vec![
                ("home", "/".to_owned()),
                ("contest", format!("/contests/{open}")),
                ("results", format!("/contests/{done}/results")),
                ("gallery", format!("/contests/{done}/gallery")),
                ("gallery-work", format!("/contests/{done}/gallery/{shown}")),
                ("vote", "/vote?token=unknown".to_owned()),
                ("verify", "/verify".to_owned()),
                ("verified", format!("/verify/{code}")),
                ("login", "/login".to_owned()),
                ("register", "/register".to_owned()),
                ("forgot", "/password/forgot".to_owned()),
                ("reset", "/password/reset?token=unknown".to_owned()),
                ("confirm", "/email/confirm?token=unknown".to_owned()),
                ("join", "/judge/join?token=unknown".to_owned()),
            ],
        ),
        (
            "parent@demo.baiqau.kz",
            vec![
                ("account", "/account".to_owned()),
                ("entries", "/me/entries".to_owned()),
                ("participants", "/me/participants".to_owned()),
                ("participant-new", "/me/participants/new".to_owned()),
                ("participant", format!("/me/participants/{participant}")),
                ("submit", format!("/contests/{open}/submit")),
                ("entry", format!("/entries/{entry}")),
                ("two-step", "/account/two-step".to_owned()),
            ],
        ),
        ("judge@demo.baiqau.kz", vec![("queue", "/judge".to_owned()), ("scoring", format!("/judge/{judged}/{}", work.0))]),
        (
            "admin@demo.baiqau.kz",
            vec![
                ("admin-contests", "/admin/contests".to_owned()),
                ("editor", format!("/admin/contests/{open}")),
                ("admin-entries", format!("/admin/contests/{judged}/entries")),
                ("admin-entry", format!("/admin/entries/{entry}")),
                ("judging", format!("/admin/contests/{judged}/judging")),
                ("duplicates", format!("/admin/contests/{judged}/duplicates")),
                ("review", format!("/admin/contests/{done}/results")),
                ("audience", format!("/admin/contests/{done}/audience")),
                ("accounts", "/admin/accounts".to_owned()),
                ("audit", "/admin/audit".to_owned()),
                ("identity", "/admin/identity".to_owned()),
                ("organisations", "/admin/organisations".to_owned()),
            ],
        ),
    ]
}

/// What a page fails of the checks, in words (empty: it passes).
pub(crate) async fn check(b: &Browser, axe: &str) -> Vec<String> {
    let mut faults = Vec::new();
    let title = b.script_value("return document.title.trim()").await;
    if title.as_str().is_none_or(str::is_empty) {
        let head = b.script_value("return [...document.querySelectorAll('title')].map((t) => t.parentElement.tagName + ':' + t.outerHTML)").await;
        faults.push(format!("no title (title elements: {head})"));
    }
    let overflow = b.script_value("return document.documentElement.scrollWidth - window.innerWidth").await;
    if overflow.as_i64().is_none_or(|px| px > 0) {
        faults.push(format!("scrolls sideways by {overflow} px"));
    }
    let holes = b.script_value("return document.body.innerText.match(/\\{[a-z_]+\\}/g)").await;
    if !holes.is_null() {
        faults.push(format!("unfilled placeholders {holes}"));
    }
    // axe-core, put into the page by WebDriver (which the page's CSP does not govern).
    b.script(axe).await;
    let found = b
        .script_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document, { resultTypes: ['violations'] })\
               .then((r) => done(r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)))\
               .catch((e) => done([`axe failed: ${e}`]));",
        )
        .await;
    faults.extend(found.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned));
    faults
}

#[tokio::test]
async fn every_page_in_three_languages_passes_axe_fits_a_phone_and_keeps_its_title() {
    let server = Server::start().await;
    let accounts = server.demo();
    let axe_file = std::env::var("BAIQAU_AXE").expect("BAIQAU_AXE (scripts/env) names axe-core's file");
    let axe = std::fs::read_to_string(&axe_file).unwrap_or_else(|e| panic!("{axe_file}: {e} (scripts/setup --browser installs axe-core)"));
    let tour = pages(&server).await;
    std::fs::create_dir_all(workspace().join("target/screenshots/tour")).unwrap();
    let mut faults: Vec<String> = Vec::new();
    let mut visits = 0;
    for lang in ["kk", "ru", "en"] {
        for (who, paths) in &tour {
            let b = Browser::open(true, lang).await;
            // An unknown invitation token is a bad request (400), and says so in words.
            b.allow_error("join?token=unknown - Failed to load resource: the server responded with a status of 400");
            // A voting link that is unknown, used or expired is gone (410), and says why.
            b.allow_error("vote?token=unknown - Failed to load resource: the server responded with a status of 410");
            if !who.is_empty() {
                log_in(&server, &b, who, password_of(&accounts, who)).await;
            }
            for width in [360, 1280] {
                b.resize(width, 900).await;
                for (name, path) in paths {
                    b.goto(&server.url(path)).await;
                    b.wait_hydrated().await;
                    assert_eq!(b.html_lang().await, lang, "{path}");
                    for fault in check(&b, &axe).await {
                        faults.push(format!("{path} ({lang}, {width} px): {fault}"));
                    }
                    b.screenshot(&format!("tour/{name}-{lang}-{width}.png")).await;
                    visits += 1;
                }
            }
            b.close().await;
        }
    }
    let pages: usize = tour.iter().map(|(_, p)| p.len()).sum();
    println!("tour: {pages} pages × 3 languages × 2 widths = {visits} visits, {} faults", faults.len());
    assert!(faults.is_empty(), "{} faults:\n{}", faults.len(), faults.join("\n"));
}

//! The audience award in the browser, against the release binary. The admin (JavaScript
//! off, Russian) opens a vote on the demo contest's gallery through the plain form; a
//! visitor on a 360 px phone in Kazakh asks to vote for a work, opens the emailed link and
//! confirms; another, without JavaScript in English, does the same. Both votes are counted
//! once, no page has an error, and the organisers' page lists them.

use crate::harness::{Browser, Server};
use crate::*;
use serde_json::json;

/// One voter's whole path: the work's form, the mailed link, the confirmation.
async fn vote(server: &Server, b: &Browser, work: &str, email: &str) {
    b.goto(&server.url(work)).await;
    b.fill("#vote-email", email).await;
    b.click("#vote-form button[type=submit]").await;
    b.wait_url_contains("vote=sent").await;
    b.wait_present("#vote-notice").await;
    let link = server.mail_link(email, "/vote?token=").await;
    b.goto(&server.url(&link)).await;
    b.wait_present("#ballot-form").await;
    b.click("#ballot-form button[type=submit]").await;
    b.wait_url_contains("vote=counted").await;
    b.wait_present("#vote-notice").await;
}

#[tokio::test]
async fn a_visitor_votes_through_the_emailed_link_on_a_phone_and_without_javascript() {
    let server = Server::start().await;
    let accounts = server.demo();
    let db = server.database().await;
    let (contest, entry_id, no, title): (String, i64, i64, String) = sqlx::query_as(
        "SELECT c.public_id, e.entry_id, e.receipt_no, e.title FROM entry e JOIN contest c ON c.contest_id = e.contest_id JOIN entry_file f ON f.entry_id = e.entry_id
         JOIN blob b ON b.sha256 = f.sha256 WHERE b.kind = 'image' AND e.state = 'submitted' ORDER BY e.entry_id LIMIT 1",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    // The gallery is open and the work consented (the gallery's own test drives those forms).
    let seed = server.database_for_seeding().await;
    sqlx::query("UPDATE contest SET gallery = 'date', gallery_opens_at = 1767225600, revision = revision + 1 WHERE public_id = $1").bind(&contest).execute(&seed).await.unwrap();
    sqlx::query("UPDATE entry SET gallery_consent_version = '2026-12-gallery', gallery_consent_at = 1767225600, gallery_consent_by = account_id WHERE entry_id = $1").bind(entry_id).execute(&seed).await.unwrap();

    // The admin opens the vote through the plain form (no JavaScript, Russian).
    let admin = Browser::open(false, "ru").await;
    log_in_plain(&server, &admin, "admin@demo.baiqau.kz", password_of(&accounts, "admin@demo.baiqau.kz")).await;
    admin.goto(&server.url(&format!("/admin/contests/{contest}/results"))).await;
    admin.click("#audience-link").await;
    admin.wait_path(&format!("/admin/contests/{contest}/audience")).await;
    admin.script("document.querySelector('#audience-opens').value = '2026-01-01T10:00'; document.querySelector('#audience-closes').value = '2030-01-01T10:00'; document.querySelector('#audience-count').value = 'rounded'").await;
    admin.click("#audience-settings form.stack button[type=submit]").await;
    admin.wait_url_contains("saved=audience-settings").await;
    let window: (i64, String) = sqlx::query_as("SELECT a.closes_at - a.opens_at, a.count_shown FROM audience_award a JOIN contest c USING (contest_id) WHERE c.public_id = $1").bind(&contest).fetch_one(&db).await.unwrap();
    assert_eq!(window.1, "rounded");
    assert!(window.0 > 3 * 365 * 86_400, "{window:?}");

    let address: String = sqlx::query_scalar("SELECT COALESCE(slug, public_id) FROM contest WHERE public_id = $1").bind(&contest).fetch_one(&db).await.unwrap();
    let work = format!("/contests/{address}/gallery/{no}");
    // A visitor on a phone, in Kazakh, with JavaScript.
    let phone = Browser::phone().await;
    phone.goto(&server.url(&format!("/contests/{address}/gallery"))).await;
    assert!(phone.wait_text("#gallery-vote").await.contains("Ұнаған жұмысқа дауыс беріңіз"));
    vote(&server, &phone, &work, "aigerim@mail.kz").await;
    assert_eq!(phone.text_now("#vote-notice").await, "Дауысыңыз есептелді. Оны дауыс беру аяқталғанға дейін өзгертуге болады.");
    assert_eq!(phone.script_value("return document.documentElement.scrollWidth <= innerWidth").await, json!(true), "sideways scroll");
    phone.screenshot("vote-kk-360.png").await;
    phone.check_log().await;
    // Another, without JavaScript, in English.
    let plain = Browser::open(false, "en").await;
    vote(&server, &plain, &work, "dana@inbox.kz").await;
    assert_eq!(plain.text_now("#vote-notice").await, "Your vote is counted. You can change it until voting ends.");
    plain.screenshot("vote-en-nojs.png").await;
    plain.check_log().await;

    let counted: Vec<(String, String)> = sqlx::query_as("SELECT e.title, v.email_domain FROM audience_vote v JOIN entry e USING (entry_id) WHERE v.voided_at IS NULL ORDER BY v.audience_vote_id").fetch_all(&db).await.unwrap();
    assert_eq!(counted, vec![(title.clone(), "mail.kz".to_owned()), (title.clone(), "inbox.kz".to_owned())]);
    admin.goto(&server.url(&format!("/admin/contests/{contest}/audience"))).await;
    assert_eq!(admin.wait_text("#audience-total").await, "Учтено голосов: 2");
    admin.screenshot("audience-admin-ru-nojs.png").await;
    admin.check_log().await;
}

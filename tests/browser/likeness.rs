//! Near-duplicate works in the browser, against the release binary: the demo's drawings are
//! one picture in four colourings, so its contest of drawings has pairs. The admin (JavaScript
//! off, Russian) finds them side by side and records a verdict through the plain form; the
//! page read on a 360 px phone in Kazakh and on a desktop in English.

use crate::harness::{Browser, Server};
use crate::*;
use serde_json::json;

#[tokio::test]
async fn an_admin_reviews_near_duplicates_side_by_side_and_records_a_verdict() {
    let server = Server::start().await;
    let accounts = server.demo();
    let db = server.database().await;
    // The demo's contest with the most drawings entered; its drawings' prints are made as
    // the demo stores them.
    let contest: String = sqlx::query_scalar(
        "SELECT c.public_id FROM contest c JOIN entry e ON e.contest_id = c.contest_id JOIN entry_file f ON f.entry_id = e.entry_id
         JOIN blob b ON b.sha256 = f.sha256 WHERE b.kind = 'image' AND e.state = 'submitted' GROUP BY c.public_id ORDER BY COUNT(*) DESC, c.public_id LIMIT 1",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    let drawings: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM entry e JOIN contest c ON c.contest_id = e.contest_id JOIN entry_file f ON f.entry_id = e.entry_id
         JOIN blob_print bp ON bp.sha256 = f.sha256 WHERE c.public_id = $1 AND bp.kind = 'image' AND e.state = 'submitted'",
    )
    .bind(&contest)
    .fetch_one(&db)
    .await
    .unwrap();
    assert!(drawings >= 2, "{drawings}");

    let admin = Browser::open(false, "ru").await;
    log_in_plain(&server, &admin, "admin@demo.baiqau.kz", password_of(&accounts, "admin@demo.baiqau.kz")).await;
    admin.goto(&server.url(&format!("/admin/contests/{contest}/entries"))).await;
    admin.click("#likeness-link").await;
    admin.wait_path(&format!("/admin/contests/{contest}/duplicates")).await;
    assert_eq!(admin.text_now("h1").await, "Похожие работы");
    let pairs = admin.script_value("return [...document.querySelectorAll('.likeness-pair')].map((p) => [p.id, p.querySelectorAll('.likeness-side img').length])").await;
    let pairs = pairs.as_array().unwrap().clone();
    assert!(!pairs.is_empty(), "the demo's recoloured drawings are found");
    for p in &pairs {
        assert_eq!(p[1], json!(2), "both drawings shown: {p}");
    }
    admin.screenshot("likeness-ru-nojs.png").await;

    // The first pair is fine: the plain form as rendered, a reason typed.
    let first = pairs[0][0].as_str().unwrap().to_owned();
    admin.fill(&format!("#{first} textarea[name=reason]"), "Один рисунок в разных цветах: это демонстрационные работы").await;
    admin.click(&format!("#{first} button[type=submit]")).await;
    admin.wait_url_contains("saved=1").await;
    assert_eq!(admin.text_now(&format!("#{first} .likeness-verdict strong")).await, "Признано в порядке");
    assert_eq!(admin.script_value(&format!("return document.querySelectorAll('#{first} form').length")).await, json!(0));
    let kept: (String, String) = sqlx::query_as("SELECT verdict, reason FROM likeness_verdict").fetch_one(&db).await.unwrap();
    assert_eq!(kept, ("fine".to_owned(), "Один рисунок в разных цветах: это демонстрационные работы".to_owned()));
    admin.check_log().await;

    // On a phone in Kazakh: the pair stacks, nothing scrolls sideways.
    let phone = Browser::phone().await;
    log_in(&server, &phone, "admin@demo.baiqau.kz", password_of(&accounts, "admin@demo.baiqau.kz")).await;
    phone.goto(&server.url(&format!("/admin/contests/{contest}/duplicates"))).await;
    assert_eq!(phone.wait_text("h1").await, "Ұқсас жұмыстар");
    assert_eq!(phone.text_now(&format!("#{first} .likeness-verdict strong")).await, "Дұрыс деп танылды");
    assert_eq!(phone.script_value("return document.documentElement.scrollWidth <= innerWidth").await, json!(true), "sideways scroll");
    phone.screenshot("likeness-kk-360.png").await;
    phone.check_log().await;

    let desktop = Browser::open(true, "en").await;
    log_in(&server, &desktop, "admin@demo.baiqau.kz", password_of(&accounts, "admin@demo.baiqau.kz")).await;
    desktop.goto(&server.url(&format!("/admin/contests/{contest}/duplicates"))).await;
    assert_eq!(desktop.wait_text("h1").await, "Near-duplicate works");
    desktop.screenshot("likeness-en.png").await;
    desktop.check_log().await;
}

//! Near-duplicate works in the browser, against the release binary: a parent (English,
//! JavaScript on) enters in the open contest a copy of the drawing entered in the demo's
//! contest under judging (resized, cut at its edges, re-encoded). The admin (JavaScript off,
//! Russian) finds the pair on the open contest's page, side by side, and records a verdict
//! through the plain form; the page read on a 360 px phone in Kazakh and in English.

use crate::entries::{open_contest, start_entry};
use crate::harness::{Browser, Server};
use crate::*;
use serde_json::json;

#[tokio::test]
async fn an_admin_reviews_a_copied_drawing_beside_its_original_and_records_a_verdict() {
    let server = Server::start().await;
    let accounts = server.demo();
    let db = server.database().await;
    // The demo's drawing, entered in the contest under judging, as stored.
    let (sha, earlier): (String, String) = sqlx::query_as(
        "SELECT b.sha256, e.code FROM blob b JOIN entry_file f ON f.sha256 = b.sha256 JOIN entry e ON e.entry_id = f.entry_id
         WHERE b.kind = 'image' AND e.state = 'submitted' ORDER BY e.entry_id LIMIT 1",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    let stored = server.data_dir().join("store").join(app::backend::storage::blob_key(&sha));
    let original = image::load_from_memory(&std::fs::read(&stored).unwrap()).unwrap().to_rgb8();
    let (w, h) = original.dimensions();
    let cut = image::imageops::crop_imm(&original, w / 25, h / 25, w - 2 * (w / 25), h - 2 * (h / 25)).to_image();
    let small = image::imageops::resize(&cut, cut.width() * 2 / 3, cut.height() * 2 / 3, image::imageops::FilterType::Triangle);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("kun.jpg");
    std::fs::write(&copy, baiqau_tests::fixtures::jpeg_of(&small, 60)).unwrap();

    // A parent enters the copy in the open contest, through the hydrated uploader.
    let parent = Browser::open(true, "en").await;
    start_entry(&server, &parent, "mother@mail.kz", "Әлия Ахметова", "Drawing", "Күн", true).await;
    parent.wait_hydrated().await;
    parent.choose_file("#file-input", &copy).await;
    parent.click(".uploader button[type=submit]").await;
    parent.wait_present(".files .file-name").await;
    parent.wait_hydrated().await;
    parent.click("#review button[type=submit]").await;
    parent.wait_present(".entry-facts .receipt").await;
    let contest = open_contest(&server, &parent).await;
    let contest = contest.rsplit('/').next().unwrap().to_owned();
    let (entered, code): (String, String) = sqlx::query_as("SELECT e.public_id, e.code FROM entry e JOIN contest c ON c.contest_id = e.contest_id WHERE c.public_id = $1 AND e.state = 'submitted' AND e.title = 'Күн'")
        .bind(&contest)
        .fetch_one(&db)
        .await
        .unwrap();
    parent.check_log().await;

    // The open contest's admin: from the entries list to the pair, without JavaScript.
    let admin = Browser::open(false, "ru").await;
    log_in_plain(&server, &admin, "admin@demo.baiqau.kz", password_of(&accounts, "admin@demo.baiqau.kz")).await;
    admin.goto(&server.url(&format!("/admin/contests/{contest}/entries"))).await;
    admin.click("#likeness-link").await;
    admin.wait_path(&format!("/admin/contests/{contest}/duplicates")).await;
    // The print is made in the background as the file is stored.
    for _ in 0..50 {
        if admin.script_value("return document.querySelectorAll('.likeness-pair').length").await == json!(1) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        admin.goto(&server.url(&format!("/admin/contests/{contest}/duplicates"))).await;
    }
    assert_eq!(admin.text_now("h1").await, "Похожие работы");
    let sides = admin.script_value("return [...document.querySelectorAll('.likeness-pair .likeness-side')].map((s) => [s.dataset.code, s.querySelectorAll('img').length])").await;
    assert_eq!(sides, json!([[code, 1], [earlier, 1]]), "the new work beside the earlier contest's, both drawings shown");
    let score = admin.text_now(".likeness-score").await;
    assert!(score.ends_with(" % · сходство изображений"), "{score}");
    let pair = format!("pair-{entered}-");
    let id = admin.script_value(&format!("return document.querySelector('[id^=\"{pair}\"]').id")).await;
    let id = id.as_str().unwrap().to_owned();
    admin.screenshot("likeness-ru-nojs.png").await;

    // Disqualified, with the reason, through the plain form as rendered.
    admin.script(&format!("document.querySelector('#{id} select[name=verdict]').value = '{entered}'")).await;
    admin.fill(&format!("#{id} textarea[name=reason]"), "Копия работы из другого конкурса").await;
    admin.click(&format!("#{id} button[type=submit]")).await;
    admin.wait_url_contains("saved=1").await;
    assert_eq!(admin.text_now(&format!("#{id} .likeness-verdict strong")).await, format!("Дисквалифицирована: {code}"));
    let kept: (String, String) = sqlx::query_as("SELECT verdict, reason FROM likeness_verdict").fetch_one(&db).await.unwrap();
    assert_eq!(kept, ("disqualified".to_owned(), "Копия работы из другого конкурса".to_owned()));
    let state: String = sqlx::query_scalar("SELECT state FROM entry WHERE public_id = $1").bind(&entered).fetch_one(&db).await.unwrap();
    assert_eq!(state, "disqualified");
    admin.check_log().await;

    // On a phone in Kazakh: the pair stacks, nothing scrolls sideways.
    let phone = Browser::phone().await;
    log_in(&server, &phone, "admin@demo.baiqau.kz", password_of(&accounts, "admin@demo.baiqau.kz")).await;
    phone.goto(&server.url(&format!("/admin/contests/{contest}/duplicates"))).await;
    assert_eq!(phone.wait_text("h1").await, "Ұқсас жұмыстар");
    assert_eq!(phone.text_now(&format!("#{id} .likeness-verdict strong")).await, format!("Шеттетілді: {code}"));
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

//! The public gallery in the browser, against the release binary. The admin (JavaScript
//! off, Kazakh) gives the demo's contest under judging a gallery; the demo's parent
//! (JavaScript on) consents to publication on the entry page; the admin opens the gallery
//! from a date already past. A visitor on a 360 px phone in Kazakh sees the works as small
//! images that load only as they are scrolled near, filters them with the plain form, opens
//! one; the parent takes the consent back and the work is gone from the page at once.

use crate::harness::{Browser, Server};
use crate::*;
use serde_json::json;

/// Copies of the demo's consented work, so that the gallery has two pages: each a new
/// entry of the same contest with the same file, numbered after it.
async fn more_works(db: &sqlx::SqlitePool, entry_id: i64, n: i64) {
    for i in 1..=n {
        let new: i64 = sqlx::query_scalar(
            "INSERT INTO entry (public_id, contest_id, nomination_id, age_group_id, participant_id, account_id, title, description, state,
                                receipt_no, submitted_at, create_token, created_at, updated_at, gallery_consent_version, gallery_consent_at, gallery_consent_by)
             SELECT 'copy' || $1, contest_id, nomination_id, age_group_id, participant_id, account_id, 'Сурет ' || $1, '', 'submitted',
                    (SELECT MAX(receipt_no) FROM entry x WHERE x.contest_id = e.contest_id) + 1, submitted_at, 'copy' || $1, created_at, updated_at,
                    gallery_consent_version, gallery_consent_at, gallery_consent_by
             FROM entry e WHERE entry_id = $2 RETURNING entry_id",
        )
        .bind(i)
        .bind(entry_id)
        .fetch_one(db)
        .await
        .unwrap();
        sqlx::query("INSERT INTO entry_file (public_id, entry_id, sha256, original_name, created_at) SELECT 'copyfile' || $1, $2, sha256, original_name, created_at FROM entry_file WHERE entry_id = $3")
            .bind(i)
            .bind(new)
            .bind(entry_id)
            .execute(db)
            .await
            .unwrap();
    }
    // Every admin change bumps the contest's revision; so does this one.
    sqlx::query("UPDATE contest SET revision = revision + 1 WHERE contest_id = (SELECT contest_id FROM entry WHERE entry_id = $1)").bind(entry_id).execute(db).await.unwrap();
}

/// The gallery's images the page has fetched so far.
async fn fetched_images(b: &Browser) -> usize {
    b.loaded_files().await.iter().filter(|p| p.starts_with("/gallery-files/small/")).count()
}

#[tokio::test]
async fn the_gallery_on_a_phone_in_kazakh_loads_images_lazily_and_a_consent_taken_back_empties_it() {
    let server = Server::start().await;
    let accounts = server.demo();
    let db = server.database().await;
    let (contest, entry_id, entry): (String, i64, String) = sqlx::query_as(
        "SELECT c.public_id, e.entry_id, e.public_id FROM entry e JOIN contest c ON c.contest_id = e.contest_id JOIN entry_file f ON f.entry_id = e.entry_id
         JOIN blob b ON b.sha256 = f.sha256 WHERE b.kind = 'image' AND e.state = 'submitted' ORDER BY e.entry_id LIMIT 1",
    )
    .fetch_one(&db)
    .await
    .unwrap();

    // The admin gives the contest a gallery from its results, through the plain form.
    let admin = Browser::open(false, "kk").await;
    log_in_plain(&server, &admin, "admin@demo.baiqau.kz", password_of(&accounts, "admin@demo.baiqau.kz")).await;
    admin.goto(&server.url(&format!("/admin/contests/{contest}/results"))).await;
    admin.script("document.querySelector('#gallery-mode').value = 'results'").await;
    admin.click("#gallery button[type=submit]").await;
    admin.wait_url_contains("saved=gallery").await;
    assert_eq!(sqlx::query_scalar::<_, String>("SELECT gallery FROM contest WHERE public_id = $1").bind(&contest).fetch_one(&db).await.unwrap(), "results");

    // The parent consents on the entry page (JavaScript on, Kazakh).
    let parent = Browser::phone().await;
    log_in(&server, &parent, "parent@demo.baiqau.kz", password_of(&accounts, "parent@demo.baiqau.kz")).await;
    parent.goto(&server.url(&format!("/entries/{entry}"))).await;
    assert!(parent.wait_text("#publication .consent-text").await.contains("ата-анасы не заңды өкілімін"));
    parent.click("#publication button[type=submit]").await;
    parent.wait_present("#publication-given").await;
    parent.screenshot("gallery-consent-kk-360.png").await;
    parent.check_log().await;

    // Opened from a moment already past.
    admin.goto(&server.url(&format!("/admin/contests/{contest}/results"))).await;
    admin.script("document.querySelector('#gallery-mode').value = 'date'; document.querySelector('#gallery-opens-at').value = '2026-01-01T10:00'").await;
    admin.click("#gallery button[type=submit]").await;
    admin.wait_url_contains("saved=gallery").await;
    admin.check_log().await;
    more_works(&server.database_for_seeding().await, entry_id, 29).await;

    // A visitor on a phone: page one of two, images fetched only near the screen.
    let phone = Browser::phone().await;
    let address: String = sqlx::query_scalar("SELECT COALESCE(slug, public_id) FROM contest WHERE public_id = $1").bind(&contest).fetch_one(&db).await.unwrap();
    let gallery = format!("/contests/{address}/gallery");
    phone.goto(&server.url(&format!("/contests/{address}"))).await;
    phone.click("#gallery-link").await;
    phone.wait_path(&gallery).await;
    assert_eq!(phone.wait_text("h1").await, "Жұмыстар галереясы");
    assert_eq!(phone.text_now("#gallery-count").await, "Жұмыстар: 30");
    assert_eq!(phone.script_value("return document.querySelectorAll('.gallery-card img[loading=lazy]').length").await, json!(24));
    assert_eq!(phone.text_now(".pager .hint").await, "1-бет, барлығы 2");
    assert_eq!(phone.script_value("return document.documentElement.scrollWidth <= innerWidth").await, json!(true), "sideways scroll");
    phone.screenshot("gallery-kk-360.png").await;
    let first = fetched_images(&phone).await;
    assert!((1..24).contains(&first), "{first} of 24 images fetched before scrolling");
    for _ in 0..40 {
        phone.script("window.scrollBy(0, 400)").await;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    for _ in 0..50 {
        if fetched_images(&phone).await == 24 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(fetched_images(&phone).await, 24);
    phone.click(".pager a[rel=next]").await;
    phone.wait_url_contains("page=2").await;
    assert_eq!(phone.script_value("return document.querySelectorAll('.gallery-card').length").await, json!(6));
    // A work's own page.
    phone.goto(&server.url(&gallery)).await;
    phone.click(".gallery-card .gallery-title a").await;
    phone.wait_present(".gallery-media img").await;
    phone.screenshot("gallery-work-kk-360.png").await;
    phone.check_log().await;

    // Without JavaScript, in Russian: the filters are a plain form with an address.
    let plain = Browser::open(false, "ru").await;
    plain.goto(&server.url(&gallery)).await;
    assert_eq!(plain.wait_text("h1").await, "Галерея работ");
    plain.script("document.querySelector('select[name=nomination]').selectedIndex = 1").await;
    plain.click(".gallery-filters button[type=submit]").await;
    plain.wait_url_contains("nomination=").await;
    assert_eq!(plain.text_now("#gallery-count").await, "Работ: 30");
    plain.screenshot("gallery-ru-nojs.png").await;
    plain.check_log().await;

    // The parent takes the demo work back: gone from the page at the next look.
    parent.goto(&server.url(&format!("/entries/{entry}"))).await;
    parent.click("#publication button[type=submit]").await;
    parent.wait_present("#publication-none").await;
    plain.goto(&server.url(&gallery)).await;
    assert_eq!(plain.wait_text("#gallery-count").await, "Работ: 29");
    let no: i64 = sqlx::query_scalar("SELECT receipt_no FROM entry WHERE entry_id = $1").bind(entry_id).fetch_one(&db).await.unwrap();
    let shown = plain.links(".gallery-card .gallery-title a").await;
    assert_eq!(shown.len(), 24);
    assert!(!shown.contains(&format!("{gallery}/{no}")), "{shown:?}");
    parent.check_log().await;
}

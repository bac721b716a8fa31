//! The organiser's identity in the browser: an admin names the library, gives it a logo and
//! its colours (JavaScript on), then changes a name with JavaScript off; the header, the
//! colours and the icon follow on every page, in kk, ru and en at 360 px.

use crate::harness::{Browser, Server};
use crate::*;
use serde_json::json;

const KK: &str = "Шығыс Қазақстан облыстық кітапханасы";
const RU: &str = "Восточно-Казахстанская областная библиотека";
const EN: &str = "East Kazakhstan Library";

/// A 600 × 300 logo: a red disc on transparency, as a file the browser can choose.
fn logo_file(dir: &std::path::Path) -> std::path::PathBuf {
    let img = image::RgbaImage::from_fn(600, 300, |x, y| {
        let (dx, dy) = (i64::from(x) - 300, i64::from(y) - 150);
        if dx * dx + dy * dy < 140 * 140 { image::Rgba([200, 20, 40, 255]) } else { image::Rgba([0, 0, 0, 0]) }
    });
    let path = dir.join("logo.png");
    img.save(&path).unwrap();
    path
}

async fn set_value(b: &Browser, css: &str, value: &str) {
    b.script(&format!("document.querySelector({css:?}).value = {value:?};")).await;
}

#[tokio::test]
async fn an_admin_gives_the_site_the_librarys_name_logo_and_colours() {
    let server = Server::start().await;
    let accounts = server.demo();
    let admin = "admin@demo.baiqau.kz";
    let b = Browser::open(true, "kk").await;
    log_in(&server, &b, admin, password_of(&accounts, admin)).await;
    b.goto(&server.url("/admin/identity")).await;
    b.fill("#name_kk", KK).await;
    b.fill("#name_ru", RU).await;
    b.fill("#name_en", EN).await;
    // Colour pickers take no typing: set as the picker would.
    set_value(&b, "#main_colour", "#7a1f2b").await;
    set_value(&b, "#accent_colour", "#ffd966").await;
    b.click("#identity button[type=submit]").await;
    b.wait_url_contains("saved=identity").await;
    assert_eq!(b.text_now(".brand-name").await, KK);
    let header = b.script_value("return getComputedStyle(document.querySelector('.site-header')).backgroundColor").await;
    assert_eq!(header, json!("rgb(122, 31, 43)"));
    assert!(b.script_value("return document.title").await.as_str().unwrap().ends_with(&format!(" · {KK}")));

    let dir = tempfile::tempdir().unwrap();
    b.choose_file("#logo-file", &logo_file(dir.path())).await;
    b.click("#logo form.stack button[type=submit]").await;
    b.wait_url_contains("saved=logo").await;
    b.wait_present(".brand img.brand-logo").await;
    let logo = b.script_value("const i = document.querySelector('.brand-logo'); return [i.complete, i.naturalWidth, i.naturalHeight]").await;
    assert_eq!(logo, json!([true, 512, 256]));
    let icon = b.script_value("return [...document.querySelectorAll('link[rel=icon]')].map((l) => l.getAttribute('href'))").await;
    assert!(!icon.as_array().unwrap().is_empty() && icon.as_array().unwrap().iter().all(|h| h.as_str().unwrap().starts_with("/brand/") && h.as_str().unwrap().ends_with("-icon.png")), "{icon}");

    // On a phone, in each language: the name in that language, one header row, nothing wider
    // than the screen.
    b.resize(360, 740).await;
    for (lang, name) in [("kk", KK), ("ru", RU), ("en", EN)] {
        b.goto(&server.url("/")).await;
        b.choose_lang(lang).await;
        b.wait_lang(lang).await;
        assert_eq!(b.text_now(".brand-name").await, name, "{lang}");
        let fits = b.script_value("return [document.documentElement.scrollWidth <= innerWidth, Math.round(document.querySelector('.site-header').getBoundingClientRect().height)]").await;
        assert_eq!(fits[0], json!(true), "{lang}: sideways scroll");
        assert!(fits[1].as_u64().unwrap() <= 64, "{lang}: header {fits}");
        b.screenshot(&format!("identity-home-{lang}-360.png")).await;
    }
    b.goto(&server.url("/admin/identity")).await;
    b.screenshot("identity-settings-en-360.png").await;
    b.close().await;

    // Without JavaScript: the same form, posted as the server rendered it.
    let b = Browser::open(false, "ru").await;
    log_in_plain(&server, &b, admin, password_of(&accounts, admin)).await;
    b.goto(&server.url("/admin/identity")).await;
    b.fill("#name_ru", "Областная библиотека имени Абая").await;
    b.click("#identity button[type=submit]").await;
    b.wait_url_contains("saved=identity").await;
    assert_eq!(b.text_now(".brand-name").await, "Областная библиотека имени Абая");
    b.wait_present("#identity .notice").await;
    b.close().await;
}

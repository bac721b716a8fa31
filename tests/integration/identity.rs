//! The organiser's identity: its settings page and form (with and without JavaScript),
//! the language of a first visit, and the name, logo and colours on pages, in mail and on
//! diplomas.

use crate::judging::jury;
use crate::results::{contest_form, pdf_text, score_everything};
use app::backend::mail::Sender;
use app::backend::notify::{Notifier, send_due};
use app::domain::Role;
use baiqau_tests::{Jar, TestApp, TestResponse};
use http::StatusCode;

const KK: &str = "Шығыс Қазақстан облыстық кітапханасы";
const RU: &str = "Восточно-Казахстанская областная библиотека";
const EN: &str = "East Kazakhstan Regional Library";

fn identity_form<'a>(main: &'a str, accent: &'a str, lang: &'a str, browser: bool) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![("name_kk", KK), ("name_ru", RU), ("name_en", EN), ("main_colour", main), ("accent_colour", accent), ("default_lang", lang)];
    if browser {
        form.push(("browser_lang", "on"));
    }
    form
}

/// A page as a first visit with this browser language (no cookie) sees it.
async fn first_visit(app: &TestApp, path: &str, accept: &str) -> TestResponse {
    app.request("GET", path, &Jar::default(), &[("accept", "text/html"), ("accept-language", accept)], Vec::new()).await
}

fn html_lang(page: &TestResponse) -> String {
    page.select_attr("html", "lang").join("")
}

#[tokio::test]
async fn the_organisers_identity_is_checked_saved_and_shown_on_pages_and_in_mail() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    // Before any is saved: Baiqau's own look, and the browser's language.
    let page = first_visit(&app, "/", "en-US,en;q=0.9").await;
    assert_eq!((html_lang(&page), page.select_text(".brand-name")), ("en".to_owned(), vec!["Baiqau".to_owned()]));
    assert!(page.select_attr("link[rel=stylesheet]", "href").iter().all(|h| !h.starts_with("/brand.css")));
    assert_eq!(page.select_attr("link[rel=icon]", "href"), vec!["/favicon.svg"]);

    // Only site admins see and change it.
    let entrant = app.register("parent@mail.kz", "Parent", "correct horse battery").await;
    assert_eq!(app.get("/admin/identity", &entrant).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("admin_save_identity", &identity_form("#7a1f2b", "#f2c14e", "ru", false), &entrant).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("admin_save_identity", &identity_form("#7a1f2b", "#f2c14e", "ru", false), &Jar::default()).await.status, StatusCode::UNAUTHORIZED);
    let settings = app.get("/admin/identity", &admin).await;
    assert_eq!(settings.status, StatusCode::OK);
    assert_eq!(settings.select_attr("#main_colour", "value"), vec!["#0b5c6b"]);
    assert_eq!(settings.select_attr("#default_lang option[selected]", "value"), vec!["kk"]);

    // Unreadable colours are refused, field by field, with what was typed kept (no JavaScript).
    let refused = app.post_form("admin_save_identity", &identity_form("#f2c14e", "#f0c04d", "ru", false), &admin, "/admin/identity").await;
    assert_eq!(refused.status, StatusCode::FOUND);
    let mut jar = admin.clone();
    jar.absorb(&refused);
    let back = app.get(refused.header("location").unwrap(), &jar).await;
    assert_eq!(back.select_text("#main_colour-error"), vec!["Тым ашық: үстіндегі ақ мәтін оқылмайды."]);
    assert_eq!(back.select_text("#accent_colour-error"), vec!["Негізгі түстен ажырамайды."]);
    assert_eq!(back.select_attr("#name_ru", "value"), vec![RU]);
    assert_eq!(back.select_attr("#main_colour", "value"), vec!["#f2c14e"]);
    let json = app.call("admin_save_identity", &identity_form("not a colour", "#f2c14e", "xx", false), &admin).await;
    assert_eq!(json.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        json.json(),
        serde_json::json!({"Validation": [{"field": "main_colour", "msg": "ErrChooseOption"}, {"field": "mode", "msg": "ErrChooseOption"}]})
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM site_identity").await, 0, "nothing saved");

    // Saved: Russian first, whatever the browser prefers.
    let saved = app.post_form("admin_save_identity", &identity_form("#7A1F2B", "#f2c14e", "ru", false), &admin, "/admin/identity").await;
    assert_eq!((saved.status, saved.header("location")), (StatusCode::FOUND, Some("/admin/identity?saved=identity")));
    let row: (String, String, String, String, String, i64, i64) =
        sqlx::query_as("SELECT name_kk, name_en, main_colour, accent_colour, default_lang, browser_lang, revision FROM site_identity").fetch_one(&app.sql).await.unwrap();
    assert_eq!(row, (KK.to_owned(), EN.to_owned(), "#7a1f2b".to_owned(), "#f2c14e".to_owned(), "ru".to_owned(), 0, 1));
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'site.identity' AND target = 'site'").await, 1);

    let page = first_visit(&app, "/", "en-US,en;q=0.9").await;
    assert_eq!(html_lang(&page), "ru", "the organiser's default wins over the browser");
    assert_eq!(page.select_text(".brand-name"), vec![RU]);
    let titles = page.select_text("title");
    assert!(titles.len() == 1 && titles[0].ends_with(&format!(" · {RU}")), "{titles:?}");
    assert!(page.select_attr("link[rel=stylesheet]", "href").contains(&"/brand.css?v=1".to_owned()));
    let css = app.get("/brand.css?v=1", &Jar::default()).await;
    assert_eq!(css.body, ":root { --brand: #7a1f2b; --brand-dark: #5b1720; --accent: #f2c14e; }\n");
    assert_eq!((css.header("content-type"), css.header("cache-control")), (Some("text/css; charset=utf-8"), Some("public, max-age=31536000, immutable")));
    // The reader's own choice still wins, and every language has its name.
    let english = app.get("/", &Jar { lang: Some("en".into()), ..Jar::default() }).await;
    assert_eq!((html_lang(&english), english.select_text(".brand-name")), ("en".to_owned(), vec![EN.to_owned()]));

    // A name built to break the page is text, in the title and the header alike.
    let hostile = "</title><script>alert(1)</script> & Co";
    let form: Vec<(&str, &str)> = identity_form("#7a1f2b", "#f2c14e", "ru", false).into_iter().map(|(k, v)| (k, if k == "name_en" { hostile } else { v })).collect();
    assert_eq!(app.call("admin_save_identity", &form, &admin).await.status, StatusCode::OK);
    let english = app.get("/login", &Jar { lang: Some("en".into()), ..Jar::default() }).await;
    assert_eq!(english.select_text(".brand-name"), vec![hostile]);
    let titles = english.select_text("title");
    assert!(titles.len() == 1 && titles[0].ends_with(hostile), "{titles:?}");
    assert!(!english.body.contains("<script>alert(1)"));

    // The browser decides once the organiser lets it; a language we lack gets the default.
    app.call("admin_save_identity", &identity_form("#7a1f2b", "#f2c14e", "ru", true), &admin).await;
    assert_eq!(html_lang(&first_visit(&app, "/login", "en-US,en;q=0.9").await), "en");
    assert_eq!(html_lang(&first_visit(&app, "/login", "de-DE").await), "ru");
    assert_eq!(app.get("/brand.css?v=3", &Jar::default()).await.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(app.get("/brand.css?v=9", &Jar::default()).await.header("cache-control"), Some("no-store"), "a revision that never was is not kept");

    // Mail comes from the organiser and is signed with its name (in the default language).
    sqlx::query("DELETE FROM outbox").execute(&app.sql).await.unwrap();
    app.call("request_password_reset", &[("email", "parent@mail.kz")], &Jar::default()).await;
    let transport = Notifier::of(&app.state).unwrap();
    assert_eq!(send_due(&app.state.db, &transport, &Sender::of(&app.state).await, app.state.now()).await.unwrap().sent, 1);
    let files: Vec<_> = std::fs::read_dir(app.dir.path().join("mail")).unwrap().map(|e| e.unwrap().path()).collect();
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert_eq!(header_of(&eml, "From"), format!("{RU} <{}>", app.state.config.mail_from.rsplit('<').next().unwrap().trim_end_matches('>')));
    let body = baiqau_tests::decode_mail_body(&eml);
    assert!(body.replace("\r\n", "\n").trim_end().ends_with(&format!("\n\n-- \n{RU}")), "{body:?}");
}

/// A header of a message, unfolded, its RFC 2047 words (`=?utf-8?b?…?=`) decoded (the
/// space between two such words is not part of the text).
fn header_of(eml: &str, name: &str) -> String {
    use base64::Engine as _;
    let eml = format!("\n{}", eml.replace("\r\n", "\n"));
    let start = eml.find(&format!("\n{name}: ")).map(|i| i + name.len() + 3).unwrap();
    let mut raw = String::new();
    for (i, line) in eml[start..].lines().enumerate() {
        if i > 0 && !line.starts_with([' ', '\t']) {
            break;
        }
        raw.push_str(if i == 0 { line } else { &line[1..] });
        raw.push(' ');
    }
    let mut out = String::new();
    for word in raw.split_whitespace() {
        match word.strip_prefix("=?utf-8?b?").and_then(|w| w.strip_suffix("?=")) {
            Some(b64) => out.push_str(&String::from_utf8(base64::engine::general_purpose::STANDARD.decode(b64).unwrap()).unwrap()),
            None => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
            }
        }
    }
    out
}

/// A multipart form with a file under `field` (and any plain fields).
async fn post_logo(app: &TestApp, jar: &Jar, file: Option<&[u8]>, fields: &[(&str, &str)]) -> TestResponse {
    let boundary = "----baiqau-logo";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    if let Some(bytes) = file {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.png\"\r\nContent-Type: image/png\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    app.request("POST", "/admin/identity/logo", jar, &[("content-type", &format!("multipart/form-data; boundary={boundary}"))], body).await
}

/// A 600 × 300 logo: a red disc on transparency.
fn logo_png() -> Vec<u8> {
    let img = image::RgbaImage::from_fn(600, 300, |x, y| {
        let (dx, dy) = (i64::from(x) - 300, i64::from(y) - 150);
        if dx * dx + dy * dy < 140 * 140 { image::Rgba([200, 20, 40, 255]) } else { image::Rgba([0, 0, 0, 0]) }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(img).write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

fn size_of(bytes: &[u8]) -> (u32, u32) {
    image::load_from_memory(bytes).map(|i| (i.width(), i.height())).unwrap()
}

#[tokio::test]
async fn the_logo_is_checked_copied_and_carried_to_the_header_the_icon_and_the_diplomas() {
    let j = jury().await;
    let app = &j.w.app;
    // Not an image, whatever it is called: refused, nothing stored.
    let bad = post_logo(app, &j.admin, Some(b"<svg onload=alert(1)>"), &[]).await;
    assert_eq!((bad.status, bad.header("location")), (StatusCode::SEE_OTHER, Some("/admin/identity?logo_error=type#logo")));
    // A "pixel bomb" (50,000 × 50,000 claimed in a few bytes) is not decoded.
    let bomb = post_logo(app, &j.admin, Some(&crate::uploads::png_bomb()), &[]).await;
    assert_eq!(bomb.header("location"), Some("/admin/identity?logo_error=type#logo"));
    // Larger than 5 MB: cut off, and said so.
    let big = [logo_png(), vec![0u8; 6 * 1024 * 1024]].concat();
    assert_eq!(post_logo(app, &j.admin, Some(&big), &[]).await.header("location"), Some("/admin/identity?logo_error=size#logo"));
    let told = app.get("/admin/identity?logo_error=size", &j.admin).await;
    assert_eq!(told.select_text("#logo .form-error"), vec!["Файл 5 МБ-тан үлкен."]);
    assert!(app.stored_keys("brand").await.is_empty());
    let entrant = app.register("other@mail.kz", "Other", "correct horse battery").await;
    assert_eq!(post_logo(app, &entrant, Some(&logo_png()), &[]).await.status, StatusCode::FORBIDDEN);

    let res = post_logo(app, &j.admin, Some(&logo_png()), &[]).await;
    assert_eq!(res.header("location"), Some("/admin/identity?saved=logo#logo"));
    let name: String = sqlx::query_scalar("SELECT logo_file FROM site_identity").fetch_one(&app.sql).await.unwrap();
    let stem = name.strip_suffix(".png").unwrap();
    let mut expected = vec![format!("brand/{stem}-icon.png"), format!("brand/{stem}-print.jpg"), format!("brand/{name}")];
    expected.sort();
    assert_eq!(app.stored_keys("brand").await, expected);
    // The header's copy is at most 256 px high; the icon 64 × 64; the print copy on white.
    assert_eq!(size_of(&app.state.storage.read(&format!("brand/{name}")).await.unwrap()), (512, 256));
    let icon = app.get(&format!("/brand/{stem}-icon.png"), &Jar::default()).await;
    assert_eq!((icon.status, icon.header("content-type"), size_of(&icon.bytes)), (StatusCode::OK, Some("image/png"), (64, 64)));
    let print = image::load_from_memory(&app.state.storage.read(&format!("brand/{stem}-print.jpg")).await.unwrap()).unwrap().to_rgb8();
    assert_eq!(print.get_pixel(0, 0).0, [255, 255, 255], "transparency becomes white paper");
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'site.logo'").await, 1);
    // `baiqau check` expects the logo and its copies, and finds nothing wrong.
    let findings = app::service::check::invariants(&app.state).await.unwrap();
    assert!(findings.is_empty(), "{:?}", findings.iter().map(|f| &f.detail).collect::<Vec<_>>());
    app.state.storage.delete(&format!("brand/{stem}-icon.png")).await.unwrap();
    let findings: Vec<String> = app::service::check::invariants(&app.state).await.unwrap().into_iter().map(|f| f.detail).collect();
    assert_eq!(findings, vec![format!("brand/{stem}-icon.png is referenced and missing from the store")]);
    app.state.storage.put_bytes(&format!("brand/{stem}-icon.png"), icon.bytes.clone()).await.unwrap();

    let page = app.get("/", &Jar::default()).await;
    assert_eq!(page.select_attr(".brand img.brand-logo", "src"), vec![format!("/brand/{name}")]);
    assert_eq!(page.select_attr("link[rel=icon]", "href"), vec![format!("/brand/{stem}-icon.png")]);
    assert!(page.select_text(".brand-mark").is_empty());

    // A diploma of a contest without its own organiser names the installation's, in the
    // organiser's colours, with the logo.
    let saved = app.call("admin_save_identity", &identity_form("#7a1f2b", "#ffd966", "kk", true), &j.admin).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    sqlx::query("UPDATE contest SET organiser_name = ''").execute(&app.sql).await.unwrap();
    score_everything(&j).await;
    assert_eq!(app.call("admin_compute_results", &contest_form(&j), &j.admin).await.status, StatusCode::OK);
    assert_eq!(app.call("admin_publish_results", &contest_form(&j), &j.admin).await.status, StatusCode::OK);
    let code: String = sqlx::query_scalar("SELECT code FROM document ORDER BY code LIMIT 1").fetch_one(&app.sql).await.unwrap();
    let pdf = app.get(&format!("/documents/{code}.pdf"), &j.admin).await;
    assert_eq!(pdf.status, StatusCode::OK);
    let text = pdf_text(&pdf.bytes);
    assert!(text.lines().next().is_some_and(|l| l.contains(KK)), "{text}");
    let raw = String::from_utf8_lossy(&pdf.bytes);
    assert!(raw.contains("/Subtype /Image") && raw.contains("/Filter /DCTDecode") && raw.contains("/Width 600"), "the logo is on the page");
    assert!(raw.contains("0.47843137 0.12156863 0.16862746 rg"), "the band in the main colour");
    assert!(raw.contains("1 0.8509804 0.4 rg"), "the accent");

    // Taken away: its files go, the header has Baiqau's mark again.
    let removed = post_logo(app, &j.admin, None, &[("remove", "1")]).await;
    assert_eq!(removed.header("location"), Some("/admin/identity?saved=logo#logo"));
    assert!(app.stored_keys("brand").await.is_empty());
    assert_eq!(app.count("SELECT COUNT(*) FROM site_identity WHERE logo_file IS NULL").await, 1);
    assert_eq!(app.get("/", &Jar::default()).await.select_text(".brand-mark"), vec!["◆"]);
}

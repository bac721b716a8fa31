//! Contests' readable addresses: made from the title, numbered when taken, edited by the
//! admin, and every old one still leading to the contest; the short link for posters.

use crate::contests::{full_contest, ok};
use crate::submissions::error_msg;
use app::domain::Role;
use baiqau_tests::{Jar, TestApp, TestResponse};
use http::StatusCode;

async fn create(app: &TestApp, admin: &Jar, kk: &str, ru: &str) -> String {
    ok(&app.call("admin_create_contest", &[("title_kk", kk), ("title_ru", ru), ("title_en", ""), ("level", "regional")], admin).await);
    sqlx::query_scalar("SELECT public_id FROM contest ORDER BY contest_id DESC LIMIT 1").fetch_one(&app.sql).await.unwrap()
}

async fn slug_of(app: &TestApp, id: &str) -> Option<String> {
    sqlx::query_scalar("SELECT slug FROM contest WHERE public_id = $1").bind(id).fetch_one(&app.sql).await.unwrap()
}

/// The basics form as the editor sends it, with an address typed in.
async fn save_slug(app: &TestApp, admin: &Jar, id: &str, slug: &str) -> TestResponse {
    let form = [
        ("contest", id),
        ("title_kk", "Ертегілер әлемінде"),
        ("title_ru", "В мире сказок"),
        ("title_en", ""),
        ("description_kk", ""),
        ("description_ru", ""),
        ("description_en", ""),
        ("rules_kk", ""),
        ("rules_ru", ""),
        ("rules_en", ""),
        ("level", "regional"),
        ("organiser_name", ""),
        ("organiser_contacts", ""),
        ("slug", slug),
    ];
    app.call("admin_save_basics", &form, admin).await
}

#[tokio::test]
async fn contests_get_readable_addresses_that_keep_leading_to_them() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    // From the Kazakh title; the same title again gets a number.
    let first = create(&app, &admin, "Ұлы дала тұлғалары", "Великие люди степи").await;
    let second = create(&app, &admin, "Ұлы дала тұлғалары", "").await;
    let russian = create(&app, &admin, "", "Щедрый урожай").await;
    assert_eq!(slug_of(&app, &first).await.as_deref(), Some("uly-dala-tulgalary"));
    assert_eq!(slug_of(&app, &second).await.as_deref(), Some("uly-dala-tulgalary-2"));
    assert_eq!(slug_of(&app, &russian).await.as_deref(), Some("shchedryi-urozhai"));

    // A published contest's page by its address, and by the short link.
    let id = full_contest(&app, &admin).await;
    assert_eq!(slug_of(&app, &id).await.as_deref(), Some("v-mire-skazok"), "made when it was created; a new title keeps it");
    ok(&app.call("admin_publish_contest", &[("contest", id.as_str())], &admin).await);
    let by_id = app.get(&format!("/contests/{id}"), &Jar::default()).await;
    let by_slug = app.get("/contests/v-mire-skazok", &Jar::default()).await;
    assert_eq!(by_slug.status, StatusCode::OK);
    assert_eq!(by_slug.select_text("h1"), by_id.select_text("h1"));
    let base = app.state.config.public_url.trim_end_matches('/').to_owned();
    assert_eq!(by_slug.select_attr("meta[property='og:url']", "content"), vec![format!("{base}/contests/v-mire-skazok")]);
    assert_eq!(by_slug.select_attr(".short-link a", "href"), vec!["/v-mire-skazok"]);
    let short = app.get("/V-Mire-Skazok", &Jar::default()).await;
    assert_eq!((short.status, short.header("location")), (StatusCode::SEE_OTHER, Some("/contests/v-mire-skazok")));

    // Edited: the new one shows the page, the old one and its short link lead to it.
    ok(&save_slug(&app, &admin, &id, " Ertegi-2027 ").await);
    assert_eq!(slug_of(&app, &id).await.as_deref(), Some("ertegi-2027"));
    let old = app.get("/contests/v-mire-skazok", &Jar::default()).await;
    assert_eq!((old.status, old.header("location")), (StatusCode::FOUND, Some("/contests/ertegi-2027")));
    assert_eq!(app.get("/v-mire-skazok", &Jar::default()).await.header("location"), Some("/contests/ertegi-2027"));
    assert_eq!(app.get("/contests/ertegi-2027", &Jar::default()).await.status, StatusCode::OK);

    // Refused: another contest's address (current or old), the site's own words, a public
    // id, anything but Latin letters, digits and hyphens. Nothing changes.
    sqlx::query("UPDATE contest SET public_id = 'plain-public-id' WHERE public_id = $1").bind(&first).execute(&app.sql).await.unwrap();
    for (typed, msg) in [("uly-dala-tulgalary", "ErrSlugTaken"), ("admin", "ErrSlugTaken"), ("plain-public-id", "ErrSlugTaken"), ("ұлы-дала", "ErrSlugForm"), ("a/b", "ErrSlugForm"), ("x", "ErrSlugForm")] {
        assert_eq!(error_msg(&save_slug(&app, &admin, &id, typed).await).await, msg, "{typed}");
    }
    assert_eq!(error_msg(&save_slug(&app, &admin, &second, "v-mire-skazok").await).await, "ErrSlugTaken");
    assert_eq!(slug_of(&app, &second).await.as_deref(), Some("uly-dala-tulgalary-2"), "an old address stays its contest's");
    assert_eq!(slug_of(&app, &id).await.as_deref(), Some("ertegi-2027"));
    // Without JavaScript the refusal comes back on the page, with what was typed.
    let form = [("contest", id.as_str()), ("title_kk", "Ертегілер әлемінде"), ("title_ru", ""), ("title_en", ""), ("description_kk", ""), ("description_ru", ""), ("description_en", ""), ("rules_kk", ""), ("rules_ru", ""), ("rules_en", ""), ("level", "regional"), ("organiser_name", ""), ("organiser_contacts", ""), ("slug", "uly-dala-tulgalary")];
    let refused = app.post_form("admin_save_basics", &form, &admin, &format!("/admin/contests/{id}")).await;
    let mut jar = admin.clone();
    jar.absorb(&refused);
    let back = app.get(refused.header("location").unwrap(), &jar).await;
    assert_eq!(back.select_text("#slug-error"), vec!["Бұл мекенжай бос емес."]);
    assert_eq!(back.select_attr("#slug", "value"), vec!["uly-dala-tulgalary"]);

    // A copy gets its own; the site's files and unknown words are not short links.
    ok(&app.call("admin_copy_contest", &[("contest", id.as_str())], &admin).await);
    let copy: Option<String> = sqlx::query_scalar("SELECT slug FROM contest ORDER BY contest_id DESC LIMIT 1").fetch_one(&app.sql).await.unwrap();
    assert_eq!(copy.as_deref(), Some("ertegiler-aleminde"));
    // (The site's files are served by the same handler as before; these tests run without a
    // built site, so that handler answers 404 here. The browser tests load /favicon.svg.)
    for file in ["/favicon.svg", "/sw.js"] {
        assert_eq!(app.get(file, &Jar::default()).await.header("location"), None, "{file}");
    }
    assert_eq!(app.get("/no-such-contest", &Jar::default()).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("SELECT COUNT(*) FROM contest_slug").await, 6, "every address ever given is kept");

    // Contests from before addresses get theirs on start.
    sqlx::query("DELETE FROM contest_slug WHERE slug LIKE 'shchedryi%'").execute(&app.sql).await.unwrap();
    sqlx::query("UPDATE contest SET slug = NULL WHERE public_id = $1").bind(&russian).execute(&app.sql).await.unwrap();
    assert_eq!(app::service::contests::fill_missing_slugs(&app.state.db, app.state.now()).await.unwrap(), 1);
    assert_eq!(slug_of(&app, &russian).await.as_deref(), Some("shchedryi-urozhai"));
}

/// Every QR code on a PDF page: the page rendered by pdftoppm (poppler-utils), then read back.
fn qr_codes(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.pdf"), pdf).unwrap();
    let out = std::process::Command::new("pdftoppm").args(["-r", "150", "-png", "-singlefile", "p.pdf", "page"]).current_dir(dir.path()).output().expect("pdftoppm (poppler-utils) is installed");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = image::open(dir.path().join("page.png")).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(page);
    let mut found: Vec<String> = prepared.detect_grids().into_iter().map(|g| g.decode().unwrap().1).collect();
    found.sort();
    found
}

#[tokio::test]
async fn a_printable_poster_names_the_dates_and_nominations_and_its_codes_lead_to_the_submit_pages() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = full_contest(&app, &admin).await;
    let path = format!("/contests/{id}/poster.pdf?lang=ru");
    // A draft's poster is for admins only.
    assert_eq!(app.get(&path, &Jar::default()).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&path, &admin).await.status, StatusCode::OK);
    ok(&app.call("admin_publish_contest", &[("contest", id.as_str())], &admin).await);
    let pdf = app.get(&path, &Jar::default()).await;
    assert_eq!((pdf.status, pdf.header("content-type")), (StatusCode::OK, Some("application/pdf")));
    assert_eq!(pdf.header("content-disposition"), Some("inline; filename=\"v-mire-skazok-ru.pdf\""));
    let text = crate::results::pdf_text(&pdf.bytes);
    let base = app.state.config.public_url.trim_end_matches('/').to_owned();
    let host = base.split_once("://").unwrap().1;
    for expected in [
        "Областная библиотека",
        "В мире сказок",
        "Конкурс для детей",
        "Начало приёма работ: 1 декабря 2026, 09:00",
        "Окончание приёма работ: 31 января 2027, 23:59",
        "Объявление итогов: 20 февраля 2027, 12:00",
        "Часовой пояс: Алматы (UTC+05:00)",
        "Номинации",
        "Чтобы отправить работу, отсканируйте код или наберите ссылку:",
        &format!("{host}/v-mire-skazok"),
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
    // Each nomination's code leads to the submit page with it chosen; the large one to the page.
    let nominations: Vec<i64> = sqlx::query_scalar("SELECT nomination_id FROM nomination ORDER BY position").fetch_all(&app.sql).await.unwrap();
    let mut expected: Vec<String> = nominations.iter().map(|n| format!("{base}/contests/{id}/submit?nomination={n}")).collect();
    expected.push(format!("{base}/contests/{id}/submit"));
    expected.sort();
    assert_eq!(qr_codes(&pdf.bytes), expected);
    // The same in Kazakh, by its readable address.
    let kk = crate::results::pdf_text(&app.get("/contests/v-mire-skazok/poster.pdf?lang=kk", &Jar::default()).await.bytes);
    assert!(kk.contains("Өтінім қабылдау басталады: 1 желтоқсан 2026, 09:00") && kk.contains("Ертегілер әлемінде"), "{kk}");
    // A submit page opened from a nomination's code has it chosen.
    app.clock.set(crate::contests::OPEN_UTC + 3_600);
    let entrant = app.register("parent@mail.kz", "Parent", "correct horse battery").await;
    let submit = app.get(&format!("/contests/{id}/submit?nomination={}", nominations[1]), &entrant).await;
    assert_eq!(submit.select_attr("#nomination option[selected]", "value"), vec![nominations[1].to_string()]);
    assert_eq!(app.get("/contests/no-such-contest/poster.pdf", &Jar::default()).await.status, StatusCode::NOT_FOUND);
}

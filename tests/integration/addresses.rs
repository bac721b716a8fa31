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

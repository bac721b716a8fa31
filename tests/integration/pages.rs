use baiqau_tests::{Jar, T0, TestApp};
use http::{Method, Request, StatusCode, header};

fn lang_jar(code: &str) -> Jar {
    Jar { lang: Some(code.to_owned()), ..Jar::default() }
}

#[tokio::test]
async fn home_page_is_kazakh_by_default_and_follows_cookie_then_accept_language() {
    let app = TestApp::new().await;
    let kk = app.get("/", &Jar::default()).await;
    assert_eq!(kk.status, StatusCode::OK);
    assert_eq!(kk.select_attr("html", "lang"), vec!["kk"]);
    assert_eq!(kk.select_text("h1"), vec!["Байқаулар"]);
    assert_eq!(kk.select_text(".empty"), vec!["Әзірге жарияланған байқау жоқ. Кейінірек кіріңіз."]);

    let ru = app.get("/", &lang_jar("ru")).await;
    assert_eq!(ru.select_attr("html", "lang"), vec!["ru"]);
    assert_eq!(ru.select_text("h1"), vec!["Конкурсы"]);

    let en = app
        .send(Request::builder().uri("/").header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9,ru;q=0.5").body("".into()).unwrap())
        .await;
    assert_eq!(en.select_attr("html", "lang"), vec!["en"]);
    assert_eq!(en.select_text("h1"), vec!["Contests"]);
}

#[tokio::test]
async fn tampered_language_cookie_and_junk_accept_language_fall_back_cleanly() {
    let app = TestApp::new().await;
    for bad in ["../../x", "zz", "ru%00", &"a".repeat(10_240)] {
        let res = app
            .send(
                Request::builder()
                    .uri("/")
                    .header(header::COOKIE, format!("baiqau_lang={bad}"))
                    .header(header::ACCEPT_LANGUAGE, ";;;q=abc,**")
                    .body("".into())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{bad}");
        assert_eq!(res.select_attr("html", "lang"), vec!["kk"], "{bad}");
    }
}

#[tokio::test]
async fn language_switch_sets_cookie_and_returns_to_same_page() {
    let app = TestApp::new().await;
    let res = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/lang")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body("lang=en&next=%2Flogin%3Freset%3D1".into())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.header("location"), Some("/login?reset=1"));
    assert_eq!(res.cookie("baiqau_lang").as_deref(), Some("en"));

    for (next, expected) in [("https://evil.example/", "/"), ("//evil.example", "/"), ("/\\evil", "/"), ("/\t/evil.example", "/"), ("/\n/evil.example", "/"), ("/\r/x", "/"), ("/ /evil.example", "/")] {
        let body = format!("lang=ru&next={}", baiqau_tests::serde_urlencoded_encode(&[("x", next)]).trim_start_matches("x="));
        let res = app
            .send(
                Request::builder()
                    .method(Method::POST)
                    .uri("/lang")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body.into())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.header("location"), Some(expected), "{next}");
    }
    let bad = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/lang")
                .header("content-type", "application/x-www-form-urlencoded")
                .body("lang=xx&next=/".into())
                .unwrap(),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.cookie("baiqau_lang"), None);
}

#[tokio::test]
async fn unknown_page_is_a_translated_404() {
    let app = TestApp::new().await;
    let res = app.get("/no/such/page", &lang_jar("ru")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.select_text("h1"), vec!["Страница не найдена"]);
    let res = app.get("/no/such/page", &lang_jar("kk")).await;
    assert_eq!(res.select_text("h1"), vec!["Бет табылмады"]);
}

#[tokio::test]
async fn demo_contests_are_listed_by_phase_with_fallback_titles() {
    let app = TestApp::new().await;
    let created = app::service::demo::load(&app.state, baiqau_tests::T0).await.unwrap();
    assert_eq!(created.iter().filter(|a| a.password.is_some()).count(), 3);
    let again = app::service::demo::load(&app.state, baiqau_tests::T0).await.unwrap();
    assert_eq!(again.iter().filter(|a| a.password.is_some()).count(), 0, "a second run changes nothing");
    assert_eq!(app.count("SELECT COUNT(*) FROM contest").await, 4);

    let ru = app.get("/", &lang_jar("ru")).await;
    assert_eq!(
        ru.select_text(".card h2"),
        vec!["В мире сказок и волшебства", "Краеведение Восточного Казахстана", "Уа, Қабанбай, көзелім", "Великие личности Великой степи"]
    );
    assert_eq!(ru.select_text(".count"), vec!["4 конкурса"]);
    // One open now, one announced, one in judging, one with results due.
    assert_eq!(ru.select_text(".card .phase"), vec!["Приём работ", "Объявлен", "Оценивание", "Итоги"]);
    let en = app.get("/", &lang_jar("en")).await;
    // The republican contest has no English title: the Kazakh one stands in, marked with its language.
    assert_eq!(en.select_text(".card h2")[2], "Уа, Қабанбай, көзелім");
    assert_eq!(en.select_attr(".card h2 span[lang]", "lang"), vec!["en", "en", "kk", "en"]);

    // Age groups named with their range are not followed by it again; others are.
    let id: String = sqlx::query_scalar("SELECT public_id FROM contest WHERE title_en = 'In the world of fairy tales and magic'").fetch_one(&app.sql).await.unwrap();
    let kk = app.get(&format!("/contests/{id}"), &lang_jar("kk")).await;
    assert_eq!(kk.select_text(".age-groups li"), vec!["6–9 жас", "10–14 жас"]);
    let id: String = sqlx::query_scalar("SELECT public_id FROM contest WHERE title_en = 'Local history of East Kazakhstan'").fetch_one(&app.sql).await.unwrap();
    let en = app.get(&format!("/contests/{id}"), &lang_jar("en")).await;
    assert_eq!(en.select_text(".age-groups li"), vec!["Pupils (10–17)", "Adults (18+): ages 18–120"]);
}

#[tokio::test]
async fn user_text_is_escaped_in_server_rendered_pages() {
    let app = TestApp::new().await;
    let name = r#""><img src=x onerror=alert(1)><script>alert(2)</script>"#;
    let jar = app.register("xss@mail.kz", name, "correct horse battery").await;
    let page = app.get("/account", &jar).await;
    assert_eq!(page.select_text(".account-name"), vec![name]);
    assert_eq!(page.select_attr("img[src=x]", "onerror"), Vec::<String>::new());
    assert!(!page.body.contains("<script>alert(2)"));
}

#[tokio::test]
async fn account_page_asks_anonymous_visitors_to_log_in() {
    let app = TestApp::new().await;
    let res = app.get("/account", &lang_jar("en")).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.select_text(".form-error"), vec!["Log in or register to continue: you will come back to this page afterwards."]);
    assert_eq!(res.select_attr("main a.button", "href"), vec!["/login?next=/account", "/register?next=/account"]);
}

#[tokio::test]
async fn account_page_serializes_each_resource_once_under_concurrent_loads() {
    // A resource created inside a `Suspend` was created a second time (under another id)
    // whenever the server ran that `Suspend` again, which timing decides; the browser then
    // hydrated against the first copy — sometimes an error the page never showed — and the
    // page died ("unreachable" in tachys). The page must send exactly what the browser reads.
    let app = TestApp::new().await;
    let jar = app.register("tabs@mail.kz", "Many Tabs", "correct horse battery").await;
    for _ in 0..5 {
        let pages = futures_util::future::join_all((0..20).map(|_| app.get("/account", &jar))).await;
        for page in pages {
            assert_eq!(page.status, StatusCode::OK);
            assert_eq!(page.select_text(".session .device").len(), 1);
            // The signed-in account, the sessions list, two-step login, Telegram (none here),
            // the data policy and what to do next: six resources.
            assert_eq!(page.body.matches("__RESOLVED_RESOURCES[").count(), 6, "{}", page.body);
            assert!(!page.body.contains(r#"\"Err\""#), "{}", page.body);
        }
    }
}

#[tokio::test]
async fn pages_a_browser_may_not_see_answer_with_the_status_that_says_why() {
    // Answered 200 with a "no permission" text to `Accept: text/html` (every browser) before.
    let app = TestApp::new().await;
    app::service::demo::load(&app.state, T0).await.unwrap();
    let entrant = app.register("parent@mail.kz", "Parent", "correct horse battery").await;
    let judge = app.account_with_role("judge@lib.kz", app::domain::Role::Judge).await;
    let contest: String = sqlx::query_scalar("SELECT public_id FROM contest ORDER BY contest_id LIMIT 1").fetch_one(&app.sql).await.unwrap();
    let admin_pages = [
        "/admin/contests".to_owned(),
        "/admin/accounts".to_owned(),
        "/admin/audit".to_owned(),
        format!("/admin/contests/{contest}"),
        format!("/admin/contests/{contest}/entries"),
        format!("/admin/contests/{contest}/judging"),
        format!("/admin/contests/{contest}/results"),
    ];
    for path in &admin_pages {
        assert_eq!(app.get(path, &Jar::default()).await.status, StatusCode::UNAUTHORIZED, "anonymous {path}");
        assert_eq!(app.get(path, &entrant).await.status, StatusCode::FORBIDDEN, "entrant {path}");
        assert_eq!(app.get(path, &judge).await.status, StatusCode::FORBIDDEN, "judge {path}");
    }
    for path in ["/account", "/me/entries", "/me/participants", "/judge"] {
        assert_eq!(app.get(path, &Jar::default()).await.status, StatusCode::UNAUTHORIZED, "anonymous {path}");
    }
    assert_eq!(app.get("/contests/no-such-contest", &entrant).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/contests/{contest}"), &Jar::default()).await.status, StatusCode::OK);
}

/// Pages travel compressed (brotli or gzip, as the browser accepts), decode to the same page,
/// and are revalidated, never kept as they are: they depend on who is signed in.
#[tokio::test]
async fn pages_are_compressed_as_the_browser_accepts_and_revalidated() {
    use std::io::Read as _;
    let app = TestApp::new().await;
    let get = |encoding: &'static str| {
        let req = Request::builder().method(Method::GET).uri("/login").header(header::ACCEPT, "text/html");
        let req = if encoding.is_empty() { req } else { req.header(header::ACCEPT_ENCODING, encoding) };
        app.send(req.body(axum::body::Body::empty()).unwrap())
    };
    let plain = get("").await;
    assert_eq!((plain.status, plain.header("content-encoding")), (StatusCode::OK, None));
    assert_eq!(plain.header("cache-control"), Some("no-cache"));
    let h1 = plain.select_text("h1");
    assert_eq!(h1.len(), 1);

    let br = get("gzip, deflate, br").await;
    assert_eq!((br.status, br.header("content-encoding")), (StatusCode::OK, Some("br")));
    assert!(br.header("vary").unwrap_or_default().to_lowercase().contains("accept-encoding"));
    assert_eq!(br.header("cache-control"), Some("no-cache"));
    let mut html = String::new();
    brotli_decompressor::Decompressor::new(br.bytes.as_slice(), 4096).read_to_string(&mut html).unwrap();
    assert!(br.bytes.len() * 2 < html.len(), "{} compressed bytes for {}", br.bytes.len(), html.len());
    let page = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("h1").unwrap();
    assert_eq!(page.select(&sel).map(|e| e.text().collect::<String>().trim().to_owned()).collect::<Vec<_>>(), h1);

    let gz = get("gzip").await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    let mut html = String::new();
    flate2::read::GzDecoder::new(gz.bytes.as_slice()).read_to_string(&mut html).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains(&h1[0]), "{html}");
}

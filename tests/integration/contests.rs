use app::domain::Role;
use baiqau_tests::{Jar, T0, TestApp, TestResponse};
use http::StatusCode;
use serde_json::json;

pub(crate) fn ok(res: &TestResponse) {
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

fn lang(code: &str, jar: &Jar) -> Jar {
    Jar { session: jar.session.clone(), lang: Some(code.into()), ..Jar::default() }
}

/// T0 is 2026-11-26 14:00 in Almaty. The contest opens on 1 December and closes on
/// 31 January at 23:59 local time.
const OPEN: &str = "2026-12-01T09:00";
const CLOSE: &str = "2027-01-31T23:59";
pub(crate) const OPEN_UTC: i64 = 1_796_097_600; // 2026-12-01T04:00:00Z
pub(crate) const CLOSE_UTC: i64 = 1_801_421_940; // 2027-01-31T18:59:00Z

async fn new_contest(app: &TestApp, admin: &Jar, title_ru: &str) -> String {
    ok(&app.call("admin_create_contest", &[("title_kk", ""), ("title_ru", title_ru), ("title_en", ""), ("level", "regional")], admin).await);
    sqlx::query_scalar("SELECT public_id FROM contest ORDER BY contest_id DESC LIMIT 1").fetch_one(&app.sql).await.unwrap()
}

/// A contest with two nominations, two age groups, all pairs open, three criteria.
pub(crate) async fn full_contest(app: &TestApp, admin: &Jar) -> String {
    let id = new_contest(app, admin, "В мире сказок").await;
    ok(&app
        .call(
            "admin_save_basics",
            &[
                ("contest", &id),
                ("title_kk", "Ертегілер әлемінде"),
                ("title_ru", "В мире сказок"),
                ("title_en", "In the world of fairy tales"),
                ("description_kk", "Балаларға арналған байқау"),
                ("description_ru", "Конкурс для детей"),
                ("description_en", ""),
                ("rules_kk", "Ережелер"),
                ("rules_ru", "Положение конкурса"),
                ("rules_en", ""),
                ("level", "regional"),
                ("organiser_name", "Областная библиотека"),
                ("organiser_contacts", "+7 7232 00 00 00"),
                ("rubric_public", "on"),
            ],
            admin,
        )
        .await);
    ok(&app
        .call(
            "admin_save_timeline",
            &[
                ("contest", &id),
                ("time_zone", "Asia/Almaty"),
                ("open", OPEN),
                ("close", CLOSE),
                ("judging_end", "2027-02-15T23:59"),
                ("results", "2027-02-20T12:00"),
                ("age_cutoff", "2027-01-01"),
            ],
            admin,
        )
        .await);
    for (kk, ru, kind) in [("Сурет", "Рисунок", "kind_image"), ("Ертегі", "Сказка", "kind_pdf")] {
        ok(&app
            .call(
                "admin_save_nomination",
                &[
                    ("contest", &id),
                    ("nomination", ""),
                    ("name_kk", kk),
                    ("name_ru", ru),
                    ("name_en", ""),
                    (kind, "on"),
                    ("max_file_mb", "20"),
                    ("max_files", "3"),
                    ("max_entries", "1"),
                ],
                admin,
            )
            .await);
    }
    for (name, min, max) in [("6–9", "6", "9"), ("10–14", "10", "14")] {
        ok(&app
            .call("admin_save_age_group", &[("contest", &id), ("age_group", ""), ("name_kk", name), ("name_ru", name), ("name_en", ""), ("min_age", min), ("max_age", max)], admin)
            .await);
    }
    let pairs: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT n.nomination_id, a.age_group_id FROM nomination n JOIN age_group a USING (contest_id)
         JOIN contest c USING (contest_id) WHERE c.public_id = $1",
    )
    .bind(&id)
    .fetch_all(&app.sql)
        .await
        .unwrap();
    let mut form = vec![("contest".to_owned(), id.clone())];
    form.extend(pairs.iter().map(|(n, a)| ("pairs[]".to_owned(), format!("{n}:{a}"))));
    let form_ref: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    ok(&app.call("admin_save_matrix", &form_ref, admin).await);
    for (ru, weight) in [("Раскрытие темы", "3"), ("Творчество", "4"), ("Исполнение", "3")] {
        ok(&app.call("admin_save_criterion", &criterion(&id, "", ru, "10", weight), admin).await);
    }
    ok(&app.call("admin_save_scoring", &[("contest", &id), ("aggregation", "trimmed_mean"), ("tie1", "2"), ("tie2", "1"), ("tie3", "")], admin).await);
    ok(&app
        .call(
            "admin_save_awards",
            &[("contest", &id), ("grand_prix", "contest"), ("first", "1"), ("second", "2"), ("third", "3"), ("mentions", "2"), ("certificates", "on"), ("min_score", "40")],
            admin,
        )
        .await);
    id
}

fn criterion<'a>(id: &'a str, criterion: &'a str, ru: &'a str, max: &'a str, weight: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("contest", id),
        ("criterion", criterion),
        ("nomination", ""),
        ("name_kk", ""),
        ("name_ru", ru),
        ("name_en", ""),
        ("description_kk", ""),
        ("description_ru", ""),
        ("description_en", ""),
        ("max_points", max),
        ("weight", weight),
    ]
}

#[tokio::test]
async fn admin_sets_up_and_publishes_a_contest_the_public_then_sees() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = full_contest(&app, &admin).await;

    let row: (String, i64, i64, String, String, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT status, submissions_open_at, submissions_close_at, time_zone, aggregation, first_places, second_places, third_places, min_award_score FROM contest",
    )
    .fetch_one(&app.sql)
    .await
    .unwrap();
    assert_eq!(row, ("draft".into(), OPEN_UTC, CLOSE_UTC, "Asia/Almaty".into(), "trimmed_mean".into(), 1, 2, 3, 40));
    assert_eq!(app.count("SELECT COUNT(*) FROM nomination_age_group").await, 4);
    assert_eq!(app.count("SELECT COUNT(*) FROM criterion WHERE nomination_id IS NULL").await, 3);
    let tie: String = sqlx::query_scalar("SELECT tie_break FROM contest").fetch_one(&app.sql).await.unwrap();
    assert_eq!(tie, "[2,1]");

    // Not public before publication.
    assert_eq!(app.get(&format!("/contests/{id}"), &Jar::default()).await.status, StatusCode::NOT_FOUND);
    ok(&app.call("admin_publish_contest", &[("contest", &id)], &admin).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM contest WHERE status = 'announced'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'contest.publish'").await, 1);

    let ru = app.get(&format!("/contests/{id}"), &lang("ru", &Jar::default())).await;
    assert_eq!(ru.status, StatusCode::OK);
    assert_eq!(ru.select_text("h1"), vec!["В мире сказок"]);
    assert_eq!(ru.select_text(".card-meta .phase"), vec!["Объявлен"]);
    assert_eq!(ru.select_text(".nomination h3"), vec!["Рисунок", "Сказка"]);
    assert_eq!(ru.select_text(".rubric .criterion-name"), vec!["Раскрытие темы", "Творчество", "Исполнение"]);
    assert_eq!(
        ru.select_text(".timeline li"),
        vec![
            "Начало приёма работ 1 декабря 2026, 09:00",
            "Окончание приёма работ 31 января 2027, 23:59",
            "Окончание оценивания 15 февраля 2027, 23:59",
            "Объявление итогов 20 февраля 2027, 12:00",
        ]
    );
    // The zone is named once, by its city, beside the timeline; each time carries its offset.
    assert_eq!(ru.select_text(".zone-note"), vec!["Часовой пояс: Алматы (UTC+05:00)"]);
    assert_eq!(ru.select_attr(".timeline time", "title"), vec!["UTC+05:00"; 4]);
    assert_eq!(ru.select_attr(".timeline time", "datetime").first().map(String::as_str), Some("2026-12-01T04:00Z"));
    // The countdown is rendered by the server: 4 days 19 hours to the opening.
    assert_eq!(ru.select_text(".countdown-value"), vec!["4 дн. 19 ч 00 мин 00 сек"]);
    assert_eq!(ru.select_text(".age-groups li"), vec!["6–9 лет", "10–14 лет"], "a name that is only the range gives way to it");

    let en = app.get(&format!("/contests/{id}"), &lang("en", &Jar::default())).await;
    assert_eq!(en.select_text("h1"), vec!["In the world of fairy tales"]);
    // No English description: the Kazakh one stands in, marked and explained.
    assert_eq!(en.select_attr(".lead", "lang"), vec!["kk"]);
    assert_eq!(en.select_text(".fallback-note").first().map(String::as_str), Some("(This text is only available in another language.)"));
    assert_eq!(en.select_text(".timeline li").first().map(String::as_str), Some("Entries open 1 December 2026, 09:00"));
    assert_eq!(en.select_text(".zone-note"), vec!["Time zone: Almaty (UTC+05:00)"]);
    let kk = app.get(&format!("/contests/{id}"), &lang("kk", &Jar::default())).await;
    assert_eq!(kk.select_text("h1"), vec!["Ертегілер әлемінде"]);
    assert_eq!(kk.select_text(".timeline time"), vec!["1 желтоқсан 2026, 09:00", "31 қаңтар 2027, 23:59", "15 ақпан 2027, 23:59", "20 ақпан 2027, 12:00"]);
    assert_eq!(kk.select_text(".zone-note"), vec!["Уақыт белдеуі: Алматы (UTC+05:00)"]);
    // The list: the zone once above the cards, and the next date in words from the server's clock.
    for (code, when, zone) in [("kk", "4 күннен кейін", "Уақыт белдеуі: Алматы (UTC+05:00)"), ("ru", "через 4 дня", "Часовой пояс: Алматы (UTC+05:00)"), ("en", "in 4 days", "Time zone: Almaty (UTC+05:00)")] {
        let home = app.get("/", &lang(code, &Jar::default())).await;
        assert_eq!(home.select_text(".card-date .relative"), vec![when], "{code}");
        assert_eq!(home.select_text(".zone-note"), vec![zone], "{code}");
    }
    assert_eq!(kk.select_text(".nomination h3"), vec!["Сурет", "Ертегі"]);
}

#[tokio::test]
async fn draft_is_invisible_to_the_public_entrants_and_the_list() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let entrant = app.register("parent@mail.kz", "Parent", "correct horse battery").await;
    let id = full_contest(&app, &admin).await;
    for jar in [&Jar::default(), &entrant] {
        let page = app.get(&format!("/contests/{id}"), jar).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(!page.body.contains("В мире сказок"));
        let api = app.call("get_contest", &[("public_id", &id)], jar).await;
        assert_eq!(api.status, StatusCode::NOT_FOUND);
        assert_eq!(api.body, r#""NotFound""#);
        let list = app.call("list_contests", &[], jar).await;
        let mut body = list.json();
        assert!(body["now"].as_i64().is_some_and(|now| now > 0), "{body}");
        body.as_object_mut().unwrap().remove("now");
        assert_eq!(body, json!({"items": [], "total": 0, "page": 1, "pages": 1}));
    }
    let preview = app.get(&format!("/contests/{id}"), &lang("en", &admin)).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(preview.select_text(".notice.warn"), vec!["This is a draft: only admins can see it."]);
}

#[tokio::test]
async fn rubric_edits_after_judging_starts_are_refused_and_nothing_is_written() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = full_contest(&app, &admin).await;
    ok(&app.call("admin_publish_contest", &[("contest", &id)], &admin).await);
    let crit: String = sqlx::query_scalar("SELECT CAST(MIN(criterion_id) AS TEXT) FROM criterion").fetch_one(&app.sql).await.unwrap();

    // One second before the close: still editable. (Two months on, the admin logs in again.)
    app.clock.set(CLOSE_UTC - 1);
    let mut admin = Jar::default();
    admin.absorb(&app.login("admin@lib.kz", "correct horse battery").await);
    ok(&app.call("admin_save_criterion", &criterion(&id, &crit, "Тема", "10", "5"), &admin).await);
    // At the close judging starts and the rubric freezes.
    app.clock.set(CLOSE_UTC);
    let before: Vec<(String, i64)> = sqlx::query_as("SELECT name_ru, weight FROM criterion ORDER BY criterion_id").fetch_all(&app.sql).await.unwrap();
    let res = app.call("admin_save_criterion", &criterion(&id, &crit, "Другое", "20", "9"), &admin).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.json(), json!({"Refused": "ErrFrozen"}));
    assert_eq!(app.call("admin_save_criterion", &criterion(&id, "", "Новый", "10", "1"), &admin).await.json(), json!({"Refused": "ErrFrozen"}));
    assert_eq!(app.call("admin_delete_criterion", &[("contest", &id), ("criterion", &crit)], &admin).await.json(), json!({"Refused": "ErrFrozen"}));
    assert_eq!(app.call("admin_save_scoring", &[("contest", &id), ("aggregation", "median")], &admin).await.json(), json!({"Refused": "ErrFrozen"}));
    let nom: String = sqlx::query_scalar("SELECT CAST(MIN(nomination_id) AS TEXT) FROM nomination").fetch_one(&app.sql).await.unwrap();
    assert_eq!(app.call("admin_delete_nomination", &[("contest", &id), ("nomination", &nom)], &admin).await.json(), json!({"Refused": "ErrFrozen"}));
    let after: Vec<(String, i64)> = sqlx::query_as("SELECT name_ru, weight FROM criterion ORDER BY criterion_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(after, before);
    assert_eq!(before[0], ("Тема".into(), 5));
    assert_eq!(app.count("SELECT COUNT(*) FROM contest WHERE aggregation = 'trimmed_mean'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM nomination").await, 2);
    let page = app.get(&format!("/admin/contests/{id}"), &lang("ru", &admin)).await;
    assert_eq!(page.select_text(".notice.warn"), vec!["Оценивание началось: критерии, метод и номинации больше не меняются."]);
}

#[tokio::test]
async fn timeline_out_of_order_is_refused_field_by_field_and_nothing_is_written() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = new_contest(&app, &admin, "Конкурс").await;
    let form = |open: &'static str, close: &'static str, zone: &'static str| {
        vec![("time_zone", zone), ("open", open), ("close", close), ("judging_end", "2027-02-15T23:59"), ("results", "2027-02-20T12:00"), ("age_cutoff", "")]
    };
    let mut f = form(OPEN, "2026-11-30T10:00", "Asia/Almaty");
    f.push(("contest", &id));
    let res = app.call("admin_save_timeline", &f, &admin).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json(), json!({"Validation": [{"field": "close", "msg": "ErrCloseNotAfterOpen"}]}));
    let mut f = form("2026-02-30T10:00", CLOSE, "Mars/Olympus");
    f.push(("contest", &id));
    assert_eq!(app.call("admin_save_timeline", &f, &admin).await.json(), json!({"Validation": [{"field": "time_zone", "msg": "ErrTimeZone"}]}));
    let mut f = form("2026-02-30T10:00", CLOSE, "Asia/Almaty");
    f.push(("contest", &id));
    assert_eq!(app.call("admin_save_timeline", &f, &admin).await.json(), json!({"Validation": [{"field": "open", "msg": "ErrDateTime"}]}));
    assert_eq!(app.count("SELECT COUNT(*) FROM contest WHERE submissions_open_at IS NULL AND submissions_close_at IS NULL").await, 1);
    // A contest without a timeline cannot be published.
    assert_eq!(app.call("admin_publish_contest", &[("contest", &id)], &admin).await.json(), json!({"Refused": "ErrPublishIncomplete"}));
    assert_eq!(app.count("SELECT COUNT(*) FROM contest WHERE status = 'draft'").await, 1);
}

#[tokio::test]
async fn unknown_fields_in_admin_forms_are_refused_and_nothing_is_written() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = new_contest(&app, &admin, "Конкурс").await;
    let mut form = vec![
        ("contest", id.as_str()),
        ("title_kk", ""),
        ("title_ru", "Взломанный"),
        ("title_en", ""),
        ("description_kk", ""),
        ("description_ru", ""),
        ("description_en", ""),
        ("rules_kk", ""),
        ("rules_ru", ""),
        ("rules_en", ""),
        ("level", "republican"),
        ("organiser_name", ""),
        ("organiser_contacts", ""),
    ];
    form.push(("status", "announced"));
    let res = app.call("admin_save_basics", &form, &admin).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.body, r#""BadRequest""#);
    let row: (String, String, String) = sqlx::query_as("SELECT title_ru, status, level FROM contest").fetch_one(&app.sql).await.unwrap();
    assert_eq!(row, ("Конкурс".into(), "draft".into(), "regional".into()));
}

#[tokio::test]
async fn judges_and_entrants_are_refused_every_admin_function_and_nothing_changes() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = full_contest(&app, &admin).await;
    let judge = app.account_with_role("judge@lib.kz", Role::Judge).await;
    let entrant = app.register("parent@mail.kz", "Parent", "correct horse battery").await;
    let audit_before = app.count("SELECT COUNT(*) FROM audit_log").await;
    let admin_paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p).filter(|p| p.starts_with("/api/admin_")).collect();
    assert!(admin_paths.len() >= 20, "{admin_paths:?}");
    // Every admin function has its accepted fields on record, so unknown ones are refused.
    let strict: Vec<&str> = app::api::strict::registry().into_iter().map(|(p, _)| p).collect();
    let unchecked: Vec<&&str> = admin_paths.iter().filter(|p| !strict.contains(p)).collect();
    assert_eq!(unchecked, Vec::<&&str>::new(), "admin functions missing from api::strict::registry");
    for path in admin_paths {
        let endpoint = path.trim_start_matches("/api/");
        for (who, jar) in [("judge", &judge), ("entrant", &entrant)] {
            let res = app.call(endpoint, &[("contest", &id), ("title_ru", "x"), ("level", "school")], jar).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{who} calling {path}: {}", res.body);
        }
        let res = app.call(endpoint, &[("contest", &id)], &Jar::default()).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "anonymous calling {path}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM contest").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM contest WHERE status = 'draft'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log").await, audit_before);
    // Their pages show no admin data either.
    let page = app.get(&format!("/admin/contests/{id}"), &entrant).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "a browser asking gets the same status as a script");
    assert!(!page.body.contains("Областная библиотека"));
    assert_eq!(page.select_text(".form-error"), vec!["Бұл әрекетке рұқсатыңыз жоқ."]);
}

#[tokio::test]
async fn copy_keeps_everything_but_dates_and_makes_a_draft() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = full_contest(&app, &admin).await;
    ok(&app.call("admin_publish_contest", &[("contest", &id)], &admin).await);
    // Settings the organisers changed from their defaults travel with the copy; the
    // gallery's date does not (a copy has no dates).
    sqlx::query(
        "UPDATE contest SET blind = FALSE, judges_see_colleagues = TRUE, disagreement_pct = 40, name_display = 'full', show_comments = FALSE,
           appeal_days = 5, gallery = 'date', gallery_opens_at = 1800000000",
    )
    .execute(&app.sql)
    .await
    .unwrap();
    let res = app.call("admin_copy_contest", &[("contest", &id)], &admin).await;
    ok(&res);
    let settings: (String, String, i64, String, String, i64, String, Option<i64>) = sqlx::query_as(
        "SELECT CASE WHEN blind THEN 'blind' ELSE 'open' END, CASE WHEN judges_see_colleagues THEN 'see' ELSE 'alone' END, disagreement_pct,
           name_display, CASE WHEN show_comments THEN 'comments' ELSE 'none' END, appeal_days, gallery, gallery_opens_at
         FROM contest WHERE copied_from IS NOT NULL",
    )
    .fetch_one(&app.sql)
    .await
    .unwrap();
    let s = |x: &str| x.to_owned();
    assert_eq!(settings, (s("open"), s("see"), 40, s("full"), s("none"), 5, s("date"), None));
    let copy: (String, String, Option<String>, Option<i64>, Option<i64>, String, i64) = sqlx::query_as(
        "SELECT public_id, status, title_ru, submissions_open_at, results_at, aggregation, second_places FROM contest WHERE copied_from IS NOT NULL",
    )
    .fetch_one(&app.sql)
    .await
    .unwrap();
    assert_eq!(res.header("location"), Some(format!("/admin/contests/{}", copy.0).as_str()));
    assert_ne!(copy.0, id);
    assert_eq!((copy.1.as_str(), copy.2.as_deref(), copy.3, copy.4, copy.5.as_str(), copy.6), ("draft", Some("В мире сказок"), None, None, "trimmed_mean", 2));
    for table in ["nomination", "age_group", "criterion"] {
        let per_contest: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table} GROUP BY contest_id ORDER BY contest_id")))
            .fetch_all(&app.sql)
            .await
            .unwrap();
        assert_eq!(per_contest.len(), 2, "{table}");
        assert_eq!(per_contest[0], per_contest[1], "{table}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM nomination_age_group").await, 8);
}

#[tokio::test]
async fn only_drafts_can_be_deleted() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let published = full_contest(&app, &admin).await;
    ok(&app.call("admin_publish_contest", &[("contest", &published)], &admin).await);
    let res = app.call("admin_delete_contest", &[("contest", &published)], &admin).await;
    assert_eq!(res.json(), json!({"Refused": "ErrNotDraft"}));
    let draft = full_contest(&app, &admin).await;
    ok(&app.call("admin_delete_contest", &[("contest", &draft)], &admin).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM contest").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM nomination").await, 2, "the draft's nominations went with it");
}

#[tokio::test]
async fn close_early_and_extend_move_the_phase_and_one_entrant_gets_more_time() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    app.register("late@mail.kz", "Late", "correct horse battery").await;
    let id = full_contest(&app, &admin).await;
    ok(&app.call("admin_publish_contest", &[("contest", &id)], &admin).await);
    assert_eq!(app.call("admin_close_early", &[("contest", &id)], &admin).await.json(), json!({"Refused": "ErrWrongPhase"}));
    app.clock.set(OPEN_UTC + 86_400);
    ok(&app.call("admin_close_early", &[("contest", &id)], &admin).await);
    let page = app.get(&format!("/contests/{id}"), &lang("en", &Jar::default())).await;
    assert_eq!(page.select_text(".card-meta .phase"), vec!["Judging"]);

    let bad = app.call("admin_extend_deadline", &[("contest", &id), ("new_close", "2027-02-20T10:00")], &admin).await;
    assert_eq!(bad.json(), json!({"Validation": [{"field": "new_close", "msg": "ErrExtendNotLater"}]}));
    ok(&app.call("admin_extend_deadline", &[("contest", &id), ("new_close", "2027-02-07T23:59")], &admin).await);
    let page = app.get(&format!("/contests/{id}"), &lang("en", &Jar::default())).await;
    assert_eq!(page.select_text(".card-meta .phase"), vec!["Open for entries"]);
    assert_eq!(app.count("SELECT COUNT(*) FROM contest WHERE closed_early_at IS NULL AND submissions_close_at = 1802026740").await, 1);

    ok(&app.call("admin_extend_for_entrant", &[("contest", &id), ("email", "late@mail.kz"), ("new_close", "2027-02-10T23:59")], &admin).await);
    let nobody = app.call("admin_extend_for_entrant", &[("contest", &id), ("email", "nobody@mail.kz"), ("new_close", "2027-02-10T23:59")], &admin).await;
    assert_eq!(nobody.json(), json!({"Validation": [{"field": "email", "msg": "ErrNoSuchAccount"}]}));
    assert_eq!(app.count("SELECT COUNT(*) FROM contest_extension WHERE until_at = 1802285940").await, 1);
}

#[tokio::test]
async fn overlapping_age_groups_are_refused() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = full_contest(&app, &admin).await;
    let res = app
        .call("admin_save_age_group", &[("contest", &id), ("age_group", ""), ("name_kk", "x"), ("name_ru", ""), ("name_en", ""), ("min_age", "9"), ("max_age", "12")], &admin)
        .await;
    assert_eq!(res.json(), json!({"Validation": [{"field": "min_age", "msg": "ErrAgeOverlap"}]}));
    let res = app
        .call("admin_save_age_group", &[("contest", &id), ("age_group", ""), ("name_kk", "x"), ("name_ru", ""), ("name_en", ""), ("min_age", "15"), ("max_age", "12")], &admin)
        .await;
    assert_eq!(res.json(), json!({"Validation": [{"field": "max_age", "msg": "ErrAgeRange"}]}));
    assert_eq!(app.count("SELECT COUNT(*) FROM age_group").await, 2);
}

#[tokio::test]
async fn script_in_contest_texts_is_shown_as_text() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = new_contest(&app, &admin, "</title><script>alert('x')</script>").await;
    let page = app.get(&format!("/admin/contests/{id}"), &admin).await;
    assert_eq!(page.select_text("h1"), vec!["</title><script>alert('x')</script>"]);
    assert_eq!(page.select_text("title"), vec!["</title><script>alert('x')</script> · Baiqau"]);
    assert!(!page.body.contains("<script>alert('x')"));
    let list = app.get("/admin/contests", &admin).await;
    assert!(!list.body.contains("<script>alert('x')"));
}

#[tokio::test]
async fn public_list_filters_by_level_and_time() {
    let app = TestApp::new().await;
    app::service::demo::load(&app.state, T0).await.unwrap();
    let titles = |res: &TestResponse| res.select_text(".card h2");
    let ru = Jar { lang: Some("ru".into()), ..Jar::default() };
    assert_eq!(titles(&app.get("/?level=republican", &ru).await), vec!["Уа, Қабанбай, көзелім"]);
    assert_eq!(titles(&app.get("/?when=upcoming", &ru).await), vec!["Краеведение Восточного Казахстана"]);
    assert_eq!(titles(&app.get("/?when=current", &ru).await), vec!["В мире сказок и волшебства", "Уа, Қабанбай, көзелім"]);
    assert_eq!(titles(&app.get("/?when=past", &ru).await), vec!["Великие личности Великой степи"]);
    let none = app.get("/?level=international", &ru).await;
    assert_eq!(none.select_text(".empty"), vec!["Нет конкурсов, подходящих под выбранные условия."]);
    // Junk filters are ignored, not errors.
    assert_eq!(titles(&app.get("/?level=%3Cscript%3E&when=zz", &ru).await).len(), 4);
}

/// A multipart body with one file field `poster`.
fn multipart(bytes: &[u8], filename: &str) -> (String, Vec<u8>) {
    let boundary = "----baiqau-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"poster\"; filename=\"{filename}\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &TestApp, id: &str, jar: &Jar, bytes: &[u8], filename: &str) -> TestResponse {
    let (content_type, body) = multipart(bytes, filename);
    let mut req = http::Request::builder()
        .method("POST")
        .uri(format!("/admin/contests/{id}/poster"))
        .header("content-type", content_type)
        .header("sec-fetch-site", "same-origin");
    if let Some(s) = &jar.session {
        req = req.header("cookie", format!("baiqau_session={s}"));
    }
    app.send(req.body(body.into()).unwrap()).await
}

/// A small real PNG (3 × 2): posters are decoded to make their copies.
fn png() -> Vec<u8> {
    let img = image::RgbaImage::from_fn(3, 2, |x, y| image::Rgba([u8::try_from(x * 80).unwrap(), u8::try_from(y * 120).unwrap(), 60, 255]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(img).write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

#[tokio::test]
async fn poster_is_checked_by_content_stored_under_a_random_name_and_served_safely() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = new_contest(&app, &admin, "Конкурс").await;

    // HTML named .png, and a PDF: refused whatever they claim, nothing stored.
    for (bytes, name) in [(&b"<html><script>alert(1)</script></html>"[..], "poster.png"), (&b"%PDF-1.7\n..."[..], "../../etc/passwd")] {
        let res = upload(&app, &id, &admin, bytes, name).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert_eq!(res.header("location"), Some(format!("/admin/contests/{id}?poster_error=type#basics").as_str()));
    }
    assert!(app.stored_keys("posters").await.is_empty());
    assert_eq!(app.count("SELECT COUNT(*) FROM contest WHERE poster_file IS NOT NULL").await, 0);

    let res = upload(&app, &id, &admin, &png(), "Афиша «финал».png").await;
    assert_eq!(res.header("location"), Some(format!("/admin/contests/{id}?saved=poster#basics").as_str()));
    let file: String = sqlx::query_scalar("SELECT poster_file FROM contest").fetch_one(&app.sql).await.unwrap();
    assert!(file.ends_with(".png") && !file.contains("Афиша"), "{file}");
    assert_eq!(app.state.storage.read(&format!("posters/{file}")).await.unwrap(), png(), "the original is kept as sent");

    let served = app.get(&format!("/posters/{file}"), &Jar::default()).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.header("content-type"), Some("image/png"));
    assert_eq!(served.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(served.header("content-security-policy"), Some("default-src 'none'; sandbox"));
    for bad in ["..%2F..%2Fbaiqau.db", "x.svg", "baiqau.db"] {
        assert_eq!(app.get(&format!("/posters/{bad}"), &Jar::default()).await.status, StatusCode::NOT_FOUND, "{bad}");
    }
    let stem = file.strip_suffix(".png").unwrap();
    let page = app.get(&format!("/admin/contests/{id}"), &admin).await;
    assert_eq!(page.select_attr("img.poster-preview", "src"), vec![format!("/posters/{stem}-card.jpg")]);

    // A new poster replaces the old file and its copies.
    upload(&app, &id, &admin, &png(), "second.png").await;
    let second: String = sqlx::query_scalar("SELECT poster_file FROM contest").fetch_one(&app.sql).await.unwrap();
    let stem = second.strip_suffix(".png").unwrap();
    let mut kept = vec![format!("posters/{second}")];
    kept.extend(["-card.jpg", "-og.jpg", "-icon.png", "-page.jpg"].map(|s| format!("posters/{stem}{s}")));
    kept.sort();
    assert_eq!(app.stored_keys("posters").await, kept);
}

/// A large photo as a poster: 3000 × 2000, a gradient (so that it does not compress away).
fn photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(3000, 2000, |x, y| image::Rgb([u8::try_from(x % 256).unwrap(), u8::try_from(y % 256).unwrap(), 90]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img).write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Jpeg).unwrap();
    out
}

#[tokio::test]
async fn a_poster_is_copied_for_phones_social_previews_and_the_contests_icon() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = full_contest(&app, &admin).await;
    let original = photo();
    assert_eq!(upload(&app, &id, &admin, &original, "afisha.jpg").await.header("location"), Some(format!("/admin/contests/{id}?saved=poster#basics").as_str()));
    let file: String = sqlx::query_scalar("SELECT poster_file FROM contest").fetch_one(&app.sql).await.unwrap();
    let stem = file.strip_suffix(".jpg").unwrap();
    let size = |bytes: &[u8]| image::load_from_memory(bytes).map(|i| (i.width(), i.height())).unwrap();
    for (suffix, expected, kind) in [("-card.jpg", (640, 427), "image/jpeg"), ("-page.jpg", (1280, 853), "image/jpeg"), ("-og.jpg", (1200, 630), "image/jpeg"), ("-icon.png", (64, 64), "image/png")] {
        let copy = app.get(&format!("/posters/{stem}{suffix}"), &Jar::default()).await;
        assert_eq!((copy.status, copy.header("content-type"), size(&copy.bytes)), (StatusCode::OK, Some(kind), expected), "{suffix}");
        assert!(copy.bytes.len() < original.len() / 2, "{suffix}: {} bytes of {}", copy.bytes.len(), original.len());
    }
    // Cards and the page take the small copies; a phone picks by its width.
    ok(&app.call("admin_publish_contest", &[("contest", id.as_str())], &admin).await);
    let home = app.get("/", &Jar::default()).await;
    assert_eq!(home.select_attr(".card-poster", "src"), vec![format!("/posters/{stem}-card.jpg")]);
    assert_eq!(home.select_attr(".card-poster", "srcset"), vec![format!("/posters/{stem}-card.jpg 640w, /posters/{stem}-page.jpg 1280w")]);
    let page = app.get(&format!("/contests/{id}"), &Jar::default()).await;
    assert_eq!(page.select_attr("img.poster", "src"), vec![format!("/posters/{stem}-page.jpg")]);
    // A shared link shows the poster; the tab shows the contest's icon (the last one named).
    let base = app.state.config.public_url.trim_end_matches('/').to_owned();
    assert_eq!(page.select_attr("meta[property='og:image']", "content"), vec![format!("{base}/posters/{stem}-og.jpg")]);
    assert_eq!(page.select_attr("meta[property='og:url']", "content"), vec![format!("{base}/contests/v-mire-skazok")], "the readable address");
    assert_eq!(page.select_attr("meta[property='og:title']", "content"), vec!["Ертегілер әлемінде"]);
    assert_eq!(page.select_attr("meta[name='twitter:card']", "content"), vec!["summary_large_image"]);
    assert_eq!(page.select_attr("link[rel=icon]", "href").last(), Some(&format!("/posters/{stem}-icon.png")));
    // A poster from before copies were made is served in their place.
    for suffix in ["-card.jpg", "-page.jpg", "-og.jpg", "-icon.png"] {
        app.state.storage.delete(&format!("posters/{stem}{suffix}")).await.unwrap();
    }
    let old = app.get(&format!("/posters/{stem}-card.jpg"), &Jar::default()).await;
    assert_eq!((old.status, old.bytes.len()), (StatusCode::OK, original.len()));
}

#[tokio::test]
async fn poster_upload_is_for_admins_only() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = new_contest(&app, &admin, "Конкурс").await;
    let entrant = app.register("parent@mail.kz", "Parent", "correct horse battery").await;
    assert_eq!(upload(&app, &id, &entrant, &png(), "p.png").await.status, StatusCode::FORBIDDEN);
    assert_eq!(upload(&app, &id, &Jar::default(), &png(), "p.png").await.status, StatusCode::UNAUTHORIZED);
    let big = [png(), vec![0u8; 6 * 1024 * 1024]].concat();
    // Over the limit: the body is cut off unread and the admin is told why, in the form.
    let res = upload(&app, &id, &admin, &big, "big.png").await;
    assert_eq!(res.header("location"), Some(format!("/admin/contests/{id}?poster_error=size#basics").as_str()));
    let page = app.get(&format!("/admin/contests/{id}?poster_error=size"), &Jar { session: admin.session.clone(), lang: Some("en".into()), ..Jar::default() }).await;
    assert_eq!(page.select_text("#poster .form-error"), vec!["The file is larger than 5 MB."]);
    assert_eq!(app.count("SELECT COUNT(*) FROM contest WHERE poster_file IS NOT NULL").await, 0);
}

#[tokio::test]
async fn public_list_pages_by_twenty_four_keeping_filters() {
    let app = TestApp::new().await;
    app::service::demo::load(&app.state, T0).await.unwrap();
    // 26 more copies of the open contest, published.
    let id: String = sqlx::query_scalar("SELECT public_id FROM contest WHERE title_ru = 'В мире сказок и волшебства'").fetch_one(&app.sql).await.unwrap();
    let source: app::domain::ContestId = sqlx::query_scalar("SELECT contest_id FROM contest WHERE public_id = $1").bind(&id).fetch_one(&app.sql).await.unwrap();
    for i in 0..26 {
        let copy = app::backend::db::contests::copy(&app.state.db, source, &format!("copy{i:02}"), T0).await.unwrap();
        sqlx::query("UPDATE contest SET status = 'announced', submissions_open_at = (SELECT submissions_open_at FROM contest WHERE contest_id = $1), submissions_close_at = (SELECT submissions_close_at FROM contest WHERE contest_id = $2), judging_end_at = (SELECT judging_end_at FROM contest WHERE contest_id = $3), results_at = (SELECT results_at FROM contest WHERE contest_id = $4) WHERE contest_id = $5")
            .bind(source).bind(source).bind(source).bind(source).bind(copy)
            .execute(&app.sql).await.unwrap();
    }
    let en = Jar { lang: Some("en".into()), ..Jar::default() };
    let first = app.get("/?when=current", &en).await;
    assert_eq!(first.select_text(".count"), vec!["28 contests"]);
    assert_eq!(first.select_text(".card h2").len(), 24);
    assert_eq!(first.select_text(".pager-status"), vec!["Page 1 of 2"]);
    assert_eq!(first.select_attr(".pager a[rel=next]", "href"), vec!["/?when=current&page=2"]);
    let second = app.get("/?when=current&page=2", &en).await;
    assert_eq!(second.select_text(".card h2").len(), 4);
    assert_eq!(second.select_attr(".pager a[rel=prev]", "href"), vec!["/?when=current&page=1"]);
    // Out-of-range and junk page numbers land on a real page.
    assert_eq!(app.get("/?when=current&page=99", &en).await.select_text(".pager-status"), vec!["Page 2 of 2"]);
    assert_eq!(app.get("/?when=current&page=-1", &en).await.select_text(".pager-status"), vec!["Page 1 of 2"]);
}

#[tokio::test]
async fn text_areas_keep_markup_as_text_in_the_contest_editor() {
    // `</textarea>` in a saved text closed the element and the rest was live markup: a meta
    // refresh sent the next admin who opened the editor to another site.
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = full_contest(&app, &admin).await;
    let hostile = |field: &str| format!("{field} </textarea><b class=\"injected\">x</b><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"> &amp; &lt;\n2nd line");
    let fields = ["description_kk", "description_ru", "description_en", "rules_kk", "rules_ru", "rules_en", "organiser_contacts"];
    let values: Vec<String> = fields.iter().map(|f| hostile(f)).collect();
    let mut form: Vec<(&str, &str)> = vec![("contest", &id), ("title_kk", "Ертегілер"), ("title_ru", "Сказки"), ("title_en", ""), ("level", "regional"), ("organiser_name", "Кітапхана")];
    form.extend(fields.iter().copied().zip(values.iter().map(String::as_str)));
    ok(&app.call("admin_save_basics", &form, &admin).await);
    let page = app.get(&format!("/admin/contests/{id}"), &admin).await;
    assert_eq!(page.select_text("b.injected"), Vec::<String>::new());
    assert_eq!(page.select_attr("meta[http-equiv]", "content"), Vec::<String>::new());
    for (field, value) in fields.iter().zip(&values) {
        // Exactly the saved text, entities included, ready to be saved again unchanged.
        assert_eq!(page.select_text(&format!("textarea#{field}")), vec![value.clone()], "{field}");
    }
}

/// The public list reads every contest without its long texts and then the descriptions of
/// the page it shows: open contests first (by closing date), 24 a page, each card with its
/// description in every language it has.
#[tokio::test]
async fn the_public_list_pages_by_24_with_each_shown_contests_description() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = full_contest(&app, &admin).await;
    ok(&app.call("admin_publish_contest", &[("contest", &id)], &admin).await);
    // 25 more announced contests, open from the same day, closing one day apart after it.
    for i in 1..=25_i64 {
        sqlx::query(
            "INSERT INTO contest (public_id, title_ru, description_ru, description_en, status, submissions_open_at, submissions_close_at, judging_end_at, results_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, 'announced', $5, $6, $7, $8, 0, 0)",
        )
        .bind(format!("more{i:02}"))
        .bind(format!("Конкурс {i}"))
        .bind(format!("Описание {i}"))
        .bind(format!("About {i}"))
        .bind(OPEN_UTC)
        .bind(CLOSE_UTC + i * 86_400)
        .bind(CLOSE_UTC + 40 * 86_400)
        .bind(CLOSE_UTC + 41 * 86_400)
        .execute(&app.sql)
        .await
        .unwrap();
    }
    app.clock.set(OPEN_UTC + 60);
    let first = app.call("list_contests", &[], &Jar::default()).await.json();
    assert_eq!((first["total"].clone(), first["pages"].clone(), first["items"].as_array().unwrap().len()), (json!(26), json!(2), 24));
    assert_eq!(first["items"][0]["public_id"], json!(id), "the earliest close first");
    assert_eq!(first["items"][0]["description"], json!({"kk": "Балаларға арналған байқау", "ru": "Конкурс для детей", "en": null}));
    assert_eq!(first["items"][23]["description"], json!({"kk": null, "ru": "Описание 23", "en": "About 23"}));
    let second = app.call("list_contests", &[("page", "2")], &Jar::default()).await.json();
    let rest: Vec<(String, String)> =
        second["items"].as_array().unwrap().iter().map(|c| (c["public_id"].as_str().unwrap().to_owned(), c["description"]["ru"].as_str().unwrap().to_owned())).collect();
    assert_eq!(rest, [("more24".to_owned(), "Описание 24".to_owned()), ("more25".to_owned(), "Описание 25".to_owned())]);
    let page = app.get("/?page=2", &lang("ru", &Jar::default())).await;
    assert_eq!(page.select_text(".card-text"), ["Описание 24", "Описание 25"]);
}

//! Personal data that expires or is taken back: a contest's retention period running out, a
//! guardian withdrawing consent, an entrant deleting their account, and the download of
//! everything stored about an entrant.

use crate::contests::{CLOSE_UTC, ok};
use crate::judging::{SECRET_CHILD, jury};
use crate::results::{contest_form, pdf_text, score_everything};
use crate::submissions::{create_entry, error_msg, last_entry, relogin, world};
use crate::uploads::{jpeg, upload};
use baiqau_tests::{Jar, TestApp};
use http::StatusCode;
use std::io::Read as _;

const DAY: i64 = 86_400;

/// The participants the contest's entries name: (name, birth date, school, supervisor, reduced).
async fn people_in(app: &TestApp, contest: &str) -> Vec<(String, String, String, String, i64)> {
    let mut rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT DISTINCT p.full_name, p.birth_date, p.school, p.supervisor, CASE WHEN p.reduced_at IS NULL THEN 0 ELSE 1 END
         FROM entry e JOIN participant p ON p.participant_id = e.participant_id JOIN contest c ON c.contest_id = e.contest_id
         WHERE c.public_id = $1",
    )
    .bind(contest)
    .fetch_all(&app.sql)
    .await
    .unwrap();
    rows.sort();
    rows
}

/// The names on the entrant's own list of people to submit for.
async fn my_people(app: &TestApp, jar: &Jar) -> Vec<String> {
    let res = app.call("my_participants", &[], jar).await;
    ok(&res);
    res.json().as_array().unwrap().iter().map(|p| p["full_name"].as_str().unwrap().to_owned()).collect()
}

/// Keys of works' bytes (originals, thumbnails, views, blind copies) left in the store.
async fn work_objects(app: &TestApp) -> Vec<String> {
    let mut keys = Vec::new();
    for prefix in ["blobs", "thumbs", "views", "clean", "pages"] {
        keys.extend(app.stored_keys(prefix).await);
    }
    keys
}

#[tokio::test]
async fn a_contest_past_its_retention_period_keeps_results_and_diplomas_under_reduced_names_and_no_files() {
    let j = jury().await;
    let app = &j.w.app;
    score_everything(&j).await;
    ok(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await);
    ok(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await);
    ok(&app.call("admin_results_settings", &[("contest", j.w.contest.as_str()), ("name_display", "full"), ("show_comments", "on")], &j.admin).await);
    let results_page = format!("/contests/{}/results", j.w.contest);
    assert!(app.get(&results_page, &Jar::default()).await.body.contains(SECRET_CHILD));
    // Әлия goes on: a draft in next year's contest (a copy, not yet open) names her too.
    let copy = app.call("admin_copy_contest", &[("contest", j.w.contest.as_str())], &j.admin).await;
    ok(&copy);
    sqlx::query(
        "INSERT INTO entry (public_id, contest_id, nomination_id, participant_id, account_id, title, create_token, created_at, updated_at)
         SELECT 'next-year-draft', c.contest_id, (SELECT MIN(nomination_id) FROM nomination n WHERE n.contest_id = c.contest_id),
                p.participant_id, p.account_id, 'Жаз', 'next-year', 0, 0
         FROM contest c, participant p WHERE c.copied_from IS NOT NULL AND p.full_name = 'Әлия Серікова'",
    )
    .execute(&app.sql)
    .await
    .unwrap();
    // Archived the day after the results.
    let archived = CLOSE_UTC + 30 * DAY;
    app.clock.set(archived);
    let admin = relogin(app, "admin@lib.kz").await;
    ok(&app.call("admin_archive_contest", &contest_form(&j), &admin).await);
    let at: Option<i64> = sqlx::query_scalar("SELECT archived_at FROM contest WHERE public_id = $1").bind(&j.w.contest).fetch_one(&app.sql).await.unwrap();
    assert_eq!(at, Some(archived));
    let page = app.get(&format!("/admin/contests/{}", j.w.contest), &admin).await;
    // 2027-03-02 + 3 years, in the admin's language (Kazakh by default).
    assert_eq!(page.select_text("#retention"), vec!["Қатысушылардың деректері 2030-03-02 күні қысқартылады."]);
    let before = people_in(app, &j.w.contest).await;
    let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM document WHERE kind = 'diploma' ORDER BY code").fetch_all(&app.sql).await.unwrap();
    assert!(!codes.is_empty());
    let diploma = app.get(&format!("/documents/{}.pdf", codes[0]), &admin).await;
    assert_eq!(diploma.status, StatusCode::OK);
    assert!(!work_objects(app).await.is_empty());

    // The day before: nothing happens.
    let due = 1_898_640_000; // 2030-03-02T00:00:00Z
    app.clock.set(due - 1);
    assert_eq!(app::service::privacy::apply_retention(&app.state, due - 1).await.unwrap(), 0);
    assert_eq!(people_in(app, &j.w.contest).await, before);

    // The day: the hourly housekeeping reduces the contest's participants and deletes its
    // files, once. It also forgets mail sent more than a month ago (bodies name people).
    app.clock.set(due);
    sqlx::query("UPDATE outbox SET sent_at = $1").bind(archived).execute(&app.sql).await.unwrap();
    let recent: i64 = sqlx::query_scalar("SELECT MAX(outbox_id) FROM outbox").fetch_one(&app.sql).await.unwrap();
    sqlx::query("UPDATE outbox SET sent_at = $1 WHERE outbox_id = $2").bind(due - 29 * DAY).bind(recent).execute(&app.sql).await.unwrap();
    server::jobs::housekeeping(&app.state, due).await;
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT outbox_id FROM outbox").fetch_all(&app.sql).await.unwrap(), vec![recent]);
    assert_eq!(app::service::privacy::apply_retention(&app.state, due + 3600).await.unwrap(), 0);
    let s = |x: &str| x.to_owned();
    assert_eq!(
        people_in(app, &j.w.contest).await,
        vec![(s("Зарина У."), s("2016"), s(""), s(""), 1), (s("Әлия С."), s("2018"), s(""), s(""), 1)]
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_file").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM blob").await, 0);
    assert_eq!(work_objects(app).await, Vec::<String>::new());
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'contest.reduce'").await, 1);
    // Әлия is whole where she goes on, and still on her parent's list; Зарина, in no other
    // contest, is gone from it (and from the database but for the reduced copy).
    let next_year: (String, String, String) = sqlx::query_as(
        "SELECT p.full_name, p.birth_date, p.school FROM entry e JOIN participant p ON p.participant_id = e.participant_id WHERE e.public_id = 'next-year-draft'",
    )
    .fetch_one(&app.sql)
    .await
    .unwrap();
    assert_eq!(next_year, (s("Әлия Серікова"), s("2018-05-01"), s("№ 12 мектеп-гимназия")));
    let parent = relogin(app, "parent@mail.kz").await;
    assert_eq!(my_people(app, &parent).await, vec![s("Әлия Серікова")]);
    assert_eq!(app.count("SELECT COUNT(*) FROM participant WHERE full_name LIKE '%Уникальнова%'").await, 0);

    // Results stay right; names are reduced everywhere they were shown.
    let public = app.get(&results_page, &Jar::default()).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("Зарина У.") && !public.body.contains("Уникальнова") && !public.body.contains("Серікова"), "{}", public.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM result_line l JOIN result_version v ON v.contest_id = l.contest_id AND v.version = l.version WHERE v.published_at IS NOT NULL").await, 4);
    let holders: Vec<String> = sqlx::query_scalar("SELECT DISTINCT holder FROM document ORDER BY holder").fetch_all(&app.sql).await.unwrap();
    assert!(holders.iter().all(|h| !h.contains("Уникальнова") && !h.contains("Серікова") && !h.contains("Ахметова")), "{holders:?}");
    let v = app.get(&format!("/verify/{}", codes[0]), &Jar::default()).await;
    assert_eq!(v.select_text(".verify-valid").len(), 1);
    // The diploma is made again, with the reduced name.
    let again = app.get(&format!("/documents/{}.pdf", codes[0]), &relogin(app, "admin@lib.kz").await).await;
    assert_eq!(again.status, StatusCode::OK);
    let text = pdf_text(&again.bytes);
    assert!(!text.contains("Уникальнова") && !text.contains("Серікова"), "{text}");
    assert!(text.contains("Зарина У.") || text.contains("Әлия С."), "{text}");
    // Exports of the contest no longer hold the data.
    let admin = relogin(app, "admin@lib.kz").await;
    for what in ["export/results.csv", "entries.csv"] {
        let csv = app.get(&format!("/admin/contests/{}/{what}", j.w.contest), &admin).await;
        assert_eq!(csv.status, StatusCode::OK, "{what}");
        for gone in ["Уникальнова", "Серікова", "Гимназия Бесконечность", "мектеп-гимназия", "Ахметова", "2016-02-02", "2018-05-01", "parent@mail.kz"] {
            assert!(!csv.body.contains(gone), "{what} still has {gone}:\n{}", csv.body);
        }
    }
    let page = app.get(&format!("/admin/contests/{}", j.w.contest), &admin).await;
    assert_eq!(page.select_text("#retention"), vec!["Сақтау мерзімі өтті: қатысушылардың деректері 2030-03-02 күні қысқартылды, файлдар жойылды."]);
}

#[tokio::test]
async fn a_guardian_withdraws_consent_and_the_child_leaves_the_open_contest_with_her_files() {
    let w = world().await;
    let app = &w.app;
    ok(&create_entry(app, &w.parent, &w.contest, &w.child, &w.drawing, "Қыс", "t1").await);
    let submitted = last_entry(app).await;
    assert_eq!(upload(app, &w.parent, &submitted, "qys.jpg", &jpeg(200, 150)).await.status, StatusCode::OK);
    ok(&app.call("submit_entry", &[("id", &submitted)], &w.parent).await);
    ok(&create_entry(app, &w.parent, &w.contest, &w.child, &w.tale, "Ертегі", "t2").await);
    let draft = last_entry(app).await;
    assert!(!work_objects(app).await.is_empty());

    // The form as the page renders it, with and without the box.
    let page = app.get(&format!("/me/participants/{}", w.child), &w.parent).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select_attr("#withdraw-consent form", "action"), vec!["/api/withdraw_consent"]);
    assert_eq!(page.select_attr("#withdraw-consent input[name=participant]", "value"), vec![w.child.clone()]);
    let res = app.post_form("withdraw_consent", &[("participant", w.child.as_str())], &w.parent, &format!("/me/participants/{}", w.child)).await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert!(res.header("location").unwrap().contains("__err="), "{:?}", res.header("location"));
    let refused = app.call("withdraw_consent", &[("participant", w.child.as_str())], &w.parent).await;
    assert_eq!(error_msg(&refused).await, "ErrUnderstoodRequired");
    // Someone else's participant is not found.
    let stranger = app.register("stranger@mail.kz", "S", "correct horse battery").await;
    let res = app.call("withdraw_consent", &[("participant", w.child.as_str()), ("understood", "on")], &stranger).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // An adult the parent added without a guardian's consent: there is none to withdraw.
    let adult = crate::submissions::add_participant(app, &w.parent, "Айгүл Серікқызы", "1990-01-01", false).await;
    let none = app.call("withdraw_consent", &[("participant", adult.as_str()), ("understood", "on")], &w.parent).await;
    assert_eq!(error_msg(&none).await, "ErrNoConsentToWithdraw");
    assert_eq!(app.count("SELECT COUNT(*) FROM participant WHERE reduced_at IS NOT NULL").await, 0);

    let res = app.post_form("withdraw_consent", &[("participant", w.child.as_str()), ("understood", "on")], &w.parent, &format!("/me/participants/{}", w.child)).await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(res.header("location"), Some("/me/participants?withdrawn=1"));
    let row: (String, String, String, String, i64, i64) = sqlx::query_as(
        "SELECT full_name, birth_date, school, supervisor, CASE WHEN reduced_at IS NULL THEN 0 ELSE 1 END, CASE WHEN consent_withdrawn_at IS NULL THEN 0 ELSE 1 END FROM participant WHERE public_id = $1",
    )
    .bind(&w.child)
    .fetch_one(&app.sql)
    .await
    .unwrap();
    assert_eq!(row, ("Әлия С.".into(), "2018".into(), String::new(), String::new(), 1, 1));
    assert_eq!(app.count("SELECT COUNT(*) FROM participant WHERE reduced_at IS NOT NULL").await, 1, "the adult is untouched");
    let states: Vec<(String, String)> = sqlx::query_as("SELECT public_id, state FROM entry ORDER BY entry_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(states, vec![(submitted.clone(), "withdrawn".to_owned())], "the draft ({draft}) is deleted, the submitted entry withdrawn with its receipt");
    assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE receipt_no IS NOT NULL").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_file").await, 0);
    assert_eq!(work_objects(app).await, Vec::<String>::new());
    assert_eq!(my_people(app, &w.parent).await, vec!["Айгүл Серікқызы".to_owned()], "only the child is gone from the list");
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'consent.withdraw'").await, 1);
    let list = app.get("/me/participants?withdrawn=1", &w.parent).await;
    assert_eq!(list.select_text(".notice"), vec!["Келісім қайтарылды, қатысушының деректері қысқартылды."]);
    // Done once: the reduced child is no longer there to withdraw for.
    let again = app.call("withdraw_consent", &[("participant", w.child.as_str()), ("understood", "on")], &w.parent).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_entrant_deletes_their_account_and_published_results_stay_under_reduced_names() {
    let j = jury().await;
    let app = &j.w.app;
    score_everything(&j).await;
    ok(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await);
    ok(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await);
    let parent = relogin(app, "parent@mail.kz").await;
    let account_id: i64 = sqlx::query_scalar("SELECT account_id FROM account WHERE email = 'parent@mail.kz'").fetch_one(&app.sql).await.unwrap();

    // The form as the account page renders it.
    let page = app.get("/account", &parent).await;
    assert_eq!(page.select_attr("#delete-account", "action"), vec!["/api/delete_account"]);
    assert_eq!(page.select_attr("#download-data", "href"), vec!["/account/export.zip"]);
    let wrong = app.call("delete_account", &[("current_password", "not it"), ("understood", "on")], &parent).await;
    assert_eq!(error_msg(&wrong).await, "ErrWrongCurrentPassword");
    let unticked = app.call("delete_account", &[("current_password", "correct horse battery")], &parent).await;
    assert_eq!(error_msg(&unticked).await, "ErrUnderstoodRequired");
    // A judge cannot delete their own account, and is not offered to.
    let judge = &j.judges[0].1;
    let res = app.call("delete_account", &[("current_password", "correct horse battery"), ("understood", "on")], judge).await;
    assert_eq!(error_msg(&res).await, "ErrStaffCannotDelete");
    assert!(app.get("/account", judge).await.select_attr("#delete-account", "action").is_empty());
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE deleted_at IS NOT NULL").await, 0);

    let res = app.post_form("delete_account", &[("current_password", "correct horse battery"), ("understood", "on")], &parent, "/account").await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(res.header("location"), Some("/?deleted=1"));
    assert!(res.set_cookies().iter().any(|c| c.contains("baiqau_session=;") || c.contains("Max-Age=0")), "{:?}", res.set_cookies());
    let row: (String, String, String, i64, i64) =
        sqlx::query_as("SELECT email, display_name, password_hash, CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END, CASE WHEN disabled_at IS NULL THEN 0 ELSE 1 END FROM account WHERE account_id = $1")
            .bind(account_id)
            .fetch_one(&app.sql)
            .await
            .unwrap();
    assert_eq!(row, (format!("deleted-{account_id}@deleted.invalid"), "-".into(), String::new(), 1, 1));
    assert_eq!(app.count("SELECT COUNT(*) FROM session s JOIN account a ON a.account_id = s.account_id WHERE a.deleted_at IS NOT NULL").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.delete'").await, 1);
    // The old session opens nothing; the old password opens nothing.
    assert_eq!(app.call("me", &[], &parent).await.json(), serde_json::Value::Null);
    assert_eq!(error_msg(&app.login("parent@mail.kz", "correct horse battery").await).await, "ErrInvalidCredentials");
    let home = app.get("/?deleted=1", &Jar::default()).await;
    assert_eq!(home.select_text(".notice"), vec!["Тіркелгі жойылды. Байқауға қатысқаныңызға рақмет."]);
    // Published entries stay, reduced; their files are gone; diplomas verify.
    assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE state = 'submitted'").await, 4);
    assert_eq!(app.count("SELECT COUNT(*) FROM participant WHERE reduced_at IS NULL").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM participant WHERE full_name LIKE '%Уникальнова%' OR school <> '' OR supervisor <> ''").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_file").await, 0);
    assert_eq!(work_objects(app).await, Vec::<String>::new());
    let code: String = sqlx::query_scalar("SELECT code FROM document WHERE kind = 'diploma' LIMIT 1").fetch_one(&app.sql).await.unwrap();
    assert_eq!(app.get(&format!("/verify/{code}"), &Jar::default()).await.select_text(".verify-valid").len(), 1);
    let public = app.get(&format!("/contests/{}/results", j.w.contest), &Jar::default()).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(!public.body.contains("Уникальнова"));
    // The address is free again.
    let again = app.register("parent@mail.kz", "Айгүл", "another horse battery").await;
    assert_eq!(app.call("my_participants", &[], &again).await.json(), serde_json::json!([]));
}

#[tokio::test]
async fn an_entrant_downloads_everything_stored_about_them_as_a_zip_and_nobody_else_can() {
    let w = world().await;
    let app = &w.app;
    ok(&create_entry(app, &w.parent, &w.contest, &w.child, &w.drawing, "Қыс", "t1").await);
    let entry = last_entry(app).await;
    let picture = jpeg(320, 200);
    // A name that is a path and a page: it goes into the archive as a plain name of its type.
    assert_eq!(upload(app, &w.parent, &entry, "../../evil.html", &picture).await.status, StatusCode::OK);
    // The guardian's consent to show the work in the gallery is part of the data.
    ok(&app.call("admin_gallery_settings", &[("contest", w.contest.as_str()), ("gallery", "results")], &w.admin).await);
    ok(&app.call("set_publication", &[("id", entry.as_str()), ("choice", "yes")], &w.parent).await);
    let given_at = app::backend::clock::Clock::now(&app.clock);

    assert_eq!(app.get("/account/export.zip", &Jar::default()).await.status, StatusCode::UNAUTHORIZED);
    let res = app.get("/account/export.zip", &w.parent).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-type"), Some("application/zip"));
    assert_eq!(res.header("cache-control"), Some("private, no-store"));
    assert!(res.header("content-disposition").unwrap().starts_with("attachment; filename=\"baiqau-data-"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(res.bytes.clone())).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    let file_path = format!("files/{entry}/1-evil.html.jpg");
    assert_eq!(names, vec!["baiqau-data.json".to_owned(), file_path.clone()]);
    let mut json = String::new();
    zip.by_name("baiqau-data.json").unwrap().read_to_string(&mut json).unwrap();
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["format"], "baiqau-personal-data/1");
    assert_eq!(data["account"]["email"], "parent@mail.kz");
    assert_eq!(data["account"]["display_name"], "Айгүл Серікқызы");
    let people = data["participants"].as_array().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(
        (&people[0]["full_name"], &people[0]["birth_date"], &people[0]["school"], &people[0]["supervisor"]),
        (&serde_json::json!("Әлия Серікова"), &serde_json::json!("2018-05-01"), &serde_json::json!("№ 12 мектеп-гимназия"), &serde_json::json!("Гүлнар Ахметова"))
    );
    assert!(people[0]["consent_at"].is_i64() && people[0]["consent_version"].is_string());
    let entries = data["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!((&entries[0]["id"], &entries[0]["title"]), (&serde_json::json!(entry), &serde_json::json!("Қыс")));
    assert_eq!(data["files"][0]["path"], file_path);
    assert_eq!(data["files"][0]["name"], "evil.html");
    assert_eq!(data["publication_consents"], serde_json::json!([{"entry": entry, "given_at": given_at, "text_version": "2026-12-gallery"}]));
    let sessions = app.count("SELECT COUNT(*) FROM session s JOIN account a ON a.account_id = s.account_id WHERE a.email = 'parent@mail.kz'").await;
    assert_eq!(data["sessions"].as_array().unwrap().len() as i64, sessions);
    assert!(sessions >= 1);
    let mut bytes = Vec::new();
    zip.by_name(&file_path).unwrap().read_to_end(&mut bytes).unwrap();
    assert_eq!(bytes, picture, "the file as uploaded");
    // Another entrant's archive holds only their own (empty) data; nothing is left behind.
    let stranger = app.register("stranger@mail.kz", "S", "correct horse battery").await;
    let theirs = app.get("/account/export.zip", &stranger).await;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(theirs.bytes.clone())).unwrap();
    assert_eq!(zip.len(), 1);
    let mut json = String::new();
    zip.by_name("baiqau-data.json").unwrap().read_to_string(&mut json).unwrap();
    assert!(!json.contains("Серікова") && !json.contains("parent@mail.kz"), "{json}");
    let left: Vec<_> = std::fs::read_dir(app.dir.path().join("uploads")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.iter().all(|n| !n.to_string_lossy().starts_with("export-")), "{left:?}");
}

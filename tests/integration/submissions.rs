//! Submissions end to end through the real router: participants, entries, deadlines and
//! limits, files served to the right people only, exports. Uploads themselves: `uploads`.

use app::domain::ids::ContestId;
use crate::contests::{CLOSE_UTC, OPEN_UTC, full_contest, ok};
use app::domain::Role;
use baiqau_tests::{Jar, TestApp, TestResponse};
use http::StatusCode;
use crate::uploads::{begin, files_on_disk, jpeg, json, pdf, piece, upload};
use sha2::{Digest, Sha256};

/// A published contest open for entries, an admin, and a parent with a child of 8.
pub(crate) struct World {
    pub(crate) app: TestApp,
    pub(crate) admin: Jar,
    pub(crate) contest: String,
    pub(crate) parent: Jar,
    pub(crate) child: String,
    pub(crate) drawing: String,
    pub(crate) tale: String,
}

pub(crate) async fn world() -> World {
    world_with(|_| {}).await
}

/// [`world`] on a server with its configuration adjusted.
pub(crate) async fn world_with(adjust: impl FnOnce(&mut app::backend::Config)) -> World {
    let app = TestApp::with_config(adjust).await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let contest = full_contest(&app, &admin).await;
    ok(&app.call("admin_publish_contest", &[("contest", &contest)], &admin).await);
    app.clock.set(OPEN_UTC + 3_600);
    let parent = app.register("parent@mail.kz", "Айгүл Серікқызы", "correct horse battery").await;
    let child = add_participant(&app, &parent, "Әлия Серікова", "2018-05-01", true).await;
    let nominations: Vec<(i64, String)> = sqlx::query_as("SELECT nomination_id, name_ru FROM nomination ORDER BY position")
        .fetch_all(&app.sql)
        .await
        .unwrap();
    let id_of = |name: &str| nominations.iter().find(|(_, n)| n == name).map(|(id, _)| id.to_string()).unwrap();
    World { drawing: id_of("Рисунок"), tale: id_of("Сказка"), app, admin, contest, parent, child }
}

pub(crate) async fn add_participant(app: &TestApp, jar: &Jar, name: &str, born: &str, consent: bool) -> String {
    let mut form = vec![("id", ""), ("full_name", name), ("birth_date", born), ("school", "№ 12 мектеп-гимназия"), ("city", "Өскемен"), ("supervisor", "Гүлнар Ахметова"), ("next", "")];
    if consent {
        form.push(("consent", "on"));
    }
    ok(&app.call("save_participant", &form, jar).await);
    sqlx::query_scalar("SELECT public_id FROM participant WHERE full_name = $1 ORDER BY participant_id DESC LIMIT 1")
        .bind(name)
        .fetch_one(&app.sql)
        .await
        .unwrap()
}

pub(crate) async fn relogin(app: &TestApp, email: &str) -> Jar {
    let mut jar = Jar::default();
    jar.absorb(&app.login(email, "correct horse battery").await);
    jar
}

pub(crate) async fn create_entry(app: &TestApp, jar: &Jar, contest: &str, participant: &str, nomination: &str, title: &str, token: &str) -> TestResponse {
    app.call(
        "create_entry",
        &[("id", contest), ("token", token), ("participant", participant), ("nomination", nomination), ("title", title), ("description", "Гуашь, А3")],
        jar,
    )
    .await
}

pub(crate) async fn new_entry(w: &World, nomination: &str, title: &str) -> String {
    ok(&create_entry(&w.app, &w.parent, &w.contest, &w.child, nomination, title, title).await);
    last_entry(&w.app).await
}

pub(crate) async fn last_entry(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT public_id FROM entry ORDER BY entry_id DESC LIMIT 1").fetch_one(&app.sql).await.unwrap()
}

pub(crate) async fn error_msg(res: &TestResponse) -> String {
    let v = res.json();
    if let Some(list) = v.get("Validation").and_then(|l| l.as_array()) {
        return list[0]["msg"].as_str().unwrap_or("").to_owned();
    }
    for k in ["Refused", "Conflict"] {
        if let Some(m) = v.get(k).and_then(|m| m.as_str()) {
            return m.to_owned();
        }
    }
    v.as_str().unwrap_or(&res.body).to_owned()
}

#[tokio::test]
async fn a_parent_submits_a_drawing_for_a_child_and_gets_a_receipt_by_mail() {
    let w = world().await;
    let app = &w.app;
    // A draft in the child's age group (8 on 1 January 2027: "6–9").
    let entry = new_entry(&w, &w.drawing, "Менің әжем").await;
    let (state, group): (String, String) = sqlx::query_as(
        "SELECT e.state, g.name_ru FROM entry e JOIN age_group g ON g.age_group_id = e.age_group_id WHERE e.public_id = $1",
    )
    .bind(&entry)
    .fetch_one(&app.sql)
    .await
    .unwrap();
    assert_eq!((state.as_str(), group.as_str()), ("draft", "6–9"));

    // Submitting with no file is refused with the reason.
    let res = app.call("submit_entry", &[("id", &entry)], &w.parent).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(error_msg(&res).await, "ErrNoFiles");

    let drawing = jpeg(640, 480);
    let res = upload(app, &w.parent, &entry, "әжем.jpg", &drawing).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json()["file"]["kind"], "image");
    assert_eq!(res.json()["file"]["name"], "әжем.jpg");
    let sha = hex::encode(Sha256::digest(&drawing));
    assert_eq!(app.state.storage.read(&format!("blobs/{}/{sha}", &sha[..2])).await.unwrap(), drawing);
    assert!(files_on_disk(app, "uploads").is_empty(), "no temporary file left");

    ok(&app.call("submit_entry", &[("id", &entry)], &w.parent).await);
    // A double click: the same outcome, no second receipt or mail.
    ok(&app.call("submit_entry", &[("id", &entry)], &w.parent).await);
    let (state, receipt): (String, i64) = sqlx::query_as("SELECT state, receipt_no FROM entry WHERE public_id = $1").bind(&entry).fetch_one(&app.sql).await.unwrap();
    assert_eq!((state.as_str(), receipt), ("submitted", 1));
    let contest_id: ContestId = sqlx::query_scalar("SELECT contest_id FROM contest").fetch_one(&app.sql).await.unwrap();
    let receipt_text = format!("{contest_id}-00001");
    let mails: Vec<(String, String, String)> = sqlx::query_as("SELECT to_addr, subject, body_text FROM outbox WHERE subject LIKE '%' || $1 || '%'")
        .bind(&receipt_text)
        .fetch_all(&app.sql)
        .await
        .unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].0, "parent@mail.kz");
    assert!(mails[0].2.contains("Әлия Серікова") && mails[0].2.contains(&format!("/entries/{entry}")), "{}", mails[0].2);

    // The entry page and "My entries" show the state and the receipt, without JavaScript.
    let page = app.get(&format!("/entries/{entry}?submitted=1"), &w.parent).await;
    assert_eq!(page.select_text(".entry-facts .receipt"), vec![receipt_text.clone()]);
    assert!(page.select_text(".notice").iter().any(|n| n.contains(&receipt_text)), "{:?}", page.select_text(".notice"));
    let mine = app.get("/me/entries", &w.parent).await;
    assert_eq!(mine.select_text(".work-card .receipt"), vec![receipt_text]);
    assert_eq!(mine.select_text(".work-card .work-state"), vec!["Жіберілді"]);
    // While entries are open: until when it can be changed, and the days left by the server's clock.
    let when = mine.select_text(".work-card .work-when");
    assert!(when.len() == 1 && when[0].starts_with("Өзгертуге болатын мерзім: 31 қаңтар 2027, 23:59 · ") && when[0].ends_with(" күн қалды"), "{when:?}");
    assert_eq!(mine.select_attr(".work-card .work-next a", "href"), vec![format!("/entries/{entry}")]);
}

#[tokio::test]
async fn consent_is_needed_for_a_minor_and_recorded_with_its_version() {
    let w = world().await;
    let app = &w.app;
    let boy = add_participant(app, &w.parent, "Ерлан Серіков", "2016-03-10", false).await;
    ok(&create_entry(app, &w.parent, &w.contest, &boy, &w.tale, "Алтын балық", "tok-1").await);
    let entry = last_entry(app).await;
    assert_eq!(upload(app, &w.parent, &entry, "ertegi.pdf", &pdf(20_000)).await.status, StatusCode::OK);
    let res = app.call("submit_entry", &[("id", &entry)], &w.parent).await;
    assert_eq!(error_msg(&res).await, "ErrConsentMissing");
    assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE state = 'submitted'").await, 0);
    let page = app.get(&format!("/entries/{entry}"), &w.parent).await;
    assert_eq!(page.select_text(".consent-needed p").len(), 1);

    ok(&app
        .call("save_participant", &[("id", &boy), ("full_name", "Ерлан Серіков"), ("birth_date", "2016-03-10"), ("consent", "on"), ("next", "")], &w.parent)
        .await);
    let (version, at): (String, i64) = sqlx::query_as("SELECT consent_version, consent_at FROM participant WHERE public_id = $1").bind(&boy).fetch_one(&app.sql).await.unwrap();
    assert_eq!((version.as_str(), at), (app::domain::entry::CONSENT_VERSION, OPEN_UTC + 3_600));
    ok(&app.call("submit_entry", &[("id", &entry)], &w.parent).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE state = 'submitted'").await, 1);
}

#[tokio::test]
async fn a_supervisors_email_is_optional_and_checked() {
    let w = world().await;
    let app = &w.app;
    let form = [("id", w.child.as_str()), ("full_name", "Әлия Серікова"), ("birth_date", "2018-05-01"), ("supervisor", "Гүлнар Ахметова"), ("supervisor_email", "not an email"), ("next", "")];
    let res = app.call("save_participant", &form, &w.parent).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json()["Validation"][0]["field"], "supervisor_email");
    let form = [("id", w.child.as_str()), ("full_name", "Әлия Серікова"), ("birth_date", "2018-05-01"), ("supervisor", "Гүлнар Ахметова"), ("supervisor_email", " Gulnar@School.KZ "), ("next", "")];
    ok(&app.call("save_participant", &form, &w.parent).await);
    let email: String = sqlx::query_scalar("SELECT supervisor_email FROM participant WHERE public_id = $1").bind(&w.child).fetch_one(&app.sql).await.unwrap();
    assert_eq!(email, "gulnar@school.kz");
}

#[tokio::test]
async fn limits_age_groups_and_the_matrix_are_enforced() {
    let w = world().await;
    let app = &w.app;
    new_entry(&w, &w.drawing, "Бірінші").await;
    // One entry per participant in this nomination.
    let res = create_entry(app, &w.parent, &w.contest, &w.child, &w.drawing, "Екінші", "t2").await;
    assert_eq!(error_msg(&res).await, "ErrEntryLimit");
    // A withdrawn entry frees the place.
    let first = last_entry(app).await;
    ok(&app.call("withdraw_entry", &[("id", &first)], &w.parent).await);
    ok(&create_entry(app, &w.parent, &w.contest, &w.child, &w.drawing, "Екінші", "t3").await);
    // Sixteen at the cut-off: no age group takes it.
    let teen = add_participant(app, &w.parent, "Асқар", "2010-06-01", true).await;
    let res = create_entry(app, &w.parent, &w.contest, &teen, &w.drawing, "Үшінші", "t4").await;
    assert_eq!(error_msg(&res).await, "ErrNoAgeGroup");
    // A nomination closed to the age group.
    sqlx::query("DELETE FROM nomination_age_group WHERE nomination_id = $1").bind(w.tale.parse::<i64>().unwrap()).execute(&app.sql).await.unwrap();
    let res = create_entry(app, &w.parent, &w.contest, &w.child, &w.tale, "Төртінші", "t5").await;
    assert_eq!(error_msg(&res).await, "ErrNominationNotForAge");
    // Another entrant's participant is not a choice.
    let other = app.register("other@mail.kz", "Other", "correct horse battery").await;
    let res = create_entry(app, &other, &w.contest, &w.child, &w.tale, "Бесінші", "t6").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_msg(&res).await, "ErrChooseParticipant");
    assert_eq!(app.count("SELECT COUNT(*) FROM entry").await, 2);
}

#[tokio::test]
async fn deadlines_hold_for_create_edit_upload_and_withdraw_with_an_extension() {
    let mut w = world().await;
    // Two months on, sessions have ended: both log in again.
    w.app.clock.set(CLOSE_UTC - 1);
    w.parent = relogin(&w.app, "parent@mail.kz").await;
    let admin = relogin(&w.app, "admin@lib.kz").await;
    let app = &w.app;
    let entry = new_entry(&w, &w.tale, "Соңғы секунд").await;
    assert_eq!(upload(app, &w.parent, &entry, "a.pdf", &pdf(5_000)).await.status, StatusCode::OK);

    app.clock.set(CLOSE_UTC);
    let res = create_entry(app, &w.parent, &w.contest, &w.child, &w.drawing, "Кеш", "late").await;
    assert_eq!(error_msg(&res).await, "ErrEntriesClosed");
    let res = app
        .call("update_entry", &[("id", &entry), ("participant", &w.child), ("nomination", &w.tale), ("title", "Өзгерген"), ("description", "")], &w.parent)
        .await;
    assert_eq!(error_msg(&res).await, "ErrEntriesClosed");
    let res = begin(app, &w.parent, &entry, "b.pdf", 5_000, None).await;
    assert_eq!(error_msg(&res).await, "ErrEntriesClosed");
    app.clock.set(CLOSE_UTC + 1);
    let res = app.call("withdraw_entry", &[("id", &entry)], &w.parent).await;
    assert_eq!(error_msg(&res).await, "ErrEntriesClosed");
    let title: String = sqlx::query_scalar("SELECT title FROM entry").fetch_one(&app.sql).await.unwrap();
    assert_eq!(title, "Соңғы секунд");

    // An extension for this entrant only, until 2 February 23:59 Almaty time.
    ok(&app.call("admin_extend_for_entrant", &[("contest", &w.contest), ("email", "parent@mail.kz"), ("new_close", "2027-02-02T23:59")], &admin).await);
    ok(&app
        .call("update_entry", &[("id", &entry), ("participant", &w.child), ("nomination", &w.tale), ("title", "Өзгерген"), ("description", "")], &w.parent)
        .await);
    assert_eq!(upload(app, &w.parent, &entry, "b.pdf", &pdf(6_000)).await.status, StatusCode::OK);
    app.clock.set(CLOSE_UTC + 2 * 86_400);
    let res = app.call("submit_entry", &[("id", &entry)], &w.parent).await;
    assert_eq!(error_msg(&res).await, "ErrEntriesClosed");
}

#[tokio::test]
async fn two_tabs_create_and_submit_one_entry() {
    let w = world().await;
    let app = &w.app;
    let (a, b) = tokio::join!(
        create_entry(app, &w.parent, &w.contest, &w.child, &w.tale, "Бір", "same-token"),
        create_entry(app, &w.parent, &w.contest, &w.child, &w.tale, "Бір", "same-token"),
    );
    ok(&a);
    ok(&b);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry").await, 1);
    let entry = last_entry(app).await;
    assert_eq!(upload(app, &w.parent, &entry, "a.pdf", &pdf(2_000)).await.status, StatusCode::OK);
    let form = [("id", entry.as_str())];
    let (a, b) = tokio::join!(app.call("submit_entry", &form, &w.parent), app.call("submit_entry", &form, &w.parent));
    ok(&a);
    ok(&b);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE state = 'submitted' AND receipt_no = 1").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE '%00001%'").await, 1);
}

#[tokio::test]
async fn another_entrant_judges_and_the_public_find_nothing() {
    let w = world().await;
    let app = &w.app;
    let entry = new_entry(&w, &w.drawing, "Құпия").await;
    let res = upload(app, &w.parent, &entry, "a.jpg", &jpeg(200, 100)).await;
    let file = res.json()["file"]["id"].as_str().unwrap().to_owned();
    let started = begin(app, &w.parent, &entry, "b.jpg", 1_000, None).await;
    let upload_id = started.json()["id"].as_str().unwrap().to_owned();

    let stranger = app.register("b@mail.kz", "B", "correct horse battery").await;
    let judge = app.account_with_role("judge@lib.kz", Role::Judge).await;
    for jar in [&stranger, &judge] {
        for res in [
            app.call("get_my_entry", &[("id", &entry)], jar).await,
            app.call("update_entry", &[("id", &entry), ("participant", &w.child), ("nomination", &w.drawing), ("title", "x"), ("description", "")], jar).await,
            app.call("withdraw_entry", &[("id", &entry)], jar).await,
            app.call("submit_entry", &[("id", &entry)], jar).await,
            app.call("delete_entry_file", &[("entry", &entry), ("file", &file)], jar).await,
            app.request("GET", &format!("/files/{file}"), jar, &[], Vec::new()).await,
            app.request("GET", &format!("/files/{file}/thumb"), jar, &[], Vec::new()).await,
            app.request("GET", &format!("/uploads/{upload_id}"), jar, &[], Vec::new()).await,
            piece(app, jar, &upload_id, 0, &[0u8; 10]).await,
            app.request("DELETE", &format!("/uploads/{upload_id}"), jar, &[], Vec::new()).await,
            begin(app, jar, &entry, "c.jpg", 100, None).await,
            app.get(&format!("/entries/{entry}"), jar).await,
        ] {
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
        }
    }
    let anonymous = Jar::default();
    assert_eq!(app.request("GET", &format!("/files/{file}"), &anonymous, &[], Vec::new()).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.request("GET", &format!("/uploads/{upload_id}"), &anonymous, &[], Vec::new()).await.status, StatusCode::UNAUTHORIZED);
    // Nothing changed.
    assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE title = 'Құпия' AND state = 'draft'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_file").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM upload WHERE file_public_id IS NULL").await, 1);
    // The owner and admins can read it.
    assert_eq!(app.request("GET", &format!("/files/{file}"), &w.parent, &[], Vec::new()).await.status, StatusCode::OK);
    assert_eq!(app.request("GET", &format!("/files/{file}"), &w.admin, &[], Vec::new()).await.status, StatusCode::OK);
}

#[tokio::test]
async fn extra_fields_are_refused_and_nothing_is_written() {
    let w = world().await;
    let app = &w.app;
    let res = app
        .call(
            "create_entry",
            &[("id", &w.contest), ("token", "t"), ("participant", &w.child), ("nomination", &w.tale), ("title", "x"), ("description", ""), ("state", "submitted")],
            &w.parent,
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let res = app.call("save_participant", &[("full_name", "X"), ("birth_date", "2015-01-01"), ("account_id", "1")], &w.parent).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let entry = new_entry(&w, &w.tale, "Бар").await;
    let res = app.call("submit_entry", &[("id", &entry), ("receipt_no", "7")], &w.parent).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let body = serde_json::json!({ "entry": entry, "name": "a.pdf", "size": 10, "owner": 1 }).to_string();
    let res = app.request("POST", "/uploads", &w.parent, &[("content-type", "application/json")], json(&body)).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM participant").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE state = 'draft' AND receipt_no IS NULL").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM upload").await, 0);
}

#[tokio::test]
async fn a_nul_character_in_any_field_is_refused_and_nothing_is_written() {
    let w = world().await;
    let app = &w.app;
    let entry = new_entry(&w, &w.tale, "Бар").await;
    // In a text area, in a one-line field, in a field name; escaped as a browser would.
    let res = app.call("update_entry", &[("id", &entry), ("participant", &w.child), ("nomination", &w.tale), ("title", "Бар"), ("description", "бір\0екі")], &w.parent).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    let res = app.call("save_participant", &[("full_name", "Ай\0гүл"), ("birth_date", "2015-01-01")], &w.parent).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    let res = app.call_with("update_entry", &[("id", &entry), ("title\0", "x")], &w.parent, &[("sec-fetch-site", "same-origin")]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE title = 'Бар' AND description = 'Гуашь, А3'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM participant").await, 1);
    // An upload's name keeps everything but its control characters.
    let body = serde_json::json!({ "entry": entry, "name": "сурет\u{0}.pdf", "size": 10 }).to_string();
    let res = app.request("POST", "/uploads", &w.parent, &[("content-type", "application/json")], json(&body)).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM upload WHERE original_name = 'сурет.pdf'").await, 1);
}

#[tokio::test]
async fn admins_list_filter_disqualify_and_export_entries() {
    let w = world().await;
    let app = &w.app;
    let hostile = add_participant(app, &w.parent, "=cmd|' /C calc'!A0", "2015-02-02", true).await;
    ok(&create_entry(app, &w.parent, &w.contest, &hostile, &w.tale, "Қасқыр мен қозы", "h").await);
    let e1 = last_entry(app).await;
    let e2 = new_entry(&w, &w.drawing, "Көктем").await;
    for (e, bytes) in [(&e1, pdf(1_500)), (&e2, jpeg(100, 100))] {
        assert_eq!(upload(app, &w.parent, e, "w", &bytes).await.status, StatusCode::OK);
        ok(&app.call("submit_entry", &[("id", e)], &w.parent).await);
    }
    let _draft = new_entry(&w, &w.tale, "Жоба").await;

    let page = app.get(&format!("/admin/contests/{}/entries", w.contest), &w.admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select_text("table.entries tbody tr").len(), 2, "drafts are not listed by default");
    let page = app.get(&format!("/admin/contests/{}/entries?nomination={}", w.contest, w.drawing), &w.admin).await;
    assert_eq!(page.select_text("table.entries tbody td a"), vec!["Көктем"]);
    let page = app.get(&format!("/admin/contests/{}/entries?q=00001", w.contest), &w.admin).await;
    assert_eq!(page.select_text("table.entries tbody td a"), vec!["Қасқыр мен қозы"]);
    let page = app.get(&format!("/admin/contests/{}/entries?q=%D0%BA%D3%A9%D0%BA", w.contest), &w.admin).await;
    assert_eq!(page.select_text("table.entries tbody td a"), vec!["Көктем"], "search ignores case in Kazakh too");

    // Disqualify with a reason the entrant sees; they cannot withdraw it.
    let res = app.call("admin_disqualify_entry", &[("id", &e2), ("reason", "")], &w.admin).await;
    assert_eq!(error_msg(&res).await, "ErrRequired");
    ok(&app.call("admin_disqualify_entry", &[("id", &e2), ("reason", "Жұмыс ережеге сай емес")], &w.admin).await);
    let mine = app.get(&format!("/entries/{e2}"), &w.parent).await;
    assert!(mine.select_text(".notice.warn").iter().any(|t| t.contains("Жұмыс ережеге сай емес")));
    assert_eq!(error_msg(&app.call("withdraw_entry", &[("id", &e2)], &w.parent).await).await, "ErrEntryDisqualified");
    let page = app.get(&format!("/admin/contests/{}/entries?state=disqualified", w.contest), &w.admin).await;
    assert_eq!(page.select_text("table.entries tbody td a"), vec!["Көктем"]);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'entry.disqualify'").await, 1);

    // Exports: admins only.
    let xlsx_path = format!("/admin/contests/{}/entries.xlsx", w.contest);
    assert_eq!(app.get(&xlsx_path, &w.parent).await.status, StatusCode::FORBIDDEN);
    let ru = Jar { session: w.admin.session.clone(), lang: Some("ru".into()), ..Jar::default() };
    let xlsx = app.get(&xlsx_path, &ru).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.header("content-disposition").unwrap().starts_with("attachment; filename=\"entries-"));
    use calamine::Reader as _;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.bytes.clone())).unwrap();
    let sheet = book.worksheet_range("Entries").unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows[0][0], "Квитанция");
    assert_eq!(rows[0][5], "ФИО участника");
    assert_eq!(rows.len(), 3);
    let hostile_row = rows.iter().find(|r| r[4] == "Қасқыр мен қозы").unwrap();
    assert_eq!(hostile_row[5], "=cmd|' /C calc'!A0", "kept as text");
    assert_eq!(hostile_row[2], "Сказка");
    assert!(matches!(sheet.get_value((1, 5)), Some(calamine::Data::String(_))));
    let formulas = book.worksheet_formula("Entries").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formulas at all");

    let csv = app.get(&format!("/admin/contests/{}/entries.csv?state=submitted", w.contest), &ru).await;
    assert!(csv.bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM for Excel");
    assert!(csv.body.contains(",'=cmd|' /C calc'!A0,"), "neutralised with a leading apostrophe: {}", csv.body);
    assert!(csv.body.contains("Қасқыр мен қозы"));
    assert!(!csv.body.contains("Көктем"), "filtered to submitted");
}

/// A parent who is not logged in asks to submit: the page offers logging in and registering,
/// both of which come back to this contest's form.
#[tokio::test]
async fn a_logged_out_parent_is_brought_back_to_the_contest_after_registering() {
    let w = world().await;
    let app = &w.app;
    let form = format!("/contests/{}/submit", w.contest);
    let anonymous = Jar { lang: Some("en".into()), ..Jar::default() };
    let page = app.get(&form, &anonymous).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    let next = format!("?next=/contests/{}/submit", w.contest);
    assert_eq!(page.select_attr("#login-first", "href"), vec![format!("/login{next}")]);
    assert_eq!(page.select_attr("#register-first", "href"), vec![format!("/register{next}")]);
    // The login page hands `next` on to registration, and back.
    let login = app.get(&format!("/login{next}"), &anonymous).await;
    assert_eq!(login.select_attr("#to-register", "href"), vec![format!("/register{next}")]);
    let register = app.get(&format!("/register{next}"), &anonymous).await;
    assert_eq!(register.select_attr("#to-login", "href"), vec![format!("/login{next}")]);
    assert_eq!(register.select_attr("main form input[name=next]", "value"), vec![form.clone()]);
    // Registering with the form as rendered (JavaScript off) lands on the contest's form.
    let res = app
        .post_form("register", &[("next", &form), ("display_name", "Дәулет Ахметов"), ("email", "daulet@mail.kz"), ("password", "ақ бидай алтын дән")], &anonymous, &format!("/register{next}"))
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    assert_eq!(res.header("location"), Some(form.as_str()));
    let mut jar = Jar::default();
    jar.absorb(&res);
    assert_eq!(app.get(&form, &jar).await.status, StatusCode::OK);
    // A `next` elsewhere is never followed.
    let res = app.call("register", &[("next", "//evil.example/x"), ("display_name", "Ә"), ("email", "a2@mail.kz"), ("password", "ақ бидай алтын дән")], &anonymous).await;
    assert_eq!(res.header("location"), Some("/account"));
}

/// The child left unchosen: the form says which field, keeps what was typed, and claims no
/// server error.
#[tokio::test]
async fn an_unchosen_child_is_named_and_the_typed_title_is_kept() {
    let w = world().await;
    let app = &w.app;
    add_participant(app, &w.parent, "Ерасыл Серіков", "2016-02-10", true).await;
    let page = format!("/contests/{}/submit", w.contest);
    let form = app.get(&page, &w.parent).await;
    let token = form.select_attr("input[name=token]", "value").remove(0);
    let fields = [("id", w.contest.as_str()), ("token", token.as_str()), ("nomination", w.tale.as_str()), ("title", "Алтын балық"), ("description", "Ертегі")];
    // The hydrated page: a field error, not "the form could not be read".
    let res = app.call("create_entry", &fields, &w.parent).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json()["Validation"], serde_json::json!([{ "field": "participant", "msg": "ErrChooseParticipant" }]));
    // JavaScript off: back to the form, the choice marked, the title kept.
    let res = app.post_form("create_entry", &fields, &w.parent, &page).await;
    assert_eq!(res.status, StatusCode::FOUND);
    let mut jar = w.parent.clone();
    jar.absorb(&res);
    jar.lang = Some("en".into());
    let back = app.get(res.header("location").unwrap().trim_start_matches("http://127.0.0.1:3000"), &jar).await;
    assert_eq!(back.select_text("fieldset.has-error .field-error"), vec!["Choose whose work this is."]);
    assert_eq!(back.select_attr("input[name=title]", "value"), vec!["Алтын балық"]);
    assert!(!back.body.contains("server had a problem") && !back.body.contains("could not be read"), "no false message");
    assert_eq!(app.count("SELECT COUNT(*) FROM entry").await, 0);
}

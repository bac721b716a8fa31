//! Organisations and per-contest staff (`domain::access`, `service::access`): staff of one
//! organisation reach nothing of another's contests, and each contest role opens exactly
//! its powers.

use crate::contests::ok;
use crate::judging::{Jury, jury};
use crate::submissions::error_msg;
use baiqau_tests::{Jar, TestApp, TestResponse};
use http::StatusCode;

/// Row counts of every table the app keeps, in the transfer's order: equal before and
/// after means nothing was written (an audit line included).
async fn fingerprint(app: &TestApp) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for &table in app::backend::db::transfer::TABLES {
        // `lease`, `known_browser` and `ip_window` change with every request by design.
        if matches!(table, "lease" | "ip_window" | "known_browser" | "session" | "login_throttle") {
            continue;
        }
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM \"{table}\""))).fetch_one(&app.sql).await.unwrap();
        out.push((table, n));
    }
    out
}

async fn id_of(app: &TestApp, sql: &'static str, bind: &str) -> String {
    sqlx::query_scalar(sql).bind(bind).fetch_one(&app.sql).await.unwrap()
}

async fn account_id(app: &TestApp, email: &str) -> String {
    let id: i64 = sqlx::query_scalar("SELECT account_id FROM account WHERE email = $1").bind(email).fetch_one(&app.sql).await.unwrap();
    id.to_string()
}

pub(crate) async fn new_organisation(app: &TestApp, site_admin: &Jar, name_ru: &str) -> String {
    let res = app.call("admin_create_organisation", &[("name_kk", ""), ("name_ru", name_ru), ("name_en", "")], site_admin).await;
    ok(&res);
    let id = id_of(app, "SELECT public_id FROM organisation WHERE name_ru = $1", name_ru).await;
    assert_eq!(res.header("location"), Some(format!("/admin/organisations?saved={id}#org-{id}").as_str()));
    id
}

/// Two organisations: B runs the jury's contest (with its works, files, judges), A has a
/// contest of its own with an organiser.
struct Two {
    j: Jury,
    org_a: String,
    org_b: String,
    a_admin: Jar,
    a_organiser: Jar,
    a_contest: String,
    b_admin: Jar,
}

async fn two_organisations() -> Two {
    let j = jury().await;
    let app = &j.w.app;
    let site = &j.admin;
    let org_a = new_organisation(app, site, "Абай облысының кітапханасы").await;
    let org_b = new_organisation(app, site, "Шығыс Қазақстан кітапханасы").await;
    let a_admin = app.register("a-admin@lib.kz", "Асқар", "correct horse battery").await;
    let a_organiser = app.register("a-organiser@lib.kz", "Айнұр", "correct horse battery").await;
    let b_admin = app.register("b-admin@lib.kz", "Бақыт", "correct horse battery").await;
    ok(&app.call("admin_add_organisation_admin", &[("organisation", &org_a), ("email", "a-admin@lib.kz")], site).await);
    ok(&app.call("admin_add_organisation_admin", &[("organisation", &org_b), ("email", "b-admin@lib.kz")], site).await);
    // The jury's contest was the host's own: it moves to B.
    let moved = app.call("admin_move_contest", &[("contest", &j.w.contest), ("organisation", &org_b)], site).await;
    ok(&moved);
    assert_eq!(moved.header("location"), Some(format!("/admin/contests/{}?saved=staff#staff", j.w.contest).as_str()));
    // A's admin makes a contest (in A, their only organisation) and an organiser for it.
    ok(&app.call("admin_create_contest", &[("title_kk", ""), ("title_ru", "Абай оқулары"), ("title_en", ""), ("level", "regional")], &a_admin).await);
    let a_contest = id_of(app, "SELECT public_id FROM contest WHERE title_ru = $1", "Абай оқулары").await;
    let in_a: String = sqlx::query_scalar("SELECT o.public_id FROM contest c JOIN organisation o ON o.organisation_id = c.organisation_id WHERE c.public_id = $1")
        .bind(&a_contest)
        .fetch_one(&app.sql)
        .await
        .unwrap();
    assert_eq!(in_a, org_a);
    ok(&app.call("admin_grant_staff", &[("contest", &a_contest), ("email", "a-organiser@lib.kz"), ("role", "organiser")], &a_admin).await);
    Two { j, org_a, org_b, a_admin, a_organiser, a_contest, b_admin }
}

/// A value for each field an admin function takes, all naming organisation B's records.
fn value_for<'a>(field: &str, b: &'a BRecords) -> &'a str {
    match field {
        "contest" | "public_id" => &b.contest,
        "id" | "entry" => &b.entry,
        "organisation" => &b.org,
        "code" => &b.code,
        "account" | "judge" => &b.account,
        "email" => "b-admin@lib.kz",
        "role" => "viewer",
        "level" => "regional",
        "reason" => "проверка",
        "on" | "disabled" => "true",
        _ => "1",
    }
}

struct BRecords {
    contest: String,
    entry: String,
    org: String,
    code: String,
    account: String,
}

#[tokio::test]
async fn staff_of_one_organisation_reach_nothing_of_anothers_contests_and_nothing_is_written() {
    let two = two_organisations().await;
    let app = &two.j.w.app;
    let (entry, code): (String, String) = sqlx::query_as("SELECT public_id, code FROM entry ORDER BY entry_id LIMIT 1").fetch_one(&app.sql).await.unwrap();
    let b = BRecords { contest: two.j.w.contest.clone(), entry, org: two.org_b.clone(), code, account: account_id(app, "b-admin@lib.kz").await };
    let before = fingerprint(app).await;
    let registry = app::api::strict::registry();
    let admin_paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p).filter(|p| p.starts_with("/api/admin_")).collect();
    assert!(admin_paths.len() >= 60, "{}", admin_paths.len());
    let mut refused = 0;
    for path in &admin_paths {
        let fields = registry.iter().find(|(p, _)| p == path).map(|(_, f)| *f).unwrap_or_else(|| panic!("{path} has no fields on record"));
        // Lists and maps travel as `name[]` and `name[key]`, as the pages send them.
        let keys: Vec<String> = fields
            .iter()
            .map(|f| match *f {
                "pairs" | "judges" => format!("{f}[]"),
                "points" | "answers" => format!("{f}[1]"),
                _ => (*f).to_owned(),
            })
            .collect();
        let form: Vec<(&str, &str)> = fields.iter().zip(&keys).map(|(f, k)| (k.as_str(), value_for(f, &b))).collect();
        let endpoint = path.trim_start_matches("/api/");
        for (who, jar) in [("A's admin", &two.a_admin), ("A's organiser", &two.a_organiser)] {
            let res = app.call(endpoint, &form, jar).await;
            match endpoint {
                // Lists answer with what is the caller's own, and nothing of B's.
                "admin_list_contests" | "admin_new_contest_choices" => {
                    ok(&res);
                    assert!(!res.body.contains(&b.contest) && !res.body.contains(&b.org), "{who}: {endpoint} shows B: {}", res.body);
                }
                _ => {
                    assert!(matches!(res.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{who} calling {endpoint} with {form:?}: {} {}", res.status, res.body);
                    refused += 1;
                }
            }
        }
    }
    assert_eq!(refused, 2 * (admin_paths.len() - 2));
    // Routes outside server functions: exports, documents, uploads, files.
    let file: String = sqlx::query_scalar("SELECT f.public_id FROM entry_file f JOIN entry e ON e.entry_id = f.entry_id WHERE e.public_id = $1")
        .bind(&b.entry)
        .fetch_one(&app.sql)
        .await
        .unwrap();
    let c = &b.contest;
    for jar in [&two.a_admin, &two.a_organiser] {
        for path in [
            format!("/admin/contests/{c}/entries.csv"),
            format!("/admin/contests/{c}/entries.xlsx"),
            format!("/admin/contests/{c}/export/results.csv"),
            format!("/admin/contests/{c}/export/scores.xlsx"),
            format!("/admin/contests/{c}/documents.zip"),
            format!("/files/{file}"),
            format!("/admin/contests/{c}"),
            format!("/admin/contests/{c}/entries"),
            format!("/admin/contests/{c}/judging"),
            format!("/admin/contests/{c}/results"),
            format!("/admin/entries/{}", b.entry),
        ] {
            assert_eq!(app.get(&path, jar).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        for path in [format!("/admin/contests/{c}/poster"), format!("/admin/contests/{c}/anchors")] {
            let boundary = "XyZ";
            let body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--{boundary}--\r\n").into_bytes();
            let res = app.request("POST", &path, jar, &[("content-type", &format!("multipart/form-data; boundary={boundary}"))], body).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        }
        // The site's own pages are the site administrators'.
        for path in ["/admin/organisations", "/admin/accounts", "/admin/audit", "/admin/identity", "/admin/audit.csv"] {
            assert_eq!(app.get(path, jar).await.status, StatusCode::FORBIDDEN, "{path}");
        }
    }
    assert_eq!(fingerprint(app).await, before, "something was written");
}

/// A form as `(name, value)` pairs.
type Form = Vec<(&'static str, String)>;

async fn grant(app: &TestApp, by: &Jar, contest: &str, email: &str, role: &str) -> TestResponse {
    app.call("admin_grant_staff", &[("contest", contest), ("email", email), ("role", role)], by).await
}

/// A coordinator and a viewer of B's contest, given their roles by B's admin (the viewer an
/// organiser first: giving again changes the role).
async fn coordinator_and_viewer(two: &Two) -> (Jar, Jar) {
    let app = &two.j.w.app;
    let c = &two.j.w.contest;
    let coordinator = app.register("coordinator@lib.kz", "Салтанат", "correct horse battery").await;
    let viewer = app.register("viewer@lib.kz", "Дәурен", "correct horse battery").await;
    ok(&grant(app, &two.b_admin, c, "coordinator@lib.kz", "coordinator").await);
    ok(&grant(app, &two.b_admin, c, "viewer@lib.kz", "organiser").await);
    ok(&grant(app, &two.b_admin, c, "viewer@lib.kz", "viewer").await);
    (coordinator, viewer)
}

#[tokio::test]
async fn each_contest_role_opens_exactly_its_powers_and_every_change_is_logged() {
    let two = two_organisations().await;
    let app = &two.j.w.app;
    let c = two.j.w.contest.clone();
    let (coordinator, viewer) = coordinator_and_viewer(&two).await;
    let roles: Vec<(String, String)> = sqlx::query_as("SELECT a.email, s.role FROM contest_staff s JOIN account a USING (account_id) ORDER BY a.email").fetch_all(&app.sql).await.unwrap();
    assert_eq!(roles, vec![("a-organiser@lib.kz".into(), "organiser".into()), ("coordinator@lib.kz".into(), "coordinator".into()), ("viewer@lib.kz".into(), "viewer".into())]);

    // Mistakes are named.
    app.register_unconfirmed("new@mail.kz", "Жаңа", "correct horse battery").await;
    for (email, role, field_msg) in [
        ("nobody@mail.kz", "viewer", "ErrNoSuchAccount"),
        ("new@mail.kz", "viewer", "ErrStaffNotConfirmed"),
        ("admin@lib.kz", "viewer", "ErrStaffIsSiteAdmin"),
        ("coordinator@lib.kz", "owner", "ErrChooseOption"),
        ("not an email", "viewer", "ErrEmailInvalid"),
    ] {
        let res = grant(app, &two.b_admin, &c, email, role).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{email} {role}: {}", res.body);
        assert_eq!(error_msg(&res).await, field_msg, "{email} {role}");
    }
    // Only the organisation's admins (and the site's) give roles: not even an organiser.
    assert_eq!(grant(app, &two.a_organiser, &two.a_contest, "viewer@lib.kz", "viewer").await.status, StatusCode::FORBIDDEN);

    let (entry, code): (String, String) = sqlx::query_as("SELECT public_id, code FROM entry ORDER BY entry_id LIMIT 1").fetch_one(&app.sql).await.unwrap();
    let basics = |contest: &str| -> Form {
        [("title_kk", "Ертегілер"), ("title_ru", "В мире сказок"), ("title_en", ""), ("description_kk", ""), ("description_ru", ""), ("description_en", ""), ("rules_kk", ""), ("rules_ru", ""), ("rules_en", ""), ("level", "regional"), ("organiser_name", ""), ("organiser_contacts", "")]
            .into_iter()
            .map(|(k, v)| (k, v.to_owned()))
            .chain([("contest", contest.to_owned())])
            .collect()
    };
    let call = |endpoint: &'static str, form: Form, jar: &Jar| {
        let form = form.clone();
        let jar = jar.clone();
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(endpoint, &pairs, &jar).await.status
        }
    };
    let contest = |x: &str| vec![("contest", x.to_owned())];
    // (what, coordinator, viewer)
    let checks: Vec<(&str, Form, StatusCode, StatusCode)> = vec![
        ("admin_get_contest", vec![("public_id", c.clone())], StatusCode::OK, StatusCode::OK),
        ("admin_judging", contest(&c), StatusCode::OK, StatusCode::OK),
        ("admin_list_entries", [contest(&c), vec![("nomination", String::new()), ("age_group", String::new()), ("state", String::new()), ("q", String::new())]].concat(), StatusCode::OK, StatusCode::OK),
        ("admin_results", contest(&c), StatusCode::FORBIDDEN, StatusCode::OK),
        ("admin_save_basics", basics(&c), StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("admin_remind_judges", contest(&c), StatusCode::OK, StatusCode::FORBIDDEN),
        ("admin_disqualify_entry", vec![("id", entry.clone()), ("reason", "Чужая работа".into())], StatusCode::OK, StatusCode::FORBIDDEN),
        ("admin_reinstate_entry", vec![("id", entry.clone())], StatusCode::OK, StatusCode::FORBIDDEN),
        ("admin_compute_results", contest(&c), StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("admin_grant_staff", [contest(&c), vec![("email", "a-admin@lib.kz".into()), ("role", "viewer".into())]].concat(), StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("admin_move_contest", [contest(&c), vec![("organisation", String::new())]].concat(), StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("admin_create_contest", vec![("title_kk", String::new()), ("title_ru", "Ещё".into()), ("title_en", String::new()), ("level", "school".into())], StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("admin_organisations", vec![], StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("admin_list_accounts", vec![], StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
    ];
    for (endpoint, form, for_coordinator, for_viewer) in checks {
        assert_eq!(call(endpoint, form.clone(), &coordinator).await, for_coordinator, "coordinator: {endpoint}");
        assert_eq!(call(endpoint, form, &viewer).await, for_viewer, "viewer: {endpoint}");
    }
    // The organisation's admin and an organiser of the contest edit it.
    assert_eq!(call("admin_save_basics", basics(&c), &two.b_admin).await, StatusCode::OK);
    assert_eq!(call("admin_save_basics", basics(&two.a_contest), &two.a_organiser).await, StatusCode::OK);
    assert_eq!(call("admin_results", contest(&two.a_contest), &two.a_organiser).await, StatusCode::OK);
    // Exports follow the same powers; the site's own pages stay the site administrators'.
    assert_eq!(app.get(&format!("/admin/contests/{c}/entries.csv"), &coordinator).await.status, StatusCode::OK);
    assert_eq!(app.get(&format!("/admin/contests/{c}/entries.csv"), &viewer).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&format!("/admin/contests/{c}/export/results.csv"), &coordinator).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&format!("/admin/contests/{c}/judging"), &viewer).await.status, StatusCode::OK);
    assert_eq!(app.get(&format!("/admin/contests/{c}/results"), &coordinator).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/admin/organisations", &two.b_admin).await.status, StatusCode::FORBIDDEN);
    let file: String = sqlx::query_scalar("SELECT f.public_id FROM entry_file f JOIN entry e USING (entry_id) WHERE e.code = $1").bind(&code).fetch_one(&app.sql).await.unwrap();
    assert_eq!(app.get(&format!("/files/{file}"), &viewer).await.status, StatusCode::OK);

    // The list shows each their own; the header leads staff to it.
    let list = app.call("admin_list_contests", &[], &viewer).await;
    ok(&list);
    assert_eq!(list.json().as_array().unwrap().iter().map(|s| s["public_id"].as_str().unwrap().to_owned()).collect::<Vec<_>>(), vec![c.clone()]);
    let home = app.get("/", &viewer).await;
    assert!(home.select_attr("nav a", "href").contains(&"/admin/contests".to_owned()), "{:?}", home.select_attr("nav a", "href"));
    let page = app.get(&format!("/admin/contests/{c}"), &viewer).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select_text(".staff-organisation"), vec!["Ұйым: Шығыс Қазақстан кітапханасы"]);
    assert_eq!(page.select_text("#staff .notice"), vec!["Рөлі: Бақылаушы (тек қарау)"]);
    assert!(page.select_text("#staff form").is_empty(), "a viewer gets no staff forms");

    // Taking a role away closes the contest to them at once.
    let viewer_id = account_id(app, "viewer@lib.kz").await;
    ok(&app.call("admin_revoke_staff", &[("contest", &c), ("account", &viewer_id)], &two.b_admin).await);
    assert_eq!(call("admin_judging", contest(&c), &viewer).await, StatusCode::FORBIDDEN, "no staff role anywhere: refused at the door");
    // Moving the contest back to the host takes it from B's admin.
    ok(&app.call("admin_move_contest", &[("contest", &c), ("organisation", "")], &two.j.admin).await);
    assert_eq!(call("admin_judging", contest(&c), &two.b_admin).await, StatusCode::NOT_FOUND);
    assert_eq!(call("admin_judging", contest(&c), &coordinator).await, StatusCode::OK, "a contest role stays with the contest");

    assert_staff_log(&two, &viewer_id).await;
}

/// The audit lines of organisations and staff, in order, for what the role test did.
async fn assert_staff_log(two: &Two, viewer_id: &str) {
    let app = &two.j.w.app;
    let c = &two.j.w.contest;
    let log: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT action, target, detail FROM audit_log WHERE action LIKE 'organisation.%' OR action LIKE 'staff.%' OR action = 'contest.organisation' ORDER BY audit_log_id",
    )
    .fetch_all(&app.sql)
    .await
    .unwrap();
    let a_admin = account_id(app, "a-admin@lib.kz").await;
    let b_admin = account_id(app, "b-admin@lib.kz").await;
    let a_org = account_id(app, "a-organiser@lib.kz").await;
    let coord = account_id(app, "coordinator@lib.kz").await;
    let (oa, ob) = (&two.org_a, &two.org_b);
    let expected: Vec<(String, String, String)> = vec![
        ("organisation.create".into(), format!("organisation:{oa}"), "Абай облысының кітапханасы".into()),
        ("organisation.create".into(), format!("organisation:{ob}"), "Шығыс Қазақстан кітапханасы".into()),
        ("organisation.admin_add".into(), format!("organisation:{oa}"), format!("account:{a_admin}")),
        ("organisation.admin_add".into(), format!("organisation:{ob}"), format!("account:{b_admin}")),
        ("contest.organisation".into(), format!("contest:{c}"), format!("organisation:{ob}")),
        ("staff.grant".into(), format!("contest:{}", two.a_contest), format!("account:{a_org} organiser")),
        ("staff.grant".into(), format!("contest:{c}"), format!("account:{coord} coordinator")),
        ("staff.grant".into(), format!("contest:{c}"), format!("account:{viewer_id} organiser")),
        ("staff.grant".into(), format!("contest:{c}"), format!("account:{viewer_id} viewer")),
        ("staff.revoke".into(), format!("contest:{c}"), format!("account:{viewer_id}")),
        ("contest.organisation".into(), format!("contest:{c}"), "host".into()),
    ];
    assert_eq!(log, expected);
}

#[tokio::test]
async fn the_site_administrator_manages_organisations_in_forms_that_work_without_javascript() {
    let app = TestApp::new().await;
    let site = app.account_with_role("admin@lib.kz", app::domain::Role::Admin).await;
    app.register("librarian@lib.kz", "Гүлнар", "correct horse battery").await;
    // A name is required, and at most 200 characters.
    let empty = app.post_form("admin_create_organisation", &[("name_kk", " "), ("name_ru", ""), ("name_en", "")], &site, "/admin/organisations").await;
    assert_eq!(empty.status, StatusCode::FOUND);
    let back = app.get(empty.header("location").unwrap(), &site).await;
    assert_eq!(back.select_text("#new-organisation .field-error:not([hidden])"), vec!["Толтырыңыз."]);
    let long = "а".repeat(201);
    let res = app.call("admin_create_organisation", &[("name_kk", &long), ("name_ru", ""), ("name_en", "")], &site).await;
    assert_eq!(error_msg(&res).await, "ErrTextTooLong");
    assert_eq!(app.count("SELECT COUNT(*) FROM organisation").await, 0);

    let org = new_organisation(&app, &site, "Областная библиотека имени Абая").await;
    let page = app.get("/admin/organisations", &site).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select_text(".organisation h2"), vec!["Областная библиотека имени Абая"]);
    assert_eq!(page.select_text(".organisation .empty"), vec!["Әкімшісі жоқ."]);
    let added = app.post_form("admin_add_organisation_admin", &[("organisation", &org), ("email", "librarian@lib.kz")], &site, "/admin/organisations").await;
    assert_eq!(added.status, StatusCode::FOUND);
    let page = app.get(added.header("location").unwrap(), &site).await;
    assert_eq!(page.select_text(".organisation .members li span"), vec!["Гүлнар · librarian@lib.kz"]);
    assert_eq!(page.select_text(".organisation .notice"), vec!["Сақталды."]);
    // Adding twice changes nothing; an unknown address is named.
    ok(&app.call("admin_add_organisation_admin", &[("organisation", &org), ("email", "librarian@lib.kz")], &site).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM organisation_admin").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'organisation.admin_add'").await, 1);
    let res = app.call("admin_add_organisation_admin", &[("organisation", &org), ("email", "nobody@lib.kz")], &site).await;
    assert_eq!(error_msg(&res).await, "ErrNoSuchAccount");

    // The librarian now makes contests for the library, and sees the organisation's name.
    let librarian = crate::submissions::relogin(&app, "librarian@lib.kz").await;
    let list = app.get("/admin/contests", &librarian).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.select_text(".organisations-link").is_empty(), "the site's pages are not linked for them");
    ok(&app.call("admin_create_contest", &[("title_kk", "Абай оқулары"), ("title_ru", ""), ("title_en", ""), ("level", "regional")], &librarian).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM contest c JOIN organisation o USING (organisation_id)").await, 1);
    // Removing the admin closes the admin pages to them.
    let id = account_id(&app, "librarian@lib.kz").await;
    ok(&app.call("admin_remove_organisation_admin", &[("organisation", &org), ("account", &id)], &site).await);
    assert_eq!(app.get("/admin/contests", &librarian).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("admin_remove_organisation_admin", &[("organisation", &org), ("account", &id)], &site).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_site_administrator_renames_an_organisation_and_deletes_one_only_while_it_holds_no_contest() {
    let app = TestApp::new().await;
    let site = app.account_with_role("admin@lib.kz", app::domain::Role::Admin).await;
    let org = new_organisation(&app, &site, "Облысная библиотека").await;
    let spare = new_organisation(&app, &site, "Лишняя").await;
    let page = app.get("/admin/organisations", &site).await;
    // The rename form carries the names as they are; only the empty one may be deleted.
    assert_eq!(page.select_attr(&format!("#org-{org}-name-ru"), "value"), vec!["Облысная библиотека"]);
    assert_eq!(page.select_text(".org-contests"), vec!["Байқаулары: 0", "Байқаулары: 0"]);
    // A contest of the first organisation (made by the site administrator for it).
    ok(&app.call("admin_create_contest", &[("title_kk", "Абай оқулары"), ("title_ru", ""), ("title_en", ""), ("level", "regional"), ("organisation", &org)], &site).await);
    let page = app.get("/admin/organisations", &site).await;
    assert_eq!(page.select_text(".org-contests"), vec!["Байқаулары: 1", "Байқаулары: 0"]);
    assert_eq!(page.select_attr(".org-delete input[name=organisation]", "value"), vec![spare.clone()]);
    // The name is corrected in a plain form; a blank or overlong name is refused, nothing changes.
    let blank = app.post_form("admin_rename_organisation", &[("organisation", &org), ("new_kk", " "), ("new_ru", ""), ("new_en", "")], &site, "/admin/organisations").await;
    assert_eq!(blank.status, StatusCode::FOUND);
    let back = app.get(blank.header("location").unwrap(), &site).await;
    assert_eq!(back.select_text(&format!("#org-{org} .field-error:not([hidden])")), vec!["Толтырыңыз."]);
    assert_eq!(back.select_attr(&format!("#org-{org} details.org-rename"), "open").len(), 1, "the refused form is shown open");
    let long = "а".repeat(201);
    assert_eq!(error_msg(&app.call("admin_rename_organisation", &[("organisation", &org), ("new_kk", &long), ("new_ru", ""), ("new_en", "")], &site).await).await, "ErrTextTooLong");
    assert_eq!(app.count("SELECT COUNT(*) FROM organisation WHERE name_ru = 'Облысная библиотека'").await, 1);
    let renamed = app.post_form("admin_rename_organisation", &[("organisation", &org), ("new_kk", "Абай атындағы облыстық кітапхана"), ("new_ru", "Областная библиотека имени Абая"), ("new_en", "")], &site, "/admin/organisations").await;
    assert_eq!(renamed.header("location"), Some(format!("/admin/organisations?saved={org}#org-{org}").as_str()));
    let names: (Option<String>, Option<String>, Option<String>) = sqlx::query_as("SELECT name_kk, name_ru, name_en FROM organisation WHERE public_id = $1").bind(&org).fetch_one(&app.sql).await.unwrap();
    assert_eq!(names, (Some("Абай атындағы облыстық кітапхана".into()), Some("Областная библиотека имени Абая".into()), None));
    assert_eq!(app.get("/admin/organisations", &Jar { lang: Some("ru".into()), ..site.clone() }).await.select_text(&format!("#org-{org} h2")), vec!["Областная библиотека имени Абая"]);
    // An organisation holding a contest is not deleted (a stale form: a conflict); an empty one is.
    let refused = app.call("admin_delete_organisation", &[("organisation", &org)], &site).await;
    assert_eq!((refused.status, error_msg(&refused).await), (StatusCode::CONFLICT, "ErrConflict".to_owned()));
    let deleted = app.post_form("admin_delete_organisation", &[("organisation", &spare)], &site, "/admin/organisations").await;
    assert_eq!(deleted.header("location"), Some("/admin/organisations?deleted=1"));
    assert_eq!(app.count("SELECT COUNT(*) FROM organisation").await, 1);
    assert_eq!(app.call("admin_delete_organisation", &[("organisation", &spare)], &site).await.status, StatusCode::NOT_FOUND);
    // Only the site's administrators may; each change is in the audit log.
    let librarian = app.register("librarian@lib.kz", "Гүлнар", "correct horse battery").await;
    assert_eq!(app.call("admin_rename_organisation", &[("organisation", &org), ("new_kk", "x"), ("new_ru", ""), ("new_en", "")], &librarian).await.status, StatusCode::FORBIDDEN);
    let audit: Vec<(String, String)> = sqlx::query_as("SELECT action, detail FROM audit_log WHERE action IN ('organisation.rename', 'organisation.delete') ORDER BY audit_log_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(audit, vec![("organisation.rename".into(), "Абай атындағы облыстық кітапхана".into()), ("organisation.delete".into(), "Лишняя".into())]);
}

#[tokio::test]
async fn staff_read_the_audit_log_of_their_own_contests_and_nothing_else() {
    let two = two_organisations().await;
    let app = &two.j.w.app;
    let c = &two.j.w.contest;
    let codes = |page: &TestResponse| page.select_text("table.audit tbody td code");
    // B's admin reads B's contest: its lines only, and the filter offers nothing else.
    let page = app.get(&format!("/admin/audit?contest={c}"), &two.b_admin).await;
    assert_eq!(page.status, StatusCode::OK);
    let lines = codes(&page);
    assert!(lines.contains(&"contest.organisation".to_owned()) && lines.contains(&"contest.publish".to_owned()), "{lines:?}");
    assert!(!lines.iter().any(|a| a.starts_with("organisation.")), "the organisations' own lines are the site's: {lines:?}");
    assert_eq!(page.select_attr("select#contest option", "value").into_iter().filter(|v| !v.is_empty()).collect::<Vec<_>>(), vec![c.clone()]);
    assert!(!page.body.contains("a-admin@lib.kz") && !page.body.contains("Абай оқулары"), "nothing of A's");
    let csv = app.get(&format!("/admin/audit.csv?contest={c}"), &two.b_admin).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.contains("contest.organisation") && !csv.body.contains("staff.grant"), "{}", csv.body);
    // Another organisation's contest is not found; the whole log is the site's.
    for path in [format!("/admin/audit?contest={}", two.a_contest), format!("/admin/audit.csv?contest={}", two.a_contest)] {
        assert_eq!(app.get(&path, &two.b_admin).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    for path in ["/admin/audit", "/admin/audit.csv", "/admin/audit?actor=1"] {
        assert_eq!(app.get(path, &two.b_admin).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    let full = app.get("/admin/audit", &two.j.admin).await;
    assert!(codes(&full).iter().any(|a| a == "organisation.create"));
}

#[tokio::test]
async fn each_role_sees_the_forms_it_may_not_use_disabled_under_a_note() {
    let two = two_organisations().await;
    let app = &two.j.w.app;
    let c = two.j.w.contest.clone();
    let (coordinator, viewer) = coordinator_and_viewer(&two).await;
    let entry: String = sqlx::query_scalar("SELECT public_id FROM entry WHERE state = 'submitted' ORDER BY entry_id LIMIT 1").fetch_one(&app.sql).await.unwrap();
    let note = "Рөліңіз бұл бөлімді қарауға ғана мүмкіндік береді.";
    // (page, B's admin, coordinator, viewer): read only?
    let pages = [
        (format!("/admin/contests/{c}"), false, true, true),
        (format!("/admin/contests/{c}/judging"), false, false, true),
        (format!("/admin/contests/{c}/results"), false, true, true),
    ];
    for (path, admin_ro, coordinator_ro, viewer_ro) in pages {
        for (who, jar, read_only) in [("B's admin", &two.b_admin, admin_ro), ("coordinator", &coordinator, coordinator_ro), ("viewer", &viewer, viewer_ro)] {
            let page = app.get(&path, jar).await;
            if who == "coordinator" && path.ends_with("/results") {
                assert_eq!(page.status, StatusCode::FORBIDDEN, "{who} {path}");
                continue;
            }
            assert_eq!(page.status, StatusCode::OK, "{who} {path}");
            let notes = page.select_text(".read-only-note");
            let disabled = page.select_attr("fieldset.read-only", "disabled");
            if read_only {
                assert_eq!((notes, disabled.len()), (vec![note.to_owned()], 1), "{who} {path}");
                assert!(!page.select_text("fieldset.read-only form button").is_empty(), "{who} {path}: the forms are shown, disabled");
            } else {
                assert_eq!((notes, disabled.len()), (Vec::<String>::new(), 0), "{who} {path}");
            }
        }
    }
    // The editor links the results review only for those who may read it.
    for (jar, links) in [(&coordinator, 0), (&viewer, 1)] {
        assert_eq!(app.get(&format!("/admin/contests/{c}"), jar).await.select_text("a.results-link").len(), links);
    }
    // An entry's actions are for those who handle entries.
    let of = |page: &TestResponse| (page.select_text("#disqualify h2").len(), page.status);
    assert_eq!(of(&app.get(&format!("/admin/entries/{entry}"), &coordinator).await), (1, StatusCode::OK));
    assert_eq!(of(&app.get(&format!("/admin/entries/{entry}"), &viewer).await), (0, StatusCode::OK));
    // Their next steps: the contest's judging, with the results review only for the viewer.
    let judging = format!("/admin/contests/{c}/judging");
    let results = format!("/admin/contests/{c}/results");
    assert_eq!(app.get("/account", &coordinator).await.select_attr(".step-judging .step-actions a", "href"), vec![judging.clone()]);
    assert_eq!(app.get("/account", &viewer).await.select_attr(".step-judging .step-actions a", "href"), vec![results, judging]);
    // Staff do not delete their own accounts (their decisions name them), as judges do not.
    let res = app.call("delete_account", &[("current_password", "correct horse battery"), ("understood", "on")], &viewer).await;
    assert_eq!((res.status, error_msg(&res).await), (StatusCode::BAD_REQUEST, "ErrStaffCannotDelete".to_owned()));
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE email = 'viewer@lib.kz' AND deleted_at IS NULL").await, 1);
}

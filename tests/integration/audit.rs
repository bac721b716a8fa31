//! The admin's audit log page and its exports: one contest's history (its entries' lines
//! included), who, action and day filters, paging, refusals.

use crate::contests::{OPEN_UTC, ok};
use crate::submissions::{new_entry, world};
use crate::uploads::{jpeg, upload};
use app::backend::db::{self, audit::Subject};
use app::domain::Role;
use app::domain::audit::Action;
use app::domain::ids::AccountId;
use baiqau_tests::{Jar, TestApp};
use http::StatusCode;
use serde_json::json;

const DAY: i64 = 86_400;

fn actions(page: &baiqau_tests::TestResponse) -> Vec<String> {
    page.select_text("table.audit tbody td code")
}

#[tokio::test]
async fn one_contests_history_is_read_by_who_action_and_day_and_exported_as_shown() {
    let w = world().await;
    let app = &w.app;
    // Another admin starts another contest: not part of the first one's history.
    let deputy = app.account_with_role("deputy@lib.kz", Role::Admin).await;
    ok(&app.call("admin_create_contest", &[("title_kk", ""), ("title_ru", "Другой"), ("title_en", ""), ("level", "regional")], &deputy).await);
    let entry = new_entry(&w, &w.drawing, "Көктем").await;
    assert_eq!(upload(app, &w.parent, &entry, "w", &jpeg(100, 100)).await.status, StatusCode::OK);
    ok(&app.call("submit_entry", &[("id", &entry)], &w.parent).await);
    // Two days later (09:00 in Kazakhstan): a disqualification whose reason looks like a
    // formula, and a role change that concerns no contest.
    app.clock.set(OPEN_UTC + 2 * DAY);
    let reason = "=HYPERLINK(\"http://evil.example\")";
    ok(&app.call("admin_disqualify_entry", &[("id", &entry), ("reason", reason)], &w.admin).await);
    let parent_id: i64 = sqlx::query_scalar("SELECT account_id FROM account WHERE email = 'parent@mail.kz'").fetch_one(&app.sql).await.unwrap();
    ok(&app.call("admin_set_role", &[("account_id", &parent_id.to_string()), ("role", "judge")], &w.admin).await);

    // The contest's history: its own lines and its entry's, newest first, and nothing else.
    let expected: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log WHERE target = $1 OR target = $2 ORDER BY audit_log_id DESC")
        .bind(format!("contest:{}", w.contest))
        .bind(format!("entry:{entry}"))
        .fetch_all(&app.sql)
        .await
        .unwrap();
    let page = app.get(&format!("/admin/audit?contest={}", w.contest), &w.admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(actions(&page), expected);
    assert_eq!(expected.first().map(String::as_str), Some("entry.disqualify"));
    assert_eq!(expected.last().map(String::as_str), Some("contest.create"));
    assert!(expected.iter().any(|a| a == "contest.publish") && !expected.iter().any(|a| a == "account.role"), "{expected:?}");
    assert_eq!(page.select_attr("table.audit tbody tr:first-child td a[href^='/admin/entries/']", "href"), vec![format!("/admin/entries/{entry}")]);
    assert_eq!(page.select_text("table.audit tbody tr:first-child td.detail"), vec![reason]);
    // On the page as the reader writes dates (Kazakh here); the export keeps the sortable form.
    assert_eq!(page.select_text("table.audit tbody tr:first-child time"), vec!["3 желтоқсан 2026, 09:00"]);

    // Who: the deputy confirmed her address, then did one thing.
    let deputy_id: i64 = sqlx::query_scalar("SELECT account_id FROM account WHERE email = 'deputy@lib.kz'").fetch_one(&app.sql).await.unwrap();
    assert_eq!(actions(&app.get(&format!("/admin/audit?actor={deputy_id}"), &w.admin).await), vec!["contest.create", "email.confirm"]);
    // Days, inclusive, in Kazakhstan's time: the 3rd holds the last two lines; up to the
    // 2nd holds everything else.
    let third = app.get("/admin/audit?from=2026-12-03", &w.admin).await;
    assert_eq!(actions(&third), vec!["account.role", "entry.disqualify"]);
    // An account's line names the account as it is called now.
    assert_eq!(third.select_text("table.audit tbody tr:first-child td.subject"), vec![format!("Айгүл Серікқызыaccount:{parent_id}")]);
    let until = actions(&app.get("/admin/audit?until=2026-12-02", &w.admin).await);
    let all: i64 = app.count("SELECT COUNT(*) FROM audit_log").await;
    assert_eq!(until.len() as i64, all - 2);
    assert!(!until.contains(&"entry.disqualify".to_owned()));
    // Filters combine; the filter form shows what was chosen.
    let page = app.get(&format!("/admin/audit?contest={}&action=entry.disqualify&from=2026-12-03&until=2026-12-03", w.contest), &w.admin).await;
    assert_eq!(actions(&page), vec!["entry.disqualify"]);
    assert_eq!(page.select_attr("select#action option[selected]", "value"), vec!["entry.disqualify"]);
    assert_eq!(page.select_attr("input#from", "value"), vec!["2026-12-03"]);
    assert_eq!(actions(&app.get("/admin/audit?from=2026-12-04", &w.admin).await), Vec::<String>::new());
    assert_eq!(app.get("/admin/audit?from=2026-12-04", &w.admin).await.select_text(".audit-empty").len(), 1);

    // The export carries the same filter, in the reader's language, formulas disarmed.
    let ru = Jar { session: w.admin.session.clone(), lang: Some("ru".into()), ..Jar::default() };
    let csv = app.get(&format!("/admin/audit.csv?contest={}&action=entry.disqualify", w.contest), &ru).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(csv.header("content-disposition"), Some("attachment; filename=\"audit-2026-12-03.csv\"; filename*=UTF-8''audit-2026-12-03.csv"));
    let admin_name: String = sqlx::query_scalar("SELECT display_name FROM account WHERE email = 'admin@lib.kz'").fetch_one(&app.sql).await.unwrap();
    assert_eq!(
        csv.body,
        format!(
            "\u{FEFF}Время,Кто,Почта,Действие,action,Конкурс,Объект,Подробности\r\n\
             2026-12-03 09:00,{admin_name},admin@lib.kz,Работа дисквалифицирована,entry.disqualify,В мире сказок,entry:{entry},\"'=HYPERLINK(\"\"http://evil.example\"\")\"\r\n"
        )
    );
    let xlsx = app.get("/admin/audit.xlsx?from=2026-12-03", &ru).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    use calamine::Reader as _;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.bytes.clone())).unwrap();
    let sheet = book.worksheet_range("Entries").unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows.iter().map(|r| r[4].as_str()).collect::<Vec<_>>(), vec!["action", "account.role", "entry.disqualify"]);
    assert_eq!(rows[1][3], "Изменена роль");
    assert_eq!(rows[2][7], reason, "kept as text in the workbook");
}

#[tokio::test]
async fn the_log_pages_back_a_hundred_lines_at_a_time_and_refuses_what_is_not_a_filter() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id: AccountId = sqlx::query_scalar("SELECT account_id FROM account WHERE email = 'admin@lib.kz'").fetch_one(&app.sql).await.unwrap();
    for i in 0..105 {
        db::audit::log(&app.state.db, Some(id), Action::PasswordChange, Subject::Account(id), &format!("line {i}"), OPEN_UTC + i).await.unwrap();
    }
    let first = app.get("/admin/audit?action=password.change", &admin).await;
    let details = first.select_text("table.audit td.detail");
    assert_eq!((details.len(), details.first().map(String::as_str), details.last().map(String::as_str)), (100, Some("line 104"), Some("line 5")));
    let older = first.select_attr("a[rel=next]", "href");
    assert_eq!(older.len(), 1);
    assert!(older[0].starts_with("/admin/audit?actor=&contest=&action=password.change&from=&until=&before="), "{}", older[0]);
    let second = app.get(&older[0], &admin).await;
    assert_eq!(second.select_text("table.audit td.detail"), vec!["line 4", "line 3", "line 2", "line 1", "line 0"]);
    assert!(second.select_attr("a[rel=next]", "href").is_empty());
    assert_eq!(second.select_attr(".pager a", "href"), vec!["/admin/audit?actor=&contest=&action=password.change&from=&until="]);

    // What is not a filter: a date that does not exist, an unknown contest or action.
    let res = app.call("admin_audit_log", &[("actor", ""), ("contest", ""), ("action", ""), ("from", "2026-02-30"), ("until", ""), ("before", "")], &admin).await;
    assert_eq!((res.status, res.json()), (StatusCode::BAD_REQUEST, json!({"Refused": "ErrDate"})));
    let res = app.call("admin_audit_log", &[("actor", ""), ("contest", "nope"), ("action", ""), ("from", ""), ("until", ""), ("before", "")], &admin).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app.call("admin_audit_log", &[("actor", ""), ("contest", ""), ("action", "contest.pause"), ("from", ""), ("until", ""), ("before", "")], &admin).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let page = app.get("/admin/audit?until=31.12.2026", &admin).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("Күнді көрсетіңіз (ЖЖЖЖ-АА-КК)."), "the page says why, in Kazakh");
    let csv = app.get("/admin/audit.csv?from=yesterday", &admin).await;
    assert_eq!((csv.status, csv.body.as_str()), (StatusCode::BAD_REQUEST, "Күнді көрсетіңіз (ЖЖЖЖ-АА-КК)."));

    // Only admins: a judge is refused the page and the exports, an anonymous visitor is asked
    // to log in.
    let judge = app.account_with_role("judge@lib.kz", Role::Judge).await;
    for path in ["/admin/audit", "/admin/audit.csv", "/admin/audit.xlsx"] {
        assert_eq!(app.get(path, &judge).await.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(app.get(path, &Jar::default()).await.status, StatusCode::UNAUTHORIZED, "{path}");
    }
}

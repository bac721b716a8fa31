use app::domain::Role;
use baiqau_tests::{Jar, TestApp};
use http::StatusCode;
use serde_json::json;

async fn id_of(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT account_id FROM account WHERE email = $1").bind(email).fetch_one(&app.sql).await.unwrap()
}

#[tokio::test]
async fn admin_disables_account_and_its_sessions_end() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let user = app.register("user@mail.kz", "User", "correct horse battery").await;
    let user_id = id_of(&app, "user@mail.kz").await;

    let res = app.call("admin_set_disabled", &[("account_id", &user_id.to_string()), ("disabled", "true")], &admin).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM session s JOIN account a USING (account_id) WHERE a.email = 'user@mail.kz'").await, 0);
    assert_eq!(app.call("me", &[], &user).await.json(), json!(null));
    assert_eq!(app.call("list_sessions", &[], &user).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.disable'").await, 1);

    let res = app.call("admin_set_disabled", &[("account_id", &user_id.to_string()), ("disabled", "false")], &admin).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(app.login("user@mail.kz", "correct horse battery").await.status, StatusCode::OK);
}

#[tokio::test]
async fn admin_changes_role_and_it_is_logged() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    app.register("judge@lib.kz", "Марат Бекұлы", "correct horse battery").await;
    let id = id_of(&app, "judge@lib.kz").await;
    let res = app.call("admin_set_role", &[("account_id", &id.to_string()), ("role", "judge")], &admin).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("location"), Some("/admin/accounts?updated=1"));
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE email = 'judge@lib.kz' AND role = 'judge'").await, 1);
    let detail: String = sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'account.role'").fetch_one(&app.sql).await.unwrap();
    assert_eq!(detail, "judge");

    let bad = app.call("admin_set_role", &[("account_id", &id.to_string()), ("role", "root")], &admin).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn admin_cannot_demote_or_disable_self() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = id_of(&app, "admin@lib.kz").await.to_string();
    let res = app.call("admin_set_role", &[("account_id", &id), ("role", "entrant")], &admin).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.json(), json!({"Refused": "ErrSelfChange"}));
    let res = app.call("admin_set_disabled", &[("account_id", &id), ("disabled", "true")], &admin).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE role = 'admin' AND disabled_at IS NULL").await, 1);
}

#[tokio::test]
async fn judges_and_entrants_get_403_on_admin_functions_and_nothing_changes() {
    let app = TestApp::new().await;
    let judge = app.account_with_role("judge@lib.kz", Role::Judge).await;
    let entrant = app.register("parent@mail.kz", "Parent", "correct horse battery").await;
    let target = id_of(&app, "parent@mail.kz").await.to_string();
    for jar in [&judge, &entrant] {
        assert_eq!(app.call("admin_list_accounts", &[], jar).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("admin_set_role", &[("account_id", &target), ("role", "admin")], jar).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("admin_set_disabled", &[("account_id", &target), ("disabled", "true")], jar).await.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE role = 'admin'").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE disabled_at IS NOT NULL").await, 0);
    // Only the two confirmations of their own addresses.
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action <> 'email.confirm'").await, 0);
}

#[tokio::test]
async fn admin_accounts_page_lists_accounts_for_admins_only() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let entrant = app.register("parent@mail.kz", "<script>alert(1)</script>", "correct horse battery").await;
    let page = app.get("/admin/accounts", &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    let mut emails = page.select_text("td[data-label]:nth-child(2)");
    emails.sort();
    assert_eq!(emails, vec!["admin@lib.kz", "parent@mail.kz"]);
    assert!(!page.body.contains("<script>alert(1)</script>"));
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    let refused = app.get("/admin/accounts", &entrant).await;
    assert_eq!(refused.select_text("td"), Vec::<String>::new());
    assert!(!refused.body.contains("admin@lib.kz"));
    let anonymous = app.get("/admin/accounts", &Jar::default()).await;
    assert!(!anonymous.body.contains("parent@mail.kz"));
}

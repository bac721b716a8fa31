//! An account's address is proven by a one-time link mailed to it before the account may
//! submit a work or be given a role; a reset link or a judge's invitation proves it too.

use crate::submissions::{World, add_participant, create_entry, error_msg, last_entry, world_with};
use crate::uploads::{jpeg, upload};
use crate::contests::ok;
use app::backend::mail::Sender;
use app::backend::notify::{Notifier, send_due};
use app::domain::Role;
use baiqau_tests::smtp::SmtpSink;
use baiqau_tests::{Jar, TestApp, link_token};
use http::StatusCode;
use serde_json::json;

const PW: &str = "ақ бидай алтын дән";

async fn account_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT account_id FROM account WHERE email = $1").bind(email).fetch_one(&app.sql).await.unwrap()
}

async fn confirmed_at(app: &TestApp, email: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT email_confirmed_at FROM account WHERE email = $1").bind(email).fetch_one(&app.sql).await.unwrap()
}

/// A draft with a drawing, ready to submit, of a newly registered (unconfirmed) parent.
async fn unconfirmed_draft(w: &World, jar: &Jar) -> String {
    let child = add_participant(&w.app, jar, "Нұрлан Дәулетұлы", "2017-02-02", true).await;
    ok(&create_entry(&w.app, jar, &w.contest, &child, &w.drawing, "Қыс", "qys").await);
    let entry = last_entry(&w.app).await;
    assert_eq!(upload(&w.app, jar, &entry, "qys.jpg", &jpeg(320, 240)).await.status, StatusCode::OK);
    entry
}

/// Another draft of the same parent, to see the review section once confirmed.
async fn last_entry_of(app: &TestApp, w: &World, jar: &Jar) -> String {
    let child: String = sqlx::query_scalar("SELECT public_id FROM participant WHERE full_name = 'Нұрлан Дәулетұлы'").fetch_one(&app.sql).await.unwrap();
    ok(&create_entry(app, jar, &w.contest, &child, &w.tale, "Ертегі", "ertegi").await);
    last_entry(app).await
}

#[tokio::test]
async fn a_new_parent_confirms_the_address_by_a_link_sent_over_smtp_before_submitting() {
    let sink = SmtpSink::start().await;
    let w = world_with(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{}", sink.port))).await;
    let app = &w.app;
    let ru = Jar { lang: Some("ru".into()), ..Jar::default() };
    let res = app.call("register", &[("email", "Dana@Mail.kz"), ("display_name", "Дана"), ("password", PW)], &ru).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let mut jar = ru.clone();
    jar.absorb(&res);
    assert_eq!(app.call("me", &[], &jar).await.json()["email_confirmed"], json!(false));
    assert_eq!(confirmed_at(app, "dana@mail.kz").await, None);
    let page = app.get("/account", &jar).await;
    assert_eq!(
        page.select_text("#confirm-pending p"),
        vec!["Почта ещё не подтверждена. Мы отправили ссылку на dana@mail.kz: откройте её, чтобы можно было отправить работу."]
    );

    // A draft can be made and filled, but not submitted; its page says why beside the button.
    let entry = unconfirmed_draft(&w, &jar).await;
    let entry_page = app.get(&format!("/entries/{entry}"), &jar).await;
    assert_eq!(entry_page.select_attr("#review #confirm-pending form", "action"), vec!["/api/resend_confirmation"]);
    let refused = app.call("submit_entry", &[("id", &entry)], &jar).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_msg(&refused).await, "ErrEmailUnconfirmed");
    let (state, receipt): (String, Option<i64>) = sqlx::query_as("SELECT state, receipt_no FROM entry WHERE public_id = $1").bind(&entry).fetch_one(&app.sql).await.unwrap();
    assert_eq!((state.as_str(), receipt), ("draft", None));

    // Another link: not twice within a minute.
    let soon = app.call("resend_confirmation", &[], &jar).await;
    assert_eq!(soon.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(soon.header("retry-after"), Some("60"));
    app.clock.advance(61);
    let again = app.call("resend_confirmation", &[], &jar).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.header("location"), Some("/account?sent=1"));

    // Both links travel over SMTP, in the language the parent used.
    let transport = Notifier::of(&app.state).unwrap();
    send_due(&app.state.db, &transport, &Sender::of(&app.state).await, app.state.now()).await.unwrap();
    let mails: Vec<_> = sink.received().into_iter().filter(|m| m.to == vec!["<dana@mail.kz>"]).collect();
    assert_eq!(mails.len(), 2);
    let bodies: Vec<String> = mails.iter().map(|m| baiqau_tests::decode_mail_body(&m.data).replace("\r\n", "\n")).collect();
    assert!(bodies[0].starts_with("Здравствуйте, Дана!\n\nСпасибо за регистрацию в Байқау."), "{}", bodies[0]);
    let first = link_token(&bodies[0], "/email/confirm?token=");
    let second = link_token(&bodies[1], "/email/confirm?token=");
    assert_ne!(first, second);

    // The link's page holds one button (a mail scanner fetching the link confirms nothing);
    // the parent presses it on another device, without JavaScript.
    let link_page = app.get(&format!("/email/confirm?token={first}"), &Jar::default()).await;
    assert_eq!(link_page.status, StatusCode::OK);
    assert_eq!(link_page.select_attr("#confirm-form input[name=token]", "value"), vec![first.clone()]);
    assert_eq!(confirmed_at(app, "dana@mail.kz").await, None);
    let pressed = app.post_form("confirm_email", &[("token", &first)], &Jar::default(), &format!("/email/confirm?token={first}")).await;
    assert_eq!(pressed.status, StatusCode::FOUND, "{}", pressed.body);
    assert_eq!(pressed.header("location"), Some("/login?confirmed=1"));
    assert_eq!(confirmed_at(app, "dana@mail.kz").await, Some(app.state.now()));
    assert_eq!(app.count("SELECT COUNT(*) FROM email_confirmation WHERE used_at IS NULL").await, 0, "the other link is used up too");
    let stale = app.call("confirm_email", &[("token", &second)], &jar).await;
    assert_eq!(stale.status, StatusCode::BAD_REQUEST);
    assert_eq!(stale.json(), json!({"Refused": "ErrConfirmLinkInvalid"}));
    let id = account_id(app, "dana@mail.kz").await;
    let audit: Vec<(Option<i64>, String)> = sqlx::query_as("SELECT actor_account_id, target FROM audit_log WHERE action = 'email.confirm' AND target = $1")
        .bind(format!("account:{id}"))
        .fetch_all(&app.sql)
        .await
        .unwrap();
    assert_eq!(audit, vec![(Some(id), format!("account:{id}"))]);

    // Now the work goes in, and the account page no longer asks.
    assert_eq!(app.call("me", &[], &jar).await.json()["email_confirmed"], json!(true));
    ok(&app.call("submit_entry", &[("id", &entry)], &jar).await);
    let state: String = sqlx::query_scalar("SELECT state FROM entry WHERE public_id = $1").bind(&entry).fetch_one(&app.sql).await.unwrap();
    assert_eq!(state, "submitted");
    assert!(app.get("/account", &jar).await.select_text("#confirm-pending").is_empty());
    let draft = last_entry_of(app, &w, &jar).await;
    assert!(app.get(&format!("/entries/{draft}"), &jar).await.select_text("#confirm-pending").is_empty());
}

#[tokio::test]
async fn a_role_needs_a_confirmed_address_and_a_reset_link_proves_it() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    app.register_unconfirmed("bolat@mail.kz", "Болат", PW).await;
    let id = account_id(&app, "bolat@mail.kz").await.to_string();
    for role in ["judge", "admin"] {
        let res = app.call("admin_set_role", &[("account_id", &id), ("role", role)], &admin).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
        assert_eq!(res.json(), json!({"Refused": "ErrRoleNeedsConfirmedEmail"}));
    }
    let role: String = sqlx::query_scalar("SELECT role FROM account WHERE email = 'bolat@mail.kz'").fetch_one(&app.sql).await.unwrap();
    assert_eq!(role, "entrant");
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.role'").await, 0);

    // A reset link reached the address: it is proven.
    app.call("request_password_reset", &[("email", "bolat@mail.kz")], &Jar::default()).await;
    let body: String = sqlx::query_scalar("SELECT body_text FROM outbox WHERE body_text LIKE '%/password/reset?token=%'").fetch_one(&app.sql).await.unwrap();
    let token = link_token(&body, "/password/reset?token=");
    ok(&app.call("reset_password", &[("token", &token), ("new_password", "жаңа құпия сөз тіркесі")], &Jar::default()).await);
    assert_eq!(confirmed_at(&app, "bolat@mail.kz").await, Some(app.state.now()));
    ok(&app.call("admin_set_role", &[("account_id", &id), ("role", "judge")], &admin).await);
    let role: String = sqlx::query_scalar("SELECT role FROM account WHERE email = 'bolat@mail.kz'").fetch_one(&app.sql).await.unwrap();
    assert_eq!(role, "judge");
}

#[tokio::test]
async fn a_confirmation_link_expires_after_seven_days_and_a_forged_one_confirms_nothing() {
    let app = TestApp::new().await;
    let jar = app.register_unconfirmed("late@mail.kz", "Late", PW).await;
    let token = app.confirmation_token("late@mail.kz").await;
    for forged in ["", "x", &"a".repeat(65), &token[..token.len() - 1]] {
        let res = app.call("confirm_email", &[("token", forged)], &jar).await;
        assert_eq!(res.json(), json!({"Refused": "ErrConfirmLinkInvalid"}), "{forged:?}");
    }
    app.clock.advance(7 * 24 * 3600);
    let res = app.call("confirm_email", &[("token", &token)], &jar).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.json(), json!({"Refused": "ErrConfirmLinkInvalid"}));
    assert_eq!(confirmed_at(&app, "late@mail.kz").await, None);
    // A fresh link still works.
    ok(&app.call("resend_confirmation", &[], &jar).await);
    let fresh = app.confirmation_token("late@mail.kz").await;
    assert_ne!(fresh, token);
    let res = app.call("confirm_email", &[("token", &fresh)], &jar).await;
    assert_eq!(res.header("location"), Some("/account?confirmed=1"));
    assert_eq!(confirmed_at(&app, "late@mail.kz").await, Some(app.state.now()));
}

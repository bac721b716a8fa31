use baiqau_tests::smtp::SmtpSink;
use baiqau_tests::{Jar, TestApp};
use app::backend::mail::Sender;
use app::backend::notify::{Notifier, send_due};
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn password_reset_link_travels_over_real_smtp_and_works_once() {
    let sink = SmtpSink::start().await;
    let app = TestApp::with_config(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{}", sink.port))).await;
    let old = app.register("mama@mail.kz", "Гүлнар", "correct horse battery").await;
    // The confirmation link went out at registration; this test is about the reset.
    sqlx::query("DELETE FROM outbox").execute(&app.sql).await.unwrap();

    let res = app.call("request_password_reset", &[("email", "mama@mail.kz")], &Jar { lang: Some("ru".into()), ..Jar::default() }).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("location"), Some("/password/forgot?sent=1"));
    let unknown = app.call("request_password_reset", &[("email", "nobody@mail.kz")], &Jar::default()).await;
    assert_eq!(unknown.status, StatusCode::OK, "unknown emails get the same answer");
    assert_eq!(unknown.header("location"), Some("/password/forgot?sent=1"));
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").await, 1);

    let transport = Notifier::of(&app.state).unwrap();
    let sent = send_due(&app.state.db, &transport, &Sender::of(&app.state).await, app.state.now()).await.unwrap().sent;
    assert_eq!(sent, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL").await, 1);
    let mails = sink.received();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, vec!["<mama@mail.kz>"]);
    assert!(mails[0].data.contains("Subject: =?utf-8?b?"), "Cyrillic subject is encoded: {}", mails[0].data);
    let body = baiqau_tests::decode_mail_body(&mails[0].data);
    assert!(body.contains("Здравствуйте, Гүлнар!"), "{body}");
    let token = body.split("/password/reset?token=").nth(1).and_then(|s| s.split_whitespace().next()).unwrap().to_owned();

    let weak = app.call("reset_password", &[("token", &token), ("new_password", "12345678")], &Jar::default()).await;
    assert_eq!(weak.json(), json!({"Validation": [{"field": "new_password", "msg": "ErrPasswordTooCommon"}]}));
    let ok = app.call("reset_password", &[("token", &token), ("new_password", "жаңа құпия сөз")], &Jar::default()).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.header("location"), Some("/login?reset=1"));
    assert_eq!(app.call("me", &[], &old).await.json(), json!(null), "old sessions end");
    assert_eq!(app.login("mama@mail.kz", "жаңа құпия сөз").await.status, StatusCode::OK);

    let again = app.call("reset_password", &[("token", &token), ("new_password", "another passphrase")], &Jar::default()).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(again.json(), json!({"Refused": "ErrResetLinkInvalid"}));
}

#[tokio::test]
async fn reset_link_expires_after_an_hour() {
    let app = TestApp::new().await;
    app.register("late@mail.kz", "Late", "correct horse battery").await;
    sqlx::query("DELETE FROM outbox").execute(&app.sql).await.unwrap();
    app.call("request_password_reset", &[("email", "late@mail.kz")], &Jar::default()).await;
    let transport = Notifier::of(&app.state).unwrap();
    send_due(&app.state.db, &transport, &Sender::of(&app.state).await, app.state.now()).await.unwrap();
    // Without SMTP, mail lands in data/mail as .eml files.
    let files: Vec<_> = std::fs::read_dir(app.dir.path().join("mail")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let file = std::fs::read_to_string(&files[0]).unwrap();
    let body = baiqau_tests::decode_mail_body(&file);
    let token = body.split("token=").nth(1).and_then(|s| s.split_whitespace().next()).unwrap().to_owned();
    app.clock.advance(3600);
    let res = app.call("reset_password", &[("token", &token), ("new_password", "a fine passphrase")], &Jar::default()).await;
    assert_eq!(res.json(), json!({"Refused": "ErrResetLinkInvalid"}));
}

#[tokio::test]
async fn mail_server_down_keeps_message_queued_for_retry() {
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let app = TestApp::with_config(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    app.register("q@mail.kz", "Q", "correct horse battery").await;
    sqlx::query("DELETE FROM outbox").execute(&app.sql).await.unwrap();
    app.call("request_password_reset", &[("email", "q@mail.kz")], &Jar::default()).await;
    let transport = Notifier::of(&app.state).unwrap();
    let round = send_due(&app.state.db, &transport, &Sender::of(&app.state).await, app.state.now()).await.unwrap();
    assert_eq!(round, app::backend::notify::Round { taken: 1, sent: 0, failed: 1, gave_up: 0 }, "counted as a failure for /metrics");
    let (attempts, next, error): (i64, i64, Option<String>) =
        sqlx::query_as("SELECT attempts, next_attempt_at, last_error FROM outbox").fetch_one(&app.sql).await.unwrap();
    assert_eq!(attempts, 1);
    assert_eq!(next, app.state.now() + 60);
    assert!(error.is_some());
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").await, 1);
}

/// Asks for a reset link for `email` and returns the token from the mail (an .eml file).
async fn reset_token(app: &TestApp, email: &str) -> String {
    app.call("request_password_reset", &[("email", email)], &Jar::default()).await;
    let transport = Notifier::of(&app.state).unwrap();
    send_due(&app.state.db, &transport, &Sender::of(&app.state).await, app.state.now()).await.unwrap();
    let mut files: Vec<_> = std::fs::read_dir(app.dir.path().join("mail")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let body = baiqau_tests::decode_mail_body(&std::fs::read_to_string(files.last().unwrap()).unwrap());
    body.split("token=").nth(1).and_then(|s| s.split_whitespace().next()).unwrap().to_owned()
}

#[tokio::test]
async fn a_reset_or_a_password_change_ends_every_other_reset_link() {
    let app = TestApp::new().await;
    app.register("twice@mail.kz", "Twice", "correct horse battery").await;
    let first = reset_token(&app, "twice@mail.kz").await;
    app.clock.advance(120);
    let second = reset_token(&app, "twice@mail.kz").await;
    assert_ne!(first, second);
    let used = app.call("reset_password", &[("token", &second), ("new_password", "a fine passphrase")], &Jar::default()).await;
    assert_eq!(used.status, StatusCode::OK, "{}", used.body);
    // The older link from the same inbox no longer works: whoever else read it is too late.
    let stale = app.call("reset_password", &[("token", &first), ("new_password", "someone elses idea")], &Jar::default()).await;
    assert_eq!(stale.json(), json!({"Refused": "ErrResetLinkInvalid"}));
    assert_eq!(app.login("twice@mail.kz", "a fine passphrase").await.status, StatusCode::OK);

    app.clock.advance(120);
    let outstanding = reset_token(&app, "twice@mail.kz").await;
    let login = app.login("twice@mail.kz", "a fine passphrase").await;
    let mut jar = Jar::default();
    jar.absorb(&login);
    let changed = app.call("change_password", &[("current_password", "a fine passphrase"), ("new_password", "another fine passphrase")], &jar).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let late = app.call("reset_password", &[("token", &outstanding), ("new_password", "someone elses idea")], &Jar::default()).await;
    assert_eq!(late.json(), json!({"Refused": "ErrResetLinkInvalid"}));
    assert_eq!(app.count("SELECT COUNT(*) FROM password_reset WHERE used_at IS NULL").await, 0);
}

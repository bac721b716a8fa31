//! Two-step login: a code from an authenticator app (RFC 6238) after the password, recovery
//! codes for a lost phone, and an installation that requires it of its staff.

use crate::contests::ok;
use app::domain::{Role, totp};
use baiqau_tests::{Jar, TestApp};
use http::StatusCode;
use serde_json::json;

const PW: &str = "correct horse battery";

/// What the set-up page shows: the secret (as typed into an app) and the recovery codes.
struct Setup {
    key: Vec<u8>,
    recovery: Vec<String>,
}

/// Starts the set-up from the account page's button and reads the set-up page as rendered.
async fn start(app: &TestApp, jar: &Jar) -> Setup {
    let started = app.post_form("start_two_step", &[], jar, "/account").await;
    assert_eq!(started.status, StatusCode::FOUND, "{}", started.body);
    assert_eq!(started.header("location"), Some("/account/two-step"));
    let page = app.get("/account/two-step", jar).await;
    assert_eq!(page.status, StatusCode::OK);
    let secret: String = page.select_text("#two-step-secret").concat().split_whitespace().collect();
    let key = totp::decode_secret(&secret).expect("a 160-bit base32 secret on the page");
    assert_eq!(page.select_attr("#two-step-qr svg path", "d").len(), 1, "a QR code to scan");
    assert_eq!(page.select_attr("#enable-two-step input[name=code]", "autocomplete"), vec!["one-time-code"]);
    let recovery = page.select_text("#recovery-codes li");
    assert_eq!(recovery.len(), totp::RECOVERY_CODES);
    Setup { key, recovery }
}

fn code_now(app: &TestApp, key: &[u8]) -> String {
    totp::code_for_step(key, totp::step_of(app.state.now()))
}

/// Turns two-step login on for the account of `jar` (with a code the app would show).
async fn turn_on(app: &TestApp, jar: &Jar) -> Setup {
    let setup = start(app, jar).await;
    let on = app.post_form("enable_two_step", &[("code", &code_now(app, &setup.key))], jar, "/account/two-step").await;
    assert_eq!(on.status, StatusCode::FOUND, "{}", on.body);
    assert_eq!(on.header("location"), Some("/account?two_step=on"));
    setup
}

/// Logs in with the password: the answer, and the jar holding the half-way cookie.
async fn password_step(app: &TestApp, email: &str, next: &str) -> (String, Jar) {
    let res = app.post_form("login", &[("email", email), ("password", PW), ("next", next)], &Jar::default(), "/login").await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    assert_eq!(res.cookie("baiqau_session"), None, "no session before the second step");
    let mut jar = Jar::default();
    jar.absorb(&res);
    (res.header("location").unwrap_or_default().to_owned(), jar)
}

async fn code_step(app: &TestApp, jar: &Jar, code: &str) -> baiqau_tests::TestResponse {
    app.post_form("login_code", &[("code", code)], jar, "/login/code").await
}

#[tokio::test]
async fn an_admin_turns_on_two_step_login_and_then_logs_in_with_a_code_or_a_recovery_code_each_once() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let setup = start(&app, &admin).await;
    // A wrong code leaves it off.
    let wrong = app.call("enable_two_step", &[("code", "000000")], &admin).await;
    assert_eq!(wrong.json(), json!({"Validation": [{"field": "code", "msg": "ErrTwoStepCodeWrong"}]}));
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE totp_secret IS NOT NULL").await, 0);
    ok(&app.call("enable_two_step", &[("code", &code_now(&app, &setup.key))], &admin).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM recovery_code WHERE used_at IS NULL").await, 10);
    assert_eq!(app.count("SELECT COUNT(*) FROM totp_setup").await, 0, "the set-up is gone with its plain codes");
    let account = app.get("/account", &admin).await;
    assert_eq!(account.select_text("#two-step .two-step-state"), vec!["Екі қадамды кіру қосулы. Қалпына келтіру кодтары: 10."]);

    // The password alone opens nothing: the code page is next, and the way back is kept.
    app.clock.advance(totp::STEP);
    let (location, half) = password_step(&app, "admin@lib.kz", "/admin/contests").await;
    assert_eq!(location, "/login/code?next=/admin/contests");
    assert_eq!(app.call("me", &[], &half).await.json(), json!(null));
    assert_eq!(app.get("/admin/contests", &half).await.status, StatusCode::UNAUTHORIZED);
    let page = app.get("/login/code?next=%2Fadmin%2Fcontests", &half).await;
    // One field for both kinds of code (a recovery code has letters: no digits-only keyboard).
    assert_eq!(page.select_attr("#login-code input[name=code]", "autocomplete"), vec!["one-time-code"]);
    assert_eq!(page.select_attr("#login-code input[name=next]", "value"), vec!["/admin/contests"]);
    let bad = code_step(&app, &half, "123 45x").await;
    assert_eq!(bad.status, StatusCode::FOUND, "a plain form goes back with its error");
    let back = bad.header("location").unwrap_or_default();
    assert!(back.starts_with("http://127.0.0.1:3000/login/code?__path=%2Fapi%2Flogin_code&__err="), "{back}");
    assert_eq!(app.call("login_code", &[("code", "000000")], &half).await.json(), json!({"Validation": [{"field": "code", "msg": "ErrTwoStepCodeWrong"}]}));
    let code = code_now(&app, &setup.key);
    let done = app.call("login_code", &[("code", &code), ("next", "/admin/contests")], &half).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.header("location"), Some("/admin/contests"));
    let mut signed_in = Jar::default();
    signed_in.absorb(&done);
    assert_eq!(app.get("/admin/contests", &signed_in).await.status, StatusCode::OK);

    // The same code again, within its step: refused, though the password is right.
    let (_, again) = password_step(&app, "admin@lib.kz", "").await;
    let replay = app.call("login_code", &[("code", &code)], &again).await;
    assert_eq!(replay.json(), json!({"Validation": [{"field": "code", "msg": "ErrTwoStepCodeWrong"}]}));
    // A recovery code works once, written any way.
    let typed = setup.recovery[3].to_uppercase().replace('-', " ");
    let rescued = app.call("login_code", &[("code", &typed)], &again).await;
    assert_eq!(rescued.status, StatusCode::OK, "{}", rescued.body);
    assert_eq!(rescued.header("location"), Some("/account"));
    let (_, third) = password_step(&app, "admin@lib.kz", "").await;
    let reused = app.call("login_code", &[("code", &setup.recovery[3])], &third).await;
    assert_eq!(reused.json(), json!({"Validation": [{"field": "code", "msg": "ErrTwoStepCodeWrong"}]}));
    assert_eq!(app.count("SELECT COUNT(*) FROM recovery_code WHERE used_at IS NOT NULL").await, 1);

    // Five wrong codes end the half-way login: the password is asked again.
    for _ in 0..4 {
        app.call("login_code", &[("code", "111111")], &third).await;
    }
    let ended = app.call("login_code", &[("code", &code_now(&app, &setup.key))], &third).await;
    assert_eq!(ended.json(), json!({"Refused": "ErrTwoStepStartAgain"}));
    assert_eq!(app.count("SELECT COUNT(*) FROM login_challenge").await, 0);
    // A half-way login also ends by itself after five minutes.
    let (_, slow) = password_step(&app, "admin@lib.kz", "").await;
    app.clock.advance(301);
    let late = app.call("login_code", &[("code", &code_now(&app, &setup.key))], &slow).await;
    assert_eq!(late.json(), json!({"Refused": "ErrTwoStepStartAgain"}));

    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log WHERE action LIKE 'two_step.%' ORDER BY audit_log_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(actions, vec!["two_step.enable", "two_step.recovery"]);
}

#[tokio::test]
async fn an_entrant_turns_two_step_login_off_with_a_code_and_the_password_is_enough_again() {
    let app = TestApp::new().await;
    let parent = app.register("parent@mail.kz", "Parent", PW).await;
    let setup = turn_on(&app, &parent).await;
    let wrong = app.call("disable_two_step", &[("code", "000000")], &parent).await;
    assert_eq!(wrong.json(), json!({"Validation": [{"field": "code", "msg": "ErrTwoStepCodeWrong"}]}));
    app.clock.advance(totp::STEP);
    let off = app.post_form("disable_two_step", &[("code", &code_now(&app, &setup.key))], &parent, "/account").await;
    assert_eq!(off.status, StatusCode::FOUND, "{}", off.body);
    assert_eq!(off.header("location"), Some("/account?two_step=off"));
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE totp_secret IS NOT NULL").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM recovery_code").await, 0);
    let res = app.login("parent@mail.kz", PW).await;
    assert_eq!(res.header("location"), Some("/account"));
    assert!(res.cookie("baiqau_session").is_some());
}

#[tokio::test]
async fn staff_must_set_up_two_step_login_when_the_installation_requires_it() {
    let app = TestApp::with_config(|c| c.staff_two_step = true).await;
    let judge = app.account_with_role("judge@lib.kz", Role::Judge).await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let parent = app.register("parent@mail.kz", "Parent", PW).await;
    // Pages and functions of the role answer 403 and say what to do; the account page works.
    let page = app.get("/judge", &judge).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("Сіздің рөліңізге екі қадамды кіру міндетті"), "{}", page.body);
    assert_eq!(app.get("/admin/contests", &admin).await.status, StatusCode::FORBIDDEN);
    let listed = app.call("admin_list_accounts", &[], &admin).await;
    assert_eq!(listed.status, StatusCode::FORBIDDEN);
    assert_eq!(listed.json(), json!({"Denied": "ErrTwoStepRequired"}));
    let account = app.get("/account", &judge).await;
    assert_eq!(account.status, StatusCode::OK);
    assert_eq!(account.select_text("#two-step .notice.warn").len(), 1, "the account page says so");
    assert_eq!(app.get("/account", &parent).await.select_text("#two-step .notice.warn").len(), 0, "not for entrants");
    assert_eq!(app.get("/me/entries", &parent).await.status, StatusCode::OK);

    let setup = turn_on(&app, &judge).await;
    assert_eq!(app.get("/judge", &judge).await.status, StatusCode::OK);
    // Required: it cannot be turned off.
    app.clock.advance(totp::STEP);
    let off = app.call("disable_two_step", &[("code", &code_now(&app, &setup.key))], &judge).await;
    assert_eq!(off.status, StatusCode::FORBIDDEN);
    assert_eq!(off.json(), json!({"Denied": "ErrTwoStepRequiredForRole"}));
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE totp_secret IS NOT NULL").await, 1);
}

/// An entrant who sits on a jury (a judge made an entrant again keeps their seat) still
/// judges: the requirement follows the seat, not the role, and an entrant on no jury is
/// never asked.
#[tokio::test]
async fn an_entrant_who_sits_on_a_jury_must_set_up_two_step_login_to_judge() {
    let app = TestApp::with_config(|c| c.staff_two_step = true).await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let teacher = app.register("teacher@school.kz", "Teacher", PW).await;
    let parent = app.register("parent@mail.kz", "Parent", PW).await;
    let setup = turn_on(&app, &admin).await;
    app.clock.advance(totp::STEP);
    let (_, half) = password_step(&app, "admin@lib.kz", "/admin/contests").await;
    let mut admin = half.clone();
    admin.absorb(&code_step(&app, &half, &code_now(&app, &setup.key)).await);
    let contest = crate::contests::full_contest(&app, &admin).await;
    // Before the seat: an entrant like any other.
    assert_eq!(app.get("/account", &teacher).await.select_text("#two-step .notice.warn").len(), 0);
    ok(&app.call("admin_invite_judge", &[("contest", contest.as_str()), ("email", "teacher@school.kz"), ("organisation", "")], &admin).await);
    let body: String = sqlx::query_scalar("SELECT body_text FROM outbox WHERE to_addr = 'teacher@school.kz' ORDER BY outbox_id DESC LIMIT 1")
        .fetch_one(&app.sql)
        .await
        .unwrap();
    let token = baiqau_tests::link_token(&body, "token=");
    ok(&app.call("accept_invitation", &[("token", token.as_str()), ("display_name", ""), ("password", PW)], &teacher).await);
    let role = || async { sqlx::query_scalar::<_, String>("SELECT role FROM account WHERE email = 'teacher@school.kz'").fetch_one(&app.sql).await.unwrap() };
    assert_eq!(role().await, "judge");
    // The admin makes them an entrant again; the seat on the jury stays, and so do the sheets.
    let id: i64 = sqlx::query_scalar("SELECT account_id FROM account WHERE email = 'teacher@school.kz'").fetch_one(&app.sql).await.unwrap();
    let set = app.call("admin_set_role", &[("account_id", id.to_string().as_str()), ("role", "entrant")], &admin).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(role().await, "entrant");
    assert_eq!(app.count("SELECT COUNT(*) FROM contest_judge").await, 1);
    // A change of role ends the account's sessions.
    assert_eq!(app.get("/me/entries", &teacher).await.status, StatusCode::UNAUTHORIZED);
    let teacher = crate::submissions::relogin(&app, "teacher@school.kz").await;
    // Judging is refused with the reason; the rest of the account works.
    let queue = app.call("judge_queue", &[], &teacher).await;
    assert_eq!(queue.status, StatusCode::FORBIDDEN);
    assert_eq!(queue.json(), json!({"Denied": "ErrTwoStepRequired"}));
    assert_eq!(app.get("/judge", &teacher).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/me/entries", &teacher).await.status, StatusCode::OK);
    assert_eq!(app.get("/account", &teacher).await.select_text("#two-step .notice.warn").len(), 1);
    assert_eq!(app.get("/account", &parent).await.select_text("#two-step .notice.warn").len(), 0);
    turn_on(&app, &teacher).await;
    ok(&app.call("judge_queue", &[], &teacher).await);
}

/// A judge who lost their phone and their recovery codes: an admin turns their two-step
/// login off from the accounts page; the judge's sessions end and they are told by mail.
#[tokio::test]
async fn an_admin_resets_a_judges_two_step_login_from_the_accounts_page() {
    let app = TestApp::new().await;
    let judge = app.account_with_role("judge@lib.kz", Role::Judge).await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    turn_on(&app, &judge).await;
    let judge_id: i64 = sqlx::query_scalar("SELECT account_id FROM account WHERE email = 'judge@lib.kz'").fetch_one(&app.sql).await.unwrap();
    let page = app.get("/admin/accounts", &admin).await;
    assert_eq!(page.select_attr(".reset-two-step input[name=account_id]", "value"), vec![judge_id.to_string()], "offered for the judge only");
    assert_eq!(page.select_text(".badge.two-step").len(), 1);
    // Not for entrants, not for oneself.
    let parent = app.register("parent@mail.kz", "Parent", PW).await;
    assert_eq!(app.call("admin_reset_two_step", &[("account_id", judge_id.to_string().as_str())], &parent).await.status, StatusCode::FORBIDDEN);
    let admin_id: i64 = sqlx::query_scalar("SELECT account_id FROM account WHERE email = 'admin@lib.kz'").fetch_one(&app.sql).await.unwrap();
    let own = app.call("admin_reset_two_step", &[("account_id", admin_id.to_string().as_str())], &admin).await;
    assert_eq!(own.json(), json!({"Refused": "ErrSelfChange"}));

    let res = app.post_form("admin_reset_two_step", &[("account_id", judge_id.to_string().as_str())], &admin, "/admin/accounts").await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(res.header("location"), Some("/admin/accounts?updated=1"));
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE totp_secret IS NOT NULL").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM recovery_code").await, 0);
    assert_eq!(app.get("/judge", &judge).await.status, StatusCode::UNAUTHORIZED, "the judge's sessions ended");
    let mail: String = sqlx::query_scalar("SELECT body_text FROM outbox WHERE to_addr = 'judge@lib.kz' ORDER BY outbox_id DESC LIMIT 1").fetch_one(&app.sql).await.unwrap();
    assert!(mail.contains("Әкімші сіздің тіркелгіңізде екі қадамды кіруді өшірді") && mail.contains("An administrator turned two-step login off"), "{mail}");
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'two_step.reset'").await, 1);
    // The password alone logs in again.
    let login = app.login("judge@lib.kz", PW).await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    assert!(login.cookie("baiqau_session").is_some());
    let again = app.call("admin_reset_two_step", &[("account_id", judge_id.to_string().as_str())], &admin).await;
    assert_eq!(again.json(), json!({"Refused": "ErrTwoStepNotOn"}));
}

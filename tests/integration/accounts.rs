use baiqau_tests::{Jar, T0, TestApp};
use http::StatusCode;
use serde_json::json;

const PW: &str = "correct horse battery";

#[tokio::test]
async fn register_login_account_logout_round_trip() {
    let app = TestApp::new().await;
    let jar = app.register("Aigerim@Mail.KZ", "Айгерім Сейтқали", PW).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE email = 'aigerim@mail.kz' AND role = 'entrant'").await, 1);

    let page = app.get("/account", &jar).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select_text(".account-name"), vec!["Айгерім Сейтқали"]);
    assert_eq!(page.select_text(".account-email"), vec!["aigerim@mail.kz"]);

    let login = app.login("aigerim@mail.kz", PW).await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    assert_eq!(login.header("location"), Some("/account"));
    let mut jar2 = Jar::default();
    jar2.absorb(&login);
    assert_eq!(app.count("SELECT COUNT(*) FROM session").await, 2);

    let out = app.call("logout", &[], &jar2).await;
    assert_eq!(out.status, StatusCode::OK);
    assert!(out.set_cookies().iter().any(|c| c.starts_with("baiqau_session=;") && c.contains("Max-Age=0")));
    assert_eq!(app.count("SELECT COUNT(*) FROM session").await, 1, "only the logged-out session is gone");

    // Replaying the old cookie after logout is anonymous.
    let me = app.call("me", &[], &jar2).await;
    assert_eq!(me.json(), json!(null));
    let sessions = app.call("list_sessions", &[], &jar2).await;
    assert_eq!(sessions.status, StatusCode::UNAUTHORIZED);
    let page = app.get("/account", &jar2).await;
    assert_eq!(page.select_text(".account-name"), Vec::<String>::new());
}

#[tokio::test]
async fn register_duplicate_email_refused_with_field_error() {
    let app = TestApp::new().await;
    app.register("dana@mail.kz", "Dana", PW).await;
    let res = app.call("register", &[("email", "DANA@mail.kz"), ("display_name", "Other"), ("password", PW)], &Jar::default()).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json(), json!({"Validation": [{"field": "email", "msg": "ErrEmailTaken"}]}));
    assert_eq!(app.count("SELECT COUNT(*) FROM account").await, 1);
    assert_eq!(res.cookie("baiqau_session"), None);
}

#[tokio::test]
async fn register_reports_every_invalid_field_and_writes_nothing() {
    let app = TestApp::new().await;
    let res = app.call("register", &[("email", "not-an-email"), ("display_name", " "), ("password", "qwerty123")], &Jar::default()).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.json(),
        json!({"Validation": [
            {"field": "email", "msg": "ErrEmailInvalid"},
            {"field": "display_name", "msg": "ErrNameEmpty"},
            {"field": "password", "msg": "ErrPasswordTooCommon"}
        ]})
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM account").await, 0);
}

#[tokio::test]
async fn register_refuses_the_breach_lists_last_entry_and_takes_the_next_one() {
    let app = TestApp::new().await;
    // "smokey24" is the 100,000th password of at least 8 characters in the breach corpus;
    // "smokey212" comes right after it.
    let res = app.call("register", &[("email", "a@mail.kz"), ("display_name", "A"), ("password", "Smokey24")], &Jar::default()).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json(), json!({"Validation": [{"field": "password", "msg": "ErrPasswordTooCommon"}]}));
    assert_eq!(app.count("SELECT COUNT(*) FROM account").await, 0);
    let res = app.call("register", &[("email", "a@mail.kz"), ("display_name", "A"), ("password", "smokey212")], &Jar::default()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM account").await, 1);
}

#[tokio::test]
async fn register_ignores_extra_fields_such_as_role() {
    let app = TestApp::new().await;
    let res = app
        .call("register", &[("email", "x@mail.kz"), ("display_name", "X"), ("password", PW), ("role", "admin"), ("account_id", "1")], &Jar::default())
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE role = 'entrant'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE role <> 'entrant'").await, 0);
}

#[tokio::test]
async fn login_wrong_password_and_unknown_email_get_the_same_answer() {
    let app = TestApp::new().await;
    app.register("known@mail.kz", "Known", PW).await;
    let wrong = app.login("known@mail.kz", "wrong password!").await;
    let unknown = app.login("nobody@mail.kz", PW).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.status, wrong.status);
    assert_eq!(wrong.body, r#"{"Refused":"ErrInvalidCredentials"}"#);
    assert_eq!(unknown.body, wrong.body);
    assert_eq!(wrong.cookie("baiqau_session"), None);
    // Both are counted towards back-off alike.
    assert_eq!(app.count("SELECT COUNT(*) FROM login_throttle WHERE failures = 1").await, 2);
}

#[tokio::test]
async fn login_kazakh_password_of_128_characters_works_exactly_as_typed() {
    let app = TestApp::new().await;
    // 127 Kazakh letters and spaces, then a trailing space that must not be trimmed.
    let mut pw: String = "Әңғүұқөһі ".chars().cycle().take(127).collect();
    pw.push(' ');
    assert_eq!(pw.chars().count(), 128);
    app.register("long@mail.kz", "Long", &pw).await;
    assert_eq!(app.login("long@mail.kz", &pw).await.status, StatusCode::OK);
    let trimmed = pw.trim_end().to_owned();
    assert_eq!(app.login("long@mail.kz", &trimmed).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn login_one_megabyte_password_refused_before_hashing() {
    let app = TestApp::new().await;
    let huge = "x".repeat(1_000_000);
    let res = app.login("someone@mail.kz", &huge).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json(), json!({"Validation": [{"field": "password", "msg": "ErrPasswordTooLong"}]}));
    let reg = app.call("register", &[("email", "a@mail.kz"), ("display_name", "A"), ("password", &huge)], &Jar::default()).await;
    assert_eq!(reg.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A megabyte of Cyrillic is three megabytes encoded: over the body limit, refused unread.
    let cyrillic = "я".repeat(500_000);
    let res = app.login("someone@mail.kz", &cyrillic).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.body, r#""BadRequest""#);
    assert_eq!(app.count("SELECT COUNT(*) FROM account").await, 0);
    // Nothing was counted as a failed login: the request never reached the hasher.
    assert_eq!(app.count("SELECT COUNT(*) FROM login_throttle").await, 0);
}

#[tokio::test]
async fn login_rotates_session_and_planted_cookie_dies() {
    let app = TestApp::new().await;
    let planted = app.register("victim@mail.kz", "Victim", PW).await;
    let planted_token = planted.session.clone().unwrap_or_default();
    // The attacker's session token is planted in the victim's browser, who then logs in.
    let res = app.call("login", &[("email", "victim@mail.kz"), ("password", PW)], &planted).await;
    assert_eq!(res.status, StatusCode::OK);
    let new_token = res.cookie("baiqau_session").unwrap_or_default();
    assert_ne!(new_token, planted_token);
    assert_eq!(app.call("me", &[], &planted).await.json(), json!(null));
    assert_eq!(app.call("me", &[], &Jar::with_session(&new_token)).await.json()["email"], json!("victim@mail.kz"));
    assert_eq!(app.count("SELECT COUNT(*) FROM session").await, 1);
}

#[tokio::test]
async fn session_cookie_attributes_plain_http() {
    let app = TestApp::new().await;
    app.register("c@mail.kz", "C", PW).await;
    let res = app.login("c@mail.kz", PW).await;
    let cookie = res.set_cookies().into_iter().find(|c| c.starts_with("baiqau_session=")).unwrap_or_default();
    assert!(cookie.ends_with("; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000"), "{cookie}");
    assert!(!cookie.contains("Domain"));
}

#[tokio::test]
async fn session_cookie_attributes_https_use_host_prefix() {
    let app = TestApp::with_config(|c| c.public_url = "https://konkurs.example.kz".into()).await;
    let res = app
        .call_with(
            "register",
            &[("email", "s@mail.kz"), ("display_name", "S"), ("password", PW)],
            &Jar::default(),
            &[("sec-fetch-site", "same-origin")],
        )
        .await;
    let cookie = res.set_cookies().into_iter().find(|c| c.starts_with("__Host-baiqau_session=")).unwrap_or_default();
    assert!(cookie.ends_with("; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000; Secure"), "{cookie}");
}

#[tokio::test]
async fn session_expires_when_idle_for_fourteen_days() {
    let app = TestApp::new().await;
    let jar = app.register("idle@mail.kz", "Idle", PW).await;
    app.clock.advance(14 * 86_400 - 1);
    assert_eq!(app.call("me", &[], &jar).await.json()["email"], json!("idle@mail.kz"));
    // That request touched the session; another idle period from now ends it.
    app.clock.advance(14 * 86_400);
    assert_eq!(app.call("me", &[], &jar).await.json(), json!(null));
}

#[tokio::test]
async fn change_password_ends_other_sessions_and_keeps_this_one() {
    let app = TestApp::new().await;
    let this = app.register("p@mail.kz", "P", PW).await;
    let mut other = Jar::default();
    other.absorb(&app.login("p@mail.kz", PW).await);

    let wrong = app.call("change_password", &[("current_password", "not it at all"), ("new_password", "a new passphrase")], &this).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.json(), json!({"Validation": [{"field": "current_password", "msg": "ErrWrongCurrentPassword"}]}));

    let ok = app.call("change_password", &[("current_password", PW), ("new_password", "a new passphrase")], &this).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.header("location"), Some("/account?changed=1"));
    assert_eq!(app.call("me", &[], &this).await.json()["email"], json!("p@mail.kz"));
    assert_eq!(app.call("me", &[], &other).await.json(), json!(null));
    assert_eq!(app.login("p@mail.kz", PW).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.login("p@mail.kz", "a new passphrase").await.status, StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'password.change'").await, 1);
}

#[tokio::test]
async fn revoke_session_of_another_account_is_not_found() {
    let app = TestApp::new().await;
    let a = app.register("a@mail.kz", "A", PW).await;
    let _b = app.register("b@mail.kz", "B", PW).await;
    let b_session: i64 = sqlx::query_scalar("SELECT s.session_id FROM session s JOIN account a USING (account_id) WHERE a.email = 'b@mail.kz'")
        .fetch_one(&app.sql)
        .await
        .unwrap_or_default();
    let res = app.call("revoke_session", &[("session_id", &b_session.to_string())], &a).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("SELECT COUNT(*) FROM session").await, 2);
}

#[tokio::test]
async fn login_back_off_engages_after_five_failures_and_clears_after_success() {
    let app = TestApp::new().await;
    app.register("t@mail.kz", "T", PW).await;
    for _ in 0..6 {
        assert_eq!(app.login("t@mail.kz", "wrong password!").await.status, StatusCode::BAD_REQUEST);
    }
    // Locked for 30 s: even the right password is refused, with the wait.
    let locked = app.login("t@mail.kz", PW).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(locked.json(), json!({"TooManyRequests": {"retry_after_secs": 30}}));
    assert_eq!(locked.header("retry-after"), Some("30"));
    app.clock.advance(30);
    assert_eq!(app.login("t@mail.kz", PW).await.status, StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM login_throttle").await, 0);
}

/// Failures counted by one instance lock the account on another: the back-off lives in the
/// database, not in a process.
#[tokio::test]
async fn login_back_off_holds_across_instances() {
    let app = TestApp::new().await;
    let other = app.another_instance().await;
    app.register("t@mail.kz", "T", PW).await;
    for i in 0..6 {
        let on = if i % 2 == 0 { &app } else { &other };
        assert_eq!(on.login("t@mail.kz", "wrong password!").await.status, StatusCode::BAD_REQUEST);
    }
    for on in [&app, &other] {
        let locked = on.login("t@mail.kz", PW).await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(locked.json(), json!({"TooManyRequests": {"retry_after_secs": 30}}));
    }
    other.clock.advance(30);
    assert_eq!(other.login("t@mail.kz", PW).await.status, StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM login_throttle").await, 0);
}

#[tokio::test]
async fn forty_pupils_behind_one_address_all_log_in() {
    let app = TestApp::new().await;
    for i in 0..40 {
        app.register(&format!("pupil{i}@school.kz"), &format!("Pupil {i}"), PW).await;
    }
    for i in 0..40 {
        let res = app.login(&format!("pupil{i}@school.kz"), PW).await;
        assert_eq!(res.status, StatusCode::OK, "pupil {i}: {}", res.body);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM session").await, 80);
}

#[tokio::test]
async fn plain_form_post_without_javascript_redirects_with_cookie_or_error() {
    let app = TestApp::new().await;
    app.register("nojs@mail.kz", "NoJS", PW).await;
    let headers = [("accept", "text/html"), ("referer", "http://127.0.0.1:3000/login"), ("origin", "http://127.0.0.1:3000")];
    let ok = app.call_with("login", &[("email", "nojs@mail.kz"), ("password", PW)], &Jar::default(), &headers).await;
    assert_eq!(ok.status, StatusCode::FOUND);
    assert_eq!(ok.header("location"), Some("/account"));
    assert!(ok.cookie("baiqau_session").is_some());

    let bad = app.call_with("login", &[("email", "nojs@mail.kz"), ("password", "wrong password!")], &Jar::default(), &headers).await;
    assert_eq!(bad.status, StatusCode::FOUND);
    let location = bad.header("location").unwrap_or_default().to_owned();
    assert!(location.starts_with("http://127.0.0.1:3000/login?__path=%2Fapi%2Flogin&__err="), "{location}");
    // Following the redirect shows the translated error in the form.
    let path = location.trim_start_matches("http://127.0.0.1:3000");
    let mut jar = Jar { lang: Some("ru".into()), ..Jar::default() };
    jar.absorb(&bad);
    assert!(jar.form.is_some(), "the refused form is kept: {:?}", bad.set_cookies());
    let page = app.get(path, &jar).await;
    assert_eq!(page.select_text(".form-error"), vec!["Неверная почта или пароль."]);
    // What was typed comes back; the password is never written down.
    assert_eq!(page.select_attr("input#email", "value"), vec!["nojs@mail.kz"]);
    assert_eq!(page.select_attr("input#password", "value"), Vec::<String>::new());
    let kept: String = sqlx::query_scalar("SELECT fields FROM form_return").fetch_one(&app.sql).await.unwrap();
    assert_eq!(kept, r#"[["email","nojs@mail.kz"]]"#);
    // A second failure from the page that shows the first: one error in the address, not two.
    let again = app.call_with("login", &[("email", "nojs@mail.kz"), ("password", "wrong again!!!")], &Jar::default(), &[("accept", "text/html"), ("referer", &location), ("origin", "http://127.0.0.1:3000")]).await;
    let second = again.header("location").unwrap_or_default().to_owned();
    assert_eq!(second.matches("__err=").count(), 1, "{second}");
    assert_eq!(second.matches("__path=").count(), 1, "{second}");
    // Without the error in the address (a later visit), the form is empty again.
    assert_eq!(app.get("/login", &jar).await.select_attr("input#email", "value"), Vec::<String>::new());
    // Kept ten minutes, then gone.
    app.clock.advance(601);
    assert_eq!(app.get(path, &jar).await.select_attr("input#email", "value"), Vec::<String>::new());
}

#[tokio::test]
async fn login_disabled_account_refused_like_wrong_password() {
    let app = TestApp::new().await;
    app.register("gone@mail.kz", "Gone", PW).await;
    sqlx::query("UPDATE account SET disabled_at = $1").bind(T0).execute(&app.sql).await.unwrap();
    let res = app.login("gone@mail.kz", PW).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.body, r#"{"Refused":"ErrInvalidCredentials"}"#);
}

#[tokio::test]
async fn login_never_sends_anyone_to_another_site_and_never_drops_the_answer() {
    // `/login?next=/%09/evil.example`: browsers drop the tab, so `/\t/evil.example` was
    // `//evil.example`. A newline made the framework panic after the session was created.
    let app = TestApp::new().await;
    app.register("pupil@mail.kz", "Pupil", "correct horse battery").await;
    for next in ["/\t/evil.example", "/\n/evil.example", "/\r\n/x", "/ /evil.example", "\\\\evil.example", "/\\evil.example", "/\u{2028}/x"] {
        let form = [("email", "pupil@mail.kz"), ("password", "correct horse battery"), ("next", next)];
        let hydrated = app.call("login", &form, &Jar::default()).await;
        assert_eq!(hydrated.status, StatusCode::OK, "{next:?}: {}", hydrated.body);
        assert_eq!(hydrated.header("location"), Some("/account"), "{next:?}");
        assert!(hydrated.cookie("baiqau_session").is_some());
        let plain = app.post_form("login", &form, &Jar::default(), "/login").await;
        assert_eq!(plain.status, StatusCode::FOUND, "{next:?}: {}", plain.body);
        assert_eq!(plain.header("location"), Some("/account"), "{next:?}");
    }
    let form = [("email", "pupil@mail.kz"), ("password", "correct horse battery"), ("next", "/contests/abc?tab=rules")];
    assert_eq!(app.post_form("login", &form, &Jar::default(), "/login").await.header("location"), Some("/contests/abc?tab=rules"));
}

#[tokio::test]
async fn look_alike_addresses_and_staff_names_are_refused_at_registration() {
    let app = TestApp::new().await;
    app.register("admin@lib.kz", "Гүлнар Ахметова", PW).await;
    for (email, why) in [
        ("\u{0430}dmin@lib.kz", "Cyrillic а"),
        ("adm\u{200B}in@lib.kz", "zero-width space"),
        ("ad\u{00AD}min@lib.kz", "soft hyphen"),
        ("\u{202E}nimda@lib.kz", "right-to-left override"),
    ] {
        let res = app.call("register", &[("email", email), ("display_name", "Someone"), ("password", PW)], &Jar::default()).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{why}");
        assert_eq!(res.json(), json!({"Validation": [{"field": "email", "msg": "ErrEmailLookAlike"}]}), "{why}");
    }
    // A fullwidth spelling is the same address, so it is taken.
    let res = app.call("register", &[("email", "\u{FF41}dmin@lib.kz"), ("display_name", "Someone"), ("password", PW)], &Jar::default()).await;
    assert_eq!(res.json(), json!({"Validation": [{"field": "email", "msg": "ErrEmailTaken"}]}));
    for name in ["Admin", "Жюри", "Әкімші"] {
        let res = app.call("register", &[("email", "new@mail.kz"), ("display_name", name), ("password", PW)], &Jar::default()).await;
        assert_eq!(res.json(), json!({"Validation": [{"field": "display_name", "msg": "ErrNameReserved"}]}), "{name}");
    }
    // Shown translated to a plain form.
    let plain = app.post_form("register", &[("email", "\u{0430}dmin@lib.kz"), ("display_name", "Admin"), ("password", PW)], &Jar::default(), "/register").await;
    assert_eq!(plain.status, StatusCode::FOUND);
    let back = app.get(plain.header("location").unwrap(), &Jar { lang: Some("ru".into()), ..Jar::default() }).await;
    assert!(back.select_text(".field-error").contains(&"Это имя зарезервировано для организаторов и жюри. Укажите своё имя.".to_owned()), "{:?}", back.select_text(".field-error"));
    assert_eq!(app.count("SELECT COUNT(*) FROM account").await, 1);
}

/// Public lookups of diplomas are counted per address, apart from logins: a scraper is told
/// to wait (with the wait), the page says so with a 429, logins from the same address go on,
/// and the window's end lets lookups in again.
#[tokio::test]
async fn verification_lookups_are_limited_per_address_apart_from_logins() {
    let app = TestApp::new().await;
    app.register("t@mail.kz", "T", PW).await;
    let anyone = Jar::default();
    let limit = app::backend::security::VERIFY_LOOKUPS_PER_WINDOW;
    for i in 0..limit {
        let res = app.call("verify_document", &[("code", &format!("NOPE{i:04}"))], &anyone).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "lookup {i}: {}", res.body);
    }
    let refused = app.call("verify_document", &[("code", "NOPE9999")], &anyone).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.header("retry-after"), Some("600"));
    let page = app.get("/verify/NOPE9998", &anyone).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "the page too");
    assert_eq!(page.header("retry-after"), Some("600"));
    assert!(page.select_text(".form-error").iter().any(|m| m.contains("10")), "the wait, in minutes: {:?}", page.select_text(".form-error"));
    assert_eq!(app.login("t@mail.kz", PW).await.status, StatusCode::OK, "logins are counted apart");
    app.clock.advance(600);
    let again = app.call("verify_document", &[("code", "NOPE9997")], &anyone).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "a new window");
}

/// A flood of logins from a school's one address shuts the address, but not the browsers
/// that logged their account in before: those go on (their account's own back-off still
/// holds), the token opens no other account, and a stranger is told how long to wait.
#[tokio::test]
async fn a_flood_from_a_shared_address_leaves_browsers_that_logged_in_before_working() {
    let app = TestApp::with_config(|c| c.ip_attempts_per_window = 8).await;
    app.register("pupil@school.kz", "P", PW).await;
    app.register("teacher@school.kz", "T", PW).await;
    let first = app.login("pupil@school.kz", PW).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let set = first.set_cookies().into_iter().find(|c| c.starts_with("baiqau_known=")).expect("a known-browser cookie");
    assert!(set.contains("; Path=/api/login;") && set.contains("; HttpOnly;") && set.contains("Max-Age=31536000"), "{set}");
    let mut pupils_browser = Jar::default();
    pupils_browser.absorb(&first);
    assert!(pupils_browser.known.is_some());

    // The flood: unknown addresses and malformed ones until the address is shut.
    let mut shut = None;
    for i in 0..20 {
        let res = app.login(&format!("guess{i}@school.kz"), "not the password").await;
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            shut = Some(res);
            break;
        }
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    }
    let shut = shut.expect("the address is shut by the flood");
    assert!(shut.header("retry-after").is_some_and(|s| s.parse::<i64>().is_ok_and(|n| n > 0)), "{:?}", shut.header("retry-after"));
    assert_eq!(app.login("not an address", "x").await.status, StatusCode::TOO_MANY_REQUESTS, "a malformed one too");
    assert_eq!(app.login("pupil@school.kz", PW).await.status, StatusCode::TOO_MANY_REQUESTS, "a browser never seen before");

    let login = async |jar: &Jar, email: &str, password: &str| app.call("login", &[("email", email), ("password", password)], jar).await;
    assert_eq!(login(&pupils_browser, "pupil@school.kz", PW).await.status, StatusCode::OK, "the pupil's own browser");
    assert_eq!(login(&pupils_browser, "teacher@school.kz", PW).await.status, StatusCode::TOO_MANY_REQUESTS, "not another account");
    // The account's back-off still holds in its own browser.
    for _ in 0..6 {
        assert_eq!(login(&pupils_browser, "pupil@school.kz", "wrong password!").await.status, StatusCode::BAD_REQUEST);
    }
    let locked = login(&pupils_browser, "pupil@school.kz", PW).await;
    assert_eq!((locked.status, locked.header("retry-after")), (StatusCode::TOO_MANY_REQUESTS, Some("30")));
    assert_eq!(app.count("SELECT COUNT(*) FROM known_browser").await, 1, "one browser, one account");

    // The login flood shuts logins only: from the same address a new pupil registers and
    // the teacher asks for a reset link.
    let anyone = Jar::default();
    let joined = app.call("register", &[("email", "new@school.kz"), ("display_name", "N"), ("password", PW)], &anyone).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    let asked = app.call("request_password_reset", &[("email", "teacher@school.kz")], &anyone).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM password_reset").await, 1);
}

/// A flood of registrations (or reset requests) shuts that door for the address with a
/// `Retry-After`, and leaves logging in, and the other door, open.
#[tokio::test]
async fn each_kind_of_attempt_has_its_own_window_per_address() {
    let app = TestApp::with_config(|c| c.ip_attempts_per_window = 4).await;
    app.register("pupil@school.kz", "P", PW).await;
    let anyone = Jar::default();
    for (door, form) in [
        ("register", vec![("email", "not an address"), ("display_name", "N"), ("password", PW)]),
        ("request_password_reset", vec![("email", "not an address")]),
    ] {
        // `register` above was one attempt already.
        let tries = if door == "register" { 3 } else { 4 };
        for _ in 0..tries {
            let res = app.call(door, &form, &anyone).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{door}: {}", res.body);
        }
        let shut = app.call(door, &form, &anyone).await;
        assert_eq!(shut.status, StatusCode::TOO_MANY_REQUESTS, "{door}");
        assert!(shut.header("retry-after").is_some_and(|s| s.parse::<i64>().is_ok_and(|n| (1..=600).contains(&n))), "{door}");
    }
    assert_eq!(app.login("pupil@school.kz", PW).await.status, StatusCode::OK, "logins are counted apart");
}

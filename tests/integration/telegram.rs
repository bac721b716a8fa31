//! Notices through Telegram, against a local fake of the Bot API (the real one cannot be
//! reached from here): linking a chat with the account page's one-time code, a receipt
//! delivered by e-mail and by Telegram exactly once with a retry after a 500, the bot's
//! answers, unlinking from either side, a chat that blocked the bot.

use crate::contests::ok;
use crate::submissions::{new_entry, world_with};
use crate::uploads::{jpeg, upload};
use app::backend::db;
use app::backend::notify::{Notifier, Round, send_due};
use app::backend::mail::Sender;
use app::service::telegram::{Poll, poll_once};
use baiqau_tests::telegram::{BOT, FakeTelegram, TOKEN};
use baiqau_tests::{Jar, TestApp};
use http::StatusCode;
use std::time::Duration;

fn with_bot(fake: &FakeTelegram) -> impl FnOnce(&mut app::backend::Config) + use<> {
    let url = fake.url.clone();
    move |c| {
        c.telegram_token = Some(TOKEN.into());
        c.telegram_api = url;
    }
}

async fn send(app: &TestApp) -> Round {
    let notifier = Notifier::of(&app.state).unwrap();
    send_due(&app.state.db, &notifier, &Sender::of(&app.state).await, app.state.now()).await.unwrap()
}

async fn poll(app: &TestApp) -> Poll {
    poll_once(&app.state, app.state.telegram.as_ref().unwrap(), Duration::ZERO).await.unwrap()
}

/// Asks for a code through the account page's form (no JavaScript) and reads it back from
/// the page: (as shown, as sent by the bot's link).
async fn code_from_page(app: &TestApp, jar: &Jar) -> (String, String) {
    // What the bot's reader does first: ask Telegram for the bot's name.
    assert_eq!(app.state.telegram.as_ref().unwrap().learn_username().await.as_deref(), Some(BOT));
    let res = app.post_form("telegram_link", &[], jar, "/account").await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    assert_eq!(res.header("location"), Some("/account#telegram"));
    let page = app.get("/account", jar).await;
    let shown = page.select_text("#telegram-code").concat();
    let href = page.select_attr("#telegram-open", "href").concat();
    let sent = href.strip_prefix(&format!("https://t.me/{BOT}?start=")).unwrap_or_else(|| panic!("the bot's link: {href}")).to_owned();
    assert_eq!(shown.replace('-', ""), sent);
    (shown, sent)
}

/// The text of the QR code the page draws (squares of 5 units in one SVG path, as the
/// `qrcode` crate writes them), read back by a QR decoder.
fn qr_in_svg(svg: &str) -> String {
    let path = svg.split(" d=\"").nth(1).and_then(|d| d.split('"').next()).expect("the path");
    let size = 205;
    let mut dark = vec![false; size * size];
    for square in path.split('M').filter(|s| !s.is_empty()) {
        let (x, rest) = square.split_once(' ').unwrap();
        let y = rest.split('h').next().unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        for dy in 0..5 {
            for dx in 0..5 {
                dark[(y + dy) * size + x + dx] = true;
            }
        }
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| if dark[y * size + x] { 0 } else { 255 });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1);
    grids[0].decode().unwrap().1
}

async fn linked_chat(app: &TestApp, email: &str) -> Option<(i64, String)> {
    sqlx::query_as("SELECT t.chat_id, t.chat_name FROM telegram_chat t JOIN account a ON a.account_id = t.account_id WHERE a.email = $1")
        .bind(email)
        .fetch_optional(&app.sql)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_receipt_reaches_a_linked_chat_exactly_once_after_a_500() {
    let fake = FakeTelegram::start().await;
    let w = world_with(with_bot(&fake)).await;
    let app = &w.app;
    sqlx::query("DELETE FROM outbox").execute(&app.sql).await.unwrap();

    // The account page offers the link; the code shows with the bot's link and a QR code.
    let page = app.get("/account", &w.parent).await;
    assert_eq!(page.select_text("#telegram h2"), vec!["Telegram"]);
    assert_eq!(page.select_text("#telegram-link button"), vec!["Telegram-ды қосу"]);
    assert!(page.select_text("#telegram-code").is_empty());
    let (shown, code) = code_from_page(app, &w.parent).await;
    assert_eq!(shown.len(), 14, "{shown}");
    let page = app.get("/account", &w.parent).await;
    let svg = page.body.split("<div class=\"qr telegram-qr\">").nth(1).and_then(|s| s.split("</svg>").next()).expect("a QR code of the link");
    assert_eq!(qr_in_svg(svg), format!("https://t.me/{BOT}?start={code}"));
    assert_eq!(page.select_text("#telegram-link button"), vec!["Жаңа код"]);
    let expires: i64 = sqlx::query_scalar("SELECT expires_at FROM telegram_code").fetch_one(&app.sql).await.unwrap();
    assert_eq!(expires, app.state.now() + 15 * 60);

    // Start in Telegram: the bot links the chat and says so, in the person's language.
    fake.person_says(7001, "Айгүл", "kk", &format!("/start {code}"));
    assert_eq!(poll(app).await, Poll::Read(1));
    assert_eq!(linked_chat(app, "parent@mail.kz").await, Some((7001, "Айгүл (@айгүл_7001)".into())));
    assert_eq!(app.count("SELECT COUNT(*) FROM telegram_code").await, 0, "the code is used up");
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'telegram.link'").await, 1);
    assert_eq!(poll(app).await, Poll::Read(0), "an update is read once");
    assert_eq!(send(app).await, Round { taken: 1, sent: 1, ..Round::default() });
    let sent = fake.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0].chat_id, sent[0].parse_mode.as_str()), (7001, "HTML"));
    assert!(sent[0].text.contains("Дайын: Айгүл Серікқызы тіркелгісінің"), "{}", sent[0].text);
    let page = app.get("/account", &w.parent).await;
    assert_eq!(page.select_text("#telegram-chat"), vec!["Айгүл (@айгүл_7001)"]);

    // A receipt: one row per channel.
    let entry = new_entry(&w, &w.drawing, "Менің <әжем> & мысығы").await;
    assert_eq!(upload(app, &w.parent, &entry, "әжем.jpg", &jpeg(64, 48)).await.status, StatusCode::OK);
    ok(&app.call("submit_entry", &[("id", &entry)], &w.parent).await);
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT channel, to_addr FROM outbox WHERE sent_at IS NULL ORDER BY outbox_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(rows, vec![("email".into(), "parent@mail.kz".into()), ("telegram".into(), "7001".into())]);

    // Telegram answers 500 once: the e-mail goes, the Telegram copy waits a minute.
    fake.fail_next(&[500]);
    assert_eq!(send(app).await, Round { taken: 2, sent: 1, failed: 1, gave_up: 0 });
    let (attempts, next, error): (i64, i64, String) =
        sqlx::query_as("SELECT attempts, next_attempt_at, last_error FROM outbox WHERE channel = 'telegram' AND sent_at IS NULL").fetch_one(&app.sql).await.unwrap();
    assert_eq!((attempts, next - app.state.now()), (1, 60));
    assert_eq!(error, "sendMessage: 500 the fake was told to fail");
    assert!(!error.contains(TOKEN), "the token never shows");
    assert_eq!(send(app).await.taken, 0, "not before its time");
    app.clock.advance(60);
    assert_eq!(send(app).await, Round { taken: 1, sent: 1, ..Round::default() });
    app.clock.advance(3600);
    assert_eq!(send(app).await.taken, 0, "nothing is sent twice");

    let receipts: Vec<_> = fake.sent().into_iter().filter(|m| m.text.contains("Менің &lt;әжем&gt; &amp; мысығы")).collect();
    assert_eq!(receipts.len(), 1, "delivered exactly once: {:?}", fake.sent());
    assert!(receipts[0].text.starts_with("<b>"), "the subject in bold: {}", receipts[0].text);
    let attempts = fake.calls().iter().filter(|(m, _)| m == "sendMessage").count();
    assert_eq!(attempts, 3, "the bot's answer, the failed try, the delivery");
    let mails = std::fs::read_dir(app.dir.path().join("mail")).unwrap().count();
    assert_eq!(mails, 1, "one e-mail receipt");

    // The linked chat is in the account's data, and goes with the account.
    let account: app::domain::AccountId = sqlx::query_scalar("SELECT account_id FROM account WHERE email = 'parent@mail.kz'").fetch_one(&app.sql).await.unwrap();
    let export = serde_json::to_value(app::service::privacy::export(&app.state, account).await.unwrap()).unwrap();
    assert_eq!(export["telegram"]["chat_id"], 7001);
    assert_eq!(export["telegram"]["chat_name"], "Айгүл (@айгүл_7001)");
    db::outbox::enqueue_notice(&app.state.db, "parent@mail.kz", "", "S", "B", app.state.now()).await.unwrap();
    let res = app.call("delete_account", &[("current_password", "correct horse battery"), ("understood", "on")], &w.parent).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM telegram_chat").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").await, 0, "nothing more goes to the chat or the address");
}

#[tokio::test]
async fn codes_work_once_in_time_and_either_side_can_unlink() {
    let fake = FakeTelegram::start().await;
    let app = TestApp::with_config(with_bot(&fake)).await;
    let mama = app.register("mama@mail.kz", "Гүлнар", "correct horse battery").await;
    let papa = app.register("papa@mail.kz", "Серік", "correct horse battery").await;
    sqlx::query("DELETE FROM outbox").execute(&app.sql).await.unwrap();

    // A code that ran out, a wrong one, a group: no link, and the bot says why.
    let (_, late) = code_from_page(&app, &mama).await;
    app.clock.advance(15 * 60);
    fake.person_says(8001, "Гүлнар", "ru", &format!("/start {late}"));
    fake.person_says(8001, "Гүлнар", "en", "ABCD-EFGH-JKMN");
    fake.says(-9001, "group", "Класс", "ru", &format!("/start {late}"));
    fake.person_says(8001, "Гүлнар", "en", "hello");
    assert_eq!(poll(&app).await, Poll::Read(4));
    assert_eq!(app.count("SELECT COUNT(*) FROM telegram_chat").await, 0);
    send(&app).await;
    let texts: Vec<String> = fake.sent().into_iter().map(|m| m.text).collect();
    assert!(texts[0].contains("Этот код не подходит"), "{}", texts[0]);
    assert!(texts[1].contains("This code does not work"), "{}", texts[1]);
    assert!(texts[2].contains("только в личном чате"), "{}", texts[2]);
    assert!(texts[3].contains("http://127.0.0.1:3000/account#telegram"), "{}", texts[3]);
    assert_eq!(db::telegram::delete_expired_codes(&app.state.db, app.state.now()).await.unwrap(), 1);

    // Linked, then unlinked from the account page.
    let (shown, _) = code_from_page(&app, &mama).await;
    fake.person_says(8001, "Гүлнар", "kk", &shown.to_lowercase());
    poll(&app).await;
    assert_eq!(linked_chat(&app, "mama@mail.kz").await.map(|c| c.0), Some(8001));
    let res = app.post_form("telegram_unlink", &[], &mama, "/account").await;
    assert_eq!(res.header("location"), Some("/account?telegram=off#telegram"));
    assert_eq!(linked_chat(&app, "mama@mail.kz").await, None);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'telegram.unlink'").await, 1);
    let page = app.get("/account?telegram=off", &mama).await;
    assert_eq!(page.select_text("#telegram .notice"), vec!["Telegram ажыратылды: хабарламалар тек электрондық поштаға келеді."]);

    // Linked again, then /stop from the chat.
    let (_, code) = code_from_page(&app, &mama).await;
    fake.person_says(8001, "Гүлнар", "kk", &format!("/start {code}"));
    fake.person_says(8001, "Гүлнар", "kk", "/stop");
    assert_eq!(poll(&app).await, Poll::Read(2));
    assert_eq!(linked_chat(&app, "mama@mail.kz").await, None);

    // A publication's notices go to the one linked account's chat, and to everyone by mail.
    let (_, code) = code_from_page(&app, &papa).await;
    fake.person_says(8002, "Серік", "ru", &format!("/start {code}"));
    poll(&app).await;
    send(&app).await;
    let before = fake.sent().len();
    let mails = [("mama@mail.kz", "Гүлнар"), ("papa@mail.kz", "Серік")].map(|(to, name)| (to.to_owned(), name.to_owned(), "Итоги".to_owned(), "Опубликованы".to_owned()));
    db::outbox::enqueue_all(&app.state.db, &mails, app.state.now()).await.unwrap();
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT channel, to_addr FROM outbox WHERE sent_at IS NULL AND gave_up_at IS NULL ORDER BY channel, to_addr").fetch_all(&app.sql).await.unwrap();
    assert_eq!(rows, [("email", "mama@mail.kz"), ("email", "papa@mail.kz"), ("telegram", "8002")].map(|(a, b)| (a.to_owned(), b.to_owned())));

    // Serik blocks the bot: Telegram answers 403, the copy is given up, the chat unlinked.
    fake.block(8002);
    assert_eq!(send(&app).await, Round { taken: 3, sent: 2, failed: 0, gave_up: 1 });
    assert_eq!(fake.sent().len(), before);
    assert_eq!(linked_chat(&app, "papa@mail.kz").await, None);
    let error: String = sqlx::query_scalar("SELECT last_error FROM outbox WHERE to_addr = '8002' AND gave_up_at IS NOT NULL").fetch_one(&app.sql).await.unwrap();
    assert_eq!(error, "sendMessage: 403 Forbidden: bot was blocked by the user");
    app.clock.advance(86_400);
    assert_eq!(send(&app).await.taken, 0, "never retried");

    // Too many requests: the wait Telegram asks for is kept.
    db::outbox::enqueue_telegram(&app.state.db, 8003, "S", "B", app.state.now()).await.unwrap();
    fake.fail_next(&[429]);
    assert_eq!(send(&app).await.failed, 1);
    let next: i64 = sqlx::query_scalar("SELECT next_attempt_at FROM outbox WHERE to_addr = '8003'").fetch_one(&app.sql).await.unwrap();
    assert_eq!(next - app.state.now(), 120);
}

#[tokio::test]
async fn without_a_bot_there_is_no_telegram() {
    let app = TestApp::new().await;
    let jar = app.register("solo@mail.kz", "Solo", "correct horse battery").await;
    let page = app.get("/account", &jar).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.select_text("#telegram").is_empty());
    sqlx::query("DELETE FROM outbox").execute(&app.sql).await.unwrap();
    let res = app.call("telegram_link", &[], &jar).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM telegram_code").await, 0);
    // A copy queued before the bot was taken out of the configuration is given up.
    db::outbox::enqueue_telegram(&app.state.db, 1, "S", "B", app.state.now()).await.unwrap();
    assert_eq!(send(&app).await, Round { taken: 1, gave_up: 1, ..Round::default() });
}

#[tokio::test]
async fn a_draft_is_reminded_once_two_days_before_its_deadline() {
    use crate::contests::CLOSE_UTC;
    use app::service::reminders::remind_drafts;
    let fake = FakeTelegram::start().await;
    let w = world_with(with_bot(&fake)).await;
    let app = &w.app;
    let (_, code) = code_from_page(app, &w.parent).await;
    fake.person_says(7002, "Айгүл", "kk", &format!("/start {code}"));
    poll(app).await;
    // A draft, a submitted work, and another entrant's draft with a later deadline of their own.
    let draft = new_entry(&w, &w.drawing, "Дала гүлдері").await;
    let sent = new_entry(&w, &w.tale, "Тау").await;
    assert_eq!(upload(app, &w.parent, &sent, "тау.pdf", &crate::uploads::pdf(2000)).await.status, StatusCode::OK);
    ok(&app.call("submit_entry", &[("id", &sent)], &w.parent).await);
    let late = app.register("late@mail.kz", "Бақыт", "correct horse battery").await;
    let child = crate::submissions::add_participant(app, &late, "Дана", "2017-03-03", true).await;
    ok(&crate::submissions::create_entry(app, &late, &w.contest, &child, &w.drawing, "Көктем", "t1").await);
    let later = crate::submissions::last_entry(app).await;
    ok(&app.call("admin_extend_for_entrant", &[("contest", &w.contest), ("email", "late@mail.kz"), ("new_close", "2027-02-02T23:59")], &w.admin).await);
    sqlx::query("DELETE FROM outbox").execute(&app.sql).await.unwrap();

    assert_eq!(remind_drafts(&app.state, CLOSE_UTC - 49 * 3600).await.unwrap(), 0, "too early");
    assert_eq!(remind_drafts(&app.state, CLOSE_UTC - 47 * 3600).await.unwrap(), 1);
    let rows: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT channel, to_addr, subject, body_text FROM outbox ORDER BY outbox_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!((rows[0].0.as_str(), rows[0].1.as_str()), ("email", "parent@mail.kz"));
    assert_eq!((rows[1].0.as_str(), rows[1].1.as_str()), ("telegram", "7002"));
    assert_eq!(rows[0].3, rows[1].3, "the same words on both channels");
    assert_eq!(rows[0].2, "Байқау: «Ертегілер әлемінде» жұмыс қабылдауы жақында жабылады");
    assert_eq!(
        rows[0].3,
        format!(
            "Сәлеметсіз бе, Айгүл Серікқызы!\n\n«Дала гүлдері» жұмысы «Ертегілер әлемінде» байқауына әлі жіберілмеген. \
             Жұмыс қабылдау 31 қаңтар 2027, 23:59 жабылады (1 күн қалды).\n\nЖұмысты аяқтап, жіберіңіз:\nhttp://127.0.0.1:3000/entries/{draft}"
        )
    );
    let reminded: Vec<String> = sqlx::query_scalar("SELECT public_id FROM entry WHERE reminded_at IS NOT NULL").fetch_all(&app.sql).await.unwrap();
    assert_eq!(reminded, vec![draft.clone()]);
    assert_eq!(remind_drafts(&app.state, CLOSE_UTC - 46 * 3600).await.unwrap(), 0, "once");

    // The extended entrant is reminded before their own deadline, not the contest's.
    assert_eq!(remind_drafts(&app.state, CLOSE_UTC + 2 * 86_400 - 47 * 3600).await.unwrap(), 1);
    let to: Vec<String> = sqlx::query_scalar("SELECT to_addr FROM outbox WHERE body_text LIKE '%' || $1 || '%'").bind(&later).fetch_all(&app.sql).await.unwrap();
    assert_eq!(to, vec!["late@mail.kz"]);
    assert_eq!(remind_drafts(&app.state, CLOSE_UTC + 2 * 86_400 - 3600).await.unwrap(), 0);
}

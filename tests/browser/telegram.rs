//! Telegram in the browser, against the release binary and the tests' fake Bot API: a
//! parent links a chat from a phone in Kazakh (the server's own bot reader takes the code),
//! the page passes axe in three languages at 360 px, and the chat is unlinked with
//! JavaScript off.

use crate::harness::{Browser, Server};
use crate::*;
use baiqau_tests::telegram::{BOT, FakeTelegram, TOKEN};
use serde_json::json;

const PARENT: &str = "parent@demo.baiqau.kz";

/// Reloads the account page until `css` is there (the server's reader and sender work on
/// their own time): up to 20 s.
async fn reload_until(server: &Server, b: &Browser, css: &str) {
    for _ in 0..40 {
        b.goto(&server.url("/account")).await;
        if b.script_value(&format!("return document.querySelector({css:?}) !== null")).await == json!(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    panic!("{css} did not appear on the account page");
}

#[tokio::test]
async fn a_parent_links_telegram_from_a_phone_and_unlinks_it_without_javascript() {
    let fake = FakeTelegram::start().await;
    let server = Server::start_with(&[("BAIQAU_TELEGRAM_TOKEN", TOKEN), ("BAIQAU_TELEGRAM_API", &fake.url)]).await;
    let accounts = server.demo();
    let axe_file = std::env::var("BAIQAU_AXE").expect("BAIQAU_AXE (scripts/env) names axe-core's file");
    let axe = std::fs::read_to_string(&axe_file).unwrap_or_else(|e| panic!("{axe_file}: {e}"));

    let b = Browser::phone().await;
    log_in(&server, &b, PARENT, password_of(&accounts, PARENT)).await;
    b.goto(&server.url("/account#telegram")).await;
    b.wait_hydrated().await;
    assert_eq!(b.text_now("#telegram-link button").await, "Telegram-ды қосу");
    b.click("#telegram-link button").await;
    let shown = b.wait_text("#telegram-code").await;
    let code = shown.replace('-', "");
    assert_eq!(code.len(), 12, "{shown}");
    let open = b.script_value("return document.querySelector('#telegram-open').getAttribute('href')").await;
    assert_eq!(open, json!(format!("https://t.me/{BOT}?start={code}")));
    // On a phone the button opens Telegram; the QR code is for a computer's screen.
    let qr = b.script_value("return getComputedStyle(document.querySelector('.telegram-qr')).display").await;
    assert_eq!(qr, json!("none"));
    b.screenshot("telegram-code-kk-360.png").await;
    for lang in ["kk", "ru", "en"] {
        b.choose_lang(lang).await;
        b.goto(&server.url("/account#telegram")).await;
        b.wait_hydrated().await;
        assert_eq!(b.text_now("#telegram-code").await, shown, "the same code until used");
        let faults = crate::tour::check(&b, &axe).await;
        assert!(faults.is_empty(), "{lang}: {faults:?}");
    }
    b.resize(1280, 900).await;
    let qr = b.script_value("return getComputedStyle(document.querySelector('.telegram-qr')).display").await;
    assert_eq!(qr, json!("block"), "a computer shows the QR code");
    b.resize(360, 800).await;

    // The parent presses Start in Telegram: the server's reader links the chat, the bot says so.
    fake.person_says(5150, "Айгүл", "kk", &format!("/start {code}"));
    reload_until(&server, &b, "#telegram-chat").await;
    assert_eq!(b.text_now("#telegram-chat").await, "Айгүл (@айгүл_5150)");
    for _ in 0..40 {
        if !fake.sent().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    let sent = fake.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].chat_id, 5150);
    assert!(sent[0].text.contains("Дайын:"), "{}", sent[0].text);
    b.script("document.getElementById('telegram').scrollIntoView()").await;
    b.screenshot("telegram-linked-en-360.png").await;
    b.close().await;

    // JavaScript off, in Russian: the plain form unlinks.
    let plain = Browser::open(false, "ru").await;
    plain.resize(360, 800).await;
    log_in_plain(&server, &plain, PARENT, password_of(&accounts, PARENT)).await;
    plain.goto(&server.url("/account#telegram")).await;
    assert_eq!(plain.text_now("#telegram-unlink button").await, "Отключить Telegram");
    plain.click("#telegram-unlink button").await;
    plain.wait_url_contains("telegram=off").await;
    assert_eq!(plain.text_now("#telegram .notice").await, "Telegram отключён: уведомления приходят только на почту.");
    assert_eq!(plain.text_now("#telegram-link button").await, "Подключить Telegram");
    plain.screenshot("telegram-unlinked-ru-360-nojs.png").await;
    plain.close().await;
}

//! Judges score in the browser: keyboard and mouse, autosave across a reload, and the same
//! with JavaScript off, where a mistake loses nothing.

use crate::harness::{Browser, Server};
use crate::*;

#[tokio::test]
async fn a_judge_scores_three_works_with_keyboard_and_mouse_and_autosave_survives_a_reload() {
    let server = Server::start().await;
    let accounts = server.demo();
    let admin = Browser::open(true, "en").await;
    log_in(&server, &admin, "admin@demo.baiqau.kz", password_of(&accounts, "admin@demo.baiqau.kz")).await;
    admin.goto(&server.url("/admin/contests")).await;
    let judged = admin.script_value("return [...document.querySelectorAll('table.contests tbody tr')].find(r => r.children[1].textContent.trim() === 'Judging').querySelector('a').getAttribute('href')").await;
    let dashboard = server.url(&format!("{}/judging", judged.as_str().expect("a contest being judged")));
    admin.goto(&dashboard).await;
    let before = admin.wait_text("#stats .stat-line").await;
    assert_eq!(before, "4 assigned · no scores yet", "no zeros dressed as statistics");

    let b = Browser::open(true, "en").await;
    b.resize(1280, 900).await;
    log_in(&server, &b, "judge@demo.baiqau.kz", password_of(&accounts, "judge@demo.baiqau.kz")).await;
    b.goto(&server.url("/judge")).await;
    b.wait_hydrated().await;
    assert_eq!(b.wait_text(".judge-progress-text").await, "Scored: 0 of 4");
    b.screenshot("judge-queue-en-1280.png").await;
    b.click(".queue-item a").await;
    b.wait_present("#score-form").await;
    b.wait_hydrated().await;

    // First work: typed with the keyboard; autosaved; the page is reloaded half-way.
    let inputs = b.script_value("return [...document.querySelectorAll('#score-form input[inputmode=decimal]')].map(i => i.id)").await;
    let ids: Vec<String> = inputs.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
    assert!(ids.len() >= 2, "{ids:?}");
    b.fill(&format!("#{}", ids[0]), "7").await;
    b.fill(&format!("#{}", ids[1]), "8").await;
    b.fill("#comment", "Түстері жарқын, идеясы өз ойы.").await;
    // "Saving…" shows at once, "Saved" once the server has it.
    for _ in 0..50 {
        if b.text_now(".save-status").await == "Saved" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(b.text_now(".save-status").await, "Saved");
    let here = b.current_url().await;
    b.goto(&here).await;
    b.wait_hydrated().await;
    let kept = b.script_value(&format!("return [document.getElementById('{}').value, document.getElementById('{}').value]", ids[0], ids[1])).await;
    assert_eq!(kept, serde_json::json!(["7", "8"]), "autosaved values after a reload");
    let comment = b.script_value("return document.getElementById('comment').value").await;
    assert_eq!(comment, "Түстері жарқын, идеясы өз ойы.", "the comment is autosaved with the points");
    // The rest with the keyboard: Tab to the next field, Enter to submit and go on.
    for id in &ids[2..] {
        b.fill(&format!("#{id}"), "6").await;
    }
    b.screenshot("scoring-en-1280.png").await;
    b.script(&format!("document.getElementById('{}').focus()", ids[ids.len() - 1])).await;
    b.send_enter(&format!("#{}", ids[ids.len() - 1])).await;
    b.wait_text_is(".judge-progress-text", "Scored: 1 of 4").await;

    // Second and third: with the mouse.
    for round in 2..=3 {
        b.wait_hydrated().await;
        for id in &ids {
            b.fill(&format!("#{id}"), "9").await;
        }
        b.click("#score-form button[value=next]").await;
        b.wait_text_is(".judge-progress-text", &format!("Scored: {round} of 4")).await;
    }
    b.resize(360, 900).await;
    b.screenshot("scoring-en-360.png").await;

    // The admin's dashboard shows the work done.
    admin.goto(&dashboard).await;
    let after = admin.wait_text("#stats .stat-line").await;
    assert!(after.starts_with("3 of 4 scored"), "{after}");
    admin.screenshot("judging-dashboard-en-1280.png").await;
    // On a phone, in Russian: nothing wider than the screen.
    admin.resize(360, 900).await;
    admin.click(".lang-switch button[value=ru]").await;
    admin.wait_lang("ru").await;
    for page in [dashboard.clone(), dashboard.replace("/judging", "/results"), dashboard.replace("/judging", "/entries")] {
        admin.goto(&page).await;
        admin.wait_present("h1").await;
        let overflow = admin.script_value("return document.documentElement.scrollWidth - window.innerWidth").await;
        assert!(overflow.as_i64().is_some_and(|px| px <= 0), "{page} scrolls sideways by {overflow}");
    }
    admin.goto(&dashboard).await;
    admin.screenshot("judging-dashboard-ru-360.png").await;
    b.close().await;
    admin.close().await;
}

#[tokio::test]
async fn without_javascript_a_judge_saves_submits_and_goes_on_and_a_mistake_loses_nothing() {
    let server = Server::start().await;
    let accounts = server.demo();
    let b = Browser::open(false, "ru").await;
    b.resize(360, 800).await;
    b.goto(&server.url("/login")).await;
    b.fill("#email", "judge@demo.baiqau.kz").await;
    b.fill("#password", password_of(&accounts, "judge@demo.baiqau.kz")).await;
    b.click("button[type=submit].primary").await;
    b.wait_path("/account").await;
    b.goto(&server.url("/judge")).await;
    assert_eq!(b.wait_text(".judge-progress-text").await, "Оценено: 0 из 4");
    b.click(".queue-item a").await;
    b.wait_present("#score-form").await;
    let first = b.current_url().await;
    let ids = b.script_value("return [...document.querySelectorAll('#score-form input[inputmode=decimal]')].map(i => i.id)").await;
    let ids: Vec<String> = ids.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
    assert!(ids.len() >= 2, "{ids:?}");
    let values_js = format!("return [{}].map(id => document.getElementById(id).value)", ids.iter().map(|i| format!("'{i}'")).collect::<Vec<_>>().join(","));

    // Save: the server stores the sheet and the page says so.
    for id in &ids {
        b.fill(&format!("#{id}"), "6").await;
    }
    b.fill("#comment", "Жарқын түстер").await;
    b.click("#score-form button[value='']").await;
    assert_eq!(b.wait_text(".notice").await, "Сохранено");
    assert_eq!(b.script_value(&values_js).await, serde_json::json!(vec!["6"; ids.len()]));

    // A mistake: the message names it and every typed value is still in the form.
    b.fill(&format!("#{}", ids[0]), "семь").await;
    b.fill(&format!("#{}", ids[1]), "7,5").await;
    b.fill("#comment", "Композиция ойластырылған").await;
    b.click("#score-form button[value=next]").await;
    assert_eq!(b.wait_text(".form-error").await, "Исправьте отмеченные поля.");
    assert_eq!(b.wait_text("#points-error").await, "Баллы — целое число (где разрешено, с половиной: 7,5).");
    let mut typed = vec!["семь".to_owned(), "7,5".to_owned()];
    typed.extend(std::iter::repeat_n("6".to_owned(), ids.len() - 2));
    assert_eq!(b.script_value(&values_js).await, serde_json::json!(typed));
    assert_eq!(b.script_value("return document.getElementById('comment').value").await, "Композиция ойластырылған");
    // The same mistake again: still one error in the address.
    b.click("#score-form button[value=next]").await;
    b.wait_text(".form-error").await;
    assert_eq!(b.current_url().await.matches("__err=").count(), 1);

    // Corrected: Submit and next opens another work; the queue counts one.
    b.fill(&format!("#{}", ids[0]), "8").await;
    b.fill(&format!("#{}", ids[1]), "7").await;
    b.click("#score-form button[value=next]").await;
    b.wait_text_is(".judge-progress-text", "Оценено: 1 из 4").await;
    let second = b.current_url().await;
    assert_ne!(second.split('?').next(), first.split('?').next());
    // Submit: stays on the work, which says it is submitted.
    for id in &ids {
        b.fill(&format!("#{id}"), "5").await;
    }
    b.click("#score-form button[value=submit]").await;
    b.wait_text_is(".judge-progress-text", "Оценено: 2 из 4").await;
    assert!(b.current_url().await.contains("submitted=1"));
    // The first work kept what was submitted.
    b.goto(first.split('?').next().unwrap()).await;
    let mut want = vec!["8".to_owned(), "7".to_owned()];
    want.extend(std::iter::repeat_n("6".to_owned(), ids.len() - 2));
    assert_eq!(b.script_value(&values_js).await, serde_json::json!(want));
    b.screenshot("scoring-nojs-ru-360.png").await;
    b.close().await;
}

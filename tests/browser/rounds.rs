//! Rounds in the browser, against the release binary: the admin (JavaScript off, Russian)
//! makes the next round as a copy of the demo's published contest, accepts the published
//! one as its feeding round, sets who advances and advances them; the entrant sees the
//! work's path on a 360 px phone in Kazakh.

use crate::harness::{Browser, Server};
use crate::contests::local_input;
use crate::results::published_results;
use crate::*;
use serde_json::json;

#[tokio::test]
async fn an_admin_advances_a_rounds_winner_and_the_entrant_sees_the_path() {
    let server = Server::start().await;
    let accounts = server.demo();
    let parent = Browser::phone().await;
    published_results(&server, &parent).await;
    let db = server.database().await;
    let regional: String = sqlx::query_scalar("SELECT public_id FROM contest WHERE published_at IS NOT NULL").fetch_one(&db).await.unwrap();

    let admin = Browser::open(false, "ru").await;
    log_in_plain(&server, &admin, "admin@demo.baiqau.kz", password_of(&accounts, "admin@demo.baiqau.kz")).await;
    admin.goto(&server.url(&format!("/admin/contests/{regional}#actions"))).await;
    admin.click("form[action='/api/admin_copy_contest'] button[type=submit]").await;
    // The page being left is an editor too: wait for the copy itself, then for its editor.
    let mut republican = None;
    for _ in 0..100 {
        republican = sqlx::query_scalar("SELECT public_id FROM contest WHERE copied_from IS NOT NULL").fetch_optional(&db).await.unwrap();
        if republican.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let republican: String = republican.expect("the copy was made");
    admin.wait_path(&format!("/admin/contests/{republican}")).await;

    // The next round's dates (a copy has none: its age groups have no reference date yet).
    admin.goto(&server.url(&format!("/admin/contests/{republican}#timeline"))).await;
    for (id, value) in [("open", local_input(-1, 9)), ("close", local_input(10, 23)), ("judging_end", local_input(20, 23)), ("results", local_input(25, 12))] {
        admin.script(&format!("document.getElementById('{id}').value = '{value}'")).await;
    }
    admin.click("#timeline button[type=submit]").await;
    admin.wait_url_contains("saved=").await;

    // The next round's organisers accept the published one as feeding theirs.
    admin.goto(&server.url(&format!("/admin/contests/{republican}/results#rounds"))).await;
    admin.fill("#round-source", &regional).await;
    admin.click("form[action='/api/admin_add_round_feed'] button[type=submit]").await;
    admin.wait_url_contains("saved=rounds").await;
    assert_eq!(admin.script_value("return [...document.querySelectorAll('#rounds ul li a')].map((a) => a.getAttribute('href'))").await, json!([format!("/admin/contests/{regional}/results#rounds")]));

    // The published round's: the first place of its first nomination goes on.
    admin.goto(&server.url(&format!("/admin/contests/{regional}/results#rounds"))).await;
    admin.fill("#rounds .round-rule input[name=value]", "1").await;
    admin.click("#rounds .round-rule button[type=submit]").await;
    admin.wait_url_contains("saved=rounds").await;
    assert_eq!(admin.text_now("#rounds .round-rule .hint").await, "Сейчас: все возрастные группы: Первые места (сколько): 1; общее место на границе: не проходит никто");
    admin.click("#rounds .round-advance form.inline-form button[type=submit]").await;
    admin.wait_url_contains("advanced=").await;
    assert_eq!(admin.text_now("#advance-report").await, "Переведено: 1. Уже были там: 0. Не нашлось места в следующем туре: —");
    admin.script("document.querySelector('#rounds').scrollIntoView()").await;
    admin.screenshot("rounds-advanced-ru-nojs.png").await;
    let advanced: String = sqlx::query_scalar("SELECT o.public_id FROM entry n JOIN entry o ON o.entry_id = n.advanced_from").fetch_one(&db).await.unwrap();

    // The entrant, on a phone in Kazakh: the work's path, round 1's place then round 2.
    log_in(&server, &parent, "parent@demo.baiqau.kz", password_of(&accounts, "parent@demo.baiqau.kz")).await;
    parent.goto(&server.url(&format!("/entries/{advanced}"))).await;
    parent.wait_hydrated().await;
    assert_eq!(parent.wait_text("#rounds h2").await, "Жұмыстың кезеңдері");
    let steps = parent.script_value("return [...document.querySelectorAll('#rounds .round-standing')].map((s) => s.textContent)").await;
    assert_eq!(steps.as_array().unwrap().len(), 2, "{steps}");
    assert!(steps[0].as_str().unwrap().starts_with("1-орын · "), "{steps}");
    assert_eq!(parent.script_value("return document.documentElement.scrollWidth <= innerWidth").await, json!(true), "sideways scroll");
    parent.script("document.querySelector('#rounds').scrollIntoView()").await;
    parent.screenshot("rounds-path-kk-360.png").await;
    // The next round's entry: the same files, under its own page.
    let next = parent.script_value("return document.querySelector('#rounds a').getAttribute('href')").await;
    parent.click("#rounds a").await;
    parent.wait_path(next.as_str().unwrap()).await;
    parent.wait_present("#files").await;
    for b in [parent, admin] {
        b.close().await;
    }
}

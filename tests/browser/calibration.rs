//! Judge calibration in the browser, against the release binary: the demo judge finds an
//! anchor work on the queue page of a 360 px phone in Kazakh with JavaScript off, scores it
//! through the plain form (a refused value named in words and kept), then reads the
//! reference beside their own; the anchor's page passes axe in three languages.

use crate::harness::{Browser, Server};
use crate::*;
use serde_json::json;

const JUDGE: &str = "judge@demo.baiqau.kz";

/// Makes a work of the demo judge's contest (one with a file) anchor `A1`, with references at
/// half of each criterion's maximum; the criteria's maxima in the rubric's order.
async fn anchor(server: &Server) -> Vec<i64> {
    let rw = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.data_dir().join("baiqau.db").display())).await.unwrap();
    let (contest, nomination, entry): (i64, i64, i64) = sqlx::query_as(
        "SELECT e.contest_id, e.nomination_id, e.entry_id FROM assignment x JOIN entry e ON e.entry_id = x.entry_id JOIN account a ON a.account_id = x.account_id
         WHERE a.email = $1 AND EXISTS (SELECT 1 FROM entry_file f WHERE f.entry_id = e.entry_id) ORDER BY e.entry_id LIMIT 1",
    )
    .bind(JUDGE)
    .fetch_one(&rw)
    .await
    .unwrap();
    let done = sqlx::query("INSERT INTO anchor (contest_id, nomination_id, source_entry_id, code, explanation_kk, created_at, updated_at) VALUES ($1, $2, $3, 'A1', $4, 0, 0)")
        .bind(contest)
        .bind(nomination)
        .bind(entry)
        .bind("Тақырып толық ашылған, бірақ орындалуы ұқыпсыз.")
        .execute(&rw)
        .await
        .unwrap();
    let criteria: Vec<(i64, i64)> = sqlx::query_as("SELECT criterion_id, max_points FROM criterion WHERE contest_id = $1 AND nomination_id IS NULL ORDER BY position")
        .bind(contest)
        .fetch_all(&rw)
        .await
        .unwrap();
    for (id, max) in &criteria {
        sqlx::query("INSERT INTO anchor_score (anchor_id, criterion_id, halves) VALUES ($1, $2, $3)").bind(done.last_insert_rowid()).bind(id).bind(max).execute(&rw).await.unwrap();
    }
    rw.close().await;
    criteria.into_iter().map(|(_, max)| max).collect()
}

#[tokio::test]
async fn a_judge_calibrates_on_an_anchor_from_a_phone_without_javascript() {
    let server = Server::start().await;
    let accounts = server.demo();
    let maxima = anchor(&server).await;
    let axe_file = std::env::var("BAIQAU_AXE").expect("BAIQAU_AXE (scripts/env) names axe-core's file");
    let axe = std::fs::read_to_string(&axe_file).unwrap_or_else(|e| panic!("{axe_file}: {e}"));

    let plain = Browser::open(false, "kk").await;
    plain.resize(360, 800).await;
    log_in_plain(&server, &plain, JUDGE, password_of(&accounts, JUDGE)).await;
    plain.goto(&server.url("/judge")).await;
    assert_eq!(plain.text_now("#calibration .anchors .queue-state").await, "бағалау керек");
    plain.screenshot("calibration-queue-kk-360-nojs.png").await;
    let anchor_path = plain.script_value("return document.querySelector('#calibration .anchors a').getAttribute('href')").await.as_str().unwrap().to_owned();
    plain.click("#calibration .anchors a").await;
    plain.wait_present("#calibrate-form").await;
    assert_eq!(plain.text_now("h1.scoring-title").await, "A1 Эталон жұмыс");
    let ids = plain.script_value("return [...document.querySelectorAll('#calibrate-form input.points-input')].map(i => '#' + i.id)").await;
    let ids: Vec<String> = ids.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
    assert_eq!(ids.len(), maxima.len());
    // Too many points for the first criterion: the server names it; the rest is kept.
    plain.fill(&ids[0], &(maxima[0] + 5).to_string()).await;
    for id in &ids[1..] {
        plain.fill(id, "1").await;
    }
    plain.click("#calibrate-form button[type=submit]").await;
    let error = plain.wait_text(&format!("{}-error", ids[0])).await;
    assert_eq!(error, "Ұпай 0-ден критерийдің максимумына дейін болуы керек.");
    let kept = plain.script_value(&format!("return document.querySelector('{}').value", ids[0])).await;
    assert_eq!(kept, json!((maxima[0] + 5).to_string()));
    plain.screenshot("calibration-refused-kk-360-nojs.png").await;
    plain.fill(&ids[0], "1").await;
    plain.click("#calibrate-form button[type=submit]").await;
    plain.wait_url_contains("sent=1").await;
    let own = plain.script_value("return [...document.querySelectorAll('.calibration-compared td.own')].map(t => t.textContent)").await;
    assert_eq!(own, json!(vec!["1"; maxima.len()]));
    let reference = plain.script_value("return [...document.querySelectorAll('.calibration-compared td.reference')].map(t => t.textContent)").await;
    let halves: Vec<String> = maxima.iter().map(|m| if m % 2 == 0 { (m / 2).to_string() } else { format!("{},5", m / 2) }).collect();
    assert_eq!(reference, json!(halves));
    assert_eq!(plain.text_now(".anchor-explanation").await, "Тақырып толық ашылған, бірақ орындалуы ұқыпсыз.");
    plain.script("document.querySelector('.calibration-compared').scrollIntoView()").await;
    plain.screenshot("calibration-compared-kk-360-nojs.png").await;
    plain.close().await;

    // With JavaScript, in three languages: the anchor's page passes axe.
    let b = Browser::open(true, "ru").await;
    b.resize(360, 800).await;
    log_in(&server, &b, JUDGE, password_of(&accounts, JUDGE)).await;
    for lang in ["kk", "ru", "en"] {
        b.goto(&server.url("/judge")).await;
        b.choose_lang(lang).await;
        b.wait_lang(lang).await;
        b.goto(&server.url("/judge")).await;
        b.wait_hydrated().await;
        b.click("#calibration .anchors a").await;
        b.wait_path(&anchor_path).await;
        b.wait_lang(lang).await;
        b.wait_present(".calibration-compared").await;
        let faults = crate::tour::check(&b, &axe).await;
        assert!(faults.is_empty(), "{lang}: {faults:?}");
    }
    b.close().await;
}

/// With JavaScript off, the demo admin uploads an example work on the judging dashboard: a
/// file of the wrong kind is refused in words with the title and nomination kept, then a
/// drawing becomes anchor `A1`; the demo judge, on a 360 px phone in Kazakh, sees it under
/// its code as an image that loads, without its title or file name.
#[tokio::test]
async fn an_admin_uploads_an_example_and_a_judge_sees_it_blind_without_javascript() {
    let server = Server::start().await;
    let accounts = server.demo();
    let admin = "admin@demo.baiqau.kz";
    let db = server.database().await;
    let (contest, nomination): (String, i64) = sqlx::query_as(
        "SELECT c.public_id, e.nomination_id FROM assignment x JOIN entry e ON e.entry_id = x.entry_id JOIN account a ON a.account_id = x.account_id
         JOIN contest c ON c.contest_id = e.contest_id JOIN nomination n ON n.nomination_id = e.nomination_id
         WHERE a.email = $1 AND n.allowed_kinds LIKE '%image%' ORDER BY e.entry_id LIMIT 1",
    )
    .bind(JUDGE)
    .fetch_one(&db)
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (text, drawing) = (dir.path().join("readme.txt"), dir.path().join("akvarel-2019.png"));
    std::fs::write(&text, "not a drawing").unwrap();
    image::RgbImage::from_fn(320, 200, |x, y| image::Rgb([u8::try_from(x % 256).unwrap_or(0), u8::try_from(y % 256).unwrap_or(0), 90])).save(&drawing).unwrap();
    let title = "Акварель, победитель 2019 года";

    let b = Browser::open(false, "ru").await;
    log_in_plain(&server, &b, admin, password_of(&accounts, admin)).await;
    let dashboard = server.url(&format!("/admin/contests/{contest}/judging"));
    b.goto(&dashboard).await;
    b.fill("#example-title", title).await;
    b.script(&format!("document.querySelector('#example-nomination').value = '{nomination}'")).await;
    b.choose_file("#example-files", &text).await;
    b.click("#example-form button[type=submit]").await;
    let error = b.wait_text("#example-error").await;
    assert_eq!(error, "Этот тип файла не разрешён в номинации (проверяется по содержимому файла).");
    assert_eq!(b.script_value("return document.querySelector('#example-title').value").await, json!(title));
    assert_eq!(b.script_value("return document.querySelector('#example-nomination').value").await, json!(nomination.to_string()));
    b.script("document.querySelector('#add-example').scrollIntoView()").await;
    b.screenshot("calibration-example-refused-ru-nojs.png").await;
    b.choose_file("#example-files", &drawing).await;
    b.click("#example-form button[type=submit]").await;
    b.wait_url_contains("saved=calibration").await;
    assert_eq!(b.text_now("#calibration .anchor h3").await, format!("A1 {title}"));
    assert_eq!(b.text_now("#calibration .anchor .anchor-files a").await, "akvarel-2019.png");
    b.resize(360, 800).await;
    b.script("document.querySelector('#calibration .anchor').scrollIntoView()").await;
    b.screenshot("calibration-example-added-ru-360-nojs.png").await;
    b.close().await;

    // The judge's view copy is made in the background.
    for _ in 0..100 {
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM anchor_file f JOIN blob b ON b.sha256 = f.sha256 WHERE b.thumb_state <> 'ready'").fetch_one(&db).await.unwrap();
        if pending == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let j = Browser::open(false, "kk").await;
    j.resize(360, 800).await;
    log_in_plain(&server, &j, JUDGE, password_of(&accounts, JUDGE)).await;
    j.goto(&server.url(&format!("/judge/{contest}/anchors/A1"))).await;
    j.wait_present("#calibrate-form").await;
    assert_eq!(j.text_now("h1.scoring-title").await, "A1 Эталон жұмыс");
    let shown = j.script_value("const i = document.querySelector('.work img'); return [i.complete && i.naturalWidth, document.body.innerText.includes('Акварель'), document.body.innerHTML.includes('akvarel')]").await;
    assert_eq!(shown, json!([320, false, false]));
    j.screenshot("calibration-example-judge-kk-360-nojs.png").await;
    j.close().await;
}

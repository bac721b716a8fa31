//! The contest's own questions in the browser, against the release binary: a parent answers
//! them on a 360 px phone in Kazakh with JavaScript off (the server names the refused
//! answer in words and keeps what was typed), and the browser itself refuses what it can
//! check before anything is sent; the page passes axe in three languages.

use crate::entries::start_entry;
use crate::harness::{Browser, Server};
use crate::*;
use serde_json::json;

/// Asks five questions of the newest entry's contest (as the editor would have before
/// entries opened); their ids in order.
async fn ask(server: &Server) -> (String, Vec<i64>) {
    let rw = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.data_dir().join("baiqau.db").display())).await.unwrap();
    let db = &rw;
    let (contest, entry): (i64, String) = sqlx::query_as("SELECT contest_id, public_id FROM entry ORDER BY entry_id DESC LIMIT 1").fetch_one(db).await.unwrap();
    let languages = r#"[{"kk":"қазақша","ru":"казахский","en":"Kazakh"},{"kk":"орысша","ru":"русский","en":"Russian"}]"#;
    let materials = r#"[{"kk":"қарындаш","ru":"карандаш","en":"pencil"},{"kk":"гуашь","ru":"гуашь","en":"gouache"},{"kk":"акварель","ru":"акварель","en":"watercolour"}]"#;
    let mut ids = Vec::new();
    for (i, (kk, ru, en, kind, required, min, max)) in [
        ("Сынып", "Класс", "Class", "number", true, Some(1), Some(11)),
        ("Жұмыстың тілі", "Язык работы", "Language of the work", "choice_one", true, None, None),
        ("Жетекшінің телефоны", "Телефон руководителя", "Teacher's phone", "phone", false, None, None),
        ("Бейнеге сілтеме", "Ссылка на видео", "Video link", "url", false, None, None),
        ("Материал", "Материал", "Material", "choice_many", false, None, None),
    ]
    .into_iter()
    .enumerate()
    {
        let done = sqlx::query(
            "INSERT INTO entry_question (contest_id, position, label_kk, label_ru, label_en, kind, required, audience, min_value, max_value, options, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'admins', $8, $9, $10, 0, 0)",
        )
        .bind(contest)
        .bind(i64::try_from(i).unwrap())
        .bind(kk)
        .bind(ru)
        .bind(en)
        .bind(kind)
        .bind(required)
        .bind(min)
        .bind(max)
        .bind(match kind {
            "choice_one" => languages,
            "choice_many" => materials,
            _ => "[]",
        })
        .execute(db)
        .await
        .unwrap();
        ids.push(done.last_insert_rowid());
    }
    rw.close().await;
    (entry, ids)
}

async fn stored(db: &sqlx::SqlitePool) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT question_id, value FROM entry_answer ORDER BY question_id").fetch_all(db).await.unwrap()
}

#[tokio::test]
async fn a_parent_answers_the_contests_questions_on_a_phone_with_and_without_javascript() {
    let server = Server::start().await;
    let _ = server.demo();
    let db = server.database().await;
    let axe_file = std::env::var("BAIQAU_AXE").expect("BAIQAU_AXE (scripts/env) names axe-core's file");
    let axe = std::fs::read_to_string(&axe_file).unwrap_or_else(|e| panic!("{axe_file}: {e}"));

    // JavaScript off, Kazakh, a 360 px phone.
    let plain = Browser::open(false, "kk").await;
    plain.resize(360, 800).await;
    start_entry(&server, &plain, "apa@mail.kz", "Әлия Ахметова", "Сурет", "Көктем", false).await;
    let (entry, q) = ask(&server).await;
    let field = |i: usize| format!("#answer-{}", q[i]);
    // (The browser is on the entry's page already: a fragment alone would not reload it.)
    plain.goto(&server.url(&format!("/entries/{entry}?asked=1#answers"))).await;
    assert_eq!(plain.text_now("#answers h2").await, "Ұйымдастырушылардың сұрақтары");
    plain.fill(&field(0), "4").await;
    plain.click(&format!("{}-1", field(1))).await;
    // A Russian number: written with the characters a phone has (the browser lets it
    // through), refused by the server as not a Kazakhstan number.
    plain.fill(&field(2), "+7 916 123 45 67").await;
    plain.fill(&field(3), "youtu.be/abc").await;
    plain.click(&format!("{}-0", field(4))).await;
    plain.click(&format!("{}-2", field(4))).await;
    plain.click("#answers-form button[type=submit]").await;
    assert_eq!(plain.wait_text(&format!("{}-error", field(2))).await, "Қазақстан нөмірін жазыңыз: +7 7xx xxx xx xx.");
    let kept = plain.script_value(&format!(
        "return [document.querySelector('{}').value, document.querySelector('{}-1').checked, document.querySelector('{}').value, document.querySelector('{}-2').checked]",
        field(0), field(1), field(2), field(4)
    )).await;
    assert_eq!(kept, json!(["4", true, "+7 916 123 45 67", true]), "what was typed comes back");
    assert!(stored(&db).await.is_empty(), "nothing saved while one answer is refused");
    plain.script(&format!("document.querySelector('{}').scrollIntoView({{block: 'center'}})", field(2))).await;
    plain.screenshot("answers-refused-kk-360-nojs.png").await;
    plain.fill(&field(2), "8 (701) 234-56-78").await;
    plain.click("#answers-form button[type=submit]").await;
    plain.wait_url_contains("saved=1").await;
    let want = vec![(q[0], "4".to_owned()), (q[1], "1".into()), (q[2], "+7 701 234 56 78".into()), (q[3], "https://youtu.be/abc".into()), (q[4], "0,2".into())];
    assert_eq!(stored(&db).await, want);
    let shown = plain.script_value("return [...document.querySelectorAll('#answers dd')].map(d => d.textContent)").await;
    assert_eq!(shown, json!(["4", "орысша", "+7 701 234 56 78", "https://youtu.be/abc", "қарындаш, акварель"]));
    plain.screenshot("answers-saved-kk-360-nojs.png").await;
    plain.close().await;

    // JavaScript on: the browser refuses a class out of range, a phone with letters and a
    // required answer left empty, before anything reaches the server.
    let b = Browser::open(true, "ru").await;
    b.resize(360, 800).await;
    log_in(&server, &b, "apa@mail.kz", PW).await;
    b.goto(&server.url(&format!("/entries/{entry}#answers"))).await;
    b.wait_hydrated().await;
    b.script("document.querySelector('#answers details').open = true").await;
    for (css, typed, broken) in [(field(0), "12", "rangeOverflow"), (field(2), "тел. 8701", "patternMismatch"), (field(0), "", "valueMissing")] {
        b.fill(&field(0), "4").await;
        b.fill(&field(2), "").await;
        b.fill(&css, typed).await;
        b.script("window.stayed = true").await;
        b.click("#answers-form button[type=submit]").await;
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        let state = b.script_value(&format!("return [window.stayed === true, document.querySelector('{css}').validity.{broken}]")).await;
        assert_eq!(state, json!([true, true]), "{css} {typed:?}: the page stayed, the field is marked {broken}");
    }
    assert_eq!(stored(&db).await, want, "nothing reached the server");
    for lang in ["kk", "ru", "en"] {
        b.choose_lang(lang).await;
        b.goto(&server.url(&format!("/entries/{entry}#answers"))).await;
        b.wait_hydrated().await;
        let faults = crate::tour::check(&b, &axe).await;
        assert!(faults.is_empty(), "{lang}: {faults:?}");
    }
    b.close().await;
}

//! Judges score in the browser: keyboard and mouse, autosave across a reload, the same
//! with JavaScript off, where a mistake loses nothing, and through a lost connection.

use crate::harness::{Browser, Server};
use crate::*;

/// The score sheet of the work with code `?1` by the judge with e-mail `?2` (a literal, so
/// that the queries built on it stay literals).
macro_rules! sheet {
    () => {
        "SELECT s.* FROM score_sheet s JOIN entry e ON e.entry_id = s.entry_id JOIN account a ON a.account_id = s.account_id WHERE e.code = ? AND a.email = ?"
    };
}

/// A script answering the scoring form's fields' values, in the order of their ids.
fn values_js(ids: &[String]) -> String {
    format!("return [{}].map(id => document.getElementById(id).value)", ids.iter().map(|i| format!("'{i}'")).collect::<Vec<_>>().join(","))
}

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
    // The first work came without files: the page says so rather than showing a blank.
    assert_eq!(b.wait_text(".work-empty").await, "No files were attached to this work.");
    assert_eq!(b.wait_text(".running-total strong").await, "No points yet");
    let mut codes = vec![b.wait_text(".scoring-title .code").await];
    b.fill(&format!("#{}", ids[0]), "7").await;
    b.fill(&format!("#{}", ids[1]), "8").await;
    // The running total weighs the criteria (4 : 3 : 3 out of 10) and says what is left.
    b.wait_text_is(".running-total strong", "Weighted total: 52 %").await;
    assert_eq!(b.text_now(".running-total .hint").await, format!("2 of {} criteria scored", ids.len()));
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

    // Second: with the picker, one tap a criterion.
    b.wait_hydrated().await;
    codes.push(b.wait_text(".scoring-title .code").await);
    for id in &ids {
        b.click(&format!("#{id} ~ .picker button:nth-child(10)")).await;
    }
    b.wait_text_is(".running-total strong", "Weighted total: 90 %").await;
    assert_eq!(b.script_value(&values_js(&ids)).await, serde_json::json!(vec!["9"; ids.len()]));
    assert_eq!(b.text_now(".picker button.chosen").await, "9", "the picked points stand out");
    b.screenshot("scoring-picker-en-1280.png").await;
    b.resize(800, 1100).await;
    b.screenshot("scoring-en-800.png").await;
    b.resize(1280, 900).await;
    b.click("#score-form button[value=next]").await;
    b.wait_text_is(".judge-progress-text", "Scored: 2 of 4").await;

    // Third: the keyboard alone, ↑ and ↓ stepping from what is typed, never past 0 … max.
    b.wait_hydrated().await;
    codes.push(b.wait_text(".scoring-title .code").await);
    for (id, typed, up, times) in [(&ids[0], "9", true, 3), (&ids[1], "8", false, 1), (&ids[2], "0", false, 2)] {
        b.fill(&format!("#{id}"), typed).await;
        b.press_arrow(&format!("#{id}"), up, times).await;
    }
    b.press_arrow(&format!("#{}", ids[2]), true, 5).await;
    assert_eq!(b.script_value(&values_js(&ids)).await, serde_json::json!(["10", "7", "5"]));
    b.wait_text_is(".running-total strong", "Weighted total: 76 %").await;
    b.send_enter(&format!("#{}", ids[2])).await;
    b.wait_text_is(".judge-progress-text", "Scored: 3 of 4").await;
    b.resize(360, 900).await;
    b.screenshot("scoring-en-360.png").await;
    // What the server holds: each criterion's points (in halves), submitted.
    assert_submitted(&server, &codes, &[[14, 16, 12], [18, 18, 18], [20, 14, 10]]).await;

    // The admin's dashboard shows the work done.
    admin.goto(&dashboard).await;
    let after = admin.wait_text("#stats .stat-line").await;
    assert!(after.starts_with("3 of 4 scored"), "{after}");
    // One judge cannot be measured against anyone: the agreement section says so in words.
    let reading = admin.wait_text("#reliability .reading").await;
    assert_eq!(reading, "Only one judge has scored here so far: agreement cannot be measured.");
    admin.screenshot("judging-dashboard-en-1280.png").await;
    // On a phone, in Russian: nothing wider than the screen.
    admin.resize(360, 900).await;
    admin.choose_lang("ru").await;
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

/// Each work's submitted sheet holds these points (in halves), criterion by criterion.
async fn assert_submitted(server: &Server, codes: &[String], want: &[[i64; 3]]) {
    let db = server.database().await;
    for (code, want) in codes.iter().zip(want) {
        let halves: Vec<i64> = sqlx::query_scalar(
            "SELECT sc.halves FROM score sc JOIN score_sheet s ON s.sheet_id = sc.sheet_id JOIN entry e ON e.entry_id = s.entry_id \
             JOIN criterion k ON k.criterion_id = sc.criterion_id WHERE e.code = ? AND s.state = 'submitted' ORDER BY k.position",
        )
        .bind(code)
        .fetch_all(&db)
        .await
        .unwrap();
        assert_eq!(&halves, want, "{code}");
    }
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
    let values_js = values_js(&ids);

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
    // Each wrong value is marked on its own criterion.
    assert_eq!(b.wait_text(&format!("#{}-error", ids[0])).await, "Баллы — целое число (где разрешено, с половиной: 7,5).");
    assert_eq!(b.wait_text(&format!("#{}-error", ids[1])).await, "По этому критерию ставятся только целые баллы.");
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
    // The one-tap picker is the page's code: without it, the fields alone show.
    assert_eq!(b.script_value("return document.querySelectorAll('.picker').length").await, serde_json::json!(0));
    b.screenshot("scoring-nojs-ru-360.png").await;
    // The queue, narrowed by its plain form to what is scored; the next unscored work offered.
    b.goto(&server.url("/judge")).await;
    b.script("document.getElementById('state').value = 'submitted'").await;
    b.click("form.filters button[type=submit]").await;
    b.wait_url_contains("state=submitted").await;
    let states = b.script_value("return [...document.querySelectorAll('.queue-item .queue-state')].map(e => e.textContent)").await;
    assert_eq!(states, serde_json::json!(["Оценена", "Оценена"]));
    b.screenshot("judge-queue-nojs-ru-360.png").await;
    b.click("a.next-unscored").await;
    b.wait_present("#score-form").await;
    let third = b.current_url().await;
    for done in [&first, &second] {
        assert_ne!(third.split('?').next(), done.split('?').next(), "the next unscored work is neither scored one");
    }
    assert_eq!(b.text_now(".running-total strong").await, "Баллов пока нет");
    b.close().await;
}

/// The judge's connection goes (DevTools offline for the page; the server itself stopped,
/// so the service worker has none either): three changes wait in the browser and say so; a
/// reload without a connection brings back the page, its code and the waiting changes; the
/// connection back, they reach the server one after another, in order. Then a change that
/// waits while the same sheet is changed elsewhere is reported as a conflict, not written.
#[tokio::test]
async fn a_judge_scores_through_a_lost_connection_and_a_reload_and_nothing_is_overwritten() {
    let mut server = Server::start().await;
    let accounts = server.demo();
    let judge = "judge@demo.baiqau.kz";
    let b = Browser::open(true, "en").await;
    // What a lost connection makes Chromium log (the autosave's requests that failed).
    b.allow_error("ERR_INTERNET_DISCONNECTED");
    b.allow_error("ERR_CONNECTION_REFUSED");
    log_in(&server, &b, judge, password_of(&accounts, judge)).await;
    // The work with a drawing: a file the judge opens, to be seen again without a connection.
    let db = server.database().await;
    let code: String = sqlx::query_scalar("SELECT e.code FROM entry e JOIN entry_file f ON f.entry_id = e.entry_id JOIN assignment x ON x.entry_id = e.entry_id")
        .fetch_one(&db)
        .await
        .expect("a demo work with a file in the judge's queue");
    b.goto(&server.url("/judge")).await;
    b.wait_present("body[data-offline=kept]").await;
    b.click(&format!(".queue-item a[href$='/{code}']")).await;
    b.wait_present("#score-form").await;
    b.wait_hydrated().await;
    b.wait_present("body[data-offline=kept]").await;
    let here = b.current_url().await;
    let drawing = "return [...document.querySelectorAll('.work img')].map((i) => i.complete && i.naturalWidth)";
    assert_eq!(b.script_value(drawing).await, serde_json::json!([960]), "the drawing, shown");
    let first = b.script_value("return document.querySelector('#score-form input[inputmode=decimal]').id").await;
    let first = format!("#{}", first.as_str().expect("a criterion field"));
    b.fill(&first, "7").await;
    b.wait_text_is(".save-status", "Saved").await;

    b.network(None, true).await;
    server.stop();
    let waiting = |n: &str| format!("Offline — {n} waiting, to be sent when the connection returns.");
    for (n, comment) in [("1 change", "first thought"), ("2 changes", "second thought"), ("3 changes", "third thought")] {
        b.fill("#comment", comment).await;
        b.wait_text_is(".save-status", &waiting(n)).await;
    }
    b.fill(&first, "9").await;
    b.wait_text_is(".save-status", &waiting("4 changes")).await;
    b.wait_present(".save-status[data-state=offline]").await;
    b.script("document.querySelector('.save-status').scrollIntoView({ block: 'center' })").await;
    b.screenshot("scoring-offline-en-1280.png").await;

    // A reload with no connection at all: the kept page, its code, the waiting changes.
    b.goto(&here).await;
    b.wait_hydrated().await;
    b.wait_text_is(".save-status", &waiting("4 changes")).await;
    let shown = b.script_value(&format!("return [document.querySelector('{first}').value, document.getElementById('comment').value]")).await;
    assert_eq!(shown, serde_json::json!(["9", "third thought"]), "the waiting changes are back in the form");
    assert_eq!(b.script_value(drawing).await, serde_json::json!([960]), "the drawing opened before, shown without a connection");
    // The queue is there too, and back to the work.
    b.goto(&server.url("/judge")).await;
    b.wait_present(".queue-item a").await;
    b.goto(&here).await;
    b.wait_hydrated().await;
    b.wait_text_is(".save-status", &waiting("4 changes")).await;
    b.resize(360, 800).await;
    b.script("document.querySelector('.save-status').scrollIntoView({ block: 'center' })").await;
    b.screenshot("scoring-offline-reloaded-en-360.png").await;
    b.resize(1280, 900).await;

    // The connection returns: the four changes go, in order, each on the last one's version.
    server.restart().await;
    b.network(None, false).await;
    b.wait_text_is(".save-status", "Saved").await;
    let comments = history_comments(&db, &code, judge).await;
    let wanted = [(1, ""), (2, "first thought"), (3, "second thought"), (4, "third thought"), (5, "third thought")];
    assert_eq!(comments, wanted.map(|(v, c)| (v, c.to_owned())).to_vec(), "one save before the cut, then the four waiting ones in order");
    let criterion = first.trim_start_matches("#points-").parse::<i64>().unwrap();
    let nine: i64 = sqlx::query_scalar(concat!("SELECT sc.halves FROM score sc JOIN (", sheet!(), ") s ON s.sheet_id = sc.sheet_id WHERE sc.criterion_id = ?"))
        .bind(&code)
        .bind(judge)
        .bind(criterion)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(nine, 18, "the last change stands (9 points, counted in halves)");

    // Offline again with one change waiting, while the same sheet is changed elsewhere.
    b.network(None, true).await;
    b.fill("#comment", "changed here, offline").await;
    b.wait_text_is(".save-status", &waiting("1 change")).await;
    let elsewhere = Browser::open(true, "en").await;
    log_in(&server, &elsewhere, judge, password_of(&accounts, judge)).await;
    elsewhere.goto(&here).await;
    elsewhere.wait_hydrated().await;
    elsewhere.fill("#comment", "changed elsewhere").await;
    elsewhere.wait_text_is(".save-status", "Saved").await;
    elsewhere.close().await;
    b.allow_error("status of 409 (Conflict)");
    b.network(None, false).await;
    b.wait_text_is(".save-status", "These scores were changed elsewhere (another tab or device), so yours were not saved over them. Copy what you need, then reload the page to see the other version.").await;
    b.script("document.querySelector('.save-status').scrollIntoView({ block: 'center' })").await;
    b.screenshot("scoring-conflict-en-1280.png").await;
    let last: String = sqlx::query_scalar(concat!("SELECT comment FROM (", sheet!(), ")")).bind(&code).bind(judge).fetch_one(&db).await.unwrap();
    assert_eq!(last, "changed elsewhere", "the waiting change did not overwrite the other one");

    logging_out_forgets_what_was_kept(&b).await;
    b.close().await;
}

/// Each version of a sheet with the comment it wrote, oldest first.
async fn history_comments(db: &sqlx::SqlitePool, code: &str, judge: &str) -> Vec<(i64, String)> {
    let history: Vec<(i64, String)> = sqlx::query_as(concat!("SELECT h.version, h.new_value FROM score_history h JOIN (", sheet!(), ") s ON s.sheet_id = h.sheet_id ORDER BY h.history_id"))
        .bind(code)
        .bind(judge)
        .fetch_all(db)
        .await
        .unwrap();
    history
        .iter()
        .map(|(v, json)| (*v, serde_json::from_str::<serde_json::Value>(json).unwrap()["comment"].as_str().unwrap_or_default().to_owned()))
        .collect()
}

/// Logging out (a library's shared computer) drops every copy and the kept changes.
async fn logging_out_forgets_what_was_kept(b: &Browser) {
    let kept = "const done = arguments[0]; Promise.all([caches.keys(), indexedDB.databases()]).then(([c, d]) => done([c.sort(), d.map((x) => x.name)]));";
    let before = b.script_async(kept).await;
    assert_eq!(before, serde_json::json!([["baiqau-code", "baiqau-judge-files", "baiqau-judge-pages"], ["baiqau"]]), "what the judge's browser keeps");
    b.log_out().await;
    b.wait_path("/").await;
    let after = b.script_async(kept).await;
    assert_eq!(after, serde_json::json!([[], []]), "nothing is left after the logout");
}

/// A wrong value typed on a hydrated scoring page: the autosave keeps the rest of the sheet,
/// marks that criterion with why, and says what it did; corrected, the mark goes.
#[tokio::test]
async fn a_wrong_point_is_marked_on_its_criterion_and_the_rest_of_the_sheet_is_saved() {
    let server = Server::start().await;
    let accounts = server.demo();
    let b = Browser::open(true, "kk").await;
    b.resize(360, 800).await;
    log_in(&server, &b, "judge@demo.baiqau.kz", password_of(&accounts, "judge@demo.baiqau.kz")).await;
    b.goto(&server.url("/judge")).await;
    b.click(".queue-item a").await;
    b.wait_present("#score-form").await;
    b.wait_hydrated().await;
    let code = b.text_now(".scoring-title .code").await;
    let inputs = b.script_value("return [...document.querySelectorAll('#score-form input[inputmode=decimal]')].map(i => [i.id, i.dataset.max])").await;
    let ids: Vec<(String, String)> = serde_json::from_value(inputs).unwrap();
    let too_many = (ids[0].1.parse::<u32>().unwrap() + 1).to_string();
    b.fill(&format!("#{}", ids[0].0), &too_many).await;
    b.fill(&format!("#{}", ids[1].0), "4").await;
    b.wait_text_is(".save-status", "Сақталды, белгіленген баллдан басқасы: оны түзетіңіз.").await;
    assert_eq!(b.wait_text(&format!("#{}-error", ids[0].0)).await, "Ұпай 0-ден критерийдің максимумына дейін болуы керек.");
    assert_eq!(b.script_value(&format!("return document.getElementById('{}').getAttribute('aria-invalid')", ids[0].0)).await, "true");
    b.screenshot("scoring-marked-kk-360.png").await;
    let db = server.database().await;
    let stored: Vec<i64> = sqlx::query_scalar(concat!("SELECT sc.halves FROM score sc JOIN (", sheet!(), ") s ON s.sheet_id = sc.sheet_id"))
        .bind(&code)
        .bind("judge@demo.baiqau.kz")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(stored, vec![8], "the 4 is saved, the wrong value is not");
    // Corrected: saved, and the mark is gone.
    b.fill(&format!("#{}", ids[0].0), "3").await;
    b.wait_text_is(".save-status", "Сақталды").await;
    assert_eq!(b.script_value(&format!("return document.getElementById('{}-error').hidden", ids[0].0)).await, true);
    b.close().await;
}

/// The bytes of every file the page links to or plays, fetched by the page itself (the
/// judge's session, the browser's own requests): (URL, bytes).
async fn files_of_page(b: &Browser) -> Vec<(String, Vec<u8>)> {
    use base64::Engine as _;
    let js = "const done = arguments[arguments.length - 1];
        const urls = [...new Set([...document.querySelectorAll('a[href^=\"/files/\"], img[src^=\"/files/\"], audio[src^=\"/files/\"], object[data^=\"/files/\"]')]
            .map((e) => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('data')))];
        Promise.all(urls.map((u) => fetch(u).then((r) => r.arrayBuffer()).then((buf) => {
            let s = ''; for (const x of new Uint8Array(buf)) s += String.fromCharCode(x); return [u, btoa(s)];
        }))).then(done);";
    let got = b.script_async(js).await;
    got.as_array()
        .expect("a list of files")
        .iter()
        .map(|pair| (pair[0].as_str().unwrap().to_owned(), base64::engine::general_purpose::STANDARD.decode(pair[1].as_str().unwrap()).unwrap()))
        .collect()
}

/// Every byte a judge's program would read from a file: an office document's parts unzipped.
fn readable(bytes: &[u8]) -> Vec<u8> {
    let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return bytes.to_vec() };
    let mut all = Vec::new();
    for i in 0..z.len() {
        std::io::Read::read_to_end(&mut z.by_index(i).unwrap(), &mut all).unwrap();
    }
    all
}

/// Stores a PDF, a DOCX and an MP3 for an entry, each naming `name` in its metadata, as
/// files from before blind copies existed (pending): straight into a stopped server's
/// database and store.
async fn put_works_naming(server: &Server, entry_id: i64, name: &str) {
    use baiqau_tests::fixtures::{docx_with_author, mp3_with_artist, pdf_with};
    let rw = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.data_dir().join("baiqau.db").display())).await.unwrap();
    let docx_mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    let works = [
        ("tale.pdf", "application/pdf", "pdf", pdf_with(6_000, &format!("/Author ({name}) /Title (by {name})"), "Once upon a time")),
        ("tale.docx", docx_mime, "document", docx_with_author(name)),
        ("song.mp3", "audio/mpeg", "audio", mp3_with_artist(name)),
    ];
    for (i, (file, mime, kind, bytes)) in works.iter().enumerate() {
        assert!(readable(bytes).windows(name.len()).any(|w| w == name.as_bytes()), "{file} names {name}");
        let sha = crate::entries::sha256_hex(bytes);
        let dir = server.data_dir().join("store/blobs").join(&sha[..2]);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(&sha), bytes).unwrap();
        sqlx::query("INSERT INTO blob (sha256, size, mime, kind, created_at, clean_state) VALUES (?, ?, ?, ?, 0, 'pending')")
            .bind(&sha)
            .bind(bytes.len() as i64)
            .bind(mime)
            .bind(kind)
            .execute(&rw)
            .await
            .unwrap();
        sqlx::query("INSERT INTO entry_file (public_id, entry_id, sha256, original_name, created_at) VALUES (?, ?, ?, ?, 0)")
            .bind(format!("blindtest{i}"))
            .bind(entry_id)
            .bind(&sha)
            .bind(format!("{name} {file}"))
            .execute(&rw)
            .await
            .unwrap();
    }
    rw.close().await;
}

#[tokio::test]
async fn a_blind_judge_opens_a_pdf_a_docx_and_an_mp3_and_no_name_in_their_metadata_reaches_them() {
    let mut server = Server::start().await;
    let accounts = server.demo();
    let judge = "judge@demo.baiqau.kz";
    let db = server.database().await;
    let (entry_id, code, contest, name): (i64, String, String, String) = sqlx::query_as(
        "SELECT e.entry_id, e.code, c.public_id, p.full_name FROM entry e JOIN participant p ON p.participant_id = e.participant_id
         JOIN contest c ON c.contest_id = e.contest_id JOIN assignment x ON x.entry_id = e.entry_id JOIN account a ON a.account_id = x.account_id
         WHERE a.email = ? AND c.blind ORDER BY e.entry_id LIMIT 1",
    )
    .bind(judge)
    .fetch_one(&db)
    .await
    .expect("a work of a blind contest in the judge's queue");
    let drawings: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM entry_file WHERE entry_id = ?").bind(entry_id).fetch_one(&db).await.unwrap();
    db.close().await;
    // Three more files for that work, each naming its participant in its metadata, put in
    // while the server is stopped, as files kept from before blind copies existed: it makes
    // their copies when it starts.
    server.stop();
    put_works_naming(&server, entry_id, &name).await;
    server.restart().await;
    let db = server.database().await;
    for _ in 0..300 {
        if sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM blob WHERE clean_state = 'ready'").fetch_one(&db).await.unwrap() == 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let states: Vec<String> = sqlx::query_scalar("SELECT clean_state FROM blob WHERE clean_state IS NOT NULL").fetch_all(&db).await.unwrap();
    assert_eq!(states, ["ready", "ready", "ready"]);

    let b = Browser::open(true, "en").await;
    log_in(&server, &b, judge, password_of(&accounts, judge)).await;
    b.goto(&server.url(&format!("/judge/{contest}/{code}"))).await;
    b.wait_present("#score-form").await;
    b.wait_hydrated().await;
    let page = b.script_value("return document.documentElement.outerHTML").await;
    let page = page.as_str().unwrap();
    assert!(!page.contains(&name), "the page names the participant");
    let files = files_of_page(&b).await;
    // Its drawings, the PDF (embedded and linked: one URL), the DOCX and the MP3.
    assert_eq!(files.len() as i64, drawings + 3, "{:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    let mut kinds = Vec::new();
    for (url, bytes) in &files {
        let text = readable(bytes);
        assert!(!text.windows(name.len()).any(|w| w == name.as_bytes()), "{url} carries the participant's name");
        if bytes.starts_with(b"%PDF-") {
            assert!(text.windows(16).any(|w| w == b"Once upon a time"), "the PDF's page is there");
            kinds.push("pdf");
        } else if bytes.starts_with(b"PK") {
            assert!(String::from_utf8_lossy(&text).contains("Алтын балық"), "the document's text is there");
            kinds.push("docx");
        } else if bytes.starts_with(&[0xFF, 0xFB]) {
            assert_eq!(bytes.len(), 20 * 417, "the MP3's frames, without its tags");
            kinds.push("mp3");
        } else {
            kinds.push("image");
        }
    }
    kinds.retain(|k| *k != "image");
    kinds.sort_unstable();
    assert_eq!(kinds, ["docx", "mp3", "pdf"]);
    b.check_log().await;
    b.close().await;

    // A copy that could not be made: the parent sees why on the entry, in Kazakh, on a phone.
    let rw = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.data_dir().join("baiqau.db").display())).await.unwrap();
    sqlx::query("UPDATE blob SET clean_state = 'failed' WHERE mime = 'audio/mpeg'").execute(&rw).await.unwrap();
    let (entry, parent): (String, String) = sqlx::query_as("SELECT e.public_id, a.email FROM entry e JOIN account a ON a.account_id = e.account_id WHERE e.entry_id = ?")
        .bind(entry_id)
        .fetch_one(&rw)
        .await
        .unwrap();
    rw.close().await;
    let p = Browser::phone().await;
    log_in(&server, &p, &parent, password_of(&accounts, &parent)).await;
    p.goto(&server.url(&format!("/entries/{entry}"))).await;
    p.wait_lang("kk").await;
    let warning = p.wait_text(".file-warning").await;
    assert_eq!(warning, app::i18n::Msg::FileNoBlindCopy.text(app::i18n::Lang::Kk));
    p.script("document.querySelector('.file-warning').scrollIntoView({ block: 'center' })").await;
    p.screenshot("entry-file-warning-kk-360.png").await;
    p.check_log().await;
    p.close().await;
}

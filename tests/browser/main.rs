//! Browser tests: the real `baiqau` binary (built by `cargo leptos build`) serving the real
//! WASM, driven through chromedriver in headless Chromium, hydrated and with JavaScript off.
//!
//! Run by `scripts/test` (README), which builds the site first.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

use harness::{Browser, Server};

const PW: &str = "a long passphrase";

#[tokio::test]
async fn page_hydrates_and_form_errors_appear_without_reload() {
    let server = Server::start().await;
    let b = Browser::open(true, "en").await;
    b.goto(&server.url("/login")).await;
    b.wait_hydrated().await;
    // The server's answer to the empty form is a 422, which the browser logs: expected here.
    b.allow_error("/api/login - Failed to load resource: the server responded with a status of 422");
    b.click("button[type=submit].primary").await;
    // The hydrated form answers in place: the error shows, and no reload put it in the URL.
    let error = b.wait_text("#email-error").await;
    assert_eq!(error, "Enter your email.");
    assert!(!b.current_url().await.contains("__err"), "handled by the hydrated page");
    b.close().await;
}

#[tokio::test]
async fn register_log_out_and_log_in_through_the_hydrated_ui() {
    let server = Server::start().await;
    let b = Browser::open(true, "en").await;
    register_login_flow(&server, &b, "js@mail.kz").await;
    b.close().await;
}

#[tokio::test]
async fn register_and_log_in_with_javascript_disabled() {
    let server = Server::start().await;
    let b = Browser::open(false, "en").await;
    // Wrong input first: the server redirects back and the page shows the error.
    b.goto(&server.url("/login")).await;
    b.fill("#email", "nobody@mail.kz").await;
    b.fill("#password", "whatever it is").await;
    b.click("button[type=submit].primary").await;
    assert_eq!(b.wait_text(".form-error").await, "Wrong email or password.");
    assert!(b.current_url().await.contains("__err="));
    register_login_flow(&server, &b, "nojs@mail.kz").await;
    b.close().await;
}

async fn register_login_flow(server: &Server, b: &Browser, email: &str) {
    b.goto(&server.url("/register")).await;
    b.fill("#display_name", "Айгерім Сейтқали").await;
    b.fill("#email", email).await;
    b.fill("#password", PW).await;
    b.click("button[type=submit].primary").await;
    b.wait_path("/account").await;
    assert_eq!(b.wait_text(".account-name").await, "Айгерім Сейтқали");

    b.click("nav .link-button").await; // Log out
    b.wait_path("/").await;
    b.wait_present("nav a[href='/login']").await;

    b.goto(&server.url("/login")).await;
    b.fill("#email", email).await;
    b.fill("#password", PW).await;
    b.click("button[type=submit].primary").await;
    b.wait_path("/account").await;
    assert_eq!(b.wait_text(".account-email").await, email);
}

#[tokio::test]
async fn language_switcher_changes_text_and_html_lang() {
    let server = Server::start().await;
    for js in [true, false] {
        let b = Browser::open(js, "en").await;
        b.goto(&server.url("/")).await;
        assert_eq!(b.html_lang().await, "en");
        assert_eq!(b.wait_text("h1").await, "Contests");
        for (code, heading) in [("ru", "Конкурсы"), ("kk", "Байқаулар"), ("en", "Contests")] {
            if js {
                b.wait_hydrated().await;
            }
            b.click(&format!(".lang-switch button[value={code}]")).await;
            b.wait_lang(code).await;
            assert_eq!(b.wait_text("h1").await, heading, "js={js}");
        }
        b.close().await;
    }
    let b = Browser::open(true, "ru").await;
    b.goto(&server.url("/")).await;
    assert_eq!(b.html_lang().await, "ru", "Accept-Language decides on the first visit");
    b.close().await;
}

#[tokio::test]
async fn pages_hydrate_in_every_language_at_phone_and_desktop_width() {
    // Also a record for people to look at (target/screenshots), taken on every run.
    let server = Server::start().await;
    for (lang, width) in [("kk", 360), ("ru", 360), ("en", 1280)] {
        let b = Browser::open(true, lang).await;
        b.resize(width, 900).await;
        for (name, path) in [("home", "/"), ("register", "/register"), ("login", "/login")] {
            b.goto(&server.url(path)).await;
            b.wait_hydrated().await;
            assert_eq!(b.html_lang().await, lang, "{path}");
            // Nothing wider than the window: no sideways scrolling on a phone.
            let overflow = b.script_value("return document.documentElement.scrollWidth - window.innerWidth").await;
            assert!(overflow.as_i64().is_some_and(|px| px <= 0), "{path} in {lang} at {width}px scrolls sideways by {overflow}");
            b.screenshot(&format!("{name}-{lang}-{width}.png")).await;
        }
        b.close().await;
    }
}

/// `YYYY-MM-DDTHH:MM` in Almaty (UTC+5), `days` from now, at `hour`.
fn local_input(days: i64, hour: i64) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let day_start = (now + 5 * 3600).div_euclid(86_400) * 86_400 - 5 * 3600;
    app::domain::time::format_local(day_start + days * 86_400 + hour * 3600, 5 * 3600).replacen(' ', "T", 1)
}

#[tokio::test]
async fn admin_builds_a_contest_in_the_browser_and_the_public_page_shows_it_in_three_languages() {
    let server = Server::start().await;
    let b = Browser::open(true, "ru").await;

    // The first admin comes from the command line's one-time link.
    let link = server.create_admin("director@library.kz");
    b.goto(&link).await;
    b.wait_hydrated().await;
    b.fill("#new_password", "директор кітапхана 2026").await;
    b.click("button[type=submit].primary").await;
    b.wait_path("/login").await;
    b.wait_hydrated().await;
    b.fill("#email", "director@library.kz").await;
    b.fill("#password", "директор кітапхана 2026").await;
    b.click("button[type=submit].primary").await;
    b.wait_path("/account").await;

    b.goto(&server.url("/admin/contests")).await;
    b.wait_hydrated().await;
    b.click("details.panel summary").await;
    b.fill("#title_kk", "Ертегілер әлемінде").await;
    b.fill("#title_ru", "В мире сказок").await;
    b.fill("#title_en", "In the world of fairy tales").await;
    b.click("details.panel button[type=submit]").await;
    b.wait_present("#basics").await;
    let editor = b.current_url().await;
    assert!(editor.contains("/admin/contests/"), "{editor}");

    // Timeline: entries opened yesterday, close in ten days.
    b.wait_hydrated().await;
    for (id, value) in [("open", local_input(-1, 9)), ("close", local_input(10, 23)), ("judging_end", local_input(20, 23)), ("results", local_input(25, 12))] {
        b.script(&format!("document.getElementById('{id}').value = '{value}'")).await;
    }
    b.click("#timeline button[type=submit]").await;
    b.wait_present(".notice").await;

    for (ru, kind) in [("Рисунок", "kind_image"), ("Сказка", "kind_pdf")] {
        b.wait_hydrated().await;
        b.fill("#nom-new-name_ru", ru).await;
        b.click(&format!("#nom-new-{kind}")).await;
        b.click("#nominations .subpanel:last-of-type form.stack button[type=submit]").await;
        b.wait_present(&format!("#nominations input[value='{ru}']")).await;
    }
    for (name, min, max) in [("6–9 лет", "6", "9"), ("10–14 лет", "10", "14")] {
        b.wait_hydrated().await;
        b.fill("#ag-new-name_ru", name).await;
        b.fill("#ag-new-min_age", min).await;
        b.fill("#ag-new-max_age", max).await;
        b.click("#age-groups .subpanel:last-of-type form.stack button[type=submit]").await;
        b.wait_present(&format!("#age-groups input[value='{name}']")).await;
    }
    b.wait_hydrated().await;
    b.script("document.querySelectorAll('#matrix input[type=checkbox]').forEach(c => c.checked = true)").await;
    b.click("#matrix button[type=submit]").await;
    b.wait_present("#matrix .notice").await;
    for (ru, weight) in [("Раскрытие темы", "3"), ("Творчество", "4"), ("Исполнение", "3")] {
        b.wait_hydrated().await;
        b.fill("#crit-new-name_ru", ru).await;
        b.fill("#crit-new-weight", weight).await;
        b.click("#rubric .subpanel:last-of-type form.stack button[type=submit]").await;
        b.wait_present(&format!("#rubric input[value='{ru}']")).await;
    }
    b.wait_hydrated().await;
    b.click("#actions form button[type=submit]").await; // Publish
    b.wait_present("#actions .notice").await;

    let public = editor.replace("/admin/contests/", "/contests/");
    let public = public.split(['?', '#']).next().unwrap_or_default().to_owned();
    b.goto(&public).await;
    b.wait_hydrated().await;
    assert_eq!(b.wait_text("h1").await, "В мире сказок");
    assert_eq!(b.wait_text(".phase").await, "Приём работ");
    assert_eq!(b.wait_text(".nomination h3").await, "Рисунок");
    assert_eq!(b.wait_text(".rubric .criterion-name").await, "Раскрытие темы");

    // The countdown ticks once hydrated.
    let first = b.wait_text(".countdown-value").await;
    let mut later = first.clone();
    for _ in 0..30 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        later = b.text_now(".countdown-value").await;
        if later != first {
            break;
        }
    }
    assert_ne!(first, later, "the countdown did not move");

    for (code, heading) in [("kk", "Ертегілер әлемінде"), ("en", "In the world of fairy tales")] {
        b.click(&format!(".lang-switch button[value={code}]")).await;
        b.wait_lang(code).await;
        assert_eq!(b.wait_text("h1").await, heading);
    }
    b.resize(360, 900).await;
    b.screenshot("contest-en-360.png").await;
    b.goto(&editor).await;
    b.wait_hydrated().await;
    b.screenshot("editor-en-360.png").await;
    b.close().await;
}

/// The href of the first contest open for entries on the home page.
async fn open_contest(server: &Server, b: &Browser) -> String {
    b.goto(&server.url("/")).await;
    let href = b.script_value("return [...document.querySelectorAll('.card')].find(c => c.querySelector('.phase-open')).querySelector('h2 a').getAttribute('href')").await;
    server.url(href.as_str().expect("an open contest in the demo data"))
}

/// Registers through the page, adds a child with consent and starts an entry in `nomination`.
async fn start_entry(server: &Server, b: &Browser, email: &str, child: &str, nomination: &str, title: &str, js: bool) {
    b.goto(&server.url("/register")).await;
    if js {
        b.wait_hydrated().await;
    }
    b.fill("#display_name", "Гүлмира Ахметова").await;
    b.fill("#email", email).await;
    b.fill("#password", PW).await;
    b.click("button[type=submit].primary").await;
    b.wait_path("/account").await;
    let contest = open_contest(server, b).await;
    b.goto(&contest).await;
    b.click("#submit-work").await;
    b.wait_present("#entry-form").await;
    // No participants yet: add the child, then come back to the form.
    b.click("#entry-form a.button").await;
    b.wait_present("#full_name").await;
    if js {
        b.wait_hydrated().await;
    }
    b.fill("#full_name", child).await;
    b.script("document.getElementById('birth_date').value = '2017-04-12'").await;
    b.click("#consent").await;
    b.click("#participant-form button[type=submit]").await;
    b.wait_present("#entry-form").await;
    if js {
        b.wait_hydrated().await;
    }
    b.script(&format!(
        "const s = document.getElementById('nomination'); s.value = [...s.options].find(o => o.text === '{nomination}').value"
    ))
    .await;
    b.fill("#title", title).await;
    b.click("#entry-form button[type=submit]").await;
    b.wait_present("#files").await;
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// The SHA-256 of a file as the browser downloads it.
async fn downloaded_sha(b: &Browser, css: &str) -> String {
    let js = format!(
        "const done = arguments[0];
         fetch(document.querySelector('{css}').href).then(r => r.arrayBuffer()).then(buf => crypto.subtle.digest('SHA-256', buf))
           .then(d => done([...new Uint8Array(d)].map(x => x.toString(16).padStart(2, '0')).join('')));"
    );
    b.script_async(&js).await.as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_parent_submits_a_drawing_and_a_pdf_with_progress_and_a_resumed_upload() {
    let server = Server::start().await;
    let _ = server.demo();
    let b = Browser::open(true, "en").await;
    b.resize(360, 900).await;
    start_entry(&server, &b, "mother@mail.kz", "Әлия Ахметова", "Drawing", "Менің әжем", true).await;
    b.wait_hydrated().await;

    // A drawing, through the hydrated uploader.
    let dir = tempfile::tempdir().unwrap();
    let drawing = dir.path().join("әжем.jpg");
    let img = image::RgbImage::from_fn(1200, 900, |x, y| image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8]));
    img.save(&drawing).unwrap();
    b.choose_file("#file-input", &drawing).await;
    b.click(".uploader button[type=submit]").await;
    b.wait_present(".files .file-name").await;
    assert_eq!(b.wait_text(".files .file-name").await, "әжем.jpg");
    assert_eq!(downloaded_sha(&b, ".files .file-name").await, sha256_hex(&std::fs::read(&drawing).unwrap()));
    b.screenshot("entry-draft-en-360.png").await;
    b.wait_hydrated().await;
    b.click("#review button[type=submit]").await;
    b.wait_present(".entry-facts .receipt").await;
    let notice = b.wait_text(".notice").await;
    assert!(notice.starts_with("Your work is in. Receipt number: "), "{notice}");
    let receipt = b.wait_text(".entry-facts .receipt").await;
    assert!(notice.contains(&receipt));

    // A fairy tale as a 9 MB PDF on a slow line: the bar moves, the page is reloaded half-way,
    // and choosing the same file again continues where the server stopped.
    b.goto(&open_contest(&server, &b).await).await;
    b.click("#submit-work").await;
    b.wait_hydrated().await;
    b.script("const s = document.getElementById('nomination'); s.value = [...s.options].find(o => o.text === 'My fairy tale').value").await;
    b.fill("#title", "Алтын балық").await;
    b.click("#entry-form button[type=submit]").await;
    b.wait_present("#files").await;
    b.wait_hydrated().await;
    let tale = dir.path().join("ertegi.pdf");
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..9 * 1024 * 1024u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    std::fs::write(&tale, &bytes).unwrap();
    b.throttle_upload(Some(1_500_000)).await;
    b.choose_file("#file-input", &tale).await;
    b.click(".uploader button[type=submit]").await;
    // Past the first 4 MB piece: acknowledged by the server.
    let mut shown = 0;
    for _ in 0..300 {
        shown = b.script_value("const p = document.querySelector('.upload-progress progress'); return p ? Number(p.value) : 0").await.as_i64().unwrap_or(0);
        if shown >= 50 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!((50..100).contains(&shown), "progress shown: {shown}%");
    assert!(b.wait_text(".upload-figures").await.contains(" of 9.0 MB"));
    b.script("document.querySelector('.upload-progress').scrollIntoView({block: 'center'})").await;
    b.screenshot("upload-progress-en-360.png").await;
    let page = b.current_url().await;
    b.goto(&page).await;
    let unfinished = b.wait_text(".unfinished-upload").await;
    assert!(unfinished.starts_with("ertegi.pdf — 4.0 MB / 9.0 MB"), "{unfinished}");
    b.throttle_upload(None).await;
    b.wait_hydrated().await;
    b.choose_file("#file-input", &tale).await;
    b.click(".uploader button[type=submit]").await;
    assert_eq!(b.wait_text(".files .file-name").await, "ertegi.pdf");
    assert_eq!(downloaded_sha(&b, ".files .file-name").await, sha256_hex(&bytes));
    assert!(b.text_now(".unfinished").await.is_empty(), "the unfinished upload is gone");
    b.wait_hydrated().await;
    b.click("#review button[type=submit]").await;
    b.wait_present(".entry-facts .receipt").await;
    assert!(b.wait_text(".notice").await.starts_with("Your work is in."));

    b.goto(&server.url("/me/entries")).await;
    b.wait_present("table.entries").await;
    let receipts = b.script_value("return [...document.querySelectorAll('table.entries td.receipt')].map(td => td.textContent)").await;
    assert_eq!(receipts.as_array().map(Vec::len), Some(2), "{receipts}");
    b.screenshot("my-entries-en-360.png").await;
    b.wait_hydrated().await;
    b.click(".lang-switch button[value=kk]").await;
    b.wait_lang("kk").await;
    assert_eq!(b.wait_text("h1").await, "Жұмыстарым");
    b.click("table.entries td a").await;
    b.wait_present(".entry-facts").await;
    assert_eq!(b.wait_text(".entry-facts .badge").await, "Жіберілді");
    let overflow = b.script_value("return document.documentElement.scrollWidth - window.innerWidth").await;
    assert!(overflow.as_i64().is_some_and(|px| px <= 0), "the entry page scrolls sideways by {overflow}");
    b.screenshot("entry-submitted-kk-360.png").await;
    b.close().await;
}

#[tokio::test]
async fn without_javascript_a_small_file_goes_through_the_plain_form() {
    let server = Server::start().await;
    let _ = server.demo();
    let b = Browser::open(false, "ru").await;
    start_entry(&server, &b, "teacher@school.kz", "Ерлан Серіков", "Моя сказка", "Қызыл телпек", false).await;
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("Жұмыс №1 «финал».pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n% a very small fairy tale\n").unwrap();
    b.choose_file("#file-input", &pdf).await;
    b.click(".uploader button[type=submit]").await;
    assert_eq!(b.wait_text(".files .file-name").await, "Жұмыс №1 «финал».pdf");
    b.click("#review button[type=submit]").await;
    b.wait_present(".entry-facts .receipt").await;
    let notice = b.wait_text(".notice").await;
    assert!(notice.starts_with("Работа принята. Номер квитанции: "), "{notice}");
    b.screenshot("entry-submitted-ru-nojs.png").await;
    b.close().await;
}

async fn log_in(server: &Server, b: &Browser, email: &str, password: &str) {
    b.goto(&server.url("/login")).await;
    b.wait_hydrated().await;
    b.fill("#email", email).await;
    b.fill("#password", password).await;
    b.click("button[type=submit].primary").await;
    b.wait_path("/account").await;
}

fn password_of<'a>(accounts: &'a [(String, String)], email: &str) -> &'a str {
    accounts.iter().find(|(e, _)| e == email).map(|(_, p)| p.as_str()).expect("demo account")
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
    assert!(before.starts_with("0 of 4 scored"), "{before}");

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
async fn public_results_show_winners_and_a_chart_and_an_entrant_downloads_a_diploma() {
    let server = Server::start().await;
    let accounts = server.demo();
    // The demo's past contest is published by the server's job (at most 15 s after loading).
    let b = Browser::open(true, "kk").await;
    b.resize(360, 900).await;
    // Until the job has published, the results page answers 404 (and the browser logs it).
    b.allow_error("/results - Failed to load resource: the server responded with a status of 404");
    let mut results = String::new();
    for _ in 0..40 {
        b.goto(&server.url("/")).await;
        let href = b.script_value("const a = document.querySelector('a#results-link'); return a ? a.getAttribute('href') : null").await;
        if let Some(h) = href.as_str() {
            results = h.to_owned();
            break;
        }
        let contest = b.script_value("const c = [...document.querySelectorAll('.card')].find(c => c.querySelector('.phase-results')); return c ? c.querySelector('h2 a').getAttribute('href') : null").await;
        if let Some(c) = contest.as_str() {
            b.goto(&server.url(c)).await;
            if let Some(h) = b.script_value("const a = document.querySelector('a#results-link'); return a ? a.getAttribute('href') : null").await.as_str() {
                let page = server.url(h);
                b.goto(&page).await;
                if b.script_value("return document.querySelectorAll('.winner').length").await.as_i64().unwrap_or(0) > 0 {
                    results = h.to_owned();
                    break;
                }
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert!(!results.is_empty(), "results were not published");
    b.goto(&server.url(&results)).await;
    b.wait_hydrated().await;
    assert_eq!(b.wait_text("h1").await, "Нәтижелер");
    assert!(b.wait_text(".winner .award").await.contains("диплом") || b.wait_text(".winner .award").await.contains("Гран"));
    b.wait_present(".results-group svg.distribution rect").await;
    let overflow = b.script_value("return document.documentElement.scrollWidth - window.innerWidth").await;
    assert!(overflow.as_i64().is_some_and(|px| px <= 0), "results scroll sideways by {overflow}");
    b.screenshot("results-kk-360.png").await;

    // The demo parent finds the diploma on their entry and downloads it.
    log_in(&server, &b, "parent@demo.baiqau.kz", password_of(&accounts, "parent@demo.baiqau.kz")).await;
    b.goto(&server.url("/me/entries")).await;
    let entry = b.script_value("return [...document.querySelectorAll('table.entries tbody tr')].find(r => r.querySelector('.receipt').textContent.trim() !== '—').querySelector('td a').getAttribute('href')").await;
    let mut found = false;
    let links = b.script_value("return [...document.querySelectorAll('table.entries td a')].map(a => a.getAttribute('href'))").await;
    for href in links.as_array().unwrap().iter().filter_map(|v| v.as_str()) {
        b.goto(&server.url(href)).await;
        if b.script_value("return document.querySelector('.entry-result .documents a') !== null").await.as_bool() == Some(true) {
            found = true;
            break;
        }
    }
    assert!(found, "no entry with documents (first entry {entry})");
    b.wait_hydrated().await;
    b.screenshot("entry-result-kk-360.png").await;
    let pdf = b
        .script_async(
            "const done = arguments[0];
             fetch(document.querySelector('.entry-result .documents a').href).then(async r => done([r.status, r.headers.get('content-type'), new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5))]));",
        )
        .await;
    assert_eq!(pdf, serde_json::json!([200, "application/pdf", "%PDF-"]));
    b.close().await;
}

/// `/contests/Xk3…/results` → `/contests/:/results`: pages of one kind, whatever their ids.
fn route_shape(path: &str) -> String {
    path.split('/')
        .map(|s| if s.chars().any(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) || s.len() >= 10 { ":" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// Visits every page reachable by links from `start`, up to two of each kind, and fails on
/// any page error, console error or failed request (the harness checks the log at every
/// step) and, with JavaScript on, on any page that does not hydrate. Returns the paths seen.
async fn crawl(server: &Server, b: &Browser, start: &[&str], js: bool) -> Vec<String> {
    // Files, exports and documents are downloads, not pages; logging out would end the tour.
    let skip = ["/files/", "/documents/", "/export/", "/posters/", "/results-thumbs/", ".csv", ".xlsx", ".zip", ".pdf", "/logout"];
    let mut queue: std::collections::VecDeque<String> = start.iter().map(|s| (*s).to_owned()).collect();
    let mut seen = std::collections::HashSet::new();
    let mut shapes: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut visited = Vec::new();
    while let Some(path) = queue.pop_front() {
        let bare = path.split('#').next().unwrap_or("").to_owned();
        if bare.is_empty() || !seen.insert(bare.clone()) || skip.iter().any(|s| bare.contains(s)) {
            continue;
        }
        let shape = route_shape(bare.split('?').next().unwrap_or(""));
        let n = shapes.entry(shape).or_default();
        if *n >= 2 {
            continue;
        }
        *n += 1;
        b.goto(&server.url(&bare)).await;
        if js {
            b.wait_hydrated().await;
        } else {
            b.wait_present("main").await;
        }
        visited.push(bare);
        let links = b.script_value("return [...document.querySelectorAll('a[href^=\"/\"]')].map(a => a.getAttribute('href'))").await;
        for l in links.as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
            queue.push_back(l.to_owned());
        }
    }
    b.check_log().await;
    visited
}

#[tokio::test]
async fn every_page_of_every_role_loads_and_hydrates_without_an_error() {
    let server = Server::start().await;
    let accounts = server.demo();
    let anonymous = ["/", "/login", "/register", "/password/forgot", "/verify", "/judge/join?token=nope", "/password/reset?token=nope"];
    for js in [true, false] {
        let b = Browser::open(js, "ru").await;
        // A made-up invitation is refused with its status (400), the page saying why.
        b.allow_error("/judge/join?token=nope - Failed to load resource: the server responded with a status of 400");
        // Pages behind a login ("Submit a work") answer 401 and ask the visitor to log in.
        b.allow_error("/submit - Failed to load resource: the server responded with a status of 401");
        let seen = crawl(&server, &b, &anonymous, js).await;
        assert!(seen.iter().any(|p| p.starts_with("/contests/")), "contest pages reached: {seen:?}");
        b.close().await;
    }
    for (email, start, must) in [
        ("parent@demo.baiqau.kz", &["/me/entries", "/me/participants", "/me/participants/new", "/account"][..], "/entries/"),
        ("judge@demo.baiqau.kz", &["/judge", "/account"][..], "/judge/"),
        ("admin@demo.baiqau.kz", &["/admin/contests", "/admin/accounts", "/account"][..], "/admin/entries/"),
    ] {
        let b = Browser::open(true, "kk").await;
        b.resize(360, 800).await;
        log_in(&server, &b, email, password_of(&accounts, email)).await;
        let seen = crawl(&server, &b, start, true).await;
        assert!(seen.iter().any(|p| p.starts_with(must) && p.len() > must.len()), "{email} reached no {must}…: {seen:?}");
        if email.starts_with("parent") {
            // A page they may not see: 403 for the browser too, the reason on the page.
            b.allow_error("/admin/accounts - Failed to load resource: the server responded with a status of 403");
            b.goto(&server.url("/admin/accounts")).await;
            b.wait_hydrated().await;
            assert_eq!(b.wait_text("main .form-error").await, "Бұл әрекетке рұқсатыңыз жоқ.");
        }
        b.close().await;
    }
    // A page that does not exist answers 404 (the browser logs it) and still hydrates.
    let b = Browser::open(true, "en").await;
    b.allow_error("404 (Not Found)");
    b.goto(&server.url("/no/such/page")).await;
    b.wait_hydrated().await;
    assert_eq!(b.wait_text("h1").await, "Page not found");
    b.close().await;
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

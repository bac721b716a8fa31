//! A parent submits works: a drawing and a PDF with progress and a resumed upload, and a
//! small file through the plain form with JavaScript off.

use crate::harness::{Browser, Server};
use crate::*;

/// The href of the first contest open for entries on the home page.
pub(crate) async fn open_contest(server: &Server, b: &Browser) -> String {
    b.goto(&server.url("/")).await;
    let href = b.script_value("return [...document.querySelectorAll('.card')].find(c => c.querySelector('.phase-open')).querySelector('h2 a').getAttribute('href')").await;
    server.url(href.as_str().expect("an open contest in the demo data"))
}

/// From the submit form: adds a child with consent through "Add a participant", and comes
/// back to the form.
async fn add_child(b: &Browser, name: &str, born: &str, js: bool) {
    b.click("#entry-form a.button").await;
    b.wait_present("#full_name").await;
    if js {
        b.wait_hydrated().await;
    }
    b.fill("#full_name", name).await;
    b.script(&format!("document.getElementById('birth_date').value = '{born}'")).await;
    b.click("#consent").await;
    b.click("#participant-form button[type=submit]").await;
    b.wait_present("#entry-form").await;
}

/// Registers through the page, adds a child with consent and starts an entry in `nomination`.
pub(crate) async fn start_entry(server: &Server, b: &Browser, email: &str, child: &str, nomination: &str, title: &str, js: bool) {
    b.goto(&server.url("/register")).await;
    if js {
        b.wait_hydrated().await;
    }
    b.fill("#display_name", "Гүлмира Ахметова").await;
    b.fill("#email", email).await;
    b.fill("#password", PW).await;
    b.click("button[type=submit].primary").await;
    b.wait_path("/account").await;
    confirm_email(server, b, email, js).await;
    let contest = open_contest(server, b).await;
    b.goto(&contest).await;
    b.click("#submit-work").await;
    b.wait_present("#entry-form").await;
    // No participants yet: add the child, then come back to the form.
    add_child(b, child, "2017-04-12", js).await;
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

/// Opens the confirmation link from the mail to `email` and presses its button, as the
/// parent would from the mail app: the account page then says so.
pub(crate) async fn confirm_email(server: &Server, b: &Browser, email: &str, js: bool) {
    assert!(b.wait_text("#confirm-pending p").await.contains(email), "the account page asks to confirm");
    let link = server.mail_link(email, &format!("{}/email/confirm?token=", server.url(""))).await;
    b.goto(&link).await;
    if js {
        b.wait_hydrated().await;
    }
    b.click("#confirm-form button[type=submit]").await;
    b.wait_present(".notice").await;
    assert_eq!(b.current_url().await, server.url("/account?confirmed=1"));
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// The SHA-256 of a file as the browser downloads it.
pub(crate) async fn downloaded_sha(b: &Browser, css: &str) -> String {
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
    bytes.extend((0..9 * 1024 * 1024u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13).to_le_bytes()[0]));
    std::fs::write(&tale, &bytes).unwrap();
    b.throttle_upload(Some(1_500_000)).await;
    b.choose_file("#file-input", &tale).await;
    b.click(".uploader button[type=submit]").await;
    // Past half-way (the bar counts what the browser sent; the server has what arrived).
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
    let (name, figures) = unfinished.split_once(" — ").unwrap_or_else(|| panic!("{unfinished}"));
    let kept: f64 = figures.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{unfinished}"));
    assert!(name == "ertegi.pdf" && (2.0..9.0).contains(&kept) && figures.contains(" / 9.0 MB"), "{unfinished}");
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
    b.wait_present(".work-cards").await;
    let receipts = b.script_value("return [...document.querySelectorAll('.work-card .receipt')].map(r => r.textContent)").await;
    assert_eq!(receipts.as_array().map(Vec::len), Some(2), "{receipts}");
    b.screenshot("my-entries-en-360.png").await;
    b.wait_hydrated().await;
    b.choose_lang("kk").await;
    b.wait_lang("kk").await;
    assert_eq!(b.wait_text("h1").await, "Жұмыстарым");
    b.click(".work-card a.entry-link").await;
    b.wait_present(".entry-facts").await;
    assert_eq!(b.wait_text(".entry-facts .badge").await, "Жіберілді");
    let overflow = b.script_value("return document.documentElement.scrollWidth - window.innerWidth").await;
    assert!(overflow.as_i64().is_some_and(|px| px <= 0), "the entry page scrolls sideways by {overflow}");
    b.screenshot("entry-submitted-kk-360.png").await;
    b.close().await;
}

/// On a phone in Russian, the connection goes in the middle of an upload: the page says the
/// upload will go on by itself, it is still waiting after several failed tries, and it goes
/// on when the connection returns; the file arrives whole. (That it waits for as long as the
/// page is open, not thirty tries, is `upload::piece_retry`'s unit test.)
#[tokio::test]
async fn an_upload_waits_out_a_lost_connection_says_so_and_goes_on() {
    let server = Server::start().await;
    let _ = server.demo();
    let b = Browser::open(true, "ru").await;
    b.resize(360, 800).await;
    b.allow_error("ERR_INTERNET_DISCONNECTED");
    start_entry(&server, &b, "father@mail.kz", "Нурлан Сапаров", "Моя сказка", "Наш двор", true).await;
    b.wait_hydrated().await;
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("aula.pdf");
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..6 * 1024 * 1024u32).map(|i| (i.wrapping_mul(2_246_822_519) >> 11).to_le_bytes()[0]));
    std::fs::write(&work, &bytes).unwrap();
    b.throttle_upload(Some(1_000_000)).await;
    b.choose_file("#file-input", &work).await;
    b.click(".uploader button[type=submit]").await;
    b.wait_present(".upload-progress progress").await;
    b.network(Some((50_000_000, 1_000_000, 5)), true).await;
    let waiting = b.wait_text(".upload-progress[data-state=waiting] .upload-figures").await;
    // (WebDriver reads the no-break space before `%` as a space.)
    let (percent, said) = waiting.split_once("% · ").unwrap_or_else(|| panic!("{waiting}"));
    assert!(percent.trim_end().parse::<u32>().is_ok_and(|p| p < 100), "{waiting}");
    assert_eq!(said, "Связь прервалась — загрузка продолжится сама, когда связь вернётся. Загруженное сохранено.");
    b.script("document.querySelector('.upload-progress').scrollIntoView({block: 'center'})").await;
    b.screenshot("upload-offline-ru-360.png").await;
    // Several failed tries later, the uploader is still waiting.
    tokio::time::sleep(std::time::Duration::from_secs(12)).await;
    assert!(b.text_now(".upload-figures").await.contains("Связь прервалась"), "still waiting, not given up");
    b.throttle_upload(None).await;
    assert_eq!(b.wait_text(".files .file-name").await, "aula.pdf");
    assert_eq!(downloaded_sha(&b, ".files .file-name").await, sha256_hex(&bytes));
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

/// A parent who is not logged in taps "Submit a work": logging in or registering is offered,
/// and after registering the parent is on that contest's form. Leaving the child unchosen
/// there names the field and keeps what was typed.
#[tokio::test]
async fn a_logged_out_parent_registers_from_the_contest_and_lands_on_its_form() {
    let server = Server::start().await;
    let _ = server.demo();
    let b = Browser::open(true, "kk").await;
    b.resize(360, 800).await;
    // The form asks for a login: its page answers 401, as it should.
    b.allow_error("status of 401 (Unauthorized)");
    let contest = open_contest(&server, &b).await;
    b.goto(&contest).await;
    b.click("#submit-work").await;
    b.wait_present("#register-first").await;
    b.screenshot("submit-logged-out-kk-360.png").await;
    b.click("#register-first").await;
    b.wait_present("#display_name").await;
    b.wait_hydrated().await;
    b.fill("#display_name", "Самал Нұрланқызы").await;
    b.fill("#email", "samal@mail.kz").await;
    b.fill("#password", PW).await;
    b.click("button[type=submit].primary").await;
    b.wait_present("#entry-form").await;
    let form = b.current_url().await;
    assert_eq!(form, format!("{contest}/submit"));
    // Two children, neither chosen.
    for (name, born) in [("Арман", "2016-03-01"), ("Аружан", "2018-09-12")] {
        add_child(&b, name, born, true).await;
    }
    b.wait_hydrated().await;
    b.script("document.querySelectorAll('input[name=participant]').forEach(r => r.checked = false)").await;
    b.script("const s = document.getElementById('nomination'); s.value = s.options[1].value").await;
    b.fill("#title", "Көктем").await;
    b.click("#entry-form button[type=submit]").await;
    assert_eq!(b.wait_text("#entry-form fieldset.has-error .field-error").await, "Жұмыс кімдікі екенін таңдаңыз.");
    assert_eq!(b.script_value("return document.getElementById('title').value").await, "Көктем");
    assert!(!b.text_now("main").await.contains("Серверде қате"), "no false server error");
    b.close().await;
}

/// A parent takes the guardian's consent back, downloads what is stored about them and
/// deletes the account, each form as the server renders it: with JavaScript (Russian) and
/// without (English, Kazakh), on a 360 px phone.
#[tokio::test]
async fn a_parent_withdraws_consent_downloads_their_data_and_deletes_the_account() {
    let server = Server::start().await;
    let _ = server.demo();
    let db = server.database().await;
    for (js, lang, email, nomination) in [(true, "ru", "ana@mail.kz", "Рисунок"), (false, "en", "ata@mail.kz", "Drawing"), (false, "kk", "apa@mail.kz", "Сурет")] {
        let nojs = if js { "" } else { "-nojs" };
        let b = Browser::open(js, lang).await;
        b.resize(360, 900).await;
        start_entry(&server, &b, email, "Әлия Ахметова", nomination, "Көктем", js).await;
        let account: i64 = sqlx::query_scalar("SELECT account_id FROM account WHERE email = $1").bind(email).fetch_one(&db).await.unwrap();

        // The consent, from the participant's page: refused without the box, then taken back.
        b.goto(&server.url("/me/participants")).await;
        b.click(".participant a.button").await;
        b.wait_present("#withdraw-consent").await;
        if js {
            b.wait_hydrated().await;
        }
        b.script("document.getElementById('withdraw-consent').scrollIntoView()").await;
        b.screenshot(&format!("withdraw-consent-{lang}-360{nojs}.png")).await;
        b.click("#withdraw-consent button[type=submit]").await;
        b.wait_text("#withdraw-consent .field-error").await;
        assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM participant WHERE account_id = $1 AND reduced_at IS NULL").bind(account).fetch_one(&db).await.unwrap(), 1);
        b.click("#withdraw-understood").await;
        b.click("#withdraw-consent button[type=submit]").await;
        b.wait_url_contains("withdrawn=1").await;
        b.wait_present(".notice").await;
        let child: (String, String) = sqlx::query_as("SELECT full_name, birth_date FROM participant WHERE account_id = $1").bind(account).fetch_one(&db).await.unwrap();
        assert_eq!(child, ("Әлия А.".to_owned(), "2017".to_owned()));
        assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM entry WHERE account_id = $1").bind(account).fetch_one(&db).await.unwrap(), 0, "the draft is gone");

        // The account page: what is kept, the download, the deletion.
        b.goto(&server.url("/account")).await;
        b.wait_present("#your-data #delete-account").await;
        if js {
            b.wait_hydrated().await;
            let got = b
                .script_async(
                    "const done = arguments[0];
                     fetch(document.getElementById('download-data').href).then(r => r.arrayBuffer().then(buf => done([r.status, r.headers.get('content-type'), new Uint8Array(buf.slice(0, 2)).join(',')])));",
                )
                .await;
            assert_eq!(got, serde_json::json!([200, "application/zip", "80,75"]), "a ZIP (PK)");
        }
        b.script("document.getElementById('your-data').scrollIntoView()").await;
        b.screenshot(&format!("your-data-{lang}-360{nojs}.png")).await;
        let overflow = b.script_value("return document.documentElement.scrollWidth - window.innerWidth").await;
        assert!(overflow.as_i64().is_some_and(|px| px <= 0), "the account page scrolls sideways by {overflow} at 360 px");
        b.fill("#delete-password", "not the password").await;
        b.click("#delete-understood").await;
        b.click("#delete-account button[type=submit]").await;
        b.wait_text("#delete-password-error").await;
        b.fill("#delete-password", PW).await;
        if b.script_value("return document.getElementById('delete-understood').checked").await != serde_json::json!(true) {
            b.click("#delete-understood").await;
        }
        b.click("#delete-account button[type=submit]").await;
        b.wait_url_contains("deleted=1").await;
        b.wait_present(".notice").await;
        let deleted: Option<i64> = sqlx::query_scalar("SELECT deleted_at FROM account WHERE account_id = $1").bind(account).fetch_one(&db).await.unwrap();
        assert!(deleted.is_some());
        assert_eq!(b.links(r#"nav a[href="/account"]"#).await.len(), 0, "logged out");
        b.close().await;
    }
}

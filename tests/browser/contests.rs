//! An admin builds a contest in the browser; the public page shows it in three languages.

use crate::harness::{Browser, Server};

/// `YYYY-MM-DDTHH:MM` in Almaty (UTC+5), `days` from now, at `hour`.
pub(crate) fn local_input(days: i64, hour: i64) -> String {
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
        b.choose_lang(code).await;
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

//! Organisations and contest staff in the browser, against the release binary: the site
//! administrator makes an organisation, names its admin and hands it a contest (JavaScript
//! off, Russian); the organisation's admin gives a coordinator the role from a 360 px phone
//! in Kazakh; the coordinator finds the contest from the header and sees the editor read
//! only and the judging dashboard open (English, 360 px).

use crate::harness::{Browser, Server};
use crate::*;
use serde_json::json;

const ORG_ADMIN: &str = "judge@demo.baiqau.kz";
const COORDINATOR: &str = "parent@demo.baiqau.kz";
const ORG: &str = "Абай облыстық кітапханасы";

#[tokio::test]
async fn a_site_admin_makes_an_organisation_whose_admin_gives_a_coordinator_a_role() {
    let server = Server::start().await;
    let accounts = server.demo();
    let db = server.database().await;
    let contest: String = sqlx::query_scalar("SELECT public_id FROM contest WHERE title_en = 'In the world of fairy tales and magic'").fetch_one(&db).await.unwrap();

    // The site administrator, without JavaScript: the organisation, its admin, the contest.
    let admin = "admin@demo.baiqau.kz";
    let b = Browser::open(false, "ru").await;
    log_in_plain(&server, &b, admin, password_of(&accounts, admin)).await;
    b.goto(&server.url("/admin/contests")).await;
    b.click("a.organisations-link").await;
    b.wait_path("/admin/organisations").await;
    b.fill("#name_ru", ORG).await;
    b.click("#new-organisation button[type=submit]").await;
    b.wait_url_contains("saved=").await;
    assert_eq!(b.text_now(".organisation h2").await, ORG);
    b.fill(".organisation input[name=email]", ORG_ADMIN).await;
    b.click(".organisation form.stack button[type=submit]").await;
    b.wait_present(".organisation .members li").await;
    assert!(b.text_now(".organisation .members li span").await.ends_with(ORG_ADMIN));
    b.screenshot("staff-organisations-ru-nojs.png").await;
    b.goto(&server.url(&format!("/admin/contests/{contest}#staff"))).await;
    let org_value = b.script_value("return [...document.querySelectorAll('#move-organisation option')].find((o) => o.textContent.startsWith('Абай')).value").await;
    b.script(&format!("document.querySelector('#move-organisation').value = {org_value};")).await;
    b.click("#staff form.stack button[type=submit]").await;
    b.wait_url_contains("saved=staff").await;
    assert_eq!(b.text_now(".staff-organisation").await, format!("Организация: {ORG}"));
    b.close().await;

    // The organisation's admin, on a phone in Kazakh: a coordinator for the contest.
    let b = Browser::phone().await;
    log_in(&server, &b, ORG_ADMIN, password_of(&accounts, ORG_ADMIN)).await;
    b.goto(&server.url(&format!("/admin/contests/{contest}#staff"))).await;
    b.wait_hydrated().await;
    b.fill("#staff-email", COORDINATOR).await;
    b.script("document.querySelector('#staff-role').value = 'coordinator';").await;
    b.click("#staff form.stack button[type=submit]").await;
    b.wait_url_contains("saved=staff").await;
    b.wait_present("#staff .members li").await;
    assert_eq!(b.text_now("#staff .members li span").await.split(" · ").last(), Some("Үйлестіруші (өтінімдер мен қазылар, қорытындысыз)"));
    let fits = b.script_value("return document.documentElement.scrollWidth <= innerWidth").await;
    assert_eq!(fits, json!(true), "sideways scroll");
    b.script("document.querySelector('#staff').scrollIntoView()").await;
    b.screenshot("staff-section-kk-360.png").await;
    b.close().await;

    // The coordinator, in English on a phone: the header leads to the contest; its settings
    // are read only, its judging is theirs.
    let b = Browser::open(true, "en").await;
    b.resize(360, 800).await;
    log_in(&server, &b, COORDINATOR, password_of(&accounts, COORDINATOR)).await;
    b.open_menu().await;
    b.click("nav a[href='/admin/contests']").await;
    b.wait_path("/admin/contests").await;
    b.click(&format!("a[href='/admin/contests/{contest}']")).await;
    b.wait_path(&format!("/admin/contests/{contest}")).await;
    b.wait_hydrated().await;
    assert_eq!(b.text_now(".read-only-note").await, "Your role lets you read this part, not change it.");
    let disabled = b.script_value("return document.querySelector('#basics button[type=submit]').matches(':disabled')").await;
    assert_eq!(disabled, json!(true));
    b.screenshot("staff-editor-read-only-en-360.png").await;
    b.goto(&server.url(&format!("/admin/contests/{contest}/judging"))).await;
    b.wait_hydrated().await;
    assert_eq!(b.script_value("return document.querySelectorAll('.read-only-note').length").await, json!(0));
    let enabled = b.script_value("return !document.querySelector('#judges button[type=submit]').matches(':disabled')").await;
    assert_eq!(enabled, json!(true));
    b.close().await;
}

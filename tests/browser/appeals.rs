//! An appeal in the browser, against the release binary: the entrant files it from a 360 px
//! phone in Kazakh; the admin (JavaScript off, Russian) gives it to a judge who joined
//! after the results and never saw the work; that judge follows the mail's link and scores
//! it; the admin upholds it; the entrant reads the reply and the public page the correction.

use crate::harness::{Browser, Server};
use crate::results::published_results;
use crate::*;
use serde_json::json;

const REVIEWER: &str = "reviewer@lib.kz";
const REASON: &str = "Зерттеудің далалық бөлімі бағаланбаған сияқты.";
const REPLY: &str = "Жұмыс қайта қаралды: далалық зерттеу ескерілді.";

#[tokio::test]
async fn an_entrant_appeals_from_a_phone_a_fresh_judge_re_reviews_and_the_entrant_reads_the_reply() {
    let server = Server::start().await;
    let accounts = server.demo();
    let parent = Browser::phone().await;
    published_results(&server, &parent).await;
    let db = server.database().await;
    let contest: String = sqlx::query_scalar("SELECT public_id FROM contest WHERE published_at IS NOT NULL").fetch_one(&db).await.unwrap();
    let entry: String = sqlx::query_scalar("SELECT public_id FROM entry WHERE title = 'Менің қалам — Өскемен'").fetch_one(&db).await.unwrap();

    // The admin, without JavaScript: appeals for seven days, and a new judge invited.
    let admin = Browser::open(false, "ru").await;
    log_in_plain(&server, &admin, "admin@demo.baiqau.kz", password_of(&accounts, "admin@demo.baiqau.kz")).await;
    admin.goto(&server.url(&format!("/admin/contests/{contest}/results#settings"))).await;
    admin.fill("#appeal_days", "7").await;
    admin.click("#settings button[type=submit]").await;
    admin.wait_url_contains("saved=").await;
    assert_eq!(admin.text_now("#appeals .empty").await, "Апелляций нет.");
    admin.goto(&server.url(&format!("/admin/contests/{contest}/judging#judges"))).await;
    admin.fill("#invite-email", REVIEWER).await;
    admin.click("#judges button[type=submit]").await;
    admin.wait_url_contains("saved=").await;
    let join = server.mail_link(REVIEWER, &server.url("/judge/join?token=")).await;
    let judge = Browser::open(true, "en").await;
    judge.goto(&join).await;
    judge.wait_hydrated().await;
    judge.fill("#display_name", "Гүлнар Әбенова").await;
    judge.fill("#password", PW).await;
    judge.click("button[type=submit].primary").await;
    judge.wait_path("/judge").await;

    // The entrant, on a phone in Kazakh, appeals the result of one work.
    log_in(&server, &parent, "parent@demo.baiqau.kz", password_of(&accounts, "parent@demo.baiqau.kz")).await;
    parent.goto(&server.url(&format!("/entries/{entry}"))).await;
    parent.wait_hydrated().await;
    assert_eq!(parent.wait_text("#appeal h2").await, "Апелляция");
    parent.fill("#appeal-reason", REASON).await;
    parent.click("#appeal button[type=submit]").await;
    parent.wait_url_contains("appealed=1").await;
    assert_eq!(parent.wait_text("#appeal .appeal-state").await, "Берілді: қазыны күтуде");
    assert_eq!(parent.text_now("#appeal .appeal-reason").await, REASON);
    assert_eq!(parent.script_value("return document.documentElement.scrollWidth <= innerWidth").await, json!(true), "sideways scroll");
    parent.script("document.querySelector('#appeal').scrollIntoView()").await;
    parent.screenshot("appeal-filed-kk-360.png").await;

    // The admin gives it to the new judge: the only one who did not score the work.
    admin.goto(&server.url(&format!("/admin/contests/{contest}/results#appeals"))).await;
    assert_eq!(admin.text_now("#appeals .appeal-reason").await, REASON);
    let options = admin.script_value("return [...document.querySelectorAll('#appeals select[name=judge] option')].map((o) => o.textContent)").await;
    assert_eq!(options, json!(["Гүлнар Әбенова"]));
    admin.click("#appeals form.inline-form button[type=submit]").await;
    admin.wait_url_contains("saved=appeal").await;
    assert!(admin.text_now("#appeals .appeal").await.contains("Гүлнар Әбенова — Ждём оценку члена жюри."));

    // The judge follows the mail's link and scores the work, blind, with every maximum.
    let link = server.mail_link(REVIEWER, &server.url("/judge/")).await;
    judge.goto(&link).await;
    judge.wait_hydrated().await;
    judge.wait_present("#score-form").await;
    let shown = judge.script_value("return document.body.innerText").await;
    assert!(!shown.as_str().unwrap().contains("Жақсы жұмыс") && !shown.as_str().unwrap().contains("Әлихан"), "blind: no earlier comment, no name");
    let maxima: Vec<(i64, i64)> = sqlx::query_as("SELECT k.criterion_id, k.max_points FROM criterion k JOIN contest c ON c.contest_id = k.contest_id WHERE c.public_id = ? AND k.nomination_id IS NULL ORDER BY k.position")
        .bind(&contest)
        .fetch_all(&db)
        .await
        .unwrap();
    for (id, max) in &maxima {
        judge.fill(&format!("#points-{id}"), &max.to_string()).await;
    }
    judge.click("#score-form button[value=submit]").await;
    judge.wait_url_contains("submitted=1").await;
    let submitted: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM score_sheet s JOIN account a ON a.account_id = s.account_id WHERE a.email = ? AND s.state = 'submitted'")
        .bind(REVIEWER)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(submitted, 1);

    // The admin upholds it with a reply.
    admin.goto(&server.url(&format!("/admin/contests/{contest}/results#appeals"))).await;
    admin.fill("#appeals textarea[name=reply]", REPLY).await;
    admin.screenshot("appeal-decide-ru-nojs.png").await;
    admin.click("#appeals button[value=upheld]").await;
    admin.wait_url_contains("saved=appeal").await;
    assert_eq!(admin.text_now("#appeals .appeal-state").await, "Удовлетворена: результат исправлен");

    // The entrant reads the reply on their phone; the public page shows the correction.
    parent.goto(&server.url(&format!("/entries/{entry}#appeal"))).await;
    parent.wait_hydrated().await;
    assert_eq!(parent.wait_text("#appeal .appeal-state").await, "Қанағаттандырылды: нәтиже түзетілді");
    assert_eq!(parent.text_now("#appeal .appeal-reply").await, REPLY);
    parent.script("document.querySelector('#appeal').scrollIntoView()").await;
    parent.screenshot("appeal-reply-kk-360.png").await;
    parent.goto(&server.url(&format!("/contests/{contest}/results#corrections"))).await;
    parent.wait_hydrated().await;
    let correction = parent.wait_text("#corrections .correction").await;
    assert!(correction.contains("Менің қалам — Өскемен") && correction.contains(REPLY), "{correction}");
    assert_eq!(parent.script_value("return document.documentElement.scrollWidth <= innerWidth").await, json!(true), "sideways scroll");
    parent.script("document.querySelector('#corrections').scrollIntoView()").await;
    parent.screenshot("appeal-correction-kk-360.png").await;
    for b in [parent, admin, judge] {
        b.close().await;
    }
}

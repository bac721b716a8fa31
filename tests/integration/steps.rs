//! The account page, where logging in lands, says what to do next: per role, in words, with
//! the button that does it, from what the database holds.

use crate::submissions::{new_entry, world};
use baiqau_tests::{Jar, T0, TestApp};
use http::StatusCode;

/// The page in English for this visitor.
fn english(jar: &Jar) -> Jar {
    Jar { lang: Some("en".into()), ..jar.clone() }
}

#[tokio::test]
async fn an_entrant_is_told_to_finish_a_draft_before_its_deadline_or_else_where_to_enter() {
    let w = world().await;
    let title: String = sqlx::query_scalar("SELECT title_en FROM contest WHERE public_id = $1").bind(&w.contest).fetch_one(&w.app.sql).await.unwrap();
    // Nothing entered yet: the open contests are offered.
    let page = w.app.get("/account", &english(&w.parent)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select_text(".next-steps h2"), vec!["What to do next"]);
    assert_eq!(page.select_text(".step-words"), vec!["Contests taking entries now: 1."]);
    assert_eq!(page.select_attr(".step-actions a", "href"), vec!["/?when=current"]);
    // A draft: finish it, with the time left, and its page one tap away.
    let entry = new_entry(&w, &w.drawing, "Қысқы орман").await;
    let page = w.app.get("/account", &english(&w.parent)).await;
    assert_eq!(page.select_text(".step-words"), vec![format!("Finish “Қысқы орман” and send it to “{title}”.")]);
    let deadline: i64 = sqlx::query_scalar("SELECT submissions_close_at FROM contest WHERE public_id = $1").bind(&w.contest).fetch_one(&w.app.sql).await.unwrap();
    let left = app::i18n::dates::left(w.app.state.now(), deadline, app::i18n::Lang::En).unwrap();
    assert_eq!(page.select_text(".step-when"), vec![left]);
    assert_eq!(page.select_attr(".step-finish .step-actions a", "href"), vec![format!("/entries/{entry}")]);
    // In Russian, the same step in Russian words.
    let ru = w.app.get("/account", &Jar { lang: Some("ru".into()), ..w.parent.clone() }).await;
    assert_eq!(ru.select_text(".next-steps h2"), vec!["Что дальше"]);
    assert!(ru.select_text(".step-words")[0].starts_with("Завершите и отправьте работу «Қысқы орман»"), "{:?}", ru.select_text(".step-words"));
}

#[tokio::test]
async fn a_judge_is_sent_to_the_first_unscored_work_and_an_admin_to_what_waits_for_publication() {
    let app = TestApp::new().await;
    let created = app::service::demo::load(&app.state, T0).await.unwrap();
    let jar_of = async |email: &str| {
        let password = created.iter().find(|a| a.email == email).and_then(|a| a.password.clone()).unwrap();
        let mut jar = Jar { lang: Some("en".into()), ..Jar::default() };
        jar.absorb(&app.login(email, &password).await);
        jar
    };
    let judge = jar_of("judge@demo.baiqau.kz").await;
    let queue = app::service::judging::queue_of(&app.state, account_id(&app, "judge@demo.baiqau.kz").await).await.unwrap();
    let first = &queue[0].1;
    let page = app.get("/account", &judge).await;
    assert_eq!(page.select_text(".step-score .step-words"), vec![format!("“Уа, Қабанбай, көзелім”: works waiting for your scores — {}.", queue.len())]);
    assert_eq!(page.select_attr(".step-score .step-actions a", "href"), vec![format!("/judge/{}/{}", first.contest_id, first.code), "/judge".to_owned()]);

    // The admin: the contest whose results are due, then the one being judged.
    let admin = jar_of("admin@demo.baiqau.kz").await;
    let page = app.get("/account", &admin).await;
    let due: String = sqlx::query_scalar("SELECT public_id FROM contest WHERE title_en = 'Great figures of the Great Steppe'").fetch_one(&app.sql).await.unwrap();
    assert_eq!(page.select_attr(".step", "class"), vec!["step step-publish", "step step-judging"]);
    assert_eq!(page.select_text(".step-publish .step-words"), vec!["The results of “Great figures of the Great Steppe” are due and not published yet."]);
    assert_eq!(page.select_attr(".step-publish .step-actions a", "href"), vec![format!("/admin/contests/{due}/results")]);
    let results_at: i64 = sqlx::query_scalar("SELECT results_at FROM contest WHERE title_kk = 'Уа, Қабанбай, көзелім'").fetch_one(&app.sql).await.unwrap();
    let left = app::i18n::dates::left(app.state.now(), results_at, app::i18n::Lang::En).unwrap();
    assert_eq!(page.select_text(".step-judging .step-when"), vec![format!("Results: {left}")]);

    // Published: the admin's step goes; the parent's diplomas are there to download.
    assert_eq!(app::service::results::publish_due(&app.state).await.unwrap(), 1);
    let page = app.get("/account", &admin).await;
    assert_eq!(page.select_attr(".step", "class"), vec!["step step-judging"]);
    let parent = jar_of("parent@demo.baiqau.kz").await;
    let page = app.get("/account", &parent).await;
    let codes: Vec<String> = sqlx::query_scalar(
        "SELECT d.code FROM document d JOIN entry e ON e.entry_id = d.entry_id JOIN account a ON a.account_id = e.account_id WHERE a.email = 'parent@demo.baiqau.kz' ORDER BY d.code",
    )
    .fetch_all(&app.sql)
    .await
    .unwrap();
    assert!(!codes.is_empty());
    let mut links = page.select_attr(".step-document .step-actions a", "href");
    links.sort();
    assert_eq!(links, codes.iter().map(|c| format!("/documents/{c}.pdf")).collect::<Vec<_>>());
    // One step a work, with each of its documents as a button.
    let works: i64 = app.count("SELECT COUNT(DISTINCT d.entry_id) FROM document d JOIN entry e ON e.entry_id = d.entry_id JOIN account a ON a.account_id = e.account_id WHERE a.email = 'parent@demo.baiqau.kz'").await;
    assert_eq!(page.select_text(".step-document .step-words").len(), usize::try_from(works).unwrap());
    assert!(codes.len() > page.select_text(".step-document .step-words").len(), "a work has more than one document");
}

async fn account_id(app: &TestApp, email: &str) -> app::domain::ids::AccountId {
    let id: i64 = sqlx::query_scalar("SELECT account_id FROM account WHERE email = $1").bind(email).fetch_one(&app.sql).await.unwrap();
    app::domain::ids::AccountId(id)
}

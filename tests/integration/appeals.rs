//! Appeals through the real router: filed inside and outside the window, once per entry;
//! given to a judge who did not score the work, who re-reviews it blind after publication;
//! upheld (a corrected version published, the changed result's documents re-issued and the
//! old ones revoked) or rejected (nothing changes); every step in the audit log.

use crate::contests::ok;
use crate::judging::{Jury, assigned, jury, save};
use crate::results::{contest_form, score_everything};
use crate::submissions::{error_msg, relogin};
use baiqau_tests::{Jar, TestApp, TestResponse};
use http::StatusCode;

const DAY: i64 = 86_400;

async fn file_appeal(app: &TestApp, jar: &Jar, entry: &str, reason: &str) -> TestResponse {
    app.call("file_appeal", &[("entry", entry), ("reason", reason)], jar).await
}

async fn assign(j: &Jury, entry: &str, judge: i64) -> TestResponse {
    j.w.app.call("admin_assign_appeal", &[("contest", j.w.contest.as_str()), ("entry", entry), ("judge", &judge.to_string())], &j.admin).await
}

async fn decide(j: &Jury, entry: &str, verdict: &str, reply: &str) -> TestResponse {
    j.w.app.call("admin_decide_appeal", &[("contest", j.w.contest.as_str()), ("entry", entry), ("verdict", verdict), ("reply", reply)], &j.admin).await
}

async fn public_id(app: &TestApp, entry: i64) -> String {
    sqlx::query_scalar("SELECT public_id FROM entry WHERE entry_id = $1").bind(entry).fetch_one(&app.sql).await.unwrap()
}

/// The judge of the contest assigned to neither… of the entry: the one free to re-review it.
async fn free_judge(j: &Jury, entry: i64) -> usize {
    let pairs = assigned(&j.w.app).await;
    j.judges.iter().position(|(id, _)| !pairs.contains(&(entry, *id))).unwrap()
}

async fn scalar_str(app: &TestApp, sql: &'static str, bind: &str) -> String {
    sqlx::query_scalar(sql).bind(bind).fetch_one(&app.sql).await.unwrap()
}

/// Certificates below 75 %, appeals for three days, results published: every work scored
/// 70 (a 90 % and a 50 % judge) and holds a certificate.
async fn published_with_appeals(j: &Jury) {
    let app = &j.w.app;
    score_everything(j).await;
    sqlx::query("UPDATE contest SET min_award_score = 75").execute(&app.sql).await.unwrap();
    let settings = |days: &'static str| [("contest", j.w.contest.as_str()), ("name_display", "short_minors"), ("appeal_days", days)];
    assert_eq!(error_msg(&app.call("admin_results_settings", &settings("31"), &j.admin).await).await, "ErrOutOfRange");
    assert_eq!(error_msg(&app.call("admin_results_settings", &settings("три"), &j.admin).await).await, "ErrWholeNumber");
    ok(&app.call("admin_results_settings", &settings("3"), &j.admin).await);
    assert_eq!(app.count("SELECT appeal_days FROM contest").await, 3);
    ok(&app.call("admin_publish_results", &contest_form(j), &j.admin).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM result_line WHERE award = 'certificate' AND score = 70000000").await, 4);
}

#[tokio::test]
async fn an_appeal_is_filed_once_in_its_window_re_reviewed_blind_and_upheld_or_rejected() {
    let j = jury().await;
    let app = &j.w.app;
    published_with_appeals(&j).await;
    let published_at = app.count("SELECT published_at FROM contest").await;
    let (upheld, rejected, late) = (j.entries[0].0, j.entries[1].0, j.entries[2].0);
    let (upheld_id, rejected_id, late_id) = (public_id(app, upheld).await, public_id(app, rejected).await, public_id(app, late).await);
    let parent = relogin(app, "parent@mail.kz").await;

    // The entry page offers the appeal, as a plain form.
    let page = app.get(&format!("/entries/{upheld_id}"), &parent).await;
    assert_eq!(page.select_attr("#appeal form textarea", "name"), vec!["reason"]);
    // Empty, too long, or someone else's entry: refused, nothing written.
    assert_eq!(error_msg(&file_appeal(app, &parent, &upheld_id, "  ").await).await, "ErrRequired");
    assert_eq!(error_msg(&file_appeal(app, &parent, &upheld_id, &"ә".repeat(2_001)).await).await, "ErrTextTooLong");
    assert_eq!(error_msg(&file_appeal(app, &parent, &upheld_id, "Неге\u{202E}?").await).await, "ErrControlChars");
    let stranger = app.register("stranger@mail.kz", "S", "correct horse battery").await;
    assert_eq!(file_appeal(app, &stranger, &upheld_id, "Мен де").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("SELECT COUNT(*) FROM appeal").await, 0);

    // Filed without JavaScript: back to the entry, which says so.
    let reason = "Суреттегі бояу техникасы ескерілмеді деп ойлаймыз.";
    let res = app.post_form("file_appeal", &[("entry", &upheld_id), ("reason", reason)], &parent, &format!("/entries/{upheld_id}")).await;
    assert_eq!((res.status, res.header("location")), (StatusCode::FOUND, Some(format!("/entries/{upheld_id}?appealed=1#appeal").as_str())));
    let page = app.get(&format!("/entries/{upheld_id}?appealed=1"), &parent).await;
    assert_eq!(page.select_text("#appeal .appeal-reason"), vec![reason]);
    assert_eq!(page.select_text("#appeal .appeal-state"), vec!["Берілді: қазыны күтуде"]);
    assert!(page.select_attr("#appeal textarea", "name").is_empty());
    // Once per entry.
    assert_eq!(error_msg(&file_appeal(app, &parent, &upheld_id, "Тағы да").await).await, "ErrAppealTwice");
    ok(&file_appeal(app, &parent, &rejected_id, "Орын дұрыс емес").await);
    assert_eq!(app.count("SELECT COUNT(*) FROM appeal WHERE state = 'filed' AND lang = 'kk'").await, 2);

    // The queue offers only the judge who did not score the work.
    let free = free_judge(&j, upheld).await;
    let review = app.call("admin_results", &contest_form(&j), &j.admin).await;
    let appeals = review.json()["appeals"].as_array().unwrap().clone();
    assert_eq!(appeals.len(), 2);
    assert_eq!(appeals[0]["entry"], upheld_id.as_str());
    assert_eq!(appeals[0]["candidates"].as_array().unwrap().iter().map(|c| c[0].as_i64().unwrap()).collect::<Vec<_>>(), vec![j.judges[free].0]);
    let scorer = (free + 1) % 3;
    assert_eq!(error_msg(&assign(&j, &upheld_id, j.judges[scorer].0).await).await, "ErrChooseOption");
    // Deciding before any re-review is refused.
    assert_eq!(error_msg(&decide(&j, &upheld_id, "upheld", "Иә").await).await, "ErrConflict");
    ok(&assign(&j, &upheld_id, j.judges[free].0).await);
    assert_eq!(error_msg(&decide(&j, &upheld_id, "upheld", "Иә").await).await, "ErrNotJudged");
    let judge_email: String = sqlx::query_scalar("SELECT email FROM account WHERE account_id = $1").bind(j.judges[free].0).fetch_one(&app.sql).await.unwrap();
    let mail: String = scalar_str(app, "SELECT body_text FROM outbox WHERE to_addr = $1 ORDER BY outbox_id DESC LIMIT 1", &judge_email).await;
    let code = &j.entries[0].1;
    assert!(mail.contains(&format!("/judge/{}/{code}", j.w.contest)), "{mail}");

    // The re-reviewing judge finds it in their queue and sees it blind: no scores it had.
    let queue = app.call("judge_queue", &[], &j.judges[free].1).await;
    assert!(queue.body.contains(code.as_str()), "{}", queue.body);
    let view = app.call("judge_entry", &[("contest", j.w.contest.as_str()), ("code", code)], &j.judges[free].1).await;
    assert_eq!((view.json()["open"].clone(), view.json()["published"].clone()), (serde_json::json!(true), serde_json::json!(false)));
    assert_eq!(view.json()["colleagues"], serde_json::json!([]));
    assert!(view.json()["sheet"].is_null() && view.json()["participant"].is_null(), "{}", view.body);
    let work_file: String = sqlx::query_scalar("SELECT public_id FROM entry_file WHERE entry_id = $1 ORDER BY file_id LIMIT 1").bind(upheld).fetch_one(&app.sql).await.unwrap();
    assert_eq!(app.get(&format!("/files/{work_file}"), &j.judges[free].1).await.status, StatusCode::OK);
    // The work's first judges still cannot write after publication.
    assert_eq!(error_msg(&save(&j, scorer, code, "1", &["10", "10", "10"], "submit").await).await, "ErrJudgingPublished");
    ok(&save(&j, free, code, "0", &["10", "10", "10"], "submit").await);
    // Until the decision, the re-review counts nowhere: the entrant sees no new comment.
    let mine = app.call("get_my_entry", &[("id", upheld_id.as_str())], &parent).await;
    assert_eq!(mine.json()["result"]["award"], "certificate");
    assert_eq!(mine.json()["result"]["appeal"]["state"], "assigned");
    let old_docs: Vec<String> = sqlx::query_scalar("SELECT code FROM document WHERE entry_id = $1").bind(upheld).fetch_all(&app.sql).await.unwrap();
    assert_eq!(old_docs.len(), 1);

    upheld_publishes_a_corrected_version(&j, &parent, (upheld, &upheld_id), free, &old_docs[0], published_at).await;

    // Rejected: the re-review stays out of the results; nothing is re-issued.
    let free2 = free_judge(&j, rejected).await;
    ok(&assign(&j, &rejected_id, j.judges[free2].0).await);
    ok(&save(&j, free2, &j.entries[1].1, "0", &["10", "10", "10"], "submit").await);
    ok(&decide(&j, &rejected_id, "rejected", "Бағалау ережеге сай жүргізілді.").await);
    assert_eq!(error_msg(&decide(&j, &rejected_id, "upheld", "Жоқ").await).await, "ErrConflict");
    assert_eq!(app.count("SELECT published_version FROM contest").await, 2);
    assert_eq!(app.count("SELECT COUNT(*) FROM result_version").await, 2);
    let mine = app.call("get_my_entry", &[("id", rejected_id.as_str())], &parent).await;
    assert_eq!((mine.json()["result"]["award"].clone(), mine.json()["result"]["appeal"]["state"].clone()), (serde_json::json!("certificate"), serde_json::json!("rejected")));
    assert_eq!(mine.json()["result"]["appeal"]["reply"], "Бағалау ережеге сай жүргізілді.");
    // The published results still reconcile with the sheets that count.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let reconciled: Vec<String> = sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'results.reconcile' ORDER BY audit_log_id").fetch_all(&app.sql).await.unwrap();
    assert!(reconciled.iter().any(|d| d == "version 2: agrees"), "{reconciled:?}");
    assert!(reconciled.iter().all(|d| d.ends_with("agrees")), "{reconciled:?}");

    // After the window: refused, nothing written.
    app.clock.set(published_at + 3 * DAY);
    assert_eq!(error_msg(&file_appeal(app, &parent, &late_id, "Кеш").await).await, "ErrAppealClosed");
    assert_eq!(app.count("SELECT COUNT(*) FROM appeal").await, 2);
    assert!(app.get(&format!("/entries/{late_id}"), &parent).await.select_attr("#appeal textarea", "name").is_empty());
    // Every step is in the audit log.
    for (action, n) in [("appeal.file", 2), ("appeal.assign", 2), ("appeal.decide", 2)] {
        let got: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1").bind(action).fetch_one(&app.sql).await.unwrap();
        assert_eq!(got, n, "{action}");
    }
    let upheld_line: String = scalar_str(app, "SELECT detail FROM audit_log WHERE action = 'appeal.decide' AND target = $1", &format!("entry:{upheld_id}")).await;
    assert_eq!(upheld_line, format!("{code}: upheld; version 2; changed [\"{code}\"]"));
}

/// The upheld appeal: its re-review joins the work's sheets and the results are published
/// again, with the changed work's documents re-issued and the old one revoked.
async fn upheld_publishes_a_corrected_version(j: &Jury, parent: &Jar, (upheld, upheld_id): (i64, &str), free: usize, old_doc: &str, published_at: i64) {
    let app = &j.w.app;
    let code = &j.entries[0].1;
    // Upheld: the re-review joins the work's sheets, (90 + 50 + 100) / 3 = 80 ≥ 75: the first
    // place (the grand prix of its nomination) where a certificate was, published as version 2.
    assert_eq!(error_msg(&decide(j, upheld_id, "upheld", " ").await).await, "ErrRequired");
    app.clock.set(published_at + DAY);
    ok(&decide(j, upheld_id, "upheld", "Қайта қарау техниканы жоғары бағалады.").await);
    assert_eq!(app.count("SELECT published_version FROM contest").await, 2);
    assert_eq!(app.count("SELECT published_at FROM contest").await, published_at, "the first publication's date stays");
    let line: (i64, String, i64) = sqlx::query_as("SELECT score, award, place FROM result_line WHERE version = 2 AND entry_id = $1").bind(upheld).fetch_one(&app.sql).await.unwrap();
    assert_eq!(line, (80_000_000, "grand_prix".to_owned(), 1));
    assert_eq!(app.count("SELECT COUNT(*) FROM appeal WHERE state = 'upheld' AND corrected_version = 2").await, 1);
    // Only the changed work's document is re-issued; its old one is revoked and says so.
    // (A diploma now, and the supervisor's letter of thanks that comes with one.)
    let issued: Vec<(String, i64)> = sqlx::query_as("SELECT kind, entry_id FROM document WHERE version = 2 ORDER BY kind").fetch_all(&app.sql).await.unwrap();
    assert_eq!(issued, vec![("diploma".to_owned(), upheld), ("thanks".to_owned(), upheld)]);
    let new_doc: String = sqlx::query_scalar("SELECT code FROM document WHERE version = 2 AND kind = 'diploma' AND award = 'grand_prix' AND entry_id = $1").bind(upheld).fetch_one(&app.sql).await.unwrap();
    assert_eq!(app.get(&format!("/verify/{new_doc}"), &Jar::default()).await.select_text(".verify-valid").len(), 1);
    // The corrected diploma carries the day of the correction, as its verification page
    // does (the results came out on 1 February).
    let pdf = app.get(&format!("/documents/{new_doc}.pdf"), parent).await;
    let text = crate::results::pdf_text(&pdf.bytes);
    assert!(text.contains("\n2 ақпан 2027\n") && !text.contains("1 ақпан 2027"), "{text}");
    let old = app.get(&format!("/verify/{old_doc}"), &Jar::default()).await;
    assert_eq!(old.select_text(".verify-revoked").len(), 1, "{}", old.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM document WHERE revoked_at IS NOT NULL").await, 1);
    // The entrant reads the reply and gets the new diploma; the mail says the decision.
    let mine = app.call("get_my_entry", &[("id", upheld_id)], parent).await;
    assert_eq!((mine.json()["result"]["award"].clone(), mine.json()["result"]["appeal"]["state"].clone()), (serde_json::json!("grand_prix"), serde_json::json!("upheld")));
    let docs = mine.json()["result"]["documents"].as_array().unwrap().clone();
    assert_eq!(docs.iter().map(|d| d[0].as_str().unwrap()).collect::<Vec<_>>(), vec!["diploma", "thanks"]);
    assert_eq!(docs[0][1], new_doc.as_str());
    let decided: (String, String) = sqlx::query_as("SELECT subject, body_text FROM outbox WHERE to_addr = 'parent@mail.kz' ORDER BY outbox_id DESC LIMIT 1").fetch_one(&app.sql).await.unwrap();
    assert!(decided.0.starts_with("Апелляция бойынша шешім"), "{decided:?}");
    assert!(decided.1.contains("Қанағаттандырылды") && decided.1.contains("Қайта қарау техниканы жоғары бағалады."), "{decided:?}");
    let page = app.get(&format!("/entries/{upheld_id}"), parent).await;
    assert_eq!(page.select_text("#appeal blockquote.appeal-reply"), vec!["Қайта қарау техниканы жоғары бағалады."]);
    // The public page shows the correction, with its reason.
    let public = app.get(&format!("/contests/{}/results", j.w.contest), &Jar::default()).await;
    let corrections = public.select_text("#corrections .correction");
    assert_eq!(corrections.len(), 1, "{}", public.body);
    assert!(corrections[0].contains("Қайта қарау техниканы жоғары бағалады.") && corrections[0].contains("→"), "{}", corrections[0]);
    // The re-reviewer's work is done: the work is no longer theirs to open.
    let view = app.call("judge_entry", &[("contest", j.w.contest.as_str()), ("code", code)], &j.judges[free].1).await;
    assert_eq!(view.status, StatusCode::NOT_FOUND);

}

#[tokio::test]
async fn a_contest_without_an_appeal_window_takes_no_appeals() {
    let j = jury().await;
    let app = &j.w.app;
    score_everything(&j).await;
    let id = public_id(app, j.entries[0].0).await;
    let parent = relogin(app, "parent@mail.kz").await;
    // Before publication, and after it without a window: no form, and the server refuses.
    assert_eq!(error_msg(&app.call("file_appeal", &[("entry", &id), ("reason", "Неге?")], &parent).await).await, "ErrWrongPhase");
    ok(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await);
    assert!(app.get(&format!("/entries/{id}"), &parent).await.select_text("#appeal").is_empty());
    assert_eq!(error_msg(&app.call("file_appeal", &[("entry", &id), ("reason", "Неге?")], &parent).await).await, "ErrWrongPhase");
    assert_eq!(app.count("SELECT COUNT(*) FROM appeal").await, 0);
}

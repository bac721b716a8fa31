//! Results through the real router: compute, review with an override, publish exactly once
//! (by hand, by the job, by racing publishers), the public page, diplomas and verification.

use crate::contests::ok;
use crate::judging::{Jury, assigned, jury, save};
use crate::submissions::{error_msg, relogin};
use baiqau_tests::{Jar, TestResponse};
use http::StatusCode;

/// Every assigned judge submits every sheet: the first judge of each entry gives 9s, the
/// second 5s.
async fn score_everything(j: &Jury) {
    let pairs = assigned(&j.w.app).await;
    let mut seen = std::collections::HashMap::new();
    for (entry, judge) in pairs {
        let idx = j.judges.iter().position(|(id, _)| *id == judge).unwrap();
        let code = j.entries.iter().find(|(e, _, _)| *e == entry).unwrap().1.clone();
        let n = seen.entry(entry).or_insert(0);
        let p = if *n == 0 { "9" } else { "5" };
        *n += 1;
        ok(&save(j, idx, &code, "0", &[p, p, p], "submit").await);
    }
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn contest_form(j: &Jury) -> [(&str, &str); 1] {
    [("contest", j.w.contest.as_str())]
}

#[tokio::test]
async fn results_are_reviewed_overridden_published_once_and_diplomas_verify() {
    let j = jury().await;
    let app = &j.w.app;
    // A name built to break a template: printed as it is.
    sqlx::query("UPDATE participant SET full_name = '#read(\"/etc/passwd\") ]#pagebreak() Әлия' WHERE full_name = 'Әлия Серікова'").execute(&app.state.db).await.unwrap();
    score_everything(&j).await;
    let results_page = format!("/contests/{}/results", j.w.contest);
    assert_eq!(app.get(&results_page, &Jar::default()).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("get_results", &contest_form(&j), &Jar::default()).await.status, StatusCode::NOT_FOUND);

    ok(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await);
    let review = app.call("admin_results", &contest_form(&j), &j.admin).await;
    let lines = review.json()["lines"].as_array().unwrap().clone();
    assert_eq!(lines.len(), 4);
    // Each entry had a 90 % and a 50 % judge: the trimmed mean of two is their mean, 70.
    assert!(lines.iter().all(|l| l["score"] == "70"), "{lines:?}");
    assert!(lines.iter().all(|l| l["explanation"]["judges"] == serde_json::json!([50.0, 90.0])));
    // Four groups (two nominations × two age groups), one work each: each is first, by score.
    let mut groups: Vec<(i64, i64)> = lines.iter().map(|l| (l["nomination_id"].as_i64().unwrap(), l["age_group_id"].as_i64().unwrap())).collect();
    groups.sort_unstable();
    groups.dedup();
    assert_eq!(groups.len(), 4);
    assert!(lines.iter().all(|l| l["place"] == 1 && l["explanation"]["decided"] == "Score" && l["award"] == "first"), "{lines:?}");
    // Not public yet, not even to the entrant; no exports either.
    assert_eq!(app.get(&results_page, &Jar::default()).await.status, StatusCode::NOT_FOUND);
    for what in ["results.csv", "scores.xlsx"] {
        assert_eq!(app.get(&format!("/admin/contests/{}/export/{what}", j.w.contest), &j.admin).await.status, StatusCode::NOT_FOUND, "{what}");
    }

    // An override needs a reason.
    let code = lines[0]["code"].as_str().unwrap().to_owned();
    let form = [("contest", j.w.contest.as_str()), ("code", code.as_str()), ("award", "mention"), ("reason", "")];
    assert_eq!(error_msg(&app.call("admin_override_award", &form, &j.admin).await).await, "ErrRequired");
    let form = [("contest", j.w.contest.as_str()), ("code", code.as_str()), ("award", "mention"), ("reason", "Решение жюри от 20.02")];
    ok(&app.call("admin_override_award", &form, &j.admin).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM result_line WHERE override_award = 'mention'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'results.override'").await, 1);

    // The teacher left an address: they hear of the results and get their letter of thanks.
    sqlx::query("UPDATE participant SET supervisor_email = 'teacher@school.kz' WHERE full_name LIKE '#read%'").execute(&app.state.db).await.unwrap();
    // Publish early by hand, once.
    ok(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await);
    assert_eq!(error_msg(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await).await, "ErrAlreadyPublished");
    assert_eq!(error_msg(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await).await, "ErrAlreadyPublished");
    assert_eq!(app.count("SELECT COUNT(*) FROM result_version WHERE published_at IS NOT NULL").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE '%нәтижелері%' OR subject LIKE '%итоги%' OR subject LIKE '%results%'").await, 2, "the entrant and the teacher");
    let teacher: String = sqlx::query_scalar("SELECT body_text FROM outbox WHERE to_addr = 'teacher@school.kz'").fetch_one(&app.state.db).await.unwrap();
    assert!(teacher.contains("/verify/"), "{teacher}");
    let public = app.get(&results_page, &Jar::default()).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(!public.select_text(".winner").is_empty());
    assert_eq!(public.select_attr(".results-group svg.distribution", "class").len(), public.select_text(".results-group").len());
    // Minors' names are short in public: first name, surname initial, city.
    assert!(public.body.contains("Зарина У., Өскемен"), "short name shown");
    assert!(!public.body.contains("Уникальнова"));

    // The entrant sees the result and downloads the diploma; a stranger cannot.
    let parent = relogin(app, "parent@mail.kz").await;
    let hostile: String = sqlx::query_scalar("SELECT e.public_id FROM entry e JOIN participant p USING (participant_id) WHERE p.full_name LIKE '#read%' LIMIT 1").fetch_one(&app.state.db).await.unwrap();
    let mine = app.call("get_my_entry", &[("id", hostile.as_str())], &parent).await;
    let docs = mine.json()["result"]["documents"].as_array().unwrap().clone();
    assert!(!docs.is_empty(), "{}", mine.body);
    let doc_code = docs[0][1].as_str().unwrap().to_owned();
    let pdf: TestResponse = app.get(&format!("/documents/{doc_code}.pdf"), &parent).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf.bytes);
    assert!(text.contains("#read(\"/etc/passwd\") ]#pagebreak() Әлия"), "printed literally with real Kazakh glyphs:\n{text}");
    assert!(text.contains(&doc_code), "{text}");
    let stranger = app.register("stranger@mail.kz", "S", "correct horse battery").await;
    assert_eq!(app.get(&format!("/documents/{doc_code}.pdf"), &stranger).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/documents/{doc_code}.pdf"), &Jar::default()).await.status, StatusCode::NOT_FOUND);
    // Made once, then served from the store.
    assert!(app.dir.path().join(format!("store/documents/{doc_code}.pdf")).exists());

    // Anyone can verify a real code; a forged one is unknown.
    let v = app.get(&format!("/verify/{doc_code}"), &Jar::default()).await;
    assert_eq!(v.select_text(".verify-valid").len(), 1);
    assert_eq!(v.select_text(".holder").len(), 1);
    let forged = app.get("/verify/AAAA-AAAA", &Jar::default()).await;
    assert_eq!(forged.select_text(".verify-unknown").len(), 1);
    // Exports: results and every score, for admins only; the hostile name stays text.
    let csv = app.get(&format!("/admin/contests/{}/export/results.csv", j.w.contest), &j.admin).await;
    assert_eq!(csv.status, StatusCode::OK);
    // `#` is no formula prefix: the cell stays as typed, quoted because it holds quotes.
    assert!(csv.body.contains(",\"#read(\"\"/etc/passwd\"\") ]#pagebreak() Әлия\","), "{}", csv.body);
    assert_eq!(csv.body.lines().count(), 5, "header and four works");
    let scores = app.get(&format!("/admin/contests/{}/export/scores.xlsx", j.w.contest), &j.admin).await;
    assert!(scores.bytes.starts_with(b"PK"));
    use calamine::Reader as _;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(scores.bytes.clone())).unwrap();
    let sheet = book.worksheet_range("Entries").unwrap();
    assert_eq!(sheet.rows().count(), 1 + 8 * 3, "two sheets per work, three criteria each");
    assert_eq!(app.get(&format!("/admin/contests/{}/export/scores.csv", j.w.contest), &parent).await.status, StatusCode::FORBIDDEN);
    // A revoked document says so where it is checked.
    let form = [("contest", j.w.contest.as_str()), ("code", doc_code.as_str()), ("reason", "Ошибка в фамилии")];
    ok(&app.call("admin_revoke_document", &form, &j.admin).await);
    let v = app.get(&format!("/verify/{doc_code}"), &Jar::default()).await;
    assert!(v.select_text(".verify-revoked")[0].contains("Ошибка в фамилии"));
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'document.revoke'").await, 1);
    // Names in full once the contest says so.
    ok(&app.call("admin_results_settings", &[("contest", j.w.contest.as_str()), ("name_display", "full"), ("show_comments", "on")], &j.admin).await);
    assert!(app.get(&results_page, &Jar::default()).await.body.contains("Зарина Уникальнова"));
    assert_eq!(app.call("admin_results_settings", &[("contest", j.w.contest.as_str()), ("name_display", "everyone")], &j.admin).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Admins get all documents as one ZIP.
    let zip = app.get(&format!("/admin/contests/{}/documents.zip", j.w.contest), &j.admin).await;
    assert_eq!(zip.status, StatusCode::OK);
    assert!(zip.bytes.starts_with(b"PK\x03\x04"));
    assert_eq!(app.get(&format!("/admin/contests/{}/documents.zip", j.w.contest), &parent).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn racing_publishers_publish_exactly_once_at_the_results_time() {
    let j = jury().await;
    let app = &j.w.app;
    score_everything(&j).await;
    let before = app.count("SELECT COUNT(*) FROM outbox").await;
    // Not due yet: nothing happens.
    assert_eq!(app::api::results::publish_due(&app.state).await.unwrap(), 0);
    let results_at: i64 = sqlx::query_scalar("SELECT results_at FROM contest").fetch_one(&app.state.db).await.unwrap();
    app.clock.set(results_at);
    // Two servers' jobs at once on one database.
    let (a, b, c) = tokio::join!(
        app::api::results::publish_due(&app.state),
        app::api::results::publish_due(&app.state),
        app::api::results::publish_due(&app.state)
    );
    assert_eq!(a.unwrap() + b.unwrap() + c.unwrap(), 1, "exactly one publisher won");
    assert_eq!(app.count("SELECT COUNT(*) FROM contest WHERE published_at IS NOT NULL").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM result_version WHERE published_at IS NOT NULL").await, 1);
    let docs = app.count("SELECT COUNT(*) FROM document").await;
    assert!(docs >= 4, "a document per entry at least");
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, before + 1, "one message to the one entrant");
    // Running again later changes nothing.
    assert_eq!(app::api::results::publish_due(&app.state).await.unwrap(), 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM document").await, docs);
}

#[tokio::test]
async fn publication_ends_judging_for_everyone_and_later_saves_are_refused() {
    let j = jury().await;
    let app = &j.w.app;
    let pairs = assigned(app).await;
    let code_of = |entry: i64| j.entries.iter().find(|(e, _, _)| *e == entry).unwrap().1.clone();
    // One sheet submitted, one left as a draft; judging would run for weeks more.
    let (e1, a1) = pairs[0];
    let (e2, a2) = *pairs.iter().find(|(e, a)| *e != e1 || *a != a1).unwrap();
    let idx = |a: i64| j.judges.iter().position(|(id, _)| *id == a).unwrap();
    ok(&save(&j, idx(a1), &code_of(e1), "0", &["9", "9", "9"], "submit").await);
    ok(&save(&j, idx(a2), &code_of(e2), "0", &["4", "4", "4"], "").await);
    let detail = app.call("get_contest", &[("public_id", &j.w.contest)], &Jar::default()).await;
    assert_eq!(detail.json()["summary"]["phase"], "judging", "{}", detail.body);

    // The admin is told what publishing now means.
    let mut admin = j.admin.clone();
    admin.lang = Some("en".into());
    let review = app.get(&format!("/admin/contests/{}/results", j.w.contest), &admin).await;
    assert_eq!(review.select_text("#publish-ends-judging"), vec!["Judging is still open. Publishing now ends it at this moment for every judge: scores can no longer change."]);
    ok(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await);
    // From that moment judging is over, for every judge, whatever the timeline says.
    let detail = app.call("get_contest", &[("public_id", &j.w.contest)], &Jar::default()).await;
    assert_eq!(detail.json()["summary"]["phase"], "results");
    let sheets_before: Vec<(i64, String)> = sqlx::query_as("SELECT version, state FROM score_sheet ORDER BY sheet_id").fetch_all(&app.state.db).await.unwrap();
    for (a, e, version, action) in [(a1, e1, "1", ""), (a2, e2, "1", "submit"), (a2, e2, "1", "")] {
        let res = save(&j, idx(a), &code_of(e), version, &["1", "1", "1"], action).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
        assert_eq!(error_msg(&res).await, "ErrJudgingPublished");
    }
    let sheets_after: Vec<(i64, String)> = sqlx::query_as("SELECT version, state FROM score_sheet ORDER BY sheet_id").fetch_all(&app.state.db).await.unwrap();
    assert_eq!(sheets_after, sheets_before, "nothing written after publication");
    assert_eq!(app.count("SELECT COUNT(*) FROM score_history").await, 2);
    // The scoring screen says why, in the judge's language.
    let mut jar = j.judges[idx(a2)].1.clone();
    jar.lang = Some("ru".into());
    let page = app.get(&format!("/judge/{}/{}", j.w.contest, code_of(e2)), &jar).await;
    assert_eq!(page.select_text(".notice.warn"), vec!["Итоги опубликованы: оценивание завершено, оценки больше не меняются."]);
    assert!(page.select_attr("#score-form input[inputmode=decimal]", "disabled").len() == 3, "inputs disabled");
    assert!(page.select_text(".score-buttons button").is_empty(), "no buttons");
}

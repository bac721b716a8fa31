//! Results through the real router: compute, review with an override, publish exactly once
//! (by hand, by the job, by racing publishers), the public page, diplomas and verification.

use crate::contests::{CLOSE_UTC, ok};
use crate::judging::{Jury, assigned, jury, save};
use crate::submissions::{error_msg, relogin};
use baiqau_tests::{Jar, TestApp, TestResponse};
use http::StatusCode;

/// Every assigned judge submits every sheet: the first judge of each entry gives 9s, the
/// second 5s.
pub(crate) async fn score_everything(j: &Jury) {
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

pub(crate) fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub(crate) fn contest_form(j: &Jury) -> [(&str, &str); 1] {
    [("contest", j.w.contest.as_str())]
}

/// Every sheet in and a draft computed: publishing is the main action, with nothing before it.
async fn ready_to_publish(j: &Jury, review: &TestResponse) {
    assert_eq!((review.json()["sheets_left"].clone(), review.json()["judges_left"].clone()), (serde_json::json!(0), serde_json::json!(0)));
    let page = j.w.app.get(&format!("/admin/contests/{}/results", j.w.contest), &j.admin).await;
    assert_eq!(page.select_attr(".score-buttons button[type=submit]", "class"), vec!["button", "button primary"]);
    assert!(page.select_text("#sheets-left, #no-draft").is_empty());
}

/// "My entries" says the place and award in words and offers the diploma on the card; no
/// work still says only "submitted" once results are out.
async fn cards_show_place_and_diploma(app: &TestApp, parent: &Jar, place: u64, doc_code: &str) {
    let cards = app.get("/me/entries", parent).await;
    let card = cards.select_text(".work-card").into_iter().find(|c| c.contains("#read")).unwrap();
    assert!(card.contains(&format!("{place}-орын · ")), "{card}");
    assert!(cards.select_attr(".work-result .work-next a", "href").contains(&format!("/documents/{doc_code}.pdf")));
    assert!(cards.select_text(".work-state").iter().all(|s| s != "Жіберілді"), "{:?}", cards.select_text(".work-state"));
}

#[tokio::test]
async fn results_are_reviewed_overridden_published_once_and_diplomas_verify() {
    let j = jury().await;
    let app = &j.w.app;
    // A name built to break a template: printed as it is.
    sqlx::query("UPDATE participant SET full_name = '#read(\"/etc/passwd\") ]#pagebreak() Әлия' WHERE full_name = 'Әлия Серікова'").execute(&app.sql).await.unwrap();
    score_everything(&j).await;
    let results_page = format!("/contests/{}/results", j.w.contest);
    assert_eq!(app.get(&results_page, &Jar::default()).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("get_results", &contest_form(&j), &Jar::default()).await.status, StatusCode::NOT_FOUND);

    ok(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await);
    let review = app.call("admin_results", &contest_form(&j), &j.admin).await;
    ready_to_publish(&j, &review).await;
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
    sqlx::query("UPDATE participant SET supervisor_email = 'teacher@school.kz' WHERE full_name LIKE '#read%'").execute(&app.sql).await.unwrap();
    // Publish early by hand, once.
    ok(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await);
    assert_eq!(error_msg(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await).await, "ErrAlreadyPublished");
    assert_eq!(error_msg(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await).await, "ErrAlreadyPublished");
    assert_eq!(app.count("SELECT COUNT(*) FROM result_version WHERE published_at IS NOT NULL").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE '%нәтижелері%' OR subject LIKE '%итоги%' OR subject LIKE '%results%'").await, 2, "the entrant and the teacher");
    let teacher: String = sqlx::query_scalar("SELECT body_text FROM outbox WHERE to_addr = 'teacher@school.kz'").fetch_one(&app.sql).await.unwrap();
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
    let hostile: String = sqlx::query_scalar("SELECT e.public_id FROM entry e JOIN participant p USING (participant_id) WHERE p.full_name LIKE '#read%' LIMIT 1").fetch_one(&app.sql).await.unwrap();
    let mine = app.call("get_my_entry", &[("id", hostile.as_str())], &parent).await;
    let docs = mine.json()["result"]["documents"].as_array().unwrap().clone();
    assert!(!docs.is_empty(), "{}", mine.body);
    let doc_code = docs[0][1].as_str().unwrap().to_owned();
    cards_show_place_and_diploma(app, &parent, mine.json()["result"]["place"].as_u64().unwrap(), &doc_code).await;
    let pdf: TestResponse = app.get(&format!("/documents/{doc_code}.pdf"), &parent).await;
    assert_eq!((pdf.status, pdf.header("content-type")), (StatusCode::OK, Some("application/pdf")));
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf.bytes);
    assert!(text.contains("#read(\"/etc/passwd\") ]#pagebreak() Әлия"), "printed literally with real Kazakh glyphs:\n{text}");
    assert!(text.contains(&doc_code), "{text}");
    let stranger = app.register("stranger@mail.kz", "S", "correct horse battery").await;
    assert_eq!(app.get(&format!("/documents/{doc_code}.pdf"), &stranger).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/documents/{doc_code}.pdf"), &Jar::default()).await.status, StatusCode::NOT_FOUND);
    // Made once, then served from the store.
    assert_eq!(app.stored_keys("documents").await, vec![format!("documents/{doc_code}.pdf")]);

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
    // … and is no longer handed out as if it were valid, even to its holder.
    let mut ru = parent.clone();
    ru.lang = Some("ru".into());
    let gone = app.get(&format!("/documents/{doc_code}.pdf"), &ru).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert_eq!(gone.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(gone.select_text("#revoked"), vec!["Документ отозван: Ошибка в фамилии"]);
    assert_eq!(gone.select_attr("a", "href"), vec![format!("/verify/{doc_code}")]);
    // Names in full once the contest says so, on every instance: a second one has built and
    // kept the page too, and the change made on the first reaches it without a message.
    let other = app.another_instance().await;
    assert!(!other.get(&results_page, &Jar::default()).await.body.contains("Зарина Уникальнова"));
    assert!(!app.get(&results_page, &Jar::default()).await.body.contains("Зарина Уникальнова"));
    ok(&app.call("admin_results_settings", &[("contest", j.w.contest.as_str()), ("name_display", "full"), ("show_comments", "on")], &j.admin).await);
    assert!(app.get(&results_page, &Jar::default()).await.body.contains("Зарина Уникальнова"));
    assert!(other.get(&results_page, &Jar::default()).await.body.contains("Зарина Уникальнова"), "no stale page on the other instance");
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
    assert_eq!(app::service::results::publish_due(&app.state).await.unwrap(), 0);
    let results_at: i64 = sqlx::query_scalar("SELECT results_at FROM contest").fetch_one(&app.sql).await.unwrap();
    app.clock.set(results_at);
    // Two servers' jobs at once on one database.
    let (a, b, c) = tokio::join!(
        app::service::results::publish_due(&app.state),
        app::service::results::publish_due(&app.state),
        app::service::results::publish_due(&app.state)
    );
    assert_eq!(a.unwrap() + b.unwrap() + c.unwrap(), 1, "exactly one publisher won");
    assert_eq!(app.count("SELECT COUNT(*) FROM contest WHERE published_at IS NOT NULL").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM result_version WHERE published_at IS NOT NULL").await, 1);
    // The losers left nothing behind: one version, one audit line.
    assert_eq!(app.count("SELECT COUNT(*) FROM result_version").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'results.publish'").await, 1);
    let docs = app.count("SELECT COUNT(*) FROM document").await;
    assert!(docs >= 4, "a document per entry at least");
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, before + 1, "one message to the one entrant");
    // Running again later changes nothing.
    assert_eq!(app::service::results::publish_due(&app.state).await.unwrap(), 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM document").await, docs);
    // The diplomas are made off the request path by one instance: while another holds the
    // version's lease nothing happens; then every PDF goes into the store, once.
    assert!(app.stored_keys("documents").await.is_empty());
    let lease = "SELECT 'documents:' || CAST(contest_id AS TEXT) || ':1' FROM contest";
    let name: String = sqlx::query_scalar(lease).fetch_one(&app.sql).await.unwrap();
    assert!(app::backend::db::leases::claim(&app.state.db, &name, "another-instance", app.state.now(), app.state.now() + 60).await.unwrap());
    assert_eq!(server::documents::make_due(&app.state).await.unwrap(), 0);
    assert!(app.stored_keys("documents").await.is_empty());
    app.clock.advance(61);
    let made = server::documents::make_due(&app.state).await.unwrap();
    assert_eq!(i64::try_from(made).unwrap(), app.count("SELECT COUNT(*) FROM document WHERE revoked_at IS NULL").await);
    let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM document ORDER BY code").fetch_all(&app.sql).await.unwrap();
    assert_eq!(app.stored_keys("documents").await, codes.iter().map(|c| format!("documents/{c}.pdf")).collect::<Vec<_>>());
    assert_eq!(app.count("SELECT COUNT(*) FROM result_version WHERE documents_made_at IS NOT NULL").await, 1);
    assert_eq!(server::documents::make_due(&app.state).await.unwrap(), 0, "made once");
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
    // What is missing comes first, and publishing is not the main action while it is.
    let owed = app.count("SELECT COUNT(*) FROM assignment a JOIN entry e USING (entry_id) WHERE e.state = 'submitted' AND NOT EXISTS (SELECT 1 FROM score_sheet s WHERE s.entry_id = a.entry_id AND s.account_id = a.account_id AND s.state = 'submitted')").await;
    let judges = app.count("SELECT COUNT(DISTINCT a.account_id) FROM assignment a WHERE NOT EXISTS (SELECT 1 FROM score_sheet s WHERE s.entry_id = a.entry_id AND s.account_id = a.account_id AND s.state = 'submitted')").await;
    assert!(owed > 0 && judges > 0);
    assert_eq!(
        review.select_text("#sheets-left"),
        vec![format!("Score sheets not yet submitted: {owed} (from {judges} judges). Publish now and they will not count. Judging")]
    );
    assert_eq!(review.select_text("#no-draft"), vec!["There is no draft of the results yet: compute it and check it first."]);
    let buttons = |page: &TestResponse| page.select_attr(".score-buttons button[type=submit]", "class");
    assert_eq!(buttons(&review), vec!["button primary", "button"], "compute first, publish second");
    ok(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await);
    let review = app.get(&format!("/admin/contests/{}/results", j.w.contest), &admin).await;
    assert!(review.select_text("#no-draft").is_empty());
    assert_eq!(buttons(&review), vec!["button", "button"], "sheets are still owed");
    ok(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await);
    // From that moment judging is over, for every judge, whatever the timeline says.
    let detail = app.call("get_contest", &[("public_id", &j.w.contest)], &Jar::default()).await;
    assert_eq!(detail.json()["summary"]["phase"], "results");
    let sheets_before: Vec<(i64, String)> = sqlx::query_as("SELECT version, state FROM score_sheet ORDER BY sheet_id").fetch_all(&app.sql).await.unwrap();
    for (a, e, version, action) in [(a1, e1, "1", ""), (a2, e2, "1", "submit"), (a2, e2, "1", "")] {
        let res = save(&j, idx(a), &code_of(e), version, &["1", "1", "1"], action).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
        assert_eq!(error_msg(&res).await, "ErrJudgingPublished");
    }
    let sheets_after: Vec<(i64, String)> = sqlx::query_as("SELECT version, state FROM score_sheet ORDER BY sheet_id").fetch_all(&app.sql).await.unwrap();
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

/// (entry, judge) pairs of the jury's assignments, by entry.
async fn panels_of(j: &Jury) -> std::collections::BTreeMap<i64, Vec<i64>> {
    let mut m: std::collections::BTreeMap<i64, Vec<i64>> = std::collections::BTreeMap::new();
    for (e, a) in assigned(&j.w.app).await {
        m.entry(e).or_default().push(a);
    }
    m
}

fn judge_idx(j: &Jury, account: i64) -> usize {
    j.judges.iter().position(|(id, _)| *id == account).unwrap()
}

fn code_of(j: &Jury, entry: i64) -> String {
    j.entries.iter().find(|(e, _, _)| *e == entry).unwrap().1.clone()
}

/// The judge at `position` on each work's panel submits `points` for every criterion
/// (works without such a judge, or listed in `skip`, are left alone).
async fn judges_at(j: &Jury, panels: &std::collections::BTreeMap<i64, Vec<i64>>, position: usize, points: &str, skip: &[i64]) {
    for (e, js) in panels.iter().filter(|(e, _)| !skip.contains(e)) {
        if let Some(judge) = js.get(position) {
            ok(&save(j, judge_idx(j, *judge), &code_of(j, *e), "0", &[points, points, points], "submit").await);
        }
    }
}

/// The published (or latest) line of each entry: entry → (score, place, award, excluded reasons).
async fn lines_of(j: &Jury, admin: &Jar) -> std::collections::BTreeMap<String, (String, i64, String, Vec<String>)> {
    let review = j.w.app.call("admin_results", &contest_form(j), admin).await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.body);
    review.json()["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let excluded = l["explanation"]["excluded"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_owned()).collect();
            (l["code"].as_str().unwrap().to_owned(), (l["score"].as_str().unwrap().to_owned(), l["place"].as_i64().unwrap(), l["award"].as_str().unwrap_or("none").to_owned(), excluded))
        })
        .collect()
}

#[tokio::test]
async fn a_sheet_counts_only_while_its_judge_is_assigned_and_has_not_recused() {
    let j = jury().await;
    let app = &j.w.app;
    let panels = panels_of(&j).await;
    // Two works each with two judges: the first judge gives full marks (100 %), the second
    // nothing (0 %). Together: 50.
    let mut two = panels.iter().filter(|(_, js)| js.len() == 2);
    let (recused_entry, rj) = two.next().map(|(e, js)| (*e, js.clone())).unwrap();
    let (removed_entry, mj) = two.next().map(|(e, js)| (*e, js.clone())).unwrap();
    for (e, js) in [(recused_entry, &rj), (removed_entry, &mj)] {
        ok(&save(&j, judge_idx(&j, js[0]), &code_of(&j, e), "0", &["10", "10", "10"], "submit").await);
        ok(&save(&j, judge_idx(&j, js[1]), &code_of(&j, e), "0", &["0", "0", "0"], "submit").await);
    }
    ok(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await);
    let before = lines_of(&j, &j.admin).await;
    assert_eq!(before[&code_of(&j, recused_entry)].0, "50");
    assert_eq!(before[&code_of(&j, removed_entry)].0, "50");
    // The second judge of one recuses after submitting; the admin takes the other work away
    // from its second judge. Their sheets stay in the history and no longer count.
    ok(&app.call("judge_recuse", &[("contest", &j.w.contest), ("code", &code_of(&j, recused_entry)), ("reason", "Оқушым екен")], &j.judges[judge_idx(&j, rj[1])].1).await);
    let form = [("contest", j.w.contest.as_str()), ("code", &code_of(&j, removed_entry)), ("judge", &mj[1].to_string()), ("on", "0")];
    ok(&app.call("admin_set_assignment", &form, &j.admin).await);
    // The dashboard already shows the numbers the results will use.
    let dash = app.call("admin_judging", &[("contest", &j.w.contest)], &j.admin).await;
    let stat = |id: i64| dash.json()["stats"].as_array().unwrap().iter().find(|s| s["judge"]["id"] == id).unwrap()["submitted"].as_i64().unwrap();
    for id in [rj[0], rj[1], mj[0], mj[1]] {
        let counted = [rj[0], mj[0]].iter().filter(|x| **x == id).count() as i64;
        assert_eq!(stat(id), counted, "judge {id}: only the sheets that count");
    }
    ok(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await);
    let after = lines_of(&j, &j.admin).await;
    assert_eq!(after[&code_of(&j, recused_entry)].0, "100", "{after:?}");
    assert_eq!(after[&code_of(&j, recused_entry)].3, vec!["Recused"]);
    assert_eq!(after[&code_of(&j, removed_entry)].0, "100");
    assert_eq!(after[&code_of(&j, removed_entry)].3, vec!["Unassigned"]);
    assert_eq!(app.count("SELECT COUNT(*) FROM score_sheet WHERE state = 'submitted'").await, 4, "the history keeps every sheet");
    // The admin's review says which sheets were left out.
    let mut admin = j.admin.clone();
    admin.lang = Some("en".into());
    let page = app.get(&format!("/admin/contests/{}/results", j.w.contest), &admin).await;
    let notes = page.select_text(".explain .excluded");
    assert!(notes.contains(&"Not counted: a sheet of a judge who recused".to_owned()), "{notes:?}");
    assert!(notes.contains(&"Not counted: a sheet of a judge no longer assigned".to_owned()), "{notes:?}");
    // Published, the scores export marks the same sheets as not counted: it agrees with the
    // results export.
    ok(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await);
    let csv = app.get(&format!("/admin/contests/{}/export/scores.csv", j.w.contest), &admin).await;
    assert_eq!(csv.status, StatusCode::OK);
    let ends = |tail: &str| csv.body.lines().filter(|l| l.trim_end().ends_with(tail)).count();
    assert_eq!((ends(",Yes"), ends(",a sheet of a judge who recused"), ends(",a sheet of a judge no longer assigned")), (6, 3, 3), "{}", csv.body);
}

#[tokio::test]
async fn publication_computes_afresh_from_every_sheet_and_keeps_the_admins_overrides() {
    let j = jury().await;
    let app = &j.w.app;
    let panels = panels_of(&j).await;
    // Half the sheets first (the first judge of each work, 90 %), then an early preview.
    judges_at(&j, &panels, 0, "9", &[]).await;
    ok(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await);
    let draft = lines_of(&j, &j.admin).await;
    assert!(draft.values().all(|l| l.0 == "90"), "{draft:?}");
    let first = code_of(&j, *panels.keys().next().unwrap());
    let form = [("contest", j.w.contest.as_str()), ("code", first.as_str()), ("award", "mention"), ("reason", "Решение жюри")];
    ok(&app.call("admin_override_award", &form, &j.admin).await);
    // The rest of the sheets arrive after the preview (the second judges, 50 %).
    judges_at(&j, &panels, 1, "5", &[]).await;
    // The results time passes: the server's job publishes what the sheets say now.
    let results_at: i64 = sqlx::query_scalar("SELECT results_at FROM contest").fetch_one(&app.sql).await.unwrap();
    app.clock.set(results_at);
    assert_eq!(app::service::results::publish_due(&app.state).await.unwrap(), 1);
    let published: (i64, i64) = sqlx::query_as("SELECT published_version, (SELECT MAX(version) FROM result_version) FROM contest").fetch_one(&app.sql).await.unwrap();
    assert_eq!(published, (2, 2), "a fresh version, not the stale draft");
    let lines = lines_of(&j, &relogin(app, "admin@lib.kz").await).await;
    for (e, js) in &panels {
        let want = if js.len() == 2 { "70" } else { "90" };
        assert_eq!(lines[&code_of(&j, *e)].0, want, "{lines:?}");
        assert_eq!(lines[&code_of(&j, *e)].1, 1, "alone in its group: first");
    }
    let over: Vec<(String, String)> = sqlx::query_as("SELECT e.code, l.override_award FROM result_line l JOIN entry e USING (entry_id) WHERE l.version = 2 AND l.override_award IS NOT NULL").fetch_all(&app.sql).await.unwrap();
    assert_eq!(over, vec![(first.clone(), "mention".to_owned())], "the override carried over");
    // Published, documented and recorded together.
    assert_eq!(app.count("SELECT COUNT(*) FROM document WHERE version = 2").await, app.count("SELECT COUNT(*) FROM document").await);
    let audit: String = sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'results.publish'").fetch_one(&app.sql).await.unwrap();
    assert_eq!(audit, "version 2");
}

#[tokio::test]
async fn a_judged_work_is_frozen_even_with_an_extension_until_an_admin_sends_it_back() {
    let j = jury().await;
    let app = &j.w.app;
    let panels = panels_of(&j).await;
    // The parent has a personal extension well into judging.
    ok(&app.call("admin_extend_for_entrant", &[("contest", &j.w.contest), ("email", "parent@mail.kz"), ("new_close", "2027-02-02T23:59")], &j.admin).await);
    let parent = relogin(app, "parent@mail.kz").await;
    let mut entries = panels.iter();
    let (judged, js) = entries.next().map(|(e, js)| (*e, js.clone())).unwrap();
    let (other, _) = entries.next().map(|(e, js)| (*e, js.clone())).unwrap();
    let facts = |entry: i64| async move {
        let row: (String, String, i64) = sqlx::query_as("SELECT e.public_id, p.public_id, e.nomination_id FROM entry e JOIN participant p USING (participant_id) WHERE e.entry_id = $1")
            .bind(entry)
            .fetch_one(&app.sql)
            .await
            .unwrap();
        row
    };
    let parent_ref = &parent;
    let edit = |entry: (String, String, i64), title: &'static str| async move {
        let nomination = entry.2.to_string();
        let form = [("id", entry.0.as_str()), ("participant", entry.1.as_str()), ("nomination", nomination.as_str()), ("title", title), ("description", "")];
        app.call("update_entry", &form, parent_ref).await
    };
    let judged_facts = facts(judged).await;
    // A draft sheet does not freeze it; a submitted one does.
    ok(&save(&j, judge_idx(&j, js[0]), &code_of(&j, judged), "0", &["6", "6", "6"], "").await);
    ok(&edit(judged_facts.clone(), "Бірінші түзету").await);
    ok(&save(&j, judge_idx(&j, js[0]), &code_of(&j, judged), "1", &["6", "6", "6"], "submit").await);
    let title_before: String = sqlx::query_scalar("SELECT title FROM entry WHERE entry_id = $1").bind(judged).fetch_one(&app.sql).await.unwrap();
    assert_eq!(title_before, "Бірінші түзету");
    let res = edit(judged_facts.clone(), "Екінші түзету").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_msg(&res).await, "ErrEntryJudged");
    let res = crate::uploads::begin(app, &parent, &judged_facts.0, "new.pdf", 5_000, None).await;
    assert_eq!(error_msg(&res).await, "ErrEntryJudged");
    assert_eq!(error_msg(&app.call("withdraw_entry", &[("id", judged_facts.0.as_str())], &parent).await).await, "ErrEntryJudged");
    let state: (String, String) = sqlx::query_as("SELECT title, state FROM entry WHERE entry_id = $1").bind(judged).fetch_one(&app.sql).await.unwrap();
    assert_eq!(state, ("Бірінші түзету".to_owned(), "submitted".to_owned()), "nothing changed");
    // The entrant's page says why; another work, not yet scored, still changes.
    let mut ru = parent.clone();
    ru.lang = Some("ru".into());
    let page = app.get(&format!("/entries/{}", judged_facts.0), &ru).await;
    assert_eq!(page.select_text("#judged-note"), vec!["Эту работу уже оценивают: изменить её нельзя. Если в ней ошибка, напишите организатору."]);
    ok(&edit(facts(other).await, "Басқа жұмыс").await);

    // The admin sends it back, with a reason: the sheet is a draft again, the work changes.
    let form = [("id", judged_facts.0.as_str()), ("reason", "")];
    assert_eq!(error_msg(&app.call("admin_unfreeze_entry", &form, &j.admin).await).await, "ErrRequired");
    assert_eq!(app.call("admin_unfreeze_entry", &[("id", judged_facts.0.as_str()), ("reason", "x")], &parent).await.status, StatusCode::FORBIDDEN);
    let form = [("id", judged_facts.0.as_str()), ("reason", "Қате файл жүктелген")];
    ok(&app.call("admin_unfreeze_entry", &form, &j.admin).await);
    let sheet: (String, i64) = sqlx::query_as("SELECT state, version FROM score_sheet WHERE entry_id = $1").bind(judged).fetch_one(&app.sql).await.unwrap();
    assert_eq!(sheet, ("draft".to_owned(), 3));
    assert_eq!(app.count("SELECT COUNT(*) FROM score_history WHERE new_value LIKE '%sent_back%'").await, 1);
    let audit: String = sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'entry.unfreeze'").fetch_one(&app.sql).await.unwrap();
    assert_eq!(audit, "1 sheets sent back: Қате файл жүктелген");
    ok(&edit(judged_facts.clone(), "Екінші түзету").await);
    // Nothing to send back twice.
    assert_eq!(error_msg(&app.call("admin_unfreeze_entry", &form, &j.admin).await).await, "ErrNotJudged");
    // Until the judge submits again, the sheet does not count.
    ok(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await);
    let lines = lines_of(&j, &j.admin).await;
    assert_eq!(lines[&code_of(&j, judged)].3, vec!["Draft"]);
    assert_eq!(lines[&code_of(&j, judged)].0, "0");
}

#[tokio::test]
async fn the_reconciliation_check_agrees_after_publication_and_catches_a_corrupted_line() {
    let j = jury().await;
    let app = &j.w.app;
    score_everything(&j).await;
    ok(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await);
    // Run right after publication (beside the admin's answer), recorded.
    let mut audit: Option<String> = None;
    for _ in 0..200 {
        audit = sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'results.reconcile'").fetch_optional(&app.sql).await.unwrap();
        if audit.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(audit.as_deref(), Some("version 1: agrees"));
    // Nothing that counts can change any more: no recusal, no reassignment.
    let (e, a) = assigned(app).await[0];
    let res = app.call("judge_recuse", &[("contest", &j.w.contest), ("code", &code_of(&j, e)), ("reason", "кеш")], &j.judges[judge_idx(&j, a)].1).await;
    assert_eq!(error_msg(&res).await, "ErrJudgingPublished");
    let form = [("contest", j.w.contest.as_str()), ("code", &code_of(&j, e)), ("judge", &a.to_string()), ("on", "0")];
    assert_eq!(error_msg(&app.call("admin_set_assignment", &form, &j.admin).await).await, "ErrAlreadyPublished");
    assert_eq!(error_msg(&app.call("admin_assign", &contest_form(&j), &j.admin).await).await, "ErrAlreadyPublished");
    let c = app::backend::db::contests::find(&app.state.db, &j.w.contest).await.unwrap().unwrap();
    assert_eq!(app::service::results::reconcile(&app.state, &c).await.unwrap(), vec![]);

    // A line changed behind the application's back is caught, exactly.
    sqlx::query("UPDATE result_line SET place = 2, score = 55000000 WHERE entry_id = $1").bind(e).execute(&app.sql).await.unwrap();
    let found = app::service::results::reconcile(&app.state, &c).await.unwrap();
    let code = code_of(&j, e);
    let want: Vec<(String, String, String, String)> = vec![
        (code.clone(), "score".into(), "55".into(), "70".into()),
        (code.clone(), "place".into(), "2".into(), "1".into()),
    ];
    assert_eq!(found.iter().map(|m| (m.code.clone(), m.what.clone(), m.published.clone(), m.computed.clone())).collect::<Vec<_>>(), want);
}

#[tokio::test]
async fn a_manual_publication_after_a_stale_draft_publishes_the_fresh_computation_and_lists_overrides_it_could_not_keep() {
    let j = jury().await;
    let app = &j.w.app;
    let panels = panels_of(&j).await;
    judges_at(&j, &panels, 0, "9", &[]).await;
    ok(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await);
    // An override on a work that is then disqualified: it cannot follow the work.
    let (gone, _) = panels.iter().next().map(|(e, js)| (*e, js.clone())).unwrap();
    let form = [("contest", j.w.contest.as_str()), ("code", &code_of(&j, gone)), ("award", "mention"), ("reason", "Жюри шешімі")];
    ok(&app.call("admin_override_award", &form, &j.admin).await);
    let public: String = sqlx::query_scalar("SELECT public_id FROM entry WHERE entry_id = $1").bind(gone).fetch_one(&app.sql).await.unwrap();
    ok(&app.call("admin_disqualify_entry", &[("id", public.as_str()), ("reason", "Көшірме")], &j.admin).await);
    judges_at(&j, &panels, 1, "5", &[gone]).await;
    ok(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await);
    let lines = lines_of(&j, &j.admin).await;
    assert!(!lines.contains_key(&code_of(&j, gone)), "the disqualified work is not ranked");
    for (e, js) in panels.iter().filter(|(e, _)| **e != gone) {
        assert_eq!(lines[&code_of(&j, *e)].0, if js.len() == 2 { "70" } else { "90" }, "{lines:?}");
    }
    let mut admin = j.admin.clone();
    admin.lang = Some("en".into());
    let page = app.get(&format!("/admin/contests/{}/results", j.w.contest), &admin).await;
    assert_eq!(page.select_text("#dropped-overrides li"), vec![format!("{} — Honourable mention — Жюри шешімі", code_of(&j, gone))]);
    let audit: String = sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'results.publish'").fetch_one(&app.sql).await.unwrap();
    assert_eq!(audit, format!("version 2; overrides not carried over (no line now) for entries [{gone}]"));
}

/// Who is a minor is decided by age at the contest's reference date (its age cut-off,
/// 2027-01-01 here) and kept with the published version: a girl of 17 then is shown
/// shortened, and still is when she turns 18 and the page is built afresh; a young man of
/// 18 on that day is shown in full.
#[tokio::test]
async fn a_minor_at_the_reference_date_stays_one_after_turning_eighteen() {
    let j = jury().await;
    let app = &j.w.app;
    // Zarina turns 18 on 2027-03-01, after the cut-off and after the results (2027-02-20).
    sqlx::query("UPDATE participant SET birth_date = '2009-03-01' WHERE full_name = 'Зарина Уникальнова'").execute(&app.sql).await.unwrap();
    // Әлия is renamed into a young man who was 18 on the cut-off day itself.
    sqlx::query("UPDATE participant SET birth_date = '2009-01-01', full_name = 'Ерлан Жанұзақов' WHERE full_name = 'Әлия Серікова'").execute(&app.sql).await.unwrap();
    score_everything(&j).await;
    ok(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await);
    ok(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await);
    let flags: Vec<(String, i64)> = sqlx::query_as(
        "SELECT DISTINCT p.full_name, CASE WHEN l.minor THEN 1 ELSE 0 END FROM result_line l JOIN entry e ON e.entry_id = l.entry_id
         JOIN participant p ON p.participant_id = e.participant_id ORDER BY p.full_name",
    )
    .fetch_all(&app.sql)
    .await
    .unwrap();
    assert_eq!(flags, [("Ерлан Жанұзақов".to_owned(), 0), ("Зарина Уникальнова".to_owned(), 1)]);
    let page = format!("/contests/{}/results", j.w.contest);
    let public = app.get(&page, &Jar::default()).await;
    assert!(public.body.contains("Зарина У., Өскемен") && !public.body.contains("Уникальнова"));
    assert!(public.body.contains("Ерлан Жанұзақов"));
    // A year later, on an instance that builds the page for the first time.
    app.clock.set(CLOSE_UTC + 400 * 86_400);
    let later = app.another_instance().await;
    let public = later.get(&page, &Jar::default()).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("Зарина У., Өскемен") && !public.body.contains("Уникальнова"), "still shown as the minor she was");
    // The same on the public check of her diploma.
    let code: String = sqlx::query_scalar(
        "SELECT d.code FROM document d JOIN entry e ON e.entry_id = d.entry_id JOIN participant p ON p.participant_id = e.participant_id
         WHERE p.full_name = 'Зарина Уникальнова' AND d.kind = 'diploma' LIMIT 1",
    )
    .fetch_one(&app.sql)
    .await
    .unwrap();
    let v = later.get(&format!("/verify/{code}"), &Jar::default()).await;
    assert!(v.select_text(".holder").iter().all(|h| !h.contains("Уникальнова")), "{:?}", v.select_text(".holder"));
}

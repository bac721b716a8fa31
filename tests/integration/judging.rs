//! Judging through the real router: invitations, panels and balanced assignment with
//! conflicts, the scoring sheet's refusals and versions, blind judging, and who sees scores.

use crate::contests::{CLOSE_UTC, ok};
use crate::submissions::{World, add_participant, create_entry, error_msg, last_entry, relogin, world};
use crate::uploads::{docx_with_author, jpeg, jpeg_with_exif, mp3_with_artist, pdf, pdf_with, upload};
use baiqau_tests::{Jar, TestApp, TestResponse};
use http::StatusCode;
use std::collections::{HashMap, HashSet};

/// Names seeded to be searched for in everything a blind judge can load.
pub(crate) const SECRET_CHILD: &str = "Зарина Уникальнова";
const SECRET_SCHOOL: &str = "Гимназия Бесконечность";
const SECRET_FILE: &str = "секрет-имени";

pub(crate) struct Jury {
    /// The tale of the first child, whose PDF, DOCX and MP3 name her in their metadata.
    pub(crate) secret_tale: String,
    pub(crate) w: World,
    pub(crate) admin: Jar,
    pub(crate) judges: Vec<(i64, Jar)>,
    /// (entry id, code, participant name)
    pub(crate) entries: Vec<(i64, String, String)>,
    pub(crate) criteria: Vec<i64>,
}

pub(crate) async fn invite_and_accept(app: &TestApp, admin: &Jar, contest: &str, email: &str, organisation: &str) -> Jar {
    ok(&app.call("admin_invite_judge", &[("contest", contest), ("email", email), ("organisation", organisation)], admin).await);
    let body: String = sqlx::query_scalar("SELECT body_text FROM outbox WHERE to_addr = $1 ORDER BY outbox_id DESC LIMIT 1")
        .bind(email)
        .fetch_one(&app.sql)
        .await
        .unwrap();
    let token = body.split("token=").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
    let res = app.call("accept_invitation", &[("token", &token), ("display_name", email), ("password", "correct horse battery")], &Jar::default()).await;
    ok(&res);
    let mut jar = Jar::default();
    jar.absorb(&res);
    // The link works once.
    let again = app.call("accept_invitation", &[("token", &token), ("display_name", "x"), ("password", "correct horse battery")], &Jar::default()).await;
    assert_eq!(error_msg(&again).await, "ErrInvitationInvalid");
    jar
}

/// Four submitted works (two of them by a child of the "Бесконечность" school), three judges
/// (the first from that school), balanced panels of two per work, clock inside judging.
pub(crate) async fn jury() -> Jury {
    let w = world().await;
    let app = &w.app;
    let secret = add_participant(app, &w.parent, SECRET_CHILD, "2016-02-02", true).await;
    sqlx::query("UPDATE participant SET school = $1 WHERE full_name = $2").bind(SECRET_SCHOOL).bind(SECRET_CHILD).execute(&app.sql).await.unwrap();
    // The tale takes documents and sound too: her work comes as a PDF, a DOCX and an MP3,
    // each naming her in its metadata.
    let mut secret_tale = String::new();
    sqlx::query("UPDATE nomination SET allowed_kinds = 'pdf,document,audio' WHERE nomination_id = $1").bind(w.tale.parse::<i64>().unwrap()).execute(&app.sql).await.unwrap();
    for (who, nomination, title, file) in [
        (&secret, &w.drawing, "Қыс", jpeg_with_exif(400, 300)),
        // Its PDF names her in its metadata (Info and XMP): blind judges get it without.
        (&secret, &w.tale, "Ертегі", pdf_with(4_000, &format!("/Author ({SECRET_CHILD}) /Creator ({SECRET_SCHOOL})"), "Once upon a time")),
        (&w.child, &w.drawing, "Көктем", jpeg(300, 300)),
        (&w.child, &w.tale, "Аңыз", pdf(5_000)),
    ] {
        ok(&create_entry(app, &w.parent, &w.contest, who, nomination, title, title).await);
        let id = last_entry(app).await;
        let ext = if file.starts_with(b"%PDF") { "pdf" } else { "jpg" };
        assert_eq!(upload(app, &w.parent, &id, &format!("{SECRET_FILE}.{ext}"), &file).await.status, StatusCode::OK);
        if who == &secret && nomination == &w.tale {
            secret_tale = id.clone();
            assert_eq!(upload(app, &w.parent, &id, &format!("{SECRET_FILE}.docx"), &docx_with_author(SECRET_CHILD)).await.status, StatusCode::OK);
            assert_eq!(upload(app, &w.parent, &id, &format!("{SECRET_FILE}.mp3"), &mp3_with_artist(SECRET_CHILD)).await.status, StatusCode::OK);
        }
        ok(&app.call("submit_entry", &[("id", &id)], &w.parent).await);
    }
    // Judging: sessions from two months ago have ended.
    app.clock.set(CLOSE_UTC + 3_600);
    let admin = relogin(app, "admin@lib.kz").await;
    let mut judges = Vec::new();
    for (email, org) in [("judge1@lib.kz", "гимназия «Бесконечность»"), ("judge2@lib.kz", "Областная библиотека"), ("judge3@lib.kz", "")] {
        let jar = invite_and_accept(app, &admin, &w.contest, email, org).await;
        let id: i64 = sqlx::query_scalar("SELECT account_id FROM account WHERE email = $1").bind(email).fetch_one(&app.sql).await.unwrap();
        judges.push((id, jar));
    }
    let ids: Vec<String> = judges.iter().map(|(id, _)| id.to_string()).collect();
    for nomination in [&w.drawing, &w.tale] {
        let mut form = vec![("contest", w.contest.as_str()), ("nomination", nomination.as_str()), ("age_group", ""), ("mode", "balanced"), ("k", "2")];
        for id in &ids {
            form.push(("judges[]", id.as_str()));
        }
        ok(&app.call("admin_save_panel", &form, &admin).await);
    }
    ok(&app.call("admin_assign", &[("contest", &w.contest)], &admin).await);
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT e.entry_id, e.code, p.full_name FROM entry e JOIN participant p USING (participant_id) ORDER BY e.entry_id",
    )
    .fetch_all(&app.sql)
    .await
    .unwrap();
    let criteria = sqlx::query_scalar("SELECT criterion_id FROM criterion WHERE nomination_id IS NULL ORDER BY position").fetch_all(&app.sql).await.unwrap();
    Jury { w, admin, judges, entries: rows, criteria, secret_tale }
}

pub(crate) async fn assigned(app: &TestApp) -> Vec<(i64, i64)> {
    sqlx::query_as("SELECT entry_id, account_id FROM assignment ORDER BY entry_id, account_id").fetch_all(&app.sql).await.unwrap()
}

/// A judge's entry they are assigned to, and one they are not.
async fn split(j: &Jury, judge: usize) -> (String, String) {
    let pairs = assigned(&j.w.app).await;
    let me = j.judges[judge].0;
    let mine: HashSet<i64> = pairs.iter().filter(|(_, a)| *a == me).map(|(e, _)| *e).collect();
    let code = |want: bool| j.entries.iter().find(|(e, _, _)| mine.contains(e) == want).map(|(_, c, _)| c.clone()).unwrap();
    (code(true), code(false))
}

pub(crate) async fn save(j: &Jury, judge: usize, code: &str, version: &str, points: &[&str], action: &str) -> TestResponse {
    save_on(&j.w.app, j, judge, code, version, points, action).await
}

/// `save` sent to a given instance of the app.
async fn save_on(app: &TestApp, j: &Jury, judge: usize, code: &str, version: &str, points: &[&str], action: &str) -> TestResponse {
    let keys: Vec<String> = j.criteria.iter().map(|c| format!("points[c{c}]")).collect();
    let mut form = vec![("contest", j.w.contest.as_str()), ("code", code), ("version", version), ("comment", "Жақсы жұмыс"), ("note", "private"), ("action", action)];
    for (k, v) in keys.iter().zip(points) {
        form.push((k.as_str(), v));
    }
    app.call("judge_save", &form, &j.judges[judge].1).await
}

#[tokio::test]
async fn assignment_gives_two_judges_each_keeps_loads_even_and_avoids_conflicts() {
    let j = jury().await;
    let app = &j.w.app;
    let pairs = assigned(app).await;
    let mut per_entry: HashMap<i64, HashSet<i64>> = HashMap::new();
    let mut load: HashMap<i64, usize> = j.judges.iter().map(|(id, _)| (*id, 0)).collect();
    for (e, a) in &pairs {
        per_entry.entry(*e).or_default().insert(*a);
        *load.get_mut(a).unwrap() += 1;
    }
    assert_eq!(per_entry.len(), 4);
    assert!(per_entry.values().all(|s| s.len() == 2), "{per_entry:?}");
    let judge1 = j.judges[0].0;
    for (e, _, name) in &j.entries {
        if name == SECRET_CHILD {
            assert!(!per_entry[e].contains(&judge1), "a judge from the child's school was assigned");
        }
    }
    let (min, max) = (load.values().min().unwrap(), load.values().max().unwrap());
    assert!(max - min <= 1, "{load:?}");
    // Running it again adds nothing; roles and the judge pool are as invited.
    ok(&app.call("admin_assign", &[("contest", &j.w.contest)], &j.admin).await);
    assert_eq!(assigned(app).await, pairs);
    assert_eq!(app.count("SELECT COUNT(*) FROM account WHERE role = 'judge'").await, 3);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'assignment.auto'").await, 2);
    let dash = app.call("admin_judging", &[("contest", &j.w.contest)], &j.admin).await;
    let conflicts = dash.json()["conflicts"].as_array().unwrap().clone();
    assert_eq!(conflicts.iter().filter(|c| c["kind"] == "organisation").count(), 2, "{conflicts:?}");
    // Only admins run the dashboard.
    assert_eq!(app.call("admin_judging", &[("contest", &j.w.contest)], &j.judges[0].1).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn points_outside_the_rules_are_marked_one_by_one_and_never_cost_the_rest() {
    let j = jury().await;
    let app = &j.w.app;
    let (mine, not_mine) = split(&j, 1).await;
    // Not assigned: as if it did not exist.
    assert_eq!(save(&j, 1, &not_mine, "0", &["5", "5", "5"], "").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("judge_entry", &[("contest", &j.w.contest), ("code", &not_mine)], &j.judges[1].1).await.status, StatusCode::NOT_FOUND);
    let [c0, c1, c2] = [j.criteria[0], j.criteria[1], j.criteria[2]];
    let stored = || async {
        let rows: Vec<(i64, i64)> = sqlx::query_as("SELECT criterion_id, halves FROM score ORDER BY criterion_id").fetch_all(&app.sql).await.unwrap();
        let state: String = sqlx::query_scalar("SELECT state FROM score_sheet").fetch_one(&app.sql).await.unwrap();
        (rows, state)
    };
    // Out of range, not a number, the wrong step: that criterion is named and not written;
    // the others on the sheet are saved.
    let mut version = 0;
    for (bad, msg) in [("11", "ErrPointsRange"), ("NaN", "ErrPointsNumber"), ("1e309", "ErrPointsNumber"), ("7,5,1", "ErrPointsNumber"), ("-1", "ErrPointsNumber"), ("7.5", "ErrPointsStep"), ("7,5", "ErrPointsStep")] {
        let res = save(&j, 1, &mine, &version.to_string(), &[bad, "5", "5"], "").await;
        assert_eq!(res.status, StatusCode::OK, "{bad}: {}", res.body);
        assert_eq!(res.json()["invalid"], serde_json::json!([{ "field": { "criterion": c0 }, "msg": msg }]), "{bad}");
        assert_eq!(res.json()["version"], version + 1);
        version += 1;
    }
    assert_eq!(stored().await, (vec![(c1, 10), (c2, 10)], "draft".to_owned()));
    // Typed over a stored value, a wrong one leaves the stored value in place.
    ok(&save(&j, 1, &mine, &version.to_string(), &["6", "5", "5"], "").await);
    let res = save(&j, 1, &mine, &(version + 1).to_string(), &["x", "4", "11"], "").await;
    assert_eq!(res.json()["invalid"], serde_json::json!([{ "field": { "criterion": c0 }, "msg": "ErrPointsNumber" }, { "field": { "criterion": c2 }, "msg": "ErrPointsRange" }]));
    assert_eq!(stored().await, (vec![(c0, 12), (c1, 8), (c2, 10)], "draft".to_owned()));
    version += 2;
    // Submitting with a value empty or left out: not submitted, named, the rest saved.
    let res = save(&j, 1, &mine, &version.to_string(), &["", "3", "3"], "submit").await;
    assert_eq!((res.json()["submitted"].clone(), res.json()["invalid"].clone()), (serde_json::json!(false), serde_json::json!([{ "field": { "criterion": c0 }, "msg": "ErrRequired" }])));
    let res = save(&j, 1, &mine, &(version + 1).to_string(), &["5", "5"], "submit").await;
    assert_eq!(res.json()["invalid"], serde_json::json!([{ "field": { "criterion": c2 }, "msg": "ErrPointsMissing" }]));
    assert_eq!(stored().await, (vec![(c0, 10), (c1, 10), (c2, 6)], "draft".to_owned()), "the stored value of the left-out one stays");
    assert_eq!(app.count("SELECT COUNT(*) FROM score_history").await, version + 2, "one history row per write");
    let written = (app.count("SELECT COUNT(*) FROM score").await, app.count("SELECT COUNT(*) FROM score_history").await);
    // Outside the judging window.
    app.clock.set(CLOSE_UTC - 1);
    let early = relogin(app, "judge2@lib.kz").await;
    let v = (version + 2).to_string();
    let form = [("contest", j.w.contest.as_str()), ("code", mine.as_str()), ("version", v.as_str())];
    assert_eq!(error_msg(&app.call("judge_save", &form, &early).await).await, "ErrJudgingClosed");
    let end: i64 = sqlx::query_scalar("SELECT judging_end_at FROM contest").fetch_one(&app.sql).await.unwrap();
    app.clock.set(end);
    let late = relogin(app, "judge2@lib.kz").await;
    assert_eq!(error_msg(&app.call("judge_save", &form, &late).await).await, "ErrJudgingClosed");
    app.clock.set(CLOSE_UTC + 3_600);
    // After stepping back from it.
    ok(&app.call("judge_recuse", &[("contest", &j.w.contest), ("code", &mine), ("reason", "Менің шәкіртім")], &j.judges[1].1).await);
    assert_eq!(save(&j, 1, &mine, &(version + 2).to_string(), &["5", "5", "5"], "").await.status, StatusCode::NOT_FOUND);
    assert_eq!((app.count("SELECT COUNT(*) FROM score").await, app.count("SELECT COUNT(*) FROM score_history").await), written, "nothing written after the refusals");
    // The balanced panel gave the entry another judge.
    let entry: i64 = sqlx::query_scalar("SELECT entry_id FROM entry WHERE code = $1").bind(&mine).fetch_one(&app.sql).await.unwrap();
    let judges: Vec<i64> = sqlx::query_scalar("SELECT account_id FROM assignment WHERE entry_id = $1").bind(entry).fetch_all(&app.sql).await.unwrap();
    // Two, unless the only other judge is from the child's school (then one: never a conflict).
    let secret = j.entries.iter().any(|(e, _, name)| *e == entry && name == SECRET_CHILD);
    assert_eq!(judges.len(), if secret { 1 } else { 2 });
    assert!(!judges.contains(&j.judges[1].0));
    assert!(!secret || !judges.contains(&j.judges[0].0));
    // The database itself refuses points above the maximum.
    let crit = j.criteria[0];
    sqlx::query("INSERT INTO score_sheet (entry_id, account_id, version, created_at, updated_at) VALUES ($1, $2, 1, 0, 0)").bind(entry).bind(judges[0]).execute(&app.sql).await.unwrap();
    let refused = sqlx::query("INSERT INTO score (sheet_id, criterion_id, halves) VALUES ((SELECT MAX(sheet_id) FROM score_sheet), $1, 21)").bind(crit).execute(&app.sql).await;
    assert!(refused.unwrap_err().to_string().contains("score out of range"));
    // The sheet made by hand for that (no history) goes again.
    sqlx::query("DELETE FROM score_sheet WHERE sheet_id = (SELECT MAX(sheet_id) FROM score_sheet)").execute(&app.sql).await.unwrap();
}

/// A judge's autosaves reach two instances in turn (a load balancer without stickiness):
/// the versions follow one another, and a tab still at an old version is told on either.
#[tokio::test]
async fn autosaves_sent_to_two_instances_keep_their_order_and_a_stale_tab_is_told() {
    let j = jury().await;
    let app = &j.w.app;
    let other = app.another_instance().await;
    let (code, _) = split(&j, 2).await;
    let mut expected = Vec::new();
    for (i, points) in [["7", "8", "9"], ["7", "8", "10"], ["6", "8", "10"], ["6", "7", "10"]].iter().enumerate() {
        let on = if i % 2 == 0 { app } else { &other };
        let res = save_on(on, &j, 2, &code, &i.to_string(), points, "").await;
        assert_eq!(res.json()["version"], i + 1, "save {i}: {}", res.body);
        expected.push(i64::try_from(i + 1).unwrap());
    }
    for on in [app, &other] {
        let stale = save_on(on, &j, 2, &code, "2", &["1", "1", "1"], "").await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert_eq!(error_msg(&stale).await, "ErrScoreStale");
    }
    let versions: Vec<i64> = sqlx::query_scalar("SELECT version FROM score_history ORDER BY history_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(versions, expected, "one history line per save, in order");
    let halves: Vec<i64> = sqlx::query_scalar("SELECT halves FROM score ORDER BY criterion_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(halves, vec![12, 14, 20], "the last save stands");
}

#[tokio::test]
async fn a_stale_write_gets_a_conflict_and_history_keeps_every_version() {
    let j = jury().await;
    let app = &j.w.app;
    let (code, _) = split(&j, 2).await;
    let first = save(&j, 2, &code, "0", &["7", "8", "9"], "").await;
    assert_eq!(first.json()["version"], 1, "{}", first.body);
    // A second tab still at version 0.
    let stale = save(&j, 2, &code, "0", &["1", "1", "1"], "").await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(error_msg(&stale).await, "ErrScoreStale");
    let v2 = save(&j, 2, &code, "1", &["7", "8", "10"], "submit").await;
    assert_eq!(v2.json(), serde_json::json!({ "version": 2, "submitted": true }));
    let halves: Vec<i64> = sqlx::query_scalar("SELECT halves FROM score ORDER BY criterion_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(halves, vec![14, 16, 20]);
    let history: Vec<(i64, Option<String>, String)> = sqlx::query_as("SELECT version, old_value, new_value FROM score_history ORDER BY history_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].1, None);
    assert!(history[0].2.contains("[[") && history[1].1.as_deref() == Some(history[0].2.as_str()));
    assert!(history[1].2.contains("\"submitted\""));
    // Two tabs at once on the same version: one wins, the other is told (never a 500).
    let (a, b) = tokio::join!(save(&j, 2, &code, "2", &["1", "2", "3"], ""), save(&j, 2, &code, "2", &["3", "2", "1"], ""));
    let mut statuses = vec![a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, vec![200, 409]);
    assert_eq!(app.count("SELECT version FROM score_sheet").await, 3);
    // Revising after submitting keeps it submitted, until judging ends.
    ok(&save(&j, 2, &code, "3", &["6", "8", "10"], "").await);
    let state: String = sqlx::query_scalar("SELECT state FROM score_sheet").fetch_one(&app.sql).await.unwrap();
    assert_eq!(state, "submitted");
}

/// Everything a judge can reach, as one blob of bytes.
async fn everything_a_judge_loads(j: &Jury, judge: usize) -> Vec<u8> {
    let app = &j.w.app;
    let jar = &j.judges[judge].1;
    let mut all = Vec::new();
    let mut unzipped = Vec::new();
    let mut take = |r: &TestResponse| {
        assert!(r.status.is_success(), "{} {}", r.status, r.body);
        all.extend_from_slice(&r.bytes);
        for (k, v) in &r.headers {
            all.extend_from_slice(k.as_str().as_bytes());
            all.extend_from_slice(v.as_bytes());
        }
    };
    take(&app.get("/judge", jar).await);
    let queue = app.call("judge_queue", &[], jar).await;
    take(&queue);
    for item in queue.json().as_array().unwrap() {
        let code = item["code"].as_str().unwrap();
        take(&app.get(&format!("/judge/{}/{code}", j.w.contest), jar).await);
        let view = app.call("judge_entry", &[("contest", &j.w.contest), ("code", code)], jar).await;
        take(&view);
        for f in view.json()["files"].as_array().unwrap() {
            let url = f["url"].as_str().unwrap();
            let res = app.get(url, jar).await;
            take(&res);
            // An office document's parts are compressed: read them as the judge's program would.
            if res.header("content-type").is_some_and(|t| t.contains("officedocument")) {
                let mut z = zip::ZipArchive::new(std::io::Cursor::new(res.bytes.clone())).unwrap();
                for i in 0..z.len() {
                    std::io::Read::read_to_end(&mut z.by_index(i).unwrap(), &mut unzipped).unwrap();
                }
            }
        }
    }
    all.extend(unzipped);
    all
}

/// Waits until every thumbnail and blind copy started in the background is made.
pub(crate) async fn wait_for_previews(app: &TestApp) {
    for _ in 0..200 {
        if app.count("SELECT COUNT(*) FROM blob WHERE thumb_state = 'pending' OR clean_state = 'pending'").await == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("previews not made");
}

#[tokio::test]
async fn blind_judges_find_no_name_school_email_or_file_name_anywhere() {
    let j = jury().await;
    wait_for_previews(&j.w.app).await;
    // Every work other than the two drawings has its copy without metadata.
    assert_eq!(j.w.app.count("SELECT COUNT(*) FROM blob WHERE clean_state = 'ready'").await, 4);
    assert_eq!(j.w.app.count("SELECT COUNT(*) FROM blob WHERE clean_state IS NOT NULL AND clean_state <> 'ready'").await, 0);
    let mut seen = String::new();
    let needles = [SECRET_CHILD, SECRET_SCHOOL, "Әлия Серікова", "parent@mail.kz", "Айгүл Серікқызы", SECRET_FILE, "№ 12 мектеп-гимназия", "SECRETCAM"];
    for judge in 0..3 {
        let bytes = everything_a_judge_loads(&j, judge).await;
        assert!(bytes.len() > 1_000);
        let text = String::from_utf8_lossy(&bytes);
        for needle in needles {
            assert!(!text.contains(needle), "judge {judge} can see {needle:?}");
        }
        seen.push_str(&text);
        // Not even percent-encoded in a download name.
        assert!(!text.contains(&app::domain::file::percent_encode(SECRET_FILE, b"")));
    }
    // The works themselves reached the judges: the PDF's page, the DOCX's text, the sound.
    assert!(seen.contains("Once upon a time") && seen.contains("Алтын балық") && seen.contains(&"U".repeat(413)), "the works' content");
    // The same judge in a contest that is not blind sees the participant: the check can fail.
    sqlx::query("UPDATE contest SET blind = FALSE").execute(&j.w.app.sql).await.unwrap();
    let bytes = everything_a_judge_loads(&j, 1).await;
    assert!(String::from_utf8_lossy(&bytes).contains("Әлия Серікова") || String::from_utf8_lossy(&bytes).contains(SECRET_CHILD));
}

#[tokio::test]
async fn nobody_but_admins_sees_scores_before_results() {
    let j = jury().await;
    let app = &j.w.app;
    let pairs = assigned(app).await;
    // Two judges on one entry; the first submits.
    let (entry, _) = pairs[0];
    let both: Vec<usize> = j.judges.iter().enumerate().filter(|(_, (id, _))| pairs.contains(&(entry, *id))).map(|(i, _)| i).collect();
    let code = j.entries.iter().find(|(e, _, _)| *e == entry).unwrap().1.clone();
    ok(&save(&j, both[0], &code, "0", &["9", "9", "9"], "submit").await);
    let other = app.call("judge_entry", &[("contest", &j.w.contest), ("code", &code)], &j.judges[both[1]].1).await;
    assert_eq!(other.json()["colleagues"], serde_json::json!([]));
    assert!(other.json()["sheet"].is_null());
    // With the contest's option, only after submitting one's own.
    sqlx::query("UPDATE contest SET judges_see_colleagues = TRUE").execute(&app.sql).await.unwrap();
    let other = app.call("judge_entry", &[("contest", &j.w.contest), ("code", &code)], &j.judges[both[1]].1).await;
    assert_eq!(other.json()["colleagues"], serde_json::json!([]));
    ok(&save(&j, both[1], &code, "0", &["3", "3", "3"], "submit").await);
    let other = app.call("judge_entry", &[("contest", &j.w.contest), ("code", &code)], &j.judges[both[1]].1).await;
    assert_eq!(other.json()["colleagues"], serde_json::json!([90.0]));
    // The entrant and the public see no score anywhere.
    let parent = relogin(app, "parent@mail.kz").await;
    let public_id: String = sqlx::query_scalar("SELECT public_id FROM entry WHERE entry_id = $1").bind(entry).fetch_one(&app.sql).await.unwrap();
    for res in [
        app.call("get_my_entry", &[("id", &public_id)], &parent).await,
        app.get(&format!("/entries/{public_id}"), &parent).await,
        app.get("/me/entries", &parent).await,
        app.get(&format!("/contests/{}", j.w.contest), &Jar::default()).await,
    ] {
        assert_eq!(res.status, StatusCode::OK);
        for needle in ["90.0", "\"halves\"", "Жақсы жұмыс", "private", "colleagues"] {
            assert!(!res.body.contains(needle), "{needle} visible");
        }
    }
    // While judging: each submitted work says so, with the results' date; the time left in words.
    let mine = app.get("/me/entries", &parent).await;
    assert_eq!(mine.select_text(".work-card .work-state"), vec!["Қазылар бағалап жатыр"; 4]);
    let when = mine.select_text(".work-card .work-when");
    assert!(when.len() == 4 && when.iter().all(|w| w.starts_with("Нәтижелер жарияланады ") && w.ends_with(" күн қалды")), "{when:?}");
    // Admins do.
    let dash = app.call("admin_judging", &[("contest", &j.w.contest)], &j.admin).await;
    let stats = dash.json()["stats"].as_array().unwrap().clone();
    let means: Vec<f64> = stats.iter().filter(|s| s["submitted"] == 1).map(|s| s["mean"].as_f64().unwrap()).collect();
    assert_eq!(means.len(), 2);
    assert!(means.contains(&90.0) && means.contains(&30.0));
    let flags = dash.json()["disagreements"].as_array().unwrap().clone();
    assert_eq!(flags.len(), 1, "a spread of 60 points is above 25");
}

#[tokio::test]
async fn the_dashboard_reminds_judges_with_work_left() {
    let j = jury().await;
    let app = &j.w.app;
    let before = app.count("SELECT COUNT(*) FROM outbox").await;
    ok(&app.call("admin_remind_judges", &[("contest", &j.w.contest)], &j.admin).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, before + 3);
    let page = app.get(&format!("/admin/contests/{}/judging", j.w.contest), &j.admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select_text(".judge-stat").len(), 3);
    // Nothing is scored yet: each judge's line says so, with no statistics and no empty chart.
    let lines = page.select_text(".judge-stat .stat-line");
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| !l.contains('σ') && !l.contains('%')), "{lines:?}");
    assert_eq!(page.select_attr(".judge-stat svg", "class").len(), 0);
    assert_eq!(page.select_text("#panels .subpanel").len(), 2);
    assert_eq!(page.select_text("#panels .add-panel").len(), 2, "a panel of its own can be added per age group");
    // A panel of one age group only: its scope is stored apart from the nomination-wide one.
    let group: i64 = sqlx::query_scalar("SELECT age_group_id FROM age_group ORDER BY min_age DESC LIMIT 1").fetch_one(&app.sql).await.unwrap();
    let judge = j.judges[2].0.to_string();
    let g = group.to_string();
    let form = [("contest", j.w.contest.as_str()), ("nomination", j.w.drawing.as_str()), ("age_group", g.as_str()), ("mode", "all"), ("k", ""), ("judges[]", judge.as_str())];
    ok(&app.call("admin_save_panel", &form, &j.admin).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM panel WHERE age_group_id IS NOT NULL").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM panel").await, 3);
    let page = app.get(&format!("/admin/contests/{}/judging", j.w.contest), &j.admin).await;
    assert_eq!(page.select_text("#panels h4").len(), 3, "two nomination-wide panels and the age group's");
}

#[tokio::test]
async fn a_decimal_comma_is_a_half_point_where_halves_are_allowed() {
    let j = jury().await;
    let app = &j.w.app;
    let (code, _) = split(&j, 2).await;
    // The first criterion allows halves (set before judging; the rubric is frozen now).
    sqlx::query("UPDATE criterion SET half_points = TRUE WHERE criterion_id = $1").bind(j.criteria[0]).execute(&app.sql).await.unwrap();
    let res = save(&j, 2, &code, "0", &["7,5", "8", "9"], "").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    // The other criteria still take whole points only, comma or not.
    let res = save(&j, 2, &code, "1", &["7,5", "8,5", "9"], "").await;
    assert_eq!(res.json()["invalid"], serde_json::json!([{ "field": { "criterion": j.criteria[1] }, "msg": "ErrPointsStep" }]));
    let halves: Vec<i64> = sqlx::query_scalar("SELECT halves FROM score ORDER BY criterion_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(halves, vec![15, 16, 18], "8 stays; 8,5 was not written");
}

/// The names and values of a form's fields, exactly as the server rendered them.
fn rendered_form(page: &TestResponse, form: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(&page.body);
    let fields = scraper::Selector::parse(&format!("{form} input[name], {form} textarea[name]")).unwrap();
    doc.select(&fields)
        .map(|e| {
            let name = e.value().attr("name").unwrap().to_owned();
            let value = if e.value().name() == "textarea" { e.text().collect() } else { e.value().attr("value").unwrap_or("").to_owned() };
            (name, value)
        })
        .collect()
}

#[tokio::test]
async fn without_javascript_a_judge_saves_submits_and_goes_on_with_the_form_as_rendered() {
    let j = jury().await;
    let app = &j.w.app;
    let me = j.judges[2].0;
    let codes: Vec<String> = {
        let pairs = assigned(app).await;
        j.entries.iter().filter(|(e, _, _)| pairs.contains(&(*e, me))).map(|(_, c, _)| c.clone()).collect()
    };
    assert!(codes.len() >= 2, "{codes:?}");
    let jar = &j.judges[2].1;
    let page_of = |code: &str| format!("/judge/{}/{code}", j.w.contest);
    let fill = |rendered: Vec<(String, String)>, points: &[&str], action: &str| -> Vec<(String, String)> {
        let mut n = 0;
        let mut form: Vec<(String, String)> = rendered
            .into_iter()
            .map(|(k, v)| {
                if k.starts_with("points[") {
                    n += 1;
                    (k, points[n - 1].to_owned())
                } else if k == "comment" {
                    (k, "Түстер жарқын, композиция ойластырылған".to_owned())
                } else {
                    (k, v)
                }
            })
            .collect();
        form.push(("action".into(), action.into()));
        form
    };
    let post = |form: Vec<(String, String)>, page: String| async move {
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        app.post_form("judge_save", &pairs, jar, &page).await
    };

    // The page renders the version the form must carry.
    let first = app.get(&page_of(&codes[0]), jar).await;
    assert_eq!(first.select_attr("#score-form input[name=version]", "value"), vec!["0"]);
    // Save: back to the same work, which says so, with the points stored.
    let res = post(fill(rendered_form(&first, "#score-form"), &["7", "8", "9"], ""), page_of(&codes[0])).await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    assert_eq!(res.header("location"), Some(format!("{}?saved=1", page_of(&codes[0])).as_str()));
    let again = app.get(&page_of(&codes[0]), jar).await;
    assert_eq!(again.select_attr("#score-form input[name=version]", "value"), vec!["1"]);
    assert_eq!(again.select_attr("#score-form input[inputmode=decimal]", "value"), vec!["7", "8", "9"]);

    // Wrong values: back to the form with each marked, every typed value still there, and
    // the allowed one saved.
    let res = post(fill(rendered_form(&again, "#score-form"), &["7,5", "abc", "10"], "next"), page_of(&codes[0])).await;
    assert_eq!(res.status, StatusCode::FOUND);
    let back = res.header("location").unwrap().trim_start_matches("http://127.0.0.1:3000").to_owned();
    assert!(back.starts_with(&format!("{}?__path=%2Fapi%2Fjudge_save&__err=", page_of(&codes[0]))), "{back}");
    let mut kept = jar.clone();
    kept.absorb(&res);
    kept.lang = Some("en".into());
    let shown = app.get(&back, &kept).await;
    assert_eq!(shown.select_text(".rubric-form leptos-island > .form-error"), vec!["Please correct the marked fields."]);
    assert_eq!(
        shown.select_text("#score-form .criterion-field.has-error .field-error"),
        vec!["This criterion takes whole points only.", "Points are a whole number (with a half where allowed: 7.5 or 7,5)."]
    );
    assert_eq!(shown.select_attr("#score-form input[aria-invalid=true]", "value"), vec!["7,5", "abc"]);
    assert_eq!(shown.select_attr("#score-form input[inputmode=decimal]", "value"), vec!["7,5", "abc", "10"]);
    assert_eq!(shown.select_text("#score-form textarea[name=comment]"), vec!["Түстер жарқын, композиция ойластырылған"]);
    let halves: Vec<i64> = sqlx::query_scalar("SELECT halves FROM score ORDER BY criterion_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!((app.count("SELECT version FROM score_sheet").await, halves), (2, vec![14, 16, 20]), "the allowed 10 saved, the stored 7 and 8 kept");
    assert_eq!(shown.select_attr("#score-form input[name=version]", "value"), vec!["2"], "the form carries the new version");
    // The same mistake again from that page: still one error in the address.
    let res = post(fill(rendered_form(&shown, "#score-form"), &["7,5", "abc", "10"], "next"), back.clone()).await;
    let twice = res.header("location").unwrap().to_owned();
    assert_eq!((twice.matches("__err=").count(), twice.matches("__path=").count()), (1, 1), "{twice}");

    // Submit and next, from the page as it now stands: the sheet is submitted and the next
    // work opens.
    let latest = app.get(&page_of(&codes[0]), jar).await;
    assert_eq!(latest.select_attr("#score-form input[name=version]", "value"), vec!["3"]);
    let res = post(fill(rendered_form(&latest, "#score-form"), &["7", "8", "10"], "next"), page_of(&codes[0])).await;
    assert_eq!(res.status, StatusCode::FOUND);
    let next = res.header("location").unwrap().to_owned();
    assert!(codes[1..].iter().any(|c| next == page_of(c)), "{next}");
    let state: (i64, String) = sqlx::query_as("SELECT version, state FROM score_sheet").fetch_one(&app.sql).await.unwrap();
    assert_eq!(state, (4, "submitted".to_owned()));
    let halves: Vec<i64> = sqlx::query_scalar("SELECT halves FROM score ORDER BY criterion_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(halves, vec![14, 16, 20]);

    // Submit (and stay): the next work, submitted in place.
    let second = app.get(&next, jar).await;
    let res = post(fill(rendered_form(&second, "#score-form"), &["1", "2", "3"], "submit"), next.clone()).await;
    assert_eq!(res.header("location"), Some(format!("{next}?submitted=1").as_str()));
    assert_eq!(app.count("SELECT COUNT(*) FROM score_sheet WHERE state = 'submitted'").await, 2);
}

#[tokio::test]
async fn a_judges_comment_and_note_come_back_as_text_not_markup() {
    let j = jury().await;
    let app = &j.w.app;
    let (code, _) = split(&j, 2).await;
    let comment = "Good </textarea><b class=\"injected\">bold</b><form action=\"https://evil.example/\"><button>Go</button></form> &amp; <i>";
    let note = "mine </textarea><img class=\"injected\" src=\"https://evil.example/p.png\">";
    let keys: Vec<String> = j.criteria.iter().map(|c| format!("points[c{c}]")).collect();
    let mut form = vec![("contest", j.w.contest.as_str()), ("code", code.as_str()), ("version", "0"), ("comment", comment), ("note", note), ("action", "")];
    for (k, v) in keys.iter().zip(["7", "8", "9"]) {
        form.push((k.as_str(), v));
    }
    ok(&app.call("judge_save", &form, &j.judges[2].1).await);
    let page = app.get(&format!("/judge/{}/{code}", j.w.contest), &j.judges[2].1).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select_text(".injected"), Vec::<String>::new());
    assert_eq!(page.select_attr("form[action^='https:']", "action"), Vec::<String>::new());
    assert_eq!(page.select_text("textarea[name=comment]"), vec![comment]);
    assert_eq!(page.select_text("textarea[name=note]"), vec![note]);
}

/// Krippendorff's alpha (interval) by its definition: squared differences over every ordered
/// pair of values within a work, against every ordered pair of all pairable values.
fn alpha_by_pairs(units: &[Vec<f64>]) -> f64 {
    let units: Vec<&Vec<f64>> = units.iter().filter(|u| u.len() > 1).collect();
    let all: Vec<f64> = units.iter().flat_map(|u| u.iter().copied()).collect();
    let n = all.len() as f64;
    let pairs = |v: &[f64]| v.iter().map(|a| v.iter().map(|b| (a - b).powi(2)).sum::<f64>()).sum::<f64>();
    let observed = units.iter().map(|u| pairs(u) / (u.len() as f64 - 1.0)).sum::<f64>() / n;
    let expected = pairs(&all) / (n * (n - 1.0));
    1.0 - observed / expected
}

/// The jury's agreement on the dashboard, in the results review and on the page: alpha while
/// works have different judges, ICC(2,1) and ICC(2,k) once every work has the same ones, and
/// each judge's lean; over the sheets that count only.
#[tokio::test]
async fn the_jury_agreement_is_measured_by_the_method_the_panels_allow() {
    let j = jury().await;
    let app = &j.w.app;
    // The four works in one nomination and age group.
    sqlx::query("UPDATE entry SET nomination_id = $1, age_group_id = (SELECT MIN(age_group_id) FROM entry)").bind(j.w.drawing.parse::<i64>().unwrap()).execute(&app.sql).await.unwrap();
    // Points per work (rows) and judge (columns); every criterion gets the same, so a total is
    // ten times the points.
    let points = [[8, 9, 6], [6, 8, 5], [4, 4, 1], [2, 4, 0]];
    let entry_index = |e: i64| j.entries.iter().position(|(id, _, _)| *id == e).unwrap();
    let judge_index = |a: i64| j.judges.iter().position(|(id, _)| *id == a).unwrap();
    let jr = &j;
    let submit = |judge: usize, work: usize| {
        let p = points[work][judge].to_string();
        let code = jr.entries[work].1.clone();
        async move { ok(&save(jr, judge, &code, "0", &[&p, &p, &p], "submit").await) }
    };
    let reliability = |endpoint: &'static str| async move {
        let res = app.call(endpoint, &[("contest", &jr.w.contest)], &jr.admin).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        res.json()["reliability"].clone()
    };

    // Nothing scored yet: no group to measure.
    assert_eq!(reliability("admin_judging").await, serde_json::json!([]));
    // As assigned (two of three judges per work): the panels are incomplete, alpha.
    let pairs = assigned(app).await;
    for (e, a) in &pairs {
        submit(judge_index(*a), entry_index(*e)).await;
    }
    let mut units: Vec<Vec<f64>> = vec![Vec::new(); 4];
    for (e, a) in &pairs {
        units[entry_index(*e)].push(10.0 * f64::from(points[entry_index(*e)][judge_index(*a)]));
    }
    let groups = reliability("admin_judging").await;
    assert_eq!(groups.as_array().unwrap().len(), 1, "{groups}");
    let g = &groups[0];
    assert_eq!((g["agreement"]["works"].as_i64(), g["agreement"]["judges"].as_i64()), (Some(4), Some(3)));
    let alpha = g["agreement"]["measure"]["Alpha"]["alpha"].as_f64().unwrap_or_else(|| panic!("alpha expected: {g}"));
    let expected = alpha_by_pairs(&units);
    assert!((alpha - expected).abs() < 1e-9, "alpha {alpha}, by pairs {expected}");
    // Each judge's severity: their total minus the co-judge's on each shared work, averaged.
    for (name_index, lean) in g["leanings"].as_array().unwrap().iter().enumerate() {
        let judge = j.judges.iter().position(|(id, _)| lean[1]["judge"].as_i64() == Some(*id)).unwrap();
        let diffs: Vec<f64> = pairs
            .iter()
            .filter(|(_, a)| judge_index(*a) == judge)
            .map(|(e, _)| {
                let w = entry_index(*e);
                let other = pairs.iter().find(|(e2, a2)| e2 == e && judge_index(*a2) != judge).map(|(_, a2)| judge_index(*a2)).unwrap();
                10.0 * f64::from(points[w][judge] - points[w][other])
            })
            .collect();
        let severity = lean[1]["severity"].as_f64().unwrap();
        assert!((severity - diffs.iter().sum::<f64>() / diffs.len() as f64).abs() < 1e-9, "judge {judge} ({name_index}): {lean}");
        assert_eq!(lean[1]["shared"].as_u64(), Some(diffs.len() as u64));
        assert_eq!(lean[0].as_str(), Some(format!("judge{}@lib.kz", judge + 1).as_str()), "named, in the contest's order");
    }
    assert_eq!(reliability("admin_results").await, groups, "the results review shows the same");

    // Every work to judges 2 and 3 only: judge 1's sheets no longer count, the panel is
    // complete and ICC is used.
    for work in 0..4 {
        for judge in 0..3 {
            let on = if judge == 0 { "0" } else { "1" };
            let form = [("contest", j.w.contest.as_str()), ("code", j.entries[work].1.as_str()), ("judge", &j.judges[judge].0.to_string()), ("on", on)];
            ok(&app.call("admin_set_assignment", &form, &j.admin).await);
            if judge > 0 && !pairs.contains(&(j.entries[work].0, j.judges[judge].0)) {
                submit(judge, work).await;
            }
        }
    }
    let g = reliability("admin_judging").await[0].clone();
    assert_eq!((g["agreement"]["works"].as_i64(), g["agreement"]["judges"].as_i64()), (Some(4), Some(2)));
    let icc = &g["agreement"]["measure"]["Icc"];
    // Two-way ANOVA of the 4 × 2 matrix (judges 2 and 3), by hand: rows 90/60, 80/50, 40/10,
    // 40/0 (n = 4, k = 2).
    let rows: Vec<[f64; 2]> = points.iter().map(|p| [10.0 * f64::from(p[1]), 10.0 * f64::from(p[2])]).collect();
    let grand = rows.iter().flatten().sum::<f64>() / 8.0;
    let ssr = 2.0 * rows.iter().map(|r| ((r[0] + r[1]) / 2.0 - grand).powi(2)).sum::<f64>();
    let ssc = 4.0 * (0..2).map(|c| (rows.iter().map(|r| r[c]).sum::<f64>() / 4.0 - grand).powi(2)).sum::<f64>();
    let sse = rows.iter().flatten().map(|v| (v - grand).powi(2)).sum::<f64>() - ssr - ssc;
    let (bms, jms, ems) = (ssr / 3.0, ssc, sse / 3.0);
    let single = (bms - ems) / (bms + ems + 2.0 * (jms - ems) / 4.0);
    let average = (bms - ems) / (bms + (jms - ems) / 4.0);
    assert_eq!(icc["k"].as_i64(), Some(2), "{g}");
    assert!((icc["single"].as_f64().unwrap() - single).abs() < 1e-9 && (icc["average"].as_f64().unwrap() - average).abs() < 1e-9, "{icc} vs {single} {average}");
    // Judge 3 scores 32.5 points under judge 2 on average; judge 1 shares nothing counted.
    let leans: Vec<(String, Option<u64>, Option<f64>)> =
        g["leanings"].as_array().unwrap().iter().map(|l| (l[0].as_str().unwrap().to_owned(), l[1]["shared"].as_u64(), l[1]["severity"].as_f64())).collect();
    assert_eq!(leans, vec![("judge2@lib.kz".to_owned(), Some(4), Some(32.5)), ("judge3@lib.kz".to_owned(), Some(4), Some(-32.5))]);
    assert!((0.5..0.75).contains(&single), "Koo & Li's moderate band: {single}");
    // The page shows the figure with a decimal comma in Kazakh, its reading, and the leanings.
    let page = app.get(&format!("/admin/contests/{}/judging", j.w.contest), &j.admin).await;
    assert_eq!(page.status, StatusCode::OK);
    let figure = format!("ICC(2,1) = {} · ICC(2,2) = {}", format!("{single:.3}").replace('.', ","), format!("{average:.3}").replace('.', ","));
    for needle in ["id=\"reliability\"", "Қазылар келісімі", &figure, "class=\"reading moderate\"", "judge3@lib.kz", "−32,5", "басқалардан қатаң"] {
        assert!(page.body.contains(needle), "{needle} missing from the dashboard");
    }
    let review = app.get(&format!("/admin/contests/{}/results", j.w.contest), &j.admin).await;
    assert!(review.body.contains(&figure), "the results review names the figure");
}

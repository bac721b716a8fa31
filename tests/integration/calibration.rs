//! Judge calibration: anchors taken from submitted works by receipt, references checked by
//! the rubric's rules, judges scoring anchors blind and once, the queue held while a required
//! calibration is unfinished, deviations exact, and nothing of it reaching the jury's
//! statistics or the score sheets. Plain forms (JavaScript off) come back with the error
//! named and what was typed kept.

use crate::contests::ok;
use crate::judging::{Jury, assigned, jury, wait_for_previews};
use crate::submissions::error_msg;
use baiqau_tests::{Jar, TestResponse};
use http::StatusCode;
use serde_json::{Value, json};

/// The receipt of the jury's `i`-th entry, as printed (`<contest>-<number>`).
async fn receipt(j: &Jury, i: usize) -> String {
    let (contest, no): (i64, i64) = sqlx::query_as("SELECT contest_id, receipt_no FROM entry WHERE entry_id = $1").bind(j.entries[i].0).fetch_one(&j.w.app.sql).await.unwrap();
    format!("{contest}-{no:05}")
}

async fn add(j: &Jury, receipt: &str, nomination: &str, who: &Jar) -> TestResponse {
    j.w.app.call("admin_add_anchor", &[("contest", j.w.contest.as_str()), ("receipt", receipt), ("nomination", nomination)], who).await
}

fn points_form<'a>(keys: &'a [String], points: &'a [&'a str], fixed: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form: Vec<(&str, &str)> = fixed.to_vec();
    form.extend(keys.iter().map(String::as_str).zip(points.iter().copied()));
    form
}

/// An anchor's reference points, with an explanation in Russian.
async fn reference(j: &Jury, anchor: i64, points: &[&str]) -> TestResponse {
    let keys: Vec<String> = j.criteria.iter().map(|c| format!("points[c{c}]")).collect();
    let id = anchor.to_string();
    let form = points_form(&keys, points, &[("contest", j.w.contest.as_str()), ("anchor", id.as_str()), ("explanation_ru", "Тема раскрыта, исполнение аккуратное.")]);
    j.w.app.call("admin_save_anchor", &form, &j.admin).await
}

/// A judge's calibration sheet of an anchor.
async fn calibrate(j: &Jury, judge: usize, code: &str, points: &[&str]) -> TestResponse {
    let keys: Vec<String> = j.criteria.iter().map(|c| format!("points[c{c}]")).collect();
    let form = points_form(&keys, points, &[("contest", j.w.contest.as_str()), ("code", code)]);
    j.w.app.call("judge_calibrate", &form, &j.judges[judge].1).await
}

async fn dashboard(j: &Jury) -> Value {
    let res = j.w.app.call("admin_judging", &[("contest", j.w.contest.as_str())], &j.admin).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()
}

/// An assigned code of a judge.
async fn a_code_of(j: &Jury, judge: usize) -> String {
    let me = j.judges[judge].0;
    let entry = assigned(&j.w.app).await.into_iter().find(|(_, a)| *a == me).unwrap().0;
    j.entries.iter().find(|(e, _, _)| *e == entry).unwrap().1.clone()
}

#[tokio::test]
async fn judges_calibrate_on_anchors_blind_and_once_and_a_required_calibration_holds_the_queue() {
    let j = jury().await;
    let app = &j.w.app;
    let (drawing, tale) = (j.w.drawing.as_str(), j.w.tale.as_str());
    let before = dashboard(&j).await;
    let sheets_before = app.count("SELECT COUNT(*) FROM score").await;

    // Anchors by receipt: the drawing «Қыс» and the tale «Аңыз»; each mistake named.
    let (winter, legend) = (receipt(&j, 0).await, receipt(&j, 3).await);
    assert_eq!(add(&j, &winter, drawing, &j.judges[0].1).await.status, StatusCode::FORBIDDEN, "judges do not choose anchors");
    assert_eq!(error_msg(&add(&j, "99-00001", drawing, &j.admin).await).await, "ErrNotFound");
    assert_eq!(error_msg(&add(&j, "қыс", drawing, &j.admin).await).await, "ErrNotFound");
    assert_eq!(error_msg(&add(&j, &winter, "999999", &j.admin).await).await, "ErrChooseOption");
    assert_eq!(app.count("SELECT COUNT(*) FROM anchor").await, 0, "nothing written");
    ok(&add(&j, &winter, drawing, &j.admin).await);
    ok(&add(&j, &legend, tale, &j.admin).await);
    let twice = add(&j, &winter, drawing, &j.admin).await;
    assert_eq!(twice.json(), json!({"Validation": [{"field": "code", "msg": "ErrAnchorTwice"}]}));
    let anchors: Vec<(i64, String)> = sqlx::query_as("SELECT anchor_id, code FROM anchor ORDER BY anchor_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(anchors.iter().map(|(_, c)| c.as_str()).collect::<Vec<_>>(), ["A1", "A2"]);

    // References: every criterion by the rubric's rules, and an explanation.
    assert_eq!(error_msg(&reference(&j, anchors[0].0, &["8", "7"]).await).await, "ErrPointsMissing");
    assert_eq!(error_msg(&reference(&j, anchors[0].0, &["8", "11", "9"]).await).await, "ErrPointsRange");
    ok(&reference(&j, anchors[0].0, &["8", "7", "9"]).await);
    ok(&reference(&j, anchors[1].0, &["5", "5", "5"]).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM anchor_score").await, 6);

    // Required: a judge's queue waits, and every way into a work is refused.
    ok(&app.call("admin_calibration_required", &[("contest", j.w.contest.as_str()), ("required", "on")], &j.admin).await);
    let code = a_code_of(&j, 0).await;
    let judge = &j.judges[0].1;
    assert_eq!(app.call("judge_queue", &[], judge).await.json(), json!([]));
    let refused = app.call("judge_entry", &[("contest", j.w.contest.as_str()), ("code", &code)], judge).await;
    assert_eq!((refused.status, refused.json()), (StatusCode::FORBIDDEN, json!({"Denied": "ErrCalibrateFirst"})));
    let page = app.get(&format!("/judge/{}/{code}", j.w.contest), judge).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "the page too");
    let save = crate::judging::save(&j, 0, &code, "0", &["5", "5", "5"], "").await;
    assert_eq!(save.status, StatusCode::FORBIDDEN);
    let queue_page = app.get("/judge", judge).await;
    assert_eq!(queue_page.select_attr("#calibration .anchors a", "href"), vec![format!("/judge/{}/anchors/A1", j.w.contest), format!("/judge/{}/anchors/A2", j.w.contest)]);

    // The anchor as the judge sees it: under its code, no title, no author, files blind.
    let view = app.call("judge_anchor", &[("contest", j.w.contest.as_str()), ("code", "A1")], judge).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    let v = view.json();
    assert_eq!((v["compared"].clone(), v["files"][0]["name"].as_str()), (Value::Null, Some("A1-1.jpg")));
    assert!(!view.body.contains("Қыс") && !view.body.contains(&j.entries[0].2) && !view.body.contains("Тема раскрыта"), "{}", view.body);
    let file = app.get(v["files"][0]["url"].as_str().unwrap(), judge).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.header("content-disposition").unwrap().contains("A1-1.jpg"));
    let parent = crate::submissions::relogin(app, "parent@mail.kz").await;
    assert_eq!(app.get(v["files"][0]["url"].as_str().unwrap(), &parent).await.status, StatusCode::OK, "the owner still reads it");
    assert_eq!(app.call("judge_anchor", &[("contest", j.w.contest.as_str()), ("code", "A1")], &parent).await.status, StatusCode::NOT_FOUND, "not a judge");

    // Sheets: checked like score sheets, sent once, then the reference is shown.
    assert_eq!(error_msg(&calibrate(&j, 0, "A1", &["6", "", "10"]).await).await, "ErrRequired");
    ok(&calibrate(&j, 0, "A1", &["6", "7", "10"]).await);
    assert_eq!(calibrate(&j, 0, "A1", &["8", "7", "9"]).await.json(), json!({"Conflict": "ErrAnchorTwice"}));
    let v = app.call("judge_anchor", &[("contest", j.w.contest.as_str()), ("code", "A1")], judge).await.json();
    let rows: Vec<(String, String)> = v["compared"].as_array().unwrap().iter().map(|r| (r[1].as_str().unwrap().to_owned(), r[2].as_str().unwrap().to_owned())).collect();
    assert_eq!(rows, [("6", "8"), ("7", "7"), ("10", "9")].map(|(a, b)| (a.to_owned(), b.to_owned())));
    assert_eq!(v["explanation"]["ru"], "Тема раскрыта, исполнение аккуратное.");
    assert_eq!(v["next"], "A2");
    assert_eq!(app.call("judge_entry", &[("contest", j.w.contest.as_str()), ("code", &code)], judge).await.status, StatusCode::FORBIDDEN, "one anchor left");
    ok(&calibrate(&j, 0, "A2", &["5", "4", "8"]).await);
    assert_eq!(app.call("judge_entry", &[("contest", j.w.contest.as_str()), ("code", &code)], judge).await.status, StatusCode::OK, "the queue opens");
    assert!(!app.call("judge_queue", &[], judge).await.json().as_array().unwrap().is_empty());

    // Judge 2 scores A1 harshly; turning the rule off opens judge 3's queue uncalibrated.
    ok(&calibrate(&j, 1, "A1", &["3", "3", "4"]).await);
    ok(&app.call("admin_calibration_required", &[("contest", j.w.contest.as_str())], &j.admin).await);
    let third = a_code_of(&j, 2).await;
    assert_eq!(app.call("judge_entry", &[("contest", j.w.contest.as_str()), ("code", &third)], &j.judges[2].1).await.status, StatusCode::OK);

    // Deviations, exactly: judge 1 over six criteria: −2, 0, +1 and 0, −1, +3 points (of 10).
    let after = dashboard(&j).await;
    let cal = &after["calibration"];
    let by_name = |name: &str| cal["judges"].as_array().unwrap().iter().find(|x| x["judge"] == name).unwrap().clone();
    assert_eq!(
        by_name("judge1@lib.kz")["deviation"],
        json!({"anchors": 2, "criteria": 6, "signed_halves": 2, "absolute_halves": 14, "signed_basis_points": 1000})
    );
    assert_eq!(by_name("judge1@lib.kz")["lean"], "InLine");
    assert_eq!(by_name("judge2@lib.kz")["deviation"], json!({"anchors": 1, "criteria": 3, "signed_halves": -28, "absolute_halves": 28, "signed_basis_points": -14000}));
    assert_eq!(by_name("judge2@lib.kz")["lean"], "Harsh");
    assert_eq!(by_name("judge3@lib.kz")["deviation"]["anchors"], 0);
    assert_eq!((cal["anchors"][0]["done"].clone(), cal["anchors"][0]["of"].clone()), (json!(2), json!(3)));
    assert_eq!(cal["required"], false);

    // Calibration never reaches the jury's statistics or the score sheets.
    for part in ["stats", "reliability", "nominations", "disagreements", "low_coverage"] {
        assert_eq!(after[part], before[part], "{part}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM score").await, sheets_before);
    assert_eq!(app.count("SELECT COUNT(*) FROM calibration_score").await, 9);
    let page = app.get(&format!("/admin/contests/{}/judging", j.w.contest), &j.admin).await;
    assert_eq!(page.select_text(".calibration-judges tbody tr td:first-child"), vec!["judge1@lib.kz", "judge2@lib.kz", "judge3@lib.kz"]);
    assert_eq!(page.select_text(".calibration-judges tbody tr td:last-child"), vec!["эталонмен үйлес", "эталоннан қатаңырақ", "әлі бағаламады"]);

    // Deleting an anchor takes its sheets with it; everything is in the audit log.
    ok(&app.call("admin_delete_anchor", &[("contest", j.w.contest.as_str()), ("anchor", &anchors[1].0.to_string())], &j.admin).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM calibration_sheet").await, 2);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'contest.anchor'").await, 4);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'contest.calibration'").await, 2);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'contest.anchor.delete'").await, 1);
}

/// JavaScript off: the admin's and the judge's plain forms come back refused with the
/// error in words and what was typed kept.
#[tokio::test]
async fn refused_plain_forms_name_the_mistake_and_keep_what_was_typed() {
    let j = jury().await;
    let app = &j.w.app;
    let path = format!("/admin/contests/{}/judging", j.w.contest);
    let res = app.post_form("admin_add_anchor", &[("contest", j.w.contest.as_str()), ("receipt", "5-99999"), ("nomination", j.w.drawing.as_str())], &j.admin, &path).await;
    assert_eq!(res.status, StatusCode::FOUND);
    let mut jar = j.admin.clone();
    jar.absorb(&res);
    let back = app.get(res.header("location").unwrap(), &jar).await;
    assert_eq!(back.select_attr("#anchor-receipt", "value"), vec!["5-99999"]);
    assert_eq!(back.select_text("#anchor-receipt-error"), vec!["Табылмады."]);

    let winter = receipt(&j, 0).await;
    ok(&add(&j, &winter, &j.w.drawing, &j.admin).await);
    ok(&add(&j, &receipt(&j, 3).await, &j.w.tale, &j.admin).await);
    let ids: Vec<i64> = sqlx::query_scalar("SELECT anchor_id FROM anchor ORDER BY anchor_id").fetch_all(&app.sql).await.unwrap();
    ok(&reference(&j, ids[0], &["8", "7", "9"]).await);
    // The second anchor's references refused: only its own form comes back as typed.
    let keys: Vec<String> = j.criteria.iter().map(|c| format!("points[c{c}]")).collect();
    let second = ids[1].to_string();
    let form = points_form(&keys, &["4", "30", "5"], &[("contest", j.w.contest.as_str()), ("anchor", second.as_str()), ("explanation_kk", "")]);
    let res = app.post_form("admin_save_anchor", &form, &j.admin, &path).await;
    assert_eq!(res.status, StatusCode::FOUND);
    let mut jar = j.admin.clone();
    jar.absorb(&res);
    let back = app.get(res.header("location").unwrap(), &jar).await;
    let field = |anchor: i64, k: usize| format!("#anchor-{anchor}-c{}", j.criteria[k]);
    assert_eq!(back.select_attr(&field(ids[1], 1), "value"), vec!["30"]);
    assert_eq!(back.select_text(&format!("{}-error", field(ids[1], 1))), vec!["Ұпай 0-ден критерийдің максимумына дейін болуы керек."]);
    assert_eq!(back.select_attr(&field(ids[0], 1), "value"), vec!["7"], "the other anchor keeps its stored reference");
    assert!(back.select_text(&format!("{}-error", field(ids[0], 1))).iter().all(String::is_empty), "and shows no error");
    assert_eq!(back.select_attr("#anchor-receipt", "value"), vec![""]);
    let keys: Vec<String> = j.criteria.iter().map(|c| format!("points[c{c}]")).collect();
    let page = format!("/judge/{}/anchors/A1", j.w.contest);
    let shown = app.get(&page, &j.judges[0].1).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.select_attr("#calibrate-form input.points-input", "name"), keys);
    let form = points_form(&keys, &["12", "7", "8"], &[("contest", j.w.contest.as_str()), ("code", "A1")]);
    let res = app.post_form("judge_calibrate", &form, &j.judges[0].1, &page).await;
    assert_eq!(res.status, StatusCode::FOUND);
    let mut jar = j.judges[0].1.clone();
    jar.absorb(&res);
    let back = app.get(res.header("location").unwrap(), &jar).await;
    let first = format!("#calibrate-c{}", j.criteria[0]);
    assert_eq!(back.select_attr(&first, "value"), vec!["12"]);
    assert_eq!(back.select_text(&format!("{first}-error")), vec!["Ұпай 0-ден критерийдің максимумына дейін болуы керек."]);
    assert_eq!(app.count("SELECT COUNT(*) FROM calibration_sheet").await, 0);
    let form = points_form(&keys, &["9", "7", "8"], &[("contest", j.w.contest.as_str()), ("code", "A1")]);
    let res = app.post_form("judge_calibrate", &form, &j.judges[0].1, &page).await;
    assert_eq!(res.header("location"), Some(format!("{page}?sent=1").as_str()));
    let done = app.get(&format!("{page}?sent=1"), &j.judges[0].1).await;
    assert_eq!(done.select_text(".calibration-compared td.own"), vec!["9", "7", "8"]);
    assert_eq!(done.select_text(".calibration-compared td.reference"), vec!["8", "7", "9"]);
}

/// An uploaded example as the dashboard's form sends it: text fields first, then each file.
async fn post_example(j: &Jury, who: &Jar, fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> TestResponse {
    let boundary = "----baiqauExample7MA4YWxk";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    for (name, bytes) in files {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let ct = format!("multipart/form-data; boundary={boundary}");
    j.w.app.request("POST", &format!("/admin/contests/{}/anchors", j.w.contest), who, &[("content-type", &ct)], body).await
}

/// The dashboard address a refused example goes back to.
fn refused_to(j: &Jury, code: &str, title: &str, nomination: &str) -> String {
    let enc = |s: &str| app::domain::file::percent_encode(s, b"-_.~");
    format!("/admin/contests/{}/judging?example_error={code}&example_title={}&example_nomination={}#add-example", j.w.contest, enc(title), enc(nomination))
}

#[tokio::test]
async fn an_uploaded_example_is_checked_like_a_work_judged_blind_and_leaves_nothing_when_deleted() {
    let j = jury().await;
    let app = &j.w.app;
    wait_for_previews(app).await;
    let (drawing, tale) = (j.w.drawing.as_str(), j.w.tale.as_str());
    let blobs_before = app.count("SELECT COUNT(*) FROM blob").await;
    let keys_before = app.stored_keys("blobs").await;
    let title = "Акварель, 2019 жылғы жеңімпаз";
    let photo = crate::uploads::jpeg_with_exif(64, 48);
    let sketch = crate::uploads::jpeg(40, 30);

    // Refused: back to the form with the reason and what was typed; nothing is kept.
    let judge = post_example(&j, &j.judges[0].1, &[("title", title), ("nomination", drawing)], &[("a.jpg", &photo)]).await;
    assert_eq!(judge.status, StatusCode::FORBIDDEN, "judges do not upload anchors");
    let cases = [
        (&[("title", "  "), ("nomination", drawing)], vec![("a.jpg", &photo[..])], "title", "  ", drawing),
        (&[("title", title), ("nomination", "999999")], vec![("a.jpg", &photo)], "nomination", title, "999999"),
        (&[("title", title), ("nomination", drawing)], vec![("tale.pdf", &b"%PDF-1.4\n%%EOF\n"[..])], "type", title, drawing),
        (&[("title", title), ("nomination", drawing)], vec![("a.jpg", &photo), ("b.jpg", &sketch), ("c.jpg", &sketch), ("d.jpg", &sketch)], "count", title, drawing),
        (&[("title", title), ("nomination", drawing)], vec![], "none", title, drawing),
    ];
    for (fields, files, code, typed, nomination) in cases {
        let res = post_example(&j, &j.admin, fields, &files).await;
        assert_eq!((res.status, res.header("location")), (StatusCode::SEE_OTHER, Some(refused_to(&j, code, typed, nomination).as_str())), "{code}");
    }
    // The photo passes, the PDF after it does not: the photo is not kept either.
    let res = post_example(&j, &j.admin, &[("title", title), ("nomination", drawing)], &[("a.jpg", &photo), ("tale.pdf", b"%PDF-1.4\n%%EOF\n")]).await;
    assert_eq!(res.header("location"), Some(refused_to(&j, "type", title, drawing).as_str()));
    assert_eq!((app.count("SELECT COUNT(*) FROM anchor").await, app.count("SELECT COUNT(*) FROM anchor_file").await), (0, 0));
    assert_eq!((app.count("SELECT COUNT(*) FROM blob").await, app.stored_keys("blobs").await), (blobs_before, keys_before.clone()));
    assert!(crate::uploads::files_on_disk(app, "uploads").is_empty(), "{:?}", crate::uploads::files_on_disk(app, "uploads"));
    let back = app.get(&refused_to(&j, "type", title, drawing), &j.admin).await;
    assert_eq!(back.select_text("#example-error"), vec!["Бұл файл түрі осы номинацияға рұқсат етілмеген (файлдың мазмұны бойынша тексеріледі)."]);
    assert_eq!(back.select_attr("#example-title", "value"), vec![title]);
    assert_eq!(back.select_attr("#example-nomination option[selected]", "value"), vec![drawing]);

    // Accepted: two photos become anchor A1 of the drawings, with no receipt and no entry.
    let res = post_example(&j, &j.admin, &[("title", &format!(" {title}\n")), ("nomination", drawing)], &[("Айгүл_акварель.jpg", &photo), ("eskiz.jpg", &sketch)]).await;
    assert_eq!(res.header("location"), Some(format!("/admin/contests/{}/judging?saved=calibration#calibration", j.w.contest).as_str()));
    let (anchor, code, stored_title, entry): (i64, String, String, Option<i64>) =
        sqlx::query_as("SELECT anchor_id, code, title, source_entry_id FROM anchor").fetch_one(&app.sql).await.unwrap();
    assert_eq!((code.as_str(), stored_title.as_str(), entry), ("A1", title, None));
    let names: Vec<String> = sqlx::query_scalar("SELECT original_name FROM anchor_file ORDER BY anchor_file_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(names, ["Айгүл_акварель.jpg", "eskiz.jpg"]);
    assert_eq!(app.count("SELECT COUNT(*) FROM blob").await, blobs_before + 2);
    wait_for_previews(app).await;
    let shas: Vec<String> = sqlx::query_scalar("SELECT sha256 FROM anchor_file ORDER BY anchor_file_id").fetch_all(&app.sql).await.unwrap();
    let original = app.state.storage.read(&app::backend::storage::blob_key(&shas[0])).await.unwrap();
    // Kept without its location, as works' photos are: the GPS directory (at 67 in the
    // TIFF, which starts at 12) is empty.
    assert_eq!((&photo[12 + 67..12 + 69], &original[12 + 67..12 + 69 + 12]), (&[0u8, 1][..], &[0u8; 14][..]));
    let cal = dashboard(&j).await["calibration"]["anchors"][0].clone();
    assert_eq!((cal["code"].clone(), cal["receipt"].clone(), cal["title"].clone()), (json!("A1"), json!(""), json!(title)));
    let admin_urls: Vec<String> = cal["files"].as_array().unwrap().iter().map(|f| f[0].as_str().unwrap().to_owned()).collect();
    assert_eq!(cal["files"].as_array().unwrap().iter().map(|f| f[1].clone()).collect::<Vec<_>>(), [json!("Айгүл_акварель.jpg"), json!("eskiz.jpg")]);
    let page = app.get(&format!("/admin/contests/{}/judging", j.w.contest), &j.admin).await;
    assert!(page.select_text(&format!("#anchor-{anchor} .hint")).iter().any(|t| t.starts_with("Жүктелген үлгі · ")), "{:?}", page.select_text(&format!("#anchor-{anchor} .hint")));
    assert_eq!(page.select_text(&format!("#anchor-{anchor} .anchor-files a")), ["Айгүл_акварель.jpg", "eskiz.jpg"]);
    let as_uploaded = app.get(&admin_urls[0], &j.admin).await;
    assert_eq!((as_uploaded.status, as_uploaded.bytes.as_slice()), (StatusCode::OK, original.as_slice()), "the admin reads it as uploaded");
    ok(&reference(&j, anchor, &["8", "7", "9"]).await);

    // A judge sees it under its code, blind: re-encoded, no title, no names.
    let judge = &j.judges[0].1;
    let view = app.call("judge_anchor", &[("contest", j.w.contest.as_str()), ("code", "A1")], judge).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    let v = view.json();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.iter().map(|f| f["name"].clone()).collect::<Vec<_>>(), [json!("A1-1.jpg"), json!("A1-2.jpg")]);
    assert!(!view.body.contains("Акварель") && !view.body.contains("Айгүл") && !view.body.contains("eskiz"), "{}", view.body);
    let url = files[0]["url"].as_str().unwrap();
    assert!(url.starts_with("/anchor-files/"), "{url}");
    let blind = app.get(url, judge).await;
    assert_eq!((blind.status, blind.header("content-type")), (StatusCode::OK, Some("image/jpeg")));
    assert!(blind.header("content-disposition").unwrap().contains("A1-1.jpg"));
    assert!(!blind.bytes.windows(9).any(|w| w == b"SECRETCAM") && original.windows(9).any(|w| w == b"SECRETCAM"), "the judge's copy has no metadata");
    assert_eq!(image::load_from_memory(&blind.bytes).unwrap().width(), 48, "turned upright by its orientation, re-encoded");
    let parent = crate::submissions::relogin(app, "parent@mail.kz").await;
    assert_eq!(app.get(url, &parent).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(url, &Jar::default()).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/anchor-files/nosuchfile", judge).await.status, StatusCode::NOT_FOUND);

    // Calibration on it as on any anchor: −2, 0, +1 points of 10.
    ok(&calibrate(&j, 0, "A1", &["6", "7", "10"]).await);
    let judges = dashboard(&j).await["calibration"]["judges"].clone();
    let first = judges.as_array().unwrap().iter().find(|x| x["judge"] == "judge1@lib.kz").unwrap().clone();
    assert_eq!(first["deviation"], json!({"anchors": 1, "criteria": 3, "signed_halves": -2, "absolute_halves": 6, "signed_basis_points": -1000}));

    // An example whose bytes a work's file already has shares its blob; the tale takes PDFs.
    let shared: String = sqlx::query_scalar("SELECT f.sha256 FROM entry_file f JOIN blob b ON b.sha256 = f.sha256 WHERE b.kind = 'pdf' ORDER BY f.file_id LIMIT 1").fetch_one(&app.sql).await.unwrap();
    let pdf = app.state.storage.read(&app::backend::storage::blob_key(&shared)).await.unwrap();
    let res = post_example(&j, &j.admin, &[("title", "Ертегі үлгісі"), ("nomination", tale)], &[("ertegi.pdf", &pdf)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("SELECT COUNT(*) FROM blob").await, blobs_before + 2, "no new blob for bytes already stored");

    // Deleting the examples takes their sheets, rows and stored bytes, but not a work's file.
    let ids: Vec<i64> = sqlx::query_scalar("SELECT anchor_id FROM anchor ORDER BY anchor_id").fetch_all(&app.sql).await.unwrap();
    for id in ids {
        ok(&app.call("admin_delete_anchor", &[("contest", j.w.contest.as_str()), ("anchor", &id.to_string())], &j.admin).await);
    }
    assert_eq!((app.count("SELECT COUNT(*) FROM anchor_file").await, app.count("SELECT COUNT(*) FROM calibration_sheet").await), (0, 0));
    assert_eq!((app.count("SELECT COUNT(*) FROM blob").await, app.stored_keys("blobs").await), (blobs_before, keys_before));
    for sha in &shas {
        for key in [app::backend::storage::thumb_key(sha), app::backend::storage::view_key(sha)] {
            assert!(!app.state.storage.exists(&key).await.unwrap(), "{key}");
        }
    }
    assert!(app.state.storage.exists(&app::backend::storage::blob_key(&shared)).await.unwrap(), "the work's PDF stays");
    assert_eq!(app.get(url, &j.admin).await.status, StatusCode::NOT_FOUND);
    let audited: Vec<String> = sqlx::query_scalar("SELECT detail FROM audit_log WHERE action LIKE 'contest.anchor%' ORDER BY audit_log_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(audited, [format!("A1 {title}"), "A1".to_owned(), "A2 Ертегі үлгісі".to_owned(), "A1".to_owned(), "A2".to_owned()]);
}

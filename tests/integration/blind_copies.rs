//! Blind copies made in the background, as judges, entrants and organisers meet them: a
//! copy still being made, one that could not be made, files stored before copies existed,
//! and works whose visible text names their participant.

use crate::contests::ok;
use crate::judging::{Jury, jury, wait_for_previews};
use crate::submissions::{add_participant, create_entry, last_entry, relogin, world};
use crate::uploads::{docx_with_author, pdf, pdf_with, upload};
use app::i18n::{Lang, Msg};
use baiqau_tests::Jar;
use http::StatusCode;

/// The judge assigned to an entry and the URL under which they get its DOCX.
async fn judge_and_docx(j: &Jury) -> (Jar, String) {
    let app = &j.w.app;
    let code: String = sqlx::query_scalar("SELECT code FROM entry WHERE public_id = $1").bind(&j.secret_tale).fetch_one(&app.sql).await.unwrap();
    for (_, jar) in &j.judges {
        let view = app.call("judge_entry", &[("contest", &j.w.contest), ("code", &code)], jar).await;
        if view.status != StatusCode::OK {
            continue;
        }
        let files = view.json()["files"].as_array().unwrap().clone();
        let docx = files.iter().find(|f| f["name"].as_str().unwrap().ends_with(".docx")).unwrap();
        return (jar.clone(), docx["url"].as_str().unwrap().to_owned());
    }
    panic!("nobody judges the tale");
}

fn warnings(page: &baiqau_tests::TestResponse) -> Vec<String> {
    page.select_text(".file-warning")
}

fn any_lang(msg: Msg) -> Vec<String> {
    [Lang::Kk, Lang::Ru, Lang::En].into_iter().map(|l| msg.text(l).to_string()).collect()
}

#[tokio::test]
async fn blind_judges_wait_for_a_copy_in_the_making_and_never_get_one_that_failed() {
    let j = jury().await;
    let app = &j.w.app;
    wait_for_previews(app).await;
    let (judge, url) = judge_and_docx(&j).await;
    assert_eq!(app.get(&url, &judge).await.status, StatusCode::OK);
    let docx_sha: String = sqlx::query_scalar("SELECT sha256 FROM blob WHERE mime LIKE '%wordprocessingml%'").fetch_one(&app.sql).await.unwrap();

    // Still being made: try again in a few seconds.
    sqlx::query("UPDATE blob SET clean_state = 'pending' WHERE sha256 = $1").bind(&docx_sha).execute(&app.sql).await.unwrap();
    let res = app.get(&url, &judge).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.header("retry-after"), Some("5"));

    // Could not be made: never the original instead; the entrant and the admin are told.
    sqlx::query("UPDATE blob SET clean_state = 'failed' WHERE sha256 = $1").bind(&docx_sha).execute(&app.sql).await.unwrap();
    assert_eq!(app.get(&url, &judge).await.status, StatusCode::NOT_FOUND);
    let told = any_lang(Msg::FileNoBlindCopy);
    // The parent's session of two months ago has ended.
    let parent = relogin(app, "parent@mail.kz").await;
    for (path, jar) in [(format!("/entries/{}", j.secret_tale), &parent), (format!("/admin/entries/{}", j.secret_tale), &j.admin)] {
        let page = app.get(&path, jar).await;
        let w = warnings(&page);
        assert!(w.len() == 1 && told.contains(&w[0]), "{path}: {w:?} {} {}", page.status, page.body);
    }

    // Files stored before blind copies existed are pending with no copy: the background
    // pass makes theirs, and the judge gets it.
    app.state.storage.delete(&app::backend::storage::clean_key(&docx_sha)).await.unwrap();
    sqlx::query("UPDATE blob SET clean_state = 'pending' WHERE sha256 = $1").bind(&docx_sha).execute(&app.sql).await.unwrap();
    server::scrub::finish_pending(&app.state).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM blob WHERE clean_state = 'ready'").await, 4);
    let res = app.get(&url, &judge).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-type"), Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    assert!(warnings(&app.get(&format!("/entries/{}", j.secret_tale), &parent).await).is_empty());
}

#[tokio::test]
async fn a_work_that_names_its_participant_on_its_face_is_flagged_not_refused() {
    let w = world().await;
    let app = &w.app;
    let latin = add_participant(app, &w.parent, "Aliya Serikova", "2016-03-03", true).await;
    sqlx::query("UPDATE nomination SET allowed_kinds = 'pdf,document' WHERE nomination_id = $1").bind(w.tale.parse::<i64>().unwrap()).execute(&app.sql).await.unwrap();
    ok(&create_entry(app, &w.parent, &w.contest, &latin, &w.tale, "Tale", "t1").await);
    let entry = last_entry(app).await;
    // The first page names her (family name first); the DOCX names someone else on its
    // face and her only in its metadata; a PDF without a name.
    for (name, bytes) in [
        ("named.pdf", pdf_with(3_000, "", "A tale by SERIKOVA Aliya, 5th form")),
        ("meta-only.docx", docx_with_author("Aliya Serikova")),
        ("plain.pdf", pdf(3_000)),
    ] {
        assert_eq!(upload(app, &w.parent, &entry, name, &bytes).await.status, StatusCode::OK, "{name}");
    }
    // Read in the background: wait for the copies and the flag.
    wait_for_previews(app).await;
    for _ in 0..200 {
        if app.count("SELECT COUNT(*) FROM entry_file WHERE names_participant").await > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let flagged: Vec<(String, i64)> = sqlx::query_as("SELECT original_name, CASE WHEN names_participant THEN 1 ELSE 0 END FROM entry_file ORDER BY file_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(flagged, [("named.pdf".into(), 1), ("meta-only.docx".into(), 0), ("plain.pdf".into(), 0)]);
    let told = any_lang(Msg::FileNamesParticipant);
    for (path, jar) in [(format!("/entries/{entry}"), &w.parent), (format!("/admin/entries/{entry}"), &w.admin)] {
        let w = warnings(&app.get(&path, jar).await);
        assert!(w.len() == 1 && told.contains(&w[0]), "{path}: {w:?}");
    }
    // In a contest whose judges see names, there is nothing to warn about.
    sqlx::query("UPDATE contest SET blind = FALSE").execute(&app.sql).await.unwrap();
    assert!(warnings(&app.get(&format!("/entries/{entry}"), &w.parent).await).is_empty());
}

/// A work larger than a blind copy may be made of (in memory) is never read whole for one:
/// it is not given to blind judges, and its entrant is told.
#[tokio::test]
async fn a_work_too_large_for_a_blind_copy_is_refused_to_blind_judges_and_its_entrant_told() {
    let w = crate::submissions::world_with(|c| c.blind_copy_max_bytes = 10_000).await;
    let app = &w.app;
    ok(&create_entry(app, &w.parent, &w.contest, &w.child, &w.tale, "Ертегі", "t1").await);
    let entry = last_entry(app).await;
    assert_eq!(upload(app, &w.parent, &entry, "small.pdf", &pdf(9_000)).await.status, StatusCode::OK);
    assert_eq!(upload(app, &w.parent, &entry, "large.pdf", &pdf(20_000)).await.status, StatusCode::OK);
    wait_for_previews(app).await;
    let states: Vec<(String, String)> = sqlx::query_as("SELECT f.original_name, b.clean_state FROM entry_file f JOIN blob b ON b.sha256 = f.sha256 ORDER BY f.file_id")
        .fetch_all(&app.sql)
        .await
        .unwrap();
    assert_eq!(states, [("small.pdf".into(), "ready".into()), ("large.pdf".into(), "failed".into())]);
    assert_eq!(app.stored_keys("clean").await.len(), 1);
    let page = app.get(&format!("/entries/{entry}"), &w.parent).await;
    let w = warnings(&page);
    assert!(w.len() == 1 && any_lang(Msg::FileNoBlindCopy).contains(&w[0]), "{w:?}");
}

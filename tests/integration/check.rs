//! The invariant checker (`baiqau check`; also run after every integration test) catches
//! each rule broken: a contest judged and published, then its data damaged one way at a
//! time, each damage named, and the command's exit status.

use crate::contests::ok;
use crate::judging::{jury, wait_for_previews};
use crate::results::{contest_form, score_everything};
use app::service::check::invariants;
use baiqau_tests::TestApp;

async fn rules_broken(app: &TestApp) -> Vec<String> {
    invariants(&app.state).await.unwrap().into_iter().map(|f| format!("{}: {}", f.rule, f.detail)).collect()
}

#[tokio::test]
async fn every_broken_rule_is_named_and_a_sound_installation_has_none() {
    let j = jury().await;
    let app = &j.w.app;
    app.breaks_rules("each rule is broken here on purpose, and the checker is asked directly");
    score_everything(&j).await;
    ok(&app.call("admin_compute_results", &contest_form(&j), &j.admin).await);
    ok(&app.call("admin_publish_results", &contest_form(&j), &j.admin).await);
    // Let the background copies finish, and every document be made.
    wait_for_previews(app).await;
    server::documents::make_due(&app.state).await.unwrap();
    assert_eq!(rules_broken(app).await, Vec::<String>::new(), "a sound installation");

    let (entry, code): (String, String) = sqlx::query_as("SELECT public_id, code FROM entry WHERE public_id = $1").bind(&j.secret_tale).fetch_one(&app.sql).await.unwrap();
    let damage: [(&str, &str); 7] = [
        ("UPDATE entry SET receipt_no = NULL WHERE public_id = $1", "receipt: contest"),
        // A judge from the child's school, assigned to her work.
        ("INSERT INTO assignment (entry_id, account_id, source, created_at) SELECT e.entry_id, a.account_id, 'manual', 0 FROM entry e, account a
          WHERE e.public_id = $1 AND a.email = 'judge1@lib.kz'", "conflict: work"),
        ("UPDATE criterion SET max_points = 1 WHERE criterion_id = (SELECT MIN(criterion_id) FROM criterion) AND $1 <> ''", "points: entry"),
        ("UPDATE score_sheet SET version = version + 1 WHERE entry_id = (SELECT entry_id FROM entry WHERE public_id = $1)", "history: entry"),
        ("DELETE FROM document WHERE entry_id = (SELECT entry_id FROM entry WHERE public_id = $1) AND kind = 'diploma'", "documents: contest"),
        ("UPDATE contest SET poster_file = 'gone.webp' WHERE $1 <> ''", "store: posters/gone.webp is referenced and missing"),
        ("UPDATE account SET email_confirmed_at = NULL WHERE email = 'judge1@lib.kz' AND $1 <> ''", "staff: judge1@lib.kz holds a role and has not confirmed"),
    ];
    let mut expected = Vec::new();
    for (sql, says) in damage {
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&entry).execute(&app.sql).await.unwrap();
        expected.push(says);
        let found = rules_broken(app).await;
        for want in &expected {
            assert!(found.iter().any(|f| f.starts_with(want)), "{want:?} not among {found:#?}");
        }
        assert!(found.iter().any(|f| f.contains(&entry) || f.contains(&code) || f.contains("gone.webp")), "{found:#?}");
    }
    // A work's bytes lost, and a file nobody refers to.
    let sha: String = sqlx::query_scalar("SELECT sha256 FROM blob ORDER BY sha256 LIMIT 1").fetch_one(&app.sql).await.unwrap();
    app.state.storage.delete(&app::backend::storage::blob_key(&sha)).await.unwrap();
    app.state.storage.put_bytes("blobs/ff/stray", b"stray".to_vec()).await.unwrap();
    let found = rules_broken(app).await;
    assert!(found.contains(&format!("store: {} is referenced and missing from the store", app::backend::storage::blob_key(&sha))), "{found:#?}");
    assert!(found.contains(&"store: blobs/ff/stray is in the store and nothing refers to it".to_owned()), "{found:#?}");
}

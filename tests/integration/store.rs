//! The store itself (`app::backend::db`), on a fresh database per test: values are decoded
//! into domain types at its edge, and a value the code does not know is an error, never a
//! silent default.

use app::domain::ids::{AccountId, ContestId, EntryId};
use app::backend::db;
use app::domain::Role;
use app::domain::contest::{FileKind, Level, Status};
use app::domain::entry::EntryState;
use app::domain::privacy::NameDisplay;
use baiqau_tests::{T0, TestApp};

#[tokio::test]
async fn states_and_modes_are_decoded_into_domain_types() {
    let app = TestApp::new().await;
    app::service::demo::load(&app.state.db, &app.state.hasher, T0).await.unwrap();
    let pool = &app.state.db;
    let contests = db::contests::list_all(pool).await.unwrap();
    assert_eq!(contests.len(), 4);
    assert!(contests.iter().all(|c| c.name_display == NameDisplay::ShortMinors));
    assert!(contests.iter().any(|c| c.level == Level::Republican));
    assert!(contests.iter().any(|c| c.status == Status::Announced));
    let admin = db::accounts::find_by_email(pool, &app::domain::Email::parse("admin@demo.baiqau.kz").unwrap()).await.unwrap().unwrap();
    assert_eq!(admin.role, Role::Admin);
    let entry_id: EntryId = sqlx::query_scalar("SELECT MIN(entry_id) FROM entry").fetch_one(pool).await.unwrap();
    let entry = db::entries::entry_by_id(pool, entry_id).await.unwrap().unwrap();
    assert_eq!(entry.state, EntryState::Submitted);
    let c = contests.iter().find(|c| c.contest_id == entry.contest_id).unwrap();
    let kinds = db::contest_parts::nominations(pool, c.contest_id).await.unwrap();
    assert!(kinds.iter().all(|n| !n.allowed_kinds.0.is_empty()), "every demo nomination takes some kind of file");
    assert!(kinds.iter().flat_map(|n| n.allowed_kinds.0.iter()).any(|k| *k == FileKind::Image));
}

#[tokio::test]
async fn an_unknown_value_in_the_database_is_an_error_not_a_default() {
    let app = TestApp::new().await;
    app::service::demo::load(&app.state.db, &app.state.hasher, T0).await.unwrap();
    let pool = &app.state.db;
    let c = db::contests::list_all(pool).await.unwrap().remove(0);
    // Written by hand past the table's CHECK constraints, as a bad migration or another
    // program might; read back through the pool's other connections.
    let mut conn = pool.acquire().await.unwrap();
    sqlx::query("PRAGMA ignore_check_constraints = ON").execute(&mut *conn).await.unwrap();
    for (column, value, type_name) in [("status", "paused", "Status"), ("level", "galactic", "Level"), ("name_display", "initials", "NameDisplay"), ("aggregation", "mode", "Aggregation")] {
        let good: String = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT {column} FROM contest WHERE contest_id = ?"))).bind(c.contest_id).fetch_one(pool).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE contest SET {column} = ? WHERE contest_id = ?"))).bind(value).bind(c.contest_id).execute(&mut *conn).await.unwrap();
        let err = db::contests::find(pool, &c.public_id).await.unwrap_err().to_string();
        assert!(err.contains(&format!("unknown {type_name} \"{value}\"")), "{column}: {err}");
        sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE contest SET {column} = ? WHERE contest_id = ?"))).bind(&good).bind(c.contest_id).execute(&mut *conn).await.unwrap();
    }
    assert_eq!(db::contests::find(pool, &c.public_id).await.unwrap().unwrap().contest_id, c.contest_id);
    sqlx::query("UPDATE nomination SET allowed_kinds = 'image,hologram' WHERE contest_id = ?").bind(c.contest_id).execute(&mut *conn).await.unwrap();
    let err = db::contest_parts::nominations(pool, c.contest_id).await.unwrap_err().to_string();
    assert!(err.contains("unknown file kind in \"image,hologram\""), "{err}");
    sqlx::query("UPDATE entry SET state = 'lost' WHERE entry_id = (SELECT MIN(entry_id) FROM entry)").execute(&mut *conn).await.unwrap();
    let entry_id: EntryId = sqlx::query_scalar("SELECT MIN(entry_id) FROM entry").fetch_one(pool).await.unwrap();
    let err = db::entries::entry_by_id(pool, entry_id).await.unwrap_err().to_string();
    assert!(err.contains("unknown EntryState \"lost\""), "{err}");
}

/// A submitted demo entry of a contest not yet published, with its assigned judge.
async fn judged_entry(pool: &db::Db) -> (EntryId, AccountId, ContestId) {
    sqlx::query_as(
        "SELECT e.entry_id, a.account_id, e.contest_id FROM entry e JOIN assignment a USING (entry_id) JOIN contest c ON c.contest_id = e.contest_id
         WHERE c.published_at IS NULL ORDER BY e.entry_id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn accounts_refuse_a_second_account_for_one_address() {
    let app = TestApp::new().await;
    let pool = &app.state.db;
    let email = app::domain::Email::parse("Asel@Example.kz").unwrap();
    let id = db::accounts::insert(pool, &email, "Әсел", "hash", Role::Judge, T0).await.unwrap();
    let again = db::accounts::insert(pool, &email, "Әсел 2", "hash", Role::Entrant, T0).await;
    assert!(matches!(again, Err(db::accounts::InsertAccountError::EmailTaken)), "{again:?}");
    let row = db::accounts::find(pool, id).await.unwrap().unwrap();
    assert_eq!((row.email.as_str(), row.role), ("asel@example.kz", Role::Judge));
    assert_eq!(db::accounts::count(pool).await.unwrap(), 1);
}

#[tokio::test]
async fn sheets_are_written_by_version_and_stay_submitted() {
    use app::backend::db::judging::{Saved, SheetWrite};
    use app::domain::judging::SheetState;
    let app = TestApp::new().await;
    app::service::demo::load(&app.state.db, &app.state.hasher, T0).await.unwrap();
    let pool = &app.state.db;
    let (entry, judge, _) = judged_entry(pool).await;
    sqlx::query("DELETE FROM score_sheet WHERE entry_id = ? AND account_id = ?").bind(entry).bind(judge).execute(pool).await.unwrap();
    let draft = SheetWrite { points: &[], comment: "", note: "first look", submit: false };
    assert_eq!(db::judging::save_sheet(pool, entry, judge, 0, &draft, T0).await.unwrap(), Saved::Saved(1));
    // Another tab still at version 0.
    assert_eq!(db::judging::save_sheet(pool, entry, judge, 0, &draft, T0).await.unwrap(), Saved::Stale(1));
    let submit = SheetWrite { points: &[], comment: "Жақсы", note: "", submit: true };
    assert_eq!(db::judging::save_sheet(pool, entry, judge, 1, &submit, T0 + 1).await.unwrap(), Saved::Saved(2));
    assert_eq!(db::judging::save_sheet(pool, entry, judge, 2, &draft, T0 + 2).await.unwrap(), Saved::Saved(3));
    let sheet = db::judging::sheet(pool, entry, judge).await.unwrap().unwrap();
    assert_eq!((sheet.row.version, sheet.row.state, sheet.row.note.as_str()), (3, SheetState::Submitted, "first look"));
    let history: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM score_history WHERE sheet_id = ?").bind(sheet.row.sheet_id).fetch_one(pool).await.unwrap();
    assert_eq!(history, 3);
}

#[tokio::test]
async fn a_contest_is_claimed_for_publication_once_and_then_refuses_sheets() {
    use app::backend::db::judging::{Saved, SheetWrite};
    let app = TestApp::new().await;
    app::service::demo::load(&app.state.db, &app.state.hasher, T0).await.unwrap();
    let pool = &app.state.db;
    let (entry, judge, contest) = judged_entry(pool).await;
    let mut tx = db::write(pool).await.unwrap();
    assert!(db::results::claim_publication(&mut tx, contest, T0).await.unwrap());
    assert!(!db::results::claim_publication(&mut tx, contest, T0 + 5).await.unwrap());
    tx.commit().await.unwrap();
    let c = db::contests::find_by_id(pool, contest).await.unwrap().unwrap();
    assert_eq!(c.published_at, Some(T0));
    let write = SheetWrite { points: &[], comment: "", note: "", submit: false };
    let current = db::judging::sheet(pool, entry, judge).await.unwrap().map_or(0, |s| s.row.version);
    assert_eq!(db::judging::save_sheet(pool, entry, judge, current, &write, T0 + 10).await.unwrap(), Saved::Published);
}

#[tokio::test]
async fn uploads_advance_only_from_where_they_stand_and_only_for_their_account() {
    let app = TestApp::new().await;
    app::service::demo::load(&app.state.db, &app.state.hasher, T0).await.unwrap();
    let pool = &app.state.db;
    let (entry, _, _) = judged_entry(pool).await;
    let owner: AccountId = sqlx::query_scalar("SELECT account_id FROM entry WHERE entry_id = ?").bind(entry).fetch_one(pool).await.unwrap();
    let row = db::uploads::NewUpload { public_id: "up-1", entry_id: entry, account_id: owner, original_name: "сурет.jpg", size: 1000, sha256: None };
    db::uploads::insert_upload(pool, &row, T0).await.unwrap();
    let u = db::uploads::upload(pool, owner, "up-1").await.unwrap().unwrap();
    assert_eq!((u.received, u.size, u.original_name.as_str()), (0, 1000, "сурет.jpg"));
    assert!(db::uploads::upload(pool, AccountId(owner.0 + 1000), "up-1").await.unwrap().is_none());
    assert!(db::uploads::set_received(pool, u.upload_id, 0, 400, T0 + 1).await.unwrap());
    // A second writer that read 0 too loses.
    assert!(!db::uploads::set_received(pool, u.upload_id, 0, 300, T0 + 1).await.unwrap());
    assert_eq!(db::uploads::upload(pool, owner, "up-1").await.unwrap().unwrap().received, 400);
    assert_eq!(db::uploads::stale_uploads(pool, T0 + 2).await.unwrap(), vec!["up-1".to_owned()]);
    assert!(db::uploads::stale_uploads(pool, T0).await.unwrap().is_empty());
}

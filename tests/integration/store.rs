//! The store itself (`app::backend::db`), on a fresh database per test: values are decoded
//! into domain types at its edge, and a value the code does not know is an error, never a
//! silent default.

use app::domain::ids::{AccountId, ContestId, EntryId};
use app::backend::db::{self, Engine};
use app::backend::db::audit::Subject;
use app::domain::audit::Action;
use app::domain::Role;
use app::domain::contest::{FileKind, Level, LocalText, Status};
use app::domain::entry::EntryState;
use app::domain::privacy::NameDisplay;
use baiqau_tests::{T0, TestApp};

#[tokio::test]
async fn states_and_modes_are_decoded_into_domain_types() {
    let app = TestApp::new().await;
    app::service::demo::load(&app.state, T0).await.unwrap();
    let pool = &app.state.db;
    let contests = db::contests::list_all(pool).await.unwrap();
    assert_eq!(contests.len(), 4);
    assert!(contests.iter().all(|c| c.name_display == NameDisplay::ShortMinors));
    assert!(contests.iter().any(|c| c.level == Level::Republican));
    assert!(contests.iter().any(|c| c.status == Status::Announced));
    let admin = db::accounts::find_by_email(pool, &app::domain::Email::parse("admin@demo.baiqau.kz").unwrap()).await.unwrap().unwrap();
    assert_eq!(admin.role, Role::Admin);
    let entry_id: EntryId = sqlx::query_scalar("SELECT MIN(entry_id) FROM entry").fetch_one(&app.sql).await.unwrap();
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
    app::service::demo::load(&app.state, T0).await.unwrap();
    let pool = &app.state.db;
    let c = db::contests::list_all(pool).await.unwrap().remove(0);
    // Written by hand past the table's CHECK constraints, as a bad migration or another
    // program might; read back through the pool's other connections.
    let mut conn = app.sql.acquire().await.unwrap();
    match baiqau_tests::engine() {
        Engine::Sqlite => {
            sqlx::query("PRAGMA ignore_check_constraints = ON").execute(&mut *conn).await.unwrap();
        }
        Engine::Postgres => {
            // PostgreSQL cannot switch its checks off: this test's own database drops them.
            for table in ["contest", "nomination", "entry"] {
                let checks: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT conname::text FROM pg_constraint WHERE conrelid = '{table}'::regclass AND contype = 'c'")))
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap();
                for check in checks {
                    sqlx::query(sqlx::AssertSqlSafe(format!("ALTER TABLE {table} DROP CONSTRAINT \"{check}\""))).execute(&mut *conn).await.unwrap();
                }
            }
        }
    }
    for (column, value, type_name) in [("status", "paused", "Status"), ("level", "galactic", "Level"), ("name_display", "initials", "NameDisplay"), ("aggregation", "mode", "Aggregation")] {
        let good: String = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT {column} FROM contest WHERE contest_id = $1"))).bind(c.contest_id).fetch_one(&app.sql).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE contest SET {column} = $1 WHERE contest_id = $2"))).bind(value).bind(c.contest_id).execute(&mut *conn).await.unwrap();
        let err = db::contests::find(pool, &c.public_id).await.unwrap_err().to_string();
        assert!(err.contains(&format!("unknown {type_name} \"{value}\"")), "{column}: {err}");
        sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE contest SET {column} = $1 WHERE contest_id = $2"))).bind(&good).bind(c.contest_id).execute(&mut *conn).await.unwrap();
    }
    assert_eq!(db::contests::find(pool, &c.public_id).await.unwrap().unwrap().contest_id, c.contest_id);
    sqlx::query("UPDATE nomination SET allowed_kinds = 'image,hologram' WHERE contest_id = $1").bind(c.contest_id).execute(&mut *conn).await.unwrap();
    let err = db::contest_parts::nominations(pool, c.contest_id).await.unwrap_err().to_string();
    assert!(err.contains("unknown file kind in \"image,hologram\""), "{err}");
    sqlx::query("UPDATE entry SET state = 'lost' WHERE entry_id = (SELECT MIN(entry_id) FROM entry)").execute(&mut *conn).await.unwrap();
    let entry_id: EntryId = sqlx::query_scalar("SELECT MIN(entry_id) FROM entry").fetch_one(&app.sql).await.unwrap();
    let err = db::entries::entry_by_id(pool, entry_id).await.unwrap_err().to_string();
    assert!(err.contains("unknown EntryState \"lost\""), "{err}");
}

/// A submitted demo entry of a contest not yet published, with its assigned judge.
async fn judged_entry(app: &TestApp) -> (EntryId, AccountId, ContestId) {
    sqlx::query_as(
        "SELECT e.entry_id, a.account_id, e.contest_id FROM entry e JOIN assignment a USING (entry_id) JOIN contest c ON c.contest_id = e.contest_id
         WHERE c.published_at IS NULL ORDER BY e.entry_id LIMIT 1",
    )
    .fetch_one(&app.sql)
    .await
    .unwrap()
}

#[tokio::test]
async fn accounts_refuse_a_second_account_for_one_address() {
    let app = TestApp::new().await;
    let pool = &app.state.db;
    let email = app::domain::Email::parse("Asel@Example.kz").unwrap();
    let id = db::accounts::insert(pool, &email, "Әсел", "hash", Role::Judge, true, T0).await.unwrap();
    let again = db::accounts::insert(pool, &email, "Әсел 2", "hash", Role::Entrant, false, T0).await;
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
    app::service::demo::load(&app.state, T0).await.unwrap();
    let pool = &app.state.db;
    let (entry, judge, _) = judged_entry(&app).await;
    sqlx::query("DELETE FROM score_sheet WHERE entry_id = $1 AND account_id = $2").bind(entry).bind(judge).execute(&app.sql).await.unwrap();
    let draft = SheetWrite { points: &[], comment: "", note: "first look", submit: false };
    assert_eq!(db::judging::save_sheet(pool, entry, judge, 0, &draft, T0).await.unwrap(), Saved::Saved(1));
    // Another tab still at version 0.
    assert_eq!(db::judging::save_sheet(pool, entry, judge, 0, &draft, T0).await.unwrap(), Saved::Stale(1));
    let submit = SheetWrite { points: &[], comment: "Жақсы", note: "", submit: true };
    assert_eq!(db::judging::save_sheet(pool, entry, judge, 1, &submit, T0 + 1).await.unwrap(), Saved::Saved(2));
    assert_eq!(db::judging::save_sheet(pool, entry, judge, 2, &draft, T0 + 2).await.unwrap(), Saved::Saved(3));
    let sheet = db::judging::sheet(pool, entry, judge).await.unwrap().unwrap();
    assert_eq!((sheet.row.version, sheet.row.state, sheet.row.note.as_str()), (3, SheetState::Submitted, "first look"));
    let history: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM score_history WHERE sheet_id = $1").bind(sheet.row.sheet_id).fetch_one(&app.sql).await.unwrap();
    assert_eq!(history, 3);
}

#[tokio::test]
async fn a_contest_is_claimed_for_publication_once_and_then_refuses_sheets() {
    use app::backend::db::judging::{Saved, SheetWrite};
    let app = TestApp::new().await;
    app::service::demo::load(&app.state, T0).await.unwrap();
    let pool = &app.state.db;
    let (entry, judge, contest) = judged_entry(&app).await;
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
    app::service::demo::load(&app.state, T0).await.unwrap();
    let pool = &app.state.db;
    let (entry, _, _) = judged_entry(&app).await;
    let owner: AccountId = sqlx::query_scalar("SELECT account_id FROM entry WHERE entry_id = $1").bind(entry).fetch_one(&app.sql).await.unwrap();
    let row = db::uploads::NewUpload { public_id: "up-1", entry_id: entry, account_id: owner, original_name: "сурет.jpg", size: 1000, sha256: None };
    db::uploads::insert_upload(pool, &row, T0).await.unwrap();
    let u = db::uploads::upload(pool, owner, "up-1").await.unwrap().unwrap();
    assert_eq!((u.received, u.size, u.original_name.as_str()), (0, 1000, "сурет.jpg"));
    assert!(db::uploads::upload(pool, AccountId(owner.0 + 1000), "up-1").await.unwrap().is_none());
    assert!(db::uploads::exists(pool, "up-1").await.unwrap());
    assert!(!db::uploads::exists(pool, "up-2").await.unwrap());
    assert!(db::uploads::add_piece(pool, u.upload_id, 0, 400, "uploads/up-1/a", T0 + 1).await.unwrap());
    // A second writer that read 0 too loses, and records nothing.
    assert!(!db::uploads::add_piece(pool, u.upload_id, 0, 300, "uploads/up-1/b", T0 + 1).await.unwrap());
    assert!(db::uploads::add_piece(pool, u.upload_id, 400, 600, "uploads/up-1/c", T0 + 1).await.unwrap());
    assert_eq!(db::uploads::upload(pool, owner, "up-1").await.unwrap().unwrap().received, 1000);
    let pieces = db::uploads::pieces(pool, u.upload_id).await.unwrap();
    let got: Vec<(i64, i64, &str)> = pieces.iter().map(|p| (p.start_at, p.length, p.object_key.as_str())).collect();
    assert_eq!(got, vec![(0, 400, "uploads/up-1/a"), (400, 600, "uploads/up-1/c")]);
    // Finished: no more pieces, even at the right offset.
    sqlx::query("UPDATE upload SET file_public_id = 'f1'").execute(&app.sql).await.unwrap();
    assert!(!db::uploads::add_piece(pool, u.upload_id, 1000, 1, "uploads/up-1/d", T0 + 1).await.unwrap());
    assert!(db::uploads::uploads_of_entry(pool, entry).await.unwrap().is_empty(), "a finished upload is not in progress");
    assert!(db::uploads::stale_uploads(pool, T0).await.unwrap().is_empty());
    assert_eq!(db::uploads::stale_uploads(pool, T0 + 2).await.unwrap(), vec!["up-1".to_owned()]);
    assert_eq!(app.count("SELECT COUNT(*) FROM upload_piece").await, 0, "its pieces went with it");
}

async fn one_account(app: &TestApp, email: &str) -> AccountId {
    let email = app::domain::Email::parse(email).unwrap();
    db::accounts::insert(&app.state.db, &email, "Дана", "hash", Role::Entrant, false, T0).await.unwrap()
}

#[tokio::test]
async fn sessions_are_found_by_hash_listed_newest_first_and_expire_by_age_or_idleness() {
    let app = TestApp::new().await;
    let pool = &app.state.db;
    let dana = one_account(&app, "dana@example.kz").await;
    let other = one_account(&app, "other@example.kz").await;
    let phone = db::sessions::insert(pool, "hash-phone", dana, T0, T0 + 1000, "Phone").await.unwrap();
    let laptop = db::sessions::insert(pool, "hash-laptop", dana, T0 + 10, T0 + 50, "Laptop").await.unwrap();
    let theirs = db::sessions::insert(pool, "hash-other", other, T0, T0 + 1000, "Other").await.unwrap();
    let found = db::sessions::find(pool, "hash-phone").await.unwrap().unwrap();
    assert_eq!((found.session_id, found.account_id, found.role, found.email.as_str()), (phone, dana, Role::Entrant, "dana@example.kz"));
    assert!(db::sessions::find(pool, "hash-none").await.unwrap().is_none());
    db::sessions::touch(pool, phone, T0 + 20).await.unwrap();
    let listed: Vec<(i64, String)> = db::sessions::list_of_account(pool, dana).await.unwrap().into_iter().map(|s| (s.session_id, s.user_agent)).collect();
    assert_eq!(listed, vec![(phone, "Phone".to_owned()), (laptop, "Laptop".to_owned())], "most recently seen first");
    // Nobody ends another account's session by its number.
    assert!(!db::sessions::delete_of_account(pool, dana, theirs).await.unwrap());
    assert!(db::sessions::find(pool, "hash-other").await.unwrap().is_some());
    // The laptop's session ran out (expires_at T0+50). With an idle limit of 100 s at T0+110,
    // the other account's (last seen at T0) is idle; the phone (seen at T0+20) is not.
    assert_eq!(db::sessions::delete_expired(pool, T0 + 60, 1000).await.unwrap(), 1);
    assert!(db::sessions::find(pool, "hash-laptop").await.unwrap().is_none());
    assert_eq!(db::sessions::delete_expired(pool, T0 + 110, 100).await.unwrap(), 1, "only the other account's, idle since T0");
    assert!(db::sessions::find(pool, "hash-phone").await.unwrap().is_some());
    let second = db::sessions::insert(pool, "hash-second", dana, T0 + 110, T0 + 1000, "Tablet").await.unwrap();
    assert_eq!(db::sessions::delete_all_of_account(pool, dana, Some(second)).await.unwrap(), 1, "all but the one kept");
    assert_eq!(db::sessions::list_of_account(pool, dana).await.unwrap().iter().map(|s| s.session_id).collect::<Vec<_>>(), vec![second]);
    db::sessions::delete_by_hash(pool, "hash-second").await.unwrap();
    assert!(db::sessions::list_of_account(pool, dana).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_outbox_leases_each_due_message_once_until_its_lease_runs_out() {
    let app = TestApp::new().await;
    let pool = &app.state.db;
    let first = db::outbox::enqueue(pool, "a@example.kz", "A", "Subject A", "Body A", T0).await.unwrap();
    let later = db::outbox::enqueue(pool, "b@example.kz", "B", "Subject B", "Body B", T0 + 100).await.unwrap();
    let leased = db::outbox::lease_due(pool, T0 + 1, 60, 10).await.unwrap();
    assert_eq!(leased.iter().map(|m| (m.outbox_id, m.attempts, m.subject.as_str())).collect::<Vec<_>>(), vec![(first, 1, "Subject A")], "only what is due");
    assert!(db::outbox::lease_due(pool, T0 + 2, 60, 10).await.unwrap().is_empty(), "a leased message is not handed out twice");
    db::outbox::mark_failed(pool, first, "421 try later", T0 + 30).await.unwrap();
    let error: Option<String> = sqlx::query_scalar("SELECT last_error FROM outbox WHERE outbox_id = $1").bind(first).fetch_one(&app.sql).await.unwrap();
    assert_eq!(error.as_deref(), Some("421 try later"));
    let again = db::outbox::lease_due(pool, T0 + 100, 60, 10).await.unwrap();
    assert_eq!(again.iter().map(|m| (m.outbox_id, m.attempts)).collect::<Vec<_>>(), vec![(first, 2), (later, 1)], "oldest due first");
    db::outbox::mark_sent(pool, first, T0 + 101).await.unwrap();
    let row: (Option<i64>, Option<String>) = sqlx::query_as("SELECT sent_at, last_error FROM outbox WHERE outbox_id = $1").bind(first).fetch_one(&app.sql).await.unwrap();
    assert_eq!(row, (Some(T0 + 101), None), "sent, and the old error cleared");
    let after_lease = db::outbox::lease_due(pool, T0 + 1000, 60, 10).await.unwrap();
    assert_eq!(after_lease.iter().map(|m| (m.outbox_id, m.attempts)).collect::<Vec<_>>(), vec![(later, 2)], "a sent message never comes back; an unanswered lease does");
    let third = db::outbox::enqueue(pool, "c@example.kz", "C", "Subject C", "Body C", T0 + 1500).await.unwrap();
    let limited = db::outbox::lease_due(pool, T0 + 2000, 60, 1).await.unwrap();
    assert_eq!(limited.iter().map(|m| m.outbox_id).collect::<Vec<_>>(), vec![later], "two are due, the limit hands out one, the oldest");
    let rest = db::outbox::lease_due(pool, T0 + 2001, 60, 10).await.unwrap();
    assert_eq!(rest.iter().map(|m| m.outbox_id).collect::<Vec<_>>(), vec![third]);
}

#[tokio::test]
async fn a_reset_link_is_taken_once_before_it_expires_and_revoked_with_its_siblings() {
    let app = TestApp::new().await;
    let pool = &app.state.db;
    let dana = one_account(&app, "dana@example.kz").await;
    let other = one_account(&app, "other@example.kz").await;
    for hash in ["r1", "r2", "r3"] {
        db::password_resets::insert(pool, hash, dana, T0, T0 + 3600).await.unwrap();
    }
    db::password_resets::insert(pool, "theirs", other, T0, T0 + 3600).await.unwrap();
    assert!(db::password_resets::is_valid(pool, "r1", T0 + 10).await.unwrap());
    assert!(!db::password_resets::is_valid(pool, "r1", T0 + 3600).await.unwrap(), "expired at its expiry second");
    assert_eq!(db::password_resets::take(pool, "r1", T0 + 3600).await.unwrap(), None);
    assert_eq!(db::password_resets::take(pool, "r1", T0 + 10).await.unwrap(), Some(dana));
    assert_eq!(db::password_resets::take(pool, "r1", T0 + 11).await.unwrap(), None, "once only");
    assert_eq!(db::password_resets::take(pool, "nope", T0 + 11).await.unwrap(), None);
    assert_eq!(db::password_resets::revoke_all_of_account(pool, dana, T0 + 12).await.unwrap(), 2, "r2 and r3; r1 is already used");
    assert!(!db::password_resets::is_valid(pool, "r2", T0 + 13).await.unwrap());
    assert!(db::password_resets::is_valid(pool, "theirs", T0 + 13).await.unwrap(), "another account's link stands");
}

#[tokio::test]
async fn a_login_throttle_is_kept_per_address_replaced_on_write_and_forgotten_a_day_after_its_lock() {
    use app::domain::throttle::LoginThrottle;
    let app = TestApp::new().await;
    let pool = &app.state.db;
    let fresh = db::throttle::get(pool, "dana@example.kz").await.unwrap();
    assert_eq!((fresh.failures, fresh.locked_until), (0, 0), "an address never seen starts clean");
    db::throttle::put(pool, "dana@example.kz", LoginThrottle { failures: 3, locked_until: T0 + 60 }, T0).await.unwrap();
    db::throttle::put(pool, "dana@example.kz", LoginThrottle { failures: 4, locked_until: T0 + 120 }, T0 + 5).await.unwrap();
    db::throttle::put(pool, "erlan@example.kz", LoginThrottle { failures: 1, locked_until: 0 }, T0 + 90_000).await.unwrap();
    let dana = db::throttle::get(pool, "dana@example.kz").await.unwrap();
    assert_eq!((dana.failures, dana.locked_until), (4, T0 + 120), "the second write replaces the first");
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_throttle").fetch_one(&app.sql).await.unwrap();
    assert_eq!(rows, 2, "one row per address");
    // A day after Dana's last write her lock is long over: forgotten. Erlan's is recent.
    assert_eq!(db::throttle::delete_stale(pool, T0 + 5 + 86_400, 600).await.unwrap(), 0, "exactly a day is not yet stale");
    assert_eq!(db::throttle::delete_stale(pool, T0 + 6 + 86_400, 600).await.unwrap(), 1);
    assert_eq!(db::throttle::get(pool, "dana@example.kz").await.unwrap().failures, 0);
    assert_eq!(db::throttle::get(pool, "erlan@example.kz").await.unwrap().failures, 1);
    db::throttle::clear(pool, "erlan@example.kz").await.unwrap();
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_throttle").fetch_one(&app.sql).await.unwrap();
    assert_eq!(rows, 0, "a successful login clears the address");
}

#[tokio::test]
async fn a_lock_that_is_still_running_is_never_forgotten_however_old_its_record() {
    use app::domain::throttle::LoginThrottle;
    let app = TestApp::new().await;
    let pool = &app.state.db;
    db::throttle::put(pool, "dana@example.kz", LoginThrottle { failures: 9, locked_until: T0 + 200_000 }, T0).await.unwrap();
    assert_eq!(db::throttle::delete_stale(pool, T0 + 100_000, 600).await.unwrap(), 0);
    assert_eq!(db::throttle::get(pool, "dana@example.kz").await.unwrap().locked_until, T0 + 200_000);
}

#[tokio::test]
async fn the_audit_log_keeps_who_did_what_to_which_record_and_outlives_the_account() {
    let app = TestApp::new().await;
    let pool = &app.state.db;
    let dana = one_account(&app, "dana@example.kz").await;
    let contest = db::contests::insert_draft(pool, "abc", &LocalText::new(None, Some("Конкурс".into()), None), Level::Regional, None, T0).await.unwrap();
    let entry = Subject::Entry { public_id: "42", contest };
    db::audit::log(pool, Some(dana), Action::EntryDisqualify, entry, "copied from a book", T0).await.unwrap();
    db::audit::log(pool, None, Action::ResultsPublish, Subject::Contest { id: contest, public_id: "abc" }, "", T0 + 1).await.unwrap();
    // A contest deleted before its line is written (a draft's deletion) is left out of it.
    let gone = Subject::Contest { id: ContestId(contest.0 + 1000), public_id: "gone" };
    db::audit::log(pool, Some(dana), Action::ContestDelete, gone, "", T0 + 1).await.unwrap();
    type Row = (Option<AccountId>, String, String, String, i64, Option<ContestId>);
    let rows: Vec<Row> =
        sqlx::query_as("SELECT actor_account_id, action, target, detail, created_at, contest_id FROM audit_log ORDER BY audit_log_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(rows, vec![
        (Some(dana), "entry.disqualify".into(), "entry:42".into(), "copied from a book".into(), T0, Some(contest)),
        (None, "results.publish".into(), "contest:abc".into(), String::new(), T0 + 1, Some(contest)),
        (Some(dana), "contest.delete".into(), "contest:gone".into(), String::new(), T0 + 1, None),
    ]);
    // Inside a transaction it is written with the change it records, or not at all.
    let mut tx = db::write(pool).await.unwrap();
    db::audit::log(&mut tx, Some(dana), Action::ContestCreate, Subject::Account(dana), "", T0 + 2).await.unwrap();
    tx.rollback().await.unwrap();
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(&app.sql).await.unwrap();
    assert_eq!(count, 3, "a rolled-back change leaves no audit line");
    sqlx::query("DELETE FROM account WHERE account_id = $1").bind(dana).execute(&app.sql).await.unwrap();
    let actor: Option<AccountId> = sqlx::query_scalar("SELECT actor_account_id FROM audit_log ORDER BY audit_log_id LIMIT 1").fetch_one(&app.sql).await.unwrap();
    assert_eq!(actor, None, "the line stays, its actor unknown");
}

#[tokio::test]
async fn a_returned_form_is_read_until_it_expires_and_then_swept() {
    let app = TestApp::new().await;
    let pool = &app.state.db;
    let fields = r#"[["title","Менің ертегім"],["points[c1]","7,5"]]"#;
    db::form_return::put(pool, "h1", "/api/judge_save", fields, T0 + 600).await.unwrap();
    db::form_return::put(pool, "h2", "/api/save_participant", "[]", T0 + 10).await.unwrap();
    assert_eq!(db::form_return::get(pool, "h1", T0).await.unwrap(), Some(("/api/judge_save".to_owned(), fields.to_owned())), "kept byte for byte");
    assert_eq!(db::form_return::get(pool, "h2", T0 + 10).await.unwrap(), None, "gone at its expiry second");
    assert_eq!(db::form_return::get(pool, "nope", T0).await.unwrap(), None);
    assert!(db::form_return::put(pool, "h1", "/api/other", "[]", T0 + 600).await.is_err(), "a token's form is never overwritten by another");
    assert_eq!(db::form_return::delete_expired(pool, T0 + 10).await.unwrap(), 1);
    assert_eq!(db::form_return::delete_expired(pool, T0 + 10).await.unwrap(), 0);
    assert_eq!(db::form_return::get(pool, "h1", T0 + 599).await.unwrap().map(|(p, _)| p).as_deref(), Some("/api/judge_save"));
}

/// The store functions no flow of the other integration tests reaches (the browser tests
/// drive some of them), each with exact rows, on whichever engine the run uses.
#[tokio::test]
async fn editor_writes_settings_and_sweeps_change_exactly_their_rows() {
    use app::backend::db::contest_parts::{NominationData, Part};
    use app::domain::ids::NominationId;
    let app = TestApp::new().await;
    app::service::demo::load(&app.state, T0).await.unwrap();
    let pool = &app.state.db;

    assert!(db::results::published_contests(pool).await.unwrap().is_empty(), "nothing is published at the demo's start");
    let ids: Vec<(i64, String)> = sqlx::query_as("SELECT contest_id, public_id FROM contest ORDER BY contest_id").fetch_all(&app.sql).await.unwrap();
    assert!(ids.len() >= 3, "{ids:?}");
    sqlx::query("UPDATE contest SET published_version = 1 WHERE contest_id IN ($1, $2)").bind(ids[2].0).bind(ids[0].0).execute(&app.sql).await.unwrap();
    assert_eq!(db::results::published_contests(pool).await.unwrap(), [ids[0].1.clone(), ids[2].1.clone()]);

    let (contest, nomination): (ContestId, NominationId) = sqlx::query_as("SELECT contest_id, nomination_id FROM nomination ORDER BY nomination_id LIMIT 1").fetch_one(&app.sql).await.unwrap();
    let name = LocalText { kk: Some("Сурет".into()), ru: Some("Рисунок".into()), en: None };
    let data = NominationData { name: &name, kinds: "image,pdf", max_file_mb: 12, max_files: 3, max_entries: 2 };
    assert!(!db::contest_parts::update_nomination(pool, ContestId(contest.0 + 1000), nomination, &data, T0 + 1).await.unwrap(), "not that contest's");
    assert!(db::contest_parts::update_nomination(pool, contest, nomination, &data, T0 + 1).await.unwrap());
    let row: (String, Option<String>, String, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT name_kk, name_en, allowed_kinds, max_file_mb, max_files, max_entries_per_participant, updated_at FROM nomination WHERE nomination_id = $1",
    )
    .bind(nomination)
    .fetch_one(&app.sql)
    .await
    .unwrap();
    assert_eq!(row, ("Сурет".into(), None, "image,pdf".into(), 12, 3, 2, T0 + 1));

    db::contests::set_judging_settings(pool, contest, false, true, 35, T0 + 2).await.unwrap();
    let settings: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT CASE WHEN blind THEN 1 ELSE 0 END, CASE WHEN judges_see_colleagues THEN 1 ELSE 0 END, disagreement_pct, updated_at FROM contest WHERE contest_id = $1",
    )
    .bind(contest)
    .fetch_one(&app.sql)
    .await
    .unwrap();
    assert_eq!(settings, (0, 1, 35, T0 + 2));

    let spare = db::contest_parts::insert_nomination(pool, contest, &data, T0 + 3).await.unwrap();
    let nominations = || async { sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM nomination").fetch_one(&app.sql).await.unwrap() };
    let before = nominations().await;
    assert!(!db::contest_parts::delete_part(pool, ContestId(contest.0 + 1000), Part::Nomination, spare.0).await.unwrap(), "not that contest's");
    assert!(db::contest_parts::delete_part(pool, contest, Part::Nomination, spare.0).await.unwrap());
    assert!(!db::contest_parts::delete_part(pool, contest, Part::Nomination, spare.0).await.unwrap(), "already gone");
    assert_eq!(nominations().await, before - 1);

    for (sha, state) in [("a1", Some("pending")), ("b2", Some("ready")), ("c3", None), ("d4", Some("pending"))] {
        sqlx::query("INSERT INTO blob (sha256, size, mime, kind, thumb_state, created_at) VALUES ($1, 10, 'image/png', 'image', $2, 0)").bind(sha).bind(state).execute(&app.sql).await.unwrap();
    }
    let mut pending = db::files::pending_thumbs(pool).await.unwrap();
    pending.sort();
    assert_eq!(pending, ["a1", "d4"]);
    sqlx::query("DELETE FROM blob WHERE sha256 IN ('a1', 'b2', 'c3', 'd4')").execute(&app.sql).await.unwrap();
}

/// One address's attempts are counted in the database, for every instance together: over
/// the limit, the wait is what is left of its ten-minute window; a new window starts clean.
#[tokio::test]
async fn attempts_per_address_are_counted_in_windows_shared_by_every_instance() {
    use app::backend::security::hit_ip;
    let app = TestApp::new().await;
    // A second instance: its own process state, the same database.
    let other = TestApp::with_config(|c| c.database_url = app.state.config.database_url.clone()).await;
    let ip: std::net::IpAddr = "1.2.3.4".parse().unwrap();
    assert_eq!(hit_ip(&app.state.db, ip, T0, 2).await.unwrap(), Ok(()));
    assert_eq!(hit_ip(&other.state.db, ip, T0 + 1, 2).await.unwrap(), Ok(()));
    assert_eq!(hit_ip(&app.state.db, ip, T0 + 2, 2).await.unwrap(), Err(598), "the third in the window, on either instance");
    assert_eq!(hit_ip(&other.state.db, ip, T0 + 3, 2).await.unwrap(), Err(597));
    assert_eq!(hit_ip(&other.state.db, "5.6.7.8".parse().unwrap(), T0 + 3, 2).await.unwrap(), Ok(()), "another address");
    assert_eq!(hit_ip(&app.state.db, ip, T0 + 600, 2).await.unwrap(), Ok(()), "a new window");
    let rows: Vec<(String, i64, i64)> = sqlx::query_as("SELECT ip, window_start, attempts FROM ip_window ORDER BY ip").fetch_all(&app.sql).await.unwrap();
    assert_eq!(rows, [("1.2.3.4".into(), T0 + 600, 1), ("5.6.7.8".into(), T0 + 3, 1)]);
    assert_eq!(db::throttle::delete_stale(&app.state.db, T0 + 603, 600).await.unwrap(), 1, "the window that is over");
    let left: Vec<String> = sqlx::query_scalar("SELECT ip FROM ip_window").fetch_all(&app.sql).await.unwrap();
    assert_eq!(left, ["1.2.3.4"]);
}

/// A lease is held by one instance until it runs out or goes back; its holder may renew it.
#[tokio::test]
async fn a_lease_has_one_holder_until_it_runs_out_or_is_handed_back() {
    use app::backend::db::leases::{claim, release, release_all};
    let app = TestApp::new().await;
    let db = &app.state.db;
    assert!(claim(db, "housekeeping", "a", T0, T0 + 60).await.unwrap());
    assert!(!claim(db, "housekeeping", "b", T0 + 59, T0 + 119).await.unwrap(), "a holds it");
    assert!(claim(db, "housekeeping", "a", T0 + 30, T0 + 90).await.unwrap(), "its holder renews it");
    assert!(!claim(db, "housekeeping", "b", T0 + 89, T0 + 149).await.unwrap());
    assert!(claim(db, "housekeeping", "b", T0 + 90, T0 + 150).await.unwrap(), "a's time ran out: a died");
    assert!(!release(db, "housekeeping", "a").await.unwrap(), "only the holder hands it back");
    assert!(claim(db, "thumb:ab", "b", T0 + 90, T0 + 690).await.unwrap());
    assert!(claim(db, "thumb:cd", "c", T0 + 90, T0 + 690).await.unwrap());
    let held: Vec<(String, String, i64)> = sqlx::query_as("SELECT name, holder, expires_at FROM lease ORDER BY name").fetch_all(&app.sql).await.unwrap();
    assert_eq!(held, [("housekeeping".into(), "b".into(), T0 + 150), ("thumb:ab".into(), "b".into(), T0 + 690), ("thumb:cd".into(), "c".into(), T0 + 690)]);
    assert_eq!(release_all(db, "b").await.unwrap(), 2, "b stops");
    assert!(claim(db, "housekeeping", "c", T0 + 91, T0 + 151).await.unwrap(), "at once, not after the lease");
    assert!(release(db, "thumb:cd", "c").await.unwrap());
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM lease").fetch_all(&app.sql).await.unwrap();
    assert_eq!(names, ["housekeeping"]);
}

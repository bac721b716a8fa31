//! The store itself (`app::backend::db`), on a fresh database per test: values are decoded
//! into domain types at its edge, and a value the code does not know is an error, never a
//! silent default.

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
    let entry_id: i64 = sqlx::query_scalar("SELECT MIN(entry_id) FROM entry").fetch_one(pool).await.unwrap();
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
    let entry_id: i64 = sqlx::query_scalar("SELECT MIN(entry_id) FROM entry").fetch_one(pool).await.unwrap();
    let err = db::entries::entry_by_id(pool, entry_id).await.unwrap_err().to_string();
    assert!(err.contains("unknown EntryState \"lost\""), "{err}");
}

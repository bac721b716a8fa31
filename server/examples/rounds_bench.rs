//! Rounds figures, printed as a report: 17 published regional rounds of 590 works each
//! (10,030 in all, each with a file) advance into one republican round through the real
//! service (`service::rounds::advance`: the rules, the placing by nomination, one write
//! transaction per regional round with its mails and audit lines), on SQLite and, with
//! `BENCH_POSTGRES_URL`, on PostgreSQL (the seeded database moved there by `copy` first).
//!
//! Run: `bench/rounds` (or `cargo run --release -p baiqau-server --example rounds_bench`).

use app::backend::clock::FixedClock;
use app::backend::db::{self, Db};
use app::domain::advancement::{Boundary, Rule};
use app::domain::results::Award;
use std::sync::Arc;
use std::time::Instant;

const REGIONS: usize = 17;
const WORKS: usize = 590;

fn lcg(x: &mut u64) -> u64 {
    *x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *x >> 33
}

async fn state_at(dir: &std::path::Path, url: Option<String>, clock: &FixedClock) -> anyhow::Result<app::backend::AppState> {
    let mut config = app::backend::Config::for_data_dir(dir.to_path_buf());
    if let Some(url) = url {
        config.database_url = url;
    }
    let options = leptos::prelude::LeptosOptions::builder().output_name("baiqau").site_root("target/site").build();
    baiqau_server::build_state(config, options, Arc::new(clock.clone())).await
}

/// 18 copies of a demo contest without age groups: 17 regional rounds, published, and a
/// republican round fed by all of them, each regional rule "the first 10,000 places".
async fn seed(state: &app::backend::AppState, now: i64) -> anyhow::Result<(Vec<String>, String)> {
    let Db::Sqlite(pool) = &state.db else { anyhow::bail!("the bench seeds SQLite") };
    let template: i64 = sqlx::query_scalar("SELECT contest_id FROM contest ORDER BY contest_id LIMIT 1").fetch_one(pool).await?;
    let admin: i64 = sqlx::query_scalar("SELECT account_id FROM account WHERE role = 'admin' LIMIT 1").fetch_one(pool).await?;
    let mut ids = Vec::new();
    for i in 0..=REGIONS {
        let id = db::contests::copy(&state.db, app::domain::ids::ContestId(template), &format!("round{i}"), now).await?;
        ids.push(id);
    }
    let (republican, regions) = ids.split_last().ok_or_else(|| anyhow::anyhow!("contests"))?;
    sqlx::query("DELETE FROM age_group WHERE contest_id IN (SELECT contest_id FROM contest WHERE public_id LIKE 'round%')").execute(pool).await?;
    sqlx::query("UPDATE contest SET status = 'announced', submissions_open_at = $1, submissions_close_at = $2, judging_end_at = $3, results_at = $4 WHERE contest_id = $5")
        .bind(now - 86_400)
        .bind(now + 10 * 86_400)
        .bind(now + 20 * 86_400)
        .bind(now + 30 * 86_400)
        .bind(*republican)
        .execute(pool)
        .await?;
    let mut tx = pool.begin().await?;
    for b in 0..100 {
        sqlx::query("INSERT INTO blob (sha256, size, mime, kind, created_at) VALUES ($1, 1000, 'application/pdf', 'pdf', 0)").bind(format!("{b:064x}")).execute(&mut *tx).await?;
    }
    let mut seed = 5u64;
    let mut published = Vec::new();
    let mut n = 0i64;
    for region in regions {
        let nominations: Vec<i64> = sqlx::query_scalar("SELECT nomination_id FROM nomination WHERE contest_id = $1 ORDER BY nomination_id").bind(*region).fetch_all(&mut *tx).await?;
        let mut lines = Vec::with_capacity(WORKS);
        for w in 0..WORKS {
            n += 1;
            let account: i64 = sqlx::query_scalar("INSERT INTO account (email, display_name, password_hash, password_changed_at, created_at, updated_at) VALUES ($1, 'Entrant', 'x', 0, 0, 0) RETURNING account_id")
                .bind(format!("e{n}@bench.kz"))
                .fetch_one(&mut *tx)
                .await?;
            let participant: i64 = sqlx::query_scalar("INSERT INTO participant (public_id, account_id, full_name, birth_date, consent_version, consent_at, created_at, updated_at) VALUES ($1, $2, $3, '2012-01-01', 'v', 0, 0, 0) RETURNING participant_id")
                .bind(format!("p{n}"))
                .bind(account)
                .bind(format!("Қатысушы {n}"))
                .fetch_one(&mut *tx)
                .await?;
            let nomination = nominations[w % nominations.len()];
            let entry: i64 = sqlx::query_scalar("INSERT INTO entry (public_id, contest_id, nomination_id, participant_id, account_id, title, state, receipt_no, code, create_token, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, 't', 0, 0) RETURNING entry_id")
                .bind(format!("e{n}"))
                .bind(*region)
                .bind(nomination)
                .bind(participant)
                .bind(account)
                .bind(format!("Жұмыс {n}"))
                .bind(i64::try_from(w).unwrap_or(0) + 1)
                .bind(format!("C{n}"))
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO entry_file (public_id, entry_id, sha256, original_name, created_at) VALUES ($1, $2, $3, 'work.pdf', 0)")
                .bind(format!("f{n}"))
                .bind(entry)
                .bind(format!("{:064x}", lcg(&mut seed) % 100))
                .execute(&mut *tx)
                .await?;
            lines.push((entry, nomination, i64::try_from(lcg(&mut seed) % 100).unwrap_or(0) * 1_000_000));
        }
        // Places by score within each nomination, as published.
        lines.sort_by_key(|l| (l.1, std::cmp::Reverse(l.2)));
        let mut new_lines = Vec::with_capacity(lines.len());
        let mut place = 0;
        for (i, (entry, nomination, score)) in lines.iter().enumerate() {
            place = if i > 0 && lines[i - 1].1 == *nomination { place + 1 } else { 1 };
            new_lines.push(db::results::NewLine {
                entry_id: app::domain::ids::EntryId(*entry),
                nomination_id: app::domain::ids::NominationId(*nomination),
                age_group_id: None,
                score: *score,
                raw_score: *score,
                place,
                award: if place <= 3 { Award::First } else { Award::Certificate },
                explanation: "{}".into(),
                minor: true,
            });
        }
        published.push((*region, nominations, new_lines));
    }
    tx.commit().await?;
    for (region, nominations, new_lines) in published {
        db::results::claim_publication(&state.db, region, now).await?;
        let stored = db::results::insert_version(&state.db, region, None, &new_lines, now).await?;
        db::results::issue(&state.db, region, stored.version, &[], &[], now).await?;
        for nomination in &nominations {
            db::rounds::save_rule(&state.db, region, app::domain::ids::NominationId(*nomination), None, (Rule::Top(10_000), Boundary::None), now).await?;
        }
        db::rounds::add_feed(&state.db, region, *republican, app::domain::ids::AccountId(admin), now).await?;
    }
    let public = |id: &app::domain::ids::ContestId| format!("round{}", ids.iter().position(|x| x == id).unwrap_or(0));
    Ok((regions.iter().map(public).collect(), public(republican)))
}

/// Advances every regional round into the republican one; prints a line.
async fn measure(state: &app::backend::AppState, regions: &[String], republican: &str, engine: &str) -> anyhow::Result<()> {
    let db = &state.db;
    let admin: i64 = app::on!(db => sqlx::query_scalar("SELECT account_id FROM account WHERE role = 'admin' LIMIT 1").fetch_one(&mut *db).await?);
    let me = app::backend::auth::CurrentAccount {
        account_id: app::domain::ids::AccountId(admin),
        session_id: 0,
        email: String::new(),
        display_name: String::new(),
        role: app::domain::Role::Admin,
        email_confirmed: true,
        two_step_required: false,
        two_step: false,
        staff: false,
    };
    let t = Instant::now();
    let mut advanced = 0;
    let mut slowest = 0f64;
    for r in regions {
        let c = db::contests::find(db, r).await?.ok_or_else(|| anyhow::anyhow!("round"))?;
        let one = Instant::now();
        let report = app::service::rounds::advance(state, &me, &c, republican, None).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
        slowest = slowest.max(one.elapsed().as_secs_f64());
        assert!(report.unplaced.is_empty() && report.already == 0, "{report:?}");
        advanced += report.advanced;
    }
    let total = t.elapsed().as_secs_f64();
    let files: i64 = app::on!(db => sqlx::query_scalar("SELECT COUNT(*) FROM entry_file f JOIN entry e ON e.entry_id = f.entry_id JOIN contest c ON c.contest_id = e.contest_id WHERE c.public_id = $1").bind(republican).fetch_one(&mut *db).await?);
    let blobs: i64 = app::on!(db => sqlx::query_scalar("SELECT COUNT(*) FROM blob").fetch_one(&mut *db).await?);
    assert_eq!(advanced, REGIONS * WORKS);
    println!("{engine}: {advanced} works from {REGIONS} regional rounds advanced into one republican round (rules, placing, entries, {files} file records on {blobs} shared blobs, mails, audit) in {total:.2} s; the slowest round ({WORKS} works, one transaction) {slowest:.2} s");
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::new("warn")).init();
    let now = 1_800_000_000;
    let clock = FixedClock::at(now);
    let dir = tempfile::tempdir()?;
    let state = state_at(dir.path(), None, &clock).await?;
    app::service::demo::load(&state, now).await?;
    let (regions, republican) = seed(&state, now).await?;
    // The same seeded database on PostgreSQL, moved there before anything advances.
    let pg = match std::env::var("BENCH_POSTGRES_URL") {
        Ok(url) => {
            let pg_dir = tempfile::tempdir()?;
            let pg_state = state_at(pg_dir.path(), Some(url), &clock).await?;
            app::service::transfer::copy(&state.db, &pg_state.db).await?;
            Some((pg_state, pg_dir))
        }
        Err(_) => None,
    };
    measure(&state, &regions, &republican, "SQLite").await?;
    if let Some((pg_state, _dir)) = pg {
        measure(&pg_state, &regions, &republican, "PostgreSQL").await?;
    }
    Ok(())
}

//! Results figures, printed as a report:
//! 1. aggregate and rank 1,000,000 score rows (100,000 entries × 5 judges × 2 criteria),
//!    the pure domain code (`app::domain::results`);
//! 2. copy that contest's database from SQLite into PostgreSQL (with `BENCH_POSTGRES_URL`);
//! 3. publish a 10,000-entry contest through the real code, on SQLite (and PostgreSQL): compute
//!    the draft (reads every sheet) and publish it (snapshot, documents, one message per
//!    entrant, one transaction).
//!
//! Run: `cargo run --release -p baiqau-server --example results_bench`.

use app::domain::contest::{Aggregation, AwardScheme, GrandPrix};
use app::domain::ids::{AgeGroupId, CriterionId, EntryId, NominationId};
use app::domain::results::{Criterion, Ranked, combine, judge_total, rank};
use app::backend::clock::FixedClock;
use std::sync::Arc;
use std::time::Instant;

fn lcg(x: &mut u64) -> u64 {
    *x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *x >> 33
}

fn domain() {
    let criteria = [Criterion { id: CriterionId(1), max_points: 10, weight: 3 }, Criterion { id: CriterionId(2), max_points: 10, weight: 2 }];
    let mut seed = 7u64;
    let sheets: Vec<[(CriterionId, u32); 2]> = (0..500_000).map(|_| [(CriterionId(1), (lcg(&mut seed) % 21) as u32), (CriterionId(2), (lcg(&mut seed) % 21) as u32)]).collect();
    let scheme = AwardScheme { grand_prix: GrandPrix::Contest, first: 1, second: 2, third: 3, mentions: 5, participant_certificates: true, min_score: Some(40) };
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let mut ranked = Vec::with_capacity(100_000);
        for e in 0..100_000usize {
            let totals: Vec<i64> = (0..5).map(|j| judge_total(&criteria, &sheets[e * 5 + j])).collect();
            let crit = (1..=2u32)
                .map(|pos| (pos, (0..5).map(|j| i64::from(sheets[e * 5 + j][pos as usize - 1].1)).sum::<i64>() * 100_000))
                .collect();
            ranked.push(Ranked { entry_id: EntryId(e as i64), group: (NominationId((e % 20) as i64), Some(AgeGroupId((e % 3) as i64))), score: combine(Aggregation::TrimmedMean, &totals).unwrap_or(0), criteria: crit });
        }
        let placed = rank(&ranked, &[1, 2], &scheme);
        assert_eq!(placed.len(), 100_000);
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("1. aggregate and rank 1,000,000 score rows (100,000 entries × 5 judges × 2 criteria): best of 5 {:.3} s", best);
}

async fn publication() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let now = 1_800_000_000;
    let clock = FixedClock::at(now);
    let options = leptos::prelude::LeptosOptions::builder().output_name("baiqau").site_root("target/site").build();
    let state = baiqau_server::build_state(app::backend::Config::for_data_dir(dir.path().to_path_buf()), options, Arc::new(clock.clone())).await?;
    app::service::demo::load(&state, now).await?;
    // The bench's own rows go straight to the SQLite file (the services read them back).
    let app::backend::db::Db::Sqlite(db) = &state.db else { anyhow::bail!("the bench runs on SQLite") };
    let (contest_id, public_id): (i64, String) = sqlx::query_as("SELECT contest_id, public_id FROM contest WHERE judging_end_at > $1 AND submissions_close_at <= $2")
        .bind(now)
        .bind(now)
        .fetch_one(db)
        .await?;
    let nominations: Vec<i64> = sqlx::query_scalar("SELECT nomination_id FROM nomination WHERE contest_id = $1").bind(contest_id).fetch_all(db).await?;
    let criteria: Vec<(i64, i64)> = sqlx::query_as("SELECT criterion_id, max_points FROM criterion WHERE contest_id = $1 AND nomination_id IS NULL").bind(contest_id).fetch_all(db).await?;
    let mut tx = db.begin().await?;
    let judges: Vec<i64> = {
        let mut v = Vec::new();
        for j in 0..5 {
            v.push(
                sqlx::query_scalar("INSERT INTO account (email, display_name, password_hash, role, password_changed_at, created_at, updated_at) VALUES ($1, $2, 'x', 'judge', 0, 0, 0) RETURNING account_id")
                    .bind(format!("j{j}@bench.kz"))
                    .bind(format!("Judge {j}"))
                    .fetch_one(&mut *tx)
                    .await?,
            );
        }
        v
    };
    let mut seed = 11u64;
    for i in 0..10_000i64 {
        let account: i64 = sqlx::query_scalar("INSERT INTO account (email, display_name, password_hash, password_changed_at, created_at, updated_at) VALUES ($1, 'Entrant', 'x', 0, 0, 0) RETURNING account_id")
            .bind(format!("e{i}@bench.kz"))
            .fetch_one(&mut *tx)
            .await?;
        let participant: i64 = sqlx::query_scalar("INSERT INTO participant (public_id, account_id, full_name, birth_date, supervisor, consent_version, consent_at, created_at, updated_at) VALUES ($1, $2, $3, '2012-01-01', 'Гүлнар Ахметова', 'v', 0, 0, 0) RETURNING participant_id")
            .bind(format!("p{i}"))
            .bind(account)
            .bind(format!("Қатысушы {i}"))
            .fetch_one(&mut *tx)
            .await?;
        let entry: i64 = sqlx::query_scalar("INSERT INTO entry (public_id, contest_id, nomination_id, participant_id, account_id, title, state, receipt_no, code, create_token, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, 't', 0, 0) RETURNING entry_id")
            .bind(format!("e{i}"))
            .bind(contest_id)
            .bind(nominations[usize::try_from(i).unwrap_or(0) % nominations.len()])
            .bind(participant)
            .bind(account)
            .bind(format!("Жұмыс {i}"))
            .bind(1000 + i)
            .bind(format!("C{i}"))
            .fetch_one(&mut *tx)
            .await?;
        for j in &judges[..3] {
            // Only sheets of assigned judges count (domain::results::counts).
            sqlx::query("INSERT INTO assignment (entry_id, account_id, source, created_at) VALUES ($1, $2, 'auto', 0)").bind(entry).bind(j).execute(&mut *tx).await?;
            let sheet: i64 = sqlx::query_scalar("INSERT INTO score_sheet (entry_id, account_id, version, state, created_at, updated_at) VALUES ($1, $2, 1, 'submitted', 0, 0) RETURNING sheet_id")
                .bind(entry)
                .bind(j)
                .fetch_one(&mut *tx)
                .await?;
            for (c, max) in &criteria {
                let points = (lcg(&mut seed) % (*max as u64 + 1)) as i64;
                sqlx::query("INSERT INTO score (sheet_id, criterion_id, halves) VALUES ($1, $2, $3)").bind(sheet).bind(c).bind(points * 2).execute(&mut *tx).await?;
            }
        }
    }
    tx.commit().await?;
    // The same contest on PostgreSQL, when the bench script started one: moved there by
    // `copy` before anything is published (timed, verified), then measured the same way.
    let mut pg = None;
    if let Ok(url) = std::env::var("BENCH_POSTGRES_URL") {
        let pg_dir = tempfile::tempdir()?;
        let mut config = app::backend::Config::for_data_dir(pg_dir.path().to_path_buf());
        config.database_url = url;
        let options = leptos::prelude::LeptosOptions::builder().output_name("baiqau").site_root("target/site").build();
        let pg_state = baiqau_server::build_state(config, options, Arc::new(clock.clone())).await?;
        let t = Instant::now();
        let tables = app::service::transfer::copy(&state.db, &pg_state.db).await?;
        let rows: usize = tables.iter().map(|t| t.rows).sum();
        println!("2. copy the 10,004-entry contest's database SQLite → PostgreSQL: {rows} rows in {} tables, verified, {:.2} s", tables.len(), t.elapsed().as_secs_f64());
        pg = Some((pg_state, pg_dir));
    }
    measure(&state, &public_id, "SQLite").await?;
    if let Some((pg_state, _dir)) = pg {
        measure(&pg_state, &public_id, "PostgreSQL").await?;
    }
    Ok(())
}

/// Computes, publishes and reconciles the bench contest (reads timed apart) on `state`'s database; prints a line.
async fn measure(state: &app::backend::AppState, public_id: &str, engine: &str) -> anyhow::Result<()> {
    let db = &state.db;
    let c = app::backend::db::contests::find(db, public_id).await?.ok_or_else(|| anyhow::anyhow!("contest"))?;
    let t = Instant::now();
    let version = app::service::results::compute(state, &c, None).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let compute_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let won = app::service::results::publish(state, &c, None).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let publish_s = t.elapsed().as_secs_f64();
    // What the job runner does next (the admin's button runs it in the background).
    let t = Instant::now();
    app::service::results::reconcile_after_publication(state, public_id).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let check_s = t.elapsed().as_secs_f64();
    let docs: i64 = app::on!(db => sqlx::query_scalar("SELECT COUNT(*) FROM document").fetch_one(&mut *db).await?);
    let mails: i64 = app::on!(db => sqlx::query_scalar("SELECT COUNT(*) FROM outbox").fetch_one(&mut *db).await?);
    let scored: i64 = app::on!(db => sqlx::query_scalar("SELECT COUNT(*) FROM result_line WHERE version = 2 AND score > 0").fetch_one(&mut *db).await?);
    let reconciled: String = app::on!(db => sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'results.reconcile'").fetch_one(&mut *db).await?);
    assert!(won && version == 1, "published");
    assert!(scored > 9_000, "the sheets counted: {scored} works scored above zero");
    assert_eq!(reconciled, "version 2: agrees");
    let c = app::backend::db::contests::find(db, public_id).await?.ok_or_else(|| anyhow::anyhow!("contest"))?;
    // Where the time goes: the reads a computation makes.
    let t = Instant::now();
    let entries = app::backend::db::judging::submitted_entries(db, c.contest_id).await?.len();
    let entries_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let points = app::backend::db::results::submitted_points(db, c.contest_id).await?.len();
    let points_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let sheets = app::backend::db::results::sheets_for_results(db, c.contest_id).await?.len();
    let sheets_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let lines = app::backend::db::results::lines(db, c.contest_id, 2).await?.len();
    let lines_s = t.elapsed().as_secs_f64();
    println!("   {engine} reads: {entries} entries {entries_s:.3} s, {points} points {points_s:.3} s, {sheets} sheets {sheets_s:.3} s, {lines} result lines {lines_s:.3} s");
    let criteria = points / sheets.max(1);
    println!(
        "3. {engine}: a 10,004-entry contest (3 judges × {criteria} criteria each): compute a draft {compute_s:.2} s; publish (fresh computation, snapshot, {docs} documents, {mails} messages and the audit line in one transaction) {publish_s:.2} s; the reconciliation check after it {check_s:.2} s"
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // Errors the services log (an `Internal` answer names its cause only there).
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::new("warn")).init();
    domain();
    publication().await
}

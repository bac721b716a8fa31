//! Near-duplicate figures, printed as a report: 10,000 different pictures (random shapes on
//! random grounds, each its own) entered in one contest with their prints, 50 of them
//! entered a second time as copies (resized to 70 %, cut by 4 % at every edge, re-encoded as
//! a JPEG of quality 60); then the search the organisers' page runs
//! (`service::likeness::find`: every file of the installation read with its print, each of
//! the contest's against the rest). Also what printing costs: a 160 × 120 picture in
//! memory, and an 800 × 600 JPEG from its bytes (decoding included), as uploads are printed.
//!
//! Run: `bench/likeness` (or `cargo run --release -p baiqau-server --example likeness_bench`).

#![allow(clippy::cast_possible_truncation, reason = "colours made from random numbers, kept in range before they are narrowed")]

use app::backend::clock::FixedClock;
use app::backend::db::{Db, likeness as ldb};
use app::backend::media;
use app::domain::likeness::Print;
use image::{DynamicImage, Rgb, RgbImage};
use std::sync::Arc;
use std::time::Instant;

const PICTURES: usize = 10_000;
const COPIES: usize = 50;

fn lcg(x: &mut u64) -> u32 {
    *x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    u32::try_from(*x >> 40).unwrap_or(0)
}

/// A picture of its own: a ground, six shapes of random place, size and colour, and grain.
fn picture(n: u64, w: u32, h: u32) -> RgbImage {
    let mut s = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let colour = |s: &mut u64| Rgb([(lcg(s) % 256) as u8, (lcg(s) % 256) as u8, (lcg(s) % 256) as u8]);
    let mut img = RgbImage::from_pixel(w, h, colour(&mut s));
    for _ in 0..6 {
        let c = colour(&mut s);
        let (cx, cy) = (lcg(&mut s) % w, lcg(&mut s) % h);
        let (rx, ry) = (w / 10 + lcg(&mut s) % (w / 3), h / 10 + lcg(&mut s) % (h / 3));
        let round = lcg(&mut s).is_multiple_of(2);
        for y in cy.saturating_sub(ry)..(cy + ry).min(h) {
            for x in cx.saturating_sub(rx)..(cx + rx).min(w) {
                let (dx, dy) = (f64::from(x) - f64::from(cx), f64::from(y) - f64::from(cy));
                if !round || (dx / f64::from(rx)).powi(2) + (dy / f64::from(ry)).powi(2) < 1.0 {
                    img.put_pixel(x, y, c);
                }
            }
        }
    }
    for p in img.pixels_mut() {
        let g = (lcg(&mut s) % 17) as i16 - 8;
        *p = Rgb(p.0.map(|v| (i16::from(v) + g).clamp(0, 255) as u8));
    }
    img
}

/// The copy an entrant might send again: resized, cut at the edges, re-encoded.
fn copy_of(img: &RgbImage) -> anyhow::Result<DynamicImage> {
    let (w, h) = img.dimensions();
    let cut = image::imageops::crop_imm(img, w / 25, h / 25, w - 2 * (w / 25), h - 2 * (h / 25)).to_image();
    let small = image::imageops::resize(&cut, cut.width() * 7 / 10, cut.height() * 7 / 10, image::imageops::FilterType::Triangle);
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 60).encode_image(&small)?;
    Ok(image::load_from_memory(&bytes)?)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::new("warn")).init();
    let now = 1_800_000_000;
    let clock = FixedClock::at(now);
    let dir = tempfile::tempdir()?;
    let config = app::backend::Config::for_data_dir(dir.path().to_path_buf());
    let options = leptos::prelude::LeptosOptions::builder().output_name("baiqau").site_root("target/site").build();
    let state = baiqau_server::build_state(config, options, Arc::new(clock.clone())).await?;
    app::service::demo::load(&state, now).await?;
    let Db::Sqlite(pool) = &state.db else { anyhow::bail!("the bench seeds SQLite") };
    let contest: i64 = sqlx::query_scalar("SELECT contest_id FROM contest ORDER BY contest_id LIMIT 1").fetch_one(pool).await?;
    let nomination: i64 = sqlx::query_scalar("SELECT nomination_id FROM nomination WHERE contest_id = $1 ORDER BY nomination_id LIMIT 1").bind(contest).fetch_one(pool).await?;

    // Printing: 10,000 pictures in memory, then 50 JPEG uploads from their bytes.
    let t = Instant::now();
    let mut prints = Vec::with_capacity(PICTURES + COPIES);
    let mut originals = Vec::new();
    for n in 0..PICTURES {
        let img = picture(n as u64, 160, 120);
        prints.push(media::image_print(&DynamicImage::ImageRgb8(img.clone())));
        if n.is_multiple_of(PICTURES / COPIES) {
            originals.push(img);
        }
    }
    let printing = t.elapsed().as_secs_f64();
    for img in &originals {
        prints.push(media::image_print(&copy_of(img)?));
    }
    let big: Vec<Vec<u8>> = (0..50u64)
        .map(|n| {
            let mut bytes = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90).encode_image(&picture(n, 800, 600)).map(|()| bytes)
        })
        .collect::<Result<_, _>>()?;
    let t = Instant::now();
    for bytes in &big {
        media::print_of_image(bytes).map_err(|e| anyhow::anyhow!(e))?;
    }
    let upload_print = t.elapsed().as_secs_f64() / big.len() as f64;

    // 10,050 entered works, each with its file and print.
    let mut tx = pool.begin().await?;
    for (n, print) in prints.iter().enumerate() {
        let sha = format!("{n:064x}");
        sqlx::query("INSERT INTO blob (sha256, size, mime, kind, thumb_state, created_at) VALUES ($1, 1000, 'image/jpeg', 'image', 'ready', 0)").bind(&sha).execute(&mut *tx).await?;
        ldb::save_print(&mut *tx, &sha, &Print::Image(*print), now).await?;
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
        let entry: i64 = sqlx::query_scalar("INSERT INTO entry (public_id, contest_id, nomination_id, participant_id, account_id, title, state, receipt_no, code, create_token, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, 't', 0, 0) RETURNING entry_id")
            .bind(format!("bench{n}"))
            .bind(contest)
            .bind(nomination)
            .bind(participant)
            .bind(account)
            .bind(format!("Сурет {n}"))
            .bind(i64::try_from(n).unwrap_or(0) + 100_000)
            .bind(format!("B{n}"))
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO entry_file (public_id, entry_id, sha256, original_name, created_at) VALUES ($1, $2, $3, 'work.jpg', 0)").bind(format!("bf{n}")).bind(entry).bind(&sha).execute(&mut *tx).await?;
    }
    tx.commit().await?;

    let t = Instant::now();
    let (pairs, waiting) = app::service::likeness::find(&state, app::domain::ids::ContestId(contest)).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let search = t.elapsed().as_secs_f64();
    let files: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM entry_file f JOIN entry e ON e.entry_id = f.entry_id WHERE e.contest_id = $1").bind(contest).fetch_one(pool).await?;
    // The planted copies: bench entry n (a multiple of 200) and bench entry 10,000 + k.
    let ids: std::collections::HashMap<i64, String> = sqlx::query_as::<_, (i64, String)>("SELECT entry_id, public_id FROM entry WHERE public_id LIKE 'bench%'").fetch_all(pool).await?.into_iter().collect();
    let number = |e: i64| ids.get(&e).and_then(|p| p.trim_start_matches("bench").parse::<usize>().ok());
    let is_planted = |p: &&app::domain::likeness::Pair| match (number(p.ours), number(p.other)) {
        (Some(a), Some(b)) => {
            let (lo, hi) = (a.min(b), a.max(b));
            hi >= PICTURES && lo == (hi - PICTURES) * (PICTURES / COPIES)
        }
        _ => false,
    };
    let planted = pairs.iter().filter(is_planted).count();
    let weakest = pairs.iter().filter(is_planted).map(|p| p.similarity).min().unwrap_or(0);
    let others: Vec<u8> = pairs.iter().filter(|p| !is_planted(p)).map(|p| p.similarity).collect();
    let at_least = |s: u8| others.iter().filter(|x| **x >= s).count();
    println!("printing: {PICTURES} pictures of 160 × 120 in {printing:.2} s ({:.2} ms each); an 800 × 600 JPEG upload from its bytes {:.1} ms", printing * 1000.0 / PICTURES as f64, upload_print * 1000.0);
    println!(
        "search over {files} files of one contest (with the demo's other works) in {search:.2} s: {} pairs shown, {planted} of the {COPIES} planted copies found, {} other pairs among {PICTURES} different pictures; {waiting} files unread",
        pairs.len(),
        pairs.len() - planted
    );
    println!("the planted copies at {weakest} % or more; the other pairs: {} at 90 % or more, {} at 95 % or more", at_least(90), at_least(95));
    Ok(())
}

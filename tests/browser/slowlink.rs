//! Uploads on a village link, through Chromium's network emulation: a 3 MB photo at
//! 160 kbit/s finishes, and a 9 MB PDF at 400 kbit/s heals a 30 s cut at 40 % without a
//! click, byte-identical. The figures for the closing note come from the same tests
//! (`bench/slowlink` runs the report with more sizes and speeds).

use crate::entries::start_entry;
use crate::harness::{Browser, Server};
use serde_json::Value;
use std::time::{Duration, Instant};

/// 160 kbit/s and 400 kbit/s in bytes per second.
pub(crate) const KBIT_160: u64 = 20_000;
pub(crate) const KBIT_400: u64 = 50_000;

/// Records, in the tab's session storage (which outlives the page's reload when the upload
/// ends), the most the uploader reported handed to the network (`data-sent`) and every
/// status line it showed. Test code, injected into the page.
const WATCH: &str = "
    const keep = () => {
      const p = document.querySelector('.upload-progress');
      if (!p) return;
      const sent = Number(p.dataset.sent || 0);
      if (sent > Number(sessionStorage.getItem('sent') || 0)) sessionStorage.setItem('sent', String(sent));
      const line = p.querySelector('.upload-figures').textContent;
      const seen = JSON.parse(sessionStorage.getItem('lines') || '[]');
      if (seen[seen.length - 1] !== line) { seen.push(line); sessionStorage.setItem('lines', JSON.stringify(seen)); }
    };
    new MutationObserver(keep).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });";

/// A noisy photo of about `bytes` (JPEG, so the server measures and keeps it as an image).
pub(crate) fn photo(bytes: usize) -> Vec<u8> {
    let mut x: u32 = 2_463_534_242;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x
    };
    // Noise at quality 90 takes about 1.85 bytes a pixel.
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a side of a few thousand pixels")]
    let side = (bytes as f64 / 1.85).sqrt() as u32;
    let img = image::RgbImage::from_fn(side, side, |_, _| {
        let v = next().to_le_bytes();
        image::Rgb([v[0], v[1], v[2]])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&img).unwrap();
    out
}

/// A PDF of exactly `bytes`.
pub(crate) fn pdf(bytes: usize) -> Vec<u8> {
    let mut v = b"%PDF-1.7\n".to_vec();
    v.extend((0..bytes - 9).map(|i| (u32::try_from(i).unwrap_or(0).wrapping_mul(2_246_822_519) >> 11).to_le_bytes()[0]));
    v
}

/// What one upload through the page took.
pub(crate) struct Outcome {
    pub seconds: f64,
    /// Bytes the browser handed to the network beyond the file's size.
    pub resent: i64,
    /// Every status line the uploader showed, in order.
    pub lines: Vec<String>,
}

/// Uploads `bytes` as `name` through the hydrated uploader of the entry page `b` is on, at
/// `up` bytes a second (down: 4x, latency 150 ms). With `cut`, the connection goes for that
/// long once the bar passes `at` percent, and comes back by itself. Waits up to `limit` for
/// the file to appear in the list, then checks it byte for byte.
pub(crate) async fn upload_through(b: &Browser, name: &str, bytes: &[u8], up: u64, cut: Option<(u32, Duration)>, limit: Duration) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    b.script("sessionStorage.clear()").await;
    b.script(WATCH).await;
    let link = (up * 4, up, 150);
    b.network(Some(link), false).await;
    b.choose_file("#file-input", &path).await;
    let started = Instant::now();
    b.click(".uploader button[type=submit]").await;
    if let Some((at, pause)) = cut {
        wait_until(b, &format!("the bar at {at}%"), limit, &format!("const p = document.querySelector('.upload-progress progress'); return !!p && Number(p.value) >= {at};")).await;
        b.network(Some(link), true).await;
        // The page says it is waiting, with how far it got, and asks for nothing.
        wait_until(b, "the waiting state", Duration::from_secs(20), "return document.querySelector('.upload-progress')?.dataset.state === 'waiting';").await;
        b.script("document.querySelector('.upload-progress').scrollIntoView({block: 'center'})").await;
        b.screenshot(&format!("upload-waiting-{name}.png")).await;
        tokio::time::sleep(pause).await;
        b.network(Some(link), false).await;
    }
    wait_until(b, "the file in the list", limit, "return !!document.querySelector('.files .file-name');").await;
    let seconds = started.elapsed().as_secs_f64();
    b.network(None, false).await;
    let kept = b.script_value("return [sessionStorage.getItem('sent'), sessionStorage.getItem('lines')]").await;
    let sent: f64 = kept[0].as_str().and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let lines: Vec<String> = kept[1].as_str().and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
    assert_eq!(crate::entries::downloaded_sha(b, ".files .file-name").await, crate::entries::sha256_hex(bytes), "byte-identical");
    #[expect(clippy::cast_possible_truncation, reason = "a byte count the page reported")]
    let resent = sent as i64 - i64::try_from(bytes.len()).unwrap_or(0);
    // The page counted what it sent: at least the file, less at most the last progress
    // report of a piece that was cut (the server keeps what arrived of it).
    assert!(resent > -64 * 1024, "the browser reported {sent} bytes sent of {}", bytes.len());
    Outcome { seconds, resent, lines }
}

async fn wait_until(b: &Browser, what: &str, limit: Duration, js: &str) {
    let start = Instant::now();
    while b.script_value(js).await != Value::Bool(true) {
        assert!(start.elapsed() < limit, "timed out after {limit:?} waiting for {what}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// A status line with how far the upload is: `42 % · …` (kk, ru) or `42% · …` (en).
fn percent_of(line: &str) -> Option<u32> {
    line.split('%').next()?.trim_end_matches(['\u{a0}', ' ']).parse().ok()
}

#[tokio::test]
async fn a_photo_finishes_at_160_kbit_and_says_how_far_it_is() {
    let server = Server::start().await;
    let _ = server.demo();
    let b = Browser::open(true, "kk").await;
    b.resize(360, 800).await;
    start_entry(&server, &b, "village@mail.kz", "Айбек Төлеуов", "Сурет", "Ауылым", true).await;
    b.wait_hydrated().await;
    let photo = photo(3_000_000);
    assert!((2_700_000..3_400_000).contains(&photo.len()), "a photo of about 3 MB: {}", photo.len());
    let done = upload_through(&b, "auylym.jpg", &photo, KBIT_160, None, Duration::from_secs(420)).await;
    // The status named the percentage as it went, and it only grew.
    let percents: Vec<u32> = done.lines.iter().filter_map(|l| percent_of(l)).collect();
    assert!(percents.len() >= 10, "{:?}", done.lines);
    assert!(percents.windows(2).all(|w| w[0] <= w[1]), "{percents:?}");
    assert!(done.lines.iter().any(|l| l.contains(" · қалды ")), "time left, in Kazakh: {:?}", done.lines);
    assert!(done.resent < 64 * 1024, "re-sent {} bytes on a steady link", done.resent);
    eprintln!("slowlink: 3 MB photo at 160 kbit/s: {:.0} s, re-sent {} bytes", done.seconds, done.resent);
    b.close().await;
}

#[tokio::test]
async fn a_pdf_heals_a_30_second_cut_at_400_kbit_without_a_click() {
    let server = Server::start().await;
    let _ = server.demo();
    let b = Browser::open(true, "ru").await;
    b.resize(360, 800).await;
    b.allow_error("ERR_INTERNET_DISCONNECTED");
    start_entry(&server, &b, "teacher@mail.kz", "Дана Әбенова", "Моя сказка", "Сказка о степи", true).await;
    b.wait_hydrated().await;
    let work = pdf(9 * 1024 * 1024);
    let done = upload_through(&b, "skazka.pdf", &work, KBIT_400, Some((40, Duration::from_secs(30))), Duration::from_secs(600)).await;
    // It said the connection was lost and that it would go on, with how far it had got.
    let waiting: Vec<&String> = done.lines.iter().filter(|l| l.contains("Связь прервалась — загрузка продолжится сама, когда связь вернётся.")).collect();
    assert!(!waiting.is_empty(), "{:?}", done.lines);
    assert!(waiting.iter().all(|l| percent_of(l).is_some_and(|p| (40..60).contains(&p))), "{waiting:?}");
    assert!(done.resent < 256 * 1024, "re-sent {} bytes: less than one small piece", done.resent);
    eprintln!("slowlink: 9 MB PDF at 400 kbit/s with a 30 s cut at 40%: {:.0} s, re-sent {} bytes", done.seconds, done.resent);
    b.close().await;
}

/// Not a test but a benchmark (`bench/slowlink` runs it and prints its report): a 3 MB and a
/// 10 MB file at 160 kbit/s, 400 kbit/s and 2 Mbit/s (emulated, latency 150 ms), each once
/// on a steady link and once with the connection cut for 30 s at 40 %; how long each took
/// and how many bytes were sent twice. Every run is checked byte for byte.
#[tokio::test]
#[ignore = "a benchmark, run by bench/slowlink"]
async fn slow_link_report() {
    let server = Server::start().await;
    let _ = server.demo();
    let mut rows = Vec::new();
    for (size, label) in [(3_000_000, "3 MB"), (10_000_000, "10 MB")] {
        for (speed, link) in [(KBIT_160, "160 kbit/s"), (KBIT_400, "400 kbit/s"), (250_000, "2 Mbit/s")] {
            for cut in [None, Some((40, Duration::from_secs(30)))] {
                let b = Browser::open(true, "en").await;
                b.allow_error("ERR_INTERNET_DISCONNECTED");
                let email = format!("bench-{}-{speed}-{}@mail.kz", size / 1024, cut.is_some());
                start_entry(&server, &b, &email, "Bench Child", "My fairy tale", "Bench", true).await;
                b.wait_hydrated().await;
                // Time for the whole file at the link's speed, twice over, plus the cut.
                let limit = Duration::from_secs(u64::try_from(size).unwrap_or(0) / speed * 2 + 120);
                let done = upload_through(&b, "bench.pdf", &pdf(size), speed, cut, limit).await;
                rows.push((label, link, cut.is_some(), done.seconds, done.resent));
                b.close().await;
            }
        }
    }
    println!("\nUploads on a slow link: Chromium's emulation, 150 ms latency; cut = offline for 30 s at 40 %");
    println!("{:<7} {:<12} {:<6} {:>10} {:>16}", "file", "link", "cut", "seconds", "bytes re-sent");
    for (label, link, cut, seconds, resent) in rows {
        println!("{label:<7} {link:<12} {:<6} {seconds:>10.0} {resent:>16}", if cut { "30 s" } else { "none" });
    }
}

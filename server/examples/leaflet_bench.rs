//! Printable contest posters (A4 PDF with a 1280 px poster image, five QR codes and the
//! contest's dates and nominations): renders 200 on one thread and prints the time per
//! poster (median and worst of the batch); writes one to `target/leaflet-sample.pdf`.
//! Run: `cargo run --release -p baiqau-server --example leaflet_bench`.
#![allow(clippy::expect_used, reason = "a bench stops at the first broken step and names it")]

use baiqau_server::leaflet::{LeafletText, render};
use std::time::Instant;

fn text(i: usize) -> LeafletText {
    LeafletText {
        organiser: "А.С. Пушкин атындағы Шығыс Қазақстан облыстық кітапханасы".into(),
        title: format!("Ұлы дала тұлғалары — {i}"),
        description: "Облыстық балалар шығармашылығы байқауы: сурет, шығарма, өлең. Жұмыстарды ата-аналар мен мұғалімдер жібере алады.".into(),
        dates: vec![
            ("Өтінім қабылдау басталады".into(), "1 желтоқсан 2026, 09:00".into()),
            ("Өтінім қабылдау аяқталады".into(), "31 қаңтар 2027, 23:59".into()),
            ("Нәтижелер жарияланады".into(), "20 ақпан 2027, 12:00".into()),
        ],
        zone: "Уақыт белдеуі: Алматы (UTC+05:00)".into(),
        nominations_label: "Номинациялар".into(),
        nominations: (1..=4).map(|n| (format!("Номинация {n}"), "6–9 жас, 10–13 жас".into(), format!("https://baiqau.kz/contests/AbCdEfGh{i}/submit?nomination={n}"))).collect(),
        submit_url: format!("https://baiqau.kz/contests/AbCdEfGh{i}/submit"),
        scan_words: "Жұмысты жіберу үшін кодты сканерлеңіз немесе сілтемені теріңіз:".into(),
        short_link: "baiqau.kz/uly-dala-tulgalary".into(),
    }
}

/// A 1280 × 853 photo-like JPEG, as the contest page's copy of a poster is.
fn image() -> (Vec<u8>, (u32, u32)) {
    let img = image::RgbImage::from_fn(1280, 853, |x, y| image::Rgb([u8::try_from(x % 256).unwrap_or(0), u8::try_from(y % 256).unwrap_or(0), 90]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img).write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Jpeg).expect("jpeg");
    (out, (1280, 853))
}

fn main() {
    let look = baiqau_server::diploma::Look::of(&app::domain::identity::Identity::default(), None);
    let picture = image();
    std::fs::write("target/leaflet-sample.pdf", render(&text(0), &look, Some(picture.clone())).expect("render")).expect("write sample");
    let n = 200;
    let mut times = Vec::with_capacity(n);
    let mut bytes = 0;
    for i in 0..n {
        let t = Instant::now();
        bytes += render(&text(i), &look, Some(picture.clone())).expect("render").len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "printable posters: {n} rendered on one thread, median {:.2} ms, worst {:.2} ms each (average {} KB with the image)",
        times[n / 2],
        times[n - 1],
        bytes / n / 1024
    );
}

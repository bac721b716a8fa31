//! Diplomas per second on one core: renders 300 different diplomas (subset fonts, QR code)
//! on one thread and prints the rate; writes one to `target/diploma-sample.pdf` to look at.
//! Run: `cargo run --release -p baiqau-server --example diploma_bench`.
#![allow(clippy::expect_used, reason = "a bench stops at the first broken step and names it")]

use app::view::results::DocumentText;
use std::time::Instant;

fn doc(i: usize) -> DocumentText {
    DocumentText {
        organiser: "А.С. Пушкин атындағы Шығыс Қазақстан облыстық кітапханасы".into(),
        heading: "ДИПЛОМ / ДИПЛОМ".into(),
        award: "I дәрежелі диплом / Диплом I степени".into(),
        awarded_to: "беріледі / вручается".into(),
        holder: format!("Әлия Серікқызы Нұрланова {i}"),
        lines: vec![
            "«Менің әжемнің ертегілері»".into(),
            "Сурет / Рисунок · 6–9 жас / 6–9 лет".into(),
            "Ертегілер мен сиқыр әлемінде / В мире сказок и волшебства".into(),
        ],
        signature_chair: "Қазылар алқасының төрағасы".into(),
        signature_secretary: "Ұйымдастырушы".into(),
        date: "2027-02-20".into(),
        code_label: "Құжат коды".into(),
        code: format!("KD7Q-{i:04}"),
        verify_url: format!("https://baiqau.kz/verify/KD7Q-{i:04}"),
    }
}

fn main() {
    let first = baiqau_server::diploma::render(&doc(0), &look()).expect("render");
    std::fs::write("target/diploma-sample.pdf", &first).expect("write sample");
    let n = 300;
    let t = Instant::now();
    let mut bytes = 0;
    for i in 0..n {
        bytes += baiqau_server::diploma::render(&doc(i), &look()).expect("render").len();
    }
    let s = t.elapsed().as_secs_f64();
    println!("diplomas: {n} rendered on one thread in {s:.2} s = {:.0} per second per core (average {} KB each)", n as f64 / s, bytes / n / 1024);
}

/// Baiqau's own look, without a logo.
fn look() -> baiqau_server::diploma::Look {
    baiqau_server::diploma::Look::of(&app::domain::identity::Identity::default(), None)
}

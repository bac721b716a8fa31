//! Diplomas, certificates and letters of thanks as PDF (`crate::pdf`): A4 landscape, in the
//! organiser's colours with its logo, and a QR code to the public verification page.
//! People's names and titles are data placed on the page as glyphs; nothing is ever parsed
//! as markup.

use crate::pdf::{self, Sheet};
use app::view::results::DocumentText;

const W: f32 = 842.0;
const H: f32 = 595.0;

/// The organiser's look on a document: its two colours and its logo (a JPEG on white, with
/// its size in pixels).
pub struct Look {
    pub main: (f32, f32, f32),
    pub accent: (f32, f32, f32),
    pub logo: Option<(Vec<u8>, u32, u32)>,
}

impl Look {
    pub fn of(identity: &app::domain::identity::Identity, logo: Option<(Vec<u8>, u32, u32)>) -> Look {
        Look { main: identity.main.rgb(), accent: identity.accent.rgb(), logo }
    }
}

/// Renders a document. Deterministic for the same text and look.
pub fn render(d: &DocumentText, look: &Look) -> Result<Vec<u8>, String> {
    let mut page = Sheet::new(W, H)?;
    let c = &mut page.content;
    // Frame and a band of the organiser's colours.
    let (r, g, b) = look.main;
    c.set_fill_rgb(r, g, b);
    c.rect(0.0, H - 28.0, W, 28.0);
    c.fill_nonzero();
    let (ar, ag, ab) = look.accent;
    c.set_fill_rgb(ar, ag, ab);
    c.rect(0.0, H - 34.0, W, 6.0);
    c.fill_nonzero();
    c.set_stroke_rgb(r, g, b);
    c.set_line_width(2.0);
    c.rect(24.0, 24.0, W - 48.0, H - 82.0);
    c.stroke();
    // The logo at the top left inside the frame, at most 120 × 56 pt.
    if let Some((jpeg, w, h)) = &look.logo {
        let (bw, bh) = pdf::fit((*w, *h), 120.0, 56.0);
        page.image(jpeg.clone(), (*w, *h), (40.0, H - 46.0 - bh, bw, bh));
    }
    page.content.set_fill_rgb(0.11, 0.14, 0.19);

    let mut y = H - 90.0;
    page.centred(&d.organiser, y, 12.0, false, 700.0);
    y -= 56.0;
    page.centred(&d.heading, y, 40.0, true, 700.0);
    y -= 36.0;
    if !d.award.is_empty() {
        page.centred(&d.award, y, 20.0, true, 700.0);
        y -= 34.0;
    }
    page.centred(&d.awarded_to, y, 13.0, false, 700.0);
    y -= 38.0;
    page.centred(&d.holder, y, 30.0, true, 720.0);
    y -= 34.0;
    for line in &d.lines {
        page.centred(line, y, 14.0, false, 720.0);
        y -= 22.0;
    }
    // Signatures.
    page.content.set_stroke_rgb(0.3, 0.3, 0.3);
    page.content.set_line_width(0.8);
    for x in [90.0f32, 340.0] {
        page.content.move_to(x, 110.0);
        page.content.line_to(x + 190.0, 110.0);
        page.content.stroke();
    }
    page.text(&d.signature_chair, 90.0, 96.0, 10.0, false);
    page.text(&d.signature_secretary, 340.0, 96.0, 10.0, false);
    page.text(&d.date, 90.0, 64.0, 10.0, false);

    // QR code to the verification page, with the short code beneath.
    let (x0, y0) = (W - 60.0 - 88.0, 62.0);
    page.qr(&d.verify_url, x0, y0, 88.0)?;
    page.text(&d.code_label, x0, 48.0, 8.0, false);
    page.text(&d.code, x0, 36.0, 11.0, false);
    page.finish(&d.heading)
}

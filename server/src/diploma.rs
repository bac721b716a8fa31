//! Diplomas, certificates and letters of thanks as PDF, written directly with pdf-writer:
//! A4 landscape, DejaVu Sans (shipped in `assets/fonts`, full Kazakh coverage) embedded as a
//! subset with a ToUnicode map (so text extraction and search give the real letters), and a
//! QR code to the public verification page. People's names and titles are data placed on
//! the page as glyphs; nothing is ever parsed as markup.

use app::view::results::DocumentText;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::collections::BTreeMap;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

const W: f32 = 842.0;
const H: f32 = 595.0;

/// One font as used on a page: its glyphs, remapped to a compact subset.
struct Used<'a> {
    data: &'static [u8],
    face: ttf_parser::Face<'a>,
    remap: subsetter::GlyphRemapper,
    /// new glyph id → (old glyph id, the character it shows)
    glyphs: BTreeMap<u16, (u16, char)>,
}

impl<'a> Used<'a> {
    fn new(data: &'static [u8]) -> Result<Used<'static>, String> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| e.to_string())?;
        let mut remap = subsetter::GlyphRemapper::new();
        remap.remap(0);
        Ok(Used { data, face, remap, glyphs: BTreeMap::new() })
    }

    fn upem(&self) -> f32 {
        f32::from(self.face.units_per_em())
    }

    /// Width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| {
                let g = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                f32::from(self.face.glyph_hor_advance(g).unwrap_or(0))
            })
            .sum::<f32>()
            * size
            / self.upem()
    }

    /// The text as 2-byte glyph codes of the subset, recording what it uses.
    fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars().filter(|c| !c.is_control()) {
            let old = self.face.glyph_index(c).map_or(0, |g| g.0);
            let new = self.remap.remap(old);
            self.glyphs.entry(new).or_insert((old, c));
            out.extend_from_slice(&new.to_be_bytes());
        }
        out
    }
}

struct Page<'a> {
    content: Content,
    fonts: [Used<'a>; 2],
}

impl Page<'_> {
    /// Centred text, shrunk to fit `max_width`.
    fn centred(&mut self, text: &str, y: f32, size: f32, bold: bool, max_width: f32) {
        let f = usize::from(bold);
        let w = self.fonts[f].width(text, size);
        let size = if w > max_width { size * max_width / w } else { size };
        let w = self.fonts[f].width(text, size);
        let glyphs = self.fonts[f].encode(text);
        let name = if bold { Name(b"F2") } else { Name(b"F1") };
        self.content.begin_text();
        self.content.set_font(name, size);
        self.content.next_line((W - w) / 2.0, y);
        self.content.show(Str(&glyphs));
        self.content.end_text();
    }

    fn left(&mut self, text: &str, x: f32, y: f32, size: f32) {
        let glyphs = self.fonts[0].encode(text);
        self.content.begin_text();
        self.content.set_font(Name(b"F1"), size);
        self.content.next_line(x, y);
        self.content.show(Str(&glyphs));
        self.content.end_text();
    }
}

/// Writes one font (Type0 / CIDFontType2, Identity-H) with its subset and ToUnicode map.
fn write_font(pdf: &mut Pdf, used: &Used, ids: [Ref; 5], base: &[u8]) -> Result<(), String> {
    let [type0, cid, descriptor, file, cmap] = ids;
    let subset = subsetter::subset(used.data, 0, &used.remap).map_err(|e| e.to_string())?;
    let upem = used.upem();
    let scale = |v: i16| f32::from(v) * 1000.0 / upem;
    pdf.type0_font(type0).base_font(Name(base)).encoding_predefined(Name(b"Identity-H")).descendant_font(cid).to_unicode(cmap);
    let widths: Vec<f32> = (0..used.remap.num_gids())
        .map(|new| {
            let old = used.glyphs.get(&new).map_or(0, |g| g.0);
            f32::from(used.face.glyph_hor_advance(ttf_parser::GlyphId(old)).unwrap_or(0)) * 1000.0 / upem
        })
        .collect();
    let mut font = pdf.cid_font(cid);
    font.subtype(CidFontType::Type2)
        .base_font(Name(base))
        .system_info(SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 })
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    font.widths().consecutive(0, widths);
    font.finish();
    let b = used.face.global_bounding_box();
    pdf.font_descriptor(descriptor)
        .name(Name(base))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(scale(b.x_min), scale(b.y_min), scale(b.x_max), scale(b.y_max)))
        .italic_angle(0.0)
        .ascent(scale(used.face.ascender()))
        .descent(scale(used.face.descender()))
        .cap_height(scale(used.face.capital_height().unwrap_or(used.face.ascender())))
        .stem_v(80.0)
        .font_file2(file);
    pdf.stream(file, &subset).pair(Name(b"Length1"), i32::try_from(subset.len()).unwrap_or(i32::MAX));
    let mut map = pdf_writer::types::UnicodeCmap::new(Name(b"Custom"), SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"UCS"), supplement: 0 });
    for (new, (_, c)) in &used.glyphs {
        map.pair(*new, *c);
    }
    pdf.cmap(cmap, &map.finish());
    Ok(())
}

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

/// The logo's place: at most 120 × 56 pt, at the top left inside the frame.
fn logo_box(w: u32, h: u32) -> (f32, f32, f32, f32) {
    let (w, h) = (w.max(1) as f32, h.max(1) as f32);
    let scale = (120.0 / w).min(56.0 / h);
    let (bw, bh) = (w * scale, h * scale);
    (40.0, H - 46.0 - bh, bw, bh)
}

/// Renders a document. Deterministic for the same text and look.
pub fn render(d: &DocumentText, look: &Look) -> Result<Vec<u8>, String> {
    let mut page = Page { content: Content::new(), fonts: [Used::new(REGULAR)?, Used::new(BOLD)?] };
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
    if let Some((_, w, h)) = &look.logo {
        let (x, y, bw, bh) = logo_box(*w, *h);
        c.save_state();
        c.transform([bw, 0.0, 0.0, bh, x, y]);
        c.x_object(Name(b"Logo"));
        c.restore_state();
    }
    c.set_stroke_rgb(r, g, b);
    c.set_line_width(2.0);
    c.rect(24.0, 24.0, W - 48.0, H - 82.0);
    c.stroke();
    c.set_fill_rgb(0.11, 0.14, 0.19);

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
    page.left(&d.signature_chair, 90.0, 96.0, 10.0);
    page.left(&d.signature_secretary, 340.0, 96.0, 10.0);
    page.left(&d.date, 90.0, 64.0, 10.0);

    // QR code to the verification page, with the short code beneath.
    let qr = qrcode::QrCode::new(d.verify_url.as_bytes()).map_err(|e| e.to_string())?;
    let n = qr.width();
    let module = 88.0 / n as f32;
    let (x0, y0) = (W - 60.0 - 88.0, 62.0);
    page.content.set_fill_rgb(0.0, 0.0, 0.0);
    for (i, color) in qr.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (col, row) = ((i % n) as f32, (i / n) as f32);
            page.content.rect(x0 + col * module, y0 + 88.0 - (row + 1.0) * module, module, module);
        }
    }
    page.content.fill_nonzero();
    page.left(&d.code_label, x0, 48.0, 8.0);
    page.left(&d.code, x0, 36.0, 11.0);

    let Page { content, fonts } = page;
    let content = content.finish();
    let mut pdf = Pdf::new();
    let (catalog, pages, page_id, content_id, info) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5));
    let font_ids = [[6, 7, 8, 9, 10], [11, 12, 13, 14, 15]].map(|ids| ids.map(Ref::new));
    let logo_id = Ref::new(16);
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page_id]).count(1);
    let mut p = pdf.page(page_id);
    p.media_box(Rect::new(0.0, 0.0, W, H)).parent(pages).contents(content_id);
    {
        let mut resources = p.resources();
        let mut fonts_dict = resources.fonts();
        fonts_dict.pair(Name(b"F1"), font_ids[0][0]);
        fonts_dict.pair(Name(b"F2"), font_ids[1][0]);
        fonts_dict.finish();
        if look.logo.is_some() {
            resources.x_objects().pair(Name(b"Logo"), logo_id);
        }
    }
    p.finish();
    pdf.stream(content_id, &content);
    if let Some((jpeg, w, h)) = &look.logo {
        let mut image = pdf.image_xobject(logo_id, jpeg);
        image.filter(pdf_writer::Filter::DctDecode);
        image.width(i32::try_from(*w).unwrap_or(1));
        image.height(i32::try_from(*h).unwrap_or(1));
        image.color_space().device_rgb();
        image.bits_per_component(8);
        image.finish();
    }
    pdf.document_info(info).title(TextStr(&d.heading)).producer(TextStr("Baiqau"));
    write_font(&mut pdf, &fonts[0], font_ids[0], b"DejaVuSans")?;
    write_font(&mut pdf, &fonts[1], font_ids[1], b"DejaVuSans-Bold")?;
    Ok(pdf.finish())
}

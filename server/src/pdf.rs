//! A small PDF writer for Baiqau's printed pages (diplomas, contest posters): one page,
//! DejaVu Sans (shipped in `assets/fonts`, full Kazakh coverage) embedded as a subset with a
//! ToUnicode map (so text extraction and search give the real letters), JPEG images, QR
//! codes drawn as squares. Text is placed as glyphs; nothing is ever parsed as markup.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::collections::BTreeMap;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// One font as used on a page: its glyphs, remapped to a compact subset.
pub(crate) struct Used<'a> {
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

/// One page being drawn: its content, the fonts it uses (`F1` regular, `F2` bold) and its
/// images (`Im0`, `Im1`…: JPEG bytes with their size in pixels).
pub struct Sheet<'a> {
    pub content: Content,
    fonts: [Used<'a>; 2],
    pub width: f32,
    pub height: f32,
    images: Vec<(Vec<u8>, u32, u32)>,
}

impl Sheet<'_> {
    pub fn new(width: f32, height: f32) -> Result<Sheet<'static>, String> {
        Ok(Sheet { content: Content::new(), fonts: [Used::new(REGULAR)?, Used::new(BOLD)?], width, height, images: Vec::new() })
    }

    /// Width of `text` at `size` points.
    pub fn width_of(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.fonts[usize::from(bold)].width(text, size)
    }

    /// Text starting at `x`.
    pub fn text(&mut self, text: &str, x: f32, y: f32, size: f32, bold: bool) {
        let glyphs = self.fonts[usize::from(bold)].encode(text);
        self.content.begin_text();
        self.content.set_font(if bold { Name(b"F2") } else { Name(b"F1") }, size);
        self.content.next_line(x, y);
        self.content.show(Str(&glyphs));
        self.content.end_text();
    }

    /// Centred text, shrunk to fit `max_width`.
    pub fn centred(&mut self, text: &str, y: f32, size: f32, bold: bool, max_width: f32) {
        let w = self.width_of(text, size, bold);
        let size = if w > max_width { size * max_width / w } else { size };
        let w = self.width_of(text, size, bold);
        self.text(text, (self.width - w) / 2.0, y, size, bold);
    }

    /// `text` broken into lines no wider than `max_width` (at spaces; a word longer than a
    /// line stays whole).
    pub fn wrap(&self, text: &str, size: f32, bold: bool, max_width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if !line.is_empty() && self.width_of(&candidate, size, bold) > max_width {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// A QR code of `data`, `side` points square, its lower left corner at (`x`, `y`).
    pub fn qr(&mut self, data: &str, x: f32, y: f32, side: f32) -> Result<(), String> {
        let qr = qrcode::QrCode::new(data.as_bytes()).map_err(|e| e.to_string())?;
        let n = qr.width();
        #[expect(clippy::cast_precision_loss, reason = "a QR code is at most 177 modules wide")]
        let module = side / n as f32;
        self.content.set_fill_rgb(0.0, 0.0, 0.0);
        for (i, color) in qr.to_colors().iter().enumerate() {
            if *color == qrcode::Color::Dark {
                #[expect(clippy::cast_precision_loss, reason = "module indices are small")]
                let (col, row) = ((i % n) as f32, (i / n) as f32);
                self.content.rect(x + col * module, y + side - (row + 1.0) * module, module, module);
            }
        }
        self.content.fill_nonzero();
        Ok(())
    }

    /// Draws a JPEG (`w` × `h` pixels) into the box at (`x`, `y`) of `bw` × `bh` points.
    pub fn image(&mut self, jpeg: Vec<u8>, (w, h): (u32, u32), (x, y, bw, bh): (f32, f32, f32, f32)) {
        let name = format!("Im{}", self.images.len());
        self.images.push((jpeg, w, h));
        self.content.save_state();
        self.content.transform([bw, 0.0, 0.0, bh, x, y]);
        self.content.x_object(Name(name.as_bytes()));
        self.content.restore_state();
    }

    /// The finished document. Deterministic for the same drawing.
    pub fn finish(self, title: &str) -> Result<Vec<u8>, String> {
        let Sheet { content, fonts, width, height, images } = self;
        let content = content.finish();
        let mut pdf = Pdf::new();
        let (catalog, pages, page_id, content_id, info) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5));
        let font_ids = [[6, 7, 8, 9, 10], [11, 12, 13, 14, 15]].map(|ids| ids.map(Ref::new));
        let image_ids: Vec<Ref> = (0..images.len()).map(|i| Ref::new(16 + i32::try_from(i).unwrap_or(0))).collect();
        pdf.catalog(catalog).pages(pages);
        pdf.pages(pages).kids([page_id]).count(1);
        let mut p = pdf.page(page_id);
        p.media_box(Rect::new(0.0, 0.0, width, height)).parent(pages).contents(content_id);
        {
            let mut resources = p.resources();
            let mut fonts_dict = resources.fonts();
            fonts_dict.pair(Name(b"F1"), font_ids[0][0]);
            fonts_dict.pair(Name(b"F2"), font_ids[1][0]);
            fonts_dict.finish();
            if !images.is_empty() {
                let mut x = resources.x_objects();
                for (i, id) in image_ids.iter().enumerate() {
                    x.pair(Name(format!("Im{i}").as_bytes()), *id);
                }
            }
        }
        p.finish();
        pdf.stream(content_id, &content);
        for ((jpeg, w, h), id) in images.iter().zip(&image_ids) {
            let mut image = pdf.image_xobject(*id, jpeg);
            image.filter(pdf_writer::Filter::DctDecode);
            image.width(i32::try_from(*w).unwrap_or(1));
            image.height(i32::try_from(*h).unwrap_or(1));
            image.color_space().device_rgb();
            image.bits_per_component(8);
            image.finish();
        }
        pdf.document_info(info).title(TextStr(title)).producer(TextStr("Baiqau"));
        write_font(&mut pdf, &fonts[0], font_ids[0], b"DejaVuSans")?;
        write_font(&mut pdf, &fonts[1], font_ids[1], b"DejaVuSans-Bold")?;
        Ok(pdf.finish())
    }
}

/// The size of a JPEG (or any image we read) from its header, without decoding it.
pub fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().ok().and_then(|r| r.into_dimensions().ok())
}

/// The largest box of the image's shape inside `max_w` × `max_h` points: (width, height).
pub fn fit((w, h): (u32, u32), max_w: f32, max_h: f32) -> (f32, f32) {
    #[expect(clippy::cast_precision_loss, reason = "image sides are at most 16,384")]
    let (w, h) = (w.max(1) as f32, h.max(1) as f32);
    let scale = (max_w / w).min(max_h / h);
    (w * scale, h * scale)
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


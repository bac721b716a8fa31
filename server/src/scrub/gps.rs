//! Location removed from the originals of photos as they are stored, in place (the file
//! keeps its length and every other tag, orientation included):
//!
//! - the EXIF GPS directory is emptied: its entries and the values they point to are
//!   zeroed and its count set to 0 (JPEG `APP1`, PNG `eXIf`, WebP `EXIF`);
//! - an XMP packet that carries location (`GPS…` or `LocationShown`) is blanked: in JPEG its
//!   segment becomes an unused `APP15` of zeros, in PNG and WebP its text becomes spaces.

/// Bytes per value of each TIFF type (1 BYTE … 12 DOUBLE).
fn type_size(t: u16) -> usize {
    match t {
        1 | 2 | 6 | 7 => 1,
        3 | 8 => 2,
        4 | 9 | 11 | 13 => 4,
        5 | 10 | 12 => 8,
        _ => 0,
    }
}

struct Tiff<'a> {
    b: &'a mut [u8],
    little: bool,
}

impl Tiff<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        let x: [u8; 2] = self.b.get(at..at + 2)?.try_into().ok()?;
        Some(if self.little { u16::from_le_bytes(x) } else { u16::from_be_bytes(x) })
    }
    fn u32(&self, at: usize) -> Option<usize> {
        let x: [u8; 4] = self.b.get(at..at + 4)?.try_into().ok()?;
        Some((if self.little { u32::from_le_bytes(x) } else { u32::from_be_bytes(x) }) as usize)
    }
    fn zero(&mut self, from: usize, len: usize) {
        if let Some(s) = self.b.get_mut(from..from.saturating_add(len)) {
            s.fill(0);
        }
    }
}

/// Empties the GPS directory of a TIFF structure (an EXIF block). True when there was one.
pub fn strip_tiff(b: &mut [u8]) -> bool {
    let little = match b.get(..4) {
        Some(b"II*\0") => true,
        Some(b"MM\0*") => false,
        _ => return false,
    };
    let mut t = Tiff { b, little };
    let Some(ifd0) = t.u32(4) else { return false };
    let Some(n) = t.u16(ifd0) else { return false };
    let gps = (0..usize::from(n)).map(|i| ifd0 + 2 + 12 * i).find(|e| t.u16(*e) == Some(0x8825)).and_then(|e| t.u32(e + 8));
    let Some(gps) = gps else { return false };
    let Some(count) = t.u16(gps) else { return false };
    for i in 0..usize::from(count) {
        let e = gps + 2 + 12 * i;
        let (Some(kind), Some(values)) = (t.u16(e + 2), t.u32(e + 4)) else { break };
        let len = type_size(kind).saturating_mul(values);
        if len > 4
            && let Some(at) = t.u32(e + 8)
        {
            t.zero(at, len);
        }
    }
    // The entries, then the count; the next-directory link after them reads 0 (none).
    t.zero(gps, 2 + 12 * usize::from(count) + 4);
    true
}

fn xmp_has_location(x: &[u8]) -> bool {
    x.windows(3).any(|w| w == b"GPS") || x.windows(13).any(|w| w == b"LocationShown")
}

const XMP_ID: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const XMP_EXT_ID: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";

fn strip_jpeg(b: &mut [u8]) -> bool {
    let mut changed = false;
    let mut at = 2;
    while at + 4 <= b.len() && b[at] == 0xFF {
        let marker = b[at + 1];
        // Start of scan: the image data follows; no more metadata segments.
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 || marker == 0xFF {
            at += if marker == 0xFF { 1 } else { 2 };
            continue;
        }
        let len = usize::from(u16::from_be_bytes([b[at + 2], b[at + 3]]));
        let end = (at + 2 + len).min(b.len());
        let body = at + 4;
        if marker == 0xE1 && body <= end {
            let seg = &mut b[body..end];
            if seg.starts_with(b"Exif\0\0") {
                changed |= strip_tiff(&mut seg[6..]);
            } else if (seg.starts_with(XMP_ID) || seg.starts_with(XMP_EXT_ID)) && xmp_has_location(seg) {
                b[at + 1] = 0xEF;
                b[body..end].fill(0);
                changed = true;
            }
        }
        at = end;
    }
    changed
}

fn blank_text(x: &mut [u8]) {
    for c in x.iter_mut().filter(|c| !matches!(**c, b'\n' | b'\r')) {
        *c = b' ';
    }
}

fn strip_png(b: &mut [u8]) -> bool {
    let mut changed = false;
    let mut at = 8;
    while at + 12 <= b.len() {
        let len = u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize;
        let end = at + 12 + len;
        if end > b.len() {
            break;
        }
        let kind: [u8; 4] = [b[at + 4], b[at + 5], b[at + 6], b[at + 7]];
        let data = at + 8..at + 8 + len;
        let touched = match &kind {
            b"eXIf" => strip_tiff(&mut b[data]),
            b"iTXt" if b[data.clone()].starts_with(b"XML:com.adobe.xmp\0") && xmp_has_location(&b[data.clone()]) => {
                // Keyword, compression flag and method, language and translated keyword stay.
                let text_at = b[data.clone()].iter().enumerate().filter(|(_, c)| **c == 0).nth(2).map(|(i, _)| data.start + i + 1);
                if let Some(t) = text_at.filter(|t| *t <= data.end) {
                    blank_text(&mut b[t..data.end]);
                }
                text_at.is_some()
            }
            _ => false,
        };
        if touched {
            let crc = crc32fast::hash(&b[at + 4..at + 8 + len]);
            b[at + 8 + len..end].copy_from_slice(&crc.to_be_bytes());
            changed = true;
        }
        if &kind == b"IEND" {
            break;
        }
        at = end;
    }
    changed
}

fn strip_webp(b: &mut [u8]) -> bool {
    let mut changed = false;
    let mut at = 12;
    while at + 8 <= b.len() {
        let len = u32::from_le_bytes([b[at + 4], b[at + 5], b[at + 6], b[at + 7]]) as usize;
        let end = (at + 8 + len).min(b.len());
        match &b[at..at + 4] {
            b"EXIF" => {
                let data = &mut b[at + 8..end];
                let skip = if data.starts_with(b"Exif\0\0") { 6 } else { 0 };
                changed |= strip_tiff(&mut data[skip..]);
            }
            b"XMP " if xmp_has_location(&b[at + 8..end]) => {
                blank_text(&mut b[at + 8..end]);
                changed = true;
            }
            _ => {}
        }
        at = end + (len & 1);
    }
    changed
}

/// Removes location from an image of type `mime` in place; true when anything changed.
pub fn strip_location(mime: &str, b: &mut [u8]) -> bool {
    match mime {
        "image/jpeg" => strip_jpeg(b),
        "image/png" => strip_png(b),
        "image/webp" => strip_webp(b),
        _ => false,
    }
}

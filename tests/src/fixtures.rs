//! Works as entrants send them, made here byte by byte: real PDFs, office documents and
//! MP3s, with a participant's name in their metadata where a test needs one.
#![allow(clippy::unwrap_used, clippy::cast_possible_truncation, reason = "fixtures of a few kilobytes, built in memory: nothing here can fail but a broken test")]

/// A real one-page PDF of exactly `len` bytes showing `page` (ASCII) in Helvetica, its
/// content stream padded with comment lines of varied letters; `info` (PDF dictionary
/// entries, e.g. `/Author (…)`), when given, is its document information and is repeated in
/// an XMP stream.
pub fn pdf_with(len: usize, info: &str, page: &str) -> Vec<u8> {
    let mut x: u32 = 7;
    let mut letters = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                if i % 64 == 63 { b'\n' } else { b'a' + ((x >> 16) % 26) as u8 }
            })
            .collect()
    };
    let text = format!("BT /F1 18 Tf 72 720 Td ({page}) Tj ET\n%").into_bytes();
    let build = |pad: &[u8]| -> Vec<u8> {
        let mut content = text.clone();
        content.extend_from_slice(pad);
        let mut objects = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".as_bytes().to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>".to_vec(),
            [format!("<< /Length {} >>\nstream\n", content.len()).into_bytes(), content, b"\nendstream".to_vec()].concat(),
        ];
        if !info.is_empty() {
            objects[0] = b"<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R >>".to_vec();
            objects.push(format!("<< {info} >>").into_bytes());
            let xmp = format!("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><dc:creator>{info}</dc:creator></x:xmpmeta>");
            objects.push([format!("<< /Type /Metadata /Subtype /XML /Length {} >>\nstream\n", xmp.len()).into_bytes(), xmp.into_bytes(), b"\nendstream".to_vec()].concat());
        }
        let mut v = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(v.len());
            v.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            v.extend_from_slice(o);
            v.extend_from_slice(b"\nendobj\n");
        }
        let xref = v.len();
        v.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for o in offsets {
            v.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        let info_ref = if info.is_empty() { String::new() } else { " /Info 5 0 R".into() };
        v.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R{info_ref} >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
        v
    };
    let bare = build(b"").len();
    assert!(len >= bare + 16, "a PDF needs at least {} bytes", bare + 16);
    // The padding's length changes the digits of /Length and the offsets: settle it.
    let mut pad = len - bare;
    loop {
        let v = build(&letters(pad));
        match v.len().cmp(&len) {
            std::cmp::Ordering::Equal => return v,
            std::cmp::Ordering::Greater => pad -= v.len() - len,
            std::cmp::Ordering::Less => pad += len - v.len(),
        }
    }
}

/// A DOCX whose core properties, a tracked change and a comment name `who`; its text does not.
pub fn docx_with_author(who: &str) -> Vec<u8> {
    use std::io::Write as _;
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"#.to_string()),
        ("word/document.xml", format!(r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Алтын балық</w:t></w:r><w:ins w:id="1" w:author="{who}"><w:r><w:t>!</w:t></w:r></w:ins></w:p></w:body></w:document>"#)),
        ("word/comments.xml", format!(r#"<?xml version="1.0"?><w:comments xmlns:w="w"><w:comment w:id="0" w:author="{who}" w:initials="ЗУ"><w:p><w:r><w:t>ok</w:t></w:r></w:p></w:comment></w:comments>"#)),
        ("docProps/core.xml", format!(r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:creator>{who}</dc:creator><cp:lastModifiedBy>{who}</cp:lastModifiedBy></cp:coreProperties>"#)),
    ];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// MPEG audio frames between an ID3v2 tag whose artist is `who` and an ID3v1 tag.
pub fn mp3_with_artist(who: &str) -> Vec<u8> {
    let text = [&[3u8][..], who.as_bytes()].concat();
    let mut frame = b"TPE1".to_vec();
    frame.extend_from_slice(&(text.len() as u32).to_be_bytes());
    frame.extend_from_slice(&[0, 0]);
    frame.extend_from_slice(&text);
    let size = frame.len();
    let mut v = b"ID3\x04\x00\x00".to_vec();
    v.extend_from_slice(&[(size >> 21) as u8 & 0x7F, (size >> 14) as u8 & 0x7F, (size >> 7) as u8 & 0x7F, size as u8 & 0x7F]);
    v.extend_from_slice(&frame);
    for _ in 0..20 {
        v.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
        v.extend_from_slice(&[0x55; 413]);
    }
    let mut v1 = b"TAG".to_vec();
    v1.extend_from_slice(who.as_bytes());
    v1.resize(128, 0);
    v.extend_from_slice(&v1);
    v
}


/// One MP4 box: its size, its four-letter kind, its body.
fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(body.len() + 8).expect("a small box").to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(body);
    out
}

/// An MP4 video whose movie carries user data naming `who` as its artist (what phones and
/// editors write), then its media data.
pub fn mp4_with_artist(who: &str) -> Vec<u8> {
    let artist = mp4_box(b"udta", &mp4_box(b"\xA9ART", who.as_bytes()));
    let track = mp4_box(b"trak", &mp4_box(b"tkhd", &[7; 84]));
    let movie = mp4_box(b"moov", &[mp4_box(b"mvhd", &[5; 100]), track, artist].concat());
    [mp4_box(b"ftyp", b"isom\0\0\x02\0isomiso2mp41"), movie, mp4_box(b"mdat", &[0x42; 4000])].concat()
}

/// A DOCX whose body is `paragraphs` (compressed, as word processors write them).
pub fn docx_with_text(paragraphs: &[&str]) -> Vec<u8> {
    use std::io::Write as _;
    let body: String = paragraphs.iter().map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>")).collect();
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"#.to_string()),
        ("word/document.xml", format!(r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#)),
    ];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        w.start_file(name, zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A child's drawing of the same subject every time, a house under the sun beside a tree,
/// painted in brush strokes on a sky and a hill: each `scene` places, sizes and colours it
/// differently, as two children would (scene 0 and scene 1 are two children's drawings).
pub fn drawing(scene: u32, w: u32, h: u32) -> image::RgbImage {
    let mut seed = 0x9E37_79B9u32.wrapping_mul(scene + 1);
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let (fw, fh) = (w as f32, h as f32);
    let left = scene.is_multiple_of(2);
    let pick = |a: f32, b: f32| if left { a } else { b };
    let horizon = fh * pick(0.62, 0.5);
    let house = (fw * pick(0.12, 0.5), fw * pick(0.32, 0.4), fh * pick(0.28, 0.3));
    let sun = (fw * pick(0.8, 0.15), fh * pick(0.18, 0.22), fh * pick(0.1, 0.14));
    let tree = (fw * pick(0.62, 0.2), fh * pick(0.16, 0.11));
    let walls = if left { [230, 150, 60] } else { [210, 70, 90] };
    let roof = if left { [140, 60, 30] } else { [60, 60, 140] };
    let mut img = image::RgbImage::from_fn(w, h, |x, y| {
        let (x, y) = (x as f32, y as f32);
        let hill = horizon + (x / fw * 6.0).sin() * fh * pick(0.03, 0.06);
        let mut c = if y < hill { [(120.0 + 100.0 * y / fh) as u8, (170.0 + 60.0 * y / fh) as u8, 250] } else { [70, pick(160.0, 130.0) as u8, 60] };
        if (x - sun.0).powi(2) + (y - sun.1).powi(2) < sun.2.powi(2) {
            c = [250, 215, 40];
        }
        let (hx, hw, hh) = house;
        let base = hill;
        if x > hx && x < hx + hw && y > base - hh && y < base {
            c = walls;
            let wx = hx + hw * 0.2;
            if x > wx && x < wx + hw * 0.25 && y > base - hh * 0.75 && y < base - hh * 0.45 {
                c = [150, 210, 250];
            }
            if x > hx + hw * 0.6 && x < hx + hw * 0.8 && y > base - hh * 0.5 {
                c = [100, 60, 30];
            }
        }
        let top = base - hh;
        let peak = top - hh * 0.6;
        if y <= top && y > peak && (x - (hx + hw / 2.0)).abs() < (y - peak) / (top - peak) * hw * 0.6 {
            c = roof;
        }
        let (tx, tr) = tree;
        if (x - tx).abs() < tr * 0.18 && y > base - tr * 2.2 && y < base + 4.0 {
            c = [110, 70, 40];
        }
        if (x - tx).powi(2) + (y - (base - tr * 2.4)).powi(2) < tr.powi(2) {
            c = [40, 120, 50];
        }
        c.into()
    });
    // Brush strokes: short lines of a colour near the one beneath, and paper grain.
    for _ in 0..(w * h / 60) {
        let (x, y) = (rnd() % w, rnd() % h);
        let len = 3 + rnd() % 9;
        let base = *img.get_pixel(x, y);
        let shade = (rnd() % 41) as i32 - 20;
        let horizontal = rnd().is_multiple_of(2);
        for i in 0..len {
            let (px, py) = if horizontal { (x + i, y) } else { (x, y + i) };
            if px < w && py < h {
                let p = image::Rgb(base.0.map(|v| (i32::from(v) + shade).clamp(0, 255) as u8));
                img.put_pixel(px, py, p);
            }
        }
    }
    img
}

/// An image as a JPEG of `quality`.
pub fn jpeg_of(img: &image::RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(img).unwrap();
    out
}

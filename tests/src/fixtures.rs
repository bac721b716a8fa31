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


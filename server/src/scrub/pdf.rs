//! PDFs without what names their makers: the document information dictionary, every XMP
//! metadata stream, page-piece data of the application that made them and the authors of
//! annotations (comments, highlights, notes). Pages, fonts, images and form fields stay.

use lopdf::{Dictionary, Document, Object};

/// The PDF rewritten without its metadata. Refused: a file that does not parse, or one still
/// encrypted after opening with the empty password (its streams cannot be rewritten).
pub fn clean(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut doc = Document::load_mem(bytes).map_err(|e| format!("pdf: {e}"))?;
    if doc.is_encrypted() {
        return Err("pdf: encrypted".into());
    }
    doc.trailer.remove(b"Info");
    let xmp: Vec<_> = doc.objects.iter().filter(|(_, o)| matches!(o, Object::Stream(s) if s.dict.has_type(b"Metadata"))).map(|(id, _)| *id).collect();
    for id in xmp {
        doc.objects.remove(&id);
    }
    doc.objects.values_mut().for_each(scrub);
    // The old information dictionary and anything else now unreferenced is dropped.
    doc.prune_objects();
    let mut out = Vec::with_capacity(bytes.len());
    doc.save_to(&mut out).map_err(|e| format!("pdf: {e}"))?;
    Ok(out)
}

fn scrub(obj: &mut Object) {
    match obj {
        Object::Dictionary(d) => scrub_dict(d),
        Object::Stream(s) => scrub_dict(&mut s.dict),
        Object::Array(a) => a.iter_mut().for_each(scrub),
        _ => {}
    }
}

fn scrub_dict(d: &mut Dictionary) {
    d.remove(b"Metadata");
    d.remove(b"PieceInfo");
    let subtype = d.get(b"Subtype").and_then(Object::as_name).ok().map(<[u8]>::to_vec);
    let annotation = d.has_type(b"Annot") || (subtype.is_some() && d.has(b"Rect"));
    // A markup annotation's /T is its author; a form field's /T is the field's name.
    if annotation && subtype.as_deref() != Some(b"Widget") {
        d.remove(b"T");
    }
    for (_, v) in d.iter_mut() {
        scrub(v);
    }
}

/// The text of a PDF's first page, as far as its fonts map to Unicode (for the warning that
/// a work names its author on its face).
pub fn first_page_text(bytes: &[u8]) -> Option<String> {
    let doc = Document::load_mem(bytes).ok()?;
    doc.extract_text_with_limit(&[1], 8 * 1024 * 1024).ok()
}

/// The text of a PDF's first pages (at most `pages`), as far as its fonts map to Unicode
/// (for near-duplicate texts).
pub fn text(bytes: &[u8], pages: u32) -> Option<String> {
    let doc = Document::load_mem(bytes).ok()?;
    let numbers: Vec<u32> = doc.get_pages().keys().copied().filter(|n| *n <= pages).collect();
    doc.extract_text_with_limit(&numbers, 8 * 1024 * 1024).ok()
}

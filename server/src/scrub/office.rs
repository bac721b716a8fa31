//! Office documents without what names their makers.
//!
//! - Office Open XML and OpenDocument files are ZIP archives of XML parts. The property
//!   parts (`docProps/core.xml`, `app.xml`, `custom.xml`; `meta.xml`) are replaced by empty
//!   ones of their kind; every other XML part is streamed through an XML reader that empties
//!   the authors of comments and tracked changes (`w:author`, `w:initials`, the people and
//!   comment-author lists, `dc:creator` inside content). The text is not touched.
//! - Legacy Word files (OLE compound files) lose their two property streams, overwritten
//!   with zeros before they are removed so the bytes do not linger in free sectors.
//!
//! The archive was checked whole at upload (entry count, sizes, ratio), so reading its parts
//! into memory is bounded; each part is capped again here.

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};
use std::borrow::Cow;
use std::io::{Cursor, Read, Write};

/// Largest part read (the upload check allows no more in total).
const MAX_PART: u64 = 256 * 1024 * 1024;

const EMPTY_CORE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>"#;
const EMPTY_APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>"#;
const EMPTY_CUSTOM: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>"#;
const EMPTY_ODF_META: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:meta/></office:document-meta>"#;

/// A property part replaced whole.
fn replacement(name: &str) -> Option<&'static str> {
    match name {
        "docProps/core.xml" => Some(EMPTY_CORE),
        "docProps/app.xml" => Some(EMPTY_APP),
        "docProps/custom.xml" => Some(EMPTY_CUSTOM),
        "meta.xml" => Some(EMPTY_ODF_META),
        _ => None,
    }
}

/// The part of a name after its namespace prefix.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Attributes that name a person: authors of comments, tracked changes and the people list.
fn names_person(element: &str, attribute: &str) -> bool {
    matches!(attribute, "author" | "initials" | "userId" | "creator") || (matches!(element, "cmAuthor" | "author" | "person") && attribute == "name")
}

/// Elements whose text names a person (`dc:creator` of an OpenDocument comment or change,
/// the authors' list of spreadsheet comments).
fn text_names_person(element: &str) -> bool {
    matches!(element, "creator" | "creator-initials" | "initial-creator" | "author" | "lastModifiedBy")
}

fn scrub_start(e: &BytesStart) -> Result<BytesStart<'static>, String> {
    let name = e.name().as_ref().to_string();
    let element = local(e.name().as_ref()).to_string();
    let mut out = BytesStart::new(name);
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|e| e.to_string())?;
        if names_person(&element, local(a.key.as_ref())) {
            out.push_attribute(Attribute { key: a.key, value: Cow::Borrowed("") });
        } else {
            out.push_attribute(a);
        }
    }
    Ok(out)
}

/// One XML part with every person's name emptied; everything else written as read.
pub fn clean_xml(xml: &[u8]) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut writer = Writer::new(Vec::with_capacity(xml.len()));
    // How deep inside an element whose text is dropped (0: not inside one).
    let mut dropping = 0usize;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        let out = match event {
            Event::Eof => break,
            Event::Start(e) => {
                if dropping > 0 || text_names_person(local(e.name().as_ref())) {
                    dropping += 1;
                }
                Some(Event::Start(scrub_start(&e)?))
            }
            Event::End(e) => {
                dropping = dropping.saturating_sub(1);
                Some(Event::End(e))
            }
            Event::Empty(e) => Some(Event::Empty(scrub_start(&e)?)),
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if dropping > 0 => None,
            other => Some(other),
        };
        if let Some(ev) = out {
            writer.write_event(ev).map_err(|e| e.to_string())?;
        }
        buf.clear();
    }
    Ok(writer.into_inner())
}

fn is_xml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xml") || lower.ends_with(".rels")
}

/// An Office Open XML or OpenDocument archive rewritten part by part, in the same order
/// (an OpenDocument's `mimetype` stays first and stored).
pub fn clean(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use zip::write::SimpleFileOptions;
    let err = |e: zip::result::ZipError| format!("office: {e}");
    let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).map_err(err)?;
    let mut zout = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    for i in 0..zin.len() {
        let mut part = zin.by_index(i).map_err(err)?;
        let name = part.name().map_err(err)?.to_string();
        let method = if name == "mimetype" { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        let opts = SimpleFileOptions::default().compression_method(method);
        if part.is_dir() {
            zout.add_directory(name, opts).map_err(err)?;
            continue;
        }
        let mut data = Vec::new();
        (&mut part).take(MAX_PART).read_to_end(&mut data).map_err(|e| format!("office: {e}"))?;
        let data = match replacement(&name) {
            Some(empty) => empty.as_bytes().to_vec(),
            None if is_xml(&name) => clean_xml(&data).map_err(|e| format!("office: {name}: {e}"))?,
            None => data,
        };
        zout.start_file(name, opts).map_err(err)?;
        zout.write_all(&data).map_err(|e| format!("office: {e}"))?;
    }
    Ok(zout.finish().map_err(err)?.into_inner())
}

/// A legacy Word file without its summary-information streams (author, last saved by,
/// company, template).
pub fn clean_legacy(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let err = |e: std::io::Error| format!("doc: {e}");
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes.to_vec())).map_err(err)?;
    for path in ["/\u{5}SummaryInformation", "/\u{5}DocumentSummaryInformation"] {
        if cf.is_stream(path) {
            let mut s = cf.open_stream(path).map_err(err)?;
            let len = usize::try_from(s.len()).map_err(|e| e.to_string())?;
            s.write_all(&vec![0u8; len]).map_err(err)?;
            s.flush().map_err(err)?;
            drop(s);
            cf.remove_stream(path).map_err(err)?;
        }
    }
    cf.flush().map_err(err)?;
    Ok(cf.into_inner().into_inner())
}

/// The visible text of an office document's body (the first part that holds it), for the
/// warning that a work names its author on its face.
pub fn body_text(bytes: &[u8]) -> Option<String> {
    let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let name = ["word/document.xml", "content.xml", "ppt/slides/slide1.xml"].into_iter().find(|n| zin.index_for_name(n).is_some())?;
    let mut data = Vec::new();
    zin.by_name(name).ok()?.take(MAX_PART).read_to_end(&mut data).ok()?;
    let mut reader = Reader::from_reader(data.as_slice());
    let mut text = String::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Eof => break,
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => text.push(c),
                _ => text.push(match &*r.xml10_content() {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => ' ',
                }),
            },
            // Paragraphs, headings and cells end words; runs inside a word do not.
            Event::End(e) if matches!(local(e.name().as_ref()), "p" | "h" | "tc") => text.push(' '),
            Event::Empty(e) if matches!(local(e.name().as_ref()), "tab" | "br" | "s") => text.push(' '),
            _ => {}
        }
        buf.clear();
    }
    Some(text)
}

//! Audio and video without their tags (artist, title, album, comments, cover pictures,
//! encoder user data). The sound and picture are never decoded or re-encoded:
//!
//! - MP3: ID3v2 at the start, ID3v1, APEv2 and appended ID3v2 at the end cut off, and any
//!   bytes between the tags and the first MPEG frame (where anything could hide);
//! - FLAC: comment, picture, application and padding blocks left out;
//! - WAV: `LIST`, `id3 `, `bext`, `iXML` and XMP chunks left out;
//! - Ogg (Vorbis, Opus): the comment packet emptied in place, pages' checksums made again;
//! - MP4, M4A, MOV: user-data, `meta` and XMP boxes turned into `free` boxes of the same
//!   size, so every offset into the file still holds;
//! - WebM, Matroska: tags, attachments, the segment title and track names overwritten by
//!   `Void` elements of the same size.

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn size(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// An ID3v2 size: four bytes of seven bits.
fn synchsafe(b: &[u8]) -> usize {
    b.iter().take(4).fold(0usize, |acc, x| (acc << 7) | usize::from(x & 0x7F))
}

pub fn clean_mp3(b: &[u8]) -> Result<Vec<u8>, String> {
    let mut start = 0usize;
    while b.len() >= start + 10 && b[start..].starts_with(b"ID3") {
        let footer = if b[start + 5] & 0x10 != 0 { 10 } else { 0 };
        start += 10 + synchsafe(&b[start + 6..start + 10]) + footer;
    }
    let mut end = b.len();
    while end > start {
        if end >= start + 128 && &b[end - 128..end - 125] == b"TAG" {
            end -= 128;
        } else if end >= start + 32 && &b[end - 32..end - 24] == b"APETAGEX" {
            let tag = le32(b, end - 20).map_or(0, |n| n as usize);
            let header = if le32(b, end - 12).is_some_and(|f| f & 0x8000_0000 != 0) { 32 } else { 0 };
            end = end.saturating_sub(tag + header).max(start);
        } else if end >= start + 10 && &b[end - 10..end - 7] == b"3DI" {
            end = end.saturating_sub(synchsafe(&b[end - 4..end]) + 20).max(start);
        } else {
            break;
        }
    }
    if start >= end {
        return Err("mp3: no audio after its tags".into());
    }
    // The audio starts at its first frame header (the sync the type check knows, within the
    // first 64 KiB after the tags): a copy that starts elsewhere would no longer be an MP3.
    let window = &b[start..end.min(start.saturating_add(64 * 1024))];
    let Some(first) = window.windows(2).position(|w| w[0] == 0xFF && matches!(w[1], 0xFB | 0xF3 | 0xF2)) else {
        return Err("mp3: no audio frame after its tags".into());
    };
    Ok(b[start + first..end].to_vec())
}

pub fn clean_flac(b: &[u8]) -> Result<Vec<u8>, String> {
    let bad = || "flac: damaged".to_string();
    if !b.starts_with(b"fLaC") {
        return Err(bad());
    }
    let mut kept: Vec<&[u8]> = Vec::new();
    let mut at = 4;
    loop {
        let head = *b.get(at).ok_or_else(bad)?;
        let len = be32(b, at).ok_or_else(bad)? as usize & 0x00FF_FFFF;
        let block = b.get(at..at + 4 + len).ok_or_else(bad)?;
        // The stream information comes first (its 34 bytes are what a player needs): a
        // stream without it is damaged, and a copy without it would be no FLAC at all.
        if at == 4 && (head & 0x7F != 0 || len != 34) {
            return Err(bad());
        }
        // Stream information, seek table and cue sheet stay; comments, pictures, application
        // data and padding go.
        if matches!(head & 0x7F, 0 | 3 | 5) {
            kept.push(block);
        }
        at += 4 + len;
        if head & 0x80 != 0 {
            break;
        }
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(b"fLaC");
    let last = kept.len().saturating_sub(1);
    for (i, block) in kept.into_iter().enumerate() {
        out.push(if i == last { block[0] | 0x80 } else { block[0] & 0x7F });
        out.extend_from_slice(&block[1..]);
    }
    out.extend_from_slice(&b[at..]);
    Ok(out)
}

pub fn clean_riff(b: &[u8]) -> Result<Vec<u8>, String> {
    if b.len() < 12 || !b.starts_with(b"RIFF") {
        return Err("wav: damaged".into());
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..12]);
    let mut at = 12;
    while at + 8 <= b.len() {
        let id = &b[at..at + 4];
        let len = le32(b, at + 4).map_or(0, |n| n as usize);
        // A chunk that claims more than is left (a recorder that never wrote its size) runs
        // to the end.
        let end = (at + 8 + len + (len & 1)).min(b.len());
        if !matches!(id, b"LIST" | b"id3 " | b"ID3 " | b"bext" | b"iXML" | b"_PMX" | b"DISP") {
            out.extend_from_slice(&b[at..end]);
        }
        at = end;
    }
    out.extend_from_slice(&b[at..]);
    let riff = u32::try_from(out.len() - 8).map_err(|e| e.to_string())?;
    out[4..8].copy_from_slice(&riff.to_le_bytes());
    Ok(out)
}

/// The Ogg page checksum: CRC-32 with polynomial 0x04C11DB7, not reflected, starting at 0.
pub(crate) fn ogg_crc(page: &[u8]) -> u32 {
    page.iter().fold(0u32, |crc, byte| {
        let mut c = crc ^ (u32::from(*byte) << 24);
        for _ in 0..8 {
            c = if c & 0x8000_0000 != 0 { (c << 1) ^ 0x04C1_1DB7 } else { c << 1 };
        }
        c
    })
}

/// An Ogg page: where it starts, where its body starts, its length and its segment table.
struct Page {
    start: usize,
    body: usize,
    end: usize,
    serial: u32,
    lacing: Vec<u8>,
}

fn pages(b: &[u8]) -> Result<Vec<Page>, String> {
    let bad = || "ogg: damaged".to_string();
    let mut out = Vec::new();
    let mut at = 0;
    while at < b.len() {
        if b.get(at..at + 4) != Some(b"OggS") {
            return Err(bad());
        }
        let n = usize::from(*b.get(at + 26).ok_or_else(bad)?);
        let lacing = b.get(at + 27..at + 27 + n).ok_or_else(bad)?.to_vec();
        let body = at + 27 + n;
        let end = body + lacing.iter().map(|x| usize::from(*x)).sum::<usize>();
        if end > b.len() {
            return Err(bad());
        }
        out.push(Page { start: at, body, end, serial: le32(b, at + 14).ok_or_else(bad)?, lacing });
        at = end;
    }
    Ok(out)
}

/// Where each byte of one logical stream's second packet lies in the file.
fn second_packet(pages: &[Page], serial: u32) -> Vec<usize> {
    let mut packet = 0;
    let mut spots = Vec::new();
    for p in pages.iter().filter(|p| p.serial == serial) {
        let mut at = p.body;
        for lace in &p.lacing {
            let n = usize::from(*lace);
            if packet == 1 {
                spots.extend(at..at + n);
            }
            at += n;
            if n < 255 {
                packet += 1;
                if packet > 1 {
                    return spots;
                }
            }
        }
    }
    spots
}

/// A comment packet with no comments: the header and vendor string as they were, zero
/// comments, then (Vorbis) the framing bit; the rest zeros, which both formats allow.
fn empty_comments(packet: &[u8]) -> Option<Vec<u8>> {
    let magic = if packet.starts_with(b"\x03vorbis") {
        7
    } else if packet.starts_with(b"OpusTags") {
        8
    } else {
        return None;
    };
    let vendor = le32(packet, magic)? as usize;
    let count_at = magic + 4 + vendor;
    let mut out = vec![0u8; packet.len()];
    out[..count_at].copy_from_slice(packet.get(..count_at)?);
    if magic == 7 {
        *out.get_mut(count_at + 4)? = 1;
    }
    Some(out)
}

pub fn clean_ogg(b: &[u8]) -> Result<Vec<u8>, String> {
    let pages = pages(b)?;
    let mut out = b.to_vec();
    let mut serials: Vec<u32> = pages.iter().map(|p| p.serial).collect();
    serials.dedup();
    for serial in serials {
        let spots = second_packet(&pages, serial);
        let packet: Vec<u8> = spots.iter().map(|i| b[*i]).collect();
        let Some(empty) = empty_comments(&packet) else { continue };
        for (i, byte) in spots.iter().zip(empty) {
            out[*i] = byte;
        }
    }
    for p in &pages {
        out[p.start + 22..p.start + 26].fill(0);
        let crc = ogg_crc(&out[p.start..p.end]);
        out[p.start + 22..p.start + 26].copy_from_slice(&crc.to_le_bytes());
    }
    Ok(out)
}

/// ISO base media boxes in `b[from..to]`: (start, header length, end, type).
fn boxes(b: &[u8], from: usize, to: usize) -> Vec<(usize, usize, usize, [u8; 4])> {
    let mut out = Vec::new();
    let mut at = from;
    while at + 8 <= to {
        let small = be32(b, at).unwrap_or(0);
        let kind: [u8; 4] = b[at + 4..at + 8].try_into().unwrap_or_default();
        let (header, len) = match small {
            0 => (8, to - at),
            1 => match b.get(at + 8..at + 16) {
                Some(x) => (16, size(u64::from_be_bytes(x.try_into().unwrap_or_default()))),
                None => break,
            },
            n => (8, n as usize),
        };
        if len < header || at + len > to {
            break;
        }
        out.push((at, header, at + len, kind));
        at += len;
    }
    out
}

const XMP_UUID: [u8; 16] = [0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC];

fn free_boxes(out: &mut [u8], from: usize, to: usize) {
    for (start, header, end, kind) in boxes(out, from, to) {
        let xmp = &kind == b"uuid" && out.get(start + header..start + header + 16) == Some(&XMP_UUID[..]);
        if matches!(&kind, b"udta" | b"meta" | b"ilst" | b"XMP_") || xmp {
            out[start + 4..start + 8].copy_from_slice(b"free");
            out[start + header..end].fill(0);
        } else if matches!(&kind, b"moov" | b"trak" | b"mdia" | b"minf") {
            free_boxes(out, start + header, end);
        }
    }
}

pub fn clean_mp4(b: &[u8]) -> Result<Vec<u8>, String> {
    if boxes(b, 0, b.len()).is_empty() {
        return Err("mp4: damaged".into());
    }
    let mut out = b.to_vec();
    free_boxes(&mut out, 0, b.len());
    Ok(out)
}

/// An EBML variable-length number at `at`: (its length, its value with the marker kept for
/// ids or dropped for sizes). None past the end or for a first byte of zero.
fn vint(b: &[u8], at: usize, keep_marker: bool) -> Option<(usize, u64)> {
    let first = *b.get(at)?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 {
        return None;
    }
    let mut v = if keep_marker { u64::from(first) } else { u64::from(first) & ((1u64 << (8 - len)) - 1) };
    for i in 1..len {
        v = (v << 8) | u64::from(*b.get(at + i)?);
    }
    Some((len, v))
}

const SEGMENT: u64 = 0x1853_8067;
const INFO: u64 = 0x1549_A966;
const TRACKS: u64 = 0x1654_AE6B;
const TRACK_ENTRY: u64 = 0xAE;

/// Overwrites `b[start..end]` with one Void element.
fn void(b: &mut [u8], start: usize, end: usize) {
    let total = end - start;
    b[start] = 0xEC;
    let width = (total - 1).min(8);
    let data = (total - 1 - width) as u64;
    let mut bytes = data.to_be_bytes()[8 - width..].to_vec();
    bytes[0] |= 1u8 << (8 - width);
    b[start + 1..start + 1 + width].copy_from_slice(&bytes);
    b[start + 1 + width..end].fill(0);
}

/// Walks the elements in `b[from..to]`, voiding the ones that name people.
fn void_elements(b: &mut [u8], from: usize, to: usize, parent: u64) {
    let mut at = from;
    while at < to {
        let Some((id_len, id)) = vint(b, at, true) else { return };
        let Some((size_len, data)) = vint(b, at + id_len, false) else { return };
        let body = at + id_len + size_len;
        let unknown = data == (1u64 << (7 * size_len)) - 1;
        let end = if unknown { to } else { body.saturating_add(size(data)).min(to) };
        let drop = match parent {
            SEGMENT => matches!(id, 0x1254_C367 | 0x1941_A469),
            INFO => matches!(id, 0x7BA9),
            TRACK_ENTRY => matches!(id, 0x536E),
            _ => false,
        };
        if drop {
            void(b, at, end);
        } else if matches!(id, SEGMENT | INFO | TRACKS | TRACK_ENTRY) {
            void_elements(b, body, end, id);
        } else if unknown {
            // A cluster of unknown size (a browser's recording) is not walked past.
            return;
        }
        at = end;
    }
}

pub fn clean_webm(b: &[u8]) -> Result<Vec<u8>, String> {
    if !b.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return Err("webm: damaged".into());
    }
    let mut out = b.to_vec();
    void_elements(&mut out, 0, b.len(), 0);
    Ok(out)
}

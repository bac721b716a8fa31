//! Files through the real router: resumable and plain uploads, the type decided by content,
//! size limits, a cut upload resumed, hostile names, thumbnails without metadata, and bytes
//! shared between files. The file fixtures (PDF, JPEG with EXIF, a PNG bomb) live here.
#![expect(clippy::cast_possible_truncation, reason = "the file fixtures build bytes and offsets by narrowing on purpose")]

use crate::contests::ok;
use crate::submissions::{add_participant, create_entry, error_msg, last_entry, new_entry, world};
use baiqau_tests::{Jar, TestApp, TestResponse};
use http::StatusCode;
use sha2::{Digest, Sha256};

pub(crate) use baiqau_tests::fixtures::{docx_with_author, mp3_with_artist, pdf_with};

pub(crate) fn pdf(len: usize) -> Vec<u8> {
    pdf_with(len, "", "Once upon a time")
}

pub(crate) fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 128]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&img).unwrap();
    out
}

/// A JPEG carrying EXIF: orientation 6 (turn 90° clockwise), a camera make, a GPS block.
pub(crate) fn jpeg_with_exif(w: u32, h: u32) -> Vec<u8> {
    let plain = jpeg(w, h);
    // TIFF, big-endian. IFD0 at 8: 3 entries (Make, Orientation, GPS pointer).
    let mut t: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    let ifd0_len = 2 + 3 * 12 + 4;
    let make_at = 8 + ifd0_len as u32;
    let make = b"SECRETCAM-SN4711\0";
    let gps_at = make_at + make.len() as u32;
    t.extend_from_slice(&3u16.to_be_bytes());
    t.extend_from_slice(&[0x01, 0x0F, 0, 2]);
    t.extend_from_slice(&(make.len() as u32).to_be_bytes());
    t.extend_from_slice(&make_at.to_be_bytes());
    t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
    t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1]);
    t.extend_from_slice(&gps_at.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    t.extend_from_slice(make);
    // GPS IFD: latitude reference "N".
    t.extend_from_slice(&1u16.to_be_bytes());
    t.extend_from_slice(&[0x00, 0x01, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    t.extend_from_slice(&0u32.to_be_bytes());
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&t);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A PNG that claims 50,000 × 50,000 pixels in a few bytes.
pub(crate) fn png_bomb() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&50_000u32.to_be_bytes());
    ihdr.extend_from_slice(&50_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    out.extend_from_slice(&13u32.to_be_bytes());
    out.extend_from_slice(&ihdr);
    out.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    out.extend_from_slice(&[0u8; 64]);
    out
}

pub(crate) fn json(body: &str) -> Vec<u8> {
    body.as_bytes().to_vec()
}

/// Starts a resumable upload; the JSON answer.
pub(crate) async fn begin(app: &TestApp, jar: &Jar, entry: &str, name: &str, size: usize, sha: Option<&str>) -> TestResponse {
    let body = serde_json::json!({ "entry": entry, "name": name, "size": size, "sha256": sha }).to_string();
    app.request("POST", "/uploads", jar, &[("content-type", "application/json")], json(&body)).await
}

pub(crate) async fn piece(app: &TestApp, jar: &Jar, id: &str, offset: usize, bytes: &[u8]) -> TestResponse {
    let off = offset.to_string();
    let len = bytes.len().to_string();
    app.request("PATCH", &format!("/uploads/{id}"), jar, &[("upload-offset", &off), ("content-length", &len)], bytes.to_vec()).await
}

/// Uploads `bytes` in 256 KB pieces; the final answer.
pub(crate) async fn upload(app: &TestApp, jar: &Jar, entry: &str, name: &str, bytes: &[u8]) -> TestResponse {
    let started = begin(app, jar, entry, name, bytes.len(), Some(&hex::encode(Sha256::digest(bytes)))).await;
    if started.status != StatusCode::CREATED {
        return started;
    }
    let id = started.json()["id"].as_str().unwrap().to_owned();
    let mut at = 0;
    loop {
        let end = (at + 256 * 1024).min(bytes.len());
        let res = piece(app, jar, &id, at, &bytes[at..end]).await;
        if res.status != StatusCode::OK || res.json()["done"] == true {
            return res;
        }
        at = res.json()["offset"].as_u64().unwrap() as usize;
    }
}

/// A plain multipart upload, as a browser without JavaScript sends it.
async fn plain_upload(app: &TestApp, jar: &Jar, entry: &str, name: &str, content_type: &str, bytes: &[u8]) -> TestResponse {
    let boundary = "----baiqauBoundary7MA4YWxkTrZu0gW";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let ct = format!("multipart/form-data; boundary={boundary}");
    app.request("POST", &format!("/entries/{entry}/files"), jar, &[("content-type", &ct)], body).await
}

pub(crate) fn files_on_disk(app: &TestApp, sub: &str) -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() { walk(&p, out) } else { out.push(p) }
        }
    }
    let mut out = Vec::new();
    walk(&app.dir.path().join(sub), &mut out);
    out
}

#[tokio::test]
async fn the_type_is_decided_by_content_and_markup_is_never_accepted() {
    let w = world().await;
    let app = &w.app;
    let entry = new_entry(&w, &w.drawing, "Сурет").await;
    let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>".to_vec();
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec();
    let zip = b"PK\x03\x04\x14\0\0\0\x08\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x07\0\0\0evil.sh".to_vec();
    let exe = b"MZ\x90\0\x03\0\0\0\x04\0".to_vec();
    for (name, bytes) in [("photo.jpg", pdf(3_000)), ("photo.jpg", html.clone()), ("photo.jpg", zip), ("drawing.svg", svg.clone()), ("p.jpg", exe)] {
        let res = upload(app, &w.parent, &entry, name, &bytes).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {}", res.body);
        assert_eq!(error_msg(&res).await, "ErrFileType");
        // Whatever the browser claims.
        let res = plain_upload(app, &w.parent, &entry, name, "image/jpeg", &bytes).await;
        assert_eq!(res.header("location"), Some(format!("/entries/{entry}?upload_error=type#files").as_str()));
    }
    // SVG and HTML are refused even where documents are allowed.
    sqlx::query("UPDATE nomination SET allowed_kinds = 'image,pdf,document,audio,video'").execute(&app.sql).await.unwrap();
    for bytes in [svg, html] {
        assert_eq!(error_msg(&upload(app, &w.parent, &entry, "x.html", &bytes).await).await, "ErrFileType");
    }
    // A pixel bomb is refused from its header.
    let res = upload(app, &w.parent, &entry, "bomb.png", &png_bomb()).await;
    assert_eq!(error_msg(&res).await, "ErrImageTooLarge");
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_file").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM blob").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM upload").await, 0);
    assert_eq!(app.stored_keys("").await, Vec::<String>::new(), "no work, no piece in the store");
    assert!(files_on_disk(app, "uploads").is_empty(), "{:?}", files_on_disk(app, "uploads"));
}

/// A ZIP whose entries are deflated, with their CRCs: what an office program writes.
fn deflated_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write as _;
    let (mut out, mut cd) = (Vec::new(), Vec::new());
    for (name, data) in entries {
        let mut packer = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        packer.write_all(data).unwrap();
        let packed = packer.finish().unwrap();
        let mut crc = flate2::Crc::new();
        crc.update(data);
        let at = u32::try_from(out.len()).unwrap();
        let sizes = [crc.sum(), u32::try_from(packed.len()).unwrap(), u32::try_from(data.len()).unwrap()];
        let name_len = u16::try_from(name.len()).unwrap().to_le_bytes();
        out.extend_from_slice(b"PK\x03\x04\x14\0\0\0\x08\0\0\0\0\0");
        sizes.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
        out.extend_from_slice(&name_len);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);
        cd.extend_from_slice(b"PK\x01\x02\x14\0\x14\0\0\0\x08\0\0\0\0\0");
        sizes.iter().for_each(|v| cd.extend_from_slice(&v.to_le_bytes()));
        cd.extend_from_slice(&name_len);
        cd.extend_from_slice(&[0; 12]);
        cd.extend_from_slice(&at.to_le_bytes());
        cd.extend_from_slice(name.as_bytes());
    }
    let count = u16::try_from(entries.len()).unwrap().to_le_bytes();
    let cd_at = u32::try_from(out.len()).unwrap().to_le_bytes();
    out.extend_from_slice(&cd);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&count);
    out.extend_from_slice(&count);
    out.extend_from_slice(&u32::try_from(cd.len()).unwrap().to_le_bytes());
    out.extend_from_slice(&cd_at);
    out.extend_from_slice(&[0, 0]);
    out
}

/// A DOCX passes its type check on its first entry: the rest of the archive is checked from
/// its table of contents, so a bomb behind a small `word/` part is refused, by both ways in,
/// and nothing of it is kept.
#[tokio::test]
async fn an_office_document_is_checked_as_a_whole_archive_and_a_bomb_is_refused() {
    let w = world().await;
    let app = &w.app;
    sqlx::query("UPDATE nomination SET allowed_kinds = 'pdf,document'").execute(&app.sql).await.unwrap();
    let entry = new_entry(&w, &w.tale, "Құжат").await;
    let types = br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;
    let text = "<w:document><w:body><w:p><w:r><w:t>Алтын балық</w:t></w:r></w:p></w:body></w:document>".repeat(40);
    let docx = deflated_zip(&[("word/document.xml", text.as_bytes()), ("[Content_Types].xml", types)]);
    let res = upload(app, &w.parent, &entry, "ертегі.docx", &docx).await;
    assert_eq!(res.status, StatusCode::OK, "a real document: {}", res.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_file").await, 1);

    // 64 MB of zeros packs into about 64 KB: a thousand times, behind a small first part.
    let zeros = vec![0u8; 64 * 1024 * 1024];
    let bomb = deflated_zip(&[("word/document.xml", b"<w:document/>"), ("[Content_Types].xml", types), ("word/media/image1.png", &zeros)]);
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let res = upload(app, &w.parent, &entry, "bomb.docx", &bomb).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert_eq!(error_msg(&res).await, "ErrArchiveUnsafe");
    let res = plain_upload(app, &w.parent, &entry, "bomb.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", &bomb).await;
    assert_eq!(res.header("location"), Some(format!("/entries/{entry}?upload_error=archive#files").as_str()));
    // A plain archive dressed as a document by its first entry's name.
    let dressed = deflated_zip(&[("word/document.xml", b"<w:document/>"), ("run.sh", b"#!/bin/sh")]);
    assert_eq!(error_msg(&upload(app, &w.parent, &entry, "x.docx", &dressed).await).await, "ErrArchiveUnsafe");
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_file").await, 1, "only the real document");
    assert_eq!(app.count("SELECT COUNT(*) FROM blob").await, 1);
    assert!(files_on_disk(app, "uploads").is_empty(), "{:?}", files_on_disk(app, "uploads"));
}

#[tokio::test]
async fn oversize_is_refused_before_and_during_the_body() {
    let w = world().await;
    let app = &w.app;
    let entry = new_entry(&w, &w.tale, "Үлкен").await;
    // Announced too large (the nomination allows 20 MB).
    let res = begin(app, &w.parent, &entry, "big.pdf", 21 * 1024 * 1024, None).await;
    assert_eq!(error_msg(&res).await, "ErrFileSize");
    assert_eq!(app.count("SELECT COUNT(*) FROM upload").await, 0);
    // A piece that says it is larger than what is left: refused before reading.
    let started = begin(app, &w.parent, &entry, "small.pdf", 1_000, None).await;
    let id = started.json()["id"].as_str().unwrap().to_owned();
    let res = app
        .request("PATCH", &format!("/uploads/{id}"), &w.parent, &[("upload-offset", "0"), ("content-length", "10737418240")], Vec::new())
        .await;
    assert_eq!(error_msg(&res).await, "ErrFileSize");
    // A body that says nothing of its length and runs past it: cut at the limit, nothing kept.
    let res = app.request("PATCH", &format!("/uploads/{id}"), &w.parent, &[("upload-offset", "0")], pdf(5_000)).await;
    assert_eq!(error_msg(&res).await, "ErrFileSize");
    assert_eq!(app.count("SELECT received FROM upload").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM upload_piece").await, 0);
    assert!(app.stored_keys(&format!("uploads/{id}")).await.is_empty());
    // A plain form over the limit.
    let big = pdf(20 * 1024 * 1024 + 10);
    let res = plain_upload(app, &w.parent, &entry, "big.pdf", "application/pdf", &big).await;
    assert_eq!(res.header("location"), Some(format!("/entries/{entry}?upload_error=size#files").as_str()));
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_file").await, 0);
    assert!(files_on_disk(app, "uploads").is_empty(), "nothing left on the way in: {:?}", files_on_disk(app, "uploads"));
}

/// A piece's body sent as `(wait before, bytes)` steps, as a slow link sends it.
fn paced_piece(w: &crate::submissions::World, id: &str, offset: usize, steps: Vec<(u64, Vec<u8>)>) -> http::Request<axum::body::Body> {
    let stream = futures_util::StreamExt::then(futures_util::stream::iter(steps), |(ms, bytes)| async move {
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
        Ok::<_, std::io::Error>(bytes)
    });
    http::Request::builder()
        .method("PATCH")
        .uri(format!("/uploads/{id}"))
        .header("sec-fetch-site", "same-origin")
        .header("upload-offset", offset.to_string())
        .header("cookie", format!("baiqau_session={}", w.parent.session.clone().unwrap()))
        .body(axum::body::Body::from_stream(stream))
        .unwrap()
}

#[tokio::test]
async fn a_piece_is_cut_by_its_pace_not_its_length_and_what_arrived_is_kept() {
    // At least 2,000 bytes in every half second (4 KB/s).
    let pace = app::backend::config::Pace { window: std::time::Duration::from_millis(500), min_bytes_per_sec: 4_000 };
    let w = crate::submissions::world_with(|c| c.upload_pace = pace).await;
    let app = &w.app;
    let entry = new_entry(&w, &w.tale, "Баяу байланыс").await;
    let work = pdf(200_000);
    let sha = hex::encode(Sha256::digest(&work));
    let id = begin(app, &w.parent, &entry, "baiau.pdf", work.len(), Some(&sha)).await.json()["id"].as_str().unwrap().to_owned();

    // A steady slow link: 3,000 bytes every 100 ms (30 KB/s) for 3 s, six windows. Not cut.
    let steady: Vec<(u64, Vec<u8>)> = work[..90_000].chunks(3_000).map(|c| (100, c.to_vec())).collect();
    let res = app.send(paced_piece(&w, &id, 0, steady)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json()["offset"], 90_000);

    // A trickle: 30,000 bytes, then 10 bytes every 300 ms. Cut within about a window, with
    // the bytes that arrived kept and acknowledged.
    let mut trickle = vec![(0, work[90_000..120_000].to_vec())];
    trickle.extend(work[120_000..120_200].chunks(10).map(|c| (300, c.to_vec())));
    let started = std::time::Instant::now();
    let res = app.send(paced_piece(&w, &id, 90_000, trickle)).await;
    assert_eq!((res.status, error_msg(&res).await.as_str()), (StatusCode::SERVICE_UNAVAILABLE, "Network"));
    assert!(started.elapsed() < std::time::Duration::from_secs(3), "cut after {:?}, not when the body ended (6 s)", started.elapsed());
    let offset = app.request("GET", &format!("/uploads/{id}"), &w.parent, &[], Vec::new()).await.json()["offset"].as_u64().unwrap() as usize;
    assert!((120_000..120_200).contains(&offset), "what arrived before the cut is kept: {offset}");
    let pieces: Vec<(i64, i64)> = sqlx::query_as("SELECT start_at, length FROM upload_piece ORDER BY start_at").fetch_all(&app.sql).await.unwrap();
    assert_eq!(pieces, vec![(0, 90_000), (90_000, offset as i64 - 90_000)]);

    // The upload goes on from there and the file is byte-identical.
    let done = piece(app, &w.parent, &id, offset, &work[offset..]).await;
    assert_eq!(done.json()["done"], true, "{}", done.body);
    let file_id = done.json()["file"]["id"].as_str().unwrap().to_owned();
    assert_eq!(hex::encode(Sha256::digest(&app.get(&format!("/files/{file_id}"), &w.parent).await.bytes)), sha);

    // The same pace holds for any body: a server function's form trickled in is cut too.
    let slow_form: Vec<(u64, Vec<u8>)> = b"email=a%40b.kz&password=x".chunks(1).map(|c| (300, c.to_vec())).collect();
    let req = http::Request::builder()
        .method("POST")
        .uri("/api/login")
        .header("sec-fetch-site", "same-origin")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from_stream(futures_util::StreamExt::then(futures_util::stream::iter(slow_form), |(ms, b)| async move {
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            Ok::<_, std::io::Error>(b)
        })))
        .unwrap();
    let started = std::time::Instant::now();
    let res = app.send(req).await;
    assert_ne!(res.status, StatusCode::OK);
    assert!(started.elapsed() < std::time::Duration::from_secs(3), "a trickled form is cut: {:?} ({})", started.elapsed(), res.status);
}

#[tokio::test]
async fn an_upload_cut_half_way_keeps_what_arrived_shows_nothing_and_resumes_byte_identical() {
    let w = world().await;
    let app = &w.app;
    let entry = new_entry(&w, &w.tale, "Үзілген").await;
    let work = pdf(1_000_000);
    let sha = hex::encode(Sha256::digest(&work));
    let started = begin(app, &w.parent, &entry, "ertegi.pdf", work.len(), Some(&sha)).await;
    assert_eq!(started.status, StatusCode::CREATED);
    let id = started.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(piece(app, &w.parent, &id, 0, &work[..400_000]).await.json()["offset"], 400_000);

    // The connection drops in the middle of the next piece.
    let half: Vec<Result<Vec<u8>, std::io::Error>> = vec![Ok(work[400_000..500_000].to_vec()), Err(std::io::Error::other("reset"))];
    let body = axum::body::Body::from_stream(futures_util::stream::iter(half));
    let req = http::Request::builder()
        .method("PATCH")
        .uri(format!("/uploads/{id}"))
        .header("sec-fetch-site", "same-origin")
        .header("upload-offset", "400000")
        .header("cookie", format!("baiqau_session={}", w.parent.session.clone().unwrap()))
        .body(body)
        .unwrap();
    let res = app.send(req).await;
    assert_ne!(res.status, StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_file").await, 0);
    let page = app.get(&format!("/entries/{entry}"), &w.parent).await;
    assert!(page.select_text(".files .file-name").is_empty());
    assert_eq!(page.select_text(".unfinished-upload").len(), 1);

    // The browser asks where to go on from: the 100,000 bytes that arrived before the cut
    // are kept, so nothing that reached the server is sent twice.
    let status = app.request("GET", &format!("/uploads/{id}"), &w.parent, &[], Vec::new()).await;
    assert_eq!(status.json()["offset"], 500_000);
    let pieces: Vec<(i64, i64)> = sqlx::query_as("SELECT start_at, length FROM upload_piece ORDER BY start_at").fetch_all(&app.sql).await.unwrap();
    assert_eq!(pieces, vec![(0, 400_000), (400_000, 100_000)]);
    assert_eq!(app.stored_keys(&format!("uploads/{id}")).await.len(), 2);
    // A piece from the wrong place is refused, not glued on.
    assert_eq!(piece(app, &w.parent, &id, 400_000, &work[400_000..]).await.status, StatusCode::CONFLICT);
    let done = piece(app, &w.parent, &id, 500_000, &work[500_000..]).await;
    assert_eq!(done.json()["done"], true, "{}", done.body);
    let file_id = done.json()["file"]["id"].as_str().unwrap().to_owned();
    let download = app.get(&format!("/files/{file_id}"), &w.parent).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(hex::encode(Sha256::digest(&download.bytes)), sha);
    assert_eq!(app.count("SELECT COUNT(*) FROM upload WHERE file_public_id IS NULL").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM upload_piece").await, 0);
    assert!(app.stored_keys("uploads").await.is_empty(), "the pieces are gone once the file is made");
    // The last piece again (its answer was lost): the same file, not a second one.
    let again = piece(app, &w.parent, &id, 1_000_000, &[]).await;
    assert_eq!((again.json()["done"].clone(), again.json()["file"]["id"].clone()), (serde_json::json!(true), serde_json::json!(file_id)));
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_file").await, 1);

    // A client that announces one digest and sends other bytes gets a clear refusal.
    let started = begin(app, &w.parent, &entry, "x.pdf", 10_000, Some(&sha)).await;
    let id = started.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(error_msg(&piece(app, &w.parent, &id, 0, &pdf(10_000)).await).await, "ErrFileDamaged");
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_file").await, 1);
}

#[tokio::test]
async fn hostile_file_names_are_display_text_with_valid_downloads() {
    let w = world().await;
    let app = &w.app;
    sqlx::query("UPDATE nomination SET max_files = 20").execute(&app.sql).await.unwrap();
    let entry = new_entry(&w, &w.tale, "Аттар").await;
    let long = format!("{}.pdf", "ж".repeat(1_000));
    let names = [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\app.db", "app.db"),
        ("%2e%2e%2f", "%2e%2e%2f"),
        ("/etc/shadow.pdf", "shadow.pdf"),
        ("a\u{0}b.pdf", "ab.pdf"),
        ("evil\u{202E}fdp.exe", "evilfdp.exe"),
        ("CON.pdf", "CON.pdf"),
        ("", "file.pdf"),
        ("...", "file.pdf"),
        ("Жұмыс №1 «финал».pdf", "Жұмыс №1 «финал».pdf"),
    ];
    for (i, (raw, shown)) in names.iter().enumerate() {
        let bytes = pdf(1_000 + i);
        let res = upload(app, &w.parent, &entry, raw, &bytes).await;
        assert_eq!(res.status, StatusCode::OK, "{raw:?}: {}", res.body);
        assert_eq!(res.json()["file"]["name"], *shown, "{raw:?}");
        let id = res.json()["file"]["id"].as_str().unwrap().to_owned();
        let dl = app.get(&format!("/files/{id}"), &w.parent).await;
        assert_eq!(dl.bytes, bytes);
        assert_eq!(dl.header("content-type"), Some("application/pdf"));
        assert_eq!(dl.header("x-content-type-options"), Some("nosniff"));
        assert!(dl.header("content-security-policy").unwrap().contains("sandbox"));
        // Embeddable by this site's pages only (the judge's PDF viewer), never by another.
        assert_eq!(dl.header("x-frame-options"), Some("SAMEORIGIN"));
        assert!(dl.header("content-security-policy").unwrap().contains("frame-ancestors 'self'"));
        let cd = dl.header("content-disposition").unwrap();
        assert!(cd.starts_with("inline; filename=\"") && cd.contains("filename*=UTF-8''"), "{cd}");
        // Saved to disk, it opens as what it is: `evilfdp.exe` goes out as `evilfdp.exe.pdf`.
        assert!(cd.ends_with(".pdf") && cd.split("\"; ").next().unwrap().ends_with(".pdf"), "{cd}");
    }
    let res = upload(app, &w.parent, &entry, &long, &pdf(999)).await;
    let shown = res.json()["file"]["name"].as_str().unwrap().to_owned();
    assert_eq!(shown.chars().count(), app::domain::file::MAX_NAME_CHARS);
    // Stored only under generated names: nothing in the store is named after the uploader's
    // words (works under blobs/, their blind copies under clean/, both by digest).
    assert_eq!(app.stored_keys("blobs").await.len(), names.len() + 1);
    for key in app.stored_keys("").await {
        let name = key.strip_prefix("blobs/").or_else(|| key.strip_prefix("clean/")).unwrap().split_once('/').unwrap().1;
        assert!(name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
    }
    // The page shows the names as text.
    let page = app.get(&format!("/entries/{entry}"), &w.parent).await;
    assert!(page.select_text(".file-name").contains(&"Жұмыс №1 «финал».pdf".to_owned()));
}

#[tokio::test]
async fn a_jpeg_with_gps_gets_an_upright_thumbnail_without_metadata() {
    let w = world().await;
    let app = &w.app;
    let entry = new_entry(&w, &w.drawing, "Портрет").await;
    let photo = jpeg_with_exif(300, 200);
    assert!(photo.windows(9).any(|x| x == b"SECRETCAM"));
    let res = upload(app, &w.parent, &entry, "IMG_0001.JPG", &photo).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let id = res.json()["file"]["id"].as_str().unwrap().to_owned();
    // Made in the background: wait for it.
    let mut state = String::new();
    for _ in 0..200 {
        state = sqlx::query_scalar("SELECT thumb_state FROM blob").fetch_one(&app.sql).await.unwrap();
        if state != "pending" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(state, "ready");
    let thumb = app.get(&format!("/files/{id}/thumb"), &w.parent).await;
    assert_eq!(thumb.status, StatusCode::OK);
    assert_eq!(thumb.header("content-type"), Some("image/jpeg"));
    let b = &thumb.bytes;
    assert!(!b.windows(4).any(|x| x == b"Exif"), "no EXIF block");
    assert!(!b.windows(9).any(|x| x == b"SECRETCAM"), "no camera make");
    assert!(!b.windows(2).any(|x| x == [0xFF, 0xE1]), "no APP1 segment");
    let img = image::load_from_memory(b).unwrap();
    // 300 × 200 turned upright by orientation 6 becomes portrait.
    assert_eq!((img.width(), img.height()), (200, 300));
    let page = app.get(&format!("/entries/{entry}"), &w.parent).await;
    assert_eq!(page.select_attr(".files img.thumb", "src"), vec![format!("/files/{id}/thumb")]);
    // The original is kept as sent, camera and orientation included, but without its
    // location: the GPS directory (at 67 in the TIFF, which starts at 12) is empty.
    let original = app.get(&format!("/files/{id}"), &w.parent).await;
    let b = &original.bytes;
    assert_eq!(b.len(), photo.len());
    assert_eq!(&photo[12 + 67..12 + 69], &[0, 1], "the fixture has one GPS entry");
    assert_eq!(&b[12 + 67..12 + 69 + 12], &[0u8; 14][..], "no GPS entry left");
    assert!(b.windows(9).any(|x| x == b"SECRETCAM"), "the camera stays in the original");
    assert_eq!(&b[..12 + 67], &photo[..12 + 67], "everything before it is as sent");
    assert_eq!(&b[12 + 69 + 16..], &photo[12 + 69 + 16..], "and everything after it");
    let stored: String = sqlx::query_scalar("SELECT sha256 FROM blob").fetch_one(&app.sql).await.unwrap();
    assert_eq!(stored, hex::encode(sha2::Sha256::digest(b)), "stored under the digest of what is kept");
}

/// Two draft tales by two children, and a PDF's bytes; the first tale has the PDF as its
/// file (its public id).
async fn two_tales_one_file(w: &crate::submissions::World) -> (String, String, Vec<u8>, String) {
    let app = &w.app;
    let a = new_entry(w, &w.tale, "А").await;
    let second_child = add_participant(app, &w.parent, "Дана", "2017-01-01", true).await;
    ok(&create_entry(app, &w.parent, &w.contest, &second_child, &w.tale, "Б", "b").await);
    let b = last_entry(app).await;
    let same = pdf(3_000);
    let fa = upload(app, &w.parent, &a, "same.pdf", &same).await.json()["file"]["id"].as_str().unwrap().to_owned();
    (a, b, same, fa)
}

#[tokio::test]
async fn deleting_a_file_removes_its_bytes_only_when_nothing_else_uses_them() {
    let w = world().await;
    let app = &w.app;
    let (a, b, same, fa) = two_tales_one_file(&w).await;
    let fb = upload(app, &w.parent, &b, "same.pdf", &same).await.json()["file"]["id"].as_str().unwrap().to_owned();
    assert_eq!(app.count("SELECT COUNT(*) FROM blob").await, 1);
    assert_eq!(app.stored_keys("blobs").await.len(), 1);
    ok(&app.call("delete_entry_file", &[("entry", &a), ("file", &fa)], &w.parent).await);
    assert_eq!(app.stored_keys("blobs").await.len(), 1, "still used by the other entry");
    ok(&app.call("delete_entry_file", &[("entry", &b), ("file", &fb)], &w.parent).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM blob").await, 0);
    assert_eq!(app.stored_keys("").await, Vec::<String>::new());
}

/// The same bytes removed by one request while another records them: the file deleted last
/// holds its bytes' removal until it can tell that no other request recorded them again
/// (`BlobHold`). Here the other request holds the bytes (as an upload that found them in the
/// store does until its row is written), records them for another entry while the removal
/// waits, and lets go: the bytes stay, and the new file downloads whole.
#[tokio::test]
async fn bytes_recorded_again_while_their_last_file_is_deleted_are_kept() {
    let w = world().await;
    let app = &w.app;
    let (a, b, same, fa) = two_tales_one_file(&w).await;
    let sha = hex::encode(Sha256::digest(&same));
    let b_id: i64 = sqlx::query_scalar("SELECT entry_id FROM entry WHERE public_id = $1").bind(&b).fetch_one(&app.sql).await.unwrap();
    // The other request: it found the bytes in the store and holds them.
    let hold = app::service::entries::BlobHold::take(&app.state, &sha, "the other request").await.unwrap();
    let delete = async { app.call("delete_entry_file", &[("entry", &a), ("file", &fa)], &w.parent).await };
    let other = async {
        // The deletion has dropped the bytes' row and waits to remove them.
        while app.count("SELECT COUNT(*) FROM blob").await != 0 {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        let blob = app::backend::db::files::NewBlob { sha256: &sha, size: same.len() as i64, mime: "application/pdf", kind: "pdf", dims: None };
        app::backend::db::files::attach_file(&app.state.db, app::domain::ids::EntryId(b_id), "file-of-b", "same.pdf", &blob, None, 1_800_000_000).await.unwrap();
        drop(hold);
    };
    let (deleted, ()) = tokio::join!(delete, other);
    ok(&deleted);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_file").await, 1);
    assert_eq!(app.stored_keys("blobs").await.len(), 1, "the bytes recorded again are kept");
    let res = app.get("/files/file-of-b", &w.parent).await;
    assert_eq!((res.status, res.bytes.len()), (StatusCode::OK, same.len()));
    assert_eq!(&res.bytes[..], &same[..]);
    // With nobody recording them again, deleting the last file removes them.
    ok(&app.call("delete_entry_file", &[("entry", &b), ("file", "file-of-b")], &w.parent).await);
    assert_eq!(app.stored_keys("").await, Vec::<String>::new());
}

/// Two instances on one database and one store, as behind a load balancer without sticky
/// sessions: the pieces of one upload alternate between them; the instance that acknowledged
/// the last byte "dies" while putting the file together (its lease stays), and after the
/// lease runs out the other finishes it byte for byte; the last piece repeated is answered
/// with the same file. Pieces nobody recorded are swept from the store, live ones are not.
#[tokio::test]
async fn an_uploads_pieces_go_to_any_instance_and_a_dead_finisher_is_taken_over() {
    let w = world().await;
    let a = &w.app;
    let b = a.another_instance().await;
    let entry = new_entry(&w, &w.tale, "Екі сервер").await;
    let work = pdf(1_000_000);
    let sha = hex::encode(Sha256::digest(&work));
    let id = begin(a, &w.parent, &entry, "екеуі.pdf", work.len(), Some(&sha)).await.json()["id"].as_str().unwrap().to_owned();
    for (i, at) in (0..800_000).step_by(200_000).enumerate() {
        let on = if i % 2 == 0 { a } else { &b };
        assert_eq!(piece(on, &w.parent, &id, at, &work[at..at + 200_000]).await.json()["offset"], at + 200_000);
    }
    // Both see the same place to go on from.
    for on in [a, &b] {
        assert_eq!(on.request("GET", &format!("/uploads/{id}"), &w.parent, &[], Vec::new()).await.json()["offset"], 800_000);
    }
    // A piece sent twice (the first answer lost): the second is out of step, not glued on.
    assert_eq!(piece(&b, &w.parent, &id, 600_000, &work[600_000..800_000]).await.status, StatusCode::CONFLICT);
    // An instance took the last piece and died putting the file together: its lease holds.
    sqlx::query("INSERT INTO lease (name, holder, expires_at) VALUES ($1, 'dead-instance', $2)")
        .bind(format!("upload:{id}"))
        .bind(a.state.now() + 900)
        .execute(&a.sql)
        .await
        .unwrap();
    let last = piece(&b, &w.parent, &id, 800_000, &work[800_000..]).await;
    assert_eq!(last.status, StatusCode::CONFLICT, "{}", last.body);
    assert_eq!(a.request("GET", &format!("/uploads/{id}"), &w.parent, &[], Vec::new()).await.json()["offset"], 1_000_000);
    assert_eq!(piece(a, &w.parent, &id, 1_000_000, &[]).await.status, StatusCode::CONFLICT, "still leased");
    assert_eq!(a.count("SELECT COUNT(*) FROM entry_file").await, 0);
    // The lease runs out: the browser's next try finishes it on the other instance.
    a.clock.advance(901);
    let done = piece(a, &w.parent, &id, 1_000_000, &[]).await;
    assert_eq!(done.json()["done"], true, "{}", done.body);
    let file_id = done.json()["file"]["id"].as_str().unwrap().to_owned();
    let download = b.get(&format!("/files/{file_id}"), &w.parent).await;
    assert_eq!(hex::encode(Sha256::digest(&download.bytes)), sha, "byte-identical from the other instance");
    let again = piece(&b, &w.parent, &id, 1_000_000, &[]).await;
    assert_eq!(again.json()["file"]["id"], file_id.as_str());
    assert_eq!(a.count("SELECT COUNT(*) FROM entry_file").await, 1);
    assert_eq!(a.count("SELECT COUNT(*) FROM upload_piece").await, 0);
    assert!(a.stored_keys("uploads").await.is_empty());
    assert!(files_on_disk(a, "uploads").is_empty() && files_on_disk(&b, "uploads").is_empty(), "no local copy left on either");

    // Housekeeping: a piece stored by an instance that died before recording it, under an
    // upload that is gone, is removed once settled; the pieces of a live upload stay.
    let live = begin(a, &w.parent, &entry, "live.pdf", 300_000, None).await.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(piece(a, &w.parent, &live, 0, &pdf(300_000)[..100_000]).await.status, StatusCode::OK);
    a.state.storage.put_bytes("uploads/ghost/0000000000000000-x", vec![1, 2, 3]).await.unwrap();
    server::uploads::sweep_stale(&a.state).await;
    assert_eq!(a.stored_keys("uploads").await.len(), 2, "an hour must pass first");
    let wall = i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()).unwrap();
    server::uploads::sweep_orphan_pieces(&a.state, wall + 5).await;
    let left = a.stored_keys("uploads").await;
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(&format!("uploads/{live}/")), "{left:?}");
}

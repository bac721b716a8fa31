//! The file store's two back ends, the same checks on each: a directory on this machine and
//! the tests' own Garage (real S3-compatible storage, a prefix per test). Storing a file
//! larger than one multipart part, reading ranges, listing by whole segments, deleting; then
//! works served through the router from whichever store this run uses: ranges, `304`,
//! `416`, `HEAD`, and strangers refused.

use crate::submissions::{new_entry, world};
use crate::uploads::{pdf, upload};
use app::backend::storage::{self, BlobStore};
use baiqau_tests::{Jar, garage};
use futures_util::StreamExt as _;
use http::StatusCode;
use sha2::{Digest, Sha256};
use std::sync::Arc;

async fn collect(store: &dyn BlobStore, key: &str, range: std::ops::Range<u64>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut s = store.stream(key, range).await.unwrap();
    while let Some(b) = s.next().await {
        out.extend_from_slice(&b.unwrap());
    }
    out
}

async fn exercise(store: Arc<dyn BlobStore>, scratch: &std::path::Path) {
    let what = store.describe();
    // 20 MB: more than two multipart parts on S3.
    let big = pdf(20 * 1024 * 1024 + 123);
    let sha = hex::encode(Sha256::digest(&big));
    let local = scratch.join("big.part");
    std::fs::write(&local, &big).unwrap();
    let key = storage::blob_key(&sha);
    store.put_file(&key, &local).await.unwrap();
    assert!(!local.exists(), "{what}: the local file moved in");
    assert_eq!(store.size(&key).await.unwrap(), Some(big.len() as u64), "{what}");
    assert!(store.exists(&key).await.unwrap());
    assert_eq!(collect(store.as_ref(), &key, 0..big.len() as u64).await, big, "{what}: whole");
    assert_eq!(collect(store.as_ref(), &key, 10..20).await, big[10..20], "{what}: a range");
    let tail = big.len() as u64 - 5;
    assert_eq!(collect(store.as_ref(), &key, tail..big.len() as u64).await, big[big.len() - 5..], "{what}: the end");
    assert_eq!(collect(store.as_ref(), &key, 9 * 1024 * 1024 - 3..9 * 1024 * 1024 + 3).await, big[9 * 1024 * 1024 - 3..9 * 1024 * 1024 + 3], "{what}: across parts");

    // Small objects, and what is not there.
    store.put_bytes("thumbs/ab/x.jpg", b"thumb".to_vec()).await.unwrap();
    store.put_bytes("thumbs/ab/x.jpg", b"thumb2".to_vec()).await.unwrap();
    assert_eq!(store.read("thumbs/ab/x.jpg").await.unwrap(), b"thumb2", "{what}: replaced whole");
    assert_eq!(store.size("thumbs/ab/none.jpg").await.unwrap(), None, "{what}");
    assert!(!store.exists("thumbs/ab/none.jpg").await.unwrap());
    assert_eq!(store.read("thumbs/ab/none.jpg").await.unwrap_err().kind(), std::io::ErrorKind::NotFound, "{what}");

    // Listing by whole segments, sorted, with sizes.
    let listed = store.list("").await.unwrap();
    assert_eq!(listed.iter().map(|o| (o.key.as_str(), o.size)).collect::<Vec<_>>(), vec![(key.as_str(), big.len() as u64), ("thumbs/ab/x.jpg", 6)], "{what}");
    assert_eq!(store.list("thumbs").await.unwrap().len(), 1, "{what}");
    assert!(store.list("thumb").await.unwrap().is_empty(), "{what}: `thumb` is not `thumbs`");
    let now = i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()).unwrap();
    assert!(listed.iter().all(|o| (now - o.modified).abs() < 600), "{what}: modification times are the store's clock");

    // Deleting: the object goes, a second delete is no error.
    store.delete(&key).await.unwrap();
    store.delete(&key).await.unwrap();
    assert_eq!(store.size(&key).await.unwrap(), None);
    store.delete("thumbs/ab/x.jpg").await.unwrap();
    assert!(store.list("").await.unwrap().is_empty(), "{what}");
}

#[tokio::test]
async fn a_directory_and_garage_store_read_list_and_delete_alike() {
    let scratch = tempfile::tempdir().unwrap();
    let local = storage::open(Some(&scratch.path().join("store").display().to_string()), scratch.path()).unwrap();
    exercise(local, scratch.path()).await;
    let s3 = storage::open(Some(&garage::cluster().fresh_url()), scratch.path()).unwrap();
    assert!(s3.describe().starts_with("s3://baiqau-tests/t"), "{}", s3.describe());
    exercise(s3, scratch.path()).await;
}

#[tokio::test]
async fn a_wrong_key_or_an_unreachable_store_stops_the_start_with_a_reason() {
    let g = garage::cluster();
    let wrong = format!("s3://{}:{}@{}/x?endpoint=http://127.0.0.1:{}&region=garage", g.key_id, "0".repeat(64), g.bucket, g.s3_port);
    let dir = tempfile::tempdir().unwrap();
    let mut config = app::backend::Config::for_data_dir(dir.path().to_path_buf());
    config.storage_url = Some(wrong);
    let options = leptos::prelude::LeptosOptions::builder().output_name("baiqau").site_root("target/site").build();
    let clock = Arc::new(app::backend::clock::FixedClock::at(baiqau_tests::T0));
    let err = server::build_state(config.clone(), options.clone(), clock.clone()).await.err().expect("refused");
    let text = format!("{err:#}");
    assert!(text.starts_with("cannot reach the file store, s3://baiqau-tests/x at http://127.0.0.1:"), "{text}");
    assert!(!text.contains(&"0".repeat(64)), "the secret is never printed: {text}");
    config.storage_url = Some("s3://baiqau-tests?endpoint=http://127.0.0.1:9&region=garage".into());
    let err = server::build_state(config, options, clock).await.err().expect("refused");
    assert!(format!("{err:#}").starts_with("cannot reach the file store"), "{err:#}");
}

/// Served from this run's store (a directory on SQLite, Garage on PostgreSQL): one range as
/// asked, the end of the file, a range past the end refused, a copy the browser holds not
/// sent again, `HEAD` without a body, and nothing at all for a stranger.
#[tokio::test]
async fn works_are_served_from_the_store_with_ranges_to_those_allowed_only() {
    let w = world().await;
    let app = &w.app;
    let entry = new_entry(&w, &w.tale, "Ауқым").await;
    let work = pdf(300_000);
    let sha = hex::encode(Sha256::digest(&work));
    let id = upload(app, &w.parent, &entry, "ауқым.pdf", &work).await.json()["file"]["id"].as_str().unwrap().to_owned();
    let url = format!("/files/{id}");
    let whole = app.get(&url, &w.parent).await;
    assert_eq!(whole.status, StatusCode::OK);
    assert_eq!(whole.bytes, work);
    assert_eq!(whole.header("accept-ranges"), Some("bytes"));
    assert_eq!(whole.header("content-length"), Some("300000"));
    let etag = format!("\"{sha}\"");
    assert_eq!(whole.header("etag"), Some(etag.as_str()));
    let part = app.request("GET", &url, &w.parent, &[("range", "bytes=1000-1999")], Vec::new()).await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.header("content-range"), Some("bytes 1000-1999/300000"));
    assert_eq!(part.bytes, work[1000..2000]);
    let end = app.request("GET", &url, &w.parent, &[("range", "bytes=-10")], Vec::new()).await;
    assert_eq!((end.status, end.bytes.as_slice()), (StatusCode::PARTIAL_CONTENT, &work[299_990..]));
    let past = app.request("GET", &url, &w.parent, &[("range", "bytes=300000-")], Vec::new()).await;
    assert_eq!(past.status, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(past.header("content-range"), Some("bytes */300000"));
    // A range for other content than the browser started with: the whole file.
    let changed = app.request("GET", &url, &w.parent, &[("range", "bytes=0-9"), ("if-range", "\"other\"")], Vec::new()).await;
    assert_eq!((changed.status, changed.bytes.len()), (StatusCode::OK, 300_000));
    let held = app.request("GET", &url, &w.parent, &[("if-none-match", &etag)], Vec::new()).await;
    assert_eq!((held.status, held.bytes.len()), (StatusCode::NOT_MODIFIED, 0));
    // Sent as stored, whole or in part, whatever the browser would accept: a compressed
    // stream's byte range would mean nothing.
    for (headers, len) in [(&[("accept-encoding", "br, gzip")][..], 300_000), (&[("accept-encoding", "br, gzip"), ("range", "bytes=0-9")][..], 10)] {
        let res = app.request("GET", &url, &w.parent, headers, Vec::new()).await;
        assert_eq!((res.header("content-encoding"), res.bytes.len()), (None, len));
    }
    let head = app.request("HEAD", &url, &w.parent, &[], Vec::new()).await;
    assert_eq!((head.status, head.header("content-length"), head.bytes.len()), (StatusCode::OK, Some("300000"), 0));
    // The same headers as ever: its type, no sniffing, a sandbox.
    assert_eq!(part.header("content-type"), Some("application/pdf"));
    assert_eq!(part.header("x-content-type-options"), Some("nosniff"));
    assert!(part.header("content-security-policy").unwrap().contains("sandbox"));
    // Strangers, signed in or not, ranges or not: as if there were no such file.
    let stranger = app.register("stranger@mail.kz", "Бөгде", "long enough password 1").await;
    for jar in [&stranger, &Jar::default()] {
        for headers in [&[][..], &[("range", "bytes=0-9")][..]] {
            let res = app.request("GET", &url, jar, headers, Vec::new()).await;
            assert_eq!((res.status, res.bytes.len()), (StatusCode::NOT_FOUND, 0));
        }
    }
}

/// `baiqau copy --files-from DIR --files-to s3://…`: every object but upload pieces, read
/// back from the target and checked; a work whose bytes do not match its name stops the copy.
#[tokio::test]
async fn files_move_from_a_directory_into_a_bucket_and_back_checked_by_sha256() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = storage::open(Some(&scratch.path().join("store").display().to_string()), scratch.path()).unwrap();
    let works: Vec<Vec<u8>> = (0..3).map(|i| pdf(10_000 + i * 7_000)).collect();
    for w in &works {
        dir.put_bytes(&storage::blob_key(&hex::encode(Sha256::digest(w))), w.clone()).await.unwrap();
    }
    dir.put_bytes("posters/p1.png", b"png".to_vec()).await.unwrap();
    dir.put_bytes("documents/D-1.pdf", b"%PDF-doc".to_vec()).await.unwrap();
    dir.put_bytes("uploads/u1/0000000000000000-x", b"piece".to_vec()).await.unwrap();
    let bucket = storage::open(Some(&garage::cluster().fresh_url()), scratch.path()).unwrap();
    let copied = app::service::transfer::copy_objects(dir.as_ref(), bucket.as_ref(), &scratch.path().join("staging")).await.unwrap();
    assert_eq!(copied.len(), 5, "{copied:?}");
    let keys: Vec<String> = bucket.list("").await.unwrap().into_iter().map(|o| o.key).collect();
    let mut expected: Vec<String> = dir.list("").await.unwrap().into_iter().map(|o| o.key).filter(|k| !k.starts_with("uploads/")).collect();
    expected.sort();
    assert_eq!(keys, expected, "everything but the upload pieces");
    for w in &works {
        let key = storage::blob_key(&hex::encode(Sha256::digest(w)));
        assert_eq!(bucket.read(&key).await.unwrap(), *w);
    }
    assert!(std::fs::read_dir(scratch.path().join("staging")).unwrap().next().is_none(), "no copy left behind");
    // And back into an empty directory.
    let back = storage::open(Some(&scratch.path().join("back").display().to_string()), scratch.path()).unwrap();
    assert_eq!(app::service::transfer::copy_objects(bucket.as_ref(), back.as_ref(), &scratch.path().join("staging")).await.unwrap(), copied);
    // A work damaged on disk: its bytes no longer have its name.
    let damaged = storage::blob_key(&hex::encode(Sha256::digest(&works[0])));
    std::fs::write(scratch.path().join("store").join(&damaged), b"rot").unwrap();
    let other = storage::open(Some(&garage::cluster().fresh_url()), scratch.path()).unwrap();
    let err = app::service::transfer::copy_objects(dir.as_ref(), other.as_ref(), &scratch.path().join("staging")).await.unwrap_err().to_string();
    assert!(err.starts_with(&format!("{damaged}: its bytes have SHA-256 ")) && err.ends_with("damaged in the source"), "{err}");
}

/// Posters kept in `DATA_DIR/posters` by earlier versions move into the store on the first
/// start, and are served from there.
#[tokio::test]
async fn posters_from_before_the_store_move_into_it_on_start() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("posters")).unwrap();
    std::fs::write(dir.path().join("posters/old1.png"), b"\x89PNG\r\n\x1a\nold").unwrap();
    std::fs::write(dir.path().join("posters/.half.part"), b"x").unwrap();
    let mut config = app::backend::Config::for_data_dir(dir.path().to_path_buf());
    if baiqau_tests::garage_storage() {
        config.storage_url = Some(garage::cluster().fresh_url());
    }
    let options = leptos::prelude::LeptosOptions::builder().output_name("baiqau").site_root("target/site").build();
    let state = server::build_state(config, options, Arc::new(app::backend::clock::FixedClock::at(baiqau_tests::T0))).await.unwrap();
    assert!(!dir.path().join("posters").exists());
    assert_eq!(state.storage.list("posters").await.unwrap().into_iter().map(|o| o.key).collect::<Vec<_>>(), vec!["posters/old1.png".to_owned()]);
    assert_eq!(state.storage.read("posters/old1.png").await.unwrap(), b"\x89PNG\r\n\x1a\nold");
}

//! Form bodies as the router reads them before a server function sees them: decoding agrees
//! with the WHATWG form decoder (the `form_urlencoded` crate), a NUL anywhere is seen, and an
//! unknown field is named.
#![no_main]

use app::endpoints::{form_pairs, has_nul, unknown_keys};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &str| {
    let ours = form_pairs(body);
    let theirs: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    assert_eq!(ours, theirs, "{body:?}");
    assert_eq!(has_nul(body), ours.iter().any(|(k, v)| k.contains('\0') || v.contains('\0')), "{body:?}");
    let allowed = ["title", "points"];
    let unknown = unknown_keys(body, &allowed);
    let expected: Vec<String> = ours.iter().map(|(k, _)| k.clone()).filter(|k| !allowed.contains(&k.split('[').next().unwrap_or(""))).collect();
    assert_eq!(unknown, expected, "{body:?}");
});

//! `Range` headers on a stored file: a part served is inside the file and never empty.
#![no_main]

use app::domain::file::{ByteRange, byte_range};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, u64)| {
    let (header, size) = input;
    match byte_range(Some(header), size) {
        ByteRange::Part(start, end) => assert!(start < end && end <= size, "{header:?} on {size} bytes gave {start}..{end}"),
        ByteRange::Unsatisfiable => assert!(size > 0, "{header:?}: an empty file is sent whole"),
        ByteRange::Whole => {}
    }
});

//! A judge's points as typed: whatever is accepted lies within the criterion's range and
//! step, and reads back the same when shown.
#![no_main]

use app::domain::judging::{format_halves, parse_points};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, u8, bool)| {
    let (raw, max, halves_allowed) = input;
    let max = u32::from(max);
    if let Ok(halves) = parse_points(raw, max, halves_allowed) {
        assert!(halves <= max * 2, "{raw:?} gave {halves} halves over a maximum of {max}");
        assert!(halves_allowed || halves % 2 == 0, "{raw:?} gave a half where none is allowed");
        let shown = format_halves(halves);
        assert_eq!(parse_points(&shown, max, halves_allowed), Ok(halves), "{raw:?} shown as {shown:?}");
        // The two decimal marks people type mean the same.
        assert_eq!(parse_points(&raw.replace(',', "."), max, halves_allowed), Ok(halves), "{raw:?}");
    }
});

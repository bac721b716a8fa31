//! The resumable upload's rules (`domain::resumable`, which `PATCH /uploads/{id}` follows)
//! driven by a client that sends pieces in order, replays old ones, jumps ahead, sends a
//! garbage offset, announces one length and sends another, is cut mid-piece, or races
//! itself, against a model of the file:
//! - the acknowledged offset never passes the size and only grows, by exactly the bytes
//!   kept; the kept pieces are contiguous from 0, so the assembled file is the file;
//! - a piece is never read past what remains, nor past the largest piece;
//! - the file is made once, when every byte is in, and nothing changes afterwards;
//! - an honest piece at the acknowledged offset is always taken.
#![no_main]

use app::domain::resumable::{After, Admit, MAX_CHUNK, Upload, admit, after};
use libfuzzer_sys::fuzz_target;

/// Reads the fuzzer's bytes as numbers, zero when they run out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        let Some((&b, rest)) = self.0.split_first() else { return 0 };
        self.0 = rest;
        b
    }
    fn u64(&mut self) -> u64 {
        (0..8).fold(0, |acc, _| (acc << 8) | u64::from(self.u8()))
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.u64() % n }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    // Sizes from empty to beyond any real file (an i64 near its end included).
    let size = match b.u8() % 4 {
        0 => b.below(64) as i64,
        1 => b.below(3 * MAX_CHUNK) as i64,
        2 => (b.u64() >> 1) as i64,
        _ => i64::MAX - b.below(16) as i64,
    };
    let mut u = Upload { size, received: 0, finished: false };
    let mut kept: Vec<(i64, i64)> = Vec::new();
    let mut made = 0;
    for _ in 0..64 {
        if b.0.is_empty() {
            break;
        }
        let kind = b.u8() % 7;
        let offset_text = match kind {
            1 => (b.below(u64::try_from(u.received).unwrap_or(0) + 1) as i64).to_string(), // a replay (or the right one)
            2 => u.received.saturating_add(1 + b.below(1 << 20) as i64).to_string(),         // ahead
            3 => ["", "x", "-1", "1e3", "٣", "18446744073709551616"][usize::from(b.u8() % 6)].to_owned(),
            _ => u.received.to_string(),
        };
        let sent = b.below(2 * MAX_CHUNK + 2); // bytes the client actually sends
        let announced = match kind {
            4 => Some(b.below(2 * MAX_CHUNK + 2)), // a lie
            _ if b.u8() % 2 == 0 => Some(sent),
            _ => None,
        };
        let before = u;
        let decision = admit(&u, Some(offset_text.as_str()).filter(|_| kind != 3 || b.u8() % 2 == 0), announced);
        if before.finished {
            assert_eq!(decision, Admit::AlreadyFinished);
            continue;
        }
        match decision {
            Admit::AlreadyFinished => panic!("not finished yet"),
            Admit::BadOffset => assert!(offset_text.trim().parse::<i64>().is_err() || kind == 3, "{offset_text:?}"),
            Admit::WrongOffset => assert_ne!(offset_text.trim().parse::<i64>().ok(), Some(u.received)),
            Admit::FinishNow => {
                assert_eq!(u.received, u.size, "made before every byte is in");
                u.finished = true;
                made += 1;
            }
            Admit::TooLarge => {
                let remaining = u64::try_from(u.size - u.received).unwrap();
                assert!(announced.is_some_and(|a| a > remaining.min(MAX_CHUNK)), "refused an announced {announced:?} of {remaining} remaining");
            }
            Admit::Read { limit } => {
                let remaining = u64::try_from(u.size - u.received).unwrap();
                assert!(limit >= 1 && limit <= remaining && limit <= MAX_CHUNK, "limit {limit}, remaining {remaining}");
                assert_eq!(offset_text.trim().parse::<i64>().ok(), Some(u.received));
                if sent > limit {
                    continue; // the server stops reading past the limit and keeps nothing
                }
                let cut = kind == 5 && sent > 0;
                let written = if cut { b.below(sent) } else { sent };
                match after(&u, written, cut) {
                    After::Nothing { cut: c } => assert!(written == 0 && c == cut),
                    After::Kept { offset, cut: c } => {
                        assert_eq!(c, cut);
                        assert!(offset < u.size || cut, "complete but not made");
                        kept.push((u.received, written as i64));
                        u.received = offset;
                    }
                    After::Complete { offset } => {
                        assert!(!cut && offset == u.size);
                        kept.push((u.received, written as i64));
                        u.received = offset;
                        u.finished = true;
                        made += 1;
                    }
                }
                if kind == 6 {
                    // The same piece again at once (a retry racing the first): refused.
                    assert!(matches!(admit(&u, Some(before.received.to_string().as_str()), announced), Admit::WrongOffset | Admit::AlreadyFinished) || written == 0);
                }
            }
        }
        assert!(u.received >= before.received && u.received <= u.size, "{before:?} → {u:?}");
        let mut at = 0;
        for &(start, len) in &kept {
            assert_eq!(start, at, "pieces are contiguous: {kept:?}");
            at += len;
        }
        assert_eq!(at, u.received, "the pieces add up to the offset");
    }
    assert!(made <= 1, "the file was made {made} times");
    assert_eq!(made == 1, u.finished);
});

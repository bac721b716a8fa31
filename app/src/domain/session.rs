//! Session lifetime rules.
//!
//! A session dies after `IDLE` without use or `ABSOLUTE` after it was created, whichever
//! comes first. `last_seen_at` is written at most once per `TOUCH_EVERY`, so reading pages
//! does not turn into a write per request.

use super::time::{DAY, MINUTE, UnixTime};

pub const IDLE: i64 = 14 * DAY;
pub const ABSOLUTE: i64 = 30 * DAY;
pub const TOUCH_EVERY: i64 = 5 * MINUTE;

pub fn expires_at(created_at: UnixTime) -> UnixTime {
    created_at + ABSOLUTE
}

pub fn is_live(created_at: UnixTime, last_seen_at: UnixTime, now: UnixTime) -> bool {
    now < created_at + ABSOLUTE && now < last_seen_at + IDLE
}

pub fn needs_touch(last_seen_at: UnixTime, now: UnixTime) -> bool {
    now - last_seen_at >= TOUCH_EVERY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_expires_at_idle_limit() {
        assert!(is_live(0, 0, IDLE - 1));
        assert!(!is_live(0, 0, IDLE));
    }

    #[test]
    fn session_expires_at_absolute_limit_even_when_used() {
        let now = ABSOLUTE - 1;
        assert!(is_live(0, now, now));
        assert!(!is_live(0, ABSOLUTE, ABSOLUTE));
    }

    #[test]
    fn touch_only_after_interval() {
        assert!(!needs_touch(100, 100 + TOUCH_EVERY - 1));
        assert!(needs_touch(100, 100 + TOUCH_EVERY));
    }
}

//! Login back-off per account (keyed by the normalised email, so unknown emails behave the
//! same as known ones and reveal nothing).
//!
//! The first `FREE_FAILURES` wrong passwords cost nothing; each later one doubles a lock,
//! from 30 seconds up to 15 minutes. A success clears the record. The lock is about the
//! account, not the address: a school behind one IP is never locked out by one pupil's typos.

use super::time::{MINUTE, UnixTime};

pub const FREE_FAILURES: i64 = 5;
const FIRST_LOCK: i64 = 30;
const MAX_LOCK: i64 = 15 * MINUTE;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct LoginThrottle {
    pub failures: i64,
    pub locked_until: UnixTime,
}

impl LoginThrottle {
    /// `Err(seconds to wait)` while locked.
    pub fn check(&self, now: UnixTime) -> Result<(), i64> {
        if now < self.locked_until { Err(self.locked_until - now) } else { Ok(()) }
    }

    pub fn after_failure(self, now: UnixTime) -> LoginThrottle {
        let failures = self.failures + 1;
        let locked_until = if failures > FREE_FAILURES {
            let exp = u32::try_from((failures - FREE_FAILURES - 1).min(10)).unwrap_or(10);
            now + (FIRST_LOCK << exp).min(MAX_LOCK)
        } else {
            0
        };
        LoginThrottle { failures, locked_until }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_are_free_then_lock_doubles_to_a_cap() {
        let mut t = LoginThrottle::default();
        for _ in 0..FREE_FAILURES {
            t = t.after_failure(1000);
            assert_eq!(t.check(1000), Ok(()));
        }
        t = t.after_failure(1000);
        assert_eq!(t.check(1000), Err(30));
        assert_eq!(t.check(1030), Ok(()));
        t = t.after_failure(1030);
        assert_eq!(t.check(1030), Err(60));
        for _ in 0..20 {
            t = t.after_failure(5000);
        }
        assert_eq!(t.check(5000), Err(MAX_LOCK));
    }
}

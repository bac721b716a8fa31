//! Time as the domain sees it: whole seconds since the Unix epoch, UTC.
//!
//! Storing integers keeps SQLite and PostgreSQL identical and comparisons exact.

/// Seconds since 1970-01-01T00:00:00Z.
pub type UnixTime = i64;

pub const MINUTE: i64 = 60;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;
/// Kazakhstan's offset from UTC (UTC+5 everywhere since 2024-03-01): how times are shown on
/// the pages and how a day typed into a filter is read.
pub const KAZAKHSTAN: i64 = 5 * HOUR;

/// Formats a UTC timestamp as `YYYY-MM-DD HH:MM` shifted by `offset_seconds`
/// (Kazakhstan is UTC+5 everywhere since 2024-03-01).
pub fn format_local(t: UnixTime, offset_seconds: i64) -> String {
    let local = t + offset_seconds;
    let days = local.div_euclid(DAY);
    let secs = local.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", secs / HOUR, (secs % HOUR) / MINUTE)
}

/// Converts days since the epoch to a proleptic Gregorian (year, month, day).
/// Howard Hinnant's public-domain algorithm, restated.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    // Day 1..=31 and month 1..=12 by construction.
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_local_epoch_in_almaty_is_five_in_the_morning() {
        assert_eq!(format_local(0, 5 * HOUR), "1970-01-01 05:00");
    }

    #[test]
    fn format_local_deadline_before_midnight_in_almaty() {
        // 2026-03-31T18:59:00Z is 23:59 in Asia/Almaty (UTC+5).
        assert_eq!(format_local(1_774_983_540, 5 * HOUR), "2026-03-31 23:59");
    }

    #[test]
    fn civil_from_days_handles_leap_day() {
        // 2024-02-29 is day 19782 since the epoch.
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}

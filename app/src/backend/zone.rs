//! Time zones (IANA names, from the tz database bundled by chrono-tz): local times typed by
//! admins become UTC seconds, and UTC seconds become local times for forms and pages.
//! Server-only, so the WASM carries no tz database: pages get UTC plus the offset.

use crate::domain::time::UnixTime;
use chrono::{LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

pub const DEFAULT_ZONE: &str = "Asia/Almaty";

/// Zones offered in the form, with their offset at `now`: Kazakhstan's, then neighbours'
/// (named by city in [`crate::i18n::dates::ZONES`]).
pub fn offered(now: UnixTime) -> Vec<(String, i32)> {
    crate::i18n::dates::ZONES.iter().filter_map(|z| parse_zone(z.0).ok().map(|tz| (z.0.to_owned(), offset_in(now, tz)))).collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ZoneError {
    #[error("unknown time zone")]
    UnknownZone,
    #[error("not a date and time")]
    BadDateTime,
    #[error("this local time does not exist (clocks moved forward)")]
    Gap,
}

pub fn parse_zone(name: &str) -> Result<Tz, ZoneError> {
    name.trim().parse::<Tz>().map_err(|_| ZoneError::UnknownZone)
}

/// `YYYY-MM-DDTHH:MM` (what `<input type="datetime-local">` sends; seconds optional) in
/// `zone` → UTC seconds. In an autumn overlap, the earlier instant is taken.
pub fn local_to_utc(input: &str, zone: &str) -> Result<UnixTime, ZoneError> {
    let tz = parse_zone(zone)?;
    let s = input.trim();
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .map_err(|_| ZoneError::BadDateTime)?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.timestamp()),
        LocalResult::Ambiguous(early, _) => Ok(early.timestamp()),
        LocalResult::None => Err(ZoneError::Gap),
    }
}

/// The zone's offset from UTC at instant `t`, in seconds (0 for an unknown zone).
pub fn offset_at(t: UnixTime, zone: &str) -> i32 {
    parse_zone(zone).map_or(0, |tz| offset_in(t, tz))
}

/// Like [`offset_at`], for a zone already parsed.
pub fn offset_in(t: UnixTime, tz: Tz) -> i32 {
    Utc.timestamp_opt(t, 0).single().map_or(0, |u| u.with_timezone(&tz).offset().fix().local_minus_utc())
}

/// UTC seconds → `YYYY-MM-DDTHH:MM` in `zone`, for a form's value.
pub fn utc_to_input(t: UnixTime, zone: &str) -> String {
    let offset = i64::from(offset_at(t, zone));
    let s = crate::domain::time::format_local(t, offset);
    s.replacen(' ', "T", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn almaty_deadline_before_midnight_is_18_59_59_utc() {
        assert_eq!(local_to_utc("2026-03-31T23:59:59", "Asia/Almaty"), Ok(1_774_983_599));
        assert_eq!(local_to_utc("2026-03-31T23:59", "Asia/Almaty"), Ok(1_774_983_540));
        assert_eq!(utc_to_input(1_774_983_540, "Asia/Almaty"), "2026-03-31T23:59");
    }

    #[test]
    fn almaty_moved_from_utc6_to_utc5_on_2024_03_01() {
        assert_eq!(offset_at(1_704_067_200, "Asia/Almaty"), 6 * 3600, "2024-01-01");
        assert_eq!(offset_at(1_717_200_000, "Asia/Almaty"), 5 * 3600, "2024-06-01");
    }

    #[test]
    fn bad_inputs_are_refused() {
        assert_eq!(local_to_utc("2026-02-30T10:00", "Asia/Almaty"), Err(ZoneError::BadDateTime));
        assert_eq!(local_to_utc("tomorrow", "Asia/Almaty"), Err(ZoneError::BadDateTime));
        assert_eq!(local_to_utc("2026-03-01T10:00", "Mars/Olympus"), Err(ZoneError::UnknownZone));
        // Europe/Berlin skips 02:00–03:00 on 2026-03-29.
        assert_eq!(local_to_utc("2026-03-29T02:30", "Europe/Berlin"), Err(ZoneError::Gap));
    }
}

//! Dates, times and time zones as a reader of each language writes them:
//! `10 желтоқсан 2026, 12:00`, `10 декабря 2026, 12:00`, `10 December 2026, 12:00`; the time
//! left or passed in words (`3 күн қалды`, `через 3 дня`, `3 days ago`); time zones by city.

use super::Lang;
use super::plural::{PluralCategory, plural_category};
use crate::domain::time::civil_from_days;

const KK_MONTHS: [&str; 12] = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"];
/// In the genitive, as a date is written: «10 декабря».
const RU_MONTHS: [&str; 12] = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];
const EN_MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const DAY: i64 = 86_400;

/// (year, month 1–12, day, hour, minute) of a UTC instant seen at `offset` seconds east.
fn parts(utc: i64, offset: i32) -> (i64, u32, u32, i64, i64) {
    let local = utc + i64::from(offset);
    let (y, m, d) = civil_from_days(local.div_euclid(DAY));
    let secs = local.rem_euclid(DAY);
    (y, m, d, secs / 3600, (secs % 3600) / 60)
}

/// `10 желтоқсан 2026` / `10 декабря 2026` / `10 December 2026`.
pub fn date(utc: i64, offset: i32, lang: Lang) -> String {
    let (y, m, d, _, _) = parts(utc, offset);
    let months = match lang {
        Lang::Kk => &KK_MONTHS,
        Lang::Ru => &RU_MONTHS,
        Lang::En => &EN_MONTHS,
    };
    let month = usize::try_from(m.saturating_sub(1)).ok().and_then(|i| months.get(i)).copied().unwrap_or("");
    format!("{d} {month} {y}")
}

/// `10 желтоқсан 2026, 12:00` (and the same pattern in Russian and English; 24-hour time).
pub fn date_time(utc: i64, offset: i32, lang: Lang) -> String {
    let (_, _, _, h, min) = parts(utc, offset);
    format!("{}, {h:02}:{min:02}", date(utc, offset, lang))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Day,
    Hour,
    Minute,
}

/// The unit's word after the number `n`: the nominative (`акк`: the accusative, which differs
/// only for Russian minutes: «через 1 минуту»), or Kazakh's ablative for «…нен кейін».
fn word(unit: Unit, n: u64, lang: Lang, form: Form) -> &'static str {
    let cat = plural_category(lang, n);
    match (lang, unit, form) {
        (Lang::Kk, Unit::Day, Form::Ablative) => "күннен",
        (Lang::Kk, Unit::Hour, Form::Ablative) => "сағаттан",
        (Lang::Kk, Unit::Minute, Form::Ablative) => "минуттан",
        (Lang::Kk, Unit::Day, _) => "күн",
        (Lang::Kk, Unit::Hour, _) => "сағат",
        (Lang::Kk, Unit::Minute, _) => "минут",
        (Lang::Ru, Unit::Day, _) => pick(cat, "день", "дня", "дней"),
        (Lang::Ru, Unit::Hour, _) => pick(cat, "час", "часа", "часов"),
        (Lang::Ru, Unit::Minute, Form::Accusative) => pick(cat, "минуту", "минуты", "минут"),
        (Lang::Ru, Unit::Minute, _) => pick(cat, "минута", "минуты", "минут"),
        (Lang::En, Unit::Day, _) => pick(cat, "day", "days", "days"),
        (Lang::En, Unit::Hour, _) => pick(cat, "hour", "hours", "hours"),
        (Lang::En, Unit::Minute, _) => pick(cat, "minute", "minutes", "minutes"),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Nominative,
    Accusative,
    Ablative,
}

fn pick(cat: PluralCategory, one: &'static str, few: &'static str, many: &'static str) -> &'static str {
    match cat {
        PluralCategory::One => one,
        PluralCategory::Few => few,
        PluralCategory::Many | PluralCategory::Other => many,
    }
}

/// The largest whole unit in `secs` (at least one minute): 3 days 5 hours is 3 days.
fn amount(secs: u64) -> (u64, Unit) {
    let secs = secs.max(60);
    if secs >= 86_400 {
        (secs / 86_400, Unit::Day)
    } else if secs >= 3600 {
        (secs / 3600, Unit::Hour)
    } else {
        (secs / 60, Unit::Minute)
    }
}

/// How far `at` is from `now`, in words: `3 күннен кейін` / `через 3 дня` / `in 3 days`, or
/// `3 күн бұрын` / `3 дня назад` / `3 days ago`; under a minute, `қазір` / `сейчас` / `now`.
pub fn relative(now: i64, at: i64, lang: Lang) -> String {
    let delta = at - now;
    if delta.abs() < 60 {
        return match lang {
            Lang::Kk => "қазір",
            Lang::Ru => "сейчас",
            Lang::En => "now",
        }
        .to_owned();
    }
    let (n, unit) = amount(delta.unsigned_abs());
    match (lang, delta > 0) {
        (Lang::Kk, true) => format!("{n} {} кейін", word(unit, n, lang, Form::Ablative)),
        (Lang::Kk, false) => format!("{n} {} бұрын", word(unit, n, lang, Form::Nominative)),
        (Lang::Ru, true) => format!("через {n} {}", word(unit, n, lang, Form::Accusative)),
        (Lang::Ru, false) => format!("{n} {} назад", word(unit, n, lang, Form::Accusative)),
        (Lang::En, true) => format!("in {n} {}", word(unit, n, lang, Form::Nominative)),
        (Lang::En, false) => format!("{n} {} ago", word(unit, n, lang, Form::Nominative)),
    }
}

/// The time left to a deadline: `3 күн қалды` / `осталось: 3 дня` / `3 days left`; `None`
/// once it has passed.
pub fn left(now: i64, deadline: i64, lang: Lang) -> Option<String> {
    let delta = deadline - now;
    if delta <= 0 {
        return None;
    }
    let (n, unit) = amount(delta.unsigned_abs());
    let w = word(unit, n, lang, Form::Nominative);
    Some(match lang {
        Lang::Kk => format!("{n} {w} қалды"),
        Lang::Ru => format!("осталось: {n} {w}"),
        Lang::En => format!("{n} {w} left"),
    })
}

/// The time zones offered to organisers, by city in kk, ru and en (IANA id first).
pub const ZONES: &[(&str, &str, &str, &str)] = &[
    ("Asia/Almaty", "Алматы", "Алматы", "Almaty"),
    ("Asia/Qostanay", "Қостанай", "Костанай", "Kostanay"),
    ("Asia/Aqtobe", "Ақтөбе", "Актобе", "Aktobe"),
    ("Asia/Aqtau", "Ақтау", "Актау", "Aktau"),
    ("Asia/Atyrau", "Атырау", "Атырау", "Atyrau"),
    ("Asia/Oral", "Орал", "Уральск", "Oral"),
    ("Asia/Qyzylorda", "Қызылорда", "Кызылорда", "Kyzylorda"),
    ("Asia/Tashkent", "Ташкент", "Ташкент", "Tashkent"),
    ("Asia/Bishkek", "Бішкек", "Бишкек", "Bishkek"),
    ("Europe/Moscow", "Мәскеу", "Москва", "Moscow"),
    ("UTC", "UTC", "UTC", "UTC"),
];

/// A zone's city in the reader's language; `None` for a zone not offered.
pub fn zone_city(id: &str, lang: Lang) -> Option<&'static str> {
    ZONES.iter().find(|z| z.0 == id).map(|z| match lang {
        Lang::Kk => z.1,
        Lang::Ru => z.2,
        Lang::En => z.3,
    })
}

/// `UTC+05:00`.
pub fn offset_label(offset: i32) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let m = offset.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// A zone named once per page: `Алматы (UTC+05:00)`; an unknown id by its offset only.
pub fn zone_name(id: &str, offset: i32, lang: Lang) -> String {
    match zone_city(id, lang) {
        Some("UTC") | None => offset_label(offset),
        Some(city) => format!("{city} ({})", offset_label(offset)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-10 12:00 in Almaty (UTC+5) is 07:00 UTC.
    const T: i64 = 1_796_886_000;
    const ALMATY: i32 = 5 * 3600;

    #[test]
    fn dates_read_as_each_language_writes_them() {
        assert_eq!(date_time(T, ALMATY, Lang::Kk), "10 желтоқсан 2026, 12:00");
        assert_eq!(date_time(T, ALMATY, Lang::Ru), "10 декабря 2026, 12:00");
        assert_eq!(date_time(T, ALMATY, Lang::En), "10 December 2026, 12:00");
        // The local day, not UTC's: 23:59 on 31 January in Almaty is still January.
        let jan31 = 1_801_421_940; // 2027-01-31 18:59 UTC
        assert_eq!(date_time(jan31, ALMATY, Lang::Ru), "31 января 2027, 23:59");
        assert_eq!(date_time(jan31, 0, Lang::En), "31 January 2027, 18:59");
        // A leap day, a single-digit day, a zone west of UTC crossing midnight back.
        assert_eq!(date(1_709_164_800, 0, Lang::Kk), "29 ақпан 2024");
        assert_eq!(date_time(1_717_200_000, 0, Lang::En), "1 June 2024, 00:00");
        assert_eq!(date_time(1_717_200_000, -3600, Lang::En), "31 May 2024, 23:00");
    }

    #[test]
    fn relative_times_count_in_words_with_the_right_forms() {
        let (day, hour, min) = (86_400, 3600, 60);
        assert_eq!(relative(0, 3 * day + 5 * hour, Lang::Kk), "3 күннен кейін");
        assert_eq!(relative(0, 3 * day, Lang::Ru), "через 3 дня");
        assert_eq!(relative(0, 21 * day, Lang::Ru), "через 21 день");
        assert_eq!(relative(0, 11 * day, Lang::Ru), "через 11 дней");
        assert_eq!(relative(0, min, Lang::Ru), "через 1 минуту");
        assert_eq!(relative(0, 2 * hour, Lang::En), "in 2 hours");
        assert_eq!(relative(5 * day, 0, Lang::Kk), "5 күн бұрын");
        assert_eq!(relative(2 * min, 0, Lang::Ru), "2 минуты назад");
        assert_eq!(relative(hour, 0, Lang::En), "1 hour ago");
        assert_eq!(relative(100, 130, Lang::En), "now");
        assert_eq!(left(0, 3 * day + 1, Lang::Kk).as_deref(), Some("3 күн қалды"));
        assert_eq!(left(0, day, Lang::Ru).as_deref(), Some("осталось: 1 день"));
        assert_eq!(left(0, 5 * min, Lang::Ru).as_deref(), Some("осталось: 5 минут"));
        assert_eq!(left(0, 1, Lang::En).as_deref(), Some("1 minute left"), "under a minute still says a minute");
        assert_eq!(left(0, 90 * min, Lang::En).as_deref(), Some("1 hour left"));
        assert_eq!(left(10, 10, Lang::En), None);
    }

    #[test]
    fn zones_are_named_by_city() {
        assert_eq!(zone_name("Asia/Almaty", ALMATY, Lang::Kk), "Алматы (UTC+05:00)");
        assert_eq!(zone_name("Asia/Oral", ALMATY, Lang::Ru), "Уральск (UTC+05:00)");
        assert_eq!(zone_name("Europe/Moscow", 3 * 3600, Lang::En), "Moscow (UTC+03:00)");
        assert_eq!(zone_name("UTC", 0, Lang::En), "UTC+00:00");
        assert_eq!(zone_name("America/St_Johns", -12_600, Lang::En), "UTC-03:30");
    }
}

//! Calendar dates (no time, no zone): dates of birth and age cut-off dates.
//!
//! Invariant: a `Date` is a real day of the proleptic Gregorian calendar between the years
//! 1900 and 2200, so a typo like 2015-02-30 or 201-05-01 never reaches the database.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a date (YYYY-MM-DD)")]
pub struct DateError;

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub const EPOCH: Date = Date { year: 1970, month: 1, day: 1 };

    /// The UTC calendar date of a Unix time.
    pub fn from_unix(t: i64) -> Date {
        let (y, m, d) = super::time::civil_from_days(t.div_euclid(86_400));
        Date::new(i32::try_from(y).unwrap_or(1970), m, d).unwrap_or(Date::EPOCH)
    }

    pub fn new(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        if !(1900..=2200).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError);
        }
        Ok(Date { year, month, day })
    }

    /// `YYYY-MM-DD`, as `<input type="date">` sends it.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let s = s.trim();
        let mut it = s.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (it.next(), it.next(), it.next()) else { return Err(DateError) };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(DateError);
        }
        let num = |t: &str| t.parse::<u32>().map_err(|_| DateError);
        Date::new(num(y)? as i32, num(m)?, num(d)?)
    }

    /// Days from 1970-01-01 to this date (negative before it): the inverse of
    /// `time::civil_from_days`, by the same public-domain algorithm run backwards.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Whole years from `birth` to `self`. Someone born on 29 February becomes a year older
    /// on 1 March in common years (their birthday has not come on 28 February).
    pub fn years_since(self, birth: Date) -> i32 {
        let mut years = self.year - birth.year;
        if (self.month, self.day) < (birth.month, birth.day) {
            years -= 1;
        }
        years
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_valid_and_invalid_dates() {
        assert_eq!(Date::parse("2024-02-29"), Ok(Date { year: 2024, month: 2, day: 29 }));
        for bad in ["2023-02-29", "2015-02-30", "2015-13-01", "2015-00-10", "201-05-01", "2015-5-1", "", "abcd-ef-gh", "1899-12-31"] {
            assert_eq!(Date::parse(bad), Err(DateError), "{bad}");
        }
        assert_eq!(Date::parse("1900-02-29"), Err(DateError), "1900 was not a leap year");
        assert_eq!(Date::parse("2000-02-29").map(|d| d.to_string()), Ok("2000-02-29".into()));
    }

    #[test]
    fn days_since_epoch_turns_back_into_the_same_date_across_two_centuries() {
        assert_eq!(Date::EPOCH.days_since_epoch(), 0);
        assert_eq!(Date::parse("2024-02-29").unwrap().days_since_epoch(), 19_782);
        assert_eq!(Date::parse("1969-12-31").unwrap().days_since_epoch(), -1);
        for day in -25_567..=84_000 {
            let (y, m, d) = super::super::time::civil_from_days(day);
            let date = Date::new(i32::try_from(y).unwrap(), m, d).unwrap();
            assert_eq!(date.days_since_epoch(), day, "{date}");
        }
    }

    #[test]
    fn years_since_counts_birthday_on_the_day() {
        let cutoff = Date::parse("2026-09-01").unwrap();
        assert_eq!(cutoff.years_since(Date::parse("2016-09-01").unwrap()), 10);
        assert_eq!(cutoff.years_since(Date::parse("2016-09-02").unwrap()), 9);
        assert_eq!(cutoff.years_since(Date::parse("2016-08-31").unwrap()), 10);
    }

    #[test]
    fn leap_day_child_ages_on_first_of_march_in_common_years() {
        let born = Date::parse("2016-02-29").unwrap();
        assert_eq!(Date::parse("2026-02-28").unwrap().years_since(born), 9);
        assert_eq!(Date::parse("2026-03-01").unwrap().years_since(born), 10);
        assert_eq!(Date::parse("2028-02-29").unwrap().years_since(born), 12);
    }
}

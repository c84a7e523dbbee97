//! Calendar dates (`2027-03-31`), as suppressions' `until` carries them. The core never reads the
//! clock: the caller passes today's date in [`crate::Options`].

use std::fmt;

use super::DomainError;

/// A proleptic Gregorian date, ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD`, a real day of a real month (`2027-02-29` is refused).
    pub fn parse(s: &str) -> Result<Date, DomainError> {
        let bad = || {
            DomainError::new(format!("`{s}` is not a date")).help("write the date as YYYY-MM-DD, like \"2027-03-31\"")
        };
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = s.get(r)?;
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else { return Err(bad()) };
        if !(1..=12).contains(&month) || year == 0 {
            return Err(bad());
        }
        let date = Date { year, month: month as u8, day: day as u8 };
        if day == 0 || day > u16::from(date.days_in_month()) {
            return Err(DomainError::new(format!("`{s}` is not a day of that month")).help(format!(
                "{}-{:02} has {} days",
                year,
                month,
                date.days_in_month()
            )));
        }
        Ok(date)
    }

    /// The civil date `days` days after 1970-01-01 (Howard Hinnant's algorithm), for callers that
    /// hold a Unix timestamp.
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// Days from `other` to `self` (negative when `self` is earlier).
    pub fn days_since(self, other: Date) -> i64 {
        self.unix_days() - other.unix_days()
    }

    /// Days since 1970-01-01 (the inverse of [`Date::from_unix_days`]).
    fn unix_days(self) -> i64 {
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn days_in_month(self) -> u8 {
        match self.month {
            4 | 6 | 9 | 11 => 30,
            2 if self.year.is_multiple_of(4) && (!self.year.is_multiple_of(100) || self.year.is_multiple_of(400)) => 29,
            2 => 28,
            _ => 31,
        }
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
    fn parses_real_days_only() {
        assert_eq!(Date::parse("2027-03-31").unwrap(), Date { year: 2027, month: 3, day: 31 });
        assert_eq!(Date::parse("2028-02-29").unwrap().to_string(), "2028-02-29");
        for bad in [
            "2027-02-29",
            "2027-13-01",
            "2027-04-31",
            "2027-3-31",
            "27-03-31",
            "2027/03/31",
            "",
            "2027-00-10",
            "+027-01-01",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert!(Date::parse("1900-02-29").is_err());
        assert!(Date::parse("2000-02-29").is_ok());
    }

    #[test]
    fn unix_days_and_order() {
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_788).to_string(), "2026-12-01");
        assert_eq!(Date::from_unix_days(11_016).to_string(), "2000-02-29");
        assert!(Date::parse("2027-01-01").unwrap() > Date::parse("2026-12-31").unwrap());
        for days in [0, 1, 59, 60, 11_016, 20_788, 47_000, -1, -719_468] {
            assert_eq!(Date::from_unix_days(days).unix_days(), days);
        }
        let (a, b) = (Date::parse("2027-03-01").unwrap(), Date::parse("2027-02-14").unwrap());
        assert_eq!(a.days_since(b), 15);
        assert_eq!(b.days_since(a), -15);
    }
}

//! The run date (`as_of`, the catalog header), as a UTC calendar date: the compiler's [`Date`].

use std::time::{SystemTime, UNIX_EPOCH};

use stackc_core::domain::Date;

/// Today's date in UTC as `YYYY-MM-DD`.
pub fn today_utc() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Date::from_unix_days(i64::try_from(secs / 86_400).unwrap_or(0)).to_string()
}

/// Whether `text` is a `YYYY-MM-DD` date, a real day of a real month.
pub fn is_iso_date(text: &str) -> bool {
    Date::parse(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_a_date() {
        assert!(is_iso_date(&today_utc()), "{}", today_utc());
    }

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2026-01-15"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("2026-1-15"));
        assert!(!is_iso_date("2026-01-32"));
        assert!(!is_iso_date("2026-02-30"));
        assert!(!is_iso_date("yesterday!"));
    }
}

//! Decimal numbers as the Price List writes them (`"0.0960000000"`, `"16 GiB"`, `"1,952 GiB"`), normalized
//! as text: no float ever touches a price, so `0.0104` stays `0.0104`.

/// `text` as a plain decimal without leading or trailing zeros: `"0.0960000000"` → `"0.096"`,
/// `"16.0"` → `"16"`, `"007.50"` → `"7.5"`, `"0.0000000000"` → `"0"`. Thousands separators (`,`) are
/// dropped. `None` for anything that is not digits with at most one `.` (signs, exponents, `"NA"`).
pub fn normalize(text: &str) -> Option<String> {
    let text: String = text.trim().chars().filter(|&c| c != ',').collect();
    let (int, frac) = match text.split_once('.') {
        Some((int, frac)) => (int, frac),
        None => (text.as_str(), ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    Some(if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") })
}

/// Whether a normalized decimal is zero.
pub fn is_zero(normalized: &str) -> bool {
    normalized == "0"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_trailing_zeros_and_keeps_significant_ones() {
        assert_eq!(normalize("0.0960000000").as_deref(), Some("0.096"));
        assert_eq!(normalize("0.0104000000").as_deref(), Some("0.0104"));
        assert_eq!(normalize("0.0816000000").as_deref(), Some("0.0816"));
        assert_eq!(normalize("12.0000000000").as_deref(), Some("12"));
        assert_eq!(normalize("16").as_deref(), Some("16"));
        assert_eq!(normalize("0.5").as_deref(), Some("0.5"));
        assert_eq!(normalize("6.38").as_deref(), Some("6.38"));
        assert_eq!(normalize("100").as_deref(), Some("100"));
        assert_eq!(normalize("007.50").as_deref(), Some("7.5"));
        assert_eq!(normalize(".5").as_deref(), Some("0.5"));
        assert_eq!(normalize("3.").as_deref(), Some("3"));
    }

    #[test]
    fn zero_and_thousands_separators() {
        assert_eq!(normalize("0.0000000000").as_deref(), Some("0"));
        assert!(is_zero(&normalize("0.0000000000").unwrap_or_default()));
        assert!(!is_zero("0.001"));
        assert_eq!(normalize("1,952").as_deref(), Some("1952"));
        assert_eq!(normalize("3,904.5").as_deref(), Some("3904.5"));
    }

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for bad in ["", ".", "NA", "-1", "+1", "1e3", "1.2.3", "0x10", "1 2", "½"] {
            assert_eq!(normalize(bad), None, "{bad:?}");
        }
    }
}

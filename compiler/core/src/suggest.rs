//! "Did you mean" suggestions by edit distance.

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let score = strsim::jaro_winkler(name, c);
        let distance = strsim::levenshtein(name, c);
        let close = score >= 0.8 || distance <= 2 || (distance <= 3 && name.len() >= 8);
        if close && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// `Some("did you mean `x`?")` when a candidate is close to `name`.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(closest("databse", ["database", "cache"]), Some("database"));
        assert_eq!(closest("replica", ["replicas", "region"]), Some("replicas"));
        assert_eq!(closest("zzz", ["database", "cache"]), None);
        assert_eq!(closest("port", ["port"]), None);
    }
}

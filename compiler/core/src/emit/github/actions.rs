//! The third-party actions the workflows use, each pinned to a full commit SHA, from one table in the
//! repository (`compiler/core/data/actions.tsv`): updating an action is one line there.

/// The table: `action<TAB>version<TAB>sha`, `#` comments.
const TABLE: &str = include_str!("../../../data/actions.tsv");

/// `uses:` of `action` (`actions/checkout`, or a sub-action like `github/codeql-action/upload-sarif`,
/// pinned by its repository's row): `owner/repo[/path]@<sha>`, and the version for the comment.
/// `None` when the table has no row for it (a bug: the table test lists every action used).
pub fn pin(action: &str) -> Option<(String, &'static str)> {
    let repo: String = action.split('/').take(2).collect::<Vec<_>>().join("/");
    TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).find_map(|line| {
        let mut cols = line.split('\t');
        let (name, version, sha) = (cols.next()?, cols.next()?, cols.next()?);
        (name == repo).then(|| (format!("{action}@{sha}"), version))
    })
}

/// Every row, for the docs and the tests.
pub fn rows() -> Vec<(&'static str, &'static str, &'static str)> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| {
            let mut cols = line.split('\t');
            Some((cols.next()?, cols.next()?, cols.next()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_a_full_sha_and_a_version() {
        let rows = rows();
        assert!(!rows.is_empty());
        for (name, version, sha) in rows {
            assert_eq!(sha.len(), 40, "{name}: {sha}");
            assert!(sha.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{name}: {sha}");
            assert!(version.starts_with('v') || version.chars().next().is_some_and(|c| c.is_ascii_digit()), "{name}");
            assert_eq!(name.split('/').count(), 2, "{name}");
        }
        assert!(pin("github/codeql-action/upload-sarif")
            .is_some_and(|(u, _)| u.starts_with("github/codeql-action/upload-sarif@")));
    }
}

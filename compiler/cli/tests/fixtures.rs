//! Fixture tests of the front end.
//!
//! - `tests/check/err/*.stack.hcl` (or directories): every line with `# ERROR E0123` (or
//!   `# WARNING W0123`) must get exactly that diagnostic, starting on that line, and no line without a
//!   marker may get one. The rendered diagnostics are snapshotted in `snapshots/check/`.
//! - `tests/check/ok/*`: must compile with no diagnostics at all (built-in rules' findings aside).
//!
//! A fixture without its own `stack` block (and without a `# no-prelude` comment) is compiled with
//! `tests/check/prelude.stack.hcl` (a stack with dev, staging and prod environments) beside it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use stackc::render::render_human;
use stackc_core::{compile_with, Compilation, MemorySources, Options};
use stackc_syntax::Code;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fixture as in-memory sources under `stack/`.
fn load(path: &Path) -> MemorySources {
    let mut sources = MemorySources::new();
    let mut has_stack = false;
    let mut add = |name: String, text: String| {
        has_stack |= text.contains("stack \"");
        sources.add(name, text);
    };
    if path.is_dir() {
        for entry in walk(path) {
            let rel = entry.strip_prefix(path).unwrap().to_string_lossy().replace('\\', "/");
            add(format!("stack/{rel}"), std::fs::read_to_string(&entry).unwrap());
        }
    } else {
        add("stack/main.stack.hcl".into(), std::fs::read_to_string(path).unwrap());
    }
    // `# no-prelude` marks a fixture about a missing `stack` block.
    let no_prelude = !path.is_dir() && std::fs::read_to_string(path).unwrap().contains("# no-prelude");
    if !has_stack && !no_prelude {
        let prelude = std::fs::read_to_string(repo().join("tests/check/prelude.stack.hcl")).unwrap();
        sources.add("stack/prelude.stack.hcl", prelude);
    }
    sources
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Compiles a fixture as of 2026-12-01, so suppressions' `until` dates expire deterministically.
/// Findings of the built-in rules (P0002) are left out unless the fixture marks one: they are
/// tested by the rule fixtures and `tests/policy_parity.rs`, and every stack has some.
fn compile_fixture(sources: &MemorySources) -> Compilation {
    let today = stackc_core::domain::Date::parse("2026-12-01").ok();
    let mut c = compile_with(sources, "stack", &Options { today }).unwrap();
    let marks_rules =
        c.sources.iter().any(|(_, f)| f.text.contains("# ERROR P0002") || f.text.contains("# WARNING P0002"));
    if !marks_rules {
        c.diagnostics.retain(|d| d.code != Code::P0002);
    }
    c
}

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = repo().join("tests/check").join(kind);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.to_string_lossy().ends_with(".stack.hcl"))
        .collect();
    out.sort();
    out
}

fn fixture_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().trim_end_matches(".stack.hcl").to_owned()
}

/// (file, 1-based line, code) of every `# ERROR CODE` / `# WARNING CODE` marker.
fn expected_markers(sources: &MemorySources, files: &[String]) -> BTreeSet<(String, u32, String)> {
    let mut out = BTreeSet::new();
    for f in files {
        let text = stackc_core::SourceProvider::read(sources, f).unwrap();
        for (i, line) in text.lines().enumerate() {
            for marker in ["# ERROR ", "# WARNING "] {
                let mut rest = line;
                while let Some(pos) = rest.find(marker) {
                    rest = &rest[pos + marker.len()..];
                    let code: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                    out.insert((f.clone(), i as u32 + 1, code));
                }
            }
        }
    }
    out
}

#[test]
fn error_fixtures_report_exactly_their_markers() {
    let mut failures = Vec::new();
    let all = fixtures("err");
    assert!(all.len() >= 60, "expected at least 60 error fixtures, found {}", all.len());
    for path in all {
        let name = fixture_name(&path);
        let sources = load(&path);
        let compilation = compile_fixture(&sources);
        let files: Vec<String> =
            compilation.sources.iter().map(|(_, f)| f.path.clone()).filter(|p| p.starts_with("stack/")).collect();
        let expected = expected_markers(&sources, &files);
        // One mistake is one diagnostic: the same report twice is a failure.
        let mut seen = BTreeSet::new();
        for d in &compilation.diagnostics {
            if !seen.insert((d.code, d.span(), d.message.clone())) {
                failures.push(format!("{name}: reported twice: {} {}", d.code, d.message));
            }
        }
        let mut actual = BTreeSet::new();
        for d in &compilation.diagnostics {
            match d.span().and_then(|s| compilation.sources.get(s.file).map(|f| (f, s))) {
                Some((file, span)) => {
                    actual.insert((file.path.clone(), file.line_col(span.start).0 + 1, d.code.as_str().to_owned()));
                }
                None => failures.push(format!("{name}: diagnostic without a span: {} {}", d.code, d.message)),
            }
        }
        if expected.is_empty() {
            failures.push(format!("{name}: no `# ERROR` markers"));
        }
        if expected != actual {
            let missing: Vec<_> = expected.difference(&actual).collect();
            let extra: Vec<_> = actual.difference(&expected).collect();
            failures.push(format!(
                "{name}:\n  expected but not reported: {missing:?}\n  reported but not expected: {extra:?}"
            ));
            continue;
        }
        let rendered: String = compilation
            .diagnostics
            .iter()
            .map(|d| render_human(d, &compilation.sources, false))
            .collect::<Vec<_>>()
            .join("\n");
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(repo().join("snapshots/check"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(name, rendered));
    }
    assert!(failures.is_empty(), "{} fixture(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn ok_fixtures_are_clean() {
    let mut failures = Vec::new();
    for path in fixtures("ok") {
        let sources = load(&path);
        let compilation = compile_fixture(&sources);
        for d in &compilation.diagnostics {
            failures.push(format!("{}: {}", fixture_name(&path), render_human(d, &compilation.sources, false)));
        }
        assert!(!compilation.environments.is_empty(), "{}: no environments evaluated", fixture_name(&path));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every code has an error fixture (its page is guaranteed by `Code`: a code without a page does
/// not compile).
#[test]
fn every_code_is_covered_by_a_fixture() {
    let mut covered = BTreeSet::new();
    for path in fixtures("err") {
        let text = if path.is_dir() {
            walk(&path).iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
        } else {
            std::fs::read_to_string(&path).unwrap()
        };
        for marker in ["# ERROR ", "# WARNING "] {
            for (i, _) in text.match_indices(marker) {
                covered.insert(text[i + marker.len()..].chars().take(5).collect::<String>());
            }
        }
    }
    // E0601 is about the standard library's own kind definitions, E0004 (an unreadable file) cannot
    // happen with in-memory sources (`tests/cli.rs` covers it through the binary), and E0901 is an
    // internal error no stack can cause.
    let uncovered: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !["E0601", "E0004", "E0901"].contains(c) && !covered.contains(*c))
        .collect();
    assert!(uncovered.is_empty(), "codes without an error fixture: {uncovered:?}");
    let unknown: Vec<&String> = covered.iter().filter(|c| Code::parse(c).is_none()).collect();
    assert!(unknown.is_empty(), "fixture markers name codes that do not exist: {unknown:?}");
}

//! `docs/diagnostics/README.md`, the index of every diagnostic code, is generated from [`Code::ALL`]
//! and must match it. `STACKC_UPDATE_DOCS=1 cargo test -p stackc-syntax --test diagnostics_index`
//! rewrites it.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests and build scripts may use files

use std::fmt::Write as _;

use stackc_syntax::Code;

const PREAMBLE: &str = "# Diagnostics

Every diagnostic has a stable code, a message, labelled spans in the stack source, and usually a help line \
with a concrete fix. `stackc explain CODE` prints the page of a code; these pages are that text. This index is \
generated from the compiler's list of codes (`compiler/syntax/src/code.rs`); do not edit it by hand.

`stackc check --format json` prints the same diagnostics as JSON (1-based lines and columns). Exit codes: \
**0** clean, **1** errors found (or warnings, with `--deny-warnings`), **2** usage or I/O failure (a directory \
that cannot be read, an unknown command).

Problems found while evaluating environments are reported once per place; a note names the environments when \
not all of them are affected.
";

fn render() -> String {
    let mut out = String::from(PREAMBLE);
    let mut group = "";
    for code in Code::ALL {
        if code.group() != group {
            group = code.group();
            let _ = write!(out, "\n## {group}\n\n| code | severity | title |\n|---|---|---|\n");
        }
        let _ = writeln!(out, "| [{0}]({0}.md) | {1} | {2} |", code.as_str(), code.severity().as_str(), code.title());
    }
    out
}

#[test]
fn diagnostics_index_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/diagnostics/README.md");
    let expected = render();
    if std::env::var_os("STACKC_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap();
    assert!(actual == expected, "docs/diagnostics/README.md is stale: run with STACKC_UPDATE_DOCS=1");
}

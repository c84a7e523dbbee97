//! The direct parser gives exactly the tree hcl-edit and the lowering give — the same nodes, the same
//! spans — for everything it accepts, and nothing for the rest (which hcl-edit then parses): on every
//! stack file of the repository, on those files with one byte changed, and on generated expressions.

#![allow(clippy::disallowed_methods)] // a test reads the repository's stack files

use proptest::prelude::*;
use stackc_syntax::parsers::{direct, hcl_edit};
use stackc_syntax::{FileId, SourceFile, SourceMap};

fn file_id() -> FileId {
    SourceMap::new().add(SourceFile::new("f.stack.hcl", String::new()))
}

/// Asserts the parsers agree on `text`; whether the direct parser took it.
fn agree(text: &str) -> bool {
    let file = file_id();
    let Some(body) = direct(file, text, 0) else { return false };
    let (want, diags) = hcl_edit(file, text);
    assert!(diags.is_empty(), "the direct parser accepted what hcl-edit reports:\n{text}\n{diags:?}");
    assert!(want.broken.is_empty(), "the direct parser accepted a broken file:\n{text}");
    assert_eq!(format!("{body:#?}"), format!("{:#?}", want.body), "trees differ for:\n{text}");
    true
}

fn repo() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stack_files() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs: Vec<std::path::PathBuf> =
        ["stdlib", "examples", "modules", "environments", "tests"].iter().map(|d| repo().join(d)).collect();
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "hcl") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.display().to_string(), text));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_stack_file_of_the_repository_parses_the_same() {
    let files = stack_files();
    assert!(files.len() > 150, "found only {} files", files.len());
    let mut taken = 0;
    for (path, text) in &files {
        if agree(text) {
            taken += 1;
        } else {
            // The standard library and the examples are read directly on every run.
            assert!(!path.contains("/stdlib/") && !path.contains("/examples/"), "not read directly: {path}");
        }
    }
    // The rest are the error fixtures (and the odd forms left to hcl-edit).
    assert!(taken * 10 > files.len() * 7, "read directly: {taken} of {}", files.len());
}

#[test]
fn forms_read_directly_and_their_spans() {
    for src in [
        "a = 1\n",
        "a = -1.5\nb = - 2\n",
        "a = x.y[0].z\nb = (x).y\nc = (a + b) * c - d / e % f\n",
        "a = !x.y && (b || c) == d\n",
        "a = p ? q : r ? s : t\n",
        "a = p + 1 ? [1, 2,] : { x = 1, \"y\" : 2 }\n",
        "a = f()\nb = f(1, \"two\", [3],)\nc = f (x)\n",
        "a = [for x in xs : x.name if x.on]\nb = {for k, v in m : k => v}\n",
        "a = \"a${b}c${d.e} \\\"q\\\" \\n $x %y\"\n",
        "block \"l1\" l2 {\n  inner {\n    x = 1 # c\n  }\n  one { y = 2 }\n  empty {}\n}\n",
        "// c\n# c\n/* c\n*/ a = 1 // c\r\nb = {\n  a = 1 # c\n  b = 2\n}\n",
        "a = [\n  1,\n  # c\n  2\n]\n",
        "a = db-0.url\nb = x - 1\n",
        "",
        "a = 1",
    ] {
        assert!(agree(src), "not read directly:\n{src}");
    }
}

#[test]
fn what_is_left_to_hcl_edit() {
    for src in [
        "a = 1\na = 2\n",               // repeated attribute
        "a = { x = 1, x = 2 }\n",       // repeated key
        "a = { (k) = 1 }\n",            // computed key
        "a = x[*].y\n",                 // splat
        "a = \"%{if x}y%{endif}\"\n",   // directive
        "a = <<EOT\nx\nEOT\n",          // heredoc
        "a = x /* c */ + 1\n",          // comment inside an expression
        "a = \"\\u00e9\"\n",            // unicode escape
        "a = 1e3\n",                    // exponent
        "a = f(xs...)\n",               // expansion
        "a = x.0\n",                    // legacy index
        "a = (x\n  + 1)\n",             // an operator after a newline
        "a = b\nc {\n",                 // unclosed block
        "é = 1\n",                      // non-ASCII identifier
        "a = \"${~ x ~}\"\n",           // strip markers
        "a = {\n  # c\n  for = 1\n}\n", // `for` after a comment: hcl-edit reads a `for` expression
        "# a\rb\nx = 1\n",              // a carriage return alone ends no comment
        "x = 1 # a\r",
        "a {\r}\n}\n", // nor a block's first line
    ] {
        assert!(direct(file_id(), src, 0).is_none(), "read directly:\n{src}");
    }
}

#[test]
fn operators_beyond_what_hcl_edit_allows_are_left_to_it() {
    // hcl-edit counts binary operators along every path of an attribute's value (128 at most).
    let chain = "+x".repeat(43);
    let src = format!("a = ((x{chain}){chain}){chain}\n");
    assert!(direct(file_id(), &src, 0).is_none());
    assert!(agree(&format!("a = (x{}){}\n", "+x".repeat(20), "+x".repeat(20))));
}

#[test]
fn spans_are_shifted_by_the_offset() {
    let file = file_id();
    let a = direct(file, "a = x.y + 1\n", 0).unwrap();
    let b = direct(file, "a = x.y + 1\n", 100).unwrap();
    let (sa, sb) = (&a.attributes[0].value.span, &b.attributes[0].value.span);
    assert_eq!((sb.start - sa.start, sb.end - sa.end), (100, 100));
}

fn expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_owned()),
        Just("db-0".to_owned()),
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("12".to_owned()),
        Just("0.5".to_owned()),
        Just("\"s\"".to_owned()),
        Just("\"a${x}b\"".to_owned()),
        Just("-3".to_owned()),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        let sp = prop_oneof![Just(""), Just(" "), Just("  ")];
        let ws = prop_oneof![Just(""), Just(" "), Just("\n"), Just(" # c\n "), Just("\n// c\n")];
        let op = prop_oneof![
            Just("+"),
            Just("-"),
            Just("*"),
            Just("/"),
            Just("%"),
            Just("=="),
            Just("!="),
            Just("<"),
            Just("<="),
            Just(">"),
            Just(">="),
            Just("&&"),
            Just("||")
        ];
        prop_oneof![
            (inner.clone(), sp.clone(), op, sp.clone(), inner.clone())
                .prop_map(|(a, s1, o, s2, b)| format!("{a}{s1}{o}{s2}{b}")),
            (inner.clone(), inner.clone(), inner.clone()).prop_map(|(a, b, c)| format!("{a} ? {b} : {c}")),
            (ws.clone(), inner.clone(), ws.clone()).prop_map(|(w1, a, w2)| format!("({w1}{a}{w2})")),
            inner.clone().prop_map(|a| format!("!{a}")),
            inner.clone().prop_map(|a| format!("-{a}")),
            (inner.clone(), sp.clone()).prop_map(|(a, s)| format!("{a}{s}.name")),
            (inner.clone(), inner.clone()).prop_map(|(a, i)| format!("{a}[{i}]")),
            prop::collection::vec((ws.clone(), inner.clone()), 0..3).prop_map(|items| {
                let parts: Vec<String> = items.into_iter().map(|(w, e)| format!("{w}{e}")).collect();
                format!("[{}]", parts.join(","))
            }),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|items| {
                let parts: Vec<String> = items.iter().enumerate().map(|(i, e)| format!("k{i} = {e}")).collect();
                format!("{{ {} }}", parts.join(", "))
            }),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("f({a}, {b})")),
            (inner.clone(), inner.clone()).prop_map(|(c, v)| format!("[for x in {c} : {v} if x]")),
            inner.clone().prop_map(|a| format!("\"p${{{a}}}q\"")),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn generated_expressions_parse_the_same(e in expr(), block in any::<bool>()) {
        let src = if block { format!("b \"l\" {{\n  a = {e}\n}}\n") } else { format!("a = {e}\n") };
        agree(&src);
    }

    #[test]
    fn repository_files_with_one_byte_changed_parse_the_same(
        pick in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        byte in prop::sample::select(b" \n\r\"{}[]()=.,:?!-+#/\\$%a0".to_vec()),
        delete in any::<bool>(),
    ) {
        thread_local!(static FILES: Vec<(String, String)> = stack_files());
        let text = FILES.with(|f| f[pick.index(f.len())].1.clone());
        let mut bytes = text.into_bytes();
        let at = at.index(bytes.len() + 1);
        if delete && at < bytes.len() {
            bytes.remove(at);
        } else {
            bytes.insert(at, byte);
        }
        if let Ok(text) = String::from_utf8(bytes) {
            agree(&text);
        }
    }
}

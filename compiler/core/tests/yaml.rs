//! The fast YAML writer (`emit::yaml`) against serde_saphyr, which it must match byte for byte: on
//! every YAML document the targets write for the examples, and on strings chosen to be read as
//! something else than a string (numbers, booleans, dates, indicators, line breaks).

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests may use files

mod common;

use serde_json::{json, Value};
use stackc_core::compile;
use stackc_core::emit::{self, yaml};

fn saphyr(v: &Value) -> String {
    serde_saphyr::to_string_with_options(v, emit::yaml_options()).unwrap()
}

fn same(v: &Value) -> bool {
    let fast = yaml::to_string(v).unwrap();
    assert_eq!(fast, saphyr(v), "the fast writer differs from serde_saphyr on {v}");
    yaml::fast(v).is_some()
}

const TRICKY: &[&str] = &[
    "",
    " ",
    "0",
    "00",
    "-0",
    "1",
    "-1",
    "+1",
    "1.5",
    ".5",
    "5.",
    "1e3",
    "1E3",
    "0x1F",
    "0o17",
    "0b1",
    "1_000",
    "1:20",
    "1:20:30",
    "2001-12-14",
    "2001-12-14t21:59:43.10-05:00",
    "250m",
    "256Mi",
    "25%",
    "1.0.0",
    "0.0.0.0/0",
    "10.0.0.0/16",
    "y",
    "Y",
    "n",
    "yes",
    "Yes",
    "NO",
    "on",
    "Off",
    "true",
    "True",
    "FALSE",
    "null",
    "Null",
    "~",
    "nan",
    ".nan",
    ".NaN",
    "inf",
    ".inf",
    "-.inf",
    "Infinity",
    "a: b",
    "a:b",
    "a :b",
    "a:",
    ":a",
    "- a",
    "-a",
    "-",
    "--",
    "---",
    "...",
    "#a",
    "a #b",
    "a#b",
    "@a",
    "`a",
    "!a",
    "&a",
    "*a",
    "|",
    ">",
    "%a",
    "'a",
    "\"a",
    "a'b",
    "a\"b",
    "a\nb",
    "a\n",
    "\n",
    "a\tb",
    "\t",
    "a\\b",
    " lead",
    "trail ",
    "[a]",
    "{a}",
    "a,b",
    "a]",
    "?",
    "? a",
    "é",
    "naïve",
    "日本",
    "\u{7f}",
    "\u{0}",
    "\u{feff}a",
    "\u{85}",
    "\u{2028}",
    "kube-dns",
    "app.kubernetes.io/name",
    "/healthz",
    "/",
    "//",
    "a/b",
    "_a",
    ".a",
    "a.",
    "registry.example.com/team0/svc-0:1.0.0",
    "ghcr.io/acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "$HOME",
    "${{ secrets.X }}",
    "{{ .Values.x }}",
    "CKV_K8S_21",
    "DATABASE_URL",
    "x=y",
    "a b",
    "a  b",
    "<<",
    "=",
    "a@b",
    "@",
    "a:b:c",
    "a:1",
    "a::b",
    "a:/b",
    "a:-b",
    "http://x",
    "a:b ",
    "a: ",
    "a:\tb",
    "y:1",
    "on:off",
    "a@",
    "a/:b",
];

#[test]
fn tricky_strings_as_values_and_list_items() {
    for s in TRICKY {
        let doc = json!({ "key": s, "list": [s, { "nested": s, "other": [s] }], "z": { "deep": { "deeper": s } } });
        same(&doc);
    }
}

#[test]
fn tricky_strings_as_keys_fall_back_or_match() {
    let long = "k".repeat(1025); // written as an explicit `? key` by serde_saphyr
    for s in TRICKY.iter().copied().chain([long.as_str(), &long[..1024]]) {
        same(&json!({ s: 1, "b": { s: [true, null] }, "v": s }));
    }
}

#[test]
fn shapes() {
    let docs = [
        json!({ "a": [], "b": {}, "c": null, "d": [[]], "e": [{}], "f": [[1, 2]], "g": -3, "h": 18446744073709551615u64 }),
        json!({ "floats": 1.5 }),
        json!({ "ints": [0, 7, 10, -10, 65535, 1_000_000, i64::MIN, i64::MAX], "min": i64::MIN, "zero": 0 }),
        json!({ "list": [{ "a": 1, "b": [{ "c": [1, { "d": 2 }] }] }, "x", 3, false] }),
        json!({ "one": { "two": { "three": { "four": [{ "five": {} }] } } } }),
    ];
    for doc in &docs {
        same(doc);
    }
    // A typical values file takes the fast path (a test that could pass with the writer never used
    // would prove nothing).
    assert!(same(&json!({ "name": "api", "labels": { "app.kubernetes.io/name": "api" }, "port": 8080 })));
}

/// Every YAML file the targets write for the examples, read back as JSON values (key order kept),
/// written by both.
#[test]
fn every_generated_document_of_the_examples() {
    let mut fast_docs = 0;
    for example in ["platform", "product", "static-site"] {
        let c = compile(&common::example_sources(example), &format!("examples/{example}")).unwrap();
        assert!(!c.has_errors(), "{:?}", c.diagnostics);
        for a in emit::build(&c, None).unwrap() {
            if !(a.path.ends_with(".yaml") || a.path.ends_with(".yml")) {
                continue;
            }
            let Ok(doc) = serde_saphyr::from_str::<Value>(&a.contents) else { continue };
            if same(&doc) {
                fast_docs += 1;
            }
        }
    }
    assert!(fast_docs > 50, "only {fast_docs} documents took the fast path");
}

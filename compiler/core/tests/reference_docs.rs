//! `docs/reference.md` — kinds, profiles and functions — is generated from the embedded standard
//! library and must match it. `STACKC_UPDATE_DOCS=1 cargo test -p stackc-core --test reference_docs`
//! rewrites it.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests and build scripts may use files

use std::fmt::Write as _;

use stackc_core::schema::{CheckDef, Constraints, DefaultValue};
use stackc_core::value::Value;
use stackc_syntax::Severity;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// An attribute's limits as one table cell: "1 to 65535; at most 63 characters; …", or empty.
fn limits(c: &Constraints) -> String {
    let mut parts: Vec<String> = Vec::new();
    match (&c.min, &c.max) {
        (Some(min), Some(max)) => parts.push(format!("{min} to {max}")),
        (Some(min), None) => parts.push(format!("at least {min}")),
        (None, Some(max)) => parts.push(format!("at most {max}")),
        (None, None) => {}
    }
    match (c.min_length, c.max_length) {
        (Some(min), Some(max)) if min == max => parts.push(format!("exactly {min} characters")),
        (Some(min), Some(max)) => parts.push(format!("{min} to {max} characters")),
        (Some(min), None) => parts.push(format!("at least {min} characters")),
        (None, Some(max)) => parts.push(format!("at most {max} characters")),
        (None, None) => {}
    }
    if let Some(p) = &c.pattern {
        parts.push(p.doc.clone());
    }
    if let Some((lo, hi)) = c.prefix {
        parts.push(format!("prefix /{lo} to /{hi}"));
    }
    match (c.min_items, c.max_items) {
        (Some(min), Some(max)) => parts.push(format!("{min} to {max} items")),
        (Some(min), None) => parts.push(format!("at least {min} items")),
        (None, Some(max)) => parts.push(format!("at most {max} items")),
        (None, None) => {}
    }
    if let Some(p) = &c.key_pattern {
        parts.push(format!("keys: {}", p.doc));
    }
    cell(&parts.join("; "))
}

fn attribute_table(out: &mut String, attrs: &stackc_core::schema::AttrMap, sources: &stackc_syntax::SourceMap) {
    out.push_str("| attribute | type | default | limits | meaning |\n|---|---|---|---|---|\n");
    for a in attrs.values() {
        let default = match &a.default {
            DefaultValue::Required => "**required**".to_owned(),
            DefaultValue::Null => "none".to_owned(),
            DefaultValue::Expr(e) => format!("`{}`", cell(sources.slice(e.span))),
        };
        let mut doc = cell(&a.doc);
        if a.deferred {
            doc.push_str(" May be a value known after apply.");
        }
        let ty = cell(&a.ty.to_string());
        let _ = writeln!(out, "| `{}` | `{ty}` | {default} | {} | {doc} |", a.name, limits(&a.constraints));
    }
}

/// The rules (`check` blocks) over a kind or block: what each requires and the service rule it cites.
fn rules_list(out: &mut String, checks: &[CheckDef], sources: &stackc_syntax::SourceMap) {
    if checks.is_empty() {
        return;
    }
    out.push_str("\nRules, checked in every environment:\n\n");
    for c in checks {
        let when = c.when.as_ref().map(|w| format!(" when `{}`", cell(sources.slice(w.span)))).unwrap_or_default();
        let severity = if c.severity == Severity::Warning { "warning" } else { "error" };
        let _ = writeln!(
            out,
            "- `{}` ({severity} {}){when}: `{}`. {}",
            c.name,
            c.code.as_str(),
            cell(sources.slice(c.assert.span)),
            cell(&c.doc)
        );
    }
}

fn render() -> String {
    let (program, sources, diags) = stackc_core::stdlib();
    assert!(diags.is_empty(), "the standard library has diagnostics: {diags:?}");
    let mut out = String::from(
        "# Reference: kinds, profiles, functions\n\n\
         Generated from the standard library embedded in stackc (`stdlib/`, `environments/`); do not edit by hand.\n\n",
    );
    let realised: Vec<_> = stackc_core::emit::TARGETS.iter().map(|t| t.realises()).collect();
    out.push_str("## Kinds\n\n| kind | realised on | what it is |\n|---|---|---|\n");
    for kind in program.kinds.values() {
        let _ = writeln!(out, "| [`{0}`](#{0}) | {1} | {2} |", kind.name, kind.target.as_str(), cell(&kind.doc));
    }
    for kind in program.kinds.values() {
        let _ = write!(out, "\n### {}\n\n{}\n\nRealised on: {}.", kind.name, kind.doc, kind.target.as_str());
        if !kind.groups.is_empty() {
            let groups: Vec<String> = kind.groups.iter().map(|g| format!("[`{g}`](#group-{g})")).collect();
            let _ = write!(out, " Includes the attribute groups {}.", groups.join(", "));
        }
        if !realised.contains(&kind.target) {
            let _ = write!(out, " `stackc build` does not generate {} resources yet.", kind.target.as_str());
        }
        out.push_str("\n\n");
        attribute_table(&mut out, &kind.attributes, &sources);
        for b in kind.blocks.values() {
            let labels: String = b.labels.iter().map(|l| format!(" \"<{l}>\"")).collect();
            let count = match (b.min, b.max) {
                (0, None) => "any number".to_owned(),
                (min, None) => format!("at least {min}"),
                (0, Some(max)) => format!("at most {max}"),
                (min, Some(max)) => format!("{min} to {max}"),
            };
            let _ = write!(out, "\nBlock `{}{labels} {{ … }}` ({count}): {}\n\n", b.name, b.doc);
            attribute_table(&mut out, &b.attributes, &sources);
            rules_list(&mut out, &b.checks, &sources);
        }
        rules_list(&mut out, &kind.checks, &sources);
        if !kind.outputs.is_empty() {
            out.push_str("\nOutputs (known after apply):\n\n| output | meaning |\n|---|---|\n");
            for o in kind.outputs.values() {
                let _ = writeln!(out, "| `{}` | {} |", o.name, cell(&o.doc));
            }
        }
    }
    out.push_str(
        "\n## Attribute groups\n\nAttributes several kinds share, declared once in `stdlib/groups/` and taken in with \
         `include`. A kind may give an included attribute another default (the kind tables above show the \
         default that applies).\n",
    );
    for group in program.groups.values() {
        let _ = write!(out, "\n### group {}\n\n{}\n\n", group.name, group.doc);
        let users: Vec<String> = program
            .kinds
            .values()
            .filter(|k| k.groups.contains(&group.name))
            .map(|k| format!("[`{0}`](#{0})", k.name))
            .collect();
        let _ = write!(out, "Included by {}.\n\n", users.join(", "));
        let attrs: Vec<String> = group.attributes.keys().map(|a| format!("`{a}`")).collect();
        let blocks: Vec<String> = group.blocks.keys().map(|b| format!("`{b}`")).collect();
        let _ = write!(out, "Attributes: {}.", attrs.join(", "));
        if !blocks.is_empty() {
            let _ = write!(out, " Blocks: {}.", blocks.join(", "));
        }
        out.push('\n');
    }
    out.push_str(
        "\n## Profiles\n\nWhat each built-in profile sets; kind defaults read them as `profile.<field>`.\n\n| field |",
    );
    let builtins: Vec<_> = program.profiles.values().filter(|p| p.builtin).collect();
    for p in &builtins {
        let _ = write!(out, " {} |", p.name);
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(builtins.len()));
    out.push('\n');
    if let Some(first) = builtins.first() {
        for field in first.fields.keys() {
            let _ = write!(out, "| `{field}` |");
            for p in &builtins {
                let v = p.fields.get(field).map_or(Value::Null, |(v, _)| v.clone());
                let _ = write!(out, " `{}` |", cell(&v.to_string()));
            }
            out.push('\n');
        }
    }
    out.push_str("\n## Functions\n\n| function | signature | what it does |\n|---|---|---|\n");
    for (name, sig, doc) in stackc_core::functions::FUNCTIONS {
        let _ = writeln!(out, "| `{name}` | `{sig}` | {doc} |");
    }
    out
}

#[test]
fn reference_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/reference.md");
    let rendered = render();
    if std::env::var_os("STACKC_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &rendered).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == rendered,
        "docs/reference.md is stale: run `STACKC_UPDATE_DOCS=1 cargo test -p stackc-core --test reference_docs`"
    );
}
